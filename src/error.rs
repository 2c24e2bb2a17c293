//! The one place that maps failures to exit statuses and prints them.
//!
//! Every failure prints exactly one `error:` line on stderr, followed by `hint:` lines where a
//! next step exists. Messages are built from names, paths and counts only; no code path puts a
//! value, key or passphrase into an error, and control characters are escaped before printing so
//! a hostile name or path cannot drive the terminal.

use std::io::{self, ErrorKind};
use std::path::Path;
use std::process::ExitCode;

use crate::{crypto, output::sanitize, vault};

/// Exit statuses (SPEC 1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    NotFound = 3,
    Unlock = 4,
    Integrity = 5,
    Conflict = 6,
    Busy = 7,
    Unsupported = 8,
    Findings = 10,
    /// `run`: CMD was found but could not be executed (as env(1) and shells report it).
    CannotExecute = 126,
    /// `run`: CMD was not found (as env(1) and shells report it).
    CommandNotFound = 127,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// A failure whose exit status the command decides.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct CommandError {
    pub exit: Exit,
    pub message: String,
    pub hints: Vec<String>,
}

impl CommandError {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(Exit::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(Exit::Conflict, message)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// Prints `err` and returns its exit status. A broken pipe on stdout ends quietly. `vault` is the
/// vault path the command used, if it got that far: file-system failures under SQLite know
/// no path of their own.
pub fn report(err: &anyhow::Error, vault: Option<&Path>) -> ExitCode {
    if err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe)
    }) {
        return Exit::Success.into();
    }
    let (exit, mut hints) = classify(err);
    let mut message = format!("{err:#}");
    if let (Some(fault), Some(vault)) = (storage_fault(err), vault) {
        let verb = match fault {
            vault::Fault::Full | vault::Fault::ReadOnly | vault::Fault::ReadOnlyDirectory => {
                "cannot write to"
            }
            _ => "cannot use",
        };
        message = format!("{verb} the vault {}: {message}", vault.display());
        hints = vec![storage_hint(fault, vault)];
    } else if let (true, Some(vault)) = (unexpected_sqlite(err), vault) {
        message = format!("{message} (vault {})", vault.display());
        hints = vec![
            "run 'sealbox verify'; if the error stays, please report it with this message".into(),
        ];
    }
    let mut text = format!("error: {}\n", sanitize(&message));
    for hint in hints {
        text.push_str(&format!("hint: {}\n", sanitize(&hint)));
    }
    // If stderr itself is gone there is nowhere left to report to.
    let _ = io::Write::write_all(&mut io::stderr().lock(), text.as_bytes());
    exit.into()
}

/// Prints a command-line parsing error (or the help and version texts) with clap's formatting.
pub fn usage(err: &clap::Error) -> ExitCode {
    if let Some(text) = unexpected_value(err) {
        let _ = io::Write::write_all(&mut io::stderr().lock(), text.as_bytes());
        return Exit::Usage.into();
    }
    let _ = err.print();
    if err.use_stderr() {
        Exit::Usage.into()
    } else {
        Exit::Success.into()
    }
}

/// clap quotes an unexpected argument back. One that is not an option is most likely a value
/// typed where sealbox never takes one (`sealbox set NAME VALUE`, as other tools accept), so
/// it is not repeated: stderr ends up in CI logs.
fn unexpected_value(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) if !arg.starts_with('-') => Some(
            "error: unexpected argument (not repeated here, in case it is a secret value)\n\
             hint: sealbox never takes a value as an argument: pipe it on stdin, or use \
             --from-file or --generate; see --help\n"
                .into(),
        ),
        _ => None,
    }
}

/// The file-system failure in `err`'s chain, if any.
fn storage_fault(err: &anyhow::Error) -> Option<vault::Fault> {
    err.chain()
        .find_map(|cause| match cause.downcast_ref::<vault::Error>() {
            Some(vault::Error::Storage(fault)) => Some(*fault),
            _ => None,
        })
}

/// Whether `err` is an SQLite failure that sealbox has no better words for.
fn unexpected_sqlite(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<vault::Error>(),
            Some(vault::Error::Sqlite(_))
        )
    })
}

/// What to do about a file-system failure on the vault at `vault`. SQLite undoes a failed
/// transaction from its journal, so the vault is always as it was before the command.
fn storage_hint(fault: vault::Fault, vault: &Path) -> String {
    use vault::Fault as F;
    let dir = match vault.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (dir, vault) = (dir.display(), vault.display());
    match fault {
        F::Full => format!(
            "free some space on the file system holding {vault} and run the command again; the vault was left as it was"
        ),
        F::ReadOnlyDirectory | F::CannotOpen => format!(
            "make {dir} writable (a write keeps SQLite's journal beside the vault), or copy the vault to a writable directory; commands that only read still work"
        ),
        F::ReadOnly => format!(
            "check the mount and the mode of {vault} (ls -l); commands that only read still work"
        ),
        F::Permission => format!("check the permissions of {vault} and of {dir}"),
        F::Io(_) => format!(
            "check the disk holding {vault} (for example with dmesg), then run 'sealbox verify'"
        ),
    }
}

const CREDENTIAL_HINT: &str =
    "set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file or --passphrase-file";

/// The exit status and hints for the first cause in the chain that decides them.
fn classify(err: &anyhow::Error) -> (Exit, Vec<String>) {
    for cause in err.chain() {
        if let Some(err) = cause.downcast_ref::<CommandError>() {
            return (err.exit, err.hints.clone());
        }
        if let Some(err) = cause.downcast_ref::<vault::Error>() {
            return classify_vault(err);
        }
        if let Some(err) = cause.downcast_ref::<crypto::Error>() {
            return classify_crypto(err);
        }
    }
    (Exit::Failure, Vec::new())
}

fn classify_vault(err: &vault::Error) -> (Exit, Vec<String>) {
    use vault::Error as E;
    let hint = |h: &str| vec![h.to_owned()];
    match err {
        E::Missing(_) => (
            Exit::NotFound,
            hint(
                "create one with 'sealbox init', or point --vault or SEALBOX_VAULT at an existing vault",
            ),
        ),
        E::Exists(_) => (
            Exit::Conflict,
            hint("choose another path with --vault, or remove the existing file first"),
        ),
        E::NotAVault { .. } | E::Corrupt { .. } | E::Damaged(_) => (
            Exit::Integrity,
            hint("restore the vault from a backup; the file was left as it was"),
        ),
        E::TooNew { .. } => (
            Exit::Unsupported,
            hint("upgrade sealbox to open this vault"),
        ),
        E::Unsupported(_) => (
            Exit::Unsupported,
            hint("upgrade sealbox to open this vault"),
        ),
        E::UnsafeOwner { path, .. } => (
            Exit::Failure,
            vec![format!(
                "open it as its owner, or copy it to a vault of your own; if it should be yours, run: chown \"$(id -un)\" '{}'",
                path.display()
            )],
        ),
        E::UnsafeDirectory { dir, .. } => (
            Exit::Failure,
            vec![format!(
                "keep the vault in a directory only you can write, or run: chmod go-w '{}'",
                dir.display()
            )],
        ),
        E::ForeignJournal { journal, .. } => (
            Exit::Integrity,
            vec![
                "if you restored or copied the vault file, the journal belongs to the file it replaced: move the journal aside and run the command again".into(),
                format!(
                    "to move it aside: mv '{0}' '{0}.stale' (keep it until the vault is verified with 'sealbox verify')",
                    journal.display()
                ),
            ],
        ),
        E::Storage(_) => (Exit::Failure, Vec::new()),
        E::UnsafePermissions { path, .. } => (
            Exit::Failure,
            vec![format!(
                "check who changed it, then run: chmod 600 '{}'",
                path.display()
            )],
        ),
        E::Busy => (
            Exit::Busy,
            hint("retry, or raise SEALBOX_BUSY_TIMEOUT (seconds)"),
        ),
        E::NoSuchSlot(_) => (Exit::NotFound, hint("'sealbox slot list' shows the labels")),
        E::SlotExists(_) => (
            Exit::Conflict,
            hint("choose another --label; 'sealbox slot list' shows the labels in use"),
        ),
        E::LastSlot(_) => (
            Exit::Conflict,
            hint("add another slot first with 'sealbox slot add', then remove this one"),
        ),
        E::KeysChanged => (Exit::Busy, hint("run the command again")),
        E::WorkLimit { .. } => (
            Exit::Unsupported,
            vec![
                "pass --slot LABEL to try one slot by name; 'sealbox slot list' shows the labels".into(),
                "if nobody added that many passphrase slots, the vault was edited: run 'sealbox verify'".into(),
            ],
        ),
        E::Crypto(err) => classify_crypto(err),
        E::Io { .. } | E::Sqlite(_) => (Exit::Failure, Vec::new()),
    }
}

fn classify_crypto(err: &crypto::Error) -> (Exit, Vec<String>) {
    match err {
        crypto::Error::WrongCredential => (
            Exit::Unlock,
            vec![format!("check the credential in use; {CREDENTIAL_HINT}")],
        ),
        crypto::Error::MalformedKey => (
            Exit::Usage,
            vec!["generate a key with 'sealbox keygen'".into()],
        ),
        crypto::Error::Tampered(_) => (
            Exit::Integrity,
            vec!["the vault file was modified outside sealbox; restore it from a backup".into()],
        ),
        crypto::Error::UnsafeKdf(_) => (Exit::Unsupported, Vec::new()),
        crypto::Error::OutOfMemory { .. } => (
            Exit::Failure,
            vec![
                "free some memory or raise this process's limit (ulimit -v), or unlock another slot with --slot LABEL".into(),
            ],
        ),
    }
}

/// The message for a missing credential, shared by every command that unlocks.
pub fn no_credential() -> CommandError {
    CommandError::new(
        Exit::Unlock,
        "no credential available and no terminal to prompt on",
    )
    .hint(CREDENTIAL_HINT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_typed_cause_decides() {
        let err = anyhow::Error::new(vault::Error::Busy).context("cannot store API_KEY");
        assert_eq!(classify(&err).0, Exit::Busy);
        let err = anyhow::Error::new(crypto::Error::WrongCredential);
        assert_eq!(classify(&err).0, Exit::Unlock);
        assert_eq!(classify(&anyhow::anyhow!("plain")).0, Exit::Failure);
    }
}
