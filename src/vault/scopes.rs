//! Scopes: named sets of secret names and prefixes, and the keys that let a scoped credential
//! open exactly the secrets of its scope (see `crypto::scope` for the key layout).
//!
//! Invariants, each kept inside the write transaction that could break it:
//! - every kept version of every secret a scope's definition matches has that version's key
//!   wrapped for the scope (`scope_keys`), and no other version does; a full credential's write
//!   shares the versions it makes, `scope add` and `scope edit` share or withdraw the rest;
//! - a credential that could read a secret and no longer can (its slot removed, the secret
//!   taken out of its scope) leaves a flag in `exposed` until the secret is set anew;
//! - a scoped slot's removal replaces its scope's key, so the removed credential's copy of it
//!   opens nothing written after.
//!
//! The scope rows and the flags are covered by the vault MAC; each wrap is bound to its scope,
//! secret id and version, so a wrap copied elsewhere does not open, and a wrap deleted denies
//! only the scope that lost it.

use super::store::{Row, params};

use crate::crypto::{
    self, Held, Key, KeyWrap, ScopeRef, Sealed, SecretId, SlotGrant, SlotMaterial,
};
use crate::time::now;

use super::keys::{self, Keys};
use super::secrets::{Sealing, SecretMeta, malformed_value};
use super::session::tampered;
use super::slots::SlotRow;
use super::{Error, Result, Session, Tx, schema};

/// A scope's names and prefixes, sorted and without repeats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definition {
    pub names: Vec<String>,
    pub prefixes: Vec<String>,
}

impl Definition {
    pub fn new(mut names: Vec<String>, mut prefixes: Vec<String>) -> Self {
        names.sort();
        names.dedup();
        prefixes.sort();
        prefixes.dedup();
        Self { names, prefixes }
    }

    /// Whether the secret `name` is in the scope: named, or under one of its prefixes.
    pub fn matches(&self, name: &str) -> bool {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
            || self.prefixes.iter().any(|p| name.starts_with(p.as_str()))
    }

    fn columns(&self) -> (String, String) {
        (self.names.join("\n"), self.prefixes.join("\n"))
    }

    fn from_columns(names: &str, prefixes: &str) -> Self {
        let split = |text: &str| {
            text.split('\n')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        };
        Self::new(split(names), split(prefixes))
    }

    /// The bytes the scope key's wrap binds: names and prefixes (which hold neither a newline
    /// nor a NUL), one list after the other.
    pub(super) fn encoding(&self) -> Vec<u8> {
        let (names, prefixes) = self.columns();
        [names.as_bytes(), b"\0", prefixes.as_bytes()].concat()
    }
}

/// A scope as stored.
#[derive(Debug)]
pub struct ScopeRow {
    pub id: i64,
    pub name: String,
    pub definition: Definition,
    pub created_at: i64,
    pub updated_at: i64,
    key: Result<Sealed, String>,
    state: Result<Sealed, String>,
    audit: Result<Sealed, String>,
}

impl ScopeRow {
    fn reference<'a>(&self, encoding: &'a [u8], name: &'a str) -> KeyWrap<'a> {
        KeyWrap::Scope(ScopeRef {
            id: self.id,
            name,
            definition: encoding,
        })
    }
}

/// A secret flagged for rotation: a credential that could read it up to `version` can no
/// longer, and may have kept what it read.
#[derive(Debug)]
pub struct Exposure {
    pub name: String,
    pub version: i64,
    pub reason: String,
    pub at: i64,
}

const SCOPE_COLUMNS: &str = "id, name, names, prefixes, key_nonce, wrapped_key, state_nonce,
    state_key, audit_nonce, audit_key, created_at, updated_at";

fn scope_row(row: &dyn Row) -> Result<ScopeRow> {
    let names: String = row.get(2)?;
    let prefixes: String = row.get(3)?;
    Ok(ScopeRow {
        id: row.get(0)?,
        name: row.get(1)?,
        definition: Definition::from_columns(&names, &prefixes),
        key: super::secrets::sealed(row, 4, 5)?,
        state: super::secrets::sealed(row, 6, 7)?,
        audit: super::secrets::sealed(row, 8, 9)?,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

impl Tx<'_> {
    /// Every scope, by name; none before format 6.
    pub fn scopes(&self) -> Result<Vec<ScopeRow>> {
        if self.format < schema::SCOPED_SINCE {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT {SCOPE_COLUMNS} FROM scopes ORDER BY name");
        self.db.query_all(&sql, params![], scope_row)
    }

    /// The scope named `name`, if any.
    pub fn scope(&self, name: &str) -> Result<Option<ScopeRow>> {
        if self.format < schema::SCOPED_SINCE {
            return Ok(None);
        }
        self.db.query_opt(
            &format!("SELECT {SCOPE_COLUMNS} FROM scopes WHERE name = ?1"),
            params![name],
            scope_row,
        )
    }

    pub(super) fn scope_by_id(&self, id: i64) -> Result<Option<ScopeRow>> {
        self.db.query_opt(
            &format!("SELECT {SCOPE_COLUMNS} FROM scopes WHERE id = ?1"),
            params![id],
            scope_row,
        )
    }

    /// The labels of the slots that open scope `id`, in creation order.
    pub fn scope_slot_labels(&self, id: i64) -> Result<Vec<String>> {
        self.db.query_all(
            "SELECT label FROM slots WHERE scope_id = ?1 ORDER BY id",
            params![id],
            |r| r.get(0),
        )
    }

    fn scope_wrap(
        &self,
        scope_id: i64,
        secret_id: &SecretId,
        version: i64,
    ) -> Result<Option<Sealed>> {
        let found = self.db.query_opt(
            "SELECT nonce, wrapped_key FROM scope_keys
                 WHERE scope_id = ?1 AND secret_id = ?2 AND version = ?3",
            params![scope_id, &secret_id[..], version],
            |row| super::secrets::sealed(row, 0, 1),
        )?;
        found
            .transpose()
            .map_err(|why| tampered(format!("a scope's key for version {version} ({why})")))
    }

    /// The scopes holding a key for one version, with their wraps.
    fn wraps_of_version(&self, secret_id: &SecretId, version: i64) -> Result<Vec<(i64, Sealed)>> {
        self.db.query_all(
            "SELECT scope_id, nonce, wrapped_key FROM scope_keys
             WHERE secret_id = ?1 AND version = ?2 ORDER BY scope_id",
            params![&secret_id[..], version],
            |row| {
                let sealed = super::secrets::sealed(row, 1, 2)?.map_err(|why| {
                    tampered(format!("a scope's key for version {version} ({why})"))
                })?;
                Ok((row.get(0)?, sealed))
            },
        )
    }

    fn put_scope_wrap(
        &self,
        scope_id: i64,
        secret_id: &SecretId,
        version: i64,
        sealed: &Sealed,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO scope_keys (scope_id, secret_id, version, nonce, wrapped_key)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (scope_id, secret_id, version)
                 DO UPDATE SET nonce = excluded.nonce, wrapped_key = excluded.wrapped_key",
            params![
                scope_id,
                &secret_id[..],
                version,
                &sealed.nonce[..],
                sealed.ciphertext
            ],
        )?;
        Ok(())
    }

    /// Whether scope `scope_id` holds any key of the secret `secret_id`.
    fn scope_holds(&self, scope_id: i64, secret_id: &SecretId) -> Result<bool> {
        Ok(self
            .db
            .query_opt(
                "SELECT 1 FROM scope_keys WHERE scope_id = ?1 AND secret_id = ?2 LIMIT 1",
                params![scope_id, &secret_id[..]],
                |_| Ok(()),
            )?
            .is_some())
    }

    fn drop_scope_wraps(&self, scope_id: i64, secret_id: &SecretId) -> Result<()> {
        self.db.execute(
            "DELETE FROM scope_keys WHERE scope_id = ?1 AND secret_id = ?2",
            params![scope_id, &secret_id[..]],
        )?;
        Ok(())
    }

    /// Every wrap scope `scope_id` holds: secret id, version and wrap.
    fn scope_wraps(&self, scope_id: i64) -> Result<Vec<(SecretId, i64, Sealed)>> {
        self.db.query_all(
            "SELECT secret_id, version, nonce, wrapped_key FROM scope_keys WHERE scope_id = ?1",
            params![scope_id],
            |row| {
                let id: Vec<u8> = row.get(0)?;
                let version: i64 = row.get(1)?;
                let id = SecretId::try_from(id.as_slice()).map_err(|_| {
                    tampered(format!(
                        "a scope's key for version {version} (its secret id)"
                    ))
                })?;
                let sealed = super::secrets::sealed(row, 2, 3)?.map_err(|why| {
                    tampered(format!("a scope's key for version {version} ({why})"))
                })?;
                Ok((id, version, sealed))
            },
        )
    }

    /// Flags `secret_id` as due for rotation up to `version`, for `reason`.
    pub(super) fn flag(&self, secret_id: &SecretId, version: i64, reason: &str) -> Result<()> {
        self.db
            .execute("INSERT INTO exposed (secret_id, version, reason, at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (secret_id, reason) DO UPDATE SET version = excluded.version, at = excluded.at", params![&secret_id[..], version, reason, now()])?;
        Ok(())
    }

    /// Clears every flag of `secret_id`: it was set anew, or deleted.
    pub(super) fn clear_flags(&self, secret_id: &SecretId) -> Result<()> {
        if self.format >= schema::SCOPED_SINCE {
            self.db.execute(
                "DELETE FROM exposed WHERE secret_id = ?1",
                params![&secret_id[..]],
            )?;
        }
        Ok(())
    }

    /// The secrets flagged for rotation whose current version is still one that was exposed,
    /// by name. Names come from the heads, as stored.
    pub fn exposures(&self) -> Result<Vec<Exposure>> {
        if self.format < schema::SCOPED_SINCE {
            return Ok(Vec::new());
        }
        self.db.query_all(
            "SELECT s.name, e.version, e.reason, e.at FROM exposed e
             JOIN secrets s ON s.secret_id = e.secret_id
             WHERE s.version <= e.version ORDER BY s.name, e.at, e.reason",
            params![],
            |r| {
                Ok(Exposure {
                    name: r.get(0)?,
                    version: r.get(1)?,
                    reason: r.get(2)?,
                    at: r.get(3)?,
                })
            },
        )
    }

    /// The digest of every scope row and every flag, for the vault MAC (format 6).
    pub(super) fn scopes_digest(&self) -> Result<Option<[u8; 32]>> {
        if self.format < schema::SCOPED_SINCE {
            return Ok(None);
        }
        let mut digest = crypto::RowsDigest::default();
        self.db.query_each(
            "SELECT id, name, names, prefixes, key_nonce, wrapped_key, state_nonce, state_key,
                    audit_nonce, audit_key, created_at, updated_at FROM scopes ORDER BY id",
            params![],
            |row| {
                let (id, created, updated): (i64, i64, i64) =
                    (row.get(0)?, row.get(10)?, row.get(11)?);
                let texts: [String; 3] = [row.get(1)?, row.get(2)?, row.get(3)?];
                let blobs: [Vec<u8>; 6] = [
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                    row.get(7)?,
                    row.get(8)?,
                    row.get(9)?,
                ];
                let (id, created, updated) = (
                    id.to_be_bytes(),
                    created.to_be_bytes(),
                    updated.to_be_bytes(),
                );
                let mut fields: Vec<&[u8]> = vec![b"scope", &id, &created, &updated];
                fields.extend(texts.iter().map(|t| t.as_bytes()));
                fields.extend(blobs.iter().map(Vec::as_slice));
                digest.add(&fields);
                Ok(())
            },
        )?;
        self.db.query_each(
            "SELECT secret_id, version, reason, at FROM exposed ORDER BY secret_id, reason",
            params![],
            |row| {
                let (id, version, reason, at): (Vec<u8>, i64, String, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
                digest.add(&[
                    b"flag",
                    &id,
                    &version.to_be_bytes(),
                    reason.as_bytes(),
                    &at.to_be_bytes(),
                ]);
                Ok(())
            },
        )?;
        Ok(Some(digest.finish()))
    }
}

/// Scope `row`'s key: the scoped credential's own, or (for a full credential) unwrapped under
/// the vault key with the stored definition bound in, once per cache. A definition edited by
/// anyone without the vault key fails here, exit 5.
pub(super) fn scope_key<'k>(tx: &Tx, keys: &'k mut Keys, row: &ScopeRow) -> Result<&'k Key> {
    if keys.scope_key(row.id).is_none() {
        let vault_key = keys.vault_key()?;
        let sealed = row
            .key
            .as_ref()
            .map_err(|why| tampered(format!("scope {:?} ({why})", row.name)))?;
        let encoding = row.definition.encoding();
        let key = crypto::unwrap_key(
            vault_key,
            tx.vault_id,
            &row.reference(&encoding, &row.name),
            sealed,
        )
        .map_err(Error::from)?;
        return Ok(keys.insert_scope_key(row.id, key));
    }
    Ok(keys.scope_key(row.id).expect("checked above"))
}

/// The state and audit keys a scoped credential reaches through its scope.
pub(super) fn held_keys(tx: &Tx, keys: &Keys) -> Result<(Result<Key>, Result<Key>)> {
    let grant = keys.grant().expect("a scoped credential");
    let row = tx.scope_by_id(grant.scope_id)?.ok_or_else(|| {
        tampered(format!(
            "the vault's state (the scope {:?} is gone)",
            grant.scope_name
        ))
    })?;
    let open = |held: Held, sealed: &Result<Sealed, String>| -> Result<Key> {
        let sealed = sealed
            .as_ref()
            .map_err(|why| tampered(format!("scope {:?} ({why})", row.name)))?;
        let at = KeyWrap::Held {
            scope_id: row.id,
            held,
        };
        Ok(crypto::unwrap_key(&grant.key, tx.vault_id, &at, sealed)?)
    };
    Ok((open(Held::State, &row.state), open(Held::Audit, &row.audit)))
}

/// The key of one version as a scoped credential holds it; a version the scope's definition
/// matches but whose key it does not hold means the definition or the keys were edited.
pub(super) fn held_version_key(
    tx: &Tx,
    keys: &Keys,
    secret_id: &SecretId,
    name: &str,
    version: i64,
) -> Result<Key> {
    let grant = keys.grant().expect("a scoped credential");
    let sealed = tx.scope_wrap(grant.scope_id, secret_id, version)?.ok_or_else(|| {
        tampered(format!(
            "the scope {:?} (it lists {name}, but holds no key for its version {version}: its definition was edited, or its keys removed)",
            grant.scope_name
        ))
    })?;
    let at = KeyWrap::Version {
        scope_id: grant.scope_id,
        secret_id,
        version,
    };
    Ok(crypto::unwrap_key(&grant.key, tx.vault_id, &at, &sealed)?)
}

/// The key of a version written by a scoped credential, as a full credential reaches it:
/// through the first scope that holds it, which must list the name.
pub(super) fn shared_version_key(
    tx: &Tx,
    keys: &mut Keys,
    secret_id: &SecretId,
    name: &str,
    version: i64,
) -> Result<Key> {
    let Some((scope_id, sealed)) = tx.wraps_of_version(secret_id, version)?.into_iter().next()
    else {
        return Err(tampered(format!(
            "the value of {name} version {version} (no scope holds its key)"
        )));
    };
    let row = tx.scope_by_id(scope_id)?.ok_or_else(|| {
        tampered(format!(
            "the value of {name} version {version} (its scope is gone)"
        ))
    })?;
    // A scoped credential holds the state key, so it could forge a head for any name; only a
    // scope whose definition (bound to its key, which only a full credential can rewrap) lists
    // the name may have written its value.
    if !row.definition.matches(name) {
        return Err(tampered(format!(
            "the value of {name} version {version} (written under the scope {:?}, which does not list it)",
            row.name
        )));
    }
    let key = scope_key(tx, keys, &row)?;
    let at = KeyWrap::Version {
        scope_id,
        secret_id,
        version,
    };
    Ok(crypto::unwrap_key(key, tx.vault_id, &at, &sealed)?)
}

/// What `scope add` and `scope edit` did to the scope's members.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Membership {
    /// Secrets whose keys the scope now holds that it did not.
    pub added: Vec<String>,
    /// Secrets whose keys it no longer holds.
    pub removed: Vec<String>,
    /// How many secrets it holds.
    pub members: usize,
}

impl Session<'_> {
    /// Refuses what a scoped credential may not do: [`Error::Denied`].
    fn full_credential(&self) -> Result<()> {
        self.keys.vault_key().map(|_| ())
    }

    /// Whether this session may see `name` among the secrets it reads: any for a full
    /// credential, those its scope's definition matches for a scoped one.
    pub fn in_scope(&self, name: &str) -> bool {
        self.keys.grant().is_none_or(|g| g.definition.matches(name))
    }

    /// The definition of scope `name`, for `run --scope` and `export --scope`; a scoped
    /// credential may name only its own scope.
    pub fn scope_definition(&self, name: &str) -> Result<Definition> {
        if let Some(grant) = self.keys.grant()
            && grant.scope_name != name
        {
            return Err(self
                .keys
                .denied(&format!("the scope {name:?} is not the credential's")));
        }
        let row = self
            .tx
            .scope(name)?
            .ok_or_else(|| Error::NoSuchScope(name.into()))?;
        Ok(row.definition)
    }

    /// Refuses `name` if it is outside the scope of a scoped credential (exit 9).
    pub(super) fn check_in_scope(&self, name: &str) -> Result<()> {
        if self.in_scope(name) {
            Ok(())
        } else {
            Err(self
                .keys
                .denied(&format!("{name} is outside the credential's scope")))
        }
    }

    /// Refuses a write by a scoped credential unless its slot may write, `name` is in its
    /// scope, and no other scope lists `name` (a scoped credential cannot share a version with
    /// a scope it does not hold).
    pub(super) fn check_scoped_write(&self, name: &str) -> Result<()> {
        let Some(grant) = self.keys.grant() else {
            return Ok(());
        };
        if !grant.allow_write {
            return Err(self.keys.denied(&format!(
                "writing {name} needs a slot added with --allow-write"
            )));
        }
        self.check_in_scope(name)?;
        if let Some(other) = self
            .tx
            .scopes()?
            .into_iter()
            .find(|s| s.id != grant.scope_id && s.definition.matches(name))
        {
            return Err(self.keys.denied(&format!(
                "{name} is also in the scope {:?}, which this credential cannot share it with; write it with a full credential",
                other.name
            )));
        }
        Ok(())
    }

    /// Shares version `version` of secret `id` (named `name`) with every scope that lists the
    /// name: for a scoped credential, its own scope (see [`Session::check_scoped_write`]).
    pub(super) fn share_version(
        &mut self,
        name: &str,
        id: &SecretId,
        version: i64,
        version_key: &Key,
    ) -> Result<()> {
        if self.tx.format < schema::SCOPED_SINCE {
            return Ok(());
        }
        for row in self.tx.scopes()? {
            if !row.definition.matches(name) {
                continue;
            }
            let key = scope_key(&self.tx, self.keys, &row)?;
            let at = KeyWrap::Version {
                scope_id: row.id,
                secret_id: id,
                version,
            };
            let sealed = crypto::wrap_key(key, self.tx.vault_id, &at, version_key);
            self.tx.put_scope_wrap(row.id, id, version, &sealed)?;
        }
        Ok(())
    }

    /// The key of a stored version, for sharing it: derived, reached through a scope, or (for a
    /// version sealed directly under its data key, before format 6) made by sealing it anew
    /// under a derived one.
    fn version_key_to_share(
        &mut self,
        meta: &SecretMeta,
        id: &SecretId,
        version: i64,
    ) -> Result<Key> {
        let name = &meta.name;
        let Some((key_id, sealing, sealed)) = self.tx.version_row(name, version)? else {
            return Err(super::session::missing_version(name, version));
        };
        let at = (name.as_str(), id, version);
        if let Some(key) = stored_version_key(&self.tx, self.keys, at, (key_id, sealing))? {
            return Ok(key);
        }
        let sealed = sealed.map_err(|why| malformed_value(name, version, &why))?;
        let plain = self.open(id, name, version, key_id, Sealing::Direct, &sealed)?;
        let fresh = self.seal(id, name, version, plain.expose())?;
        drop(plain);
        self.tx
            .reseal_version(name, version, key_id, fresh.at, &fresh.sealed)?;
        Ok(fresh.version_key)
    }

    /// Makes scope `row`'s keys for secret `meta` match its definition: every kept version's
    /// key shared when the definition lists it, every key withdrawn (and the secret flagged,
    /// when a slot opens the scope) when not. Returns whether membership changed, and how.
    fn sync_member(
        &mut self,
        row: &ScopeRow,
        meta: &SecretMeta,
        id: &SecretId,
    ) -> Result<Option<bool>> {
        let holds = self.tx.scope_holds(row.id, id)?;
        if row.definition.matches(&meta.name) {
            for version in meta.kept.listed(meta.version) {
                if self.tx.scope_wrap(row.id, id, version)?.is_some() {
                    continue;
                }
                let version_key = self.version_key_to_share(meta, id, version)?;
                let key = scope_key(&self.tx, self.keys, row)?;
                let at = KeyWrap::Version {
                    scope_id: row.id,
                    secret_id: id,
                    version,
                };
                let sealed = crypto::wrap_key(key, self.tx.vault_id, &at, &version_key);
                self.tx.put_scope_wrap(row.id, id, version, &sealed)?;
            }
            return Ok((!holds).then_some(true));
        }
        if !holds {
            return Ok(None);
        }
        self.tx.drop_scope_wraps(row.id, id)?;
        if !self.tx.scope_slot_labels(row.id)?.is_empty() {
            let reason = format!("taken out of the scope {:?}", row.name);
            self.tx.flag(id, meta.version, &reason)?;
        }
        Ok(Some(false))
    }

    /// [`Session::sync_member`] against every scope, for a secret whose name changed.
    pub(super) fn sync_scopes(&mut self, meta: &SecretMeta, id: &SecretId) -> Result<()> {
        if self.tx.format < schema::SCOPED_SINCE {
            return Ok(());
        }
        for row in self.tx.scopes()? {
            self.sync_member(&row, meta, id)?;
        }
        Ok(())
    }

    /// Before secret `meta` (id `id`) is renamed to `to`: every scope that holds it and does
    /// not list `to` loses its keys, and the secret is flagged when a slot opens the scope.
    /// The scopes that list `to` get the new versions' keys from [`Session::sync_scopes`].
    pub(super) fn withdraw_moved(
        &mut self,
        meta: &SecretMeta,
        id: &SecretId,
        to: &str,
    ) -> Result<()> {
        if self.tx.format < schema::SCOPED_SINCE {
            return Ok(());
        }
        for row in self.tx.scopes()? {
            if self.tx.scope_holds(row.id, id)? {
                self.tx.drop_scope_wraps(row.id, id)?;
                if !row.definition.matches(to) && !self.tx.scope_slot_labels(row.id)?.is_empty() {
                    let reason = format!("taken out of the scope {:?}", row.name);
                    self.tx.flag(id, meta.version, &reason)?;
                }
            }
        }
        Ok(())
    }

    fn sync_all(&mut self, row: &ScopeRow) -> Result<Membership> {
        let mut membership = Membership::default();
        for meta in self.list("")? {
            let id = meta.id.expect("an authenticated head has an id");
            match self.sync_member(row, &meta, &id)? {
                Some(true) => membership.added.push(meta.name.clone()),
                Some(false) => membership.removed.push(meta.name.clone()),
                None => {}
            }
            if row.definition.matches(&meta.name) {
                membership.members += 1;
            }
        }
        Ok(membership)
    }

    /// The audit key, unwrapped under the vault key (for a new scope to hold).
    fn audit_key(&self) -> Result<Key> {
        let sealed = self.tx.sealed_audit_key()?;
        Ok(crypto::open_audit_key(
            self.keys.vault_key()?,
            self.tx.vault_id,
            &sealed,
        )?)
    }

    /// `scope add`: a new scope with a fresh key, holding the keys of every secret its
    /// definition lists. Needs a full credential.
    pub fn add_scope(&mut self, name: &str, definition: Definition) -> Result<Membership> {
        self.full_credential()?;
        if self.tx.scope(name)?.is_some() {
            return Err(Error::ScopeExists(name.into()));
        }
        let id: i64 = self.tx.db.query_one(
            "SELECT coalesce(max(id), 0) + 1 FROM scopes",
            params![],
            |r| r.get(0),
        )?;
        let scope_key = Key::random();
        let vault_id = *self.tx.vault_id;
        let encoding = definition.encoding();
        let reference = KeyWrap::Scope(ScopeRef {
            id,
            name,
            definition: &encoding,
        });
        let wrapped = crypto::wrap_key(self.keys.vault_key()?, &vault_id, &reference, &scope_key);
        let held = |held: Held, key: &Key| {
            crypto::wrap_key(
                &scope_key,
                &vault_id,
                &KeyWrap::Held { scope_id: id, held },
                key,
            )
        };
        let state = held(Held::State, &self.state_key);
        let audit = held(Held::Audit, &self.audit_key()?);
        let (names, prefixes) = definition.columns();
        let now = now();
        self.tx.db.execute(
            "INSERT INTO scopes (id, name, names, prefixes, key_nonce, wrapped_key, state_nonce,
                                 state_key, audit_nonce, audit_key, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![
                id,
                name,
                names,
                prefixes,
                &wrapped.nonce[..],
                wrapped.ciphertext,
                &state.nonce[..],
                state.ciphertext,
                &audit.nonce[..],
                audit.ciphertext,
                now
            ],
        )?;
        self.keys.insert_scope_key(id, scope_key);
        let row = self.tx.scope_by_id(id)?.expect("just inserted");
        self.sync_all(&row)
    }

    /// `scope edit`: gives scope `name` a new definition; keys are shared with the secrets it
    /// now lists and withdrawn from those it no longer does (flagged for rotation when a slot
    /// opens the scope). Needs a full credential.
    pub fn edit_scope(&mut self, name: &str, definition: Definition) -> Result<Membership> {
        self.full_credential()?;
        let row = self
            .tx
            .scope(name)?
            .ok_or_else(|| Error::NoSuchScope(name.into()))?;
        // Proves the stored definition, then rewraps the same key under the new one.
        let vault_id = *self.tx.vault_id;
        let key = copy(scope_key(&self.tx, self.keys, &row)?);
        let encoding = definition.encoding();
        let reference = KeyWrap::Scope(ScopeRef {
            id: row.id,
            name,
            definition: &encoding,
        });
        let wrapped = crypto::wrap_key(self.keys.vault_key()?, &vault_id, &reference, &key);
        let (names, prefixes) = definition.columns();
        self.tx.db.execute(
            "UPDATE scopes SET names = ?1, prefixes = ?2, key_nonce = ?3, wrapped_key = ?4,
                               updated_at = ?5 WHERE id = ?6",
            params![
                names,
                prefixes,
                &wrapped.nonce[..],
                wrapped.ciphertext,
                now(),
                row.id
            ],
        )?;
        let row = self.tx.scope_by_id(row.id)?.expect("just updated");
        self.sync_all(&row)
    }

    /// `scope remove`: deletes scope `name` and every key it holds; refused while a slot opens
    /// it. Needs a full credential.
    pub fn remove_scope(&mut self, name: &str) -> Result<()> {
        self.full_credential()?;
        let row = self
            .tx
            .scope(name)?
            .ok_or_else(|| Error::NoSuchScope(name.into()))?;
        let slots = self.tx.scope_slot_labels(row.id)?;
        if !slots.is_empty() {
            return Err(Error::ScopeInUse {
                scope: name.into(),
                slots,
            });
        }
        // Proves the row is a full credential's before acting on it.
        scope_key(&self.tx, self.keys, &row)?;
        self.tx.db.execute(
            "DELETE FROM scope_keys WHERE scope_id = ?1",
            params![row.id],
        )?;
        self.tx
            .db
            .execute("DELETE FROM scopes WHERE id = ?1", params![row.id])?;
        Ok(())
    }

    /// Unwraps scope `name`'s key into the cache, for [`Keys::make_scoped_slot`]; returns its
    /// id. Needs a full credential.
    pub fn scope_for_slot(&mut self, name: &str) -> Result<i64> {
        self.full_credential()?;
        let row = self
            .tx
            .scope(name)?
            .ok_or_else(|| Error::NoSuchScope(name.into()))?;
        scope_key(&self.tx, self.keys, &row)?;
        Ok(row.id)
    }

    /// Adds a scoped slot made by [`Keys::make_scoped_slot`]. The scope must still have the
    /// key the slot was made for: after a concurrent change, [`Error::KeysChanged`].
    pub fn add_scoped_slot(
        &mut self,
        label: &str,
        slot: &SlotMaterial,
        grant: &SlotGrant,
    ) -> Result<i64> {
        self.full_credential()?;
        let row = self
            .tx
            .scope_by_id(grant.scope_id)?
            .ok_or(Error::KeysChanged)?;
        let cached = Key::fill_with(|k| {
            k.copy_from_slice(
                self.keys
                    .scope_key(row.id)
                    .expect("unwrapped before")
                    .expose(),
            )
        });
        self.keys.forget_scope_keys();
        let stored = scope_key(&self.tx, self.keys, &row)?;
        if !crypto::ct_eq(stored.expose(), cached.expose()) {
            return Err(Error::KeysChanged);
        }
        self.insert_new_slot(label, slot, Some(grant))
    }

    /// After a scoped slot of scope `scope_id` is removed: flags every secret the scope holds
    /// (the removed credential could read them) and gives the scope a new key, wrapped for
    /// each remaining slot, so the removed credential opens nothing written from now on.
    pub(super) fn revoke(&mut self, scope_id: i64, label: &str) -> Result<String> {
        let row = self
            .tx
            .scope_by_id(scope_id)?
            .ok_or_else(|| tampered(format!("unlock slot {label:?} (its scope is gone)")))?;
        let reason = format!("readable by the removed slot {label:?}");
        for meta in self.list("")? {
            let id = meta.id.expect("an authenticated head has an id");
            if self.tx.scope_holds(row.id, &id)? {
                self.tx.flag(&id, meta.version, &reason)?;
            }
        }
        self.rekey_scope(&row)?;
        Ok(row.name)
    }

    /// Gives scope `row` a new key: every wrap it holds, its copies of the state and audit
    /// keys and every remaining slot's copy are made again under the new key.
    fn rekey_scope(&mut self, row: &ScopeRow) -> Result<()> {
        let vault_id = *self.tx.vault_id;
        let old = copy(scope_key(&self.tx, self.keys, row)?);
        let new = Key::random();
        for (secret_id, version, sealed) in self.tx.scope_wraps(row.id)? {
            let at = KeyWrap::Version {
                scope_id: row.id,
                secret_id: &secret_id,
                version,
            };
            let version_key = crypto::unwrap_key(&old, &vault_id, &at, &sealed)?;
            let sealed = crypto::wrap_key(&new, &vault_id, &at, &version_key);
            self.tx
                .put_scope_wrap(row.id, &secret_id, version, &sealed)?;
        }
        let (state_key, audit_key) = (copy(&self.state_key), self.audit_key()?);
        self.store_scope_keys(row, &new, &state_key, &audit_key, None)?;
        for slot in self.tx.slots()? {
            let Some(grant) = slot.grant.as_ref().filter(|g| g.scope_id == row.id) else {
                continue;
            };
            let link_key = self.link_key(&slot, grant)?;
            // Only a slot that holds the current scope key gets the new one: a removed slot put
            // back (its holder has the state key, so it can forge the row's binding) holds an
            // older one, and must not be re-keyed into the scope.
            if !grants(&vault_id, &slot, grant, &link_key, &old) {
                return Err(tampered(format!(
                    "unlock slot {:?} (its keys for the scope {:?})",
                    slot.label, row.name
                )));
            }
            let granted = KeyWrap::Granted {
                scope_id: row.id,
                salt: &slot.material.salt,
            };
            let sealed = crypto::wrap_key(&link_key, &vault_id, &granted, &new);
            self.tx.db.execute(
                "UPDATE slots SET grant_nonce = ?1, grant_key = ?2 WHERE id = ?3",
                params![&sealed.nonce[..], sealed.ciphertext, slot.id],
            )?;
            self.rebind.push(slot.id);
        }
        self.keys.forget_scope_keys();
        self.keys.insert_scope_key(row.id, new);
        Ok(())
    }

    /// Stores scope `row`'s key wrapped under the vault key (or `vault_key`, a new one), and
    /// the state and audit keys wrapped under the scope key.
    fn store_scope_keys(
        &mut self,
        row: &ScopeRow,
        scope_key: &Key,
        state_key: &Key,
        audit_key: &Key,
        vault_key: Option<&Key>,
    ) -> Result<()> {
        let vault_id = *self.tx.vault_id;
        let encoding = row.definition.encoding();
        let vault_key = match vault_key {
            Some(key) => key,
            None => self.keys.vault_key()?,
        };
        let wrapped = crypto::wrap_key(
            vault_key,
            &vault_id,
            &row.reference(&encoding, &row.name),
            scope_key,
        );
        let held = |held: Held, key: &Key| {
            crypto::wrap_key(
                scope_key,
                &vault_id,
                &KeyWrap::Held {
                    scope_id: row.id,
                    held,
                },
                key,
            )
        };
        let state = held(Held::State, state_key);
        let audit = held(Held::Audit, audit_key);
        self.tx.db.execute(
            "UPDATE scopes SET key_nonce = ?1, wrapped_key = ?2, state_nonce = ?3, state_key = ?4,
                               audit_nonce = ?5, audit_key = ?6 WHERE id = ?7",
            params![
                &wrapped.nonce[..],
                wrapped.ciphertext,
                &state.nonce[..],
                state.ciphertext,
                &audit.nonce[..],
                audit.ciphertext,
                row.id
            ],
        )?;
        Ok(())
    }

    /// For a new vault key and state key (see `rotation`): every scope key and every scoped
    /// slot's link key is wrapped under `vault_key`, and `state_key` under every scope key.
    /// Called before the vault key in the cache is replaced.
    pub(super) fn rewrap_scopes(&mut self, vault_key: &Key, state_key: &Key) -> Result<()> {
        let vault_id = *self.tx.vault_id;
        let audit_key = self.audit_key()?;
        for row in self.tx.scopes()? {
            let scope = copy(scope_key(&self.tx, self.keys, &row)?);
            self.store_scope_keys(&row, &scope, state_key, &audit_key, Some(vault_key))?;
        }
        for slot in self.tx.slots()? {
            let Some(grant) = &slot.grant else {
                continue;
            };
            let link_key = self.link_key(&slot, grant)?;
            let link = KeyWrap::Link {
                scope_id: grant.scope_id,
                salt: &slot.material.salt,
            };
            let sealed = crypto::wrap_key(vault_key, &vault_id, &link, &link_key);
            self.tx.db.execute(
                "UPDATE slots SET link_nonce = ?1, link_key = ?2 WHERE id = ?3",
                params![&sealed.nonce[..], sealed.ciphertext, slot.id],
            )?;
        }
        Ok(())
    }

    /// A scoped slot's link key, unwrapped under the vault key.
    fn link_key(&self, slot: &SlotRow, grant: &SlotGrant) -> Result<Key> {
        let at = KeyWrap::Link {
            scope_id: grant.scope_id,
            salt: &slot.material.salt,
        };
        Ok(crypto::unwrap_key(
            self.keys.vault_key()?,
            self.tx.vault_id,
            &at,
            &grant.link,
        )?)
    }

    /// After version `version` of `name` was sealed anew under `version_key` (re-encryption),
    /// every scope that held its old key `old` gets the new one. A scope's row is believed only
    /// when the scope's definition (bound to its key) lists the name and the row opens to the
    /// old key: `scope_keys` rows can be planted by anyone who can write the file, and
    /// re-wrapping a planted row would hand the scope a real key.
    pub(super) fn reshare_version(
        &mut self,
        id: &SecretId,
        name: &str,
        version: i64,
        old: Option<&Key>,
        version_key: &Key,
    ) -> Result<()> {
        if self.tx.format < schema::SCOPED_SINCE {
            return Ok(());
        }
        let vault_id = *self.tx.vault_id;
        for (scope_id, sealed) in self.tx.wraps_of_version(id, version)? {
            let planted = || {
                tampered(format!(
                    "a scope's key for {name} version {version} (the scope does not hold it: the row was planted)"
                ))
            };
            let row = self.tx.scope_by_id(scope_id)?.ok_or_else(planted)?;
            if !row.definition.matches(name) {
                return Err(planted());
            }
            let key = scope_key(&self.tx, self.keys, &row)?;
            let at = KeyWrap::Version {
                scope_id,
                secret_id: id,
                version,
            };
            let held = crypto::unwrap_key(key, &vault_id, &at, &sealed).map_err(|_| planted())?;
            if !old.is_some_and(|old| crypto::ct_eq(old.expose(), held.expose())) {
                return Err(planted());
            }
            let sealed = crypto::wrap_key(key, &vault_id, &at, version_key);
            self.tx.put_scope_wrap(scope_id, id, version, &sealed)?;
        }
        Ok(())
    }
}

impl Session<'_> {
    /// Checks every scope for `verify` (full credential): its key opens under its definition,
    /// each key it holds opens and is the key its version is sealed under, it holds one for
    /// every kept version of each secret it lists and none for any other, and each of its slots'
    /// link keys opens and wraps its scope key. Returns each problem with the scope's name;
    /// O(wraps + versions of listed secrets).
    pub fn check_scopes(&mut self) -> Result<Vec<(String, Error)>> {
        self.full_credential()?;
        let mut problems = Vec::new();
        let vault_id = *self.tx.vault_id;
        // Heads that fail are verify's findings already; the scopes are checked against the rest.
        let heads: Vec<SecretMeta> = self
            .check_heads()?
            .0
            .into_iter()
            .filter(|check| check.problem.is_none())
            .map(|check| check.meta)
            .collect();
        let slots = self.tx.slots()?;
        for row in self.tx.scopes()? {
            let scope_key = match scope_key(&self.tx, self.keys, &row) {
                Ok(key) => copy(key),
                Err(err) => {
                    problems.push((row.name.clone(), err));
                    continue;
                }
            };
            let mut expected = Vec::new();
            for meta in heads.iter().filter(|m| row.definition.matches(&m.name)) {
                let id = meta.id.expect("an authenticated head has an id");
                for version in meta.kept.listed(meta.version) {
                    expected.push((id, version, meta));
                }
            }
            let wraps = match self.tx.scope_wraps(row.id) {
                Ok(wraps) => wraps,
                Err(err) => {
                    problems.push((row.name.clone(), err));
                    continue;
                }
            };
            for (id, version, meta) in &expected {
                let Some((_, _, sealed)) = wraps.iter().find(|(i, v, _)| i == id && v == version)
                else {
                    problems.push((
                        row.name.clone(),
                        tampered(format!(
                            "the scope {:?} (it lists {}, but holds no key for its version {version})",
                            row.name, meta.name
                        )),
                    ));
                    continue;
                };
                let at = KeyWrap::Version {
                    scope_id: row.id,
                    secret_id: id,
                    version: *version,
                };
                let held = crypto::unwrap_key(&scope_key, &vault_id, &at, sealed);
                let actual = match self.tx.version_row(&meta.name, *version) {
                    Ok(Some((key_id, sealing, _))) => stored_version_key(
                        &self.tx,
                        self.keys,
                        (&meta.name, id, *version),
                        (key_id, sealing),
                    ),
                    Ok(None) => Err(super::session::missing_version(&meta.name, *version)),
                    Err(err) => Err(err),
                };
                let same = match (&held, &actual) {
                    (Ok(held), Ok(Some(actual))) => crypto::ct_eq(held.expose(), actual.expose()),
                    // No scope holds the key of a version sealed directly under a data key.
                    _ => false,
                };
                if !same {
                    problems.push((
                        row.name.clone(),
                        tampered(format!(
                            "the scope {:?}'s key for {} version {version}",
                            row.name, meta.name
                        )),
                    ));
                }
            }
            let strays = wraps
                .iter()
                .filter(|(i, v, _)| {
                    !expected
                        .iter()
                        .any(|(id, version, _)| id == i && version == v)
                })
                .count();
            if strays > 0 {
                problems.push((
                    row.name.clone(),
                    tampered(format!(
                        "the scope {:?} (it holds {strays} key{} of versions it does not list)",
                        row.name,
                        if strays == 1 { "" } else { "s" }
                    )),
                ));
            }
            for slot in &slots {
                let Some(grant) = slot.grant.as_ref().filter(|g| g.scope_id == row.id) else {
                    continue;
                };
                let opens = self
                    .link_key(slot, grant)
                    .is_ok_and(|link| grants(&vault_id, slot, grant, &link, &scope_key));
                if !opens {
                    problems.push((
                        row.name.clone(),
                        tampered(format!(
                            "unlock slot {:?} (its keys for the scope {:?})",
                            slot.label, row.name
                        )),
                    ));
                }
            }
        }
        Ok(problems)
    }
}

/// Whether scoped `slot` holds `scope_key` under its link key `link`.
fn grants(
    vault_id: &crypto::VaultId,
    slot: &SlotRow,
    grant: &SlotGrant,
    link: &Key,
    scope_key: &Key,
) -> bool {
    let at = KeyWrap::Granted {
        scope_id: grant.scope_id,
        salt: &slot.material.salt,
    };
    crypto::unwrap_key(link, vault_id, &at, &grant.granted)
        .is_ok_and(|key| crypto::ct_eq(key.expose(), scope_key.expose()))
}

/// The key a stored version is sealed under, as a full credential reaches it: derived from
/// its data key, or through a scope for one a scoped credential wrote; `None` for a version
/// sealed directly under its data key (formats 1 to 5), which no scope can hold.
pub(super) fn stored_version_key(
    tx: &Tx,
    keys: &mut Keys,
    (name, id, version): (&str, &SecretId, i64),
    (key_id, sealing): (i64, Sealing),
) -> Result<Option<Key>> {
    match sealing {
        Sealing::Direct => Ok(None),
        Sealing::Derived => {
            let data_key = keys::data_key(tx, keys, key_id)?;
            Ok(Some(crypto::derive_version_key(
                data_key, id, name, version,
            )))
        }
        Sealing::Scoped => shared_version_key(tx, keys, id, name, version).map(Some),
        Sealing::Unknown(code) => Err(tampered(format!(
            "the value of {name} version {version} (unknown sealing {code})"
        ))),
    }
}

/// A copy of `key`, for holding it while the cache it came from is borrowed again.
fn copy(key: &Key) -> Key {
    Key::fill_with(|k| k.copy_from_slice(key.expose()))
}
