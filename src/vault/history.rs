//! History and retention on an unlocked vault: which versions a secret keeps, destroying
//! what is beyond its limit or asked for, moving a secret with its history to a new name, and
//! checking that the stored rows are the ones its head lists.
//!
//! Every operation authenticates the head first and re-tags it in the same transaction, so
//! the kept set, like the rest of a head, cannot be edited without exit 5.

use crate::crypto;

use super::secrets::{KeptVersions, SecretMeta, malformed_value};
use super::session::{missing_version, tampered};
use super::{Result, Session, schema};

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

impl Session<'_> {
    /// Destroys the oldest of `kept` beyond the secret's limit (its own, else the vault's), in
    /// this transaction; `secure_delete` overwrites their bytes. Returns what is left.
    pub(super) fn retain(
        &mut self,
        name: &str,
        mut kept: Vec<i64>,
        keep: Option<i64>,
    ) -> Result<Vec<i64>> {
        let limit = keep
            .or(self.default_keep)
            .unwrap_or(schema::DEFAULT_KEEP)
            .clamp(1, schema::MAX_KEEP);
        let excess = kept.len().saturating_sub(limit as usize);
        self.destroyed += excess;
        for version in kept.drain(..excess) {
            if !self.tx.delete_version(name, version)? {
                return Err(missing_version(name, version));
            }
        }
        Ok(kept)
    }

    /// Destroys one kept version of `name` other than the current one (its bytes are
    /// overwritten: `secure_delete` is on) and re-tags the head without it.
    pub fn delete_version(&mut self, name: &str, version: i64) -> Result<VersionDeletion> {
        self.check_scoped_write(name)?;
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
        self.touch(name, Some(version));
        Ok(VersionDeletion::Deleted)
    }

    /// Copies (or, with `rename`, moves) secret `from` to the name `to`, every kept version
    /// re-sealed under the new name's binding (and, for a copy, a new secret id), the metadata
    /// and each version's creation time kept. One version is in memory at a time.
    ///
    /// Needs a full credential. The moved secret's keys go to the scopes that list its new
    /// name; a scope that held it under the old name and does not list the new one loses them,
    /// and the secret is flagged for rotation when a slot opens that scope.
    pub fn transfer(&mut self, from: &str, to: &str, rename: bool) -> Result<Transfer> {
        self.keys.vault_key()?;
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
            let Some((key_id, sealing, sealed)) = self.tx.version_row(from, version)? else {
                return Err(tampered(format!(
                    "the state of {from} (its version {version} is missing)"
                )));
            };
            let sealed = sealed.map_err(|why| malformed_value(from, version, &why))?;
            let created = self.tx.version_created(from, version)?;
            let plain = self.open(&id, from, version, key_id, sealing, &sealed)?;
            let fresh = self.seal(&new_id, to, version, plain.expose())?;
            drop(plain);
            self.tx
                .insert_version(to, version, fresh.at, &fresh.sealed, created)?;
        }
        let mut moved = meta.clone();
        moved.name = to.to_owned();
        moved.kept = KeptVersions::Set(kept);
        if rename {
            // The same secret id under a new name: scopes that held it are settled first.
            self.withdraw_moved(&meta, &id, to)?;
            self.tx.delete_rows(from)?;
            self.summary.remove(&term);
        }
        self.store_head(&moved, &new_id, None)?;
        self.sync_scopes(&moved, &new_id)?;
        self.touch(from, Some(meta.version));
        self.touch(to, Some(meta.version));
        Ok(Transfer::Done(meta.kept.count(meta.version)))
    }

    /// The stored versions of a secret whose head was authenticated in this session (number,
    /// data key, creation time, oldest first); exit 5 unless they are exactly the ones the head
    /// lists. A name outside a scoped credential's scope is [`super::Error::Denied`].
    pub fn history(&self, meta: &SecretMeta) -> Result<Vec<(i64, i64, i64)>> {
        // With a credential, history is an access like a read: a scoped one sees its scope's.
        self.check_in_scope(&meta.name)?;
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

    /// The version before the current one that is kept, for `--previous`.
    pub fn previous(&self, meta: &SecretMeta) -> Option<i64> {
        meta.kept.before(meta.version)
    }
}
