//! `sealbox delete NAME...`: remove secrets and every version of them, all or nothing, and say
//! on stderr what was removed (one line per secret with its number of versions), so a typo'd
//! or unexpected name is seen in the log. `--json` prints `{"deleted": [NAME...]}`.
//!
//! `sealbox delete NAME --version N` destroys that one version instead (its bytes are
//! overwritten in the file), and prints `{"name": NAME, "deleted_version": N}` with `--json`. The
//! current version cannot be deleted this way: that would change what `get` returns without a
//! new version saying so; `rollback` makes an older value current, `delete NAME` removes all.

use super::{Context, check_name};
use crate::error::CommandError;
use crate::vault::VersionDeletion;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret names
    #[arg(required = true)]
    pub names: Vec<String>,
    /// Skip names that are not stored instead of failing
    #[arg(long)]
    pub ignore_missing: bool,
    /// Destroy only this version of the one NAME given (not the current one)
    #[arg(long, value_name = "N", conflicts_with = "ignore_missing")]
    pub version: Option<i64>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    for name in &args.names {
        check_name(name)?;
    }
    if let Some(version) = args.version {
        return delete_version(ctx, &args.names, version);
    }
    // Unlocking proves the caller holds a credential; deleting needs no key material itself.
    let (vault, mut keys) = ctx.open_unlocked()?;
    let (deleted, skipped) = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        let mut deleted: Vec<(&str, usize)> = Vec::new();
        let mut missing = Vec::new();
        for name in &args.names {
            if deleted.iter().any(|(done, _)| done == name) || missing.contains(&name.as_str()) {
                continue;
            }
            match s.delete(name)? {
                Some(versions) => deleted.push((name.as_str(), versions)),
                None => missing.push(name.as_str()),
            }
        }
        if !missing.is_empty() && !args.ignore_missing {
            // Returning an error rolls the whole transaction back: nothing is deleted.
            let mut err = CommandError::not_found(format!(
                "no secret named {}; nothing was deleted",
                missing.join(", ")
            ));
            err.hints = super::did_you_mean(s, &missing)?;
            return Err(err
                .hint("pass --ignore-missing to delete the others anyway")
                .into());
        }
        Ok((deleted, missing))
    })?;
    if ctx.out.json {
        let names: Vec<&str> = deleted.iter().map(|(name, _)| *name).collect();
        ctx.out
            .print_json(&serde_json::json!({ "deleted": names }))?;
    }
    for (name, versions) in &deleted {
        ctx.out.info(format_args!(
            "deleted {name} ({versions} version{})",
            crate::output::plural(*versions)
        ));
    }
    for name in &skipped {
        ctx.out
            .info(format_args!("skipped {name} (no such secret)"));
    }
    Ok(())
}

fn delete_version(ctx: &Context, names: &[String], version: i64) -> anyhow::Result<()> {
    let [name] = names else {
        return Err(CommandError::usage("--version applies to one secret; give one NAME").into());
    };
    let (vault, mut keys) = ctx.open_unlocked()?;
    vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        match s.delete_version(name, version)? {
            VersionDeletion::Deleted => Ok(()),
            VersionDeletion::NoSecret => Err(super::not_found(s, &[name])?.into()),
            VersionDeletion::NotKept(current) => Err(CommandError::not_found(format!(
                "{name} has no version {version} (current: {current}); nothing was deleted"
            ))
            .hint(format!("'sealbox history {name}' lists the kept versions"))
            .into()),
            VersionDeletion::Current => Err(CommandError::conflict(format!(
                "version {version} is the current version of {name}; nothing was deleted"
            ))
            .hint(format!(
                "to make an older value current, run: sealbox rollback {name} --to N; to remove the secret, run: sealbox delete {name}"
            ))
            .into()),
        }
    })?;
    if ctx.out.json {
        ctx.out
            .print_json(&serde_json::json!({ "name": name, "deleted_version": version }))?;
    }
    ctx.out
        .info(format_args!("destroyed version {version} of {name}"));
    Ok(())
}
