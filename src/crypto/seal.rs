//! Sealing values and data keys with AES-256-GCM-SIV under canonical associated data.
//!
//! Values are padded before encryption (ISO/IEC 7816-4: a 0x80 byte, then zeros up to a multiple
//! of [`PAD_BLOCK`]) so a ciphertext reveals a value's length only to within a block. Associated
//! data binds each ciphertext to its vault, data key, secret id, name and version, so a blob
//! copied to another row, or left from a deleted secret of the same name, fails to open. Decryption happens in place inside a buffer allocated once at the
//! ciphertext's size.

use aes_gcm_siv::aead::{AeadInPlace, KeyInit};
use aes_gcm_siv::{Aes256GcmSiv, Nonce};

use super::kdf::subkey;
use super::{Error, KEY_LEN, Key, SecretBytes, SecretId, VaultId, associated_data, fill_random};

pub const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// Values are padded to a multiple of this many bytes.
pub const PAD_BLOCK: usize = 32;

const KEYRING_LABEL: &[u8] = b"sealbox/v1 keyring-wrap";

/// A nonce and the ciphertext (with its tag) that it sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sealed {
    pub nonce: [u8; NONCE_LEN],
    pub ciphertext: Vec<u8>,
}

/// Where a value version lives: every coordinate is bound into its associated data.
#[derive(Debug, Clone, Copy)]
pub struct ValueRef<'a> {
    pub vault_id: &'a VaultId,
    pub key_id: i64,
    pub secret_id: &'a SecretId,
    pub name: &'a str,
    pub version: i64,
}

/// Seals one version of a secret under a data key.
pub fn seal_value(data_key: &Key, at: &ValueRef, value: &[u8]) -> Sealed {
    let padded_len = (value.len() / PAD_BLOCK + 1) * PAD_BLOCK;
    let mut buf = SecretBytes::from_vec(Vec::with_capacity(padded_len + TAG_LEN));
    let plain = buf.expose_vec_mut();
    plain.extend_from_slice(value);
    plain.push(0x80);
    plain.resize(padded_len, 0);
    seal_in_place(data_key, &value_aad(at), buf)
}

/// Opens one version of a secret; fails if any bound coordinate differs from sealing time.
pub fn open_value(data_key: &Key, at: &ValueRef, sealed: &Sealed) -> Result<SecretBytes, Error> {
    open_with_aad(data_key, &value_aad(at), at.name, at.version, sealed)
}

/// Opens a value sealed by format 1 or 2, whose associated data had no secret id; only the
/// upgrade to format 3 calls this.
pub fn open_legacy_value(
    data_key: &Key,
    vault_id: &VaultId,
    key_id: i64,
    name: &str,
    version: i64,
    sealed: &Sealed,
) -> Result<SecretBytes, Error> {
    let aad = associated_data(
        "sealbox/value",
        &[
            vault_id,
            &key_id.to_be_bytes(),
            &version.to_be_bytes(),
            name.as_bytes(),
        ],
    );
    open_with_aad(data_key, &aad, name, version, sealed)
}

fn open_with_aad(
    data_key: &Key,
    aad: &[u8],
    name: &str,
    version: i64,
    sealed: &Sealed,
) -> Result<SecretBytes, Error> {
    let tampered = || Error::Tampered(format!("the value of {name} version {version}"));
    let mut plain = open_in_place(data_key, aad, sealed).ok_or_else(tampered)?;
    let unpadded = plain
        .expose()
        .iter()
        .rposition(|&b| b != 0)
        .filter(|&end| plain.expose()[end] == 0x80);
    match unpadded {
        Some(len) if plain.len() % PAD_BLOCK == 0 => {
            plain.truncate(len);
            Ok(plain)
        }
        _ => Err(tampered()),
    }
}

/// Wraps a data key under the keyring key derived from the vault key.
pub fn seal_data_key(vault_key: &Key, vault_id: &VaultId, key_id: i64, data_key: &Key) -> Sealed {
    let keyring = subkey(vault_key, KEYRING_LABEL);
    let aad = data_key_aad(vault_id, key_id);
    seal_in_place(&keyring, &aad, key_plaintext(data_key))
}

/// Unwraps data key `key_id`.
pub fn open_data_key(
    vault_key: &Key,
    vault_id: &VaultId,
    key_id: i64,
    sealed: &Sealed,
) -> Result<Key, Error> {
    let keyring = subkey(vault_key, KEYRING_LABEL);
    let aad = data_key_aad(vault_id, key_id);
    open_in_place(&keyring, &aad, sealed)
        .and_then(|plain| key_from_slice(plain.expose()))
        .ok_or_else(|| Error::Tampered(format!("data key {key_id}")))
}

/// Encrypts `buf` in place with a fresh random nonce; `buf` must have room for the tag.
pub(super) fn seal_in_place(key: &Key, aad: &[u8], mut buf: SecretBytes) -> Sealed {
    debug_assert!(buf.expose_vec_mut().capacity() >= buf.len() + TAG_LEN);
    let mut nonce = [0; NONCE_LEN];
    fill_random(&mut nonce);
    let cipher = Aes256GcmSiv::new(key.expose().into());
    cipher
        .encrypt_in_place(Nonce::from_slice(&nonce), aad, buf.expose_vec_mut())
        .expect("AES-GCM-SIV encryption of under 64 GiB cannot fail");
    // The buffer now holds only ciphertext; handing it out of the zeroizing wrapper is safe.
    let ciphertext = std::mem::take(buf.expose_vec_mut());
    Sealed { nonce, ciphertext }
}

/// Decrypts into a buffer allocated once at the ciphertext's size; `None` if authentication fails.
pub(super) fn open_in_place(key: &Key, aad: &[u8], sealed: &Sealed) -> Option<SecretBytes> {
    let mut buf = SecretBytes::copy_from(&sealed.ciphertext);
    let cipher = Aes256GcmSiv::new(key.expose().into());
    cipher
        .decrypt_in_place(Nonce::from_slice(&sealed.nonce), aad, buf.expose_vec_mut())
        .ok()?;
    Some(buf)
}

/// A key's bytes in a buffer with room for the tag, ready for [`seal_in_place`].
pub(super) fn key_plaintext(key: &Key) -> SecretBytes {
    let mut buf = Vec::with_capacity(KEY_LEN + TAG_LEN);
    buf.extend_from_slice(key.expose());
    SecretBytes::from_vec(buf)
}

pub(super) fn key_from_slice(bytes: &[u8]) -> Option<Key> {
    let bytes: &[u8; KEY_LEN] = bytes.try_into().ok()?;
    Some(Key::fill_with(|out| out.copy_from_slice(bytes)))
}

fn value_aad(at: &ValueRef) -> Vec<u8> {
    associated_data(
        "sealbox/secret-value",
        &[
            at.vault_id,
            &at.key_id.to_be_bytes(),
            at.secret_id,
            &at.version.to_be_bytes(),
            at.name.as_bytes(),
        ],
    )
}

fn data_key_aad(vault_id: &VaultId, key_id: i64) -> Vec<u8> {
    associated_data("sealbox/data-key", &[vault_id, &key_id.to_be_bytes()])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const VAULT: VaultId = [7; 16];
    const SECRET: SecretId = [5; 16];

    fn at(key_id: i64, name: &str, version: i64) -> ValueRef<'_> {
        ValueRef {
            vault_id: &VAULT,
            key_id,
            secret_id: &SECRET,
            name,
            version,
        }
    }

    #[test]
    fn ciphertext_is_bound_to_its_coordinates() {
        let key = Key::random();
        let sealed = seal_value(&key, &at(1, "API_KEY", 3), b"s3cret");
        assert_eq!(
            open_value(&key, &at(1, "API_KEY", 3), &sealed)
                .unwrap()
                .expose(),
            b"s3cret"
        );
        assert!(open_value(&key, &at(1, "API_KEY", 2), &sealed).is_err());
        assert!(open_value(&key, &at(1, "OTHER", 3), &sealed).is_err());
        assert!(open_value(&key, &at(2, "API_KEY", 3), &sealed).is_err());
        let other_vault = ValueRef {
            vault_id: &[8; 16],
            ..at(1, "API_KEY", 3)
        };
        assert!(open_value(&key, &other_vault, &sealed).is_err());
        let other_life = ValueRef {
            secret_id: &[6; 16],
            ..at(1, "API_KEY", 3)
        };
        assert!(open_value(&key, &other_life, &sealed).is_err());
        assert!(open_value(&Key::random(), &at(1, "API_KEY", 3), &sealed).is_err());
    }

    #[test]
    fn lengths_are_padded_to_blocks() {
        let key = Key::random();
        for (len, padded) in [(0, 32), (31, 32), (32, 64), (100, 128)] {
            let sealed = seal_value(&key, &at(1, "N", 1), &vec![1; len]);
            assert_eq!(
                sealed.ciphertext.len(),
                padded + TAG_LEN,
                "value of {len} bytes"
            );
        }
    }

    #[test]
    fn cipher_key_schedules_are_zeroized_on_drop() {
        fn zeroized_on_drop<T: zeroize::ZeroizeOnDrop>() {}
        zeroized_on_drop::<aes::Aes256>();
    }

    #[test]
    fn nonces_are_fresh() {
        let key = Key::random();
        let a = seal_value(&key, &at(1, "N", 1), b"same");
        let b = seal_value(&key, &at(1, "N", 1), b"same");
        assert_ne!(a.nonce, b.nonce);
        assert_ne!(a.ciphertext, b.ciphertext);
    }

    #[test]
    fn data_keys_round_trip_and_bind_their_id() {
        let vault_key = Key::random();
        let data_key = Key::random();
        let sealed = seal_data_key(&vault_key, &VAULT, 4, &data_key);
        assert_eq!(
            open_data_key(&vault_key, &VAULT, 4, &sealed)
                .unwrap()
                .expose(),
            data_key.expose()
        );
        assert!(open_data_key(&vault_key, &VAULT, 5, &sealed).is_err());
    }

    proptest! {
        #[test]
        fn any_value_round_trips(value in proptest::collection::vec(any::<u8>(), 0..300)) {
            let key = Key::random();
            let sealed = seal_value(&key, &at(1, "N", 1), &value);
            let opened = open_value(&key, &at(1, "N", 1), &sealed).unwrap();
            prop_assert_eq!(opened.expose(), &value[..]);
        }

        #[test]
        fn any_flipped_bit_is_caught(value in proptest::collection::vec(any::<u8>(), 0..64), bit in 0usize..1024) {
            let key = Key::random();
            let mut sealed = seal_value(&key, &at(1, "N", 1), &value);
            let bit = bit % (sealed.ciphertext.len() * 8);
            sealed.ciphertext[bit / 8] ^= 1 << (bit % 8);
            prop_assert!(open_value(&key, &at(1, "N", 1), &sealed).is_err());
        }
    }
}
