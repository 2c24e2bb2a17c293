//! `vault copy`: the whole vault, row for row, into a new store of either kind (a file into a
//! team vault, and back), with its history, slots, scopes and audit log.
//!
//! Rows are copied as stored, byte for byte: everything sealed or authenticated is bound to
//! the vault id, never to where the vault is kept, so the copy opens with the same credentials
//! and verifies the same way. The source is authenticated whole first (every head, their sum,
//! every version row, the audit chain), in the read transaction the rows are then read in, so
//! a tampered vault is refused rather than copied. The target is written in one transaction:
//! a team vault's rows commit together or not at all, and a file is built under a temporary
//! name and linked into place whole, after its audit log. A target that already holds a vault
//! is [`Error::Exists`] and is left as it was.
//!
//! The copy has the source's vault id and generation. Whoever keeps using the source after
//! the copy has been written to is told it was rolled back (the freshness record is per vault
//! id), which is what a move should say; the README says so.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use super::store::{Db, Owned, Param, params};
use super::{Error, Keys, Result, Vault, audit, file, journal, schema, team, team_target};

/// Every table of the current format, with its columns, in an order that satisfies no
/// constraint but keeps the vault row first.
const TABLES: &[(&str, &str)] = &[
    (
        "vault",
        "id, vault_id, created_at, generation, txn_token, state_nonce, state_key, secret_count,
         heads_sum, state_mac, default_keep, audit_nonce, audit_key, audit_seq, audit_offset,
         audit_hash",
    ),
    (
        "slots",
        "id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce, wrapped_key,
         created_at, binding, scope_id, expires_at, allow_write, link_nonce, link_key,
         grant_nonce, grant_key, recipient, envelope",
    ),
    ("data_keys", "id, nonce, wrapped_key, created_at"),
    (
        "secrets",
        "name, description, rotate_every, created_at, updated_at, secret_id, version, kept_from,
         head_mac, kept, keep",
    ),
    (
        "versions",
        "name, version, key_id, created_at, nonce, ciphertext, sealing",
    ),
    (
        "scopes",
        "id, name, names, prefixes, key_nonce, wrapped_key, state_nonce, state_key, audit_nonce,
         audit_key, created_at, updated_at",
    ),
    (
        "scope_keys",
        "scope_id, secret_id, version, nonce, wrapped_key",
    ),
    ("exposed", "secret_id, version, reason, at"),
];

/// What a copy moved.
#[derive(Debug, Default)]
pub struct Copied {
    /// The target as messages show it.
    pub to: PathBuf,
    pub secrets: u64,
    pub versions: u64,
    pub slots: u64,
    pub audit_records: u64,
}

/// The rows of one table, as stored.
struct TableRows {
    table: &'static str,
    columns: &'static str,
    rows: Vec<Vec<Owned>>,
}

impl Vault {
    /// Copies this vault, which `keys` (a full credential) opened, to `to`: a file path or a
    /// team vault's URL that holds no vault yet.
    pub fn copy_to(&self, keys: &mut Keys, to: &Path) -> Result<Copied> {
        // Copying everything is the owner's: a scoped credential may not.
        keys.vault_key()?;
        let (tables, log) = self.read_unlocked(keys, |session| -> Result<_> {
            session.check_all()?;
            let db = session.tx.db;
            let mut tables = Vec::new();
            for &(table, columns) in TABLES {
                let sql = format!("SELECT {columns} FROM {table}");
                let count = columns.split(',').count();
                let rows = db.query_all(&sql, params![], |row| {
                    (0..count).map(|i| Ok(Owned::of(row.value(i)?))).collect()
                })?;
                tables.push(TableRows {
                    table,
                    columns,
                    rows,
                });
            }
            let mut log = Vec::new();
            self.audit_log().each_line(|line, _, complete| {
                if complete {
                    log.push(line.to_vec());
                }
                Ok(())
            })?;
            Ok((tables, log))
        })?;
        // The chain as it stands now, this command's own record included, must verify before
        // it is carried over; a log that does not is not copied as if it did.
        self.verify_audit(None)?;
        let count = |table: &str| {
            tables
                .iter()
                .find(|t| t.table == table)
                .map_or(0, |t| t.rows.len() as u64)
        };
        let copied = Copied {
            to: super::shown_location(to)?,
            secrets: count("secrets"),
            versions: count("versions"),
            slots: count("slots"),
            audit_records: log.len() as u64,
        };
        match team_target(to)? {
            Some(target) => {
                let conn = target.connect(self.busy_timeout)?;
                let transaction = team::create_empty(&conn, &copied.to)?;
                insert_all(&conn, &tables)?;
                // Slot ids were copied as they are: the next one is after the highest.
                let db: &dyn Db = &conn;
                db.query_one(
                    "SELECT setval(pg_get_serial_sequence('slots', 'id'),
                                   coalesce((SELECT max(id) FROM slots), 0) + 1, false)",
                    params![],
                    |_| Ok(()),
                )?;
                let mut offset = 0i64;
                for line in &log {
                    db.execute(
                        "INSERT INTO audit_log (at_offset, line) VALUES (?1, ?2)",
                        params![offset, line],
                    )?;
                    offset += line.len() as i64 + 1;
                }
                transaction.commit()?;
            }
            None => copy_to_file(to, &tables, &log, self.busy_timeout)?,
        }
        Ok(copied)
    }
}

/// Inserts every row, up to [`BATCH`] rows per statement: a team vault's round trips, not its
/// work, are what a row-by-row copy of a large vault would spend its time on.
fn insert_all(db: &dyn Db, tables: &[TableRows]) -> Result<()> {
    for table in tables {
        let count = table.columns.split(',').count();
        for chunk in table.rows.chunks(BATCH) {
            let tuples: Vec<String> = (0..chunk.len())
                .map(|r| {
                    let marks: Vec<String> =
                        (1..=count).map(|c| format!("?{}", r * count + c)).collect();
                    format!("({})", marks.join(", "))
                })
                .collect();
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                table.table,
                table.columns,
                tuples.join(", ")
            );
            let params: Vec<&dyn Param> = chunk.iter().flatten().map(|v| v as &dyn Param).collect();
            db.execute(&sql, &params)?;
        }
    }
    Ok(())
}

/// Rows per INSERT: 22 columns at most, so 4,400 parameters, well under SQLite's 32,766 and
/// PostgreSQL's 65,535.
const BATCH: usize = 200;

/// Builds the file under a temporary name, links its audit log into place and then the
/// vault; a target that exists (or a log or journal left there) is refused untouched.
fn copy_to_file(
    to: &Path,
    tables: &[TableRows],
    log: &[Vec<u8>],
    busy_timeout: std::time::Duration,
) -> Result<()> {
    if to.symlink_metadata().is_ok() {
        return Err(Error::Exists(to.to_owned()));
    }
    let journal = journal::path(to);
    if journal.symlink_metadata().is_ok() {
        return Err(Error::LeftoverJournal(journal));
    }
    let log_path = audit::path(to);
    if log_path.symlink_metadata().is_ok() {
        return Err(Error::LeftoverAuditLog(log_path));
    }
    let parent = file::parent_dir(to);
    if parent.exists() {
        file::check_directory(parent, rustix::process::geteuid().as_raw())?;
    }
    let staging = file::Staging::create(to)?;
    {
        let conn = super::connect(staging.path(), busy_timeout)?;
        let transaction = super::Transaction::begin(&conn, true)?;
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)?;
        schema::migrate(&conn, 0)?;
        insert_all(&conn, tables)?;
        transaction.commit()?;
    }
    // The log first: a vault whose log is missing would be refused, a log without its vault
    // only stops the next init here until moved aside.
    let mut staged_log = staging.path().as_os_str().to_owned();
    staged_log.push(".audit");
    let staged_log = PathBuf::from(staged_log);
    let io = |context: &str, source| Error::Io {
        context: format!("{context} {}", log_path.display()),
        source,
    };
    let written = (|| {
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&staged_log)?;
        for line in log {
            file.write_all(line)?;
            file.write_all(b"\n")?;
        }
        file.sync_all()?;
        fs::hard_link(&staged_log, &log_path)
    })();
    let _ = fs::remove_file(&staged_log);
    match written {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::LeftoverAuditLog(log_path));
        }
        Err(err) => return Err(io("cannot write the audit log", err)),
    }
    if let Err(err) = staging.publish(to) {
        let _ = fs::remove_file(&log_path);
        return Err(err);
    }
    Ok(())
}
