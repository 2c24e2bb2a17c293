//! `sealbox rotate-master`: give the unlock slot in use a new credential.
//!
//! One write transaction updates that slot's row in place (compare-and-swap on its old wrapped
//! blob, so two racing rotations cannot both win); no secret row is read or written, so the cost
//! does not depend on the vault's size. The KDF for the new credential runs before the
//! transaction, so the vault is locked only for the update itself. New passphrase slots use the
//! current default Argon2id parameters, never those stored in the file.

use serde_json::json;

use super::Context;
use crate::cli::NewCredential;
use crate::crypto::{self, Credential, CredentialKind};
use crate::error::CommandError;
use crate::unlock;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub new: NewCredential,
    /// The new credential must be a raw key (from --new-key-file or SEALBOX_NEW_KEY)
    #[arg(long, conflicts_with_all = ["to_passphrase", "new_passphrase_file"])]
    pub to_key: bool,
    /// The new credential must be a passphrase (from --new-passphrase-file,
    /// SEALBOX_NEW_PASSPHRASE or the prompt)
    #[arg(long, conflicts_with = "new_key_file")]
    pub to_passphrase: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let kind = match (args.to_key, args.to_passphrase) {
        (true, _) => Some(CredentialKind::Key),
        (_, true) => Some(CredentialKind::Passphrase),
        _ => None,
    };
    let sources = ctx.new_sources(&args.new, kind);
    let vault = ctx.open()?;
    // A member's identity is theirs: a new one comes as a new recipient, by slot add. Told
    // before asking for a new credential, which an identity would not use.
    let member = || {
        CommandError::usage("a member slot is not rotated in place; nothing was changed")
            .hint("add a slot for the new recipient with 'sealbox slot add --recipient R --label L', then remove the old one with 'sealbox slot remove'")
    };
    if unlock::names_identity(ctx.sources()) {
        return Err(member().into());
    }
    unlock::ensure_new_credential(sources)?;
    let supplied = ctx.credential()?;
    if supplied.credential.kind() == CredentialKind::Identity {
        return Err(member().into());
    }
    let mut keys = ctx.unlock(&vault, &supplied)?;
    keys.require_full()?;
    let credential = supplied.credential;
    // Asked for after the current credential has proved itself, so a prompt comes second.
    let new = unlock::new_credential(sources, &ctx.vault_shown)?;
    if same_credential(&credential, &new) {
        return Err(CommandError::usage(
            "the new credential is the same as the current one; nothing was changed",
        )
        .into());
    }
    let slot = keys.make_slot(crypto::Opener::Credential(&new))?;
    let label = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        s.replace_slot(&slot)?;
        let own = s.keys().slot_id();
        let label = s
            .slots()?
            .into_iter()
            .find(|slot| slot.id == own)
            .map(|s| s.label)
            .unwrap_or_default();
        Ok(label)
    })?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "slot": label, "kind": new.kind().as_str() }))?;
    }
    ctx.out.info(format_args!(
        "unlock slot {label:?} now opens with the new {}; the old credential no longer opens it",
        new.kind()
    ));
    Ok(())
}

fn same_credential(a: &Credential, b: &Credential) -> bool {
    match (a, b) {
        (Credential::Key(a), Credential::Key(b)) => a == b,
        (Credential::Passphrase(a), Credential::Passphrase(b)) => a == b,
        _ => false,
    }
}
