//! Scope keys, link keys and version keys: what makes a scoped credential cryptographic.
//!
//! A scope key SK is random, one per scope. The vault key wraps it with the scope's id, name
//! and definition (its names and prefixes) as associated data, so a full credential that uses
//! a scope (to share a new version with it) first proves the definition is one a full
//! credential wrote: a definition widened by someone holding only SK fails to open. SK wraps
//! the state and audit keys (so a scoped session authenticates state and records under the
//! audit key) and, per version of each secret in the scope, that version's key.
//!
//! A scoped slot does not wrap SK itself but a random link key of its own, which the vault key
//! wraps too and which wraps SK. Removing one scoped slot then replaces SK: the new one is
//! wrapped under every remaining slot's link key (which a full credential can reach), and the
//! removed credential's copy of the old SK opens nothing written after.
//!
//! A version key seals one version of one secret. Written by a full credential it is derived
//! from the data key, the secret id and the version (so it needs no row of its own); written by
//! a scoped credential, which has no data key, it is random and exists only in scope wraps.
//! Either way a holder of one version key learns nothing about another, or about the data key.

use super::kdf::{hkdf, subkey};
use super::seal::{key_from_slice, key_plaintext, open_in_place, seal_in_place};
use super::{Error, Key, Sealed, SecretId, VaultId, associated_data};

const SCOPE_WRAP_LABEL: &[u8] = b"sealbox/v1 scope-key-wrap";
const VERSION_KEY_LABEL: &[u8] = b"sealbox/v1 version-key";
const HELD_LABEL: &[u8] = b"sealbox/v1 scope-held-key";
const GRANT_LABEL: &[u8] = b"sealbox/v1 link-grant";

/// A scope as its key's associated data binds it.
#[derive(Debug, Clone, Copy)]
pub struct ScopeRef<'a> {
    pub id: i64,
    pub name: &'a str,
    /// The canonical encoding of its names and prefixes.
    pub definition: &'a [u8],
}

/// What a scope key wraps besides version keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    State,
    Audit,
}

/// Where a wrapped key sits, which decides the wrapping subkey and the associated data. The
/// key that wraps is named in each variant's description.
#[derive(Debug, Clone, Copy)]
pub enum KeyWrap<'a> {
    /// A scope key, under the vault key.
    Scope(ScopeRef<'a>),
    /// A scoped slot's link key, under the vault key; `salt` is the slot's, which is random.
    Link { scope_id: i64, salt: &'a [u8] },
    /// A scope key, under a scoped slot's link key.
    Granted { scope_id: i64, salt: &'a [u8] },
    /// The state or audit key, under a scope key.
    Held { scope_id: i64, held: Held },
    /// A version key, under a scope key.
    Version {
        scope_id: i64,
        secret_id: &'a SecretId,
        version: i64,
    },
}

impl KeyWrap<'_> {
    fn label(&self) -> &'static [u8] {
        match self {
            KeyWrap::Scope(_) | KeyWrap::Link { .. } => SCOPE_WRAP_LABEL,
            KeyWrap::Granted { .. } => GRANT_LABEL,
            KeyWrap::Held { .. } => HELD_LABEL,
            KeyWrap::Version { .. } => VERSION_KEY_LABEL,
        }
    }

    fn aad(&self, vault_id: &VaultId) -> Vec<u8> {
        match self {
            KeyWrap::Scope(scope) => associated_data(
                "sealbox/scope-key",
                &[
                    vault_id,
                    &scope.id.to_be_bytes(),
                    scope.name.as_bytes(),
                    scope.definition,
                ],
            ),
            KeyWrap::Link { scope_id, salt } => associated_data(
                "sealbox/link-key",
                &[vault_id, &scope_id.to_be_bytes(), salt],
            ),
            KeyWrap::Granted { scope_id, salt } => associated_data(
                "sealbox/granted-scope-key",
                &[vault_id, &scope_id.to_be_bytes(), salt],
            ),
            KeyWrap::Held { scope_id, held } => associated_data(
                "sealbox/scope-held",
                &[
                    vault_id,
                    &scope_id.to_be_bytes(),
                    match held {
                        Held::State => b"state-key",
                        Held::Audit => b"audit-key",
                    },
                ],
            ),
            KeyWrap::Version {
                scope_id,
                secret_id,
                version,
            } => associated_data(
                "sealbox/version-key",
                &[
                    vault_id,
                    &scope_id.to_be_bytes(),
                    &secret_id[..],
                    &version.to_be_bytes(),
                ],
            ),
        }
    }

    fn what(&self) -> String {
        match self {
            KeyWrap::Scope(scope) => {
                format!("scope {:?} (its key, name or definition)", scope.name)
            }
            KeyWrap::Link { .. } | KeyWrap::Granted { .. } => "a scoped unlock slot's keys".into(),
            KeyWrap::Held { .. } => "a scope's copy of the vault's state or audit key".into(),
            KeyWrap::Version { version, .. } => {
                format!("a scope's key for version {version}")
            }
        }
    }
}

/// Wraps `key` under `wrapping` at `at`.
pub fn wrap_key(wrapping: &Key, vault_id: &VaultId, at: &KeyWrap, key: &Key) -> Sealed {
    let wrap = subkey(wrapping, at.label());
    seal_in_place(&wrap, &at.aad(vault_id), key_plaintext(key))
}

/// Unwraps a key wrapped by [`wrap_key`]; fails if `wrapping` or any coordinate differs.
pub fn unwrap_key(
    wrapping: &Key,
    vault_id: &VaultId,
    at: &KeyWrap,
    sealed: &Sealed,
) -> Result<Key, Error> {
    let wrap = subkey(wrapping, at.label());
    open_in_place(&wrap, &at.aad(vault_id), sealed)
        .and_then(|plain| key_from_slice(plain.expose()))
        .ok_or_else(|| Error::Tampered(at.what()))
}

/// The key of version `version` of the secret `name` (id `secret_id`), derived from the data
/// key it is under. The name is bound too: a head planted under another name with a copied
/// secret id (a scoped credential holds the state key, so it can write one) derives other keys,
/// so sharing its versions with a scope shares nothing of the secret whose id it copied.
pub fn derive_version_key(data_key: &Key, secret_id: &SecretId, name: &str, version: i64) -> Key {
    let salt = associated_data(
        "sealbox/version-key-salt",
        &[&secret_id[..], name.as_bytes(), &version.to_be_bytes()],
    );
    hkdf(&salt, data_key.expose(), VERSION_KEY_LABEL)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: VaultId = [3; 16];

    #[test]
    fn a_scope_key_is_bound_to_its_definition() {
        let (vault_key, scope_key) = (Key::random(), Key::random());
        let scope = ScopeRef {
            id: 1,
            name: "ci",
            definition: b"A\nB",
        };
        let sealed = wrap_key(&vault_key, &VAULT, &KeyWrap::Scope(scope), &scope_key);
        let opened = unwrap_key(&vault_key, &VAULT, &KeyWrap::Scope(scope), &sealed).unwrap();
        assert_eq!(opened.expose(), scope_key.expose());
        for other in [
            ScopeRef {
                definition: b"A\nB\nC",
                ..scope
            },
            ScopeRef {
                name: "cd",
                ..scope
            },
            ScopeRef { id: 2, ..scope },
        ] {
            assert!(unwrap_key(&vault_key, &VAULT, &KeyWrap::Scope(other), &sealed).is_err());
        }
        // The same key and coordinates under another purpose do not open either.
        let link = KeyWrap::Link {
            scope_id: 1,
            salt: b"A\nB",
        };
        assert!(unwrap_key(&vault_key, &VAULT, &link, &sealed).is_err());
    }

    #[test]
    fn version_keys_differ_by_secret_name_and_version_and_bind_their_wrap() {
        let data_key = Key::random();
        let a = derive_version_key(&data_key, &[1; 16], "A", 1);
        for other in [
            derive_version_key(&data_key, &[1; 16], "A", 2),
            derive_version_key(&data_key, &[2; 16], "A", 1),
            // A head planted under another name with a copied secret id derives another key.
            derive_version_key(&data_key, &[1; 16], "B", 1),
        ] {
            assert_ne!(a.expose(), other.expose());
        }
        let scope_key = Key::random();
        let at = |scope_id, secret_id, version| KeyWrap::Version {
            scope_id,
            secret_id,
            version,
        };
        let sealed = wrap_key(&scope_key, &VAULT, &at(1, &[1; 16], 1), &a);
        let opened = unwrap_key(&scope_key, &VAULT, &at(1, &[1; 16], 1), &sealed).unwrap();
        assert_eq!(opened.expose(), a.expose());
        for other in [at(2, &[1; 16], 1), at(1, &[1; 16], 2), at(1, &[2; 16], 1)] {
            assert!(unwrap_key(&scope_key, &VAULT, &other, &sealed).is_err());
        }
        assert!(unwrap_key(&Key::random(), &VAULT, &at(1, &[1; 16], 1), &sealed).is_err());
    }

    #[test]
    fn held_keys_are_bound_to_their_purpose() {
        let (scope_key, state_key) = (Key::random(), Key::random());
        let state = KeyWrap::Held {
            scope_id: 4,
            held: Held::State,
        };
        let sealed = wrap_key(&scope_key, &VAULT, &state, &state_key);
        let opened = unwrap_key(&scope_key, &VAULT, &state, &sealed).unwrap();
        assert_eq!(opened.expose(), state_key.expose());
        let audit = KeyWrap::Held {
            scope_id: 4,
            held: Held::Audit,
        };
        assert!(unwrap_key(&scope_key, &VAULT, &audit, &sealed).is_err());
    }
}
