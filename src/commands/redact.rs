//! `sealbox redact`: copy stdin to stdout with every stored value, in every form it takes when
//! printed, replaced by `[REDACTED:NAME]` (or `***`).
//!
//! The values are read in one authenticated transaction (and recorded in the audit log like
//! any read), built into the matcher, and dropped; the stream is then filtered in constant
//! memory, each line written as soon as it is complete (see `matcher`).

use super::{Context, Selection};
use crate::error::CommandError;
use crate::matcher::{DEFAULT_MIN_LENGTH, Matcher, Replacement};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub targets: Targets,
    /// Replace each match with *** instead of [REDACTED:NAME]
    #[arg(long)]
    pub mask: bool,
}

/// Which secrets to look for: every one unless `--only` or `--prefix` narrow it, and how short
/// a value may be.
#[derive(Debug, clap::Args)]
pub struct Targets {
    /// Only these secrets (comma-separated)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Only secrets whose name starts with P (repeatable)
    #[arg(long, value_name = "P")]
    pub prefix: Vec<String>,
    /// Every secret in the vault (the default)
    #[arg(long, conflicts_with_all = ["only", "prefix"])]
    pub all: bool,
    /// Leave out values shorter than N bytes, which would match ordinary text (true, 8080)
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MIN_LENGTH)]
    pub min_length: usize,
}

impl Targets {
    /// Reads the targeted values (one authenticated, recorded read) and builds the matcher;
    /// says on stderr which values are too short to look for. `None` when none is left.
    pub fn matcher(&self, ctx: &Context) -> anyhow::Result<Option<Matcher>> {
        let mut selection = Selection {
            only: self.only.clone(),
            prefix: self.prefix.clone(),
            all: self.only.is_empty() && self.prefix.is_empty(),
            scope: None,
        };
        selection.check()?;
        if self.min_length == 0 {
            return Err(CommandError::usage("--min-length must be at least 1").into());
        }
        let values = ctx.read_unlocked(|s| -> anyhow::Result<_> {
            let mut values = Vec::new();
            for selected in selection.resolve(s)? {
                let value = s.current_value(&selected.meta)?;
                values.push((selected.meta.name, value));
            }
            Ok(values)
        })?;
        let secrets: Vec<(String, &[u8])> = values
            .iter()
            .map(|(name, value)| (name.clone(), value.expose()))
            .collect();
        let (matcher, skipped) = Matcher::new(&secrets, self.min_length);
        if !skipped.short.is_empty() {
            let mut names = skipped.short.clone();
            let more = names.len().saturating_sub(10);
            names.truncate(10);
            ctx.out.info(format_args!(
                "not looking for {} value{} shorter than {} bytes: {}{} (--min-length N changes it)",
                skipped.short.len(),
                crate::output::plural(skipped.short.len()),
                self.min_length,
                names.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            ));
        }
        Ok(matcher)
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let matcher = args.targets.matcher(ctx)?;
    let stdin = std::io::stdin().lock();
    let stdout = std::io::stdout().lock();
    let Some(matcher) = matcher else {
        ctx.out
            .info("no stored value to look for; copying the input as it is");
        let (mut stdin, mut stdout) = (stdin, stdout);
        std::io::copy(&mut stdin, &mut stdout)?;
        return Ok(());
    };
    let replacement = if args.mask {
        Replacement::Mask
    } else {
        Replacement::Named
    };
    crate::matcher::redact(&matcher, stdin, stdout, replacement)?;
    Ok(())
}
