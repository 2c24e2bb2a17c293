//! [`Session`]: one transaction on an unlocked vault, and every operation that needs the keys.
//!
//! A session starts by authenticating the vault row (format 3): the state key is unwrapped
//! with the vault key, every slot's binding is checked, and the row's MAC over the generation,
//! the number of secrets, the sum of the head terms and the slot digest must match. That costs
//! one unwrap and one HMAC per slot, whatever the number of secrets. Each head a command then
//! touches is checked against its tag before anything is read or written under it, and each
//! write keeps the running summary, so [`Session::finish`] can seal the new vault row in O(1)
//! (plus one binding per slot). A head, slot or row that does not match is
//! [`crypto::Error::Tampered`] (exit 5).

use std::ops::Deref;

use rusqlite::params;

use crate::crypto::{self, Key, SecretBytes, SecretId, Summary, Term, ValueRef, VaultState};
use crate::time::now;

use super::keys::{self, Keys};
use super::secrets::{KeptVersions, SecretMeta, SecretUpdate, VersionRow, malformed_value};
use super::{Error, Result, Tx, schema};

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
    destroyed: std::cell::Cell<usize>,
}

impl<'t> Deref for Session<'t> {
    type Target = Tx<'t>;

    fn deref(&self) -> &Tx<'t> {
        &self.tx
    }
}

/// What [`Session::transfer`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Transfer {
    /// Done, with this many versions.
    Done(i64),
    NoSource,
    TargetExists,
}

/// What [`Session::delete_version`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum VersionDeletion {
    Deleted,
    /// No secret of that name.
    NoSecret,
    /// That version is not kept; the current one is given.
    NotKept(i64),
    /// It is the current version, which `delete --version` does not remove.
    Current,
}

/// One head as `verify` found it: authenticated, or the reason it is not.
#[derive(Debug)]
pub struct HeadCheck {
    pub meta: SecretMeta,
    pub problem: Option<Error>,
}

/// What [`check_state`] found: the state key (if it unwrapped) and every problem, so `verify`
/// can name them all; commands take the first as their error.
pub(super) struct StateReport {
    pub state_key: Option<Key>,
    pub generation: i64,
    pub summary: Summary,
    pub default_keep: Option<i64>,
    /// Each problem, with the label of the slot it concerns, if any.
    pub problems: Vec<(Option<String>, Error)>,
}

/// The vault row's authenticated columns.
struct StateRow {
    generation: i64,
    state_key: Result<crypto::Sealed, String>,
    /// The count and the masked sum as stored.
    summary: Option<(i64, [u8; 32])>,
    mac: Option<Vec<u8>>,
    /// The vault's retention default (format 4).
    default_keep: Option<i64>,
}

fn state_row(tx: &Tx) -> Result<StateRow> {
    let sql = if tx.format >= schema::KEPT_SETS_SINCE {
        "SELECT generation, state_nonce, state_key, secret_count, heads_sum, state_mac,
                default_keep FROM vault WHERE id = 1"
    } else {
        "SELECT generation, state_nonce, state_key, secret_count, heads_sum, state_mac, NULL
         FROM vault WHERE id = 1"
    };
    let row = tx.conn.query_row(sql, [], |row| {
        let nonce: Option<Vec<u8>> = row.get(1)?;
        let wrapped: Option<Vec<u8>> = row.get(2)?;
        let count: Option<i64> = row.get(3)?;
        let sum: Option<Vec<u8>> = row.get(4)?;
        Ok(StateRow {
            generation: row.get(0)?,
            state_key: match (nonce.map(<[u8; 12]>::try_from), wrapped) {
                (Some(Ok(nonce)), Some(ciphertext)) => Ok(crypto::Sealed { nonce, ciphertext }),
                _ => Err("it has no readable state key".to_owned()),
            },
            summary: match (count, sum.map(<[u8; 32]>::try_from)) {
                (Some(count), Some(Ok(sum))) => Some((count, sum)),
                _ => None,
            },
            mac: row.get(5)?,
            default_keep: row.get(6)?,
        })
    })?;
    Ok(row)
}

fn open_row(
    tx: &Tx,
    keys: &mut Keys,
    id: &SecretId,
    name: &str,
    version: i64,
    key_id: i64,
    sealed: &crypto::Sealed,
) -> Result<SecretBytes> {
    let vault_id = *tx.vault_id;
    let key = keys::data_key(tx, keys, key_id)?;
    let at = ValueRef {
        vault_id: &vault_id,
        key_id,
        secret_id: id,
        name,
        version,
    };
    Ok(crypto::open_value(key, &at, sealed)?)
}

fn missing_version(name: &str, version: i64) -> Error {
    tampered(format!(
        "the state of {name} (its version {version} is missing)"
    ))
}

fn tampered(what: impl Into<String>) -> Error {
    crypto::Error::Tampered(what.into()).into()
}

/// Authenticates the vault row and every slot binding; see the module documentation.
pub(super) fn check_state(tx: &Tx, keys: &Keys) -> Result<StateReport> {
    let row = state_row(tx)?;
    let mut problems = Vec::new();
    let state_key = match &row.state_key {
        Ok(sealed) => match crypto::open_state_key(&keys.vault_key, tx.vault_id, sealed) {
            Ok(key) => Some(key),
            Err(err) => {
                let err = keys::changed_or(tx, keys, err.into())?;
                if matches!(err, Error::KeysChanged) {
                    return Err(err);
                }
                problems.push((None, err));
                None
            }
        },
        Err(why) => {
            problems.push((None, tampered(format!("the vault's state ({why})"))));
            None
        }
    };
    let Some(state_key) = state_key else {
        return Ok(StateReport {
            state_key: None,
            generation: row.generation,
            summary: Summary::EMPTY,
            default_keep: row.default_keep,
            problems,
        });
    };
    let summary = row.summary.map_or(Summary::EMPTY, |(count, sum)| {
        crypto::unmask_summary(&state_key, tx.vault_id, row.generation, count, &sum)
    });
    let mut digest = crypto::SlotsDigest::default();
    for slot in tx.slot_rows()? {
        let (slot, label) = slot;
        let Ok(slot) = slot else {
            // Reported by the caller that reads the slot's material; its binding cannot be
            // recomputed, so the digest below fails too.
            digest.add(&[]);
            continue;
        };
        let binding = slot.binding_under(&state_key, tx.vault_id);
        let stored = slot.binding.as_deref().unwrap_or_default();
        if !crypto::ct_eq(stored, &binding) {
            problems.push((
                Some(label.clone()),
                tampered(format!(
                    "unlock slot {label:?} (its label, kind, creation time or key material)"
                )),
            ));
        }
        digest.add(stored);
    }
    let expected = crypto::vault_mac(
        &state_key,
        tx.vault_id,
        &VaultState {
            format: tx.format,
            default_keep: row.default_keep,
            generation: row.generation,
            summary,
            slots: digest.finish(),
            data_keys: tx.data_keys_digest()?,
        },
    );
    // Format 4 always has a default; its absence is an edit the MAC alone would not show.
    let keep_ok = (tx.format >= schema::KEPT_SETS_SINCE) == row.default_keep.is_some();
    let mac_ok = keep_ok
        && row.summary.is_some()
        && row
            .mac
            .as_deref()
            .is_some_and(|mac| crypto::ct_eq(mac, &expected));
    if !mac_ok && problems.is_empty() {
        problems.push((
            None,
            tampered(
                "the vault's state (its generation, or the set of its secrets, unlock slots or data keys)",
            ),
        ));
    }
    Ok(StateReport {
        state_key: Some(state_key),
        generation: row.generation,
        summary,
        default_keep: row.default_keep,
        problems,
    })
}

/// The vault row as authenticated at the start of a session.
pub(super) struct Authenticated {
    pub state_key: Key,
    pub generation: i64,
    pub summary: Summary,
    pub default_keep: Option<i64>,
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
            destroyed: std::cell::Cell::new(0),
        }
    }

    /// How many old versions retention has destroyed in this session so far.
    pub fn destroyed_versions(&self) -> usize {
        self.destroyed.get()
    }

    /// The keys this session uses.
    pub fn keys(&self) -> &Keys {
        self.keys
    }

    /// Checks a stored head against its tag; returns it with its id and term.
    fn authenticate(&self, meta: SecretMeta) -> Result<(SecretMeta, SecretId, Term)> {
        let (Some(id), Some(tag)) = (meta.id, meta.tag.as_deref()) else {
            return Err(tampered(format!(
                "the stored state of {} (its id or tag is missing; if the upgrade to format 3 \
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
    pub fn list(&self, prefix: &str) -> Result<Vec<SecretMeta>> {
        let mut summary = Summary::EMPTY;
        let mut heads = Vec::new();
        for meta in self.tx.list(prefix)? {
            let (meta, _, term) = self.authenticate(meta)?;
            summary.add(&term);
            heads.push(meta);
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
    /// that version is not kept.
    pub fn value(&mut self, meta: &SecretMeta, version: i64) -> Result<Option<SecretBytes>> {
        let id = meta
            .id
            .ok_or_else(|| tampered(format!("the stored state of {}", meta.name)))?;
        if !meta.kept.contains(version, meta.version) {
            return Ok(None);
        }
        let Some((key_id, sealed)) = self.tx.version_row(&meta.name, version)? else {
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
        self.open(&id, &meta.name, version, key_id, &sealed)
            .map(Some)
    }

    pub(super) fn open(
        &mut self,
        id: &SecretId,
        name: &str,
        version: i64,
        key_id: i64,
        sealed: &crypto::Sealed,
    ) -> Result<SecretBytes> {
        open_row(&self.tx, self.keys, id, name, version, key_id, sealed)
    }

    /// Seals a value under the active data key, read inside this transaction so a value is
    /// never sealed under a key that a concurrent `re-encrypt` has already superseded.
    pub(super) fn seal(
        &mut self,
        id: &SecretId,
        name: &str,
        version: i64,
        value: &[u8],
    ) -> Result<(i64, crypto::Sealed)> {
        let vault_id = *self.tx.vault_id;
        let key_id = self.tx.active_key_id()?;
        let key = keys::data_key(&self.tx, self.keys, key_id)?;
        let at = ValueRef {
            vault_id: &vault_id,
            key_id,
            secret_id: id,
            name,
            version,
        };
        Ok((key_id, crypto::seal_value(key, &at, value)))
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
    pub fn put(&mut self, name: &str, value: &[u8], update: &SecretUpdate) -> Result<i64> {
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
        let (key_id, sealed) = self.seal(&id, name, version, value)?;
        self.tx
            .insert_version(name, version, key_id, &sealed, now)?;
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
        Ok(version)
    }

    /// Destroys the oldest of `kept` beyond the secret's limit (its own, else the vault's), in
    /// this transaction; `secure_delete` overwrites their bytes. Returns what is left.
    fn retain(&self, name: &str, mut kept: Vec<i64>, keep: Option<i64>) -> Result<Vec<i64>> {
        let limit = keep
            .or(self.default_keep)
            .unwrap_or(schema::DEFAULT_KEEP)
            .clamp(1, schema::MAX_KEEP);
        let excess = kept.len().saturating_sub(limit as usize);
        self.destroyed.set(self.destroyed.get() + excess);
        for version in kept.drain(..excess) {
            if !self.tx.delete_version(name, version)? {
                return Err(missing_version(name, version));
            }
        }
        Ok(kept)
    }

    /// Changes `name`'s metadata without storing a new version: `None` keeps a field,
    /// `Some(None)` removes it. `updated_at` is kept, since it dates the current value and the
    /// rotation period counts from it. Returns the new head; `None` if `name` is not stored.
    pub fn update_meta(
        &mut self,
        name: &str,
        description: Option<Option<&str>>,
        rotate_every: Option<Option<i64>>,
    ) -> Result<Option<SecretMeta>> {
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
        self.store_head(&meta, &id, Some(&term))?;
        Ok(Some(meta))
    }

    /// Destroys one kept version of `name` other than the current one (its bytes are
    /// overwritten: `secure_delete` is on) and re-tags the head without it.
    pub fn delete_version(&mut self, name: &str, version: i64) -> Result<VersionDeletion> {
        let Some(meta) = self.tx.secret(name)? else {
            return Ok(VersionDeletion::NoSecret);
        };
        let (mut meta, id, term) = self.authenticate(meta)?;
        if version == meta.version {
            return Ok(VersionDeletion::Current);
        }
        if !meta.kept.contains(version, meta.version) {
            return Ok(VersionDeletion::NotKept(meta.version));
        }
        let mut kept = meta.kept.listed(meta.version);
        kept.retain(|&v| v != version);
        if !self.tx.delete_version(name, version)? {
            return Err(missing_version(name, version));
        }
        meta.kept = KeptVersions::Set(kept);
        self.store_head(&meta, &id, Some(&term))?;
        Ok(VersionDeletion::Deleted)
    }

    /// Copies (or, with `rename`, moves) secret `from` to the name `to`, every kept version
    /// re-sealed under the new name's binding (and, for a copy, a new secret id), the metadata
    /// and each version's creation time kept. One version is in memory at a time.
    pub fn transfer(&mut self, from: &str, to: &str, rename: bool) -> Result<Transfer> {
        let Some(meta) = self.tx.secret(from)? else {
            return Ok(Transfer::NoSource);
        };
        let (meta, id, term) = self.authenticate(meta)?;
        if self.tx.secret_row(to)?.is_some() {
            return Ok(Transfer::TargetExists);
        }
        if self.tx.has_versions(to)? {
            return Err(tampered(format!(
                "the state of {to} (its versions are stored, its head is not)"
            )));
        }
        // Every stored row must be one the head lists: moving them would otherwise drop
        // (rename) or ignore (copy) the evidence of an edit.
        self.history(&meta)?;
        let new_id = if rename {
            id
        } else {
            crypto::random_secret_id()
        };
        let kept = meta.kept.listed(meta.version);
        for &version in &kept {
            let Some((key_id, sealed)) = self.tx.version_row(from, version)? else {
                return Err(tampered(format!(
                    "the state of {from} (its version {version} is missing)"
                )));
            };
            let sealed = sealed.map_err(|why| malformed_value(from, version, &why))?;
            let created = self.tx.version_created(from, version)?;
            let plain = self.open(&id, from, version, key_id, &sealed)?;
            let (new_key, resealed) = self.seal(&new_id, to, version, plain.expose())?;
            drop(plain);
            self.tx
                .insert_version(to, version, new_key, &resealed, created)?;
        }
        let mut moved = meta.clone();
        moved.name = to.to_owned();
        moved.kept = KeptVersions::Set(kept);
        if rename {
            self.tx.delete_rows(from)?;
            self.summary.remove(&term);
        }
        self.store_head(&moved, &new_id, None)?;
        Ok(Transfer::Done(meta.kept.count(meta.version)))
    }

    /// Removes `name` and all its versions; returns how many versions were stored, `None` if
    /// the name was not.
    ///
    /// A head without an id or tag was never counted in the summary (an upgrade carries a
    /// damaged secret over that way, and rows planted with SQL have none), so it can be deleted
    /// as it is, which is how such a secret is cleared away. A head whose tag fails is refused:
    /// its true term is in the summary and cannot be taken out.
    pub fn delete(&mut self, name: &str) -> Result<Option<usize>> {
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
            return self.tx.delete_rows(&meta.name).map(Some);
        }
        let (meta, _, term) = self.authenticate(meta)?;
        let versions = self.tx.delete_rows(&meta.name)?;
        self.summary.remove(&term);
        Ok(Some(versions))
    }

    /// The stored versions of a secret whose head was authenticated in this session (number,
    /// data key, creation time, oldest first); exit 5 unless they are exactly the ones the head
    /// lists.
    pub fn history(&self, meta: &SecretMeta) -> Result<Vec<(i64, i64, i64)>> {
        let rows = self.tx.version_list(&meta.name)?;
        let stored: Vec<i64> = rows.iter().map(|(v, _, _)| *v).collect();
        if stored != meta.kept.listed(meta.version) {
            return Err(tampered(format!(
                "the state of {} (its stored versions are not the ones its head lists)",
                meta.name
            )));
        }
        Ok(rows)
    }

    /// Authenticates every head and their sum, and checks that the stored version rows are
    /// exactly the ones the heads list (no row missing, none extra, none without a head).
    /// O(N); for `compact`, which must not rewrite a tampered vault as if it were intact.
    pub fn check_all(&self) -> Result<()> {
        let heads = self.list("")?;
        let mut rows = self.tx.version_names()?.into_iter().peekable();
        for meta in &heads {
            let mut stored = Vec::new();
            while let Some((name, version)) = rows.next_if(|(name, _)| *name <= meta.name) {
                if name != meta.name {
                    return Err(tampered(format!(
                        "the state of {name} (its versions are stored, its head is not)"
                    )));
                }
                stored.push(version);
            }
            if stored != meta.kept.listed(meta.version) {
                return Err(tampered(format!(
                    "the state of {} (its stored versions are not the ones its head lists)",
                    meta.name
                )));
            }
        }
        if let Some((name, _)) = rows.next() {
            return Err(tampered(format!(
                "the state of {name} (its versions are stored, its head is not)"
            )));
        }
        Ok(())
    }

    /// The version before the current one that is kept, for `--previous`.
    pub fn previous(&self, meta: &SecretMeta) -> Option<i64> {
        meta.kept.before(meta.version)
    }

    /// Every head, each authenticated or with its problem, and whether the heads add up to the
    /// vault row's summary (checked only when every head authenticates: otherwise the sum
    /// cannot match, and the bad head is the finding). O(N), for `verify`.
    pub fn check_heads(&self) -> Result<(Vec<HeadCheck>, bool)> {
        let mut summary = Summary::EMPTY;
        let mut checks = Vec::new();
        let mut all_ok = true;
        self.tx.each_head(|meta| {
            let check = match self.authenticate(meta.clone()) {
                Ok((meta, _, term)) => {
                    summary.add(&term);
                    HeadCheck {
                        meta,
                        problem: None,
                    }
                }
                Err(err) => {
                    all_ok = false;
                    HeadCheck {
                        meta,
                        problem: Some(err),
                    }
                }
            };
            checks.push(check);
            Ok(())
        })?;
        Ok((checks, !all_ok || summary == self.summary))
    }

    /// Calls `f` with every stored version row, streaming, and the result of opening it under
    /// the id of its head in `heads` (`None` when `heads` has no head of its name). For
    /// `verify`; the plaintext is dropped when `f` returns.
    pub fn each_version_opened(
        &mut self,
        heads: &std::collections::HashMap<String, SecretMeta>,
        mut f: impl FnMut(&VersionRow, Option<Result<SecretBytes>>) -> Result<()>,
    ) -> Result<()> {
        let (tx, keys) = (&self.tx, &mut *self.keys);
        tx.each_version(|row| {
            let opened = heads.get(&row.name).map(|meta| {
                let id = meta
                    .id
                    .ok_or_else(|| tampered(format!("the stored state of {}", meta.name)))?;
                let sealed = row
                    .sealed
                    .as_ref()
                    .map_err(|why| malformed_value(&row.name, row.version, why))?;
                open_row(tx, keys, &id, &row.name, row.version, row.key_id, sealed)
            });
            f(&row, opened)
        })
    }

    /// Unwraps data key `id`, to check it.
    pub fn check_data_key(&mut self, id: i64) -> Result<()> {
        keys::data_key(&self.tx, self.keys, id).map(|_| ())
    }

    /// Seals the vault row for this transaction's generation: the bindings of the slots this
    /// transaction added or changed (or all of them, after an upgrade or a new state key) are
    /// recomputed, then the MAC over the generation, the summary, the slot digest and the data
    /// keys. A slot whose binding does not match and that this transaction did not touch was
    /// edited since the session authenticated it, which cannot happen under the write lock: it
    /// is refused rather than bound.
    pub(super) fn finish(&self) -> Result<()> {
        let mut digest = crypto::SlotsDigest::default();
        for slot in self.tx.slots()? {
            let binding = slot.binding_under(&self.state_key, self.tx.vault_id);
            let stored = slot.binding.as_deref().unwrap_or_default();
            if !crypto::ct_eq(stored, &binding) {
                if !self.rebind_all && !self.rebind.contains(&slot.id) {
                    return Err(tampered(format!(
                        "unlock slot {:?} (its label, kind, creation time or key material)",
                        slot.label
                    )));
                }
                self.tx
                    .conn
                    .prepare_cached("UPDATE slots SET binding = ?1 WHERE id = ?2")?
                    .execute(params![&binding[..], slot.id])?;
            }
            digest.add(&binding);
        }
        let mac = crypto::vault_mac(
            &self.state_key,
            self.tx.vault_id,
            &VaultState {
                format: self.tx.format,
                default_keep: self.default_keep,
                generation: self.generation,
                summary: self.summary,
                slots: digest.finish(),
                data_keys: self.tx.data_keys_digest()?,
            },
        );
        let stored = crypto::mask_summary(
            &self.state_key,
            self.tx.vault_id,
            self.generation,
            &self.summary,
        );
        self.tx.conn.execute(
            "UPDATE vault SET secret_count = ?1, heads_sum = ?2, state_mac = ?3 WHERE id = 1",
            params![self.summary.count, &stored[..], &mac[..]],
        )?;
        if let Some(keep) = self.default_keep {
            self.tx
                .conn
                .execute("UPDATE vault SET default_keep = ?1 WHERE id = 1", [keep])?;
        }
        Ok(())
    }
}
