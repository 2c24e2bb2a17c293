//! The authenticated vault row: checking it (and every slot binding) when a session starts,
//! sealing it again when a write ends, and the O(N) checks `verify` and `compact` make of
//! every head, their sum and every version row.

use super::store::params;

use crate::crypto::{self, AuditHead, Key, SecretBytes, Summary, VaultState};

use super::keys::{self, Keys};
use super::scopes;
use super::secrets::{SecretMeta, VersionRow, malformed_value};
use super::session::{open_row, tampered};
use super::{Error, Result, Session, Tx, schema};

/// One head as `verify` found it: authenticated, or the reason it is not.
#[derive(Debug)]
pub struct HeadCheck {
    pub meta: SecretMeta,
    pub problem: Option<Error>,
}

/// What [`check_state`] found: the state key (if it unwrapped) and every problem, so `verify`
/// can name them all; commands take the first as their error.
pub(super) struct StateReport {
    pub state_key: Option<Key>,
    pub generation: i64,
    pub summary: Summary,
    pub default_keep: Option<i64>,
    /// The audit key (if it unwrapped) and the chain head of the last write (format 5).
    pub audit_key: Option<Key>,
    pub audit_head: Option<AuditHead>,
    /// Each problem, with the label of the slot it concerns, if any.
    pub problems: Vec<(Option<String>, Error)>,
}

/// The vault row's authenticated columns.
struct StateRow {
    generation: i64,
    state_key: Result<crypto::Sealed, String>,
    /// The count and the masked sum as stored.
    summary: Option<(i64, [u8; 32])>,
    mac: Option<Vec<u8>>,
    /// The vault's retention default (format 4).
    default_keep: Option<i64>,
    /// The wrapped audit key and the chain head (format 5).
    audit_key: Option<Result<crypto::Sealed, String>>,
    audit_head: Option<Result<AuditHead, String>>,
}

fn state_row(tx: &Tx) -> Result<StateRow> {
    let sql = if tx.format >= schema::AUDITED_SINCE {
        "SELECT generation, state_nonce, state_key, secret_count, heads_sum, state_mac,
                default_keep, audit_nonce, audit_key, audit_seq, audit_offset, audit_hash
         FROM vault WHERE id = 1"
    } else if tx.format >= schema::KEPT_SETS_SINCE {
        "SELECT generation, state_nonce, state_key, secret_count, heads_sum, state_mac,
                default_keep, NULL, NULL, NULL, NULL, NULL FROM vault WHERE id = 1"
    } else {
        "SELECT generation, state_nonce, state_key, secret_count, heads_sum, state_mac, NULL,
                NULL, NULL, NULL, NULL, NULL FROM vault WHERE id = 1"
    };
    let audited = tx.format >= schema::AUDITED_SINCE;
    let row = tx.db.query_one(sql, params![], |row| {
        let nonce: Option<Vec<u8>> = row.get(1)?;
        let wrapped: Option<Vec<u8>> = row.get(2)?;
        let count: Option<i64> = row.get(3)?;
        let sum: Option<Vec<u8>> = row.get(4)?;
        Ok(StateRow {
            generation: row.get(0)?,
            state_key: match (nonce.map(<[u8; 12]>::try_from), wrapped) {
                (Some(Ok(nonce)), Some(ciphertext)) => Ok(crypto::Sealed { nonce, ciphertext }),
                _ => Err("it has no readable state key".to_owned()),
            },
            summary: match (count, sum.map(<[u8; 32]>::try_from)) {
                (Some(count), Some(Ok(sum))) => Some((count, sum)),
                _ => None,
            },
            mac: row.get(5)?,
            default_keep: row.get(6)?,
            audit_key: audited
                .then(|| {
                    let nonce: Option<Vec<u8>> = row.get(7)?;
                    let wrapped: Option<Vec<u8>> = row.get(8)?;
                    Ok::<_, Error>(match (nonce.map(<[u8; 12]>::try_from), wrapped) {
                        (Some(Ok(nonce)), Some(ciphertext)) => {
                            Ok(crypto::Sealed { nonce, ciphertext })
                        }
                        _ => Err("it has no readable audit key".to_owned()),
                    })
                })
                .transpose()?,
            audit_head: audited
                .then(|| {
                    let seq: Option<i64> = row.get(9)?;
                    let offset: Option<i64> = row.get(10)?;
                    let hash: Option<Vec<u8>> = row.get(11)?;
                    Ok::<_, Error>(match (seq, offset, hash.map(<[u8; 32]>::try_from)) {
                        (Some(seq), Some(offset), Some(Ok(hash))) if seq >= 0 && offset >= 0 => {
                            Ok(AuditHead { seq, offset, hash })
                        }
                        _ => Err("its audit chain head is malformed".to_owned()),
                    })
                })
                .transpose()?,
        })
    })?;
    Ok(row)
}

/// Authenticates the vault row and every slot binding; see the module documentation.
pub(super) fn check_state(tx: &Tx, keys: &Keys) -> Result<StateReport> {
    let row = state_row(tx)?;
    let mut problems = Vec::new();
    // A scoped credential reaches the state and audit keys through its scope.
    let held = match keys.grant() {
        Some(_) => Some(scopes::held_keys(tx, keys)?),
        None => None,
    };
    let (held_state, held_audit) = match held {
        Some((state, audit)) => (Some(state), Some(audit)),
        None => (None, None),
    };
    let state_key = match held_state {
        Some(Ok(key)) => Some(key),
        Some(Err(err)) => {
            let err = keys::changed_or(tx, keys, err)?;
            if matches!(err, Error::KeysChanged) {
                return Err(err);
            }
            problems.push((None, err));
            None
        }
        None => match &row.state_key {
            Ok(sealed) => match crypto::open_state_key(keys.vault_key()?, tx.vault_id, sealed) {
                Ok(key) => Some(key),
                Err(err) => {
                    let err = keys::changed_or(tx, keys, err.into())?;
                    if matches!(err, Error::KeysChanged) {
                        return Err(err);
                    }
                    problems.push((None, err));
                    None
                }
            },
            Err(why) => {
                problems.push((None, tampered(format!("the vault's state ({why})"))));
                None
            }
        },
    };
    let audit_key = match (&row.audit_key, held_audit) {
        (_, Some(Ok(key))) => Some(key),
        (_, Some(Err(err))) => {
            problems.push((None, err));
            None
        }
        (None, None) => None,
        (Some(Ok(sealed)), None) => {
            match crypto::open_audit_key(keys.vault_key()?, tx.vault_id, sealed) {
                Ok(key) => Some(key),
                Err(err) => {
                    problems.push((None, keys::changed_or(tx, keys, err.into())?));
                    None
                }
            }
        }
        (Some(Err(why)), None) => {
            problems.push((None, tampered(format!("the vault's state ({why})"))));
            None
        }
    };
    let audit_head = match &row.audit_head {
        None => None,
        Some(Ok(head)) => Some(*head),
        Some(Err(why)) => {
            problems.push((None, tampered(format!("the vault's state ({why})"))));
            None
        }
    };
    let Some(state_key) = state_key else {
        return Ok(StateReport {
            state_key: None,
            generation: row.generation,
            summary: Summary::EMPTY,
            default_keep: row.default_keep,
            audit_key,
            audit_head,
            problems,
        });
    };
    let summary = row.summary.map_or(Summary::EMPTY, |(count, sum)| {
        crypto::unmask_summary(&state_key, tx.vault_id, row.generation, count, &sum)
    });
    let mut digest = crypto::SlotsDigest::default();
    for slot in tx.slot_rows()? {
        let (slot, label) = slot;
        let Ok(slot) = slot else {
            // Reported by the caller that reads the slot's material; its binding cannot be
            // recomputed, so the digest below fails too.
            digest.add(&[]);
            continue;
        };
        let binding = slot.binding_under(&state_key, tx.vault_id);
        let stored = slot.binding.as_deref().unwrap_or_default();
        if !crypto::ct_eq(stored, &binding) {
            problems.push((
                Some(label.clone()),
                tampered(format!(
                    "unlock slot {label:?} (its label, kind, creation time or key material)"
                )),
            ));
        }
        digest.add(stored);
    }
    let expected = crypto::vault_mac(
        &state_key,
        tx.vault_id,
        &VaultState {
            format: tx.format,
            default_keep: row.default_keep,
            generation: row.generation,
            summary,
            slots: digest.finish(),
            data_keys: tx.data_keys_digest()?,
            audit: audit_head,
            scopes: tx.scopes_digest()?,
        },
    );
    // Format 4 always has a default; its absence is an edit the MAC alone would not show.
    let keep_ok = (tx.format >= schema::KEPT_SETS_SINCE) == row.default_keep.is_some();
    let mac_ok = keep_ok
        && row.summary.is_some()
        && row
            .mac
            .as_deref()
            .is_some_and(|mac| crypto::ct_eq(mac, &expected));
    if !mac_ok && problems.is_empty() {
        problems.push((
            None,
            tampered(
                "the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes)",
            ),
        ));
    }
    Ok(StateReport {
        state_key: Some(state_key),
        generation: row.generation,
        summary,
        default_keep: row.default_keep,
        audit_key,
        audit_head,
        problems,
    })
}

/// The vault row as authenticated at the start of a session.
pub(super) struct Authenticated {
    pub state_key: Key,
    pub generation: i64,
    pub summary: Summary,
    pub default_keep: Option<i64>,
    /// The audit chain head of the last write (format 5).
    pub audit_head: Option<AuditHead>,
}

impl Session<'_> {
    /// Authenticates every head and their sum, and checks that the stored version rows are
    /// exactly the ones the heads list (no row missing, none extra, none without a head).
    /// O(N); for `compact`, which must not rewrite a tampered vault as if it were intact.
    pub fn check_all(&self) -> Result<()> {
        let heads = self.list("")?;
        let mut rows = self.tx.version_names()?.into_iter().peekable();
        for meta in &heads {
            let mut stored = Vec::new();
            while let Some((name, version)) = rows.next_if(|(name, _)| *name <= meta.name) {
                if name != meta.name {
                    return Err(tampered(format!(
                        "the state of {name} (its versions are stored, its head is not)"
                    )));
                }
                stored.push(version);
            }
            if stored != meta.kept.listed(meta.version) {
                return Err(tampered(format!(
                    "the state of {} (its stored versions are not the ones its head lists)",
                    meta.name
                )));
            }
        }
        if let Some((name, _)) = rows.next() {
            return Err(tampered(format!(
                "the state of {name} (its versions are stored, its head is not)"
            )));
        }
        Ok(())
    }

    /// Every head, each authenticated or with its problem, and whether the heads add up to the
    /// vault row's summary (checked only when every head authenticates: otherwise the sum
    /// cannot match, and the bad head is the finding). O(N), for `verify`.
    pub fn check_heads(&self) -> Result<(Vec<HeadCheck>, bool)> {
        let mut summary = Summary::EMPTY;
        let mut checks = Vec::new();
        let mut all_ok = true;
        self.tx.each_head(|meta| {
            let check = match self.authenticate(meta.clone()) {
                Ok((meta, _, term)) => {
                    summary.add(&term);
                    HeadCheck {
                        meta,
                        problem: None,
                    }
                }
                Err(err) => {
                    all_ok = false;
                    HeadCheck {
                        meta,
                        problem: Some(err),
                    }
                }
            };
            checks.push(check);
            Ok(())
        })?;
        Ok((checks, !all_ok || summary == self.summary))
    }

    /// Calls `f` with every stored version row, streaming, and the result of opening it under
    /// the id of its head in `heads` (`None` when `heads` has no head of its name). For
    /// `verify`; the plaintext is dropped when `f` returns.
    pub fn each_version_opened(
        &mut self,
        heads: &std::collections::HashMap<String, SecretMeta>,
        mut f: impl FnMut(&VersionRow, Option<Result<SecretBytes>>) -> Result<()>,
    ) -> Result<()> {
        let (tx, keys) = (&self.tx, &mut *self.keys);
        tx.each_version(|row| {
            let opened = heads.get(&row.name).map(|meta| {
                let id = meta
                    .id
                    .ok_or_else(|| tampered(format!("the stored state of {}", meta.name)))?;
                let sealed = row
                    .sealed
                    .as_ref()
                    .map_err(|why| malformed_value(&row.name, row.version, why))?;
                open_row(
                    tx,
                    keys,
                    &id,
                    &row.name,
                    row.version,
                    row.key_id,
                    row.sealing,
                    sealed,
                )
            });
            f(&row, opened)
        })
    }

    /// Unwraps data key `id`, to check it.
    pub fn check_data_key(&mut self, id: i64) -> Result<()> {
        keys::data_key(&self.tx, self.keys, id).map(|_| ())
    }

    /// Seals the vault row for this transaction's generation: the bindings of the slots this
    /// transaction added or changed (or all of them, after an upgrade or a new state key) are
    /// recomputed, then the MAC over the generation, the summary, the slot digest and the data
    /// keys. A slot whose binding does not match and that this transaction did not touch was
    /// edited since the session authenticated it, which cannot happen under the write lock: it
    /// is refused rather than bound.
    pub(super) fn finish(&self) -> Result<()> {
        let mut digest = crypto::SlotsDigest::default();
        for slot in self.tx.slots()? {
            let binding = slot.binding_under(&self.state_key, self.tx.vault_id);
            let stored = slot.binding.as_deref().unwrap_or_default();
            if !crypto::ct_eq(stored, &binding) {
                if !self.rebind_all && !self.rebind.contains(&slot.id) {
                    return Err(tampered(format!(
                        "unlock slot {:?} (its label, kind, creation time or key material)",
                        slot.label
                    )));
                }
                self.tx.db.execute(
                    "UPDATE slots SET binding = ?1 WHERE id = ?2",
                    params![&binding[..], slot.id],
                )?;
            }
            digest.add(&binding);
        }
        let mac = crypto::vault_mac(
            &self.state_key,
            self.tx.vault_id,
            &VaultState {
                format: self.tx.format,
                default_keep: self.default_keep,
                generation: self.generation,
                summary: self.summary,
                slots: digest.finish(),
                data_keys: self.tx.data_keys_digest()?,
                audit: self.audit_head,
                scopes: self.tx.scopes_digest()?,
            },
        );
        let stored = crypto::mask_summary(
            &self.state_key,
            self.tx.vault_id,
            self.generation,
            &self.summary,
        );
        self.tx.db.execute(
            "UPDATE vault SET secret_count = ?1, heads_sum = ?2, state_mac = ?3 WHERE id = 1",
            params![self.summary.count, &stored[..], &mac[..]],
        )?;
        if let Some(keep) = self.default_keep {
            self.tx.db.execute(
                "UPDATE vault SET default_keep = ?1 WHERE id = 1",
                params![keep],
            )?;
        }
        if let Some(head) = self.audit_head {
            self.tx.db.execute(
                "UPDATE vault SET audit_seq = ?1, audit_offset = ?2, audit_hash = ?3 WHERE id = 1",
                params![head.seq, head.offset, &head.hash[..]],
            )?;
        }
        Ok(())
    }
}
