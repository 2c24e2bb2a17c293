//! `.env` files, read the way python-dotenv 1.x reads them and written so that python-dotenv
//! (with its default variable expansion) and `sealbox import` both read back the exact strings.
//!
//! Reading follows python-dotenv's grammar: blank lines and `#` comments; an optional `export `
//! prefix; `KEY=value` where the value is single-quoted (only `\\` and `\'` are escapes),
//! double-quoted (escapes `\\ \' \" \a \b \f \n \r \t \v`; other backslashes stay literal) or
//! unquoted (cut at the first ` #`, surrounding whitespace trimmed); quoted values may span
//! lines. Like Python's text mode, `\r\n` and `\r` are read as `\n`. Then, as python-dotenv does
//! by default, `${NAME}` and `${NAME:-default}` in any value are replaced by an earlier entry's
//! value or the default.
//!
//! Where python-dotenv would warn and carry on, this parser refuses the whole file (import is
//! all or nothing): a line it cannot parse, a `KEY` without `=`, and a `${NAME}` with no
//! earlier entry and no default (python-dotenv would read the process environment, which is
//! never copied into the vault). Errors name the line and never quote a value.
//!
//! Writing uses double quotes. The two sequences python-dotenv cannot read back literally are
//! written through its expansion: `${` as `${:-$}{` (an empty name whose default is `$`), and a
//! final backslash, which would escape the closing quote, is followed by `${:-}` (empty).

use std::collections::HashMap;

use super::{EncodeError, Entry, FormatError, Record, Sink, encode_sized};
use crate::crypto::SecretBytes;

/// Parses a `.env` file. Every value is checked against `max_value_len` after expansion.
pub fn parse(input: &[u8], max_value_len: usize) -> Result<Vec<Entry>, FormatError> {
    let text = std::str::from_utf8(input).map_err(|err| FormatError {
        line: 1 + count_newlines(&input[..err.valid_up_to()]),
        message: "the file is not valid UTF-8 text".into(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let normalized = normalize_newlines(text);
    let text = std::str::from_utf8(normalized.expose()).expect("newline changes keep UTF-8");
    let raw = Parser {
        s: text,
        pos: 0,
        line: 1,
    }
    .entries()?;
    expand(raw, max_value_len)
}

/// Writes `KEY="value"` lines. Values must be UTF-8 text.
pub fn encode(records: &[Record]) -> Result<SecretBytes, EncodeError> {
    for record in records {
        let key = &record.key;
        if key.is_empty()
            || key.starts_with('\'')
            || key.chars().any(|c| c == '=' || c == '#' || is_space(c))
        {
            return Err(EncodeError::new(
                record,
                format!("{key:?} cannot be a key in a .env file"),
            ));
        }
        if std::str::from_utf8(record.value.expose()).is_err() {
            return Err(EncodeError::new(
                record,
                "the value is not UTF-8 text, which a .env file cannot hold; \
                 use --format shell, or --format json --binary base64",
            ));
        }
    }
    encode_sized(|sink| -> Result<(), EncodeError> {
        for record in records {
            sink.push(record.key.as_bytes());
            sink.push(b"=\"");
            escape(record.value.expose(), sink);
            sink.push(b"\"\n");
        }
        Ok(())
    })
}

fn escape(value: &[u8], sink: &mut Sink) {
    for (i, &byte) in value.iter().enumerate() {
        let escaped: &[u8] = match byte {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x07 => b"\\a",
            0x08 => b"\\b",
            0x0b => b"\\v",
            0x0c => b"\\f",
            b'$' if value.get(i + 1) == Some(&b'{') => b"${:-$}",
            _ => std::slice::from_ref(&value[i]),
        };
        sink.push(escaped);
    }
    if value.last() == Some(&b'\\') {
        sink.push(b"${:-}");
    }
}

/// Python's `str.isspace`, which its regex `\s` follows: Unicode White_Space plus the ASCII
/// information separators U+001C to U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

fn is_inline_space(c: char) -> bool {
    c != '\n' && is_space(c)
}

/// A key for an error message: only one that follows the naming rule is quoted, since in a
/// malformed file the text before an `=` can be part of a value.
fn shown(name: Option<&str>) -> &str {
    name.filter(|n| crate::name::is_valid(n))
        .unwrap_or("the entry")
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Python's universal newlines: `\r\n` and lone `\r` become `\n`.
fn normalize_newlines(text: &str) -> SecretBytes {
    let bytes = text.as_bytes();
    let mut out = SecretBytes::from_vec(Vec::with_capacity(bytes.len()));
    let buf = out.expose_vec_mut();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' {
            buf.push(b'\n');
            i += if bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        } else {
            buf.push(bytes[i]);
            i += 1;
        }
    }
    out
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
    line: usize,
}

impl Parser<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    /// Moves past `len` bytes, counting the lines they end.
    fn advance(&mut self, len: usize) {
        self.line += count_newlines(&self.rest().as_bytes()[..len]);
        self.pos += len;
    }

    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        let len = self.rest().find(|c| !keep(c)).unwrap_or(self.rest().len());
        self.advance(len);
    }

    fn entries(mut self) -> Result<Vec<Entry>, FormatError> {
        let mut entries = Vec::new();
        loop {
            self.skip_while(is_space);
            if self.pos == self.s.len() {
                return Ok(entries);
            }
            let line = self.line;
            let error = |message: String| FormatError { line, message };
            if let Some(after) = self.rest().strip_prefix("export")
                && after.starts_with(is_inline_space)
            {
                self.advance("export".len());
                self.skip_while(is_inline_space);
            }
            let name = self.name().map_err(|m| error(m.into()))?;
            self.skip_while(is_inline_space);
            let value = if self.peek() == Some('=') {
                self.advance(1);
                self.skip_while(is_inline_space);
                let what = shown(name.as_deref());
                Some(
                    self.value()
                        .map_err(|m| error(format!("the value of {what}: {m}")))?,
                )
            } else {
                None
            };
            let before_comment = self.pos;
            self.skip_while(is_inline_space);
            if self.peek() == Some('#') {
                self.skip_while(|c| c != '\n');
            } else {
                self.pos = before_comment;
            }
            self.skip_while(is_inline_space);
            match self.peek() {
                None | Some('\n') => self.skip_while(|c| c == '\n'),
                Some(_) => {
                    let what = match (&name, &value) {
                        (None, _) => "a comment",
                        (Some(name), Some(_)) => shown(Some(name)),
                        (Some(_), None) => "the first word",
                    };
                    return Err(error(format!(
                        "unexpected text after {what} (quote values that contain spaces followed by text)"
                    )));
                }
            }
            match (name, value) {
                (None, _) => {}
                // Not quoted: a line without '=' is as likely the middle of an unquoted
                // multi-line value (a PEM key, say) as a name.
                (Some(_), None) => {
                    return Err(error(
                        "the line has no '=' (write NAME= for an empty value, and quote values \
                         that span lines)"
                            .into(),
                    ));
                }
                (Some(name), Some(value)) => entries.push(Entry { name, value, line }),
            }
        }
    }

    /// The key: `None` at a comment.
    fn name(&mut self) -> Result<Option<String>, &'static str> {
        match self.peek() {
            Some('#') => Ok(None),
            Some('\'') => {
                let len = self.rest()[1..]
                    .find('\'')
                    .filter(|&len| len > 0)
                    .ok_or("expected a name after '")?;
                let name = self.rest()[1..1 + len].to_owned();
                self.advance(len + 2);
                Ok(Some(name))
            }
            _ => {
                let len = self
                    .rest()
                    .find(|c| c == '=' || c == '#' || is_space(c))
                    .unwrap_or(self.rest().len());
                if len == 0 {
                    return Err("expected a name");
                }
                let name = self.rest()[..len].to_owned();
                self.advance(len);
                Ok(Some(name))
            }
        }
    }

    fn value(&mut self) -> Result<SecretBytes, &'static str> {
        match self.peek() {
            Some(quote @ ('\'' | '"')) => {
                let len = closing_quote(&self.rest()[1..], quote).ok_or("unterminated quotes")?;
                let body = &self.rest()[1..1 + len];
                let value = if quote == '\'' {
                    unescape(body, |c| matches!(c, '\\' | '\'').then_some(c))
                } else {
                    unescape(body, double_quote_escape)
                };
                self.advance(len + 2);
                Ok(value)
            }
            None | Some('\n') => Ok(SecretBytes::from_vec(Vec::new())),
            Some(_) => {
                let len = self.rest().find('\n').unwrap_or(self.rest().len());
                let value = SecretBytes::copy_from(unquoted(&self.rest()[..len]).as_bytes());
                self.advance(len);
                Ok(value)
            }
        }
    }
}

/// The length of a quoted body (after its opening quote), matching python-dotenv's regex
/// `q((?:\\q|[^q])*)q`: `\q` is consumed as a pair, and if no unpaired quote follows, the
/// regex backtracks to the quote of the last pair.
fn closing_quote(body: &str, quote: char) -> Option<usize> {
    let bytes = body.as_bytes();
    let q = quote as u8;
    let mut last_pair = None;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\' && bytes.get(i + 1) == Some(&q) {
            last_pair = Some(i + 1);
            i += 2;
        } else if bytes[i] == q {
            return Some(i);
        } else {
            i += 1;
        }
    }
    last_pair
}

fn double_quote_escape(c: char) -> Option<char> {
    Some(match c {
        '\\' | '\'' | '"' => c,
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\x0b',
        _ => return None,
    })
}

/// Replaces `\c` where `decode(c)` knows `c`, left to right; other backslashes stay.
fn unescape(body: &str, decode: impl Fn(char) -> Option<char>) -> SecretBytes {
    let mut out = SecretBytes::from_vec(Vec::with_capacity(body.len()));
    let buf = out.expose_vec_mut();
    let mut chars = body.chars().peekable();
    let mut utf8 = [0; 4];
    while let Some(c) = chars.next() {
        let decoded = match (c, chars.peek().copied().and_then(&decode)) {
            ('\\', Some(d)) => {
                chars.next();
                d
            }
            _ => c,
        };
        buf.extend_from_slice(decoded.encode_utf8(&mut utf8).as_bytes());
    }
    out
}

/// An unquoted value: cut at the first `#` that follows whitespace, then right-trimmed.
fn unquoted(part: &str) -> &str {
    let mut run_start = None;
    let mut cut = part.len();
    for (i, c) in part.char_indices() {
        if is_space(c) {
            run_start.get_or_insert(i);
        } else if c == '#' && run_start.is_some() {
            cut = run_start.unwrap_or(i);
            break;
        } else {
            run_start = None;
        }
    }
    part[..cut].trim_end_matches(is_space)
}

/// How many maximal values `${...}` references may add to a file in total. Each value is
/// bounded on its own, but a small file can repeat one reference to a 1 MiB value on every
/// line, and memory would grow by 1 MiB a line.
const MAX_EXPANSION_VALUES: usize = 64;

/// Replaces `${NAME}` and `${NAME:-default}` with earlier entries' values.
fn expand(raw: Vec<Entry>, max_value_len: usize) -> Result<Vec<Entry>, FormatError> {
    let mut done: Vec<Entry> = Vec::with_capacity(raw.len());
    let mut latest: HashMap<String, usize> = HashMap::with_capacity(raw.len());
    let mut budget = max_value_len.saturating_mul(MAX_EXPANSION_VALUES);
    for entry in raw {
        let entry = if entry.value.expose().windows(2).any(|w| w == b"${") {
            let text = std::str::from_utf8(entry.value.expose()).expect("parsed from UTF-8");
            let value = encode_sized(|sink| {
                expand_value(text, &done, &latest, sink)?;
                match sink {
                    Sink::Count(len) if *len > max_value_len => Err(format!(
                        "is larger than {max_value_len} bytes once ${{...}} references are expanded"
                    )),
                    Sink::Count(len) if len.saturating_sub(text.len()) > budget => Err(format!(
                        "takes ${{...}} expansion in this file past {} bytes in all",
                        max_value_len.saturating_mul(MAX_EXPANSION_VALUES)
                    )),
                    _ => Ok(()),
                }
            })
            .map_err(|message| FormatError {
                line: entry.line,
                message: format!("the value of {} {message}", shown(Some(&entry.name))),
            })?;
            budget -= value.len().saturating_sub(entry.value.len());
            Entry { value, ..entry }
        } else {
            entry
        };
        latest.insert(entry.name.clone(), done.len());
        done.push(entry);
    }
    Ok(done)
}

fn expand_value(
    text: &str,
    done: &[Entry],
    latest: &HashMap<String, usize>,
    sink: &mut Sink,
) -> Result<(), String> {
    let mut stops = Stops::default();
    let mut pos = 0;
    while let Some(start) = text[pos..].find("${").map(|i| pos + i) {
        sink.push(&text.as_bytes()[pos..start]);
        match reference(text, start + 2, &mut stops) {
            Some((name, default, end)) => {
                match (latest.get(name), default) {
                    (Some(&index), _) => sink.push(done[index].value.expose()),
                    (None, Some(default)) => sink.push(default.as_bytes()),
                    // The reference is part of the value, so the message does not quote it.
                    (None, None) => {
                        return Err(
                            "refers with ${...} to a name not defined earlier in the file \
                             (sealbox does not copy environment variables into the vault; \
                             define it above or write the value out)"
                                .into(),
                        );
                    }
                }
                pos = end;
            }
            None => {
                sink.push(b"$");
                pos = start + 1;
            }
        }
    }
    sink.push(&text.as_bytes()[pos..]);
    Ok(())
}

/// Matches python-dotenv's `(?P<name>[^}:]*)(?::-(?P<default>[^}]*))?\}` at `at` (just after a
/// `${`); returns the name, the default and where the reference ends.
fn reference<'t>(
    text: &'t str,
    at: usize,
    stops: &mut Stops,
) -> Option<(&'t str, Option<&'t str>, usize)> {
    let name_end = Stops::next(&mut stops.name, text, at, &['}', ':'])?;
    let name = &text[at..name_end];
    if text[name_end..].starts_with('}') {
        return Some((name, None, name_end + 1));
    }
    let default_start = name_end + text[name_end..].strip_prefix(":-").map(|_| 2)?;
    let default_end = Stops::next(&mut stops.default, text, default_start, &['}'])?;
    Some((
        name,
        Some(&text[default_start..default_end]),
        default_end + 1,
    ))
}

/// The last answer of each search [`reference`] makes. References are looked up at increasing
/// positions, so an answer at or after the new position is still the answer, and "none" stays
/// none: each byte is scanned once, and a value full of unclosed `${` expands in linear time
/// rather than quadratic (a 40 KB line took a minute).
#[derive(Default)]
struct Stops {
    name: Option<Option<usize>>,
    default: Option<Option<usize>>,
}

impl Stops {
    fn next(
        cache: &mut Option<Option<usize>>,
        text: &str,
        from: usize,
        chars: &[char],
    ) -> Option<usize> {
        match *cache {
            Some(None) => return None,
            Some(Some(found)) if found >= from => return Some(found),
            _ => {}
        }
        let found = text[from..].find(chars).map(|i| from + i);
        *cache = Some(found);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse_ok(text: &str) -> Vec<(String, String)> {
        parse(text.as_bytes(), 1 << 20)
            .unwrap()
            .into_iter()
            .map(|e| {
                (
                    e.name,
                    String::from_utf8(e.value.expose().to_vec()).unwrap(),
                )
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_the_python_dotenv_grammar() {
        let text = "# comment\n\
                    \n\
                    export A=plain value  # trailing comment\n\
                    B='single $x \\' \\n'\n\
                    C=\"double \\\"q\\\" \\n\\t \\$ \\x\"\n\
                    D=\"multi\nline\"  # c\n\
                    E=\n\
                    F=a#b\n\
                    G = spaced\n\
                    'H'=quoted key\r\n\
                    I=${A}-${NOPE:-def}-${ broken\n";
        assert_eq!(
            parse_ok(text),
            pairs(&[
                ("A", "plain value"),
                ("B", "single $x ' \\n"),
                ("C", "double \"q\" \n\t \\$ \\x"),
                ("D", "multi\nline"),
                ("E", ""),
                ("F", "a#b"),
                ("G", "spaced"),
                ("H", "quoted key"),
                ("I", "plain value-def-${ broken"),
            ])
        );
    }

    #[test]
    fn a_quote_escape_at_the_end_backtracks_like_the_regex() {
        assert_eq!(parse_ok("A=\"x\\\\\"\n"), pairs(&[("A", "x\\")]));
        assert_eq!(parse_ok("A='it\\'s'"), pairs(&[("A", "it's")]));
    }

    #[test]
    fn errors_name_the_line_and_never_the_value() {
        let cases = [
            ("A=1\nB=\"unterminated s3cret\n", 2),
            ("A=1\n\nB s3cret\n", 3),
            ("A=1\nNOVALUE\n", 2),
            ("A=\"s3cret\"junk\n", 1),
            ("A=${UNDEFINED}s3cret\n", 1),
            ("=s3cret\n", 1),
            // An unquoted multi-line value: its second line must not be quoted as a name.
            ("K=-----BEGIN-----\nMIIs3cret\n-----END-----\n", 2),
            ("K=-----BEGIN-----\nMIIs3cret and more\n", 2),
            ("K=1\ns3cret+/x=\"open\n", 2),
            ("K=1\ns3cret+/x=${UNDEFINED}\n", 2),
        ];
        for (text, line) in cases {
            let err = parse(text.as_bytes(), 1 << 20).unwrap_err();
            assert_eq!(err.line, line, "{text:?}: {err}");
            assert!(!err.to_string().contains("s3cret"), "{err}");
            assert!(!err.to_string().contains("UNDEFINED"), "{err}");
        }
        let err = parse(b"A=1\nB=\xff\n", 1 << 20).unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn expansion_is_bounded() {
        let mut text = String::from("A=0123456789\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "A".into()
            } else {
                format!("B{}", i - 1)
            };
            text.push_str(&format!("B{i}=${{{prev}}}${{{prev}}}\n"));
        }
        let err = parse(text.as_bytes(), 10_000).unwrap_err();
        assert!(err.message.contains("larger than"), "{err}");
    }

    #[test]
    fn expansion_in_all_is_bounded() {
        // Each value is within the limit, but together they would take 300 times one value.
        let mut text = format!("A={}\n", "x".repeat(100));
        for i in 0..300 {
            text.push_str(&format!("B{i}=${{A}}\n"));
        }
        let err = parse(text.as_bytes(), 100).unwrap_err();
        assert!(err.message.contains("in all"), "{err}");
        // Each ${A} adds 96 bytes; the line after the budget of 64 values of 100 bytes fails.
        let fit = MAX_EXPANSION_VALUES * 100 / 96;
        assert_eq!(err.line, 2 + fit);
        let ok: String = text
            .lines()
            .take(1 + fit)
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(parse(ok.as_bytes(), 100).unwrap().len(), 1 + fit);
    }

    #[test]
    fn unclosed_references_expand_in_linear_time() {
        // Hundreds of thousands of `${` with no closing `}`: each is kept as text, and quadratic
        // scanning (as before) would take hours rather than moments.
        for unclosed in ["${".repeat(200_000), "${Z:-".repeat(100_000)] {
            let text = format!("A=x\nB={unclosed}\n");
            let parsed = parse(text.as_bytes(), 1 << 20).unwrap();
            assert_eq!(parsed[1].value.expose(), unclosed.as_bytes());
        }
    }

    fn record(key: &str, value: &str) -> Record {
        Record {
            key: key.into(),
            secret: key.into(),
            value: SecretBytes::copy_from(value.as_bytes()),
        }
    }

    #[test]
    fn encodes_the_hard_cases() {
        let out = encode(&[record("A", "${X} $ \\"), record("B", "")]).unwrap();
        assert_eq!(
            std::str::from_utf8(out.expose()).unwrap(),
            "A=\"${:-$}{X} $ \\\\${:-}\"\nB=\"\"\n"
        );
        assert!(encode(&[record("A B", "x")]).is_err());
        let binary = Record {
            value: SecretBytes::copy_from(b"\xffsecret"),
            ..record("BIN", "")
        };
        assert_eq!(encode(&[binary]).unwrap_err().secret, "BIN");
    }

    proptest! {
        #[test]
        fn encode_then_parse_round_trips(values in proptest::collection::vec("(\\PC|[\\n\\r\\t\\x07\\x0b\\x0c\\\\\"'$#{} =])*", 1..5)) {
            let records: Vec<Record> = values
                .iter()
                .enumerate()
                .map(|(i, v)| record(&format!("K{i}"), v))
                .collect();
            let text = encode(&records).unwrap();
            let parsed = parse(text.expose(), 1 << 20).unwrap();
            let got: Vec<String> = parsed
                .iter()
                .map(|e| String::from_utf8(e.value.expose().to_vec()).unwrap())
                .collect();
            prop_assert_eq!(got, values);
        }
    }
}
