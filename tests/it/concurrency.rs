//! Acceptance 6: concurrent invocations queue on the vault's lock instead of failing or losing
//! updates; a lock held past SEALBOX_BUSY_TIMEOUT is exit 7 with nothing written.

use std::io::Write;
use std::process::{Child, Stdio};

use crate::common::{TestEnv, stderr};

const PARALLEL: usize = 16;

fn spawn(env: &TestEnv, args: &[&str], stdin: Option<&[u8]>) -> Child {
    let mut child = env
        .std_cmd(args)
        // Generous: 32 processes share two cores in CI.
        .env("SEALBOX_BUSY_TIMEOUT", "60")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).unwrap();
    }
    child
}

#[test]
fn parallel_sets_of_distinct_names_and_parallel_gets_all_succeed() {
    let env = TestEnv::with_vault();
    env.set("SHARED", b"shared value");
    let mut children = Vec::new();
    for i in 0..PARALLEL {
        let name = format!("N{i:02}");
        let value = format!("value {i}");
        children.push((
            format!("set {name}"),
            None,
            spawn(&env, &["set", &name], Some(value.as_bytes())),
        ));
        children.push((
            "get SHARED".into(),
            Some(b"shared value".to_vec()),
            spawn(&env, &["get", "SHARED"], None),
        ));
    }
    for (what, expected, child) in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{what}: {}", stderr(&out));
        if let Some(expected) = expected {
            assert_eq!(out.stdout, expected, "{what}");
        }
    }
    for i in 0..PARALLEL {
        assert_eq!(
            env.get(&format!("N{i:02}")),
            format!("value {i}").as_bytes()
        );
    }
    let list = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(entries.len(), PARALLEL + 1);
}

#[test]
fn parallel_sets_of_one_name_lose_no_version() {
    let env = TestEnv::with_vault();
    env.set("COUNTER", b"start");
    // Every version is kept, so each can be read back below (the default keeps 10).
    env.cmd(&["set", "COUNTER", "--keep", "1000"])
        .write_stdin("again")
        .assert()
        .success();
    let children: Vec<Child> = (0..PARALLEL)
        .map(|i| {
            spawn(
                &env,
                &["set", "COUNTER", "--json"],
                Some(format!("v{i}").as_bytes()),
            )
        })
        .collect();
    let mut versions = Vec::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        versions.push(doc["version"].as_i64().unwrap());
    }
    versions.sort_unstable();
    assert_eq!(
        versions,
        (3..3 + PARALLEL as i64).collect::<Vec<_>>(),
        "each set got its own version"
    );
    let list = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(entries[0]["version"], 2 + PARALLEL as i64);
    // Every version is stored and opens.
    for version in 1..=2 + PARALLEL {
        env.cmd(&["get", "COUNTER", "--version", &version.to_string()])
            .assert()
            .success();
    }
}

#[test]
fn parallel_if_version_lets_exactly_one_writer_win() {
    let env = TestEnv::with_vault();
    env.set("CAS", b"v1");
    let children: Vec<Child> = (0..8)
        .map(|i| {
            spawn(
                &env,
                &["set", "CAS", "--if-version", "1"],
                Some(format!("w{i}").as_bytes()),
            )
        })
        .collect();
    let codes: Vec<i32> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert_eq!(codes.iter().filter(|&&c| c == 6).count(), 7, "{codes:?}");
}

#[test]
fn a_vault_locked_past_the_busy_timeout_is_exit_7_and_nothing_is_written() {
    let env = TestEnv::with_vault();
    env.set("A", b"old");
    let before = env.vault_files();
    let lock = env.sql();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();

    let expected = "error: the vault stayed locked by another process past the busy timeout\n\
                    hint: retry, or raise SEALBOX_BUSY_TIMEOUT (seconds)\n";
    for args in [
        &["set", "A"][..],
        &["set", "B"],
        &["get", "A"],
        &["delete", "A"],
    ] {
        let mut cmd = env.cmd(args);
        cmd.env("SEALBOX_BUSY_TIMEOUT", "0.2").write_stdin("new");
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(7), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), expected, "{args:?}");
        assert!(out.stdout.is_empty());
    }
    let mut list = env.bare_cmd(&["list"]);
    list.env("SEALBOX_BUSY_TIMEOUT", "0.2");
    list.assert().code(7);

    lock.execute_batch("ROLLBACK").unwrap();
    drop(lock);
    env.assert_unchanged(&before, "commands that found the vault locked");
    assert_eq!(env.get("A"), b"old");
}

#[test]
fn a_write_lock_is_waited_for_within_the_timeout() {
    let env = TestEnv::with_vault();
    let lock = env.sql();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut child = spawn(&env, &["set", "A"], Some(b"after the lock"));
    // Wait until the child has the vault open, so it is queued on the lock rather than not yet
    // started, and check that it is still waiting: it cannot finish while the lock is held.
    let fds = format!("/proc/{}/fd", child.id());
    let holds_vault = || {
        std::fs::read_dir(&fds).is_ok_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|e| std::fs::read_link(e.path()).is_ok_and(|t| t == env.vault))
        })
    };
    let start = std::time::Instant::now();
    while !holds_vault() {
        assert!(
            start.elapsed().as_secs() < 20,
            "the child never opened the vault"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the child ended before opening the vault"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the child did not wait for the lock"
    );
    lock.execute_batch("COMMIT").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.get("A"), b"after the lock");
}

#[test]
fn parallel_inits_create_one_vault_and_leave_no_staging_file() {
    let env = TestEnv::new();
    let children: Vec<Child> = (0..6).map(|_| spawn(&env, &["init"], None)).collect();
    let mut codes: Vec<i32> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    codes.sort_unstable();
    assert_eq!(codes, [0, 6, 6, 6, 6, 6]);
    // Beside the vault, only the account's records of it (its generation, that this path
    // holds it, and the commitment to its audit key).
    let state = env.home().join(".local/state/sealbox");
    let (records, files): (Vec<_>, Vec<_>) = env
        .all_files()
        .into_iter()
        .partition(|f| f.starts_with(&state));
    assert_eq!(files, [env.vault.clone(), env.audit_log()]);
    assert_eq!(records.len(), 3, "{records:?}");
    // The one init that made the vault recorded itself; the others touched nothing.
    let lines = env.audit_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["action"], "init");
    assert_eq!(lines[0]["outcome"], "ok");
    env.set("A", b"v");
    assert_eq!(env.get("A"), b"v");
}
