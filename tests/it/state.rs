//! Issue 8, acceptance 1: each attack on the vault's state by someone who can write the file
//! but holds no key, done with SQL on a copy of a real vault, is exit 5 from the command that
//! would have been fooled, with nothing on stdout and the file unchanged.

use std::process::Output;

use crate::common::{TestEnv, stderr, stdout};

const KEY_CI: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";

/// Asserts exit 5, empty stdout, and stderr starting with `error: {start}`.
fn assert_integrity(out: &Output, start: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
    assert!(err.starts_with(&format!("error: {start}")), "{err}");
}

/// Runs `args` on the attacked vault, expecting exit 5 starting with `start`, and checks that
/// the vault's files did not change.
fn refused(env: &TestEnv, args: &[&str], start: &str) {
    let before = env.vault_files();
    let out = env.cmd(args).write_stdin("new value").output().unwrap();
    assert_integrity(&out, start);
    env.assert_unchanged(&before, &args.join(" "));
}

/// Runs `verify` on the attacked vault: exit 5, a report naming exactly `failed` (and no
/// value), and the files unchanged.
fn verify_names(env: &TestEnv, failed: &[&str]) {
    let before = env.vault_files();
    let out = env.cmd(&["verify", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let named: Vec<&str> = report["failures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["what"].as_str().unwrap())
        .collect();
    assert_eq!(named, failed);
    env.assert_unchanged(&before, "verify");
}

fn exec(env: &TestEnv, sql: &str) {
    env.sql().execute_batch(sql).unwrap();
}

#[test]
fn deleting_the_newest_version_does_not_bring_the_old_value_back() {
    let env = TestEnv::with_vault();
    env.set("TOKEN", b"leaked v1");
    env.set("TOKEN", b"rotated v2");
    exec(
        &env,
        "DELETE FROM versions WHERE name = 'TOKEN' AND version = 2",
    );
    let missing = "the state of TOKEN (its current version 2 is missing) failed authentication";
    refused(&env, &["get", "TOKEN"], missing);
    refused(&env, &["run", "--only", "TOKEN", "--", "true"], missing);
    refused(
        &env,
        &["export", "--format", "env", "--only", "TOKEN"],
        missing,
    );
    refused(&env, &["set", "TOKEN"], missing);
    // Lowering the head's version to match is an edit of the head.
    exec(&env, "UPDATE secrets SET version = 1 WHERE name = 'TOKEN'");
    let edited = "the stored state of TOKEN (its version or metadata) failed authentication";
    refused(&env, &["get", "TOKEN"], edited);
    verify_names(&env, &["secret TOKEN"]);
}

#[test]
fn an_old_head_put_back_from_a_copy_is_found_by_verify_and_check() {
    // A whole older head (tag included) is individually valid: get cannot tell it from the
    // current one in O(1) (see the README), but the vault row's summary can, in O(N).
    let env = TestEnv::with_vault();
    env.set("TOKEN", b"leaked v1");
    env.set("OTHER", b"o");
    let old = env.home().join("old.db");
    std::fs::copy(&env.vault, &old).unwrap();
    env.set("TOKEN", b"rotated v2");
    let conn = env.sql();
    conn.execute("ATTACH ?1 AS old", [old.to_str().unwrap()])
        .unwrap();
    conn.execute_batch(
        "DELETE FROM versions WHERE name = 'TOKEN' AND version = 2;
         DELETE FROM secrets WHERE name = 'TOKEN';
         INSERT INTO secrets SELECT * FROM old.secrets WHERE name = 'TOKEN';",
    )
    .unwrap();
    drop(conn);
    verify_names(&env, &["list of secrets"]);
    refused(
        &env,
        &["check"],
        "the vault's set of secrets (one was deleted, or an older copy of one put back) failed authentication",
    );
    refused(
        &env,
        &["export", "--format", "env", "--all"],
        "the vault's set of secrets (one was deleted",
    );
    refused(
        &env,
        &["run", "--all", "--", "true"],
        "the vault's set of secrets",
    );
}

#[test]
fn an_old_ciphertext_spliced_into_a_name_set_again_does_not_open() {
    let env = TestEnv::with_vault();
    env.set("API_KEY", b"old life");
    let old = env.home().join("old.db");
    std::fs::copy(&env.vault, &old).unwrap();
    env.cmd(&["delete", "API_KEY"]).assert().code(0);
    env.set("API_KEY", b"new life");
    // Same name, version, data key and vault: only the secret's id differs.
    let conn = env.sql();
    conn.execute("ATTACH ?1 AS old", [old.to_str().unwrap()])
        .unwrap();
    conn.execute_batch(
        "UPDATE versions SET (nonce, ciphertext) = (SELECT nonce, ciphertext FROM old.versions
            WHERE name = 'API_KEY' AND version = 1) WHERE name = 'API_KEY' AND version = 1;",
    )
    .unwrap();
    drop(conn);
    refused(
        &env,
        &["get", "API_KEY"],
        "the value of API_KEY version 1 failed authentication",
    );
    verify_names(&env, &["value of API_KEY version 1"]);
}

/// A vault whose owner holds the default slot and CI holds slot "ci".
fn two_slots() -> TestEnv {
    let env = TestEnv::with_vault();
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_CI)
        .assert()
        .code(0);
    env.set("A", b"a");
    env
}

#[test]
fn swapped_slot_labels_cannot_make_slot_remove_remove_the_wrong_slot() {
    let env = two_slots();
    exec(
        &env,
        "UPDATE slots SET label = 'tmp' WHERE label = 'default';
         UPDATE slots SET label = 'default' WHERE label = 'ci';
         UPDATE slots SET label = 'ci' WHERE label = 'tmp';",
    );
    // The owner removes the leaked CI key: the swap would make it remove their own slot.
    refused(
        &env,
        &["slot", "remove", "ci"],
        "unlock slot \"ci\" (its label, kind, creation time or key material) failed authentication",
    );
    verify_names(&env, &["slot \"ci\"", "slot \"default\""]);
    assert_eq!(
        env.sql()
            .query_row("SELECT count(*) FROM slots", [], |r| r.get::<_, i64>(0))
            .unwrap(),
        2
    );
}

#[test]
fn a_removed_slot_put_back_opens_nothing() {
    let env = two_slots();
    let old = env.home().join("old.db");
    std::fs::copy(&env.vault, &old).unwrap();
    env.cmd(&["slot", "remove", "ci"]).assert().code(0);
    let conn = env.sql();
    conn.execute("ATTACH ?1 AS old", [old.to_str().unwrap()])
        .unwrap();
    conn.execute_batch("INSERT INTO slots SELECT * FROM old.slots WHERE label = 'ci'")
        .unwrap();
    drop(conn);
    let before = env.vault_files();
    let out = env
        .bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", KEY_CI)
        .output()
        .unwrap();
    assert_integrity(
        &out,
        "the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes) failed authentication",
    );
    env.assert_unchanged(&before, "the leaked key after its slot was put back");
    refused(&env, &["get", "A"], "the vault's state");
}

#[test]
fn edited_metadata_cannot_make_check_pass() {
    let env = TestEnv::with_vault();
    env.cmd_days_ago(100, &["set", "DB_PASSWORD", "--rotate-every", "90d"])
        .write_stdin("p")
        .assert()
        .success();
    env.cmd(&["check"]).assert().code(10);
    for edit in [
        "UPDATE secrets SET rotate_every = NULL",
        "UPDATE secrets SET rotate_every = 31536000",
        "UPDATE secrets SET updated_at = unixepoch()",
        "UPDATE secrets SET description = 'rotated, honest'",
    ] {
        let copy = env.home().join("copy.db");
        std::fs::copy(&env.vault, &copy).unwrap();
        crate::common::sql(&copy).execute_batch(edit).unwrap();
        let copy = copy.to_str().unwrap();
        let before = crate::common::files_of(std::path::Path::new(copy));
        let out = env.cmd(&["--vault", copy, "check"]).output().unwrap();
        assert_integrity(
            &out,
            "the stored state of DB_PASSWORD (its version or metadata) failed authentication",
        );
        let out = env
            .cmd(&["--vault", copy, "check", "--verified"])
            .output()
            .unwrap();
        assert_integrity(&out, "the stored state of DB_PASSWORD");
        assert_eq!(
            crate::common::files_of(std::path::Path::new(copy)),
            before,
            "{edit}"
        );
        // Without a credential check reports what the file says, and says so.
        let out = env.bare_cmd(&["--vault", copy, "check"]).output().unwrap();
        assert!(
            stderr(&out).ends_with("unauthenticated: no credential)\n"),
            "{edit}: {}",
            stderr(&out)
        );
        // list authenticates too when a credential is named, as the specification asks.
        let out = env.cmd(&["--vault", copy, "list"]).output().unwrap();
        assert_integrity(&out, "the stored state of DB_PASSWORD");
        env.bare_cmd(&["--vault", copy, "list", "--names-only"])
            .assert()
            .code(0)
            .stdout("DB_PASSWORD\n");
        // --verified never settles for that.
        let out = env
            .bare_cmd(&["--vault", copy, "check", "--verified"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    }
}

#[test]
fn a_deleted_secret_is_found_by_verify_and_by_every_command_that_reads_all() {
    let env = TestEnv::with_vault();
    env.set("KEEP", b"k");
    env.set("GONE", b"g");
    exec(
        &env,
        "DELETE FROM versions WHERE name = 'GONE'; DELETE FROM secrets WHERE name = 'GONE';",
    );
    verify_names(&env, &["list of secrets"]);
    refused(
        &env,
        &["export", "--format", "env", "--all"],
        "the vault's set of secrets",
    );
    refused(&env, &["check"], "the vault's set of secrets");
    // A command touching one other secret checks only that head (O(1)) and is served; a write
    // carries the stored summary forward, so it cannot launder the deletion either.
    assert_eq!(env.get("KEEP"), b"k");
    env.set("KEEP", b"k2");
    verify_names(&env, &["list of secrets"]);
}

#[test]
fn an_older_copy_of_the_whole_file_is_refused_until_accepted() {
    let env = TestEnv::with_vault();
    env.set("TOKEN", b"leaked v1");
    let backup = env.home().join("backup.db");
    std::fs::copy(&env.vault, &backup).unwrap();
    env.set("TOKEN", b"rotated v2");
    std::fs::copy(&backup, &env.vault).unwrap();
    let rolled_back = format!(
        "the vault {} is older than one this account has opened: it is at generation 2, and generation 3 was seen before",
        env.vault.display()
    );
    for args in [
        &["get", "TOKEN"][..],
        &["list"],
        &["check"],
        &["set", "TOKEN"],
        &["slot", "list"],
    ] {
        refused(&env, args, &rolled_back);
    }
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_integrity(&out, &rolled_back);
    assert!(
        stderr(&out).contains("accept it with: sealbox verify --accept-restore"),
        "{}",
        stderr(&out)
    );
    verify_names(&env, &["vault generation"]);
    // A deliberate restore is accepted once, then opens as usual.
    let out = env.cmd(&["verify", "--accept-restore"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("recorded generation 2 as this vault's latest"));
    assert_eq!(env.get("TOKEN"), b"leaked v1");
    // The record is the account's own file, 0600.
    // (With the location record, which says this path holds this vault, and the key pin.)
    let records: Vec<_> = std::fs::read_dir(env.home().join(".local/state/sealbox"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(records.len(), 3);
    use std::os::unix::fs::PermissionsExt;
    for record in &records {
        let mode = std::fs::metadata(record).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let records: Vec<_> = records.into_iter().filter(|r| is_generation(r)).collect();
    let mode = std::fs::metadata(&records[0]).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn a_format_2_copy_put_back_after_the_upgrade_is_refused() {
    // The account opened the vault at format 3, so a format-2 file under its id is a copy
    // from before the upgrade: upgrading it would seal its old slots and values as genuine.
    let env = TestEnv::with_fixture(2);
    let fixture = env.home().join("format-2.db");
    std::fs::copy(&env.vault, &fixture).unwrap();
    assert_eq!(env.get("ONE"), b"value one");
    env.cmd(&["slot", "remove", "ci"]).assert().code(0);
    env.set("ONE", b"rotated");
    // The old file, with its generation raised past the record for good measure.
    std::fs::copy(&fixture, &env.vault).unwrap();
    exec(&env, "UPDATE vault SET generation = 1000000");
    let downgraded = format!(
        "the vault {} has format 2, older than the authenticated format this account opened it in",
        env.vault.display()
    );
    refused(&env, &["get", "ONE"], &downgraded);
    refused(&env, &["list"], &downgraded);
    let before = env.vault_files();
    let out = env
        .bare_cmd(&["get", "ONE"])
        .env("SEALBOX_KEY", "c2".repeat(32))
        .output()
        .unwrap();
    assert_integrity(&out, &downgraded);
    env.assert_unchanged(&before, "the removed CI key on the old copy");
    // A deliberate restore of that backup is accepted like any other.
    env.cmd(&["verify", "--accept-restore"]).assert().code(0);
    assert_eq!(env.get("ONE"), b"value one");
}

#[test]
fn a_finished_re_encrypt_cannot_be_undone_by_putting_the_old_keys_back() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    let old = env.home().join("old.db");
    std::fs::copy(&env.vault, &old).unwrap();
    env.cmd(&["re-encrypt"]).assert().code(0);
    let conn = env.sql();
    conn.execute("ATTACH ?1 AS old", [old.to_str().unwrap()])
        .unwrap();
    conn.execute_batch(
        "DELETE FROM data_keys; INSERT INTO data_keys SELECT * FROM old.data_keys;
         DELETE FROM versions; INSERT INTO versions SELECT * FROM old.versions;",
    )
    .unwrap();
    drop(conn);
    let state = "the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes)";
    refused(&env, &["get", "A"], state);
    refused(&env, &["set", "B"], state);
    refused(&env, &["re-encrypt"], state);
}

#[test]
fn a_head_deleted_under_its_versions_is_tampering_not_an_internal_error() {
    let env = TestEnv::with_vault();
    env.set("B", b"b");
    exec(&env, "DELETE FROM secrets WHERE name = 'B'");
    let orphaned =
        "the state of B (its versions are stored, its head is not) failed authentication";
    refused(&env, &["set", "B"], orphaned);
    refused(&env, &["get", "B"], orphaned);
    verify_names(&env, &["list of secrets", "value of B version 1"]);
}

#[test]
fn stripping_a_heads_tag_does_not_let_delete_leave_its_term_behind() {
    // A head without an id or tag may be deleted as it is only when it was never counted (as
    // the upgrade leaves a damaged secret); a genuine head with its id stripped is refused, or
    // its rows could be put back later and pass verify.
    let env = TestEnv::with_vault();
    env.set("TOKEN", b"old token");
    env.set("A", b"a");
    exec(
        &env,
        "UPDATE secrets SET secret_id = substr(secret_id, 1, 15) WHERE name = 'TOKEN'",
    );
    refused(
        &env,
        &["delete", "TOKEN"],
        "the stored state of TOKEN (its id or tag was removed) failed authentication",
    );
    exec(
        &env,
        "UPDATE secrets SET head_mac = NULL WHERE name = 'TOKEN'",
    );
    refused(
        &env,
        &["delete", "TOKEN"],
        "the stored state of TOKEN (its id or tag was removed)",
    );
}

#[test]
fn a_freshness_record_that_cannot_be_read_warns_once_and_does_not_fail_the_command() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    for state in ["/dev/null", "/dev/null/x"] {
        let out = env
            .cmd(&["get", "A"])
            .env("XDG_STATE_HOME", state)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(out.stdout, b"a");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with("warning: ") && err.contains("will not be noticed"),
            "{err}"
        );
    }
    let out = env
        .cmd(&["set", "A"])
        .env_remove("HOME")
        .write_stdin("b")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "warning: rollback of the vault to an older copy is not tracked: neither XDG_STATE_HOME nor HOME is set\nstored A version 2\n"
    );
}

#[test]
fn a_format_2_vault_at_the_largest_generation_is_damage_not_a_crash() {
    let env = TestEnv::with_fixture(2);
    exec(&env, "UPDATE vault SET generation = 9223372036854775807");
    refused(
        &env,
        &["get", "ONE"],
        "the vault is damaged: the vault row is missing or at an impossible generation",
    );
}

/// Whether `path` is a generation record (not a location record or a key pin).
fn is_generation(path: &std::path::Path) -> bool {
    let name = path.file_name().unwrap().to_str().unwrap();
    !name.starts_with("at-") && !name.ends_with(".pin")
}

/// The freshness record file of the test's only vault.
fn record(env: &TestEnv) -> String {
    let dir = env.home().join(".local/state/sealbox");
    let entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| is_generation(p))
        .collect();
    assert_eq!(entries.len(), 1);
    std::fs::read_to_string(&entries[0]).unwrap()
}

#[test]
fn only_an_authenticated_generation_is_ever_recorded() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    let seen = record(&env);
    // init's own write (binding its audit record) is generation 1, the set generation 2.
    assert_eq!(seen, "2\n");
    // Raised in the file without a key: commands without a credential compare but do not
    // record it, or every later open of the real vault would look like a rollback.
    exec(&env, "UPDATE vault SET generation = 1000");
    env.bare_cmd(&["list"]).assert().code(0);
    env.bare_cmd(&["check"]).assert().code(0);
    assert_eq!(record(&env), seen);
    // With a credential the edit is refused, and nothing is recorded either.
    env.cmd(&["get", "A"]).assert().code(5);
    assert_eq!(record(&env), seen);
}

#[test]
fn a_state_directory_of_someone_elses_keeps_no_record_and_says_so() {
    let env = TestEnv::with_vault();
    let theirs = env.home().join("theirs");
    std::fs::create_dir(&theirs).unwrap();
    std::os::unix::fs::chown(&theirs, Some(4242), Some(4242)).unwrap();
    let out = env
        .cmd(&["get", "A"])
        .env("XDG_STATE_HOME", &theirs)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(&format!(
            "warning: rollback of the vault to an older copy is not tracked: {} is not this user's",
            theirs.join("sealbox").display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_dir(&theirs).unwrap().count(), 0);
}
