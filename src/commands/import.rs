//! `sealbox import [FILE|-] --format env|json [--prefix P]`: add many secrets in one transaction.
//!
//! The whole input is parsed and every name and value checked before the vault is touched, and
//! all entries are stored in one write transaction: one bad entry imports nothing. `.env` files
//! are read as python-dotenv reads them (see `formats::env`); `--prefix` is prepended to every
//! name before it is checked, so `export --prefix P` followed by `import --prefix P` round-trips.
//!
//! `--skip-unchanged` stores nothing for an entry whose value equals the secret's current one,
//! so re-importing the same `.env` does not add a version to every secret (and make overdue
//! ones look freshly rotated). The report says which names were created, updated and left
//! unchanged: on stderr, and with `--json` as `{"imported": N, "created": [...], "updated":
//! [...], "unchanged": [...]}` (`imported` counts what was stored).

use std::fs::File;
use std::path::PathBuf;

use serde_json::json;

use super::Context;
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
    /// Prepend P to every name read
    #[arg(long, value_name = "P", default_value = "")]
    pub prefix: String,
    /// With --format json, every value is base64 of the bytes to store (as written by
    /// 'export --format json --binary base64')
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub binary: Option<super::export::BinaryEncoding>,
    /// Store nothing for an entry whose value is already the secret's current value
    #[arg(long)]
    pub skip_unchanged: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// A .env file, as python-dotenv reads it
    Env,
    /// A JSON object of name to string value
    Json,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    if args.binary.is_some() && !matches!(args.format, Format::Json) {
        return Err(CommandError::usage("--binary applies to --format json only").into());
    }
    let vault = ctx.open()?;
    // Found before the input is read: without one, fail at once instead of waiting on stdin.
    // The KDF runs after parsing, so a malformed file is reported without that wait.
    let credential = ctx.credential()?;
    let source = args.file.display().to_string();
    let input = if args.file.as_os_str() == "-" {
        read_limited(&mut std::io::stdin().lock(), MAX_INPUT_LEN)?
    } else {
        let mut file =
            File::open(&args.file).map_err(|err| anyhow::anyhow!("cannot read {source}: {err}"))?;
        read_limited(&mut file, MAX_INPUT_LEN)?
    }
    .ok_or_else(|| CommandError::usage(format!("{source} is larger than {MAX_INPUT_LEN} bytes")))?;
    let mut entries = match args.format {
        Format::Env => formats::env::parse(input.expose(), MAX_VALUE_LEN),
        Format::Json => formats::json::parse_object(input.expose()),
    }
    .map_err(|err| CommandError::usage(format!("{source}: {err}; nothing was imported")))?;
    drop(input);
    if args.binary.is_some() {
        for entry in &mut entries {
            entry.value = formats::base64::decode(entry.value.expose()).ok_or_else(|| {
                CommandError::usage(format!(
                    "{source}: line {}: the value of {} is not valid base64; nothing was imported",
                    entry.line, entry.name
                ))
            })?;
        }
    }
    if !args.prefix.is_empty() {
        for entry in &mut entries {
            entry.name.insert_str(0, &args.prefix);
        }
    }
    check_entries(&entries)
        .map_err(|err| CommandError::usage(format!("{source}: {err}; nothing was imported")))?;

    let mut keys = ctx.unlock(&vault, &credential)?;
    let update = SecretUpdate::default();
    let (mut created, mut updated, mut unchanged) = (Vec::new(), Vec::new(), Vec::new());
    let destroyed = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        for entry in &entries {
            let name = entry.name.as_str();
            let current = match s.secret(name)? {
                Some(meta) if args.skip_unchanged => Some(s.current_value(&meta)?),
                Some(_) => None,
                None => {
                    created.push(name);
                    s.put(name, entry.value.expose(), &update)?;
                    continue;
                }
            };
            if current.is_some_and(|value| value == entry.value) {
                unchanged.push(name);
                continue;
            }
            updated.push(name);
            s.put(name, entry.value.expose(), &update)?;
        }
        Ok(s.destroyed_versions())
    })?;
    let imported = created.len() + updated.len();
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "imported": imported,
            "created": created,
            "updated": updated,
            "unchanged": unchanged,
        }))?;
    }
    let mut parts = vec![
        format!("{} new", created.len()),
        format!("{} updated", updated.len()),
    ];
    if args.skip_unchanged {
        parts.push(format!("{} unchanged and skipped", unchanged.len()));
    }
    ctx.out.info(format_args!(
        "imported {imported} secret{} ({})",
        crate::output::plural(imported),
        parts.join(", ")
    ));
    if destroyed > 0 {
        ctx.out.info(format_args!(
            "destroyed {destroyed} old version{} beyond the number each secret keeps",
            crate::output::plural(destroyed)
        ));
    }
    Ok(())
}

/// Checks names, sizes and duplicates; the message names the line and secret, never the value.
fn check_entries(entries: &[Entry]) -> Result<(), String> {
    let mut seen = std::collections::HashMap::with_capacity(entries.len());
    for entry in entries {
        // The name is not quoted: in a malformed file it may be part of a value.
        if !crate::name::is_valid(&entry.name) {
            return Err(format!(
                "line {}: invalid name: {}",
                entry.line,
                crate::name::RULE
            ));
        }
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
