//! `sealbox verify`: decrypt-check everything the credential reaches and name what fails.
//!
//! Checks, in order: the database structure (`PRAGMA integrity_check`), every unlock slot the
//! credential can open (and that they all yield the same vault key), the vault's authenticated
//! state (the vault row's MAC, every slot's binding, and the generation against this account's
//! freshness record), every data key, every secret's head and their sum against the vault row,
//! that each secret's kept versions are all there and no other, and every stored value with its
//! old versions. Values are decrypted into zeroizing buffers and dropped at once; the report
//! holds names, versions, key ids and slot labels, never a value. Slots of another credential
//! cannot be opened and are reported as such, not as failures, but their bindings are checked.
//!
//! `--accept-restore` treats an older generation than recorded as accepted and, if nothing else
//! fails, records it: the deliberate restore of a backup, or an older git checkout.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::Context;
use crate::crypto;
use crate::error::{CommandError, Exit};
use crate::output::plural;
use crate::output::sanitize;
use crate::vault::{self, Session, SlotCheck};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Accept a vault older than one this account opened before (restored from a backup, or an
    /// older git commit checked out): if everything else verifies, its generation is recorded
    /// as the latest, and commands open it again
    #[arg(long)]
    pub accept_restore: bool,
}

/// `verify --json`; the field names are a stable interface.
#[derive(Serialize)]
struct Report {
    ok: bool,
    structure_ok: bool,
    slots: Vec<SlotEntry>,
    data_keys_checked: usize,
    secrets_checked: usize,
    values_checked: usize,
    audit_records_checked: i64,
    failures: Vec<Failure>,
}

#[derive(Serialize)]
struct SlotEntry {
    label: String,
    /// `opened`, `not_reachable` (another credential's slot), `not_tried` (past the KDF work
    /// one unlock may do; name it with --slot) or `failed`.
    status: &'static str,
}

#[derive(Serialize)]
struct Failure {
    /// `structure`, `slot`, `data_key` or `value`.
    object: &'static str,
    /// What failed, e.g. `value of API_KEY version 2`, `data key 1`, `slot "ci"`.
    what: String,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i64>,
}

impl Failure {
    fn new(object: &'static str, what: String, reason: String) -> Self {
        Self {
            object,
            what,
            reason,
            label: None,
            key_id: None,
            name: None,
            version: None,
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    if args.accept_restore {
        vault.accept_restore();
    }
    let credential = ctx.credential()?;
    let mut report = Report {
        ok: true,
        structure_ok: true,
        slots: Vec::new(),
        data_keys_checked: 0,
        secrets_checked: 0,
        values_checked: 0,
        audit_records_checked: 0,
        failures: Vec::new(),
    };
    for problem in vault.integrity_check()? {
        report.structure_ok = false;
        report.failures.push(Failure::new(
            "structure",
            "database structure".into(),
            problem,
        ));
    }

    let (keys, slots) = vault.survey(&credential.credential, ctx.slot())?;
    let mut not_tried = 0;
    for (label, check) in slots {
        not_tried += usize::from(matches!(check, SlotCheck::NotTried));
        let status = match check {
            SlotCheck::Opened => "opened",
            SlotCheck::NotReachable => "not_reachable",
            SlotCheck::NotTried => "not_tried",
            SlotCheck::Mismatch | SlotCheck::Failed(_) => "failed",
        };
        let reason = match check {
            SlotCheck::Mismatch => {
                Some("it opens a different vault key than the other slots".into())
            }
            SlotCheck::Failed(err) => Some(finding(err)?),
            _ => None,
        };
        if let Some(reason) = reason {
            let mut failure = Failure::new("slot", format!("slot {label:?}"), reason);
            failure.label = Some(label.clone());
            report.failures.push(failure);
        }
        report.slots.push(SlotEntry { label, status });
    }
    if not_tried > 0 {
        ctx.out.info(format_args!(
            "{not_tried} passphrase slot{} not tried: past the key-derivation work one unlock may do; check each with --slot LABEL",
            if not_tried == 1 { " was" } else { "s were" }
        ));
    }

    let Some(mut keys) = keys else {
        if report.failures.is_empty() {
            // Nothing is damaged; the credential simply opens no slot.
            return Err(crate::error::wrong_credential(&credential.source).into());
        }
        return finish(ctx, report);
    };

    let generation = vault.inspect_unlocked(&mut keys, |findings, session| -> anyhow::Result<_> {
        for (label, err) in findings.problems {
            let object = if label.is_some() { "slot" } else { "state" };
            let what = match &label {
                Some(label) => format!("slot {label:?}"),
                None => "vault state".into(),
            };
            let mut failure = Failure::new(object, what, finding(err)?);
            failure.label = label;
            report.failures.push(failure);
        }
        if findings.forged && !args.accept_restore {
            report.failures.push(Failure::new(
                "state",
                "vault keys".into(),
                "the vault has the id of a vault this account opened, but not that vault's keys: it is another vault made to pass for it (if on purpose, run 'sealbox verify --accept-restore')".into(),
            ));
        }
        if let Some(seen) = findings.replaced.as_ref().filter(|_| !args.accept_restore) {
            report.failures.push(Failure::new(
                "state",
                "vault id".into(),
                format!(
                    "this is not the vault this account opened at this path before (that one's id was {seen}): another vault was put in its place (if on purpose, run 'sealbox verify --accept-restore')"
                ),
            ));
        }
        if let Some(seen) = findings.restored_from
            && !args.accept_restore
        {
            report.failures.push(Failure::new(
                "state",
                "vault generation".into(),
                format!(
                    "the vault is at generation {}, older than generation {seen} seen before: it was rolled back or restored from an older copy (if on purpose, run 'sealbox verify --accept-restore')",
                    findings.generation
                ),
            ));
        }
        let Some(s) = session else {
            return Ok(findings.generation);
        };
        check_contents(s, &mut report)?;
        Ok(findings.generation)
    })?;
    let audit = vault.verify_audit(None)?;
    report.audit_records_checked = audit.records;
    if let Some(problem) = audit.problem {
        report.failures.push(Failure::new(
            "audit",
            "audit log".into(),
            format!("{problem} ('sealbox audit verify' says more)"),
        ));
    }
    let accepted = args.accept_restore && report.failures.is_empty();
    if accepted {
        vault.record_generation(generation)?;
    }
    finish(ctx, report)?;
    if accepted {
        ctx.out.info(format_args!(
            "recorded generation {generation} as this vault's latest"
        ));
    }
    Ok(())
}

/// Checks data keys, heads, the summary, the version rows and every value.
fn check_contents(s: &mut Session, report: &mut Report) -> anyhow::Result<()> {
    for id in s.data_key_ids()? {
        report.data_keys_checked += 1;
        if let Err(err) = s.check_data_key(id) {
            let mut failure = Failure::new("data_key", format!("data key {id}"), finding(err)?);
            failure.key_id = Some(id);
            report.failures.push(failure);
        }
    }
    let (heads, summary_ok) = s.check_heads()?;
    let mut authentic = HashMap::with_capacity(heads.len());
    // A head that fails is the finding; its versions are counted but not reported again.
    let mut failed = HashSet::new();
    for head in heads {
        report.secrets_checked += 1;
        if let Some(err) = head.problem {
            let what = format!("secret {}", head.meta.name);
            let mut failure = Failure::new("secret", what, finding(err)?);
            failed.insert(head.meta.name.clone());
            failure.name = Some(head.meta.name.clone());
            report.failures.push(failure);
        }
        authentic.insert(head.meta.name.clone(), head.meta);
    }
    if !summary_ok {
        report.failures.push(Failure::new(
            "state",
            "list of secrets".into(),
            "it does not match the vault row: a secret was deleted, or an older copy of one put back".into(),
        ));
    }
    let mut stored: HashMap<String, i64> = HashMap::with_capacity(authentic.len());
    let mut failures = Vec::new();
    s.each_version_opened(&authentic, |row, opened| {
        report.values_checked += 1;
        let value = || format!("value of {} version {}", row.name, row.version);
        let problem = match (authentic.get(&row.name), opened) {
            _ if failed.contains(&row.name) => None,
            (None, _) | (_, None) => Some("it belongs to no stored secret".to_owned()),
            (Some(meta), _) if !meta.kept.contains(row.version, meta.version) => {
                Some(format!("it is not one of the versions {} keeps", row.name))
            }
            (Some(_), Some(Ok(_plain))) => {
                // The plaintext is dropped (and zeroized) right here.
                *stored.entry(row.name.clone()).or_default() += 1;
                None
            }
            (Some(_), Some(Err(err))) => {
                *stored.entry(row.name.clone()).or_default() += 1;
                Some(format!(
                    "{} (sealed under data key {})",
                    finding(err)?,
                    row.key_id
                ))
            }
        };
        if let Some(reason) = problem {
            let mut failure = Failure::new("value", value(), reason);
            failure.name = Some(row.name.clone());
            failure.version = Some(row.version);
            failure.key_id = Some(row.key_id);
            failures.push(failure);
        }
        Ok(())
    })?;
    report.failures.extend(failures);
    for (scope, err) in s.check_scopes()? {
        let failure = Failure::new("scope", format!("scope {scope}"), finding(err)?);
        report.failures.push(failure);
    }
    for meta in authentic.values().filter(|m| !failed.contains(&m.name)) {
        let expected = meta.kept.count(meta.version);
        let found = stored.get(&meta.name).copied().unwrap_or(0);
        if found < expected {
            let mut failure = Failure::new(
                "secret",
                format!("secret {}", meta.name),
                format!(
                    "{} of the {expected} versions it keeps {} missing",
                    expected - found,
                    if expected - found == 1 { "is" } else { "are" }
                ),
            );
            failure.name = Some(meta.name.clone());
            report.failures.push(failure);
        }
    }
    Ok(())
}

fn finding(err: vault::Error) -> Result<String, vault::Error> {
    match err {
        vault::Error::Crypto(crypto::Error::Tampered(_) | crypto::Error::UnsafeKdf(_))
        | vault::Error::Damaged(_)
        | vault::Error::Unsupported(_) => Ok(err.to_string()),
        other => Err(other),
    }
}

fn finish(ctx: &Context, mut report: Report) -> anyhow::Result<()> {
    report.ok = report.failures.is_empty();
    if ctx.out.json {
        ctx.out.print_json(&report)?;
    } else {
        let mut text = String::new();
        for failure in &report.failures {
            text.push_str(&format!(
                "FAILED  {}: {}\n",
                sanitize(&failure.what),
                sanitize(&failure.reason)
            ));
        }
        let opened = report.slots.iter().filter(|s| s.status == "opened").count();
        text.push_str(&format!(
            "checked {} unlock slot{} ({opened} opened by this credential), {} data key{}, {} secret{}, {} stored value{}, {} audit record{}: {}\n",
            report.slots.len(),
            plural(report.slots.len()),
            report.data_keys_checked,
            plural(report.data_keys_checked),
            report.secrets_checked,
            plural(report.secrets_checked),
            report.values_checked,
            plural(report.values_checked),
            report.audit_records_checked,
            plural(report.audit_records_checked),
            if report.ok {
                "all ok".to_owned()
            } else {
                format!("{} failed", report.failures.len())
            }
        ));
        crate::output::print_text(&text)?;
    }
    if report.ok {
        return Ok(());
    }
    let mut names: Vec<&str> = report.failures.iter().map(|f| f.what.as_str()).collect();
    let more = names.len().saturating_sub(5);
    names.truncate(5);
    let mut message = format!(
        "verification failed for {} item{}: {}",
        report.failures.len(),
        plural(report.failures.len()),
        names.join(", ")
    );
    if more > 0 {
        message.push_str(&format!(" and {more} more"));
    }
    let restored_only = report
        .failures
        .iter()
        .all(|f| f.object == "state" && f.what == "vault generation");
    let audit_only = report.failures.iter().all(|f| f.object == "audit");
    let hint = if restored_only {
        "if you restored this vault on purpose (from a backup, or an older git commit), accept it with: sealbox verify --accept-restore"
    } else if audit_only {
        "the vault itself verified; only its audit log failed: 'sealbox audit verify' says where, and the log is evidence to keep"
    } else {
        "restore the vault from a backup; values that still verify can be read with 'sealbox get'"
    };
    Err(CommandError::new(Exit::Integrity, message)
        .hint(hint)
        .into())
}
