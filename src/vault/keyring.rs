//! The unlocked key material of one vault: its vault key and the data keys unwrapped so far.
//!
//! Data keys are unwrapped lazily, one per id, so a command touching one secret unwraps one data
//! key. Every key lives in a zeroizing [`Key`] and is dropped with the keyring.
//!
//! The keyring remembers which slot opened it and that slot's wrapped blob. Another process may
//! replace the vault key (`re-encrypt --new-vault-key`) between this process unlocking and using
//! the keyring; a data key that then fails to open while the slot's blob has changed is reported
//! as [`Error::KeysChanged`] (run again) rather than as tampering.

use crate::crypto::{
    self, Argon2Params, Credential, Key, Sealed, SecretBytes, SlotKdf, SlotMaterial, VaultId,
};

use super::{Error, Result, SlotRow, Tx};

pub struct Keyring {
    vault_key: Key,
    vault_id: VaultId,
    slot_id: i64,
    slot_wrapped: Sealed,
    data_keys: Vec<(i64, Key)>,
}

/// The keyring (if any slot opened) and each slot's label and outcome, for `verify`.
pub type Survey = (Option<Keyring>, Vec<(String, SlotCheck)>);

/// What happened when a credential was tried against one slot (for `verify`).
#[derive(Debug)]
pub enum SlotCheck {
    /// The slot opened and yields the same vault key as the keyring.
    Opened,
    /// The credential is not this slot's (or the slot is of the other kind); nothing to check.
    NotReachable,
    /// Not tried: the slots tried before it used up the KDF work one unlock may do.
    NotTried,
    /// The slot opened but wraps a different vault key than the other slots.
    Mismatch,
    /// The slot is damaged, tampered with or unsupported.
    Failed(Error),
}

impl Keyring {
    /// Tries `credential` against each slot of its kind (or only the slot labelled `slot`).
    pub(super) fn unlock(tx: &Tx, credential: &Credential, slot: Option<&str>) -> Result<Self> {
        let slots = tx.slots()?;
        if slots.is_empty() {
            return Err(no_slot());
        }
        let mut candidates: Vec<&SlotRow> = slots
            .iter()
            .filter(|s| slot.is_none_or(|label| s.label == label))
            .filter(|s| s.material.kdf.kind() == credential.kind())
            .collect();
        if candidates.is_empty() {
            return Err(match slot {
                Some(label) if !slots.iter().any(|s| s.label == label) => {
                    Error::NoSuchSlot(label.into())
                }
                _ => crypto::Error::WrongCredential.into(),
            });
        }
        // Every slot's header digest is checked first, not only the candidates': it costs one
        // SHA-256 each, and an edited slot means the file was modified, which the user must
        // learn even when another slot would open.
        for row in &slots {
            crypto::check_header(tx.vault_id(), &row.material).map_err(|err| match err {
                crypto::Error::Tampered(what) => {
                    crypto::Error::Tampered(format!("unlock slot {:?}: {what}", row.label))
                }
                other => other,
            })?;
        }
        // Slots sealbox made (default parameters) first, then the cheapest: a decoy or an
        // edited slot can then only use up what is left of the budget, not go first.
        candidates.sort_by_key(|row| unlock_order(&row.material.kdf));
        let mut budget = crypto::Budget::default();
        let mut last = crypto::Error::WrongCredential;
        for (tried, row) in candidates.iter().enumerate() {
            if !fits(&mut budget, &row.material.kdf) {
                return Err(Error::WorkLimit {
                    tried,
                    untried: candidates.len() - tried,
                });
            }
            match crypto::open_slot(tx.vault_id(), credential, &row.material) {
                Ok(vault_key) => {
                    return Ok(Self {
                        vault_key,
                        vault_id: *tx.vault_id(),
                        slot_id: row.id,
                        slot_wrapped: row.material.wrapped.clone(),
                        data_keys: Vec::new(),
                    });
                }
                Err(crypto::Error::WrongCredential) => {}
                // The key check passed, so this is the credential's slot and its wrapped key
                // was modified: report it rather than trying the others.
                Err(crypto::Error::Tampered(what)) => {
                    return Err(crypto::Error::Tampered(format!(
                        "unlock slot {:?}: {what}",
                        row.label
                    ))
                    .into());
                }
                // Unsafe KDF parameters: remember, but another slot may still open.
                Err(err) => last = err,
            }
        }
        Err(last.into())
    }

    /// Tries `credential` against every slot (or only `slot`) and reports each outcome, without
    /// stopping at the first failure: `verify` wants them all. Returns a keyring if any opened.
    pub(super) fn survey(tx: &Tx, credential: &Credential, slot: Option<&str>) -> Result<Survey> {
        let slots = tx.slots_lenient()?;
        if slots.is_empty() {
            return Err(no_slot());
        }
        if let Some(label) = slot
            && !slots.iter().any(|(_, l, _, _)| l == label)
        {
            return Err(Error::NoSuchSlot(label.into()));
        }
        let mut keyring: Option<Self> = None;
        let mut report = Vec::with_capacity(slots.len());
        let mut budget = crypto::Budget::default();
        for (id, label, material, _) in slots {
            if slot.is_some_and(|wanted| wanted != label) {
                continue;
            }
            let material = match material {
                Ok(material) => material,
                Err(err) => {
                    report.push((label, SlotCheck::Failed(err)));
                    continue;
                }
            };
            if material.kdf.kind() == credential.kind() && !fits(&mut budget, &material.kdf) {
                report.push((label, SlotCheck::NotTried));
                continue;
            }
            // open_slot checks the header digest and KDF parameters before it looks at the
            // credential, and never runs a KDF for a slot of the other kind: so every slot's
            // header is checked, whoever asks, at no extra cost.
            let check = match crypto::open_slot(tx.vault_id(), credential, &material) {
                Ok(vault_key) => match &keyring {
                    Some(first) if first.vault_key != vault_key => SlotCheck::Mismatch,
                    Some(_) => SlotCheck::Opened,
                    None => {
                        keyring = Some(Self {
                            vault_key,
                            vault_id: *tx.vault_id(),
                            slot_id: id,
                            slot_wrapped: material.wrapped.clone(),
                            data_keys: Vec::new(),
                        });
                        SlotCheck::Opened
                    }
                },
                Err(crypto::Error::WrongCredential) => SlotCheck::NotReachable,
                Err(err) => SlotCheck::Failed(err.into()),
            };
            report.push((label, check));
        }
        Ok((keyring, report))
    }

    /// The id of the slot that unlocked this keyring.
    pub fn slot_id(&self) -> i64 {
        self.slot_id
    }

    /// The wrapped blob of the unlocking slot as it was when this keyring was unlocked.
    pub(super) fn slot_wrapped(&self) -> &Sealed {
        &self.slot_wrapped
    }

    pub(super) fn vault_key(&self) -> &Key {
        &self.vault_key
    }

    /// Makes slot material that opens this vault's key with `credential`. Runs the KDF, so call
    /// it outside a write transaction.
    pub fn make_slot(&self, credential: &Credential) -> Result<SlotMaterial> {
        Ok(crypto::create_slot(
            &self.vault_id,
            credential,
            &self.vault_key,
        )?)
    }

    /// A fresh random vault key and a slot opening it with `credential`, for
    /// [`Tx::install_vault_key`]. Runs the KDF, so call it outside a write transaction.
    pub fn prepare_vault_key(&self, credential: &Credential) -> Result<(Key, SlotMaterial)> {
        let vault_key = Key::random();
        let slot = crypto::create_slot(&self.vault_id, credential, &vault_key)?;
        Ok((vault_key, slot))
    }

    /// Switches to a new vault key after a transaction re-wrapped everything under it.
    pub(super) fn replace_vault_key(&mut self, vault_key: Key, slot_wrapped: Sealed) {
        self.vault_key = vault_key;
        self.slot_wrapped = slot_wrapped;
        self.data_keys.clear();
    }

    /// Records that the unlocking slot now holds `slot_wrapped` (after rotate-master).
    pub(super) fn slot_rewrapped(&mut self, slot_wrapped: Sealed) {
        self.slot_wrapped = slot_wrapped;
    }

    /// Seals a new version of `name` under the active data key; returns its key id.
    ///
    /// The active key is read inside the caller's transaction, so a value is never sealed under
    /// a key that a concurrent `re-encrypt` has already superseded.
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

    /// Unwraps data key `key_id` (once per keyring) and returns it.
    pub(super) fn data_key(&mut self, tx: &Tx, key_id: i64) -> Result<&Key> {
        let index = match self.data_keys.iter().position(|(id, _)| *id == key_id) {
            Some(index) => index,
            None => {
                let sealed = tx
                    .sealed_data_key(key_id)?
                    .ok_or_else(|| Error::Damaged(format!("data key {key_id} is missing")))?;
                let key =
                    match crypto::open_data_key(&self.vault_key, tx.vault_id(), key_id, &sealed) {
                        Ok(key) => key,
                        Err(err) => {
                            return Err(if tx.slot_wraps(self.slot_id, &self.slot_wrapped)? {
                                err.into()
                            } else {
                                Error::KeysChanged
                            });
                        }
                    };
                self.data_keys.push((key_id, key));
                self.data_keys.len() - 1
            }
        };
        Ok(&self.data_keys[index].1)
    }
}

/// The order slots are tried in: sealbox's own parameters first, then by increasing work.
pub(super) fn unlock_order(kdf: &SlotKdf) -> (bool, u64) {
    match kdf {
        SlotKdf::Argon2id(params) => (*params != Argon2Params::DEFAULT, params.work()),
        SlotKdf::HkdfSha256 => (false, 0),
    }
}

/// Takes a slot's KDF work from `budget`; `false` when it does not fit. Parameters over the
/// per-slot cap take nothing: `open_slot` refuses them before allocating.
pub(super) fn fits(budget: &mut crypto::Budget, kdf: &SlotKdf) -> bool {
    match kdf {
        SlotKdf::Argon2id(params) => params.check().is_err() || budget.take(params),
        SlotKdf::HkdfSha256 => true,
    }
}

/// sealbox never removes the last slot, so a vault without one was edited: no credential can
/// open it, and saying "wrong credential" would send the user looking in the wrong place.
fn no_slot() -> Error {
    Error::Damaged("the vault has no unlock slot".into())
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyring")
            .field("slot_id", &self.slot_id)
            .finish_non_exhaustive()
    }
}
