//! The audit log's cryptography: the audit key's wrap, each record's chain hash, and the MAC
//! that authenticates a record line.
//!
//! The audit key is random and wrapped under the vault key (not derived from it), so it
//! survives a new vault key: `re-encrypt --new-vault-key` re-wraps it and every old record stays
//! verifiable. A record line is JSON whose last member is `"mac"`. The MAC covers every byte of
//! the line before `,"mac":` (which ends with the `"prev"` member, the previous line's hash), so
//! it needs no canonical JSON: the bytes on disk are what is authenticated, and the chain hash
//! of a line is SHA-256 over all of its bytes, MAC included. A record written without the key (a
//! failed unlock) has `"mac":null`; the next authenticated record covers it through the chain.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::kdf::subkey;
use super::seal::{key_from_slice, key_plaintext, open_in_place, seal_in_place};
use super::{Error, Key, Sealed, VaultId, associated_data};

/// A commitment to this vault's audit key, which no sealbox replaces for the life of a vault
/// (a new vault key re-wraps it): the freshness records keep it per vault id, so a vault forged
/// with a copied id, which cannot hold the same audit key, is told apart from the real one.
pub fn vault_pin(audit_key: &Key, vault_id: &VaultId) -> [u8; 16] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(subkey(audit_key, PIN_LABEL).expose())
        .expect("HMAC takes any key length");
    mac.update(vault_id);
    mac.finalize().into_bytes()[..16]
        .try_into()
        .expect("16 of 32 bytes")
}

const PIN_LABEL: &[u8] = b"sealbox/v1 vault-pin";

/// The chain hash of one record line.
pub type ChainHash = [u8; 32];

/// What the first record of a log chains to.
pub const GENESIS: ChainHash = [0; 32];

const WRAP_LABEL: &[u8] = b"sealbox/v1 audit-key-wrap";
const MAC_LABEL: &[u8] = b"sealbox/v1 audit-record-mac";

/// How an unauthenticated line ends.
pub const NULL_MAC_SUFFIX: &[u8] = b",\"mac\":null}";
const MAC_PREFIX: &[u8] = b",\"mac\":\"";
/// The length of `,"mac":"<64 hex digits>"}`.
const MAC_SUFFIX_LEN: usize = MAC_PREFIX.len() + 64 + 2;

/// Wraps the audit key under the vault key.
pub fn seal_audit_key(vault_key: &Key, vault_id: &VaultId, audit_key: &Key) -> Sealed {
    let wrap = subkey(vault_key, WRAP_LABEL);
    let aad = associated_data("sealbox/audit-key", &[vault_id]);
    seal_in_place(&wrap, &aad, key_plaintext(audit_key))
}

/// Unwraps the audit key.
pub fn open_audit_key(vault_key: &Key, vault_id: &VaultId, sealed: &Sealed) -> Result<Key, Error> {
    let wrap = subkey(vault_key, WRAP_LABEL);
    let aad = associated_data("sealbox/audit-key", &[vault_id]);
    open_in_place(&wrap, &aad, sealed)
        .and_then(|plain| key_from_slice(plain.expose()))
        .ok_or_else(|| Error::Tampered("the vault's audit key".into()))
}

/// The chain hash of a whole line (without its newline).
pub fn chain_hash(line: &[u8]) -> ChainHash {
    Sha256::digest(line).into()
}

/// Completes `unsealed`, a record serialised with `"mac":null` as its last member: with a key,
/// the null becomes the MAC of everything before `,"mac":`. Without one it stays null.
///
/// # Panics
/// If `unsealed` does not end with [`NULL_MAC_SUFFIX`]: the caller serialises the record.
pub fn seal_line(audit_key: Option<&Key>, vault_id: &VaultId, mut unsealed: Vec<u8>) -> Vec<u8> {
    assert!(
        unsealed.ends_with(NULL_MAC_SUFFIX),
        "a record ends with its mac"
    );
    let Some(key) = audit_key else {
        return unsealed;
    };
    unsealed.truncate(unsealed.len() - NULL_MAC_SUFFIX.len());
    let tag = record_mac(key, vault_id, &unsealed);
    unsealed.extend_from_slice(MAC_PREFIX);
    unsealed.extend_from_slice(hex(&tag).as_bytes());
    unsealed.extend_from_slice(b"\"}");
    unsealed
}

/// How a line's MAC checks out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineMac {
    /// `"mac":null`: written without the audit key.
    Absent,
    Valid,
    Invalid,
    /// The line does not end in a `"mac"` member of either form.
    Malformed,
}

/// Checks the MAC of `line` (without its newline) under `audit_key`.
pub fn check_line(audit_key: &Key, vault_id: &VaultId, line: &[u8]) -> LineMac {
    if line.ends_with(NULL_MAC_SUFFIX) {
        return LineMac::Absent;
    }
    let Some(split) = line.len().checked_sub(MAC_SUFFIX_LEN) else {
        return LineMac::Malformed;
    };
    let (body, suffix) = line.split_at(split);
    let Some(digits) = suffix
        .strip_prefix(MAC_PREFIX)
        .and_then(|rest| rest.strip_suffix(b"\"}"))
    else {
        return LineMac::Malformed;
    };
    let Some(stored) = unhex::<32>(digits) else {
        return LineMac::Malformed;
    };
    if super::ct_eq(&stored, &record_mac(audit_key, vault_id, body)) {
        LineMac::Valid
    } else {
        LineMac::Invalid
    }
}

fn record_mac(audit_key: &Key, vault_id: &VaultId, body: &[u8]) -> [u8; 32] {
    let encoding = associated_data("sealbox/audit-record-v1", &[vault_id, body]);
    let key = subkey(audit_key, MAC_LABEL);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose()).expect("any key length");
    mac.update(&encoding);
    mac.finalize().into_bytes().into()
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

/// Exactly `2 * N` hex digits (either case) as bytes.
pub fn unhex<const N: usize>(digits: &[u8]) -> Option<[u8; N]> {
    if digits.len() != 2 * N {
        return None;
    }
    let mut out = [0; N];
    for (byte, pair) in out.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = super::secret::hex_value(pair[0])? << 4 | super::secret::hex_value(pair[1])?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: VaultId = [9; 16];

    fn unsealed(body: &str) -> Vec<u8> {
        format!("{{\"seq\":1,{body},\"prev\":\"00\",\"mac\":null}}").into_bytes()
    }

    #[test]
    fn a_sealed_line_verifies_and_any_edit_breaks_it() {
        let key = Key::random();
        let line = seal_line(Some(&key), &VAULT, unsealed("\"action\":\"get\""));
        assert!(line.ends_with(b"\"}"));
        assert_eq!(check_line(&key, &VAULT, &line), LineMac::Valid);
        for at in 0..line.len() - MAC_SUFFIX_LEN {
            let mut edited = line.clone();
            edited[at] ^= 1;
            assert_eq!(check_line(&key, &VAULT, &edited), LineMac::Invalid, "{at}");
        }
        assert_eq!(check_line(&Key::random(), &VAULT, &line), LineMac::Invalid);
        assert_eq!(check_line(&key, &[8; 16], &line), LineMac::Invalid);
    }

    #[test]
    fn lines_without_a_key_stay_unauthenticated_and_odd_endings_are_malformed() {
        let key = Key::random();
        let line = seal_line(None, &VAULT, unsealed("\"action\":\"get\""));
        assert_eq!(check_line(&key, &VAULT, &line), LineMac::Absent);
        assert_eq!(check_line(&key, &VAULT, b"{}"), LineMac::Malformed);
        let mut bad = seal_line(Some(&key), &VAULT, unsealed("\"a\":1"));
        let at = bad.len() - 3;
        bad[at] = b'g';
        assert_eq!(check_line(&key, &VAULT, &bad), LineMac::Malformed);
    }

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(hex(&bytes), "0001abff");
        assert_eq!(unhex::<4>(b"0001ABff"), Some(bytes));
        assert_eq!(unhex::<4>(b"0001abf"), None);
        assert_eq!(unhex::<2>(b"zz00"), None);
    }
}
