//! Text formats that carry many secrets at once, for `import` and `export`.
//!
//! Parsers are pure functions from bytes to [`Entry`] lists. Every decoded value goes straight
//! into a [`SecretBytes`] allocated at its final size, and errors name a line and, where known,
//! a secret name, but never quote a value.

pub mod json;

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
