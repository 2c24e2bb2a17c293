//! `sealbox vault copy --to DEST`: copy the whole vault into a new store, a vault file into a
//! team vault (`postgresql://...`) or back, with its history, slots, scopes and audit log.
//!
//! Needs a full credential (the copy carries every slot and key, as the source has them) and
//! authenticates the source whole first; see `vault::copy` for how the target is written in
//! one transaction and refused, untouched, when it already holds a vault.

use serde_json::json;

use super::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: VaultCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum VaultCommand {
    /// Copy the whole vault into DEST, a new file or an empty team vault's database, with its
    /// history, slots, scopes and audit log, in one transaction on DEST
    ///
    /// The copy opens with the same credentials and has the same vault id: once either copy
    /// is written to, the other is an older state of the same vault, which sealbox reports as
    /// a rollback (exit 5). Use it to move a vault, not to fork one. DEST must hold no vault
    /// (exit 6 otherwise, and it is left as it was).
    Copy(CopyArgs),
}

#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// Where the copy goes: a file path, or postgresql://... for a team vault
    #[arg(long, value_name = "DEST")]
    pub to: std::path::PathBuf,
}

pub fn action(args: &Args) -> &'static str {
    match args.command {
        VaultCommand::Copy(_) => "vault copy",
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    match args.command {
        VaultCommand::Copy(copy) => run_copy(ctx, copy),
    }
}

fn run_copy(ctx: &Context, args: CopyArgs) -> anyhow::Result<()> {
    let (vault, mut keys) = ctx.open_unlocked()?;
    let copied = vault.copy_to(&mut keys, &args.to)?;
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "to": copied.to.display().to_string(),
            "secrets": copied.secrets,
            "versions": copied.versions,
            "slots": copied.slots,
            "audit_records": copied.audit_records,
        }))?;
    }
    ctx.out.info(format_args!(
        "copied the vault to {}: {} secrets, {} stored versions, {} unlock slots, {} audit records",
        copied.to.display(),
        copied.secrets,
        copied.versions,
        copied.slots,
        copied.audit_records
    ));
    Ok(())
}
