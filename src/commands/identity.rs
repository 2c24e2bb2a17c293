//! `sealbox identity new|show`: a member's own key pair, for member slots (`slot add
//! --recipient`).
//!
//! `new` writes the identity file and prints its recipient string, which is public: the member
//! hands it to whoever adds them, and both compare its fingerprint over a channel they trust
//! (never the vault's server, which could swap it). The file is created whole or not at all:
//! written to an unnamed file (`O_TMPFILE`) in its directory, synced, then linked to its name,
//! which refuses an existing file (exit 6) rather than replacing someone's identity. Missing
//! directories are made 0700, the file 0600. It touches no vault.

use std::fs::{DirBuilder, File};
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use rustix::fs::{AtFlags, Mode, OFlags};
use serde_json::json;

use super::Context;
use crate::crypto::{CredentialKind, Identity};
use crate::error::{CommandError, Exit};
use crate::output::{print_text, sanitize};
use crate::time::{now, rfc3339};
use crate::unlock::{self, NewSources};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: IdentityCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum IdentityCommand {
    /// Write a new identity file (0600) and print its recipient string for 'slot add
    /// --recipient'
    ///
    /// The file is in the age format: age-keygen writes the same, and age -d -i reads it.
    /// An existing FILE is never replaced (exit 6).
    New(NewArgs),
    /// Print the recipient string and fingerprint of an identity file
    Show(ShowArgs),
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Where to write the identity file
    pub file: PathBuf,
    /// Protect the file with a passphrase, asked for on each unlock (from
    /// --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or typed twice); not for scripts
    #[arg(long)]
    pub passphrase: bool,
    /// Read the protecting passphrase from PATH, one trailing newline removed
    /// [env: SEALBOX_NEW_PASSPHRASE_FILE]
    #[arg(long, value_name = "PATH", requires = "passphrase")]
    pub new_passphrase_file: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The identity file
    pub file: PathBuf,
}

/// The action `args` is recorded as (nothing is recorded: no vault is opened).
pub fn action(args: &Args) -> &'static str {
    match args.command {
        IdentityCommand::New(_) => "identity new",
        IdentityCommand::Show(_) => "identity show",
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    match args.command {
        IdentityCommand::New(args) => new(ctx, args),
        IdentityCommand::Show(args) => show(ctx, args),
    }
}

fn new(ctx: &Context, args: NewArgs) -> anyhow::Result<()> {
    // Refused before a passphrase is asked for; the link below has the last word.
    if args.file.symlink_metadata().is_ok() {
        return Err(exists(&args.file).into());
    }
    let passphrase_set = ["SEALBOX_NEW_PASSPHRASE", "SEALBOX_NEW_PASSPHRASE_FILE"]
        .into_iter()
        .find(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if let Some(name) = passphrase_set.filter(|_| !args.passphrase) {
        ctx.out.warn(format_args!(
            "{name} is set but --passphrase was not given: the identity file is not protected"
        ));
    }
    let identity = Identity::generate();
    let created = rfc3339(now());
    let text = if args.passphrase {
        let sources = NewSources {
            key_file: None,
            passphrase_file: args.new_passphrase_file.as_deref(),
            kind: Some(CredentialKind::Passphrase),
        };
        let crate::crypto::Credential::Passphrase(passphrase) =
            unlock::new_credential(sources, &args.file)?
        else {
            unreachable!("only a passphrase was asked for");
        };
        crate::crypto::SecretBytes::from_vec(identity.protected_file_text(&created, &passphrase)?)
    } else {
        identity.file_text(&created)
    };
    write_new(&args.file, text.expose())?;
    let recipient = identity.recipients().remove(0);
    let fingerprint = recipient.fingerprint();
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "path": args.file.display().to_string(),
            "recipient": recipient.to_string(),
            "fingerprint": fingerprint,
            "protected": args.passphrase,
        }))?;
    } else {
        print_text(format!("{recipient}\n"))?;
    }
    ctx.out.info(format_args!(
        "wrote identity file {} (fingerprint {fingerprint}); give the recipient to whoever adds you ('sealbox slot add --recipient'), and compare the fingerprint with them over a channel you trust",
        sanitize(&args.file.display().to_string())
    ));
    Ok(())
}

fn show(ctx: &Context, args: ShowArgs) -> anyhow::Result<()> {
    let supplied = unlock::identity(&args.file, "identity show")?;
    let crate::crypto::Credential::Identity(identity) = supplied.credential else {
        unreachable!("an identity file holds identities");
    };
    let recipients: Vec<_> = identity
        .recipients()
        .into_iter()
        .map(|r| (r.to_string(), r.fingerprint()))
        .collect();
    if ctx.out.json {
        let entries: Vec<_> = recipients
            .iter()
            .map(|(r, f)| json!({ "recipient": r, "fingerprint": f }))
            .collect();
        ctx.out.print_json(&entries)?;
    } else {
        let text: String = recipients
            .iter()
            .map(|(r, f)| format!("{r}  {f}\n"))
            .collect();
        print_text(text)?;
    }
    Ok(())
}

fn exists(path: &Path) -> CommandError {
    CommandError::new(
        Exit::Conflict,
        format!(
            "{} already exists; nothing was written",
            path.display()
        ),
    )
    .hint("an identity file is never replaced: choose another path, or remove the old file if no slot needs it")
}

/// Writes `bytes` to a new file at `path` (0600): whole or not at all, never over a file.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // Refused before any directory is made: `sub/..` or `dir/` names no file to create.
    let names_no_file = || CommandError::usage(format!("{} names no file", path.display()));
    if path.as_os_str().as_encoded_bytes().ends_with(b"/") {
        return Err(names_no_file().into());
    }
    let name = path.file_name().ok_or_else(names_no_file)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))?;
    let dir_fd = rustix::fs::open(
        &dir,
        OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .with_context(|| format!("cannot open the directory {}", dir.display()))?;
    let cannot_write = |err: std::io::Error| {
        anyhow::Error::new(err).context(format!("cannot write {}", path.display()))
    };
    let linked = |err: rustix::io::Errno| {
        if err == rustix::io::Errno::EXIST {
            anyhow::Error::new(exists(path))
        } else {
            anyhow::Error::new(std::io::Error::from(err))
                .context(format!("cannot create {}", path.display()))
        }
    };
    // An unnamed file in the directory, named only once it is whole: a kill at any moment
    // leaves no file holding the identity behind, under FILE's name or any other.
    match rustix::fs::openat(
        &dir_fd,
        ".",
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        Mode::from_raw_mode(0o600),
    ) {
        Ok(fd) => {
            let mut file = File::from(fd);
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(cannot_write)?;
            // AT_EMPTY_PATH needs a capability; /proc/self/fd does not.
            rustix::fs::linkat(&file, "", &dir_fd, name, AtFlags::EMPTY_PATH)
                .or_else(|err| match err {
                    rustix::io::Errno::NOENT | rustix::io::Errno::PERM => rustix::fs::linkat(
                        rustix::fs::CWD,
                        format!("/proc/self/fd/{}", file.as_raw_fd()),
                        &dir_fd,
                        name,
                        AtFlags::SYMLINK_FOLLOW,
                    ),
                    other => Err(other),
                })
                .map_err(linked)?;
        }
        // A file system without unnamed files: created under its name, exclusively. A kill
        // while writing leaves a short file there, which no unlock accepts (exit 2).
        Err(rustix::io::Errno::OPNOTSUPP | rustix::io::Errno::ISDIR | rustix::io::Errno::INVAL) => {
            let fd = rustix::fs::openat(
                &dir_fd,
                name,
                OFlags::CREATE | OFlags::EXCL | OFlags::WRONLY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
                Mode::from_raw_mode(0o600),
            )
            .map_err(linked)?;
            let mut file = File::from(fd);
            file.write_all(bytes)
                .and_then(|()| file.sync_all())
                .map_err(cannot_write)?;
        }
        Err(err) => {
            return Err(anyhow::Error::new(std::io::Error::from(err))
                .context(format!("cannot create a file in {}", dir.display())));
        }
    }
    rustix::fs::fsync(&dir_fd).ok();
    Ok(())
}
