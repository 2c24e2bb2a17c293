//! One module per subcommand, each with its clap `Args` and its handler, and the shared context
//! they run in: resolved vault path, output settings, and opening and unlocking the vault.

pub mod delete;
pub mod get;
pub mod import;
pub mod init;
pub mod keygen;
pub mod list;
pub mod re_encrypt;
pub mod rotate_master;
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
    fn new(global: Global) -> anyhow::Result<Self> {
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
        args: &'a crate::cli::NewCredential,
        kind: Option<unlock::Kind>,
    ) -> unlock::NewSources<'a> {
        unlock::NewSources {
            key_file: args.new_key_file.as_deref(),
            passphrase_file: args.new_passphrase_file.as_deref(),
            kind,
        }
    }
}

/// `$XDG_DATA_HOME/sealbox/vault.db`, else `~/.local/share/sealbox/vault.db`.
fn default_vault_path() -> anyhow::Result<PathBuf> {
    let non_empty = |name| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let data_home = non_empty("XDG_DATA_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| non_empty("HOME").map(|home| home.join(".local/share")))
        .ok_or_else(|| {
            CommandError::usage(
                "cannot find the default vault: neither XDG_DATA_HOME nor HOME is set",
            )
            .hint("pass --vault PATH or set SEALBOX_VAULT")
        })?;
    Ok(data_home.join("sealbox").join("vault.db"))
}

/// `SEALBOX_BUSY_TIMEOUT` in seconds (fractions allowed); 5 seconds by default.
fn busy_timeout() -> anyhow::Result<Duration> {
    let Some(text) = std::env::var_os("SEALBOX_BUSY_TIMEOUT").filter(|v| !v.is_empty()) else {
        return Ok(Duration::from_secs(5));
    };
    text.to_str()
        .and_then(|t| t.trim().parse::<f64>().ok())
        .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
        .ok_or_else(|| {
            CommandError::usage(
                "SEALBOX_BUSY_TIMEOUT must be a number of seconds, such as 5 or 0.5",
            )
        })
        .context("invalid environment")
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
