//! Issue 9: version history, rollback, overlap and retention, built on the authenticated heads.

use std::time::{Duration, Instant};

use crate::common::lifecycle::{Rng, blobs, residue, sealbox_direct};
use crate::common::{TestEnv, stderr, stdout};

fn history(env: &TestEnv, name: &str) -> Vec<i64> {
    let out = env.cmd(&["history", name, "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["verified"], true);
    doc["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect()
}

fn value(i: i64) -> Vec<u8> {
    format!("value {i} of the retained secret, long enough to span its own cells")
        .repeat(8)
        .into_bytes()
}

#[test]
fn fifteen_sets_keep_the_last_ten_and_the_older_five_are_gone_from_every_file() {
    let env = TestEnv::with_vault();
    let mut destroyed = Vec::new();
    for i in 1..=15 {
        env.set("TOKEN", &value(i));
        if i <= 5 {
            // The ciphertext of version i, as it is stored, to look for afterwards.
            let conn = env.sql();
            destroyed.push(
                conn.query_row(
                    "SELECT ciphertext FROM versions WHERE name = 'TOKEN' AND version = ?1",
                    [i],
                    |r| r.get::<_, Vec<u8>>(0),
                )
                .unwrap(),
            );
        }
    }
    assert_eq!(history(&env, "TOKEN"), (6..=15).collect::<Vec<_>>());
    let found = residue(&env.vault_files(), &destroyed);
    assert!(found.is_empty(), "{} old ciphertexts survive", found.len());
    // Negative control: the same blobs are found while they are still stored.
    let kept = blobs(&env.sql(), "versions", "ciphertext");
    assert_eq!(residue(&env.vault_files(), &kept).len(), kept.len());
    let out = env
        .cmd(&["get", "TOKEN", "--version", "5"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(env.get("TOKEN"), value(15));
    // set --keep changes the limit for that secret from its next version on.
    env.cmd(&["set", "TOKEN", "--keep", "3"])
        .write_stdin("16")
        .assert()
        .success();
    assert_eq!(history(&env, "TOKEN"), [14, 15, 16]);
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn rollback_stores_the_old_value_as_a_new_version() {
    let env = TestEnv::with_vault();
    for i in 1..=5 {
        env.set("DB", &value(i));
    }
    env.cmd(&["rollback", "DB", "--to", "3", "--if-version", "4"])
        .assert()
        .code(6);
    env.cmd(&["rollback", "DB", "--to", "3", "--if-version", "5"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("stored DB version 6 with the value of version 3\n");
    assert_eq!(env.get("DB"), value(3));
    assert_eq!(history(&env, "DB"), [1, 2, 3, 4, 5, 6]);
    let out = env.cmd(&["get", "DB", "--previous"]).output().unwrap();
    assert_eq!(out.stdout, value(5));
    env.cmd(&["rollback", "DB", "--to", "9"]).assert().code(3);
    env.cmd(&["rollback", "DB", "--to", "6"]).assert().code(6);
}

#[test]
fn run_with_previous_injects_both_values_and_a_single_version_gets_none() {
    let env = TestEnv::with_vault();
    env.set("API_KEY", b"old-key");
    env.set("API_KEY", b"new-key");
    env.set("SOLO", b"only");
    let out = env
        .cmd(&["run", "--all", "--with-previous", "--", "env"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let env_out = stdout(&out);
    let lines: Vec<&str> = env_out.lines().collect();
    assert!(lines.contains(&"API_KEY=new-key"), "{env_out}");
    assert!(lines.contains(&"API_KEY_PREVIOUS=old-key"), "{env_out}");
    assert!(lines.contains(&"SOLO=only"), "{env_out}");
    assert!(
        !lines.iter().any(|l| l.starts_with("SOLO_PREVIOUS=")),
        "{env_out}"
    );
    let out = env
        .cmd(&[
            "export",
            "--format",
            "env",
            "--only",
            "API_KEY",
            "--with-previous",
        ])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "API_KEY=\"new-key\"\nAPI_KEY_PREVIOUS=\"old-key\"\n"
    );
    // A _PREVIOUS name that another secret already has is a collision, before CMD runs.
    env.set("API_KEY_PREVIOUS", b"clash");
    env.cmd(&["run", "--all", "--with-previous", "--", "true"])
        .assert()
        .code(2);
}

#[test]
fn delete_version_destroys_one_version_but_never_the_current_one() {
    let env = TestEnv::with_vault();
    for i in 1..=3 {
        env.set("K", &value(i));
    }
    env.cmd(&["delete", "K", "--version", "2"])
        .assert()
        .code(0)
        .stderr("destroyed version 2 of K\n");
    assert_eq!(history(&env, "K"), [1, 3]);
    let out = env.cmd(&["get", "K", "--previous"]).output().unwrap();
    assert_eq!(out.stdout, value(1));
    env.cmd(&["delete", "K", "--version", "3"]).assert().code(6);
    env.cmd(&["delete", "K", "--version", "2"]).assert().code(3);
    env.cmd(&["verify"]).assert().code(0);
    // The head lists what is kept: a version row deleted behind sealbox's back is exit 5.
    env.sql()
        .execute("DELETE FROM versions WHERE name = 'K' AND version = 1", [])
        .unwrap();
    env.cmd(&["history", "K"]).assert().code(5).stdout("");
    env.cmd(&["get", "K", "--previous"])
        .assert()
        .code(5)
        .stdout("");
    // Without a credential history shows the rows as stored, and says so.
    env.bare_cmd(&["history", "K"])
        .assert()
        .code(0)
        .stderr("1 version kept (unauthenticated: no credential)\n");
}

#[test]
fn rename_and_copy_keep_every_version_and_the_metadata() {
    let env = TestEnv::with_vault();
    env.cmd(&[
        "set",
        "OLD",
        "--description",
        "the one",
        "--rotate-every",
        "30d",
    ])
    .write_stdin(value(1))
    .assert()
    .success();
    for i in 2..=4 {
        env.set("OLD", &value(i));
    }
    let meta = |name: &str| {
        let out = env.bare_cmd(&["list", "--json"]).output().unwrap();
        let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut entry = list
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap();
        entry.as_object_mut().unwrap().remove("name");
        entry
    };
    let before = meta("OLD");
    env.cmd(&["copy", "OLD", "COPY"]).assert().code(0);
    env.cmd(&["rename", "OLD", "NEW"]).assert().code(0);
    env.cmd(&["get", "OLD"]).assert().code(3);
    for name in ["COPY", "NEW"] {
        assert_eq!(meta(name), before, "{name}");
        assert_eq!(history(&env, name), [1, 2, 3, 4]);
        for i in 1..=4 {
            let out = env
                .cmd(&["get", name, "--version", &i.to_string()])
                .output()
                .unwrap();
            assert_eq!(out.stdout, value(i), "{name} version {i}");
        }
    }
    env.cmd(&["rename", "NEW", "COPY"]).assert().code(6);
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn import_skip_unchanged_adds_no_version_to_what_did_not_change() {
    let env = TestEnv::with_vault();
    let input = "A=1\nB=2\n";
    env.cmd(&["import", "--format", "env"])
        .write_stdin(input)
        .assert()
        .code(0);
    let out = env
        .cmd(&["import", "--format", "env", "--skip-unchanged", "--json"])
        .write_stdin("A=1\nB=changed\nC=3\n")
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc,
        serde_json::json!({"imported": 2, "created": ["C"], "updated": ["B"], "unchanged": ["A"]})
    );
    assert_eq!(history(&env, "A"), [1]);
    assert_eq!(history(&env, "B"), [1, 2]);
}

/// Runs `cmd` and kills it with SIGKILL after `delay`.
fn kill_after(mut cmd: std::process::Command, delay: Duration) {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().unwrap();
    std::thread::sleep(delay);
    let _ = child.kill();
    let _ = child.wait();
}

fn runs() -> usize {
    std::env::var("SEALBOX_KILL_LOOP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

#[test]
fn a_rename_killed_at_random_moments_leaves_the_old_or_the_new_name() {
    let env = TestEnv::with_vault();
    let big = vec![0x41_u8; 60_000];
    env.cmd(&["set", "A", "--keep", "200"])
        .write_stdin(big.clone())
        .assert()
        .success();
    for _ in 0..59 {
        env.set("A", &big);
    }
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    let rename = |from: &str, to: &str| {
        let mut cmd = sealbox_direct(&env, &["rename", from, to]);
        cmd.env("SEALBOX_KEY", &env.key);
        cmd
    };
    let started = Instant::now();
    assert!(rename("A", "B").status().unwrap().success());
    let full = started.elapsed();
    let (mut name, mut other) = ("B", "A");
    for run in 0..runs() {
        kill_after(
            rename(name, other),
            full.mul_f64(rng.below(1000) as f64 / 1000.0),
        );
        let listed = stdout(&env.bare_cmd(&["list", "--names-only"]).output().unwrap());
        match listed.as_str() {
            "A\n" | "B\n" => {}
            listed => panic!("seed {seed}, run {run}: {listed:?}"),
        }
        if listed.trim() == other {
            (name, other) = (other, name);
        }
        assert_eq!(history(&env, name).len(), 60, "seed {seed}, run {run}");
        assert_eq!(env.get(name), big, "seed {seed}, run {run}");
    }
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn compact_shrinks_the_file_and_a_kill_at_any_moment_loses_nothing() {
    let env = TestEnv::with_vault();
    let mut input = String::new();
    for i in 0..4000 {
        input.push_str(&format!("S{i}={}\n", "x".repeat(400 + i % 600)));
    }
    env.cmd(&["import", "--format", "env"])
        .write_stdin(input)
        .assert()
        .code(0);
    let names: Vec<String> = (0..3600).map(|i| format!("S{i}")).collect();
    let mut delete = vec!["delete"];
    delete.extend(names.iter().map(String::as_str));
    env.cmd(&delete).assert().code(0);
    let before = std::fs::metadata(&env.vault).unwrap().len();
    let pristine = env.home().join("pristine.db");
    std::fs::copy(&env.vault, &pristine).unwrap();
    let compact = || {
        let mut cmd = sealbox_direct(&env, &["compact"]);
        cmd.env("SEALBOX_KEY", &env.key);
        cmd
    };
    let started = Instant::now();
    assert!(compact().status().unwrap().success());
    let full = started.elapsed();
    let after = std::fs::metadata(&env.vault).unwrap().len();
    // 10% of the values are left; the file keeps its schema pages and slack.
    assert!(
        after * 4 < before,
        "compact went from {before} to {after} bytes"
    );
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    let runs = std::env::var("SEALBOX_KILL_LOOP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut hot = 0;
    for run in 0..runs {
        // Putting the pristine copy back is a restore (compact raises the generation).
        env.forget_freshness();
        std::fs::copy(&pristine, &env.vault).unwrap();
        kill_after(compact(), full.mul_f64(rng.below(1200) as f64 / 1000.0));
        // Killed inside the rewrite: a journal to roll back, or a commit not yet truncated.
        let journal = crate::common::journal_of(&env.vault);
        let promised = {
            let header = std::fs::read(&env.vault).unwrap();
            u64::from(u32::from_be_bytes(header[28..32].try_into().unwrap())) * 4096
        };
        let len = std::fs::metadata(&env.vault).unwrap().len();
        hot += usize::from(
            std::fs::read(&journal).is_ok_and(|j| j.first().is_some_and(|&b| b != 0))
                || len > promised,
        );
        for i in [3600, 3777, 3999] {
            assert_eq!(
                env.get(&format!("S{i}")),
                "x".repeat(400 + i % 600).as_bytes(),
                "seed {seed}, run {run}"
            );
        }
        let out = env.cmd(&["verify"]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "seed {seed}, run {run}: {}",
            stdout(&out)
        );
    }
    eprintln!("compact kill loop: {runs} runs, {hot} killed inside the rewrite (seed {seed})");
    // Every hot journal was rolled back by the next command. A kill before the journal's
    // header was synced leaves a cold one, which SQLite ignores and the next write removes.
    env.set("S3999", b"after the kills");
    let files = env.vault_files();
    assert_eq!(files.len(), 1, "{:?}", files.keys());
}

#[test]
fn edits_to_the_kept_set_are_tampering_not_a_reason_to_destroy_history() {
    // A limit planted beside a format-3 head (which has none of its own) would be used
    // unauthenticated by the next write to destroy versions.
    let env = TestEnv::with_fixture(3);
    // A write upgrades the vault to format 4; TWO's head keeps its format-3 tag.
    env.set("ONE", b"value one v2");
    crate::common::sql(&env.vault)
        .execute("UPDATE secrets SET keep = 1 WHERE name = 'TWO'", [])
        .unwrap();
    let before = env.vault_files();
    for args in [&["get", "TWO"][..], &["history", "TWO"], &["set", "TWO"]] {
        let out = env.cmd(args).write_stdin("v3").output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
    env.assert_unchanged(&before, "a planted limit");

    // A row deleted behind sealbox's back is not "destroyed" again by delete --version, and
    // a row the head does not list makes rename and copy refuse rather than drop or skip it.
    let env = TestEnv::with_vault();
    for i in 1..=3 {
        env.set("A", &value(i));
    }
    env.sql()
        .execute("DELETE FROM versions WHERE name = 'A' AND version = 2", [])
        .unwrap();
    env.cmd(&["delete", "A", "--version", "2"])
        .assert()
        .code(5)
        .stdout("");
    let env = TestEnv::with_vault();
    env.set("A", &value(1));
    env.set("B", &value(1));
    env.sql()
        .execute_batch(
            "INSERT INTO versions SELECT name, 99, key_id, created_at, nonce, ciphertext, sealing
             FROM versions WHERE name = 'A';
             INSERT INTO versions SELECT 'C', version, key_id, created_at, nonce, ciphertext, sealing
             FROM versions WHERE name = 'B';",
        )
        .unwrap();
    let before = env.vault_files();
    for args in [
        &["rename", "A", "D"][..],
        &["copy", "A", "D"],
        &["rename", "B", "C"],
        &["compact"],
    ] {
        let out = env.cmd(args).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
    }
    env.assert_unchanged(&before, "rename, copy and compact of a tampered vault");
}

#[test]
fn compact_beside_running_writers_loses_nothing_and_fails_nobody_but_with_busy() {
    let env = TestEnv::with_vault();
    let mut input = String::new();
    for i in 0..2000 {
        input.push_str(&format!("OLD{i}={}\n", "y".repeat(500)));
    }
    env.cmd(&["import", "--format", "env"])
        .write_stdin(input)
        .assert()
        .code(0);
    let spawn = |args: Vec<String>| {
        let mut cmd = sealbox_direct(&env, &args.iter().map(String::as_str).collect::<Vec<_>>());
        cmd.env("SEALBOX_KEY", &env.key)
            .env("SEALBOX_BUSY_TIMEOUT", "10")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        cmd
    };
    let writers: Vec<_> = (0..3)
        .map(|w| {
            let spawn = &spawn;
            let mut children = Vec::new();
            for i in 0..15 {
                let mut child = spawn(vec![
                    "set".into(),
                    format!("W{w}"),
                    "--keep".into(),
                    "1000".into(),
                ])
                .spawn()
                .unwrap();
                use std::io::Write;
                child
                    .stdin
                    .take()
                    .unwrap()
                    .write_all(format!("w{w}-{i}").as_bytes())
                    .unwrap();
                children.push(child);
            }
            children
        })
        .collect();
    let mut compacts = Vec::new();
    for _ in 0..4 {
        compacts.push(spawn(vec!["compact".into()]).spawn().unwrap());
    }
    for child in writers.into_iter().flatten().chain(compacts) {
        let out = child.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    for w in 0..3 {
        assert_eq!(history(&env, &format!("W{w}")).len(), 15);
    }
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn a_journal_from_before_a_compact_is_refused_after_it() {
    let env = TestEnv::with_vault();
    let mut input = String::new();
    for i in 0..600 {
        input.push_str(&format!("S{i}={}\n", "z".repeat(700)));
    }
    env.cmd(&["import", "--format", "env"])
        .write_stdin(input)
        .assert()
        .code(0);
    let names: Vec<String> = (0..540).map(|i| format!("S{i}")).collect();
    let mut delete = vec!["delete"];
    delete.extend(names.iter().map(String::as_str));
    env.cmd(&delete).assert().code(0);
    // The hot journal a write killed now would leave (saved by someone who can write files
    // beside the vault), then rolled back as the next command does.
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    let scratch = env.home().join("scratch.db");
    crate::common::copy_mid_transaction(&work, &scratch, "UPDATE versions SET created_at = 1;");
    let saved = std::fs::read(crate::common::journal_of(&scratch)).unwrap();
    env.cmd(&["compact"]).assert().code(0);
    let path = crate::common::journal_of(&env.vault);
    std::fs::write(&path, &saved).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["get", "S599"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: refusing the rollback journal"),
        "{}",
        stderr(&out)
    );
    env.assert_unchanged(&before, "a journal from before the compact");
}

#[test]
fn a_tail_beyond_the_header_is_cut_away_by_the_next_write() {
    // What a compact killed between its commit and its truncation leaves: readers read the
    // file by its header; the next write trims the tail (with its old pages) first.
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let canary = crate::common::TestEnv::canary("tail");
    let len = std::fs::metadata(&env.vault).unwrap().len();
    let mut bytes = std::fs::read(&env.vault).unwrap();
    for _ in 0..8 {
        let mut page = canary.clone();
        page.resize(4096, 0);
        bytes.extend_from_slice(&page);
    }
    std::fs::write(&env.vault, &bytes).unwrap();
    assert_eq!(env.get("A"), b"kept");
    env.set("B", b"new");
    let files = env.vault_files();
    assert!(
        !files.values().any(|f| crate::common::contains(f, &canary)),
        "the tail survived the write"
    );
    assert!(std::fs::metadata(&env.vault).unwrap().len() <= len + 4096);
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn every_write_that_destroys_versions_says_so() {
    let env = TestEnv::with_vault();
    for value in ["v1", "v2"] {
        env.cmd(&["set", "A", "--keep", "2"])
            .write_stdin(value)
            .assert()
            .success();
    }
    // Rolling back to the oldest kept version keeps its value as version 3 and destroys the
    // row of version 1: said on stderr, not silently.
    env.cmd(&["rollback", "A", "--to", "1"])
        .assert()
        .code(0)
        .stderr(
            "stored A version 3 with the value of version 1\n\
             destroyed 1 old version of A beyond the number it keeps ('sealbox history A' shows the rest)\n",
        );
    assert_eq!(env.get("A"), b"v1");
    assert_eq!(history(&env, "A"), [2, 3]);
    let out = env
        .cmd(&["import", "--format", "env"])
        .write_stdin("A=v4\n")
        .output()
        .unwrap();
    assert!(
        stderr(&out).ends_with("destroyed 1 old version beyond the number each secret keeps\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn meta_keep_sets_or_resets_the_limit_from_the_next_version_on() {
    let env = TestEnv::with_vault();
    for i in 1..=4 {
        env.set("A", &value(i));
    }
    // Nothing is destroyed by meta itself.
    env.cmd(&["meta", "A", "--keep", "2"]).assert().code(0);
    assert_eq!(history(&env, "A"), [1, 2, 3, 4]);
    env.set("A", &value(5));
    assert_eq!(history(&env, "A"), [4, 5]);
    env.cmd(&["meta", "A", "--keep", "default"])
        .assert()
        .code(0);
    for i in 6..=15 {
        env.set("A", &value(i));
    }
    assert_eq!(history(&env, "A"), (6..=15).collect::<Vec<_>>());
    env.cmd(&["meta", "A", "--keep", "0"]).assert().code(2);
    env.cmd(&["meta", "A", "--keep", "+3"]).assert().code(2);
    env.cmd(&["meta", "A", "--keep", "3"])
        .assert()
        .code(0)
        .stderr("changed the metadata of A (still version 15; keeps 3 versions)\n");
    let out = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list[0]["keep"], 3);
    env.cmd(&["verify"]).assert().code(0);
}
