//! One module per subcommand, each with its clap `Args` and its handler, and the shared context
//! they run in: resolved vault path, output settings, and opening and unlocking the vault.

pub mod check;
pub mod completions;
pub mod delete;
pub mod export;
pub mod get;
pub mod import;
pub mod init;
pub mod keygen;
pub mod list;
pub mod re_encrypt;
pub mod rotate_master;
pub mod run;
pub mod set;
pub mod slot;
pub mod verify;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;

use crate::cli::{Cli, Command, Global};
use crate::error::{CommandError, Exit};
use crate::output::Output;
use crate::unlock::{self, Purpose, Sources};
use crate::vault::{Keyring, Vault};
use crate::vault::{SecretMeta, Tx};

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    if cli.global.json
        && let Some(refusal) = json_refusal(&cli.command)
    {
        return Err(refusal.into());
    }
    let ctx = Context::new(cli.global)?;
    let exit = match cli.command {
        Command::Init(args) => init::run(&ctx, args).map(|()| Exit::Success),
        Command::Keygen(args) => keygen::run(&ctx, args).map(|()| Exit::Success),
        Command::Set(args) => set::run(&ctx, args).map(|()| Exit::Success),
        Command::Get(args) => get::run(&ctx, args).map(|()| Exit::Success),
        Command::List(args) => list::run(&ctx, args).map(|()| Exit::Success),
        Command::Delete(args) => delete::run(&ctx, args).map(|()| Exit::Success),
        Command::Import(args) => import::run(&ctx, args).map(|()| Exit::Success),
        Command::Run(args) => run::run(&ctx, args).map(|never| match never {}),
        Command::Export(args) => export::run(&ctx, args).map(|()| Exit::Success),
        Command::Check(args) => check::run(&ctx, args),
        Command::Completions(args) => completions::run(&ctx, args).map(|()| Exit::Success),
        Command::RotateMaster(args) => rotate_master::run(&ctx, args).map(|()| Exit::Success),
        Command::ReEncrypt(args) => re_encrypt::run(&ctx, args).map(|()| Exit::Success),
        Command::Slot(args) => slot::run(&ctx, args).map(|()| Exit::Success),
        Command::Verify(args) => verify::run(&ctx, args).map(|()| Exit::Success),
    };
    Ok(match exit {
        Ok(exit) => exit.into(),
        Err(err) => crate::error::report(&err, Some(&ctx.vault_path)),
    })
}

/// `--json` is global, so every command accepts it; a command either prints one JSON document
/// with it or refuses it here (exit 2, before anything is read), never ignores it. The match is
/// exhaustive so that a new command has to decide.
fn json_refusal(command: &Command) -> Option<CommandError> {
    let refuse = |why: &str| {
        Some(CommandError::usage(format!(
            "--json does not apply to {why}"
        )))
    };
    match command {
        Command::Get(_) => refuse("get, which writes the value's exact bytes").map(|err| {
            err.hint("for values in JSON, use: sealbox export --format json --only NAME")
        }),
        Command::Export(_) => refuse("export, whose output format is --format")
            .map(|err| err.hint("use --format json (or env, or shell)")),
        Command::Run(_) => refuse("run, whose output is the command's own"),
        Command::Keygen(_) => refuse("keygen, which prints the key alone on one line"),
        Command::Completions(_) => refuse("completions, which prints a shell script"),
        Command::Init(_)
        | Command::Set(_)
        | Command::List(_)
        | Command::Delete(_)
        | Command::Import(_)
        | Command::Check(_)
        | Command::RotateMaster(_)
        | Command::ReEncrypt(_)
        | Command::Slot(_)
        | Command::Verify(_) => None,
    }
}

/// What every command needs to know about its invocation.
pub struct Context {
    pub global: Global,
    pub out: Output,
    pub vault_path: PathBuf,
    pub busy_timeout: Duration,
}

impl Context {
    fn new(mut global: Global) -> anyhow::Result<Self> {
        global.vault = global.vault.or_else(|| env_path("SEALBOX_VAULT"));
        global.key_file = global.key_file.or_else(|| env_path("SEALBOX_KEY_FILE"));
        global.passphrase_file = global
            .passphrase_file
            .or_else(|| env_path("SEALBOX_PASSPHRASE_FILE"));
        let vault_path = match &global.vault {
            Some(path) => path.clone(),
            None => default_vault_path()?,
        };
        Ok(Self {
            out: Output {
                json: global.json,
                quiet: global.quiet,
            },
            vault_path,
            busy_timeout: busy_timeout()?,
            global,
        })
    }

    pub fn sources(&self) -> Sources<'_> {
        Sources {
            key_file: self.global.key_file.as_deref(),
            passphrase_file: self.global.passphrase_file.as_deref(),
        }
    }

    /// Opens the vault without unlocking it.
    pub fn open(&self) -> anyhow::Result<Vault> {
        let (vault, notes) = Vault::open(&self.vault_path, self.busy_timeout)?;
        if notes.readable_by_others {
            self.out.warn(format_args!(
                "the vault {} is readable by other users; run: chmod 600 '{}'",
                self.vault_path.display(),
                self.vault_path.display()
            ));
        }
        Ok(vault)
    }

    /// Opens the vault and unlocks it with the credential in use.
    pub fn open_unlocked(&self) -> anyhow::Result<(Vault, Keyring)> {
        let vault = self.open()?;
        let credential = unlock::credential(self.sources(), &self.vault_path, Purpose::Open)?;
        let keyring = vault.unlock(&credential, self.slot())?;
        Ok((vault, keyring))
    }

    /// The slot label given with `--slot`, if any.
    pub fn slot(&self) -> Option<&str> {
        self.global.slot.as_deref()
    }

    /// The credential in use (prompting once on the terminal if no option supplies one).
    pub fn credential(&self) -> anyhow::Result<crate::crypto::Credential> {
        unlock::credential(self.sources(), &self.vault_path, Purpose::Open)
    }

    /// Where a new credential comes from, for `rotate-master` and `slot add`.
    pub fn new_sources<'a>(
        &self,
        args: &'a mut crate::cli::NewCredential,
        kind: Option<crate::crypto::CredentialKind>,
    ) -> unlock::NewSources<'a> {
        // Read here rather than by clap so that an empty variable counts as unset.
        args.new_key_file = args
            .new_key_file
            .take()
            .or_else(|| env_path("SEALBOX_NEW_KEY_FILE"));
        args.new_passphrase_file =
            (args.new_passphrase_file.take()).or_else(|| env_path("SEALBOX_NEW_PASSPHRASE_FILE"));
        unlock::NewSources {
            key_file: args.new_key_file.as_deref(),
            passphrase_file: args.new_passphrase_file.as_deref(),
            kind,
        }
    }
}

/// A path from the environment; unset and empty are the same.
fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// `$XDG_DATA_HOME/sealbox/vault.db`, else `~/.local/share/sealbox/vault.db`.
fn default_vault_path() -> anyhow::Result<PathBuf> {
    let data_home = env_path("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| env_path("HOME").map(|home| home.join(".local/share")))
        .ok_or_else(|| {
            CommandError::usage(
                "cannot find the default vault: neither XDG_DATA_HOME nor HOME is set",
            )
            .hint("pass --vault PATH or set SEALBOX_VAULT")
        })?;
    Ok(data_home.join("sealbox").join("vault.db"))
}

/// `SEALBOX_BUSY_TIMEOUT` in seconds (fractions allowed); 5 seconds by default.
///
/// SQLite counts the timeout in milliseconds in a C `int`, so longer values are capped at about
/// 24 days rather than overflowing: a user asking for that long means "wait as long as it takes".
fn busy_timeout() -> anyhow::Result<Duration> {
    const MAX: Duration = Duration::from_millis(i32::MAX as u64);
    let Some(text) = std::env::var_os("SEALBOX_BUSY_TIMEOUT").filter(|v| !v.is_empty()) else {
        return Ok(Duration::from_secs(5));
    };
    text.to_str()
        .and_then(|t| t.trim().parse::<f64>().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .map(|timeout| timeout.min(MAX))
        .ok_or_else(|| {
            CommandError::usage(
                "SEALBOX_BUSY_TIMEOUT must be a number of seconds, such as 5 or 0.5",
            )
        })
        .context("invalid environment")
}

/// Exit 3 naming the secrets that are not stored.
pub fn not_found(names: &[&str]) -> CommandError {
    CommandError::not_found(format!("no secret named {}", names.join(", ")))
        .hint("'sealbox list' shows the stored names")
}

/// Checks a secret name against the naming rule (exit 2 naming the rule); every name given on
/// the command line (set, get, delete, `--only`, `--require`) goes through here.
///
/// An invalid name is quoted so the user sees which one is wrong, but never past a '=': other
/// tools take `NAME=VALUE`, so what follows is most likely a secret, and stderr ends up in CI
/// logs. The hint then says how a value is given instead.
pub fn check_name(name: &str) -> Result<(), CommandError> {
    use crate::name::{RULE, is_valid};
    if is_valid(name) {
        return Ok(());
    }
    let Some((before, _value)) = name.split_once('=') else {
        return Err(CommandError::usage(format!(
            "invalid name {name:?}: {RULE}"
        )));
    };
    let target = if is_valid(before) { before } else { "NAME" };
    Err(CommandError::usage(format!(
        "invalid name {:?} (what follows '=' is not repeated, in case it is a value): {RULE}",
        format!("{before}=...")
    ))
    .hint(format!(
        "sealbox never takes a value as an argument; to store one, pipe it: \
         printf %s VALUE | sealbox set {target}"
    )))
}

/// Checks an unlock slot label (`init --label`, `slot add --label`): labels are shown in tables
/// and messages, so 1 to 64 characters, none of them a control, bidirectional or invisible
/// character (see [`crate::output::is_unsafe_char`]), and no leading or trailing space.
pub fn check_label(label: &str) -> Result<(), CommandError> {
    let ok = !label.is_empty()
        && label.chars().count() <= 64
        && label.trim() == label
        && !label.chars().any(crate::output::is_unsafe_char);
    if ok {
        Ok(())
    } else {
        Err(CommandError::usage(format!(
            "invalid slot label {:?}: use 1 to 64 printable characters without leading or trailing spaces",
            label
        )))
    }
}

/// Which secrets `run` and `export` act on: exactly one of `--only`, `--prefix` and `--all`.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = false)]
pub struct Selection {
    /// Only these secrets (comma-separated); if one is missing, nothing is done (exit 3)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Every secret whose name starts with P; P is removed from the names written
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Every secret in the vault
    #[arg(long)]
    pub all: bool,
}

impl Selection {
    /// Checks the names given, before anything is opened.
    pub fn check(&self) -> Result<(), CommandError> {
        self.only.iter().try_for_each(|name| check_name(name))
    }

    /// The text removed from the front of each name when it is written.
    pub fn strip(&self) -> &str {
        self.prefix.as_deref().unwrap_or("")
    }

    /// The selected secrets' metadata, read in `tx`: `--only` in the order given (duplicates
    /// dropped), otherwise sorted by name. Exit 3 naming every missing `--only` name, or when
    /// no name starts with the `--prefix`.
    pub fn resolve(&self, tx: &Tx) -> anyhow::Result<Vec<SecretMeta>> {
        if self.only.is_empty() {
            let found = tx.list(self.strip())?;
            if found.is_empty() && self.prefix.is_some() {
                return Err(CommandError::not_found(format!(
                    "no secret name starts with {:?}",
                    self.strip()
                ))
                .hint("'sealbox list' shows the stored names")
                .into());
            }
            return Ok(found);
        }
        let mut found: Vec<SecretMeta> = Vec::with_capacity(self.only.len());
        let mut missing = Vec::new();
        for name in &self.only {
            if found.iter().any(|meta| &meta.name == name) || missing.contains(&name) {
                continue;
            }
            match tx.secret(name)? {
                Some(meta) => found.push(meta),
                None => missing.push(name),
            }
        }
        if !missing.is_empty() {
            let missing: Vec<&str> = missing.iter().map(|name| name.as_str()).collect();
            return Err(not_found(&missing).into());
        }
        Ok(found)
    }

    /// Environment variable names for `secrets` (see [`crate::name::env_var`]); exit 2 when a
    /// name is only the prefix or two secrets map to one variable.
    pub fn env_names(&self, secrets: &[SecretMeta]) -> Result<Vec<String>, CommandError> {
        let mut taken: std::collections::HashMap<String, &str> =
            std::collections::HashMap::with_capacity(secrets.len());
        let mut names = Vec::with_capacity(secrets.len());
        for meta in secrets {
            let var = crate::name::env_var(&meta.name, self.strip()).ok_or_else(|| {
                CommandError::usage(format!(
                    "{} is the prefix itself, so it has no variable name once the prefix is removed",
                    meta.name
                ))
            })?;
            if let Some(other) = taken.insert(var.clone(), &meta.name) {
                return Err(CommandError::usage(format!(
                    "{other} and {} both map to the environment variable {var}",
                    meta.name
                ))
                .hint("rename one of them, or select them separately with --only"));
            }
            names.push(var);
        }
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_names_are_never_quoted_past_an_equals_sign() {
        let err = check_name("API_TOKEN=abc123").unwrap_err();
        assert_eq!(err.exit, Exit::Usage);
        assert!(
            err.message
                .starts_with("invalid name \"API_TOKEN=...\" (what follows")
        );
        assert!(!err.message.contains("abc123"));
        assert_eq!(
            err.hints,
            [
                "sealbox never takes a value as an argument; to store one, pipe it: printf %s VALUE | sealbox set API_TOKEN"
            ]
        );
        let err = check_name("a b=c=d").unwrap_err();
        assert!(err.message.starts_with("invalid name \"a b=...\""));
        assert!(err.hints[0].ends_with("| sealbox set NAME"));
        let err = check_name("a b").unwrap_err();
        assert!(err.message.starts_with("invalid name \"a b\": a name is"));
        assert!(err.hints.is_empty());
    }

    #[test]
    fn labels_are_checked() {
        assert!(check_label("ci").is_ok());
        assert!(check_label("alice's laptop").is_ok());
        assert!(check_label("caf\u{e9}").is_ok());
        for bad in [
            "",
            " ci",
            "ci ",
            "a\u{1b}b",
            "two\nlines",
            "a\u{202e}b",
            "zero\u{200b}width",
            &"x".repeat(65),
        ] {
            assert!(check_label(bad).is_err(), "{bad:?}");
        }
    }
}
