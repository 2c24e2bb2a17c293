//! Writing results: data on stdout, messages on stderr, JSON when asked.
//!
//! stdout carries data only, so a pipeline never sees a message mixed into a value. Text that
//! came from the vault or the command line (names, labels, descriptions, paths) goes through
//! [`sanitize`] before it is shown, since a vault file may have been written by someone else: a
//! name holding a newline or a right-to-left override could otherwise forge or disguise a line
//! of a report. Tables are padded by hand rather than with a runtime `{:width$}`, which panics
//! past 65,535, and no column grows wider than [`MAX_COLUMN`].

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

/// Whether [`sanitize`] escapes `c`: control characters (newlines and tabs included), the
/// bidirectional controls that reorder what a terminal shows (U+061C, U+200E, U+200F,
/// U+202A-U+202E, U+2066-U+2069), characters that show as nothing (U+200B-U+200D,
/// U+2060-U+2064, U+FEFF), and the Unicode line and paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// The one way text that came from outside sealbox (the vault file, arguments, paths) is shown
/// on a terminal or a line of stdout: every [`is_unsafe_char`] becomes a `\u{..}` escape, so
/// the text stays on one line and shows what it holds.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The widest a padded table column gets. A longer cell overflows its column rather than
/// widening it, so one long name does not push every other row off the screen.
pub const MAX_COLUMN: usize = 64;

/// The width of a column with `header` over `cells` (already sanitised): the widest of them,
/// in characters, at most [`MAX_COLUMN`].
pub fn column_width<'a>(header: &str, cells: impl IntoIterator<Item = &'a str>) -> usize {
    cells
        .into_iter()
        .map(|cell| cell.chars().count())
        .fold(header.chars().count(), usize::max)
        .min(MAX_COLUMN)
}

/// `text` followed by spaces up to `width` characters; unchanged when it is already as wide.
pub fn pad(text: &str, width: usize) -> String {
    let len = text.chars().count();
    let mut out = String::with_capacity(text.len() + width.saturating_sub(len));
    out.push_str(text);
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(len)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_characters() {
        assert_eq!(sanitize("plain name"), "plain name");
        assert_eq!(sanitize("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(sanitize("bell\x07"), "bell\\u{7}");
        assert_eq!(sanitize("two\nlines\ttab"), "two\\u{a}lines\\u{9}tab");
    }

    #[test]
    fn escapes_bidi_controls_and_invisible_characters() {
        assert_eq!(sanitize("a\u{202e}b"), "a\\u{202e}b");
        for c in [
            '\u{061C}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2028}',
            '\u{2029}', '\u{202A}', '\u{202E}', '\u{2060}', '\u{2066}', '\u{2069}', '\u{FEFF}',
        ] {
            assert!(is_unsafe_char(c), "{c:?}");
            assert!(!sanitize(&format!("x{c}y")).contains(c), "{c:?}");
        }
        for c in ['a', ' ', '\u{e9}', '\u{a0}', '\u{2030}', '\u{1f600}'] {
            assert!(!is_unsafe_char(c), "{c:?}");
        }
    }

    #[test]
    fn padding_is_by_characters_and_columns_are_capped() {
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("\u{e9}", 2), "\u{e9} ");
        assert_eq!(pad("abcdef", 3), "abcdef");
        assert_eq!(column_width("NAME", ["a", "abcdefg"]), 7);
        assert_eq!(column_width("NAME", ["a"]), 4);
        let long = "x".repeat(100_000);
        assert_eq!(column_width("NAME", [long.as_str()]), MAX_COLUMN);
    }
}
