//! `sealbox set NAME`: store a new version of a secret.
//!
//! The vault is unlocked first; then the value comes from `--from-file`, `--generate`, stdin
//! when it is not a terminal (exact bytes), or a hidden prompt typed twice; never from an
//! argument. An empty value, from any of them, needs `--allow-empty`: `cmd | sealbox set X`
//! after `cmd` failed would otherwise blank a real secret and exit 0. Compare-and-set
//! (`--if-version`) and `--no-overwrite` are checked inside the write transaction, so two racing
//! writers cannot both pass them.

use std::fs::File;
use std::io::IsTerminal;
use std::path::PathBuf;

use serde_json::json;

use super::{Context, check_name};
use crate::crypto::{SecretBytes, fill_random};
use crate::error::CommandError;
use crate::input::{MAX_VALUE_LEN, read_limited};
use crate::terminal;
use crate::time::{Period, parse_period};
use crate::vault::SecretUpdate;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secret name
    pub name: String,
    /// Read the value from PATH (exact bytes)
    #[arg(long, value_name = "PATH", conflicts_with = "generate")]
    pub from_file: Option<PathBuf>,
    /// Store a random URL-safe value of LEN characters [default: 32]
    #[arg(long, value_name = "LEN", num_args = 0..=1, default_missing_value = "32",
          value_parser = clap::value_parser!(u16).range(1..=4096))]
    pub generate: Option<u16>,
    /// Describe the secret (shown by list); an empty TEXT removes the description. To change it
    /// without storing a new value, use 'sealbox meta'
    #[arg(long, value_name = "TEXT")]
    pub description: Option<String>,
    /// Record a rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365
    /// days), or none to remove it; list and check show when it is due
    #[arg(long, value_name = "DURATION", value_parser = parse_period)]
    pub rotate_every: Option<Period>,
    /// Keep at most K versions of this secret from now on (1 to 1000; the vault's default is
    /// 10); older ones are destroyed when a new version is stored
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(i64).range(1..=crate::vault::MAX_KEEP))]
    pub keep: Option<i64>,
    /// Only store if the current version is N (0: only if the secret does not exist)
    #[arg(long, value_name = "N", conflicts_with = "no_overwrite")]
    pub if_version: Option<i64>,
    /// Fail if the secret already exists
    #[arg(long)]
    pub no_overwrite: bool,
    /// Store an empty value; without this an empty value is refused (exit 2), since it most
    /// often means the command feeding stdin failed
    #[arg(long)]
    pub allow_empty: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_name(&args.name)?;
    // Unlock (the KDF included) before reading the value: without a credential sealbox fails at
    // once instead of waiting for a value a slow producer has not finished writing, and at a
    // terminal a mistyped passphrase is reported before the user types the value twice.
    let (vault, mut keys) = ctx.open_unlocked()?;
    let value = read_value(&args)?;
    if value.is_empty() && !args.allow_empty {
        return Err(
            CommandError::usage("the value is empty; nothing was stored")
                .hint(
                    "if a command was to produce it, check that it succeeded; \
                 pass --allow-empty to store an empty value",
                )
                .into(),
        );
    }
    let name = &args.name;
    // put() keeps a field it is given None for; removing one is update_meta's job, in the same
    // transaction.
    let description = args.description.as_deref();
    let update = SecretUpdate {
        description: description.filter(|d| !d.is_empty()).map(str::to_owned),
        rotate_every: args.rotate_every.and_then(Period::seconds),
        keep: args.keep,
    };
    let remove_description = description == Some("");
    let remove_period = args.rotate_every == Some(Period::None);
    let mut destroyed = 0;
    let version = vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        let current = s.secret(name)?.map_or(0, |meta| meta.version);
        if args.no_overwrite && current > 0 {
            return Err(CommandError::conflict(format!(
                "{name} already exists (version {current}); nothing was stored"
            ))
            .into());
        }
        if let Some(expected) = args.if_version.filter(|&v| v != current) {
            return Err(CommandError::conflict(format!(
                "{name} is at version {current}, not {expected}; nothing was stored"
            ))
            .hint("read the current value again and retry with the new version")
            .into());
        }
        let version = s.put(name, value.expose(), &update)?;
        destroyed = s.destroyed_versions();
        if remove_description || remove_period {
            s.update_meta(
                name,
                remove_description.then_some(None),
                remove_period.then_some(None),
                None,
            )?;
        }
        Ok(version)
    })?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "name": name, "version": version }))?;
    }
    ctx.out
        .info(format_args!("stored {name} version {version}"));
    super::report_destroyed(ctx, name, destroyed);
    Ok(())
}

fn read_value(args: &Args) -> anyhow::Result<SecretBytes> {
    let too_large = || {
        CommandError::usage(format!(
            "the value is larger than the 1 MiB limit ({MAX_VALUE_LEN} bytes); nothing was stored"
        ))
    };
    if let Some(path) = &args.from_file {
        let mut file = File::open(path)
            .map_err(|err| anyhow::anyhow!("cannot read {}: {err}", path.display()))?;
        return read_limited(&mut file, MAX_VALUE_LEN)?.ok_or_else(|| too_large().into());
    }
    if let Some(len) = args.generate {
        return Ok(generate(usize::from(len)));
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return read_limited(&mut stdin.lock(), MAX_VALUE_LEN)?.ok_or_else(|| too_large().into());
    }
    if !terminal::available() {
        return Err(CommandError::usage(
            "no value: pipe it on stdin, or use --from-file or --generate",
        )
        .into());
    }
    let prompt = format!("Value for {}: ", args.name);
    let value = terminal::prompt_hidden_twice(&prompt, "Type it again: ")?;
    if value.len() > MAX_VALUE_LEN {
        return Err(too_large().into());
    }
    Ok(value)
}

/// A random value of `len` characters from the URL-safe base64 alphabet (6 bits each).
fn generate(len: usize) -> SecretBytes {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bytes = SecretBytes::from_vec(vec![0; len]);
    fill_random(bytes.expose_vec_mut());
    for byte in bytes.expose_vec_mut().iter_mut() {
        // 64 divides 256, so masking keeps every character equally likely.
        *byte = ALPHABET[usize::from(*byte & 63)];
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_values_are_url_safe_and_distinct() {
        let a = generate(40);
        assert_eq!(a.len(), 40);
        assert!(
            a.expose()
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
        );
        assert_ne!(a, generate(40));
    }
}
