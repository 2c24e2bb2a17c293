//! Forensic residue (acceptance 3): after rotate-master, slot remove and re-encrypt, no blob
//! that existed before — wrapped vault keys, key checks, wrapped data keys, value ciphertexts —
//! survives as bytes in any of the vault's files. The negative controls show that the checker
//! does find such bytes when SQLite's scrubbing (`secure_delete`) is off.

use std::path::Path;

use crate::common::TestEnv;
use crate::common::lifecycle::{KEY_A, KEY_B, KEY_C, blobs, residue};
use crate::common::{files_of, sql};

/// Blobs of the slot labelled `label`: its wrapped vault key and its key check.
fn slot_blobs(path: &Path, label: &str) -> Vec<Vec<u8>> {
    let conn = sql(path);
    let (wrapped, check): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT wrapped_key, key_check FROM slots WHERE label = ?1",
            [label],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    vec![wrapped, check]
}

/// Every value ciphertext and wrapped data key in the vault.
fn keyring_blobs(path: &Path) -> Vec<Vec<u8>> {
    let conn = sql(path);
    let mut all = blobs(&conn, "versions", "ciphertext");
    all.extend(blobs(&conn, "data_keys", "wrapped_key"));
    all
}

fn vault() -> TestEnv {
    let env = TestEnv::with_vault();
    // Many rows over several pages, some values large enough for overflow pages.
    crate::common::lifecycle::fill(&env, KEY_A, 200, 3, 11);
    let big = vec![0x5a_u8; 20_000];
    env.set("BIG", &big);
    env.set("BIG", &big);
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_B)
        .assert()
        .code(0);
    env
}

fn assert_no_residue(env: &TestEnv, blobs: &[Vec<u8>], what: &str) {
    let files = env.vault_files();
    assert_eq!(
        files.len(),
        1,
        "only the database file remains: {:?}",
        files.keys()
    );
    let found = residue(&files, blobs);
    assert!(
        found.is_empty(),
        "{} of {} {what} blobs survive in the vault's files",
        found.len(),
        blobs.len()
    );
}

#[test]
fn rotate_master_leaves_no_trace_of_the_old_slot() {
    let env = vault();
    // Sanity: the checker sees the live blobs.
    let live = slot_blobs(&env.vault, "default");
    assert_eq!(residue(&env.vault_files(), &live).len(), 2);

    env.cmd(&["rotate-master"])
        .env("SEALBOX_NEW_KEY", KEY_C)
        .assert()
        .code(0);
    assert_no_residue(&env, &live, "old slot (key to key)");

    // A kind change makes the row a different size, so SQLite moves it within the page.
    let live = slot_blobs(&env.vault, "default");
    env.bare_cmd(&["rotate-master"])
        .env("SEALBOX_KEY", KEY_C)
        .env("SEALBOX_NEW_PASSPHRASE", "pw")
        .assert()
        .code(0);
    assert_no_residue(&env, &live, "old slot (key to passphrase)");

    let live = slot_blobs(&env.vault, "default");
    env.bare_cmd(&["rotate-master"])
        .env("SEALBOX_PASSPHRASE", "pw")
        .env("SEALBOX_NEW_KEY", KEY_A)
        .assert()
        .code(0);
    assert_no_residue(&env, &live, "old slot (passphrase to key)");
}

#[test]
fn slot_remove_leaves_no_trace_of_the_slot() {
    let env = vault();
    let removed = slot_blobs(&env.vault, "ci");
    env.cmd(&["slot", "remove", "ci"]).assert().code(0);
    assert_no_residue(&env, &removed, "removed slot");
}

#[test]
fn re_encrypt_leaves_no_old_ciphertext_or_data_key() {
    let env = vault();
    let old = keyring_blobs(&env.vault);
    assert_eq!(
        residue(&env.vault_files(), &old).len(),
        old.len(),
        "checker sees live blobs"
    );
    env.cmd(&["re-encrypt"]).assert().code(0);
    assert_no_residue(&env, &old, "pre-re-encrypt");

    // With a new vault key too: the re-wrapped data keys and the old slot blobs go as well.
    let old: Vec<Vec<u8>> = keyring_blobs(&env.vault)
        .into_iter()
        .chain(slot_blobs(&env.vault, "default"))
        .chain(slot_blobs(&env.vault, "ci"))
        .collect();
    env.cmd(&["re-encrypt", "--new-vault-key", "--drop-other-slots"])
        .assert()
        .code(0);
    assert_no_residue(&env, &old, "pre-new-vault-key");
}

/// The same row deletions done with SQLite directly on copies of a vault: with `secure_delete`
/// off the old bytes stay in the file and the checker finds them; with it on they are gone.
/// (An UPDATE that keeps a row's size, as rotate-master between two keys does, is overwritten in
/// place by SQLite whatever the setting, so deletions are what can show the difference.)
#[test]
fn negative_control_the_checker_finds_residue_when_scrubbing_is_off() {
    let env = vault();
    for (scrub, expect_residue) in [(false, true), (true, false)] {
        let copy = env.home().join(format!("copy-{scrub}")).join("vault.db");
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::copy(&env.vault, &copy).unwrap();
        let slot = slot_blobs(&copy, "ci");
        let values = keyring_blobs(&copy);
        let conn = sql(&copy);
        conn.pragma_update(None, "secure_delete", scrub).unwrap();
        // What slot remove and the end of re-encrypt do: delete rows.
        conn.execute("DELETE FROM slots WHERE label = 'ci'", [])
            .unwrap();
        conn.execute("DELETE FROM versions", []).unwrap();
        conn.execute("DELETE FROM data_keys", []).unwrap();
        drop(conn);
        let files = files_of(&copy);
        let found = |blobs: &[Vec<u8>]| residue(&files, blobs).len();
        if expect_residue {
            assert!(
                found(&slot) > 0,
                "deleted slot not found with secure_delete off"
            );
            assert!(
                found(&values) > values.len() / 2,
                "deleted values not found with secure_delete off: {} of {}",
                found(&values),
                values.len()
            );
        } else {
            assert_eq!(found(&slot), 0);
            assert_eq!(found(&values), 0);
        }
    }
}
