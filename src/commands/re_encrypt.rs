//! `sealbox re-encrypt`: move every stored value to a fresh data key and destroy the old ones.
//!
//! Steps, each its own transaction: (optionally) replace the vault key and add a data key, or
//! just add a data key; then move values in batches of 256 until none is left on an
//! older key; then retire the old keys in a transaction that proves nothing uses them. A kill
//! between or inside any step leaves a valid vault. Only a re-encryption leaves more than one
//! data key, and only until it finishes, so a rerun that finds several resumes: it moves what is
//! left to the active key (made by the interrupted run) instead of starting over, because what
//! is left to do is read from the rows themselves. `--new-vault-key` and `--restart` always
//! start over (the first cannot tell whether the active data key was ever wrapped under the old
//! vault key), and so does a run that finds nothing left to move. Memory stays flat: one batch
//! of ciphertexts and one decrypted value at a time.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::json;

use super::Context;
use crate::error::CommandError;
use crate::output::plural;
use crate::vault::KeyStatus;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Also replace the vault key: every data key and the unlock slot in use are re-wrapped
    /// under a new one (for when someone may hold an old copy of the file and a credential)
    #[arg(long)]
    pub new_vault_key: bool,
    /// With --new-vault-key: delete every other unlock slot instead of refusing (they can only
    /// open the old vault key); re-add them afterwards with 'sealbox slot add'
    #[arg(long, requires = "new_vault_key")]
    pub drop_other_slots: bool,
    /// Start over with a fresh data key even if an earlier run was interrupted (by default
    /// that run is resumed: only the values it had not moved yet are re-encrypted)
    #[arg(long)]
    pub restart: bool,
    /// Say what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    let credential = ctx.credential()?;
    let mut keys = ctx.unlock(&vault, &credential)?;
    keys.require_full()?;
    let own_slot = keys.slot_id();
    // Read in an authenticated session: whether to resume depends on the data keys, which the
    // vault row's MAC covers, so an old data key put back cannot make this run keep it.
    let (status, others) = vault.read_unlocked(&mut keys, |s| -> anyhow::Result<_> {
        Ok((s.key_status()?, s.other_slot_labels(own_slot)?))
    })?;
    if args.new_vault_key && !args.drop_other_slots && !others.is_empty() {
        return Err(refuse(&others).into());
    }
    // Values left on an older key mean an interrupted run. Several keys with nothing left to
    // move do not (an edited file can hold an old key row): then start over with a fresh key.
    let resume =
        !args.new_vault_key && !args.restart && status.data_keys.len() > 1 && status.pending > 0;
    if args.dry_run {
        let dropping: &[String] = if args.new_vault_key { &others } else { &[] };
        return report_dry_run(ctx, &args, &status, resume, dropping);
    }

    let (new_key_id, (dropped, resealed)) = if resume {
        ctx.out.info(format_args!(
            "resuming an unfinished re-encrypt: {} of {} stored value{} left to move to data key {} (made by the interrupted run; --restart makes a fresh one)",
            status.pending,
            status.values,
            plural(status.values),
            status.active
        ));
        (status.active, (Vec::new(), Vec::new()))
    } else if args.new_vault_key {
        let (vault_key, slot) = keys.prepare_vault_key(&credential.credential)?;
        vault.write_unlocked(&mut keys, |s| -> anyhow::Result<_> {
            // Checked again inside the transaction: a slot may have been added meanwhile.
            let others = s.other_slot_labels(own_slot)?;
            if !args.drop_other_slots && !others.is_empty() {
                return Err(refuse(&others).into());
            }
            let slots = s.install_vault_key(vault_key, &slot)?;
            Ok((s.add_data_key()?, slots))
        })?
    } else {
        (
            vault.write_unlocked(&mut keys, |s| s.add_data_key())?,
            (Vec::new(), Vec::new()),
        )
    };

    let pending = vault.read(|tx| tx.key_status())?.pending;
    let bar = progress_bar(ctx, pending);
    let mut moved = 0usize;
    let retired = loop {
        let batch = vault.write_unlocked(&mut keys, |s| s.move_batch())?;
        if batch > 0 {
            moved += batch;
            bar.inc(batch as u64);
            continue;
        }
        if let Some(retired) = vault.write_unlocked(&mut keys, |s| s.retire_data_keys())? {
            break retired;
        }
    };
    bar.finish_and_clear();

    let active = vault.read(|tx| tx.key_status())?.active;
    if active != new_key_id {
        ctx.out.info(format_args!(
            "another re-encrypt added data key {active} meanwhile; values were moved to it"
        ));
    }
    let slots = Slots { dropped, resealed };
    report(ctx, &args, active, moved, resume, &retired, &slots)
}

fn refuse(others: &[String]) -> CommandError {
    CommandError::conflict(format!(
        "--new-vault-key would leave the other unlock slots unable to open the vault: {}; nothing was changed",
        quoted(others)
    ))
    .hint("pass --drop-other-slots to delete them (re-add them later with 'sealbox slot add'), or remove them with 'sealbox slot remove'")
}

fn report_dry_run(
    ctx: &Context,
    args: &Args,
    status: &KeyStatus,
    resume: bool,
    dropping: &[String],
) -> anyhow::Result<()> {
    if resume {
        let old: Vec<i64> = status
            .data_keys
            .iter()
            .copied()
            .filter(|&id| id != status.active)
            .collect();
        if ctx.out.json {
            ctx.out.print_json(&json!({
                "dry_run": true,
                "resume": true,
                "values": status.values,
                "pending": status.pending,
                "data_keys": status.data_keys,
                "data_key": status.active,
                "new_vault_key": false,
                "dropped_slots": dropping,
            }))?;
        }
        ctx.out.info(format_args!(
            "would resume an unfinished re-encrypt: move the {} stored value{} left to data key {}, then destroy data key{} {}",
            status.pending,
            plural(status.pending),
            status.active,
            plural(old.len()),
            list(&old)
        ));
        ctx.out.info("nothing was changed (dry run)");
        return Ok(());
    }
    let next = status.next_key_id()?;
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "dry_run": true,
            "resume": false,
            "values": status.values,
            "pending": status.values,
            "data_keys": status.data_keys,
            "new_data_key": next,
            "new_vault_key": args.new_vault_key,
            "dropped_slots": dropping,
        }))?;
    }
    ctx.out.info(format_args!(
        "would add data key {}, re-encrypt {} stored value{} (all versions) under it, then destroy data key{} {}",
        next,
        status.values,
        plural(status.values),
        plural(status.data_keys.len()),
        list(&status.data_keys)
    ));
    if args.new_vault_key {
        ctx.out.info("would first replace the vault key and re-wrap the data keys and this unlock slot under it");
    }
    if !dropping.is_empty() {
        ctx.out.info(format_args!(
            "would delete the unlock slots {}",
            quoted(dropping)
        ));
    }
    ctx.out.info("nothing was changed (dry run)");
    Ok(())
}

/// What a new vault key did to the other slots: deleted them, or (member slots) sealed them
/// anew to their recipients.
struct Slots {
    dropped: Vec<String>,
    resealed: Vec<String>,
}

fn report(
    ctx: &Context,
    args: &Args,
    active: i64,
    moved: usize,
    resumed: bool,
    retired: &[i64],
    slots: &Slots,
) -> anyhow::Result<()> {
    let dropped = &slots.dropped;
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "data_key": active,
            "resumed": resumed,
            "re_encrypted": moved,
            "retired_data_keys": retired,
            "new_vault_key": args.new_vault_key,
            "dropped_slots": dropped,
            "resealed_slots": slots.resealed,
        }))?;
    }
    ctx.out.info(format_args!(
        "re-encrypted {moved} stored value{} under data key {active}; destroyed data key{} {}",
        plural(moved),
        plural(retired.len()),
        if retired.is_empty() {
            "(none left)".into()
        } else {
            list(retired)
        }
    ));
    if args.new_vault_key {
        ctx.out.info("replaced the vault key");
    }
    if !slots.resealed.is_empty() {
        ctx.out.info(format_args!(
            "sealed the new vault key to the member slots {}, which open as before",
            quoted(&slots.resealed)
        ));
    }
    if !dropped.is_empty() {
        ctx.out.warn(format_args!(
            "deleted the unlock slots {}; add new ones with 'sealbox slot add'",
            quoted(dropped)
        ));
    }
    Ok(())
}

/// A progress bar on stderr when it is a terminal (and not --quiet); hidden otherwise.
fn progress_bar(ctx: &Context, total: i64) -> ProgressBar {
    if ctx.out.quiet || ctx.out.json || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(
        Some(u64::try_from(total).unwrap_or(0)),
        ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        ProgressStyle::with_template("re-encrypting {bar:40} {pos}/{len} values ({eta} left)")
    {
        bar.set_style(style);
    }
    bar
}

fn list(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted(labels: &[String]) -> String {
    labels
        .iter()
        .map(|l| format!("{l:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}
