//! `sealbox check`: exit 0 when healthy, 10 with a readable list or JSON when a required secret
//! is missing or a secret is overdue; no credential needed.

use crate::common::{TestEnv, stderr};
use serde_json::{Value, json};

const DAY: i64 = 86_400;

/// Moves a secret's last update `days` into the past, as if it had been set back then.
fn age(env: &TestEnv, name: &str, days: i64) {
    let changed = env
        .sql()
        .execute(
            "UPDATE secrets SET updated_at = updated_at - ?1 WHERE name = ?2",
            rusqlite::params![days * DAY, name],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

fn updated_at(env: &TestEnv, name: &str) -> i64 {
    env.sql()
        .query_row(
            "SELECT updated_at FROM secrets WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap()
}

fn rfc3339(secs: i64) -> String {
    // The binary prints RFC 3339; compare through a round trip of the same instant.
    let out = std::process::Command::new("date")
        .args(["-u", "-d", &format!("@{secs}"), "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn a_healthy_vault_exits_0_without_a_credential() {
    let env = TestEnv::with_vault();
    env.set("A", b"x");
    env.cmd(&["set", "B", "--rotate-every", "90d"])
        .write_stdin("y")
        .assert()
        .success();
    let out = env
        .bare_cmd(&["check", "--require", "A,B", "--max-age", "30d"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "ok: nothing to act on (2 secrets checked, unauthenticated: no credential)\n"
    );
    let out = env.bare_cmd(&["check", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        json!({"missing": [], "overdue": [], "rotate": [], "expiring": [], "verified": false})
    );
}

#[test]
fn missing_and_overdue_secrets_exit_10_with_a_list() {
    let env = TestEnv::with_vault();
    env.set("FRESH", b"x");
    env.cmd(&["set", "ROTATED", "--rotate-every", "90d"])
        .write_stdin("y")
        .assert()
        .success();
    env.set("OLD", b"z");
    age(&env, "ROTATED", 91);
    age(&env, "OLD", 40);
    let (rotated, old) = (updated_at(&env, "ROTATED"), updated_at(&env, "OLD"));
    let before = env.vault_files();

    let out = env
        .bare_cmd(&[
            "check",
            "--require",
            "FRESH,GONE,ALSO_GONE",
            "--max-age",
            "30d",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let expected = format!(
        "missing  GONE\n\
         missing  ALSO_GONE\n\
         overdue  OLD  older than the maximum age of 30d {} (updated {})\n\
         overdue  ROTATED  rotation every 90d was due {} (updated {})\n\
         overdue  ROTATED  older than the maximum age of 30d {} (updated {})\n",
        rfc3339(old + 30 * DAY),
        rfc3339(old),
        rfc3339(rotated + 90 * DAY),
        rfc3339(rotated),
        rfc3339(rotated + 30 * DAY),
        rfc3339(rotated),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    assert_eq!(
        stderr(&out),
        "5 findings to act on (unauthenticated: no credential)\n"
    );

    let out = env
        .bare_cmd(&["check", "--json", "--require", "GONE"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report,
        json!({
            "missing": ["GONE"],
            "overdue": [{
                "name": "ROTATED",
                "updated_at": rfc3339(rotated),
                "due": rfc3339(rotated + 90 * DAY),
                "reason": "rotation",
                "limit": "90d",
            }],
            "rotate": [],
            "expiring": [],
            "verified": false,
        })
    );
    // --prefix limits the age checks; check never writes to the vault.
    env.bare_cmd(&["check", "--prefix", "FRESH", "--max-age", "30d"])
        .assert()
        .code(0);
    assert_eq!(env.vault_files(), before);
}

#[test]
fn bad_arguments_are_usage_errors() {
    let env = TestEnv::with_vault();
    env.bare_cmd(&["check", "--max-age", "soon"])
        .assert()
        .code(2);
    env.bare_cmd(&["check", "--require", "bad name"])
        .assert()
        .code(2);
    // A list that names nothing would make the gate pass every deploy.
    for empty in [",", " , ", ""] {
        env.bare_cmd(&["check", "--require", empty])
            .assert()
            .code(2)
            .stdout("")
            .stderr("error: --require names no secret\n");
    }
    let missing = TestEnv::new();
    missing.bare_cmd(&["check"]).assert().code(3);
}
