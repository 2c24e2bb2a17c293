//! `sealbox rename OLD NEW` and `sealbox copy OLD NEW`: a secret under a new name with its
//! whole history and metadata.
//!
//! Users otherwise `get | set` and lose both. Every kept version is re-sealed under the new
//! name's binding (a copy also gets a new secret id) in one transaction, so a kill leaves
//! either the old state or the new one; `rename` removes OLD in the same transaction. NEW
//! must not exist (exit 6). Values never leave sealbox.

use serde_json::json;

use super::{Context, check_name, not_found};
use crate::error::CommandError;
use crate::vault::Transfer;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The secret's current name
    pub old: String,
    /// The name it gets (must not exist)
    pub new: String,
}

/// Runs `rename` (`rename = true`) or `copy`.
pub fn run(ctx: &Context, args: Args, rename: bool) -> anyhow::Result<()> {
    check_name(&args.old)?;
    check_name(&args.new)?;
    let verb = if rename { "rename" } else { "copy" };
    if args.old == args.new {
        return Err(CommandError::usage(format!("cannot {verb} {} to itself", args.old)).into());
    }
    let (old, new) = (&args.old, &args.new);
    let (vault, mut keys) = ctx.open_unlocked()?;
    let versions = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        match s.transfer(old, new, rename)? {
            Transfer::Done(versions) => Ok(versions),
            Transfer::NoSource => Err(not_found(s, &[old])?.into()),
            Transfer::TargetExists => Err(CommandError::conflict(format!(
                "{new} already exists; nothing was changed"
            ))
            .hint(format!(
                "delete it first ('sealbox delete {new}'), or choose another name"
            ))
            .into()),
        }
    })?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "from": old, "to": new, "versions": versions }))?;
    }
    let done = if rename { "renamed" } else { "copied" };
    ctx.out.info(format_args!(
        "{done} {old} to {new} ({versions} version{})",
        crate::output::plural(versions as usize)
    ));
    Ok(())
}
