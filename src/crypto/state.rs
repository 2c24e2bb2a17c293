//! Authenticated vault state: MACs over each secret's head and each unlock slot, and one MAC
//! over the vault row that summarises all of them.
//!
//! A random state key, wrapped under the vault key, keys everything here, each use under its
//! own HKDF label. A secret's head (its id, name, current and oldest kept version and its
//! metadata) is MAC'd with HMAC-SHA512: the first half is stored beside the row as its tag, the
//! second half is the head's *term*, which is never stored. The vault row holds the sum of all
//! terms modulo 2^256 (an incremental multiset hash: a write subtracts the old term and adds
//! the new one), masked by a pseudorandom value of the generation, the number of secrets, and a
//! MAC over those, the format, the generation, a digest of every slot's binding and a digest of
//! the data keys' rows. Because the terms are secret (and the stored sums masked, so copies at
//! successive generations do not reveal them), someone holding copies of the file cannot search
//! for a different set of heads with the same sum; they can only present rows exactly as
//! sealbox wrote them, which the generation (and the freshness record kept outside the vault)
//! orders in time.
//!
//! Every encoding goes through [`associated_data`], which is injective, and every layout has
//! its own tag, so a later format can add fields under a new tag without ambiguity.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256, Sha512};

use super::kdf::subkey;
use super::seal::{key_from_slice, key_plaintext, open_in_place, seal_in_place};
use super::{Envelope, Error, Key, Sealed, VaultId, associated_data, fill_random};

pub const SECRET_ID_LEN: usize = 16;
pub const TAG_LEN: usize = 32;

/// A secret's random identity, made when its name is first set; a name deleted and set again
/// gets a new one, so nothing sealed in its previous life opens under it.
pub type SecretId = [u8; SECRET_ID_LEN];

const STATE_WRAP_LABEL: &[u8] = b"sealbox/v1 state-key-wrap";
const HEAD_LABEL: &[u8] = b"sealbox/v1 head-mac";
const SLOT_LABEL: &[u8] = b"sealbox/v1 slot-binding";
const VAULT_LABEL: &[u8] = b"sealbox/v1 vault-mac";
const MASK_LABEL: &[u8] = b"sealbox/v1 sum-mask";

/// A fresh random secret id.
pub fn random_secret_id() -> SecretId {
    let mut id = [0; SECRET_ID_LEN];
    fill_random(&mut id);
    id
}

/// Wraps the state key under the vault key.
pub fn seal_state_key(vault_key: &Key, vault_id: &VaultId, state_key: &Key) -> Sealed {
    let wrap = subkey(vault_key, STATE_WRAP_LABEL);
    let aad = associated_data("sealbox/state-key", &[vault_id]);
    seal_in_place(&wrap, &aad, key_plaintext(state_key))
}

/// Unwraps the state key.
pub fn open_state_key(vault_key: &Key, vault_id: &VaultId, sealed: &Sealed) -> Result<Key, Error> {
    let wrap = subkey(vault_key, STATE_WRAP_LABEL);
    let aad = associated_data("sealbox/state-key", &[vault_id]);
    open_in_place(&wrap, &aad, sealed)
        .and_then(|plain| key_from_slice(plain.expose()))
        .ok_or_else(|| Error::Tampered("the vault's state key".into()))
}

/// Everything about a secret that commands act on, apart from its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head<'a> {
    pub secret_id: &'a SecretId,
    pub name: &'a str,
    /// The current version.
    pub version: i64,
    /// Which versions are kept.
    pub kept: Kept<'a>,
    pub description: Option<&'a str>,
    pub rotate_every: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// The versions a head says are stored, in the layout of its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept<'a> {
    /// Format 3: every version from this one to the current.
    From(i64),
    /// Format 4: exactly these versions, ascending, and the secret's own retention limit
    /// (`None`: the vault's default).
    Set {
        versions: &'a [i64],
        keep: Option<i64>,
    },
}

/// A head's stored tag and its secret term.
pub struct HeadMac {
    pub tag: [u8; TAG_LEN],
    pub term: Term,
}

/// One head's contribution to the vault's summary; never stored.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Term([u8; 32]);

/// The multiset hash of every head: the number of heads and the sum of their terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    pub count: i64,
    pub sum: [u8; 32],
}

impl Summary {
    pub const EMPTY: Summary = Summary {
        count: 0,
        sum: [0; 32],
    };

    pub fn add(&mut self, term: &Term) {
        self.count += 1;
        self.sum = add_mod(&self.sum, &term.0, false);
    }

    pub fn remove(&mut self, term: &Term) {
        self.count -= 1;
        self.sum = add_mod(&self.sum, &term.0, true);
    }
}

/// `a + b` (or `a - b`) modulo 2^256, both little-endian. Written out rather than taken from a
/// big-integer crate: it is four limbs and a carry.
fn add_mod(a: &[u8; 32], b: &[u8; 32], subtract: bool) -> [u8; 32] {
    let limb = |x: &[u8; 32], i: usize| {
        u64::from_le_bytes(x[i * 8..i * 8 + 8].try_into().expect("8 bytes"))
    };
    let mut out = [0; 32];
    let mut carry = 0;
    for i in 0..4 {
        let (x, y) = (limb(a, i), limb(b, i));
        let ((value, c1), c2) = if subtract {
            let (v, c1) = x.overflowing_sub(y);
            ((v.wrapping_sub(carry), c1), v < carry)
        } else {
            let (v, c1) = x.overflowing_add(y);
            ((v.wrapping_add(carry), c1), v.checked_add(carry).is_none())
        };
        out[i * 8..i * 8 + 8].copy_from_slice(&value.to_le_bytes());
        carry = u64::from(c1 || c2);
    }
    out
}

/// The MAC of a head, under the state key.
pub fn head_mac(state_key: &Key, vault_id: &VaultId, head: &Head) -> HeadMac {
    let key = subkey(state_key, HEAD_LABEL);
    let mut mac = <Hmac<Sha512> as Mac>::new_from_slice(key.expose()).expect("any key length");
    mac.update(&head_encoding(vault_id, head));
    let out = mac.finalize().into_bytes();
    let mut tag = [0; TAG_LEN];
    let mut term = [0; 32];
    tag.copy_from_slice(&out[..32]);
    term.copy_from_slice(&out[32..]);
    HeadMac {
        tag,
        term: Term(term),
    }
}

/// Checks a stored head tag; returns the head's term when it matches.
pub fn verify_head(
    state_key: &Key,
    vault_id: &VaultId,
    head: &Head,
    tag: &[u8],
) -> Result<HeadMac, Error> {
    let mac = head_mac(state_key, vault_id, head);
    if super::ct_eq(&mac.tag, tag) {
        Ok(mac)
    } else {
        Err(Error::Tampered(format!(
            "the stored state of {} (its version or metadata)",
            head.name
        )))
    }
}

fn head_encoding(vault_id: &VaultId, head: &Head) -> Vec<u8> {
    let optional_text = |text: Option<&str>| match text {
        None => vec![0],
        Some(text) => [&[1], text.as_bytes()].concat(),
    };
    let common = [
        optional_text(head.description),
        optional_number(head.rotate_every),
    ];
    let (tag, kept) = match head.kept {
        Kept::From(from) => ("sealbox/head-v1", vec![from.to_be_bytes().to_vec()]),
        Kept::Set { versions, keep } => (
            "sealbox/head-v2",
            vec![versions_bytes(versions), optional_number(keep)],
        ),
    };
    let version = head.version.to_be_bytes();
    let mut fields: Vec<&[u8]> = vec![vault_id, head.secret_id, head.name.as_bytes(), &version];
    fields.extend(kept.iter().map(Vec::as_slice));
    fields.extend(common.iter().map(Vec::as_slice));
    let (created, updated) = (head.created_at.to_be_bytes(), head.updated_at.to_be_bytes());
    fields.push(&created);
    fields.push(&updated);
    associated_data(tag, &fields)
}

fn optional_number(n: Option<i64>) -> Vec<u8> {
    match n {
        None => vec![0],
        Some(n) => [&[1][..], &n.to_be_bytes()].concat(),
    }
}

/// The stored form of a kept-version set: each version as 8 big-endian bytes, ascending.
pub fn versions_bytes(versions: &[i64]) -> Vec<u8> {
    versions.iter().flat_map(|v| v.to_be_bytes()).collect()
}

/// The inverse of [`versions_bytes`]; `None` if the bytes are not a whole, strictly
/// ascending list of positive versions.
pub fn versions_from_bytes(bytes: &[u8]) -> Option<Vec<i64>> {
    if !bytes.len().is_multiple_of(8) {
        return None;
    }
    let versions: Vec<i64> = bytes
        .chunks_exact(8)
        .map(|c| i64::from_be_bytes(c.try_into().expect("8 bytes")))
        .collect();
    let ascending = versions.windows(2).all(|w| w[0] < w[1]);
    (ascending && versions.first().is_none_or(|&v| v > 0)).then_some(versions)
}

/// Every column of one unlock slot row, as bound by [`slot_binding`].
pub struct SlotFields<'a> {
    pub id: i64,
    pub label: &'a str,
    pub kind: &'a str,
    pub kdf_params: [Option<i64>; 3],
    pub salt: &'a [u8],
    pub digest: &'a [u8],
    pub key_check: &'a [u8],
    pub wrapped: &'a Sealed,
    pub created_at: i64,
    /// What a scoped slot may do (format 6); `None` for a full slot.
    pub grant: Option<&'a SlotGrant>,
    /// A member slot's recipient and envelope (format 7); `None` for the other kinds.
    pub envelope: Option<&'a Envelope>,
}

/// The columns of a scoped slot: its scope, when it expires, whether it may write, its link
/// key (under the vault key) and the scope key (under the link key); see `scope`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlotGrant {
    pub scope_id: i64,
    pub expires_at: Option<i64>,
    pub allow_write: bool,
    pub link: Sealed,
    pub granted: Sealed,
}

/// The binding of a slot row under the state key: an edited label, kind, date or any other
/// column no longer matches.
pub fn slot_binding(state_key: &Key, vault_id: &VaultId, slot: &SlotFields) -> [u8; TAG_LEN] {
    let params: Vec<u8> = slot
        .kdf_params
        .iter()
        .flat_map(|p| match p {
            None => vec![0],
            Some(p) => [&[1][..], &p.to_be_bytes()].concat(),
        })
        .collect();
    let (id, created) = (slot.id.to_be_bytes(), slot.created_at.to_be_bytes());
    let mut fields: Vec<&[u8]> = vec![
        vault_id,
        &id,
        slot.label.as_bytes(),
        slot.kind.as_bytes(),
        &params,
        slot.salt,
        slot.digest,
        slot.key_check,
        &slot.wrapped.nonce,
        &slot.wrapped.ciphertext,
        &created,
    ];
    // A full slot keeps the layout of format 3, so an upgrade need not rebind it.
    let grant = slot.grant.map(|g| {
        (
            g.scope_id.to_be_bytes(),
            optional_number(g.expires_at),
            [u8::from(g.allow_write)],
        )
    });
    let mut tag = match &grant {
        None => "sealbox/slot-binding-v1",
        Some((scope, expires, write)) => {
            let g = slot.grant.expect("a grant");
            fields.extend([
                &scope[..],
                expires,
                write,
                &g.link.nonce,
                &g.link.ciphertext,
                &g.granted.nonce,
                &g.granted.ciphertext,
            ]);
            "sealbox/slot-binding-v2"
        }
    };
    // A member slot binds its recipient and envelope as well (they are in its header digest
    // too, but `slot list` shows the recipient without opening the slot).
    if let Some(envelope) = slot.envelope {
        fields.extend([envelope.recipient.as_bytes(), &envelope.sealed[..]]);
        tag = if grant.is_some() {
            "sealbox/slot-binding-v2+member"
        } else {
            "sealbox/slot-binding-v1+member"
        };
    }
    let encoding = associated_data(tag, &fields);
    hmac256(&subkey(state_key, SLOT_LABEL), &encoding)
}

/// Folds slot bindings, in slot-id order, into one digest for the vault MAC.
#[derive(Default)]
pub struct SlotsDigest(Sha256);

impl SlotsDigest {
    pub fn add(&mut self, binding: &[u8]) {
        self.0.update((binding.len() as u64).to_be_bytes());
        self.0.update(binding);
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// Folds the data keys' rows (id and wrapped key), in id order, into one digest for the vault
/// MAC, so a retired (possibly leaked) data key cannot be put back.
#[derive(Default)]
pub struct KeysDigest(Sha256);

impl KeysDigest {
    pub fn add(&mut self, id: i64, nonce: &[u8], wrapped: &[u8]) {
        self.0.update(id.to_be_bytes());
        for field in [nonce, wrapped] {
            self.0.update((field.len() as u64).to_be_bytes());
            self.0.update(field);
        }
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// Folds rows of any table, each a list of fields, into one digest for the vault MAC. Each
/// field is length-prefixed and each row counted, so the encoding is injective.
#[derive(Default)]
pub struct RowsDigest(Sha256);

impl RowsDigest {
    pub fn add(&mut self, fields: &[&[u8]]) {
        self.0.update((fields.len() as u64).to_be_bytes());
        for field in fields {
            self.0.update((field.len() as u64).to_be_bytes());
            self.0.update(field);
        }
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into()
    }
}

/// What the vault row's MAC covers.
pub struct VaultState {
    /// The file's format version, so a vault cannot pass for another format's.
    pub format: i64,
    /// How many versions a secret keeps unless it says otherwise (format 4; `None` in 3).
    pub default_keep: Option<i64>,
    pub generation: i64,
    pub summary: Summary,
    pub slots: [u8; 32],
    pub data_keys: [u8; 32],
    /// The audit chain's head at the last write (format 5; `None` before).
    pub audit: Option<AuditHead>,
    /// The digest of the scopes and the rotation flags (format 6; `None` before).
    pub scopes: Option<[u8; 32]>,
}

/// A record of the audit log, as the vault row remembers it: its sequence number, the byte
/// offset where its line starts (where to look first) and its chain hash. Sequence 0 is the
/// empty log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AuditHead {
    pub seq: i64,
    pub offset: i64,
    pub hash: [u8; 32],
}

impl AuditHead {
    pub const EMPTY: AuditHead = AuditHead {
        seq: 0,
        offset: 0,
        hash: [0; 32],
    };
}

/// The summary as stored: its sum is masked with a pseudorandom value of the generation, so
/// copies of the file at successive generations do not reveal the (secret) terms either.
pub fn mask_summary(
    state_key: &Key,
    vault_id: &VaultId,
    generation: i64,
    summary: &Summary,
) -> [u8; 32] {
    add_mod(
        &summary.sum,
        &sum_mask(state_key, vault_id, generation),
        false,
    )
}

/// The inverse of [`mask_summary`].
pub fn unmask_summary(
    state_key: &Key,
    vault_id: &VaultId,
    generation: i64,
    count: i64,
    stored: &[u8; 32],
) -> Summary {
    Summary {
        count,
        sum: add_mod(stored, &sum_mask(state_key, vault_id, generation), true),
    }
}

fn sum_mask(state_key: &Key, vault_id: &VaultId, generation: i64) -> [u8; 32] {
    let encoding = associated_data(
        "sealbox/sum-mask-v1",
        &[vault_id, &generation.to_be_bytes()],
    );
    hmac256(&subkey(state_key, MASK_LABEL), &encoding)
}

pub fn vault_mac(state_key: &Key, vault_id: &VaultId, state: &VaultState) -> [u8; TAG_LEN] {
    let (format, generation, count) = (
        state.format.to_be_bytes(),
        state.generation.to_be_bytes(),
        state.summary.count.to_be_bytes(),
    );
    let mut fields: Vec<&[u8]> = vec![
        vault_id,
        &format,
        &generation,
        &count,
        &state.summary.sum,
        &state.slots,
        &state.data_keys,
    ];
    let keep = state.default_keep.map(optional_number_some);
    let audit = state
        .audit
        .map(|head| (head.seq.to_be_bytes(), head.offset.to_be_bytes(), head.hash));
    let tag = match (&keep, &audit) {
        (None, _) => "sealbox/vault-state-v1",
        (Some(keep), None) => {
            fields.push(keep);
            "sealbox/vault-state-v2"
        }
        (Some(keep), Some((seq, offset, hash))) => {
            fields.extend([keep.as_slice(), seq, offset, hash]);
            match &state.scopes {
                None => "sealbox/vault-state-v3",
                Some(scopes) => {
                    fields.push(scopes);
                    "sealbox/vault-state-v4"
                }
            }
        }
    };
    let encoding = associated_data(tag, &fields);
    hmac256(&subkey(state_key, VAULT_LABEL), &encoding)
}

fn optional_number_some(n: i64) -> Vec<u8> {
    optional_number(Some(n))
}

fn hmac256(key: &Key, data: &[u8]) -> [u8; TAG_LEN] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key.expose()).expect("any key length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VAULT: VaultId = [3; 16];

    fn head<'a>(id: &'a SecretId, name: &'a str, version: i64) -> Head<'a> {
        Head {
            secret_id: id,
            name,
            version,
            kept: Kept::From(1),
            description: None,
            rotate_every: Some(90),
            created_at: 1,
            updated_at: 2,
        }
    }

    #[test]
    fn every_head_field_is_covered() {
        let key = Key::random();
        let id = [1; 16];
        let base = head(&id, "A", 3);
        let tag = head_mac(&key, &VAULT, &base).tag;
        let other_id = [2; 16];
        let variants = [
            Head {
                secret_id: &other_id,
                ..base.clone()
            },
            Head {
                name: "B",
                ..base.clone()
            },
            Head {
                version: 2,
                ..base.clone()
            },
            Head {
                kept: Kept::From(2),
                ..base.clone()
            },
            Head {
                kept: Kept::Set {
                    versions: &[1, 2, 3],
                    keep: None,
                },
                ..base.clone()
            },
            Head {
                description: Some(""),
                ..base.clone()
            },
            Head {
                rotate_every: None,
                ..base.clone()
            },
            Head {
                created_at: 0,
                ..base.clone()
            },
            Head {
                updated_at: 3,
                ..base.clone()
            },
        ];
        for variant in &variants {
            assert!(
                verify_head(&key, &VAULT, variant, &tag).is_err(),
                "{variant:?}"
            );
        }
        assert!(verify_head(&key, &VAULT, &base, &tag).is_ok());
        assert!(verify_head(&key, &[4; 16], &base, &tag).is_err());
        assert!(verify_head(&Key::random(), &VAULT, &base, &tag).is_err());
    }

    #[test]
    fn every_field_of_a_v2_head_is_covered() {
        let key = Key::random();
        let id = [1; 16];
        let set = |versions, keep| Head {
            kept: Kept::Set { versions, keep },
            ..head(&id, "A", 3)
        };
        let tag = head_mac(&key, &VAULT, &set(&[2, 3], Some(5))).tag;
        assert!(verify_head(&key, &VAULT, &set(&[2, 3], Some(5)), &tag).is_ok());
        for other in [
            set(&[3], Some(5)),
            set(&[1, 2, 3], Some(5)),
            set(&[2, 3], None),
        ] {
            assert!(
                verify_head(&key, &VAULT, &other, &tag).is_err(),
                "{other:?}"
            );
        }
    }

    #[test]
    fn kept_sets_round_trip_and_malformed_ones_are_refused() {
        let bytes = versions_bytes(&[1, 4, 9]);
        assert_eq!(versions_from_bytes(&bytes), Some(vec![1, 4, 9]));
        assert_eq!(versions_from_bytes(&[]), Some(vec![]));
        assert_eq!(versions_from_bytes(&bytes[1..]), None);
        assert_eq!(versions_from_bytes(&versions_bytes(&[4, 1])), None);
        assert_eq!(versions_from_bytes(&versions_bytes(&[0, 1])), None);
    }

    #[test]
    fn the_summary_is_order_independent_and_removal_undoes_addition() {
        let key = Key::random();
        let ids: Vec<SecretId> = (0..5).map(|i| [i; 16]).collect();
        let terms: Vec<Term> = ids
            .iter()
            .map(|id| head_mac(&key, &VAULT, &head(id, "N", 1)).term)
            .collect();
        let mut forward = Summary::EMPTY;
        terms.iter().for_each(|t| forward.add(t));
        let mut backward = Summary::EMPTY;
        terms.iter().rev().for_each(|t| backward.add(t));
        assert_eq!(forward, backward);
        let mut partial = forward;
        partial.remove(&terms[2]);
        assert_ne!(partial, forward);
        partial.add(&terms[2]);
        assert_eq!(partial, forward);
        terms.iter().for_each(|t| partial.remove(t));
        assert_eq!(partial, Summary::EMPTY);
    }

    #[test]
    fn the_stored_sum_is_masked_per_generation_and_unmasks_exactly() {
        let key = Key::random();
        let mut summary = Summary::EMPTY;
        summary.add(&head_mac(&key, &VAULT, &head(&[1; 16], "A", 1)).term);
        let at_one = mask_summary(&key, &VAULT, 1, &summary);
        let at_two = mask_summary(&key, &VAULT, 2, &summary);
        assert_ne!(
            at_one, summary.sum,
            "a lone head's term would be in the file"
        );
        assert_ne!(at_one, at_two);
        assert_eq!(unmask_summary(&key, &VAULT, 1, 1, &at_one), summary);
        assert_ne!(unmask_summary(&key, &VAULT, 2, 1, &at_one), summary);
        assert_ne!(
            unmask_summary(&Key::random(), &VAULT, 1, 1, &at_one),
            summary
        );
    }

    #[test]
    fn carries_cross_limbs() {
        let mut max = [0xff; 32];
        let one = {
            let mut one = [0; 32];
            one[0] = 1;
            one
        };
        assert_eq!(add_mod(&max, &one, false), [0; 32]);
        assert_eq!(add_mod(&[0; 32], &one, true), max);
        max[31] = 0;
        let mut expected = [0; 32];
        expected[31] = 1;
        assert_eq!(add_mod(&max, &one, false), expected);
    }

    #[test]
    fn the_state_key_round_trips_only_under_its_vault_key() {
        let vault_key = Key::random();
        let state = Key::random();
        let sealed = seal_state_key(&vault_key, &VAULT, &state);
        assert_eq!(
            open_state_key(&vault_key, &VAULT, &sealed)
                .unwrap()
                .expose(),
            state.expose()
        );
        assert!(open_state_key(&Key::random(), &VAULT, &sealed).is_err());
        assert!(open_state_key(&vault_key, &[9; 16], &sealed).is_err());
    }
}
