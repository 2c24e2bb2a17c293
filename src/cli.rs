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

    /// Unlock with the slot labelled LABEL only [default: every slot of the credential's kind]
    #[arg(long, global = true, value_name = "LABEL")]
    pub slot: Option<String>,

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
    /// Replace the credential of the unlock slot in use (instant: re-encrypts nothing)
    ///
    /// The slot that unlocked the vault gets the new credential (a raw key or a passphrase) in one
    /// transaction; the old wrapped copy of the vault key is overwritten in the file. No secret
    /// is read or written, so it takes the same time for 10 secrets or 100,000.
    ///
    /// Protects against: someone who learns the OLD credential and gets the vault file as it is
    /// from now on. Does NOT protect against: someone who also holds a copy of the file from
    /// before: the old credential opens that copy, which yields the vault key, and the vault key
    /// (unchanged by rotate-master) opens the current file too, values added later included. Nor
    /// does it change other slots, which keep their own credentials. After a suspected leak of a
    /// credential AND the file, run 're-encrypt --new-vault-key' first, then rotate-master.
    RotateMaster(commands::rotate_master::Args),
    /// Re-encrypt every stored value under a fresh data key, then destroy the old data keys
    ///
    /// Adds a new data key, re-seals every stored value, old versions included, under it in
    /// batches of 256, and deletes the old data keys in a transaction that proves no value still
    /// uses them. Interrupting it loses nothing: any mix of old and new keys is a valid vault,
    /// and running it again finishes the job. Credentials and slots are unchanged.
    ///
    /// Protects against: someone who obtained data keys (say, from a memory dump) but no
    /// credential: the old data keys are destroyed and open nothing in the vault afterwards. Does
    /// NOT protect against: anyone who holds the vault key — a credential plus any copy of the
    /// file — because the new data key is wrapped by that same vault key; use --new-vault-key
    /// (and rotate-master) for that. Old copies and backups of the file keep their old keys and
    /// stay readable with their old credentials. Values are unchanged: a leaked value must be
    /// changed at its source and stored again with 'sealbox set'.
    ReEncrypt(commands::re_encrypt::Args),
    /// Manage unlock slots: several passphrases or keys that each open the vault
    Slot(commands::slot::Args),
    /// Decrypt-check every slot, data key and stored value; exit 5 naming what fails
    ///
    /// Checks the database structure, every unlock slot the credential opens (and that they all
    /// open the same vault key), every data key, and every stored value including old versions.
    /// Values are decrypted in memory and discarded; nothing secret is printed.
    Verify(commands::verify::Args),
}

/// Where a new credential comes from (rotate-master, slot add). Like the credential in use, it is
/// never accepted as an argument value.
#[derive(Debug, Args)]
pub struct NewCredential {
    /// Read the new raw key (64 hex characters) from PATH
    #[arg(
        long,
        env = "SEALBOX_NEW_KEY_FILE",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub new_key_file: Option<PathBuf>,

    /// Read the new passphrase from PATH (one trailing newline is removed)
    #[arg(
        long,
        env = "SEALBOX_NEW_PASSPHRASE_FILE",
        value_name = "PATH",
        hide_env_values = true
    )]
    pub new_passphrase_file: Option<PathBuf>,
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
