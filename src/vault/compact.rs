//! `compact`: rewrite the vault without its free pages, and put the copy in place atomically.
//!
//! Deleted rows leave free pages that later writes reuse, so the file never grows for nothing,
//! but it only shrinks when rewritten. The copy is made with `VACUUM INTO` into a 0600 staging
//! file beside the vault while this process holds the write lock (other readers go on; other
//! writers wait), checked (`integrity_check`, application id, format), synced, and renamed
//! over the vault; then the directory is synced. A kill at any instant leaves either the old
//! file or the new one in place, each complete; a staging file a kill leaves is removed by a
//! later `compact` once it is an hour old. Another process that had the old file open and then
//! writes fails (SQLite's "database moved", exit 1) rather than writing to the replaced file.

use std::os::unix::fs::MetadataExt;

use rusqlite::Connection;

use super::file::Staging;
use super::{Error, Fault, Keys, Result, Vault, connect, schema};

/// The vault's size before and after.
#[derive(Debug, Clone, Copy)]
pub struct Compacted {
    pub before: u64,
    pub after: u64,
}

impl Vault {
    /// Compacts the vault (see the module documentation). The state is authenticated under the
    /// write lock first, so a tampered vault is refused rather than copied.
    pub fn compact(self, keys: &mut Keys) -> Result<Compacted> {
        let io = |context: &str, source| Error::Io {
            context: format!("{context} {}", self.path.display()),
            source,
        };
        let before = std::fs::metadata(&self.resolved)
            .map_err(|e| io("cannot read", e))?
            .len();
        // A second connection holds the write lock; this one reads for VACUUM INTO, which
        // cannot run inside a transaction of its own connection.
        let lock = connect(&self.resolved, self.busy_timeout)?;
        lock.execute_batch("BEGIN IMMEDIATE")?;
        let same_file = std::fs::metadata(&self.resolved)
            .map(|m| (m.dev(), m.ino()) == self.identity)
            .unwrap_or(false);
        if !same_file {
            return Err(Error::Storage(Fault::Moved));
        }
        self.read_unlocked(keys, |_| Ok::<_, Error>(()))?;
        let staging = Staging::create_for(&self.resolved, "compact")?;
        let target = staging.path().to_string_lossy().into_owned();
        self.conn.execute("VACUUM INTO ?1", [&target])?;
        check_copy(staging.path(), &self.path)?;
        staging.replace(&self.resolved)?;
        lock.execute_batch("ROLLBACK")?;
        drop(lock);
        let after = std::fs::metadata(&self.resolved)
            .map_err(|e| io("cannot read", e))?
            .len();
        self.loose_mode.set(false);
        Ok(Compacted { before, after })
    }
}

/// The copy is a whole vault of this format before it replaces anything.
fn check_copy(copy: &std::path::Path, vault: &std::path::Path) -> Result<()> {
    let conn = Connection::open_with_flags(copy, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let corrupt = |why: String| Error::Corrupt {
        path: vault.to_owned(),
        why: format!("its compacted copy {why}; the vault was left as it was"),
    };
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let format: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if app != schema::APPLICATION_ID || format != schema::current_version() {
        return Err(corrupt(format!(
            "has application id {app:#x} and format {format}"
        )));
    }
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(corrupt(format!("fails its integrity check: {check}")));
    }
    Ok(())
}
