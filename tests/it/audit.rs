//! Issue 10: the audit log. One record per command that unlocks or tries to, with who and why
//! and never a value; a chain whose edits, removals, reorderings and cuts `audit verify` names;
//! records that survive many processes at once; and a log that cannot be written stopping the
//! command before any value leaves.

use std::collections::BTreeMap;
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::lifecycle::{KEY_B, Rng};
use crate::common::{TestEnv, contains, forms, stderr, stdout};

fn ok(out: Output) -> Output {
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

/// The records' `action` members, in order.
fn actions(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["action"].as_str().unwrap().to_owned())
        .collect()
}

/// The output of `id -un`, for the user the records name.
fn user_name() -> String {
    let out = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

#[test]
fn each_command_that_unlocks_is_recorded_once_with_who_and_why_and_never_a_value() {
    let mut env = TestEnv::with_vault();
    let canary = TestEnv::canary("audit");
    env.cmd(&["set", "API_KEY"])
        .write_stdin(canary.clone())
        .assert()
        .success();
    assert_eq!(env.get("API_KEY"), canary);
    ok(env
        .cmd(&[
            "run",
            "--only",
            "API_KEY",
            "--",
            "sh",
            "-c",
            "test -n \"$API_KEY\"",
        ])
        .output()
        .unwrap());
    let out = ok(env
        .cmd(&["export", "--only", "API_KEY", "--format", "env"])
        .output()
        .unwrap());
    assert!(contains(&out.stdout, &canary));
    env.set("OLD", b"old value");
    ok(env.cmd(&["delete", "OLD"]).output().unwrap());
    let new_key = env.home().join("new.key");
    std::fs::write(&new_key, KEY_B).unwrap();
    ok(env
        .cmd(&["rotate-master", "--new-key-file", new_key.to_str().unwrap()])
        .output()
        .unwrap());
    env.key = KEY_B.to_owned();
    ok(env.cmd(&["re-encrypt", "-q"]).output().unwrap());
    ok(env
        .cmd(&["slot", "add", "--label", "laptop"])
        .env("SEALBOX_NEW_PASSPHRASE", "the right passphrase")
        .output()
        .unwrap());
    let wrong = env
        .bare_cmd(&["get", "API_KEY"])
        .env("SEALBOX_PASSPHRASE", "a wrong passphrase")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(4), "{}", stderr(&wrong));
    let out = ok(env
        .cmd(&["get", "API_KEY", "--reason", "deploy"])
        .env("GITHUB_RUN_ID", "4242")
        .output()
        .unwrap());
    assert_eq!(out.stdout, canary);

    let out = ok(env.bare_cmd(&["audit", "--json"]).output().unwrap());
    let records: Vec<Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(
        records,
        env.audit_lines(),
        "the query shows the log as stored"
    );
    assert_eq!(
        actions(&records),
        [
            "init",
            "set",
            "get",
            "run",
            "export",
            "set",
            "delete",
            "rotate-master",
            "re-encrypt",
            "slot add",
            "get",
            "get"
        ]
    );
    let (user, pid) = (user_name(), std::process::id());
    let uid = std::fs::metadata(env.home()).map(|m| std::os::unix::fs::MetadataExt::uid(&m));
    for (i, record) in records.iter().enumerate() {
        assert_eq!(record["seq"], i as i64 + 1, "{record}");
        assert_eq!(record["user"], user.as_str(), "{record}");
        assert_eq!(record["uid"], uid.as_ref().copied().unwrap(), "{record}");
        assert_eq!(
            record["ppid"], pid,
            "the test started each sealbox: {record}"
        );
        assert!(record["pid"].as_u64().unwrap() > 0);
        assert!(record["host"].as_str().is_some_and(|h| !h.is_empty()));
        assert!(record["time"].as_str().unwrap().ends_with('Z'));
        let denied = i == 10;
        assert_eq!(
            record["outcome"],
            if denied { "denied" } else { "ok" },
            "{record}"
        );
        assert_eq!(
            record["mac"].is_null(),
            denied,
            "only the failed unlock lacks a MAC"
        );
    }
    let secrets = |i: usize| records[i]["secrets"].clone();
    let api = |v: i64| serde_json::json!([{ "name": "API_KEY", "version": v }]);
    assert_eq!(secrets(1), api(1));
    assert_eq!(secrets(2), api(1));
    assert_eq!(secrets(3), api(1));
    assert_eq!(secrets(4), api(1));
    assert_eq!(
        secrets(6),
        serde_json::json!([{ "name": "OLD", "version": null }])
    );
    assert_eq!(
        secrets(10),
        serde_json::json!([]),
        "a denied get read nothing"
    );
    assert_eq!(secrets(11), api(1));
    assert_eq!(records[1]["slot"], "default");
    assert_eq!(records[1]["credential"], "SEALBOX_KEY");
    assert_eq!(records[10]["credential"], "SEALBOX_PASSPHRASE");
    assert!(records[10]["slot"].is_null());
    let last = &records[11];
    assert_eq!(
        (&last["ci"], &last["run"], &last["reason"]),
        (&"github-actions".into(), &"4242".into(), &"deploy".into())
    );
    assert!(
        records[..11]
            .iter()
            .all(|r| r["run"].is_null() && r["reason"].is_null())
    );

    let log = std::fs::read(env.audit_log()).unwrap();
    for form in forms(&canary).iter().chain(forms(b"old value").iter()) {
        assert!(
            !contains(&log, form),
            "the log holds {}",
            String::from_utf8_lossy(form)
        );
    }
    for key in [crate::common::lifecycle::KEY_A, KEY_B] {
        assert!(!contains(&log, key.as_bytes()), "the log holds a key");
    }
    let mode = std::fs::metadata(env.audit_log()).unwrap();
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(&mode.permissions()) & 0o777,
        0o600
    );
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 12 records, head 12:"),
        "{}",
        stdout(&out)
    );

    // "Did anything read API_KEY in this run?" is one command.
    let query = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["audit", "--json"];
        all.extend_from_slice(args);
        let out = ok(env.bare_cmd(&all).output().unwrap());
        stdout(&out)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["seq"]
                    .as_i64()
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(query(&["--name", "API_KEY", "--action", "get"]), [3, 12]);
    assert_eq!(query(&["--run", "4242"]), [12]);
    assert_eq!(query(&["--outcome", "denied"]), [11]);
    assert_eq!(query(&["--prefix", "OL"]), [6, 7]);
    assert_eq!(query(&["--since", "2999-01-01"]), Vec::<i64>::new());
    assert_eq!(query(&["--until", "2000-01-01"]), Vec::<i64>::new());
    assert_eq!(
        query(&["--since", "1d", "--action", "get", "--limit", "1"]),
        [12]
    );
    let out = ok(env
        .bare_cmd(&["audit", "--action", "delete"])
        .output()
        .unwrap());
    let table = stdout(&out);
    let mut lines = table.lines();
    assert!(lines.next().unwrap().starts_with("SEQ  TIME"), "{table}");
    let row = lines.next().unwrap();
    assert!(
        row.starts_with("7    ") && row.contains(" delete  ok ") && row.contains("OLD"),
        "{table}"
    );
    assert_eq!(lines.next(), None);
}

/// A vault whose log holds: 1 init, 2 set A, 3 get, 4 denied get, 5 get, 6 set B (the last
/// write), 7 get, 8 get.
fn eight_records() -> TestEnv {
    let env = TestEnv::with_vault();
    env.set("A", b"a value");
    env.get("A");
    let out = env
        .bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", KEY_B)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    env.get("A");
    env.set("B", b"b value");
    env.get("A");
    env.get("B");
    assert_eq!(env.audit_lines().len(), 8);
    env
}

/// `audit verify` on the log as `edit` leaves it: exit 5 naming `problem`, nothing on stdout;
/// the log is put back afterwards.
fn verify_fails(env: &TestEnv, edit: impl FnOnce(&mut Vec<String>), problem: &str) {
    verify_fails_with(env, &[], edit, problem);
}

/// [`verify_fails`] for `audit verify ARGS`; `verify` must fail too unless ARGS name a witness,
/// which only `audit verify` knows.
fn verify_fails_with(
    env: &TestEnv,
    args: &[&str],
    edit: impl FnOnce(&mut Vec<String>),
    problem: &str,
) {
    let original = std::fs::read_to_string(env.audit_log()).unwrap();
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    edit(&mut lines);
    std::fs::write(env.audit_log(), lines.join("\n") + "\n").unwrap();
    let before = std::fs::read(env.audit_log()).unwrap();
    let out = env
        .cmd(&[&["audit", "verify"][..], args].concat())
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(5), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        err.starts_with(&format!(
            "error: the audit log {} failed verification: {problem}",
            env.audit_log().display()
        )),
        "{err}"
    );
    if args.is_empty() {
        let out = env.cmd(&["verify"]).output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert!(
            stdout(&out).contains(&format!("FAILED  audit log: {problem}")),
            "{}",
            stdout(&out)
        );
    }
    // A failed verification is recorded after the records it judged, when the log can still
    // be continued: nothing before them changes.
    let after = std::fs::read(env.audit_log()).unwrap();
    assert!(
        after.starts_with(&before),
        "a failing verify changed the records it judged"
    );
    std::fs::write(env.audit_log(), original).unwrap();
}

#[test]
fn edits_removals_reorderings_and_cuts_are_named_by_audit_verify() {
    let env = eight_records();
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 8 records"),
        "{}",
        stdout(&out)
    );
    // Each attack works on the log as it is now, which ends with `audit verify`'s record (9).
    verify_fails(
        &env,
        |lines| lines[4] = lines[4].replacen("\"action\":\"get\"", "\"action\":\"set\"", 1),
        "record 5 was modified: its MAC does not verify under this vault's audit key",
    );
    verify_fails(
        &env,
        |lines| lines[3] = lines[3].replacen("\"time\":\"2", "\"time\":\"1", 1),
        "record 5 does not follow record 4: that record was modified, removed or replaced",
    );
    verify_fails(
        &env,
        |lines| lines[3] = lines[3].replacen("\"outcome\":\"denied\"", "\"outcome\":\"ok\"", 1),
        "record 4 claims success but carries no MAC, which only a failed unlock's record lacks",
    );
    verify_fails(
        &env,
        |lines| {
            // A record appended without the key, claiming a read that never happened.
            let at = lines[8].rfind(",\"mac\":").unwrap();
            lines[8] = format!("{},\"mac\":null}}", &lines[8][..at]);
        },
        "record 9 claims success but carries no MAC, which only a failed unlock's record lacks",
    );
    verify_fails(
        &env,
        |lines| {
            lines.remove(2);
        },
        "record 3 is missing: line 3 holds record 4 where record 3 belongs",
    );
    verify_fails(
        &env,
        |lines| lines.swap(4, 5),
        "record 5 is missing: line 5 holds record 6 where record 5 belongs",
    );
    verify_fails(
        &env,
        |lines| lines.truncate(5),
        "the log ends at record 5, but the vault's last write recorded record 6: records were cut from its end",
    );
    // Records after the last write can be cut unnoticed by the vault, but not by a witness.
    let head = ok(env.cmd(&["audit", "head"]).output().unwrap());
    let head = stdout(&head).trim().to_owned();
    assert!(head.starts_with("10:"), "{head}");
    ok(env
        .cmd(&["audit", "verify", "--head", &head])
        .output()
        .unwrap());
    verify_fails_with(
        &env,
        &["--head", &head],
        |lines| lines.truncate(9),
        "the log ends at record 9, but --head names record 10: records were cut from its end",
    );
    let mut forged = head.clone();
    forged.replace_range(
        forged.len() - 1..,
        if head.ends_with('0') { "1" } else { "0" },
    );
    verify_fails_with(
        &env,
        &["--head", &forged],
        |_| {},
        "record 10 is not the one --head names: it was replaced",
    );
    // A cut before the last write also stops every command that would add a record, before
    // any value leaves.
    let original = std::fs::read_to_string(env.audit_log()).unwrap();
    let kept: Vec<&str> = original.lines().take(5).collect();
    std::fs::write(env.audit_log(), kept.join("\n") + "\n").unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).starts_with(&format!(
            "error: the audit log {} does not match the vault: record 6, which the vault recorded at its last write, is missing or changed\n",
            env.audit_log().display()
        )),
        "{}",
        stderr(&out)
    );
    env.assert_unchanged(&before, "a get refused by a cut log");
    assert_eq!(
        std::fs::read_to_string(env.audit_log()).unwrap(),
        kept.join("\n") + "\n"
    );
    // An edit of the last write's record that keeps every offset passes a read's quick check
    // (one small read, whatever the record's size), but no write binds it, and verify names it.
    let mut lines: Vec<String> = original.lines().map(str::to_owned).collect();
    lines[5] = lines[5].replacen("\"action\":\"set\"", "\"action\":\"get\"", 1);
    std::fs::write(env.audit_log(), lines.join("\n") + "\n").unwrap();
    assert_eq!(env.get("A"), b"a value");
    let before = env.vault_files();
    let out = env.cmd(&["set", "C"]).write_stdin("c").output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "record 6, which the vault recorded at its last write, is missing or changed"
        )
    );
    env.assert_unchanged(&before, "a set refused by an edited log");
    let out = env.cmd(&["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("record 6 was modified"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_lost_log_stops_reads_until_put_back_or_restarted_and_the_restart_is_evidence() {
    let env = eight_records();
    let aside = env.home().join("kept.audit");
    std::fs::rename(env.audit_log(), &aside).unwrap();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains(
            "hint: if the vault was moved or copied without its log, put the log back at"
        )
    );
    // Putting it back is enough.
    std::fs::rename(&aside, env.audit_log()).unwrap();
    assert_eq!(env.get("A"), b"a value");
    // Lost for good: restart sets whatever is there aside and continues from the last write.
    std::fs::write(env.audit_log(), b"").unwrap();
    assert_eq!(
        env.cmd(&["get", "A"]).output().unwrap().status.code(),
        Some(5)
    );
    let out = ok(env.cmd(&["audit", "restart"]).output().unwrap());
    assert!(
        stderr(&out).starts_with("started a new audit log"),
        "{}",
        stderr(&out)
    );
    assert_eq!(env.get("A"), b"a value");
    let records = env.audit_lines();
    assert_eq!(actions(&records), ["checkpoint", "audit restart", "get"]);
    assert_eq!(
        (&records[0]["seq"], &records[1]["seq"]),
        (&6.into(), &7.into())
    );
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 3 records after a checkpoint for the records up to 6 (pruned, or lost before a restart)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn prune_removes_old_records_and_the_chain_still_verifies() {
    let env = TestEnv::new();
    env.cmd_days_ago(100, &["init"]).assert().success();
    env.cmd_days_ago(100, &["set", "A"])
        .write_stdin("a")
        .assert()
        .success();
    for _ in 0..3 {
        env.cmd_days_ago(50, &["get", "A"]).assert().success();
    }
    env.set("B", b"b");
    env.get("A");
    let out = ok(env
        .cmd(&["audit", "prune", "--before", "30d"])
        .output()
        .unwrap());
    assert_eq!(
        stderr(&out)
            .lines()
            .next()
            .unwrap()
            .split(" written")
            .next(),
        Some("removed 5 audit records")
    );
    let records = env.audit_lines();
    assert_eq!(
        actions(&records),
        ["checkpoint", "set", "get", "audit prune"]
    );
    assert_eq!(records[0]["seq"], 5);
    assert_eq!(records[0]["pruned"], 5);
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 4 records after a checkpoint for the records up to 5 (pruned, or lost before a restart)"),
        "{}",
        stdout(&out)
    );
    ok(env.cmd(&["verify"]).output().unwrap());
    // The checkpoint is what keeps the chain: without it, the log no longer starts at 1.
    let original = std::fs::read_to_string(env.audit_log()).unwrap();
    let rest: Vec<&str> = original.lines().skip(1).collect();
    std::fs::write(env.audit_log(), rest.join("\n") + "\n").unwrap();
    let out = env.cmd(&["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("record 1 is missing: line 1 holds record 6"),
        "{}",
        stderr(&out)
    );
    std::fs::write(env.audit_log(), &original).unwrap();
    // Pruning never removes the last write's record (the first prune's, 8) or anything after.
    let out = ok(env
        .cmd(&["audit", "prune", "--before", "2999-01-01"])
        .output()
        .unwrap());
    assert!(
        stderr(&out).starts_with("removed 2 audit records"),
        "{}",
        stderr(&out)
    );
    let records = env.audit_lines();
    assert_eq!(
        actions(&records)[..3],
        ["checkpoint", "audit prune", "audit verify"]
    );
    assert_eq!(
        (&records[0]["seq"], &records[1]["seq"]),
        (&7.into(), &8.into())
    );
    ok(env.cmd(&["audit", "verify"]).output().unwrap());
}

#[test]
fn old_records_verify_after_rotate_master_and_a_new_vault_key() {
    let env = eight_records();
    let new_key = env.home().join("new.key");
    std::fs::write(&new_key, KEY_B).unwrap();
    ok(env
        .cmd(&["rotate-master", "--new-key-file", new_key.to_str().unwrap()])
        .output()
        .unwrap());
    let mut env = env;
    env.key = KEY_B.to_owned();
    ok(env
        .cmd(&["re-encrypt", "--new-vault-key", "-q"])
        .output()
        .unwrap());
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 10 records"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_log_that_is_a_symlink_or_writable_by_others_is_refused() {
    let env = eight_records();
    let real = env.home().join("elsewhere.audit");
    std::fs::rename(env.audit_log(), &real).unwrap();
    std::os::unix::fs::symlink(&real, env.audit_log()).unwrap();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).starts_with(&format!(
            "error: refusing the audit log {}: it is a symbolic link",
            env.audit_log().display()
        )),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(env.audit_log()).unwrap();
    std::fs::rename(&real, env.audit_log()).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(env.audit_log(), std::fs::Permissions::from_mode(0o622)).unwrap();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("other users can write it (mode 622)"),
        "{}",
        stderr(&out)
    );
    // Readable by others only: made private again, and the read goes on.
    std::fs::set_permissions(env.audit_log(), std::fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(env.get("A"), b"a value");
    let mode = std::fs::metadata(env.audit_log())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn many_processes_at_once_lose_no_record_and_the_chain_verifies() {
    const PROCESSES: usize = 32;
    let secs: u64 = std::env::var("SEALBOX_AUDIT_STRESS_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let env = Arc::new(TestEnv::with_vault());
    env.set("SHARED", b"shared value");
    let (_, seed) = Rng::from_env_or_time("SEALBOX_AUDIT_STRESS_SEED");
    let deadline = Instant::now() + Duration::from_secs(secs);
    // The pid of every command that exited 0, and how each command ended.
    let pids = Arc::new(Mutex::new(Vec::new()));
    let tally = Arc::new(Mutex::new(BTreeMap::<(String, i32), u64>::new()));
    let workers: Vec<_> = (0..PROCESSES)
        .map(|id| {
            let (env, pids, tally) = (env.clone(), pids.clone(), tally.clone());
            std::thread::spawn(move || {
                let mut rng = Rng::new(seed ^ id as u64);
                let mut serial = 0;
                while Instant::now() < deadline {
                    serial += 1;
                    let (what, args, input): (&str, Vec<String>, Vec<u8>) = match rng.below(3) {
                        0 => ("get", vec!["get".into(), "SHARED".into()], vec![]),
                        1 => (
                            "set",
                            vec!["set".into(), format!("W{id}")],
                            format!("value {serial}").into_bytes(),
                        ),
                        _ => ("list", vec!["list".into(), "--verified".into()], vec![]),
                    };
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    let mut child = env
                        .bare_std_cmd(&args)
                        .env("SEALBOX_KEY", &env.key)
                        .env("SEALBOX_BUSY_TIMEOUT", "60")
                        .stdin(std::process::Stdio::piped())
                        .stdout(std::process::Stdio::piped())
                        .stderr(std::process::Stdio::piped())
                        .spawn()
                        .unwrap();
                    let pid = child.id();
                    use std::io::Write;
                    child.stdin.take().unwrap().write_all(&input).unwrap();
                    let out = child.wait_with_output().unwrap();
                    let code = out.status.code().unwrap_or(-1);
                    assert_eq!(code, 0, "{what}: {}", stderr(&out));
                    pids.lock().unwrap().push(pid);
                    *tally
                        .lock()
                        .unwrap()
                        .entry((what.into(), code))
                        .or_default() += 1;
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    let records = env.audit_lines();
    let mut recorded: Vec<u32> = records[2..]
        .iter()
        .map(|r| r["pid"].as_u64().unwrap() as u32)
        .collect();
    let mut ran = pids.lock().unwrap().clone();
    eprintln!(
        "audit stress: {} commands by {PROCESSES} processes in {secs} s, seed {seed}: {:?}",
        ran.len(),
        tally.lock().unwrap()
    );
    assert!(ran.len() > PROCESSES, "too few commands to mean anything");
    recorded.sort_unstable();
    ran.sort_unstable();
    assert_eq!(
        recorded, ran,
        "one record for each command, none lost or doubled"
    );
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with(&format!("audit log ok: {} records", records.len())),
        "{}",
        stdout(&out)
    );
    ok(env.cmd(&["verify", "-q"]).output().unwrap());
}

#[test]
fn a_full_disk_under_the_log_stops_get_and_set_before_anything_leaves_or_changes() {
    let env = TestEnv::with_vault();
    env.set("A", b"the value");
    let reason = "x".repeat(1000);
    // On a full file system, gets with long reasons use up what is left of the log's last
    // page; the first that needs a new page fails.
    let out = crate::hardening::in_mount_namespace(
        &env,
        &format!(
            r#"mount -t tmpfs -o size=256k tmpfs "$MNT" && cp -p "$SRC" "$SRC.audit" "$MNT/" || exit 99
            dd if=/dev/zero of="$MNT/filler" bs=4k 2>/dev/null
            for i in 1 2 3 4 5 6; do
                vault=$(sha256sum < "$MNT/vault.db"); log=$(sha256sum < "$MNT/vault.db.audit")
                "$SEALBOX" get A --reason '{reason}' > "$HOME/out"; code=$?
                if [ $code -ne 0 ]; then
                    echo "failed=$i code=$code stdout=$(wc -c < "$HOME/out")" >&2
                    [ "$vault" = "$(sha256sum < "$MNT/vault.db")" ] && echo "vault unchanged" >&2
                    [ "$log" = "$(sha256sum < "$MNT/vault.db.audit")" ] && echo "log unchanged" >&2
                    printf 'new' | "$SEALBOX" set B; echo "set=$?" >&2
                    [ "$vault" = "$(sha256sum < "$MNT/vault.db")" ] && echo "vault unchanged" >&2
                    tail -n 1 "$MNT/vault.db.audit" | grep -q '"action":"set","outcome":"error"' \
                        && echo "the failed set is recorded" >&2
                    rm "$MNT/filler"
                    "$SEALBOX" audit verify >/dev/null; echo "verify=$?" >&2
                    exit 0
                fi
            done
            echo "no get failed" >&2"#
        ),
    );
    let err = stderr(&out);
    let log = env.home().join("mnt/vault.db.audit");
    let expected = format!(
        "error: cannot append to the audit log {0}: No space left on device (os error 28)\n\
         hint: every command that unlocks is recorded first, so this one stopped before any value left sealbox, and the vault is unchanged\n\
         hint: make room on its file system or fix its permissions (ls -l '{0}'), then run the command again\n",
        log.display()
    );
    let failed = err
        .lines()
        .position(|l| l.starts_with("failed="))
        .unwrap_or_else(|| panic!("{err}"));
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines[failed].ends_with("code=1 stdout=0"), "{err}");
    assert!(
        err.starts_with(&expected) || err.contains(&format!("\n{expected}")),
        "{err}"
    );
    let vault = env.home().join("mnt/vault.db");
    assert_eq!(
        lines[failed + 1..],
        [
            "vault unchanged".to_owned(),
            "log unchanged".to_owned(),
            format!(
                "error: cannot write to the vault {}: the file system is full",
                vault.display()
            ),
            format!(
                "hint: free some space on the file system holding {} and run the command again; the vault was left as it was",
                vault.display()
            ),
            "set=1".to_owned(),
            "vault unchanged".to_owned(),
            "the failed set is recorded".to_owned(),
            "verify=0".to_owned(),
        ],
        "{err}"
    );
}

/// Replaces every line of the log after the first `keep` with records an attacker can write
/// without the key: failed unlocks (`"mac":null`), correctly chained, up to `seq`.
fn forge_from(env: &TestEnv, keep: usize, seq: i64) {
    use sha2::Digest;
    let text = std::fs::read_to_string(env.audit_log()).unwrap();
    let mut lines: Vec<String> = text.lines().take(keep).map(str::to_owned).collect();
    for n in keep as i64 + 1..=seq {
        let prev: String = sha2::Sha256::digest(lines.last().unwrap().as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        lines.push(format!(
            r#"{{"seq":{n},"time":"2026-01-01T00:00:00Z","action":"get","outcome":"denied","secrets":[],"slot":null,"credential":"SEALBOX_KEY","uid":0,"user":"mallory","host":"h","pid":1,"ppid":null,"parent":null,"ci":null,"run":null,"reason":null,"prev":"{prev}","mac":null}}"#
        ));
    }
    std::fs::write(env.audit_log(), lines.join("\n") + "\n").unwrap();
}

/// A SQLite read transaction held on the vault by another process of the same user, so that
/// writes wait for it: the connection is returned; dropping it ends the transaction.
fn hold_read_lock(env: &TestEnv) -> rusqlite::Connection {
    let conn = env.sql();
    conn.execute_batch("BEGIN; SELECT count(*) FROM secrets;")
        .unwrap();
    conn
}

#[test]
fn no_later_write_of_a_command_binds_a_log_whose_bound_record_was_replaced() {
    // re-encrypt reads first (recording there) and then writes in batches: each batch must
    // check the bound record as fully as a first write does.
    let env = eight_records();
    forge_from(&env, 1, 6);
    let before = env.vault_files();
    for args in [&["re-encrypt", "-q"][..], &["set", "C"]] {
        let out = env.cmd(args).write_stdin("c").output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "record 6, which the vault recorded at its last write, is missing or changed"
            ),
            "{}",
            stderr(&out)
        );
        env.assert_unchanged(&before, "a write refused by a replaced record");
    }
    let out = env.cmd(&["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
}

#[test]
fn a_last_record_that_lost_only_its_newline_is_kept_and_ended() {
    let env = eight_records();
    let log = std::fs::read(env.audit_log()).unwrap();
    std::fs::write(env.audit_log(), &log[..log.len() - 1]).unwrap();
    assert_eq!(env.get("A"), b"a value");
    let after = std::fs::read(env.audit_log()).unwrap();
    assert!(
        after.starts_with(&log),
        "the whole last record stays, ended by its newline"
    );
    // re-encrypt's batches bind its own record, 10, the last line.
    ok(env.cmd(&["re-encrypt", "-q"]).output().unwrap());
    // A partial line is no record, and goes; but not when it is the record the vault bound.
    let log = std::fs::read(env.audit_log()).unwrap();
    std::fs::write(env.audit_log(), &log[..log.len() - 20]).unwrap();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains(
            "the line of record 10, which the vault recorded at its last write, is cut short"
        ),
        "{}",
        stderr(&out)
    );
    std::fs::write(env.audit_log(), &log).unwrap();
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 10 records"),
        "{}",
        stdout(&out)
    );
    // A partial line after the bound record is cut, and the log goes on.
    std::fs::write(env.audit_log(), [&log[..], b"{\"seq\":11,\"ti"].concat()).unwrap();
    assert_eq!(env.get("A"), b"a value");
    let out = ok(env.cmd(&["audit", "verify"]).output().unwrap());
    assert!(
        stdout(&out).starts_with("audit log ok: 11 records"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_write_whose_commit_fails_after_its_record_gets_a_second_record_saying_so() {
    let env = eight_records();
    let hold = hold_read_lock(&env);
    let out = env
        .cmd(&["set", "F"])
        .env("SEALBOX_BUSY_TIMEOUT", "0.5")
        .write_stdin("f")
        .output()
        .unwrap();
    drop(hold);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    let records = env.audit_lines();
    let last: Vec<_> = records[records.len() - 2..]
        .iter()
        .map(|r| {
            (
                r["action"].clone(),
                r["outcome"].clone(),
                r["secrets"].clone(),
            )
        })
        .collect();
    let f = serde_json::json!([{ "name": "F", "version": 1 }]);
    assert_eq!(
        last,
        [
            ("set".into(), "ok".into(), f.clone()),
            ("set".into(), "error".into(), f)
        ]
    );
    assert_eq!(
        env.cmd(&["get", "F"]).output().unwrap().status.code(),
        Some(3)
    );
    ok(env.cmd(&["audit", "verify"]).output().unwrap());
}

#[test]
fn a_restart_whose_commit_fails_leaves_a_log_writes_still_accept() {
    let env = eight_records();
    let hold = hold_read_lock(&env);
    let out = env
        .cmd(&["audit", "restart"])
        .env("SEALBOX_BUSY_TIMEOUT", "0.5")
        .output()
        .unwrap();
    drop(hold);
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    // The new log (a checkpoint for the bound record 6, then the restart's record) is in
    // place although the vault row still binds record 6 of the old one.
    assert_eq!(
        actions(&env.audit_lines())[..2],
        ["checkpoint", "audit restart"]
    );
    env.set("G", b"g");
    ok(env.cmd(&["audit", "verify"]).output().unwrap());
    ok(env.cmd(&["verify", "-q"]).output().unwrap());
}

#[test]
fn records_without_a_mac_that_name_secrets_are_forgeries() {
    let env = eight_records();
    let mut lines: Vec<String> = std::fs::read_to_string(env.audit_log())
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    // Record 4, the failed unlock, rewritten to blame it for reading A; everything after it
    // would need the key to re-chain, so the forger makes it the last line.
    lines.truncate(4);
    lines[3] = lines[3].replacen(
        "\"secrets\":[]",
        "\"secrets\":[{\"name\":\"A\",\"version\":1}]",
        1,
    );
    std::fs::write(env.audit_log(), lines.join("\n") + "\n").unwrap();
    let out = env.cmd(&["audit", "verify"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stderr(&out).contains("record 4 names secrets but carries no MAC"),
        "{}",
        stderr(&out)
    );
}
