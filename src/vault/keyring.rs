//! The unlocked key material of one vault: its vault key and the data keys unwrapped so far.
//!
//! Data keys are unwrapped lazily, one per id, so a command touching one secret unwraps one data
//! key. Every key lives in a zeroizing [`Key`] and is dropped with the keyring.

use crate::crypto::{self, Credential, Key, Sealed, SecretBytes};

use super::{Error, Result, Tx};

pub struct Keyring {
    vault_key: Key,
    slot_id: i64,
    data_keys: Vec<(i64, Key)>,
}

impl Keyring {
    /// Tries `credential` against each slot of its kind (or only the slot labelled `slot`).
    pub(super) fn unlock(tx: &Tx, credential: &Credential, slot: Option<&str>) -> Result<Self> {
        let slots = tx.slots()?;
        let mut candidates = slots
            .iter()
            .filter(|s| slot.is_none_or(|label| s.label == label))
            .filter(|s| s.material.kdf.kind() == credential.kind())
            .peekable();
        if candidates.peek().is_none() {
            return Err(match slot {
                Some(label) if !slots.iter().any(|s| s.label == label) => {
                    Error::NoSuchSlot(label.into())
                }
                _ => crypto::Error::WrongCredential.into(),
            });
        }
        let mut last = crypto::Error::WrongCredential;
        for row in candidates {
            match crypto::open_slot(tx.vault_id(), credential, &row.material) {
                Ok(vault_key) => {
                    return Ok(Self {
                        vault_key,
                        slot_id: row.id,
                        data_keys: Vec::new(),
                    });
                }
                Err(crypto::Error::WrongCredential) => {}
                // A tampered or unsupported slot is reported even if another slot might open:
                // the user must learn that the file was modified.
                Err(err) => last = err,
            }
        }
        Err(last.into())
    }

    /// Seals a new version of `name` under the active data key; returns its key id.
    pub(super) fn seal(
        &mut self,
        tx: &Tx,
        name: &str,
        version: i64,
        value: &[u8],
    ) -> Result<(i64, Sealed)> {
        let key_id = tx.active_key_id()?;
        let key = self.data_key(tx, key_id)?;
        Ok((
            key_id,
            crypto::seal_value(key, tx.vault_id(), key_id, name, version, value),
        ))
    }

    /// Opens a stored version of `name`.
    pub(super) fn open(
        &mut self,
        tx: &Tx,
        name: &str,
        version: i64,
        key_id: i64,
        sealed: &Sealed,
    ) -> Result<SecretBytes> {
        let key = self.data_key(tx, key_id)?;
        Ok(crypto::open_value(
            key,
            tx.vault_id(),
            key_id,
            name,
            version,
            sealed,
        )?)
    }

    fn data_key(&mut self, tx: &Tx, key_id: i64) -> Result<&Key> {
        let index = match self.data_keys.iter().position(|(id, _)| *id == key_id) {
            Some(index) => index,
            None => {
                let sealed = tx
                    .sealed_data_key(key_id)?
                    .ok_or_else(|| Error::Damaged(format!("data key {key_id} is missing")))?;
                let key = crypto::open_data_key(&self.vault_key, tx.vault_id(), key_id, &sealed)?;
                self.data_keys.push((key_id, key));
                self.data_keys.len() - 1
            }
        };
        Ok(&self.data_keys[index].1)
    }
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("slot_id", &self.slot_id)
            .finish_non_exhaustive()
    }
}
