//! The audit log of a team vault: the table `audit_log`, one row per line, keyed by the offset
//! the line would have in a log file, so the vault row binds (seq, offset, hash) exactly as it
//! does for the file, and every check reads the same way.
//!
//! Invariants: records are only ever inserted (the README shows how to grant the role that
//! runs sealbox INSERT and SELECT on the table and nothing else); appends are serialised by a
//! transaction-scoped advisory lock, taken inside the command's own transaction when it has
//! one, so a write's record commits with the write or not at all; an append outside one (the
//! record of a failed unlock) runs in a transaction of its own. Rows deleted or changed on the
//! server fail the same checks a cut or edited log file fails.

use super::{AuditLog, LAST_SEQ, Tail, next_seq, seal};
use crate::audit::Record;
use crate::crypto::{self, AuditHead, Key, VaultId};
use crate::vault::store::postgres::PgConn;
use crate::vault::store::{Db, params};
use crate::vault::team::Transaction;
use crate::vault::{Error, Result};

/// The advisory lock key that serialises appends ("SBXA").
const APPEND_LOCK: i64 = 0x5342_5841;

impl AuditLog {
    pub(super) fn table_append(
        &self,
        conn: &PgConn,
        mut record: Record,
        key: Option<&Key>,
        vault_id: &VaultId,
        bound: Option<AuditHead>,
        thorough: bool,
    ) -> Result<AuditHead> {
        self.in_transaction(conn, |db| {
            lock(db)?;
            if let Some(head) = bound {
                self.table_holds(db, head, thorough)?;
            }
            let tail = self.table_tail(db)?;
            let seq = next_seq(&tail).ok_or_else(|| self.broken(LAST_SEQ.into()))?;
            let (mut line, hash) = seal(&mut record, seq, &tail.next_prev, key, vault_id);
            line.pop();
            let offset = tail.len as i64;
            db.execute(
                "INSERT INTO audit_log (at_offset, line) VALUES (?1, ?2)",
                params![offset, line],
            )?;
            Ok(AuditHead { seq, offset, hash })
        })
    }

    pub(super) fn table_bind_tail(&self, conn: &PgConn, bound: AuditHead) -> Result<AuditHead> {
        self.in_transaction(conn, |db| {
            lock(db)?;
            self.table_holds(db, bound, true)?;
            Ok(self.table_tail(db)?.head)
        })
    }

    pub(super) fn table_each_line(
        &self,
        conn: &PgConn,
        mut f: impl FnMut(&[u8], u64, bool) -> Result<()>,
    ) -> Result<bool> {
        let db: &dyn Db = conn;
        let mut lines = 0;
        db.query_each(
            "SELECT at_offset, line FROM audit_log ORDER BY at_offset",
            params![],
            |row| {
                let offset: i64 = row.get(0)?;
                let line: Vec<u8> = row.get(1)?;
                lines += 1;
                f(&line, offset.max(0) as u64, true)
            },
        )?;
        Ok(lines > 0)
    }

    /// Runs `f` inside the command's transaction, or in one of its own when there is none.
    fn in_transaction<T>(&self, conn: &PgConn, f: impl FnOnce(&dyn Db) -> Result<T>) -> Result<T> {
        if conn.in_transaction() {
            return f(conn);
        }
        let transaction = Transaction::begin_bare(conn)?;
        let value = f(conn)?;
        transaction.commit()?;
        Ok(value)
    }

    /// The last record, as the file's `tail` reads it.
    fn table_tail(&self, db: &dyn Db) -> Result<Tail> {
        let last = db.query_opt(
            "SELECT at_offset, line FROM audit_log ORDER BY at_offset DESC LIMIT 1",
            params![],
            |row| Ok((row.get::<i64>(0)?, row.get::<Vec<u8>>(1)?)),
        )?;
        let Some((offset, line)) = last else {
            return Ok(Tail {
                head: AuditHead::EMPTY,
                next_prev: crypto::GENESIS,
                len: 0,
            });
        };
        let len = (offset.max(0) as u64) + line.len() as u64 + 1;
        self.tail_of(&line, offset, len)
    }

    /// That the table still holds `head`'s record at its offset: the whole line's hash for a
    /// write (`thorough`), its start for a read, as for the file.
    fn table_holds(&self, db: &dyn Db, head: AuditHead, thorough: bool) -> Result<()> {
        if head.seq == 0 {
            return Ok(());
        }
        let start = format!("{{\"seq\":{},", head.seq);
        // A read compares the start of the line only, as on a file: the record of an import
        // of a million names is tens of megabytes, and the column is stored uncompressed so
        // that the server reads only that slice of it.
        let line: Option<Vec<u8>> = if thorough {
            db.query_opt(
                "SELECT line FROM audit_log WHERE at_offset = ?1",
                params![head.offset],
                |row| row.get(0),
            )?
        } else {
            db.query_opt(
                "SELECT substring(line FROM 1 FOR ?2) FROM audit_log WHERE at_offset = ?1",
                params![head.offset, start.len() as i64],
                |row| row.get(0),
            )?
        };
        let holds = line.is_some_and(|line| {
            if thorough {
                crypto::chain_hash(&line) == head.hash
            } else {
                line.starts_with(start.as_bytes())
            }
        });
        if holds {
            Ok(())
        } else {
            Err(self.broken(format!(
                "record {}, which the vault recorded at its last write, is missing or changed",
                head.seq
            )))
        }
    }
}

fn lock(db: &dyn Db) -> Result<()> {
    db.query_one(
        "SELECT pg_advisory_xact_lock(?1)",
        params![APPEND_LOCK],
        |_| Ok(()),
    )
}

/// `audit prune` and `audit restart` replace the log, which an INSERT-only table does not allow.
pub(super) fn rewrite_refused() -> Error {
    Error::Unsupported(
        "audit prune and audit restart on a team vault: its log is an INSERT-only table".into(),
    )
}
