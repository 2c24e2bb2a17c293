//! A vault written by an older format opens with this binary, is read as it is, and is upgraded
//! by the first write, in that write's transaction, with nothing lost, also when the upgrade (or
//! the first write after it) was killed halfway.
//!
//! `fixtures/format-1.db` was written by the first release's format, `fixtures/format-2.db` by
//! this one's (for the next format's upgrade to prove itself against): key `f1` (`f2`) x 32 opens
//! slot "owner", `c1` (`c2`) x 32 slot "ci"; ONE = "value one" (described, rotated every 90
//! days), TWO = "value two v1" then "value two v2".

use std::path::{Path, PathBuf};

use crate::common::{TestEnv, copy_mid_transaction, journal_of, stderr, stdout};

const OWNER: &str = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";

fn fixture() -> PathBuf {
    fixture_of(1)
}

fn fixture_of(format: i64) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/it/fixtures/format-{format}.db"))
}

fn format_of(path: &Path) -> i64 {
    crate::common::sql(path)
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

fn env_with_fixture() -> TestEnv {
    let mut env = TestEnv::new();
    env.key = OWNER.into();
    std::fs::copy(fixture(), &env.vault).unwrap();
    assert_eq!(format_of(&env.vault), 1);
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
}

#[test]
fn a_format_1_vault_is_read_as_it_is_and_upgraded_by_the_first_write() {
    let env = env_with_fixture();
    // Commands that only read leave it as it is, so a vault on read-only media (or checked out
    // by git) stays readable and unchanged.
    let before = env.vault_files();
    assert_contents(&env);
    env.bare_cmd(&["list"]).assert().code(0);
    env.assert_unchanged(&before, "reading a format-1 vault");
    assert_eq!(format_of(&env.vault), 1);
    env.set("THREE", b"after the upgrade");
    assert_eq!(format_of(&env.vault), 2);
    assert_contents(&env);
    assert_eq!(env.get("THREE"), b"after the upgrade");
}

#[test]
fn an_upgrade_killed_halfway_is_rolled_back_and_done_again() {
    let env = env_with_fixture();
    let work = env.home().join("work.db");
    std::fs::copy(fixture(), &work).unwrap();
    std::fs::remove_file(&env.vault).unwrap();
    // Migration 2 as sealbox runs it inside the first write, with a one-page cache so pages
    // reach the file before the kill.
    copy_mid_transaction(
        &work,
        &env.vault,
        "ALTER TABLE vault ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;
         ALTER TABLE vault ADD COLUMN txn_token BLOB;
         UPDATE vault SET generation = 0;
         PRAGMA user_version = 2;
         INSERT INTO secrets (name, created_at, updated_at) VALUES ('HALF', 0, 0);",
    );
    let journal = std::fs::read(journal_of(&env.vault)).unwrap();
    assert_eq!(
        journal[..8],
        [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7],
        "a hot journal"
    );
    assert_contents(&env);
    assert!(!journal_of(&env.vault).exists());
    assert_eq!(format_of(&env.vault), 1, "rolled back to format 1");
    env.set("THREE", b"v");
    assert_eq!(format_of(&env.vault), 2);
    assert_contents(&env);
}

#[test]
fn a_kill_in_the_first_write_after_the_upgrade_is_rolled_back() {
    let env = env_with_fixture();
    env.set("THREE", b"v");
    assert_eq!(format_of(&env.vault), 2);
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
fn the_format_2_fixture_reads_and_writes_as_it_is() {
    let mut env = TestEnv::new();
    env.key = "f2".repeat(32);
    std::fs::copy(fixture_of(2), &env.vault).unwrap();
    assert_eq!(format_of(&env.vault), 2);
    assert_contents(&env);
    env.set("THREE", b"v");
    assert_eq!(format_of(&env.vault), 2);
    assert_contents(&env);
    let ci = env
        .bare_cmd(&["get", "ONE"])
        .env("SEALBOX_KEY", "c2".repeat(32))
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value one", "{}", stderr(&ci));
}
