//! Acceptance 2: `list` needs no credential and never prints a value; `delete` of a missing name
//! is exit 3 and deletes nothing (all or nothing), unless `--ignore-missing`.

use crate::common::{TestEnv, contains, stderr, stdout};
use serde_json::Value;

fn is_rfc3339_utc(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

#[test]
fn list_without_a_credential_shows_metadata_and_never_a_value() {
    let env = TestEnv::with_vault();
    let canary_a = TestEnv::canary("list-a");
    let canary_b = TestEnv::canary("list-b");
    env.set("app.A", &canary_a);
    env.cmd(&[
        "set",
        "app.B",
        "--description",
        "the B token",
        "--rotate-every",
        "90d",
    ])
    .write_stdin(canary_b.clone())
    .assert()
    .success();
    env.set("other", b"x");
    let before = env.vault_files();

    let text = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(text.status.code(), Some(0), "{}", stderr(&text));
    assert_eq!(stderr(&text), "");
    let lines: Vec<&str> = std::str::from_utf8(&text.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(lines[0].starts_with("NAME"));
    assert!(lines[1].starts_with("app.A "));
    assert!(lines[2].starts_with("app.B ") && lines[2].ends_with("the B token"));
    assert!(lines[3].starts_with("other "));

    let json = env.bare_cmd(&["list", "--json"]).output().unwrap();
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    assert_eq!(stderr(&json), "");
    for out in [&text.stdout, &json.stdout] {
        assert!(!contains(out, &canary_a) && !contains(out, &canary_b));
        assert!(!contains(out, b"CANARY"));
    }
    let entries: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(entries.len(), 3);
    let mut fields: Vec<&str> = entries[1]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    fields.sort_unstable();
    assert_eq!(
        fields,
        [
            "created_at",
            "description",
            "keep",
            "name",
            "rotate_every",
            "rotation_due",
            "updated_at",
            "version"
        ]
    );
    let a = &entries[0];
    assert_eq!(a["name"], "app.A");
    assert_eq!(a["version"], 1);
    assert_eq!(a["description"], Value::Null);
    assert_eq!(a["rotate_every"], Value::Null);
    assert_eq!(a["rotation_due"], Value::Null);
    let b = &entries[1];
    assert_eq!(b["name"], "app.B");
    assert_eq!(b["description"], "the B token");
    assert_eq!(b["rotate_every"], "90d");
    for entry in [a, b] {
        for field in ["created_at", "updated_at"] {
            assert!(is_rfc3339_utc(entry[field].as_str().unwrap()), "{entry}");
        }
    }
    let due = b["rotation_due"].as_str().unwrap();
    assert!(is_rfc3339_utc(due) && due > b["updated_at"].as_str().unwrap());

    let prefixed = env
        .bare_cmd(&["list", "--json", "--prefix", "app."])
        .output()
        .unwrap();
    let names: Vec<Value> = serde_json::from_slice::<Vec<Value>>(&prefixed.stdout)
        .unwrap()
        .into_iter()
        .map(|e| e["name"].clone())
        .collect();
    assert_eq!(names, ["app.A", "app.B"]);
    // A LIKE-style prefix would match anything here; the prefix is literal.
    let wild = env
        .bare_cmd(&["list", "--json", "--prefix", "%"])
        .output()
        .unwrap();
    assert_eq!(stdout(&wild), "[]\n");
    env.assert_unchanged(&before, "list");
}

/// The table's header line, as `list` prints it when no name is wider than `NAME`.
const HEADER: &str = "NAME  VERSION  UPDATED               ROTATION DUE          DESCRIPTION\n";

#[test]
fn list_of_an_empty_vault_prints_its_header_or_an_empty_array() {
    let env = TestEnv::with_vault();
    // The header says "nothing here" where an empty output would look like a failure.
    env.bare_cmd(&["list"])
        .assert()
        .code(0)
        .stdout(HEADER)
        .stderr("");
    env.set("A", b"v");
    env.bare_cmd(&["list", "--prefix", "nothing."])
        .assert()
        .code(0)
        .stdout(HEADER)
        .stderr("");
    env.cmd(&["delete", "A"]).assert().code(0);
    env.bare_cmd(&["list", "--json"])
        .assert()
        .code(0)
        .stdout("[]\n")
        .stderr("");
}

#[test]
fn a_new_version_keeps_created_at_and_moves_updated_at() {
    let env = TestEnv::with_vault();
    env.set("A", b"1");
    env.set("A", b"2");
    let json = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(entries[0]["version"], 2);
    assert!(entries[0]["created_at"].as_str() <= entries[0]["updated_at"].as_str());
}

#[test]
fn delete_of_a_missing_name_is_exit_3_and_deletes_nothing() {
    let env = TestEnv::with_vault();
    env.set("A", b"a-value");
    env.set("B", b"b-value");
    let before = env.vault_files();

    let out = env.cmd(&["delete", "MISSING"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "error: no secret named MISSING; nothing was deleted\nhint: pass --ignore-missing to delete the others anyway\n"
    );
    assert!(out.stdout.is_empty());
    env.assert_unchanged(&before, "delete MISSING");

    let out = env.cmd(&["delete", "A", "MISSING", "B"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        stderr(&out),
        "error: no secret named MISSING; nothing was deleted\nhint: pass --ignore-missing to delete the others anyway\n"
    );
    env.assert_unchanged(&before, "delete A MISSING B");
    assert_eq!(env.get("A"), b"a-value");
    assert_eq!(env.get("B"), b"b-value");

    env.cmd(&["delete", "A", "MISSING", "--ignore-missing"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("deleted A (1 version)\nskipped MISSING (no such secret)\n");
    env.cmd(&["get", "A"]).assert().code(3);
    assert_eq!(env.get("B"), b"b-value");
    env.cmd(&["delete", "B", "--json"])
        .assert()
        .code(0)
        .stdout("{\"deleted\":[\"B\"]}\n");
    env.bare_cmd(&["list", "--json"]).assert().stdout("[]\n");
}

#[test]
fn a_deleted_name_starts_again_at_version_1() {
    let env = TestEnv::with_vault();
    env.set("A", b"1");
    env.set("A", b"2");
    env.cmd(&["delete", "A"]).assert().success();
    env.cmd(&["set", "A", "--json"])
        .write_stdin("3")
        .assert()
        .stdout("{\"name\":\"A\",\"version\":1}\n");
    assert_eq!(env.get("A"), b"3");
    env.cmd(&["get", "A", "--version", "2"]).assert().code(3);
}

#[test]
fn delete_needs_the_credential() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    let before = env.vault_files();
    let mut cmd = env.bare_cmd(&["delete", "A"]);
    cmd.env("SEALBOX_KEY", "2e".repeat(32));
    cmd.assert().code(4).stdout("");
    env.assert_unchanged(&before, "delete with a wrong key");
}

#[test]
fn names_and_descriptions_from_a_hostile_vault_cannot_drive_the_terminal() {
    let env = TestEnv::with_vault();
    // A secret row needs a version row; list never opens the (bogus) ciphertext.
    env.sql()
        .execute_batch(
            "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at, version, kept_from)
                VALUES ('E\x1b[31mX', 'd\x1b]0;title\x07', NULL, 1, 1, 1, 1);
             INSERT INTO versions VALUES ('E\x1b[31mX', 1, 1, 1, zeroblob(12), zeroblob(48), 0);",
        )
        .unwrap();
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !out.stdout.iter().any(|&b| b < 0x20 && b != b'\n'),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("E\\u{1b}[31mX"), "{}", stdout(&out));
    let json = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        entries[0]["name"], "E\x1b[31mX",
        "JSON carries the exact name, escaped"
    );
}

#[test]
fn a_secret_without_any_version_is_damage_for_every_command_that_unlocks() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    env.sql().execute("DELETE FROM versions", []).unwrap();
    let before = env.vault_files();
    // The clear view shows the head as stored (see the README on what it can be trusted for).
    env.bare_cmd(&["list", "--names-only"])
        .assert()
        .code(0)
        .stdout("A\n");
    for args in [
        &["get", "A"][..],
        &["export", "--format", "env", "--all"],
        &["run", "--all", "--", "true"],
        &["set", "A"],
    ] {
        env.cmd(args)
            .write_stdin("new")
            .assert()
            .code(5)
            .stdout("")
            .stderr(predicates::str::starts_with(
                "error: the state of A (its current version 1 is missing) failed authentication",
            ));
    }
    env.assert_unchanged(&before, "commands on a secret without versions");
}
