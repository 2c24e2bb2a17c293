//! Helpers for the key-lifecycle tests: running sealbox as a plain child process (so tests can
//! race or kill it), filling a vault quickly, reading rows, and looking for byte residue.

#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use super::{TestEnv, sql};

pub const KEY_A: &str = "1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f";
pub const KEY_B: &str = "2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e2e";
pub const KEY_C: &str = "3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d3d";

/// `sealbox ARGS` as a std command with the test's HOME and vault, no credential, and no
/// SEALBOX_* or XDG variable from outside. `setsid` detaches it from any controlling terminal,
/// so a prompt can never wait for a developer's keyboard.
pub fn sealbox(env: &TestEnv, args: &[&str]) -> Command {
    build(env, args, true)
}

/// Like [`sealbox`] but without `setsid`, so the child's pid is sealbox's own (for killing).
pub fn sealbox_direct(env: &TestEnv, args: &[&str]) -> Command {
    build(env, args, false)
}

fn build(env: &TestEnv, args: &[&str], detach: bool) -> Command {
    let bin = assert_cmd::cargo::cargo_bin("sealbox");
    let mut cmd = if detach && Path::new("/usr/bin/setsid").exists() {
        let mut cmd = Command::new("/usr/bin/setsid");
        cmd.arg(bin);
        cmd
    } else {
        Command::new(bin)
    };
    env.confine(&mut cmd);
    cmd.args(args).stdin(Stdio::null());
    cmd
}

/// `sealbox ARGS` unlocked with raw key `key`.
pub fn with_key(env: &TestEnv, key: &str, args: &[&str]) -> Command {
    let mut cmd = sealbox(env, args);
    cmd.env("SEALBOX_KEY", key);
    cmd
}

/// Runs `cmd` with `stdin` and returns its output.
pub fn run(mut cmd: Command, stdin: &[u8]) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn sealbox");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait for sealbox")
}

/// Starts `cmd` in the background with its output discarded.
pub fn start(mut cmd: Command) -> Child {
    cmd.stdout(Stdio::null()).stderr(Stdio::piped());
    cmd.spawn().expect("spawn sealbox")
}

pub fn code(out: &Output) -> Option<i32> {
    out.status.code()
}

/// The value of `name` (or one of its versions) read with `key`, asserting success.
pub fn get(env: &TestEnv, key: &str, name: &str, version: Option<i64>) -> Vec<u8> {
    let version = version.map(|v| v.to_string());
    let mut args = vec!["get", name];
    if let Some(v) = &version {
        args.extend(["--version", v]);
    }
    let out = run(with_key(env, key, &args), b"");
    assert_eq!(
        code(&out),
        Some(0),
        "get {name} {version:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Values for `count` secrets: `value(i, version)` is deterministic and includes a random part
/// so separate test runs never share ciphertext-sized coincidences.
pub fn value(salt: u64, index: usize, version: i64) -> String {
    // Varying lengths (some spanning several padding blocks) and JSON-escaped characters.
    let filler = "x".repeat((index * 7 + version as usize * 13) % 90);
    format!("v{version}-{index}-{salt:016x}-\"q\"\\{filler}")
}

pub fn name(index: usize) -> String {
    format!("SECRET_{index:05}")
}

/// Fills the vault with `count` secrets, each with `versions` versions, through `import`.
pub fn fill(env: &TestEnv, key: &str, count: usize, versions: i64, salt: u64) {
    for version in 1..=versions {
        let mut json = String::from("{");
        for i in 0..count {
            if i > 0 {
                json.push(',');
            }
            let escaped = value(salt, i, version)
                .replace('\\', "\\\\")
                .replace('"', "\\\"");
            json.push_str(&format!("\"{}\":\"{}\"", name(i), escaped));
        }
        json.push('}');
        let out = run(
            with_key(env, key, &["import", "--format", "json"]),
            json.as_bytes(),
        );
        assert_eq!(
            code(&out),
            Some(0),
            "import: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Every blob in column `column` of `table`.
pub fn blobs(conn: &rusqlite::Connection, table: &str, column: &str) -> Vec<Vec<u8>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {column} FROM {table}"))
        .expect("prepare");
    stmt.query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

pub fn count(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect("count")
}

/// `PRAGMA integrity_check` of the vault as one string ("ok" when intact).
pub fn integrity(path: &Path) -> String {
    let conn = sql(path);
    let mut stmt = conn.prepare("PRAGMA integrity_check").expect("prepare");
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    rows.join("; ")
}

/// Which of `blobs` leave a trace, as bytes, anywhere in `files`.
///
/// A large value is stored by SQLite across overflow pages, so its bytes are not contiguous in
/// the file. Each blob is therefore cut into 32-byte chunks (or taken whole if shorter) and
/// counts as present if any chunk occurs; 32 bytes of ciphertext never match by chance. Chunks
/// are found through a set of their first 16 bytes, so the scan is linear in the files' size.
pub fn residue<'a>(files: &BTreeMap<PathBuf, Vec<u8>>, blobs: &'a [Vec<u8>]) -> Vec<&'a [u8]> {
    const PREFIX: usize = 16;
    const CHUNK: usize = 32;
    assert!(
        blobs.iter().all(|b| b.len() >= PREFIX),
        "blobs must be 16 bytes or longer"
    );
    let mut chunks: HashMap<&[u8], Vec<(usize, &[u8])>> = HashMap::new();
    for (index, blob) in blobs.iter().enumerate() {
        let pieces: Vec<&[u8]> = if blob.len() < CHUNK {
            vec![blob]
        } else {
            blob.chunks_exact(CHUNK).collect()
        };
        for piece in pieces {
            chunks
                .entry(&piece[..PREFIX])
                .or_default()
                .push((index, piece));
        }
    }
    let mut found: HashSet<usize> = HashSet::new();
    for bytes in files.values() {
        for start in 0..bytes.len().saturating_sub(PREFIX - 1) {
            if let Some(candidates) = chunks.get(&bytes[start..start + PREFIX]) {
                for (index, piece) in candidates {
                    if bytes[start..].starts_with(piece) {
                        found.insert(*index);
                    }
                }
            }
        }
    }
    blobs
        .iter()
        .enumerate()
        .filter(|(i, _)| found.contains(i))
        .map(|(_, b)| b.as_slice())
        .collect()
}

/// A small xorshift generator: reproducible from a printed seed, no extra dependency.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn from_env_or_time(var: &str) -> (Self, u64) {
        let seed = std::env::var(var)
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(1)
            });
        (Self::new(seed), seed)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}
