//! Issue 7, acceptance 2: a `re-encrypt` killed most of the way through resumes where it
//! stopped, moving only the values left on older data keys, instead of re-encrypting all again.

use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::common::lifecycle::{
    KEY_A, code, count, fill, get, name, run, sealbox_direct, value, with_key,
};

const SECRETS: usize = 3000;
const VERSIONS: i64 = 2;
const TOTAL: i64 = SECRETS as i64 * VERSIONS;

/// Values not yet under the newest data key, read with SQLite directly.
fn left(env: &TestEnv) -> i64 {
    count(
        &env.sql(),
        "SELECT count(*) FROM versions WHERE key_id < (SELECT max(id) FROM data_keys)",
    )
}

/// Starts `re-encrypt ARGS` and kills it once at least `fraction` of the values have moved.
///
/// re-encrypt is faster than any polling, so the test paces it: it lets the process run for a
/// moment, stops it (SIGSTOP), reads the progress, and kills it where it stands once enough
/// has moved, which can be in the middle of a batch.
fn kill_re_encrypt_at(env: &TestEnv, args: &[&str], fraction: f64) {
    use rustix::process::{Pid, Signal, kill_process};
    let conn = env.sql();
    // A read blocked by the stopped process's commit is given up and tried again later.
    conn.busy_timeout(Duration::from_millis(20)).unwrap();
    let mut cmd = sealbox_direct(env, &[&["re-encrypt", "-q"][..], args].concat());
    cmd.env("SEALBOX_KEY", KEY_A);
    let mut child = cmd.spawn().unwrap();
    let pid = Pid::from_child(&child);
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        kill_process(pid, Signal::CONT).unwrap();
        std::thread::sleep(Duration::from_micros(500));
        kill_process(pid, Signal::STOP).unwrap();
        let progress: rusqlite::Result<(i64, i64)> = conn.query_row(
            "SELECT (SELECT count(*) FROM data_keys),
                    (SELECT count(*) FROM versions
                     WHERE key_id = (SELECT max(id) FROM data_keys))",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        );
        if let Ok((keys, moved)) = progress
            && keys > 1
            && moved as f64 >= fraction * TOTAL as f64
        {
            child.kill().unwrap();
            child.wait().unwrap();
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "re-encrypt finished before the kill"
        );
        assert!(Instant::now() < deadline, "re-encrypt made no progress");
    }
}

fn re_encrypt_json(env: &TestEnv, args: &[&str]) -> serde_json::Value {
    let out = run(
        with_key(
            env,
            KEY_A,
            &[&["re-encrypt", "--json", "-q"][..], args].concat(),
        ),
        b"",
    );
    assert_eq!(
        code(&out),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn assert_all_values(env: &TestEnv, salt: u64) {
    for i in (0..SECRETS).step_by(97) {
        for version in 1..=VERSIONS {
            assert_eq!(
                get(env, KEY_A, &name(i), Some(version)),
                value(salt, i, version).as_bytes()
            );
        }
    }
    assert_eq!(count(&env.sql(), "SELECT count(*) FROM data_keys"), 1);
    assert_eq!(left(env), 0);
}

#[test]
fn a_re_encrypt_killed_at_80_percent_moves_only_what_is_left() {
    let env = TestEnv::with_vault();
    fill(&env, KEY_A, SECRETS, VERSIONS, 11);
    kill_re_encrypt_at(&env, &[], 0.8);
    // sealbox itself meets the kill's journal first (the kill may have hit a batch midway).
    let dry = re_encrypt_json(&env, &["--dry-run"]);
    assert_eq!(dry["resume"], true);
    let keys_before = count(&env.sql(), "SELECT max(id) FROM data_keys");
    let remaining = left(&env);
    assert_eq!(dry["pending"], remaining);
    assert!(
        remaining > 0 && remaining < TOTAL / 4,
        "{remaining} of {TOTAL} left"
    );

    let report = re_encrypt_json(&env, &[]);
    assert_eq!(report["resumed"], true);
    assert_eq!(
        report["re_encrypted"], remaining,
        "only what was left moved"
    );
    assert_eq!(report["data_key"], keys_before, "no new data key");
    assert_all_values(&env, 11);

    // Once finished, a new run starts over with a fresh key, as asked.
    let report = re_encrypt_json(&env, &[]);
    assert_eq!(report["resumed"], false);
    assert_eq!(report["re_encrypted"], TOTAL);
    assert_eq!(report["data_key"], keys_before + 1);
}

#[test]
fn a_killed_new_vault_key_run_is_finished_by_a_plain_rerun() {
    let env = TestEnv::with_vault();
    fill(&env, KEY_A, SECRETS, VERSIONS, 12);
    kill_re_encrypt_at(&env, &["--new-vault-key"], 0.5);
    let remaining = re_encrypt_json(&env, &["--dry-run"])["pending"]
        .as_i64()
        .unwrap();
    assert_eq!(remaining, left(&env));
    assert!(remaining > 0);
    let report = re_encrypt_json(&env, &[]);
    assert_eq!(report["resumed"], true);
    assert_eq!(report["re_encrypted"], remaining);
    assert_all_values(&env, 12);
}

#[test]
fn restart_starts_over_with_a_fresh_key_and_an_old_data_key_put_back_is_refused() {
    let env = TestEnv::with_vault();
    fill(&env, KEY_A, SECRETS, VERSIONS, 13);
    kill_re_encrypt_at(&env, &[], 0.5);
    let active = count(&env.sql(), "SELECT max(id) FROM data_keys");
    let report = re_encrypt_json(&env, &["--restart"]);
    assert_eq!(report["resumed"], false);
    assert_eq!(report["re_encrypted"], TOTAL);
    assert_eq!(report["data_key"], active + 1);
    assert_all_values(&env, 13);
    // An old data key row put back (from a copy of the file) is refused: the data keys are
    // covered by the vault row's MAC, so it cannot make a run keep (or resume onto) a key.
    let copy = env.home().join("copy.db");
    std::fs::copy(&env.vault, &copy).unwrap();
    re_encrypt_json(&env, &[]);
    env.sql()
        .execute_batch(&format!(
            "ATTACH '{}' AS old; INSERT INTO data_keys SELECT * FROM old.data_keys;",
            copy.display()
        ))
        .unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["re-encrypt", "--json"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        crate::common::stderr(&out)
    );
    assert!(out.stdout.is_empty());
    env.assert_unchanged(&before, "re-encrypt with an old data key put back");
}
