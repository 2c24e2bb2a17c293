//! The audit log file, `<vault>.audit` beside the resolved vault: appending records under a
//! lock, checking that the log still holds the record the vault row remembers, and reading the
//! chain back to verify it.
//!
//! Invariants: a record is one line, appended with one `write` under an exclusive `flock` on
//! the file, so concurrent sealbox processes never interleave or lose records; the lock is
//! only ever waited for while no SQLite lock is waited for (a writer takes it inside its write
//! transaction, a reader inside its read transaction, and neither waits for SQLite while
//! holding it), so the two locks cannot deadlock. A line cut short by a crash or a full disk
//! (no final newline) was never a record: the next append removes it. The file obeys the
//! vault's rules: a regular file (never a symlink), owned by the vault's owner, written by
//! nobody else, and 0600. Appends made inside a write transaction reach the disk
//! (`fdatasync`) before the vault row that binds them is committed; those of reads are not
//! synced, so a power cut can lose the last reads' records, never a write's.

use std::cell::{Cell, RefCell};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, OFlags};

use crate::audit::{Access, Actor, CHECKPOINT, Outcome, Record};
use crate::crypto::{self, AuditHead, ChainHash, Key, LineMac, VaultId};

use super::{Error, Result};

/// The audit log of the vault whose resolved path is `vault`.
pub(super) fn path(vault: &Path) -> PathBuf {
    let mut name = vault.as_os_str().to_owned();
    name.push(".audit");
    PathBuf::from(name)
}

/// The log of one vault.
pub(super) struct AuditLog {
    pub path: PathBuf,
    /// The uid that must own it: the vault's owner.
    pub owner: u32,
    pub busy_timeout: Duration,
}

/// How the log is opened: to append (created when missing), to append to an existing log, or
/// only to read (a query, which must work on a read-only copy too).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Create,
    Append,
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
        let mut locked = self.lock(Mode::Create)?.expect("created when missing");
        if let Some(head) = bound {
            self.check_holds(&locked.file, head, sync)?;
        }
        let tail = self.tail(&mut locked.file)?;
        record.seq = tail.head.seq + 1;
        record.prev = crypto::hex(&tail.next_prev);
        record.mac = None;
        let mut line = crypto::seal_line(key, vault_id, record.to_unsealed_line());
        let hash = crypto::chain_hash(&line);
        line.push(b'\n');
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
            seq: record.seq,
            offset: tail.len as i64,
            hash,
        })
    }

    /// The last record of the log, read under the lock; [`AuditHead::EMPTY`] when there is no
    /// log yet.
    pub fn last(&self) -> Result<AuditHead> {
        match self.lock(Mode::Append)? {
            Some(mut locked) => Ok(self.tail(&mut locked.file)?.head),
            None => Ok(AuditHead::EMPTY),
        }
    }

    /// Opens the log as `how` says (creating it 0600 for [`Mode::Create`]), vets it and
    /// takes the lock, waiting up to the busy timeout. A log replaced while waiting (by `audit
    /// prune`) is opened again. `None` when it does not exist and is not to be created.
    fn lock(&self, how: Mode) -> Result<Option<Locked>> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(1);
        let operation = match how {
            Mode::Read => FlockOperation::NonBlockingLockShared,
            Mode::Create | Mode::Append => FlockOperation::NonBlockingLockExclusive,
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
                            return Err(Error::Busy);
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

    /// Reads the last record, first cutting away a line left without its newline.
    fn tail(&self, file: &mut File) -> Result<Tail> {
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
            let whole = self.line_start(file, len)?;
            file.set_len(whole).map_err(|e| self.write_error(e))?;
            if whole == 0 {
                return self.tail(file);
            }
            whole
        };
        let start = self.line_start(file, len - 1)?;
        let mut line = vec![0; (len - 1 - start) as usize];
        file.read_exact_at(&mut line, start)
            .map_err(|e| self.read_error(e))?;
        let fields: ChainFields = serde_json::from_slice(&line)
            .map_err(|_| self.broken("its last line is not a sealbox audit record".into()))?;
        let next_prev = if fields.action == CHECKPOINT {
            parse_hash(&fields.prev).ok_or_else(|| {
                self.broken(format!("record {} has a malformed prev hash", fields.seq))
            })?
        } else {
            crypto::chain_hash(&line)
        };
        Ok(Tail {
            head: AuditHead {
                seq: fields.seq,
                offset: start as i64,
                hash: crypto::chain_hash(&line),
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
    fn check_holds(&self, file: &File, head: AuditHead, thorough: bool) -> Result<()> {
        if head.seq == 0 {
            return Ok(());
        }
        let start = format!("{{\"seq\":{},", head.seq);
        let at_offset = match u64::try_from(head.offset) {
            Ok(offset) if thorough => self
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
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| self.read_error(e))?;
            if read == 0 {
                break;
            }
            let whole = line.pop() == Some(b'\n');
            let found = if thorough {
                crypto::chain_hash(&line) == head.hash
            } else {
                line.starts_with(start.as_bytes())
            };
            if whole && found {
                return Ok(());
            }
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
pub(super) fn set_aside(path: &Path) -> std::io::Result<Option<PathBuf>> {
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

/// `audit restart`: sets the log aside (whatever it holds) and starts a new one with a
/// checkpoint standing for `bound`, the record the vault row binds, then `record`. For a log
/// that was lost or replaced, so that the vault's records cannot be continued; the restart
/// record stays in the new log as evidence. Returns the record's head and where the old log
/// went.
pub(super) fn restart(
    log: &AuditLog,
    mut checkpoint: Record,
    mut record: Record,
    key: &Key,
    vault_id: &VaultId,
    bound: AuditHead,
) -> Result<(AuditHead, Option<PathBuf>)> {
    let locked = log.lock(Mode::Create)?.expect("created when missing");
    let empty = locked.file.metadata().map_err(|e| log.read_error(e))?.len() == 0;
    let staging = {
        let mut name = log.path.as_os_str().to_owned();
        name.push(format!(".restart-{}", std::process::id()));
        PathBuf::from(name)
    };
    let result = (|| -> std::io::Result<(AuditHead, Option<PathBuf>)> {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags((OFlags::NOFOLLOW | OFlags::CLOEXEC).bits() as i32)
            .open(&staging)?;
        let mut written = 0;
        let mut prev = crypto::GENESIS;
        if bound.seq > 0 {
            checkpoint.seq = bound.seq;
            checkpoint.pruned = Some(bound.seq);
            checkpoint.prev = crypto::hex(&bound.hash);
            checkpoint.mac = None;
            let mut line = crypto::seal_line(Some(key), vault_id, checkpoint.to_unsealed_line());
            line.push(b'\n');
            out.write_all(&line)?;
            written = line.len() as u64;
            prev = bound.hash;
        }
        record.seq = bound.seq + 1;
        record.prev = crypto::hex(&prev);
        record.mac = None;
        let mut line = crypto::seal_line(Some(key), vault_id, record.to_unsealed_line());
        let hash = crypto::chain_hash(&line);
        line.push(b'\n');
        out.write_all(&line)?;
        out.sync_all()?;
        let aside = if empty { None } else { set_aside(&log.path)? };
        std::fs::rename(&staging, &log.path)?;
        sync_dir(&log.path)?;
        Ok((
            AuditHead {
                seq: record.seq,
                offset: written as i64,
                hash,
            },
            aside,
        ))
    })();
    drop(locked);
    result.map_err(|source| {
        let _ = std::fs::remove_file(&staging);
        log.write_error(source)
    })
}

/// A hex chain hash as stored in `prev`.
pub(super) fn parse_hash(text: &str) -> Option<ChainHash> {
    crypto::unhex::<32>(text.as_bytes())
}

fn sync_dir(path: &Path) -> std::io::Result<()> {
    File::open(super::file::parent_dir(path))?.sync_all()
}

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct ChainReport {
    /// Records read (a checkpoint included).
    pub records: i64,
    /// The last record.
    pub tail: Option<AuditHead>,
    /// The first problem: the record (or line) it concerns and what is wrong.
    pub problem: Option<String>,
    /// Records after the last authenticated one: written without the key and not yet covered.
    pub uncovered: i64,
    /// Records pruned before the first line, as its checkpoint says.
    pub pruned: i64,
    /// Whether a line cut short by a crash ends the log (the next append removes it).
    pub torn_tail: bool,
}

/// Follows the whole chain: sequence numbers consecutive from 1 (or from a checkpoint, which
/// must be the first line and authenticated), each `prev` the hash of the line before, every
/// MAC valid under `key`, and the records `expected` names (the vault row's head, a witness's
/// `--head`) present with their hashes. Stops at the first problem.
pub(super) fn verify(
    log: &AuditLog,
    key: &Key,
    vault_id: &VaultId,
    expected: &[(AuditHead, &str)],
) -> Result<ChainReport> {
    let mut report = ChainReport::default();
    let mut next_seq = 1;
    let mut next_prev = crypto::GENESIS;
    let mut found = vec![false; expected.len()];
    let mut line_no = 0;
    let exists = log.each_line(|line, offset, complete| {
        if report.problem.is_some() {
            return Ok(());
        }
        line_no += 1;
        if !complete {
            report.torn_tail = true;
            return Ok(());
        }
        let problem = |why: String| Some(why);
        let Ok(fields) = serde_json::from_slice::<ChainFields>(line) else {
            report.problem = problem(format!(
                "line {line_no} (after record {}) is not a sealbox audit record",
                next_seq - 1
            ));
            return Ok(());
        };
        let seq = fields.seq;
        let checkpoint = fields.action == CHECKPOINT;
        if checkpoint && line_no != 1 {
            report.problem = problem(format!(
                "record {seq} is a checkpoint, which only the first line of a log may be"
            ));
            return Ok(());
        }
        if !checkpoint && seq != next_seq {
            report.problem = problem(if seq > next_seq {
                format!(
                    "record {next_seq} is missing: line {line_no} holds record {seq} where record {next_seq} belongs"
                )
            } else {
                format!(
                    "record {seq} is out of place: line {line_no} holds it where record {next_seq} belongs"
                )
            });
            return Ok(());
        }
        let prev = parse_hash(&fields.prev);
        match crypto::check_line(key, vault_id, line) {
            LineMac::Valid => report.uncovered = 0,
            // Only a command that could not unlock writes without the key, and it did not
            // succeed: a record without a MAC that claims success was not written by sealbox.
            LineMac::Absent if fields.outcome == Some(Outcome::Ok) => {
                report.problem = problem(format!(
                    "record {seq} claims success but carries no MAC, which only a failed unlock's record lacks"
                ));
                return Ok(());
            }
            LineMac::Absent if !checkpoint => report.uncovered += 1,
            LineMac::Absent | LineMac::Invalid | LineMac::Malformed => {
                report.problem = problem(format!(
                    "record {seq} was modified: its MAC does not verify under this vault's audit key"
                ));
                return Ok(());
            }
        }
        if checkpoint {
            let Some(prev) = prev else {
                report.problem = problem(format!("checkpoint {seq} has a malformed hash"));
                return Ok(());
            };
            report.pruned = fields.seq;
            next_prev = prev;
        } else {
            if prev != Some(next_prev) {
                report.problem = problem(format!(
                    "record {seq} does not follow record {}: that record was modified, removed or replaced",
                    seq - 1
                ));
                return Ok(());
            }
            next_prev = crypto::chain_hash(line);
        }
        let hash = crypto::chain_hash(line);
        for ((head, _), seen) in expected.iter().zip(&mut found) {
            if head.seq == seq && (head.hash == hash || (checkpoint && head.hash == next_prev)) {
                *seen = true;
            }
        }
        report.records += 1;
        report.tail = Some(AuditHead {
            seq,
            offset: offset as i64,
            hash,
        });
        next_seq = seq + 1;
        Ok(())
    })?;
    if report.problem.is_none() {
        for ((head, whose), seen) in expected.iter().zip(found) {
            if head.seq > 0 && !seen {
                let last = report.tail.map_or(0, |t| t.seq);
                report.problem = Some(if !exists {
                    format!("the log is missing, but {whose} record {} in it", head.seq)
                } else if head.seq > last {
                    format!(
                        "the log ends at record {last}, but {whose} record {}: records were cut from its end",
                        head.seq
                    )
                } else {
                    format!(
                        "record {} is not the one {whose}: it was replaced",
                        head.seq
                    )
                });
                break;
            }
        }
    }
    Ok(report)
}

/// Removes the records written before `before` (Unix seconds), except the one `bound` names
/// and every record after it, and appends `record`: the new log starts with an authenticated
/// checkpoint (`checkpoint`, completed here) standing for the last record removed, so the
/// chain still verifies. All under the lock, through a new file renamed into place, so a crash
/// leaves the old log or the new one. Returns the appended record's head and how many records
/// were removed.
pub(super) fn prune(
    log: &AuditLog,
    before: i64,
    mut checkpoint: Record,
    record: Record,
    key: &Key,
    vault_id: &VaultId,
    bound: AuditHead,
) -> Result<(AuditHead, i64)> {
    let mut locked = log.lock(Mode::Create)?.expect("created when missing");
    log.check_holds(&locked.file, bound, true)?;
    let tail = log.tail(&mut locked.file)?;
    // The first line kept, and what the first kept record chains to.
    let mut keep_from = 0u64;
    let mut last_removed: Option<(i64, ChainHash)> = None;
    let mut removed = 0;
    {
        let mut reader = BufReader::new(locked.file.try_clone().map_err(|e| log.read_error(e))?);
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| log.read_error(e))?;
        let mut line = Vec::new();
        let mut offset = 0u64;
        while offset < tail.len {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| log.read_error(e))?;
            line.pop();
            #[derive(serde::Deserialize)]
            struct Dated {
                seq: i64,
                time: String,
                action: String,
                prev: String,
            }
            let Ok(dated) = serde_json::from_slice::<Dated>(&line) else {
                break;
            };
            let old = crate::time::parse_rfc3339(&dated.time).is_none_or(|t| t >= before);
            if old || dated.seq >= bound.seq {
                break;
            }
            let hash = if dated.action == CHECKPOINT {
                parse_hash(&dated.prev)
                    .ok_or_else(|| log.broken(format!("checkpoint {} is malformed", dated.seq)))?
            } else {
                removed += 1;
                crypto::chain_hash(&line)
            };
            last_removed = Some((dated.seq, hash));
            offset += read as u64;
            keep_from = offset;
        }
    }
    let Some((through, through_hash)) = last_removed.filter(|_| removed > 0) else {
        drop(locked);
        return Ok((
            log.append(record, Some(key), vault_id, Some(bound), true)?,
            0,
        ));
    };
    let staging = {
        let mut name = log.path.as_os_str().to_owned();
        name.push(format!(".prune-{}", std::process::id()));
        PathBuf::from(name)
    };
    let result = (|| -> std::io::Result<AuditHead> {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags((OFlags::NOFOLLOW | OFlags::CLOEXEC).bits() as i32)
            .open(&staging)?;
        checkpoint.seq = through;
        checkpoint.pruned = Some(through);
        checkpoint.prev = crypto::hex(&through_hash);
        checkpoint.mac = None;
        let mut line = crypto::seal_line(Some(key), vault_id, checkpoint.to_unsealed_line());
        line.push(b'\n');
        out.write_all(&line)?;
        let mut written = line.len() as u64;
        let mut source = locked.file.try_clone()?;
        source.seek(SeekFrom::Start(keep_from))?;
        written += std::io::copy(&mut source.take(tail.len - keep_from), &mut out)?;
        let mut record = record;
        record.seq = tail.head.seq + 1;
        record.prev = crypto::hex(&tail.next_prev);
        record.mac = None;
        let mut line = crypto::seal_line(Some(key), vault_id, record.to_unsealed_line());
        let hash = crypto::chain_hash(&line);
        line.push(b'\n');
        out.write_all(&line)?;
        out.sync_all()?;
        std::fs::rename(&staging, &log.path)?;
        sync_dir(&log.path)?;
        Ok(AuditHead {
            seq: record.seq,
            offset: written as i64,
            hash,
        })
    })();
    let head = result.map_err(|source| {
        let _ = std::fs::remove_file(&staging);
        log.write_error(source)
    })?;
    Ok((head, removed))
}

/// What one command records: created by the command layer with its action and reason, shared
/// with the [`super::Vault`] it opens, which fills in what it learns (the slot, the audit key,
/// the chain head the vault row vouches for, the secrets a session touched) and appends the
/// record where it must: in a read transaction before a value is returned, in a write
/// transaction before the commit. [`Recorder::finish`] appends it at the end for a command that
/// tried to unlock and has not recorded yet (a failed unlock, `verify`). At most one record per
/// process.
pub struct Recorder {
    action: String,
    reason: Option<String>,
    credential: RefCell<Option<String>>,
    slot: RefCell<Option<String>>,
    touched: RefCell<Vec<Access>>,
    /// The log and the vault it belongs to, once a vault is opened.
    log: RefCell<Option<(AuditLog, VaultId)>>,
    key: RefCell<Option<Key>>,
    /// The chain head the authenticated vault row records.
    bound: Cell<Option<AuditHead>>,
    attempted: Cell<bool>,
    recorded: Cell<bool>,
}

impl Recorder {
    pub fn new(action: &str, reason: Option<String>) -> Self {
        Self {
            action: action.to_owned(),
            reason,
            credential: RefCell::new(None),
            slot: RefCell::new(None),
            touched: RefCell::new(Vec::new()),
            log: RefCell::new(None),
            key: RefCell::new(None),
            bound: Cell::new(None),
            attempted: Cell::new(false),
            recorded: Cell::new(false),
        }
    }

    /// Where the credential in use came from (an option, a variable, `prompt`).
    pub fn set_credential(&self, source: String) {
        *self.credential.borrow_mut() = Some(source);
    }

    /// The slot asked for with `--slot`, recorded even when the unlock fails.
    pub fn set_slot(&self, label: Option<&str>) {
        *self.slot.borrow_mut() = label.map(str::to_owned);
    }

    pub(super) fn attach(&self, log: AuditLog, vault_id: VaultId) {
        *self.log.borrow_mut() = Some((log, vault_id));
    }

    /// An unlock is being tried: from here on the command is recorded, whatever happens.
    pub(super) fn attempt(&self) {
        self.attempted.set(true);
    }

    /// The vault opened: the slot's label, and the audit key and chain head when the format
    /// has them.
    pub(super) fn unlocked(&self, label: &str, key: Option<Key>, bound: Option<AuditHead>) {
        *self.slot.borrow_mut() = Some(label.to_owned());
        if key.is_some() {
            *self.key.borrow_mut() = key;
        }
        if bound.is_some() {
            self.bound.set(bound);
        }
    }

    pub(super) fn has_key(&self) -> bool {
        self.key.borrow().is_some()
    }

    pub(super) fn touch(&self, accesses: &mut Vec<Access>) {
        let mut touched = self.touched.borrow_mut();
        for access in accesses.drain(..) {
            if !touched.contains(&access) {
                touched.push(access);
            }
        }
    }

    /// Appends this command's record if it has none yet; returns the log's head afterwards
    /// (the record just appended, or the last one when this command recorded before), for a
    /// write to bind. `None` before the vault is opened.
    pub(super) fn record(&self, outcome: Outcome, sync: bool) -> Result<Option<AuditHead>> {
        let log = self.log.borrow();
        let Some((log, vault_id)) = log.as_ref() else {
            return Ok(None);
        };
        if cfg!(feature = "unaudited-bench") {
            return Ok(Some(self.bound.get().unwrap_or(AuditHead::EMPTY)));
        }
        if self.recorded.get() {
            return log.last().map(Some);
        }
        let record = self.record_of(outcome);
        let key = self.key.borrow();
        let head = log.append(record, key.as_ref(), vault_id, self.bound.get(), sync)?;
        self.recorded.set(true);
        Ok(Some(head))
    }

    /// The record of this command as it stands.
    fn record_of(&self, outcome: Outcome) -> Record {
        let mut actor = Actor::current(self.reason.clone());
        actor.slot = self.slot.borrow().clone();
        actor.credential = self.credential.borrow().clone();
        Record::new(&actor, &self.action, outcome, self.touched.borrow().clone())
    }

    /// Records a command that tried to unlock and has not recorded yet, with `outcome`.
    pub fn finish(&self, outcome: Outcome) -> Result<()> {
        if self.attempted.get() && !self.recorded.get() {
            self.record(outcome, false)?;
        }
        Ok(())
    }

    /// `audit prune`: removes the records before `before`, keeping the chain verifiable, and
    /// records this command; returns the new head (for the vault row) and how many were
    /// removed.
    pub(super) fn prune(&self, before: i64) -> Result<(AuditHead, i64)> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before a write");
        let key = self.key.borrow();
        let key = key.as_ref().expect("unlocked before a write");
        let bound = self.bound.get().unwrap_or(AuditHead::EMPTY);
        let mut checkpoint = self.record_of(Outcome::Ok);
        checkpoint.action = CHECKPOINT.to_owned();
        let record = self.record_of(Outcome::Ok);
        let done = prune(log, before, checkpoint, record, key, vault_id, bound)?;
        self.recorded.set(true);
        Ok(done)
    }

    /// `audit restart` (see [`restart`]).
    pub(super) fn restart(&self) -> Result<(AuditHead, Option<PathBuf>)> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before a write");
        let key = self.key.borrow();
        let key = key.as_ref().expect("unlocked before a write");
        let bound = self.bound.get().unwrap_or(AuditHead::EMPTY);
        let mut checkpoint = self.record_of(Outcome::Ok);
        checkpoint.action = CHECKPOINT.to_owned();
        let record = self.record_of(Outcome::Ok);
        let done = restart(log, checkpoint, record, key, vault_id, bound)?;
        self.recorded.set(true);
        Ok(done)
    }

    /// Verifies the whole log against the vault row's head and `witness`.
    pub(super) fn verify(&self, witness: Option<AuditHead>) -> Result<ChainReport> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before verifying");
        let key = self.key.borrow();
        let key = key.as_ref().ok_or_else(|| {
            Error::Damaged("the audit key is not available to verify the log".into())
        })?;
        let mut expected = Vec::new();
        if let Some(head) = self.bound.get() {
            expected.push((head, "the vault's last write recorded"));
        }
        if let Some(head) = witness {
            expected.push((head, "--head names"));
        }
        verify(log, key, vault_id, &expected)
    }
}
