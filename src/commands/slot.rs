//! `sealbox slot list|add|remove`: manage the unlock slots, each of which opens the vault key
//! with its own passphrase, raw key or (a member slot, `--recipient`) identity file.
//!
//! A member slot is made from the member's recipient string alone, so adding a member needs no
//! secret from them; `slot list` shows its recipient and fingerprint as stored (authenticated
//! only by an unlock, such as `verify`), to compare with what the member reads out from
//! `sealbox identity new` over a channel the vault's server is not on.
//!
//! Listing needs no credential and shows no key material. Adding and removing need a full
//! credential; the last full slot can never be removed, since that would lock everyone out. A
//! scoped slot (`--scope`) opens only its scope's secrets, may expire and may be allowed to
//! write inside the scope; removing it flags what it could read for rotation.
//! Labels follow [`check_label`] and are unique (checked before the KDF runs, and again by the
//! database).

use serde::Serialize;
use serde_json::json;

use super::{Context, check_label};
use crate::cli::NewCredential;
use crate::crypto::{self, Opener, Recipient, SlotKdf};
use crate::error::CommandError;
use crate::output::{column_width, pad, sanitize};
use crate::time::{parse_duration, rfc3339};
use crate::unlock;
use crate::vault::{self, SlotRow};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: SlotCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum SlotCommand {
    /// List unlock slots: label, kind, KDF parameters, created (no key material; no credential
    /// needed)
    List,
    /// Add an unlock slot for a new passphrase or raw key, or for a member's public key
    /// (--recipient)
    Add(AddArgs),
    /// Remove an unlock slot (never the last one)
    Remove(RemoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Label of the new slot [default: its kind, numbered if taken, e.g. key-2]
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    #[command(flatten)]
    pub new: NewCredential,
    /// Add a member slot that the identity file behind RECIPIENT (age1..., printed by 'sealbox
    /// identity new') opens; get it from the member over a channel you trust
    #[arg(long, value_name = "RECIPIENT", conflicts_with_all = ["new_key_file", "new_passphrase_file"])]
    pub recipient: Option<String>,
    /// Make a scoped credential: it opens the secrets of scope NAME and nothing else (exit 9)
    #[arg(long, value_name = "NAME")]
    pub scope: Option<String>,
    /// The scoped credential stops opening the vault after DURATION, such as 30d (units s,
    /// min, h, d, w, mo, y)
    #[arg(long, value_name = "DURATION", requires = "scope", value_parser = parse_duration)]
    pub expires: Option<i64>,
    /// Let the scoped credential set and delete secrets inside its scope (never slots, scopes or
    /// keys)
    #[arg(long, requires = "scope")]
    pub allow_write: bool,
}

#[derive(Debug, clap::Args)]
pub struct RemoveArgs {
    /// Label of the slot to remove
    pub label: String,
}

/// The action `args` is recorded as in the audit log.
pub fn action(args: &Args) -> &'static str {
    match args.command {
        SlotCommand::List => "slot list",
        SlotCommand::Add(_) => "slot add",
        SlotCommand::Remove(_) => "slot remove",
    }
}

/// One entry of `slot list --json`; the field names are a stable interface.
#[derive(Serialize)]
struct Entry<'a> {
    label: &'a str,
    kind: &'a str,
    created_at: String,
    kdf: Kdf,
    /// The scope a scoped slot opens; `null` for a full slot.
    scope: Option<String>,
    expires_at: Option<String>,
    allow_write: bool,
    /// A member slot's recipient (`age1…`) and its fingerprint; `null` for the other kinds.
    recipient: Option<&'a str>,
    fingerprint: Option<String>,
}

#[derive(Serialize)]
#[serde(tag = "algorithm", rename_all = "kebab-case")]
enum Kdf {
    Argon2id { m_kib: u32, t: u32, p: u32 },
    HkdfSha256,
    AgeX25519,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    match args.command {
        SlotCommand::List => list(ctx),
        SlotCommand::Add(args) => add(ctx, args),
        SlotCommand::Remove(args) => remove(ctx, args),
    }
}

fn list(ctx: &Context) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    let (slots, scopes) =
        vault.read(|tx| -> vault::Result<_> { Ok((tx.slots()?, tx.scopes()?)) })?;
    let scope_of = |slot: &SlotRow| {
        slot.grant.as_ref().map(|g| {
            scopes
                .iter()
                .find(|s| s.id == g.scope_id)
                .map_or_else(|| format!("#{}", g.scope_id), |s| s.name.clone())
        })
    };
    if ctx.out.json {
        let entries: Vec<Entry> = slots.iter().map(|s| entry(s, scope_of(s))).collect();
        ctx.out.print_json(&entries)?;
        return Ok(());
    }
    let labels: Vec<_> = slots.iter().map(|s| sanitize(&s.label)).collect();
    let width = column_width("LABEL", labels.iter().map(|l| l.as_ref()));
    let kdfs: Vec<String> = slots.iter().map(kdf_text).collect();
    let kdf_width = kdfs.iter().map(String::len).max().unwrap_or(0).max(32);
    let mut text = format!(
        "{}  {:10}  {:kdf_width$}  {:20}  SCOPE\n",
        pad("LABEL", width),
        "KIND",
        "KDF",
        "CREATED"
    );
    for ((slot, label), kdf) in slots.iter().zip(&labels).zip(&kdfs) {
        let scope = match (scope_of(slot), &slot.grant) {
            (Some(name), Some(grant)) => {
                let mut text = sanitize(&name).into_owned();
                if grant.allow_write {
                    text.push_str(" (writes)");
                }
                if let Some(at) = grant.expires_at {
                    text.push_str(&format!(" expires {}", rfc3339(at)));
                }
                text
            }
            _ => "- (full)".to_owned(),
        };
        text.push_str(&format!(
            "{}  {:10}  {:kdf_width$}  {:20}  {scope}\n",
            pad(label, width),
            slot.material.kdf.kind(),
            kdf,
            rfc3339(slot.created_at)
        ));
    }
    crate::output::print_text(&text)?;
    Ok(())
}

/// The KDF column of `slot list`: the algorithm and its parameters, or a member slot's
/// fingerprint.
fn kdf_text(slot: &SlotRow) -> String {
    match slot.material.kdf {
        SlotKdf::Argon2id(p) => format!("argon2id m={} KiB t={} p={}", p.m_kib, p.t, p.p),
        SlotKdf::HkdfSha256 => "hkdf-sha256".into(),
        SlotKdf::Age => match &slot.material.envelope {
            Some(e) => format!("age-x25519 {}", crypto::fingerprint_of(&e.recipient)),
            None => "age-x25519".into(),
        },
    }
}

fn entry(slot: &SlotRow, scope: Option<String>) -> Entry<'_> {
    Entry {
        scope,
        expires_at: slot.grant.as_ref().and_then(|g| g.expires_at).map(rfc3339),
        allow_write: slot.grant.as_ref().is_some_and(|g| g.allow_write),
        label: &slot.label,
        kind: slot.material.kdf.kind().as_str(),
        created_at: rfc3339(slot.created_at),
        kdf: match slot.material.kdf {
            SlotKdf::Argon2id(p) => Kdf::Argon2id {
                m_kib: p.m_kib,
                t: p.t,
                p: p.p,
            },
            SlotKdf::HkdfSha256 => Kdf::HkdfSha256,
            SlotKdf::Age => Kdf::AgeX25519,
        },
        recipient: slot
            .material
            .envelope
            .as_ref()
            .map(|e| e.recipient.as_str()),
        fingerprint: slot
            .material
            .envelope
            .as_ref()
            .map(|e| crypto::fingerprint_of(&e.recipient)),
    }
}

fn add(ctx: &Context, args: AddArgs) -> anyhow::Result<()> {
    if let Some(label) = &args.label {
        check_label(label)?;
    }
    // Parsed before anything is opened: a malformed recipient is a usage error (exit 2).
    let recipient = match &args.recipient {
        // Never echoed: it is the member's private key, now in argv and the shell's history.
        Some(text) if text.to_ascii_uppercase().contains("AGE-SECRET-KEY-") => {
            return Err(CommandError::usage(
                "--recipient was given a secret key (AGE-SECRET-KEY-…), not a recipient; nothing was changed",
            )
            .hint("that key is now in your shell's history and was visible to other processes: make a new identity with 'sealbox identity new FILE' and give its recipient (age1…) instead")
            .into());
        }
        Some(text) => Some(Recipient::parse(text).map_err(|err| {
            anyhow::Error::new(err).context("--recipient is not a recipient string")
        })?),
        None => None,
    };
    let sources = ctx.new_sources(&args.new, None);
    let vault = ctx.open()?;
    // Labels are readable without a credential: refuse a taken one before unlocking, asking for
    // the new credential or running a KDF. The database's UNIQUE constraint has the last word.
    let taken: Vec<String> = vault
        .read(|tx| tx.slots())?
        .into_iter()
        .map(|s| s.label)
        .collect();
    if let Some(label) = args.label.as_ref().filter(|l| taken.contains(l)) {
        return Err(vault::Error::SlotExists(label.clone()).into());
    }
    if recipient.is_none() {
        unlock::ensure_new_credential(sources)?;
    }
    let credential = ctx.credential()?;
    let mut keys = ctx.unlock(&vault, &credential)?;
    let new = match &recipient {
        Some(_) => None,
        None => Some(unlock::new_credential(sources, &ctx.vault_shown)?),
    };
    let opener = match (&new, &recipient) {
        (Some(new), _) => Opener::Credential(new),
        (None, Some(recipient)) => Opener::Recipient(recipient),
        (None, None) => unreachable!("a new credential or a recipient"),
    };
    let kind = opener.kind();
    let label = args.label.unwrap_or_else(|| {
        let base = if recipient.is_some() {
            "member"
        } else {
            kind.as_str()
        };
        default_label(base, &taken)
    });
    let member = recipient.as_ref().map(|r| (r.to_string(), r.fingerprint()));
    let shown = match &member {
        Some((recipient, fingerprint)) => {
            format!("{kind}, recipient {recipient}, fingerprint {fingerprint}")
        }
        None => kind.to_string(),
    };
    let Some(scope) = &args.scope else {
        let slot = keys.make_slot(opener)?;
        vault.write_unlocked(&mut keys, |s| s.add_slot(&label, &slot))?;
        if ctx.out.json {
            ctx.out.print_json(&json!({
                "label": label,
                "kind": kind.as_str(),
                "scope": null,
                "recipient": member.as_ref().map(|m| &m.0),
                "fingerprint": member.as_ref().map(|m| &m.1),
            }))?;
        }
        ctx.out
            .info(format_args!("added unlock slot {label:?} ({shown})"));
        return Ok(());
    };
    let scope_id = vault.read_unlocked(&mut keys, |s| s.scope_for_slot(scope))?;
    let expires_at = args
        .expires
        .map(|secs| crate::time::now().saturating_add(secs));
    let (slot, grant) = keys.make_scoped_slot(opener, scope_id, expires_at, args.allow_write)?;
    vault.write_unlocked(&mut keys, |s| s.add_scoped_slot(&label, &slot, &grant))?;
    let expires = expires_at.map(rfc3339);
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "label": label,
            "kind": kind.as_str(),
            "scope": scope,
            "expires_at": expires,
            "allow_write": args.allow_write,
            "recipient": member.as_ref().map(|m| &m.0),
            "fingerprint": member.as_ref().map(|m| &m.1),
        }))?;
    }
    ctx.out.info(format_args!(
        "added unlock slot {label:?} ({shown}) for scope {scope:?}{}{}",
        if args.allow_write {
            ", allowed to write"
        } else {
            ", read-only"
        },
        expires.map_or(String::new(), |at| format!(", expiring {at}"))
    ));
    Ok(())
}

fn remove(ctx: &Context, args: RemoveArgs) -> anyhow::Result<()> {
    let (vault, mut keys) = ctx.open_unlocked()?;
    let scoped = vault.write_unlocked(&mut keys, |s| s.remove_slot(&args.label))?;
    if ctx.out.json {
        ctx.out.print_json(&json!({ "removed": args.label }))?;
    }
    ctx.out
        .info(format_args!("removed unlock slot {:?}", args.label));
    if let Some(scope) = scoped {
        ctx.out.info(format_args!(
            "scope {scope:?} has a new key, so the removed credential opens nothing written from now on; what it could read until now is flagged: 'sealbox check' lists the secrets to set anew"
        ));
    }
    Ok(())
}

/// `kind`, or `kind-2`, `kind-3`, ... whichever is free first.
fn default_label(kind: &str, taken: &[String]) -> String {
    std::iter::once(kind.to_owned())
        .chain((2..).map(|n| format!("{kind}-{n}")))
        .find(|label| !taken.contains(label))
        .expect("an unbounded sequence has a free label")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_labels_are_numbered_when_taken() {
        assert_eq!(default_label("key", &[]), "key");
        let taken = vec!["key".to_owned(), "key-2".to_owned()];
        assert_eq!(default_label("key", &taken), "key-3");
        assert_eq!(default_label("passphrase", &taken), "passphrase");
    }
}
