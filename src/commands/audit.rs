//! `sealbox audit`: query the audit log (no credential: the records as stored), and with a
//! credential verify its chain (`verify`), print its head for a witness (`head`) or prune it
//! (`prune`).
//!
//! Queries stream the log once; with `--limit K` they keep the last K matches only, so memory
//! stays bounded on a log of millions of records. A line that is not a record is skipped with
//! a warning naming it, since `audit verify` is the place that judges the log.

use std::collections::VecDeque;
use std::io::Write;

use serde_json::json;

use super::{Context, check_name};
use crate::audit::{Outcome, Record};
use crate::crypto::{self, AuditHead};
use crate::error::{CommandError, Exit};
use crate::output::{column_width, pad, sanitize};
use crate::time::{now, parse_instant, parse_rfc3339};

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<AuditCommand>,
    #[command(flatten)]
    pub query: Query,
}

#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Check the whole chain: every record's MAC, sequence and link, and that the log still
    /// holds the record the vault's last write bound (exit 5 naming the first bad record)
    Verify(VerifyArgs),
    /// Record this access and print the log's head as SEQ:HASH, for a CI log or another
    /// system to keep as a witness of the tail ('audit verify --head SEQ:HASH' checks it)
    Head(HeadArgs),
    /// Remove records written before a time, keeping the chain verifiable: the log then starts
    /// with a checkpoint standing for what was removed. The records of the vault's last write
    /// and after are always kept
    Prune(PruneArgs),
    /// Start a new log when the old one was lost or cannot continue (a vault moved without
    /// it, a log restored from an older copy): the old log is renamed aside, never deleted,
    /// and the new one starts with a checkpoint for the record the vault's last write bound,
    /// then a record of this restart
    Restart(RestartArgs),
}

#[derive(Debug, clap::Args)]
pub struct RestartArgs {}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Also require this record, as printed by 'audit head' earlier (SEQ:HASH): a log cut back
    /// before it, or changed up to it, fails
    #[arg(long, value_name = "SEQ:HASH")]
    pub head: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct HeadArgs {}

#[derive(Debug, clap::Args)]
pub struct PruneArgs {
    /// Remove records written before this time: a date (2026-03-01, midnight UTC), an RFC 3339
    /// time, or a duration ago (90d)
    #[arg(long, value_name = "TIME")]
    pub before: String,
}

/// The filters of a query; every one given must match.
#[derive(Debug, clap::Args)]
pub struct Query {
    /// Only records that touched this secret
    #[arg(long, value_name = "NAME", conflicts_with = "prefix")]
    pub name: Option<String>,
    /// Only records that touched a secret whose name starts with P
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Only this action: a command such as get, set, run, export, delete, rotate-master,
    /// re-encrypt, 'slot add'
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Only records from this time on: a date (2026-03-01, midnight UTC), an RFC 3339 time, or
    /// a duration ago (7d, 12h)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Only records up to this time, as --since; a date includes that whole day
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Only records made in this CI run (its id, such as GITHUB_RUN_ID's value)
    #[arg(long, value_name = "ID")]
    pub run: Option<String>,
    /// Only this outcome
    #[arg(long, value_enum, value_name = "OUTCOME")]
    pub outcome: Option<OutcomeArg>,
    /// Only the last K matching records
    #[arg(long, value_name = "K")]
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum OutcomeArg {
    Ok,
    Denied,
    Error,
}

impl From<OutcomeArg> for Outcome {
    fn from(arg: OutcomeArg) -> Self {
        match arg {
            OutcomeArg::Ok => Outcome::Ok,
            OutcomeArg::Denied => Outcome::Denied,
            OutcomeArg::Error => Outcome::Error,
        }
    }
}

/// The action name recorded for `args`.
pub fn action(args: &Args) -> &'static str {
    match args.command {
        None => "audit",
        Some(AuditCommand::Verify(_)) => "audit verify",
        Some(AuditCommand::Head(_)) => "audit head",
        Some(AuditCommand::Prune(_)) => "audit prune",
        Some(AuditCommand::Restart(_)) => "audit restart",
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    match args.command {
        None => query(ctx, args.query),
        Some(AuditCommand::Verify(verify)) => run_verify(ctx, verify),
        Some(AuditCommand::Head(_)) => head(ctx),
        Some(AuditCommand::Prune(prune)) => run_prune(ctx, prune),
        Some(AuditCommand::Restart(_)) => run_restart(ctx),
    }
}

/// A query's filters, parsed.
struct Filter {
    query: Query,
    since: Option<i64>,
    /// Records at or before this instant (a date: before the next midnight).
    until: Option<(i64, bool)>,
}

impl Filter {
    fn new(query: Query) -> Result<Self, CommandError> {
        if let Some(name) = &query.name {
            check_name(name)?;
        }
        let now = now();
        let instant = |flag: &str, text: &str| {
            parse_instant(text, now).map_err(|why| CommandError::usage(format!("{flag}: {why}")))
        };
        let since = query
            .since
            .as_deref()
            .map(|t| instant("--since", t))
            .transpose()?;
        let until = query
            .until
            .as_deref()
            .map(|t| {
                let at = instant("--until", t)?;
                // A bare date means that whole day.
                let whole_day = t.trim().len() == 10 && parse_rfc3339(t).is_none();
                Ok::<_, CommandError>(if whole_day {
                    (at + 86_400, false)
                } else {
                    (at, true)
                })
            })
            .transpose()?;
        if query.limit == Some(0) {
            return Err(CommandError::usage("--limit must be at least 1"));
        }
        Ok(Self {
            query,
            since,
            until,
        })
    }

    fn matches(&self, record: &Record) -> bool {
        let q = &self.query;
        if q.name
            .as_ref()
            .is_some_and(|name| !record.secrets.iter().any(|access| &access.name == name))
            || q.prefix.as_ref().is_some_and(|prefix| {
                !record
                    .secrets
                    .iter()
                    .any(|access| access.name.starts_with(prefix.as_str()))
            })
            || q.action.as_ref().is_some_and(|a| *a != record.action)
            || q.run
                .as_ref()
                .is_some_and(|r| Some(r) != record.run.as_ref())
            || q.outcome
                .is_some_and(|o| Outcome::from(o) != record.outcome)
        {
            return false;
        }
        if self.since.is_none() && self.until.is_none() {
            return true;
        }
        let Some(time) = parse_rfc3339(&record.time) else {
            return false;
        };
        self.since.is_none_or(|since| time >= since)
            && self.until.is_none_or(|(until, inclusive)| {
                if inclusive {
                    time <= until
                } else {
                    time < until
                }
            })
    }
}

fn query(ctx: &Context, query: Query) -> anyhow::Result<()> {
    let filter = Filter::new(query)?;
    let vault = ctx.open()?;
    let limit = filter.query.limit;
    let mut kept: VecDeque<Record> = VecDeque::new();
    let mut out = std::io::stdout().lock();
    let mut skipped = Vec::new();
    let exists = vault.each_audit_record(|record| {
        let record = match record {
            Ok(record) => record,
            Err(why) => {
                skipped.push(why);
                return Ok(());
            }
        };
        if !filter.matches(&record) {
            return Ok(());
        }
        if ctx.out.json && limit.is_none() {
            // Streamed: a SIEM export of the whole log holds one record in memory at a time.
            let mut line = serde_json::to_vec(&record).expect("a record serialises");
            line.push(b'\n');
            out.write_all(&line).map_err(io_error)?;
            return Ok(());
        }
        if limit.is_some_and(|k| kept.len() == k) {
            kept.pop_front();
        }
        kept.push_back(record);
        Ok(())
    })?;
    if !exists {
        ctx.out.info(format_args!(
            "no audit log yet at {}",
            vault.audit_path().display()
        ));
    }
    for why in skipped.iter().take(3) {
        ctx.out.warn(format_args!(
            "{why}; skipped ('sealbox audit verify' checks the log)"
        ));
    }
    if ctx.out.json {
        for record in &kept {
            let mut line = serde_json::to_vec(record)?;
            line.push(b'\n');
            out.write_all(&line)?;
        }
        out.flush()?;
        return Ok(());
    }
    drop(out);
    crate::output::print_text(table(kept.iter()))?;
    if kept.iter().any(|r| r.mac.is_none()) {
        ctx.out.info(
            "* written without the audit key (a failed unlock): anyone who can write the log could have written it",
        );
    }
    Ok(())
}

fn io_error(err: std::io::Error) -> crate::vault::Error {
    crate::vault::Error::Io {
        context: "cannot write the records to stdout".into(),
        source: err,
    }
}

/// The records as a table: one line each, text from the log sanitised.
fn table<'a>(records: impl Iterator<Item = &'a Record> + Clone) -> String {
    let secrets = |r: &Record| -> String {
        let list: Vec<String> = r
            .secrets
            .iter()
            .map(|a| match a.version {
                Some(v) => format!("{}@{v}", a.name),
                None => a.name.clone(),
            })
            .collect();
        if list.is_empty() {
            "-".into()
        } else {
            list.join(",")
        }
    };
    let who = |r: &Record| -> String {
        let user = r.user.clone().unwrap_or_else(|| format!("uid {}", r.uid));
        match &r.host {
            Some(host) => format!("{user}@{host}"),
            None => user,
        }
    };
    let rows: Vec<[String; 8]> = records
        .map(|r| {
            [
                r.seq.to_string(),
                r.time.clone(),
                r.action.clone(),
                match &r.mac {
                    Some(_) => r.outcome.as_str().to_owned(),
                    None => format!("{}*", r.outcome.as_str()),
                },
                secrets(r),
                who(r),
                match (&r.slot, &r.scope) {
                    (Some(slot), Some(scope)) => format!("{slot} ({scope})"),
                    (Some(slot), None) => slot.clone(),
                    (None, _) => "-".into(),
                },
                match (&r.run, &r.reason) {
                    (Some(run), Some(reason)) => format!("run {run}: {reason}"),
                    (Some(run), None) => format!("run {run}"),
                    (None, Some(reason)) => reason.clone(),
                    (None, None) => String::new(),
                },
            ]
            .map(|cell| sanitize(&cell).into_owned())
        })
        .collect();
    let headers = [
        "SEQ",
        "TIME",
        "ACTION",
        "OUTCOME",
        "SECRETS",
        "WHO",
        "SLOT",
        "RUN/REASON",
    ];
    let widths: Vec<usize> = (0..headers.len())
        .map(|i| column_width(headers[i], rows.iter().map(|row| row[i].as_str())))
        .collect();
    let line = |cells: &[&str]| {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                text.push_str(cell);
            } else {
                text.push_str(&pad(cell, widths[i]));
                text.push_str("  ");
            }
        }
        text.trim_end().to_owned() + "\n"
    };
    let mut text = line(&headers);
    for row in &rows {
        let cells: Vec<&str> = row.iter().map(String::as_str).collect();
        text.push_str(&line(&cells));
    }
    text
}

/// Parses `SEQ:HASH` as `audit head` prints it.
fn parse_witness(text: &str) -> Result<AuditHead, CommandError> {
    let bad = || {
        CommandError::usage(
            "--head must be SEQ:HASH as 'sealbox audit head' prints it (a number, ':', 64 hex digits)",
        )
    };
    let (seq, hash) = text.trim().split_once(':').ok_or_else(bad)?;
    let seq: i64 = seq
        .parse()
        .ok()
        .filter(|&s| s > 0 && seq.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(bad)?;
    let hash = crypto::unhex::<32>(hash.as_bytes()).ok_or_else(bad)?;
    Ok(AuditHead {
        seq,
        offset: 0,
        hash,
    })
}

fn run_verify(ctx: &Context, args: VerifyArgs) -> anyhow::Result<()> {
    let witness = args.head.as_deref().map(parse_witness).transpose()?;
    // Unlocked without recording yet: this command's record comes after the verdict (see
    // `commands::dispatch`), so a log that cannot be continued is still judged.
    let (vault, _keys) = ctx.open_unlocked()?;
    let report = vault.verify_audit(witness)?;
    let tail = report.tail.unwrap_or(AuditHead::EMPTY);
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "ok": report.problem.is_none(),
            "records": report.records,
            "pruned": report.pruned,
            "uncovered": report.uncovered,
            "head": format!("{}:{}", tail.seq, crypto::hex(&tail.hash)),
            "problem": report.problem,
        }))?;
    }
    if let Some(problem) = report.problem {
        return Err(CommandError::new(
            Exit::Integrity,
            format!(
                "the audit log {} failed verification: {problem}",
                vault.audit_path().display()
            ),
        )
        .hint("the log was edited, cut or reordered outside sealbox; keep a copy of it as evidence, and compare it with any witness of its head ('sealbox audit head')")
        .into());
    }
    if !ctx.out.json {
        let mut text = format!(
            "audit log ok: {} record{}{}, head {}:{}\n",
            report.records,
            crate::output::plural(report.records),
            if report.pruned > 0 {
                format!(
                    " after a checkpoint for the records up to {} (pruned, or lost before a restart)",
                    report.pruned
                )
            } else {
                String::new()
            },
            tail.seq,
            crypto::hex(&tail.hash)
        );
        if report.uncovered > 0 {
            text.push_str(&format!(
                "{} record{} at the end (failed unlocks) are not covered by an authenticated record yet\n",
                report.uncovered,
                crate::output::plural(report.uncovered)
            ));
        }
        crate::output::print_text(text)?;
    }
    if report.torn_tail {
        ctx.out.warn("the log ends in a line cut short by a crash or a full disk; the next record replaces it");
    }
    Ok(())
}

fn head(ctx: &Context) -> anyhow::Result<()> {
    let vault = ctx.open()?;
    ctx.read_unlocked_in(&vault, |_| Ok(()))?;
    let head = vault.record_now()?;
    let text = format!("{}:{}", head.seq, crypto::hex(&head.hash));
    if ctx.out.json {
        ctx.out.print_json(
            &json!({ "seq": head.seq, "hash": crypto::hex(&head.hash), "head": text }),
        )?;
    } else {
        crate::output::print_text(text + "\n")?;
    }
    Ok(())
}

fn run_prune(ctx: &Context, args: PruneArgs) -> anyhow::Result<()> {
    let before = parse_instant(&args.before, now())
        .map_err(|why| CommandError::usage(format!("--before: {why}")))?;
    let (vault, mut keys) = ctx.open_unlocked()?;
    let removed = vault.prune_audit(&mut keys, before)?;
    if ctx.out.json {
        ctx.out.print_json(&json!({ "removed": removed }))?;
    }
    ctx.out.info(format_args!(
        "removed {removed} audit record{} written before {}",
        crate::output::plural(removed),
        crate::time::rfc3339(before)
    ));
    Ok(())
}

fn run_restart(ctx: &Context) -> anyhow::Result<()> {
    let (vault, mut keys) = ctx.open_unlocked()?;
    let aside = vault.restart_audit(&mut keys)?;
    if ctx.out.json {
        ctx.out
            .print_json(&json!({ "set_aside": aside.as_ref().map(|p| p.display().to_string()) }))?;
    }
    match aside {
        Some(aside) => ctx.out.info(format_args!(
            "started a new audit log {}; the old one is now {}",
            vault.audit_path().display(),
            aside.display()
        )),
        None => ctx.out.info(format_args!(
            "started a new audit log {}",
            vault.audit_path().display()
        )),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn witnesses_parse_strictly() {
        let hash = "ab".repeat(32);
        let head = parse_witness(&format!("12:{hash}")).unwrap();
        assert_eq!((head.seq, head.hash), (12, [0xab; 32]));
        for bad in [
            String::new(),
            "12".into(),
            format!("0:{hash}"),
            format!("+1:{hash}"),
            format!("1:{}", "ab".repeat(31)),
            format!("x:{hash}"),
        ] {
            assert!(parse_witness(&bad).is_err(), "{bad:?}");
        }
    }
}
