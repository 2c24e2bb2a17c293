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
use crate::unlock::{self, Purpose, Sources, Supplied};
use crate::vault::{Keyring, Vault};
use crate::vault::{SecretMeta, Tx};

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
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
    }?;
    Ok(exit.into())
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
        // Checked here rather than with clap's `conflicts_with`, which misses the two flags when
        // one is given before the subcommand and the other after it.
        if global.key_file.is_some() && global.passphrase_file.is_some() {
            return Err(CommandError::usage(
                "--key-file and --passphrase-file cannot be used together; give one credential",
            )
            .into());
        }
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

    /// The credential flags; `unlock` reads the variables after them.
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
        let supplied = self.credential()?;
        let keyring = self.unlock(&vault, &supplied)?;
        Ok((vault, keyring))
    }

    /// Unlocks `vault` with `supplied` (and `--slot`); a wrong credential names its source.
    pub fn unlock(&self, vault: &Vault, supplied: &Supplied) -> anyhow::Result<Keyring> {
        vault
            .unlock(&supplied.credential, self.slot())
            .map_err(|err| unlock::name_source(err.into(), &supplied.source))
    }

    /// The slot label given with `--slot`, if any.
    pub fn slot(&self) -> Option<&str> {
        self.global.slot.as_deref()
    }

    /// The credential in use and its source (prompting once on the terminal if no option or
    /// variable supplies one).
    pub fn credential(&self) -> anyhow::Result<Supplied> {
        unlock::credential(self.sources(), &self.vault_path, Purpose::Open)
    }

    /// Where a new credential comes from, for `rotate-master` and `slot add`: the flags here,
    /// the variables read by `unlock` after them.
    pub fn new_sources<'a>(
        &self,
        args: &'a crate::cli::NewCredential,
        kind: Option<crate::crypto::CredentialKind>,
    ) -> unlock::NewSources<'a> {
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

/// Checks a secret name against the naming rule (exit 2 naming the rule).
pub fn check_name(name: &str) -> Result<(), CommandError> {
    if crate::name::is_valid(name) {
        Ok(())
    } else {
        Err(CommandError::usage(format!(
            "invalid name {name:?}: {}",
            crate::name::RULE
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
