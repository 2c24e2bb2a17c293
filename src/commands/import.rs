//! `sealbox import [FILE|-] --format json`: add many secrets in one transaction.
//!
//! The whole input is parsed and every name and value checked before the vault is touched, and
//! all entries are stored in one write transaction: one bad entry imports nothing.

use std::fs::File;
use std::path::PathBuf;

use serde_json::json;

use super::{Context, check_name};
use crate::error::CommandError;
use crate::formats::{self, Entry};
use crate::input::{MAX_VALUE_LEN, read_limited};
use crate::vault::SecretUpdate;

/// The largest import file read: 256 MiB.
const MAX_INPUT_LEN: usize = 256 * 1024 * 1024;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// File to read, or - for stdin
    #[arg(default_value = "-", value_name = "FILE")]
    pub file: PathBuf,
    /// Input format
    #[arg(long, value_enum)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A JSON object of name to string value
    Json,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let mut vault = ctx.open()?;
    let source = args.file.display().to_string();
    let input = if args.file.as_os_str() == "-" {
        read_limited(&mut std::io::stdin().lock(), MAX_INPUT_LEN)?
    } else {
        let mut file =
            File::open(&args.file).map_err(|err| anyhow::anyhow!("cannot read {source}: {err}"))?;
        read_limited(&mut file, MAX_INPUT_LEN)?
    }
    .ok_or_else(|| CommandError::usage(format!("{source} is larger than {MAX_INPUT_LEN} bytes")))?;
    let entries = match args.format {
        Format::Json => formats::json::parse_object(input.expose()),
    }
    .map_err(|err| CommandError::usage(format!("{source}: {err}; nothing was imported")))?;
    drop(input);
    check_entries(&entries)
        .map_err(|err| CommandError::usage(format!("{source}: {err}; nothing was imported")))?;

    let mut keyring = vault.unlock(&ctx_credential(ctx)?, ctx.slot())?;
    let update = SecretUpdate::default();
    vault.write(|tx| -> anyhow::Result<_> {
        for entry in &entries {
            tx.put(&mut keyring, &entry.name, entry.value.expose(), &update)?;
        }
        Ok(())
    })?;
    if ctx.out.json {
        ctx.out.print_json(&json!({ "imported": entries.len() }))?;
    }
    ctx.out.info(format_args!(
        "imported {} secret{}",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    ));
    Ok(())
}

fn ctx_credential(ctx: &Context) -> anyhow::Result<crate::crypto::Credential> {
    crate::unlock::credential(ctx.sources(), &ctx.vault_path, crate::unlock::Purpose::Open)
}

/// Checks names, sizes and duplicates; the message names the line and secret, never the value.
fn check_entries(entries: &[Entry]) -> Result<(), String> {
    let mut seen = std::collections::HashMap::with_capacity(entries.len());
    for entry in entries {
        check_name(&entry.name).map_err(|err| format!("line {}: {err}", entry.line))?;
        if entry.value.len() > MAX_VALUE_LEN {
            return Err(format!(
                "line {}: the value of {} is larger than the 1 MiB limit",
                entry.line, entry.name
            ));
        }
        if let Some(first) = seen.insert(entry.name.as_str(), entry.line) {
            return Err(format!(
                "line {}: {} appears twice (first on line {first})",
                entry.line, entry.name
            ));
        }
    }
    Ok(())
}
