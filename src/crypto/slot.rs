//! Unlock slots: each wraps the vault key under a key derived from one credential.
//!
//! A slot stores its KDF choice and parameters, a salt, a SHA-256 digest of that header, a
//! key-check value and the wrapped vault key. Opening checks, in order: the header digest (an
//! edited header is reported as tampering before any KDF runs), the KDF parameters (unsafe ones
//! are refused before allocating), the key-check HMAC (a mismatch means the credential is wrong),
//! and finally the AEAD tag of the wrapped key (a mismatch there, with a correct key check, means
//! the slot was tampered with). The header is also the wrapped key's associated data.
//!
//! A member slot (see `member`) has no KDF parameters: its root key comes from a slot secret
//! sealed to the member's public key, and its header binds the recipient and a digest of that
//! envelope instead.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::kdf::{argon2id, hkdf, subkey};
use super::member::{self, Identity, Recipient};
use super::seal::{key_from_slice, key_plaintext, open_in_place, seal_in_place};
use super::{Argon2Params, Error, Key, Sealed, SecretBytes, VaultId, associated_data, fill_random};

const SALT_LEN: usize = 16;
const ROOT_LABEL: &[u8] = b"sealbox/v1 slot-root";
const WRAP_LABEL: &[u8] = b"sealbox/v1 slot-wrap";
const CHECK_LABEL: &[u8] = b"sealbox/v1 key-check";
const MEMBER_ROOT_LABEL: &[u8] = b"sealbox/v1 member-slot-root";

/// What unlocks a vault.
pub enum Credential {
    /// A raw 256-bit key, stretched with HKDF-SHA256.
    Key(Key),
    /// A passphrase, stretched with Argon2id.
    Passphrase(SecretBytes),
    /// An identity file's private keys, which open member slots sealed to their recipients.
    Identity(Identity),
}

impl Credential {
    /// The kind of slot this credential can open.
    pub fn kind(&self) -> CredentialKind {
        match self {
            Credential::Key(_) => CredentialKind::Key,
            Credential::Passphrase(_) => CredentialKind::Passphrase,
            Credential::Identity(_) => CredentialKind::Identity,
        }
    }
}

/// The kinds of credential, and of the slots they open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    Key,
    Passphrase,
    Identity,
}

impl CredentialKind {
    /// The name stored in the vault, bound into slot headers and shown to users.
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialKind::Key => "key",
            CredentialKind::Passphrase => "passphrase",
            CredentialKind::Identity => "identity",
        }
    }
}

impl std::fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// How a slot turns its credential into a root key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SlotKdf {
    Argon2id(Argon2Params),
    HkdfSha256,
    /// A slot secret sealed to a recipient (age X25519), then HKDF-SHA256.
    Age,
}

impl SlotKdf {
    /// The kind of credential that opens a slot using this KDF.
    pub fn kind(&self) -> CredentialKind {
        match self {
            SlotKdf::Argon2id(_) => CredentialKind::Passphrase,
            SlotKdf::HkdfSha256 => CredentialKind::Key,
            SlotKdf::Age => CredentialKind::Identity,
        }
    }
}

/// Everything a slot stores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlotMaterial {
    pub kdf: SlotKdf,
    pub salt: Vec<u8>,
    pub digest: Vec<u8>,
    pub key_check: Vec<u8>,
    pub wrapped: Sealed,
    /// A member slot's recipient and envelope; `None` for the other kinds.
    pub envelope: Option<Envelope>,
}

/// What a member slot stores beside the common fields: the recipient it was sealed to (as
/// `age1…`) and the age envelope holding its slot secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub recipient: String,
    pub sealed: Vec<u8>,
}

/// Makes a slot that opens `vault_key` with `credential`; with `scope`, the key it wraps is that
/// scope's key, and the scope id is bound into the wrap, so the slot opens as nothing else.
/// Passphrase slots always use [`Argon2Params::DEFAULT`], never parameters read from a file.
pub fn create_slot(
    vault_id: &VaultId,
    credential: &Credential,
    vault_key: &Key,
    scope: Option<i64>,
) -> Result<SlotMaterial, Error> {
    let kdf = match credential {
        Credential::Key(_) => SlotKdf::HkdfSha256,
        Credential::Passphrase(_) => SlotKdf::Argon2id(Argon2Params::DEFAULT),
        // A member slot is sealed to the identity's (first) recipient: `init --identity`.
        Credential::Identity(identity) => {
            let recipient = identity.recipients().remove(0);
            return Ok(create_member_slot(vault_id, &recipient, vault_key, scope));
        }
    };
    let mut salt = vec![0; SALT_LEN];
    fill_random(&mut salt);
    let root = root_key(credential, kdf, &salt, None)?;
    Ok(finish_slot(
        vault_id, kdf, salt, None, &root, vault_key, scope,
    ))
}

/// What opens a new slot: a credential, or a member's recipient (whose identity stays theirs).
#[derive(Clone, Copy)]
pub enum Opener<'a> {
    Credential(&'a Credential),
    Recipient(&'a Recipient),
}

impl Opener<'_> {
    /// The kind of slot this makes.
    pub fn kind(&self) -> CredentialKind {
        match self {
            Opener::Credential(credential) => credential.kind(),
            Opener::Recipient(_) => CredentialKind::Identity,
        }
    }
}

/// Makes a slot opened by `opener` (see [`create_slot`] and [`create_member_slot`]).
pub fn lock_key(
    vault_id: &VaultId,
    opener: Opener,
    key: &Key,
    scope: Option<i64>,
) -> Result<SlotMaterial, Error> {
    match opener {
        Opener::Credential(credential) => create_slot(vault_id, credential, key, scope),
        Opener::Recipient(recipient) => Ok(create_member_slot(vault_id, recipient, key, scope)),
    }
}

/// Makes a member slot: a fresh slot secret sealed to `recipient` opens `vault_key` (or, with
/// `scope`, that scope's key) as a key slot's raw key would.
pub fn create_member_slot(
    vault_id: &VaultId,
    recipient: &Recipient,
    vault_key: &Key,
    scope: Option<i64>,
) -> SlotMaterial {
    let (secret, sealed) = member::seal_to(recipient);
    let mut salt = vec![0; SALT_LEN];
    fill_random(&mut salt);
    let root = hkdf(&salt, secret.expose(), MEMBER_ROOT_LABEL);
    let envelope = Envelope {
        recipient: recipient.to_string(),
        sealed,
    };
    finish_slot(
        vault_id,
        SlotKdf::Age,
        salt,
        Some(envelope),
        &root,
        vault_key,
        scope,
    )
}

fn finish_slot(
    vault_id: &VaultId,
    kdf: SlotKdf,
    salt: Vec<u8>,
    envelope: Option<Envelope>,
    root: &Key,
    vault_key: &Key,
    scope: Option<i64>,
) -> SlotMaterial {
    let header = header(vault_id, kdf, &salt, envelope.as_ref());
    let wrapped = seal_in_place(
        &subkey(root, WRAP_LABEL),
        &wrap_aad(&header, scope),
        key_plaintext(vault_key),
    );
    SlotMaterial {
        kdf,
        digest: header_digest(&header),
        key_check: key_check(root, &header).finalize().into_bytes().to_vec(),
        salt,
        wrapped,
        envelope,
    }
}

/// Checks a slot's header digest without any credential (cheap: one SHA-256), returning the
/// header. An edited KDF choice, parameter or salt is reported here as tampering.
pub fn check_header(vault_id: &VaultId, slot: &SlotMaterial) -> Result<Vec<u8>, Error> {
    // Before hashing it: a planted slot must not make an unlock hash megabytes.
    if slot
        .envelope
        .as_ref()
        .is_some_and(|e| e.sealed.len() > member::ENVELOPE_LIMIT)
    {
        return Err(Error::Tampered("the member slot's envelope".into()));
    }
    let header = header(vault_id, slot.kdf, &slot.salt, slot.envelope.as_ref());
    if header_digest(&header) == slot.digest {
        Ok(header)
    } else {
        Err(Error::Tampered("the slot header".into()))
    }
}

/// Opens a slot with a credential of the matching kind, returning the vault key (or, for a slot
/// of `scope`, that scope's key).
pub fn open_slot(
    vault_id: &VaultId,
    credential: &Credential,
    slot: &SlotMaterial,
    scope: Option<i64>,
) -> Result<Key, Error> {
    let header = check_header(vault_id, slot)?;
    // Argon2id parameters are checked against their bounds inside `argon2id`, before it
    // allocates anything.
    let root = root_key(credential, slot.kdf, &slot.salt, slot.envelope.as_ref())?;
    key_check(&root, &header)
        .verify_slice(&slot.key_check)
        .map_err(|_| match slot.kdf {
            // The envelope opened with this identity, so the slot is its holder's: a failing
            // key check means the header (recipient, envelope digest, salt) was rewritten,
            // its unkeyed digest recomputed to match.
            SlotKdf::Age => Error::Tampered("the member slot's header".into()),
            _ => Error::WrongCredential,
        })?;
    open_in_place(
        &subkey(&root, WRAP_LABEL),
        &wrap_aad(&header, scope),
        &slot.wrapped,
    )
    .and_then(|plain| key_from_slice(plain.expose()))
    .ok_or_else(|| Error::Tampered("the slot's wrapped vault key".into()))
}

fn root_key(
    credential: &Credential,
    kdf: SlotKdf,
    salt: &[u8],
    envelope: Option<&Envelope>,
) -> Result<Key, Error> {
    match (credential, kdf, envelope) {
        (Credential::Passphrase(pass), SlotKdf::Argon2id(params), _) => {
            argon2id(pass.expose(), salt, params)
        }
        (Credential::Key(key), SlotKdf::HkdfSha256, _) => Ok(hkdf(salt, key.expose(), ROOT_LABEL)),
        (Credential::Identity(identity), SlotKdf::Age, Some(envelope)) => {
            let secret = member::open_envelope(identity, &envelope.sealed)?;
            Ok(hkdf(salt, secret.expose(), MEMBER_ROOT_LABEL))
        }
        (_, SlotKdf::Age, None) => Err(Error::Tampered("the member slot's envelope".into())),
        // A passphrase never runs against a key slot (or the reverse): it cannot match.
        _ => Err(Error::WrongCredential),
    }
}

fn header(vault_id: &VaultId, kdf: SlotKdf, salt: &[u8], envelope: Option<&Envelope>) -> Vec<u8> {
    let params = match (kdf, envelope) {
        (SlotKdf::Argon2id(p), _) => [p.m_kib, p.t, p.p],
        (SlotKdf::HkdfSha256, _) => [0; 3],
        (SlotKdf::Age, Some(envelope)) => {
            return associated_data(
                "sealbox/member-slot",
                &[
                    vault_id,
                    envelope.recipient.as_bytes(),
                    &member::envelope_digest(&envelope.sealed),
                    salt,
                ],
            );
        }
        // A member slot without its envelope is caught by `root_key`; its header is one no
        // stored digest can match.
        (SlotKdf::Age, None) => return b"sealbox/member-slot without an envelope".to_vec(),
    };
    let params: Vec<u8> = params.iter().flat_map(|v| v.to_be_bytes()).collect();
    associated_data(
        "sealbox/slot",
        &[vault_id, kdf.kind().as_str().as_bytes(), &params, salt],
    )
}

/// A full slot's wrap is bound to its header alone (as since format 1); a scoped slot's also
/// to its scope, so a scoped slot edited to look like a full one (or another scope's) fails.
fn wrap_aad(header: &[u8], scope: Option<i64>) -> Vec<u8> {
    match scope {
        None => header.to_vec(),
        Some(id) => associated_data("sealbox/scoped-slot", &[header, &id.to_be_bytes()]),
    }
}

fn header_digest(header: &[u8]) -> Vec<u8> {
    Sha256::new_with_prefix(b"sealbox/v1 slot-digest")
        .chain_update(header)
        .finalize()
        .to_vec()
}

fn key_check(root: &Key, header: &[u8]) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(subkey(root, CHECK_LABEL).expose())
        .expect("HMAC takes any key length");
    mac.update(header);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: VaultId = [1; 16];

    #[test]
    fn key_slot_opens_with_its_key_only() {
        let vault_key = Key::random();
        let raw = Key::random();
        let slot = create_slot(
            &VAULT,
            &Credential::Key(Key::fill_with(|k| *k = *raw.expose())),
            &vault_key,
            None,
        )
        .unwrap();
        let opened = open_slot(&VAULT, &Credential::Key(raw), &slot, None).unwrap();
        assert_eq!(opened.expose(), vault_key.expose());
        let wrong = open_slot(&VAULT, &Credential::Key(Key::random()), &slot, None);
        assert!(matches!(wrong, Err(Error::WrongCredential)));
    }

    #[test]
    fn a_scoped_slot_opens_only_as_its_scope() {
        let scope_key = Key::random();
        let raw = || Credential::Key(Key::fill_with(|k| *k = [4; 32]));
        let slot = create_slot(&VAULT, &raw(), &scope_key, Some(3)).unwrap();
        let opened = open_slot(&VAULT, &raw(), &slot, Some(3)).unwrap();
        assert_eq!(opened.expose(), scope_key.expose());
        for other in [None, Some(4)] {
            assert!(matches!(
                open_slot(&VAULT, &raw(), &slot, other),
                Err(Error::Tampered(_))
            ));
        }
    }

    #[test]
    fn an_oversized_envelope_is_refused_before_it_is_hashed() {
        let identity = crate::crypto::Identity::generate();
        let recipient = identity.recipients().remove(0);
        let mut slot = create_member_slot(&VAULT, &recipient, &Key::random(), None);
        assert!(check_header(&VAULT, &slot).is_ok());
        let envelope = slot.envelope.as_mut().unwrap();
        envelope.sealed.resize(member::ENVELOPE_LIMIT + 1, 0);
        assert!(matches!(
            check_header(&VAULT, &slot),
            Err(Error::Tampered(what)) if what.contains("envelope")
        ));
    }

    #[test]
    fn tampering_is_told_apart_from_a_wrong_credential() {
        let vault_key = Key::random();
        let raw = || Credential::Key(Key::fill_with(|k| *k = [9; 32]));
        let slot = create_slot(&VAULT, &raw(), &vault_key, None).unwrap();

        let mut flipped = slot.clone();
        flipped.wrapped.ciphertext[3] ^= 1;
        assert!(matches!(
            open_slot(&VAULT, &raw(), &flipped, None),
            Err(Error::Tampered(_))
        ));

        let mut salted = slot.clone();
        salted.salt[0] ^= 1;
        assert!(matches!(
            open_slot(&VAULT, &raw(), &salted, None),
            Err(Error::Tampered(_))
        ));

        assert!(matches!(
            open_slot(&[2; 16], &raw(), &slot, None),
            Err(Error::Tampered(_))
        ));
    }

    #[test]
    fn passphrase_slot_round_trips_and_lowered_parameters_are_caught() {
        let vault_key = Key::random();
        let pass = || Credential::Passphrase(SecretBytes::copy_from(b"correct horse"));
        let slot = create_slot(&VAULT, &pass(), &vault_key, None).unwrap();
        assert_eq!(
            open_slot(&VAULT, &pass(), &slot, None).unwrap().expose(),
            vault_key.expose()
        );

        let wrong = Credential::Passphrase(SecretBytes::copy_from(b"wrong horse"));
        assert!(matches!(
            open_slot(&VAULT, &wrong, &slot, None),
            Err(Error::WrongCredential)
        ));

        let mut lowered = slot.clone();
        lowered.kdf = SlotKdf::Argon2id(Argon2Params {
            m_kib: 32 * 1024,
            ..Argon2Params::DEFAULT
        });
        assert!(matches!(
            open_slot(&VAULT, &pass(), &lowered, None),
            Err(Error::Tampered(_))
        ));
    }
}
