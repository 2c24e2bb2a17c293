//! The two operations that replace the log rather than append to it: `audit prune` (drop old
//! records behind a checkpoint) and `audit restart` (set a lost or broken log aside).
//!
//! Both build the new log beside the old one under the log's lock, sync it, and rename it into
//! place, so a crash leaves the old log or the new one; both run inside the vault's write
//! transaction that binds the new head. If that commit fails after the rename, the new log
//! still satisfies the old binding: prune keeps the bound record byte for byte, and a restart's
//! first line is a checkpoint standing for it (see `AuditLog::check_holds`).

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;

use rustix::fs::OFlags;

use crate::audit::{CHECKPOINT, Record};
use crate::crypto::{self, AuditHead, ChainHash, Key, VaultId};

use super::{AuditLog, Mode, Result, parse_hash, seal, set_aside, sync_dir};

/// Writes a new log beside `log` with `fill` (which returns the head of its last record),
/// syncs it, calls `before_rename` (a restart sets the old log aside there) and renames it
/// into place. The new file is removed if anything fails.
fn replace_log<T>(
    log: &AuditLog,
    suffix: &str,
    fill: impl FnOnce(&mut File) -> std::io::Result<AuditHead>,
    before_rename: impl FnOnce() -> std::io::Result<T>,
) -> Result<(AuditHead, T)> {
    let staging = {
        let mut name = log.path.as_os_str().to_owned();
        name.push(format!(".{suffix}-{}", std::process::id()));
        PathBuf::from(name)
    };
    let result = (|| {
        let mut out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags((OFlags::NOFOLLOW | OFlags::CLOEXEC).bits() as i32)
            .open(&staging)?;
        let head = fill(&mut out)?;
        out.sync_all()?;
        let extra = before_rename()?;
        std::fs::rename(&staging, &log.path)?;
        sync_dir(&log.path)?;
        Ok((head, extra))
    })();
    result.map_err(|source| {
        let _ = std::fs::remove_file(&staging);
        log.write_error(source)
    })
}

/// `checkpoint` completed to stand for record `seq`, whose chain hash (what the next record
/// chains to) is `hash`: its line, sealed.
fn checkpoint_line(
    mut checkpoint: Record,
    seq: i64,
    hash: &ChainHash,
    key: &Key,
    vault_id: &VaultId,
) -> Vec<u8> {
    checkpoint.action = CHECKPOINT.to_owned();
    checkpoint.pruned = Some(seq);
    seal(&mut checkpoint, seq, hash, Some(key), vault_id).0
}

/// `audit restart`: sets the log aside (whatever it holds) and starts a new one with a
/// checkpoint standing for `bound`, the record the vault row binds, then `record`. For a log
/// that was lost or replaced, so that the vault's records cannot be continued; the restart
/// record stays in the new log as evidence. Returns the record's head and where the old log
/// went.
pub(super) fn restart(
    log: &AuditLog,
    checkpoint: Record,
    mut record: Record,
    key: &Key,
    vault_id: &VaultId,
    bound: AuditHead,
) -> Result<(AuditHead, Option<PathBuf>)> {
    let locked = log.lock(Mode::Create)?.expect("created when missing");
    let empty = locked.file.metadata().map_err(|e| log.read_error(e))?.len() == 0;
    replace_log(
        log,
        "restart",
        |out| {
            let mut written = 0;
            let mut prev = crypto::GENESIS;
            if bound.seq > 0 {
                let line = checkpoint_line(checkpoint, bound.seq, &bound.hash, key, vault_id);
                out.write_all(&line)?;
                written = line.len() as u64;
                prev = bound.hash;
            }
            let (line, hash) = seal(&mut record, bound.seq + 1, &prev, Some(key), vault_id);
            out.write_all(&line)?;
            Ok(AuditHead {
                seq: bound.seq + 1,
                offset: written as i64,
                hash,
            })
        },
        || {
            if empty {
                Ok(None)
            } else {
                set_aside(&log.path)
            }
        },
    )
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
    checkpoint: Record,
    mut record: Record,
    key: &Key,
    vault_id: &VaultId,
    bound: AuditHead,
) -> Result<(AuditHead, i64)> {
    let mut locked = log.lock(Mode::Create)?.expect("created when missing");
    log.check_holds(&locked.file, bound, Some((Some(key), vault_id)))?;
    let tail = log.tail(&mut locked.file, Some(bound))?;
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
    let head = replace_log(
        log,
        "prune",
        |out| {
            let line = checkpoint_line(checkpoint, through, &through_hash, key, vault_id);
            out.write_all(&line)?;
            let mut written = line.len() as u64;
            let mut source = locked.file.try_clone()?;
            source.seek(SeekFrom::Start(keep_from))?;
            written += std::io::copy(&mut source.take(tail.len - keep_from), out)?;
            let seq =
                super::next_seq(&tail).ok_or_else(|| std::io::Error::other(super::LAST_SEQ))?;
            let (line, hash) = seal(&mut record, seq, &tail.next_prev, Some(key), vault_id);
            out.write_all(&line)?;
            Ok(AuditHead {
                seq,
                offset: written as i64,
                hash,
            })
        },
        || Ok(()),
    )?
    .0;
    Ok((head, removed))
}
