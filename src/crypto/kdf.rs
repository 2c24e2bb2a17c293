//! Key derivation: Argon2id for passphrases, HKDF-SHA256 for raw keys and subkeys.
//!
//! Argon2 parameters come from the vault file, which an attacker may have edited, so they are
//! checked against a floor and a ceiling before any memory is allocated: a lowered cost would
//! weaken a new slot, and a huge one would let a hostile file exhaust memory.

use argon2::{Algorithm, Argon2, Params, Version};
use hkdf::Hkdf;
use sha2::Sha256;

use super::{Error, KEY_LEN, Key};

/// Argon2id cost parameters as stored in a passphrase slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Argon2Params {
    /// Memory in KiB.
    pub m_kib: u32,
    /// Passes over memory.
    pub t: u32,
    /// Lanes.
    pub p: u32,
}

impl Argon2Params {
    /// What new passphrase slots use: 64 MiB, 3 passes, 1 lane.
    pub const DEFAULT: Self = Self {
        m_kib: 64 * 1024,
        t: 3,
        p: 1,
    };
    /// Below this a slot is refused (OWASP's minimum for Argon2id: 19 MiB, 2 passes).
    pub const MIN: Self = Self {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };
    /// Above this a stored slot is refused before allocating: 4 GiB, 64 passes, 16 lanes.
    pub const MAX: Self = Self {
        m_kib: 4 * 1024 * 1024,
        t: 64,
        p: 16,
    };

    /// Checks that these parameters are neither too weak nor too expensive to run.
    pub fn check(&self) -> Result<(), Error> {
        let (min, max) = (Self::MIN, Self::MAX);
        if self.m_kib < min.m_kib || self.t < min.t || self.p < min.p {
            return Err(Error::UnsafeKdf(format!(
                "Argon2id parameters m={} KiB, t={}, p={} are below the minimum m={} KiB, t={}",
                self.m_kib, self.t, self.p, min.m_kib, min.t
            )));
        }
        if self.m_kib > max.m_kib || self.t > max.t || self.p > max.p {
            return Err(Error::UnsafeKdf(format!(
                "Argon2id parameters m={} KiB, t={}, p={} exceed the cap m={} KiB, t={}, p={}",
                self.m_kib, self.t, self.p, max.m_kib, max.t, max.p
            )));
        }
        Ok(())
    }
}

/// Runs Argon2id over a passphrase, refusing parameters that fail [`Argon2Params::check`]
/// before any memory is allocated.
pub(super) fn argon2id(passphrase: &[u8], salt: &[u8], params: Argon2Params) -> Result<Key, Error> {
    params.check()?;
    let params = Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
        .map_err(|err| Error::UnsafeKdf(format!("invalid Argon2id parameters: {err}")))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut result = Ok(());
    let key = Key::fill_with(|out| result = argon.hash_password_into(passphrase, salt, out));
    result.map_err(|err| Error::UnsafeKdf(format!("Argon2id failed: {err}")))?;
    Ok(key)
}

/// HKDF-SHA256 extract-and-expand: `salt` and `ikm` in, one key out under `label`.
pub(super) fn hkdf(salt: &[u8], ikm: &[u8], label: &[u8]) -> Key {
    let hk = Hkdf::<Sha256>::new(Some(salt), ikm);
    Key::fill_with(|out| {
        hk.expand(label, out)
            .expect("32 bytes is a valid HKDF-SHA256 length")
    })
}

/// Derives a purpose-specific subkey from a uniformly random key.
pub(super) fn subkey(key: &Key, label: &[u8]) -> Key {
    let hk = Hkdf::<Sha256>::from_prk(key.expose()).expect("a 32-byte PRK is long enough");
    Key::fill_with(|out| {
        hk.expand(label, out)
            .expect("32 bytes is a valid HKDF-SHA256 length")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_bounds() {
        assert!(Argon2Params::DEFAULT.check().is_ok());
        assert!(Argon2Params::MIN.check().is_ok());
        assert!(Argon2Params::MAX.check().is_ok());
        let weak = Argon2Params {
            m_kib: 8 * 1024,
            ..Argon2Params::DEFAULT
        };
        assert!(matches!(weak.check(), Err(Error::UnsafeKdf(_))));
        let one_pass = Argon2Params {
            t: 1,
            ..Argon2Params::DEFAULT
        };
        assert!(one_pass.check().is_err());
        let huge = Argon2Params {
            m_kib: u32::MAX,
            ..Argon2Params::DEFAULT
        };
        assert!(huge.check().is_err());
    }

    #[test]
    fn subkeys_differ_by_label() {
        let root = Key::random();
        assert_ne!(subkey(&root, b"a").expose(), subkey(&root, b"b").expose());
        assert_eq!(subkey(&root, b"a").expose(), subkey(&root, b"a").expose());
    }
}
