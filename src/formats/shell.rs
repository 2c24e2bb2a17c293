//! `export NAME='value'` lines that POSIX shells, bash and zsh `eval` back to the exact bytes.
//!
//! Inside single quotes a shell takes every byte literally, so the only byte that needs care is
//! the single quote itself, written as `'\''` (close, escaped quote, reopen). NUL cannot be
//! carried: shells use C strings. Keys must be shell variable names.

use super::{EncodeError, Record, encode_sized};
use crate::crypto::SecretBytes;

/// Whether `key` is a shell variable name: a letter or `_`, then letters, digits and `_`.
pub fn is_variable_name(key: &str) -> bool {
    let bytes = key.as_bytes();
    matches!(bytes.first(), Some(b) if b.is_ascii_alphabetic() || *b == b'_')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
}

pub fn encode(records: &[Record]) -> Result<SecretBytes, EncodeError> {
    for record in records {
        if !is_variable_name(&record.key) {
            return Err(EncodeError::new(
                record,
                format!(
                    "{:?} is not a shell variable name (letters, digits and '_', not starting with a digit)",
                    record.key
                ),
            ));
        }
        if record.value.expose().contains(&0) {
            return Err(EncodeError::new(
                record,
                "the value contains a NUL byte, which a shell variable cannot hold",
            ));
        }
    }
    encode_sized(|sink| -> Result<(), EncodeError> {
        for record in records {
            sink.push(b"export ");
            sink.push(record.key.as_bytes());
            sink.push(b"='");
            for piece in record.value.expose().split_inclusive(|&b| b == b'\'') {
                match piece.strip_suffix(b"'") {
                    Some(head) => {
                        sink.push(head);
                        sink.push(b"'\\''");
                    }
                    None => sink.push(piece),
                }
            }
            sink.push(b"'\n");
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(key: &str, value: &[u8]) -> Record {
        Record {
            key: key.into(),
            secret: format!("secret.{key}"),
            value: SecretBytes::copy_from(value),
        }
    }

    #[test]
    fn quotes_single_quotes_and_nothing_else() {
        let out = encode(&[record("A", b"it's $HOME `x` \\ \"\n"), record("B", b"")]).unwrap();
        assert_eq!(
            out.expose(),
            b"export A='it'\\''s $HOME `x` \\ \"\n'\nexport B=''\n"
        );
    }

    #[test]
    fn refuses_nul_and_bad_keys_naming_the_secret() {
        let err = encode(&[record("A", b"x\0supersecret")]).unwrap_err();
        assert_eq!(err.secret, "secret.A");
        assert!(!err.to_string().contains("supersecret"));
        assert!(encode(&[record("9A", b"x")]).is_err());
        assert!(encode(&[record("A.B", b"x")]).is_err());
        assert!(is_variable_name("_a9"));
    }
}
