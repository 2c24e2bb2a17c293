//! Where the credential comes from, in the order of SPEC 1.1: `--key-file`, `SEALBOX_KEY_FILE`,
//! `SEALBOX_KEY`, `--passphrase-file`, `SEALBOX_PASSPHRASE_FILE`, `SEALBOX_PASSPHRASE`, then a
//! prompt on the controlling terminal.
//!
//! Without a terminal and without a credential this fails at once (exit 4) rather than waiting
//! for input that will never come. Credentials are never accepted as argument values, and every
//! credential read here goes straight into a zeroizing type. Empty environment variables count
//! as unset, since CI systems expand a missing secret to an empty string.

use std::fs::File;
use std::path::Path;

use anyhow::Context as _;

use crate::crypto::{Credential, Key, SecretBytes};
use crate::error::{CommandError, Exit, no_credential};
use crate::{input, terminal};

/// The credential options given on the command line (clap has merged in the `*_FILE` variables).
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

/// Finds the credential without prompting; `None` when only a prompt could supply one.
pub fn from_sources(sources: Sources) -> anyhow::Result<Option<Credential>> {
    if let Some(path) = sources.key_file {
        let text = read_credential_file(path, "key file")?;
        let key = Key::from_hex(text.expose()).with_context(|| {
            format!("the key file {} does not hold a valid key", path.display())
        })?;
        return Ok(Some(Credential::Key(key)));
    }
    if let Some(text) = env_secret("SEALBOX_KEY") {
        let key = Key::from_hex(text.expose()).context("SEALBOX_KEY is not a valid key")?;
        return Ok(Some(Credential::Key(key)));
    }
    if let Some(path) = sources.passphrase_file {
        let mut text = read_credential_file(path, "passphrase file")?;
        if text.expose().last() == Some(&b'\n') {
            text.truncate(text.len() - 1);
        }
        return Ok(Some(Credential::Passphrase(text)));
    }
    Ok(env_secret("SEALBOX_PASSPHRASE").map(Credential::Passphrase))
}

/// The credential from [`from_sources`], or else a passphrase typed on the terminal.
pub fn credential(sources: Sources, vault: &Path, purpose: Purpose) -> anyhow::Result<Credential> {
    if let Some(credential) = from_sources(sources)? {
        return Ok(credential);
    }
    if !terminal::available() {
        return Err(no_credential().into());
    }
    let shown = vault.display();
    let passphrase = match purpose {
        Purpose::Open => terminal::prompt_hidden(&format!("Passphrase for {shown}: "))?,
        Purpose::Create => terminal::prompt_hidden_twice(
            &format!("New passphrase for {shown}: "),
            "Type it again: ",
        )?,
    };
    if passphrase.is_empty() {
        return Err(CommandError::new(Exit::Unlock, "the passphrase is empty").into());
    }
    Ok(Credential::Passphrase(passphrase))
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
