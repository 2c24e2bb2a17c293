//! The audit log's records: what one line of `<vault>.audit` says, and who is acting.
//!
//! A record says when, which action, which secrets (names and versions, never a value or a hash
//! of one), with what outcome, and who: uid and user, host, pid, the parent process, the CI run
//! when a CI system's variable is set, the unlock slot and the credential's source, and the
//! user's `--reason`. The field names and their order are the documented, stable format; the
//! chain members (`seq` first, `prev` and `mac` last) are filled by `vault::audit`, which writes
//! and checks the lines. Everything here describes; nothing reads or writes the log.

mod actor;

use serde::{Deserialize, Serialize};

pub use actor::Actor;

/// How a command that unlocked, or tried to, ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    /// The credential opened no slot (or a scoped one was refused).
    Denied,
    Error,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Ok => "ok",
            Outcome::Denied => "denied",
            Outcome::Error => "error",
        }
    }
}

/// One secret a command touched: a value opened, a version written, a name deleted.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Access {
    pub name: String,
    /// The version read or written; `None` when the whole name is meant (a delete).
    pub version: Option<i64>,
}

/// The secrets a command touched, each once, in the order first touched. A set beside the
/// list, since an import of a million names would spend quadratic time searching a list.
#[derive(Debug, Default)]
pub struct Touched {
    order: Vec<Access>,
    seen: std::collections::HashSet<Access>,
}

impl Touched {
    pub fn insert(&mut self, access: Access) {
        if self.seen.insert(access.clone()) {
            self.order.push(access);
        }
    }

    /// Moves every access of `other` in (those not here yet), leaving `other` empty.
    pub fn absorb(&mut self, other: &mut Touched) {
        other.seen.clear();
        for access in other.order.drain(..) {
            self.insert(access);
        }
    }

    pub fn to_vec(&self) -> Vec<Access> {
        self.order.clone()
    }
}

/// One line of the log. Field order is the serialised order.
#[derive(Debug, Serialize, Deserialize)]
pub struct Record {
    pub seq: i64,
    /// RFC 3339 UTC, to the second.
    pub time: String,
    /// The subcommand (`get`, `slot add`, ...), or `checkpoint` for the first line of a pruned
    /// log.
    pub action: String,
    pub outcome: Outcome,
    pub secrets: Vec<Access>,
    /// The label of the slot that opened the vault (or the one asked for with `--slot`).
    pub slot: Option<String>,
    /// The scope that slot opens, for a scoped credential (absent before format 6's records).
    #[serde(default)]
    pub scope: Option<String>,
    /// Where the credential came from: an option, a variable or `prompt`.
    pub credential: Option<String>,
    pub uid: u32,
    pub user: Option<String>,
    pub host: Option<String>,
    pub pid: u32,
    pub ppid: Option<u32>,
    /// The parent process's command name, as the kernel reports it (`/proc/PPID/comm`).
    pub parent: Option<String>,
    /// The CI system and its run id, when one of the variables in [`ci_run`] is set.
    pub ci: Option<String>,
    pub run: Option<String>,
    pub reason: Option<String>,
    /// A checkpoint: how many records were pruned before it. Its `seq` and `prev` are those
    /// of the last pruned record, which the first kept record chains to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pruned: Option<i64>,
    /// The hex chain hash of the previous line (of the pruned record it stands for, in a
    /// checkpoint); 64 zeros for the first record of a log.
    pub prev: String,
    /// Hex HMAC-SHA256 under the audit key of the line before `,"mac":`; null when written
    /// without the key (a failed unlock).
    pub mac: Option<String>,
}

/// The action name of a checkpoint.
pub const CHECKPOINT: &str = "checkpoint";

impl Record {
    /// A record of `action` by `actor` (chain members empty: the log fills them).
    pub fn new(actor: &Actor, action: &str, outcome: Outcome, secrets: Vec<Access>) -> Self {
        Self {
            seq: 0,
            time: crate::time::rfc3339(crate::time::now()),
            action: action.to_owned(),
            outcome,
            secrets,
            slot: actor.slot.clone(),
            scope: actor.scope.clone(),
            credential: actor.credential.clone(),
            uid: actor.uid,
            user: actor.user.clone(),
            host: actor.host.clone(),
            pid: actor.pid,
            ppid: actor.ppid,
            parent: actor.parent.clone(),
            ci: actor.ci.clone(),
            run: actor.run.clone(),
            reason: actor.reason.clone(),
            pruned: None,
            prev: String::new(),
            mac: None,
        }
    }

    /// The record serialised with `"mac":null`, ready for `crypto::seal_line`.
    pub fn to_unsealed_line(&self) -> Vec<u8> {
        debug_assert!(self.mac.is_none());
        serde_json::to_vec(self).expect("a record always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_ends_with_prev_and_a_null_mac() {
        let actor = Actor::for_tests();
        let record = Record::new(
            &actor,
            "get",
            Outcome::Ok,
            vec![Access {
                name: "A".into(),
                version: Some(2),
            }],
        );
        let line = String::from_utf8(record.to_unsealed_line()).unwrap();
        assert!(line.starts_with("{\"seq\":0,\"time\":\""), "{line}");
        assert!(line.ends_with(",\"prev\":\"\",\"mac\":null}"), "{line}");
        assert!(line.contains("\"secrets\":[{\"name\":\"A\",\"version\":2}]"));
        assert!(!line.contains("pruned"));
        assert!(!line.contains('\n'));
    }
}
