//! Acceptance 5: no value reaches the vault's files in clear, argv, a core dump, a file other
//! users can read, or an error message.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, bin, contains, stderr};

/// Every file under the test's directory, with its bytes (journals included if any is left).
fn everything(env: &TestEnv) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    env.all_files()
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(&p).unwrap()))
        .collect()
}

#[test]
fn no_canary_survives_in_the_files_after_set_overwrite_and_delete() {
    let env = TestEnv::with_vault();
    let first = TestEnv::canary("first");
    let second = TestEnv::canary("second");
    let gone = TestEnv::canary("deleted");
    env.set("KEPT", &first);
    env.set("KEPT", &second);
    env.set("DOOMED", &gone);
    env.cmd(&["set", "DOOMED"])
        .write_stdin(gone.clone())
        .assert()
        .success();
    let doomed_ciphertexts: Vec<Vec<u8>> = {
        let conn = env.sql();
        let mut stmt = conn
            .prepare("SELECT ciphertext FROM versions WHERE name = 'DOOMED'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(doomed_ciphertexts.len(), 2);
    // Positive control: the search below does find the ciphertexts while they are stored.
    let db = std::fs::read(&env.vault).unwrap();
    assert!(doomed_ciphertexts.iter().all(|c| contains(&db, c)));
    env.cmd(&["delete", "DOOMED"]).assert().success();

    for (path, bytes) in everything(&env) {
        for canary in [&first, &second, &gone] {
            assert!(
                !contains(&bytes, canary),
                "{} holds a canary",
                path.display()
            );
        }
        // secure_delete: the deleted rows' ciphertexts are overwritten, not just unlinked, so a
        // key leaked later cannot open a value the user deleted.
        for ciphertext in &doomed_ciphertexts {
            assert!(
                !contains(&bytes, ciphertext),
                "{} holds a deleted ciphertext",
                path.display()
            );
        }
    }
    let names: Vec<_> = env.vault_files().into_keys().collect();
    assert_eq!(
        names,
        std::slice::from_ref(&env.vault),
        "a sidecar file was left behind"
    );
}

fn core_limit(pid: u32) -> Option<String> {
    let limits = std::fs::read_to_string(format!("/proc/{pid}/limits")).ok()?;
    limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn while_set_waits_on_stdin_argv_has_no_value_and_core_dumps_are_off() {
    let env = TestEnv::with_vault();
    let canary = TestEnv::canary("argv");
    let mut child = env
        .std_cmd(&["set", "WAITING", "--description", "public text"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&canary[..10]).unwrap();
    stdin.flush().unwrap();

    // Hardening is the first thing sealbox does; wait for it rather than for a fixed time.
    let deadline = Instant::now() + Duration::from_secs(10);
    let limit = loop {
        let limit = core_limit(pid).expect("sealbox is running");
        if limit == "Max core file size 0 0 bytes" || Instant::now() > deadline {
            break limit;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(limit, "Max core file size 0 0 bytes");
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(contains(&cmdline, b"WAITING"), "read the right process");
    assert!(!contains(&cmdline, &canary[..10]));
    assert!(
        child.try_wait().unwrap().is_none(),
        "set must still be waiting on stdin"
    );

    stdin.write_all(&canary[10..]).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(env.get("WAITING"), canary);
}

#[test]
fn with_umask_000_the_vault_is_0600_and_new_directories_0700() {
    let env = TestEnv::new();
    let vault = env.home().join("new/deeper/vault.db");
    // Runs a shell line under umask 000, with sealbox as $0 and nothing else from outside.
    let under_umask_000 = |line: &str| {
        Command::new("sh")
            .args(["-c", &format!("umask 000; {line}"), bin()])
            .env_clear()
            .env("HOME", env.home())
            .env("SEALBOX_VAULT", &vault)
            .env("SEALBOX_KEY", &env.key)
            .output()
            .unwrap()
    };
    let out = under_umask_000("exec \"$0\" init");
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&vault), 0o600);
    assert_eq!(mode(&env.home().join("new")), 0o700);
    assert_eq!(mode(&env.home().join("new/deeper")), 0o700);
    let mut entries: Vec<_> = std::fs::read_dir(env.home().join("new/deeper"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    entries.sort();
    assert_eq!(
        entries,
        ["vault.db", "vault.db.audit"],
        "no staging or journal file is left"
    );
    let log = env.home().join("new/deeper/vault.db.audit");
    assert_eq!(mode(&log), 0o600);

    // Writes under umask 000 keep the files private too.
    let out = under_umask_000("printf v | exec \"$0\" set A");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&vault), 0o600);
    assert_eq!(mode(&log), 0o600);
}

#[test]
fn error_messages_never_contain_the_value_or_the_credential() {
    let env = TestEnv::with_vault();
    let canary = TestEnv::canary("error");
    env.set("TAKEN", b"x");
    let before = env.vault_files();
    let mut failures = vec![
        env.cmd(&["set", "bad name"])
            .write_stdin(canary.clone())
            .output()
            .unwrap(),
        env.cmd(&["set", "-x"])
            .write_stdin(canary.clone())
            .output()
            .unwrap(),
        env.cmd(&["set", "TAKEN", "--no-overwrite"])
            .write_stdin(canary.clone())
            .output()
            .unwrap(),
        env.cmd(&["set", "TAKEN", "--if-version", "7"])
            .write_stdin(canary.clone())
            .output()
            .unwrap(),
    ];
    let value = String::from_utf8(canary.clone()).unwrap();
    for json in [
        format!("{{\"bad name\": \"{value}\"}}"),
        format!("{{\"A\": \"{value}\\q\"}}"),
        format!("{{\"A\": \"{value}\\u12\"}}"),
        format!("{{\"A\": \"{value}\u{1}\"}}"),
        format!("{{\"A\": \"{value}\""),
        format!("{{\"A\": {value}}}"),
        format!("{{\"A\": \"{value}\", \"A\": \"{value}\"}}"),
        format!("{{\"A\": \"{value}\"}} {value}"),
    ] {
        failures.push(
            env.cmd(&["import", "--format", "json"])
                .write_stdin(json)
                .output()
                .unwrap(),
        );
    }
    let mut wrong_key = env.bare_cmd(&["set", "NEW"]);
    wrong_key.env("SEALBOX_KEY", "4d".repeat(32));
    failures.push(wrong_key.write_stdin(canary.clone()).output().unwrap());
    let mut bad_key = env.bare_cmd(&["get", "TAKEN"]);
    bad_key.env("SEALBOX_KEY", "4d".repeat(31) + "zz");
    failures.push(bad_key.output().unwrap());
    for out in &failures {
        assert!(!out.status.success());
        assert!(out.stdout.is_empty(), "{}", stderr(out));
        assert!(stderr(out).starts_with("error: "), "{}", stderr(out));
        assert!(!contains(&out.stderr, &canary), "value in: {}", stderr(out));
        assert!(
            !contains(&out.stderr, &canary[..12]),
            "part of the value in: {}",
            stderr(out)
        );
        assert!(!stderr(out).contains("4d4d4d4d"), "key in: {}", stderr(out));
    }
    env.assert_unchanged(&before, "failed commands");
}

#[test]
fn a_value_typed_as_an_argument_is_not_repeated_in_the_error() {
    // Other tools take values as arguments (`chamber write svc KEY VALUE`); sealbox refuses,
    // and must not copy the value into stderr, which CI keeps in its logs.
    let env = TestEnv::with_vault();
    let canary = String::from_utf8(TestEnv::canary("argv")).unwrap();
    let before = env.vault_files();
    for args in [
        vec!["set", "API_KEY", canary.as_str()],
        vec!["get", "API_KEY", canary.as_str()],
        vec!["rotate-master", canary.as_str()],
    ] {
        let out = env.cmd(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(
            !err.contains(&canary[..12]),
            "{args:?}: the value in: {err}"
        );
        assert!(
            err.starts_with(
                "error: unexpected argument (not repeated here, in case it is a secret value)\n"
            ),
            "{err}"
        );
    }
    // An unknown option is not repeated either (`--token=...` would be), but the similar flag
    // clap suggests is one of sealbox's own names, so typos stay easy to fix.
    let out = env
        .cmd(&["get", "API_KEY", "--verison", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains("verison"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("hint: did you mean --version?"),
        "{}",
        stderr(&out)
    );
    env.assert_unchanged(&before, "refused arguments");
}
