//! Where the credential comes from (SPEC 1.1): the command-line flags first (`--key-file`,
//! `--passphrase-file`, `--identity`; two at once is refused with exit 2 by
//! `commands::Context`), then the environment (`SEALBOX_KEY_FILE`, `SEALBOX_KEY`,
//! `SEALBOX_PASSPHRASE_FILE`, `SEALBOX_PASSPHRASE`, `SEALBOX_IDENTITY_FILE`), then a prompt on
//! the controlling terminal. A passphrase-protected identity file asks for its passphrase on
//! the terminal only: scripts use an unprotected identity file kept as a key file would be. An explicit flag beats the environment, as in every peer
//! tool: a key exported by a shell profile or a CI job must not silently win over the file the
//! user just named. A new credential (`rotate-master`, `slot add`) comes from the same kinds of
//! source under `NEW` names, in the same order, resolved by the same code.
//!
//! Every credential found here travels with its [`Source`], so that an unlock error can say
//! which credential it tried ("using SEALBOX_KEY from the environment"): with several sources
//! in play, "wrong credential" alone leaves the user guessing which one was read.
//!
//! Without a terminal and without a credential this fails at once (exit 4) rather than waiting
//! for input that will never come. Credentials are never accepted as argument values, and every
//! credential read here goes straight into a zeroizing type. Empty environment variables count
//! as unset, since CI systems expand a missing secret to an empty string.

use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::crypto::{self, Credential, CredentialKind, Key, SecretBytes};
use crate::error::{CommandError, Exit, no_credential};
use crate::{input, terminal, vault};

/// The credential flags as given on the command line (the variables are read here, after them).
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub key_file: Option<&'a Path>,
    pub passphrase_file: Option<&'a Path>,
    pub identity: Option<&'a Path>,
}

/// Whether a credential prompt asks once (to open a vault) or twice (to set a new credential).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Create,
}

/// The flags naming a new credential for `rotate-master` and `slot add`. Precedence:
/// `--new-key-file`, `--new-passphrase-file`, then `SEALBOX_NEW_KEY_FILE`, `SEALBOX_NEW_KEY`,
/// `SEALBOX_NEW_PASSPHRASE_FILE`, `SEALBOX_NEW_PASSPHRASE`, then a passphrase typed twice on
/// the terminal.
#[derive(Clone, Copy, Debug)]
pub struct NewSources<'a> {
    pub key_file: Option<&'a Path>,
    pub passphrase_file: Option<&'a Path>,
    /// Only a credential of this kind is acceptable; sources of the other kind are ignored.
    pub kind: Option<CredentialKind>,
}

/// Where a credential came from, as messages name it. Never holds the credential itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A key, passphrase or identity file, named by a flag or a `*_FILE` variable (`from`).
    File {
        kind: CredentialKind,
        path: PathBuf,
        from: &'static str,
    },
    /// A key or passphrase held in an environment variable.
    Variable(&'static str),
    /// A passphrase typed at the terminal prompt.
    Prompt,
}

impl Source {
    /// The option or variable the credential came from, or `prompt`: what the audit log
    /// records (never a path, which can say more than it needs to).
    pub fn label(&self) -> &'static str {
        match self {
            Source::File { from, .. } => from,
            Source::Variable(name) => name,
            Source::Prompt => "prompt",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File { kind, path, from } => {
                write!(f, "the {kind} file {} from {from}", path.display())
            }
            Source::Variable(name) => write!(f, "{name} from the environment"),
            Source::Prompt => f.write_str("the passphrase typed at the prompt"),
        }
    }
}

/// A credential and where it came from.
pub struct Supplied {
    pub credential: Credential,
    pub source: Source,
}

/// Names that differ between the credential in use and a new one.
struct Names {
    key_flag: &'static str,
    passphrase_flag: &'static str,
    key_file_env: &'static str,
    key_env: &'static str,
    passphrase_file_env: &'static str,
    passphrase_env: &'static str,
    adjective: &'static str,
}

const CURRENT: Names = Names {
    key_flag: "--key-file",
    passphrase_flag: "--passphrase-file",
    key_file_env: "SEALBOX_KEY_FILE",
    key_env: "SEALBOX_KEY",
    passphrase_file_env: "SEALBOX_PASSPHRASE_FILE",
    passphrase_env: "SEALBOX_PASSPHRASE",
    adjective: "",
};

const NEW: Names = Names {
    key_flag: "--new-key-file",
    passphrase_flag: "--new-passphrase-file",
    key_file_env: "SEALBOX_NEW_KEY_FILE",
    key_env: "SEALBOX_NEW_KEY",
    passphrase_file_env: "SEALBOX_NEW_PASSPHRASE_FILE",
    passphrase_env: "SEALBOX_NEW_PASSPHRASE",
    adjective: "new ",
};

/// Replaces a wrong-credential error (exit 4) with one that names `source`; any other error is
/// returned as it was. Commands pass every unlock through this (see `commands::Context`).
pub fn name_source(err: anyhow::Error, source: &Source) -> anyhow::Error {
    let wrong = err.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<crypto::Error>(),
            Some(crypto::Error::WrongCredential)
        ) || matches!(
            cause.downcast_ref::<vault::Error>(),
            Some(vault::Error::Crypto(crypto::Error::WrongCredential))
        )
    });
    if wrong {
        crate::error::wrong_credential(source).into()
    } else {
        err
    }
}

/// Finds the credential without prompting; `None` when only a prompt could supply one.
pub fn from_sources(sources: Sources) -> anyhow::Result<Option<Supplied>> {
    if let Some((path, from)) = identity_source(sources) {
        return identity(&path, from).map(Some);
    }
    resolve(sources.key_file, sources.passphrase_file, &CURRENT, None)
}

/// The identity file the credential in use comes from, by the precedence above, and the flag
/// or variable naming it; `None` when a key or passphrase comes first. Reads no file.
fn identity_source(sources: Sources) -> Option<(PathBuf, &'static str)> {
    if sources.key_file.is_some() || sources.passphrase_file.is_some() {
        return None;
    }
    if let Some(path) = sources.identity {
        return Some((path.to_owned(), "--identity"));
    }
    let key_or_passphrase = [
        CURRENT.key_file_env,
        CURRENT.key_env,
        CURRENT.passphrase_file_env,
        CURRENT.passphrase_env,
    ]
    .iter()
    .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if key_or_passphrase {
        return None;
    }
    env_path("SEALBOX_IDENTITY_FILE").map(|path| (path, "SEALBOX_IDENTITY_FILE"))
}

/// Whether the credential in use will be an identity file; reads nothing.
pub fn names_identity(sources: Sources) -> bool {
    identity_source(sources).is_some()
}

/// The identities in the identity file at `path`, named by the flag or variable `from`; a
/// passphrase-protected file is opened with a passphrase typed on the terminal.
pub fn identity(path: &Path, from: &'static str) -> anyhow::Result<Supplied> {
    let text = read_credential_file(path, "identity file")?;
    let source = Source::File {
        kind: CredentialKind::Identity,
        path: path.to_owned(),
        from,
    };
    let unreadable = |err: crypto::Error| {
        anyhow::Error::new(err).context(format!(
            "the identity file {} cannot be used",
            path.display()
        ))
    };
    let identity = match crypto::Identity::parse_file(text.expose()).map_err(unreadable)? {
        crypto::IdentityFile::Plain(identity) => identity,
        crypto::IdentityFile::Protected => {
            if !terminal::available() {
                return Err(CommandError::new(
                    Exit::Unlock,
                    format!(
                        "the identity file {} is passphrase-protected and there is no terminal to ask for its passphrase",
                        path.display()
                    ),
                )
                .hint("scripts use an identity file made without --passphrase, kept private as a key file is")
                .into());
            }
            let passphrase = terminal::prompt_hidden(&format!(
                "Passphrase for the identity file {}: ",
                shown(path)
            ))?;
            crypto::open_identity_file(text.expose(), &passphrase).map_err(|err| match err {
                crypto::Error::WrongCredential => CommandError::new(
                    Exit::Unlock,
                    format!(
                        "the passphrase does not open the identity file {}",
                        path.display()
                    ),
                )
                .into(),
                other => unreadable(other),
            })?
        }
    };
    Ok(Supplied {
        credential: Credential::Identity(identity),
        source,
    })
}

/// Fails (exit 4) unless a new credential can be had: an option or variable names one, or there
/// is a terminal to prompt on. Reads nothing, so commands call it before unlocking and running
/// a KDF, to fail at once rather than after the work.
pub fn ensure_new_credential(sources: NewSources) -> anyhow::Result<()> {
    let key = sources.key_file.is_some()
        || env_path(NEW.key_file_env).is_some()
        || env_secret(NEW.key_env).is_some();
    let passphrase = sources.passphrase_file.is_some()
        || env_path(NEW.passphrase_file_env).is_some()
        || env_secret(NEW.passphrase_env).is_some();
    let named = match sources.kind {
        Some(CredentialKind::Key) => key,
        Some(CredentialKind::Passphrase) => passphrase,
        // A member slot is made from a recipient, never from a new identity.
        Some(CredentialKind::Identity) => false,
        None => key || passphrase,
    };
    if named || (sources.kind != Some(CredentialKind::Key) && terminal::available()) {
        Ok(())
    } else {
        Err(no_new_credential(sources.kind))
    }
}

/// The new credential for `rotate-master` or `slot add`: from its options, else a passphrase
/// typed twice on the terminal; without a terminal, exit 4.
pub fn new_credential(sources: NewSources, vault: &Path) -> anyhow::Result<Credential> {
    let found = resolve(
        sources.key_file,
        sources.passphrase_file,
        &NEW,
        sources.kind,
    )?;
    if let Some(found) = found {
        return Ok(found.credential);
    }
    if sources.kind == Some(CredentialKind::Key) || !terminal::available() {
        return Err(no_new_credential(sources.kind));
    }
    let passphrase = terminal::prompt_hidden_twice(
        &format!("New passphrase for {}: ", shown(vault)),
        "Type it again: ",
    )?;
    Ok(Credential::Passphrase(non_empty(
        passphrase,
        NEW.adjective,
    )?))
}

fn no_new_credential(kind: Option<CredentialKind>) -> anyhow::Error {
    let hint = match kind {
        Some(CredentialKind::Key) => {
            return CommandError::new(Exit::Unlock, "no new key given; nothing was changed")
                .hint(
                    "pass --new-key-file PATH or set SEALBOX_NEW_KEY; 'sealbox keygen' makes a key",
                )
                .into();
        }
        Some(CredentialKind::Passphrase) => {
            "pass --new-passphrase-file PATH or set SEALBOX_NEW_PASSPHRASE"
        }
        Some(CredentialKind::Identity) => "pass --recipient with the member's recipient string",
        None => {
            "pass --new-key-file or --new-passphrase-file, or set SEALBOX_NEW_KEY or SEALBOX_NEW_PASSPHRASE"
        }
    };
    CommandError::new(
        Exit::Unlock,
        "no new credential given and no terminal to prompt on; nothing was changed",
    )
    .hint(hint)
    .into()
}

/// The first source that is set, in the order of the module documentation: flags, then
/// variables. Only sources of `kind` count when it is given.
fn resolve(
    key_file: Option<&Path>,
    passphrase_file: Option<&Path>,
    names: &Names,
    kind: Option<CredentialKind>,
) -> anyhow::Result<Option<Supplied>> {
    let key = kind != Some(CredentialKind::Passphrase);
    let passphrase = kind != Some(CredentialKind::Key);
    // Flags first; `commands::Context` has already refused both at once.
    if let Some(path) = key_file.filter(|_| key) {
        return key_from_file(path, names.key_flag, names).map(Some);
    }
    if let Some(path) = passphrase_file.filter(|_| passphrase) {
        return passphrase_from_file(path, names.passphrase_flag, names).map(Some);
    }
    if key {
        if let Some(path) = env_path(names.key_file_env) {
            return key_from_file(&path, names.key_file_env, names).map(Some);
        }
        if let Some(text) = env_secret(names.key_env) {
            let key = Key::from_hex(text.expose())
                .with_context(|| format!("{} is not a valid key", names.key_env))?;
            return Ok(Some(Supplied {
                credential: Credential::Key(key),
                source: Source::Variable(names.key_env),
            }));
        }
    }
    if passphrase {
        if let Some(path) = env_path(names.passphrase_file_env) {
            return passphrase_from_file(&path, names.passphrase_file_env, names).map(Some);
        }
        if let Some(text) = env_secret(names.passphrase_env) {
            return Ok(Some(Supplied {
                credential: Credential::Passphrase(text),
                source: Source::Variable(names.passphrase_env),
            }));
        }
    }
    Ok(None)
}

/// A raw key from the file at `path`, named by the flag or variable `from`.
fn key_from_file(path: &Path, from: &'static str, names: &Names) -> anyhow::Result<Supplied> {
    let adjective = names.adjective;
    let text = read_credential_file(path, &format!("{adjective}key file"))?;
    let key = Key::from_hex(text.expose()).with_context(|| {
        format!(
            "the {adjective}key file {} does not hold a valid key",
            path.display()
        )
    })?;
    Ok(Supplied {
        credential: Credential::Key(key),
        source: Source::File {
            kind: CredentialKind::Key,
            path: path.to_owned(),
            from,
        },
    })
}

/// A passphrase from the file at `path` (one trailing newline removed), named by `from`.
fn passphrase_from_file(
    path: &Path,
    from: &'static str,
    names: &Names,
) -> anyhow::Result<Supplied> {
    let adjective = names.adjective;
    let mut text = read_credential_file(path, &format!("{adjective}passphrase file"))?;
    if text.expose().last() == Some(&b'\n') {
        text.truncate(text.len() - 1);
    }
    Ok(Supplied {
        credential: Credential::Passphrase(non_empty(text, adjective)?),
        source: Source::File {
            kind: CredentialKind::Passphrase,
            path: path.to_owned(),
            from,
        },
    })
}

/// The credential from [`from_sources`], or else a passphrase typed on the terminal.
pub fn credential(sources: Sources, vault: &Path, purpose: Purpose) -> anyhow::Result<Supplied> {
    if let Some(found) = from_sources(sources)? {
        return Ok(found);
    }
    if !terminal::available() {
        return Err(no_credential().into());
    }
    let shown = shown(vault);
    let passphrase = match purpose {
        Purpose::Open => terminal::prompt_hidden(&format!("Passphrase for {shown}: "))?,
        Purpose::Create => terminal::prompt_hidden_twice(
            &format!("New passphrase for {shown}: "),
            "Type it again: ",
        )?,
    };
    Ok(Supplied {
        credential: Credential::Passphrase(non_empty(passphrase, CURRENT.adjective)?),
        source: Source::Prompt,
    })
}

/// Refuses an empty passphrase, whatever its source (exit 2): sealbox never creates a slot
/// with one, so an empty entry is a mistake, such as a passphrase file that was never filled.
fn non_empty(passphrase: SecretBytes, adjective: &str) -> anyhow::Result<SecretBytes> {
    if passphrase.is_empty() {
        Err(CommandError::usage(format!(
            "the {adjective}passphrase is empty; nothing was changed"
        ))
        .into())
    } else {
        Ok(passphrase)
    }
}

/// The vault path as a prompt shows it: prompts go to the terminal raw, so control characters
/// in the path are escaped as in every other message.
fn shown(vault: &Path) -> String {
    crate::output::sanitize(&vault.display().to_string()).into_owned()
}

/// A path from the environment; unset and empty are the same.
pub fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn env_secret(name: &str) -> Option<SecretBytes> {
    let value = std::env::var_os(name)?;
    (!value.is_empty()).then(|| SecretBytes::from_vec(value.into_encoded_bytes()))
}

/// Reads a key or passphrase file (at most 64 KiB) into a zeroizing buffer.
fn read_credential_file(path: &Path, what: &str) -> anyhow::Result<SecretBytes> {
    const LIMIT: usize = 64 * 1024;
    let unreadable = |detail: String| {
        CommandError::new(
            Exit::Unlock,
            format!("cannot read the {what} {}: {detail}", path.display()),
        )
    };
    let mut file = File::open(path).map_err(|err| {
        // A path that leads to no file may be the credential itself, typed where its file's
        // path belongs (`--key-file "$KEY"`): it is not repeated.
        use rustix::io::Errno;
        let nothing_there = [Errno::NOENT, Errno::NOTDIR, Errno::NAMETOOLONG, Errno::LOOP]
            .iter()
            .any(|errno| err.raw_os_error() == Some(errno.raw_os_error()));
        if nothing_there {
            CommandError::new(
                Exit::Unlock,
                format!(
                    "the {what} does not exist (its path is not repeated here, in case it is the credential itself)"
                ),
            )
            .hint("the option takes the path of a file holding the credential; SEALBOX_KEY and SEALBOX_PASSPHRASE take the credential itself")
        } else {
            unreadable(err.to_string())
        }
    })?;
    input::read_limited(&mut file, LIMIT)
        .map_err(|err| unreadable(err.to_string()))?
        .ok_or_else(|| unreadable(format!("it is larger than {LIMIT} bytes")).into())
}
