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
//!
//! The audit log beside the vault (see `audit`) is written through the [`Recorder`] a command
//! attaches: a read session appends the command's record before returning what it read, a
//! write appends (and syncs) it before committing, and the vault row binds the log's head.

mod audit;
mod compact;
mod copy;
mod file;
mod freshness;
mod history;
mod journal;
mod keys;
mod rotation;
mod schema;
mod scopes;
mod secrets;
mod session;
mod slots;
mod state;
mod store;
mod team;
mod unlocking;
mod upgrade;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};

use crate::audit::{Outcome, Record};
use crate::crypto::{self, AuditHead, Credential, Key, Summary, VaultId};
use crate::time::now;
use store::Db;
use store::postgres::{PgConn, Target};

pub use audit::{ChainReport, Recorder};
pub use freshness::Freshness;
pub use history::{Transfer, VersionDeletion};
pub use keys::Keys;
pub use rotation::KeyStatus;
pub use schema::MAX_KEEP;
pub use scopes::{Definition, Membership, ScopeRow};
pub use secrets::{SecretMeta, SecretUpdate};
pub use session::Session;
use state::Authenticated;

pub use slots::SlotRow;
pub use unlocking::{SlotCheck, Survey};

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
    #[error(
        "the vault {} is older than one this account has opened: it is at generation {found}, and generation {seen} was seen before, so it was rolled back or put back from an older copy",
        path.display()
    )]
    RolledBack {
        path: PathBuf,
        found: i64,
        seen: i64,
    },
    #[error(
        "the vault {} is not the one this account opened there before (its id is {found}, the one seen there was {seen}): another vault was put in its place",
        path.display()
    )]
    OtherVault {
        path: PathBuf,
        seen: String,
        found: String,
    },
    #[error(
        "the vault {} has the id of a vault this account opened, but not that vault's keys: it is another vault made to pass for it",
        path.display()
    )]
    ForgedVault { path: PathBuf },
    #[error(
        "the vault {} has format {found}, older than the authenticated format this account opened it in (at generation {seen}): it was put back from a copy made before its upgrade",
        path.display()
    )]
    Downgraded {
        path: PathBuf,
        found: i64,
        seen: i64,
    },
    #[error("cannot append to the audit log {}", path.display())]
    AuditWrite {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "the audit log {} stayed locked by another process past the busy timeout",
        .0.display()
    )]
    AuditBusy(PathBuf),
    #[error("refusing the audit log {}: {why}", path.display())]
    AuditUnsafe { path: PathBuf, why: String },
    #[error("the audit log {} does not match the vault: {why}", path.display())]
    AuditBroken { path: PathBuf, why: String },
    #[error(
        "refusing to create a vault beside the audit log {}: it was left by an earlier vault of this name; nothing was created",
        .0.display()
    )]
    LeftoverAuditLog(PathBuf),
    #[error("{0}")]
    Storage(Fault),
    #[error("the vault stayed locked by another process past the busy timeout")]
    Busy,
    #[error("the team vault's server refused: {0}")]
    Server(String),
    #[error(
        "the connection to the team vault was lost ({0}); the server keeps a transaction whole or not at all, so nothing was half-done"
    )]
    Disconnected(String),
    #[error("cannot connect to the team vault {target}: {why}")]
    Unreachable { target: String, why: String },
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
    #[error("{0}")]
    BadLocation(String),
    #[error("denied: {0}")]
    Denied(String),
    #[error("denied: {0}")]
    NeedsFull(String),
    #[error("the unlock slot {label:?} expired on {on}")]
    Expired {
        label: String,
        on: String,
        /// The scope the slot opened, for the audit record of the refusal.
        scope: String,
    },
    #[error("there is no scope named {0:?}")]
    NoSuchScope(String),
    #[error("a scope named {0:?} already exists")]
    ScopeExists(String),
    #[error("the scope {scope:?} is opened by the unlock slot{} {}; remove {} first", if .slots.len() == 1 { "" } else { "s" }, .slots.join(", "), if .slots.len() == 1 { "it" } else { "them" })]
    ScopeInUse { scope: String, slots: Vec<String> },
    #[error("there is no unlock slot labelled {0:?}")]
    NoSuchSlot(String),
    #[error("an unlock slot labelled {0:?} already exists")]
    SlotExists(String),
    #[error("the unlock slot {0:?} is sealed to this recipient already")]
    RecipientHasSlot(String),
    #[error(
        "the vault already has {0} member slots, as many as one unlock tries; nothing was changed"
    )]
    TooManyMemberSlots(u64),
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
        "{untried} member slot{} not tried: one unlock tries at most {} member slots",
        if *.untried == 1 { " was" } else { "s were" },
        unlocking::MAX_MEMBER_SLOTS
    )]
    MemberLimit { untried: usize },
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
    backend: Backend,
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
    /// Where the highest generation seen is recorded, if anywhere, and who hears about a record
    /// that could not be written (which must not fail a command that has done its work).
    freshness: Option<Freshness>,
    warn: Box<dyn Fn(&str)>,
    warned: Cell<bool>,
    /// Accept an older generation than recorded, and record it (`verify --accept-restore`).
    accept_restore: Cell<bool>,
    /// Who records this command in the audit log; `None` only in the vault's own tests.
    recorder: Option<Rc<Recorder>>,
}

/// Where the rows are: the vault file, or a team vault's database.
enum Backend {
    File(Connection),
    Team(Rc<PgConn>),
}

/// What a write transaction appends to the audit log.
enum Bind<'a> {
    /// The command's record (once per process), then binds the log's head in the vault row.
    Record,
    /// Nothing, and the vault row keeps the head it had: an upgrade made on the way to the
    /// command's own work.
    Keep,
    /// `audit prune`: the records before this time go; how many is written to the cell.
    Prune(i64, &'a Cell<i64>),
    /// `audit restart`: a new log; where the old one went is written to the cell.
    Restart(&'a std::cell::RefCell<Option<PathBuf>>),
}

/// What a caller learned while opening, for it to report.
#[derive(Debug, Default)]
pub struct OpenNotes {
    /// The vault file is readable by other users.
    pub readable_by_others: bool,
}

/// What `verify` learns about the vault row, the slot bindings and freshness.
#[derive(Debug, Default)]
pub struct StateFindings {
    /// Each problem, with the label of the slot it concerns, if any.
    pub problems: Vec<(Option<String>, Error)>,
    /// The vault's generation, as its row says.
    pub generation: i64,
    /// The generation this account recorded before, when it is higher (a restore).
    pub restored_from: Option<i64>,
    /// The id of the vault this account opened at this path before, when it is another one.
    pub replaced: Option<String>,
    /// Whether the vault carries the id of one this account opened but not its audit key.
    pub forged: bool,
}

impl Vault {
    /// Opens an existing vault. An older format is upgraded by the first command that unlocks
    /// it (see [`Vault::unlock`]), never by one that only reads names and metadata.
    ///
    /// The header, schema and vault id are read in one read transaction, so a concurrent
    /// commit is either wholly before or wholly after them; a lock held past the timeout is
    /// [`Error::Busy`] wherever it happens, never damage.
    pub fn open(path: &Path, busy_timeout: Duration) -> Result<(Self, OpenNotes)> {
        if let Some(target) = team_target(path)? {
            let (conn, id) = team::open(&target, busy_timeout)?;
            return Ok((
                Self::team(conn, id, &target, busy_timeout),
                OpenNotes::default(),
            ));
        }
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
            let tx = Transaction::begin(&conn, false)?;
            let found = identify(&conn, path, &inspected.resolved)?;
            tx.commit()?;
            Ok(found)
        })()
        .map_err(explain)?;
        let vault = Self {
            backend: Backend::File(conn),
            id,
            path: path.to_owned(),
            resolved: inspected.resolved,
            owner: inspected.owner,
            identity: inspected.identity,
            busy_timeout,
            loose_mode: Cell::new(inspected.others_mode != 0),
            freshness: None,
            warn: Box::new(|_| {}),
            warned: Cell::new(false),
            accept_restore: Cell::new(false),
            recorder: None,
        };
        Ok((vault, inspected.notes))
    }

    fn team(conn: PgConn, id: VaultId, target: &Target, busy_timeout: Duration) -> Self {
        let shown = PathBuf::from(target.shown());
        Self {
            backend: Backend::Team(Rc::new(conn)),
            id,
            path: shown.clone(),
            resolved: shown,
            owner: rustix::process::geteuid().as_raw(),
            identity: (0, 0),
            busy_timeout,
            loose_mode: Cell::new(false),
            freshness: None,
            warn: Box::new(|_| {}),
            warned: Cell::new(false),
            accept_restore: Cell::new(false),
            recorder: None,
        }
    }

    /// Whether this is a team vault (for what only a file has: compaction, file modes).
    pub fn is_team(&self) -> bool {
        matches!(self.backend, Backend::Team(_))
    }

    /// Keeps freshness records under `dir` when it is this account's (see
    /// [`Freshness::for_account`]); `warn` hears about a record that cannot be kept or written.
    pub fn remember_in(&mut self, dir: PathBuf, warn: Box<dyn Fn(&str)>) {
        self.freshness = Freshness::for_account(dir.clone());
        if self.freshness.is_none() {
            warn(&format!(
                "rollback of the vault to an older copy is not tracked: {} is not this user's (is HOME someone else's?)",
                dir.display()
            ));
        }
        self.warn = warn;
    }

    /// Records this command in the vault's audit log through `recorder`.
    pub fn record_with(&mut self, recorder: Rc<Recorder>) {
        recorder.attach(self.audit_log(), self.id);
        self.recorder = Some(recorder);
    }

    /// The audit log beside the vault (for a team vault, its table, as shown in messages).
    pub fn audit_path(&self) -> PathBuf {
        match &self.backend {
            Backend::File(_) => audit::path(&self.resolved),
            Backend::Team(_) => PathBuf::from(format!("{} (table audit_log)", self.path.display())),
        }
    }

    fn audit_log(&self) -> audit::AuditLog {
        audit::AuditLog {
            path: self.audit_path(),
            owner: self.owner,
            busy_timeout: self.busy_timeout,
            table: match &self.backend {
                Backend::File(_) => None,
                Backend::Team(conn) => Some(conn.clone()),
            },
        }
    }

    /// Calls `f` with every record of the audit log, in order (or why a line is not one), as
    /// stored: nothing is authenticated here (see [`Vault::verify_audit`]). `false` when there
    /// is no log.
    pub fn each_audit_record(
        &self,
        mut f: impl FnMut(std::result::Result<Record, String>) -> Result<()>,
    ) -> Result<bool> {
        let mut line_no = 0;
        self.audit_log().each_line(|line, _, complete| {
            line_no += 1;
            if !complete {
                return Ok(());
            }
            f(serde_json::from_slice(line)
                .map_err(|err| format!("line {line_no} is not a sealbox audit record ({err})")))
        })
    }

    /// Verifies the audit log (see `audit::verify`) against the head the vault row records
    /// and `witness`; the vault must have been unlocked by this command.
    pub fn verify_audit(&self, witness: Option<AuditHead>) -> Result<ChainReport> {
        self.recorder
            .as_ref()
            .expect("a command records")
            .verify(witness)
    }

    /// Appends this command's record now (if it has none yet) and returns the log's head:
    /// for `audit head`, which prints the record it made.
    pub fn record_now(&self) -> Result<AuditHead> {
        let recorder = self.recorder.as_ref().expect("a command records");
        Ok(recorder
            .record(Outcome::Ok, false)?
            .unwrap_or(AuditHead::EMPTY))
    }

    /// `audit prune --before`: removes the records written before `before` (Unix seconds),
    /// except those from the last write's on, in one write transaction that binds the new
    /// log; returns how many were removed.
    pub fn prune_audit(&self, keys: &mut Keys, before: i64) -> Result<i64> {
        // Rewriting the log is the owner's: a scoped credential may not.
        keys.vault_key()?;
        let removed = Cell::new(0);
        self.write_inner(keys, Bind::Prune(before, &removed), |_| Ok::<_, Error>(()))?;
        Ok(removed.get())
    }

    /// `audit restart`: sets the log aside and starts a new one that continues from the
    /// record the vault row binds, in one write transaction; returns where the old log went.
    pub fn restart_audit(&self, keys: &mut Keys) -> Result<Option<PathBuf>> {
        // Rewriting the log is the owner's: a scoped credential may not.
        keys.vault_key()?;
        let aside = std::cell::RefCell::new(None);
        self.write_inner(keys, Bind::Restart(&aside), |_| Ok::<_, Error>(()))?;
        Ok(aside.into_inner())
    }

    /// Accepts (and records) a generation older than the one recorded, for a deliberate restore.
    pub fn accept_restore(&self) {
        self.accept_restore.set(true);
    }

    /// Creates a new vault at `path` whose first slot (labelled `label`) opens with `credential`;
    /// returns it with its keys.
    ///
    /// The file is built under a temporary name in the same directory and linked into place only
    /// when complete, so a crash leaves either no vault or a whole one; linking (rather than
    /// renaming) refuses to replace a vault that appeared meanwhile.
    pub fn create(
        path: &Path,
        credential: &Credential,
        label: &str,
        busy_timeout: Duration,
    ) -> Result<(Self, Keys)> {
        if let Some(target) = team_target(path)? {
            return Self::create_team(&target, credential, label, busy_timeout);
        }
        if path.symlink_metadata().is_ok() {
            return Err(Error::Exists(path.to_owned()));
        }
        // SQLite would apply a journal left by an earlier vault of this name to the new one.
        let journal = journal::path(path);
        if journal.symlink_metadata().is_ok() {
            return Err(Error::LeftoverJournal(journal));
        }
        // A log left by an earlier vault of this name would be chained onto, under a key that
        // cannot verify it.
        let log = audit::path(path);
        if log.symlink_metadata().is_ok() {
            return Err(Error::LeftoverAuditLog(log));
        }
        // A directory the vault would be refused in is refused before anything is created.
        let parent = file::parent_dir(path);
        if parent.exists() {
            file::check_directory(parent, rustix::process::geteuid().as_raw())?;
        }
        let staging = file::Staging::create(path)?;
        let vault_key = Key::random();
        let id = crypto::random_vault_id();
        let keys = {
            let conn = connect(staging.path(), busy_timeout)?;
            let transaction = Transaction::begin(&conn, true)?;
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
            schema::migrate(&conn, 0)?;
            conn.execute(
                "INSERT INTO vault (id, vault_id, created_at, generation) VALUES (1, ?1, ?2, 0)",
                (&id[..], now()),
            )?;
            let keys = fill_new(&conn, &id, vault_key, credential, label)?;
            transaction.commit()?;
            keys
        };
        staging.publish(path)?;
        let (vault, _) = Self::open(path, busy_timeout)?;
        Ok((vault, keys))
    }

    /// `create` on a team vault: the schema, the vault row, the first slot and the keys in
    /// one transaction.
    fn create_team(
        target: &Target,
        credential: &Credential,
        label: &str,
        busy_timeout: Duration,
    ) -> Result<(Self, Keys)> {
        let conn = target.connect(busy_timeout)?;
        let id = crypto::random_vault_id();
        let shown = PathBuf::from(target.shown());
        let keys = {
            let transaction = team::create(&conn, &shown, &id, now())?;
            let keys = fill_new(&conn, &id, Key::random(), credential, label)?;
            transaction.commit()?;
            keys
        };
        Ok((Self::team(conn, id, target, busy_timeout), keys))
    }

    /// Unlocks the vault with `credential`, trying only slots of the credential's kind (or the
    /// one named by `slot`), and authenticates the vault row and slots. A vault of an older
    /// format is upgraded here, in one write transaction: it is the first moment sealbox holds
    /// the keys the upgrade needs.
    pub fn unlock(&self, credential: &Credential, slot: Option<&str>) -> Result<Keys> {
        self.attempt();
        let (mut keys, format) = self.raw(false, |tx| -> Result<_> {
            let keys = unlocking::unlock(tx, credential, slot).inspect_err(|e| self.refused(e))?;
            if tx.format >= schema::AUDITED_SINCE {
                self.authenticate(tx, &keys)?;
            }
            Ok((keys, tx.format))
        })?;
        // An older format is upgraded now, so that this command's record is authenticated
        // under an audit key (which format 5 adds), the vault row binds the log, and every
        // session reads the current format.
        if format < schema::current_version() {
            self.write_inner(&mut keys, Bind::Keep, |_| Ok::<_, Error>(()))?;
        }
        Ok(keys)
    }

    /// Tells the recorder which scoped slot an expired credential is, so its refusal names it.
    fn refused(&self, err: &Error) {
        if let (Some(recorder), Error::Expired { label, scope, .. }) = (&self.recorder, err) {
            recorder.refused(label, scope);
        }
    }

    fn attempt(&self) {
        if let Some(recorder) = &self.recorder {
            recorder.attempt();
        }
    }

    /// Unlocks and runs `f` in one authenticated read transaction: what a command that only
    /// reads needs, with one lock instead of two. Returns the keys too. An older format is
    /// upgraded first, as [`Vault::unlock`] does.
    pub fn unlock_and_read<T, E: From<Error>>(
        &self,
        credential: &Credential,
        slot: Option<&str>,
        f: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<(T, Keys), E> {
        let mut f = Some(f);
        self.attempt();
        let attempt = self.raw(false, |tx| -> Result<_, E> {
            let mut keys =
                unlocking::unlock(tx, credential, slot).inspect_err(|e| self.refused(e))?;
            if tx.format < schema::current_version() {
                return Ok(Err(keys));
            }
            let state = self.authenticate(tx, &keys)?;
            let tx = Tx::new(tx.db, &self.id, tx.format);
            let mut session = Session::new(tx, &mut keys, state);
            let f = f.take().expect("called once");
            let value = self.read_and_record(&mut session, f)?;
            Ok(Ok((value, keys)))
        })?;
        match attempt {
            Ok(done) => Ok(done),
            Err(mut keys) => {
                self.write_inner(&mut keys, Bind::Keep, |_| Ok::<_, Error>(()))?;
                let f = f.take().expect("not called yet");
                let value = self.read_unlocked(&mut keys, f)?;
                Ok((value, keys))
            }
        }
    }

    /// Tries `credential` against every slot (or only `slot`) and reports each, for `verify`;
    /// upgrades an older format as [`Vault::unlock`] does, when a slot opens.
    pub fn survey(&self, credential: &Credential, slot: Option<&str>) -> Result<Survey> {
        self.attempt();
        let (mut survey, format) = self.raw(false, |tx| -> Result<_> {
            Ok((unlocking::survey(tx, credential, slot)?, tx.format))
        })?;
        if format < schema::current_version()
            && let Some(keys) = survey.0.as_mut()
        {
            self.write_inner(keys, Bind::Keep, |_| Ok::<_, Error>(()))?;
        }
        Ok(survey)
    }

    /// Runs SQLite's `PRAGMA integrity_check`; returns its complaints (empty when intact).
    ///
    /// It runs in a read transaction like every other statement, so the journal is vetted
    /// before SQLite takes its lock (see `journal`).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        // A team vault's pages are the server's to check (`amcheck`); what sealbox can check,
        // every row's authentication, `verify` checks as on a file.
        if self.is_team() {
            return Ok(Vec::new());
        }
        self.raw(false, |tx| -> Result<_> {
            let rows: Vec<String> =
                (tx.db).query_all("PRAGMA integrity_check", store::params![], |r| r.get(0))?;
            Ok(rows.into_iter().filter(|row| row != "ok").collect())
        })
    }

    /// Runs `f` in a read transaction on the rows as stored, without a credential: names and
    /// metadata in clear, not authenticated. A generation lower than this account has seen is
    /// still refused, since an honest rollback (an older copy put back) shows here too.
    pub fn read<T, E: From<Error>>(&self, f: impl FnOnce(&Tx) -> Result<T, E>) -> Result<T, E> {
        self.raw(false, |tx| {
            if tx.format < schema::AUTHENTICATED_SINCE {
                self.check_not_downgraded(tx.format)?;
            }
            if tx.format >= schema::GENERATION_SINCE && !self.accept_restore.get() {
                let generation = tx.generation()?;
                self.check_fresh(generation, false)?;
            }
            f(tx)
        })
    }

    /// Runs `f` in an authenticated read transaction (see [`Session`]).
    pub fn read_unlocked<T, E: From<Error>>(
        &self,
        keys: &mut Keys,
        f: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<T, E> {
        self.raw(false, |tx| {
            let state = self.authenticate(tx, keys)?;
            let tx = Tx::new(tx.db, &self.id, tx.format);
            let mut session = Session::new(tx, keys, state);
            self.read_and_record(&mut session, f)
        })
    }

    /// Runs `f` in a read session, then appends the command's record before anything `f`
    /// returned (a value) can leave: if the record cannot be written, the value is dropped.
    fn read_and_record<T, E: From<Error>>(
        &self,
        session: &mut Session,
        f: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<T, E> {
        let result = f(session);
        let Some(recorder) = &self.recorder else {
            return result;
        };
        recorder.touch(&mut session.touched);
        let value = result?;
        recorder.record(Outcome::Ok, false)?;
        Ok(value)
    }

    /// Runs `f` in an authenticated read transaction that does not stop at the first problem
    /// with the vault row, the slots or freshness: `verify` reports them all. `None` is passed
    /// when the state key does not open, since then no head can be checked.
    pub fn inspect_unlocked<T, E: From<Error>>(
        &self,
        keys: &mut Keys,
        f: impl FnOnce(StateFindings, Option<&mut Session>) -> Result<T, E>,
    ) -> Result<T, E> {
        self.raw(false, |tx| {
            let mut report = state::check_state(tx, keys)?;
            let forged = self.check_key_pin(report.audit_key.as_ref()).is_err();
            if let Some(recorder) = &self.recorder {
                recorder.unlocked(keys, report.audit_key.take(), report.audit_head);
            }
            let mut findings = StateFindings {
                problems: report.problems,
                generation: report.generation,
                restored_from: None,
                replaced: self.replaced().map(|seen| crypto::hex(&seen)),
                forged,
            };
            if let Some(seen) = self.recorded().filter(|&seen| seen > report.generation) {
                findings.restored_from = Some(seen);
            }
            let Some(state_key) = report.state_key else {
                return f(findings, None);
            };
            let tx = Tx::new(tx.db, &self.id, tx.format);
            let state = Authenticated {
                state_key,
                generation: report.generation,
                summary: report.summary,
                default_keep: report.default_keep,
                audit_head: report.audit_head,
            };
            let mut session = Session::new(tx, keys, state);
            f(findings, Some(&mut session))
        })
    }

    /// Records the generation `verify` found intact, even below the recorded one (a restore
    /// the user accepted), and that this path holds this vault.
    pub fn record_generation(&self, generation: i64) -> Result<()> {
        self.pin_location();
        if let Some(freshness) = &self.freshness {
            freshness
                .record(&self.id, generation, true)
                .map_err(|source| Error::Io {
                    context: format!(
                        "cannot write the freshness record {}",
                        freshness.path(&self.id).display()
                    ),
                    source,
                })?;
        }
        Ok(())
    }

    /// Runs `f` in an authenticated `BEGIN IMMEDIATE` transaction, committed only if `f`
    /// succeeds; the vault row is resealed for the new generation before the commit. An older
    /// format is migrated first, in the same transaction.
    ///
    /// The command's record is appended (and made durable) before the commit, and the vault
    /// row binds the log's head: if the record cannot be written, nothing changes.
    pub fn write_unlocked<T, E: From<Error>>(
        &self,
        keys: &mut Keys,
        f: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<T, E> {
        self.write_inner(keys, Bind::Record, f)
    }

    fn write_inner<T, E: From<Error>>(
        &self,
        keys: &mut Keys,
        bind: Bind,
        f: impl FnOnce(&mut Session) -> Result<T, E>,
    ) -> Result<T, E> {
        let done = self.raw(true, |tx| -> Result<_, E> {
            let verified = if tx.format >= schema::AUTHENTICATED_SINCE {
                Some(self.authenticate(tx, keys)?)
            } else {
                self.check_not_downgraded(tx.format)?;
                None
            };
            let format = tx.format;
            let seen = verified.as_ref().map(|state| state.generation);
            self.prepare_write(format)?;
            let tx = Tx::new(tx.db, &self.id, schema::current_version());
            let upgraded = verified.is_none();
            let (state_key, summary, default_keep, audit_head) = match verified {
                Some(state) => (
                    state.state_key,
                    state.summary,
                    state.default_keep,
                    state.audit_head,
                ),
                None => {
                    let (state_key, summary) = upgrade::fill_authenticated_state(&tx, keys)?;
                    (state_key, summary, None, None)
                }
            };
            // Format 5 (migration 5 only added columns): a new audit key, and an empty chain.
            let audit_head = match audit_head {
                Some(head) => head,
                None => {
                    let audit_key = Key::random();
                    tx.store_audit_key(keys.vault_key()?, &audit_key)?;
                    // A log beside a vault without an audit key belongs to another life of
                    // this file (a later copy's, before an older one was put back): its
                    // records cannot verify under the new key, so it is set aside, not
                    // continued.
                    let log = self.audit_path();
                    let aside = audit::set_aside(&log).map_err(|source| Error::AuditWrite {
                        path: log.clone(),
                        source,
                    })?;
                    if let Some(aside) = aside {
                        (self.warn)(&format!(
                            "the audit log {} was made by another copy of this vault, whose audit key this one lacks; moved it to {}",
                            log.display(),
                            aside.display()
                        ));
                    }
                    if let Some(recorder) = &self.recorder {
                        recorder.unlocked(
                            keys,
                            Some(audit_key),
                            Some(AuditHead::EMPTY),
                        );
                    }
                    AuditHead::EMPTY
                }
            };
            let generation = tx.generation()?;
            // The generation this write seals is the authenticated one plus one, whatever the
            // store says: a store that ignores the raise (a trigger on a team vault's server)
            // would otherwise have the write sealed under, and recorded as, a generation that
            // an older state already carries.
            if let Some(seen) = seen
                && generation != seen + 1
            {
                return Err(Error::from(crypto::Error::Tampered(format!(
                    "the vault row (it did not take this write's generation: {} after {seen})",
                    generation
                )))
                .into());
            }
            // Format 4 (migration 4 only added columns): the vault's retention default starts
            // at Vault KV's; heads of format 3 stay as they are tagged until their next write.
            let default_keep = default_keep.or(Some(schema::DEFAULT_KEEP));
            let state = Authenticated {
                state_key,
                generation,
                summary,
                default_keep,
                audit_head: Some(audit_head),
            };
            let mut session = Session::new(tx, keys, state);
            session.rebind_all = upgraded;
            let result = f(&mut session);
            if let Some(recorder) = &self.recorder {
                recorder.touch(&mut session.touched);
                let value = result?;
                // Under the write lock, so no other writer moves the head meanwhile.
                let head = match bind {
                    Bind::Record => recorder.record(Outcome::Ok, true)?,
                    Bind::Keep => None,
                    Bind::Prune(before, removed) => {
                        let (head, count) = recorder.prune(before)?;
                        removed.set(count);
                        Some(head)
                    }
                    Bind::Restart(aside) => {
                        let (head, moved) = recorder.restart()?;
                        *aside.borrow_mut() = moved;
                        Some(head)
                    }
                };
                if head.is_some() {
                    session.audit_head = head;
                }
                session.finish()?;
                return Ok((value, generation));
            }
            let value = result?;
            session.finish()?;
            Ok((value, generation))
        });
        if let Some(recorder) = &self.recorder {
            match &done {
                Ok(_) => recorder.committed(),
                Err(_) => {
                    if let Err(err) = recorder.write_failed() {
                        (self.warn)(&format!(
                            "the audit log says this write was done, and a record saying it was not could not be added: {err}"
                        ));
                    }
                }
            }
        }
        let (value, generation) = done?;
        self.record_fresh(generation);
        Ok(value)
    }

    /// Authenticates the vault row and slots (see `session`) and checks freshness.
    fn authenticate(&self, tx: &Tx, keys: &Keys) -> Result<Authenticated> {
        let report = state::check_state(tx, keys)?;
        if let Some((_, err)) = report.problems.into_iter().next() {
            return Err(err);
        }
        let state_key = report
            .state_key
            .ok_or_else(|| Error::Damaged("the vault's state key is missing".into()))?;
        self.check_key_pin(report.audit_key.as_ref())?;
        self.check_fresh(report.generation, true)?;
        if let Some(recorder) = &self.recorder {
            let key = report.audit_key.filter(|_| !recorder.has_key());
            recorder.unlocked(keys, key, report.audit_head);
        }
        Ok(Authenticated {
            state_key,
            generation: report.generation,
            summary: report.summary,
            default_keep: report.default_keep,
            audit_head: report.audit_head,
        })
    }

    /// The recorded generation, if a record can be read; a record that cannot be read is
    /// warned about (once) and treated as none.
    fn recorded(&self) -> Option<i64> {
        let freshness = self.freshness.as_ref()?;
        match freshness.recorded(&self.id) {
            Ok(seen) => seen,
            Err(err) => {
                self.warn_once(&format!(
                    "cannot read the vault's freshness record {}: {err}; a rollback of the vault to an older copy will not be noticed",
                    freshness.path(&self.id).display()
                ));
                None
            }
        }
    }

    fn warn_once(&self, warning: &str) {
        if !self.warned.replace(true) {
            (self.warn)(warning);
        }
    }

    /// Refuses to upgrade a vault of an older format that this account has a freshness record
    /// for: only a sealbox with authenticated state writes records, so the account has seen
    /// this vault at format 3 or later, and an older format in its place is a copy put back
    /// from before (which would otherwise bring back removed slots and old values, with a new
    /// state key sealing them as genuine).
    fn check_not_downgraded(&self, format: i64) -> Result<()> {
        if self.accept_restore.get() {
            return Ok(());
        }
        match self.recorded() {
            Some(seen) => Err(Error::Downgraded {
                path: self.path.clone(),
                found: format,
                seen,
            }),
            None => Ok(()),
        }
    }

    /// Refuses a vault other than the one this account last opened at this path, and a
    /// generation below the recorded one; records both when authenticated.
    fn check_fresh(&self, generation: i64, authenticated: bool) -> Result<()> {
        let pins = self.location_pins();
        let other = pins
            .iter()
            .find_map(|(_, seen)| seen.filter(|s| *s != self.id));
        if let Some(seen) = other
            && !self.accept_restore.get()
        {
            return Err(Error::OtherVault {
                path: self.path.clone(),
                seen: crypto::hex(&seen),
                found: crypto::hex(&self.id),
            });
        }
        // Written once per path, not on every open.
        if authenticated {
            let unpinned = pins.into_iter().filter(|(_, seen)| *seen != Some(self.id));
            self.pin_at(unpinned.map(|(at, _)| at));
        }
        match self.recorded() {
            Some(seen) if generation < seen => Err(Error::RolledBack {
                path: self.path.clone(),
                found: generation,
                seen,
            }),
            Some(seen) if seen == generation => Ok(()),
            _ => {
                if authenticated {
                    self.record_fresh(generation);
                }
                Ok(())
            }
        }
    }

    /// Where this vault is, as the location records know it: the path as given, made
    /// absolute, and with symlinks resolved, so a symlink pointed elsewhere is noticed too.
    fn locations(&self) -> Vec<PathBuf> {
        let given = std::path::absolute(&self.path).unwrap_or_else(|_| self.path.clone());
        if given == self.resolved {
            vec![given]
        } else {
            vec![given, self.resolved.clone()]
        }
    }

    /// Each location of this vault with the vault id recorded there, if any.
    fn location_pins(&self) -> Vec<(PathBuf, Option<VaultId>)> {
        let Some(freshness) = &self.freshness else {
            return Vec::new();
        };
        (self.locations().into_iter())
            .map(|at| {
                let seen = freshness.pinned(&at);
                (at, seen)
            })
            .collect()
    }

    /// The id of another vault this account opened where this one is now, if any.
    fn replaced(&self) -> Option<VaultId> {
        (self.location_pins().into_iter()).find_map(|(_, seen)| seen.filter(|s| *s != self.id))
    }

    /// Records that this path holds this vault (see `freshness`): by `init`, whose new vault
    /// replaces whatever was there before, and by an accepted restore.
    pub fn pin_location(&self) {
        self.pin_at(self.locations().into_iter());
    }

    fn pin_at(&self, locations: impl Iterator<Item = PathBuf>) {
        let Some(freshness) = &self.freshness else {
            return;
        };
        for at in locations {
            if let Err(err) = freshness.pin(&at, &self.id) {
                self.warn_once(&format!(
                    "cannot record which vault is at {} in {}: {err}; another vault put in its place will not be noticed",
                    self.path.display(),
                    freshness.path(&self.id).with_file_name("").display()
                ));
            }
        }
    }

    /// Refuses a vault that carries the id of one this account opened but not its audit key
    /// (a forgery with the id copied in); records the commitment when none is recorded yet,
    /// or when a restore is accepted.
    fn check_key_pin(&self, audit_key: Option<&crypto::Key>) -> Result<()> {
        let (Some(freshness), Some(audit_key)) = (&self.freshness, audit_key) else {
            return Ok(());
        };
        let pin = crypto::vault_pin(audit_key, &self.id);
        match freshness.key_pin(&self.id) {
            Some(seen) if seen == pin => Ok(()),
            Some(_) if !self.accept_restore.get() => Err(Error::ForgedVault {
                path: self.path.clone(),
            }),
            _ => {
                if let Err(err) = freshness.record_key_pin(&self.id, &pin) {
                    self.warn_once(&format!(
                        "cannot record the vault's key commitment in {}: {err}; a vault forged with this one's id will not be noticed",
                        freshness.path(&self.id).with_file_name("").display()
                    ));
                }
                Ok(())
            }
        }
    }

    fn record_fresh(&self, generation: i64) {
        if let Some(freshness) = &self.freshness
            && let Err(err) = freshness.record(&self.id, generation, false)
        {
            self.warn_once(&format!(
                "cannot record the vault's generation in {}: {err}; a rollback of the vault to an older copy will not be noticed",
                freshness.path(&self.id).display()
            ));
        }
    }

    /// One transaction: the journal is vetted (SQLite looks for a hot journal whenever it takes
    /// a lock afresh, not only at open), the file tightened before a write, and the format
    /// version read inside it.
    fn raw<T, E: From<Error>>(
        &self,
        write: bool,
        f: impl FnOnce(&Tx) -> Result<T, E>,
    ) -> Result<T, E> {
        let conn = match &self.backend {
            Backend::File(conn) => conn,
            Backend::Team(conn) => {
                let transaction = team::Transaction::begin(conn, write)?;
                let db: &dyn Db = &**conn;
                let format = team::format(db, &self.path)?
                    .ok_or_else(|| Error::Damaged("the vault's meta table is empty".into()))?;
                team::check_format(format, &self.path)?;
                // Again in every write: a trigger added since the open would see this one.
                if write {
                    team::check_tables(db, &self.path)?;
                }
                let value = f(&Tx::new(db, &self.id, format))?;
                transaction.commit()?;
                return Ok(value);
            }
        };
        journal::vet(&self.resolved, self.owner, self.busy_timeout)?;
        if write && self.loose_mode.get() {
            file::tighten(&self.resolved, self.owner, self.identity)?;
            self.loose_mode.set(false);
        }
        if write {
            self.trim_tail(conn)?;
        }
        let transaction = Transaction::begin(conn, write)?;
        let format: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(Error::from)?;
        let supported = schema::current_version();
        if format > supported {
            return Err(Error::TooNew {
                path: self.path.clone(),
                found: format,
                supported,
            }
            .into());
        }
        let value = f(&Tx::new(conn, &self.id, format))?;
        transaction.commit()?;
        Ok(value)
    }

    /// Cuts away a tail beyond what the header promises before a write. SQLite reads only what
    /// the header promises, but records the file's whole length as a transaction's original
    /// size, which no longer matches the copy of page 1 in its journal (so other processes
    /// would refuse the journal), and the tail keeps old pages that `secure_delete` never
    /// scrubs. Done under an exclusive lock, with the length checked again under it.
    fn trim_tail(&self, conn: &Connection) -> Result<()> {
        if file::tail_beyond_header(&self.resolved)?.is_none() {
            return Ok(());
        }
        let lock = Transaction::begin_exclusive(conn)?;
        // The first read takes the lock (rolling back any hot journal first).
        let _: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if let Some(len) = file::tail_beyond_header(&self.resolved)? {
            file::truncate(&self.resolved, len)?;
        }
        lock.commit()
    }

    /// Starts every write the same way, inside its `BEGIN IMMEDIATE`: the format version is
    /// rewritten (so page 1 is the journal's first record), an older format's schema is
    /// migrated, and the generation is raised with this transaction's token, the random nonce
    /// SQLite has just written into the journal's header (so page 2 is the second record, and a
    /// journal can be tied to the file whether or not the row was written back; see `journal`).
    fn prepare_write(&self, version: i64) -> Result<()> {
        let conn = match &self.backend {
            Backend::File(conn) => conn,
            Backend::Team(conn) => return team::prepare_write(&**conn, version),
        };
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
        // An edited file can hold the largest generation; refuse it rather than overflow.
        let raised = conn.execute(
            "UPDATE vault SET generation = generation + 1, txn_token = ?1
             WHERE id = 1 AND generation < 9223372036854775807",
            [&token[..]],
        )?;
        if raised != 1 {
            return Err(Error::Damaged(
                "the vault row is missing or at an impossible generation".into(),
            ));
        }
        Ok(())
    }
}

/// A view of the vault inside an open transaction: the rows as stored.
pub struct Tx<'c> {
    db: &'c dyn Db,
    vault_id: &'c VaultId,
    /// The format version of the file, as read inside this transaction.
    format: i64,
}

impl<'c> Tx<'c> {
    fn new(db: &'c dyn Db, vault_id: &'c VaultId, format: i64) -> Self {
        Self {
            db,
            vault_id,
            format,
        }
    }

    pub fn vault_id(&self) -> &VaultId {
        self.vault_id
    }

    /// The vault row's generation, as stored (format 2 on).
    fn generation(&self) -> Result<i64> {
        self.db.query_one(
            "SELECT generation FROM vault WHERE id = 1",
            store::params![],
            |r| r.get(0),
        )
    }
}

/// `location` (a `--vault` value) as messages show it: a file's path, or a team vault's URL
/// without its password.
pub fn shown_location(location: &Path) -> Result<PathBuf> {
    Ok(match team_target(location)? {
        Some(target) => PathBuf::from(target.shown()),
        None => location.to_owned(),
    })
}

/// Whether `location` may be a team vault's URL with a password, which a child process
/// (`run`'s) must not inherit: one that has a password, or looks like a URL and cannot be
/// parsed (so cannot be shown to have none).
pub fn location_has_password(location: &Path) -> bool {
    is_team_location(location)
        && !matches!(team_target(location), Ok(Some(target)) if !target.has_password())
}

/// Whether a `--vault` value names a team vault (a `postgresql://` URL).
pub fn is_team_location(location: &Path) -> bool {
    location.to_str().is_some_and(store::postgres::is_url)
}

/// The team vault `path` names, if it is a `postgresql://` URL rather than a file.
fn team_target(path: &Path) -> Result<Option<Target>> {
    match path.to_str() {
        Some(text) if store::postgres::is_url(text) => Target::parse(text).map(Some),
        _ => Ok(None),
    }
}

/// Fills a new vault's rows (inside its creating transaction, the vault row already in): the
/// first data key, the first slot, the state and audit keys, and the sealed vault row.
fn fill_new(
    db: &dyn Db,
    id: &VaultId,
    vault_key: Key,
    credential: &Credential,
    label: &str,
) -> Result<Keys> {
    let tx = Tx::new(db, id, schema::current_version());
    tx.insert_data_key(&vault_key, 1, now())?;
    let slot = crypto::create_slot(id, credential, &vault_key, None)?;
    let slot_id = tx.insert_slot(label, &slot, now())?;
    let state_key = Key::random();
    tx.store_state_key(&vault_key, &state_key)?;
    tx.store_audit_key(&vault_key, &Key::random())?;
    let mut keys = Keys::new(
        keys::Root::Vault(vault_key),
        *id,
        slot_id,
        label,
        slot.wrapped,
        slot.envelope.map(|e| e.recipient),
    );
    let state = Authenticated {
        state_key,
        generation: 0,
        summary: Summary::EMPTY,
        default_keep: Some(schema::DEFAULT_KEEP),
        audit_head: Some(AuditHead::EMPTY),
    };
    let mut session = Session::new(tx, &mut keys, state);
    session.rebind_all = true;
    session.finish()?;
    Ok(keys)
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
    fn begin(conn: &'c Connection, write: bool) -> Result<Self> {
        conn.execute_batch(if write {
            "BEGIN IMMEDIATE"
        } else {
            "BEGIN DEFERRED"
        })?;
        Ok(Self { conn, done: false })
    }

    fn begin_exclusive(conn: &'c Connection) -> Result<Self> {
        conn.execute_batch("BEGIN EXCLUSIVE")?;
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
        let (vault, _) = Vault::create(&path, &key(), "default", timeout).unwrap();
        let old = dir.path().join("old.db");
        std::fs::copy(&path, &old).unwrap();
        let mut keyring = vault.unlock(&key(), None).unwrap();
        let update = SecretUpdate::default();
        vault
            .write_unlocked(&mut keyring, |s| s.put("A", b"v", &update))
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
        let refused = vault.write_unlocked(&mut keyring, |s| s.put("B", b"v", &update));
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
