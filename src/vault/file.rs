//! Filesystem rules for the vault file, checked before SQLite is allowed to open it.
//!
//! A vault is created 0600 inside directories created 0700, under a temporary name that is
//! linked into place when complete. An existing file is vetted without being modified: it must be
//! a regular file that other users cannot write, and its first 100 bytes must be the header of a
//! complete SQLite database in rollback-journal mode carrying sealbox's application id.

use std::fs::{self, DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::{Error, OpenNotes, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Checks an existing vault file; reads at most its first 100 bytes.
pub(super) fn inspect(path: &Path) -> Result<OpenNotes> {
    let io = |source: std::io::Error| Error::Io {
        context: format!("cannot read {}", path.display()),
        source,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == ErrorKind::NotFound => {
            return Err(Error::Missing(path.to_owned()));
        }
        Err(err) => return Err(io(err)),
    };
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
    let mut header = [0u8; 100];
    let mut file = File::open(path).map_err(io)?;
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
    // A vault's application id is written when it is created and never changes, so a vault
    // with a hot journal of its own still passes and is recovered.
    if header[68..72] != super::schema::APPLICATION_ID.to_be_bytes() {
        return Err(not_a_vault("its SQLite application id is not sealbox's"));
    }
    // Page size: 1 means 65536. The in-header page count is trustworthy when the "version valid
    // for" number matches the change counter, which every SQLite since 3.7.0 ensures.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u64::from(n),
    };
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    let pages = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    // A kill mid-transaction leaves a file whose length and header disagree until SQLite rolls
    // its hot journal back; only without a journal does a mismatch mean truncation.
    let hot_journal = fs::metadata(journal_path(path)).is_ok_and(|j| j.len() > 0);
    if change_counter == valid_for && pages * page_size != meta.len() && !hot_journal {
        return Err(Error::Corrupt {
            path: path.to_owned(),
            why: format!(
                "its header promises {} bytes but the file has {} (truncated?)",
                pages * page_size,
                meta.len()
            ),
        });
    }
    Ok(OpenNotes {
        readable_by_others: mode & 0o044 != 0,
    })
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
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
        let path = parent.join(format!(".{file_name}.init-{suffix}"));
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

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_file(&self.path);
            let _ = fs::remove_file(journal_path(&self.path));
        }
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

fn journal_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}
