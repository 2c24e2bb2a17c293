//! The audit log file, `<vault>.audit` beside the resolved vault: appending records under a
//! lock, checking that the log still holds the record the vault row remembers, and reading the
//! chain back to verify it.
//!
//! Verifying the chain is in `chain`, prune and restart (which replace the log) in `rewrite`,
//! and what one command records, and when, in `recorder`.
//!
//! Invariants: a record is one line, appended with one `write` under an exclusive `flock` on
//! the file, so concurrent sealbox processes never interleave or lose records; the lock is
//! only ever waited for while no SQLite lock is waited for (a writer takes it inside its write
//! transaction, a reader inside its read transaction, and neither waits for SQLite while
//! holding it), so the two locks cannot deadlock. A line cut short by a crash or a full disk
//! (no final newline) was never a record unless only its newline is missing: the next append
//! removes it, or ends it. The file obeys the
//! vault's rules: a regular file (never a symlink), owned by the vault's owner, written by
//! nobody else, and 0600. Appends made inside a write transaction reach the disk
//! (`fdatasync`) before the vault row that binds them is committed; those of reads are not
//! synced, so a power cut can lose the last reads' records, never a write's.

mod chain;
mod recorder;
mod rewrite;
mod table;

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, OFlags};

use crate::audit::{CHECKPOINT, Outcome, Record};
use crate::crypto::{self, AuditHead, ChainHash, Key, LineMac, VaultId};

use super::{Error, Result};

pub use chain::ChainReport;
pub use recorder::Recorder;

/// The audit log of the vault whose resolved path is `vault`.
pub(in crate::vault) fn path(vault: &Path) -> PathBuf {
    let mut name = vault.as_os_str().to_owned();
    name.push(".audit");
    PathBuf::from(name)
}

/// The log of one vault.
pub(in crate::vault) struct AuditLog {
    pub path: PathBuf,
    /// The uid that must own it: the vault's owner.
    pub owner: u32,
    pub busy_timeout: Duration,
    /// A team vault's connection: the log is its `audit_log` table (see `table`).
    pub table: Option<std::rc::Rc<super::store::postgres::PgConn>>,
}

/// How the log is opened: to append (created when missing), or only to read (a query, which
/// must work on a read-only copy too).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Create,
    Read,
}

/// The open log under a lock (exclusive, or shared to read), released when dropped.
struct Locked {
    file: File,
    created: bool,
}

/// The log's last record, as an append continues from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tail {
    /// The last record, or [`AuditHead::EMPTY`] for an empty log.
    pub head: AuditHead,
    /// What the next record's `prev` is: the last line's hash, or for a checkpoint the hash it
    /// stands for.
    pub next_prev: ChainHash,
    /// The file's length, where the next line starts.
    pub len: u64,
}

/// The members of a line that chaining needs.
#[derive(serde::Deserialize)]
struct ChainFields {
    seq: i64,
    action: String,
    prev: String,
    #[serde(default)]
    outcome: Option<Outcome>,
    #[serde(default)]
    secrets: Vec<serde::de::IgnoredAny>,
}

impl AuditLog {
    /// Appends `record` (its chain members filled here) and returns where it went. With
    /// `bound`, the head the authenticated vault row recorded, the log must still hold that
    /// record, or nothing is appended ([`Error::AuditBroken`]). `sync` makes the record durable
    /// before returning.
    pub fn append(
        &self,
        mut record: Record,
        key: Option<&Key>,
        vault_id: &VaultId,
        bound: Option<AuditHead>,
        sync: bool,
    ) -> Result<AuditHead> {
        if let Some(conn) = &self.table {
            return self.table_append(conn, record, key, vault_id, bound, sync);
        }
        let mut locked = self.lock(Mode::Create)?.expect("created when missing");
        if let Some(head) = bound {
            self.check_holds(&locked.file, head, sync.then_some((key, vault_id)))?;
        }
        let tail = self.tail(&mut locked.file, bound)?;
        let seq = next_seq(&tail).ok_or_else(|| self.broken(LAST_SEQ.into()))?;
        let (line, hash) = seal(&mut record, seq, &tail.next_prev, key, vault_id);
        let written = locked.file.write_all(&line).and_then(|()| {
            if sync {
                locked.file.sync_data()
            } else {
                Ok(())
            }
        });
        if let Err(source) = written {
            // A partial line is no record; take it back so the log ends at a whole one (the
            // next append would cut it anyway).
            let _ = locked.file.set_len(tail.len);
            return Err(self.write_error(source));
        }
        if sync && locked.created {
            sync_dir(&self.path).map_err(|source| self.write_error(source))?;
        }
        Ok(AuditHead {
            seq,
            offset: tail.len as i64,
            hash,
        })
    }

    /// The last record of the log, for a write that recorded earlier in the same command to
    /// bind: under the lock, after the same full check of `bound` as an append by a write, and
    /// synced, since the vault row is about to vouch for it.
    pub fn bind_tail(
        &self,
        bound: AuditHead,
        key: Option<&Key>,
        vault_id: &VaultId,
    ) -> Result<AuditHead> {
        if let Some(conn) = &self.table {
            return self.table_bind_tail(conn, bound);
        }
        let mut locked = self.lock(Mode::Create)?.expect("created when missing");
        self.check_holds(&locked.file, bound, Some((key, vault_id)))?;
        let tail = self.tail(&mut locked.file, Some(bound))?;
        locked
            .file
            .sync_data()
            .map_err(|source| self.write_error(source))?;
        Ok(tail.head)
    }

    /// Opens the log as `how` says (creating it 0600 for [`Mode::Create`]), vets it and
    /// takes the lock, waiting up to the busy timeout. A log replaced while waiting (by `audit
    /// prune`) is opened again. `None` when it does not exist and is not to be created.
    fn lock(&self, how: Mode) -> Result<Option<Locked>> {
        if self.table.is_some() {
            return Err(table::rewrite_refused());
        }
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        let operation = match how {
            Mode::Read => FlockOperation::NonBlockingLockShared,
            Mode::Create => FlockOperation::NonBlockingLockExclusive,
        };
        loop {
            let Some((file, created)) = self.open(how)? else {
                return Ok(None);
            };
            loop {
                match rustix::fs::flock(&file, operation) {
                    Ok(()) => break,
                    Err(rustix::io::Errno::WOULDBLOCK) | Err(rustix::io::Errno::INTR) => {
                        if started.elapsed() >= self.busy_timeout {
                            return Err(Error::AuditBusy(self.path.clone()));
                        }
                        std::thread::sleep(pause);
                        pause = (pause * 2).min(Duration::from_millis(20));
                    }
                    Err(err) => return Err(self.write_error(err.into())),
                }
            }
            let held = file.metadata().map_err(|e| self.read_error(e))?;
            match std::fs::symlink_metadata(&self.path) {
                Ok(now) if (now.dev(), now.ino()) == (held.dev(), held.ino()) => {
                    return Ok(Some(Locked { file, created }));
                }
                // Replaced (or removed) while we waited: start again on what is there now.
                _ => continue,
            }
        }
    }

    /// Opens the log without following a symlink or blocking on a FIFO, and checks it is the
    /// vault owner's regular file that nobody else can write; tightens it to 0600 (unless
    /// only reading).
    fn open(&self, how: Mode) -> Result<Option<(File, bool)>> {
        let flags = OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
        let write = how != Mode::Read;
        let open = |create: bool| {
            OpenOptions::new()
                .read(true)
                .append(write)
                .create_new(create)
                .mode(0o600)
                .custom_flags(flags.bits() as i32)
                .open(&self.path)
        };
        let (file, created) = match open(false) {
            Ok(file) => (file, false),
            Err(err) if err.kind() == ErrorKind::NotFound && how != Mode::Create => {
                return Ok(None);
            }
            Err(err) if err.kind() == ErrorKind::NotFound => match open(true) {
                Ok(file) => (file, true),
                // Another process created it first.
                Err(err) if err.kind() == ErrorKind::AlreadyExists => {
                    (open(false).map_err(|e| self.open_error(e))?, false)
                }
                Err(err) => return Err(self.write_error(err)),
            },
            Err(err) => return Err(self.open_error(err)),
        };
        let meta = file.metadata().map_err(|e| self.read_error(e))?;
        let refuse = |why: String| Error::AuditUnsafe {
            path: self.path.clone(),
            why,
        };
        if !meta.is_file() {
            return Err(refuse("it is not a regular file".into()));
        }
        if meta.uid() != self.owner {
            return Err(refuse(format!(
                "it belongs to uid {}, not to the vault's owner",
                meta.uid()
            )));
        }
        let mode = meta.mode() & 0o777;
        if mode & 0o022 != 0 {
            return Err(refuse(format!(
                "other users can write it (mode {mode:03o})"
            )));
        }
        if mode != 0o600 && write {
            file.set_permissions(std::fs::Permissions::from_mode(0o600))
                .map_err(|e| self.write_error(e))?;
        }
        Ok(Some((file, created)))
    }

    /// Reads the last record. A last line left without its newline is ended when it holds a
    /// whole record (only the newline was lost) and cut away otherwise (a partial write, never
    /// a record), unless it starts at or before `bound`'s record, which is then damaged.
    fn tail(&self, file: &mut File, bound: Option<AuditHead>) -> Result<Tail> {
        let len = file.metadata().map_err(|e| self.read_error(e))?.len();
        if len == 0 {
            return Ok(Tail {
                head: AuditHead::EMPTY,
                next_prev: crypto::GENESIS,
                len: 0,
            });
        }
        let mut last = [0u8];
        file.read_exact_at(&mut last, len - 1)
            .map_err(|e| self.read_error(e))?;
        let len = if last[0] == b'\n' {
            len
        } else {
            let start = self.line_start(file, len)?;
            let mut partial = vec![0; (len - start) as usize];
            file.read_exact_at(&mut partial, start)
                .map_err(|e| self.read_error(e))?;
            if serde_json::from_slice::<ChainFields>(&partial).is_ok() {
                file.write_all(b"\n").map_err(|e| self.write_error(e))?;
                len + 1
            } else if let Some(head) = bound.filter(|h| h.seq > 0 && start <= h.offset as u64) {
                return Err(self.broken(format!(
                    "the line of record {}, which the vault recorded at its last write, is cut short",
                    head.seq
                )));
            } else {
                file.set_len(start).map_err(|e| self.write_error(e))?;
                if start == 0 {
                    return self.tail(file, bound);
                }
                start
            }
        };
        let start = self.line_start(file, len - 1)?;
        let mut line = vec![0; (len - 1 - start) as usize];
        file.read_exact_at(&mut line, start)
            .map_err(|e| self.read_error(e))?;
        self.tail_of(&line, start as i64, len)
    }

    /// The tail whose last record is `line`, starting at `offset`, with the log `len` bytes
    /// long: what the next record chains to (the line's hash, or for a checkpoint the hash it
    /// stands for). The file and the team vault's table both read it this way.
    pub(super) fn tail_of(&self, line: &[u8], offset: i64, len: u64) -> Result<Tail> {
        let fields: ChainFields = serde_json::from_slice(line)
            .map_err(|_| self.broken("its last record is not a sealbox audit record".into()))?;
        let hash = crypto::chain_hash(line);
        let next_prev = if fields.action == CHECKPOINT {
            parse_hash(&fields.prev).ok_or_else(|| {
                self.broken(format!("record {} has a malformed prev hash", fields.seq))
            })?
        } else {
            hash
        };
        Ok(Tail {
            head: AuditHead {
                seq: fields.seq,
                offset,
                hash,
            },
            next_prev,
            len,
        })
    }

    /// Where the line that ends before `end` starts: just after the last newline before
    /// `end`, or 0. Reads backwards in blocks, so a long log costs one block or two.
    fn line_start(&self, file: &File, end: u64) -> Result<u64> {
        const BLOCK: u64 = 4096;
        let mut at = end;
        let mut buf = vec![0; BLOCK as usize];
        while at > 0 {
            let from = at.saturating_sub(BLOCK);
            let chunk = &mut buf[..(at - from) as usize];
            file.read_exact_at(chunk, from)
                .map_err(|e| self.read_error(e))?;
            if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
                return Ok(from + i as u64 + 1);
            }
            at = from;
        }
        Ok(0)
    }

    /// Checks that the log still holds `head`'s record: at its offset, else anywhere (a prune
    /// moved it). Anything else means records the vault row covers were removed or changed.
    ///
    /// A write (`thorough`) compares the record's chain hash, so no write can bind a log that
    /// differs from the one the vault vouched for. A read compares only the start of the line
    /// at the offset (`{"seq":N,`), which finds a log lost, cut or shortened before the last
    /// write in one small read, however long that record is (an import of 100,000 names makes
    /// a line of megabytes); an edit that keeps every offset is left to the next write and to
    /// `audit verify`.
    ///
    /// `thorough` carries the audit key, with which a write also accepts an authenticated
    /// checkpoint standing for the record as the log's first line (a restart whose commit
    /// did not happen).
    fn check_holds(
        &self,
        file: &File,
        head: AuditHead,
        thorough: Option<(Option<&Key>, &VaultId)>,
    ) -> Result<()> {
        if head.seq == 0 {
            return Ok(());
        }
        let start = format!("{{\"seq\":{},", head.seq);
        let at_offset = match u64::try_from(head.offset) {
            Ok(offset) if thorough.is_some() => self
                .line_at(file, offset)?
                .is_some_and(|line| crypto::chain_hash(&line) == head.hash),
            Ok(offset) => self.starts_line_at(file, offset, start.as_bytes())?,
            Err(_) => false,
        };
        if at_offset {
            return Ok(());
        }
        let mut reader = BufReader::new(file);
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| self.read_error(e))?;
        let mut line = Vec::new();
        let mut first = true;
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| self.read_error(e))?;
            if read == 0 {
                break;
            }
            let whole = line.pop() == Some(b'\n');
            let found = match thorough {
                Some((key, vault_id)) => {
                    crypto::chain_hash(&line) == head.hash
                        || (first && stands_for(&line, head, key, vault_id))
                }
                None => line.starts_with(start.as_bytes()),
            };
            if whole && found {
                return Ok(());
            }
            first = false;
        }
        Err(self.broken(format!(
            "record {}, which the vault recorded at its last write, is missing or changed",
            head.seq
        )))
    }

    /// Whether a line starts at `offset` and begins with `prefix`.
    fn starts_line_at(&self, file: &File, offset: u64, prefix: &[u8]) -> Result<bool> {
        let (from, len) = match offset {
            0 => (0, prefix.len()),
            _ => (offset - 1, prefix.len() + 1),
        };
        let mut buf = vec![0; len];
        match file.read_exact_at(&mut buf, from) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(false),
            Err(e) => return Err(self.read_error(e)),
        }
        Ok(match offset {
            0 => buf == prefix,
            _ => buf[0] == b'\n' && buf[1..] == *prefix,
        })
    }

    /// The whole line starting at `offset`, if a line starts there.
    fn line_at(&self, file: &File, offset: u64) -> Result<Option<Vec<u8>>> {
        if offset > 0 {
            let mut before = [0u8];
            match file.read_exact_at(&mut before, offset - 1) {
                Ok(()) if before[0] == b'\n' => {}
                Ok(()) => return Ok(None),
                Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(None),
                Err(e) => return Err(self.read_error(e)),
            }
        }
        let mut line = Vec::new();
        let mut buf = vec![0; 4096];
        let mut at = offset;
        loop {
            let read = file.read_at(&mut buf, at).map_err(|e| self.read_error(e))?;
            if read == 0 {
                return Ok(None);
            }
            if let Some(i) = buf[..read].iter().position(|&b| b == b'\n') {
                line.extend_from_slice(&buf[..i]);
                return Ok(Some(line));
            }
            line.extend_from_slice(&buf[..read]);
            at += read as u64;
        }
    }

    /// Reads every line of the log as it is now (the length is taken under the lock, so no
    /// half-appended line is read), calling `f` with each line without its newline and its
    /// starting offset. A last line without a newline is passed with `complete` false.
    pub fn each_line(&self, mut f: impl FnMut(&[u8], u64, bool) -> Result<()>) -> Result<bool> {
        if let Some(conn) = &self.table {
            return self.table_each_line(conn, f);
        }
        let Some(locked) = self.lock(Mode::Read)? else {
            return Ok(false);
        };
        let len = locked
            .file
            .metadata()
            .map_err(|e| self.read_error(e))?
            .len();
        let file = locked.file.try_clone().map_err(|e| self.read_error(e))?;
        drop(locked);
        let mut reader = BufReader::with_capacity(1 << 16, file.take(len));
        let mut line = Vec::new();
        let mut offset = 0;
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| self.read_error(e))?;
            if read == 0 {
                return Ok(true);
            }
            let complete = line.last() == Some(&b'\n');
            if complete {
                line.pop();
            }
            f(&line, offset, complete)?;
            offset += read as u64;
        }
    }

    fn broken(&self, why: String) -> Error {
        Error::AuditBroken {
            path: self.path.clone(),
            why,
        }
    }

    fn write_error(&self, source: std::io::Error) -> Error {
        Error::AuditWrite {
            path: self.path.clone(),
            source,
        }
    }

    fn open_error(&self, source: std::io::Error) -> Error {
        if source.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error()) {
            return Error::AuditUnsafe {
                path: self.path.clone(),
                why: "it is a symbolic link".into(),
            };
        }
        self.write_error(source)
    }

    fn read_error(&self, source: std::io::Error) -> Error {
        Error::Io {
            context: format!("cannot read the audit log {}", self.path.display()),
            source,
        }
    }
}

/// Renames the log at `path` aside (to `<log>.set-aside-<unix time>`), if there is one;
/// returns where it went. For a log whose records this vault cannot verify or continue.
pub(in crate::vault) fn set_aside(path: &Path) -> std::io::Result<Option<PathBuf>> {
    if path.symlink_metadata().is_err() {
        return Ok(None);
    }
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".set-aside-{}", crate::time::now()));
    let mut aside = PathBuf::from(&name);
    if aside.symlink_metadata().is_ok() {
        name.push(format!("-{}", std::process::id()));
        aside = PathBuf::from(name);
    }
    std::fs::rename(path, &aside)?;
    Ok(Some(aside))
}

/// Whether `line` is an authenticated checkpoint standing for `head`'s record.
fn stands_for(line: &[u8], head: AuditHead, key: Option<&Key>, vault_id: &VaultId) -> bool {
    let Some(key) = key else { return false };
    serde_json::from_slice::<ChainFields>(line).is_ok_and(|fields| {
        fields.action == CHECKPOINT
            && fields.seq == head.seq
            && parse_hash(&fields.prev) == Some(head.hash)
            && crypto::check_line(key, vault_id, line) == LineMac::Valid
    })
}

/// Completes `record` as record `seq` chained to `prev`, sealed with `key` when there is one:
/// the line (with its newline) and its chain hash.
fn seal(
    record: &mut Record,
    seq: i64,
    prev: &ChainHash,
    key: Option<&Key>,
    vault_id: &VaultId,
) -> (Vec<u8>, ChainHash) {
    record.seq = seq;
    record.prev = crypto::hex(prev);
    record.mac = None;
    let mut line = crypto::seal_line(key, vault_id, record.to_unsealed_line());
    let hash = crypto::chain_hash(&line);
    line.push(b'\n');
    (line, hash)
}

/// The sequence number after the log's last, unless that one is the largest there can be
/// (only an edited log has it).
pub(super) fn next_seq(tail: &Tail) -> Option<i64> {
    tail.head.seq.checked_add(1)
}

pub(super) const LAST_SEQ: &str = "its last record has the largest sequence number there can be";

/// A hex chain hash as stored in `prev`.
pub(super) fn parse_hash(text: &str) -> Option<ChainHash> {
    crypto::unhex::<32>(text.as_bytes())
}

fn sync_dir(path: &Path) -> std::io::Result<()> {
    File::open(super::file::parent_dir(path))?.sync_all()
}
