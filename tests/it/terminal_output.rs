//! Issue 7 §4: text from the vault (names, labels, descriptions) reaches a terminal or a line of
//! stdout only escaped: no newline can forge a row of a report, no bidirectional control or
//! invisible character can disguise one, and no length makes the table code panic. A vault file
//! may have been written by someone else, so these tests edit the rows with SQLite directly.

use crate::common::{TestEnv, stderr, stdout};
use serde_json::Value;

/// A hostile name: a newline followed by what looks like a `check` finding, and a right-to-left
/// override.
const FORGED: &str = "prod.Y\nmissing  prod.X\u{202e}";
const FORGED_SHOWN: &str = "prod.Y\\u{a}missing  prod.X\\u{202e}";

/// Inserts a secret row named `name` (with a version row, whose bogus ciphertext only a command
/// that decrypts would notice), last updated `age_days` ago with a one-day rotation period.
fn insert_secret(env: &TestEnv, name: &str, description: &str, age_days: i64) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let updated = now - age_days * 86_400;
    let db = env.sql();
    db.execute(
        "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at, version, kept_from)
         VALUES (?1, ?2, 86400, ?3, ?3, 1, 1)",
        rusqlite::params![name, description, updated],
    )
    .unwrap();
    db.execute(
        "INSERT INTO versions VALUES (?1, 1, 1, ?2, zeroblob(12), zeroblob(48), 0)",
        rusqlite::params![name, updated],
    )
    .unwrap();
}

/// Neither a raw control character (other than the newline ending each line) nor a bidi or
/// invisible character.
fn assert_inert(text: &str, what: &str) {
    let bad = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{061c}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}')
            || matches!(c, '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
    };
    assert!(!text.contains(bad), "{what}: {text:?}");
}

#[test]
fn a_hostile_name_cannot_forge_a_check_finding() {
    let env = TestEnv::with_vault();
    insert_secret(&env, FORGED, "", 10);
    let out = env.bare_cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let text = stdout(&out);
    assert_inert(&text, "check");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "one finding, one line: {text:?}");
    assert!(
        lines[0].starts_with(&format!(
            "overdue  {FORGED_SHOWN}  rotation every 1d was due "
        )),
        "{text:?}"
    );
    // JSON carries the exact name; a script reading it sees what is stored.
    let json = env.bare_cmd(&["check", "--json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["overdue"][0]["name"], FORGED);
    assert_eq!(report["missing"], serde_json::json!([]));
}

#[test]
fn list_shows_one_line_per_secret_with_names_and_descriptions_escaped() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    insert_secret(&env, FORGED, "line one\nB  1  forged\u{200b}\u{feff}", 0);
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_inert(&text, "list");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {text:?}");
    assert!(lines[1].starts_with("A "), "{text:?}");
    assert!(lines[2].starts_with(FORGED_SHOWN), "{text:?}");
    assert!(
        lines[2].ends_with("  line one\\u{a}B  1  forged\\u{200b}\\u{feff}"),
        "{text:?}"
    );
}

#[test]
fn slot_labels_are_escaped_in_slot_list_and_messages() {
    let env = TestEnv::with_vault();
    env.sql()
        .execute(
            "UPDATE slots SET label = ?1",
            ["ci\nroot  key  hkdf-sha256\u{2066}"],
        )
        .unwrap();
    let out = env.bare_cmd(&["slot", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_inert(&text, "slot list");
    assert_eq!(text.lines().count(), 2, "a header and one slot: {text:?}");
    assert!(
        text.contains("\nci\\u{a}root  key  hkdf-sha256\\u{2066}  key "),
        "{text:?}"
    );
    // The label also appears in the error of any command that unlocks: the edit breaks the
    // slot's binding.
    let out = env
        .cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", "2e".repeat(32))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_inert(&stderr(&out), "rotate-master");
    assert!(
        stderr(&out)
            .starts_with("error: unlock slot \"ci\\nroot  key  hkdf-sha256\\u{2066}\" (its label"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
}

#[test]
fn verify_reports_a_hostile_name_on_one_line() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    insert_secret(
        &env,
        "B version 1: x\nchecked 9 unlock slots: all ok\u{202d}",
        "",
        0,
    );
    let out = env.cmd(&["verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let text = stdout(&out);
    assert_inert(&text, "verify stdout");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "one failure and the summary: {text:?}");
    assert!(
        lines[0].starts_with("FAILED  secret B version 1: x\\u{a}checked"),
        "{text:?}"
    );
    assert!(lines[1].starts_with("checked 1 unlock slot"), "{text:?}");
    let err = stderr(&out);
    assert_inert(&err, "verify stderr");
    assert_eq!(err.lines().count(), 2, "an error line and a hint: {err:?}");
}

#[test]
fn an_error_naming_a_hostile_secret_stays_one_line() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    // Renamed behind sealbox's back: its value no longer authenticates, and the error names it.
    let renamed = "A\nhint: run 'rm -rf ~'\u{202e}";
    let db = env.sql();
    for table in ["secrets", "versions"] {
        db.execute(&format!("UPDATE {table} SET name = ?1"), [renamed])
            .unwrap();
    }
    let out = env
        .cmd(&["export", "--format", "env", "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let err = stderr(&out);
    assert_inert(&err, "export stderr");
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with(
            "error: the stored state of A\\u{a}hint: run 'rm -rf ~'\\u{202e} (its version or metadata)"
        ),
        "{err:?}"
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.starts_with("hint: the vault file")),
        "{err:?}"
    );
}

#[test]
fn no_length_of_name_label_or_description_breaks_the_tables() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    // Longer than the 65,535 a runtime format width may be, and than any valid name.
    let long_name = "N".repeat(70_000);
    let long_text = "d".repeat(200_000);
    insert_secret(&env, &long_name, &long_text, 10);
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{}", &text[..200]);
    // The long name overflows its own row; it does not widen the others.
    assert!(lines[0].len() < 200, "{}", lines[0]);
    assert!(lines[1].len() < 200, "{}", lines[1]);
    assert!(lines[2].starts_with(&long_name) && lines[2].ends_with(&long_text));
    let out = env.bare_cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert!(stdout(&out).contains(&long_name));

    env.sql()
        .execute("UPDATE slots SET label = ?1", ["L".repeat(70_000)])
        .unwrap();
    let out = env.bare_cmd(&["slot", "list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().len() < 200, "{}", &text[..200]);
    assert!(text.contains(&"L".repeat(70_000)));
}

#[test]
fn init_label_follows_the_slot_add_rule() {
    let env = TestEnv::new();
    let rule = "use 1 to 64 printable characters without leading or trailing spaces";
    for label in [
        "",
        " padded",
        "two\nlines",
        "rtl\u{202e}",
        "zero\u{200b}width",
        &"x".repeat(65),
    ] {
        let out = env.cmd(&["init", "--label", label]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{label:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.starts_with("error: invalid slot label ") && err.ends_with(&format!("{rule}\n")),
            "{err}"
        );
        assert_inert(&err, "init --label");
        assert_eq!(
            env.all_files(),
            Vec::<std::path::PathBuf>::new(),
            "{label:?}"
        );
        // slot add refuses the same labels (checked before any credential is needed).
    }
    env.cmd(&["init", "--label", "ci laptop"]).assert().code(0);
    for label in ["two\nlines", "rtl\u{202e}", &"x".repeat(65)] {
        let out = env
            .cmd(&["slot", "add", "--label", label])
            .env("SEALBOX_NEW_KEY", "2e".repeat(32))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{label:?}: {}", stderr(&out));
        assert!(stderr(&out).ends_with(&format!("{rule}\n")));
    }
    let json = env.bare_cmd(&["slot", "list", "--json"]).output().unwrap();
    let slots: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(slots.len(), 1);
    assert_eq!(slots[0]["label"], "ci laptop");
}
