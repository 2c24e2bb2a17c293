//! A JSON object whose members are all strings: `{"NAME": "value", ...}`.
//!
//! Hand-written rather than going through serde_json, whose string decoding uses an internal
//! scratch buffer that is neither sized in advance nor zeroized. Each value's decoded length is
//! bounded by its encoded length, so its buffer is allocated once before decoding.

use super::{EncodeError, Entry, FormatError, Record, Sink, base64, encode_sized};
use crate::crypto::SecretBytes;

/// How `encode_object` writes values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    /// Values must be UTF-8 text; anything else is an error naming the secret.
    Refuse,
    /// Every value is written as standard base64 of its bytes.
    Base64,
}

/// Writes `{"KEY": "value", ...}`, one member per line, in the order given.
///
/// Strings are escaped by serde_json writing straight into the sized buffer, so no intermediate
/// copy of a value is made.
pub fn encode_object(records: &[Record], binary: Binary) -> Result<SecretBytes, EncodeError> {
    if binary == Binary::Refuse
        && let Some(record) = records
            .iter()
            .find(|r| std::str::from_utf8(r.value.expose()).is_err())
    {
        return Err(EncodeError::new(
            record,
            "the value is not UTF-8 text, which a JSON string cannot hold; pass --binary base64",
        ));
    }
    encode_sized(|sink| -> Result<(), EncodeError> {
        sink.push(b"{");
        for (index, record) in records.iter().enumerate() {
            sink.push(if index == 0 { b"\n  " } else { b",\n  " });
            json_string(sink, &record.key);
            sink.push(b": ");
            match binary {
                Binary::Refuse => {
                    let text = std::str::from_utf8(record.value.expose()).expect("checked above");
                    json_string(sink, text);
                }
                Binary::Base64 => {
                    sink.push(b"\"");
                    base64::encode(record.value.expose(), sink);
                    sink.push(b"\"");
                }
            }
        }
        sink.push(if records.is_empty() { b"}\n" } else { b"\n}\n" });
        Ok(())
    })
}

fn json_string(sink: &mut Sink, text: &str) {
    serde_json::to_writer(sink, text).expect("writing a string to memory cannot fail");
}

/// Parses a JSON object of strings. Names are returned undecided; the caller validates them.
pub fn parse_object(input: &[u8]) -> Result<Vec<Entry>, FormatError> {
    let mut parser = Parser {
        input,
        pos: 0,
        line: 1,
    };
    let entries = parser.object()?;
    parser.whitespace();
    if parser.pos < input.len() {
        return Err(parser.error("unexpected content after the closing '}'"));
    }
    Ok(entries)
}

struct Parser<'a> {
    input: &'a [u8],
    pos: usize,
    line: usize,
}

impl Parser<'_> {
    fn error(&self, message: impl Into<String>) -> FormatError {
        FormatError {
            line: self.line,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), FormatError> {
        self.whitespace();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected {what}")))
        }
    }

    fn object(&mut self) -> Result<Vec<Entry>, FormatError> {
        self.expect(b'{', "a JSON object '{'")?;
        let mut entries = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(entries);
        }
        loop {
            self.whitespace();
            let line = self.line;
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted name"));
            }
            // Names are not secret: they are stored in clear.
            let name =
                String::from_utf8(self.string()?.expose().to_vec()).expect("string() checks UTF-8");
            self.expect(b':', "':' after a name")?;
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error(format!("the value of {name} must be a string")));
            }
            let value = self.string().map_err(|err| FormatError {
                message: format!("in the value of {name}: {}", err.message),
                ..err
            })?;
            entries.push(Entry { name, value, line });
            self.whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(entries);
                }
                _ => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    /// Decodes the string starting at the opening quote into a buffer sized to its encoding.
    fn string(&mut self) -> Result<SecretBytes, FormatError> {
        self.pos += 1;
        let start = self.pos;
        let mut end = start;
        while end < self.input.len() && self.input[end] != b'"' {
            end += if self.input[end] == b'\\' { 2 } else { 1 };
        }
        if end >= self.input.len() {
            return Err(self.error("unterminated string"));
        }
        let mut out = SecretBytes::from_vec(Vec::with_capacity(end - start));
        let buf = out.expose_vec_mut();
        while self.pos < end {
            let b = self.input[self.pos];
            self.pos += 1;
            match b {
                b'\\' => self.escape(buf)?,
                0x00..=0x1f => {
                    return Err(self.error("control character inside a string (escape it)"));
                }
                _ => buf.push(b),
            }
        }
        self.pos = end + 1;
        if std::str::from_utf8(out.expose()).is_err() {
            return Err(self.error("string is not valid UTF-8"));
        }
        Ok(out)
    }

    fn escape(&mut self, buf: &mut Vec<u8>) -> Result<(), FormatError> {
        let b = self
            .peek()
            .ok_or_else(|| self.error("unterminated escape"))?;
        self.pos += 1;
        let simple = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let c = self.unicode_escape()?;
                let mut utf8 = [0; 4];
                buf.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                return Ok(());
            }
            _ => return Err(self.error("invalid escape sequence")),
        };
        buf.push(simple);
        Ok(())
    }

    fn unicode_escape(&mut self) -> Result<char, FormatError> {
        let high = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&high) {
            if self.input.get(self.pos..self.pos + 2) != Some(b"\\u") {
                return Err(self.error("unpaired UTF-16 surrogate in \\u escape"));
            }
            self.pos += 2;
            let low = self.hex4()?;
            if !(0xDC00..0xE000).contains(&low) {
                return Err(self.error("unpaired UTF-16 surrogate in \\u escape"));
            }
            0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else {
            high
        };
        char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))
    }

    fn hex4(&mut self) -> Result<u32, FormatError> {
        let digits = self
            .input
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("short \\u escape"))?;
        let text = std::str::from_utf8(digits)
            .ok()
            .filter(|t| t.bytes().all(|b| b.is_ascii_hexdigit()));
        let value = text
            .and_then(|t| u32::from_str_radix(t, 16).ok())
            .ok_or_else(|| self.error("invalid \\u escape"))?;
        self.pos += 4;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(text: &str) -> Result<Vec<(String, Vec<u8>)>, FormatError> {
        parse_object(text.as_bytes()).map(|entries| {
            entries
                .into_iter()
                .map(|e| (e.name, e.value.expose().to_vec()))
                .collect()
        })
    }

    #[test]
    fn decodes_escapes() {
        let parsed = parse(r#"{"A": "x\"y\\z\n\u00e9\ud83d\ude00", "B": ""}"#).unwrap();
        assert_eq!(
            parsed,
            vec![
                ("A".into(), "x\"y\\z\né😀".as_bytes().to_vec()),
                ("B".into(), vec![])
            ]
        );
        assert_eq!(parse("{}").unwrap(), vec![]);
    }

    #[test]
    fn errors_name_the_line_and_never_the_value() {
        let err = parse("{\n\"A\": \"ok\",\n\"B\": 42\n}").unwrap_err();
        assert_eq!(
            err,
            FormatError {
                line: 3,
                message: "the value of B must be a string".into()
            }
        );
        let err = parse("{\"A\": \"sup3rs3cret\\q\"}").unwrap_err();
        assert!(!err.to_string().contains("sup3rs3cret"));
        for bad in [
            "",
            "[]",
            "{\"A\": \"x\",}",
            "{\"A\" \"x\"}",
            "{\"A\": \"x\"} extra",
            "{\"A\": \"\\ud800\"}",
            "{\"A\": \"a\nb\"}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    fn record(key: &str, value: &[u8]) -> Record {
        Record {
            key: key.into(),
            secret: key.into(),
            value: SecretBytes::copy_from(value),
        }
    }

    #[test]
    fn encodes_an_object_that_serde_json_reads_back() {
        let records = [record("A", "q\"\\\n\u{1}é".as_bytes()), record("B.c", b"")];
        let out = encode_object(&records, Binary::Refuse).unwrap();
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_slice(out.expose()).unwrap();
        assert_eq!(map["A"], "q\"\\\n\u{1}é");
        assert_eq!(map["B.c"], "");
        assert_eq!(
            encode_object(&[], Binary::Refuse).unwrap().expose(),
            b"{}\n"
        );
    }

    #[test]
    fn binary_values_need_base64() {
        let records = [record("BIN", b"\xff\x00secret")];
        let err = encode_object(&records, Binary::Refuse).unwrap_err();
        assert_eq!(err.secret, "BIN");
        let out = encode_object(&records, Binary::Base64).unwrap();
        assert_eq!(out.expose(), b"{\n  \"BIN\": \"/wBzZWNyZXQ=\"\n}\n");
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json(map in proptest::collection::btree_map("[A-Z_]{1,8}", "\\PC*", 0..5)) {
            let text = serde_json::to_string(&map).unwrap();
            let parsed = parse(&text).unwrap();
            let expected: Vec<(String, Vec<u8>)> = map.into_iter().map(|(k, v)| (k, v.into_bytes())).collect();
            prop_assert_eq!(parsed, expected);
        }
    }
}
