//! [`Session`]: one transaction on an unlocked vault, and the operations on secrets' heads
//! and values.
//!
//! A session starts from a vault row that `state` has authenticated (the state key, every
//! slot binding, the MAC over the generation, the head summary and the slot and data-key
//! digests), which costs one unwrap and one HMAC per slot whatever the number of secrets. Each
//! head a command then touches is checked against its tag before anything is read or written
//! under it, and each write keeps the running summary, so `Session::finish` can seal the new
//! vault row in O(1) (plus one binding per slot). A head that does not match is
//! [`crypto::Error::Tampered`] (exit 5). History and retention are in `history`.

use std::ops::Deref;

use crate::audit::{Access, Touched};
use crate::crypto::{self, AuditHead, Key, SecretBytes, SecretId, Summary, Term, ValueRef};
use crate::time::now;

use super::keys::{self, Keys};
use super::scopes;
use super::secrets::{KeptVersions, Sealing, SecretMeta, SecretUpdate, malformed_value};
use super::state::Authenticated;
use super::{Error, Result, Tx};

/// An unlocked transaction.
pub struct Session<'t> {
    pub(super) tx: Tx<'t>,
    pub(super) keys: &'t mut Keys,
    pub(super) state_key: Key,
    pub(super) generation: i64,
    /// The summary as verified at the start, then as changed by this transaction's writes.
    pub(super) summary: Summary,
    /// The slots whose bindings this transaction may (re)write: those it added or changed, or
    /// all of them after an upgrade or under a new state key.
    pub(super) rebind: Vec<i64>,
    pub(super) rebind_all: bool,
    /// The vault's retention default (format 4), as authenticated.
    pub(super) default_keep: Option<i64>,
    /// How many old versions retention destroyed in this session.
    pub(super) destroyed: usize,
    /// The audit chain head the vault row records (format 5): as authenticated, then the
    /// record this write appended.
    pub(super) audit_head: Option<AuditHead>,
    /// What this session read or wrote, for the audit record.
    pub(super) touched: Touched,
}

impl<'t> Deref for Session<'t> {
    type Target = Tx<'t>;

    fn deref(&self) -> &Tx<'t> {
        &self.tx
    }
}

/// A version just sealed: where it is stored (data key id and sealing), its ciphertext, and
/// the version key, for sharing it with scopes.
pub(super) struct Fresh {
    pub at: (i64, Sealing),
    pub sealed: crypto::Sealed,
    pub version_key: Key,
}

/// Opens one stored version with whatever the credential holds: a scoped credential only
/// through its scope's wrap of the version key; a full one through the data key (directly,
/// or the version key derived from it) or, for a version a scoped credential wrote, through a
/// scope that holds it.
#[allow(clippy::too_many_arguments)]
pub(super) fn open_row(
    tx: &Tx,
    keys: &mut Keys,
    id: &SecretId,
    name: &str,
    version: i64,
    key_id: i64,
    sealing: Sealing,
    sealed: &crypto::Sealed,
) -> Result<SecretBytes> {
    let vault_id = *tx.vault_id;
    let at = ValueRef {
        vault_id: &vault_id,
        key_id,
        secret_id: id,
        name,
        version,
    };
    if keys.grant().is_some() {
        let key = scopes::held_version_key(tx, keys, id, name, version)?;
        return Ok(crypto::open_value(&key, &at, sealed)?);
    }
    let opened = match scopes::stored_version_key(tx, keys, (name, id, version), (key_id, sealing))?
    {
        Some(key) => crypto::open_value(&key, &at, sealed),
        None => crypto::open_value(keys::data_key(tx, keys, key_id)?, &at, sealed),
    };
    Ok(opened?)
}

pub(super) fn missing_version(name: &str, version: i64) -> Error {
    tampered(format!(
        "the state of {name} (its version {version} is missing)"
    ))
}

pub(super) fn tampered(what: impl Into<String>) -> Error {
    crypto::Error::Tampered(what.into()).into()
}

impl<'t> Session<'t> {
    pub(super) fn new(tx: Tx<'t>, keys: &'t mut Keys, state: Authenticated) -> Self {
        Self {
            tx,
            keys,
            state_key: state.state_key,
            generation: state.generation,
            summary: state.summary,
            rebind: Vec::new(),
            rebind_all: false,
            default_keep: state.default_keep,
            destroyed: 0,
            audit_head: state.audit_head,
            touched: Touched::default(),
        }
    }

    /// How many old versions retention has destroyed in this session so far.
    pub fn destroyed_versions(&self) -> usize {
        self.destroyed
    }

    /// The keys this session uses.
    pub fn keys(&self) -> &Keys {
        self.keys
    }

    /// Checks a stored head against its tag; returns it with its id and term.
    pub(super) fn authenticate(&self, meta: SecretMeta) -> Result<(SecretMeta, SecretId, Term)> {
        let (Some(id), Some(tag)) = (meta.id, meta.tag.as_deref()) else {
            return Err(tampered(format!(
                "the stored state of {} (its id or tag is missing; if an upgrade of the vault \
                 left it so, 'sealbox delete {}' clears it)",
                meta.name, meta.name
            )));
        };
        let mac = crypto::verify_head(&self.state_key, self.tx.vault_id, &meta.head(&id), tag)?;
        Ok((meta, id, mac.term))
    }

    /// One secret's authenticated head, or `None` if no such name is stored. Version rows
    /// without a head (the head deleted behind sealbox's back) are damage, not "not found".
    pub fn secret(&self, name: &str) -> Result<Option<SecretMeta>> {
        match self.tx.secret(name)? {
            None if self.tx.has_versions(name)? => Err(tampered(format!(
                "the state of {name} (its versions are stored, its head is not)"
            ))),
            None => Ok(None),
            Some(meta) => Ok(Some(self.authenticate(meta)?.0)),
        }
    }

    /// The authenticated heads of every secret whose name starts with `prefix`. With no prefix
    /// every head is read, so the summary is recomputed too: a secret deleted, or an older copy
    /// of one put back, fails here as it does in `verify`.
    ///
    /// A scoped credential gets only the heads its scope lists (all are authenticated).
    pub fn list(&self, prefix: &str) -> Result<Vec<SecretMeta>> {
        let mut summary = Summary::EMPTY;
        let mut heads = Vec::new();
        for meta in self.tx.list(prefix)? {
            let (meta, _, term) = self.authenticate(meta)?;
            summary.add(&term);
            if self.in_scope(&meta.name) {
                heads.push(meta);
            }
        }
        if prefix.is_empty() && summary != self.summary {
            return Err(tampered(
                "the vault's set of secrets (one was deleted, or an older copy of one put back)",
            ));
        }
        Ok(heads)
    }

    /// Decrypts the current version of a secret whose head was read in this session; a
    /// missing row is damage, since the head says it exists.
    pub fn current_value(&mut self, meta: &SecretMeta) -> Result<SecretBytes> {
        self.value(meta, meta.version)?.ok_or_else(|| {
            tampered(format!(
                "the state of {} (its current version {} is missing)",
                meta.name, meta.version
            ))
        })
    }

    /// Decrypts version `version` of a secret whose head was read in this session; `None` if
    /// that version is not kept. A name outside a scoped credential's scope is
    /// [`Error::Denied`], whatever the version.
    pub fn value(&mut self, meta: &SecretMeta, version: i64) -> Result<Option<SecretBytes>> {
        if let Err(denied) = self.check_in_scope(&meta.name) {
            self.touch(&meta.name, None);
            return Err(denied);
        }
        let id = meta
            .id
            .ok_or_else(|| tampered(format!("the stored state of {}", meta.name)))?;
        if !meta.kept.contains(version, meta.version) {
            return Ok(None);
        }
        let Some((key_id, sealing, sealed)) = self.tx.version_row(&meta.name, version)? else {
            let which = if version == meta.version {
                "current version"
            } else {
                "version"
            };
            return Err(tampered(format!(
                "the state of {} (its {which} {version} is missing)",
                meta.name
            )));
        };
        let sealed = sealed.map_err(|why| malformed_value(&meta.name, version, &why))?;
        self.touch(&meta.name, Some(version));
        self.open(&id, &meta.name, version, key_id, sealing, &sealed)
            .map(Some)
    }

    /// Notes `name` (at `version`) for the audit record: a value opened, written or deleted.
    pub(super) fn touch(&mut self, name: &str, version: Option<i64>) {
        let access = Access {
            name: name.to_owned(),
            version,
        };
        self.touched.insert(access);
    }

    pub(super) fn open(
        &mut self,
        id: &SecretId,
        name: &str,
        version: i64,
        key_id: i64,
        sealing: Sealing,
        sealed: &crypto::Sealed,
    ) -> Result<SecretBytes> {
        open_row(
            &self.tx, self.keys, id, name, version, key_id, sealing, sealed,
        )
    }

    /// Seals a value under a version key derived from the active data key, read inside this
    /// transaction so a value is never sealed under a key that a concurrent `re-encrypt` has
    /// already superseded. A scoped credential has no data key: it seals under a random
    /// version key, which the caller shares with its scope.
    pub(super) fn seal(
        &mut self,
        id: &SecretId,
        name: &str,
        version: i64,
        value: &[u8],
    ) -> Result<Fresh> {
        let vault_id = *self.tx.vault_id;
        let (key_id, sealing, version_key) = if self.keys.grant().is_some() {
            (0, Sealing::Scoped, Key::random())
        } else {
            let key_id = self.tx.active_key_id()?;
            let data_key = keys::data_key(&self.tx, self.keys, key_id)?;
            let key = crypto::derive_version_key(data_key, id, name, version);
            (key_id, Sealing::Derived, key)
        };
        let at = ValueRef {
            vault_id: &vault_id,
            key_id,
            secret_id: id,
            name,
            version,
        };
        Ok(Fresh {
            at: (key_id, sealing),
            sealed: crypto::seal_value(&version_key, &at, value),
            version_key,
        })
    }

    /// Stores `meta` as the new head of its secret, replacing the term of `old` in the summary.
    pub(super) fn store_head(
        &mut self,
        meta: &SecretMeta,
        id: &SecretId,
        old: Option<&Term>,
    ) -> Result<()> {
        let mac = crypto::head_mac(&self.state_key, self.tx.vault_id, &meta.head(id));
        if let Some(old) = old {
            self.summary.remove(old);
        }
        self.summary.add(&mac.term);
        self.tx.write_head(meta, id, &mac.tag)
    }

    /// Stores `value` as the next version of `name`, creating the secret (with a fresh id) if
    /// needed. Returns the new version number.
    ///
    /// The new version is shared with every scope that lists `name`, and any flag that the
    /// secret is due for rotation is cleared: its value is new.
    pub fn put(&mut self, name: &str, value: &[u8], update: &SecretUpdate) -> Result<i64> {
        self.check_scoped_write(name)?;
        let now = now();
        let stored = match self.tx.secret(name)? {
            Some(meta) => Some(self.authenticate(meta)?),
            None => None,
        };
        let (mut meta, id, old) = match stored {
            // The head says its current version exists; a missing row is damage, not a
            // secret to silently continue.
            Some((meta, _, _)) if self.tx.version_row(name, meta.version)?.is_none() => {
                return Err(tampered(format!(
                    "the state of {name} (its current version {} is missing)",
                    meta.version
                )));
            }
            Some((meta, id, term)) => (meta, id, Some(term)),
            None => {
                let meta = SecretMeta {
                    name: name.to_owned(),
                    version: 0,
                    kept: KeptVersions::Set(Vec::new()),
                    keep: None,
                    description: None,
                    rotate_every: None,
                    created_at: now,
                    updated_at: now,
                    id: None,
                    tag: None,
                };
                (meta, crypto::random_secret_id(), None)
            }
        };
        // Only an edited file can hold the largest version; refuse it rather than overflow.
        let version = meta.version.checked_add(1).ok_or_else(|| {
            Error::Damaged(format!(
                "{name} is at an impossible version {}",
                meta.version
            ))
        })?;
        if self.tx.version_row(name, version)?.is_some() {
            // Only a head deleted or put back with SQL leaves a newer row than it lists.
            return Err(tampered(format!(
                "the state of {name} (a version {version} is stored that its head does not list)"
            )));
        }
        let fresh = self.seal(&id, name, version, value)?;
        self.tx
            .insert_version(name, version, fresh.at, &fresh.sealed, now)?;
        self.share_version(name, &id, version, &fresh.version_key)?;
        self.tx.clear_flags(&id)?;
        let mut kept = meta.kept.listed(meta.version);
        kept.push(version);
        meta.version = version;
        meta.updated_at = now;
        if let Some(description) = &update.description {
            meta.description = Some(description.clone());
        }
        if let Some(every) = update.rotate_every {
            meta.rotate_every = Some(every);
        }
        if let Some(keep) = update.keep {
            meta.keep = Some(keep);
        }
        meta.kept = KeptVersions::Set(self.retain(name, kept, meta.keep)?);
        self.store_head(&meta, &id, old.as_ref())?;
        self.touch(name, Some(version));
        Ok(version)
    }

    /// Changes `name`'s metadata without storing a new version: `None` keeps a field,
    /// `Some(None)` removes it. `updated_at` is kept, since it dates the current value and the
    /// rotation period counts from it. Returns the new head; `None` if `name` is not stored.
    pub fn update_meta(
        &mut self,
        name: &str,
        description: Option<Option<&str>>,
        rotate_every: Option<Option<i64>>,
        keep: Option<Option<i64>>,
    ) -> Result<Option<SecretMeta>> {
        self.check_scoped_write(name)?;
        let Some(meta) = self.tx.secret(name)? else {
            return Ok(None);
        };
        let (mut meta, id, term) = self.authenticate(meta)?;
        if let Some(description) = description {
            meta.description = description.map(str::to_owned);
        }
        if let Some(every) = rotate_every {
            meta.rotate_every = every;
        }
        if let Some(keep) = keep {
            // A limit lives in the format-4 layout, which lists the kept versions.
            meta.kept = KeptVersions::Set(meta.kept.listed(meta.version));
            meta.keep = keep;
        }
        self.store_head(&meta, &id, Some(&term))?;
        Ok(Some(meta))
    }

    /// Removes `name` and all its versions; returns how many versions were stored, `None` if
    /// the name was not.
    ///
    /// A head without an id or tag was never counted in the summary (an upgrade carries a
    /// damaged secret over that way, and rows planted with SQL have none), so it can be deleted
    /// as it is, which is how such a secret is cleared away. A head whose tag fails is refused:
    /// its true term is in the summary and cannot be taken out.
    pub fn delete(&mut self, name: &str) -> Result<Option<usize>> {
        self.check_scoped_write(name)?;
        let Some(meta) = self.tx.secret_row(name)? else {
            return Ok(None);
        };
        if meta.id.is_none() || meta.tag.is_none() {
            // Its id or tag could also have been stripped from a genuine head, whose term is
            // in the summary: then deleting it as it is would leave that term behind for good
            // (and its rows could be put back unnoticed). So it goes only if every other head
            // authenticates and they add up to the summary without it. O(N), on this path only.
            let mut others = Summary::EMPTY;
            for other in self.tx.list("")? {
                if other.name != meta.name {
                    others.add(&self.authenticate(other)?.2);
                }
            }
            if others != self.summary {
                return Err(tampered(format!(
                    "the stored state of {} (its id or tag was removed)",
                    meta.name
                )));
            }
            self.touch(name, None);
            return self.tx.delete_rows(&meta.name).map(Some);
        }
        let (meta, id, term) = self.authenticate(meta)?;
        let versions = self.tx.delete_rows(&meta.name)?;
        self.tx.clear_flags(&id)?;
        self.summary.remove(&term);
        self.touch(name, None);
        Ok(Some(versions))
    }
}
