//! The one place that maps failures to exit statuses and prints them.
//!
//! Every failure prints exactly one `error:` line on stderr, followed by `hint:` lines where a
//! next step exists. Messages are built from names, paths and counts only; no code path puts a
//! value, key or passphrase into an error, and control characters are escaped before printing so
//! a hostile name or path cannot drive the terminal.

use std::ffi::OsString;
use std::io::{self, ErrorKind};
use std::path::Path;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue};

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
    Denied = 9,
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
    match (vault_error(err), vault) {
        (Some(vault::Error::Storage(fault)), Some(vault)) => {
            let verb = match fault {
                vault::Fault::Full | vault::Fault::ReadOnly | vault::Fault::ReadOnlyDirectory => {
                    "cannot write to"
                }
                _ => "cannot use",
            };
            message = format!("{verb} the vault {}: {message}", vault.display());
            hints = vec![storage_hint(*fault, vault)];
        }
        // These know no path of their own.
        (Some(vault::Error::Damaged(_)), Some(vault)) => {
            message = format!("{message} (vault {})", vault.display());
        }
        (Some(vault::Error::Sqlite(_)), Some(vault)) => {
            message = format!("{message} (vault {})", vault.display());
            hints = vec![
                "run 'sealbox verify'; if the error stays, please report it with this message"
                    .into(),
            ];
        }
        _ => {}
    }
    // A team vault has rows on a server, not a file: say so where a hint speaks of the file.
    if vault.is_some_and(vault::is_team_location) {
        for hint in &mut hints {
            if let Some(rest) = hint.strip_prefix("the vault file was modified outside sealbox") {
                *hint = format!(
                    "the team vault's rows were modified outside sealbox (on its server, or by a role that can write them){rest}"
                );
            }
        }
    }
    let mut text = format!("error: {}\n", sanitize(&message));
    for hint in hints {
        text.push_str(&format!("hint: {}\n", sanitize(&hint)));
    }
    // If stderr itself is gone there is nowhere left to report to.
    let _ = io::Write::write_all(&mut io::stderr().lock(), text.as_bytes());
    exit.into()
}

/// Prints a command-line parsing error (or the help and version texts) and returns its status.
///
/// The rule: nothing the user typed is repeated unless clap recognised it as one of sealbox's
/// own names. A value typed where sealbox takes none (`set NAME VALUE`, `get X -- -Hunter2`), an
/// unknown option (`--token=abc123`, `-hunter2`), an unknown command and a rejected option value
/// are all described, never quoted, since stderr ends up in CI logs and any of them may be a
/// secret. What is shown instead comes from the command-line definition: the option the value
/// was for, the accepted values, clap's suggestion of a similar flag or command, and a hint that
/// fits the subcommand (see [`crate::cli::stray_argument_hint`]). A value parser's explanation
/// is shown with the rejected value cut out of it (see [`without_value`]). Errors whose text
/// clap builds from the definition alone (a missing or conflicting argument) keep clap's own
/// wording.
pub fn usage(err: &clap::Error, args: &[OsString]) -> ExitCode {
    use clap::error::ErrorKind as K;
    let (message, hints) = match err.kind() {
        K::DisplayHelp | K::DisplayVersion => {
            let _ = err.print();
            return Exit::Success.into();
        }
        K::DisplayHelpOnMissingArgumentOrSubcommand
        | K::MissingRequiredArgument
        | K::MissingSubcommand
        | K::ArgumentConflict
        | K::TooFewValues
        | K::WrongNumberOfValues
        | K::NoEquals
        | K::InvalidUtf8 => {
            let _ = err.print();
            return Exit::Usage.into();
        }
        K::UnknownArgument => unexpected_argument(err, args),
        K::TooManyValues => (
            format!(
                "unexpected value for {} ({NOT_REPEATED})",
                context(err, ContextKind::InvalidArg).unwrap_or("an option")
            ),
            vec![help_hint(args)],
        ),
        K::InvalidSubcommand => unknown_command(err, args),
        K::InvalidValue | K::ValueValidation => invalid_value(err, args),
        _ => (
            format!("invalid arguments ({NOT_REPEATED})"),
            vec![help_hint(args)],
        ),
    };
    let mut text = format!("error: {}\n", sanitize(&message));
    for hint in hints {
        text.push_str(&format!("hint: {}\n", sanitize(&hint)));
    }
    let _ = io::Write::write_all(&mut io::stderr().lock(), text.as_bytes());
    Exit::Usage.into()
}

const NOT_REPEATED: &str = "not repeated here, in case it is a secret value";

/// A string-valued piece of a clap error, such as the definition of the option it concerns.
fn context(err: &clap::Error, kind: ContextKind) -> Option<&str> {
    match err.get(kind) {
        Some(ContextValue::String(text)) => Some(text),
        _ => None,
    }
}

/// The strings of a list-valued piece of a clap error (accepted values, suggestions).
fn context_list(err: &clap::Error, kind: ContextKind) -> Vec<&str> {
    match err.get(kind) {
        Some(ContextValue::Strings(list)) => list.iter().map(String::as_str).collect(),
        Some(ContextValue::String(text)) => vec![text.as_str()],
        _ => Vec::new(),
    }
}

/// An argument clap did not expect: an unknown option, or a stray value.
fn unexpected_argument(err: &clap::Error, args: &[OsString]) -> (String, Vec<String>) {
    let message = format!("unexpected argument ({NOT_REPEATED})");
    let typed = context(err, ContextKind::InvalidArg).unwrap_or_default();
    if !typed_as_option(typed, args) {
        let path = subcommand_path(args);
        return (message, vec![crate::cli::stray_argument_hint(&path)]);
    }
    // A suggestion is one of sealbox's own flags, so it is safe to show. Without one, the
    // "option" may as well be a value with a leading dash, so the subcommand's hint follows.
    let mut hints = match context(err, ContextKind::SuggestedArg) {
        Some(similar) => vec![format!("did you mean {similar}?")],
        None => vec![crate::cli::stray_argument_hint(&subcommand_path(args))],
    };
    let help = help_hint(args);
    if !hints.contains(&help) {
        hints.push(help);
    }
    (message, hints)
}

/// Whether clap's `typed` came from an option before any `--`: the argument itself (`--verison`),
/// its name before a '=' (`--token` of `--token=...`), or one letter of a short-option cluster
/// (`-u` of `-qunter`). Anything else, a stray value or an argument after `--`, is a value.
fn typed_as_option(typed: &str, args: &[OsString]) -> bool {
    let Some(letter) = typed.strip_prefix('-') else {
        return false;
    };
    args.iter()
        .skip(1)
        .take_while(|arg| *arg != "--")
        .filter_map(|arg| arg.to_str())
        .any(|arg| {
            arg == typed
                || arg.split_once('=').is_some_and(|(name, _)| name == typed)
                || (letter.chars().count() == 1
                    && !arg.starts_with("--")
                    && arg.len() > 1
                    && arg.starts_with('-')
                    && arg[1..].contains(letter))
        })
}

/// A command name clap does not know.
fn unknown_command(err: &clap::Error, args: &[OsString]) -> (String, Vec<String>) {
    let mut hints = Vec::new();
    let similar = context_list(err, ContextKind::SuggestedSubcommand);
    if !similar.is_empty() {
        hints.push(format!("did you mean {}?", similar.join(" or ")));
    }
    hints.push(help_hint(args));
    (format!("unknown command ({NOT_REPEATED})"), hints)
}

/// A value an option (or a positional argument such as completions' SHELL) does not accept.
/// clap's own message quotes the value; this one names the option and what it accepts, and keeps
/// the value parser's explanation only once the value is cut out of it.
fn invalid_value(err: &clap::Error, args: &[OsString]) -> (String, Vec<String>) {
    let option = context(err, ContextKind::InvalidArg).unwrap_or("an argument");
    let value = context(err, ContextKind::InvalidValue).unwrap_or_default();
    let explanation = std::error::Error::source(err)
        .map(|source| source.to_string())
        .and_then(|text| without_value(&text, value));
    let message = match explanation {
        _ if value.is_empty() && err.kind() == clap::error::ErrorKind::InvalidValue => {
            format!("a value is required for '{option}'")
        }
        Some(why) => format!("invalid value for '{option}': {why}"),
        None => format!("invalid value for '{option}' ({NOT_REPEATED})"),
    };
    let mut hints = Vec::new();
    let accepted = context_list(err, ContextKind::ValidValue);
    if !accepted.is_empty() {
        hints.push(format!("possible values: {}", accepted.join(", ")));
    }
    if let Some(similar) = context(err, ContextKind::SuggestedValue) {
        hints.push(format!("did you mean {similar}?"));
    }
    if hints.is_empty() {
        hints.push(help_hint(args));
    }
    (message, hints)
}

/// Values shorter than this are not cut out of a parser's explanation: they carry no secret
/// worth hiding, and such short strings occur in explanations by chance (`m` in "min").
const SHORTEST_HIDDEN: usize = 4;

/// `explanation` with the quoted `value` removed (`invalid duration "5x": ...` becomes
/// `invalid duration: ...`); `None` if the value would still show.
fn without_value(explanation: &str, value: &str) -> Option<String> {
    if value.chars().count() < SHORTEST_HIDDEN {
        return Some(explanation.to_owned());
    }
    let cut = [
        format!(" {value:?}"),
        format!(" '{value}'"),
        format!("{value:?}"),
        format!("'{value}'"),
    ]
    .iter()
    .fold(explanation.to_owned(), |text, quoted| {
        text.replace(quoted, "")
    });
    (!cut.contains(value)).then_some(cut)
}

/// Where to read about the command the user was typing.
fn help_hint(args: &[OsString]) -> String {
    use clap::CommandFactory;
    let path = subcommand_path(args);
    let mut cmd = crate::cli::Cli::command();
    for name in &path {
        match cmd.find_subcommand(name) {
            Some(sub) => cmd = sub.clone(),
            None => break,
        }
    }
    let what = if cmd.has_subcommands() {
        "commands and options"
    } else {
        "options"
    };
    let mut words = vec!["sealbox"];
    words.extend(path.iter().map(String::as_str));
    format!("'{} --help' lists the {what}", words.join(" "))
}

/// The subcommands the user typed (`["slot", "add"]`), as far as clap can tell. Help and
/// version flags and short-option clusters are left out, so that clap's error-tolerant pass
/// does not stop at a help request; subcommand names never start with '-'.
fn subcommand_path(args: &[OsString]) -> Vec<String> {
    use clap::CommandFactory;
    let flag = |arg: &OsString| {
        let bytes = arg.as_encoded_bytes();
        matches!(bytes, b"--help" | b"--version")
            || (bytes.len() > 1 && bytes[0] == b'-' && bytes[1] != b'-')
    };
    let kept = args
        .iter()
        .enumerate()
        .filter(|(i, arg)| *i == 0 || !flag(arg))
        .map(|(_, arg)| arg.clone());
    let Ok(matches) = crate::cli::Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(kept)
    else {
        return Vec::new();
    };
    let mut path = Vec::new();
    let mut level = &matches;
    while let Some((name, sub)) = level.subcommand() {
        path.push(name.to_owned());
        level = sub;
    }
    path
}

/// The first vault error in `err`'s chain, if any.
fn vault_error(err: &anyhow::Error) -> Option<&vault::Error> {
    err.chain()
        .find_map(|cause| cause.downcast_ref::<vault::Error>())
}

/// What to do about a file-system failure on the vault at `vault`. SQLite undoes a failed
/// transaction from its journal, so the vault is always as it was before the command.
fn storage_hint(fault: vault::Fault, vault: &Path) -> String {
    use vault::Fault as F;
    // The journal lives beside the real file, so name the directory a symlink leads to.
    let real = std::fs::canonicalize(vault).unwrap_or_else(|_| vault.to_owned());
    let dir = match real.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let (dir, vault) = (dir.display(), vault.display());
    match fault {
        F::Full => format!(
            "free some space on the file system holding {vault} and run the command again; the vault was left as it was"
        ),
        F::ReadOnlyDirectory | F::CannotOpen => format!(
            "make {dir} writable (a write keeps SQLite's journal beside the vault), or copy the vault to a writable directory; list, check, history and audit queries still work without a credential"
        ),
        F::ReadOnly => format!(
            "check the mount and the mode of {vault} (ls -l); list, check, history and audit queries still work without a credential; anything that unlocks the vault must first append to its audit log"
        ),
        F::ReadOnlyRollback => format!(
            "run any sealbox command once where {vault} is writable (it rolls the journal back), or copy the vault with its journal somewhere writable"
        ),
        F::Moved => "run the command again".to_owned(),
        F::JournalDelete => format!(
            "check that the vault's owner can write {dir}, then run the command again; if another process removed the journal, find out which"
        ),
        F::Permission => format!("check the permissions of {vault} and of {dir}"),
        F::Io(_) => format!(
            "check the disk holding {vault} (for example with dmesg), then run 'sealbox verify'"
        ),
    }
}

const CREDENTIAL_HINT: &str =
    "set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity";

/// The exit status `err` is reported with.
pub fn exit_of(err: &anyhow::Error) -> Exit {
    classify(err).0
}

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
        E::Exists(path) if vault::is_team_location(path) => (
            Exit::Conflict,
            hint("choose another database with --vault (or --to), or copy the existing vault out and drop its tables first"),
        ),
        E::Exists(_) => (
            Exit::Conflict,
            hint("choose another path with --vault, or remove the existing file first"),
        ),
        E::NotAVault { .. } => (
            Exit::Integrity,
            hint("check the path given with --vault or SEALBOX_VAULT; the file was left as it was"),
        ),
        E::Corrupt { .. } | E::Damaged(_) => (
            Exit::Integrity,
            hint("restore the vault from a backup; the file was left as it was"),
        ),
        E::TooNew { .. } => (
            Exit::Unsupported,
            hint("upgrade sealbox to open this vault"),
        ),
        E::OtherVault { .. } | E::ForgedVault { .. } => (
            Exit::Integrity,
            vec![
                "nothing was read or changed; if someone else can write where the vault is kept, this may be an attack: anyone who knows a member's recipient can make a vault that member's identity opens".into(),
                "if you replaced it on purpose (a new vault, or a copy of another one), accept it with: sealbox verify --accept-restore".into(),
            ],
        ),
        E::RolledBack { .. } => (
            Exit::Integrity,
            vec![
                "nothing was read or changed; if someone else can write the vault file, this may be an attack that brings back old values".into(),
                "if you restored it on purpose (from a backup, or by checking out an older git commit), accept it with: sealbox verify --accept-restore".into(),
            ],
        ),
        E::Downgraded { .. } => (
            Exit::Integrity,
            vec![
                "nothing was changed; if someone else can write the vault file, this may be an attack that brings back removed unlock slots and old values".into(),
                "if you restored a backup made before upgrading sealbox on purpose, accept it with: sealbox verify --accept-restore".into(),
            ],
        ),
        E::Unsupported(_) => (
            Exit::Unsupported,
            hint("upgrade sealbox to open this vault"),
        ),
        E::BadLocation(_) => (
            Exit::Usage,
            hint("write it as postgresql://USER@HOST:PORT/DB?sslmode=verify-full (see the README)"),
        ),
        E::Server(_) => (
            Exit::Failure,
            hint("check the database role's privileges and the server's log"),
        ),
        E::Disconnected(_) => (
            Exit::Failure,
            hint("run the command again; 'sealbox history NAME' shows whether a write landed"),
        ),
        E::Unreachable { .. } => (
            Exit::Failure,
            hint("check the host, port and sslmode in the URL, and that the server is up"),
        ),
        E::UnsafeOwner { path, owner } => (
            Exit::Failure,
            vec![
                format!(
                    "run sealbox as its owner (root too: sudo -u '#{owner}' sealbox ...), or copy it to a vault of your own"
                ),
                format!(
                    "if it should be yours, run: chown \"$(id -un)\" '{}'",
                    path.display()
                ),
            ],
        ),
        E::UnsafeDirectory { hint, .. } => (Exit::Failure, vec![hint.clone()]),
        E::ForeignJournal { vault, journal, .. } => {
            let (vault, journal) = (vault.display(), journal.display());
            (
                Exit::Integrity,
                vec![
                    format!("first keep a copy of both files: cp -p '{vault}' '{journal}' SOMEWHERE/"),
                    "if you restored or copied the vault file, the journal belongs to the file it replaced: move it aside and run the command again".into(),
                    format!(
                        "to move it aside: mv '{journal}' '{journal}.stale', then run 'sealbox verify'"
                    ),
                ],
            )
        }
        E::LeftoverJournal(journal) => {
            let journal = journal.display();
            (
                Exit::Integrity,
                vec![format!(
                    "if no vault of this name is to be recovered, move it aside and run init again: mv '{journal}' '{journal}.stale'"
                )],
            )
        }
        E::UntrustedJournal { journal, .. } => {
            let journal = journal.display();
            (
                Exit::Integrity,
                vec![
                    format!(
                        "see who made it: ls -l '{journal}'; sealbox applies only a journal that is the vault owner's own private file"
                    ),
                    format!(
                        "if you made it (say, by copying the vault), fix its owner or mode (chmod 600); otherwise keep a copy of both files, then: mv '{journal}' '{journal}.stale'"
                    ),
                ],
            )
        }
        E::Storage(_) => (Exit::Failure, Vec::new()),
        E::AuditWrite { path, .. } => (
            Exit::Failure,
            vec![
                "every command that unlocks is recorded first, so this one stopped before any value left sealbox, and the vault is unchanged".into(),
                format!(
                    "make room on its file system or fix its permissions (ls -l '{}'), then run the command again",
                    path.display()
                ),
            ],
        ),
        E::AuditBusy(path) => (
            Exit::Busy,
            vec![format!(
                "retry, or raise SEALBOX_BUSY_TIMEOUT (seconds); if it stays locked, see which process holds it: fuser '{}'",
                path.display()
            )],
        ),
        E::AuditUnsafe { path, .. } => (
            Exit::Failure,
            vec![format!(
                "the audit log must be a private file of the vault's owner: check who made it (ls -l '{}'), then fix its owner, or chmod 600 it",
                path.display()
            )],
        ),
        E::AuditBroken { path, .. } => (
            Exit::Integrity,
            vec![
                "sealbox stops rather than add to a log it cannot continue; the vault itself is untouched".into(),
                "run 'sealbox audit verify' to see where the log breaks; keep a copy of the log as evidence".into(),
                format!(
                    "if the vault was moved or copied without its log, put the log back at {}; if the log is lost, 'sealbox audit restart' sets it aside and starts a new one",
                    path.display()
                ),
            ],
        ),
        E::LeftoverAuditLog(log) => {
            let log = log.display();
            (
                Exit::Conflict,
                vec![format!(
                    "if that vault's records are not needed beside a new vault, move the log aside and run init again: mv '{log}' '{log}.old'"
                )],
            )
        }
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
        E::Denied(_) => (
            Exit::Denied,
            hint("use a credential whose scope holds it, or a full credential; 'sealbox scope list' shows the scopes"),
        ),
        E::NeedsFull(_) => (
            Exit::Denied,
            hint("ask someone who holds a full credential (a slot added without --scope) to run it"),
        ),
        E::Expired { .. } => (
            Exit::Unlock,
            hint("ask for a new credential: someone with a full one runs 'sealbox slot add --scope'"),
        ),
        E::NoSuchScope(_) => (Exit::NotFound, hint("'sealbox scope list' shows the scopes")),
        E::ScopeExists(_) => (
            Exit::Conflict,
            hint("choose another name, or change it with 'sealbox scope edit'"),
        ),
        E::ScopeInUse { .. } => (Exit::Conflict, hint("'sealbox slot list' shows each slot's scope")),
        E::NoSuchSlot(_) => (Exit::NotFound, hint("'sealbox slot list' shows the labels")),
        E::SlotExists(_) => (
            Exit::Conflict,
            hint("choose another --label; 'sealbox slot list' shows the labels in use"),
        ),
        E::TooManyMemberSlots(_) => (
            Exit::Unsupported,
            hint("remove a member slot no one uses first ('sealbox slot remove')"),
        ),
        E::RecipientHasSlot(_) => (
            Exit::Conflict,
            hint("one recipient has one slot: remove that one first ('sealbox slot remove') to give the member other rights"),
        ),
        E::LastSlot(_) => (
            Exit::Conflict,
            hint("add another slot first with 'sealbox slot add', then remove this one"),
        ),
        E::KeysChanged => (Exit::Busy, hint("run the command again")),
        E::TooManyPassphraseSlots(_) => (
            Exit::Conflict,
            hint("remove one first with 'sealbox slot remove', or add a key slot (--new-key-file)"),
        ),
        E::MemberLimit { .. } => (
            Exit::Unsupported,
            vec![
                "pass --slot LABEL to try one slot by name; 'sealbox slot list' shows the labels".into(),
                "if nobody added that many members, the vault was edited: run 'sealbox verify' with another credential".into(),
            ],
        ),
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
        crypto::Error::MalformedRecipient => (
            Exit::Usage,
            vec!["ask the member for what 'sealbox identity new' printed, over a channel you trust".into()],
        ),
        crypto::Error::MalformedIdentity => (
            Exit::Usage,
            vec!["make one with 'sealbox identity new FILE'".into()],
        ),
        crypto::Error::PassphraseNotUtf8 => (Exit::Usage, Vec::new()),
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

/// A credential that opens no slot (exit 4), naming where it came from: with flags, variables
/// and a prompt all in play, "wrong credential" alone leaves the user guessing which was read.
pub fn wrong_credential(source: &crate::unlock::Source) -> CommandError {
    if let crate::unlock::Source::File {
        kind: crypto::CredentialKind::Identity,
        ..
    } = source
    {
        return CommandError::new(
            Exit::Unlock,
            format!("no unlock slot of this vault is sealed to the identity (using {source})"),
        )
        .hint("a member with a full credential adds you with 'sealbox slot add --recipient R', R being what 'sealbox identity show FILE' prints");
    }
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
    fn a_rejected_value_is_cut_out_of_the_explanation() {
        let why = "invalid duration \"15250284452w\": at most 36500d (100 years)";
        assert_eq!(
            without_value(why, "15250284452w").as_deref(),
            Some("invalid duration: at most 36500d (100 years)")
        );
        assert_eq!(without_value("5000 is not in 1..=4096", "5000"), None);
        assert_eq!(
            without_value("'hunter2' is not a number", "hunter2").as_deref(),
            Some(" is not a number")
        );
        assert_eq!(without_value("hunter2 is not a number", "hunter2"), None);
        // Short values stay: "m" occurs in explanations by chance and hides nothing.
        assert_eq!(
            without_value("m is ambiguous: use min or mo", "m").as_deref(),
            Some("m is ambiguous: use min or mo")
        );
    }

    #[test]
    fn options_are_told_apart_from_values() {
        let args = |list: &[&str]| -> Vec<OsString> { list.iter().map(OsString::from).collect() };
        assert!(typed_as_option(
            "--verison",
            &args(&["sealbox", "get", "--verison"])
        ));
        assert!(typed_as_option(
            "--token",
            &args(&["sealbox", "set", "--token=x"])
        ));
        assert!(typed_as_option(
            "-u",
            &args(&["sealbox", "set", "X", "-qunter"])
        ));
        assert!(!typed_as_option(
            "-H",
            &args(&["sealbox", "get", "X", "--", "-H"])
        ));
        assert!(!typed_as_option(
            "env",
            &args(&["sealbox", "run", "--all", "env"])
        ));
    }

    #[test]
    fn the_first_typed_cause_decides() {
        let err = anyhow::Error::new(vault::Error::Busy).context("cannot store API_KEY");
        assert_eq!(classify(&err).0, Exit::Busy);
        let err = anyhow::Error::new(crypto::Error::WrongCredential);
        assert_eq!(classify(&err).0, Exit::Unlock);
        assert_eq!(classify(&anyhow::anyhow!("plain")).0, Exit::Failure);
    }
}
