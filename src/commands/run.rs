//! `sealbox run (--only A,B | --prefix P | --all) -- CMD [ARGS]`: execute CMD with the selected
//! secrets in its environment.
//!
//! Everything that can fail is checked before CMD starts: the names, the vault and credential,
//! every value (read in one transaction), and the variable names. The child's environment is
//! built explicitly: sealbox's own, minus every `SEALBOX_*` variable except the two settings
//! that carry no credential (`SEALBOX_VAULT`, unless it is a team vault's URL with a password,
//! and `SEALBOX_BUSY_TIMEOUT`), so a credential variable
//! is dropped even if it is added after this was written; plus the secrets, which replace
//! inherited variables of the same name. Then sealbox `exec`s CMD: the process, its pid,
//! signals and exit status become CMD's. CMD gets back the caller's umask (sealbox runs under
//! 077), but inherits `RLIMIT_CORE` 0 from sealbox's hardening,
//! so a crash of CMD does not write its environment, secrets included, to a core file. If CMD
//! cannot be started, the status is 127 (not found) or 126 (anything else), as env(1) and shells
//! report it.

use std::convert::Infallible;
use std::ffi::{OsStr, OsString};
use std::io::ErrorKind;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::process::Command;

use super::{Context, Naming, Selection};
use crate::crypto::SecretBytes;
use crate::error::{CommandError, Exit};
use crate::matcher::{DEFAULT_MIN_LENGTH, Matcher, Replacement};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub select: Selection,
    /// Also add NAME_PREVIOUS with the version before the current one, for secrets that keep
    /// one (an overlap window while callers move to a new value)
    #[arg(long)]
    pub with_previous: bool,
    /// Filter CMD's stdout and stderr (each on its own) through the matcher, as 'sealbox
    /// redact' does, with the injected values: sealbox stays CMD's parent, forwards SIGINT,
    /// SIGTERM, SIGHUP, SIGQUIT and SIGWINCH sent to it, and exits with CMD's status (128+N
    /// when a signal N ended it)
    #[arg(long)]
    pub redact: bool,
    /// The command to run and its arguments, after --
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

/// The kernel's limit on one `NAME=value` environment string, its NUL terminator included
/// (MAX_ARG_STRLEN, 32 pages of 4 KiB).
const MAX_ENV_STRING: usize = 128 * 1024;

/// The `SEALBOX_*` variables CMD keeps: settings that carry no credential.
const KEPT_SEALBOX_VARS: [&str; 2] = ["SEALBOX_VAULT", "SEALBOX_BUSY_TIMEOUT"];

pub fn run(ctx: &Context, mut args: Args) -> anyhow::Result<Infallible> {
    args.select.check()?;
    let secrets = ctx.read_unlocked(|s| -> anyhow::Result<_> {
        let selected = args.select.resolve(s)?;
        let named = args.select.named(selected, Naming::EnvVar)?;
        let mut secrets: Vec<(String, String, SecretBytes)> = Vec::with_capacity(named.len());
        for (meta, var, value) in super::values_of(s, named, args.with_previous)? {
            check_value(&meta.name, &var, &value)?;
            secrets.push((meta.name, var, value));
        }
        Ok(secrets)
    })?;
    // The vault is closed and its keys zeroized by now: only the selected values cross exec.

    let program = &args.command[0];
    let mut command = Command::new(program);
    command.args(&args.command[1..]).env_clear();
    for (name, value) in std::env::vars_os() {
        // A team vault's URL with a password in it is a credential of its own.
        let secret_url = name == "SEALBOX_VAULT"
            && crate::vault::location_has_password(std::path::Path::new(&value));
        if inherited(&name) && !secret_url {
            command.env(name, value);
        }
    }
    for (_, var, value) in &secrets {
        command.env(var, OsStr::from_bytes(value.expose()));
    }
    // sealbox creates no file from here on; CMD gets the umask it was started with.
    crate::hardening::restore_umask();
    if args.redact {
        return supervise(ctx, command, &secrets, program);
    }
    drop(secrets);
    // Only returns on failure; on success this process is CMD from here on.
    let err = command.exec();
    Err(cannot_run(program, &err).into())
}

/// The error for a CMD that could not be started: 127 when it is not found, else 126.
fn cannot_run(program: &OsStr, err: &std::io::Error) -> CommandError {
    let shown = program.to_string_lossy();
    match err.kind() {
        ErrorKind::NotFound => CommandError::new(
            Exit::CommandNotFound,
            format!("cannot run {shown}: command not found"),
        )
        .hint("check the command's name and PATH"),
        _ => CommandError::new(Exit::CannotExecute, format!("cannot run {shown}: {err}")),
    }
}

/// `run --redact`: starts CMD with its stdout and stderr on pipes, copies each through the
/// matcher to sealbox's own, forwards the signals a process sends sealbox (a terminal's
/// Ctrl-C and window changes already reach CMD, which shares sealbox's process group, so they
/// are not sent twice), and exits with CMD's status once both streams have ended.
fn supervise(
    ctx: &Context,
    mut command: Command,
    secrets: &[(String, String, SecretBytes)],
    program: &OsStr,
) -> anyhow::Result<Infallible> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGWINCH};
    use signal_hook::iterator::SignalsInfo;
    use signal_hook::iterator::exfiltrator::WithOrigin;
    use std::process::Stdio;
    use std::sync::Arc;

    let values: Vec<(String, &[u8])> = secrets
        .iter()
        .map(|(name, _, value)| (name.clone(), value.expose()))
        .collect();
    let (matcher, skipped) = Matcher::new(&values, DEFAULT_MIN_LENGTH);
    drop(values);
    if !skipped.short.is_empty() {
        ctx.out.warn(format_args!(
            "not redacting {} value{} shorter than {DEFAULT_MIN_LENGTH} bytes: {}",
            skipped.short.len(),
            crate::output::plural(skipped.short.len()),
            skipped.short.join(", ")
        ));
    }
    // Registered before CMD starts, so a signal sent meanwhile is queued, not fatal.
    let mut signals = SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH])
        .map_err(|err| anyhow::anyhow!("cannot set up signal forwarding: {err}"))?;
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|err| anyhow::Error::new(cannot_run(program, &err)))?;
    // CMD has its own copy of the environment; sealbox's (in `command`) goes now.
    drop(command);
    let pid = rustix::process::Pid::from_raw(child.id() as i32).expect("a child's pid");
    let handle = signals.handle();
    let forwarder = std::thread::spawn(move || {
        for origin in signals.forever() {
            // A signal from the terminal (no sending process) has reached CMD already.
            if origin.process.is_some()
                && let Some(signal) = rustix::process::Signal::from_named_raw(origin.signal)
            {
                let _ = rustix::process::kill_process(pid, signal);
            }
        }
    });
    let matcher = matcher.map(Arc::new);
    let pump = |from: Box<dyn std::io::Read + Send>, to: Box<dyn std::io::Write + Send>| {
        let matcher = matcher.clone();
        std::thread::spawn(move || -> std::io::Result<()> {
            let (mut from, mut to) = (from, to);
            match matcher {
                Some(matcher) => {
                    crate::matcher::redact(&matcher, from, to, Replacement::Named).map(|_| ())
                }
                None => std::io::copy(&mut from, &mut to).map(|_| ()),
            }
        })
    };
    let out = pump(
        Box::new(child.stdout.take().expect("piped")),
        Box::new(std::io::stdout()),
    );
    let err = pump(
        Box::new(child.stderr.take().expect("piped")),
        Box::new(std::io::stderr()),
    );
    let status = child.wait()?;
    // CMD's pid may be reused from here on: nothing more is forwarded to it.
    handle.close();
    let _ = forwarder.join();
    use std::os::unix::process::ExitStatusExt;
    let code = match (status.code(), status.signal()) {
        (Some(code), _) => code,
        (None, Some(signal)) => 128 + signal,
        (None, None) => 1,
    };
    // A process CMD left running can hold its pipes open; a signal now stops the wait for
    // them (and sealbox exits with CMD's status) rather than being lost.
    let mut stop = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])
        .map_err(|err| anyhow::anyhow!("cannot set up signal handling: {err}"))?;
    std::thread::spawn(move || {
        if stop.forever().next().is_some() {
            std::process::exit(code);
        }
    });
    // A closed stdout (`| head`) ends its copy; CMD then saw its own broken pipe.
    let _ = out.join();
    let _ = err.join();
    // Exit here with CMD's status, which no `Exit` variant can carry. `exit` runs no
    // destructors: the matcher is cleared now, the values held by the caller go with the
    // process (core dumps are off, and the process is not dumpable).
    drop(matcher);
    std::process::exit(code)
}

/// Whether CMD inherits the variable `name` from sealbox.
fn inherited(name: &OsStr) -> bool {
    let bytes = name.as_bytes();
    !bytes.starts_with(b"SEALBOX_") || KEPT_SEALBOX_VARS.iter().any(|k| k.as_bytes() == bytes)
}

/// Refuses values the kernel cannot pass as an environment string.
fn check_value(secret: &str, var: &str, value: &SecretBytes) -> Result<(), CommandError> {
    let refuse = |why: &str| {
        CommandError::usage(format!(
            "the value of {secret} {why}, so it cannot be an environment variable; nothing was run"
        ))
    };
    if value.expose().contains(&0) {
        return Err(refuse("contains a NUL byte"));
    }
    if var.len() + 1 + value.len() + 1 > MAX_ENV_STRING {
        return Err(refuse("is larger than the kernel's 128 KiB limit")
            .hint("pass it in a file instead: sealbox get NAME > file"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_variables_are_not_inherited() {
        for dropped in [
            "SEALBOX_KEY",
            "SEALBOX_KEY_FILE",
            "SEALBOX_PASSPHRASE",
            "SEALBOX_PASSPHRASE_FILE",
            "SEALBOX_NEW_KEY",
            "SEALBOX_NEW_PASSPHRASE_FILE",
            "SEALBOX_ANYTHING_ELSE",
        ] {
            assert!(!inherited(OsStr::new(dropped)), "{dropped}");
        }
        for kept in [
            "SEALBOX_VAULT",
            "SEALBOX_BUSY_TIMEOUT",
            "PATH",
            "SEALBOX",
            "MY_SEALBOX_KEY",
        ] {
            assert!(inherited(OsStr::new(kept)), "{kept}");
        }
    }

    #[test]
    fn values_must_fit_an_environment_string() {
        let ok = SecretBytes::from_vec(vec![b'x'; MAX_ENV_STRING - 3]);
        assert!(check_value("S", "V", &ok).is_ok());
        let big = SecretBytes::from_vec(vec![b'x'; MAX_ENV_STRING - 2]);
        assert!(check_value("S", "V", &big).is_err());
        let nul = SecretBytes::copy_from(b"a\0b");
        assert!(
            check_value("S", "V", &nul)
                .unwrap_err()
                .message
                .contains("NUL")
        );
    }
}
