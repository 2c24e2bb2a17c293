//! The upgrade of a vault from before authenticated state (format 1 or 2), which needs the
//! vault key.
//!
//! Migrations 3 and 4 only add columns; this fills them, inside the same write transaction, so a kill
//! at any instant leaves either the untouched format-2 vault or the whole format-3 one. It makes
//! the state key, gives every secret a random id, re-seals every version whose value opens under
//! the new associated data (which binds the id), and tags every head; the caller's session then
//! binds the slots and seals the vault row. A version that does not open is carried over as it
//! is: it was already damaged, `verify` names it, and the secrets that are intact stay readable.
//! A secret without any version is left without an id or tag, for the same reason.

use super::store::params;

use crate::crypto::{self, Key, SecretBytes, Summary, ValueRef};

use super::keys::{self, Keys};
use super::secrets::{KeptVersions, Sealing, SecretMeta, sealed};
use super::{Error, Result, Tx};

/// Fills the authenticated state's columns (heads in this release's layout); returns the new
/// state key and the summary of every head.
pub(super) fn fill_authenticated_state(tx: &Tx, keys: &mut Keys) -> Result<(Key, Summary)> {
    let state_key = Key::random();
    tx.store_state_key(keys.vault_key()?, &state_key)?;
    let names: Vec<String> =
        (tx.db).query_all("SELECT name FROM secrets ORDER BY name", params![], |r| {
            r.get(0)
        })?;
    let mut summary = Summary::EMPTY;
    for name in &names {
        let id = crypto::random_secret_id();
        let versions: Vec<(i64, i64, Result<crypto::Sealed, String>)> = tx.db.query_all(
            "SELECT version, key_id, nonce, ciphertext FROM versions
             WHERE name = ?1 ORDER BY version",
            params![name],
            |row| Ok((row.get(0)?, row.get(1)?, sealed(row, 2, 3)?)),
        )?;
        let Some(&(version, _, _)) = versions.last() else {
            // Already damaged: left without an id or tag, so every command that touches it
            // (and verify) names it, the others work, and `delete` can clear it away.
            continue;
        };
        for (number, key_id, sealed) in &versions {
            let Ok(sealed) = sealed else { continue };
            let key = match keys::data_key(tx, keys, *key_id) {
                Ok(key) => key,
                // A data key that is missing or does not open leaves its values as they are.
                Err(Error::Crypto(_) | Error::Damaged(_)) => continue,
                Err(err) => return Err(err),
            };
            let opened: Option<SecretBytes> =
                crypto::open_legacy_value(key, tx.vault_id, *key_id, name, *number, sealed).ok();
            let Some(plain) = opened else { continue };
            let at = ValueRef {
                vault_id: tx.vault_id,
                key_id: *key_id,
                secret_id: &id,
                name,
                version: *number,
            };
            let resealed = crypto::seal_value(key, &at, plain.expose());
            tx.reseal_version(
                name,
                *number,
                *key_id,
                (*key_id, Sealing::Direct),
                &resealed,
            )?;
        }
        let (description, rotate_every, created_at, updated_at) = tx.db.query_one(
            "SELECT description, rotate_every, created_at, updated_at FROM secrets WHERE name = ?1",
            params![name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let meta = SecretMeta {
            name: name.clone(),
            version,
            kept: KeptVersions::Set(versions.iter().map(|(v, _, _)| *v).collect()),
            keep: None,
            description,
            rotate_every,
            created_at,
            updated_at,
            id: None,
            tag: None,
        };
        let mac = crypto::head_mac(&state_key, tx.vault_id, &meta.head(&id));
        summary.add(&mac.term);
        tx.write_head(&meta, &id, &mac.tag)?;
    }
    Ok((state_key, summary))
}
