//! `compact`: rewrite the vault in place without its free pages.
//!
//! Deleted rows leave free pages that later writes reuse, so the file never grows for nothing,
//! but it only shrinks when rewritten. SQLite's `VACUUM` copies the live pages into a temporary
//! database (kept in memory: `temp_store=MEMORY`, so it needs about the size of the live data)
//! and writes them back over the file through the rollback journal, under an exclusive lock,
//! like any other write: a kill at any instant is rolled back by the next command, and the file
//! keeps its inode, so other processes that have it open go on (they wait on the busy timeout).
//!
//! The state is authenticated first, every head, their sum and the version rows they list
//! included, so a vault found tampered is refused rather than compacted. That check is a write
//! transaction of its own, which raises the generation, so no journal from before the compact
//! can pass for the rewrite's. The rewrite is a second transaction: an edit made in between is
//! copied as it is and still fails authentication afterwards, since the rewrite changes no row.
//! A compact killed between its commit and its truncation leaves the file longer than its
//! header says; the next write cuts the tail away (see `Vault::trim_tail`).

use super::{Backend, Error, Keys, Result, Vault, file, journal};

/// The vault's size before and after.
#[derive(Debug, Clone, Copy)]
pub struct Compacted {
    pub before: u64,
    pub after: u64,
}

impl Vault {
    /// Compacts the vault (see the module documentation).
    pub fn compact(&mut self, keys: &mut Keys) -> Result<Compacted> {
        keys.vault_key()?;
        if self.is_team() {
            return Err(Error::Unsupported(
                "compact on a team vault: the server reclaims space itself (autovacuum, or VACUUM by its owner)".into(),
            ));
        }
        let size = |vault: &Vault| {
            std::fs::metadata(&vault.resolved)
                .map(|m| m.len())
                .map_err(|source| Error::Io {
                    context: format!("cannot read {}", vault.path.display()),
                    source,
                })
        };
        // A write of its own first: it checks everything and raises the generation and the
        // change counter, so the journal of a write from before the compact, saved and put
        // back afterwards, no longer passes for one of the rewrite (which changes no row).
        self.write_unlocked(keys, |s| s.check_all())?;
        let before = size(self)?;
        // VACUUM takes its own locks, outside any transaction: vet the journal and make the
        // file private first, as every write does.
        journal::vet(&self.resolved, self.owner, self.busy_timeout)?;
        if self.loose_mode.get() {
            file::tighten(&self.resolved, self.owner, self.identity)?;
            self.loose_mode.set(false);
        }
        let Backend::File(conn) = &self.backend else {
            unreachable!("refused above")
        };
        conn.execute_batch("VACUUM")?;
        Ok(Compacted {
            before,
            after: size(self)?,
        })
    }
}
