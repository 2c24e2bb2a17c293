//! Writing results: data on stdout, messages on stderr, JSON when asked.
//!
//! stdout carries data only, so a pipeline never sees a message mixed into a value. Text that
//! came from the vault (names, descriptions) is sanitised of control characters before it is
//! shown, since a vault file may have been written by someone else.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

use serde::Serialize;

/// How a command should talk: `--json` and `--quiet`.
#[derive(Clone, Copy, Debug)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
}

impl Output {
    /// An informational message on stderr, unless `--quiet`.
    pub fn info(&self, message: impl Display) {
        if !self.quiet {
            let _ = writeln!(io::stderr().lock(), "{}", sanitize(&message.to_string()));
        }
    }

    /// A warning on stderr, unless `--quiet`. A user who passes `--quiet` has asked for errors
    /// only: in CI a vault checked out by git is 0644, and the same warning on every call is
    /// noise there. Errors are printed by `error::report`, which `--quiet` never silences.
    pub fn warn(&self, message: impl Display) {
        if !self.quiet {
            let _ = writeln!(
                io::stderr().lock(),
                "warning: {}",
                sanitize(&message.to_string())
            );
        }
    }

    /// Writes `value` as one JSON document and a newline on stdout.
    pub fn print_json(&self, value: &impl Serialize) -> io::Result<()> {
        // Serialise into memory first: stdout is line-buffered, and serde_json's many small
        // writes would each pay for a newline search.
        let mut text = serde_json::to_vec(value)?;
        text.push(b'\n');
        let mut out = io::stdout().lock();
        out.write_all(&text)?;
        out.flush()
    }
}

/// Writes data that holds no secret (a table, a report, a script) to stdout in one write.
pub fn print_text(text: impl AsRef<[u8]>) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_ref())?;
    out.flush()
}

/// The plural suffix for a count: "" for one, "s" otherwise.
pub fn plural<N: PartialEq + From<u8>>(count: N) -> &'static str {
    if count == N::from(1) { "" } else { "s" }
}

/// Writes bytes that hold secret values to stdout in one go, bypassing std's stdout buffer,
/// which would keep an unzeroized copy of them.
pub fn write_secret(bytes: &[u8]) -> io::Result<()> {
    use std::os::fd::AsFd;
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    lock.flush()?;
    let mut direct = std::fs::File::from(lock.as_fd().try_clone_to_owned()?);
    direct.write_all(bytes)?;
    Ok(())
}

/// Whether stdout is a terminal (rather than a pipe or a file).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Replaces control characters with `\u{..}` escapes so text cannot drive a terminal.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        assert_eq!(sanitize("plain name"), "plain name");
        assert_eq!(sanitize("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("bell\x07"), "bell\\u{7}");
    }
}
