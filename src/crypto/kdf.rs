//! Key derivation: Argon2id for passphrases, HKDF-SHA256 for raw keys and subkeys.
//!
//! Argon2 parameters come from the vault file, which an attacker may have edited, so they are
//! checked against a floor and a ceiling before any memory is allocated: a lowered cost would
//! weaken a new slot, and a huge one would let a hostile file exhaust memory or time. The slot
//! header digest has no key, so the ceiling is what bounds one slot; a [`Budget`] bounds the
//! total work of one unlock across slots, since a hostile file can also add decoy slots. Memory
//! is reserved fallibly, so a machine without room gets an error rather than an abort, and it is
//! zeroized after use.

use argon2::{Algorithm, Argon2, Block, Params, Version};
use hkdf::Hkdf;
use sha2::Sha256;
use zeroize::Zeroize;

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
    /// Above this a stored slot is refused before allocating: 1 GiB, 64 passes, 16 lanes, and
    /// at most [`MAX_WORK`] in all.
    pub const MAX: Self = Self {
        m_kib: 1024 * 1024,
        t: 64,
        p: 16,
    };

    /// The work of one run: memory times passes, in KiB-passes (lanes share the memory).
    pub fn work(&self) -> u64 {
        u64::from(self.m_kib) * u64::from(self.t)
    }

    /// Checks that these parameters are neither too weak nor too expensive to run.
    pub fn check(&self) -> Result<(), Error> {
        let (min, max) = (Self::MIN, Self::MAX);
        if self.m_kib < min.m_kib || self.t < min.t || self.p < min.p {
            return Err(Error::UnsafeKdf(format!(
                "Argon2id parameters m={} KiB, t={}, p={} are below the minimum m={} KiB, t={}",
                self.m_kib, self.t, self.p, min.m_kib, min.t
            )));
        }
        if self.m_kib > max.m_kib || self.t > max.t || self.p > max.p || self.work() > MAX_WORK {
            return Err(Error::UnsafeKdf(format!(
                "Argon2id parameters m={} KiB, t={}, p={} exceed the cap m={} KiB, t={}, p={}, memory x passes {} MiB",
                self.m_kib,
                self.t,
                self.p,
                max.m_kib,
                max.t,
                max.p,
                MAX_WORK / 1024
            )));
        }
        Ok(())
    }
}

/// The most Argon2id work one unlock may do, over all the slots it tries: 16 times the default
/// (64 MiB x 3 passes), which is 3 GiB-passes, about 2 to 3 seconds of one core. A single slot
/// may take all of it (1 GiB x 3 passes is the most memory a slot can ask for at that work).
pub const MAX_WORK: u64 = 16 * 64 * 1024 * 3;

/// What is left of one unlock's KDF work.
#[derive(Debug)]
pub struct Budget {
    left: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self { left: MAX_WORK }
    }
}

impl Budget {
    /// Takes the work of running `params` once; `false` (taking nothing) when it does not fit.
    pub fn take(&mut self, params: &Argon2Params) -> bool {
        match self.left.checked_sub(params.work()) {
            Some(left) => {
                self.left = left;
                true
            }
            None => false,
        }
    }
}

/// Runs Argon2id over a passphrase, refusing parameters that fail [`Argon2Params::check`]
/// before any memory is allocated.
pub(super) fn argon2id(passphrase: &[u8], salt: &[u8], params: Argon2Params) -> Result<Key, Error> {
    params.check()?;
    let params = Params::new(params.m_kib, params.t, params.p, Some(KEY_LEN))
        .map_err(|err| Error::UnsafeKdf(format!("invalid Argon2id parameters: {err}")))?;
    let blocks = params.block_count();
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let mut memory: Vec<Block> = Vec::new();
    memory
        .try_reserve_exact(blocks)
        .map_err(|_| Error::OutOfMemory {
            mib: (blocks / 1024) as u64,
        })?;
    memory.resize(blocks, Block::default());
    let mut result = Ok(());
    let key = Key::fill_with(|out| {
        result = argon.hash_password_into_with_memory(passphrase, salt, out, &mut memory)
    });
    // The blocks are derived from the passphrase; argon2 leaves them as they are.
    memory.iter_mut().for_each(Zeroize::zeroize);
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
        // Each maximum alone is allowed; all of them at once is far over the work cap.
        let max = Argon2Params::MAX;
        assert!(Argon2Params { t: 3, p: 1, ..max }.check().is_ok());
        assert!(
            Argon2Params {
                m_kib: 48 * 1024,
                p: 16,
                ..max
            }
            .check()
            .is_ok()
        );
        assert!(max.check().is_err());
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
    fn one_slot_may_use_the_whole_budget_and_no_more() {
        let at_cap = Argon2Params {
            m_kib: 1024 * 1024,
            t: 3,
            p: 1,
        };
        assert!(at_cap.check().is_ok());
        assert!(Argon2Params { t: 4, ..at_cap }.check().is_err());
        let mut budget = Budget::default();
        assert!(budget.take(&at_cap));
        assert!(!budget.take(&Argon2Params::MIN));
        let mut budget = Budget::default();
        let defaults = std::iter::repeat_with(|| budget.take(&Argon2Params::DEFAULT));
        assert_eq!(defaults.take_while(|&fits| fits).count(), 16);
    }

    #[test]
    fn subkeys_differ_by_label() {
        let root = Key::random();
        assert_ne!(subkey(&root, b"a").expose(), subkey(&root, b"b").expose());
        assert_eq!(subkey(&root, b"a").expose(), subkey(&root, b"a").expose());
    }
}
