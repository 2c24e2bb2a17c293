//! The team vault: the same rows in a PostgreSQL database, opened, created and used in
//! transactions that give the guarantees the file's locks give.
//!
//! Invariants: every transaction first locks the vault row, `FOR SHARE` to read and `FOR
//! UPDATE` to write, and every write changes that row (it raises the generation), so a read
//! sees no commit in the middle of it (READ COMMITTED then reads one state, as SQLite's shared
//! lock does) and writers queue; a lock not granted within the busy timeout (`lock_timeout`) is
//! [`Error::Busy`]. The format version lives in `meta`, not in `user_version`. Creating a vault
//! takes a transaction-scoped advisory lock, so two `init`s cannot both succeed, and one on a
//! database that already holds a vault is [`Error::Exists`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::schema;
use super::store::postgres::{PgConn, Target};
use super::store::{Db, params};
use super::{Error, Result};
use crate::crypto::VaultId;

/// The advisory lock key under which a vault is created in a database ("SBX1").
const CREATE_LOCK: i64 = 0x5342_5831;

/// A transaction on the team vault, rolled back on drop unless committed.
pub(super) struct Transaction<'c> {
    conn: &'c PgConn,
    done: bool,
}

impl<'c> Transaction<'c> {
    /// Begins, and takes the vault row's lock (shared to read, exclusive to write).
    pub fn begin(conn: &'c PgConn, write: bool) -> Result<Self> {
        conn.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        conn.set_in_transaction(true);
        let transaction = Self { conn, done: false };
        let lock = if write {
            "SELECT 1 FROM vault WHERE id = 1 FOR UPDATE"
        } else {
            "SELECT 1 FROM vault WHERE id = 1 FOR SHARE"
        };
        let db: &dyn Db = conn;
        db.query_opt(lock, params![], |_| Ok(()))?
            .ok_or_else(|| Error::Damaged("the vault row is missing".into()))?;
        Ok(transaction)
    }

    /// Begins without touching the vault row (it may not exist yet, or an audit record of a
    /// failed unlock needs a transaction of its own).
    pub fn begin_bare(conn: &'c PgConn) -> Result<Self> {
        conn.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        conn.set_in_transaction(true);
        Ok(Self { conn, done: false })
    }

    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.set_in_transaction(false);
        self.conn.batch("COMMIT")
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.conn.set_in_transaction(false);
            // The server rolls back on its own when the connection ends.
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

/// The tables of a team vault at the current format.
const TABLES: &str = "'meta', 'vault', 'slots', 'data_keys', 'secrets', 'versions', 'scopes',
    'scope_keys', 'exposed', 'audit_log'";

/// The format version in `meta`; `None` when the database holds no vault (neither `meta` nor
/// `vault`). Tables of those names that are not sealbox's are [`Error::NotAVault`], naming
/// `shown`, so a message never blames another vault (the source of a `vault copy`).
pub(super) fn format(db: &dyn Db, shown: &Path) -> Result<Option<i64>> {
    let not_a_vault = |why: &str| Error::NotAVault {
        path: shown.to_owned(),
        why: why.into(),
    };
    let (meta, vault, columns): (bool, bool, i64) = db.query_one(
        "SELECT to_regclass('meta') IS NOT NULL, to_regclass('vault') IS NOT NULL,
                (SELECT count(*) FROM pg_attribute
                 WHERE attrelid = to_regclass('meta') AND NOT attisdropped
                   AND attname IN ('key', 'value'))",
        params![],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    match (meta, vault) {
        (false, false) => return Ok(None),
        (true, _) if columns != 2 => {
            return Err(not_a_vault(
                "it has a table named meta that is not sealbox's",
            ));
        }
        (false, true) => {
            return Err(Error::Corrupt {
                path: shown.to_owned(),
                why: "its meta table, which holds the format, is missing".into(),
            });
        }
        _ => {}
    }
    db.query_opt(
        "SELECT value FROM meta WHERE key = 'format'",
        params![],
        |r| r.get(0),
    )?
    .map(Some)
    .ok_or_else(|| Error::Corrupt {
        path: shown.to_owned(),
        why: "its meta table holds no format".into(),
    })
}

/// Refuses a vault whose tables carry triggers or rules, row security or child tables, or are
/// not plain tables (every catalog name qualified, so a schema put first in the search path
/// cannot stand in for them): a server
/// (or a role that can alter them) could otherwise rewrite what sealbox writes as it writes
/// it. A server can always refuse or undo a write; this makes it do so in the open.
pub(super) fn check_tables(db: &dyn Db, shown: &Path) -> Result<()> {
    let plain: i64 = db.query_one(
        &format!(
            "SELECT pg_catalog.count(*) FROM pg_catalog.pg_class c
             WHERE c.oid IN (SELECT pg_catalog.to_regclass(t)
                             FROM pg_catalog.unnest(ARRAY[{TABLES}]) AS t)
               AND c.relkind = 'r' AND NOT c.relhassubclass AND NOT c.relrowsecurity
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = c.oid)
               AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_rewrite WHERE ev_class = c.oid)"
        ),
        params![],
        |r| r.get(0),
    )?;
    if plain != 10 {
        return Err(crate::crypto::Error::Tampered(format!(
            "the tables of {} (one is missing, is not a plain table, or has a trigger or a rule)",
            shown.display()
        ))
        .into());
    }
    Ok(())
}

/// Checks that `found` is a format this sealbox reads.
pub(super) fn check_format(found: i64, shown: &Path) -> Result<()> {
    let supported = schema::current_version();
    if found > supported {
        return Err(Error::TooNew {
            path: shown.to_owned(),
            found,
            supported,
        });
    }
    if found < schema::TEAM_SINCE {
        return Err(Error::Corrupt {
            path: shown.to_owned(),
            why: format!("its format version {found} is older than any team vault"),
        });
    }
    Ok(())
}

/// Connects and reads the vault id, checking the format on the way.
pub(super) fn open(target: &Target, busy_timeout: Duration) -> Result<(PgConn, VaultId)> {
    let shown = PathBuf::from(target.shown());
    let conn = target.connect(busy_timeout)?;
    let id = {
        let transaction = Transaction::begin_bare(&conn)?;
        let db: &dyn Db = &conn;
        let found = format(db, &shown)?.ok_or_else(|| Error::Missing(shown.clone()))?;
        check_format(found, &shown)?;
        check_tables(db, &shown)?;
        let raw: Vec<u8> = db
            .query_opt(
                "SELECT vault_id FROM vault WHERE id = 1 FOR SHARE",
                params![],
                |r| r.get(0),
            )?
            .ok_or_else(|| Error::Corrupt {
                path: shown.clone(),
                why: "it has no vault id".into(),
            })?;
        transaction.commit()?;
        VaultId::try_from(raw.as_slice()).map_err(|_| Error::Corrupt {
            path: shown.clone(),
            why: "its vault id is malformed".into(),
        })?
    };
    Ok((conn, id))
}

/// Creates the schema and the vault row in a transaction the caller commits, after the first
/// slot and keys are in; [`Error::Exists`] if the database holds a vault already.
pub(super) fn create<'c>(
    conn: &'c PgConn,
    shown: &Path,
    id: &VaultId,
    now: i64,
) -> Result<Transaction<'c>> {
    let transaction = create_empty(conn, shown)?;
    let db: &dyn Db = conn;
    db.execute(
        "INSERT INTO vault (id, vault_id, created_at, generation) VALUES (1, ?1, ?2, 0)",
        params![&id[..], now],
    )?;
    Ok(transaction)
}

/// Creates the schema, without a vault row, in a transaction the caller commits (`vault copy`
/// fills it); [`Error::Exists`] if the database holds a vault already.
pub(super) fn create_empty<'c>(conn: &'c PgConn, shown: &Path) -> Result<Transaction<'c>> {
    let transaction = Transaction::begin_bare(conn)?;
    let db: &dyn Db = conn;
    db.query_one(
        "SELECT pg_advisory_xact_lock(?1)",
        params![CREATE_LOCK],
        |_| Ok(()),
    )?;
    if format(db, shown)?.is_some() {
        return Err(Error::Exists(shown.to_owned()));
    }
    conn.batch(schema::TEAM_SCHEMA)?;
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('format', ?1)",
        params![schema::current_version()],
    )?;
    Ok(transaction)
}

/// Starts a write: migrates an older team format (none yet: team vaults begin at format 7)
/// and raises the generation.
pub(super) fn prepare_write(db: &dyn Db, version: i64) -> Result<()> {
    if version < schema::current_version() {
        return Err(Error::Unsupported(format!(
            "no migration of a team vault from format {version}"
        )));
    }
    let raised = db.execute(
        "UPDATE vault SET generation = generation + 1, txn_token = NULL
         WHERE id = 1 AND generation < 9223372036854775807",
        params![],
    )?;
    if raised != 1 {
        return Err(Error::Damaged(
            "the vault row is missing or at an impossible generation".into(),
        ));
    }
    Ok(())
}
