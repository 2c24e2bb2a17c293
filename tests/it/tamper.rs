//! Acceptance 4: tampering with the vault is exit 5 and prints no value; files that are not a
//! vault (or are from a newer sealbox) are refused with one clear `error:` line, exit 5 or 8, no
//! panic, and are left byte-identical with no sidecar file created next to them.

use crate::common::{
    TestEnv, contains, copy_mid_transaction, journal_of, slot_digest, stderr, stdout,
};
use rusqlite::params;

/// Asserts a failure: exit `code`, nothing on stdout, one `error:` line then only `hint:` lines,
/// and no sign of a panic.
fn assert_refused(out: &std::process::Output, code: i32, what: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{what}: {err}");
    assert!(out.stdout.is_empty(), "{what}: stdout not empty");
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[0].starts_with("error: "), "{what}: {err}");
    assert!(
        lines[1..].iter().all(|l| l.starts_with("hint: ")),
        "{what}: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("internal error"),
        "{what}: {err}"
    );
    err
}

fn flip_blob(env: &TestEnv, table: &str, column: &str, filter: &str, index: usize) {
    let conn = env.sql();
    let mut blob: Vec<u8> = conn
        .query_row(
            &format!("SELECT {column} FROM {table} WHERE {filter}"),
            [],
            |r| r.get(0),
        )
        .unwrap();
    blob[index] ^= 0x01;
    conn.execute(
        &format!("UPDATE {table} SET {column} = ?1 WHERE {filter}"),
        [blob],
    )
    .unwrap();
}

#[test]
fn a_flipped_byte_in_a_stored_ciphertext_is_exit_5() {
    let env = TestEnv::with_vault();
    let canary = TestEnv::canary("flip");
    env.set("A", &canary);
    for index in [0, 17] {
        flip_blob(&env, "versions", "ciphertext", "name = 'A'", index);
        let before = env.vault_files();
        let out = env.cmd(&["get", "A"]).output().unwrap();
        let err = assert_refused(&out, 5, "flipped ciphertext");
        assert!(
            err.starts_with("error: the value of A version 1 failed authentication"),
            "{err}"
        );
        assert!(!contains(&out.stderr, &canary));
        env.assert_unchanged(&before, "get of a tampered value");
        flip_blob(&env, "versions", "ciphertext", "name = 'A'", index);
        assert_eq!(env.get("A"), canary);
    }
    flip_blob(&env, "versions", "nonce", "name = 'A'", 3);
    assert_refused(
        &env.cmd(&["get", "A"]).output().unwrap(),
        5,
        "flipped nonce",
    );
}

#[test]
fn a_ciphertext_copied_onto_another_name_or_version_is_exit_5() {
    let env = TestEnv::with_vault();
    let canary = TestEnv::canary("moved");
    env.set("SOURCE", &canary);
    env.set("TARGET", b"target value");
    env.set("SOURCE", b"second version");
    let conn = env.sql();
    let copy = |from: (&str, i64), to: (&str, i64)| {
        conn.execute(
            "UPDATE versions SET (key_id, nonce, ciphertext) =
                (SELECT key_id, nonce, ciphertext FROM versions WHERE name = ?1 AND version = ?2)
             WHERE name = ?3 AND version = ?4",
            params![from.0, from.1, to.0, to.1],
        )
        .unwrap()
    };
    assert_eq!(copy(("SOURCE", 1), ("TARGET", 1)), 1);
    let out = env.cmd(&["get", "TARGET"]).output().unwrap();
    assert_refused(&out, 5, "ciphertext moved to another name");
    assert!(!contains(&out.stderr, &canary));

    assert_eq!(copy(("SOURCE", 1), ("SOURCE", 2)), 1);
    let out = env.cmd(&["get", "SOURCE"]).output().unwrap();
    assert_refused(&out, 5, "ciphertext moved to another version");
    assert!(!contains(&out.stderr, &canary));
    // The row it came from still opens.
    env.cmd(&["get", "SOURCE", "--version", "1"])
        .assert()
        .code(0)
        .stdout(canary);
}

#[test]
fn a_flipped_data_key_is_exit_5() {
    let env = TestEnv::with_vault();
    env.set("A", b"value");
    flip_blob(&env, "data_keys", "wrapped_key", "id = 1", 5);
    let before = env.vault_files();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    let err = assert_refused(&out, 5, "flipped data key");
    // The data keys' rows are covered by the vault row's MAC, checked before any key opens.
    assert!(
        err.starts_with("error: the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes) failed authentication"),
        "{err}"
    );
    let out = env.cmd(&["verify", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stdout(&out).contains("\"what\":\"data key 1\""),
        "{}",
        stdout(&out)
    );
    // Writing needs the data key too, and must not store anything under a broken keyring.
    let out = env.cmd(&["set", "B"]).write_stdin("b").output().unwrap();
    assert_refused(&out, 5, "set under a flipped data key");
    env.assert_unchanged(&before, "commands on a vault with a flipped data key");
}

#[test]
fn a_flipped_wrapped_vault_key_in_a_key_slot_is_exit_5_not_4() {
    let env = TestEnv::with_vault();
    env.set("A", b"value");
    flip_blob(&env, "slots", "wrapped_key", "id = 1", 2);
    assert_refused(&env.cmd(&["get", "A"]).output().unwrap(), 5, "flipped slot");
    // A wrong key is still told apart: the key check fails first.
    let mut wrong = env.bare_cmd(&["get", "A"]);
    wrong.env("SEALBOX_KEY", "3c".repeat(32));
    assert_refused(&wrong.output().unwrap(), 4, "wrong key on a flipped slot");
}

fn passphrase_vault() -> TestEnv {
    let env = TestEnv::new();
    let mut init = env.bare_cmd(&["init"]);
    init.env("SEALBOX_PASSPHRASE", "correct horse battery");
    init.assert().success();
    env
}

fn pass_cmd(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.bare_cmd(args);
    cmd.env("SEALBOX_PASSPHRASE", "correct horse battery");
    cmd
}

#[test]
fn lowered_or_raised_kdf_parameters_are_refused() {
    let env = passphrase_vault();
    let canary = TestEnv::canary("kdf");
    pass_cmd(&env, &["set", "A"])
        .write_stdin(canary.clone())
        .assert()
        .success();
    let conn = env.sql();
    let vault_id: Vec<u8> = conn
        .query_row("SELECT vault_id FROM vault", [], |r| r.get(0))
        .unwrap();
    let salt: Vec<u8> = conn
        .query_row("SELECT salt FROM slots", [], |r| r.get(0))
        .unwrap();
    let original: (i64, i64, Vec<u8>) = conn
        .query_row("SELECT kdf_m_kib, kdf_t, digest FROM slots", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((original.0, original.1), (65536, 3));
    let set_params = |m: i64, t: i64, digest: &[u8]| {
        conn.execute(
            "UPDATE slots SET kdf_m_kib = ?1, kdf_t = ?2, digest = ?3",
            params![m, t, digest],
        )
        .unwrap();
    };
    // Edited in place: the header digest no longer matches, which is tampering (5), whether the
    // new numbers are still above the floor or below it; no KDF runs either way.
    for (m, t) in [
        (32 * 1024, 3),
        (19 * 1024, 2),
        (1024, 3),
        (65536, 1),
        (8, 1),
        (-5, 3),
    ] {
        set_params(m, t, &original.2);
        let before = env.vault_files();
        let out = pass_cmd(&env, &["get", "A"]).output().unwrap();
        let err = assert_refused(&out, 5, &format!("m={m} t={t} edited in place"));
        assert!(
            err.starts_with(
                "error: unlock slot \"default\": the slot header failed authentication"
            ),
            "{err}"
        );
        assert!(!contains(&out.stderr, &canary));
        env.assert_unchanged(&before, "get on a slot with edited parameters");
    }
    // Edited with the (unkeyed) digest recomputed: parameters outside the safe range are
    // refused before any KDF runs (8); that covers lowering below the floor and a huge cost
    // that would exhaust memory.
    for (m, t) in [
        (1024, 3),
        (65536, 1),
        (19 * 1024 - 1, 2),
        (1024 * 1024 + 1, 3),
        (1024 * 1024, 4),
        (65536, 65),
    ] {
        let digest = slot_digest(&vault_id, m as u32, t as u32, 1, &salt);
        set_params(m, t, &digest);
        let out = pass_cmd(&env, &["get", "A"]).output().unwrap();
        let err = assert_refused(&out, 8, &format!("m={m} t={t} with digest fixed up"));
        assert!(
            err.starts_with("error: refusing to run the key derivation: Argon2id parameters"),
            "{err}"
        );
    }
    // Lowered but still within the safe range with the digest fixed up: the derived key no
    // longer matches the key check, so this looks like a wrong passphrase (4). Without a
    // keyed header no KDF can tell the two apart; what matters is that nothing opens.
    let digest = slot_digest(&vault_id, 19 * 1024, 2, 1, &salt);
    set_params(19 * 1024, 2, &digest);
    let out = pass_cmd(&env, &["get", "A"]).output().unwrap();
    assert_refused(&out, 4, "lowered within range, digest fixed up");
    assert!(!contains(&out.stderr, &canary));

    set_params(original.0, original.1, &original.2);
    pass_cmd(&env, &["get", "A"])
        .assert()
        .code(0)
        .stdout(canary);
}

#[test]
fn kdf_parameters_on_a_key_slot_are_exit_5() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql()
        .execute("UPDATE slots SET kdf_m_kib = 1024", [])
        .unwrap();
    assert_refused(
        &env.cmd(&["get", "A"]).output().unwrap(),
        5,
        "key slot with KDF params",
    );
}

/// Runs get, set and list against a file that is not a usable vault, and checks each is
/// refused with `code`, leaving the directory exactly as it was.
fn refuses_everything(env: &TestEnv, code: i32, message: &str) {
    let before = env.vault_files();
    let files = env.all_files();
    let runs = [
        env.cmd(&["get", "A"]).output().unwrap(),
        env.cmd(&["set", "A"])
            .write_stdin("value")
            .output()
            .unwrap(),
        env.cmd(&["delete", "A"]).output().unwrap(),
        env.cmd(&["import", "--format", "json"])
            .write_stdin("{\"A\":\"v\"}")
            .output()
            .unwrap(),
        env.bare_cmd(&["list"]).output().unwrap(),
        env.bare_cmd(&["list", "--json"]).output().unwrap(),
    ];
    for out in &runs {
        let err = assert_refused(out, code, message);
        assert!(err.starts_with(&format!("error: {message}")), "{err}");
    }
    env.cmd(&["init"]).assert().code(6);
    env.assert_unchanged(&before, message);
    assert_eq!(
        env.all_files(),
        files,
        "{message}: a file was created or removed"
    );
}

#[test]
fn an_empty_file_is_not_a_vault() {
    let env = TestEnv::new();
    std::fs::File::create(&env.vault).unwrap();
    let path = env.vault.display().to_string();
    refuses_everything(
        &env,
        5,
        &format!("{path} is not a sealbox vault: the file is empty"),
    );
}

#[test]
fn random_bytes_are_not_a_vault() {
    let env = TestEnv::new();
    for len in [1, 99, 100, 4096, 10_000] {
        let bytes: Vec<u8> = (0..len)
            .map(|i| ((i as u64 * 2654435761) >> 7) as u8)
            .collect();
        std::fs::write(&env.vault, bytes).unwrap();
        let path = env.vault.display().to_string();
        refuses_everything(
            &env,
            5,
            &format!("{path} is not a sealbox vault: it is not an SQLite database"),
        );
    }
    // Random bytes behind a genuine SQLite magic string.
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..8192u32).map(|i| (i.wrapping_mul(2654435761) >> 9) as u8));
    std::fs::write(&env.vault, bytes).unwrap();
    let before = env.vault_files();
    for out in [
        env.cmd(&["get", "A"]).output().unwrap(),
        env.bare_cmd(&["list"]).output().unwrap(),
    ] {
        assert_refused(&out, 5, "random bytes after the SQLite magic");
    }
    env.assert_unchanged(&before, "random bytes after the SQLite magic");
}

#[test]
fn a_truncated_vault_is_refused() {
    for keep in [4096u64, 8192, 5000, 50] {
        let env = TestEnv::with_vault();
        for i in 0..40 {
            env.set(&format!("S{i}"), &vec![b'x'; 300]);
        }
        let len = std::fs::metadata(&env.vault).unwrap().len();
        assert!(len > keep);
        std::fs::OpenOptions::new()
            .write(true)
            .open(&env.vault)
            .unwrap()
            .set_len(keep)
            .unwrap();
        let path = env.vault.display().to_string();
        let message = if keep < 100 {
            format!("{path} is not a sealbox vault: it is not an SQLite database")
        } else {
            format!(
                "the vault {path} is corrupt: its header promises {len} bytes but the file has {keep} (truncated?)"
            )
        };
        refuses_everything(&env, 5, &message);
    }
}

#[test]
fn another_programs_sqlite_file_is_not_a_vault() {
    let env = TestEnv::new();
    {
        let conn = rusqlite::Connection::open(&env.vault).unwrap();
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');")
            .unwrap();
    }
    let path = env.vault.display().to_string();
    refuses_everything(
        &env,
        5,
        &format!("{path} is not a sealbox vault: its SQLite application id is not sealbox's"),
    );

    // The same in WAL mode: refused from the header alone, before SQLite could create -wal/-shm.
    {
        let conn = rusqlite::Connection::open(&env.vault).unwrap();
        conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    }
    refuses_everything(
        &env,
        5,
        &format!("{path} is not a sealbox vault: it is not in rollback-journal mode"),
    );
}

#[test]
fn a_sealbox_file_with_an_altered_schema_is_exit_5() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql().execute_batch("CREATE TABLE extra (x)").unwrap();
    let path = env.vault.display().to_string();
    refuses_everything(
        &env,
        5,
        &format!("the vault {path} is corrupt: its schema differs from a sealbox vault's"),
    );
}

#[test]
fn a_vault_from_a_newer_sealbox_is_exit_8() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let supported: i64 = env
        .sql()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let newer = supported + 1;
    env.sql()
        .pragma_update(None, "user_version", newer)
        .unwrap();
    let path = env.vault.display().to_string();
    let message = format!(
        "the vault {path} has format version {newer}, newer than this sealbox's {supported}"
    );
    refuses_everything(&env, 8, &message);
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(
        stderr(&out),
        format!("error: {message}\nhint: upgrade sealbox to open this vault\n")
    );
}

#[test]
fn a_version_number_at_the_maximum_is_damage_not_a_crash() {
    // The head's version is authenticated, so the edited row is simply not the current version
    // any more: exit 5 before any arithmetic on the number.
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql()
        .execute("UPDATE versions SET version = 9223372036854775807", [])
        .unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["set", "A"]).write_stdin("w").output().unwrap();
    let err = assert_refused(&out, 5, "set past the largest version");
    assert!(
        err.starts_with(
            "error: the state of A (its current version 1 is missing) failed authentication"
        ),
        "{err}"
    );
    env.assert_unchanged(&before, "set past the largest version");
}

#[test]
fn an_edited_slot_is_reported_even_when_another_slot_opens() {
    let env = TestEnv::with_vault();
    env.set("A", b"canary-value-in-two-slot-vault");
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", "2e".repeat(32))
        .assert()
        .code(0);
    // The "ci" slot's salt is edited; the default slot (which the test key opens) is intact.
    env.sql()
        .execute(
            "UPDATE slots SET salt = zeroblob(16) WHERE label = 'ci'",
            [],
        )
        .unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    let err = assert_refused(&out, 5, "get with a tampered second slot");
    assert!(
        err.starts_with("error: unlock slot \"ci\": the slot header failed authentication"),
        "{err}"
    );
    assert_eq!(env.vault_files(), before);
}

#[test]
fn a_wrapped_key_edited_in_the_slot_the_credential_opens_is_exit_5() {
    let env = TestEnv::with_vault();
    env.set("A", b"canary-value-in-two-slot-vault");
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", "2e".repeat(32))
        .assert()
        .code(0);
    // "ci" is listed after "default"; its own credential must not fall back to trying others.
    flip_blob(&env, "slots", "wrapped_key", "label = 'ci'", 0);
    let out = env
        .cmd(&["get", "A"])
        .env("SEALBOX_KEY", "2e".repeat(32))
        .output()
        .unwrap();
    let err = assert_refused(&out, 5, "get through a slot with a flipped wrapped key");
    assert!(err.starts_with("error: unlock slot \"ci\": "), "{err}");
}

/// Runs `sql` on a vault with its tables' STRICT typing lifted, then restores the schema text,
/// so the file holds cells of types sealbox never writes while its schema still checks out.
fn edit_untyped(env: &TestEnv, sql: &str) {
    let strict: Vec<(String, String)> = {
        let conn = env.sql();
        let mut stmt = conn
            .prepare("SELECT name, sql FROM sqlite_schema WHERE sql LIKE '%) STRICT'")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let set_schema = |strict_on: bool| {
        let conn = env.sql();
        conn.pragma_update(None, "writable_schema", true).unwrap();
        for (name, text) in &strict {
            let text = if strict_on {
                text.clone()
            } else {
                text.trim_end_matches(" STRICT").to_owned()
            };
            conn.execute(
                "UPDATE sqlite_schema SET sql = ?1 WHERE name = ?2",
                (text, name),
            )
            .unwrap();
        }
    };
    set_schema(false);
    env.sql().execute_batch(sql).unwrap();
    set_schema(true);
}

#[test]
fn cells_of_the_wrong_type_are_exit_5_not_a_database_error() {
    let cases = [
        ("UPDATE secrets SET created_at = 'noon'", "list"),
        (
            "UPDATE slots SET kdf_t = 'three', kind = 'passphrase'",
            "get",
        ),
        ("UPDATE versions SET key_id = 1.5", "get"),
        ("UPDATE versions SET name = CAST(name AS BLOB)", "verify"),
    ];
    for (sql, command) in cases {
        let env = TestEnv::with_vault();
        env.set("A", b"v");
        edit_untyped(&env, sql);
        let before = env.vault_files();
        let args: &[&str] = match command {
            "get" => &["get", "A"],
            other => &[other],
        };
        let out = env.cmd(args).output().unwrap();
        let err = assert_refused(&out, 5, sql);
        assert!(
            err.starts_with("error: the vault is damaged: "),
            "{sql}: {err}"
        );
        env.assert_unchanged(&before, sql);
    }
}

#[test]
fn a_data_key_at_the_largest_id_is_damage_not_a_crash() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql()
        .execute_batch(
            "UPDATE data_keys SET id = 9223372036854775807;
             UPDATE versions SET key_id = 9223372036854775807;",
        )
        .unwrap();
    let before = env.vault_files();
    // The edited id is caught by the vault row's MAC (which covers the data keys) before
    // anything computes with it, in the dry run too.
    for (args, message) in [
        (
            &["re-encrypt", "--dry-run"][..],
            "error: the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes) failed authentication",
        ),
        (
            &["re-encrypt"],
            "error: the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes) failed authentication",
        ),
    ] {
        let out = env.cmd(args).output().unwrap();
        let err = assert_refused(&out, 5, "re-encrypt past the largest data key id");
        assert!(err.starts_with(message), "{err}");
    }
    env.assert_unchanged(&before, "re-encrypt past the largest data key id");
}

#[test]
fn another_programs_sqlite_file_with_a_hot_journal_is_left_alone() {
    let env = TestEnv::new();
    let work = env.home().join("work.db");
    rusqlite::Connection::open(&work)
        .unwrap()
        .execute_batch(
            "CREATE TABLE notes (body TEXT);
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
             INSERT INTO notes SELECT hex(randomblob(500)) FROM n;",
        )
        .unwrap();
    // Rewriting rows at the same size keeps the file's length, so only the application id can
    // tell this file apart before SQLite reads it (and rolls the journal back).
    copy_mid_transaction(&work, &env.vault, "UPDATE notes SET body = lower(body);");
    assert!(std::fs::metadata(journal_of(&env.vault)).unwrap().len() > 0);
    let before = env.vault_files();
    assert_eq!(before.len(), 2, "the database and its hot journal");
    for out in [
        env.bare_cmd(&["list"]).output().unwrap(),
        env.cmd(&["get", "A"]).output().unwrap(),
    ] {
        let err = assert_refused(&out, 5, "a foreign database with a hot journal");
        assert!(
            err.contains("its SQLite application id is not sealbox's"),
            "{err}"
        );
    }
    env.assert_unchanged(&before, "a foreign database with a hot journal");
}

#[test]
fn a_vault_killed_while_growing_is_recovered_from_its_journal() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    // A large import spills pages past the end of the file before the header's page count is
    // rewritten: the file is longer than its header says until the journal is rolled back.
    copy_mid_transaction(
        &work,
        &env.vault,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
         INSERT INTO secrets (name, description, created_at, updated_at)
         SELECT 'N' || i, hex(randomblob(500)), 0, 0 FROM n;",
    );
    assert!(std::fs::metadata(journal_of(&env.vault)).unwrap().len() > 0);
    let out = env.bare_cmd(&["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(env.get("A"), b"kept");
    assert!(
        !journal_of(&env.vault).exists(),
        "the journal was rolled back"
    );
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn a_vault_without_unlock_slots_is_damage_not_a_wrong_credential() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.sql().execute("DELETE FROM slots", []).unwrap();
    let before = env.vault_files();
    for args in [&["get", "A"][..], &["verify"], &["slot", "add"]] {
        let out = env
            .cmd(args)
            .env("SEALBOX_NEW_KEY", "2f".repeat(32))
            .output()
            .unwrap();
        let err = assert_refused(&out, 5, "no unlock slot");
        assert!(
            err.starts_with("error: the vault is damaged: the vault has no unlock slot"),
            "{args:?}: {err}"
        );
    }
    env.assert_unchanged(&before, "no unlock slot");
}
