//! One module per subcommand, each with its clap `Args` and its handler, and the shared context
//! they run in: resolved vault path, output settings, and opening and unlocking the vault.

pub mod audit;
pub mod check;
pub mod compact;
pub mod completions;
pub mod delete;
pub mod export;
pub mod get;
pub mod history;
pub mod identity;
pub mod import;
pub mod init;
pub mod keygen;
pub mod list;
pub mod meta;
pub mod re_encrypt;
pub mod redact;
pub mod rename;
pub mod rollback;
pub mod rotate_master;
pub mod run;
pub mod scan;
pub mod scope;
pub mod set;
pub mod slot;
pub mod vault;
pub mod verify;

use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;
use std::time::Duration;

use anyhow::Context as _;

use crate::cli::{Cli, Command, Global};
use crate::error::{CommandError, Exit};
use crate::output::Output;
use crate::unlock::{self, Purpose, Sources, Supplied, env_path};
use crate::vault::{Keys, Recorder, SecretMeta, Session, Tx, Vault};

/// Runs the parsed command line.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    if cli.global.json
        && let Some(refusal) = json_refusal(&cli.command)
    {
        return Err(refusal.into());
    }
    let ctx = Context::new(cli.global, action(&cli.command))?;
    let exit = match cli.command {
        Command::Init(args) => init::run(&ctx, args).map(|()| Exit::Success),
        Command::Keygen(args) => keygen::run(&ctx, args).map(|()| Exit::Success),
        Command::Identity(args) => identity::run(&ctx, args).map(|()| Exit::Success),
        Command::Set(args) => set::run(&ctx, args).map(|()| Exit::Success),
        Command::Get(args) => get::run(&ctx, args).map(|()| Exit::Success),
        Command::History(args) => history::run(&ctx, args).map(|()| Exit::Success),
        Command::List(args) => list::run(&ctx, args).map(|()| Exit::Success),
        Command::Delete(args) => delete::run(&ctx, args).map(|()| Exit::Success),
        Command::Meta(args) => meta::run(&ctx, args).map(|()| Exit::Success),
        Command::Import(args) => import::run(&ctx, args).map(|()| Exit::Success),
        Command::Run(args) => run::run(&ctx, args).map(|never| match never {}),
        Command::Export(args) => export::run(&ctx, args).map(|()| Exit::Success),
        Command::Check(args) => check::run(&ctx, args),
        Command::Compact(args) => compact::run(&ctx, args).map(|()| Exit::Success),
        Command::Completions(args) => completions::run(&ctx, args).map(|()| Exit::Success),
        Command::Rollback(args) => rollback::run(&ctx, args).map(|()| Exit::Success),
        Command::Rename(args) => rename::run(&ctx, args, true).map(|()| Exit::Success),
        Command::Copy(args) => rename::run(&ctx, args, false).map(|()| Exit::Success),
        Command::RotateMaster(args) => rotate_master::run(&ctx, args).map(|()| Exit::Success),
        Command::ReEncrypt(args) => re_encrypt::run(&ctx, args).map(|()| Exit::Success),
        Command::Slot(args) => slot::run(&ctx, args).map(|()| Exit::Success),
        Command::Scope(args) => scope::run(&ctx, args).map(|()| Exit::Success),
        Command::Verify(args) => verify::run(&ctx, args).map(|()| Exit::Success),
        Command::Audit(args) => audit::run(&ctx, args).map(|()| Exit::Success),
        Command::Redact(args) => redact::run(&ctx, args).map(|()| Exit::Success),
        Command::Scan(args) => scan::run(&ctx, args),
        Command::Vault(args) => vault::run(&ctx, args).map(|()| Exit::Success),
    };
    // A command that tried to unlock and has not recorded yet (a failed unlock, an error
    // after unlocking, `verify`) is recorded now, with how it ended; one that gave up waiting
    // for a lock read nothing, and one the log itself stopped cannot be recorded.
    let outcome = match &exit {
        Ok(_) => Some(crate::audit::Outcome::Ok),
        Err(err) if unrecordable(err) => None,
        Err(err) if matches!(crate::error::exit_of(err), Exit::Unlock | Exit::Denied) => {
            Some(crate::audit::Outcome::Denied)
        }
        Err(_) => Some(crate::audit::Outcome::Error),
    };
    let recorded = outcome.map_or(Ok(()), |outcome| ctx.recorder.finish(outcome));
    Ok(match (exit, recorded) {
        (Ok(exit), Ok(())) => exit.into(),
        (Ok(_), Err(unrecorded)) => {
            crate::error::report(&unrecorded.into(), Some(&ctx.vault_shown))
        }
        (Err(err), recorded) => {
            let code = crate::error::report(&err, Some(&ctx.vault_shown));
            if let Err(unrecorded) = recorded {
                ctx.out.warn(format_args!(
                    "this failure could not be recorded in the audit log: {:#}",
                    anyhow::Error::new(unrecorded)
                ));
            }
            code
        }
    })
}

/// Whether `err` leaves nothing to record: a lock waited for past the timeout (nothing was
/// read), or the audit log itself refusing the record.
fn unrecordable(err: &anyhow::Error) -> bool {
    use crate::vault::Error as E;
    err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<E>(),
            Some(
                E::Busy
                    | E::AuditBusy(_)
                    | E::AuditWrite { .. }
                    | E::AuditUnsafe { .. }
                    | E::AuditBroken { .. }
                    | E::LeftoverAuditLog(_)
            )
        )
    })
}

/// The action a command is recorded as in the audit log.
fn action(command: &Command) -> &'static str {
    match command {
        Command::Init(_) => "init",
        Command::Keygen(_) => "keygen",
        Command::Identity(args) => identity::action(args),
        Command::Set(_) => "set",
        // A preview is not the value: who answers "what was read" must tell them apart.
        Command::Get(args) if args.masked => "get --masked",
        Command::Get(_) => "get",
        Command::History(_) => "history",
        Command::List(_) => "list",
        Command::Delete(_) => "delete",
        Command::Meta(_) => "meta",
        Command::Import(_) => "import",
        Command::Run(_) => "run",
        Command::Export(_) => "export",
        Command::Check(_) => "check",
        Command::Compact(_) => "compact",
        Command::Completions(_) => "completions",
        Command::Rollback(_) => "rollback",
        Command::Rename(_) => "rename",
        Command::Copy(_) => "copy",
        Command::RotateMaster(_) => "rotate-master",
        Command::ReEncrypt(_) => "re-encrypt",
        Command::Slot(args) => slot::action(args),
        Command::Scope(args) => scope::action(args),
        Command::Verify(_) => "verify",
        Command::Audit(args) => audit::action(args),
        Command::Redact(_) => "redact",
        Command::Scan(_) => "scan",
        Command::Vault(args) => vault::action(args),
    }
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
        Command::Redact(_) => refuse("redact, whose output is its input, filtered"),
        Command::Init(_)
        | Command::Identity(_)
        | Command::History(_)
        | Command::Set(_)
        | Command::List(_)
        | Command::Delete(_)
        | Command::Import(_)
        | Command::Check(_)
        | Command::Compact(_)
        | Command::Rollback(_)
        | Command::Rename(_)
        | Command::Copy(_)
        | Command::RotateMaster(_)
        | Command::ReEncrypt(_)
        | Command::Slot(_)
        | Command::Scope(_)
        | Command::Meta(_)
        | Command::Audit(_)
        | Command::Scan(_)
        | Command::Vault(_)
        | Command::Verify(_) => None,
    }
}

/// What every command needs to know about its invocation.
pub struct Context {
    pub global: Global,
    pub out: Output,
    pub vault_path: PathBuf,
    /// The vault as messages show it (a team vault's URL without its password).
    pub vault_shown: PathBuf,
    pub busy_timeout: Duration,
    /// This command's audit record, shared with the vault it opens.
    pub recorder: Rc<Recorder>,
}

/// The longest `--reason` accepted.
const MAX_REASON: usize = 1000;

impl Context {
    fn new(mut global: Global, action: &str) -> anyhow::Result<Self> {
        global.vault = global.vault.or_else(|| env_path("SEALBOX_VAULT"));
        let reason = reason(&global)?;
        // Checked here rather than with clap's `conflicts_with`, which misses the two flags when
        // one is given before the subcommand and the other after it.
        let flags = [
            ("--key-file", global.key_file.is_some()),
            ("--passphrase-file", global.passphrase_file.is_some()),
            ("--identity", global.identity.is_some()),
        ];
        let given: Vec<&str> = flags.iter().filter(|f| f.1).map(|f| f.0).collect();
        if let [first, second, ..] = given[..] {
            return Err(CommandError::usage(format!(
                "{first} and {second} cannot be used together; give one credential"
            ))
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
            vault_shown: crate::vault::shown_location(&vault_path)?,
            vault_path,
            busy_timeout: busy_timeout()?,
            recorder: {
                let recorder = Recorder::new(action, reason);
                recorder.set_slot(global.slot.as_deref());
                Rc::new(recorder)
            },
            global,
        })
    }

    /// The credential flags; `unlock` reads the variables after them.
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            key_file: self.global.key_file.as_deref(),
            passphrase_file: self.global.passphrase_file.as_deref(),
            identity: self.global.identity.as_deref(),
        }
    }

    /// Keeps `vault`'s freshness and location records under `$XDG_STATE_HOME/sealbox` (or
    /// `~/.local/state/sealbox`) when either is set.
    pub fn remember(&self, vault: &mut Vault) {
        match state_dir() {
            Some(dir) => {
                let out = self.out;
                vault.remember_in(dir, Box::new(move |warning| out.warn(warning)));
            }
            None => self.out.warn(
                "rollback of the vault to an older copy is not tracked: neither XDG_STATE_HOME nor HOME is set",
            ),
        }
    }

    /// Opens the vault without unlocking it, keeping its freshness record under
    /// `$XDG_STATE_HOME/sealbox` (or `~/.local/state/sealbox`) when either is set.
    pub fn open(&self) -> anyhow::Result<Vault> {
        let (mut vault, notes) = Vault::open(&self.vault_path, self.busy_timeout)?;
        vault.record_with(self.recorder.clone());
        self.remember(&mut vault);
        if notes.readable_by_others {
            self.out.warn(format_args!(
                "the vault {} is readable by other users; run: chmod 600 '{}'",
                self.vault_shown.display(),
                self.vault_shown.display()
            ));
        }
        Ok(vault)
    }

    /// Opens the vault and unlocks it with the credential in use.
    pub fn open_unlocked(&self) -> anyhow::Result<(Vault, Keys)> {
        let vault = self.open()?;
        let supplied = self.credential()?;
        let keyring = self.unlock(&vault, &supplied)?;
        Ok((vault, keyring))
    }

    /// Opens the vault, unlocks it and runs `f` in the same authenticated read transaction.
    pub fn read_unlocked<T>(
        &self,
        f: impl FnOnce(&mut Session) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let vault = self.open()?;
        let supplied = self.credential()?;
        self.read_with(&vault, &supplied, f)
    }

    /// Unlocks the open `vault` with the credential in use and runs `f` in the same
    /// authenticated read transaction.
    pub fn read_unlocked_in<T>(
        &self,
        vault: &Vault,
        f: impl FnOnce(&mut Session) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let supplied = self.credential()?;
        self.read_with(vault, &supplied, f)
    }

    /// Unlocks `vault` with `supplied` and runs `f` in the same authenticated read transaction;
    /// a wrong credential names its source.
    pub fn read_with<T>(
        &self,
        vault: &Vault,
        supplied: &Supplied,
        f: impl FnOnce(&mut Session) -> anyhow::Result<T>,
    ) -> anyhow::Result<T> {
        let (value, _keys) = vault
            .unlock_and_read(&supplied.credential, self.slot(), f)
            .map_err(|err| unlock::name_source(err, &supplied.source))?;
        Ok(value)
    }

    /// Unlocks `vault` with `supplied` (and `--slot`); a wrong credential names its source.
    pub fn unlock(&self, vault: &Vault, supplied: &Supplied) -> anyhow::Result<Keys> {
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
        let supplied = unlock::credential(self.sources(), &self.vault_shown, Purpose::Open)?;
        self.recorder
            .set_credential(supplied.source.label().to_owned());
        // An identity is a long-lived private key, as an SSH key is: say so when others can
        // read it (it is used all the same, as age does).
        if let unlock::Source::File {
            kind: crate::crypto::CredentialKind::Identity,
            path,
            ..
        } = &supplied.source
            && std::fs::metadata(path).is_ok_and(|m| {
                std::os::unix::fs::PermissionsExt::mode(&m.permissions()) & 0o077 != 0
            })
        {
            self.out.warn(format_args!(
                "the identity file {} can be read by other users; run: chmod 600 '{}'",
                path.display(),
                path.display()
            ));
        }
        Ok(supplied)
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

/// `--reason`, else `SEALBOX_REASON` (an empty one counts as unset), at most [`MAX_REASON`]
/// characters.
fn reason(global: &Global) -> anyhow::Result<Option<String>> {
    let reason = match &global.reason {
        Some(reason) => Some(reason.clone()),
        None => match std::env::var("SEALBOX_REASON") {
            Ok(reason) => Some(reason),
            Err(std::env::VarError::NotPresent) => None,
            Err(std::env::VarError::NotUnicode(_)) => {
                return Err(CommandError::usage("SEALBOX_REASON must be UTF-8 text").into());
            }
        },
    };
    let reason = reason.filter(|r| !r.trim().is_empty());
    if reason
        .as_ref()
        .is_some_and(|r| r.chars().count() > MAX_REASON)
    {
        return Err(CommandError::usage(format!(
            "the reason is too long: at most {MAX_REASON} characters"
        ))
        .into());
    }
    Ok(reason)
}

/// `$XDG_STATE_HOME/sealbox`, else `~/.local/state/sealbox`: where freshness records live.
fn state_dir() -> Option<PathBuf> {
    env_path("XDG_STATE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| env_path("HOME").map(|home| home.join(".local/state")))
        .map(|dir| dir.join("sealbox"))
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

/// Exit 3 naming the secrets that are not stored, with a "did you mean" hint for each that is
/// close to a stored name (names are in clear, so this needs no credential), else a pointer to
/// `list`.
pub fn not_found(tx: &Tx, names: &[&str]) -> anyhow::Result<CommandError> {
    let mut err = CommandError::not_found(format!("no secret named {}", names.join(", ")));
    let hints = did_you_mean(tx, names)?;
    if hints.is_empty() {
        err = err.hint("'sealbox list' shows the stored names");
    }
    err.hints.extend(hints);
    Ok(err)
}

/// "did you mean" hints for the `missing` names: one line, or one per name that has a close
/// stored name when several are missing.
pub fn did_you_mean(tx: &Tx, missing: &[&str]) -> anyhow::Result<Vec<String>> {
    let stored = tx.list("")?;
    let stored: Vec<&str> = stored.iter().map(|meta| meta.name.as_str()).collect();
    Ok(missing
        .iter()
        .filter_map(|name| {
            let close = closest_names(name, &stored);
            let list = match close.as_slice() {
                [] => return None,
                [one] => (*one).to_owned(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
            };
            Some(if missing.len() == 1 {
                format!("did you mean {list}?")
            } else {
                format!("for {name}, did you mean {list}?")
            })
        })
        .collect())
}

/// Up to three stored names a user who typed `wanted` probably meant, best first: the same name
/// in another case, then the name under a dotted prefix the user left out (`API_KEY` for
/// `prod.API_KEY`), then names a few typing mistakes away (optimal string alignment distance,
/// which counts a swap of two neighbours as one mistake: at most 1 for short names, up to 3 for
/// long ones). Case is ignored throughout.
fn closest_names<'a>(wanted: &str, stored: &[&'a str]) -> Vec<&'a str> {
    let wanted = wanted.to_ascii_lowercase();
    let limit = (wanted.len() / 4).clamp(1, 3);
    let mut close: Vec<(usize, &str)> = stored
        .iter()
        .filter_map(|&name| {
            let lower = name.to_ascii_lowercase();
            let rank = if lower == wanted {
                0
            } else if lower.ends_with(&wanted) && lower[..lower.len() - wanted.len()].ends_with('.')
            {
                1
            } else if lower.len().abs_diff(wanted.len()) <= limit {
                // The length check first: the distance is quadratic, and most names are far.
                let distance = strsim::osa_distance(&wanted, &lower);
                if distance > limit {
                    return None;
                }
                1 + distance
            } else {
                return None;
            };
            Some((rank, name))
        })
        .collect();
    close.sort_unstable();
    close.into_iter().take(3).map(|(_, name)| name).collect()
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
    check_display_name("slot label", label)
}

/// Checks a name shown in tables and messages (a slot label, a scope name) by the rule of
/// [`check_label`]; `what` names it in the error.
pub fn check_display_name(what: &str, label: &str) -> Result<(), CommandError> {
    let ok = !label.is_empty()
        && label.chars().count() <= 64
        && label.trim() == label
        && !label.chars().any(crate::output::is_unsafe_char);
    if ok {
        Ok(())
    } else {
        Err(CommandError::usage(format!(
            "invalid {what} {:?}: use 1 to 64 printable characters without leading or trailing spaces",
            label
        )))
    }
}

/// The names of a comma-separated list option (`--only`, `--require`), which clap has split at
/// the commas: spaces around each name are dropped and so are empty items, so `"A, B,"` (as a
/// shell variable or a file joined with `paste -sd,` tends to produce) means `A` and `B`.
pub fn comma_list(items: &[String]) -> Vec<String> {
    items
        .iter()
        .map(|item| item.trim())
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Which secrets `run` and `export` act on: `--all`, or `--only` names, or `--prefix`es, or
/// `--only` names relative to the `--prefix`es.
#[derive(Debug, clap::Args)]
#[group(required = true, multiple = true)]
pub struct Selection {
    /// Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix,
    /// names relative to it. If one is missing, nothing is done (exit 3)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Every secret whose name starts with P; P is removed from the names written. Repeatable:
    /// when two prefixes give the same name, the later --prefix wins
    #[arg(long, value_name = "P")]
    pub prefix: Vec<String>,
    /// Every secret in the vault (for a scoped credential, every secret of its scope)
    #[arg(long, conflicts_with_all = ["only", "prefix"])]
    pub all: bool,
    /// Exactly the secrets of scope NAME ('sealbox scope show NAME'), whichever credential is
    /// used: a declared scope, checked
    #[arg(long, value_name = "NAME", conflicts_with_all = ["only", "prefix", "all"])]
    pub scope: Option<String>,
}

/// Says on stderr how many old versions of `name` retention destroyed, if any: a write that
/// removes history must not do it silently.
pub fn report_destroyed(ctx: &Context, name: &str, destroyed: usize) {
    if destroyed > 0 {
        ctx.out.info(format_args!(
            "destroyed {destroyed} old version{} of {name} beyond the number it keeps ('sealbox history {name}' shows the rest)",
            crate::output::plural(destroyed)
        ));
    }
}

/// The named secrets' current values, and with `with_previous` also each one's previous
/// kept version under `KEY_PREVIOUS` (for an overlap window while callers move to a new key).
/// A secret that keeps only one version gets no `_PREVIOUS` entry: there is nothing to
/// overlap with, and a service that reads it should treat it as optional. A `_PREVIOUS` key
/// that another selected secret already uses is exit 2, as any other collision.
pub fn values_of(
    s: &mut Session,
    named: Vec<(SecretMeta, String)>,
    with_previous: bool,
) -> anyhow::Result<Vec<(SecretMeta, String, crate::crypto::SecretBytes)>> {
    let mut out = Vec::with_capacity(named.len());
    let mut previous = Vec::new();
    for (meta, key) in named {
        let value = s.current_value(&meta)?;
        if with_previous && let Some(version) = s.previous(&meta) {
            let old = s.value(&meta, version)?.ok_or_else(|| {
                crate::vault::Error::Damaged(format!("{} version {version} vanished", meta.name))
            })?;
            previous.push((meta.clone(), format!("{key}_PREVIOUS"), old));
        }
        out.push((meta, key, value));
    }
    for (meta, key, _) in &previous {
        if let Some((other, _, _)) = out.iter().find(|(_, k, _)| k == key) {
            return Err(CommandError::usage(format!(
                "{key}, for the previous value of {}, is also what the secret {} is written as",
                meta.name, other.name
            ))
            .hint("leave out --with-previous, or select the secrets separately")
            .into());
        }
    }
    out.extend(previous);
    Ok(out)
}

/// A secret picked by a [`Selection`], with the prefix it was picked under ("" without one).
#[derive(Debug)]
pub struct Selected {
    pub meta: SecretMeta,
    prefix: usize,
}

/// How a selected secret is named in the output: as an environment variable (`run`, `export
/// --format shell`) or as its name with the prefix removed (`export --format env|json`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Naming {
    EnvVar,
    Stripped,
}

impl Selection {
    /// Tidies the `--only` list (see [`comma_list`]) and checks the names it makes, before
    /// anything is opened. A list with no name left is exit 2, never "everything".
    pub fn check(&mut self) -> Result<(), CommandError> {
        if !self.only.is_empty() {
            self.only = comma_list(&self.only);
            if self.only.is_empty() {
                return Err(CommandError::usage("--only names no secret"));
            }
        }
        for name in &self.only {
            for prefix in self.prefixes() {
                check_name(&format!("{prefix}{name}"))?;
            }
        }
        Ok(())
    }

    /// The prefixes in force, in order, a repeated one counting at its last place (it is the
    /// later one that wins); `[""]` without `--prefix`.
    fn prefixes(&self) -> Vec<&str> {
        if self.prefix.is_empty() {
            return vec![""];
        }
        let mut prefixes: Vec<&str> = Vec::with_capacity(self.prefix.len());
        for prefix in &self.prefix {
            prefixes.retain(|p| p != prefix);
            prefixes.push(prefix);
        }
        prefixes
    }

    /// The selected secrets' metadata, read in `tx`. `--only` names come in the order given
    /// (duplicates dropped), each found under the last prefix that has it; exit 3 naming every
    /// name found under none. Otherwise every secret under each prefix in turn, sorted by name;
    /// exit 3 when no name starts with a `--prefix`.
    pub fn resolve(&self, tx: &Session) -> anyhow::Result<Vec<Selected>> {
        if let Some(scope) = &self.scope {
            let definition = tx.scope_definition(scope)?;
            return Ok(tx
                .list("")?
                .into_iter()
                .filter(|meta| definition.matches(&meta.name))
                .map(|meta| Selected { meta, prefix: 0 })
                .collect());
        }
        let prefixes = self.prefixes();
        let mut found = Vec::new();
        if self.only.is_empty() {
            for (index, prefix) in prefixes.iter().enumerate() {
                let metas = tx.list(prefix)?;
                if metas.is_empty() && !self.prefix.is_empty() {
                    return Err(CommandError::not_found(format!(
                        "no secret name starts with {prefix:?}"
                    ))
                    .hint("'sealbox list' shows the stored names")
                    .into());
                }
                found.extend(metas.into_iter().map(|meta| Selected {
                    meta,
                    prefix: index,
                }));
            }
            return Ok(found);
        }
        let mut missing = Vec::new();
        let mut seen: Vec<&str> = Vec::with_capacity(self.only.len());
        for name in &self.only {
            if seen.contains(&name.as_str()) {
                continue;
            }
            seen.push(name);
            let mut winner = None;
            for (index, prefix) in prefixes.iter().enumerate() {
                if let Some(meta) = tx.secret(&format!("{prefix}{name}"))? {
                    winner = Some(Selected {
                        meta,
                        prefix: index,
                    });
                }
            }
            match winner {
                Some(selected) => found.push(selected),
                None => missing.extend(prefixes.iter().map(|prefix| format!("{prefix}{name}"))),
            }
        }
        if !missing.is_empty() {
            let missing: Vec<&str> = missing.iter().map(String::as_str).collect();
            return Err(not_found(tx, &missing)?.into());
        }
        Ok(found)
    }

    /// Names `selected` for output as `naming` says. Two secrets under different prefixes that
    /// get one name: the later prefix's wins (layering, such as `--prefix common. --prefix
    /// prod.`). Two under one prefix, or two `--only` names, that get one name: exit 2 naming
    /// both. A name that is only the prefix: exit 2.
    pub fn named(
        &self,
        selected: Vec<Selected>,
        naming: Naming,
    ) -> Result<Vec<(SecretMeta, String)>, CommandError> {
        let prefixes = self.prefixes();
        let mut named: Vec<(Selected, String)> = Vec::with_capacity(selected.len());
        let mut taken: std::collections::HashMap<String, usize> =
            std::collections::HashMap::with_capacity(selected.len());
        for item in selected {
            let prefix = prefixes[item.prefix];
            let name = &item.meta.name;
            let key = match naming {
                Naming::EnvVar => crate::name::env_var(name, prefix),
                Naming::Stripped => name
                    .strip_prefix(prefix)
                    .filter(|rest| !rest.is_empty())
                    .map(str::to_owned),
            }
            .ok_or_else(|| {
                CommandError::usage(format!(
                    "{name} is the prefix itself, so it has no {} once the prefix is removed",
                    match naming {
                        Naming::EnvVar => "variable name",
                        Naming::Stripped => "name",
                    }
                ))
            })?;
            match taken.get(&key) {
                Some(&at) if self.only.is_empty() && named[at].0.prefix != item.prefix => {
                    named[at] = (item, key);
                }
                Some(&at) => {
                    let what = match naming {
                        Naming::EnvVar => "the environment variable",
                        Naming::Stripped => "the name",
                    };
                    return Err(CommandError::usage(format!(
                        "{} and {name} both map to {what} {key}",
                        named[at].0.meta.name
                    ))
                    .hint("rename one of them, or select them separately with --only"));
                }
                None => {
                    taken.insert(key.clone(), named.len());
                    named.push((item, key));
                }
            }
        }
        Ok(named
            .into_iter()
            .map(|(item, key)| (item.meta, key))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_names_are_case_slips_left_out_prefixes_and_typos() {
        let stored = [
            "prod.API_KEY",
            "staging.API_KEY",
            "DATABASE_URL",
            "OTHER",
            "A",
        ];
        assert_eq!(closest_names("prod.api_key", &stored), ["prod.API_KEY"]);
        assert_eq!(
            closest_names("API_KEY", &stored),
            ["prod.API_KEY", "staging.API_KEY"]
        );
        assert_eq!(closest_names("DATABSE_URL", &stored), ["DATABASE_URL"]);
        assert_eq!(closest_names("OTHRE", &stored), ["OTHER"]);
        assert_eq!(closest_names("B", &stored), ["A"]);
        assert!(closest_names("ZZZZZZZZ", &stored).is_empty());
        // A suffix that is not a whole name part is no forgotten prefix.
        assert!(closest_names("KEY", &["prod.API_KEY"]).is_empty());
    }

    #[test]
    fn comma_lists_drop_spaces_and_empty_items() {
        let items: Vec<String> = ["A", " B", "", " ", "C "].map(String::from).into();
        assert_eq!(comma_list(&items), ["A", "B", "C"]);
    }

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
