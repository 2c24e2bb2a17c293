//! Text formats that carry many secrets at once, for `import` and `export`.
//!
//! Parsers are pure functions from bytes to [`Entry`] lists. Every decoded value goes straight
//! into a [`SecretBytes`] allocated at its final size, and errors name a line and, where known,
//! a secret name, but never quote a value. Encoders run twice through [`encode_sized`]: once to
//! measure, once into a buffer of exactly that size, so the output never reallocates and is
//! zeroized when dropped.

pub mod base64;
pub mod env;
pub mod json;
pub mod shell;

use crate::crypto::SecretBytes;

/// One secret read from a file.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    pub value: SecretBytes,
    /// 1-based line on which the entry starts.
    pub line: usize,
}

/// A parse failure at a line; the message never contains a value.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FormatError {
    pub line: usize,
    pub message: String,
}

/// One secret to write: the key it is written under (its name, or an environment variable name
/// derived from it) and the secret it came from, which error messages name.
#[derive(Debug)]
pub struct Record {
    pub key: String,
    pub secret: String,
    pub value: SecretBytes,
}

/// A value or key that the requested format cannot carry; names the secret, never the value.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("{secret}: {message}")]
pub struct EncodeError {
    pub secret: String,
    pub message: String,
}

impl EncodeError {
    pub fn new(record: &Record, message: impl Into<String>) -> Self {
        Self {
            secret: record.secret.clone(),
            message: message.into(),
        }
    }
}

/// Where an encoder writes: a byte counter on the first pass, the final buffer on the second.
pub enum Sink<'a> {
    Count(usize),
    Fill(&'a mut Vec<u8>),
}

impl Sink<'_> {
    pub fn push(&mut self, bytes: &[u8]) {
        match self {
            Sink::Count(len) => *len += bytes.len(),
            Sink::Fill(buf) => {
                // Growing would copy secret bytes into a new allocation and free the old one
                // unzeroized; a miscount is a bug, so stop rather than leak.
                assert!(
                    buf.len() + bytes.len() <= buf.capacity(),
                    "encoder wrote more than it measured"
                );
                buf.extend_from_slice(bytes);
            }
        }
    }
}

impl std::io::Write for Sink<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.push(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs `encode` once to measure its output and once more into a buffer of exactly that size.
/// `encode` must write the same bytes both times.
pub fn encode_sized<E>(
    mut encode: impl FnMut(&mut Sink) -> Result<(), E>,
) -> Result<SecretBytes, E> {
    let mut count = Sink::Count(0);
    encode(&mut count)?;
    let Sink::Count(len) = count else {
        unreachable!("the first pass counts")
    };
    let mut out = SecretBytes::from_vec(Vec::with_capacity(len));
    encode(&mut Sink::Fill(out.expose_vec_mut()))?;
    assert_eq!(out.len(), len, "encoder wrote less than it measured");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_sized_allocates_once_at_the_final_size() {
        let out = encode_sized(|sink| -> Result<(), ()> {
            sink.push(b"abc");
            sink.push(b"");
            sink.push(b"de");
            Ok(())
        })
        .unwrap();
        assert_eq!(out.expose(), b"abcde");
        assert_eq!(out.len(), 5);
    }
}
