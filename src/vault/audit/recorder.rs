//! [`Recorder`]: what one command records in the audit log, and when.

use std::cell::{Cell, RefCell};
use std::path::PathBuf;

use crate::audit::{Actor, CHECKPOINT, Outcome, Record, Touched};
use crate::crypto::{AuditHead, Key, VaultId};

use super::chain::{ChainReport, verify};
use super::rewrite::{prune, restart};
use super::{AuditLog, Error, Result};

/// What one command records: created by the command layer with its action and reason, shared
/// with the [`super::Vault`] it opens, which fills in what it learns (the slot, the audit key,
/// the chain head the vault row vouches for, the secrets a session touched) and appends the
/// record where it must: in a read transaction before a value is returned, in a write
/// transaction before the commit. [`Recorder::finish`] appends it at the end for a command that
/// tried to unlock and has not recorded yet (a failed unlock, `verify`). At most one record per
/// process.
pub struct Recorder {
    action: String,
    reason: Option<String>,
    credential: RefCell<Option<String>>,
    slot: RefCell<Option<String>>,
    scope: RefCell<Option<String>>,
    touched: RefCell<Touched>,
    /// The log and the vault it belongs to, once a vault is opened.
    log: RefCell<Option<(AuditLog, VaultId)>>,
    key: RefCell<Option<Key>>,
    /// The chain head the authenticated vault row records.
    bound: Cell<Option<AuditHead>>,
    attempted: Cell<bool>,
    recorded: Cell<bool>,
    /// Where this command's record went.
    appended: Cell<Option<AuditHead>>,
    /// This command's record is a write's that has not committed yet.
    uncommitted: Cell<bool>,
}

impl Recorder {
    pub fn new(action: &str, reason: Option<String>) -> Self {
        Self {
            action: action.to_owned(),
            reason,
            credential: RefCell::new(None),
            slot: RefCell::new(None),
            scope: RefCell::new(None),
            touched: RefCell::new(Touched::default()),
            log: RefCell::new(None),
            key: RefCell::new(None),
            bound: Cell::new(None),
            attempted: Cell::new(false),
            recorded: Cell::new(false),
            appended: Cell::new(None),
            uncommitted: Cell::new(false),
        }
    }

    /// Where the credential in use came from (an option, a variable, `prompt`).
    pub fn set_credential(&self, source: String) {
        *self.credential.borrow_mut() = Some(source);
    }

    /// The slot asked for with `--slot`, recorded even when the unlock fails.
    pub fn set_slot(&self, label: Option<&str>) {
        *self.slot.borrow_mut() = label.map(str::to_owned);
    }

    pub(in crate::vault) fn attach(&self, log: AuditLog, vault_id: VaultId) {
        *self.log.borrow_mut() = Some((log, vault_id));
    }

    /// An unlock is being tried: from here on the command is recorded, whatever happens.
    pub(in crate::vault) fn attempt(&self) {
        self.attempted.set(true);
    }

    /// The vault opened: the slot's label and scope, and the audit key and chain head when
    /// the format has them.
    pub(in crate::vault) fn unlocked(
        &self,
        keys: &crate::vault::Keys,
        key: Option<Key>,
        bound: Option<AuditHead>,
    ) {
        *self.slot.borrow_mut() = Some(keys.slot_label().to_owned());
        *self.scope.borrow_mut() = keys.grant().map(|g| g.scope_name.clone());
        if key.is_some() {
            *self.key.borrow_mut() = key;
        }
        if bound.is_some() {
            self.bound.set(bound);
        }
    }

    /// An expired scoped slot refused the credential: its label and scope, for the record.
    pub(in crate::vault) fn refused(&self, label: &str, scope: &str) {
        *self.slot.borrow_mut() = Some(label.to_owned());
        *self.scope.borrow_mut() = Some(scope.to_owned());
    }

    pub(in crate::vault) fn has_key(&self) -> bool {
        self.key.borrow().is_some()
    }

    pub(in crate::vault) fn touch(&self, accesses: &mut Touched) {
        self.touched.borrow_mut().absorb(accesses);
    }

    /// Appends this command's record if it has none yet, and returns the head for the vault
    /// row to bind: the record just appended, or for a later write of a command that recorded
    /// before (`re-encrypt`'s batches), the log's last record after the same full check. A
    /// `durable` record (a write's) is synced before this returns. For a read that recorded
    /// before, this command's record; `None` before the vault is opened.
    pub(in crate::vault) fn record(
        &self,
        outcome: Outcome,
        durable: bool,
    ) -> Result<Option<AuditHead>> {
        let log = self.log.borrow();
        let Some((log, vault_id)) = log.as_ref() else {
            return Ok(None);
        };
        if cfg!(feature = "unaudited-bench") {
            return Ok(Some(self.bound.get().unwrap_or(AuditHead::EMPTY)));
        }
        let key = self.key.borrow();
        if self.recorded.get() {
            return match (durable, self.bound.get()) {
                (true, Some(bound)) => log.bind_tail(bound, key.as_ref(), vault_id).map(Some),
                _ => Ok(self.appended.get()),
            };
        }
        let record = self.record_of(outcome);
        let head = log.append(record, key.as_ref(), vault_id, self.bound.get(), durable)?;
        self.recorded.set(true);
        self.appended.set(Some(head));
        self.uncommitted.set(durable);
        Ok(Some(head))
    }

    /// The write whose record was appended committed.
    pub(in crate::vault) fn committed(&self) {
        self.uncommitted.set(false);
    }

    /// The write whose record was appended did not commit (a lock held past the timeout, a
    /// kill's rollback aside): a second record says so, so the log never shows a write that
    /// did not happen as the last word on it.
    pub(in crate::vault) fn write_failed(&self) -> Result<()> {
        if !self.uncommitted.replace(false) {
            return Ok(());
        }
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before a write");
        let key = self.key.borrow();
        let record = self.record_of(Outcome::Error);
        log.append(record, key.as_ref(), vault_id, None, false)?;
        Ok(())
    }

    /// The record of this command as it stands.
    fn record_of(&self, outcome: Outcome) -> Record {
        let mut actor = Actor::current(self.reason.clone());
        actor.slot = self.slot.borrow().clone();
        actor.scope = self.scope.borrow().clone();
        actor.credential = self.credential.borrow().clone();
        Record::new(
            &actor,
            &self.action,
            outcome,
            self.touched.borrow().to_vec(),
        )
    }

    /// Records a command that tried to unlock and has not recorded yet, with `outcome`.
    pub fn finish(&self, outcome: Outcome) -> Result<()> {
        if self.attempted.get() && !self.recorded.get() {
            self.record(outcome, false)?;
        }
        Ok(())
    }

    /// `audit prune`: removes the records before `before`, keeping the chain verifiable, and
    /// records this command; returns the new head (for the vault row) and how many were
    /// removed.
    pub(in crate::vault) fn prune(&self, before: i64) -> Result<(AuditHead, i64)> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before a write");
        let key = self.key.borrow();
        let key = key.as_ref().expect("unlocked before a write");
        let bound = self.bound.get().unwrap_or(AuditHead::EMPTY);
        let mut checkpoint = self.record_of(Outcome::Ok);
        checkpoint.action = CHECKPOINT.to_owned();
        let record = self.record_of(Outcome::Ok);
        let done = prune(log, before, checkpoint, record, key, vault_id, bound)?;
        self.recorded.set(true);
        Ok(done)
    }

    /// `audit restart` (see [`restart`]).
    pub(in crate::vault) fn restart(&self) -> Result<(AuditHead, Option<PathBuf>)> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before a write");
        let key = self.key.borrow();
        let key = key.as_ref().expect("unlocked before a write");
        let bound = self.bound.get().unwrap_or(AuditHead::EMPTY);
        let mut checkpoint = self.record_of(Outcome::Ok);
        checkpoint.action = CHECKPOINT.to_owned();
        let record = self.record_of(Outcome::Ok);
        let done = restart(log, checkpoint, record, key, vault_id, bound)?;
        self.recorded.set(true);
        Ok(done)
    }

    /// Verifies the whole log against the vault row's head and `witness`.
    pub(in crate::vault) fn verify(&self, witness: Option<AuditHead>) -> Result<ChainReport> {
        let log = self.log.borrow();
        let (log, vault_id) = log.as_ref().expect("attached before verifying");
        let key = self.key.borrow();
        let key = key.as_ref().ok_or_else(|| {
            Error::Damaged("the audit key is not available to verify the log".into())
        })?;
        let mut expected = Vec::new();
        if let Some(head) = self.bound.get() {
            expected.push((head, "the vault's last write recorded"));
        }
        if let Some(head) = witness {
            expected.push((head, "--head names"));
        }
        verify(log, key, vault_id, &expected)
    }
}
