//! `sealbox check [--require A,B] [--max-age DURATION] [--prefix P] [--verified]`: findings for
//! pre-deploy hooks.
//!
//! Names and dates are stored in clear, so it runs without a credential; but then it reports
//! what the file says, which anyone who can write the file can change. When a credential is
//! available (an option or variable names one; check never prompts for it unless `--verified`),
//! every head it reports on is authenticated first, and with no `--prefix` the set of secrets
//! too, so an edited rotation period, date or a deleted secret is exit 5 rather than a pass.
//! `--verified` requires that.
//!
//! Exit 0 when there is nothing to act on, 10 (findings) otherwise. The findings go to stdout,
//! one per line, or with `--json` as one object (stable field names):
//! `{"missing": [NAME...], "overdue": [{"name", "updated_at", "due", "reason", "limit"}...],
//! "verified": BOOL}`,
//! where `reason` is `"rotation"` (past the `set --rotate-every` period) or `"max_age"`, `due`
//! is when it became overdue and `limit` the period, such as `"90d"`. A secret overdue for both
//! reasons is listed once per reason. Two more lists: `"rotate": [{"name", "version", "reason",
//! "flagged_at"}...]`, secrets a credential that no longer has them could read (a scoped slot
//! removed, a secret taken out of a scope), until each is set anew; and `"expiring":
//! [{"slot", "scope", "expires_at", "expired"}...]`, scoped slots that have expired (always) or
//! expire within `--max-age`.

use serde::Serialize;

use super::{Context, check_name, comma_list};
use crate::error::{CommandError, Exit};
use crate::output::sanitize;
use crate::time::{format_duration, now, parse_duration, rfc3339};
use crate::unlock;
use crate::vault::{self, SecretMeta, Tx};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Secrets that must exist (comma-separated; spaces and empty items are ignored)
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub require: Vec<String>,
    /// Report secrets whose current version is older than DURATION, such as 90d (units s, min,
    /// h, d, w, mo = 30 days, y = 365 days)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub max_age: Option<i64>,
    /// Only check the age of secrets whose name starts with P
    #[arg(long, value_name = "P", default_value = "")]
    pub prefix: String,
    /// Require a credential and authenticate everything reported (exit 5 if the file was
    /// edited); without it, check authenticates only when a credential is given anyway
    #[arg(long)]
    pub verified: bool,
}

#[derive(Debug, Serialize)]
struct Report {
    missing: Vec<String>,
    overdue: Vec<Overdue>,
    rotate: Vec<Rotate>,
    expiring: Vec<Expiring>,
    /// Whether the heads reported on were authenticated with a credential.
    verified: bool,
}

#[derive(Debug, Serialize)]
struct Rotate {
    name: String,
    version: i64,
    reason: String,
    flagged_at: String,
}

#[derive(Debug, Serialize)]
struct Expiring {
    slot: String,
    scope: String,
    expires_at: String,
    expired: bool,
}

#[derive(Debug, Serialize)]
struct Overdue {
    name: String,
    updated_at: String,
    due: String,
    reason: &'static str,
    limit: String,
}

pub fn run(ctx: &Context, mut args: Args) -> anyhow::Result<Exit> {
    // Given but naming nothing (`--require ","`, or an empty variable): refused as `--only` is,
    // since a gate that silently requires nothing passes every deploy.
    let given = !args.require.is_empty();
    args.require = comma_list(&args.require);
    if given && args.require.is_empty() {
        return Err(CommandError::usage("--require names no secret").into());
    }
    for name in &args.require {
        check_name(name)?;
    }
    let vault = ctx.open()?;
    let supplied = if args.verified {
        Some(ctx.credential()?)
    } else {
        unlock::from_sources(ctx.sources())?
    };
    let verified = supplied.is_some();
    let now = now();
    let (secrets, missing, rotate, expiring) = match supplied {
        Some(supplied) => ctx.read_with(&vault, &supplied, |s| {
            let missing = missing_names(&args.require, |name| s.secret(name))?;
            let (rotate, expiring) = credentials(s, now, args.max_age)?;
            Ok((s.list(&args.prefix)?, missing, rotate, expiring))
        })?,
        None => vault.read(|tx| -> anyhow::Result<_> {
            let missing = missing_names(&args.require, |name| tx.secret(name))?;
            let (rotate, expiring) = credentials(tx, now, args.max_age)?;
            Ok((tx.list(&args.prefix)?, missing, rotate, expiring))
        })?,
    };
    let mut overdue = Vec::new();
    for secret in &secrets {
        let limits = [("rotation", secret.rotate_every), ("max_age", args.max_age)];
        for (reason, limit) in limits {
            let Some(limit) = limit else { continue };
            let due = secret.updated_at.saturating_add(limit);
            if due <= now {
                overdue.push(Overdue {
                    name: secret.name.clone(),
                    updated_at: rfc3339(secret.updated_at),
                    due: rfc3339(due),
                    reason,
                    limit: format_duration(limit),
                });
            }
        }
    }
    let report = Report {
        missing,
        overdue,
        rotate,
        expiring,
        verified,
    };
    let findings =
        report.missing.len() + report.overdue.len() + report.rotate.len() + report.expiring.len();
    if ctx.out.json {
        ctx.out.print_json(&report)?;
    } else {
        let mut text = String::new();
        for name in &report.missing {
            text.push_str(&format!("missing  {}\n", sanitize(name)));
        }
        for item in &report.overdue {
            let why = match item.reason {
                "rotation" => format!("rotation every {} was due", item.limit),
                _ => format!("older than the maximum age of {}", item.limit),
            };
            text.push_str(&format!(
                "overdue  {}  {why} {} (updated {})\n",
                sanitize(&item.name),
                item.due,
                item.updated_at
            ));
        }
        for item in &report.rotate {
            text.push_str(&format!(
                "rotate   {}  {} (version {}, flagged {}): set it anew\n",
                sanitize(&item.name),
                sanitize(&item.reason),
                item.version,
                item.flagged_at
            ));
        }
        for item in &report.expiring {
            let when = if item.expired {
                "expired on"
            } else {
                "expires on"
            };
            text.push_str(&format!(
                "expiry   slot {:?} (scope {:?}) {when} {}{}\n",
                sanitize(&item.slot),
                sanitize(&item.scope),
                item.expires_at,
                if item.expired {
                    ": remove it, so its scope gets a new key"
                } else {
                    ""
                }
            ));
        }
        crate::output::print_text(&text)?;
    }
    let how = if verified {
        "authenticated"
    } else {
        "unauthenticated: no credential"
    };
    if findings == 0 {
        ctx.out.info(format_args!(
            "ok: nothing to act on ({} secret{} checked, {how})",
            secrets.len(),
            crate::output::plural(secrets.len())
        ));
        Ok(Exit::Success)
    } else {
        ctx.out.info(format_args!(
            "{findings} finding{} to act on ({how})",
            crate::output::plural(findings)
        ));
        Ok(Exit::Findings)
    }
}

/// The secrets flagged for rotation, and the scoped slots that have expired or expire within
/// `max_age`, as `tx` stores them.
fn credentials(
    tx: &Tx,
    now: i64,
    max_age: Option<i64>,
) -> vault::Result<(Vec<Rotate>, Vec<Expiring>)> {
    let rotate = tx
        .exposures()?
        .into_iter()
        .map(|e| Rotate {
            name: e.name,
            version: e.version,
            reason: e.reason,
            flagged_at: rfc3339(e.at),
        })
        .collect();
    let scopes = tx.scopes()?;
    let mut expiring = Vec::new();
    for slot in tx.slots()? {
        let Some((grant, at)) = slot.grant.as_ref().and_then(|g| Some((g, g.expires_at?))) else {
            continue;
        };
        let expired = at <= now;
        if expired || max_age.is_some_and(|age| at <= now.saturating_add(age)) {
            expiring.push(Expiring {
                scope: scopes
                    .iter()
                    .find(|s| s.id == grant.scope_id)
                    .map_or_else(|| format!("#{}", grant.scope_id), |s| s.name.clone()),
                slot: slot.label,
                expires_at: rfc3339(at),
                expired,
            });
        }
    }
    Ok((rotate, expiring))
}

/// The `required` names that `lookup` does not find, each once.
fn missing_names(
    required: &[String],
    lookup: impl Fn(&str) -> vault::Result<Option<SecretMeta>>,
) -> vault::Result<Vec<String>> {
    let mut missing = Vec::new();
    for name in required {
        if lookup(name)?.is_none() && !missing.contains(name) {
            missing.push(name.clone());
        }
    }
    Ok(missing)
}
