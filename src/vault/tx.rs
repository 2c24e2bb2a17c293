//! Typed access to the vault's rows inside one transaction.
//!
//! Names and metadata are plain columns; values exist here only as [`Sealed`] blobs going in and
//! [`SecretBytes`] coming out of a [`Keyring`]. A secret's current version is the highest stored
//! version, derived from the rows rather than kept in a counter that could disagree with them.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::crypto::{self, Argon2Params, Key, Sealed, SecretBytes, SlotKdf, SlotMaterial, VaultId};
use crate::time::now;

use super::{Error, Keyring, Result};

/// A view of the vault inside an open transaction.
pub struct Tx<'c> {
    pub(super) conn: &'c Connection,
    pub(super) vault_id: &'c VaultId,
}

/// An unlock slot as stored.
#[derive(Debug)]
pub struct SlotRow {
    pub id: i64,
    pub label: String,
    pub material: SlotMaterial,
    /// When this slot's current credential was set (Unix seconds).
    pub created_at: i64,
}

/// A slot's id, label, material (or why it cannot be read) and creation time.
pub type LenientSlot = (i64, String, Result<SlotMaterial>, i64);

/// A secret's metadata; never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMeta {
    pub name: String,
    pub version: i64,
    pub description: Option<String>,
    /// Rotation period in seconds.
    pub rotate_every: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// One stored version as read by [`Tx::each_version`]; `sealed` says what is malformed, if
/// anything.
#[derive(Debug)]
pub struct VersionRow {
    pub name: String,
    pub version: i64,
    pub key_id: i64,
    pub sealed: Result<Sealed, String>,
}

impl SecretMeta {
    /// When the secret is due for rotation: its last update plus its rotation period.
    pub fn rotation_due(&self) -> Option<i64> {
        self.rotate_every
            .map(|every| self.updated_at.saturating_add(every))
    }
}

/// Metadata changes that come with a new version; `None` keeps what is stored.
#[derive(Debug, Default)]
pub struct SecretUpdate {
    pub description: Option<String>,
    pub rotate_every: Option<i64>,
}

const SECRET_COLUMNS: &str = "name, description, rotate_every, created_at, updated_at,
    (SELECT max(version) FROM versions v WHERE v.name = s.name)";

impl<'c> Tx<'c> {
    pub(super) fn new(conn: &'c Connection, vault_id: &'c VaultId) -> Self {
        Self { conn, vault_id }
    }

    pub fn vault_id(&self) -> &VaultId {
        self.vault_id
    }

    /// Every unlock slot, in creation order.
    pub fn slots(&self) -> Result<Vec<SlotRow>> {
        self.slots_lenient()?
            .into_iter()
            .map(|(id, label, material, created_at)| {
                let material = material.map_err(|err| match err {
                    Error::Damaged(why) => Error::Damaged(format!("unlock slot {label:?}: {why}")),
                    other => other,
                })?;
                Ok(SlotRow {
                    id,
                    label,
                    material,
                    created_at,
                })
            })
            .collect()
    }

    /// Every unlock slot with its material or what is wrong with it, so one malformed slot
    /// does not hide the others (for `verify` and `slot list`).
    pub fn slots_lenient(&self) -> Result<Vec<LenientSlot>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce, wrapped_key,
                    created_at
             FROM slots ORDER BY id",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, slot_material(row)?, row.get(11)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether slot `id` still holds exactly `wrapped` as its wrapped vault key.
    pub(super) fn slot_wraps(&self, id: i64, wrapped: &Sealed) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM slots WHERE id = ?1 AND nonce = ?2 AND wrapped_key = ?3",
            )?
            .query_row(params![id, &wrapped.nonce[..], wrapped.ciphertext], |_| {
                Ok(())
            })
            .optional()?
            .is_some())
    }

    /// The labels of every slot but `own`, in creation order.
    pub fn other_slot_labels(&self, own: i64) -> Result<Vec<String>> {
        let slots = self.slots()?.into_iter();
        Ok(slots.filter(|s| s.id != own).map(|s| s.label).collect())
    }

    pub(super) fn insert_slot(&self, label: &str, slot: &SlotMaterial) -> Result<i64> {
        let (m, t, p) = super::rotation::kdf_columns(slot.kdf);
        self.conn.execute(
            "INSERT INTO slots (label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce,
                                wrapped_key, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                label,
                slot.kdf.kind().as_str(),
                m,
                t,
                p,
                slot.salt,
                slot.digest,
                slot.key_check,
                &slot.wrapped.nonce[..],
                slot.wrapped.ciphertext,
                now()
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The data key new values are sealed under: the newest one.
    pub(super) fn active_key_id(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT max(id) FROM data_keys", [], |r| {
                r.get::<_, Option<i64>>(0)
            })?
            .ok_or_else(|| Error::Damaged("the vault has no data key".into()))
    }

    pub(super) fn sealed_data_key(&self, id: i64) -> Result<Option<Sealed>> {
        self.conn
            .prepare_cached("SELECT nonce, wrapped_key FROM data_keys WHERE id = ?1")?
            .query_row([id], |row| sealed(row, 0, 1))
            .optional()?
            .map(|s| {
                s.map_err(|why| crypto::Error::Tampered(format!("data key {id} ({why})")).into())
            })
            .transpose()
    }

    /// Generates data key `id`, wraps it under the vault key and stores it.
    pub(super) fn insert_data_key(&self, vault_key: &Key, id: i64) -> Result<()> {
        let sealed = crypto::seal_data_key(vault_key, self.vault_id, id, &Key::random());
        self.conn.execute(
            "INSERT INTO data_keys (id, nonce, wrapped_key, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, &sealed.nonce[..], sealed.ciphertext, now()],
        )?;
        Ok(())
    }

    /// One secret's metadata, or `None` if no such name is stored.
    pub fn secret(&self, name: &str) -> Result<Option<SecretMeta>> {
        let sql = format!("SELECT {SECRET_COLUMNS} FROM secrets s WHERE name = ?1");
        let meta = (self.conn.prepare_cached(&sql)?)
            .query_row([name], secret_meta)
            .optional()?;
        meta.map(versioned).transpose()
    }

    /// Metadata of every secret whose name starts with `prefix`, sorted by name.
    pub fn list(&self, prefix: &str) -> Result<Vec<SecretMeta>> {
        let sql = format!(
            "SELECT {SECRET_COLUMNS} FROM secrets s
             WHERE substr(name, 1, length(?1)) = ?1 ORDER BY name"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([prefix], secret_meta)?;
        rows.map(|meta| versioned(meta?)).collect()
    }

    /// Decrypts the current version of a secret whose metadata was read in this transaction.
    pub fn current_value(&self, keyring: &mut Keyring, meta: &SecretMeta) -> Result<SecretBytes> {
        self.value(keyring, &meta.name, meta.version)?
            .ok_or_else(|| {
                Error::Damaged(format!("the current version of {} is missing", meta.name))
            })
    }

    /// Decrypts version `version` of `name`; `None` if that version is not stored.
    pub fn value(
        &self,
        keyring: &mut Keyring,
        name: &str,
        version: i64,
    ) -> Result<Option<SecretBytes>> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT key_id, nonce, ciphertext FROM versions WHERE name = ?1 AND version = ?2",
            )?
            .query_row(params![name, version], |row| {
                Ok((row.get::<_, i64>(0)?, sealed(row, 1, 2)?))
            })
            .optional()?;
        let Some((key_id, sealed)) = row else {
            return Ok(None);
        };
        let sealed = sealed.map_err(|why| malformed_value(name, version, &why))?;
        keyring.open(self, name, version, key_id, &sealed).map(Some)
    }

    /// Stores `value` as the next version of `name`, creating the secret if needed.
    /// Returns the new version number.
    pub fn put(
        &self,
        keyring: &mut Keyring,
        name: &str,
        value: &[u8],
        update: &SecretUpdate,
    ) -> Result<i64> {
        let now = now();
        let version = match self.secret(name)? {
            None => 1,
            // Only an edited file can hold the largest version; refuse it rather than overflow.
            Some(meta) => meta.version.checked_add(1).ok_or_else(|| {
                Error::Damaged(format!(
                    "{name} is at an impossible version {}",
                    meta.version
                ))
            })?,
        };
        let (key_id, sealed) = keyring.seal(self, name, version, value)?;
        self.conn
            .prepare_cached(
                "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)
                 ON CONFLICT (name) DO UPDATE SET
                    description = coalesce(?2, description),
                    rotate_every = coalesce(?3, rotate_every),
                    updated_at = ?4",
            )?
            .execute(params![name, update.description, update.rotate_every, now])?;
        self.conn
            .prepare_cached(
                "INSERT INTO versions (name, version, key_id, created_at, nonce, ciphertext)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                name,
                version,
                key_id,
                now,
                &sealed.nonce[..],
                sealed.ciphertext
            ])?;
        Ok(version)
    }

    /// Changes `name`'s metadata without storing a new version: `None` keeps a field,
    /// `Some(None)` removes it. `updated_at` is kept, since it dates the current value and the
    /// rotation period counts from it. `false` if `name` is not stored.
    pub fn update_meta(
        &self,
        name: &str,
        description: Option<Option<&str>>,
        rotate_every: Option<Option<i64>>,
    ) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE secrets SET
                    description = CASE WHEN ?2 THEN ?3 ELSE description END,
                    rotate_every = CASE WHEN ?4 THEN ?5 ELSE rotate_every END
                 WHERE name = ?1",
            )?
            .execute(params![
                name,
                description.is_some(),
                description.flatten(),
                rotate_every.is_some(),
                rotate_every.flatten()
            ])?;
        Ok(changed > 0)
    }

    /// Calls `f` with every stored version (old ones included), streaming: one row in memory at
    /// a time. Used by `verify`.
    pub fn each_version(&self, mut f: impl FnMut(VersionRow) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, version, key_id, nonce, ciphertext FROM versions ORDER BY name, version",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            f(VersionRow {
                name: row.get(0)?,
                version: row.get(1)?,
                key_id: row.get(2)?,
                sealed: sealed(row, 3, 4)?,
            })?;
        }
        Ok(())
    }

    /// Decrypts a row from [`Tx::each_version`].
    pub fn open_version(&self, keyring: &mut Keyring, row: &VersionRow) -> Result<SecretBytes> {
        let sealed = row.sealed.as_ref().map_err(|why| {
            crypto::Error::Tampered(format!(
                "the value of {} version {} ({why})",
                row.name, row.version
            ))
        })?;
        keyring.open(self, &row.name, row.version, row.key_id, sealed)
    }

    /// Every data key id, oldest first.
    pub fn data_key_ids(&self) -> Result<Vec<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM data_keys ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }

    /// Unwraps data key `id` with the keyring's vault key, to check it.
    pub fn check_data_key(&self, keyring: &mut Keyring, id: i64) -> Result<()> {
        keyring.data_key(self, id).map(|_| ())
    }

    /// Removes `name` and all its versions; `false` if it was not stored.
    pub fn delete(&self, name: &str) -> Result<bool> {
        self.conn
            .prepare_cached("DELETE FROM versions WHERE name = ?1")?
            .execute([name])?;
        let removed = self
            .conn
            .prepare_cached("DELETE FROM secrets WHERE name = ?1")?
            .execute([name])?;
        Ok(removed > 0)
    }
}

fn secret_meta(row: &Row) -> rusqlite::Result<SecretMeta> {
    Ok(SecretMeta {
        name: row.get(0)?,
        description: row.get(1)?,
        rotate_every: row.get(2)?,
        created_at: row.get(3)?,
        updated_at: row.get(4)?,
        // No version at all is caught by `versioned`; 0 is never a stored version.
        version: row.get::<_, Option<i64>>(5)?.unwrap_or(0),
    })
}

/// Refuses a secret without any stored version: sealbox writes a secret's first version in the
/// same transaction as the secret, so only an edited file has one.
fn versioned(meta: SecretMeta) -> Result<SecretMeta> {
    if meta.version > 0 {
        Ok(meta)
    } else {
        Err(Error::Damaged(format!(
            "{} has no stored version",
            meta.name
        )))
    }
}

/// A stored value whose row is malformed (such as a nonce of the wrong length).
pub(super) fn malformed_value(name: &str, version: i64, why: &str) -> Error {
    crypto::Error::Tampered(format!("the value of {name} version {version} ({why})")).into()
}

/// Reads a nonce and ciphertext pair; the inner error says what is malformed.
pub(super) fn sealed(
    row: &Row,
    nonce: usize,
    ciphertext: usize,
) -> rusqlite::Result<Result<Sealed, String>> {
    let nonce: Vec<u8> = row.get(nonce)?;
    let ciphertext: Vec<u8> = row.get(ciphertext)?;
    Ok(match nonce.try_into() {
        Ok(nonce) => Ok(Sealed { nonce, ciphertext }),
        Err(_) => Err("malformed nonce".into()),
    })
}

/// Reads a slot's stored material; the inner error says what is malformed or unsupported.
fn slot_material(row: &Row) -> rusqlite::Result<Result<SlotMaterial, Error>> {
    let kind: String = row.get(2)?;
    // Out-of-range numbers are clamped rather than rejected here: the slot's digest then fails,
    // which reports the edit as tampering.
    let clamp = |v: i64| u32::try_from(v).unwrap_or(if v < 0 { 0 } else { u32::MAX });
    let param = |i| row.get::<_, Option<i64>>(i).map(|v| v.map(clamp));
    let kdf = match (kind.as_str(), (param(3)?, param(4)?, param(5)?)) {
        ("passphrase", (Some(m_kib), Some(t), Some(p))) => {
            SlotKdf::Argon2id(Argon2Params { m_kib, t, p })
        }
        ("key", (None, None, None)) => SlotKdf::HkdfSha256,
        ("passphrase" | "key", _) => {
            return Ok(Err(Error::Damaged("malformed KDF parameters".into())));
        }
        _ => {
            return Ok(Err(Error::Unsupported(format!(
                "unknown unlock slot kind {kind:?}"
            ))));
        }
    };
    let wrapped = match sealed(row, 9, 10)? {
        Ok(wrapped) => wrapped,
        Err(why) => return Ok(Err(Error::Damaged(why))),
    };
    Ok(Ok(SlotMaterial {
        kdf,
        salt: row.get(6)?,
        digest: row.get(7)?,
        key_check: row.get(8)?,
        wrapped,
    }))
}
