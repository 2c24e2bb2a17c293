//! Cryptography: secret-holding types, key derivation, and sealing with associated data.
//!
//! This module is pure: it performs no I/O, knows nothing of SQL or the command line, and takes
//! every input (including the vault id and row coordinates that go into associated data) as an
//! argument. The key hierarchy it implements is:
//!
//! ```text
//! credential ──Argon2id / HKDF──▶ slot root ──HKDF──▶ slot wrap key ──▶ wraps the vault key
//!                                            └─HKDF──▶ key-check key ──▶ HMAC tells "wrong credential"
//! vault key ──HKDF──▶ keyring key ──▶ wraps numbered data keys
//!           └─HKDF──▶ state wrap key ──▶ wraps the random state key
//! data key ──▶ seals each value version of format 5 and before (AES-256-GCM-SIV, padded,
//!              bound to vault / data key / secret id / name / version)
//! state key ──HKDF──▶ head, slot-binding and vault-row MAC keys (see `state`)
//! vault key ──HKDF──▶ audit wrap key ──▶ wraps the random audit key
//! audit key ──HKDF──▶ record MAC key (see `audit`)
//! vault key ──HKDF──▶ scope wrap key ──▶ wraps each random scope key (bound to its definition)
//! scope key ──▶ wraps the state and audit keys, and the version keys of its secrets
//! data key ──HKDF(secret id, version)──▶ version key ──▶ seals that version (see `scope`)
//! slot (scoped) ──▶ wraps a link key ──▶ wraps the scope key (the vault key wraps it too)
//! recipient (age X25519) ──▶ seals a random slot secret ──HKDF──▶ member slot root (as above)
//! ```
//!
//! Every derived key has its own HKDF label, so no key ever serves two purposes.

mod audit;
mod kdf;
mod member;
mod scope;
mod seal;
mod secret;
mod slot;
mod state;

pub use audit::{
    ChainHash, GENESIS, LineMac, chain_hash, check_line, hex, open_audit_key, seal_audit_key,
    seal_line, unhex, vault_pin,
};
pub use kdf::{Argon2Params, Budget, MAX_WORK};
pub use member::{Identity, IdentityFile, Recipient, fingerprint_of, open_identity_file};
pub use scope::{Held, KeyWrap, ScopeRef, derive_version_key, unwrap_key, wrap_key};
pub use seal::{
    Sealed, ValueRef, open_data_key, open_legacy_value, open_value, seal_data_key, seal_value,
};
pub use secret::subtle_eq::ct_eq;
pub use secret::{KEY_LEN, Key, SecretBytes};
pub use slot::{
    Credential, CredentialKind, Envelope, Opener, SlotKdf, SlotMaterial, check_header, create_slot,
    lock_key, open_slot,
};
pub use state::{
    AuditHead, Head, Kept, KeysDigest, RowsDigest, SECRET_ID_LEN, SecretId, SlotFields, SlotGrant,
    SlotsDigest, Summary, Term, VaultState, head_mac, mask_summary, open_state_key,
    random_secret_id, seal_state_key, slot_binding, unmask_summary, vault_mac, verify_head,
    versions_bytes, versions_from_bytes,
};

use aes_gcm_siv::aead::{OsRng, rand_core::RngCore};

/// Version of the cryptographic format; bound into every piece of associated data.
pub const FORMAT_VERSION: u32 = 1;

/// Length of the random per-vault identifier bound into every ciphertext.
pub const VAULT_ID_LEN: usize = 16;

pub type VaultId = [u8; VAULT_ID_LEN];

/// Failures of the cryptographic layer. Each variant maps to exactly one exit status.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("the key or passphrase does not open this vault")]
    WrongCredential,
    #[error("{0} failed authentication: it was modified or is corrupt")]
    Tampered(String),
    #[error("refusing to run the key derivation: {0}")]
    UnsafeKdf(String),
    #[error("a raw key must be 64 hexadecimal characters (256 bits)")]
    MalformedKey,
    #[error("a recipient must be an age X25519 public key (age1…)")]
    MalformedRecipient,
    #[error(
        "it is not an identity file (AGE-SECRET-KEY-1… lines, as 'sealbox identity new' and age-keygen write)"
    )]
    MalformedIdentity,
    #[error("the passphrase of a protected identity file must be UTF-8 text")]
    PassphraseNotUtf8,
    #[error("cannot allocate the {mib} MiB the passphrase key derivation needs")]
    OutOfMemory { mib: u64 },
}

/// Fills `bytes` from the operating system's random number generator.
pub fn fill_random(bytes: &mut [u8]) {
    OsRng.fill_bytes(bytes);
}

/// A fresh random vault identifier.
pub fn random_vault_id() -> VaultId {
    let mut id = [0; VAULT_ID_LEN];
    fill_random(&mut id);
    id
}

/// Canonical associated data: a domain tag, the format version, then length-prefixed fields.
///
/// Length prefixes make the encoding injective, so no two different field lists share bytes.
fn associated_data(tag: &str, fields: &[&[u8]]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    let mut push = |field: &[u8]| {
        let len = u32::try_from(field.len()).expect("associated-data field under 4 GiB");
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(field);
    };
    push(tag.as_bytes());
    push(&FORMAT_VERSION.to_be_bytes());
    for field in fields {
        push(field);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn associated_data_is_injective_across_field_boundaries() {
        let a = associated_data("t", &[b"ab", b"c"]);
        let b = associated_data("t", &[b"a", b"bc"]);
        assert_ne!(a, b);
        assert_ne!(associated_data("t", &[b"x"]), associated_data("u", &[b"x"]));
    }
}
