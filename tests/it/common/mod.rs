//! Test environment shared by the integration tests: a temporary HOME, a vault path inside it,
//! a raw key, and helpers to run the real binary and to snapshot the vault's files.
//!
//! Each test gets its own directory, and the child's environment is cleared of every `SEALBOX_*`
//! and XDG variable of the outer shell, so nothing leaks between tests or from the developer's
//! machine.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use sha2::Digest;
use tempfile::TempDir;

pub mod lifecycle;
pub mod postgres;
pub mod programs;

/// A throwaway HOME with a raw-key vault path in it.
pub struct TestEnv {
    pub dir: TempDir,
    pub vault: PathBuf,
    pub key: String,
    /// For a team vault, the name of its database on [`postgres::server`].
    pub team: Option<String>,
}

impl TestEnv {
    /// A fresh environment; the vault is not created yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("vault.db");
        let key = lifecycle::KEY_A.to_owned();
        Self {
            dir,
            vault,
            key,
            team: None,
        }
    }

    /// A fresh environment whose vault is a new, empty database on the test server.
    pub fn team() -> Self {
        let mut env = Self::new();
        let server = postgres::server();
        let db = server.database();
        env.vault = PathBuf::from(server.url(&db));
        env.team = Some(db);
        env
    }

    /// [`Self::team`] with an initialised raw-key vault.
    pub fn team_with_vault() -> Self {
        let env = Self::team();
        env.cmd(&["init"]).assert().success();
        env
    }

    /// Runs `sql` on the vault's rows as they are stored, outside sealbox (what an attacker
    /// with write access to the file or the database can do); the SQL must be in the dialect
    /// both share.
    pub fn exec(&self, sql: &str) {
        match &self.team {
            Some(db) => {
                postgres::server().psql(db, sql);
            }
            None => self.sql().execute_batch(sql).unwrap(),
        }
    }

    /// Everything the vault's storage holds, as bytes: the files, or a `pg_dump`.
    pub fn stored_bytes(&self) -> Vec<u8> {
        match &self.team {
            Some(db) => postgres::server().dump(db),
            None => files_of(&self.vault).into_values().flatten().collect(),
        }
    }

    /// A fresh environment with an initialised raw-key vault.
    pub fn with_vault() -> Self {
        let env = Self::new();
        env.cmd(&["init"]).assert().success();
        env
    }

    /// An environment whose vault is a copy of `tests/it/fixtures/format-N.db`, private as
    /// sealbox makes its files (a fresh clone checks fixtures out 0644), with the fixture's
    /// owner key (`fN` x 32; `cN` x 32 opens slot "ci") and its audit log, if it has one.
    pub fn with_fixture(format: i64) -> Self {
        let mut env = Self::new();
        env.key = format!("f{format}").repeat(32);
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/it/fixtures/format-{format}.db"));
        std::fs::copy(&fixture, &env.vault).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o600)).unwrap();
        // From format 5 a vault has its audit log beside it.
        let log = fixture.with_extension("db.audit");
        if log.exists() {
            std::fs::copy(&log, env.audit_log()).unwrap();
            std::fs::set_permissions(env.audit_log(), std::fs::Permissions::from_mode(0o600))
                .unwrap();
        }
        env
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Removes this account's freshness records, as for a vault put back on purpose and
    /// accepted (`verify --accept-restore`), or a first open on a new machine.
    pub fn forget_freshness(&self) {
        let _ = std::fs::remove_dir_all(self.home().join(".local/state/sealbox"));
    }

    /// `sealbox ARGS` with HOME, SEALBOX_VAULT and SEALBOX_KEY set and nothing else from outside.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare_cmd(args);
        cmd.env("SEALBOX_KEY", &self.key);
        cmd
    }

    /// `sealbox ARGS` with HOME and SEALBOX_VAULT but no credential.
    pub fn bare_cmd(&self, args: &[&str]) -> Command {
        Command::from_std(self.bare_std_cmd(args))
    }

    /// `sealbox ARGS` with the key, run under libfaketime `days` in the past: how a test makes
    /// a secret that was really set back then (its head, dates included, is authenticated, so
    /// editing the dates with SQL is tampering).
    pub fn cmd_days_ago(&self, days: i64, args: &[&str]) -> Command {
        let mut cmd = std::process::Command::new("faketime");
        self.confine(&mut cmd);
        cmd.arg("-f")
            .arg(format!("-{days}d"))
            .arg(assert_cmd::cargo::cargo_bin("sealbox"))
            .args(args)
            .env("SEALBOX_KEY", &self.key);
        Command::from_std(cmd)
    }

    /// [`Self::bare_cmd`] as a `std::process::Command`, for tests that need the running child.
    pub fn bare_std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("sealbox"));
        self.confine(&mut cmd);
        cmd.args(args);
        cmd
    }

    /// Gives `cmd` this test's HOME, vault and working directory, and removes every `SEALBOX_*`
    /// and XDG variable inherited from the developer's shell.
    pub fn confine(&self, cmd: &mut std::process::Command) {
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("SEALBOX_") || name.starts_with("XDG_") {
                cmd.env_remove(&*name);
            }
        }
        cmd.env("HOME", self.home())
            .env("SEALBOX_VAULT", &self.vault)
            .current_dir(self.home());
    }

    /// Stores `value` under `name` through stdin (with `--allow-empty` when it is empty: a test
    /// storing an empty value means it).
    pub fn set(&self, name: &str, value: &[u8]) {
        let mut args = vec!["set", name];
        if value.is_empty() {
            args.push("--allow-empty");
        }
        self.cmd(&args)
            .write_stdin(value.to_vec())
            .assert()
            .success();
    }

    /// The raw stdout of `get NAME`, asserting success.
    pub fn get(&self, name: &str) -> Vec<u8> {
        let out = self.cmd(&["get", name]).output().expect("run get");
        assert!(
            out.status.success(),
            "get {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Every file of the vault (the database and any sidecar such as `-journal`) with its bytes,
    /// but not its audit log, which every command that unlocks appends to by design (failed
    /// ones included); the log's own tests check it, and [`TestEnv::audit_lines`] reads it.
    pub fn vault_files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        files_of(&self.vault)
    }

    /// The vault's audit log, `<vault>.audit`.
    pub fn audit_log(&self) -> PathBuf {
        let mut name = self.vault.as_os_str().to_owned();
        name.push(".audit");
        PathBuf::from(name)
    }

    /// The audit log's records, parsed (none when there is no log).
    pub fn audit_lines(&self) -> Vec<serde_json::Value> {
        match std::fs::read_to_string(self.audit_log()) {
            Ok(text) => text
                .lines()
                .map(|line| serde_json::from_str(line).expect("a JSON record"))
                .collect(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(err) => panic!("cannot read the audit log: {err}"),
        }
    }

    /// Opens the vault with SQLite directly, for tests that tamper with rows.
    pub fn sql(&self) -> rusqlite::Connection {
        sql(&self.vault)
    }
}

/// The files of a vault at `path` (the database and any sidecar) with their bytes.
pub fn files_of(path: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = path.parent().expect("vault has a parent");
    let stem = path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    std::fs::read_dir(dir)
        .expect("read vault dir")
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.starts_with(&stem) && name != format!("{stem}.audit")
        })
        .map(|entry| {
            (
                entry.path(),
                std::fs::read(entry.path()).expect("read vault file"),
            )
        })
        .collect()
}

/// Opens a vault file (or a copy of one) with SQLite directly, for tests that tamper with rows.
pub fn sql(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).expect("open vault with SQLite")
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// stderr of an output as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Path of the built sealbox binary, for tests that spawn it without `assert_cmd`.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_sealbox")
}

impl TestEnv {
    /// Asserts that the vault's files (and the set of sidecar files) are exactly `before`.
    pub fn assert_unchanged(&self, before: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
        let after = self.vault_files();
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>(),
            "{what}: the set of vault files changed"
        );
        for (path, bytes) in before {
            assert!(after[path] == *bytes, "{what}: {} changed", path.display());
        }
    }

    /// Every file in the test directory (recursively), for checks that nothing else appeared.
    pub fn all_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(self.home(), &mut out);
        out.sort();
        out
    }

    /// A random-looking canary value nobody else would store: easy to search for in files.
    pub fn canary(tag: &str) -> Vec<u8> {
        format!("CANARY-{tag}-{:016x}-END", rand_u64()).into_bytes()
    }
}

/// A fresh pseudo-random number (from the OS through std's hasher seeding).
pub fn rand_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(std::process::id().into());
    hasher.finish()
}

/// stdout of an output as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The path of SQLite's rollback journal for the database at `path`.
pub fn journal_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    PathBuf::from(name)
}

/// Leaves at `dst` what a kill in the middle of a sealbox write on `src` would leave: begins a
/// transaction as sealbox does (rewriting the format version, then raising the generation with
/// the journal's nonce as the transaction token, so pages 1 and 2 are journaled first),
/// runs `sql` with a one-page cache, so its pages spill into the file, and copies the database
/// and its journal at that instant. `src` itself is rolled back. A database that is not a vault
/// (`user_version` 0) gets a plain transaction.
pub fn copy_mid_transaction(src: &Path, dst: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(src).unwrap();
    conn.pragma_update(None, "cache_size", 1).unwrap();
    // A kill after the journal's header is final: with synchronous=OFF SQLite writes it at
    // once, as sealbox's own sync does before any page reaches the file.
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    if version == 0 {
        conn.execute_batch("BEGIN IMMEDIATE;").unwrap();
    } else {
        conn.execute_batch(&format!(
            "BEGIN IMMEDIATE; PRAGMA user_version = {version};"
        ))
        .unwrap();
    }
    if version >= 2 {
        // The transaction's token is the nonce SQLite just wrote into the journal's header.
        let header = std::fs::read(journal_of(src)).unwrap();
        conn.execute(
            "UPDATE vault SET generation = generation + 1, txn_token = ?1 WHERE id = 1",
            [&header[12..16]],
        )
        .unwrap();
    }
    conn.execute_batch(sql).unwrap();
    std::fs::copy(src, dst).unwrap();
    std::fs::copy(journal_of(src), journal_of(dst)).unwrap();
}

/// The slot header digest as sealbox computes it (SHA-256 over a length-prefixed encoding),
/// so a test can play an attacker who edits the parameters *and* fixes up the digest.
pub fn slot_digest(vault_id: &[u8], m: u32, t: u32, p: u32, salt: &[u8]) -> Vec<u8> {
    let mut header = Vec::new();
    let mut push = |field: &[u8]| {
        header.extend_from_slice(&(field.len() as u32).to_be_bytes());
        header.extend_from_slice(field);
    };
    let params: Vec<u8> = [m, t, p].iter().flat_map(|v| v.to_be_bytes()).collect();
    push(b"sealbox/slot");
    push(&1u32.to_be_bytes());
    push(vault_id);
    push(b"passphrase");
    push(&params);
    push(salt);
    sha2::Sha256::new_with_prefix(b"sealbox/v1 slot-digest")
        .chain_update(&header)
        .finalize()
        .to_vec()
}

/// PATH with the directory of the sealbox under test first, for scripts that call `sealbox`.
pub fn path_with_sealbox() -> String {
    let bin = assert_cmd::cargo::cargo_bin("sealbox");
    format!(
        "{}:{}",
        bin.parent().expect("the binary has a directory").display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// Standard base64 of `bytes`, padded or not, in the standard or URL-safe alphabet.
pub fn base64(bytes: &[u8], url: bool, pad: bool) -> Vec<u8> {
    let alphabet: &[u8; 64] = if url {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = Vec::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize]);
        }
        if pad {
            out.extend(std::iter::repeat_n(b'=', 3 - chunk.len()));
        }
    }
    out
}

pub fn hex(bytes: &[u8], upper: bool) -> Vec<u8> {
    bytes
        .iter()
        .map(|b| {
            if upper {
                format!("{b:02X}")
            } else {
                format!("{b:02x}")
            }
        })
        .collect::<String>()
        .into_bytes()
}

/// The raw, hex and base64 forms of `value`, which nothing sealbox writes may hold.
pub fn forms(value: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![value.to_vec(), hex(value, false), hex(value, true)];
    for url in [false, true] {
        for pad in [false, true] {
            forms.push(base64(value, url, pad));
        }
    }
    forms
}

/// The bytes a hex string spells.
pub fn unhex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}
