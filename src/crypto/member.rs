//! Member slots: a slot's credential sealed to a public key, in the age format (rage's `age`
//! crate), so a member is added from their recipient string alone and no passphrase is shared.
//!
//! A member slot holds a random 256-bit slot secret, age-encrypted to the member's recipient
//! (the slot's *envelope*); the secret then plays the part a raw key plays in a key slot (see
//! `slot`). The envelope and the recipient are bound into the slot's header digest, so an
//! edited envelope or recipient is reported as tampering before anything is decrypted, and a
//! swapped envelope opens nothing: the key check and the wrap depend on the secret inside.
//!
//! Identities are X25519 (`AGE-SECRET-KEY-1…`), in files `age-keygen` writes and `age -d -i`
//! reads; a passphrase-protected identity file is an age file encrypted with scrypt, as the
//! age CLI makes and reads them. Everything here is pure: files are read and written by the
//! caller.

use std::io::{BufReader, Read};
use std::iter;
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use sha2::{Digest, Sha256};

use super::{Error, KEY_LEN, Key, SecretBytes};

/// An envelope larger than this is refused before age parses it: one X25519 stanza makes an
/// envelope of about 200 bytes, and a planted slot must not make an unlock parse megabytes.
pub(super) const ENVELOPE_LIMIT: usize = 4096;

/// A member's public key, as `age1…`.
#[derive(Clone)]
pub struct Recipient(age::x25519::Recipient);

impl Recipient {
    /// Parses a recipient string (surrounding whitespace ignored).
    pub fn parse(text: &str) -> Result<Self, Error> {
        age::x25519::Recipient::from_str(text.trim())
            .map(Recipient)
            .map_err(|_| Error::MalformedRecipient)
    }

    /// A digest of the recipient for reading aloud when comparing out of band: 32 hex digits
    /// (128 bits, so no second recipient can be made to match) of SHA-256 over the recipient
    /// string, in groups of four.
    pub fn fingerprint(&self) -> String {
        fingerprint_of(&self.to_string())
    }
}

impl std::fmt::Display for Recipient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// The fingerprint of a stored recipient string (see [`Recipient::fingerprint`]).
pub fn fingerprint_of(recipient: &str) -> String {
    let digest = Sha256::new_with_prefix(b"sealbox/v1 recipient-fingerprint")
        .chain_update(recipient.as_bytes())
        .finalize();
    let hex: Vec<String> = digest[..16]
        .chunks(2)
        .map(|pair| format!("{:02x}{:02x}", pair[0], pair[1]))
        .collect();
    hex.join("-")
}

/// The identities of one identity file. No `Clone`; its `Debug` shows only the recipients.
pub struct Identity(Vec<age::x25519::Identity>);

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let recipients: Vec<String> = self.recipients().iter().map(|r| r.to_string()).collect();
        f.debug_tuple("Identity").field(&recipients).finish()
    }
}

/// What reading an identity file found.
pub enum IdentityFile {
    Plain(Identity),
    /// Encrypted with a passphrase: [`open_identity_file`] it with one.
    Protected,
}

impl Identity {
    /// A fresh X25519 identity.
    pub fn generate() -> Self {
        Identity(vec![age::x25519::Identity::generate()])
    }

    /// Reads an identity file's text: `AGE-SECRET-KEY-1…` lines, `#` comments and blank
    /// lines, as age writes and reads them. Tells a passphrase-protected file apart.
    pub fn parse_file(text: &[u8]) -> Result<IdentityFile, Error> {
        if is_age_file(text) {
            return Ok(IdentityFile::Protected);
        }
        let text = std::str::from_utf8(text).map_err(|_| Error::MalformedIdentity)?;
        let mut identities = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            identities
                .push(age::x25519::Identity::from_str(line).map_err(|_| Error::MalformedIdentity)?);
        }
        if identities.is_empty() {
            return Err(Error::MalformedIdentity);
        }
        Ok(IdentityFile::Plain(Identity(identities)))
    }

    /// The recipients of these identities, in file order.
    pub fn recipients(&self) -> Vec<Recipient> {
        self.0.iter().map(|i| Recipient(i.to_public())).collect()
    }

    /// The identity file's text, as `age-keygen` writes it (`created` is an RFC 3339 time).
    pub fn file_text(&self, created: &str) -> SecretBytes {
        let mut text = String::new();
        for identity in &self.0 {
            let secret: SecretString = identity.to_string();
            text.push_str(&format!(
                "# created: {created}\n# public key: {}\n{}\n",
                identity.to_public(),
                secret.expose_secret()
            ));
        }
        SecretBytes::from_vec(text.into_bytes())
    }

    /// The file text encrypted with `passphrase` (age's scrypt recipient, ASCII-armored), so
    /// `age -d` opens it too.
    pub fn protected_file_text(
        &self,
        created: &str,
        passphrase: &SecretBytes,
    ) -> Result<Vec<u8>, Error> {
        let passphrase = passphrase_string(passphrase)?;
        let recipient = age::scrypt::Recipient::new(passphrase);
        let plain = self.file_text(created);
        age::encrypt_and_armor(&recipient, plain.expose())
            .map(String::into_bytes)
            .map_err(|_| Error::MalformedIdentity)
    }
}

/// Opens a passphrase-protected identity file. A wrong passphrase is [`Error::WrongCredential`].
/// The scrypt work factor is age's own ceiling (the crate refuses files that ask for more).
pub fn open_identity_file(text: &[u8], passphrase: &SecretBytes) -> Result<Identity, Error> {
    let identity = age::scrypt::Identity::new(passphrase_string(passphrase)?);
    // A wrong passphrase fails the scrypt stanza's tag ("decryption failed"); a file with no
    // scrypt stanza at all is an age file for someone's public key, not a protected identity.
    let once = iter::once(&identity as &dyn age::Identity);
    let plain = decrypt_with(text, once, usize::MAX).map_err(|err| match err {
        Opened::Failed => Error::WrongCredential,
        Opened::NoMatch | Opened::Malformed => Error::MalformedIdentity,
    })?;
    match Identity::parse_file(plain.expose())? {
        IdentityFile::Plain(identity) => Ok(identity),
        IdentityFile::Protected => Err(Error::MalformedIdentity),
    }
}

/// Seals a fresh slot secret to `recipient`: the secret, and the envelope that holds it.
pub fn seal_to(recipient: &Recipient) -> (Key, Vec<u8>) {
    let secret = Key::random();
    let envelope =
        age::encrypt(&recipient.0, secret.expose()).expect("encrypting to a vector cannot fail");
    (secret, envelope)
}

/// Opens an envelope with `identity`: an envelope for someone else is
/// [`Error::WrongCredential`]; one that is not a sealbox envelope is tampering.
pub fn open_envelope(identity: &Identity, envelope: &[u8]) -> Result<Key, Error> {
    let tampered = || Error::Tampered("the member slot's envelope".into());
    if envelope.len() > ENVELOPE_LIMIT {
        return Err(tampered());
    }
    let identities = identity.0.iter().map(|i| i as &dyn age::Identity);
    let plain = decrypt_with(envelope, identities, KEY_LEN + 1).map_err(|err| match err {
        Opened::NoMatch => Error::WrongCredential,
        Opened::Failed | Opened::Malformed => tampered(),
    })?;
    super::seal::key_from_slice(plain.expose()).ok_or_else(tampered)
}

/// The digest of an envelope that a member slot's header binds.
pub fn envelope_digest(envelope: &[u8]) -> [u8; 32] {
    Sha256::new_with_prefix(b"sealbox/v1 member-envelope")
        .chain_update(envelope)
        .finalize()
        .into()
}

enum Opened {
    /// No stanza is for these identities.
    NoMatch,
    /// A stanza for them failed to decrypt.
    Failed,
    Malformed,
}

/// Decrypts an age file (armored or not) into a zeroizing buffer of at most `limit` bytes.
fn decrypt_with<'a>(
    text: &[u8],
    identities: impl Iterator<Item = &'a dyn age::Identity>,
    limit: usize,
) -> Result<SecretBytes, Opened> {
    let reader = age::armor::ArmoredReader::new(BufReader::new(text));
    let decryptor = age::Decryptor::new_buffered(reader).map_err(|_| Opened::Malformed)?;
    let stream = decryptor.decrypt(identities).map_err(|err| match err {
        age::DecryptError::NoMatchingKeys => Opened::NoMatch,
        age::DecryptError::DecryptionFailed => Opened::Failed,
        _ => Opened::Malformed,
    })?;
    let mut plain = Vec::with_capacity(limit.min(64 * 1024));
    // Read into a buffer sized up front where the size is known, so no copy of the plaintext
    // is left behind by a reallocation (the zeroizing allocator clears those too).
    stream
        .take(limit as u64)
        .read_to_end(&mut plain)
        .map_err(|_| Opened::Malformed)?;
    Ok(SecretBytes::from_vec(plain))
}

fn is_age_file(text: &[u8]) -> bool {
    text.starts_with(b"age-encryption.org/") || text.starts_with(b"-----BEGIN AGE ENCRYPTED FILE")
}

fn passphrase_string(passphrase: &SecretBytes) -> Result<SecretString, Error> {
    let text = std::str::from_utf8(passphrase.expose()).map_err(|_| Error::PassphraseNotUtf8)?;
    Ok(SecretString::from(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_envelope_opens_with_its_identity_only() {
        let alice = Identity::generate();
        let bob = Identity::generate();
        let (secret, envelope) = seal_to(&alice.recipients()[0]);
        assert_eq!(
            open_envelope(&alice, &envelope).unwrap().expose(),
            secret.expose()
        );
        assert!(matches!(
            open_envelope(&bob, &envelope),
            Err(Error::WrongCredential)
        ));
        let mut cut = envelope.clone();
        cut.truncate(cut.len() - 1);
        assert!(matches!(
            open_envelope(&alice, &cut),
            Err(Error::Tampered(_))
        ));
        let huge = vec![b'a'; ENVELOPE_LIMIT + 1];
        assert!(matches!(
            open_envelope(&alice, &huge),
            Err(Error::Tampered(_))
        ));
    }

    #[test]
    fn identity_files_round_trip_plain_and_protected() {
        let identity = Identity::generate();
        let recipient = identity.recipients()[0].to_string();
        let text = identity.file_text("2026-12-02T00:00:00Z");
        let IdentityFile::Plain(read) = Identity::parse_file(text.expose()).unwrap() else {
            panic!("a plain file");
        };
        assert_eq!(read.recipients()[0].to_string(), recipient);
        assert!(format!("{read:?}").contains(&recipient));
        assert!(!format!("{read:?}").contains("AGE-SECRET-KEY"));

        let pass = SecretBytes::copy_from(b"correct horse");
        let protected = identity
            .protected_file_text("2026-12-02T00:00:00Z", &pass)
            .unwrap();
        assert!(matches!(
            Identity::parse_file(&protected),
            Ok(IdentityFile::Protected)
        ));
        let opened = open_identity_file(&protected, &pass).unwrap();
        assert_eq!(opened.recipients()[0].to_string(), recipient);
        assert!(matches!(
            open_identity_file(&protected, &SecretBytes::copy_from(b"wrong")),
            Err(Error::WrongCredential)
        ));
        // An age file sealed to a public key is no protected identity, whatever is typed.
        let (_, sealed) = seal_to(&identity.recipients()[0]);
        assert!(matches!(
            open_identity_file(&sealed, &pass),
            Err(Error::MalformedIdentity)
        ));
        assert!(matches!(
            Identity::parse_file(b"# nothing here\n"),
            Err(Error::MalformedIdentity)
        ));
    }

    #[test]
    fn recipients_parse_and_fingerprint_stably() {
        let identity = Identity::generate();
        let recipient = identity.recipients()[0].to_string();
        let parsed = Recipient::parse(&format!("  {recipient}\n")).unwrap();
        assert_eq!(parsed.to_string(), recipient);
        assert_eq!(parsed.fingerprint(), fingerprint_of(&recipient));
        assert_eq!(parsed.fingerprint().len(), 39);
        assert!(matches!(
            Recipient::parse("age1notarecipient"),
            Err(Error::MalformedRecipient)
        ));
    }
}
