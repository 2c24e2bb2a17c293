//! Where the credential comes from, in the order of SPEC 1.1: `--key-file`, `SEALBOX_KEY_FILE`,
//! `SEALBOX_KEY`, `--passphrase-file`, `SEALBOX_PASSPHRASE_FILE`, `SEALBOX_PASSPHRASE`, then a
//! prompt on the controlling terminal. A new credential (`rotate-master`, `slot add`) comes from
//! the same kinds of source under `NEW` names, resolved by the same code.
//!
//! Without a terminal and without a credential this fails at once (exit 4) rather than waiting
//! for input that will never come. Credentials are never accepted as argument values, and every
//! credential read here goes straight into a zeroizing type. Empty environment variables count
//! as unset, since CI systems expand a missing secret to an empty string.

use std::fs::File;
use std::path::Path;

use anyhow::Context as _;

use crate::crypto::{Credential, CredentialKind, Key, SecretBytes};
use crate::error::{CommandError, Exit, no_credential};
use crate::{input, terminal};

/// The credential options, with the `*_FILE` variables merged in by `commands::Context`.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    pub key_file: Option<&'a Path>,
    pub passphrase_file: Option<&'a Path>,
}

/// Whether a credential prompt asks once (to open a vault) or twice (to set a new credential).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    Create,
}

/// The options naming a new credential for `rotate-master` and `slot add` (with
/// `SEALBOX_NEW_KEY_FILE` and `SEALBOX_NEW_PASSPHRASE_FILE` merged in). Precedence: `--new-key-file`,
/// `SEALBOX_NEW_KEY`, `--new-passphrase-file`, `SEALBOX_NEW_PASSPHRASE`, then a passphrase typed
/// twice on the terminal.
#[derive(Clone, Copy, Debug)]
pub struct NewSources<'a> {
    pub key_file: Option<&'a Path>,
    pub passphrase_file: Option<&'a Path>,
    /// Only a credential of this kind is acceptable; sources of the other kind are ignored.
    pub kind: Option<CredentialKind>,
}

/// Names that differ between the credential in use and a new one.
struct Names {
    key_env: &'static str,
    passphrase_env: &'static str,
    adjective: &'static str,
}

const CURRENT: Names = Names {
    key_env: "SEALBOX_KEY",
    passphrase_env: "SEALBOX_PASSPHRASE",
    adjective: "",
};

const NEW: Names = Names {
    key_env: "SEALBOX_NEW_KEY",
    passphrase_env: "SEALBOX_NEW_PASSPHRASE",
    adjective: "new ",
};

/// Finds the credential without prompting; `None` when only a prompt could supply one.
pub fn from_sources(sources: Sources) -> anyhow::Result<Option<Credential>> {
    resolve(sources.key_file, sources.passphrase_file, &CURRENT, None)
}

/// Fails (exit 4) unless a new credential can be had: an option or variable names one, or there
/// is a terminal to prompt on. Reads nothing, so commands call it before unlocking and running
/// a KDF, to fail at once rather than after the work.
pub fn ensure_new_credential(sources: NewSources) -> anyhow::Result<()> {
    let key = sources.key_file.is_some() || env_secret(NEW.key_env).is_some();
    let passphrase = sources.passphrase_file.is_some() || env_secret(NEW.passphrase_env).is_some();
    let named = match sources.kind {
        Some(CredentialKind::Key) => key,
        Some(CredentialKind::Passphrase) => passphrase,
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
    if let Some(credential) = found {
        return Ok(credential);
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

fn resolve(
    key_file: Option<&Path>,
    passphrase_file: Option<&Path>,
    names: &Names,
    kind: Option<CredentialKind>,
) -> anyhow::Result<Option<Credential>> {
    let adjective = names.adjective;
    if kind != Some(CredentialKind::Passphrase) {
        if let Some(path) = key_file {
            let text = read_credential_file(path, &format!("{adjective}key file"))?;
            let key = Key::from_hex(text.expose()).with_context(|| {
                format!(
                    "the {adjective}key file {} does not hold a valid key",
                    path.display()
                )
            })?;
            return Ok(Some(Credential::Key(key)));
        }
        if let Some(text) = env_secret(names.key_env) {
            let key = Key::from_hex(text.expose())
                .with_context(|| format!("{} is not a valid key", names.key_env))?;
            return Ok(Some(Credential::Key(key)));
        }
    }
    if kind == Some(CredentialKind::Key) {
        return Ok(None);
    }
    if let Some(path) = passphrase_file {
        let mut text = read_credential_file(path, &format!("{adjective}passphrase file"))?;
        if text.expose().last() == Some(&b'\n') {
            text.truncate(text.len() - 1);
        }
        return Ok(Some(Credential::Passphrase(non_empty(text, adjective)?)));
    }
    Ok(env_secret(names.passphrase_env).map(Credential::Passphrase))
}

/// The credential from [`from_sources`], or else a passphrase typed on the terminal.
pub fn credential(sources: Sources, vault: &Path, purpose: Purpose) -> anyhow::Result<Credential> {
    if let Some(credential) = from_sources(sources)? {
        return Ok(credential);
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
    Ok(Credential::Passphrase(non_empty(
        passphrase,
        CURRENT.adjective,
    )?))
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
    let mut file = File::open(path).map_err(|err| unreadable(err.to_string()))?;
    input::read_limited(&mut file, LIMIT)
        .map_err(|err| unreadable(err.to_string()))?
        .ok_or_else(|| unreadable(format!("it is larger than {LIMIT} bytes")).into())
}
