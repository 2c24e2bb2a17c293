//! The vault file: opening, creating, transactions and typed row access.
//!
//! Invariants: nothing here prints or prompts. A file is inspected (owner, mode, directory,
//! SQLite header) before SQLite touches it, so a non-vault is refused without being modified,
//! and the rollback journal beside it is vetted before every transaction (see `journal`), since
//! SQLite applies a hot journal whenever it takes a lock afresh. Every connection runs with
//! SQLite's defensive mode, with triggers, views and untrusted schema disabled, a rollback
//! journal, `synchronous=EXTRA`, `secure_delete=ON` and temporary storage in memory; a vault
//! that belongs to another user is refused, even to root. The header, schema and
//! vault id are read in one read transaction. Every write is one `BEGIN IMMEDIATE` transaction
//! that journals pages 1 and 2 first, so concurrent processes queue on the busy timeout instead
//! of losing updates, and a lock held past it is [`Error::Busy`] wherever it happens.

mod file;
mod journal;
mod keyring;
mod rotation;
mod schema;
mod tx;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior};

use crate::crypto::{self, Credential, Key, VaultId};
use crate::time::now;

pub use keyring::{Keyring, SlotCheck, Survey};
pub use rotation::KeyStatus;
pub use tx::{SecretMeta, SecretUpdate, SlotRow, Tx};

/// Failures of the vault layer that callers act on. Each variant maps to one exit status.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no vault at {}", .0.display())]
    Missing(PathBuf),
    #[error("a vault already exists at {}", .0.display())]
    Exists(PathBuf),
    #[error("{} is not a sealbox vault: {why}", path.display())]
    NotAVault { path: PathBuf, why: String },
    #[error("the vault {} is corrupt: {why}", path.display())]
    Corrupt { path: PathBuf, why: String },
    #[error("the vault {} has format version {found}, newer than this sealbox's {supported}", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the vault {} is writable by other users (mode {mode:03o})", path.display())]
    UnsafePermissions { path: PathBuf, mode: u32 },
    #[error("the vault {} belongs to another user (uid {owner})", path.display())]
    UnsafeOwner { path: PathBuf, owner: u32 },

    #[error(
        "the vault's directory {} {why}, so someone else could replace the vault or plant files beside it",
        dir.display()
    )]
    UnsafeDirectory {
        dir: PathBuf,
        why: String,
        hint: String,
    },
    #[error("refusing the rollback journal {}: {why}; nothing was read or changed", journal.display())]
    ForeignJournal {
        vault: PathBuf,
        journal: PathBuf,
        why: String,
    },
    #[error("refusing the rollback journal {}: {why}; nothing was read or changed", journal.display())]
    UntrustedJournal { journal: PathBuf, why: String },
    #[error(
        "refusing to create a vault beside the rollback journal {}: it was left by an earlier file of this name, and SQLite would apply it to the new vault; nothing was created",
        .0.display()
    )]
    LeftoverJournal(PathBuf),
    #[error("{0}")]
    Storage(Fault),
    #[error("the vault stayed locked by another process past the busy timeout")]
    Busy,
    #[error(transparent)]
    Crypto(#[from] crypto::Error),
    // The source is printed by the error chain, after the context.
    #[error("{context}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    #[error("SQLite failed unexpectedly: {0}")]
    Sqlite(rusqlite::Error),
    #[error("the vault is damaged: {0}")]
    Damaged(String),
    #[error("unsupported: {0}")]
    Unsupported(String),
    #[error("there is no unlock slot labelled {0:?}")]
    NoSuchSlot(String),
    #[error("an unlock slot labelled {0:?} already exists")]
    SlotExists(String),
    #[error("{0:?} is the vault's last unlock slot; removing it would lock everyone out")]
    LastSlot(String),
    #[error(
        "another sealbox changed the vault's keys while this one was running; nothing was changed by this one"
    )]
    KeysChanged,
    #[error(
        "{untried} passphrase slot{} not tried: the credential was tried against {tried} slot{} already, and one more would exceed the most key-derivation work one unlock may do ({} MiB x passes of Argon2id)",
        if *.untried == 1 { " was" } else { "s were" },
        if *.tried == 1 { "" } else { "s" },
        crypto::MAX_WORK / 1024
    )]
    WorkLimit { tried: usize, untried: usize },
    #[error(
        "the vault already has {0} passphrase slots, as many as one unlock's key-derivation work reaches; nothing was changed"
    )]
    TooManyPassphraseSlots(u64),
}

/// A file-system failure under SQLite, classified so that the message can say what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// No space left (SQLITE_FULL).
    Full,
    /// The directory cannot take SQLite's journal (SQLITE_READONLY_DIRECTORY).
    ReadOnlyDirectory,
    /// The file or its file system is read-only (SQLITE_READONLY).
    ReadOnly,
    /// A journal left by an interrupted write must be rolled back, but the vault is read-only
    /// (SQLITE_READONLY_ROLLBACK).
    ReadOnlyRollback,
    /// The vault file was moved or replaced while sealbox had it open (SQLITE_READONLY_DBMOVED).
    Moved,
    /// The journal could not be deleted, which ends every write and every rollback: the
    /// directory is not writable, or another process removed it first (SQLITE_IOERR_DELETE).
    JournalDelete,
    /// A file beside the vault could not be opened or created (SQLITE_CANTOPEN).
    CannotOpen,
    /// The operating system refused access (SQLITE_PERM).
    Permission,
    /// Another I/O error, with SQLite's extended code.
    Io(i32),
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fault::Full => f.write_str("the file system is full"),
            Fault::ReadOnlyDirectory => f.write_str(
                "its directory is read-only, and a write needs room for a journal file beside the vault",
            ),
            Fault::ReadOnly => f.write_str("the file or its file system is read-only"),
            Fault::ReadOnlyRollback => f.write_str(
                "an interrupted write left a journal that must be rolled back first, which needs write access",
            ),
            Fault::Moved => f.write_str("the vault file was moved or replaced while sealbox ran"),
            Fault::JournalDelete => {
                f.write_str("the journal beside it could not be deleted, or vanished while in use")
            }
            Fault::CannotOpen => {
                f.write_str("a file beside the vault could not be created or opened")
            }
            Fault::Permission => f.write_str("permission denied"),
            Fault::Io(code) => write!(f, "an input/output error (SQLite code {code})"),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        // A cell of the wrong type or range can only come from an edited file: STRICT tables
        // keep sealbox's own writes typed.
        if let rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) = err
        {
            return Error::Damaged(err.to_string());
        }
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Error::Damaged(err.to_string())
            }
            Some(ErrorCode::DiskFull) => Error::Storage(Fault::Full),
            Some(ErrorCode::ReadOnly) => {
                Error::Storage(match err.sqlite_error().map(|e| e.extended_code) {
                    Some(rusqlite::ffi::SQLITE_READONLY_DIRECTORY) => Fault::ReadOnlyDirectory,
                    Some(rusqlite::ffi::SQLITE_READONLY_DBMOVED) => Fault::Moved,
                    Some(rusqlite::ffi::SQLITE_READONLY_ROLLBACK) => Fault::ReadOnlyRollback,
                    _ => Fault::ReadOnly,
                })
            }
            Some(ErrorCode::CannotOpen) => Error::Storage(Fault::CannotOpen),
            Some(ErrorCode::PermissionDenied) => Error::Storage(Fault::Permission),
            Some(ErrorCode::SystemIoFailure)
                if err.sqlite_error().map(|e| e.extended_code)
                    == Some(rusqlite::ffi::SQLITE_IOERR_DELETE) =>
            {
                Error::Storage(Fault::JournalDelete)
            }
            Some(ErrorCode::SystemIoFailure) => {
                Error::Storage(Fault::Io(err.sqlite_error().map_or(0, |e| e.extended_code)))
            }
            _ => Error::Sqlite(err),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An open vault.
pub struct Vault {
    conn: Connection,
    id: VaultId,
    /// The path as given (for messages) and with symlinks resolved (for every file beside it).
    path: PathBuf,
    resolved: PathBuf,
    /// The uid that owns the vault file (which must own its journal too), and its device and
    /// inode as inspected.
    owner: u32,
    identity: (u64, u64),
    busy_timeout: Duration,
    /// Whether the file must be made 0600 before the next write (see [`file::tighten`]).
    loose_mode: Cell<bool>,
}

/// What a caller learned while opening, for it to report.
#[derive(Debug, Default)]
pub struct OpenNotes {
    /// The vault file is readable by other users.
    pub readable_by_others: bool,
}

impl Vault {
    /// Opens an existing vault, migrating it forward if it was written by an older sealbox.
    ///
    /// The header, schema and vault id are read in one read transaction, so a concurrent
    /// commit is either wholly before or wholly after them; a lock held past the timeout is
    /// [`Error::Busy`] wherever it happens, never damage.
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<(Self, OpenNotes)> {
        let inspected = file::inspect(path, busy_timeout)?;
        // SQLite refuses a file shorter than its header says as "malformed" as soon as it
        // reads the schema; the length check says it in words a user can act on.
        let explain = |err: Error| match err {
            Error::Damaged(_) => file::check_length(path, &inspected.resolved)
                .err()
                .unwrap_or(err),
            err => err,
        };
        let conn = connect(&inspected.resolved, busy_timeout).map_err(explain)?;
        let id = (|| {
            let tx = Transaction::begin(&conn, TransactionBehavior::Deferred)?;
            let found = identify(&conn, path, &inspected.resolved)?;
            tx.commit()?;
            Ok(found)
        })()
        .map_err(explain)?;
        // An older format is upgraded by the first write, not here: a vault on read-only media
        // (or checked out by git) stays readable, and unchanged by commands that only read.
        let vault = Self {
            conn,
            id,
            path: path.to_owned(),
            resolved: inspected.resolved,
            owner: inspected.owner,
            identity: inspected.identity,
            busy_timeout,
            loose_mode: Cell::new(inspected.others_mode != 0),
        };
        Ok((vault, inspected.notes))
    }

    /// Creates a new vault at `path` whose first slot (labelled `label`) opens with `credential`.
    ///
    /// The file is built under a temporary name in the same directory and linked into place only
    /// when complete, so a crash leaves either no vault or a whole one; linking (rather than
    /// renaming) refuses to replace a vault that appeared meanwhile.
    pub fn create(
        path: &Path,
        credential: &Credential,
        label: &str,
        busy_timeout: Duration,
    ) -> Result<Self> {
        if path.symlink_metadata().is_ok() {
            return Err(Error::Exists(path.to_owned()));
        }
        // SQLite would apply a journal left by an earlier vault of this name to the new one.
        let journal = journal::path(path);
        if journal.symlink_metadata().is_ok() {
            return Err(Error::LeftoverJournal(journal));
        }
        // A directory the vault would be refused in is refused before anything is created.
        let parent = file::parent_dir(path);
        if parent.exists() {
            file::check_directory(parent, rustix::process::geteuid().as_raw())?;
        }
        let staging = file::Staging::create(path)?;
        let vault_key = Key::random();
        let id = crypto::random_vault_id();
        {
            let conn = connect(staging.path(), busy_timeout)?;
            let tx = Transaction::begin(&conn, TransactionBehavior::Immediate)?;
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
            schema::migrate(&conn, 0)?;
            conn.execute(
                "INSERT INTO vault (id, vault_id, created_at) VALUES (1, ?1, ?2)",
                (&id[..], now()),
            )?;
            let tx_view = Tx::new(&conn, &id);
            tx_view.insert_data_key(&vault_key, 1)?;
            tx_view.insert_slot(label, &crypto::create_slot(&id, credential, &vault_key)?)?;
            tx.commit()?;
        }
        staging.publish(path)?;
        let (vault, _) = Self::open(path, busy_timeout)?;
        Ok(vault)
    }

    /// Unlocks the vault with `credential`, trying only slots of the credential's kind (or the
    /// one named by `slot`).
    pub fn unlock(&self, credential: &Credential, slot: Option<&str>) -> Result<Keyring> {
        self.read(|tx| Keyring::unlock(tx, credential, slot))
    }

    /// Tries `credential` against every slot (or only `slot`) and reports each, for `verify`.
    pub fn survey(&self, credential: &Credential, slot: Option<&str>) -> Result<Survey> {
        self.read(|tx| Keyring::survey(tx, credential, slot))
    }

    /// Runs SQLite's `PRAGMA integrity_check`; returns its complaints (empty when intact).
    ///
    /// It runs in a read transaction like every other statement, so the journal is vetted
    /// before SQLite takes its lock (see `journal`).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.read(|tx| {
            let mut stmt = tx.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
            let mut problems = Vec::new();
            for row in rows {
                let row = row?;
                if row != "ok" {
                    problems.push(row);
                }
            }
            Ok(problems)
        })
    }

    /// Runs `f` in a read transaction, so everything it reads is one consistent snapshot.
    pub fn read<T, E: From<Error>>(&self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        self.transaction(TransactionBehavior::Deferred, f)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction, committed only if `f` succeeds.
    pub fn write<T, E: From<Error>>(
        &mut self,
        f: impl FnOnce(&Tx) -> Result<T, E>,
    ) -> Result<T, E> {
        self.transaction(TransactionBehavior::Immediate, f)
    }

    fn transaction<T, E: From<Error>>(
        &self,
        behavior: TransactionBehavior,
        f: impl FnOnce(&Tx) -> Result<T, E>,
    ) -> Result<T, E> {
        // SQLite looks for a hot journal whenever it takes a lock afresh, not only at open.
        journal::vet(&self.resolved, self.owner, self.busy_timeout)?;
        let write = matches!(behavior, TransactionBehavior::Immediate);
        if write && self.loose_mode.get() {
            file::tighten(&self.resolved, self.owner, self.identity)?;
            self.loose_mode.set(false);
        }
        let tx = Transaction::begin(&self.conn, behavior)?;
        if write {
            self.prepare_write()?;
        }
        let value = f(&Tx::new(&self.conn, &self.id))?;
        tx.commit()?;
        Ok(value)
    }
}

impl Vault {
    /// Starts every write the same way, inside its `BEGIN IMMEDIATE`: the format version is
    /// rewritten (so page 1 is the journal's first record), an older format is upgraded, and
    /// the generation is raised with this transaction's token, the random nonce SQLite has just
    /// written into the journal's header (so page 2 is the second record, and a journal can be
    /// tied to the file whether or not the row was written back; see `journal`).
    fn prepare_write(&self) -> Result<()> {
        let conn = &self.conn;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        conn.pragma_update(None, "user_version", version)?;
        let supported = schema::current_version();
        if version < supported {
            schema::migrate(conn, version)?;
            schema::check(conn, supported)?.map_err(|why| Error::Corrupt {
                path: self.path.clone(),
                why,
            })?;
        }
        let token = journal::nonce(&self.resolved).map_err(|source| Error::Io {
            context: format!(
                "cannot read the journal of {} during a write",
                self.path.display()
            ),
            source,
        })?;
        conn.execute(
            "UPDATE vault SET generation = generation + 1, txn_token = ?1 WHERE id = 1",
            [&token[..]],
        )?;
        Ok(())
    }
}

/// Reads the vault id, checking the application id, the file's length, the format version and
/// the schema on the way; the caller holds a read transaction.
fn identify(conn: &Connection, path: &Path, resolved: &Path) -> Result<VaultId> {
    let not_a_vault = |why: &str| Error::NotAVault {
        path: path.to_owned(),
        why: why.into(),
    };
    let corrupt = |why: String| Error::Corrupt {
        path: path.to_owned(),
        why,
    };
    // The first read takes SQLite's shared lock (applying a journal that `file` vetted), so
    // from here on no other process can change the file until the transaction ends.
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != schema::APPLICATION_ID {
        return Err(not_a_vault("its SQLite application id is not sealbox's"));
    }
    file::check_length(path, resolved)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = schema::current_version();
    if version > supported {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found: version,
            supported,
        });
    }
    schema::check(conn, version)?.map_err(corrupt)?;
    let id = conn
        .query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| {
            r.get::<_, Vec<u8>>(0)
        })
        .optional()?
        .ok_or_else(|| corrupt("it has no vault id".into()))?;
    let id = VaultId::try_from(id.as_slice())
        .map_err(|_| corrupt("its vault id is malformed".into()))?;
    Ok(id)
}

/// A transaction on a shared connection, rolled back on drop unless committed.
///
/// rusqlite's own `Transaction` needs `&mut Connection`; this one lets read and write helpers
/// share `&self` while still guaranteeing rollback on every early return.
struct Transaction<'c> {
    conn: &'c Connection,
    done: bool,
}

impl<'c> Transaction<'c> {
    fn begin(conn: &'c Connection, behavior: TransactionBehavior) -> Result<Self> {
        let write = matches!(behavior, TransactionBehavior::Immediate);
        conn.execute_batch(if write {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN DEFERRED"
        })?;
        Ok(Self { conn, done: false })
    }

    fn commit(mut self) -> Result<()> {
        self.done = true;
        self.conn.execute_batch("COMMIT")?;
        Ok(())
    }
}

impl Drop for Transaction<'_> {
    fn drop(&mut self) {
        if !self.done {
            // Nothing useful can be done if rollback itself fails; SQLite rolls back on close.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

/// Opens SQLite on a file that [`file`] has already vetted, with the hardening settings.
fn connect(path: &Path, busy_timeout: Duration) -> Result<Connection> {
    // The path is already resolved; a symlink put in its place since is refused.
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_NOFOLLOW;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.busy_timeout(busy_timeout)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    // Rollback journal: `file::inspect` refuses WAL-mode files and DELETE is SQLite's default
    // journal mode, so no pragma (and no write) is needed to get it.
    conn.pragma_update(None, "secure_delete", true)?;
    // EXTRA also syncs the directory after the journal is deleted, which is the commit: a
    // write that exited 0 survives a power loss.
    conn.pragma_update(None, "synchronous", "EXTRA")?;
    // Sorting and temporary tables stay in memory: no temporary file outside the vault's
    // directory ever holds vault pages.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::Credential;

    fn key() -> Credential {
        Credential::Key(Key::fill_with(|k| *k = [7; 32]))
    }

    /// A hot journal of a transaction on `src` (another copy), as a kill would leave it.
    fn crash_journal(src: &Path) -> Vec<u8> {
        let conn = Connection::open(src).unwrap();
        conn.pragma_update(None, "synchronous", "OFF").unwrap();
        conn.execute_batch(
            "BEGIN IMMEDIATE; PRAGMA user_version = 2;
             UPDATE vault SET generation = generation + 1; UPDATE slots SET created_at = 0;",
        )
        .unwrap();
        std::fs::read(journal::path(src)).unwrap()
    }

    #[test]
    fn a_journal_planted_after_opening_is_refused_before_the_next_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vault.db");
        let timeout = Duration::from_secs(1);
        let mut vault = Vault::create(&path, &key(), "default", timeout).unwrap();
        let old = dir.path().join("old.db");
        std::fs::copy(&path, &old).unwrap();
        let mut keyring = vault.unlock(&key(), None).unwrap();
        let update = SecretUpdate::default();
        vault
            .write(|tx| tx.put(&mut keyring, "A", b"v", &update))
            .unwrap();
        std::fs::write(journal::path(&path), crash_journal(&old)).unwrap();
        let before = std::fs::read(&path).unwrap();
        let refused = vault.read(|tx| tx.secret("A"));
        assert!(
            matches!(refused, Err(Error::ForeignJournal { .. })),
            "{refused:?}"
        );
        let refused = vault.integrity_check();
        assert!(
            matches!(refused, Err(Error::ForeignJournal { .. })),
            "{refused:?}"
        );
        let refused = vault.write(|tx| tx.put(&mut keyring, "B", b"v", &update));
        assert!(
            matches!(refused, Err(Error::ForeignJournal { .. })),
            "{refused:?}"
        );
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "the vault was changed"
        );
    }
}
