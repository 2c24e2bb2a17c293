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
use tempfile::TempDir;

/// A throwaway HOME with a raw-key vault path in it.
pub struct TestEnv {
    pub dir: TempDir,
    pub vault: PathBuf,
    pub key: String,
}

impl TestEnv {
    /// A fresh environment; the vault is not created yet.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = dir.path().join("vault.db");
        let key = "1f".repeat(32);
        Self { dir, vault, key }
    }

    /// A fresh environment with an initialised raw-key vault.
    pub fn with_vault() -> Self {
        let env = Self::new();
        env.cmd(&["init"]).assert().success();
        env
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// `sealbox ARGS` with HOME, SEALBOX_VAULT and SEALBOX_KEY set and nothing else from outside.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare_cmd(args);
        cmd.env("SEALBOX_KEY", &self.key);
        cmd
    }

    /// `sealbox ARGS` with HOME and SEALBOX_VAULT but no credential.
    pub fn bare_cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("sealbox").expect("binary built");
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("SEALBOX_") || name.starts_with("XDG_") {
                cmd.env_remove(&*name);
            }
        }
        cmd.env("HOME", self.home())
            .env("SEALBOX_VAULT", &self.vault)
            .current_dir(self.home())
            .args(args);
        cmd
    }

    /// Stores `value` under `name` through stdin.
    pub fn set(&self, name: &str, value: &[u8]) {
        self.cmd(&["set", name])
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

    /// Every file of the vault (the database and any sidecar such as `-journal`) with its bytes.
    pub fn vault_files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let dir = self.vault.parent().expect("vault has a parent");
        let stem = self
            .vault
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned();
        std::fs::read_dir(dir)
            .expect("read vault dir")
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(&stem))
            .map(|entry| {
                (
                    entry.path(),
                    std::fs::read(entry.path()).expect("read vault file"),
                )
            })
            .collect()
    }

    /// Opens the vault with SQLite directly, for tests that tamper with rows.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.vault).expect("open vault with SQLite")
    }
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// stderr of an output as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
