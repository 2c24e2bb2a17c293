//! Key rotation, one step per call, each inside the caller's write session: replacing a
//! slot's credential, adding and removing slots, adding a data key, moving values onto the
//! active data key in bounded batches, retiring unused data keys, and replacing the vault key
//! (with a new state key, so whoever held the old vault key cannot forge state either).
//!
//! Invariants: every state between two steps is a valid vault. A value row names the data key
//! it is sealed under, so a vault with values spread over several keys reads normally, and the
//! progress of a re-encryption is exactly "how many rows are not yet on the active key",
//! derived from the rows, never from a marker that a crash could leave wrong. A data key is
//! deleted only in a transaction that has just proved no row uses it. Deleted and overwritten
//! content is scrubbed from the file by `secure_delete=ON` (set on every connection). Slot
//! bindings and the vault row are resealed by [`Session::finish`] at the end of every write.

use std::ops::ControlFlow;

use super::store::params;

use crate::crypto::{
    self, CredentialKind, Key, SecretId, SlotGrant, SlotKdf, SlotMaterial, Summary,
};
use crate::time::now;

use super::keys;
use super::secrets::{Sealing, malformed_value, sealed};
use super::unlocking::{fits, unlock_order};
use super::{Error, Result, Session, Tx};

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
        let data_keys = self.data_key_ids()?;
        let values = self
            .db
            .query_one("SELECT count(*) FROM versions", params![], |r| r.get(0))?;
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
        self.db.query_one(
            "SELECT count(*) FROM versions WHERE key_id <> ?1",
            params![active],
            |r| r.get(0),
        )
    }

    /// Deletes every data key but the active one, after proving in this transaction that no
    /// value row uses them. `None` (nothing deleted) while rows remain to be moved.
    pub fn retire_data_keys(&self) -> Result<Option<Vec<i64>>> {
        let active = self.active_key_id()?;
        let stray: Option<i64> = self.db.query_opt(
            "SELECT key_id FROM versions WHERE key_id > ?1 LIMIT 1",
            params![active],
            |r| r.get(0),
        )?;
        if let Some(stray) = stray {
            return Err(Error::Damaged(format!(
                "stored values refer to data key {stray}, which does not exist"
            )));
        }
        if self.pending_values(active)? > 0 {
            return Ok(None);
        }
        let retired: Vec<i64> = self
            .data_key_ids()?
            .into_iter()
            .filter(|&id| id != active)
            .collect();
        // The NOT EXISTS repeats the proof row by row: a key still in use is never deleted.
        self.db.execute(
            "DELETE FROM data_keys WHERE id <> ?1
               AND NOT EXISTS (SELECT 1 FROM versions WHERE key_id = data_keys.id)",
            params![active],
        )?;
        Ok(Some(retired))
    }
}

impl Session<'_> {
    /// Replaces the material of the slot that unlocked this session's keys with `slot`, in
    /// place (same label, new credential). Fails with [`Error::KeysChanged`] if that slot
    /// changed since the keys were unlocked, so two racing rotations cannot both win.
    pub fn replace_slot(&mut self, slot: &SlotMaterial) -> Result<()> {
        self.keys.vault_key()?;
        let (id, old) = (self.keys.slot_id, &self.keys.slot_wrapped);
        if !self.tx.update_slot(id, old, slot, now())? {
            return Err(Error::KeysChanged);
        }
        self.rebind.push(id);
        self.keys.slot_wrapped = slot.wrapped.clone();
        Ok(())
    }

    /// Adds a slot labelled `label` made (by [`super::Keys::make_slot`]) from this session's
    /// vault key; [`Error::SlotExists`] if the label is taken.
    ///
    /// The vault key is proved current first, by unwrapping the active data key in this
    /// transaction: a slot made just before a concurrent `re-encrypt --new-vault-key` would
    /// otherwise wrap a vault key that no longer opens anything.
    pub fn add_slot(&mut self, label: &str, slot: &SlotMaterial) -> Result<i64> {
        let active = self.tx.active_key_id()?;
        keys::data_key(&self.tx, self.keys, active)?;
        self.insert_new_slot(label, slot, None)
    }

    /// Inserts a new slot (scoped with `grant`) after the checks every new slot passes.
    pub(super) fn insert_new_slot(
        &mut self,
        label: &str,
        slot: &SlotMaterial,
        grant: Option<&SlotGrant>,
    ) -> Result<i64> {
        // Checked inside the write transaction, so no other process can take the label between
        // this check and the insert.
        if self.tx.slot_id(label)?.is_some() {
            return Err(Error::SlotExists(label.into()));
        }
        // One slot per recipient: a second would only make an unlock with that identity pick
        // whichever comes first, full or scoped.
        if let Some(envelope) = &slot.envelope
            && let Some(other) = (self.tx.slots()?.into_iter()).find(|row| {
                row.material
                    .envelope
                    .as_ref()
                    .is_some_and(|e| e.recipient == envelope.recipient)
            })
        {
            return Err(Error::RecipientHasSlot(other.label));
        }
        // A member slot that no unlock would try (see `unlocking::MAX_MEMBER_SLOTS`).
        if slot.envelope.is_some() {
            let members = (self.tx.slots()?.iter())
                .filter(|row| row.material.envelope.is_some())
                .count();
            if members >= super::unlocking::MAX_MEMBER_SLOTS {
                return Err(Error::TooManyMemberSlots(members as u64));
            }
        }
        // A passphrase slot that one unlock's KDF budget could not reach would only ever open
        // with --slot: refuse it, judging the slots as unlocking tries them.
        if slot.kdf.kind() == CredentialKind::Passphrase {
            let mut kdfs: Vec<SlotKdf> = (self.tx.slots()?.into_iter())
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
        let id = self.tx.insert_scoped_slot(label, slot, grant, now())?;
        self.rebind.push(id);
        Ok(id)
    }

    /// Removes the slot labelled `label`, refusing to remove the last full one. Removing a
    /// scoped slot revokes it: what it could read is flagged for rotation, and its scope gets a
    /// new key (see [`Session::revoke`]); its scope's name is returned. Needs a full
    /// credential.
    pub fn remove_slot(&mut self, label: &str) -> Result<Option<String>> {
        self.keys.vault_key()?;
        let slot = self
            .tx
            .slots()?
            .into_iter()
            .find(|s| s.label == label)
            .ok_or_else(|| Error::NoSuchSlot(label.into()))?;
        match &slot.grant {
            None => {
                if self.tx.slot_count()? <= 1 {
                    return Err(Error::LastSlot(label.into()));
                }
                self.tx.delete_slot(slot.id)?;
                Ok(None)
            }
            Some(grant) => {
                self.tx.delete_slot(slot.id)?;
                self.revoke(grant.scope_id, label).map(Some)
            }
        }
    }

    /// Adds a fresh data key after the newest one, which makes it the active key.
    ///
    /// The vault key is proved current first, as in [`Session::add_slot`]: after a concurrent
    /// `re-encrypt --new-vault-key`, a key wrapped under the old vault key would become active,
    /// every row would move to it, and no slot could open it.
    pub fn add_data_key(&mut self) -> Result<i64> {
        let active = self.tx.active_key_id()?;
        keys::data_key(&self.tx, self.keys, active)?;
        let id = next_key_id(active)?;
        self.tx.insert_data_key(self.keys.vault_key()?, id, now())?;
        Ok(id)
    }

    /// Re-seals up to [`BATCH_ROWS`] values that are not under the active data key (same
    /// secret, name and version, fresh nonce). Returns how many rows moved; 0 when none is left.
    ///
    /// The active key is read here, inside the transaction, so two concurrent re-encryptions
    /// both move rows to the newest key instead of fighting over two targets. A row is
    /// re-sealed under the id of the head it belongs to, which this session authenticates
    /// first; a row without a head is damage.
    pub fn move_batch(&mut self) -> Result<usize> {
        let active = self.tx.active_key_id()?;
        // `key_id < active` walks the versions_by_key index; rows naming a key above the
        // active one cannot exist in an intact vault and are caught by retire_data_keys.
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        let mut bytes = 0;
        self.tx.db.query(
            "SELECT name, version, key_id, sealing, nonce, ciphertext FROM versions
             WHERE key_id < ?1 ORDER BY key_id LIMIT ?2",
            params![active, BATCH_ROWS as i64],
            &mut |row| {
                let (name, version, key_id): (String, i64, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                let sealing = Sealing::from_code(row.get(3)?);
                let sealed =
                    sealed(row, 4, 5)?.map_err(|why| malformed_value(&name, version, &why))?;
                bytes += sealed.ciphertext.len();
                batch.push((name, version, key_id, sealing, sealed));
                Ok(if bytes < BATCH_BYTES {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                })
            },
        )?;
        let mut heads: Vec<(String, SecretId)> = Vec::new();
        for (name, version, key_id, sealing, old) in &batch {
            let id = match heads.iter().find(|(n, _)| n == name) {
                Some((_, id)) => *id,
                None => {
                    let meta = self.secret(name)?.ok_or_else(|| {
                        Error::Damaged(format!("{name} version {version} has no secret"))
                    })?;
                    let id = meta.id.expect("an authenticated head has an id");
                    heads.push((name.clone(), id));
                    id
                }
            };
            let plain = self.open(&id, name, *version, *key_id, *sealing, old)?;
            let old_key = super::scopes::stored_version_key(
                &self.tx,
                self.keys,
                (name, &id, *version),
                (*key_id, *sealing),
            )?;
            let fresh = self.seal(&id, name, *version, plain.expose())?;
            debug_assert_eq!(fresh.at.0, active);
            drop(plain);
            self.tx
                .reseal_version(name, *version, *key_id, fresh.at, &fresh.sealed)?;
            self.reshare_version(&id, name, *version, old_key.as_ref(), &fresh.version_key)?;
        }
        Ok(batch.len())
    }

    /// Replaces the vault key and the state key: re-wraps every data key under `new_key`,
    /// re-authenticates every head under a fresh state key, replaces the unlocking slot with
    /// `slot` (made for `new_key`), and deletes every other slot, since those wrap the old
    /// vault key. Returns the labels of the deleted slots. The caller decides whether deleting
    /// them is allowed, inside this same transaction.
    ///
    /// Every head is authenticated under the old state key before it is re-tagged, so state
    /// that was edited is refused rather than laundered under the new key.
    ///
    /// Scoped slots stay: they wrap a link key, which is wrapped anew under `new_key`, as is
    /// every scope key (and the new state key under each scope key). Full member slots stay
    /// too, sealed anew to their recipients: a public key needs no one present. Their
    /// recipients were authenticated with the other slots when this session began.
    /// Returns the labels of the slots it deleted and of the member slots it sealed anew.
    pub fn install_vault_key(
        &mut self,
        new_key: Key,
        slot: &SlotMaterial,
    ) -> Result<(Vec<String>, Vec<String>)> {
        let vault_id = *self.tx.vault_id;
        let heads = self.list("")?;
        let state_key = Key::random();
        // First, while the vault row still holds the audit key under the old vault key.
        self.rewrap_scopes(&new_key, &state_key)?;
        for id in self.tx.data_key_ids()? {
            let data_key = keys::data_key(&self.tx, self.keys, id)?;
            let sealed = crypto::seal_data_key(&new_key, &vault_id, id, data_key);
            self.tx.rewrap_data_key(id, &sealed)?;
        }
        // The audit key is re-wrapped, never replaced, so every record stays verifiable.
        if self.tx.format >= super::schema::AUDITED_SINCE {
            let sealed = self.tx.sealed_audit_key()?;
            let audit_key = crypto::open_audit_key(self.keys.vault_key()?, &vault_id, &sealed)?;
            self.tx.store_audit_key(&new_key, &audit_key)?;
        }
        self.tx.store_state_key(&new_key, &state_key)?;
        self.state_key = state_key;
        self.summary = Summary::EMPTY;
        self.rebind_all = true;
        for meta in &heads {
            let id = meta.id.expect("an authenticated head has an id");
            self.store_head(meta, &id, None)?;
        }
        self.replace_slot(slot)?;
        let own = self.keys.slot_id;
        let mut resealed = Vec::new();
        for row in self.tx.slots()? {
            let Some(envelope) = row
                .material
                .envelope
                .as_ref()
                .filter(|_| row.grant.is_none())
            else {
                continue;
            };
            if row.id == own {
                continue;
            }
            let recipient = crypto::Recipient::parse(&envelope.recipient).map_err(|_| {
                crypto::Error::Tampered(format!("unlock slot {:?}: its recipient", row.label))
            })?;
            let sealed = crypto::lock_key(
                &vault_id,
                crypto::Opener::Recipient(&recipient),
                &new_key,
                None,
            )?;
            if !self
                .tx
                .update_slot(row.id, &row.material.wrapped, &sealed, row.created_at)?
            {
                return Err(Error::Damaged(format!(
                    "unlock slot {:?} changed during the transaction",
                    row.label
                )));
            }
            resealed.push(row.label);
        }
        let dropped = self.tx.other_slot_labels(own)?;
        self.tx.delete_slots_but(own)?;
        self.keys.replace_vault_key(new_key, slot.wrapped.clone());
        Ok((dropped, resealed))
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::crypto::{Credential, SecretBytes};
    use crate::vault::{Keys, SecretUpdate, Vault};

    fn key(byte: u8) -> Credential {
        Credential::Key(Key::fill_with(|k| *k = [byte; 32]))
    }

    fn vault(dir: &tempfile::TempDir) -> Vault {
        let path = dir.path().join("vault.db");
        let (vault, _) = Vault::create(&path, &key(1), "default", Duration::from_secs(5)).unwrap();
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        vault
            .write_unlocked(&mut keyring, |s| {
                for i in 0..600 {
                    let name = format!("S{i}");
                    s.put(&name, name.as_bytes(), &SecretUpdate::default())?;
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

    fn value(vault: &Vault, keyring: &mut Keys, name: &str) -> Result<SecretBytes> {
        vault.read_unlocked(keyring, |s| {
            let meta = s.secret(name)?.unwrap();
            s.value(&meta, 1).map(Option::unwrap)
        })
    }

    #[test]
    fn batches_move_rows_to_the_newest_key_and_retire_only_when_none_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let vault = vault(&dir);
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        assert_eq!(
            vault
                .write_unlocked(&mut keyring, |s| s.add_data_key())
                .unwrap(),
            2
        );
        assert_eq!(
            vault
                .write_unlocked(&mut keyring, |s| s.move_batch())
                .unwrap(),
            BATCH_ROWS
        );
        assert_eq!(
            vault
                .write_unlocked(&mut keyring, |s| s.retire_data_keys())
                .unwrap(),
            None
        );
        // A second re-encryption starting meanwhile: everything converges on key 3.
        assert_eq!(
            vault
                .write_unlocked(&mut keyring, |s| s.add_data_key())
                .unwrap(),
            3
        );
        let mut moved = 0;
        loop {
            let n = vault
                .write_unlocked(&mut keyring, |s| s.move_batch())
                .unwrap();
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
            vault
                .write_unlocked(&mut keyring, |s| s.retire_data_keys())
                .unwrap(),
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
    fn replace_vault_key(dir: &tempfile::TempDir) -> (Vault, Keys) {
        let other = second_handle(dir);
        let mut keyring = other.unlock(&key(1), None).unwrap();
        let (new_key, slot) = keyring.prepare_vault_key(&key(1)).unwrap();
        other
            .write_unlocked(&mut keyring, |s| {
                s.install_vault_key(new_key, &slot)?;
                s.add_data_key()
            })
            .unwrap();
        (other, keyring)
    }

    #[test]
    fn a_keyring_whose_vault_key_was_replaced_reports_keys_changed() {
        let dir = tempfile::tempdir().unwrap();
        let vault = vault(&dir);
        let mut stale = vault.unlock(&key(1), None).unwrap();

        replace_vault_key(&dir);

        let put =
            vault.write_unlocked(&mut stale, |s| s.put("NEW", b"x", &SecretUpdate::default()));
        assert!(matches!(put, Err(Error::KeysChanged)), "{put:?}");
        let slot = stale
            .make_slot(crypto::Opener::Credential(&key(2)))
            .unwrap();
        let add = vault.write_unlocked(&mut stale, |s| s.add_slot("late", &slot));
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
        let vault = vault(&dir);
        // This re-encrypt unlocks, then another one replaces the vault key and finishes.
        let mut stale = vault.unlock(&key(1), None).unwrap();
        let (other, mut keyring) = replace_vault_key(&dir);
        while other
            .write_unlocked(&mut keyring, |s| s.move_batch())
            .unwrap()
            > 0
        {}
        assert!(
            other
                .write_unlocked(&mut keyring, |s| s.retire_data_keys())
                .unwrap()
                .is_some()
        );

        // A data key wrapped under the old vault key would become the active key, every row
        // would move to it, and no slot could open it: all values lost.
        let added = vault.write_unlocked(&mut stale, |s| s.add_data_key());
        assert!(matches!(added, Err(Error::KeysChanged)), "{added:?}");
        let mut fresh = vault.unlock(&key(1), None).unwrap();
        assert_eq!(value(&vault, &mut fresh, "S1").unwrap().expose(), b"S1");
    }

    #[test]
    fn two_rotations_of_one_slot_cannot_both_win() {
        let dir = tempfile::tempdir().unwrap();
        let vault = vault(&dir);
        let mut first = vault.unlock(&key(1), None).unwrap();
        let mut second = vault.unlock(&key(1), None).unwrap();
        let to_two = first
            .make_slot(crypto::Opener::Credential(&key(2)))
            .unwrap();
        let to_three = second
            .make_slot(crypto::Opener::Credential(&key(3)))
            .unwrap();
        vault
            .write_unlocked(&mut first, |s| s.replace_slot(&to_two))
            .unwrap();
        let lost = vault.write_unlocked(&mut second, |s| s.replace_slot(&to_three));
        assert!(matches!(lost, Err(Error::KeysChanged)), "{lost:?}");
        assert!(vault.unlock(&key(2), None).is_ok());
        assert!(vault.unlock(&key(1), None).is_err());
        assert!(vault.unlock(&key(3), None).is_err());
    }

    #[test]
    fn slots_keep_unique_labels_and_the_last_one_stays() {
        let dir = tempfile::tempdir().unwrap();
        let vault = vault(&dir);
        let mut keyring = vault.unlock(&key(1), None).unwrap();
        let slot = keyring
            .make_slot(crypto::Opener::Credential(&key(2)))
            .unwrap();
        vault
            .write_unlocked(&mut keyring, |s| s.add_slot("ci", &slot))
            .unwrap();
        let again = vault.write_unlocked(&mut keyring, |s| s.add_slot("ci", &slot));
        assert!(matches!(again, Err(Error::SlotExists(_))));
        vault
            .write_unlocked(&mut keyring, |s| s.remove_slot("default"))
            .unwrap();
        let last = vault.write_unlocked(&mut keyring, |s| s.remove_slot("ci"));
        assert!(matches!(last, Err(Error::LastSlot(_))));
        let missing = vault.write_unlocked(&mut keyring, |s| s.remove_slot("default"));
        assert!(matches!(missing, Err(Error::NoSuchSlot(_))));
        assert!(vault.unlock(&key(2), None).is_ok());
    }
}
