//! The `secrets` and `versions` tables: a secret's head (name, id, version range, metadata and
//! the tag that authenticates them) and its sealed versions.
//!
//! These are the rows as stored, read without a credential: `list` and `check` show them as
//! they are. [`super::Session`] checks a head's tag before any command acts on it with a
//! credential. From format 3 the current version is a column of the head, covered by its tag;
//! before, it was derived from the version rows. Format 3 keeps every version from `kept_from`
//! on; format 4 lists the kept versions exactly (`kept`), since retention and `delete
//! --version` remove versions, and carries the secret's own retention limit (`keep`).

use super::store::{Row, params};

use crate::crypto::{Head, Kept, SECRET_ID_LEN, Sealed, SecretId};

use super::{Error, Result, Tx};

/// A secret's metadata; never its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretMeta {
    pub name: String,
    /// The current version.
    pub version: i64,
    /// Which versions are stored.
    pub kept: KeptVersions,
    /// This secret's retention limit (`set --keep`); `None`: the vault's default.
    pub keep: Option<i64>,
    pub description: Option<String>,
    /// Rotation period in seconds.
    pub rotate_every: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    /// The secret's id and head tag (format 3; `None` in older formats or an edited file).
    pub(super) id: Option<SecretId>,
    pub(super) tag: Option<Vec<u8>>,
}

impl SecretMeta {
    /// When the secret is due for rotation: its last update plus its rotation period.
    pub fn rotation_due(&self) -> Option<i64> {
        self.rotate_every
            .map(|every| self.updated_at.saturating_add(every))
    }

    /// The head as its tag covers it.
    pub(super) fn head<'a>(&'a self, id: &'a SecretId) -> Head<'a> {
        Head {
            secret_id: id,
            name: &self.name,
            version: self.version,
            kept: match &self.kept {
                KeptVersions::From(from) => Kept::From(*from),
                KeptVersions::Set(versions) => Kept::Set {
                    versions,
                    keep: self.keep,
                },
            },
            description: self.description.as_deref(),
            rotate_every: self.rotate_every,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// The versions a head says are stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeptVersions {
    /// Formats 1 to 3: every version from this one to the current one.
    From(i64),
    /// Format 4: exactly these, ascending.
    Set(Vec<i64>),
}

impl KeptVersions {
    pub fn contains(&self, version: i64, current: i64) -> bool {
        match self {
            KeptVersions::From(from) => (*from..=current).contains(&version),
            KeptVersions::Set(versions) => versions.binary_search(&version).is_ok(),
        }
    }

    /// How many versions are kept.
    pub fn count(&self, current: i64) -> i64 {
        match self {
            KeptVersions::From(from) => (current - from + 1).max(0),
            KeptVersions::Set(versions) => versions.len() as i64,
        }
    }

    /// The kept versions, oldest first (format 4), for `history`.
    pub fn listed(&self, current: i64) -> Vec<i64> {
        match self {
            KeptVersions::From(from) => (*from..=current).collect(),
            KeptVersions::Set(versions) => versions.clone(),
        }
    }

    /// The version before `version` that is kept, if any.
    pub fn before(&self, version: i64) -> Option<i64> {
        match self {
            KeptVersions::From(from) => (version > *from).then(|| version - 1),
            KeptVersions::Set(versions) => versions.iter().rev().find(|&&v| v < version).copied(),
        }
    }
}

/// Metadata changes that come with a new version; `None` keeps what is stored.
#[derive(Debug, Default)]
pub struct SecretUpdate {
    pub description: Option<String>,
    pub rotate_every: Option<i64>,
    /// How many versions this secret keeps from now on (`set --keep`).
    pub keep: Option<i64>,
}

/// One stored version as read by [`Tx::each_version`]; `sealed` says what is malformed, if
/// anything.
#[derive(Debug)]
pub struct VersionRow {
    pub name: String,
    pub version: i64,
    pub key_id: i64,
    pub sealing: Sealing,
    pub sealed: Result<Sealed, String>,
}

/// How a version is sealed (format 6 stores it; every earlier version is [`Sealing::Direct`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sealing {
    /// Directly under its data key, as formats 1 to 5 sealed every value.
    Direct,
    /// Under a version key derived from its data key (see `crypto::derive_version_key`).
    Derived,
    /// Under a random version key that only scopes hold: written by a scoped credential.
    Scoped,
    /// A number no sealbox writes: an edited row.
    Unknown(i64),
}

impl Sealing {
    pub(super) fn code(self) -> i64 {
        match self {
            Sealing::Direct => 0,
            Sealing::Derived => 1,
            Sealing::Scoped => 2,
            Sealing::Unknown(code) => code,
        }
    }

    pub(super) fn from_code(code: i64) -> Self {
        match code {
            0 => Sealing::Direct,
            1 => Sealing::Derived,
            2 => Sealing::Scoped,
            other => Sealing::Unknown(other),
        }
    }
}

/// A stored version's data key id, sealing and sealed value.
pub(super) type StoredVersion = (i64, Sealing, Result<Sealed, String>);

/// Format 4 lists the kept versions and the retention limit in the head.
const COLUMNS: &str = "name, description, rotate_every, created_at, updated_at, version, kept_from,
    secret_id, head_mac, kept, keep";
/// Format 3 stores the version range and the tag in the head.
const V3_COLUMNS: &str = "name, description, rotate_every, created_at, updated_at, version,
    kept_from, secret_id, head_mac, NULL, NULL";
/// Formats 1 and 2 derive the version range from the rows.
const LEGACY_COLUMNS: &str = "name, description, rotate_every, created_at, updated_at,
    (SELECT max(version) FROM versions v WHERE v.name = s.name),
    (SELECT min(version) FROM versions v WHERE v.name = s.name), NULL, NULL, NULL, NULL";

impl Tx<'_> {
    fn columns(&self) -> &'static str {
        if self.format >= super::schema::KEPT_SETS_SINCE {
            COLUMNS
        } else if self.format >= super::schema::AUTHENTICATED_SINCE {
            V3_COLUMNS
        } else {
            LEGACY_COLUMNS
        }
    }

    /// One secret's head as stored, or `None` if no such name is stored. Not authenticated:
    /// see [`super::Session::secret`].
    pub fn secret(&self, name: &str) -> Result<Option<SecretMeta>> {
        let sql = format!("SELECT {} FROM secrets s WHERE name = ?1", self.columns());
        let meta = self.db.query_opt(&sql, params![name], secret_meta)?;
        meta.map(versioned).transpose()
    }

    /// One secret's head exactly as stored, even one without a version (for `delete`).
    pub(super) fn secret_row(&self, name: &str) -> Result<Option<SecretMeta>> {
        let sql = format!("SELECT {} FROM secrets s WHERE name = ?1", self.columns());
        self.db.query_opt(&sql, params![name], secret_meta)
    }

    /// Heads of every secret whose name starts with `prefix`, sorted by name, as stored (a
    /// head with no version reads as version 0; only an edited or damaged file has one).
    pub fn list(&self, prefix: &str) -> Result<Vec<SecretMeta>> {
        // The range walks the primary key's index (byte order on both backends), so a prefix
        // costs what it matches, not the whole table; the prefix test keeps the meaning exact.
        // U+10FFFF sorts after every character a name can continue with.
        let sql = format!(
            "SELECT {} FROM secrets s WHERE name >= ?1 AND name < ?2
               AND substr(name, 1, length(?1)) = ?1 ORDER BY name",
            self.columns()
        );
        let end = format!("{prefix}\u{10FFFF}");
        self.db.query_all(&sql, params![prefix, end], secret_meta)
    }

    /// Every head as stored, without refusing malformed ones (for `verify`).
    pub(super) fn each_head(&self, mut f: impl FnMut(SecretMeta) -> Result<()>) -> Result<()> {
        let sql = format!("SELECT {} FROM secrets s ORDER BY name", self.columns());
        self.db
            .query_each(&sql, params![], |row| f(secret_meta(row)?))
    }

    /// Writes a head (inserting or replacing the row of its name), in this format's layout.
    pub(super) fn write_head(&self, meta: &SecretMeta, id: &SecretId, tag: &[u8]) -> Result<()> {
        let (kept_from, kept) = match &meta.kept {
            KeptVersions::From(from) => (*from, None),
            KeptVersions::Set(versions) => (
                versions.first().copied().unwrap_or(meta.version),
                Some(crate::crypto::versions_bytes(versions)),
            ),
        };
        let sql = if self.format >= super::schema::KEPT_SETS_SINCE {
            "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at,
                                  version, kept_from, secret_id, head_mac, kept, keep)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT (name) DO UPDATE SET
                description = ?2, rotate_every = ?3, created_at = ?4, updated_at = ?5,
                version = ?6, kept_from = ?7, secret_id = ?8, head_mac = ?9, kept = ?10,
                keep = ?11"
        } else {
            "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at,
                                  version, kept_from, secret_id, head_mac)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (name) DO UPDATE SET
                description = ?2, rotate_every = ?3, created_at = ?4, updated_at = ?5,
                version = ?6, kept_from = ?7, secret_id = ?8, head_mac = ?9"
        };
        if self.format >= super::schema::KEPT_SETS_SINCE {
            self.db.execute(
                sql,
                params![
                    meta.name,
                    meta.description,
                    meta.rotate_every,
                    meta.created_at,
                    meta.updated_at,
                    meta.version,
                    kept_from,
                    &id[..],
                    tag,
                    kept,
                    meta.keep
                ],
            )?;
        } else {
            self.db.execute(
                sql,
                params![
                    meta.name,
                    meta.description,
                    meta.rotate_every,
                    meta.created_at,
                    meta.updated_at,
                    meta.version,
                    kept_from,
                    &id[..],
                    tag
                ],
            )?;
        }
        Ok(())
    }

    /// Destroys one stored version (its bytes are overwritten: `secure_delete` is on); `false`
    /// if it was not stored.
    pub(super) fn delete_version(&self, name: &str, version: i64) -> Result<bool> {
        if self.format >= super::schema::SCOPED_SINCE {
            self.db.execute(
                "DELETE FROM scope_keys WHERE version = ?2
                       AND secret_id = (SELECT secret_id FROM secrets WHERE name = ?1)",
                params![name, version],
            )?;
        }
        Ok(self.db.execute(
            "DELETE FROM versions WHERE name = ?1 AND version = ?2",
            params![name, version],
        )? == 1)
    }

    /// Every stored version of `name`: number, data key and creation time, oldest first.
    pub fn version_list(&self, name: &str) -> Result<Vec<(i64, i64, i64)>> {
        self.db.query_all(
            "SELECT version, key_id, created_at FROM versions WHERE name = ?1 ORDER BY version",
            params![name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
    }

    /// The `sealing` column, or 0 before format 6.
    fn sealing_column(&self) -> &'static str {
        if self.format >= super::schema::SCOPED_SINCE {
            "sealing"
        } else {
            "0"
        }
    }

    /// The stored data key id, sealing and sealed value of one version; `None` if it is not
    /// stored.
    pub(super) fn version_row(&self, name: &str, version: i64) -> Result<Option<StoredVersion>> {
        let sql = format!(
            "SELECT key_id, {}, nonce, ciphertext FROM versions WHERE name = ?1 AND version = ?2",
            self.sealing_column()
        );
        self.db.query_opt(&sql, params![name, version], |row| {
            Ok((
                row.get::<i64>(0)?,
                Sealing::from_code(row.get(1)?),
                sealed(row, 2, 3)?,
            ))
        })
    }

    pub(super) fn insert_version(
        &self,
        name: &str,
        version: i64,
        (key_id, sealing): (i64, Sealing),
        sealed: &Sealed,
        created_at: i64,
    ) -> Result<()> {
        self.db.execute(
            "INSERT INTO versions (name, version, key_id, created_at, nonce, ciphertext, sealing)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                name,
                version,
                key_id,
                created_at,
                &sealed.nonce[..],
                sealed.ciphertext,
                sealing.code()
            ],
        )?;
        Ok(())
    }

    /// Replaces a version's ciphertext (re-encryption and upgrades), if it is still under
    /// `old_key`.
    pub(super) fn reseal_version(
        &self,
        name: &str,
        version: i64,
        old_key: i64,
        (new_key, sealing): (i64, Sealing),
        sealed: &Sealed,
    ) -> Result<()> {
        self.db.execute(
            "UPDATE versions SET key_id = ?1, nonce = ?2, ciphertext = ?3, sealing = ?7
                 WHERE name = ?4 AND version = ?5 AND key_id = ?6",
            params![
                new_key,
                &sealed.nonce[..],
                sealed.ciphertext,
                name,
                version,
                old_key,
                sealing.code()
            ],
        )?;
        Ok(())
    }

    /// Every stored version's name and number, sorted as `list` sorts names.
    pub(super) fn version_names(&self) -> Result<Vec<(String, i64)>> {
        self.db.query_all(
            "SELECT name, version FROM versions ORDER BY name, version",
            params![],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// When version `version` of `name` was stored.
    pub(super) fn version_created(&self, name: &str, version: i64) -> Result<i64> {
        self.db.query_one(
            "SELECT created_at FROM versions WHERE name = ?1 AND version = ?2",
            params![name, version],
            |r| r.get(0),
        )
    }

    /// Whether any version of `name` is stored.
    pub(super) fn has_versions(&self, name: &str) -> Result<bool> {
        Ok(self
            .db
            .query_opt(
                "SELECT 1 FROM versions WHERE name = ?1 LIMIT 1",
                params![name],
                |_| Ok(()),
            )?
            .is_some())
    }

    /// Removes `name`'s head and all its versions; returns how many versions there were.
    /// Every scope's keys for its versions go too; a flag that it is due for rotation stays
    /// (see [`Tx::clear_flags`]).
    pub(super) fn delete_rows(&self, name: &str) -> Result<usize> {
        if self.format >= super::schema::SCOPED_SINCE {
            self.db.execute(
                "DELETE FROM scope_keys
                     WHERE secret_id = (SELECT secret_id FROM secrets WHERE name = ?1)",
                params![name],
            )?;
        }
        let versions = self
            .db
            .execute("DELETE FROM versions WHERE name = ?1", params![name])?;
        self.db
            .execute("DELETE FROM secrets WHERE name = ?1", params![name])?;
        Ok(versions)
    }

    /// Calls `f` with every stored version (old ones included), streaming: one row in memory at
    /// a time. Used by `verify`.
    pub fn each_version(&self, mut f: impl FnMut(VersionRow) -> Result<()>) -> Result<()> {
        let sql = format!(
            "SELECT name, version, key_id, {}, nonce, ciphertext FROM versions
             ORDER BY name, version",
            self.sealing_column()
        );
        self.db.query_each(&sql, params![], |row| {
            f(VersionRow {
                name: row.get(0)?,
                version: row.get(1)?,
                key_id: row.get(2)?,
                sealing: Sealing::from_code(row.get(3)?),
                sealed: sealed(row, 4, 5)?,
            })
        })
    }
}

fn secret_meta(row: &dyn Row) -> Result<SecretMeta> {
    let id: Option<Vec<u8>> = row.get(7)?;
    let kept: Option<Vec<u8>> = row.get(9)?;
    let keep: Option<i64> = row.get(10)?;
    let kept_from = row.get::<Option<i64>>(6)?.unwrap_or(0);
    Ok(SecretMeta {
        name: row.get(0)?,
        description: row.get(1)?,
        rotate_every: row.get(2)?,
        created_at: row.get(3)?,
        updated_at: row.get(4)?,
        // No version at all is caught by `versioned`; 0 is never a stored version.
        version: row.get::<Option<i64>>(5)?.unwrap_or(0),
        // A malformed set reads as empty, which fails authentication like any other edit.
        kept: match (kept, keep) {
            (Some(bytes), _) => {
                KeptVersions::Set(crate::crypto::versions_from_bytes(&bytes).unwrap_or_default())
            }
            // A format-3 head has no limit of its own; one planted beside it would be used
            // unauthenticated, so the head reads as an empty set, which fails its tag.
            (None, Some(_)) => KeptVersions::Set(Vec::new()),
            (None, None) => KeptVersions::From(kept_from),
        },
        keep,
        // A malformed id reads as none, which fails authentication like any other edit.
        id: id.and_then(|id| <[u8; SECRET_ID_LEN]>::try_from(id.as_slice()).ok()),
        tag: row.get(8)?,
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
    crate::crypto::Error::Tampered(format!("the value of {name} version {version} ({why})")).into()
}

/// Reads a nonce and ciphertext pair; the inner error says what is malformed.
pub(super) fn sealed(
    row: &dyn Row,
    nonce: usize,
    ciphertext: usize,
) -> Result<Result<Sealed, String>> {
    let nonce: Vec<u8> = row.get(nonce)?;
    let ciphertext: Vec<u8> = row.get(ciphertext)?;
    Ok(match nonce.try_into() {
        Ok(nonce) => Ok(Sealed { nonce, ciphertext }),
        Err(_) => Err("malformed nonce".into()),
    })
}
