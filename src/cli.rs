//! Command-line definition (clap derive types only). Doc comments here are the help text, the
//! man pages and the completion scripts, so they are written for users.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::commands;

/// Keep secrets in one local, encrypted vault file and hand them to people, scripts and CI.
///
/// Credentials are never taken as argument values: use --key-file, SEALBOX_KEY_FILE,
/// SEALBOX_KEY, --passphrase-file, SEALBOX_PASSPHRASE_FILE, SEALBOX_PASSPHRASE (in that order of
/// precedence) or the prompt on the controlling terminal.
#[derive(Debug, Parser)]
#[command(name = "sealbox", version, max_term_width = 100)]
#[command(after_long_help = EXIT_STATUS_HELP)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand accepts.
#[derive(Debug, Args)]
pub struct Global {
    /// Vault file [default: $XDG_DATA_HOME/sealbox/vault.db]
    #[arg(
        long,
        global = true,
        env = "SEALBOX_VAULT",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub vault: Option<PathBuf>,

    /// Read a raw 256-bit key (64 hex characters) from PATH
    #[arg(
        long,
        global = true,
        env = "SEALBOX_KEY_FILE",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub key_file: Option<PathBuf>,

    /// Read the passphrase from PATH (one trailing newline is removed)
    #[arg(
        long,
        global = true,
        env = "SEALBOX_PASSPHRASE_FILE",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub passphrase_file: Option<PathBuf>,

    /// Print machine-readable JSON on stdout
    #[arg(long, global = true)]
    pub json: bool,

    /// Print no informational messages on stderr
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault with one unlock slot made from the credential in use
    Init(commands::init::Args),
    /// Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file
    Keygen(commands::keygen::Args),
    /// Store a new version of a secret (value from stdin, a prompt, a file or --generate)
    Set(commands::set::Args),
    /// Write a secret's value to stdout
    Get(commands::get::Args),
    /// List secret names and metadata (never values); needs no credential
    List(commands::list::Args),
    /// Remove secrets and all their versions
    Delete(commands::delete::Args),
    /// Add many secrets in one all-or-nothing transaction
    Import(commands::import::Args),
}

pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0   success
  1   any other error (I/O, permissions, internal)
  2   usage: bad flags or arguments, invalid name, value too large
  3   not found: no such secret, version or vault
  4   unlock failed: wrong key or passphrase, or no credential available without a terminal
  5   integrity: ciphertext, slot, key or vault structure modified or corrupt
  6   conflict: vault already exists, --if-version/--no-overwrite mismatch
  7   busy: the vault stayed locked by another process past the timeout (SEALBOX_BUSY_TIMEOUT)
  8   unsupported: vault written by a newer format, unknown algorithm, unsafe KDF parameters
  10  findings: check or scan found something to act on";
