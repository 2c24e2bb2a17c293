//! Vetting SQLite's rollback journal before SQLite may apply it.
//!
//! SQLite rolls a "hot" `-journal` back into the database on its first read: whatever pages the
//! journal holds are written over the file. A journal is therefore input like the vault itself,
//! and one that does not belong to the file as it is now (an old copy planted beside it, or a
//! journal left by a kill and then joined by a vault restored from a backup) would silently roll
//! the vault back or mix two files. This module reads the journal the way SQLite's playback
//! does and accepts it only when it can be tied to the current file:
//!
//! - it is a regular file owned by the vault's owner that no one else can write;
//! - its page size is the vault's, and the database size it would truncate to is not larger
//!   than the file (sealbox never shrinks a vault, so a transaction only ever grows it);
//! - it holds the pre-transaction copy of page 1 (sealbox journals page 1 first in every write
//!   transaction), and that copy is the vault's own: the same SQLite application id, and a change
//!   counter equal to the file's (the transaction had not written page 1 yet) or one below it
//!   (it had). Any older journal, or one from another file, fails this.
//!
//! What cannot be told apart: a copy of the journal of the very last transaction, put back
//! beside the file, looks exactly like a kill during that transaction's commit; applying it
//! undoes that one transaction, as the kill would have.
//!
//! Journals that SQLite would not apply (empty, zeroed header, wrong magic: a journal being
//! written by a live transaction has a zeroed header until its commit) are left to SQLite.

use std::fs::{self, File, Metadata};
use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Error, Result};

const MAGIC: [u8; 8] = [0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7];
/// The header fields SQLite reads: magic, record count, checksum seed, original database size
/// in pages, sector size, page size.
const HEADER_LEN: usize = 28;

/// The journal path SQLite uses for the database at `db` (already resolved).
pub(super) fn path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// Fails unless the journal beside `db` (if any) may be applied to it.
///
/// The database header and the journal are read without a lock, so a concurrent commit can
/// change either while they are read. They are read until two readings of both agree (file
/// identity, size, modification time and the database header), within `timeout`; past it the
/// vault counts as busy, never as damaged.
pub(super) fn vet(db: &Path, db_meta: &Metadata, timeout: Duration) -> Result<()> {
    let journal = path(db);
    let deadline = Instant::now() + timeout;
    loop {
        let Some(before) = snapshot(db, &journal)? else {
            return Ok(());
        };
        check_attributes(&journal, &before.journal, db_meta)?;
        let verdict = read_journal(&journal).map(|j| judge(&j, &before.db_header));
        let after = snapshot(db, &journal)?;
        if after.as_ref() == Some(&before) {
            return match verdict {
                Ok(Ok(())) => Ok(()),
                Ok(Err(why)) => Err(Error::ForeignJournal {
                    journal,
                    why: why.to_owned(),
                }),
                Err(err) => Err(Error::Io {
                    context: format!("cannot read the journal {}", journal.display()),
                    source: err,
                }),
            };
        }
        if after.is_none() {
            // The transaction that wrote it committed or rolled back meanwhile.
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(Error::Busy);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// What must not change while the journal is judged.
#[derive(PartialEq)]
struct Snapshot {
    journal: Stat,
    db: Stat,
    db_header: [u8; 100],
}

#[derive(PartialEq)]
struct Stat {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    uid: u32,
    mode: u32,
    is_file: bool,
}

impl Stat {
    fn of(meta: &Metadata) -> Self {
        Self {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            uid: meta.uid(),
            mode: meta.mode(),
            is_file: meta.file_type().is_file(),
        }
    }
}

/// The journal's and the database's state now; `None` when there is no journal.
fn snapshot(db: &Path, journal: &Path) -> Result<Option<Snapshot>> {
    let cannot = |what: &Path, source| Error::Io {
        context: format!("cannot read {}", what.display()),
        source,
    };
    let journal_meta = match fs::symlink_metadata(journal) {
        Ok(meta) => meta,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
        Err(err) => return Err(cannot(journal, err)),
    };
    let mut file = File::open(db).map_err(|e| cannot(db, e))?;
    let db_meta = file.metadata().map_err(|e| cannot(db, e))?;
    let mut db_header = [0u8; 100];
    let read = super::file::read_up_to(&mut file, &mut db_header).map_err(|e| cannot(db, e))?;
    if read < db_header.len() {
        // Checked by the caller already; a file that shrank meanwhile is a changed snapshot.
        db_header = [0xff; 100];
    }
    Ok(Some(Snapshot {
        journal: Stat::of(&journal_meta),
        db: Stat::of(&db_meta),
        db_header,
    }))
}

fn check_attributes(journal: &Path, stat: &Stat, db_meta: &Metadata) -> Result<()> {
    let refuse = |why: String| Error::ForeignJournal {
        journal: journal.to_owned(),
        why,
    };
    if !stat.is_file {
        return Err(refuse("it is not a regular file".into()));
    }
    if stat.uid != db_meta.uid() {
        return Err(refuse(format!(
            "it is owned by uid {}, not by the vault's owner (uid {})",
            stat.uid,
            db_meta.uid()
        )));
    }
    if stat.mode & 0o022 != 0 {
        return Err(refuse(format!(
            "other users can write it (mode {:03o})",
            stat.mode & 0o777
        )));
    }
    Ok(())
}

/// What SQLite's playback would act on first: the first header and the first page record.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Journal {
    /// False when SQLite would apply nothing and truncate nothing (no valid first header).
    hot: bool,
    page_size: u32,
    /// The size, in pages, that playback truncates the database to before applying pages.
    original_pages: u32,
    /// The first record's copy of page 1's 100-byte header, when the first record is page 1
    /// and its checksum is one SQLite accepts.
    page1_header: Option<Vec<u8>>,
}

/// Reads the journal's first header and first record as SQLite's playback would.
///
/// Playback truncates the database to the header's original size before it applies any
/// record, so that size must be tied to the file as well as the pages: the first record must
/// be page 1 (sealbox writes page 1 first in every transaction), whose copy carries both the
/// change counter and the original size.
fn read_journal(path: &Path) -> std::io::Result<Journal> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut header = [0u8; HEADER_LEN];
    if super::file::read_up_to(&mut file, &mut header)? < HEADER_LEN || header[..8] != MAGIC {
        return Ok(Journal::default());
    }
    let field = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    let (records, seed, sector, page_size) = (field(8), field(12), field(20), field(24));
    let mut journal = Journal {
        hot: true,
        page_size,
        original_pages: field(16),
        page1_header: None,
    };
    let sane = |n: u32, low: u32| (low..=65536).contains(&n) && n.is_power_of_two();
    if !sane(page_size, 512) || !sane(sector, 32) {
        return Ok(journal);
    }
    let record_len = 8 + u64::from(page_size);
    if records == 0 || u64::from(sector) + record_len > len {
        return Ok(journal);
    }
    let mut record = vec![0u8; record_len as usize];
    file.seek(SeekFrom::Start(u64::from(sector)))?;
    file.read_exact(&mut record)?;
    let pgno = u32::from_be_bytes(record[..4].try_into().expect("4 bytes"));
    let page = &record[4..record.len() - 4];
    let stored = u32::from_be_bytes(record[record.len() - 4..].try_into().expect("4 bytes"));
    if pgno == 1 && checksum(seed, page) == stored {
        journal.page1_header = Some(page[..100].to_vec());
    }
    Ok(journal)
}

/// SQLite's journal record checksum: the seed plus every 200th byte, counted from the end.
fn checksum(seed: u32, page: &[u8]) -> u32 {
    let mut sum = seed;
    let mut i = page.len() as isize - 200;
    while i > 0 {
        sum = sum.wrapping_add(u32::from(page[i as usize]));
        i -= 200;
    }
    sum
}

/// Whether `journal` belongs to the database whose current header is `db`.
fn judge(journal: &Journal, db: &[u8; 100]) -> Result<(), &'static str> {
    if !journal.hot {
        return Ok(());
    }
    let db_page_size = match u16::from_be_bytes([db[16], db[17]]) {
        1 => 65536,
        n => u32::from(n),
    };
    if journal.page_size != db_page_size {
        return Err("its page size differs from the vault's");
    }
    let Some(page1) = &journal.page1_header else {
        return Err(
            "it does not start with a copy of the vault's first page, as sealbox's journals do",
        );
    };
    let field =
        |h: &[u8], at: usize| u32::from_be_bytes(h[at..at + 4].try_into().expect("4 bytes"));
    if page1[68..72] != db[68..72] {
        return Err("it was written for another database");
    }
    let (was, now) = (field(page1, 24), field(db, 24));
    if now != was && now != was.wrapping_add(1) {
        return Err("it was written for another copy or an older state of the vault");
    }
    // sealbox never shrinks a vault, so a transaction starts from at most the file's size, and
    // the size playback truncates to must be the one recorded in that same page-1 copy.
    if journal.original_pages != field(page1, 28) || journal.original_pages > field(db, 28) {
        return Err("the size it would truncate the vault to does not match the vault");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(counter: u32, pages: u32) -> [u8; 100] {
        let mut h = [0u8; 100];
        h[16..18].copy_from_slice(&4096u16.to_be_bytes());
        h[24..28].copy_from_slice(&counter.to_be_bytes());
        h[28..32].copy_from_slice(&pages.to_be_bytes());
        h[68..72].copy_from_slice(b"SBX1");
        h
    }

    fn journal(counter: u32, pages: u32) -> Journal {
        Journal {
            hot: true,
            page_size: 4096,
            original_pages: pages,
            page1_header: Some(header(counter, pages).to_vec()),
        }
    }

    #[test]
    fn the_checksum_is_sqlites() {
        // Every 200th byte from the end of a 1024-byte page: 824, 624, 424, 224, 24.
        let mut page = vec![0u8; 1024];
        for i in [824, 624, 424, 224, 24] {
            page[i] = 1;
        }
        page[0] = 100;
        assert_eq!(checksum(10, &page), 15);
    }

    #[test]
    fn a_journal_of_the_current_transaction_is_accepted() {
        assert_eq!(judge(&journal(7, 5), &header(7, 5)), Ok(()));
        assert_eq!(judge(&journal(7, 5), &header(8, 6)), Ok(()));
        assert_eq!(judge(&Journal::default(), &header(1, 1)), Ok(()));
    }

    #[test]
    fn older_foreign_and_shrinking_journals_are_refused() {
        assert!(judge(&journal(5, 5), &header(8, 5)).is_err());
        assert!(judge(&journal(9, 5), &header(8, 5)).is_err());
        assert!(judge(&journal(8, 9), &header(8, 5)).is_err());
        let mut resized = journal(8, 5);
        resized.original_pages = 2;
        assert!(judge(&resized, &header(8, 5)).is_err());
        let mut other = journal(8, 5);
        other.page1_header.as_mut().unwrap()[68..72].copy_from_slice(b"ABCD");
        assert!(judge(&other, &header(8, 5)).is_err());
        let no_page1 = Journal {
            page1_header: None,
            ..journal(8, 5)
        };
        assert!(judge(&no_page1, &header(8, 5)).is_err());
        let other_size = Journal {
            page_size: 1024,
            ..journal(8, 5)
        };
        assert!(judge(&other_size, &header(8, 5)).is_err());
    }
}
