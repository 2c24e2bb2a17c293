//! `sealbox slot list|add|remove`: manage the unlock slots, each of which opens the vault key
//! with its own passphrase or raw key.
//!
//! Listing needs no credential and shows no key material. Adding and removing need a credential
//! that opens the vault; the last slot can never be removed, since that would lock everyone out.
//! Labels follow [`check_label`] and are unique (checked before the KDF runs, and again by the
//! database).

use serde::Serialize;
use serde_json::json;

use super::{Context, check_label};
use crate::cli::NewCredential;
use crate::crypto::SlotKdf;
use crate::output::{column_width, pad, sanitize};
use crate::time::rfc3339;
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
    /// Add an unlock slot for a new passphrase or raw key
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
}

#[derive(Serialize)]
#[serde(tag = "algorithm", rename_all = "kebab-case")]
enum Kdf {
    Argon2id { m_kib: u32, t: u32, p: u32 },
    HkdfSha256,
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
    let slots = vault.read(|tx| tx.slots())?;
    if ctx.out.json {
        let entries: Vec<Entry> = slots.iter().map(entry).collect();
        ctx.out.print_json(&entries)?;
        return Ok(());
    }
    let labels: Vec<_> = slots.iter().map(|s| sanitize(&s.label)).collect();
    let width = column_width("LABEL", labels.iter().map(|l| l.as_ref()));
    let mut text = format!(
        "{}  {:10}  {:32}  CREATED\n",
        pad("LABEL", width),
        "KIND",
        "KDF"
    );
    for (slot, label) in slots.iter().zip(&labels) {
        let kdf = match slot.material.kdf {
            SlotKdf::Argon2id(p) => format!("argon2id m={} KiB t={} p={}", p.m_kib, p.t, p.p),
            SlotKdf::HkdfSha256 => "hkdf-sha256".into(),
        };
        text.push_str(&format!(
            "{}  {:10}  {:32}  {}\n",
            pad(label, width),
            slot.material.kdf.kind(),
            kdf,
            rfc3339(slot.created_at)
        ));
    }
    crate::output::print_text(&text)?;
    Ok(())
}

fn entry(slot: &SlotRow) -> Entry<'_> {
    Entry {
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
        },
    }
}

fn add(ctx: &Context, args: AddArgs) -> anyhow::Result<()> {
    if let Some(label) = &args.label {
        check_label(label)?;
    }
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
    unlock::ensure_new_credential(sources)?;
    let credential = ctx.credential()?;
    let mut keys = ctx.unlock(&vault, &credential)?;
    let new = unlock::new_credential(sources, &ctx.vault_path)?;
    let label = args
        .label
        .unwrap_or_else(|| default_label(new.kind().as_str(), &taken));
    let slot = keys.make_slot(&new)?;
    vault.write_unlocked(&mut keys, |s| s.add_slot(&label, &slot))?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "label": label, "kind": new.kind().as_str() }))?;
    }
    ctx.out
        .info(format_args!("added unlock slot {label:?} ({})", new.kind()));
    Ok(())
}

fn remove(ctx: &Context, args: RemoveArgs) -> anyhow::Result<()> {
    let (vault, mut keys) = ctx.open_unlocked()?;
    vault.write_unlocked(&mut keys, |s| s.remove_slot(&args.label))?;
    if ctx.out.json {
        ctx.out.print_json(&json!({ "removed": args.label }))?;
    }
    ctx.out
        .info(format_args!("removed unlock slot {:?}", args.label));
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
