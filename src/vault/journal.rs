//! Vetting SQLite's rollback journal before SQLite may apply it.
//!
//! SQLite rolls a "hot" `-journal` back into the database when it next takes a lock: whatever
//! pages the journal holds are written over the file, and a super-journal named at its end is
//! deleted. A journal is therefore input like the vault itself, and one that does not belong to
//! the file as it is now (an old copy planted beside it, a journal left by a kill and then joined
//! by a vault restored from a backup, or a diverged copy's) would silently roll the vault back
//! or mix two files. This module reads the journal the way SQLite's playback does, before every
//! transaction, and accepts it only when it can be tied to the current file:
//!
//! - it is a regular file owned by the vault's owner that no one else can write, it names no
//!   super-journal (sealbox never writes one), and its header is one SQLite writes;
//! - its page size is the vault's, and the size it would truncate the file to is the one in
//!   its copy of page 1 and not above the file's;
//! - its first record is the pre-transaction copy of page 1 (every sealbox write rewrites the
//!   format version first), with the same application id and a change counter equal to the
//!   file's (page 1 not yet written back) or one below it (written back);
//! - from format 2 on, its second record is page 2, the `vault` row as it was (every write then
//!   raises the generation and stores a transaction token): its vault id must be the file's, and
//!   either the file still holds that row (same generation and token: the row was not written
//!   back), or the next one, whose token is this journal's own random nonce (written back). A
//!   journal from any other vault or copy, or an older state, fails this.
//!
//! What no file can show: a saved copy of the journal of the very last write, put back, looks
//! exactly like a kill during that write, and undoes it as the kill would have. And a journal
//! crafted to pass (its first two records copied from the file, then arbitrary pages) is the
//! same power as writing the vault directly, which this module does not defend against.
//!
//! A journal whose first byte is zero (an empty one, or one a live transaction is still writing,
//! whose header stays zero until its commit) is not hot, and SQLite leaves it alone.

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

/// The random nonce in the header of the journal beside `db`, which SQLite writes when the
/// journal is created, at the first change of a transaction (the rest of the header stays zero
/// until the commit).
pub(super) fn nonce(db: &Path) -> std::io::Result<[u8; 4]> {
    let mut header = [0u8; 16];
    File::open(path(db))?.read_exact(&mut header)?;
    Ok(header[12..16].try_into().expect("4 bytes"))
}

/// Fails unless the journal beside `db` (if any) may be applied to it.
///
/// The database header and the journal are read without a lock, so a concurrent commit can
/// change either while they are read. They are read until two readings of both agree (file
/// identity, size, modification time and the database header), within `timeout`; past it the
/// vault counts as busy, never as damaged.
pub(super) fn vet(db: &Path, owner: u32, timeout: Duration) -> Result<()> {
    let journal = path(db);
    let deadline = Instant::now() + timeout;
    loop {
        let Some(before) = snapshot(db, &journal)? else {
            return Ok(());
        };
        check_attributes(&journal, &before.journal, owner)?;
        let verdict =
            read_journal(&journal).map(|j| judge(&j, &before.db_header, &before.db_page2));
        let after = snapshot(db, &journal)?;
        if after.as_ref() == Some(&before) {
            return match verdict {
                Ok(Ok(())) => Ok(()),
                Ok(Err(why)) => Err(Error::ForeignJournal {
                    vault: db.to_owned(),
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
    /// The file's page 2 (empty if it has none).
    db_page2: Vec<u8>,
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
    let page_size = page_size(&db_header);
    let mut db_page2 = vec![0u8; page_size as usize];
    file.seek(SeekFrom::Start(u64::from(page_size)))
        .map_err(|e| cannot(db, e))?;
    let read = super::file::read_up_to(&mut file, &mut db_page2).map_err(|e| cannot(db, e))?;
    db_page2.truncate(read);
    Ok(Some(Snapshot {
        journal: Stat::of(&journal_meta),
        db: Stat::of(&db_meta),
        db_header,
        db_page2,
    }))
}

fn check_attributes(journal: &Path, stat: &Stat, owner: u32) -> Result<()> {
    let refuse = |why: String| Error::UntrustedJournal {
        journal: journal.to_owned(),
        why,
    };
    if !stat.is_file {
        return Err(refuse("it is not a regular file".into()));
    }
    if stat.uid != owner {
        return Err(refuse(format!(
            "it is owned by uid {}, not by the vault's owner (uid {owner})",
            stat.uid
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

/// What SQLite's playback would act on first: the header, the first two records and the
/// trailer that may name a super-journal.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Journal {
    /// False when SQLite would not treat it as hot (empty, or a zero first byte).
    hot: bool,
    /// The header starts with SQLite's journal magic.
    magic: bool,
    /// The journal ends with a super-journal name, which makes SQLite delete that file.
    names_super_journal: bool,
    page_size: u32,
    /// The size, in pages, that playback truncates the database to before applying pages.
    original_pages: u32,
    /// The random nonce of this journal's header, which sealbox stores as the token of the
    /// transaction that wrote it.
    nonce: [u8; 4],
    /// The first record's copy of page 1's 100-byte header, when the first record is page 1
    /// and its checksum is one SQLite accepts.
    page1_header: Option<Vec<u8>>,
    /// The vault row in the second record's copy of page 2, when it is page 2 with a valid
    /// checksum.
    vault_row: Option<VaultRow>,
}

/// Reads the journal's header, first two records and trailer as SQLite's playback would.
///
/// Playback truncates the database to the header's original size before it applies any
/// record, so that size must be tied to the file as well as the pages: the first record must
/// be page 1 (sealbox writes page 1 first in every transaction), whose copy carries both the
/// change counter and the original size.
fn read_journal(path: &Path) -> std::io::Result<Journal> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut header = [0u8; HEADER_LEN];
    let read = super::file::read_up_to(&mut file, &mut header)?;
    let mut journal = Journal {
        hot: read > 0 && header[0] != 0,
        ..Journal::default()
    };
    if !journal.hot {
        return Ok(journal);
    }
    if len >= 16 {
        // SQLite reads a super-journal name back from the trailer: length, checksum, magic.
        let mut trailer = [0u8; 8];
        file.seek(SeekFrom::Start(len - 8))?;
        file.read_exact(&mut trailer)?;
        journal.names_super_journal = trailer == MAGIC;
    }
    journal.magic = read == HEADER_LEN && header[..8] == MAGIC;
    if !journal.magic {
        return Ok(journal);
    }
    let field = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    let (records, seed, sector, page_size) = (field(8), field(12), field(20), field(24));
    journal.page_size = page_size;
    journal.original_pages = field(16);
    journal.nonce = seed.to_be_bytes();
    let sane = |n: u32, low: u32| (low..=65536).contains(&n) && n.is_power_of_two();
    if !sane(page_size, 512) || !sane(sector, 32) {
        return Ok(journal);
    }
    let record_len = 8 + u64::from(page_size);
    // The first two records, if the journal holds them whole; a "no-sync" count of 0xffffffff
    // means "as many as the file holds".
    let whole = (len.saturating_sub(u64::from(sector)) / record_len).min(2);
    let count = if records == 0xffff_ffff {
        whole
    } else {
        whole.min(u64::from(records))
    };
    let mut record = vec![0u8; record_len as usize];
    file.seek(SeekFrom::Start(u64::from(sector)))?;
    for index in 0..count {
        file.read_exact(&mut record)?;
        let pgno = u32::from_be_bytes(record[..4].try_into().expect("4 bytes"));
        let page = &record[4..record.len() - 4];
        let stored = u32::from_be_bytes(record[record.len() - 4..].try_into().expect("4 bytes"));
        if checksum(seed, page) != stored || u64::from(pgno) != index + 1 {
            break;
        }
        if index == 0 {
            journal.page1_header = Some(page[..100].to_vec());
        } else {
            journal.vault_row = vault_row(page);
        }
    }
    Ok(journal)
}

/// The page size a database header states (1 means 65536).
fn page_size(header: &[u8; 100]) -> u32 {
    match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        n => u32::from(n),
    }
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

/// The `vault` row: its vault id, generation and transaction token.
#[derive(Debug, PartialEq)]
pub(super) struct VaultRow {
    id: Vec<u8>,
    generation: i64,
    token: Option<Vec<u8>>,
}

/// Decodes the one row of the `vault` table from its b-tree page (page 2): a table leaf with one
/// cell whose record is (id: the rowid, stored as NULL; vault_id: a 16-byte blob; created_at;
/// then, from format 2, generation and txn_token). A row written before format 2 added those
/// columns has only the first three, and reads as generation 0 without a token, as SQLite reads
/// it. `None` for anything else.
fn vault_row(page: &[u8]) -> Option<VaultRow> {
    const TABLE_LEAF: u8 = 13;
    if page.first() != Some(&TABLE_LEAF) || page.get(3..5)? != [0, 1] {
        return None;
    }
    let cell = usize::from(u16::from_be_bytes(page.get(8..10)?.try_into().ok()?));
    let mut at = cell;
    let _payload_len = varint(page, &mut at)?;
    let _rowid = varint(page, &mut at)?;
    let record = at;
    let header_len = usize::try_from(varint(page, &mut at)?).ok()?;
    let mut types = Vec::with_capacity(5);
    while at < record + header_len {
        types.push(varint(page, &mut at)?);
    }
    let (0, 44, created) = (*types.first()?, *types.get(1)?, *types.get(2)?) else {
        return None;
    };
    let mut data = record + header_len;
    let id = page.get(data..data + 16)?.to_vec();
    data += 16;
    integer(page, &mut data, created)?;
    let generation = match types.get(3) {
        Some(&kind) => integer(page, &mut data, kind)?,
        None => 0,
    };
    let token = match types.get(4) {
        None | Some(0) => None,
        // A blob of n bytes has serial type 12 + 2n.
        Some(&kind) if kind >= 12 && kind % 2 == 0 => {
            let n = usize::try_from((kind - 12) / 2).ok()?;
            Some(page.get(data..data + n)?.to_vec())
        }
        Some(_) => return None,
    };
    Some(VaultRow {
        id,
        generation,
        token,
    })
}

/// An SQLite varint at `*at` (1 to 9 bytes, big-endian, 7 bits a byte and 8 in the ninth).
fn varint(page: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for i in 0..9 {
        let byte = *page.get(*at)?;
        *at += 1;
        if i == 8 {
            return Some((value << 8) | u64::from(byte));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// An integer of SQLite serial type `kind` at `*at`.
fn integer(page: &[u8], at: &mut usize, kind: u64) -> Option<i64> {
    let len = match kind {
        8 => return Some(0),
        9 => return Some(1),
        1..=4 => kind as usize,
        5 => 6,
        6 => 8,
        _ => return None,
    };
    let bytes = page.get(*at..*at + len)?;
    *at += len;
    // Big-endian two's complement, sign-extended from its first byte.
    let first = i64::from(bytes[0] as i8);
    Some(
        bytes[1..]
            .iter()
            .fold(first, |acc, &b| (acc << 8) | i64::from(b)),
    )
}

/// Whether `journal` belongs to the database whose current header is `db` and whose page 2 is
/// `db_page2`.
fn judge(journal: &Journal, db: &[u8; 100], db_page2: &[u8]) -> Result<(), &'static str> {
    if !journal.hot {
        return Ok(());
    }
    if journal.names_super_journal {
        return Err("it names a super-journal for SQLite to delete, which sealbox never writes");
    }
    if !journal.magic {
        return Err("its header is not one SQLite writes");
    }
    if journal.page_size != page_size(db) {
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
    // The size playback truncates to must be the one recorded in that same page-1 copy. Only
    // `compact` shrinks a vault, so a transaction starts from at most the file's size, unless
    // its own new first page (counter one up) is already on disk with the smaller size. That
    // also lets through any killed write whose page 1 reached the disk: no loss, since a
    // journal that passes the other checks is as strong as editing the file, which the
    // authenticated state answers, and compact's own write first makes older journals fail
    // the counter and vault-row checks.
    let shrinking = now == was.wrapping_add(1);
    if journal.original_pages != field(page1, 28)
        || (journal.original_pages > field(db, 28) && !shrinking)
    {
        return Err("the size it would truncate the vault to does not match the vault");
    }
    // The format is the newer of the file's and the journal's: a journal cannot opt out of the
    // vault-row check by claiming an older one, and a kill during an upgrade has both.
    let format = i64::from(field(page1, 60).max(field(db, 60)));
    if format >= super::schema::GENERATION_SINCE {
        let (Some(was), Some(now)) = (&journal.vault_row, vault_row(db_page2)) else {
            return Err("it does not hold the vault row second, as sealbox's journals do");
        };
        if was.id != now.id {
            return Err("it was written for another vault");
        }
        let untouched = now.generation == was.generation && now.token == was.token;
        let written_back = now.generation == was.generation.wrapping_add(1)
            && now.token.as_deref() == Some(&journal.nonce[..]);
        if !untouched && !written_back {
            return Err("it was written for another copy or an older state of the vault");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONCE: [u8; 4] = [1, 2, 3, 4];

    fn header(counter: u32, pages: u32) -> [u8; 100] {
        let mut h = [0u8; 100];
        h[16..18].copy_from_slice(&4096u16.to_be_bytes());
        h[24..28].copy_from_slice(&counter.to_be_bytes());
        h[28..32].copy_from_slice(&pages.to_be_bytes());
        h[60..64].copy_from_slice(&2u32.to_be_bytes());
        h[68..72].copy_from_slice(b"SBX1");
        h
    }

    /// Page 2 as SQLite writes the vault row (id 1, vault id, created_at, generation, token).
    fn page2(id: u8, generation: u8, token: Option<[u8; 4]>) -> Vec<u8> {
        let mut types = vec![0u8, 44, 4, 1];
        let mut data = [
            &[id; 16][..],
            &1_764_000_000u32.to_be_bytes(),
            &[generation],
        ]
        .concat();
        match token {
            Some(token) => {
                types.push(20);
                data.extend_from_slice(&token);
            }
            None => types.push(0),
        }
        let record = [&[types.len() as u8 + 1][..], &types, &data].concat();
        let cell = [&[record.len() as u8, 1][..], &record].concat();
        let mut page = vec![0u8; 4096];
        let at = 4096 - cell.len();
        page[at..].copy_from_slice(&cell);
        page[0] = 13;
        page[3..5].copy_from_slice(&[0, 1]);
        page[8..10].copy_from_slice(&(at as u16).to_be_bytes());
        page
    }

    fn journal(counter: u32, pages: u32) -> Journal {
        Journal {
            hot: true,
            magic: true,
            names_super_journal: false,
            page_size: 4096,
            original_pages: pages,
            nonce: NONCE,
            page1_header: Some(header(counter, pages).to_vec()),
            vault_row: vault_row(&page2(7, 3, Some([9; 4]))),
        }
    }

    fn judge(journal: &Journal, db: &[u8; 100]) -> Result<(), &'static str> {
        super::judge(journal, db, &page2(7, 3, Some([9; 4])))
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
    fn the_vault_row_is_decoded_from_its_page() {
        let row = |id: u8, generation, token: Option<[u8; 4]>| VaultRow {
            id: vec![id; 16],
            generation,
            token: token.map(|t| t.to_vec()),
        };
        assert_eq!(
            vault_row(&page2(7, 3, Some(NONCE))),
            Some(row(7, 3, Some(NONCE)))
        );
        assert_eq!(vault_row(&page2(7, 0, None)), Some(row(7, 0, None)));
        assert_eq!(vault_row(&[0u8; 4096]), None);
        assert_eq!(varint(&[0x81, 0x00], &mut 0), Some(128));
        assert_eq!(integer(&[0xff, 0xfe], &mut 0, 2), Some(-2));
    }

    #[test]
    fn a_journal_of_the_current_transaction_is_accepted() {
        // Not yet written back: the file holds the journal's row.
        assert_eq!(judge(&journal(7, 5), &header(7, 5)), Ok(()));
        // Written back: the next generation, with this journal's nonce as its token.
        let db = header(8, 6);
        assert_eq!(
            super::judge(&journal(7, 5), &db, &page2(7, 4, Some(NONCE))),
            Ok(())
        );
        assert_eq!(judge(&Journal::default(), &header(1, 1)), Ok(()));
    }

    #[test]
    fn older_foreign_diverged_and_shrinking_journals_are_refused() {
        let db = header(8, 5);
        assert!(judge(&journal(5, 5), &db).is_err());
        assert!(judge(&journal(9, 5), &db).is_err());
        assert!(judge(&journal(8, 9), &db).is_err());
        let mut resized = journal(8, 5);
        resized.original_pages = 2;
        assert!(judge(&resized, &db).is_err());
        let mut other = journal(8, 5);
        other.page1_header.as_mut().unwrap()[68..72].copy_from_slice(b"ABCD");
        assert!(judge(&other, &db).is_err());
        for (id, generation, token) in [
            (9, 3, Some([9; 4])), // another vault
            (7, 3, Some([8; 4])), // a diverged copy at the same generation
            (7, 4, Some([8; 4])), // the next generation, but not this journal's
            (7, 5, Some(NONCE)),  // two generations on
        ] {
            assert!(
                super::judge(&journal(8, 5), &db, &page2(id, generation, token)).is_err(),
                "{id} {generation} {token:?}"
            );
        }
        // A journal claiming format 1 still gets the vault-row check on a format-2 file.
        let mut old_format = journal(8, 5);
        old_format.page1_header.as_mut().unwrap()[60..64].copy_from_slice(&1u32.to_be_bytes());
        old_format.vault_row = None;
        assert!(judge(&old_format, &db).is_err());
        for broken in [
            Journal {
                page1_header: None,
                ..journal(8, 5)
            },
            Journal {
                vault_row: None,
                ..journal(8, 5)
            },
            Journal {
                page_size: 1024,
                ..journal(8, 5)
            },
            Journal {
                magic: false,
                ..journal(8, 5)
            },
            Journal {
                names_super_journal: true,
                ..journal(8, 5)
            },
        ] {
            assert!(judge(&broken, &db).is_err(), "{broken:?}");
        }
    }

    #[test]
    fn a_kill_during_the_format_2_upgrade_is_accepted() {
        let mut db = header(8, 5);
        db[60..64].copy_from_slice(&1u32.to_be_bytes());
        let mut upgrading = journal(8, 5);
        upgrading.page1_header.as_mut().unwrap()[60..64].copy_from_slice(&1u32.to_be_bytes());
        upgrading.vault_row = vault_row(&page2(7, 0, None));
        assert_eq!(super::judge(&upgrading, &db, &page2(7, 0, None)), Ok(()));
        db[60..64].copy_from_slice(&2u32.to_be_bytes());
        assert_eq!(
            super::judge(&upgrading, &db, &page2(7, 1, Some(NONCE))),
            Ok(())
        );
    }
}
