//! Issue 7, section 3: the cost of one unlock is bounded. Someone who can write the vault can
//! raise a passphrase slot's Argon2id parameters with the (unkeyed) header digest recomputed, or
//! add decoy slots: one slot never asks for more than the cap (exit 8 before allocating), all
//! the slots tried in one unlock never more than 16 default runs (exit 8, naming --slot), and a
//! machine without the memory gets an `error:` line, not an abort.

use std::process::Output;

use rusqlite::params;

use crate::common::{TestEnv, bin, slot_digest, stderr};

const PASSPHRASE: &str = "correct horse battery";

/// A vault whose only slot is a passphrase slot labelled "me".
fn passphrase_vault() -> TestEnv {
    let env = TestEnv::new();
    env.bare_cmd(&["init", "--label", "me"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .assert()
        .success();
    env
}

/// Sets slot `label`'s Argon2id parameters with the digest fixed up, as an attacker can.
fn set_params(env: &TestEnv, label: &str, m_kib: u32, t: u32) {
    let conn = env.sql();
    let (vault_id, salt): (Vec<u8>, Vec<u8>) = conn
        .query_row(
            "SELECT vault_id, salt FROM vault, slots WHERE label = ?1",
            [label],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let digest = slot_digest(&vault_id, m_kib, t, 1, &salt);
    conn.execute(
        "UPDATE slots SET kdf_m_kib = ?1, kdf_t = ?2, digest = ?3 WHERE label = ?4",
        params![m_kib, t, digest, label],
    )
    .unwrap();
}

/// Copies slot "me" with SQL under `label` (with row id `id`, or the next one), as an attacker
/// could: the copy's header digest holds. A decoy's key check can never pass; a twin's can.
fn copy_slot(env: &TestEnv, id: Option<i64>, label: &str, decoy: bool) {
    let key_check = if decoy { "zeroblob(32)" } else { "key_check" };
    env.sql()
        .execute(
            &format!(
                "INSERT INTO slots (id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest,
                                    key_check, nonce, wrapped_key, created_at)
                 SELECT ?1, ?2, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, {key_check},
                        nonce, wrapped_key, created_at FROM slots WHERE label = 'me'"
            ),
            params![id, label],
        )
        .unwrap();
}

/// Moves slot "me" to row id 100, so copies can go before it.
fn move_me_last(env: &TestEnv) {
    env.sql()
        .execute("UPDATE slots SET id = 100 WHERE label = 'me'", [])
        .unwrap();
}

/// `sealbox ARGS` with the passphrase, under an address-space limit of `limit_mib` MiB.
fn limited(env: &TestEnv, limit_mib: u64, args: &[&str]) -> Output {
    let mut cmd = std::process::Command::new("prlimit");
    env.confine(&mut cmd);
    cmd.arg(format!("--as={}", limit_mib * 1024 * 1024))
        .arg("--")
        .arg(bin())
        .args(args)
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .output()
        .expect("prlimit (util-linux)")
}

#[test]
fn a_slot_above_the_cap_is_refused_before_allocating() {
    let env = passphrase_vault();
    // 2 GiB is over the memory cap; 1 GiB x 4 passes is over the work cap.
    for (m, t) in [(2 * 1024 * 1024, 3), (1024 * 1024, 4)] {
        set_params(&env, "me", m, t);
        let before = env.vault_files();
        // 256 MiB of address space: an attempt to allocate would fail, not be refused.
        let out = limited(&env, 256, &["get", "A"]);
        assert_eq!(
            stderr(&out),
            format!(
                "error: refusing to run the key derivation: Argon2id parameters m={m} KiB, t={t}, p=1 exceed the cap m=1048576 KiB, t=64, p=16, memory x passes 3072 MiB\n"
            )
        );
        assert_eq!(out.status.code(), Some(8));
        env.assert_unchanged(&before, "a slot above the cap");
    }
}

#[test]
fn a_slot_at_the_cap_without_the_memory_is_an_error_line_not_an_abort() {
    let env = passphrase_vault();
    set_params(&env, "me", 1024 * 1024, 3);
    let before = env.vault_files();
    let out = limited(&env, 512, &["get", "A"]);
    assert_eq!(
        stderr(&out),
        "error: cannot allocate the 1024 MiB the passphrase key derivation needs\n\
         hint: free some memory or raise this process's limit (ulimit -v), or unlock another slot with --slot LABEL\n"
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    env.assert_unchanged(&before, "a slot at the cap without the memory");
}

#[test]
fn decoy_slots_cannot_make_an_unlock_run_more_than_sixteen_derivations() {
    let env = passphrase_vault();
    env.bare_cmd(&["set", "A"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .write_stdin("value")
        .assert()
        .success();
    // Decoys with sealbox's own parameters, inserted before the real slot: copies of the real
    // slot's header (so their digests hold) whose key check can never pass.
    move_me_last(&env);
    for i in 0..20 {
        copy_slot(&env, Some(i + 1), &format!("decoy{i:02}"), true);
    }
    let before = env.vault_files();
    let out = env
        .bare_cmd(&["get", "A"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        "error: 5 passphrase slots were not tried: the credential was tried against 16 slots already, and one more would exceed the most key-derivation work one unlock may do (3072 MiB x passes of Argon2id)\n\
         hint: pass --slot LABEL to try one slot by name; 'sealbox slot list' shows the labels\n\
         hint: if nobody added that many passphrase slots, the vault was edited: run 'sealbox verify'\n"
    );
    assert_eq!(out.status.code(), Some(8));
    env.assert_unchanged(&before, "decoy slots");
    // The way out the hint gives opens the real slot, and then the vault's state names the
    // planted slots: they carry no binding under the state key.
    let out = env
        .bare_cmd(&["get", "A", "--slot", "me"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).starts_with(
            "error: unlock slot \"decoy00\" (its label, kind, creation time or key material) failed authentication"
        ),
        "{}",
        stderr(&out)
    );
    env.assert_unchanged(&before, "decoy slots, unlocked with --slot");
}

#[test]
fn slots_with_edited_parameters_are_tried_after_sealboxs_own() {
    let env = passphrase_vault();
    env.bare_cmd(&["set", "A"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .write_stdin("value")
        .assert()
        .success();
    // A slot at the cap placed first in the table: were it tried first, the unlock under 512 MiB
    // of address space would fail to allocate its 1 GiB.
    move_me_last(&env);
    copy_slot(&env, Some(1), "heavy", true);
    set_params(&env, "heavy", 1024 * 1024, 3);
    let out = limited(&env, 512, &["get", "A"]);
    // Had "heavy" gone first, this would be an allocation failure (exit 1); "me" opens, and
    // the planted slot is then found by the state check.
    assert!(out.stdout.is_empty());
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: unlock slot \"heavy\" (its label, kind"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn slot_add_refuses_a_passphrase_slot_no_unlock_would_reach() {
    let env = passphrase_vault();
    // A key slot to unlock with cheaply, then fifteen more passphrase slots: sixteen in all.
    // (Slots planted with SQL would be refused as tampering before the limit is reached.)
    let key = "4a".repeat(32);
    env.bare_cmd(&["slot", "add", "--label", "k"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .env("SEALBOX_NEW_KEY", &key)
        .assert()
        .code(0);
    for i in 0..15 {
        env.bare_cmd(&["slot", "add", "--label", &format!("copy{i:02}")])
            .env("SEALBOX_KEY", &key)
            .env("SEALBOX_NEW_PASSPHRASE", format!("passphrase {i}"))
            .assert()
            .code(0);
    }
    let before = env.vault_files();
    let out = env
        .bare_cmd(&["slot", "add", "--label", "seventeenth", "--slot", "me"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .env("SEALBOX_NEW_PASSPHRASE", "another one")
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        "error: the vault already has 16 passphrase slots, as many as one unlock's key-derivation work reaches; nothing was changed\n\
         hint: remove one first with 'sealbox slot remove', or add a key slot (--new-key-file)\n"
    );
    assert_eq!(out.status.code(), Some(6));
    env.assert_unchanged(&before, "a seventeenth passphrase slot");
    // Another key slot is still welcome.
    env.bare_cmd(&["slot", "add", "--label", "ci", "--slot", "me"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .env("SEALBOX_NEW_KEY", "4b".repeat(32))
        .assert()
        .code(0);
}

#[test]
fn verify_reports_slots_past_the_budget_as_not_tried() {
    let env = passphrase_vault();
    for i in 0..17 {
        copy_slot(&env, None, &format!("decoy{i:02}"), true);
    }
    // "me" comes first, so it opens; the budget runs out among the decoys, and every decoy
    // is named as a planted slot (it has no binding under the state key).
    let out = env
        .bare_cmd(&["verify", "--json"])
        .env("SEALBOX_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let statuses: Vec<&str> = report["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses[0], "opened");
    assert_eq!(
        statuses.iter().filter(|s| **s == "not_reachable").count(),
        15
    );
    assert_eq!(statuses.iter().filter(|s| **s == "not_tried").count(), 2);
    let planted: Vec<&str> = report["failures"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["object"] == "slot")
        .map(|f| f["label"].as_str().unwrap())
        .collect();
    let decoys: Vec<String> = (0..17).map(|i| format!("decoy{i:02}")).collect();
    assert_eq!(planted, decoys);
    assert!(
        stderr(&out).starts_with(
            "2 passphrase slots were not tried: past the key-derivation work one unlock may do; check each with --slot LABEL\n"
        ),
        "{}",
        stderr(&out)
    );
}
