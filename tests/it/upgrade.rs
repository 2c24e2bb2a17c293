//! A vault written by an older format opens with this binary. Without a credential it is read
//! as it is (names and metadata in clear) and left unchanged; the first command that unlocks it
//! upgrades it to the current format (7: authenticated state, an audit key and chain head for
//! its audit log, scopes, and member slots), in one transaction, with nothing lost, also when the upgrade (or the
//! first write after it) was killed halfway.
//!
//! `fixtures/format-1.db` was written by the first release's format, `fixtures/format-2.db` by
//! the release before authenticated state: key `f1` (`f2`) x 32 opens slot "owner", `c1`
//! (`c2`) x 32 slot "ci"; ONE = "value one" (described, rotated every 90 days), TWO = "value
//! two v1" then "value two v2". `fixtures/format-3.db` is the same in format 3 (`f3`, `c3`), the
//! first with authenticated state, and `fixtures/format-4.db` in format 4 (`f4`, `c4`; TWO
//! keeps at most 5 versions), the last before the audit log. None of those has an audit log;
//! `fixtures/format-5.db` (`f5`, `c5`), the last before scopes, has one beside it.
//! `fixtures/format-6.db` (`f6`, `c6`), the last before member slots, also has a scope "two"
//! holding TWO and a scoped slot "agent" (`a6`) for it, and its audit log.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::lifecycle::{Rng, sealbox_direct};
use crate::common::{TestEnv, copy_mid_transaction, journal_of, stderr, stdout};

/// The format this sealbox writes.
const CURRENT: i64 = 7;

fn fixture_of(format: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/it/fixtures/format-{format}.db"))
}

fn format_of(path: &Path) -> i64 {
    crate::common::sql(path)
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn env_with_fixture() -> TestEnv {
    env_with(1)
}

fn env_with(format: i64) -> TestEnv {
    let env = TestEnv::with_fixture(format);
    assert_eq!(format_of(&env.vault), format);
    env
}

fn assert_contents(env: &TestEnv) {
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(env.get("TWO"), b"value two v2");
    let out = env.cmd(&["get", "TWO", "--version", "1"]).output().unwrap();
    assert_eq!(out.stdout, b"value two v1", "{}", stderr(&out));
    let list = stdout(&env.cmd(&["list", "--json"]).output().unwrap());
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let entry = |name: &str| {
        list.as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("{name} is not listed: {list}"))
    };
    assert_eq!(entry("ONE")["description"], "first secret");
    assert_eq!(entry("ONE")["rotate_every"], "90d");
    assert_eq!(entry("TWO")["version"], 2);
    let slots = stdout(&env.cmd(&["slot", "list", "--json"]).output().unwrap());
    assert!(
        slots.contains("\"owner\"") && slots.contains("\"ci\""),
        "{slots}"
    );
    env.cmd(&["verify"]).assert().code(0);
    env.cmd(&["check", "--verified"]).assert().code(0);
}

/// After the first unlock of an old vault (a `get ONE`): the audit log holds that read alone,
/// authenticated under the audit key the upgrade added, and verifies.
fn assert_first_record_is_the_upgrading_read(env: &TestEnv) {
    let lines = env.audit_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        (&lines[0]["seq"], &lines[0]["action"], &lines[0]["outcome"]),
        (
            &serde_json::json!(1),
            &serde_json::json!("get"),
            &serde_json::json!("ok")
        )
    );
    assert_eq!(lines[0]["secrets"][0]["name"], "ONE");
    assert!(lines[0]["mac"].is_string(), "{}", lines[0]);
    env.cmd(&["audit", "verify"]).assert().code(0);
}

#[test]
fn a_format_1_vault_is_read_as_it_is_and_upgraded_by_the_first_unlock() {
    let env = env_with_fixture();
    // Commands without a credential leave it as it is, so a vault on read-only media (or
    // checked out by git) stays readable and unchanged by them.
    let before = env.vault_files();
    env.bare_cmd(&["list"]).assert().code(0);
    env.bare_cmd(&["check"]).assert().code(0);
    env.bare_cmd(&["slot", "list"]).assert().code(0);
    env.assert_unchanged(&before, "reading a format-1 vault without a credential");
    assert_eq!(format_of(&env.vault), 1);
    assert!(
        !env.audit_log().exists(),
        "a command without a credential made an audit log"
    );
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(format_of(&env.vault), CURRENT);
    assert_first_record_is_the_upgrading_read(&env);
    assert_contents(&env);
    env.set("THREE", b"after the upgrade");
    assert_eq!(env.get("THREE"), b"after the upgrade");
}

#[test]
fn the_format_2_fixture_is_upgraded_with_either_slot_and_then_authenticated() {
    let env = env_with(2);
    let before = env.vault_files();
    env.bare_cmd(&["list"]).assert().code(0);
    env.assert_unchanged(&before, "reading the format-2 fixture without a credential");
    // The CI slot's key upgrades it as well as the owner's would.
    let ci = env
        .bare_cmd(&["get", "ONE"])
        .env("SEALBOX_KEY", "c2".repeat(32))
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value one", "{}", stderr(&ci));
    assert_eq!(format_of(&env.vault), CURRENT);
    assert_first_record_is_the_upgrading_read(&env);
    assert_eq!(env.audit_lines()[0]["slot"], "ci");
    assert_contents(&env);
    // From now on its state is authenticated: an edited rotation period is caught.
    let copy = env.home().join("edited.db");
    std::fs::copy(&env.vault, &copy).unwrap();
    crate::common::sql(&copy)
        .execute(
            "UPDATE secrets SET rotate_every = NULL WHERE name = 'ONE'",
            [],
        )
        .unwrap();
    let out = env
        .cmd(&["check", "--vault", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn an_upgrade_left_halfway_by_a_crash_is_rolled_back_and_done_again() {
    let env = env_with(2);
    let work = env.home().join("work.db");
    std::fs::copy(fixture_of(2), &work).unwrap();
    std::fs::remove_file(&env.vault).unwrap();
    // Migration 3 and the start of the keyed part, as sealbox runs them inside the upgrade's
    // transaction, with a one-page cache so pages reach the file before the "kill".
    copy_mid_transaction(
        &work,
        &env.vault,
        "ALTER TABLE vault ADD COLUMN state_nonce BLOB;
         ALTER TABLE vault ADD COLUMN state_key BLOB;
         ALTER TABLE vault ADD COLUMN secret_count INTEGER;
         ALTER TABLE vault ADD COLUMN heads_sum BLOB;
         ALTER TABLE vault ADD COLUMN state_mac BLOB;
         ALTER TABLE slots ADD COLUMN binding BLOB;
         ALTER TABLE secrets ADD COLUMN secret_id BLOB;
         ALTER TABLE secrets ADD COLUMN version INTEGER;
         ALTER TABLE secrets ADD COLUMN kept_from INTEGER;
         ALTER TABLE secrets ADD COLUMN head_mac BLOB;
         PRAGMA user_version = 3;
         UPDATE vault SET state_nonce = zeroblob(12), state_key = randomblob(48);
         UPDATE secrets SET secret_id = randomblob(16), version = 1, kept_from = 1;
         UPDATE versions SET ciphertext = randomblob(length(ciphertext));",
    );
    let journal = std::fs::read(journal_of(&env.vault)).unwrap();
    assert_eq!(
        journal[..8],
        [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7],
        "a hot journal"
    );
    // The first command rolls the journal back and upgrades again, from format 2.
    assert_contents(&env);
    assert!(!journal_of(&env.vault).exists());
    assert_eq!(format_of(&env.vault), CURRENT);
}

/// The format-2 fixture with `n` more secrets, so that an upgrade takes long enough to be
/// killed in the middle. Their values are not sealbox's (the rows are copies of TWO's), so the
/// upgrade carries them over as they are; ONE and TWO must come through intact.
fn large_format_2(env: &TestEnv, n: usize) {
    let conn = crate::common::sql(&env.vault);
    conn.execute_batch(&format!(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {n})
         INSERT INTO secrets (name, created_at, updated_at) SELECT 'N' || i, 0, 0 FROM n;
         INSERT INTO versions (name, version, key_id, created_at, nonce, ciphertext)
         SELECT s.name, 1, v.key_id, 0, v.nonce, v.ciphertext
         FROM secrets s, versions v WHERE s.name LIKE 'N%' AND v.name = 'TWO' AND v.version = 1;"
    ))
    .unwrap();
}

#[test]
fn an_upgrade_killed_at_random_moments_leaves_format_2_or_the_current_one_and_loses_nothing() {
    let runs = std::env::var("SEALBOX_KILL_LOOP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    let mut env = TestEnv::new();
    env.key = "f2".repeat(32);
    let pristine = env.home().join("pristine.db");
    std::fs::copy(fixture_of(2), &env.vault).unwrap();
    large_format_2(&env, 3000);
    std::fs::copy(&env.vault, &pristine).unwrap();
    let get_one = || {
        let mut cmd = sealbox_direct(&env, &["get", "ONE"]);
        cmd.env("SEALBOX_KEY", &env.key);
        cmd
    };
    let started = Instant::now();
    let out = get_one().output().unwrap();
    assert_eq!(out.stdout, b"value one", "{}", stderr(&out));
    let full = started.elapsed();
    let (mut upgraded, mut rolled_back) = (0, 0);
    for run in 0..runs {
        env.forget_freshness();
        std::fs::copy(&pristine, &env.vault).unwrap();
        let _ = std::fs::remove_file(journal_of(&env.vault));
        // The pristine vault has no audit log yet (the last run's belongs to another life).
        let _ = std::fs::remove_file(env.audit_log());
        let delay = full.mul_f64(rng.below(1000) as f64 / 1000.0);
        let mut child = get_one()
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the instant, a later reader sees the whole format-2 vault or the whole
        // format-5 one (the journal rolls back what the kill left).
        let out = get_one().output().unwrap();
        assert_eq!(
            out.stdout,
            b"value one",
            "seed {seed}, run {run}: {}",
            stderr(&out)
        );
        assert_eq!(format_of(&env.vault), CURRENT, "seed {seed}, run {run}");
        let count: i64 = crate::common::sql(&env.vault)
            .query_row("SELECT count(*) FROM secrets", [], |r| r.get(0))
            .unwrap();
        assert_eq!(count, 3002, "seed {seed}, run {run}");
        let two = env.cmd(&["get", "TWO", "--version", "1"]).output().unwrap();
        assert_eq!(two.stdout, b"value two v1", "seed {seed}, run {run}");
        // And the audit log continues: a record cut short by the kill was never one.
        let audit = env.cmd(&["audit", "verify"]).output().unwrap();
        assert_eq!(
            audit.status.code(),
            Some(0),
            "seed {seed}, run {run}: {}",
            stderr(&audit)
        );
        if delay >= full {
            upgraded += 1;
        } else {
            rolled_back += 1;
        }
    }
    eprintln!(
        "upgrade kill loop: {runs} runs in {:?} (seed {seed}; {rolled_back} killed before a full upgrade's time, {upgraded} after)",
        started.elapsed() + Duration::ZERO
    );
}

#[test]
fn a_kill_in_the_first_write_after_the_upgrade_is_rolled_back() {
    let env = env_with_fixture();
    env.set("THREE", b"v");
    assert_eq!(format_of(&env.vault), CURRENT);
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    copy_mid_transaction(
        &work,
        &env.vault,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
         INSERT INTO secrets (name, description, created_at, updated_at)
         SELECT 'N' || i, hex(randomblob(500)), 0, 0 FROM n;",
    );
    assert_contents(&env);
    assert!(!journal_of(&env.vault).exists());
}

#[test]
fn the_format_3_fixture_is_upgraded_to_the_current_format_by_the_first_unlock() {
    let env = env_with(3);
    let before = env.vault_files();
    env.bare_cmd(&["list"]).assert().code(0);
    env.assert_unchanged(&before, "reading the format-3 fixture without a credential");
    assert_eq!(format_of(&env.vault), 3);
    assert!(
        !env.audit_log().exists(),
        "a command without a credential made an audit log"
    );
    // The first command that unlocks it upgrades it, even one that only reads: its record is
    // authenticated under the audit key format 5 adds.
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(format_of(&env.vault), CURRENT);
    assert_first_record_is_the_upgrading_read(&env);
    assert_contents(&env);
    // Its heads keep their format-3 tags until written; both kinds verify.
    env.set("TWO", b"value two v3");
    assert_eq!(format_of(&env.vault), CURRENT);
    env.cmd(&["verify"]).assert().code(0);
    let out = env.cmd(&["get", "TWO", "--version", "1"]).output().unwrap();
    assert_eq!(out.stdout, b"value two v1", "{}", stderr(&out));
    // The state stayed authenticated across the upgrade: an edit of an old head is caught.
    crate::common::sql(&env.vault)
        .execute(
            "UPDATE secrets SET rotate_every = NULL WHERE name = 'ONE'",
            [],
        )
        .unwrap();
    env.cmd(&["check"]).assert().code(5);
}

#[test]
fn the_format_3_fixture_opens_with_both_slots() {
    let env = env_with(3);
    assert_contents(&env);
    let ci = env
        .bare_cmd(&["get", "ONE"])
        .env("SEALBOX_KEY", "c3".repeat(32))
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value one", "{}", stderr(&ci));
}

#[test]
fn a_secret_without_versions_in_an_old_vault_does_not_stop_the_others() {
    let env = env_with(2);
    crate::common::sql(&env.vault)
        .execute("DELETE FROM versions WHERE name = 'ONE'", [])
        .unwrap();
    // The upgrade carries ONE over without an id or tag: TWO reads, ONE is named.
    assert_eq!(env.get("TWO"), b"value two v2");
    let out = env.cmd(&["get", "ONE"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let out = env.cmd(&["verify", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stdout(&out).contains("\"what\":\"secret ONE\""),
        "{}",
        stdout(&out)
    );
    env.bare_cmd(&["list", "--names-only"])
        .assert()
        .code(0)
        .stdout("ONE\nTWO\n");
    // And it can be cleared away, after which the vault verifies.
    env.cmd(&["delete", "ONE"]).assert().code(0);
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn the_format_4_fixture_opens_with_both_slots_and_is_upgraded_by_the_first_unlock() {
    let env = env_with(4);
    let before = env.vault_files();
    env.bare_cmd(&["list"]).assert().code(0);
    env.assert_unchanged(&before, "reading the format-4 fixture without a credential");
    assert_eq!(format_of(&env.vault), 4);
    assert!(
        !env.audit_log().exists(),
        "a command without a credential made an audit log"
    );
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(format_of(&env.vault), CURRENT);
    assert_first_record_is_the_upgrading_read(&env);
    assert_contents(&env);
    // Format 4's retention limits come through the upgrade.
    let list = stdout(&env.cmd(&["list", "--json"]).output().unwrap());
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    let two = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "TWO")
        .unwrap();
    assert_eq!(two["keep"], 5, "{list}");
    let ci = env
        .bare_cmd(&["get", "ONE"])
        .env("SEALBOX_KEY", "c4".repeat(32))
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value one", "{}", stderr(&ci));
}

#[test]
fn the_format_5_fixture_is_upgraded_by_the_first_unlock_and_its_old_values_join_a_scope() {
    let env = env_with(5);
    let before = env.vault_files();
    env.bare_cmd(&["list"]).assert().code(0);
    env.bare_cmd(&["scope", "list"])
        .assert()
        .code(0)
        .stdout("SCOPE  SECRETS  SLOTS  DEFINITION\n");
    env.assert_unchanged(&before, "reading the format-5 fixture without a credential");
    assert_eq!(format_of(&env.vault), 5);
    let records = env.audit_lines().len();
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(format_of(&env.vault), CURRENT);
    // The log goes on from the fixture's records, and still verifies.
    let lines = env.audit_lines();
    assert_eq!(lines.len(), records + 1);
    assert_eq!(lines[records]["seq"], records as i64 + 1);
    assert_contents(&env);
    // Values sealed by format 5 directly under the data key are sealed anew under version keys
    // when a scope takes them, old versions included.
    env.cmd(&["scope", "add", "two", "--only", "TWO"])
        .assert()
        .code(0);
    let scoped = "a5".repeat(32);
    env.cmd(&["slot", "add", "--scope", "two", "--label", "agent"])
        .env("SEALBOX_NEW_KEY", &scoped)
        .assert()
        .code(0);
    let as_agent = |args: &[&str]| {
        env.bare_cmd(args)
            .env("SEALBOX_KEY", &scoped)
            .output()
            .unwrap()
    };
    assert_eq!(as_agent(&["get", "TWO"]).stdout, b"value two v2");
    assert_eq!(
        as_agent(&["get", "TWO", "--version", "1"]).stdout,
        b"value two v1"
    );
    assert_eq!(as_agent(&["get", "ONE"]).status.code(), Some(9));
    assert_contents(&env);
    let ci = env
        .bare_cmd(&["get", "TWO"])
        .env("SEALBOX_KEY", "c5".repeat(32))
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value two v2", "{}", stderr(&ci));
}

#[test]
fn the_format_6_fixture_keeps_its_scope_and_takes_a_member_after_the_upgrade() {
    let env = env_with(6);
    let before = env.vault_files();
    env.bare_cmd(&["slot", "list"]).assert().code(0);
    env.assert_unchanged(&before, "reading the format-6 fixture without a credential");
    assert_eq!(format_of(&env.vault), 6);
    assert_eq!(env.get("ONE"), b"value one");
    assert_eq!(format_of(&env.vault), CURRENT);
    assert_contents(&env);
    let agent = |args: &[&str]| {
        env.bare_cmd(args)
            .env("SEALBOX_KEY", "a6".repeat(32))
            .output()
            .unwrap()
    };
    assert_eq!(agent(&["get", "TWO"]).stdout, b"value two v2");
    assert_eq!(agent(&["get", "ONE"]).status.code(), Some(9));
    // The upgraded vault takes a member slot, which opens it.
    let identity = env.dir.path().join("alice.key");
    let out = env
        .bare_cmd(&["identity", "new", identity.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recipient = stdout(&out);
    env.cmd(&[
        "slot",
        "add",
        "--recipient",
        recipient.trim(),
        "--label",
        "alice",
    ])
    .assert()
    .code(0);
    let out = env
        .bare_cmd(&["get", "TWO"])
        .env("SEALBOX_IDENTITY_FILE", &identity)
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"value two v2", "{}", stderr(&out));
    env.cmd(&["verify"]).assert().code(0);
}
