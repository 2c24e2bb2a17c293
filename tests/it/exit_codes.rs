//! Acceptance 7: the exit statuses of SPEC 1.3 that init, keygen, set, get, list, delete and
//! import can produce, each with its exact message, and nothing written by a failing command.
//! (4 by a prompt, 5 by tampering and 7 by a held lock are covered in unlock.rs, tamper.rs and
//! concurrency.rs; each is asserted here once more in its simplest form.)

use std::os::unix::fs::PermissionsExt;

use crate::common::{TestEnv, stderr};

fn path(env: &TestEnv) -> String {
    env.vault.display().to_string()
}

#[test]
fn status_0_for_keygen_and_a_plain_session() {
    let env = TestEnv::new();
    let out = env.bare_cmd(&["keygen"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let key = String::from_utf8(out.stdout).unwrap();
    assert_eq!(key.len(), 65);
    assert!(key.ends_with('\n') && key[..64].bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(
        stderr(&env_out(&env, &["keygen"])),
        "",
        "no message when stdout is not a terminal"
    );
    let mut init = env.bare_cmd(&["init"]);
    init.env("SEALBOX_KEY", key.trim());
    init.assert().code(0).stdout("").stderr(format!(
        "created vault {} (unlock slot \"default\", key)\n",
        path(&env)
    ));
}

fn env_out(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.bare_cmd(args).output().unwrap()
}

#[test]
fn status_1_for_a_vault_others_can_write_and_a_warning_for_one_they_can_read() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let before = env.vault_files();
    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o666)).unwrap();
    let p = path(&env);
    let refused = format!(
        "error: the vault {p} is writable by other users (mode 666)\nhint: check who changed it, then run: chmod 600 '{p}'\n"
    );
    env.cmd(&["get", "A"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(refused.clone());
    env.cmd(&["set", "A"])
        .write_stdin("new")
        .assert()
        .code(1)
        .stderr(refused.clone());
    env.bare_cmd(&["list"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(refused);
    env.assert_unchanged(&before, "commands on a world-writable vault");
    assert_eq!(
        std::fs::metadata(&env.vault).unwrap().permissions().mode() & 0o777,
        0o666
    );

    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.cmd(&["get", "A"])
        .assert()
        .code(0)
        .stdout("v")
        .stderr(format!(
            "warning: the vault {p} is readable by other users; run: chmod 600 '{p}'\n"
        ));
}

#[test]
fn status_1_for_an_unreadable_value_file() {
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    let missing = env.home().join("no-such-file");
    let out = env
        .cmd(&["set", "A", "--from-file", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot read {}: No such file or directory (os error 2)\n",
            missing.display()
        )
    );
    env.assert_unchanged(&before, "set --from-file of a missing file");
}

#[test]
fn status_2_for_invalid_names_bad_flags_and_malformed_keys() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let before = env.vault_files();
    let rule = "a name is 1 to 128 characters of ASCII letters, digits, '_', '-' and '.', starting with a letter, digit or '_'";
    let long = "a".repeat(129);
    for name in ["", "a b", ".hidden", "-", "a/b", "caf\u{e9}", long.as_str()] {
        let message = format!("error: invalid name {name:?}: {rule}\n");
        env.cmd(&["set", name])
            .write_stdin("v")
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.clone());
        env.cmd(&["get", name])
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.clone());
        env.cmd(&["delete", "A", name])
            .assert()
            .code(2)
            .stderr(message);
    }
    for args in [
        &["get", "A", "--bogus"][..],
        &["frobnicate"],
        &["get"],
        &["delete"],
        &["set", "A", "--generate", "0"],
        &["set", "A", "--generate", "4097"],
        &["set", "A", "--if-version", "two"],
        &["set", "A", "--if-version", "1", "--no-overwrite"],
        &["set", "A", "--generate", "--from-file", "x"],
        &["set", "A", "--rotate-every", "soon"],
        &["get", "A", "--version", "latest"],
        &["import", "--format", "yaml"],
        &["import"],
        &["set", "A", "--key", "00"],
    ] {
        let out = env.cmd(args).write_stdin("v").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert!(
            stderr(&out).starts_with("error: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    for key in ["", "zz", "1f1f", &"1f".repeat(33), &"g1".repeat(32)] {
        if key.is_empty() {
            continue; // an empty variable counts as unset (CI expands missing secrets to "")
        }
        let mut cmd = env.bare_cmd(&["get", "A"]);
        cmd.env("SEALBOX_KEY", key);
        cmd.assert().code(2).stdout("").stderr(
            "error: SEALBOX_KEY is not a valid key: a raw key must be 64 hexadecimal characters (256 bits)\n\
             hint: generate a key with 'sealbox keygen'\n",
        );
    }
    let key_file = env.home().join("bad.key");
    std::fs::write(&key_file, "not a key\n").unwrap();
    env.bare_cmd(&["get", "A", "--key-file", key_file.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(format!(
            "error: the key file {} does not hold a valid key: a raw key must be 64 hexadecimal characters (256 bits)\n\
             hint: generate a key with 'sealbox keygen'\n",
            key_file.display()
        ));
    for timeout in ["soon", "-1", "inf"] {
        let mut cmd = env.cmd(&["get", "A"]);
        cmd.env("SEALBOX_BUSY_TIMEOUT", timeout);
        cmd.assert().code(2).stderr(
            "error: invalid environment: SEALBOX_BUSY_TIMEOUT must be a number of seconds, such as 5 or 0.5\n",
        );
    }
    env.assert_unchanged(&before, "usage errors");
}

#[test]
fn a_huge_busy_timeout_is_capped_not_a_crash() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let mut cmd = env.cmd(&["get", "A"]);
    cmd.env("SEALBOX_BUSY_TIMEOUT", "99999999999");
    cmd.assert().code(0).stdout("v").stderr("");
}

#[test]
fn status_3_for_a_missing_vault_secret_or_version_and_no_file_is_created() {
    let env = TestEnv::new();
    let p = path(&env);
    let message = format!(
        "error: no vault at {p}\nhint: create one with 'sealbox init', or point --vault or SEALBOX_VAULT at an existing vault\n"
    );
    env.cmd(&["get", "A"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(message.clone());
    env.cmd(&["set", "A"])
        .write_stdin("v")
        .assert()
        .code(3)
        .stderr(message.clone());
    env.cmd(&["delete", "A"])
        .assert()
        .code(3)
        .stderr(message.clone());
    env.cmd(&["import", "--format", "json"])
        .write_stdin("{}")
        .assert()
        .code(3)
        .stderr(message.clone());
    env.bare_cmd(&["list"])
        .assert()
        .code(3)
        .stdout("")
        .stderr(message);
    assert_eq!(
        env.all_files(),
        Vec::<std::path::PathBuf>::new(),
        "a failing command created a file"
    );

    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.cmd(&["get", "B"]).assert().code(3);
    env.cmd(&["get", "A", "--version", "2"]).assert().code(3);
    env.cmd(&["delete", "B"]).assert().code(3);
}

#[test]
fn status_4_for_a_wrong_key_or_a_credential_of_the_wrong_kind() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let before = env.vault_files();
    let hint = "hint: check the credential in use; set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity\n";
    let wrong = |source: &str| {
        format!(
            "error: the key or passphrase does not open this vault (using {source} from the environment)\n{hint}"
        )
    };
    let mut cmd = env.bare_cmd(&["get", "A"]);
    cmd.env("SEALBOX_KEY", "2a".repeat(32));
    cmd.assert().code(4).stdout("").stderr(wrong("SEALBOX_KEY"));
    let mut cmd = env.bare_cmd(&["set", "A"]);
    cmd.env("SEALBOX_PASSPHRASE", "a passphrase for a key vault");
    cmd.write_stdin("new")
        .assert()
        .code(4)
        .stdout("")
        .stderr(wrong("SEALBOX_PASSPHRASE"));
    let mut cmd = env.bare_cmd(&["import", "--format", "json"]);
    cmd.env("SEALBOX_KEY", "2a".repeat(32));
    cmd.write_stdin("{\"B\": \"b\"}")
        .assert()
        .code(4)
        .stderr(wrong("SEALBOX_KEY"));
    // A key file that does not exist may be the key itself, typed where its path goes.
    let key_as_path = "5b".repeat(32);
    env.bare_cmd(&["get", "A", "--key-file", &key_as_path])
        .assert()
        .code(4)
        .stdout("")
        .stderr(
            "error: the key file does not exist (its path is not repeated here, in case it is the credential itself)\n\
             hint: the option takes the path of a file holding the credential; SEALBOX_KEY and SEALBOX_PASSPHRASE take the credential itself\n",
        );
    // Nor is one under a file (the key with a slash in it, say).
    let under_a_file = format!("{}/{key_as_path}", env.vault.display());
    let out = env
        .bare_cmd(&["get", "A", "--key-file", &under_a_file])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(!stderr(&out).contains(&key_as_path), "{}", stderr(&out));
    // One that exists but cannot be read is named.
    let dir_as_file = env.home().join("a-directory");
    std::fs::create_dir(&dir_as_file).unwrap();
    env.bare_cmd(&["get", "A", "--key-file", dir_as_file.to_str().unwrap()])
        .assert()
        .code(4)
        .stderr(format!(
            "error: cannot read the key file {}: Is a directory (os error 21)\n",
            dir_as_file.display()
        ));
    env.assert_unchanged(&before, "failed unlocks");
}

#[test]
fn the_key_file_wins_over_the_environment_and_may_carry_whitespace() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let key_file = env.home().join("good.key");
    std::fs::write(&key_file, format!("  {}\n\n", env.key)).unwrap();
    let mut cmd = env.bare_cmd(&["get", "A"]);
    cmd.env("SEALBOX_KEY_FILE", &key_file)
        .env("SEALBOX_KEY", "2a".repeat(32));
    cmd.assert().code(0).stdout("v");
}

#[test]
fn status_5_for_a_tampered_value() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql()
        .execute("UPDATE versions SET ciphertext = zeroblob(48)", [])
        .unwrap();
    env.cmd(&["get", "A"]).assert().code(5).stdout("").stderr(
        "error: the value of A version 1 failed authentication: it was modified or is corrupt\n\
         hint: the vault file was modified outside sealbox; restore it from a backup\n",
    );
}

#[test]
fn status_6_for_an_existing_vault_and_compare_and_set_mismatches() {
    let env = TestEnv::with_vault();
    env.set("A", b"one");
    let before = env.vault_files();
    let p = path(&env);
    env.cmd(&["init"]).assert().code(6).stdout("").stderr(format!(
        "error: a vault already exists at {p}\nhint: choose another path with --vault, or remove the existing file first\n"
    ));
    let mut other_key = env.bare_cmd(&["init"]);
    other_key.env("SEALBOX_PASSPHRASE", "x");
    other_key.assert().code(6);
    env.cmd(&["set", "A", "--no-overwrite"])
        .write_stdin("two")
        .assert()
        .code(6)
        .stdout("")
        .stderr("error: A already exists (version 1); nothing was stored\n");
    env.cmd(&["set", "A", "--if-version", "2"])
        .write_stdin("two")
        .assert()
        .code(6)
        .stderr(
            "error: A is at version 1, not 2; nothing was stored\n\
         hint: read the current value again and retry with the new version\n",
        );
    env.cmd(&["set", "A", "--if-version", "0"])
        .write_stdin("two")
        .assert()
        .code(6);
    env.cmd(&["set", "NEW", "--if-version", "1"])
        .write_stdin("two")
        .assert()
        .code(6);
    env.assert_unchanged(&before, "conflicts");

    env.cmd(&["set", "A", "--if-version", "1"])
        .write_stdin("two")
        .assert()
        .code(0);
    env.cmd(&["set", "NEW", "--if-version", "0"])
        .write_stdin("n")
        .assert()
        .code(0);
    env.cmd(&["set", "NEW2", "--no-overwrite"])
        .write_stdin("n")
        .assert()
        .code(0);
    assert_eq!(env.get("A"), b"two");
}

#[test]
fn status_7_when_the_vault_stays_locked() {
    let env = TestEnv::with_vault();
    let lock = env.sql();
    lock.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let mut cmd = env.cmd(&["set", "A"]);
    cmd.env("SEALBOX_BUSY_TIMEOUT", "0.2")
        .write_stdin("v")
        .assert()
        .code(7);
}

#[test]
fn status_8_for_an_unknown_slot_kind_in_a_format_that_does_not_bind_slots() {
    // A format-2 vault: a slot kind this sealbox does not know may be a newer one's.
    let env = TestEnv::with_fixture(2);
    env.sql()
        .execute("UPDATE slots SET kind = 'fido2' WHERE label = 'ci'", [])
        .unwrap();
    let before = env.vault_files();
    env.cmd(&["get", "ONE"]).assert().code(8).stdout("").stderr(
        "error: unsupported: unknown unlock slot kind \"fido2\"\nhint: upgrade sealbox to open this vault\n",
    );
    env.assert_unchanged(&before, "get with an unknown slot kind");
}

#[test]
fn status_5_for_an_unknown_slot_kind_in_a_format_that_binds_slots() {
    // From format 3 a newer sealbox's slot kind comes with a newer format (refused as exit 8
    // first), so an unknown kind is an edit.
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql()
        .execute("UPDATE slots SET kind = 'fido2'", [])
        .unwrap();
    let before = env.vault_files();
    env.cmd(&["get", "A"]).assert().code(5).stdout("").stderr(
        "error: unlock slot \"default\" (unknown unlock slot kind \"fido2\") failed authentication: it was modified or is corrupt\nhint: the vault file was modified outside sealbox; restore it from a backup\n",
    );
    env.assert_unchanged(&before, "get with an unknown slot kind");
}

#[test]
fn status_2_for_a_rotation_period_beyond_a_century() {
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    let out = env
        .cmd(&["set", "A", "--rotate-every", "15250284452w"])
        .write_stdin("v")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The value is cut out of the parser's explanation: usage errors never repeat one.
    assert!(stderr(&out).contains("invalid duration: at most 36500d (100 years)"));
    env.assert_unchanged(&before, "set with an absurd rotation period");
    env.cmd(&["set", "A", "--rotate-every", "36500d"])
        .write_stdin("v")
        .assert()
        .code(0);
    let list = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(
        entries[0]["rotation_due"].as_str().unwrap().len(),
        20,
        "RFC 3339"
    );
}
