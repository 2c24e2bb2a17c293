//! The `slots` table: one row per unlock slot, each wrapping the vault key under one credential.
//!
//! Rows are read here as stored. From format 3 each row carries a binding, an HMAC under the
//! state key over every column, and the vault row's MAC covers a digest of all bindings in id
//! order, so an edited label, kind or date, a slot removed, or an old slot put back, fails the
//! check [`super::Session`] makes before any command acts on the slots.

use super::store::{Row, params};

use crate::crypto::{
    self, Argon2Params, Key, SlotFields, SlotGrant, SlotKdf, SlotMaterial, VaultId,
};

use super::{Error, Result, Tx};

/// An unlock slot as stored.
#[derive(Debug)]
pub struct SlotRow {
    pub id: i64,
    pub label: String,
    pub material: SlotMaterial,
    /// When this slot's current credential was set (Unix seconds).
    pub created_at: i64,
    /// The stored kind and KDF parameters, exactly as in the row (for the binding).
    kind: String,
    kdf_params: [Option<i64>; 3],
    /// The stored binding (format 3).
    pub(super) binding: Option<Vec<u8>>,
    /// The scope a scoped slot opens, its expiry and whether it may write (format 6).
    pub grant: Option<SlotGrant>,
}

/// A slot row whose material may be unreadable: `verify` and `slot list` report one malformed
/// slot without hiding the others.
#[derive(Debug)]
pub struct LenientSlot {
    pub id: i64,
    pub label: String,
    pub material: Result<SlotMaterial>,
    pub grant: Option<SlotGrant>,
}

const SLOT_COLUMNS: &str = "id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check,
    nonce, wrapped_key, created_at, binding, scope_id, expires_at, allow_write, link_nonce,
    link_key, grant_nonce, grant_key, recipient, envelope";
const V6_SLOT_COLUMNS: &str = "id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check,
    nonce, wrapped_key, created_at, binding, scope_id, expires_at, allow_write, link_nonce,
    link_key, grant_nonce, grant_key, NULL, NULL";
const V3_SLOT_COLUMNS: &str = "id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check,
    nonce, wrapped_key, created_at, binding, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL";
const LEGACY_SLOT_COLUMNS: &str = "id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest,
    key_check, nonce, wrapped_key, created_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL";

impl SlotRow {
    /// The binding this row should carry under `state_key`.
    pub(super) fn binding_under(&self, state_key: &Key, vault_id: &VaultId) -> [u8; 32] {
        crypto::slot_binding(
            state_key,
            vault_id,
            &SlotFields {
                id: self.id,
                label: &self.label,
                kind: &self.kind,
                kdf_params: self.kdf_params,
                salt: &self.material.salt,
                digest: &self.material.digest,
                key_check: &self.material.key_check,
                wrapped: &self.material.wrapped,
                created_at: self.created_at,
                grant: self.grant.as_ref(),
                envelope: self.material.envelope.as_ref(),
            },
        )
    }
}

impl Tx<'_> {
    fn slot_query(&self, filter: &str) -> String {
        let columns = if self.format >= super::schema::MEMBERS_SINCE {
            SLOT_COLUMNS
        } else if self.format >= super::schema::SCOPED_SINCE {
            V6_SLOT_COLUMNS
        } else if self.format >= super::schema::AUTHENTICATED_SINCE {
            V3_SLOT_COLUMNS
        } else {
            LEGACY_SLOT_COLUMNS
        };
        format!("SELECT {columns} FROM slots {filter} ORDER BY id")
    }

    /// Every unlock slot, in creation order; a malformed one is an error naming it.
    pub fn slots(&self) -> Result<Vec<SlotRow>> {
        let rows = self
            .db
            .query_all(&self.slot_query(""), params![], slot_row)?;
        let mut slots = Vec::new();
        for (row, label) in rows {
            slots.push(row.map_err(|err| self.slot_error(&label, err))?);
        }
        Ok(slots)
    }

    /// Names the slot in `err`. An unknown kind in a format that authenticates its slots is
    /// an edit, not a newer sealbox's slot: a newer format would have been refused first.
    fn slot_error(&self, label: &str, err: Error) -> Error {
        match err {
            Error::Damaged(why) => Error::Damaged(format!("unlock slot {label:?}: {why}")),
            Error::Unsupported(why) if self.format >= super::schema::AUTHENTICATED_SINCE => {
                crate::crypto::Error::Tampered(format!("unlock slot {label:?} ({why})")).into()
            }
            other => other,
        }
    }

    /// Every slot row, each readable or not, with its label.
    pub(super) fn slot_rows(&self) -> Result<Vec<(Result<SlotRow>, String)>> {
        self.db.query_all(&self.slot_query(""), params![], slot_row)
    }

    /// Every unlock slot with its material or what is wrong with it.
    pub fn slots_lenient(&self) -> Result<Vec<LenientSlot>> {
        self.db.query_all(&self.slot_query(""), params![], |row| {
            Ok(LenientSlot {
                id: row.get(0)?,
                label: row.get(1)?,
                material: slot_row(row)?
                    .0
                    .map(|slot| slot.material)
                    .map_err(|err| match err {
                        Error::Unsupported(why)
                            if self.format >= super::schema::AUTHENTICATED_SINCE =>
                        {
                            crate::crypto::Error::Tampered(why).into()
                        }
                        other => other,
                    }),
                grant: grant(row)?,
            })
        })
    }

    pub(super) fn slot_id(&self, label: &str) -> Result<Option<i64>> {
        self.db.query_opt(
            "SELECT id FROM slots WHERE label = ?1",
            params![label],
            |r| r.get(0),
        )
    }

    /// How many full slots there are (written at format 6, which has scoped ones).
    pub(super) fn slot_count(&self) -> Result<i64> {
        self.db.query_one(
            "SELECT count(*) FROM slots WHERE scope_id IS NULL",
            params![],
            |r| r.get(0),
        )
    }

    /// Whether scoped slot `id` still holds exactly `granted` as its wrapped scope key.
    pub(super) fn slot_grants(&self, id: i64, granted: &crypto::Sealed) -> Result<bool> {
        Ok(self
            .db
            .query_opt(
                "SELECT 1 FROM slots WHERE id = ?1 AND grant_nonce = ?2 AND grant_key = ?3",
                params![id, &granted.nonce[..], granted.ciphertext],
                |_| Ok(()),
            )?
            .is_some())
    }

    /// Whether slot `id` still holds exactly `wrapped` as its wrapped vault key.
    pub(super) fn slot_wraps(&self, id: i64, wrapped: &crypto::Sealed) -> Result<bool> {
        Ok(self
            .db
            .query_opt(
                "SELECT 1 FROM slots WHERE id = ?1 AND nonce = ?2 AND wrapped_key = ?3",
                params![id, &wrapped.nonce[..], wrapped.ciphertext],
                |_| Ok(()),
            )?
            .is_some())
    }

    /// Inserts a slot (its binding is written when the session finishes); returns its id.
    pub(super) fn insert_slot(&self, label: &str, slot: &SlotMaterial, now: i64) -> Result<i64> {
        self.insert_scoped_slot(label, slot, None, now)
    }

    /// Inserts a slot; with `grant`, a scoped one (format 6).
    pub(super) fn insert_scoped_slot(
        &self,
        label: &str,
        slot: &SlotMaterial,
        grant: Option<&SlotGrant>,
        now: i64,
    ) -> Result<i64> {
        let (m, t, p) = kdf_columns(slot.kdf);
        let sealed =
            |s: Option<&crypto::Sealed>| s.map(|s| (s.nonce.to_vec(), s.ciphertext.clone()));
        let (link, granted) = (
            sealed(grant.map(|g| &g.link)).unzip(),
            sealed(grant.map(|g| &g.granted)).unzip(),
        );
        self.db.query_one(
            "INSERT INTO slots (label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce,
                                wrapped_key, created_at, scope_id, expires_at, allow_write,
                                link_nonce, link_key, grant_nonce, grant_key, recipient, envelope)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, ?20)
             RETURNING id",
            params![
                label,
                slot.kdf.kind().as_str(),
                m,
                t,
                p,
                slot.salt,
                slot.digest,
                slot.key_check,
                &slot.wrapped.nonce[..],
                slot.wrapped.ciphertext,
                now,
                grant.map(|g| g.scope_id),
                grant.and_then(|g| g.expires_at),
                grant.map(|g| i64::from(g.allow_write)),
                link.0,
                link.1,
                granted.0,
                granted.1,
                slot.envelope.as_ref().map(|e| &e.recipient),
                slot.envelope.as_ref().map(|e| &e.sealed),
            ],
            |r| r.get(0),
        )
    }

    /// Replaces slot `id`'s material if it still wraps `old`; `false` if it changed meanwhile.
    pub(super) fn update_slot(
        &self,
        id: i64,
        old: &crypto::Sealed,
        slot: &SlotMaterial,
        now: i64,
    ) -> Result<bool> {
        let (m, t, p) = kdf_columns(slot.kdf);
        let changed = self.db.execute(
            "UPDATE slots SET kind = ?1, kdf_m_kib = ?2, kdf_t = ?3, kdf_p = ?4, salt = ?5,
                    digest = ?6, key_check = ?7, nonce = ?8, wrapped_key = ?9, created_at = ?10,
                    recipient = ?14, envelope = ?15
                 WHERE id = ?11 AND nonce = ?12 AND wrapped_key = ?13",
            params![
                slot.kdf.kind().as_str(),
                m,
                t,
                p,
                slot.salt,
                slot.digest,
                slot.key_check,
                &slot.wrapped.nonce[..],
                slot.wrapped.ciphertext,
                now,
                id,
                &old.nonce[..],
                old.ciphertext,
                slot.envelope.as_ref().map(|e| &e.recipient),
                slot.envelope.as_ref().map(|e| &e.sealed),
            ],
        )?;
        Ok(changed == 1)
    }

    pub(super) fn delete_slot(&self, id: i64) -> Result<()> {
        self.db
            .execute("DELETE FROM slots WHERE id = ?1", params![id])?;
        Ok(())
    }

    /// Deletes every full slot but `id` and the member slots.
    pub(super) fn delete_slots_but(&self, id: i64) -> Result<()> {
        self.db.execute(
            "DELETE FROM slots WHERE id <> ?1 AND scope_id IS NULL AND recipient IS NULL",
            params![id],
        )?;
        Ok(())
    }

    /// The labels of every full slot but `own` and the member slots, in creation order: the
    /// slots a new vault key leaves behind (scoped slots wrap a scope key, which stays, and
    /// member slots are sealed anew to their recipients).
    pub fn other_slot_labels(&self, own: i64) -> Result<Vec<String>> {
        let slots = self.slots()?.into_iter();
        Ok(slots
            .filter(|s| s.id != own && s.grant.is_none() && s.material.envelope.is_none())
            .map(|s| s.label)
            .collect())
    }
}

pub(super) fn kdf_columns(kdf: SlotKdf) -> (Option<u32>, Option<u32>, Option<u32>) {
    match kdf {
        SlotKdf::Argon2id(params) => (Some(params.m_kib), Some(params.t), Some(params.p)),
        SlotKdf::HkdfSha256 | SlotKdf::Age => (None, None, None),
    }
}

/// A scoped slot's columns; a full slot has none. Malformed keys can only be an edit, and fail
/// the slot's binding (which covers every column) or their unwrap rather than here.
fn grant(row: &dyn Row) -> Result<Option<SlotGrant>> {
    let Some(scope_id) = row.get::<Option<i64>>(13)? else {
        return Ok(None);
    };
    let sealed = |nonce: usize, ciphertext: usize| -> Result<crypto::Sealed> {
        let nonce: Option<Vec<u8>> = row.get(nonce)?;
        Ok(crypto::Sealed {
            nonce: nonce.and_then(|n| n.try_into().ok()).unwrap_or_default(),
            ciphertext: row.get::<Option<Vec<u8>>>(ciphertext)?.unwrap_or_default(),
        })
    };
    Ok(Some(SlotGrant {
        scope_id,
        expires_at: row.get(14)?,
        allow_write: row.get::<Option<i64>>(15)? == Some(1),
        link: sealed(16, 17)?,
        granted: sealed(18, 19)?,
    }))
}

/// A member slot's recipient and envelope. Half of one (or either on another kind of slot) is
/// kept as read: the header digest binds both, so the slot then fails as tampered.
fn envelope(row: &dyn Row) -> Result<Option<crypto::Envelope>> {
    let recipient: Option<String> = row.get(20)?;
    let sealed: Option<Vec<u8>> = row.get(21)?;
    Ok(match (recipient, sealed) {
        (None, None) => None,
        (recipient, sealed) => Some(crypto::Envelope {
            recipient: recipient.unwrap_or_default(),
            sealed: sealed.unwrap_or_default(),
        }),
    })
}

/// Reads a slot row; the inner error says what is malformed or unsupported. The label comes
/// back either way, for the message.
fn slot_row(row: &dyn Row) -> Result<(Result<SlotRow>, String)> {
    let label: String = row.get(1)?;
    let kind: String = row.get(2)?;
    let raw = [row.get(3)?, row.get(4)?, row.get(5)?];
    // Out-of-range numbers are clamped rather than rejected here: the slot's digest then fails,
    // which reports the edit as tampering.
    let clamp = |v: i64| u32::try_from(v).unwrap_or(if v < 0 { 0 } else { u32::MAX });
    let params = raw.map(|v: Option<i64>| v.map(clamp));
    let kdf = match (kind.as_str(), params) {
        ("passphrase", [Some(m_kib), Some(t), Some(p)]) => {
            SlotKdf::Argon2id(Argon2Params { m_kib, t, p })
        }
        ("key", [None, None, None]) => SlotKdf::HkdfSha256,
        ("identity", [None, None, None]) => SlotKdf::Age,
        ("passphrase" | "key" | "identity", _) => {
            return Ok((
                Err(Error::Damaged("malformed KDF parameters".into())),
                label,
            ));
        }
        _ => {
            let err = Error::Unsupported(format!("unknown unlock slot kind {kind:?}"));
            return Ok((Err(err), label));
        }
    };
    let wrapped = match super::secrets::sealed(row, 9, 10)? {
        Ok(wrapped) => wrapped,
        Err(why) => return Ok((Err(Error::Damaged(why)), label)),
    };
    let slot = SlotRow {
        id: row.get(0)?,
        label: label.clone(),
        material: SlotMaterial {
            kdf,
            salt: row.get(6)?,
            digest: row.get(7)?,
            key_check: row.get(8)?,
            wrapped,
            envelope: envelope(row)?,
        },
        created_at: row.get(11)?,
        kind,
        kdf_params: raw,
        binding: row.get(12)?,
        grant: grant(row)?,
    };
    Ok((Ok(slot), label))
}
