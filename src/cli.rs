//! Command-line definition: the clap derive types, the one function that parses argv with them,
//! and the hint for an argument a subcommand does not take. Doc comments here are the help text,
//! the man pages and the completion scripts, so they are written for users.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::commands;

/// Keep secrets in one local, encrypted vault file and hand them to people, scripts and CI.
///
/// Credentials are never taken as argument values. sealbox uses the first of: --key-file,
/// --passphrase-file or --identity (one of them), then SEALBOX_KEY_FILE, SEALBOX_KEY,
/// SEALBOX_PASSPHRASE_FILE, SEALBOX_PASSPHRASE, SEALBOX_IDENTITY_FILE, then the prompt on the
/// controlling terminal: an explicit flag beats the environment. An unlock error names the
/// source it used.
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
///
/// The environment variables behind these options are read in `commands::Context` (the vault)
/// and `unlock` (credentials), not by clap, so that an empty variable counts as unset (CI
/// systems expand a missing secret to "") and so that a flag is seen to beat a variable.
#[derive(Debug, Args)]
pub struct Global {
    /// Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]
    #[arg(long, global = true, value_name = "PATH")]
    pub key_file: Option<PathBuf>,

    /// Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]
    #[arg(long, global = true, value_name = "PATH")]
    pub passphrase_file: Option<PathBuf>,

    /// Unlock a member slot with the identity file at PATH ('sealbox identity new'; a
    /// passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]
    #[arg(long, global = true, value_name = "PATH")]
    pub identity: Option<PathBuf>,

    /// Print the result as one JSON document on stdout (get, export, run, keygen and
    /// completions refuse it)
    #[arg(long, global = true)]
    pub json: bool,

    /// Unlock with the slot labelled LABEL only [default: every slot of the credential's kind]
    #[arg(long, global = true, value_name = "LABEL")]
    pub slot: Option<String>,

    /// Print no informational messages or warnings on stderr (errors are still printed)
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Why this access happens, recorded in the audit log (up to 1,000 characters)
    /// [env: SEALBOX_REASON]
    #[arg(long, global = true, value_name = "TEXT")]
    pub reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault with one unlock slot made from the credential in use
    Init(commands::init::Args),
    /// Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file
    Keygen(commands::keygen::Args),
    /// Make or show a member's identity file, whose recipient string 'slot add --recipient'
    /// takes
    Identity(commands::identity::Args),
    /// Store a new version of a secret (value from stdin, a prompt, a file or --generate)
    Set(commands::set::Args),
    /// Write a secret's value to stdout
    #[command(visible_alias = "show")]
    Get(commands::get::Args),
    /// Give a secret a new name, with its whole history and metadata
    ///
    /// Every kept version is re-sealed under the new name in one transaction; NEW must not
    /// exist.
    #[command(visible_alias = "mv")]
    Rename(commands::rename::Args),
    /// Copy a secret to a new name, with its whole history and metadata
    ///
    /// Every kept version is re-sealed under the new name (and a new secret id) in one
    /// transaction; NEW must not exist.
    #[command(visible_alias = "cp")]
    Copy(commands::rename::Args),
    /// Shrink the vault file to what it holds
    ///
    /// Deleted versions leave free pages that later writes reuse; compact rewrites the file in
    /// place without them, through the rollback journal like any write, so a kill at any
    /// moment is rolled back by the next command. Other sealbox processes wait meanwhile.
    Compact(commands::compact::Args),
    /// Make an older version's value current again, as a new version
    ///
    /// History is never rewritten: the value of version N is stored as the next version.
    /// --if-version V only rolls back if the current version is V.
    Rollback(commands::rollback::Args),
    /// Show every kept version of a secret (number, creation time, data key), never a value
    ///
    /// Needs no credential: without one it shows the rows as stored. With a credential named
    /// by an option or variable, or required with --verified, the history is authenticated
    /// first (exit 5 if the file was edited).
    History(commands::history::Args),
    /// List secret names and metadata (never values); needs no credential
    #[command(visible_alias = "ls")]
    List(commands::list::Args),
    /// Remove secrets and all their versions, or one version with --version N
    #[command(visible_alias = "rm")]
    Delete(commands::delete::Args),
    /// Change a secret's description, rotation period or retention without storing a new version
    ///
    /// Nothing is decrypted and the value, its version and its update time are unchanged, so
    /// check still counts the rotation period from the last real change. Needs a credential
    /// that opens the vault, as delete does.
    Meta(commands::meta::Args),
    /// Add many secrets in one all-or-nothing transaction
    Import(commands::import::Args),
    /// Run a command with secrets added to its environment (sealbox becomes the command)
    ///
    /// Everything is checked before CMD starts: a missing --only name exits 3, and a name
    /// collision or a value an environment variable cannot hold (a NUL byte, or over 128 KiB)
    /// exits 2, in each case without running CMD. The variable name is the secret name with the
    /// --prefix removed and '.' and '-' turned into '_'. CMD gets sealbox's environment minus
    /// every SEALBOX_* variable except SEALBOX_VAULT and SEALBOX_BUSY_TIMEOUT, plus the secrets.
    /// sealbox then executes CMD in its own process, so CMD's signals and exit status are its
    /// own; if CMD cannot be started the status is 127 (not found) or 126 (not executable).
    Run(commands::run::Args),
    /// Print secret values in a format another tool reads back exactly
    ///
    /// env: KEY="value" lines that python-dotenv and 'sealbox import --format env' read back.
    /// json: an object of strings ('sealbox import --format json'); values that are not UTF-8
    /// need --binary base64. shell: export NAME='value' lines for eval in sh, bash or zsh, with
    /// names mapped as in 'sealbox run'. With --prefix, the prefix is removed from each name.
    Export(commands::export::Args),
    /// Exit 10 when a required secret is missing or a secret is overdue; needs no credential
    ///
    /// Made for pre-deploy hooks. A secret is overdue when its current version is older than
    /// --max-age, or past the period it was stored with (set --rotate-every). The findings go
    /// to stdout, one per line, or as {"missing": [...], "overdue": [...]} with --json.
    Check(commands::check::Args),
    /// Print a shell completion script
    ///
    /// To install it for your user, make the directory your shell reads completions from, then
    /// write the script there:
    ///
    /// bash: mkdir -p ~/.local/share/bash-completion/completions && sealbox completions bash >
    /// ~/.local/share/bash-completion/completions/sealbox
    ///
    /// zsh: mkdir -p ~/.zfunc && sealbox completions zsh > ~/.zfunc/_sealbox (and in ~/.zshrc,
    /// before compinit: fpath=(~/.zfunc $fpath))
    ///
    /// fish: mkdir -p ~/.config/fish/completions && sealbox completions fish >
    /// ~/.config/fish/completions/sealbox.fish
    Completions(commands::completions::Args),
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
    /// and running it again resumes where it stopped, moving only what is left (with
    /// --new-vault-key it starts over). Credentials and slots are unchanged.
    ///
    /// Protects against: someone who obtained data keys (say, from a memory dump) but no
    /// credential: the old data keys are destroyed and open nothing in the vault afterwards. Does
    /// NOT protect against: anyone who holds the vault key — a credential plus any copy of the
    /// file — because the new data key is wrapped by that same vault key; use --new-vault-key
    /// (and rotate-master) for that. Old copies and backups of the file keep their old keys and
    /// stay readable with their old credentials. Values are unchanged: a leaked value must be
    /// changed at its source and stored again with 'sealbox set'.
    ReEncrypt(commands::re_encrypt::Args),
    /// Manage unlock slots: several passphrases or keys that each open the vault (or a scope)
    Slot(commands::slot::Args),
    /// Manage scopes: named sets of secrets that a scoped credential can open and nothing else
    ///
    /// A scope lists names and prefixes. 'slot add --scope NAME' makes a credential that
    /// decrypts exactly the scope's secrets: their keys are wrapped for the scope, so even a
    /// modified sealbox with the vault file cannot read more; anything else is exit 9.
    Scope(commands::scope::Args),
    /// Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]
    ///
    /// Each value is looked for in every form a program prints it in: as it is (each line of a
    /// multi-line value on its own), hex, base64 and base64url (padded or not, and inside
    /// longer base64 data), URL percent-encoding, and JSON and shell string escapes. Values
    /// shorter than --min-length bytes are left out (and named on stderr). Works on live
    /// streams (tail -f app.log | sealbox redact): each line is written as soon as it is read.
    Redact(commands::redact::Args),
    /// Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM
    ///
    /// Directories are walked with .gitignore rules (hidden files included, .git left out);
    /// binary files are scanned too. --staged scans the git index instead, for a pre-commit
    /// hook. Exit 10 when anything is found, 0 when nothing is.
    Scan(commands::scan::Args),
    /// Query, verify, witness and prune the audit log of every command that unlocked
    ///
    /// Every command that unlocks the vault, or tries to, appends one record to the audit log
    /// beside it (VAULT.audit): time, action, secret names and versions (never a value),
    /// outcome, and who (user, host, process, parent, CI run, slot, --reason). Without a
    /// subcommand, prints the records that match the filters (a table, or JSON Lines with
    /// --json); that needs no credential and authenticates nothing: use 'audit verify'.
    Audit(commands::audit::Args),
    /// Move the whole vault between a file and a team vault on PostgreSQL
    ///
    /// 'vault copy --to postgresql://HOST/DB' copies a vault file into an empty database, and
    /// 'vault copy --to PATH' a team vault into a new file: every row as stored (history,
    /// slots, scopes) and the audit log, in one transaction on the target, after the source
    /// is authenticated whole. The same credentials open the copy.
    Vault(commands::vault::Args),
    /// Decrypt-check every slot, data key and stored value; exit 5 naming what fails
    ///
    /// Checks the database structure, every unlock slot the credential opens (and that they all
    /// open the same vault key), every data key, and every stored value including old versions.
    /// Values are decrypted in memory and discarded; nothing secret is printed.
    Verify(commands::verify::Args),
}

/// Parses the command line (program name first).
///
/// clap acts on `-h` and `-V` as soon as it reads them, also inside a cluster of short options,
/// so `set NAME -hunter2` (a value with a leading dash) printed the help and exited 0, storing
/// nothing. A help or version request is therefore honoured only if every short-option cluster
/// before `--` is made of sealbox's own short options; otherwise the cluster is reported as an
/// unexpected argument (exit 2), like any other.
pub fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let err = match Cli::try_parse_from(args) {
        Ok(cli) => return Ok(cli),
        Err(err) => err,
    };
    if !matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        return Err(err);
    }
    let mut cmd = Cli::command();
    cmd.build();
    let shorts = short_options(&cmd);
    let unknown = args
        .iter()
        .skip(1)
        .take_while(|arg| *arg != "--")
        .find(|arg| {
            let bytes = arg.as_encoded_bytes();
            bytes.len() > 2
                && bytes[0] == b'-'
                && bytes[1] != b'-'
                && bytes[1..].iter().any(|b| !shorts.contains(b))
        });
    match unknown {
        Some(cluster) => {
            let mut refused = clap::Error::new(ErrorKind::UnknownArgument).with_cmd(&cmd);
            refused.insert(
                ContextKind::InvalidArg,
                ContextValue::String(cluster.to_string_lossy().into_owned()),
            );
            Err(refused)
        }
        None => Err(err),
    }
}

/// Every short option letter of `cmd` and its subcommands (`-q`, and clap's `-h` and `-V`).
fn short_options(cmd: &clap::Command) -> Vec<u8> {
    let mut letters: Vec<u8> = cmd
        .get_arguments()
        .filter_map(clap::Arg::get_short)
        .filter_map(|c| u8::try_from(c).ok())
        .collect();
    for sub in cmd.get_subcommands() {
        letters.extend(short_options(sub));
    }
    letters
}

/// The hint for an argument that `sealbox PATH...` does not take, where PATH is the subcommand
/// path (`["slot", "add"]`). It names the subcommand's flags and placeholders, never the
/// argument, which may be a secret typed in the wrong place.
pub fn stray_argument_hint(path: &[String]) -> String {
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    const NEW_CREDENTIAL: &str = "the new credential comes from --new-key-file PATH, \
        --new-passphrase-file PATH, SEALBOX_NEW_KEY, SEALBOX_NEW_PASSPHRASE or the prompt";
    let hint = match path.as_slice() {
        ["set", ..] => {
            "sealbox never takes a value as an argument: pipe it on stdin \
            (printf %s VALUE | sealbox set NAME), or use --from-file PATH or --generate"
        }
        ["get", ..] => {
            "get takes one NAME; to store a value, pipe it: \
            printf %s VALUE | sealbox set NAME"
        }
        ["run", ..] => "put -- before the command: sealbox run --only A,B -- CMD [ARGS]",
        ["list", ..] => "list takes no arguments; to list names starting with P, use --prefix P",
        ["init", ..] => "init takes no arguments; to create the vault elsewhere, use --vault PATH",
        ["import", ..] => {
            "import reads one FILE, or stdin with -; import several files one \
            after another"
        }
        ["export", ..] => {
            "export takes no arguments; choose the secrets with --only A,B, \
            --prefix P or --all"
        }
        ["check", ..] => {
            "check takes no arguments; name the secrets that must exist with \
            --require A,B"
        }
        ["completions", ..] => "completions takes one SHELL: bash, zsh, fish, elvish or powershell",
        ["rotate-master", ..] => {
            return format!("rotate-master takes no arguments: {NEW_CREDENTIAL}");
        }
        ["slot", "add", ..] => {
            return format!(
                "slot add takes no arguments: name the slot with --label LABEL; {NEW_CREDENTIAL}"
            );
        }
        ["slot", "remove", ..] => "slot remove takes one LABEL ('sealbox slot list' shows them)",
        ["keygen" | "re-encrypt" | "verify", ..] | ["slot", "list", ..] => {
            return format!("sealbox {} takes no arguments", path.join(" "));
        }
        [] => "'sealbox --help' lists the commands and options",
        _ => return format!("'sealbox {} --help' shows what it takes", path.join(" ")),
    };
    hint.to_owned()
}

/// Where a new credential comes from (rotate-master, slot add). Like the credential in use, it is
/// never accepted as an argument value, and the flags beat the variables: --new-key-file or
/// --new-passphrase-file (not both), then SEALBOX_NEW_KEY_FILE, SEALBOX_NEW_KEY,
/// SEALBOX_NEW_PASSPHRASE_FILE, SEALBOX_NEW_PASSPHRASE, then a passphrase typed twice.
#[derive(Debug, Args)]
pub struct NewCredential {
    /// Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]
    #[arg(long, value_name = "PATH", conflicts_with = "new_passphrase_file")]
    pub new_key_file: Option<PathBuf>,

    /// Read the new passphrase from PATH, one trailing newline removed
    /// [env: SEALBOX_NEW_PASSPHRASE_FILE]
    #[arg(long, value_name = "PATH")]
    pub new_passphrase_file: Option<PathBuf>,
}

pub const EXIT_STATUS_HELP: &str = "\
Exit status:
  0    success
  1    any other error (I/O, permissions, internal)
  2    usage: bad flags or arguments, invalid name, value too large
  3    not found: no such secret, version or vault
  4    unlock failed: wrong key, passphrase or identity, or no credential available without a terminal
  5    integrity: values, keys, slots or state modified or corrupt, an older copy of the vault, or another vault in its place
  6    conflict: vault exists, --if-version/--no-overwrite mismatch, target name exists, version is current
  7    busy: the vault stayed locked by another process past the timeout (SEALBOX_BUSY_TIMEOUT)
  8    unsupported: vault written by a newer format, unknown algorithm, unsafe KDF parameters
  9    denied: outside the scope of the credential used (slot add --scope)
  10   findings: check or scan found something to act on
  126  run: the command cannot be executed (otherwise run exits with the command's own status)
  127  run: the command was not found";

pub const ENVIRONMENT_HELP: &str = "\
Environment:
  SEALBOX_VAULT                the vault file, as --vault
  SEALBOX_KEY_FILE             a file holding the raw key, as --key-file
  SEALBOX_KEY                  the raw key as 64 hexadecimal characters
  SEALBOX_PASSPHRASE_FILE      a file holding the passphrase, as --passphrase-file
  SEALBOX_PASSPHRASE           the passphrase
  SEALBOX_IDENTITY_FILE        an identity file for a member slot, as --identity
  SEALBOX_NEW_KEY_FILE         rotate-master and slot add: the new raw key's file, as --new-key-file
  SEALBOX_NEW_KEY              rotate-master and slot add: the new raw key
  SEALBOX_NEW_PASSPHRASE_FILE  rotate-master and slot add: the new passphrase's file
  SEALBOX_NEW_PASSPHRASE       rotate-master and slot add: the new passphrase
  SEALBOX_BUSY_TIMEOUT         seconds to wait for a vault locked by another process (default 5)
  XDG_DATA_HOME                the default vault is $XDG_DATA_HOME/sealbox/vault.db
  HOME                         the default vault is ~/.local/share/sealbox/vault.db without XDG_DATA_HOME";
