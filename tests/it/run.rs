//! `sealbox run`: the child's environment, exit status and signals, and everything that must
//! stop CMD from starting.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{TestEnv, contains, stderr};

/// Runs `sealbox ARGS -- env -0` and returns the child's environment.
fn child_env(env: &TestEnv, args: &[&str], extra: &[(&str, &str)]) -> HashMap<Vec<u8>, Vec<u8>> {
    let mut full: Vec<&str> = args.to_vec();
    full.extend(["--", "env", "-0"]);
    let mut cmd = env.cmd(&full);
    for (name, value) in extra {
        cmd.env(name, value);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out.stdout
        .split(|&b| b == 0)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            let eq = entry.iter().position(|&b| b == b'=').unwrap();
            (entry[..eq].to_vec(), entry[eq + 1..].to_vec())
        })
        .collect()
}

#[test]
fn the_child_sees_exact_values_and_no_credentials() {
    let env = TestEnv::with_vault();
    let value = "  it's \"quoted\" $HOME `id` \\ # = \n\r\t é ✓  ".as_bytes();
    env.set("A", value);
    env.set("B", b"not selected");
    env.set("BIN", b"\xff\xfe\x01binary");
    let key_file = env.home().join("key");
    std::fs::write(&key_file, &env.key).unwrap();
    let vars = child_env(
        &env,
        &["run", "--only", "A,BIN"],
        &[
            ("SEALBOX_KEY_FILE", key_file.to_str().unwrap()),
            ("SEALBOX_PASSPHRASE", "a passphrase"),
            ("SEALBOX_PASSPHRASE_FILE", "/nonexistent"),
            ("SEALBOX_NEW_KEY", "22"),
            ("SEALBOX_BUSY_TIMEOUT", "3"),
            ("KEEP_ME", "kept"),
        ],
    );
    assert_eq!(vars[&b"A"[..]], value);
    assert_eq!(vars[&b"BIN"[..]], b"\xff\xfe\x01binary");
    assert!(!vars.contains_key(&b"B"[..]));
    for gone in [
        "SEALBOX_KEY",
        "SEALBOX_KEY_FILE",
        "SEALBOX_PASSPHRASE",
        "SEALBOX_PASSPHRASE_FILE",
        "SEALBOX_NEW_KEY",
    ] {
        assert!(
            !vars.contains_key(gone.as_bytes()),
            "{gone} leaked into CMD"
        );
    }
    assert_eq!(vars[&b"KEEP_ME"[..]], b"kept");
    assert_eq!(vars[&b"SEALBOX_BUSY_TIMEOUT"[..]], b"3");
    assert_eq!(
        vars[&b"SEALBOX_VAULT"[..]],
        env.vault.to_str().unwrap().as_bytes()
    );
    assert!(!vars.values().any(|v| contains(v, env.key.as_bytes())));
}

#[test]
fn prefix_is_removed_and_punctuation_mapped() {
    let env = TestEnv::with_vault();
    env.set("app.db-url", b"postgres://x");
    env.set("app.TOKEN", b"t");
    env.set("other", b"o");
    let vars = child_env(&env, &["run", "--prefix", "app."], &[]);
    assert_eq!(vars[&b"db_url"[..]], b"postgres://x");
    assert_eq!(vars[&b"TOKEN"[..]], b"t");
    assert!(!vars.contains_key(&b"other"[..]));
    let all = child_env(&env, &["run", "--all"], &[]);
    assert_eq!(all[&b"app_db_url"[..]], b"postgres://x");
    assert_eq!(all[&b"other"[..]], b"o");
    // A variable of the parent with a secret's name is replaced by the secret.
    let vars = child_env(&env, &["run", "--only", "other"], &[("other", "parent")]);
    assert_eq!(vars[&b"other"[..]], b"o");
}

#[test]
fn the_exit_status_is_the_commands() {
    let env = TestEnv::with_vault();
    env.set("A", b"x");
    env.cmd(&["run", "--only", "A", "--", "sh", "-c", "exit 7"])
        .assert()
        .code(7);
    env.cmd(&["run", "--only", "A", "--", "sh", "-c", "test \"$A\" = x"])
        .assert()
        .code(0);
    let out = env
        .cmd(&["run", "--only", "A", "--", "no-such-command-sealbox"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(127));
    assert!(stderr(&out).starts_with("error: cannot run no-such-command-sealbox"));
    let script = env.home().join("not-executable");
    std::fs::write(&script, "#!/bin/sh\n").unwrap();
    env.cmd(&["run", "--only", "A", "--", script.to_str().unwrap()])
        .assert()
        .code(126);
}

fn wait_for(path: &Path) -> String {
    // A generous bound only so a broken build fails instead of hanging; nothing is timed.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Ok(text) = std::fs::read_to_string(path)
            && text.ends_with('\n')
        {
            return text.trim().to_owned();
        }
        assert!(
            Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn sigterm_reaches_the_command_because_it_is_the_same_process() {
    let env = TestEnv::with_vault();
    env.set("A", b"x");
    let script = "trap 'echo $$ > trapped; exit 42' TERM; echo $$ > ready; \
                  while :; do sleep 0.05; done";
    let mut child = env
        .std_cmd(&["run", "--only", "A", "--", "sh", "-c", script])
        .spawn()
        .unwrap();
    let ready = wait_for(&env.home().join("ready"));
    assert_eq!(
        ready,
        child.id().to_string(),
        "CMD runs in sealbox's process"
    );
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(42), "the trap in CMD ran");
    assert_eq!(wait_for(&env.home().join("trapped")), ready);
}

/// Runs `sealbox run ARGS -- sh -c 'touch ran'` and asserts CMD never started.
fn refused(env: &TestEnv, args: &[&str], code: i32) -> String {
    let mut full = vec!["run"];
    full.extend(args);
    full.extend(["--", "sh", "-c", "touch ran"]);
    let out = env.cmd(&full).output().unwrap();
    assert_eq!(out.status.code(), Some(code), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(!env.home().join("ran").exists(), "CMD ran");
    stderr(&out)
}

#[test]
fn a_missing_name_exits_3_before_the_command_starts() {
    let env = TestEnv::with_vault();
    env.set("A", b"x");
    let err = refused(&env, &["--only", "A,MISSING,ALSO_MISSING"], 3);
    assert!(
        err.starts_with("error: no secret named MISSING, ALSO_MISSING\n"),
        "{err}"
    );
    let err = refused(&env, &["--prefix", "nothing."], 3);
    assert!(err.contains("no secret name starts with"), "{err}");
}

#[test]
fn impossible_values_and_collisions_exit_2_naming_the_secret() {
    let env = TestEnv::with_vault();
    env.set("NUL", b"sup3r\0secret");
    env.set("BIG", &vec![b'k'; 128 * 1024]);
    env.set("a.b", b"one");
    env.set("a-b", b"two");
    let err = refused(&env, &["--only", "NUL"], 2);
    assert!(
        err.contains("the value of NUL contains a NUL byte"),
        "{err}"
    );
    assert!(!err.contains("sup3r"));
    let err = refused(&env, &["--only", "BIG"], 2);
    assert!(err.contains("the value of BIG is larger than"), "{err}");
    let err = refused(&env, &["--only", "a.b,a-b"], 2);
    assert!(
        err.contains("a.b and a-b both map to the environment variable a_b"),
        "{err}"
    );
    let err = refused(&env, &["--only", "bad name"], 2);
    assert!(err.contains("invalid name"), "{err}");
    let err = refused(&env, &["--prefix", "a.b"], 2);
    assert!(err.contains("a.b is the prefix itself"), "{err}");
}

#[test]
fn selection_and_command_are_required() {
    let env = TestEnv::with_vault();
    env.cmd(&["run", "--", "true"]).assert().code(2);
    env.cmd(&["run", "--all"]).assert().code(2);
    env.cmd(&["run", "--all", "--only", "A", "--", "true"])
        .assert()
        .code(2);
    env.bare_cmd(&["run", "--all", "--", "sh", "-c", "touch ran"])
        .assert()
        .code(4);
    assert!(!env.home().join("ran").exists());
}

#[test]
fn the_child_gets_the_callers_umask_not_sealboxs() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    for umask in ["0022", "0002"] {
        let out = std::process::Command::new("sh")
            .args([
                "-c",
                &format!("umask {umask}; exec \"$0\" run --only A -- sh -c umask"),
                crate::common::bin(),
            ])
            .env("SEALBOX_KEY", &env.key)
            .env("SEALBOX_VAULT", &env.vault)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), umask);
    }
}
