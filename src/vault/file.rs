//! Filesystem rules for the vault file, checked before SQLite is allowed to open it.
//!
//! A vault is created 0600 inside directories created 0700, under a temporary name that is
//! linked into place when complete. An existing file is vetted without being modified: it must be
//! a regular file that the user owns (root included) and other users cannot write, in a
//! directory that only its owner (or root) can write unless it is sticky; its first 100 bytes
//! must be the header of an SQLite database in rollback-journal mode carrying sealbox's
//! application id; and a journal beside it must belong to it (see [`journal`]). Paths beside the
//! vault are computed from its resolved path, where SQLite puts them.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Error, OpenNotes, Result, journal};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// An existing vault file that passed [`inspect`].
pub(super) struct Inspected {
    /// The path with every symlink resolved: SQLite puts its journal beside the real file, so
    /// everything sealbox checks beside the vault is found from here.
    pub resolved: PathBuf,
    pub notes: OpenNotes,
    /// Mode bits other than the owner's, which [`tighten`] removes before a write.
    pub others_mode: u32,
    /// The uid owning the file, and its device and inode.
    pub owner: u32,
    pub identity: (u64, u64),
}

/// Refuses a directory that someone other than `owner` (the vault's owner) or root could
/// change: one owned by another user, or writable by group or others without the sticky bit.
/// Either could replace the vault or plant a journal beside it.
pub(super) fn check_directory(dir: &Path, owner: u32) -> Result<()> {
    let meta = fs::metadata(dir).map_err(|source| Error::Io {
        context: format!("cannot read the directory {}", dir.display()),
        source,
    })?;
    let mode = meta.mode() & 0o7777;
    let unsafe_dir = |why: String, hint: String| Error::UnsafeDirectory {
        dir: dir.to_owned(),
        why,
        hint,
    };
    if meta.uid() != owner && meta.uid() != 0 {
        return Err(unsafe_dir(
            format!(
                "belongs to uid {}, neither the vault's owner nor root",
                meta.uid()
            ),
            "keep the vault in a directory its owner owns".into(),
        ));
    }
    if mode & 0o022 != 0 && mode & 0o1000 == 0 {
        return Err(unsafe_dir(
            format!("can be written by other users (mode {mode:04o}) and is not sticky"),
            format!(
                "keep the vault in a directory only you can write, or run: chmod go-w '{}'",
                dir.display()
            ),
        ));
    }
    Ok(())
}

/// Checks an existing vault file, its directory and any journal beside it; reads at most the
/// file's first 100 bytes and the journal's first record.
pub(super) fn inspect(path: &Path, busy_timeout: Duration) -> Result<Inspected> {
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    };
    let resolved = match fs::canonicalize(path) {
        Ok(resolved) => resolved,
        Err(err) if err.kind() == ErrorKind::NotFound => {
            return Err(Error::Missing(path.to_owned()));
        }
        Err(err) => return Err(io(err)),
    };
    let meta = fs::metadata(&resolved).map_err(io)?;
    let not_a_vault = |why: &str| Error::NotAVault {
        path: path.to_owned(),
        why: why.into(),
    };
    if !meta.is_file() {
        return Err(not_a_vault("it is not a regular file"));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o022 != 0 {
        return Err(Error::UnsafePermissions {
            path: path.to_owned(),
            mode,
        });
    }
    // As sshd's StrictModes: a file someone else owns, or in a directory someone else can
    // write (and so replace the file, or plant a journal beside it), is not trusted. Root is
    // no exception: SQLite running as root gives the journal, WAL and shared-memory files it
    // opens to the vault's owner (fchown) and writes the shared-memory file, so an owner who
    // hard-links another file there between any check and SQLite's open takes that file over.
    // `sudo -u OWNER sealbox ...` runs with the owner's rights instead.
    let me = rustix::process::geteuid().as_raw();
    if meta.uid() != me {
        return Err(Error::UnsafeOwner {
            path: path.to_owned(),
            owner: meta.uid(),
        });
    }
    check_directory(parent_dir(&resolved), meta.uid())?;
    let mut header = [0u8; 100];
    let mut file = File::open(&resolved).map_err(io)?;
    let read = read_up_to(&mut file, &mut header).map_err(io)?;
    if read == 0 {
        return Err(not_a_vault("the file is empty"));
    }
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(not_a_vault("it is not an SQLite database"));
    }
    if header[18] != 1 || header[19] != 1 {
        return Err(not_a_vault("it is not in rollback-journal mode"));
    }
    // Checked here, not only through SQLite: SQLite rolls back a hot journal left next to the
    // file on its first read, which would modify another program's database before the refusal.
    if header[68..72] != super::schema::APPLICATION_ID.to_be_bytes() {
        return Err(not_a_vault("its SQLite application id is not sealbox's"));
    }
    // Likewise a journal that SQLite would apply must belong to this file. The file's length
    // is checked against its header later, under SQLite's lock, once any journal is applied.
    journal::vet(&resolved, meta.uid(), busy_timeout)?;
    Ok(Inspected {
        owner: meta.uid(),
        identity: (meta.dev(), meta.ino()),
        resolved,
        notes: OpenNotes {
            readable_by_others: mode & 0o044 != 0,
        },
        others_mode: mode & 0o077,
    })
}

/// Makes the vault 0600 before a write. SQLite creates its journal with the vault's mode, and
/// sidecar files are 0600 whatever the vault's mode was (a checkout by git is 0644).
///
/// The file is opened without following a symlink and checked to be the one inspected (same
/// device, inode and owner) before its mode changes, so a file swapped in meanwhile is not
/// touched.
pub(super) fn tighten(resolved: &Path, owner: u32, identity: (u64, u64)) -> Result<()> {
    use rustix::fs::{Mode, OFlags};
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot make {} private (chmod 600)", resolved.display()),
        source,
    };
    let fd = rustix::fs::open(
        resolved,
        OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| io(e.into()))?;
    let stat = rustix::fs::fstat(&fd).map_err(|e| io(e.into()))?;
    if (stat.st_dev, stat.st_ino) != identity || stat.st_uid != owner {
        return Err(Error::Storage(super::Fault::Moved));
    }
    rustix::fs::fchmod(&fd, Mode::from_raw_mode(0o600)).map_err(|e| io(e.into()))
}

/// The size the header promises, when the file is longer than that (the state a `compact`
/// killed between its commit and its truncation leaves); `None` otherwise. Read without a lock:
/// the caller checks again under one before acting on it.
pub(super) fn tail_beyond_header(resolved: &Path) -> Result<Option<u64>> {
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot read {}", resolved.display()),
        source,
    };
    let mut file = File::open(resolved).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let mut header = [0u8; 100];
    if read_up_to(&mut file, &mut header).map_err(io)? < header.len() {
        return Ok(None);
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    let promised = pages * page_size;
    Ok((header[24..28] == header[92..96] && pages > 0 && len > promised).then_some(promised))
}

/// Cuts the file back to `len` bytes and syncs it. The caller holds SQLite's exclusive lock.
pub(super) fn truncate(resolved: &Path, len: u64) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot trim {}", resolved.display()),
        source,
    };
    let file = OpenOptions::new()
        .write(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(resolved)
        .map_err(io)?;
    file.set_len(len).map_err(io)?;
    file.sync_all().map_err(io)
}

/// Whether the file holds all its header promises. Only meaningful under SQLite's shared lock,
/// after SQLite has applied any journal: before that a kill mid-write or a concurrent commit
/// makes them differ legitimately.
pub(super) fn check_length(path: &Path, resolved: &Path) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    };
    let mut file = File::open(resolved).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    let mut header = [0u8; 100];
    if read_up_to(&mut file, &mut header).map_err(io)? < header.len() {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            why: "it is shorter than an SQLite header".into(),
        });
    }
    // Page size: 1 means 65536. The in-header page count is trustworthy when the "version valid
    // for" number matches the change counter, which every SQLite since 3.7.0 ensures.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    let promised = pages * page_size;
    // A longer file is valid: SQLite reads only what the header promises, and a `compact`
    // killed between its commit and its truncation leaves the old tail (the next write
    // truncates it). A shorter one has lost pages.
    if header[24..28] == header[92..96] && len < promised {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            why: format!(
                "its header promises {promised} bytes but the file has {len} (truncated?)"
            ),
        });
    }
    Ok(())
}

pub(super) fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// A new vault being built under a temporary name next to its final path.
pub(super) struct Staging {
    path: PathBuf,
    published: bool,
}

impl Staging {
    /// Creates the parent directories (0700) and an empty 0600 staging file.
    pub(super) fn create(target: &Path) -> Result<Self> {
        let parent = parent_dir(target);
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .map_err(|source| Error::Io {
                context: format!("cannot create the directory {}", parent.display()),
                source,
            })?;
        let mut nonce = [0u8; 8];
        crate::crypto::fill_random(&mut nonce);
        let file_name = target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        let suffix: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let prefix = format!(".{file_name}.init-");
        remove_abandoned(parent, &prefix);
        let path = parent.join(format!("{prefix}{suffix}"));
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|source| Error::Io {
                context: format!("cannot create a file in {}", parent.display()),
                source,
            })?;
        Ok(Self {
            path,
            published: false,
        })
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Makes the finished file durable and links it to `target`, failing if `target` exists.
    pub(super) fn publish(mut self, target: &Path) -> Result<()> {
        let io = |context: &str, source| Error::Io {
            context: format!("{context} {}", target.display()),
            source,
        };
        File::open(&self.path)
            .and_then(|f| f.sync_all())
            .map_err(|e| io("cannot sync", e))?;
        match fs::hard_link(&self.path, target) {
            Ok(()) => {}
            Err(err) if err.kind() == ErrorKind::AlreadyExists => {
                return Err(Error::Exists(target.to_owned()));
            }
            Err(err) => return Err(io("cannot create", err)),
        }
        self.published = true;
        fs::remove_file(&self.path).map_err(|e| io("cannot clean up after creating", e))?;
        File::open(parent_dir(target))
            .and_then(|d| d.sync_all())
            .map_err(|e| io("cannot sync the directory of", e))?;
        Ok(())
    }
}

/// Removes staging files (and their journals, whose names have the same prefix) that a killed
/// `init` left behind: this user's regular files, named for the same vault, and untouched for
/// an hour, so no `init` still running owns them.
/// Best effort: a file that cannot be removed is left.
fn remove_abandoned(dir: &Path, prefix: &str) {
    const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);
    let me = rustix::process::geteuid().as_raw();
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| n.starts_with(prefix)) else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ABANDONED);
        // Its journal, if any, is a name of the same form and is judged by the same test.
        if meta.is_file() && meta.uid() == me && old {
            let _ = fs::remove_file(dir.join(name));
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_file(&self.path);
            let _ = fs::remove_file(journal::path(&self.path));
        }
    }
}

pub(super) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}
