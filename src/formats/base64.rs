//! Standard base64 (RFC 4648, with padding) for `export --format json --binary base64` and its
//! import. Hand-written because it is short and must decode straight into a buffer sized in
//! advance.

use super::Sink;
use crate::crypto::SecretBytes;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Writes `bytes` as base64.
pub fn encode(bytes: &[u8], sink: &mut Sink) {
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        let mut quad = [b'='; 4];
        for (i, out) in quad.iter_mut().enumerate().take(chunk.len() + 1) {
            *out = ALPHABET[(n >> (18 - 6 * i) & 63) as usize];
        }
        sink.push(&quad);
    }
}

/// Decodes padded base64; `None` if `text` is not exactly that.
pub fn decode(text: &[u8]) -> Option<SecretBytes> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let padding = text.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return None;
    }
    let mut out = SecretBytes::from_vec(Vec::with_capacity(text.len() / 4 * 3 - padding));
    let buf = out.expose_vec_mut();
    let data_len = text.len() - padding;
    for (index, quad) in text.chunks(4).enumerate() {
        let mut n = 0u32;
        let mut present = 0;
        for (i, &c) in quad.iter().enumerate() {
            let value = if index * 4 + i >= data_len {
                0
            } else {
                present += 1;
                u32::from(sextet(c)?)
            };
            n = n << 6 | value;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = present * 6 / 8;
        // Bits below the last whole byte must be zero, or two texts would decode to one value.
        if keep < 3 && n & (0xff_ffff >> (keep * 8)) != 0 {
            return None;
        }
        buf.extend_from_slice(&bytes[..keep]);
    }
    Some(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::encode_sized;
    use proptest::prelude::*;

    fn enc(bytes: &[u8]) -> Vec<u8> {
        encode_sized(|sink| -> Result<(), ()> {
            encode(bytes, sink);
            Ok(())
        })
        .unwrap()
        .expose()
        .to_vec()
    }

    #[test]
    fn rfc4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(enc(plain.as_bytes()), coded.as_bytes());
            assert_eq!(decode(coded.as_bytes()).unwrap().expose(), plain.as_bytes());
        }
        for bad in ["Zg=", "Zg===", "Z===", "Zh==", "Zm9v!A==", "Zg==Zg=="] {
            assert!(decode(bad.as_bytes()).is_none(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..100)) {
            let coded = enc(&bytes);
            let decoded = decode(&coded).unwrap();
            prop_assert_eq!(decoded.expose(), &bytes[..]);
        }
    }
}
