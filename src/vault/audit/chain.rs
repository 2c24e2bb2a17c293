//! Verifying the whole log: every record's sequence number, link and MAC, checkpoints, and
//! the records the vault row and a witness name.

use crate::crypto::{self, AuditHead, Key, LineMac, VaultId};

use super::{AuditLog, CHECKPOINT, ChainFields, Outcome, Result, parse_hash};

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct ChainReport {
    /// Records read (a checkpoint included).
    pub records: i64,
    /// The last record.
    pub tail: Option<AuditHead>,
    /// The first problem: the record (or line) it concerns and what is wrong.
    pub problem: Option<String>,
    /// Records after the last authenticated one: written without the key and not yet covered.
    pub uncovered: i64,
    /// Records pruned before the first line, as its checkpoint says.
    pub pruned: i64,
    /// Whether a line cut short by a crash ends the log (the next append removes it).
    pub torn_tail: bool,
}

/// Follows the whole chain: sequence numbers consecutive from 1 (or from a checkpoint, which
/// must be the first line and authenticated), each `prev` the hash of the line before, every
/// MAC valid under `key`, and the records `expected` names (the vault row's head, a witness's
/// `--head`) present with their hashes. Stops at the first problem.
pub(super) fn verify(
    log: &AuditLog,
    key: &Key,
    vault_id: &VaultId,
    expected: &[(AuditHead, &str)],
) -> Result<ChainReport> {
    let mut report = ChainReport::default();
    let mut next_seq = 1;
    let mut next_prev = crypto::GENESIS;
    let mut found = vec![false; expected.len()];
    let mut line_no = 0;
    let exists = log.each_line(|line, offset, complete| {
        if report.problem.is_some() {
            return Ok(());
        }
        line_no += 1;
        if !complete {
            report.torn_tail = true;
            return Ok(());
        }
        let problem = |why: String| Some(why);
        let Ok(fields) = serde_json::from_slice::<ChainFields>(line) else {
            report.problem = problem(format!(
                "line {line_no} (after record {}) is not a sealbox audit record",
                next_seq - 1
            ));
            return Ok(());
        };
        let seq = fields.seq;
        let checkpoint = fields.action == CHECKPOINT;
        if checkpoint && line_no != 1 {
            report.problem = problem(format!(
                "record {seq} is a checkpoint, which only the first line of a log may be"
            ));
            return Ok(());
        }
        if !checkpoint && seq != next_seq {
            report.problem = problem(if seq > next_seq {
                format!(
                    "record {next_seq} is missing: line {line_no} holds record {seq} where record {next_seq} belongs"
                )
            } else {
                format!(
                    "record {seq} is out of place: line {line_no} holds it where record {next_seq} belongs"
                )
            });
            return Ok(());
        }
        let prev = parse_hash(&fields.prev);
        match crypto::check_line(key, vault_id, line) {
            LineMac::Valid => report.uncovered = 0,
            // Only a command that could not unlock writes without the key, and it did not
            // succeed: a record without a MAC that claims success was not written by sealbox.
            LineMac::Absent if fields.outcome == Some(Outcome::Ok) => {
                report.problem = problem(format!(
                    "record {seq} claims success but carries no MAC, which only a failed unlock's record lacks"
                ));
                return Ok(());
            }
            LineMac::Absent if !fields.secrets.is_empty() => {
                report.problem = problem(format!(
                    "record {seq} names secrets but carries no MAC, which only a failed unlock's record (which touched none) lacks"
                ));
                return Ok(());
            }
            LineMac::Absent if !checkpoint => report.uncovered += 1,
            LineMac::Absent | LineMac::Invalid | LineMac::Malformed => {
                report.problem = problem(format!(
                    "record {seq} was modified: its MAC does not verify under this vault's audit key"
                ));
                return Ok(());
            }
        }
        if checkpoint {
            let Some(prev) = prev else {
                report.problem = problem(format!("checkpoint {seq} has a malformed hash"));
                return Ok(());
            };
            report.pruned = fields.seq;
            next_prev = prev;
        } else {
            if prev != Some(next_prev) {
                report.problem = problem(format!(
                    "record {seq} does not follow record {}: that record was modified, removed or replaced",
                    seq - 1
                ));
                return Ok(());
            }
            next_prev = crypto::chain_hash(line);
        }
        let hash = crypto::chain_hash(line);
        for ((head, _), seen) in expected.iter().zip(&mut found) {
            if head.seq == seq && (head.hash == hash || (checkpoint && head.hash == next_prev)) {
                *seen = true;
            }
        }
        report.records += 1;
        report.tail = Some(AuditHead {
            seq,
            offset: offset as i64,
            hash,
        });
        // An edited log's largest sequence number leaves nothing to follow; the next record
        // (any) then fails the sequence check.
        next_seq = seq.saturating_add(1);
        Ok(())
    })?;
    if report.problem.is_none() {
        for ((head, whose), seen) in expected.iter().zip(found) {
            if head.seq > 0 && !seen {
                let last = report.tail.map_or(0, |t| t.seq);
                report.problem = Some(if !exists {
                    format!("the log is missing, but {whose} record {} in it", head.seq)
                } else if head.seq <= report.pruned {
                    format!(
                        "{whose} record {}, but the log starts after a checkpoint for the records up to {}, which were pruned or lost",
                        head.seq, report.pruned
                    )
                } else if head.seq > last {
                    format!(
                        "the log ends at record {last}, but {whose} record {}: records were cut from its end",
                        head.seq
                    )
                } else {
                    format!(
                        "record {} is not the one {whose}: it was replaced",
                        head.seq
                    )
                });
                break;
            }
        }
    }
    Ok(report)
}
