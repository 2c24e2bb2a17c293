//! The forms a secret value takes when a program prints it: hex, base64 (both alphabets, with
//! and without padding, and at each of the three offsets it can have inside a longer base64
//! text), URL percent-encoding, and JSON and shell string escapes.
//!
//! Every form is built into a zeroizing buffer allocated once at its final size, since each is
//! as secret as the value. Forms that equal the raw value are left out by the caller.

use zeroize::Zeroizing;

/// One encoded form of a value, and what to call it in a report.
pub struct Form {
    pub encoding: &'static str,
    pub bytes: Zeroizing<Vec<u8>>,
}

const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn buffer(len: usize) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(Vec::with_capacity(len))
}

/// Hex, lower or upper case.
pub fn hex(value: &[u8], upper: bool) -> Zeroizing<Vec<u8>> {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = buffer(value.len() * 2);
    for &b in value {
        out.push(digits[usize::from(b >> 4)]);
        out.push(digits[usize::from(b & 15)]);
    }
    out
}

/// Base64 of `value` in `alphabet`; the last group padded with `=` when `pad`, and left out
/// entirely when `whole_groups` (its characters depend on what follows the value).
fn base64(value: &[u8], alphabet: &[u8; 64], pad: bool, whole_groups: bool) -> Zeroizing<Vec<u8>> {
    let mut out = buffer(value.len().div_ceil(3) * 4);
    for chunk in value.chunks(3) {
        if whole_groups && chunk.len() < 3 {
            break;
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize]);
        }
        if pad {
            out.extend(std::iter::repeat_n(b'=', 3 - chunk.len()));
        }
    }
    out
}

/// Every base64 form of `value`: the whole encoding padded and not, in both alphabets, and the
/// whole groups the value makes wherever it starts inside longer base64 data. A value at an
/// offset of 1 or 2 (mod 3) shares its first group with bytes before it, so its whole groups
/// start after the first 2 or 1 of its bytes.
pub fn base64_forms(value: &[u8], out: &mut Vec<Form>) {
    for (alphabet, name) in [(STD, "base64"), (URL, "base64url")] {
        out.push(Form {
            encoding: name,
            bytes: base64(value, alphabet, true, false),
        });
        out.push(Form {
            encoding: name,
            bytes: base64(value, alphabet, false, false),
        });
        for skip in [0, 2, 1] {
            if let Some(rest) = value.get(skip..) {
                out.push(Form {
                    encoding: name,
                    bytes: base64(rest, alphabet, false, true),
                });
            }
        }
    }
}

/// Which bytes a percent-encoder leaves as they are, besides letters and digits, and whether
/// it writes a space as `+`: the styles libraries actually use.
pub const PERCENT_STYLES: &[(&[u8], bool)] = &[
    // RFC 3986 unreserved (curl --data-urlencode, strict encoders).
    (b"-_.~", false),
    // JavaScript's encodeURIComponent.
    (b"-_.!~*'()", false),
    // Python's urllib.parse.quote (its default keeps /).
    (b"-_.~/", false),
    // HTML forms: URLSearchParams, Python's urlencode and quote_plus, Go's QueryEscape.
    (b"-_.*", true),
    (b"-_.~", true),
];

/// URL percent-encoding of `value`: every byte but letters, digits and `keep` as `%XX`, in
/// upper or lower case hex, and a space as `+` when `plus`.
pub fn percent(value: &[u8], keep: &[u8], plus: bool, upper: bool) -> Zeroizing<Vec<u8>> {
    let digits: &[u8; 16] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut out = buffer(value.len() * 3);
    for &b in value {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b);
        } else if b == b' ' && plus {
            out.push(b'+');
        } else {
            out.extend([
                b'%',
                digits[usize::from(b >> 4)],
                digits[usize::from(b & 15)],
            ]);
        }
    }
    out
}

/// How a JSON serialiser escapes beyond `"`, `\` and control characters.
#[derive(Clone, Copy)]
pub struct JsonStyle {
    /// `/` as `\/` (PHP, some Java libraries).
    pub slash: bool,
    /// Every non-ASCII character as `\uXXXX` (Python's `json.dumps` by default).
    pub ascii: bool,
    /// `<`, `>` and `&` as `\u003c`... (Go's `json.Marshal` by default).
    pub html: bool,
}

/// The styles tried: plain (serde, JavaScript), each of the others, and Go's with Python's.
pub const JSON_STYLES: &[JsonStyle] = &[
    JsonStyle {
        slash: false,
        ascii: false,
        html: false,
    },
    JsonStyle {
        slash: true,
        ascii: false,
        html: false,
    },
    JsonStyle {
        slash: false,
        ascii: true,
        html: false,
    },
    JsonStyle {
        slash: false,
        ascii: false,
        html: true,
    },
    JsonStyle {
        slash: false,
        ascii: true,
        html: true,
    },
];

/// The inside of a JSON string holding `value` (UTF-8 only), as a serialiser of `style`
/// writes it: `"` and `\` escaped, control characters as `\n`, `\t`... or `\u00XX`.
pub fn json(value: &[u8], style: JsonStyle) -> Option<Zeroizing<Vec<u8>>> {
    let text = std::str::from_utf8(value).ok()?;
    let mut out = buffer(value.len() * 12);
    let unicode = |out: &mut Zeroizing<Vec<u8>>, c: char| {
        let mut units = [0u16; 2];
        for unit in c.encode_utf16(&mut units) {
            out.extend_from_slice(b"\\u");
            out.extend_from_slice(&hex(&unit.to_be_bytes(), false));
        }
    };
    for c in text.chars() {
        let mut utf8 = [0; 4];
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '/' if style.slash => out.extend_from_slice(b"\\/"),
            '<' | '>' | '&' if style.html => unicode(&mut out, c),
            c if style.ascii && !c.is_ascii() => unicode(&mut out, c),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            c if (c as u32) < 0x20 => {
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&hex(&[c as u8], false));
            }
            c => out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes()),
        }
    }
    Some(out)
}

/// The value as a shell writes it inside single quotes (`'` as `'\''`), or inside double
/// quotes (`\`, `"`, `$` and `` ` `` escaped with a backslash).
pub fn shell(value: &[u8], double: bool) -> Zeroizing<Vec<u8>> {
    let mut out = buffer(value.len() * 4);
    for &b in value {
        match b {
            b'\'' if !double => out.extend_from_slice(b"'\\''"),
            b'\\' | b'"' | b'$' | b'`' if double => out.extend_from_slice(&[b'\\', b]),
            b => out.push(b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_match_their_definitions() {
        assert_eq!(&*hex(b"\x00\xab", false), b"00ab");
        assert_eq!(&*hex(b"\x00\xab", true), b"00AB");
        assert_eq!(&*base64(b"hello", STD, true, false), b"aGVsbG8=");
        assert_eq!(&*base64(b"hello", STD, false, false), b"aGVsbG8");
        assert_eq!(&*base64(b"hello", STD, false, true), b"aGVs");
        assert_eq!(&*base64(b"\xfb\xff\xfe", URL, true, false), b"-__-");
        assert_eq!(&*percent(b"a b/c~", b"-_.~", false, true), b"a%20b%2Fc~");
        assert_eq!(&*percent(b"/", b"-_.~", false, false), b"%2f");
        assert_eq!(
            &*percent(b"P@ss!(1)*", b"-_.!~*'()", false, true),
            b"P%40ss!(1)*"
        );
        assert_eq!(&*percent(b"a b*", b"-_.*", true, true), b"a+b*");
        let plain = JSON_STYLES[0];
        assert_eq!(
            &*json(b"a\"b\\c/\n\x01", plain).unwrap(),
            b"a\\\"b\\\\c/\\n\\u0001"
        );
        assert_eq!(&*json(b"a/b", JSON_STYLES[1]).unwrap(), b"a\\/b");
        assert_eq!(
            &*json("caf\u{e9}\u{1f600}".as_bytes(), JSON_STYLES[2]).unwrap(),
            b"caf\\u00e9\\ud83d\\ude00"
        );
        assert_eq!(
            &*json(b"a&b<c>", JSON_STYLES[3]).unwrap(),
            b"a\\u0026b\\u003cc\\u003e"
        );
        assert!(json(b"\xff", plain).is_none());
        assert_eq!(&*shell(b"it's", false), b"it'\\''s");
        assert_eq!(&*shell(b"$x\"", true), b"\\$x\\\"");
    }

    #[test]
    fn a_value_inside_longer_base64_is_found_at_every_offset() {
        let secret = b"correct horse battery staple";
        let mut forms = Vec::new();
        base64_forms(secret, &mut forms);
        for before in 0..3 {
            for after in 0..3 {
                let blob = [&b"xyz"[..before], secret, &b"uvw"[..after]].concat();
                let encoded = base64(&blob, STD, true, false);
                assert!(
                    forms.iter().any(|f| f.encoding == "base64"
                        && encoded.windows(f.bytes.len()).any(|w| w == &f.bytes[..])),
                    "{before} bytes before, {after} after"
                );
            }
        }
    }
}
