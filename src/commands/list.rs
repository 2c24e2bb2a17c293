//! `sealbox list`: names and metadata, never values. Needs no credential: without one it shows
//! the heads as stored. When an option or variable names a credential, the heads are
//! authenticated first (and, without `--prefix`, their sum), as `check` does, so an edited
//! name, date or period is exit 5 rather than shown; `--verified` requires that.
//!
//! `--names-only` prints just the names, one per line, for scripts and for the shell
//! completion scripts (which complete secret names from it). It leaves out a name that breaks
//! the naming rule: only an edited file holds one, no command accepts it, and a name with a
//! newline or a shell metacharacter must not reach a shell's completion list. It never uses a
//! credential: completion calls it on every key press, and a passphrase in the environment
//! would cost a key derivation each time.

use serde::Serialize;

use super::Context;
use crate::error::CommandError;
use crate::output::{column_width, pad, sanitize};
use crate::time::{format_duration, now, rfc3339};
use crate::unlock;
use crate::vault::SecretMeta;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only names starting with P
    #[arg(long, value_name = "P", default_value = "")]
    pub prefix: String,
    /// Print only the names, one per line, without a header (what shell completion uses);
    /// never authenticated
    #[arg(long, conflicts_with = "verified")]
    pub names_only: bool,
    /// Require a credential and authenticate what is listed (exit 5 if the file was edited)
    #[arg(long)]
    pub verified: bool,
}

/// One entry of `list --json`; the field names are a stable interface.
#[derive(Serialize)]
pub(super) struct Entry<'a> {
    name: &'a str,
    version: i64,
    created_at: String,
    updated_at: String,
    description: Option<&'a str>,
    rotate_every: Option<String>,
    rotation_due: Option<String>,
    /// The secret's own retention limit; `null` means the vault's default.
    keep: Option<i64>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    if args.names_only && ctx.out.json {
        return Err(CommandError::usage(
            "--names-only prints plain names; use 'sealbox list --json' for JSON",
        )
        .into());
    }
    let vault = ctx.open()?;
    let supplied = if args.verified {
        Some(ctx.credential()?)
    } else if args.names_only {
        None
    } else {
        unlock::from_sources(ctx.sources())?
    };
    let secrets = match supplied {
        Some(supplied) => ctx.read_with(&vault, &supplied, |s| Ok(s.list(&args.prefix)?))?,
        None => vault.read(|tx| tx.list(&args.prefix))?,
    };
    if args.names_only {
        let mut text = String::new();
        for secret in secrets.iter().filter(|s| crate::name::is_valid(&s.name)) {
            text.push_str(&secret.name);
            text.push('\n');
        }
        crate::output::print_text(&text)?;
        return Ok(());
    }
    if ctx.out.json {
        let entries: Vec<Entry> = secrets.iter().map(entry).collect();
        ctx.out.print_json(&entries)?;
        return Ok(());
    }
    let names: Vec<_> = secrets.iter().map(|s| sanitize(&s.name)).collect();
    let width = column_width("NAME", names.iter().map(|n| n.as_ref()));
    let mut text = String::new();
    // The header comes even when nothing is listed: an empty output would look like a failure
    // (or a command that never ran), and the header alone says "no secrets here".
    text.push_str(&format!(
        "{}  {:>7}  {:20}  {:20}  DESCRIPTION\n",
        pad("NAME", width),
        "VERSION",
        "UPDATED",
        "ROTATION DUE"
    ));
    let now = now();
    for (secret, name) in secrets.iter().zip(&names) {
        let due = match secret.rotation_due() {
            Some(due) if due <= now => format!("{} !", rfc3339(due)),
            Some(due) => rfc3339(due),
            None => "-".into(),
        };
        text.push_str(&format!(
            "{}  {:>7}  {:20}  {:20}  {}\n",
            pad(name, width),
            secret.version,
            rfc3339(secret.updated_at),
            due,
            sanitize(secret.description.as_deref().unwrap_or(""))
        ));
    }
    crate::output::print_text(&text)?;
    Ok(())
}

/// The `list --json` entry for `secret` (also what `meta --json` prints).
pub(super) fn entry(secret: &SecretMeta) -> Entry<'_> {
    Entry {
        name: &secret.name,
        version: secret.version,
        created_at: rfc3339(secret.created_at),
        updated_at: rfc3339(secret.updated_at),
        description: secret.description.as_deref(),
        rotate_every: secret.rotate_every.map(format_duration),
        rotation_due: secret.rotation_due().map(rfc3339),
        keep: secret.keep,
    }
}
