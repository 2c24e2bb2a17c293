//! `sealbox export --format env|json|shell (--only A,B | --prefix P | --all)`: print values in a
//! format another tool reads back exactly.
//!
//! Values are read in one transaction and encoded into one buffer sized in advance, which is
//! written to stdout unbuffered and zeroized when dropped. Nothing is written unless every
//! value can be carried by the format. Writing to a terminal works but warns, since the values
//! end up on screen and in its scrollback.

use super::{Context, Naming, Selection};
use crate::error::CommandError;
use crate::formats::json::Binary;
use crate::formats::{self, Record};
use crate::output::{stdout_is_terminal, write_secret};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub select: Selection,
    /// Also write NAME_PREVIOUS with the version before the current one, for secrets that
    /// keep one (an overlap window while callers move to a new value)
    #[arg(long)]
    pub with_previous: bool,
    /// Output format
    #[arg(long, value_enum)]
    pub format: Format,
    /// With --format json, write every value as base64 of its bytes (for values that are not
    /// UTF-8 text)
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub binary: Option<BinaryEncoding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// KEY="value" lines, read back by python-dotenv and 'sealbox import --format env'
    Env,
    /// A JSON object of strings, read back by 'sealbox import --format json'
    Json,
    /// export NAME='value' lines for eval in sh, bash and zsh
    Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BinaryEncoding {
    /// Standard base64 with padding (RFC 4648)
    Base64,
}

pub fn run(ctx: &Context, mut args: Args) -> anyhow::Result<()> {
    args.select.check()?;
    if args.binary.is_some() && args.format != Format::Json {
        return Err(CommandError::usage("--binary applies to --format json only").into());
    }
    let records = ctx.read_unlocked(|s| -> anyhow::Result<_> {
        let selected = args.select.resolve(s)?;
        let naming = match args.format {
            Format::Shell => Naming::EnvVar,
            Format::Env | Format::Json => Naming::Stripped,
        };
        let named = args.select.named(selected, naming)?;
        let mut records = Vec::with_capacity(named.len());
        for (meta, key, value) in super::values_of(s, named, args.with_previous)? {
            records.push(Record {
                key,
                secret: meta.name,
                value,
            });
        }
        Ok(records)
    })?;
    let binary = match args.binary {
        Some(BinaryEncoding::Base64) => Binary::Base64,
        None => Binary::Refuse,
    };
    let text = match args.format {
        Format::Env => formats::env::encode(&records),
        Format::Json => formats::json::encode_object(&records, binary),
        Format::Shell => formats::shell::encode(&records),
    }
    .map_err(|err| {
        CommandError::usage(format!(
            "cannot export {}: {}; nothing was written",
            err.secret, err.message
        ))
    })?;
    drop(records);
    if stdout_is_terminal() {
        ctx.out.warn(
            "writing secret values in clear to the terminal; redirect stdout to a file or a pipe",
        );
    }
    write_secret(text.expose())?;
    Ok(())
}
