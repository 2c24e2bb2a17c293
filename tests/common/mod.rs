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

    /// A `std::process::Command` for `sealbox ARGS` with the same environment as [`Self::cmd`],
    /// for tests that need the running child (its pid, signals).
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("sealbox"));
        for (name, _) in std::env::vars_os() {
            let name = name.to_string_lossy();
            if name.starts_with("SEALBOX_") || name.starts_with("XDG_") {
                cmd.env_remove(&*name);
            }
        }
        cmd.env("HOME", self.home())
            .env("SEALBOX_VAULT", &self.vault)
            .env("SEALBOX_KEY", &self.key)
            .current_dir(self.home())
            .args(args);
        cmd
    }

    /// Another program (a shell, git, script) with the same environment as [`Self::std_cmd`].
    pub fn program_cmd(&self, program: &str) -> std::process::Command {
        let template = self.std_cmd(&[]);
        let mut cmd = std::process::Command::new(program);
        for (name, value) in template.get_envs() {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            };
        }
        cmd.current_dir(self.home());
        cmd
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

/// Whether the external program `name` can be run. Under CI (the `CI` variable set) a missing
/// tool fails the test with the command that installs it; elsewhere the test prints a note and
/// the caller skips.
pub fn tool_available(name: &str, install: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{name} is required in CI but is not installed; install it with: {install}");
        }
        eprintln!("note: {name} is not installed, skipping this check (install: {install})");
    }
    found
}

/// Whether python3 with python-dotenv can be run (see [`tool_available`]).
pub fn python_dotenv_available() -> bool {
    let install = "pip install python-dotenv";
    if !tool_available("python3", "apt-get install -y python3 python3-pip") {
        return false;
    }
    let found = std::process::Command::new("python3")
        .args(["-c", "import dotenv"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!(
                "python-dotenv is required in CI but is not installed; install it with: {install}"
            );
        }
        eprintln!("note: python-dotenv is not installed, skipping this check (install: {install})");
    }
    found
}
