//! The freshness record: per vault id, the highest generation this account has seen
//! authenticated, kept outside the vault (`$XDG_STATE_HOME/sealbox/<vault id>`), so a vault file
//! put back from an older copy cannot vouch for itself.
//!
//! Beside it, the location record (`at-<SHA-256 of a path>`, for the vault's path as given,
//! made absolute, and with symlinks resolved) holds the id of the vault this account last
//! opened authenticated at that place, and the key pin (`<vault id>.pin`) a commitment to that
//! vault's audit key. So a *different* vault put in its place is noticed, and so is one forged
//! with the real vault's id copied in: anyone who knows a member's public recipient can make a
//! whole vault that member's identity opens, and would otherwise be trusted on sight.
//!
//! A record is one decimal number in a file of its own, 0600 in a 0700 directory, replaced by
//! rename so a reader never sees half of one (after a crash it may see none: see `recorded`). Only generations read from an authenticated vault
//! row are recorded; an unauthenticated view (`list`, `check` without a credential) only
//! compares. Honest processes record generations they have seen committed, so the record never
//! runs ahead of the vault; two racing recorders may leave the smaller of two new generations,
//! which weakens the check by one write and never raises a false alarm.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{ErrorKind, Read, Write};
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::crypto::{self, VaultId};

/// Where freshness records live.
pub struct Freshness {
    dir: PathBuf,
}

impl Freshness {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// Records under `dir` if it is this account's: its nearest existing ancestor belongs to
    /// the effective user. A `HOME` of someone else's (`sudo -u` without `-H`) keeps no record,
    /// rather than failing on a directory this user cannot read or planting files in it.
    pub fn for_account(dir: PathBuf) -> Option<Self> {
        let euid = rustix::process::geteuid().as_raw();
        let existing = dir.ancestors().find_map(|a| fs::metadata(a).ok())?;
        (existing.uid() == euid).then(|| Self::new(dir))
    }

    pub fn path(&self, id: &VaultId) -> PathBuf {
        self.dir.join(crypto::hex(id))
    }

    /// The recorded generation; `None` when this account has never opened the vault. An error
    /// means the record could not be read at all (the directory is not one, or not readable):
    /// the caller warns that rollback is not tracked and goes on, since that is the user's own
    /// configuration, not something done to the vault.
    pub fn recorded(&self, id: &VaultId) -> std::io::Result<Option<i64>> {
        let path = self.path(id);
        let mut file = match OpenOptions::new()
            .read(true)
            .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
            .open(&path)
        {
            Ok(file) => file,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err),
        };
        let meta = file.metadata()?;
        if !meta.is_file() || meta.uid() != rustix::process::geteuid().as_raw() {
            return Err(std::io::Error::other("it is not a file of this user's"));
        }
        let mut text = String::new();
        (&mut file).take(64).read_to_string(&mut text)?;
        // A record is written without fsync (it costs every write two syncs), so a crash can
        // leave an empty or partial one: that reads as no record, which weakens the check until
        // the next authenticated open writes it again, and never fails a command.
        Ok(text.trim().parse::<i64>().ok().filter(|g| *g >= 0))
    }

    /// Records `generation` unless a higher one is recorded already (or always, with `force`).
    pub fn record(&self, id: &VaultId, generation: i64, force: bool) -> std::io::Result<()> {
        if !force && matches!(self.recorded(id), Ok(Some(seen)) if seen >= generation) {
            return Ok(());
        }
        self.write_line(&self.path(id), &generation.to_string())
    }

    fn location_path(&self, location: &Path) -> PathBuf {
        use sha2::Digest;
        let digest = sha2::Sha256::new_with_prefix(b"sealbox/v1 vault-location")
            .chain_update(location.as_os_str().as_encoded_bytes())
            .finalize();
        self.dir.join(format!("at-{}", crypto::hex(&digest[..16])))
    }

    /// The id of the vault last opened at `location`; `None` when none was, or the record is
    /// unreadable (a location record only ever adds a refusal, so an unreadable one is none).
    pub fn pinned(&self, location: &Path) -> Option<VaultId> {
        read_hex16(&self.location_path(location))
    }

    /// Records that `location` holds the vault `id`.
    pub fn pin(&self, location: &Path, id: &VaultId) -> std::io::Result<()> {
        self.write_line(&self.location_path(location), &crypto::hex(id))
    }

    fn key_pin_path(&self, id: &VaultId) -> PathBuf {
        self.path(id).with_extension("pin")
    }

    /// The commitment to vault `id`'s audit key seen before (see `crypto::vault_pin`).
    pub fn key_pin(&self, id: &VaultId) -> Option<[u8; 16]> {
        read_hex16(&self.key_pin_path(id))
    }

    /// Records the commitment to vault `id`'s audit key.
    pub fn record_key_pin(&self, id: &VaultId, pin: &[u8; 16]) -> std::io::Result<()> {
        self.write_line(&self.key_pin_path(id), &crypto::hex(pin))
    }

    /// Replaces the record at `path` with `text` by rename, so a reader never sees half of it.
    fn write_line(&self, path: &Path, text: &str) -> std::io::Result<()> {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)?;
        let temp = temp_path(path);
        let written = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&temp)?;
            writeln!(file, "{text}")?;
            fs::rename(&temp, path)
        })();
        if written.is_err() {
            let _ = fs::remove_file(&temp);
        }
        written
    }
}

/// Sixteen bytes written as hex in a record file of this user's; `None` for anything else.
fn read_hex16(path: &Path) -> Option<[u8; 16]> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.uid() != rustix::process::geteuid().as_raw() {
        return None;
    }
    let mut text = String::new();
    file.take(64).read_to_string(&mut text).ok()?;
    crypto::unhex(text.trim().as_bytes())
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_and_key_records_round_trip_and_name_no_path() {
        let dir = tempfile::tempdir().unwrap();
        let freshness = Freshness::new(dir.path().join("state"));
        let (at, id) = (Path::new("/home/me/secret-project/vault.db"), [7; 16]);
        assert_eq!(freshness.pinned(at), None);
        freshness.pin(at, &id).unwrap();
        assert_eq!(freshness.pinned(at), Some(id));
        assert_eq!(freshness.pinned(Path::new("/elsewhere.db")), None);
        freshness.record_key_pin(&id, &[9; 16]).unwrap();
        assert_eq!(freshness.key_pin(&id), Some([9; 16]));
        for entry in fs::read_dir(dir.path().join("state")).unwrap() {
            let name = entry.unwrap().file_name();
            assert!(!name.to_string_lossy().contains("secret-project"));
        }
        // Garbage reads as no record.
        fs::write(freshness.location_path(at), "not hex\n").unwrap();
        assert_eq!(freshness.pinned(at), None);
    }

    #[test]
    fn records_only_rise_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let freshness = Freshness::new(dir.path().join("state"));
        let id = [1; 16];
        assert_eq!(freshness.recorded(&id).unwrap(), None);
        freshness.record(&id, 5, false).unwrap();
        freshness.record(&id, 3, false).unwrap();
        assert_eq!(freshness.recorded(&id).unwrap(), Some(5));
        freshness.record(&id, 3, true).unwrap();
        assert_eq!(freshness.recorded(&id).unwrap(), Some(3));
        let mode = fs::metadata(freshness.path(&id)).unwrap().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // What a crash can leave: read as no record.
        fs::write(freshness.path(&id), "").unwrap();
        assert_eq!(freshness.recorded(&id).unwrap(), None);
        // A record that cannot be read at all is an error for the caller to warn about.
        let elsewhere = Freshness::new(PathBuf::from("/dev/null/sealbox"));
        assert!(elsewhere.recorded(&id).is_err());
    }
}
