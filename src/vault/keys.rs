//! The unlocked key cache, and the `data_keys` table it is filled from.
//!
//! [`Keys`] is pure: it holds what the slot that opened the vault yields (the vault key, or for
//! a scoped slot its scope's key and what that scope may do), the identity of that slot, and
//! the data and scope keys unwrapped so far, and reads nothing itself. [`super::Session`]
//! fills it lazily, one key per id, so a command touching one secret unwraps one data key.
//! Every key lives in a zeroizing [`Key`] and is dropped with the cache. A scoped cache has no
//! vault key at all: whatever needs one is [`Error::Denied`] by construction.

use super::store::params;

use crate::crypto::{self, Key, Sealed, VaultId};

use super::scopes::Definition;
use super::secrets::sealed;
use super::{Error, Result, Tx};

/// What a scoped slot yields: its scope's key and definition, and what it may do.
pub struct Grant {
    pub scope_id: i64,
    pub scope_name: String,
    pub(super) definition: Definition,
    pub(super) key: Key,
    pub allow_write: bool,
}

/// The key a slot opens.
pub(super) enum Root {
    Vault(Key),
    Scope(Grant),
}

/// What one unlock yields.
pub struct Keys {
    pub(super) root: Root,
    pub(super) vault_id: VaultId,
    /// The slot that opened the vault key, and its wrapped blob at the time: another process
    /// may replace the vault key meanwhile (see [`Error::KeysChanged`]).
    pub(super) slot_id: i64,
    pub(super) slot_label: String,
    pub(super) slot_wrapped: Sealed,
    /// The recipient of the member slot that opened the vault (its authenticated row's).
    slot_recipient: Option<String>,
    data_keys: Vec<(i64, Key)>,
    /// Scope keys unwrapped so far under the vault key, by scope id.
    scope_keys: Vec<(i64, Key)>,
}

impl Keys {
    pub(super) fn new(
        root: Root,
        vault_id: VaultId,
        slot_id: i64,
        slot_label: &str,
        slot: Sealed,
        slot_recipient: Option<String>,
    ) -> Self {
        Self {
            root,
            vault_id,
            slot_id,
            slot_label: slot_label.to_owned(),
            slot_wrapped: slot,
            slot_recipient,
            data_keys: Vec::new(),
            scope_keys: Vec::new(),
        }
    }

    /// The vault key; [`Error::Denied`] for a scoped credential, which has none.
    pub(super) fn vault_key(&self) -> Result<&Key> {
        match &self.root {
            Root::Vault(key) => Ok(key),
            Root::Scope(grant) => Err(Error::NeedsFull(format!(
                "this needs a full credential: slot {:?} opens only the scope {:?}",
                self.slot_label, grant.scope_name
            ))),
        }
    }

    /// [`Error::Denied`] unless a full credential opened the vault: for a command that manages
    /// keys or slots, to refuse before it reads or asks for anything more.
    pub fn require_full(&self) -> Result<()> {
        self.vault_key().map(|_| ())
    }

    /// Whether `other` opened the same vault key (two full slots), for `verify`; a scoped
    /// cache is compared by nothing.
    pub(super) fn same_root(&self, other: &Keys) -> bool {
        match (&self.root, &other.root) {
            (Root::Vault(a), Root::Vault(b)) => crypto::ct_eq(a.expose(), b.expose()),
            _ => true,
        }
    }

    /// What the scoped slot that opened the vault may do; `None` for a full credential.
    pub fn grant(&self) -> Option<&Grant> {
        match &self.root {
            Root::Vault(_) => None,
            Root::Scope(grant) => Some(grant),
        }
    }

    /// [`Error::Denied`]: `what` is outside the scope of the slot that opened the vault.
    pub(super) fn denied(&self, what: &str) -> Error {
        match &self.root {
            Root::Scope(grant) => self.denied_to(grant, what),
            Root::Vault(_) => Error::Denied(format!("{what} (slot {:?})", self.slot_label)),
        }
    }

    fn denied_to(&self, grant: &Grant, what: &str) -> Error {
        Error::Denied(format!(
            "{what}: slot {:?} opens only the scope {:?}",
            self.slot_label, grant.scope_name
        ))
    }

    pub(super) fn scope_key(&self, id: i64) -> Option<&Key> {
        match &self.root {
            Root::Scope(grant) if grant.scope_id == id => Some(&grant.key),
            _ => self
                .scope_keys
                .iter()
                .find(|(k, _)| *k == id)
                .map(|(_, key)| key),
        }
    }

    pub(super) fn insert_scope_key(&mut self, id: i64, key: Key) -> &Key {
        self.scope_keys.push((id, key));
        &self.scope_keys.last().expect("just pushed").1
    }

    /// Forgets the scope keys unwrapped so far: a scope's definition changed, and its key must
    /// be unwrapped again under the new one.
    pub(super) fn forget_scope_keys(&mut self) {
        self.scope_keys.clear();
    }

    /// The label of the slot that unlocked the vault.
    pub fn slot_label(&self) -> &str {
        &self.slot_label
    }

    /// The id of the slot that unlocked the vault.
    pub fn slot_id(&self) -> i64 {
        self.slot_id
    }

    pub(super) fn data_key(&self, id: i64) -> Option<&Key> {
        self.data_keys
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, key)| key)
    }

    pub(super) fn insert_data_key(&mut self, id: i64, key: Key) -> &Key {
        self.data_keys.push((id, key));
        &self.data_keys.last().expect("just pushed").1
    }

    /// Switches to a new vault key after a transaction re-wrapped everything under it.
    pub(super) fn replace_vault_key(&mut self, vault_key: Key, slot_wrapped: Sealed) {
        self.root = Root::Vault(vault_key);
        self.slot_wrapped = slot_wrapped;
        self.data_keys.clear();
        self.scope_keys.clear();
    }

    /// Makes slot material that opens this vault's key with `opener`. Runs the KDF, so call
    /// it outside a write transaction.
    pub fn make_slot(&self, opener: crypto::Opener) -> Result<crypto::SlotMaterial> {
        Ok(crypto::lock_key(
            &self.vault_id,
            opener,
            self.vault_key()?,
            None,
        )?)
    }

    /// Makes a scoped slot for scope `scope_id` (whose key was unwrapped earlier into this
    /// cache, see [`super::Session::scope_for_slot`]) that opens with `opener`: a fresh
    /// link key, wrapped by the credential and by the vault key, wrapping the scope key. Runs
    /// the KDF, so call it outside a write transaction.
    pub fn make_scoped_slot(
        &self,
        opener: crypto::Opener,
        scope_id: i64,
        expires_at: Option<i64>,
        allow_write: bool,
    ) -> Result<(crypto::SlotMaterial, crypto::SlotGrant)> {
        let vault_key = self.vault_key()?;
        let scope_key = self
            .scope_key(scope_id)
            .ok_or_else(|| Error::Damaged(format!("scope {scope_id} was not unwrapped")))?;
        let link = Key::random();
        let material = crypto::lock_key(&self.vault_id, opener, &link, Some(scope_id))?;
        let salt = &material.salt;
        let grant = crypto::SlotGrant {
            scope_id,
            expires_at,
            allow_write,
            link: crypto::wrap_key(
                vault_key,
                &self.vault_id,
                &crypto::KeyWrap::Link { scope_id, salt },
                &link,
            ),
            granted: crypto::wrap_key(
                &link,
                &self.vault_id,
                &crypto::KeyWrap::Granted { scope_id, salt },
                scope_key,
            ),
        };
        Ok((material, grant))
    }

    /// A fresh random vault key and a slot opening it with `credential`, for
    /// [`super::Session::install_vault_key`]. Runs the KDF, so call it outside a transaction.
    pub fn prepare_vault_key(
        &self,
        credential: &crypto::Credential,
    ) -> Result<(Key, crypto::SlotMaterial)> {
        self.vault_key()?;
        let vault_key = Key::random();
        // A member slot is sealed anew to its own recipient, not to whichever key an identity
        // file with several lists first.
        let recipient = match (credential, &self.slot_recipient) {
            (crypto::Credential::Identity(_), Some(text)) => Some(
                crypto::Recipient::parse(text)
                    .map_err(|_| crypto::Error::Tampered("the unlock slot's recipient".into()))?,
            ),
            _ => None,
        };
        let opener = match &recipient {
            Some(recipient) => crypto::Opener::Recipient(recipient),
            None => crypto::Opener::Credential(credential),
        };
        let slot = crypto::lock_key(&self.vault_id, opener, &vault_key, None)?;
        Ok((vault_key, slot))
    }
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("slot_id", &self.slot_id)
            .finish_non_exhaustive()
    }
}

impl Tx<'_> {
    /// The data key new values are sealed under: the newest one.
    pub(super) fn active_key_id(&self) -> Result<i64> {
        self.db
            .query_one("SELECT max(id) FROM data_keys", params![], |r| {
                r.get::<Option<i64>>(0)
            })?
            .ok_or_else(|| Error::Damaged("the vault has no data key".into()))
    }

    pub(super) fn sealed_data_key(&self, id: i64) -> Result<Option<Sealed>> {
        self.db
            .query_opt(
                "SELECT nonce, wrapped_key FROM data_keys WHERE id = ?1",
                params![id],
                |row| sealed(row, 0, 1),
            )?
            .map(|s| {
                s.map_err(|why| crypto::Error::Tampered(format!("data key {id} ({why})")).into())
            })
            .transpose()
    }

    /// Generates data key `id`, wraps it under `vault_key` and stores it.
    pub(super) fn insert_data_key(&self, vault_key: &Key, id: i64, now: i64) -> Result<()> {
        let sealed = crypto::seal_data_key(vault_key, self.vault_id, id, &Key::random());
        self.db.execute(
            "INSERT INTO data_keys (id, nonce, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, &sealed.nonce[..], sealed.ciphertext, now],
        )?;
        Ok(())
    }

    /// The digest of every data key row, for the vault MAC.
    pub(super) fn data_keys_digest(&self) -> Result<[u8; 32]> {
        let mut digest = crypto::KeysDigest::default();
        self.db.query_each(
            "SELECT id, nonce, wrapped_key FROM data_keys ORDER BY id",
            params![],
            |row| {
                let (nonce, wrapped): (Vec<u8>, Vec<u8>) = (row.get(1)?, row.get(2)?);
                digest.add(row.get(0)?, &nonce, &wrapped);
                Ok(())
            },
        )?;
        Ok(digest.finish())
    }

    pub(super) fn rewrap_data_key(&self, id: i64, sealed: &Sealed) -> Result<()> {
        self.db.execute(
            "UPDATE data_keys SET nonce = ?1, wrapped_key = ?2 WHERE id = ?3",
            params![&sealed.nonce[..], sealed.ciphertext, id],
        )?;
        Ok(())
    }

    /// Every data key id, oldest first.
    pub fn data_key_ids(&self) -> Result<Vec<i64>> {
        self.db
            .query_all("SELECT id FROM data_keys ORDER BY id", params![], |r| {
                r.get(0)
            })
    }
}

/// Unwraps data key `id` into `keys` (once per cache) and returns it. A key that fails to open
/// while the unlocking slot's blob has changed means another process replaced the vault key:
/// [`Error::KeysChanged`] (run again), not tampering.
pub(super) fn data_key<'k>(tx: &Tx, keys: &'k mut Keys, id: i64) -> Result<&'k Key> {
    if keys.data_key(id).is_none() {
        let sealed = tx
            .sealed_data_key(id)?
            .ok_or_else(|| Error::Damaged(format!("data key {id} is missing")))?;
        let key = match crypto::open_data_key(keys.vault_key()?, tx.vault_id, id, &sealed) {
            Ok(key) => key,
            Err(err) => return Err(changed_or(tx, keys, err.into())?),
        };
        return Ok(keys.insert_data_key(id, key));
    }
    Ok(keys.data_key(id).expect("checked above"))
}

/// [`Error::KeysChanged`] if the unlocking slot no longer holds the blob it was opened from,
/// else `err`.
pub(super) fn changed_or(tx: &Tx, keys: &Keys, err: Error) -> Result<Error> {
    let unchanged = match keys.grant() {
        None => tx.slot_wraps(keys.slot_id, &keys.slot_wrapped)?,
        // A scoped slot's scope key is replaced when another slot of its scope is removed.
        Some(_) => tx.slot_grants(keys.slot_id, &keys.slot_wrapped)?,
    };
    Ok(if unchanged { err } else { Error::KeysChanged })
}

impl Tx<'_> {
    /// The wrapped audit key, as stored (format 5).
    pub(super) fn sealed_audit_key(&self) -> Result<Sealed> {
        let (nonce, wrapped): (Option<Vec<u8>>, Option<Vec<u8>>) = self.db.query_one(
            "SELECT audit_nonce, audit_key FROM vault WHERE id = 1",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        match (nonce.map(<[u8; 12]>::try_from), wrapped) {
            (Some(Ok(nonce)), Some(ciphertext)) => Ok(Sealed { nonce, ciphertext }),
            _ => Err(crypto::Error::Tampered("the vault's audit key".into()).into()),
        }
    }

    /// Wraps `audit_key` under `vault_key` into the vault row.
    pub(super) fn store_audit_key(&self, vault_key: &Key, audit_key: &Key) -> Result<()> {
        let sealed = crypto::seal_audit_key(vault_key, self.vault_id, audit_key);
        self.db.execute(
            "UPDATE vault SET audit_nonce = ?1, audit_key = ?2 WHERE id = 1",
            params![&sealed.nonce[..], sealed.ciphertext],
        )?;
        Ok(())
    }

    /// Wraps `state_key` under `vault_key` into the vault row.
    pub(super) fn store_state_key(&self, vault_key: &Key, state_key: &Key) -> Result<()> {
        let sealed = crypto::seal_state_key(vault_key, self.vault_id, state_key);
        self.db.execute(
            "UPDATE vault SET state_nonce = ?1, state_key = ?2 WHERE id = 1",
            params![&sealed.nonce[..], sealed.ciphertext],
        )?;
        Ok(())
    }
}
