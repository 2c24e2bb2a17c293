//! Trying a credential against the unlock slots, which yields the unlocked [`Keys`].
//!
//! Every slot's header digest is checked first (one SHA-256 each). Slots are tried in an order
//! that puts sealbox's own parameters first and the cheapest next, under a budget of KDF work,
//! so a planted decoy slot can only use up what is left of the budget, not go first.

use crate::crypto::{self, Argon2Params, Credential, SlotKdf};

use super::keys::{Grant, Root};
use super::slots::SlotRow;
use super::{Error, Keys, Result, Tx};
use crate::time::{now, rfc3339};

/// The keys (if any slot opened) and each slot's label and outcome, for `verify`.
pub type Survey = (Option<Keys>, Vec<(String, SlotCheck)>);

/// What happened when a credential was tried against one slot (for `verify`).
#[derive(Debug)]
pub enum SlotCheck {
    /// The slot opened and yields the same vault key as the others that opened.
    Opened,
    /// The credential is not this slot's (or the slot is of the other kind); nothing to check.
    NotReachable,
    /// Not tried: the slots tried before it used up the KDF work one unlock may do.
    NotTried,
    /// The slot opened but wraps a different vault key than the other slots.
    Mismatch,
    /// The slot is damaged, tampered with or unsupported.
    Failed(Error),
}

/// Tries `credential` against each slot of its kind (or only the slot labelled `slot`).
pub(super) fn unlock(tx: &Tx, credential: &Credential, slot: Option<&str>) -> Result<Keys> {
    let slots = tx.slots()?;
    if slots.is_empty() {
        return Err(no_slot());
    }
    let mut candidates: Vec<&SlotRow> = slots
        .iter()
        .filter(|s| slot.is_none_or(|label| s.label == label))
        .filter(|s| s.material.kdf.kind() == credential.kind())
        .collect();
    if candidates.is_empty() {
        return Err(match slot {
            Some(label) if !slots.iter().any(|s| s.label == label) => {
                Error::NoSuchSlot(label.into())
            }
            _ => crypto::Error::WrongCredential.into(),
        });
    }
    // Every slot's header digest is checked first, not only the candidates': an edited slot
    // means the file was modified, which the user must learn even when another slot would open.
    for row in &slots {
        crypto::check_header(tx.vault_id(), &row.material).map_err(|err| match err {
            crypto::Error::Tampered(what) => {
                crypto::Error::Tampered(format!("unlock slot {:?}: {what}", row.label))
            }
            other => other,
        })?;
    }
    candidates.sort_by_key(|row| unlock_order(&row.material.kdf));
    let mut budget = crypto::Budget::default();
    let mut members = 0;
    let mut last = crypto::Error::WrongCredential;
    for (tried, row) in candidates.iter().enumerate() {
        if !member_fits(&mut members, &row.material.kdf) {
            return Err(Error::MemberLimit {
                untried: candidates.len() - tried,
            });
        }
        if !fits(&mut budget, &row.material.kdf) {
            return Err(Error::WorkLimit {
                tried,
                untried: candidates.len() - tried,
            });
        }
        let scope = row.grant.as_ref().map(|g| g.scope_id);
        match crypto::open_slot(tx.vault_id(), credential, &row.material, scope) {
            Ok(key) => {
                return keys_of(
                    tx,
                    row.id,
                    &row.label,
                    &row.material,
                    row.grant.as_ref(),
                    key,
                );
            }
            Err(crypto::Error::WrongCredential) => {}
            // The key check passed, so this is the credential's slot and its wrapped key
            // was modified: report it rather than trying the others.
            Err(crypto::Error::Tampered(what)) => {
                return Err(crypto::Error::Tampered(format!(
                    "unlock slot {:?}: {what}",
                    row.label
                ))
                .into());
            }
            // Unsafe KDF parameters: remember, but another slot may still open.
            Err(err) => last = err,
        }
    }
    Err(last.into())
}

/// Tries `credential` against every slot (or only `slot`) and reports each outcome, without
/// stopping at the first failure: `verify` wants them all. Returns keys if any slot opened.
pub(super) fn survey(tx: &Tx, credential: &Credential, slot: Option<&str>) -> Result<Survey> {
    let slots = tx.slots_lenient()?;
    if slots.is_empty() {
        return Err(no_slot());
    }
    if let Some(label) = slot
        && !slots.iter().any(|s| s.label == label)
    {
        return Err(Error::NoSuchSlot(label.into()));
    }
    let mut keys: Option<Keys> = None;
    let mut report = Vec::with_capacity(slots.len());
    let mut budget = crypto::Budget::default();
    let mut members = 0;
    for row in slots {
        if slot.is_some_and(|wanted| wanted != row.label) {
            continue;
        }
        let material = match row.material {
            Ok(material) => material,
            Err(err) => {
                report.push((row.label, SlotCheck::Failed(err)));
                continue;
            }
        };
        if material.kdf.kind() == credential.kind()
            && (!fits(&mut budget, &material.kdf) || !member_fits(&mut members, &material.kdf))
        {
            report.push((row.label, SlotCheck::NotTried));
            continue;
        }
        // open_slot checks the header digest and KDF parameters before it looks at the
        // credential, and never runs a KDF for a slot of the other kind: so every slot's
        // header is checked, whoever asks, at no extra cost.
        let scope = row.grant.as_ref().map(|g| g.scope_id);
        let opened = crypto::open_slot(tx.vault_id(), credential, &material, scope)
            .map_err(Error::from)
            .and_then(|key| keys_of(tx, row.id, &row.label, &material, row.grant.as_ref(), key));
        let check = match opened {
            Ok(opened) => match &keys {
                Some(first) if !first.same_root(&opened) => SlotCheck::Mismatch,
                Some(_) => SlotCheck::Opened,
                None => {
                    keys = Some(opened);
                    SlotCheck::Opened
                }
            },
            Err(Error::Crypto(crypto::Error::WrongCredential)) => SlotCheck::NotReachable,
            Err(err) => SlotCheck::Failed(err),
        };
        report.push((row.label, check));
    }
    Ok((keys, report))
}

/// The keys an opened slot yields. A full slot's key is the vault key. A scoped slot's is its
/// link key, which opens the scope key; the slot must not have expired, and its scope must
/// exist.
fn keys_of(
    tx: &Tx,
    id: i64,
    label: &str,
    material: &crypto::SlotMaterial,
    grant: Option<&crypto::SlotGrant>,
    key: crypto::Key,
) -> Result<Keys> {
    let recipient = material.envelope.as_ref().map(|e| e.recipient.clone());
    let Some(grant) = grant else {
        return Ok(Keys::new(
            Root::Vault(key),
            *tx.vault_id(),
            id,
            label,
            material.wrapped.clone(),
            recipient,
        ));
    };
    if let Some(at) = grant.expires_at
        && at <= now()
    {
        return Err(Error::Expired {
            label: label.to_owned(),
            on: rfc3339(at),
            scope: tx
                .scope_by_id(grant.scope_id)?
                .map_or_else(|| format!("#{}", grant.scope_id), |s| s.name),
        });
    }
    let tampered = |what: String| -> Error {
        crypto::Error::Tampered(format!("unlock slot {label:?}: {what}")).into()
    };
    let at = crypto::KeyWrap::Granted {
        scope_id: grant.scope_id,
        salt: &material.salt,
    };
    let scope_key = crypto::unwrap_key(&key, tx.vault_id(), &at, &grant.granted)
        .map_err(|err| tampered(err.to_string()))?;
    let scope = tx
        .scope_by_id(grant.scope_id)?
        .ok_or_else(|| tampered("its scope is gone".into()))?;
    let grant_keys = Grant {
        scope_id: scope.id,
        scope_name: scope.name,
        definition: scope.definition,
        key: scope_key,
        allow_write: grant.allow_write,
    };
    Ok(Keys::new(
        Root::Scope(grant_keys),
        *tx.vault_id(),
        id,
        label,
        grant.granted.clone(),
        recipient,
    ))
}

/// The order slots are tried in: sealbox's own parameters first, then by increasing work.
pub(super) fn unlock_order(kdf: &SlotKdf) -> (bool, u64) {
    match kdf {
        SlotKdf::Argon2id(params) => (*params != Argon2Params::DEFAULT, params.work()),
        SlotKdf::HkdfSha256 | SlotKdf::Age => (false, 0),
    }
}

/// Takes a slot's KDF work from `budget`; `false` when it does not fit. Parameters over the
/// per-slot cap take nothing: `open_slot` refuses them before allocating.
pub(super) fn fits(budget: &mut crypto::Budget, kdf: &SlotKdf) -> bool {
    match kdf {
        SlotKdf::Argon2id(params) => params.check().is_err() || budget.take(params),
        // An envelope is at most 4 KiB: a few X25519 operations.
        SlotKdf::HkdfSha256 | SlotKdf::Age => true,
    }
}

/// The most member slots one unlock tries: each costs a few X25519 operations (an envelope
/// is at most 4 KiB), so thousands of planted ones would make a wrong identity take seconds.
pub(super) const MAX_MEMBER_SLOTS: usize = 256;

/// Counts a member slot against [`MAX_MEMBER_SLOTS`]; `false` past it. Other kinds always fit.
fn member_fits(members: &mut usize, kdf: &SlotKdf) -> bool {
    if *kdf != SlotKdf::Age {
        return true;
    }
    *members += 1;
    *members <= MAX_MEMBER_SLOTS
}

/// sealbox never removes the last slot, so a vault without one was edited: no credential can
/// open it, and saying "wrong credential" would send the user looking in the wrong place.
fn no_slot() -> Error {
    Error::Damaged("the vault has no unlock slot".into())
}
