//! `sealbox meta NAME [--description TEXT] [--rotate-every DURATION|none]`: change a secret's
//! metadata without storing a new version and without reading its value.
//!
//! `set --description` and `set --rotate-every` only come with a new value; this is the way to
//! fix a description or a rotation period on its own. Metadata is stored in clear (SPEC 2.3) and
//! nothing is decrypted, but changing it needs a credential that opens the vault, as `delete`
//! does: the rotation period decides what `check` reports, and a script without the credential
//! must not be able to silence a pre-deploy check through sealbox. The current version and its
//! `updated_at` stay as they were, so a new description is not mistaken for a rotation.

use super::{Context, check_name, list, not_found};
use crate::error::CommandError;
use crate::time::{Period, parse_period};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret name
    pub name: String,
    /// New description (shown by list); an empty TEXT removes it
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// New rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or
    /// none to remove it
    #[arg(long, value_name = "DURATION", value_parser = parse_period)]
    pub rotate_every: Option<Period>,
    /// How many versions to keep (1 to 1000), or default for the vault's (10); applies from
    /// the next version stored, so nothing is destroyed here
    #[arg(long, value_name = "K|default", value_parser = parse_keep)]
    pub keep: Option<Keep>,
}

/// A retention limit given to `meta --keep`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    Versions(i64),
    Default,
}

fn parse_keep(text: &str) -> Result<Keep, String> {
    if text == "default" {
        return Ok(Keep::Default);
    }
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    match text.parse::<i64>() {
        Ok(k) if digits && (1..=crate::vault::MAX_KEEP).contains(&k) => Ok(Keep::Versions(k)),
        _ => Err(format!(
            "expected a number of versions from 1 to {}, or default",
            crate::vault::MAX_KEEP
        )),
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_name(&args.name)?;
    if args.description.is_none() && args.rotate_every.is_none() && args.keep.is_none() {
        return Err(CommandError::usage(
            "nothing to change: pass --description TEXT, --rotate-every DURATION|none or --keep K|default",
        )
        .into());
    }
    // The new head is authenticated under the state key, which only a credential unlocks.
    let (vault, mut keys) = ctx.open_unlocked()?;
    let name = &args.name;
    let description = args
        .description
        .as_deref()
        .map(|text| (!text.is_empty()).then_some(text));
    let rotate_every = args.rotate_every.map(Period::seconds);
    let meta = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        let keep = args.keep.map(|keep| match keep {
            Keep::Versions(k) => Some(k),
            Keep::Default => None,
        });
        match s.update_meta(name, description, rotate_every, keep)? {
            Some(meta) => Ok(meta),
            None => Err(not_found(s, &[name])?.into()),
        }
    })?;
    if ctx.out.json {
        ctx.out.print_json(&list::entry(&meta))?;
    }
    ctx.out.info(format_args!(
        "changed the metadata of {name} (still version {}; keeps {})",
        meta.version,
        match meta.keep {
            Some(k) => format!("{k} version{}", crate::output::plural(k as usize)),
            None => "the vault's default number of versions".into(),
        }
    ));
    Ok(())
}
