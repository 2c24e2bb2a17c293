//! `sealbox delete NAME...`: remove secrets and every version of them, all or nothing.

use super::{Context, check_name};
use crate::error::CommandError;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret names
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Skip names that are not stored instead of failing
    #[arg(long)]
    pub ignore_missing: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    for name in &args.names {
        check_name(name)?;
    }
    // Unlocking proves the caller holds a credential; deleting needs no key material itself.
    let (mut vault, _keyring) = ctx.open_unlocked()?;
    let deleted = vault.write(|tx| -> anyhow::Result<_> {
        let mut deleted = Vec::new();
        let mut missing = Vec::new();
        for name in &args.names {
            if tx.delete(name)? {
                deleted.push(name.as_str());
            } else if !deleted.contains(&name.as_str()) {
                missing.push(name.as_str());
            }
        }
        if !missing.is_empty() && !args.ignore_missing {
            // Returning an error rolls the whole transaction back: nothing is deleted.
            return Err(CommandError::not_found(format!(
                "no secret named {}; nothing was deleted",
                missing.join(", ")
            ))
            .hint("pass --ignore-missing to delete the others anyway")
            .into());
        }
        Ok(deleted)
    })?;
    if ctx.out.json {
        ctx.out
            .print_json(&serde_json::json!({ "deleted": deleted }))?;
    }
    ctx.out.info(format_args!(
        "deleted {} secret{}",
        deleted.len(),
        crate::output::plural(deleted.len())
    ));
    Ok(())
}
