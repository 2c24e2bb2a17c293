//! Key rotation, one step per call, each inside the caller's write transaction: replacing a
//! slot's credential, adding and removing slots, adding a data key, moving values onto the
//! active data key in bounded batches, retiring unused data keys, and replacing the vault key.
//!
//! Invariants: every state between two steps is a valid vault. A value row names the data key
//! it is sealed under, so a vault with values spread over several keys reads normally, and the
//! progress of a re-encryption is exactly "how many rows are not yet on the active key" —
//! derived from the authenticated rows, never from a marker that a crash could leave wrong. A
//! data key is deleted only in a transaction that has just proved no row uses it. Deleted and
//! overwritten content is scrubbed from the file by `secure_delete=ON` (set on every connection).

use rusqlite::{OptionalExtension, params};

use crate::crypto::{self, CredentialKind, Key, Sealed, SlotKdf, SlotMaterial};
use crate::time::now;

use super::keyring::{fits, unlock_order};
use super::tx::{malformed_value, sealed};
use super::{Error, Keyring, Result, Tx};

/// Rows moved per batch at most, and the ciphertext bytes a batch holds in memory at most.
const BATCH_ROWS: usize = 256;
const BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Where the keyring stands: the active data key, every data key, and how many stored values
/// (all versions) exist and how many are not yet under the active key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyStatus {
    pub active: i64,
    pub data_keys: Vec<i64>,
    pub values: i64,
    pub pending: i64,
}

impl KeyStatus {
    /// The id the next data key gets.
    pub fn next_key_id(&self) -> Result<i64> {
        next_key_id(self.active)
    }
}

/// The id after `active`; only an edited file can hold the largest id.
fn next_key_id(active: i64) -> Result<i64> {
    active
        .checked_add(1)
        .ok_or_else(|| Error::Damaged(format!("data key {active} has an impossible id")))
}

impl Tx<'_> {
    /// Counts values and lists data keys; reads no secret.
    pub fn key_status(&self) -> Result<KeyStatus> {
        let active = self.active_key_id()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM data_keys ORDER BY id")?;
        let data_keys = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let values = self
            .conn
            .query_row("SELECT count(*) FROM versions", [], |r| r.get(0))?;
        let pending = self.pending_values(active)?;
        Ok(KeyStatus {
            active,
            data_keys,
            values,
            pending,
        })
    }

    /// How many stored values (all versions) are not under data key `active`.
    fn pending_values(&self, active: i64) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM versions WHERE key_id <> ?1",
            [active],
            |r| r.get(0),
        )?)
    }

    /// Replaces the material of the slot that unlocked `keyring` with `slot`, in place (same
    /// label, new credential). Fails with [`Error::KeysChanged`] if that slot changed since the
    /// keyring was unlocked, so two racing rotations cannot silently overwrite each other.
    pub fn replace_slot(&self, keyring: &mut Keyring, slot: &SlotMaterial) -> Result<()> {
        let (m, t, p) = kdf_columns(slot.kdf);
        let old = keyring.slot_wrapped();
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE slots SET kind = ?1, kdf_m_kib = ?2, kdf_t = ?3, kdf_p = ?4, salt = ?5,
                    digest = ?6, key_check = ?7, nonce = ?8, wrapped_key = ?9, created_at = ?10
                 WHERE id = ?11 AND nonce = ?12 AND wrapped_key = ?13",
            )?
            .execute(params![
                slot.kdf.kind().as_str(),
                m,
                t,
                p,
                slot.salt,
                slot.digest,
                slot.key_check,
                &slot.wrapped.nonce[..],
                slot.wrapped.ciphertext,
                now(),
                keyring.slot_id(),
                &old.nonce[..],
                old.ciphertext,
            ])?;
        if changed != 1 {
            return Err(Error::KeysChanged);
        }
        keyring.slot_rewrapped(slot.wrapped.clone());
        Ok(())
    }

    /// Adds a slot labelled `label` made (by [`Keyring::make_slot`]) from `keyring`'s vault
    /// key; [`Error::SlotExists`] if the label is taken.
    ///
    /// The keyring's vault key is proved current first, by unwrapping the active data key in
    /// this transaction: a slot made just before a concurrent `re-encrypt --new-vault-key`
    /// would otherwise wrap a vault key that no longer opens anything.
    pub fn add_slot(&self, keyring: &mut Keyring, label: &str, slot: &SlotMaterial) -> Result<i64> {
        keyring.data_key(self, self.active_key_id()?)?;
        // Checked inside the write transaction, so no other process can take the label between
        // this check and the insert.
        if self.slot_id(label)?.is_some() {
            return Err(Error::SlotExists(label.into()));
        }
        // A passphrase slot that one unlock's KDF budget could not reach would only ever open
        // with --slot: refuse it, judging the slots as `Keyring::unlock` tries them.
        if slot.kdf.kind() == CredentialKind::Passphrase {
            let mut kdfs: Vec<SlotKdf> = (self.slots()?.into_iter())
                .map(|row| row.material.kdf)
                .filter(|kdf| kdf.kind() == CredentialKind::Passphrase)
                .collect();
            let existing = kdfs.len();
            kdfs.push(slot.kdf);
            kdfs.sort_by_key(unlock_order);
            let mut budget = crypto::Budget::default();
            if !kdfs.iter().all(|kdf| fits(&mut budget, kdf)) {
                return Err(Error::TooManyPassphraseSlots(existing as u64));
            }
        }
        self.insert_slot(label, slot)
    }

    /// Removes the slot labelled `label`, refusing to remove the last one.
    pub fn remove_slot(&self, label: &str) -> Result<()> {
        let id = self
            .slot_id(label)?
            .ok_or_else(|| Error::NoSuchSlot(label.into()))?;
        let count: i64 = self
            .conn
            .query_row("SELECT count(*) FROM slots", [], |r| r.get(0))?;
        if count <= 1 {
            return Err(Error::LastSlot(label.into()));
        }
        self.conn.execute("DELETE FROM slots WHERE id = ?1", [id])?;
        Ok(())
    }

    fn slot_id(&self, label: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM slots WHERE label = ?1")?
            .query_row([label], |r| r.get(0))
            .optional()?)
    }

    /// Adds a fresh data key after the newest one, which makes it the active key.
    ///
    /// The keyring's vault key is proved current first, as in [`Tx::add_slot`]: after a
    /// concurrent `re-encrypt --new-vault-key`, a key wrapped under the old vault key would
    /// become active, every row would move to it, and no slot could open it.
    pub fn add_data_key(&self, keyring: &mut Keyring) -> Result<i64> {
        let active = self.active_key_id()?;
        keyring.data_key(self, active)?;
        let id = next_key_id(active)?;
        self.insert_data_key(keyring.vault_key(), id)?;
        Ok(id)
    }

    /// Re-seals up to [`BATCH_ROWS`] values that are not under the active data key (same name
    /// and version, fresh nonce). Returns how many rows moved; 0 when none is left.
    ///
    /// The active key is read here, inside the transaction, so two concurrent re-encryptions
    /// both move rows to the newest key instead of fighting over two targets.
    pub fn move_batch(&self, keyring: &mut Keyring) -> Result<usize> {
        let active = self.active_key_id()?;
        // `key_id < active` walks the versions_by_key index; rows naming a key above the
        // active one cannot exist in an intact vault and are caught by retire_data_keys.
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, version, key_id, nonce, ciphertext FROM versions
             WHERE key_id < ?1 ORDER BY key_id LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![active, BATCH_ROWS as i64])?;
        let mut batch: Vec<(String, i64, i64, Sealed)> = Vec::with_capacity(BATCH_ROWS);
        let mut bytes = 0;
        while bytes < BATCH_BYTES
            && let Some(row) = rows.next()?
        {
            let (name, version, key_id): (String, i64, i64) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            let sealed = sealed(row, 3, 4)?.map_err(|why| malformed_value(&name, version, &why))?;
            bytes += sealed.ciphertext.len();
            batch.push((name, version, key_id, sealed));
        }
        drop(rows);
        let mut update = self.conn.prepare_cached(
            "UPDATE versions SET key_id = ?1, nonce = ?2, ciphertext = ?3
             WHERE name = ?4 AND version = ?5 AND key_id = ?6",
        )?;
        for (name, version, key_id, old) in &batch {
            let plain = keyring.open(self, name, *version, *key_id, old)?;
            let (new_id, sealed) = keyring.seal(self, name, *version, plain.expose())?;
            debug_assert_eq!(new_id, active);
            drop(plain);
            update.execute(params![
                new_id,
                &sealed.nonce[..],
                sealed.ciphertext,
                name,
                version,
                key_id
            ])?;
        }
        Ok(batch.len())
    }

    /// Deletes every data key but the active one, after proving in this transaction that no
    /// value row uses them. `None` (nothing deleted) while rows remain to be moved.
    pub fn retire_data_keys(&self) -> Result<Option<Vec<i64>>> {
        let active = self.active_key_id()?;
        let stray: Option<i64> = self
            .conn
            .query_row(
                "SELECT key_id FROM versions WHERE key_id > ?1 LIMIT 1",
                [active],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(stray) = stray {
            return Err(Error::Damaged(format!(
                "stored values refer to data key {stray}, which does not exist"
            )));
        }
        if self.pending_values(active)? > 0 {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM data_keys WHERE id <> ?1 ORDER BY id")?;
        let retired: Vec<i64> = stmt
            .query_map([active], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // The NOT EXISTS repeats the proof row by row: a key still in use is never deleted.
        self.conn.execute(
            "DELETE FROM data_keys WHERE id <> ?1
               AND NOT EXISTS (SELECT 1 FROM versions WHERE key_id = data_keys.id)",
            [active],
        )?;
        Ok(Some(retired))
    }

    /// Replaces the vault key: re-wraps every data key under `new_key`, replaces the unlocking
    /// slot with `slot` (made for `new_key`), and deletes every other slot, since those wrap the
    /// old vault key. Returns the labels of the deleted slots. The caller decides whether
    /// deleting them is allowed, inside this same transaction.
    pub fn install_vault_key(
        &self,
        keyring: &mut Keyring,
        new_key: Key,
        slot: &SlotMaterial,
    ) -> Result<Vec<String>> {
        let status = self.key_status()?;
        let mut rewrap = self
            .conn
            .prepare_cached("UPDATE data_keys SET nonce = ?1, wrapped_key = ?2 WHERE id = ?3")?;
        for id in status.data_keys {
            let data_key = keyring.data_key(self, id)?;
            let sealed = crypto::seal_data_key(&new_key, self.vault_id, id, data_key);
            rewrap.execute(params![&sealed.nonce[..], sealed.ciphertext, id])?;
        }
        self.replace_slot(keyring, slot)?;
        let dropped = self.other_slot_labels(keyring.slot_id())?;
        self.conn
            .execute("DELETE FROM slots WHERE id <> ?1", [keyring.slot_id()])?;
        keyring.replace_vault_key(new_key, slot.wrapped.clone());
        Ok(dropped)
    }
}

pub(super) fn kdf_columns(kdf: SlotKdf) -> (Option<u32>, Option<u32>, Option<u32>) {
    match kdf {
        SlotKdf::Argon2id(params) => (Some(params.m_kib), Some(params.t), Some(params.p)),
        SlotKdf::HkdfSha256 => (None, None, None),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::crypto::{Credential, SecretBytes};
    use crate::vault::{SecretUpdate, Vault};

    fn key(byte: u8) -> Credential {
        Credential::Key(Key::fill_with(|k| *k = [byte; 32]))
    }

    fn vault(dir: &tempfile::TempDir) -> Vault {
        let path = dir.path().join("vault.db");
        let mut vault = Vault::create(&path, &key(1), "default", Duration::from_secs(5)).unwrap();
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        vault
            .write(|tx| {
                for i in 0..600 {
                    let name = format!("S{i}");
                    tx.put(
                        &mut keyring,
                        &name,
                        name.as_bytes(),
                        &SecretUpdate::default(),
                    )?;
                }
                Ok::<_, Error>(())
            })
            .unwrap();
        vault
    }

    fn second_handle(dir: &tempfile::TempDir) -> Vault {
        Vault::open(&dir.path().join("vault.db"), Duration::from_secs(5))
            .unwrap()
            .0
    }

    fn value(vault: &Vault, keyring: &mut Keyring, name: &str) -> Result<SecretBytes> {
        vault.read(|tx| tx.value(keyring, name, 1).map(Option::unwrap))
    }

    #[test]
    fn batches_move_rows_to_the_newest_key_and_retire_only_when_none_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = vault(&dir);
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        assert_eq!(vault.write(|tx| tx.add_data_key(&mut keyring)).unwrap(), 2);
        assert_eq!(
            vault.write(|tx| tx.move_batch(&mut keyring)).unwrap(),
            BATCH_ROWS
        );
        assert_eq!(vault.write(|tx| tx.retire_data_keys()).unwrap(), None);
        // A second re-encryption starting meanwhile: everything converges on key 3.
        assert_eq!(vault.write(|tx| tx.add_data_key(&mut keyring)).unwrap(), 3);
        let mut moved = 0;
        loop {
            let n = vault.write(|tx| tx.move_batch(&mut keyring)).unwrap();
            if n == 0 {
                break;
            }
            moved += n;
        }
        assert_eq!(
            moved, 600,
            "the 256 rows on key 2 move again, with the 344 on key 1"
        );
        let status = vault.read(|tx| tx.key_status()).unwrap();
        assert_eq!((status.active, status.pending, status.values), (3, 0, 600));
        assert_eq!(
            vault.write(|tx| tx.retire_data_keys()).unwrap(),
            Some(vec![1, 2])
        );
        assert_eq!(vault.read(|tx| tx.data_key_ids()).unwrap(), vec![3]);
        assert_eq!(
            value(&vault, &mut keyring, "S599").unwrap().expose(),
            b"S599"
        );
    }

    /// Another process replaces the vault key (as `re-encrypt --new-vault-key` does) and adds
    /// a data key under it; returns its handle and keyring.
    fn replace_vault_key(dir: &tempfile::TempDir) -> (Vault, Keyring) {
        let mut other = second_handle(dir);
        let mut keyring = other.unlock(&key(1), None).unwrap();
        let (new_key, slot) = keyring.prepare_vault_key(&key(1)).unwrap();
        other
            .write(|tx| {
                tx.install_vault_key(&mut keyring, new_key, &slot)?;
                tx.add_data_key(&mut keyring)
            })
            .unwrap();
        (other, keyring)
    }

    #[test]
    fn a_keyring_whose_vault_key_was_replaced_reports_keys_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = vault(&dir);
        let mut stale = vault.unlock(&key(1), None).unwrap();

        replace_vault_key(&dir);

        let put = vault.write(|tx| tx.put(&mut stale, "NEW", b"x", &SecretUpdate::default()));
        assert!(matches!(put, Err(Error::KeysChanged)), "{put:?}");
        let slot = stale.make_slot(&key(2)).unwrap();
        let add = vault.write(|tx| tx.add_slot(&mut stale, "late", &slot));
        assert!(matches!(add, Err(Error::KeysChanged)), "{add:?}");
        assert!(matches!(
            value(&vault, &mut stale, "S1"),
            Err(Error::KeysChanged)
        ));
        // A fresh unlock works with the same credential.
        let mut fresh = vault.unlock(&key(1), None).unwrap();
        assert_eq!(value(&vault, &mut fresh, "S1").unwrap().expose(), b"S1");
    }

    #[test]
    fn a_re_encrypt_whose_vault_key_was_replaced_cannot_add_a_data_key() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = vault(&dir);
        // This re-encrypt unlocks, then another one replaces the vault key and finishes.
        let mut stale = vault.unlock(&key(1), None).unwrap();
        let (mut other, mut keyring) = replace_vault_key(&dir);
        while other.write(|tx| tx.move_batch(&mut keyring)).unwrap() > 0 {}
        assert!(other.write(|tx| tx.retire_data_keys()).unwrap().is_some());

        // A data key wrapped under the old vault key would become the active key, every row
        // would move to it, and no slot could open it: all values lost.
        let added = vault.write(|tx| tx.add_data_key(&mut stale));
        assert!(matches!(added, Err(Error::KeysChanged)), "{added:?}");
        let mut fresh = vault.unlock(&key(1), None).unwrap();
        assert_eq!(value(&vault, &mut fresh, "S1").unwrap().expose(), b"S1");
    }

    #[test]
    fn two_rotations_of_one_slot_cannot_both_win() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = vault(&dir);
        let mut first = vault.unlock(&key(1), None).unwrap();
        let mut second = vault.unlock(&key(1), None).unwrap();
        let to_two = first.make_slot(&key(2)).unwrap();
        let to_three = second.make_slot(&key(3)).unwrap();
        vault
            .write(|tx| tx.replace_slot(&mut first, &to_two))
            .unwrap();
        let lost = vault.write(|tx| tx.replace_slot(&mut second, &to_three));
        assert!(matches!(lost, Err(Error::KeysChanged)), "{lost:?}");
        assert!(vault.unlock(&key(2), None).is_ok());
        assert!(vault.unlock(&key(1), None).is_err());
        assert!(vault.unlock(&key(3), None).is_err());
    }

    #[test]
    fn slots_keep_unique_labels_and_the_last_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let mut vault = vault(&dir);
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        let slot = keyring.make_slot(&key(2)).unwrap();
        vault
            .write(|tx| tx.add_slot(&mut keyring, "ci", &slot))
            .unwrap();
        let again = vault.write(|tx| tx.add_slot(&mut keyring, "ci", &slot));
        assert!(matches!(again, Err(Error::SlotExists(_))));
        vault.write(|tx| tx.remove_slot("default")).unwrap();
        let last = vault.write(|tx| tx.remove_slot("ci"));
        assert!(matches!(last, Err(Error::LastSlot(_))));
        let missing = vault.write(|tx| tx.remove_slot("default"));
        assert!(matches!(missing, Err(Error::NoSuchSlot(_))));
        assert!(vault.unlock(&key(2), None).is_ok());
    }
}
