//! `sealbox list`: names and metadata, never values. Needs no credential.

use serde::Serialize;

use super::Context;
use crate::output::sanitize;
use crate::time::{format_duration, now, rfc3339};
use crate::vault::SecretMeta;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only names starting with P
    #[arg(long, value_name = "P", default_value = "")]
    pub prefix: String,
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
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    let secrets = vault.read(|tx| tx.list(&args.prefix))?;
    if ctx.out.json {
        let entries: Vec<Entry> = secrets.iter().map(entry).collect();
        ctx.out.print_json(&entries)?;
        return Ok(());
    }
    let mut text = String::new();
    let width = secrets
        .iter()
        .map(|s| sanitize(&s.name).len())
        .max()
        .unwrap_or(0)
        .max(4);
    // The header comes even when nothing is listed: an empty output would look like a failure
    // (or a command that never ran), and the header alone says "no secrets here".
    text.push_str(&format!(
        "{:width$}  {:>7}  {:20}  {:20}  DESCRIPTION\n",
        "NAME", "VERSION", "UPDATED", "ROTATION DUE"
    ));
    let now = now();
    for secret in &secrets {
        let due = match secret.rotation_due() {
            Some(due) if due <= now => format!("{} !", rfc3339(due)),
            Some(due) => rfc3339(due),
            None => "-".into(),
        };
        text.push_str(&format!(
            "{:width$}  {:>7}  {:20}  {:20}  {}\n",
            sanitize(&secret.name),
            secret.version,
            rfc3339(secret.updated_at),
            due,
            sanitize(secret.description.as_deref().unwrap_or("")).replace('\n', " ")
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
    }
}
