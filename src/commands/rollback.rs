//! `sealbox rollback NAME --to N [--if-version V]`: make an older version's value current.
//!
//! History is never rewritten: the value of version N is stored as a new version, so the
//! version that broke something stays in the history (until retention removes it), `history`
//! shows what happened, and a pre-deploy check sees a fresh update. `--if-version` is checked
//! inside the write transaction, as for `set`. The value is decrypted and re-sealed inside
//! sealbox; it never reaches stdout.

use serde_json::json;

use super::{Context, check_name, not_found};
use crate::error::CommandError;
use crate::vault::SecretUpdate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret name
    pub name: String,
    /// The kept version whose value becomes current ('sealbox history NAME' lists them)
    #[arg(long, value_name = "N")]
    pub to: i64,
    /// Only roll back if the current version is V
    #[arg(long, value_name = "V")]
    pub if_version: Option<i64>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_name(&args.name)?;
    let name = &args.name;
    let (vault, mut keys) = ctx.open_unlocked()?;
    let version = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        let Some(meta) = s.secret(name)? else {
            return Err(not_found(s, &[name])?.into());
        };
        if let Some(expected) = args.if_version.filter(|&v| v != meta.version) {
            return Err(CommandError::conflict(format!(
                "{name} is at version {}, not {expected}; nothing was changed",
                meta.version
            ))
            .into());
        }
        if args.to == meta.version {
            return Err(CommandError::conflict(format!(
                "version {} is already the current version of {name}; nothing was changed",
                args.to
            ))
            .into());
        }
        let Some(value) = s.value(&meta, args.to)? else {
            return Err(CommandError::not_found(format!(
                "{name} has no version {} (current: {}); nothing was changed",
                args.to, meta.version
            ))
            .hint(format!("'sealbox history {name}' lists the kept versions"))
            .into());
        };
        let version = s.put(name, value.expose(), &SecretUpdate::default())?;
        Ok((version, s.destroyed_versions()))
    })?;
    let (version, destroyed) = version;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "name": name, "version": version, "from_version": args.to }))?;
    }
    ctx.out.info(format_args!(
        "stored {name} version {version} with the value of version {}",
        args.to
    ));
    super::report_destroyed(ctx, name, destroyed);
    Ok(())
}
