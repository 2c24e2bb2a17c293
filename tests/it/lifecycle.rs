//! Key lifecycle through the real binary: rotate-master (acceptance 1), re-encrypt racing
//! concurrent sets (5), verify naming what fails (6), two unlock slots (7), and the exit codes
//! and refusals around them.

use std::thread;

use crate::common::lifecycle::{KEY_A, KEY_B, KEY_C, code, get, run, with_key};
use crate::common::{TestEnv, stderr};
use predicates::prelude::*;

/// A versions row: name, version, key id, nonce, ciphertext.
type VersionRow = (String, i64, i64, Vec<u8>, Vec<u8>);

/// Every stored row of the versions table, to show that a command did not touch values.
fn version_rows(env: &TestEnv) -> Vec<VersionRow> {
    let conn = env.sql();
    let mut stmt = conn
        .prepare(
            "SELECT name, version, key_id, nonce, ciphertext FROM versions ORDER BY name, version",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
    })
    .unwrap()
    .collect::<Result<_, _>>()
    .unwrap()
}

fn vault_with_secrets() -> TestEnv {
    let env = TestEnv::with_vault();
    env.set("API_KEY", b"first");
    env.set("API_KEY", b"second\x00\xff");
    env.set("DB_PASSWORD", b"hunter2");
    env
}

fn assert_secrets_read_with(env: &TestEnv, credential: &[(&str, &str)]) {
    for (name, version, value) in [
        ("API_KEY", "1", &b"first"[..]),
        ("API_KEY", "2", b"second\x00\xff"),
        ("DB_PASSWORD", "1", b"hunter2"),
    ] {
        let mut cmd = env.bare_cmd(&["get", name, "--version", version]);
        cmd.envs(credential.iter().copied());
        cmd.assert().code(0).stdout(value.to_vec());
    }
}

fn assert_locked_out(env: &TestEnv, credential: &[(&str, &str)]) {
    let mut cmd = env.bare_cmd(&["get", "API_KEY"]);
    cmd.envs(credential.iter().copied());
    cmd.assert()
        .code(4)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: the key or passphrase does not open this vault",
        ));
}

#[test]
fn rotate_master_key_to_key_locks_out_the_old_key_and_touches_no_value() {
    let env = vault_with_secrets();
    let before = version_rows(&env);
    env.cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0)
        .stdout("")
        .stderr("unlock slot \"default\" now opens with the new key; the old credential no longer opens it\n");
    assert_eq!(
        version_rows(&env),
        before,
        "rotate-master must not read or write values"
    );
    assert_locked_out(&env, &[("SEALBOX_KEY", KEY_A)]);
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_B)]);
}

#[test]
fn rotate_master_crosses_between_key_and_passphrase_both_ways() {
    let env = vault_with_secrets();
    // key -> passphrase, the kind inferred from the source.
    env.cmd(&["rotate-master", "--json"])
        .env("SEALBOX_NEW_PASSPHRASE", "correct horse")
        .assert()
        .code(0)
        .stdout("{\"kind\":\"passphrase\",\"slot\":\"default\"}\n");
    assert_locked_out(&env, &[("SEALBOX_KEY", KEY_A)]);
    assert_secrets_read_with(&env, &[("SEALBOX_PASSPHRASE", "correct horse")]);
    env.bare_cmd(&["slot", "list", "--json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "\"kdf\":{\"algorithm\":\"argon2id\",\"m_kib\":65536,\"t\":3,\"p\":1}",
        ));

    // passphrase -> key, explicitly with --to-key and a key file.
    let key_file = env.home().join("new.key");
    std::fs::write(&key_file, format!("{KEY_C}\n")).unwrap();
    env.bare_cmd(&["rotate-master", "--to-key", "--new-key-file"])
        .arg(&key_file)
        .env("SEALBOX_PASSPHRASE", "correct horse")
        .assert()
        .code(0);
    assert_locked_out(&env, &[("SEALBOX_PASSPHRASE", "correct horse")]);
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_C)]);

    // key -> passphrase from a file (one trailing newline removed).
    let pass_file = env.home().join("pass.txt");
    std::fs::write(&pass_file, "from a file\n").unwrap();
    env.bare_cmd(&["rotate-master", "--to-passphrase", "--new-passphrase-file"])
        .arg(&pass_file)
        .env("SEALBOX_KEY", KEY_C)
        .assert()
        .code(0);
    assert_locked_out(&env, &[("SEALBOX_KEY", KEY_C)]);
    assert_secrets_read_with(&env, &[("SEALBOX_PASSPHRASE", "from a file")]);
}

#[test]
fn rotate_master_refusals_change_nothing() {
    let env = vault_with_secrets();
    let before = env.vault_files();

    // No new credential and no terminal: exit 4 at once, naming the options.
    let out = run(with_key(&env, KEY_A, &["rotate-master"]), b"");
    assert_eq!(code(&out), Some(4), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(
        "error: no new credential given and no terminal to prompt on; nothing was changed\nhint: pass --new-key-file"
    ));

    // --to-key with only a passphrase source: no key given.
    let mut cmd = with_key(&env, KEY_A, &["rotate-master", "--to-key"]);
    cmd.env("SEALBOX_NEW_PASSPHRASE", "pw");
    let out = run(cmd, b"");
    assert_eq!(code(&out), Some(4));
    assert!(
        stderr(&out).contains("no new key given"),
        "{}",
        stderr(&out)
    );

    // The same credential again is pointless and refused.
    env.cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", KEY_A)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the same as the current one"));

    // A malformed new key, and the wrong current key.
    env.cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", "abc")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "SEALBOX_NEW_KEY is not a valid key",
        ));
    env.bare_cmd(&["rotate-master"])
        .env("SEALBOX_KEY", KEY_B)
        .env("SEALBOX_NEW_KEY", KEY_C)
        .assert()
        .code(4);
    // An empty new passphrase file.
    let empty = env.home().join("empty");
    std::fs::write(&empty, "\n").unwrap();
    env.cmd(&["rotate-master", "--new-passphrase-file"])
        .arg(&empty)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the new passphrase is empty"));
    // Credentials are never argument values.
    env.cmd(&["rotate-master", "--new-key", KEY_B])
        .assert()
        .code(2);

    assert_eq!(env.vault_files(), before);
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_A)]);
}

#[test]
fn rotate_master_rotates_only_the_slot_in_use() {
    let env = vault_with_secrets();
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0)
        .stderr("added unlock slot \"ci\" (key)\n");
    // Rotate the "ci" slot (picked by --slot) to KEY_C; the default slot keeps KEY_A.
    env.bare_cmd(&["rotate-master", "--slot", "ci"])
        .env("SEALBOX_KEY", KEY_B)
        .env("SEALBOX_NEW_KEY", KEY_C)
        .assert()
        .code(0)
        .stderr(predicate::str::contains("unlock slot \"ci\""));
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_A)]);
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_C)]);
    assert_locked_out(&env, &[("SEALBOX_KEY", KEY_B)]);
}

#[test]
fn re_encrypt_moves_every_version_to_one_new_key_and_destroys_the_old() {
    let env = vault_with_secrets();
    let before = version_rows(&env);

    // --dry-run says what it would do and changes nothing.
    let files = env.vault_files();
    env.cmd(&["re-encrypt", "--dry-run"])
        .assert()
        .code(0)
        .stdout("")
        .stderr(
            "would add data key 2, re-encrypt 3 stored values (all versions) under it, then destroy data key 1\n\
             nothing was changed (dry run)\n",
        );
    assert_eq!(env.vault_files(), files);

    env.cmd(&["re-encrypt", "--json"])
        .assert()
        .code(0)
        .stdout(
            "{\"data_key\":2,\"dropped_slots\":[],\"new_vault_key\":false,\"re_encrypted\":3,\"resealed_slots\":[],\"resumed\":false,\"retired_data_keys\":[1]}\n",
        );
    let after = version_rows(&env);
    assert_eq!(after.len(), before.len());
    for (old, new) in before.iter().zip(&after) {
        assert_eq!((&old.0, old.1), (&new.0, new.1));
        assert_eq!((old.2, new.2), (1, 2));
        assert_ne!(
            old.4, new.4,
            "{} version {} was not re-sealed",
            old.0, old.1
        );
    }
    let conn = env.sql();
    let keys: Vec<i64> = conn
        .prepare("SELECT id FROM data_keys")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(keys, vec![2]);
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_A)]);
    env.cmd(&["verify"]).assert().code(0);
    // In a pipe: no progress bar, just the summary line.
    env.cmd(&["re-encrypt"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("re-encrypted 3 stored values under data key 3; destroyed data key 2\n");
}

#[test]
fn re_encrypt_new_vault_key_refuses_while_other_slots_exist() {
    let env = vault_with_secrets();
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0);
    let files = env.vault_files();
    env.cmd(&["re-encrypt", "--new-vault-key"])
        .assert()
        .code(6)
        .stderr(predicate::str::starts_with(
            "error: --new-vault-key would leave the other unlock slots unable to open the vault: \"ci\"; nothing was changed\nhint: pass --drop-other-slots",
        ));
    env.cmd(&["re-encrypt", "--new-vault-key", "--dry-run"])
        .assert()
        .code(6);
    env.cmd(&["re-encrypt", "--drop-other-slots"])
        .assert()
        .code(2);
    assert_eq!(env.vault_files(), files);

    env.cmd(&["re-encrypt", "--new-vault-key", "--drop-other-slots"])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "warning: deleted the unlock slots \"ci\"; add new ones with 'sealbox slot add'",
        ));
    assert_secrets_read_with(&env, &[("SEALBOX_KEY", KEY_A)]);
    assert_locked_out(&env, &[("SEALBOX_KEY", KEY_B)]);
    env.bare_cmd(&["slot", "list", "--json"])
        .assert()
        .stdout(predicate::str::contains("\"label\":\"ci\"").not());
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn an_old_copy_plus_the_old_credential_opens_nothing_after_a_new_vault_key() {
    // The case --new-vault-key exists for: someone kept a copy of the file and the credential.
    let env = vault_with_secrets();
    let copy = env.home().join("stolen.db");
    std::fs::copy(&env.vault, &copy).unwrap();
    env.cmd(&["re-encrypt", "--new-vault-key"]).assert().code(0);
    env.cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0);
    // Graft the stolen copy's slot (old credential, old vault key) into the current file.
    let conn = env.sql();
    conn.execute("ATTACH DATABASE ?1 AS old", [copy.to_str().unwrap()])
        .unwrap();
    conn.execute(
        "INSERT INTO slots (label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce, wrapped_key, created_at)
         SELECT 'grafted', kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce, wrapped_key, created_at FROM old.slots",
        [],
    )
    .unwrap();
    drop(conn);
    // The old vault key unwraps none of the current data keys: reported as tampering.
    env.cmd(&["get", "API_KEY"]).assert().code(5).stdout("");
}

#[test]
fn re_encrypt_racing_sixteen_sets_leaves_nothing_on_a_retired_key() {
    let env = TestEnv::with_vault();
    crate::common::lifecycle::fill(&env, KEY_A, 300, 2, 5);
    // The last round also replaces the vault key under the racing sets: a set that unlocked
    // with the old vault key must then report exit 7 (run again), never tampering.
    for round in 0..4 {
        let args: &[&str] = if round == 3 {
            &["re-encrypt", "--new-vault-key"]
        } else {
            &["re-encrypt"]
        };
        let re_encrypt = crate::common::lifecycle::start(with_key(&env, KEY_A, args));
        let setters: Vec<_> = (0..16)
            .map(|i| {
                let name = if i % 2 == 0 {
                    format!("RACE_{round}_{i}")
                } else {
                    crate::common::lifecycle::name(i)
                };
                let value = format!("race {round} {i}");
                let mut cmd = with_key(&env, KEY_A, &["set", &name]);
                cmd.env("SEALBOX_BUSY_TIMEOUT", "30");
                thread::spawn(move || (name, value.clone(), run(cmd, value.as_bytes())))
            })
            .collect();
        let mut stored = Vec::new();
        let mut busy = 0;
        for setter in setters {
            let (name, value, out) = setter.join().unwrap();
            match code(&out) {
                Some(0) => stored.push((name, value)),
                Some(7) => busy += 1,
                other => panic!("set {name} exited {other:?}: {}", stderr(&out)),
            }
        }
        eprintln!(
            "round {round}: {} sets stored, {busy} reported exit 7",
            stored.len()
        );
        let out = re_encrypt.wait_with_output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 7)),
            "re-encrypt: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if out.status.code() == Some(7) {
            env.cmd(&["re-encrypt"]).assert().code(0);
        }
        let conn = env.sql();
        assert_eq!(
            crate::common::lifecycle::count(&conn, "SELECT count(*) FROM data_keys"),
            1
        );
        assert_eq!(
            crate::common::lifecycle::count(
                &conn,
                "SELECT count(*) FROM versions WHERE key_id <> (SELECT max(id) FROM data_keys)"
            ),
            0,
            "round {round}: rows left on a retired key"
        );
        for (name, value) in stored {
            assert_eq!(get(&env, KEY_A, &name, None), value.as_bytes());
        }
        env.cmd(&["verify"]).assert().code(0);
    }
}

/// Flips one byte of a blob in the vault with SQLite directly.
fn flip(env: &TestEnv, table: &str, column: &str, row: &str) {
    let conn = env.sql();
    let blob: Vec<u8> = conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE {row}"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut blob = blob;
    let at = blob.len() / 2;
    blob[at] ^= 0x01;
    let changed = conn
        .execute(
            &format!("UPDATE {table} SET {column} = ?1 WHERE {row}"),
            [blob],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

fn verify_names(env: &TestEnv, key: &str, expected: &[&str], not: &[&str]) {
    let out = run(with_key(env, key, &["verify"]), b"");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        code(&out),
        Some(5),
        "stdout: {stdout}\nstderr: {}",
        stderr(&out)
    );
    for what in expected {
        assert!(
            stdout.contains(&format!("FAILED  {what}: ")),
            "{what} not named in:\n{stdout}"
        );
        assert!(
            stderr(&out).contains(what),
            "{what} not in the error line: {}",
            stderr(&out)
        );
    }
    for what in not {
        assert!(
            !stdout.contains(&format!("FAILED  {what}:")),
            "{what} wrongly named in:\n{stdout}"
        );
    }
    assert!(stderr(&out).starts_with("error: verification failed for "));
}

#[test]
fn verify_passes_on_an_intact_vault_and_prints_nothing_secret() {
    let env = vault_with_secrets();
    let out = env.cmd(&["verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "checked 1 unlock slot (1 opened by this credential), 1 data key, 2 secrets, 3 stored values, 4 audit records: all ok\n"
    );
    assert!(
        !crate::common::contains(&out.stdout, b"hunter2")
            && !crate::common::contains(&out.stderr, b"hunter2")
    );
    // The first verify's own record is checked by the second.
    env.cmd(&["verify", "--json"]).assert().code(0).stdout(
        "{\"ok\":true,\"structure_ok\":true,\"slots\":[{\"label\":\"default\",\"status\":\"opened\"}],\
         \"data_keys_checked\":1,\"secrets_checked\":2,\"values_checked\":3,\"audit_records_checked\":5,\"failures\":[]}\n",
    );
    // A credential that opens nothing is an unlock failure, not an integrity one.
    env.bare_cmd(&["verify"])
        .env("SEALBOX_KEY", KEY_B)
        .assert()
        .code(4);
}

#[test]
fn verify_names_a_flipped_current_value() {
    let env = vault_with_secrets();
    flip(
        &env,
        "versions",
        "ciphertext",
        "name = 'API_KEY' AND version = 2",
    );
    verify_names(
        &env,
        KEY_A,
        &["value of API_KEY version 2"],
        &["value of API_KEY version 1", "value of DB_PASSWORD"],
    );
    env.cmd(&["verify", "--json"]).assert().code(5).stdout(
        predicate::str::contains("{\"object\":\"value\",\"what\":\"value of API_KEY version 2\",")
            .and(predicate::str::contains(
                "\"name\":\"API_KEY\",\"version\":2}",
            )),
    );
}

#[test]
fn verify_names_a_flipped_old_version() {
    let env = vault_with_secrets();
    flip(
        &env,
        "versions",
        "nonce",
        "name = 'API_KEY' AND version = 1",
    );
    verify_names(
        &env,
        KEY_A,
        &["value of API_KEY version 1"],
        &["value of API_KEY version 2"],
    );
}

#[test]
fn verify_names_a_flipped_data_key() {
    let env = vault_with_secrets();
    env.cmd(&["re-encrypt"]).assert().code(0);
    flip(&env, "data_keys", "wrapped_key", "id = 2");
    verify_names(
        &env,
        KEY_A,
        &["data key 2", "value of DB_PASSWORD version 1"],
        &["slot"],
    );
}

#[test]
fn verify_names_a_flipped_slot() {
    // The slot the credential opens: its wrapped vault key fails authentication.
    let env = vault_with_secrets();
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0);
    let intact = env.home().join("intact.db");
    std::fs::copy(&env.vault, &intact).unwrap();
    flip(&env, "slots", "wrapped_key", "label = 'ci'");
    verify_names(&env, KEY_B, &["slot \"ci\""], &["slot \"default\""]);
    // The other credential cannot open "ci" (not reachable), but still sees the damage: the
    // slot's binding under the state key covers its wrapped key.
    env.cmd(&["verify", "--json"])
        .assert()
        .code(5)
        .stdout(predicate::str::contains(
            "{\"label\":\"ci\",\"status\":\"not_reachable\"}",
        ))
        .stdout(predicate::str::contains(
            "\"object\":\"slot\",\"what\":\"slot \\\"ci\\\"\"",
        ));
    // A flipped salt is caught whoever asks: the slot header no longer matches its digest.
    // (The slot is added to the intact copy first: once a slot is edited, nothing but verify
    // opens the vault.)
    std::fs::copy(&intact, &env.vault).unwrap();
    env.cmd(&["slot", "add", "--label", "alice"])
        .env("SEALBOX_NEW_PASSPHRASE", "pw")
        .assert()
        .code(0);
    flip(&env, "slots", "salt", "label = 'ci'");
    verify_names(&env, KEY_A, &["slot \"ci\""], &["slot \"default\""]);
    // Even in a slot of the other kind, which a raw key never runs a KDF for.
    flip(&env, "slots", "salt", "label = 'alice'");
    verify_names(
        &env,
        KEY_A,
        &["slot \"alice\"", "slot \"ci\""],
        &["slot \"default\""],
    );
}

#[test]
fn two_slots_a_passphrase_and_a_key_both_open_and_the_last_cannot_go() {
    let env = TestEnv::new();
    // CI's key slot first, then a person's passphrase slot.
    env.cmd(&["init", "--label", "ci"]).assert().code(0);
    env.set("TOKEN", b"t0ken");
    env.cmd(&["slot", "add", "--label", "alice"])
        .env("SEALBOX_NEW_PASSPHRASE", "alice's passphrase")
        .assert()
        .code(0)
        .stderr("added unlock slot \"alice\" (passphrase)\n");
    let by_key = [("SEALBOX_KEY", KEY_A)];
    let by_pass = [("SEALBOX_PASSPHRASE", "alice's passphrase")];
    for credential in [&by_key[..], &by_pass[..]] {
        env.bare_cmd(&["get", "TOKEN"])
            .envs(credential.iter().copied())
            .assert()
            .code(0)
            .stdout("t0ken");
    }
    let out = env.bare_cmd(&["slot", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("LABEL  KIND        KDF"), "{text}");
    assert!(text.contains("\nci     key         hkdf-sha256"), "{text}");
    assert!(
        text.contains("\nalice  passphrase  argon2id m=65536 KiB t=3 p=1"),
        "{text}"
    );
    let out = env.bare_cmd(&["slot", "list", "--json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<(&str, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["label"].as_str().unwrap(), s["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(labels, [("ci", "key"), ("alice", "passphrase")]);
    assert!(json[0]["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(!text.contains("wrapped") && !String::from_utf8_lossy(&out.stdout).contains("salt"));

    // --slot picks one; a key never runs against a passphrase slot; a missing label is exit 3.
    env.bare_cmd(&["get", "TOKEN", "--slot", "alice"])
        .envs(by_pass)
        .assert()
        .code(0);
    env.bare_cmd(&["get", "TOKEN", "--slot", "alice"])
        .envs(by_key)
        .assert()
        .code(4);
    env.bare_cmd(&["get", "TOKEN", "--slot", "nobody"])
        .envs(by_key)
        .assert()
        .code(3)
        .stderr("error: there is no unlock slot labelled \"nobody\"\nhint: 'sealbox slot list' shows the labels\n");

    // Duplicate labels are refused before any new credential is asked for.
    env.cmd(&["slot", "add", "--label", "alice"])
        .assert()
        .code(6);
    // Default labels are the kind, numbered when taken.
    env.cmd(&["slot", "add"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0)
        .stderr("added unlock slot \"key\" (key)\n");
    env.cmd(&["slot", "remove", "key"])
        .assert()
        .code(0)
        .stderr("removed unlock slot \"key\"\n");

    // Removing one leaves the other working.
    env.bare_cmd(&["slot", "remove", "alice"])
        .envs(by_key)
        .assert()
        .code(0);
    env.bare_cmd(&["get", "TOKEN"])
        .envs(by_pass)
        .assert()
        .code(4);
    env.bare_cmd(&["get", "TOKEN"])
        .envs(by_key)
        .assert()
        .code(0)
        .stdout("t0ken");
    env.bare_cmd(&["slot", "remove", "alice"])
        .envs(by_key)
        .assert()
        .code(3);

    // The last slot cannot be removed.
    let files = env.vault_files();
    env.bare_cmd(&["slot", "remove", "ci"])
        .envs(by_key)
        .assert()
        .code(6)
        .stderr(predicate::str::starts_with(
            "error: \"ci\" is the vault's last unlock slot",
        ));
    assert_eq!(env.vault_files(), files);

    // And the other way round: the person removes CI's slot with their passphrase.
    env.cmd(&["slot", "add", "--label", "alice"])
        .env("SEALBOX_NEW_PASSPHRASE", "alice's passphrase")
        .assert()
        .code(0);
    env.bare_cmd(&["slot", "remove", "ci"])
        .envs(by_pass)
        .assert()
        .code(0);
    env.bare_cmd(&["get", "TOKEN"])
        .envs(by_pass)
        .assert()
        .code(0)
        .stdout("t0ken");
    env.bare_cmd(&["get", "TOKEN"])
        .envs(by_key)
        .assert()
        .code(4);
}

#[test]
fn slot_list_needs_no_credential_and_removing_needs_one() {
    let env = TestEnv::with_vault();
    env.bare_cmd(&["slot", "list", "--json"]).assert().code(0);
    env.bare_cmd(&["slot", "remove", "default"])
        .assert()
        .code(4);
    env.cmd(&["slot", "add", "--label", " padded"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(2);
}
