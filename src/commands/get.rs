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
    /// Print a preview for a person checking which value is configured, such as
    /// sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8
    /// bytes, and never more than a quarter of it) and the length in bytes, then a newline
    #[arg(long)]
    pub masked: bool,
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
    if args.masked {
        let preview = masked(value.expose());
        drop(value);
        crate::output::print_text(preview + "\n")?;
        return Ok(());
    }
    write_secret(value.expose())?;
    if stdout_is_terminal() {
        write_secret(b"\n")?;
    }
    Ok(())
}

/// A preview of `value` that identifies it without revealing it: up to 4 leading and 2
/// trailing characters, never more than a quarter of the value between them, and the length
/// in bytes. A value that is not UTF-8 shows its length only.
fn masked(value: &[u8]) -> String {
    let Ok(text) = std::str::from_utf8(value) else {
        return format!("…({} bytes, binary)…", value.len());
    };
    let chars: Vec<char> = text.chars().collect();
    let (head, tail) = if value.len() < 8 {
        (0, 0)
    } else {
        ((chars.len() / 8).min(4), (chars.len() / 16).min(2))
    };
    let shown = |cs: &[char]| -> String {
        let s: String = cs.iter().collect();
        crate::output::sanitize(&s).into_owned()
    };
    format!(
        "{}…({})…{}",
        shown(&chars[..head]),
        value.len(),
        shown(&chars[chars.len() - tail..])
    )
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn previews_show_at_most_a_quarter_of_a_value() {
        let key = format!("sk-p{}Q2", "x".repeat(42));
        assert_eq!(masked(key.as_bytes()), "sk-p…(48)…Q2");
        assert_eq!(masked(b"hunter22"), "h…(8)…");
        assert_eq!(masked(b"1234567"), "…(7)…");
        assert_eq!(masked(b""), "…(0)…");
        assert_eq!(masked(b"\xff\xfe"), "…(2 bytes, binary)…");
        assert_eq!(masked("ééééééééééééééé€€".as_bytes()), "éé…(36)…€");
    }
}
