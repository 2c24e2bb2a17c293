//! `sealbox get NAME`: write a secret's value to stdout.
//!
//! To a pipe or a file the exact stored bytes are written; to a terminal a newline follows so
//! the prompt does not run into the value.

use super::{Context, check_name, not_found};
use crate::error::CommandError;
use crate::output::{stdout_is_terminal, write_secret};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret name
    pub name: String,
    /// Read this version instead of the current one
    #[arg(long, value_name = "N", conflicts_with = "previous")]
    pub version: Option<i64>,
    /// Read the version before the current one (the one an overlap window still accepts)
    #[arg(long)]
    pub previous: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_name(&args.name)?;
    let name = &args.name;
    let value = ctx.read_unlocked(|s| -> anyhow::Result<_> {
        let Some(meta) = s.secret(name)? else {
            return Err(not_found(s, &[name])?.into());
        };
        let version = if args.previous {
            s.previous(&meta).ok_or_else(|| {
                CommandError::not_found(format!(
                    "{name} has no previous version (it keeps only version {})",
                    meta.version
                ))
            })?
        } else {
            args.version.unwrap_or(meta.version)
        };
        s.value(&meta, version)?.ok_or_else(|| {
            CommandError::not_found(format!(
                "{name} has no version {version} (current: {})",
                meta.version
            ))
            .hint(format!("'sealbox history {name}' lists the kept versions"))
            .into()
        })
    })?;
    write_secret(value.expose())?;
    if stdout_is_terminal() {
        write_secret(b"\n")?;
    }
    Ok(())
}
