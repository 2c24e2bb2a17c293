//! The one place that maps failures to exit statuses and prints them.
//!
//! Every failure prints exactly one `error:` line on stderr, followed by `hint:` lines where a
//! next step exists. Messages are built from names, paths and counts only; no code path puts a
//! value, key or passphrase into an error, and control characters are escaped before printing so
//! a hostile name or path cannot drive the terminal.

use std::io::{self, ErrorKind};
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

/// Prints `err` and returns its exit status. A broken pipe on stdout ends quietly.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == ErrorKind::BrokenPipe)
    }) {
        return Exit::Success.into();
    }
    let (exit, hints) = classify(err);
    let mut text = format!("error: {}\n", sanitize(&format!("{err:#}")));
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
    }
}

/// A credential that opens no slot (exit 4), naming where it came from: with flags, variables
/// and a prompt all in play, "wrong credential" alone leaves the user guessing which was read.
pub fn wrong_credential(source: impl std::fmt::Display) -> CommandError {
    let (exit, hints) = classify_crypto(&crypto::Error::WrongCredential);
    CommandError {
        exit,
        message: format!("{} (using {source})", crypto::Error::WrongCredential),
        hints,
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
