//! `sealbox compact`: shrink the vault file to what it holds.
//!
//! Deleted secrets and versions leave free pages (already overwritten, since `secure_delete`
//! is on) that later writes reuse; `compact` rewrites the file in place without them, through
//! the rollback journal like any write (see `vault::compact`). Needs a credential that opens
//! the vault, like every command that writes it; other sealbox processes wait on the busy
//! timeout while it runs.

use serde_json::json;

use super::Context;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    let (mut vault, mut keys) = ctx.open_unlocked()?;
    let done = vault.compact(&mut keys)?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "bytes_before": done.before, "bytes_after": done.after }))?;
    }
    ctx.out.info(format_args!(
        "compacted the vault from {} to {} bytes",
        done.before, done.after
    ));
    Ok(())
}
