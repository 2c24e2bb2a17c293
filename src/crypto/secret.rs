//! Types that hold secret bytes: plaintext values, passphrases and 256-bit keys.
//!
//! Invariants: none of these types is `Clone` or `Copy`, their `Debug` output never contains the
//! bytes, they are zeroized when dropped, and the bytes are reached only through an explicit
//! `expose*` call so that every use is visible in review. Buffers are sized before they are
//! filled and never grown afterwards, because a reallocating `Vec` leaves an unzeroized copy
//! behind in the allocator.

use std::fmt;

use zeroize::{Zeroize, Zeroizing};

use super::Error;

/// Length in bytes of every key sealbox uses (vault key, data keys, derived keys, raw credentials).
pub const KEY_LEN: usize = 32;

/// Secret bytes of any length: a plaintext value or a passphrase.
pub struct SecretBytes(Zeroizing<Vec<u8>>);

impl SecretBytes {
    /// Takes ownership of a buffer that already holds secret bytes.
    ///
    /// The caller is responsible for not having grown it after the secret was written into it.
    pub fn from_vec(bytes: Vec<u8>) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// Copies `bytes` into a buffer allocated once at the exact size.
    pub fn copy_from(bytes: &[u8]) -> Self {
        let mut buf = Vec::with_capacity(bytes.len());
        buf.extend_from_slice(bytes);
        Self::from_vec(buf)
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }

    /// Mutable access for in-place work (decryption, un-padding) that never grows the buffer.
    pub(crate) fn expose_vec_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Shortens the secret in place; the removed tail is zeroized.
    pub fn truncate(&mut self, len: usize) {
        if len < self.0.len() {
            self.0[len..].zeroize();
            self.0.truncate(len);
        }
    }
}

impl fmt::Debug for SecretBytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretBytes([redacted])")
    }
}

impl PartialEq for SecretBytes {
    /// Constant-time comparison, so comparing two typed entries leaks nothing through timing.
    fn eq(&self, other: &Self) -> bool {
        use subtle_eq::ct_eq;
        ct_eq(self.expose(), other.expose())
    }
}

/// A 256-bit key. Boxed so that moving a `Key` moves a pointer, not the key bytes: a by-value
/// move of an array would leave copies on the stack that nothing zeroizes.
pub struct Key(Box<[u8; KEY_LEN]>);

impl Key {
    /// Builds a key by letting `fill` write directly into its final location.
    pub(crate) fn fill_with(fill: impl FnOnce(&mut [u8; KEY_LEN])) -> Self {
        let mut key = Self(Box::new([0; KEY_LEN]));
        fill(&mut key.0);
        key
    }

    /// A fresh key from the operating system's random number generator.
    pub fn random() -> Self {
        Self::fill_with(|bytes| super::fill_random(bytes))
    }

    /// Parses 64 hexadecimal characters, ignoring surrounding ASCII whitespace.
    pub fn from_hex(text: &[u8]) -> Result<Self, Error> {
        let text = text.trim_ascii();
        if text.len() != 2 * KEY_LEN {
            return Err(Error::MalformedKey);
        }
        let mut bad = false;
        let key = Self::fill_with(|bytes| {
            for (byte, pair) in bytes.iter_mut().zip(text.chunks_exact(2)) {
                match (hex_value(pair[0]), hex_value(pair[1])) {
                    (Some(hi), Some(lo)) => *byte = hi << 4 | lo,
                    _ => bad = true,
                }
            }
        });
        if bad {
            Err(Error::MalformedKey)
        } else {
            Ok(key)
        }
    }

    /// The key as 64 lowercase hexadecimal characters.
    pub fn to_hex(&self) -> SecretBytes {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = Vec::with_capacity(2 * KEY_LEN);
        for byte in self.0.iter() {
            out.push(DIGITS[usize::from(byte >> 4)]);
            out.push(DIGITS[usize::from(byte & 0x0f)]);
        }
        SecretBytes::from_vec(out)
    }

    pub fn expose(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl PartialEq for Key {
    /// Constant-time comparison, like [`SecretBytes`].
    fn eq(&self, other: &Self) -> bool {
        subtle_eq::ct_eq(self.expose(), other.expose())
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key([redacted])")
    }
}

pub(super) fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

pub(super) mod subtle_eq {
    /// Compares without an early exit on the first differing byte.
    pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn debug_output_is_redacted() {
        let key = Key::from_hex(&[b'a'; 64]).unwrap();
        assert_eq!(format!("{key:?}"), "Key([redacted])");
        let secret = SecretBytes::copy_from(b"hunter2");
        assert!(!format!("{secret:?}").contains("hunter2"));
    }

    #[test]
    fn hex_accepts_surrounding_whitespace_and_rejects_bad_input() {
        let text = format!("  {}\n", "0f".repeat(32));
        assert_eq!(
            Key::from_hex(text.as_bytes()).unwrap().expose(),
            &[0x0f; 32]
        );
        assert!(Key::from_hex("0f".repeat(31).as_bytes()).is_err());
        assert!(Key::from_hex(format!("{}zz", "0f".repeat(31)).as_bytes()).is_err());
        assert!(Key::from_hex(format!("0f{}0f", " ".repeat(62)).as_bytes()).is_err());
    }

    #[test]
    fn truncate_keeps_the_prefix() {
        let mut secret = SecretBytes::copy_from(b"abcdef");
        secret.truncate(2);
        assert_eq!(secret.expose(), b"ab");
        secret.truncate(5);
        assert_eq!(secret.expose(), b"ab");
    }

    proptest! {
        #[test]
        fn hex_round_trips(bytes in proptest::array::uniform32(any::<u8>())) {
            let key = Key::fill_with(|k| *k = bytes);
            let hex = key.to_hex();
            let parsed = Key::from_hex(hex.expose()).unwrap();
            prop_assert_eq!(parsed.expose(), &bytes);
        }
    }
}
