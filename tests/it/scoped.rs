//! Issue 12: scopes and scoped credentials. A scoped key opens exactly its scope's secrets
//! (exit 9 for the rest, nothing on stdout), and that is cryptographic: SQL edits made with a
//! copy of the file do not widen it. Expired and removed scoped slots exit 4, and `check` lists
//! what a removed one could read until it is set anew; `re-encrypt` shares a new key only with
//! a scope that held the old one. The audit log names the slot and scope of every access,
//! granted and denied. (`scopes.rs` has the kill loop and the attacks that forge the MAC.)

use std::process::Output;

use serde_json::{Value, json};

use crate::common::{TestEnv, stderr, stdout};

const AGENT: &str = "4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c4c";
const OPS: &str = "5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b5b";

/// `sealbox ARGS` with `key` as the credential.
fn as_key(env: &TestEnv, key: &str, args: &[&str]) -> Output {
    env.bare_cmd(args).env("SEALBOX_KEY", key).output().unwrap()
}

/// A vault with A, B and C; scope "deploy" lists A and B; slot "agent" (key AGENT) opens it.
fn deploy_vault() -> TestEnv {
    let env = TestEnv::with_vault();
    for name in ["A", "B", "C"] {
        env.set(name, format!("value of {name}").as_bytes());
    }
    env.cmd(&["scope", "add", "deploy", "--only", "A,B"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("added scope \"deploy\": it holds 2 secrets; shared A, B\n");
    add_scoped_slot(&env, "agent", "deploy", AGENT, &[]);
    env
}

fn add_scoped_slot(env: &TestEnv, label: &str, scope: &str, key: &str, extra: &[&str]) {
    let mut args = vec!["slot", "add", "--scope", scope, "--label", label];
    args.extend_from_slice(extra);
    let out = env.cmd(&args).env("SEALBOX_NEW_KEY", key).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

fn denied(name: &str) -> String {
    format!(
        "error: denied: {name} is outside the credential's scope: slot \"agent\" opens only the scope \"deploy\"\n\
         hint: use a credential whose scope holds it, or a full credential; 'sealbox scope list' shows the scopes\n"
    )
}

#[test]
fn a_scoped_key_reads_its_scope_and_nothing_else() {
    let env = deploy_vault();
    let out = as_key(&env, AGENT, &["get", "A"]);
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), &b"value of A"[..])
    );
    let before = env.vault_files();
    let out = as_key(&env, AGENT, &["get", "C"]);
    assert_eq!(out.status.code(), Some(9));
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), denied("C"));
    env.assert_unchanged(&before, "a denied get");
    // run --scope injects exactly the scope's secrets, with either credential.
    for key in [env.key.as_str(), AGENT] {
        let out = as_key(
            &env,
            key,
            &[
                "run",
                "--scope",
                "deploy",
                "--",
                "sh",
                "-c",
                "echo \"${A-unset} ${B-unset} ${C-unset}\"",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out), "value of A value of B unset\n");
    }
    // --all means the scope's secrets for a scoped key.
    let out = as_key(&env, AGENT, &["export", "--format", "env", "--all"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "A=\"value of A\"\nB=\"value of B\"\n");
    let full = stdout(
        &env.cmd(&["export", "--format", "env", "--all"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        full,
        "A=\"value of A\"\nB=\"value of B\"\nC=\"value of C\"\n"
    );
    // Naming another scope, writing without --allow-write, and managing keys are refused.
    env.cmd(&["scope", "add", "other", "--only", "C"])
        .assert()
        .code(0);
    let out = as_key(&env, AGENT, &["run", "--scope", "other", "--", "true"]);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    let out = env
        .bare_cmd(&["set", "A"])
        .env("SEALBOX_KEY", AGENT)
        .write_stdin("new")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    for args in [
        &["re-encrypt"][..],
        &["scope", "remove", "other"],
        &["slot", "remove", "default"],
        &["compact"],
        &["verify"],
    ] {
        let out = as_key(&env, AGENT, args);
        assert_eq!(out.status.code(), Some(9), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: denied: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert_eq!(as_key(&env, AGENT, &["get", "B"]).stdout, b"value of B");
}

/// Edits a copy of the vault with `sql` and returns the scoped key's `get C` on the copy.
fn get_c_after(env: &TestEnv, sql: &str) -> Output {
    let copy = env.home().join("copy.db");
    std::fs::copy(&env.vault, &copy).unwrap();
    std::fs::copy(env.audit_log(), env.home().join("copy.db.audit")).unwrap();
    crate::common::sql(&copy).execute_batch(sql).unwrap();
    env.forget_freshness();
    env.bare_cmd(&["get", "C"])
        .env("SEALBOX_KEY", AGENT)
        .env("SEALBOX_VAULT", &copy)
        .output()
        .unwrap()
}

#[test]
fn sql_edits_on_a_copy_do_not_let_a_scoped_key_read_outside_its_scope() {
    let env = deploy_vault();
    let attacks = [
        // The clear-text definition widened, as an attacker would.
        "UPDATE scopes SET names = 'A\nB\nC'",
        // ... and A's key wrap copied onto C's secret id and version.
        "UPDATE scopes SET names = 'A\nB\nC';
         INSERT INTO scope_keys SELECT k.scope_id, s.secret_id, k.version, k.nonce, k.wrapped_key
         FROM scope_keys k, secrets s WHERE s.name = 'C'
           AND k.secret_id = (SELECT secret_id FROM secrets WHERE name = 'A')",
        // ... and C's head given A's secret id, so A's wrap matches it.
        "UPDATE scopes SET names = 'A\nB\nC';
         UPDATE secrets SET secret_id = (SELECT secret_id FROM secrets WHERE name = 'A')
         WHERE name = 'C'",
        // C's sealing changed to the one scopes hold.
        "UPDATE scopes SET names = 'A\nB\nC'; UPDATE versions SET sealing = 2 WHERE name = 'C'",
    ];
    for sql in attacks {
        let out = get_c_after(&env, sql);
        assert!(
            matches!(out.status.code(), Some(5 | 9)),
            "{sql}: {:?} {}",
            out.status.code(),
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "{sql}");
        assert!(!stderr(&out).contains("value of C"), "{sql}");
    }
    // The full credential's next write refuses a widened definition rather than sharing C
    // with it (the scope key's wrap binds the definition): exit 5, and nothing shared.
    let copy = env.home().join("copy.db");
    std::fs::copy(&env.vault, &copy).unwrap();
    std::fs::copy(env.audit_log(), env.home().join("copy.db.audit")).unwrap();
    let conn = crate::common::sql(&copy);
    conn.execute_batch("UPDATE scopes SET names = 'A\nB\nC'")
        .unwrap();
    drop(conn);
    env.forget_freshness();
    let out = env
        .cmd(&["set", "C"])
        .env("SEALBOX_VAULT", &copy)
        .write_stdin("new C")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let shared: i64 = crate::common::sql(&copy)
        .query_row(
            "SELECT count(*) FROM scope_keys WHERE secret_id = (SELECT secret_id FROM secrets WHERE name = 'C')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shared, 0);
}

#[test]
fn expired_and_removed_scoped_slots_exit_4_and_check_lists_what_to_rotate() {
    let env = deploy_vault();
    // Added 10 days ago, for 1 day.
    let out = env
        .cmd_days_ago(
            10,
            &[
                "slot",
                "add",
                "--scope",
                "deploy",
                "--label",
                "old",
                "--expires",
                "1d",
            ],
        )
        .env("SEALBOX_NEW_KEY", OPS)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = as_key(&env, OPS, &["get", "A"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(stdout(&out), "");
    let message = stderr(&out);
    assert!(
        message.starts_with("error: the unlock slot \"old\" expired on 20"),
        "{message}"
    );
    // check reports it, with and without a credential.
    let out = env.bare_cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10));
    let report = stdout(&out);
    assert!(
        report.starts_with("expiry   slot \"old\" (scope \"deploy\") expired on 20")
            && report.ends_with(": remove it, so its scope gets a new key\n"),
        "{report}"
    );
    env.cmd(&["slot", "remove", "old"]).assert().code(0);
    env.cmd(&["check"]).assert().code(10);
    env.cmd(&["slot", "remove", "agent"]).assert().code(0);
    let out = as_key(&env, AGENT, &["get", "A"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let out = env.cmd(&["check", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let rotate: Vec<(String, String)> = report["rotate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_owned(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let reason = |slot: &str| format!("readable by the removed slot \"{slot}\"");
    assert_eq!(
        rotate,
        [
            ("A".to_owned(), reason("agent")),
            ("A".to_owned(), reason("old")),
            ("B".to_owned(), reason("agent")),
            ("B".to_owned(), reason("old")),
        ]
    );
    // Set anew, a secret leaves the list; C was never readable and never listed.
    env.set("A", b"rotated A");
    let out = env.cmd(&["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10));
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines
            .iter()
            .all(|l| l.starts_with("rotate   B  readable by the removed slot")),
        "{lines:?}"
    );
    env.set("B", b"rotated B");
    env.cmd(&["check"]).assert().code(0).stdout("");
}

#[test]
fn a_removed_scoped_credential_opens_nothing_written_after_even_with_a_later_copy() {
    let env = deploy_vault();
    add_scoped_slot(&env, "writer", "deploy", OPS, &["--allow-write"]);
    let before = env.home().join("before.db");
    std::fs::copy(&env.vault, &before).unwrap();
    env.cmd(&["slot", "remove", "agent"]).assert().code(0);
    env.set("A", b"after the removal");
    // The removed holder puts its slot row back into today's file: refused (the vault MAC
    // covers the slots), and its scope key is the replaced one, which opens none of today's.
    let conn = env.sql();
    conn.execute("ATTACH ?1 AS old", [before.to_str().unwrap()])
        .unwrap();
    conn.execute_batch("INSERT INTO slots SELECT * FROM old.slots WHERE label = 'agent'")
        .unwrap();
    drop(conn);
    let out = as_key(&env, AGENT, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    env.sql()
        .execute("DELETE FROM slots WHERE label = 'agent'", [])
        .unwrap();
    let out = as_key(&env, OPS, &["get", "A"]);
    assert_eq!(out.stdout, b"after the removal", "{}", stderr(&out));
    // The remaining writer can still write and the full credential reads what it wrote.
    let out = env
        .bare_cmd(&["set", "B"])
        .env("SEALBOX_KEY", OPS)
        .write_stdin("written by the writer")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.get("B"), b"written by the writer");
    let out = env
        .bare_cmd(&["set", "C"])
        .env("SEALBOX_KEY", OPS)
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn the_audit_log_names_the_slot_and_scope_of_granted_and_denied_accesses() {
    let env = deploy_vault();
    let start = env.audit_lines().len();
    assert_eq!(as_key(&env, AGENT, &["get", "A"]).status.code(), Some(0));
    assert_eq!(as_key(&env, AGENT, &["get", "C"]).status.code(), Some(9));
    env.cmd(&["get", "C"]).assert().code(0);
    let lines = env.audit_lines();
    let fields = |r: &Value| {
        json!([
            r["action"],
            r["outcome"],
            r["secrets"],
            r["slot"],
            r["scope"],
            r["mac"].is_string()
        ])
    };
    let got: Vec<Value> = lines[start..].iter().map(fields).collect();
    assert_eq!(
        got,
        [
            json!(["get", "ok", [{"name": "A", "version": 1}], "agent", "deploy", true]),
            json!(["get", "denied", [{"name": "C", "version": null}], "agent", "deploy", true]),
            json!(["get", "ok", [{"name": "C", "version": 1}], "default", null, true]),
        ]
    );
    env.cmd(&["audit", "verify"]).assert().code(0);
}

#[test]
fn re_encrypt_refuses_a_planted_scope_key_row_instead_of_sharing_the_new_key() {
    let env = deploy_vault();
    // Anyone who can write the file copies A's wrap row onto C's secret id: it opens nothing,
    // but re-encrypt used to re-wrap C's new key for every scope with a row for C.
    env.sql()
        .execute_batch(
            "INSERT INTO scope_keys SELECT k.scope_id, s.secret_id, k.version, k.nonce, k.wrapped_key
             FROM scope_keys k, secrets s WHERE s.name = 'C'
               AND k.secret_id = (SELECT secret_id FROM secrets WHERE name = 'A')",
        )
        .unwrap();
    let planted = || -> Vec<Vec<u8>> {
        let conn = env.sql();
        let mut stmt = conn
            .prepare(
                "SELECT wrapped_key FROM scope_keys
                 WHERE secret_id = (SELECT secret_id FROM secrets WHERE name = 'C')",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    let row = planted();
    let out = env.cmd(&["re-encrypt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "error: a scope's key for C version 1 (the scope does not hold it: the row was planted) failed authentication"
        ),
        "{}",
        stderr(&out)
    );
    // The batch rolled back: the planted row was not re-wrapped (only the new data key, added
    // in a transaction of its own before the batches, stays for a rerun).
    assert_eq!(planted(), row);
    let out = as_key(&env, AGENT, &["get", "C"]);
    assert_eq!((out.status.code(), stdout(&out)), (Some(9), String::new()));
}
