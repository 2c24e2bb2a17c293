//! `sealbox verify`: decrypt-check everything the credential reaches and name what fails.
//!
//! Checks, in order: the database structure (`PRAGMA integrity_check`), every unlock slot the
//! credential can open (and that they all yield the same vault key), every data key, and every
//! stored value with its old versions. Values are decrypted into zeroizing buffers and dropped at
//! once; the report holds names, versions, key ids and slot labels, never a value. Slots of
//! another credential cannot be checked and are reported as such, not as failures.

use serde::Serialize;

use super::Context;
use crate::crypto;
use crate::error::{CommandError, Exit};
use crate::output::plural;
use crate::output::sanitize;
use crate::vault::{self, SlotCheck};

#[derive(Debug, clap::Args)]
pub struct Args {}

/// `verify --json`; the field names are a stable interface.
#[derive(Serialize)]
struct Report {
    ok: bool,
    structure_ok: bool,
    slots: Vec<SlotEntry>,
    data_keys_checked: usize,
    values_checked: usize,
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

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    let credential = ctx.credential()?;
    let mut report = Report {
        ok: true,
        structure_ok: true,
        slots: Vec::new(),
        data_keys_checked: 0,
        values_checked: 0,
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

    let (keyring, slots) = vault.survey(&credential.credential, ctx.slot())?;
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

    let Some(mut keyring) = keyring else {
        if report.failures.is_empty() {
            // Nothing is damaged; the credential simply opens no slot.
            return Err(crate::error::wrong_credential(&credential.source).into());
        }
        return finish(ctx, report);
    };

    vault.read(|tx| -> anyhow::Result<()> {
        for id in tx.data_key_ids()? {
            report.data_keys_checked += 1;
            if let Err(err) = tx.check_data_key(&mut keyring, id) {
                let mut failure = Failure::new("data_key", format!("data key {id}"), finding(err)?);
                failure.key_id = Some(id);
                report.failures.push(failure);
            }
        }
        tx.each_version(|row| {
            report.values_checked += 1;
            match tx.open_version(&mut keyring, &row) {
                // The plaintext is dropped (and zeroized) right here.
                Ok(_plain) => Ok(()),
                Err(err) => {
                    let reason = match finding(err) {
                        Ok(reason) => reason,
                        Err(err) => return Err(err),
                    };
                    let mut failure = Failure::new(
                        "value",
                        format!("value of {} version {}", row.name, row.version),
                        format!("{reason} (sealed under data key {})", row.key_id),
                    );
                    failure.name = Some(row.name);
                    failure.version = Some(row.version);
                    failure.key_id = Some(row.key_id);
                    report.failures.push(failure);
                    Ok(())
                }
            }
        })?;
        Ok(())
    })?;
    finish(ctx, report)
}

/// Turns an integrity failure into a reason to report; any other error (busy, I/O) aborts.
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
            "checked {} unlock slot{} ({opened} opened by this credential), {} data key{}, {} stored value{}: {}\n",
            report.slots.len(),
            plural(report.slots.len()),
            report.data_keys_checked,
            plural(report.data_keys_checked),
            report.values_checked,
            plural(report.values_checked),
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
    Err(CommandError::new(Exit::Integrity, message)
        .hint("restore the vault from a backup; values that still verify can be read with 'sealbox get'")
        .into())
}
