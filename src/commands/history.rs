//! `sealbox history NAME [--verified]`: every kept version of a secret, never a value.
//!
//! Each version's number, creation time, the data key it is sealed under, and whether it is
//! current. Like `check`, it reads the rows as stored without a credential; with a credential
//! named by an option or variable (or required with `--verified`) the secret's head is
//! authenticated and the stored versions must be exactly the ones it lists (exit 5 otherwise).
//! The creation time of each version is as stored; the head authenticates the current
//! version's `updated_at`.

use serde::Serialize;

use super::{Context, check_name, not_found};
use crate::output::print_text;
use crate::time::rfc3339;
use crate::unlock;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret name
    pub name: String,
    /// Require a credential and authenticate the history (exit 5 if the file was edited)
    #[arg(long)]
    pub verified: bool,
}

/// `history --json`; the field names are a stable interface.
#[derive(Serialize)]
struct Report {
    name: String,
    current: i64,
    versions: Vec<Entry>,
    verified: bool,
}

#[derive(Serialize)]
struct Entry {
    version: i64,
    created_at: String,
    data_key: i64,
    current: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_name(&args.name)?;
    let name = &args.name;
    let vault = ctx.open()?;
    let supplied = if args.verified {
        Some(ctx.credential()?)
    } else {
        unlock::from_sources(ctx.sources())?
    };
    let verified = supplied.is_some();
    let (meta, rows) = match supplied {
        Some(supplied) => ctx.read_with(&vault, &supplied, |s| {
            let Some(meta) = s.secret(name)? else {
                return Err(not_found(s, &[name])?.into());
            };
            Ok((meta.clone(), s.history(&meta)?))
        })?,
        None => vault.read(|tx| -> anyhow::Result<_> {
            let Some(meta) = tx.secret(name)? else {
                return Err(not_found(tx, &[name])?.into());
            };
            Ok((meta, tx.version_list(name)?))
        })?,
    };
    let report = Report {
        name: meta.name.clone(),
        current: meta.version,
        versions: rows
            .into_iter()
            .map(|(version, data_key, created)| Entry {
                version,
                created_at: rfc3339(created),
                data_key,
                current: version == meta.version,
            })
            .collect(),
        verified,
    };
    if ctx.out.json {
        ctx.out.print_json(&report)?;
        return Ok(());
    }
    let mut text = format!(
        "{:>7}  {:20}  {:>8}  CURRENT\n",
        "VERSION", "CREATED", "DATA KEY"
    );
    for entry in report.versions.iter().rev() {
        text.push_str(&format!(
            "{:>7}  {:20}  {:>8}  {}\n",
            entry.version,
            entry.created_at,
            entry.data_key,
            if entry.current { "*" } else { "" }
        ));
    }
    print_text(&text)?;
    ctx.out.info(format_args!(
        "{} version{} kept ({})",
        report.versions.len(),
        crate::output::plural(report.versions.len()),
        if verified {
            "authenticated"
        } else {
            "unauthenticated: no credential"
        }
    ));
    Ok(())
}
