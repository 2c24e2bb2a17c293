//! Issue 7 §4: `--json` is either honoured or refused, never ignored. It is a global flag, so
//! every command accepts it: those whose result a script wants print one JSON document on
//! stdout, and the others (whose output is raw bytes, a script, or another program's) refuse it
//! with exit 2 before doing anything.

use std::collections::BTreeSet;

use crate::common::lifecycle::KEY_B;
use crate::common::{TestEnv, stderr, stdout};
use serde_json::{Value, json};

/// Runs `args` (with `--json` among them) and returns the JSON document it printed.
fn document(env: &TestEnv, args: &[&str], stdin: &str, new_key: Option<&str>) -> Value {
    let mut cmd = env.cmd(args);
    if let Some(key) = new_key {
        cmd.env("SEALBOX_NEW_KEY", key);
    }
    let out = cmd.write_stdin(stdin).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 10)),
        "{args:?}: {}",
        stderr(&out)
    );
    let text = stdout(&out);
    assert_eq!(
        text.matches('\n').count(),
        1,
        "{args:?}: one line: {text:?}"
    );
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{args:?}: {err}: {text:?}"))
}

/// The records of JSON Lines output: every line one JSON object, the last one ended too.
fn json_lines(text: &str) -> Vec<Value> {
    assert!(text.ends_with('\n'), "{text:?}");
    text.lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            assert!(value.is_object(), "{line}");
            value
        })
        .collect()
}

/// The names of sealbox's commands, from its help (clap's own `help` left out).
fn commands(env: &TestEnv) -> BTreeSet<String> {
    let help = stdout(&env.cmd(&["--help"]).output().unwrap());
    help.split("Commands:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|line| !line.is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_command_honours_or_refuses_json() {
    let env = TestEnv::new();
    let mut covered = BTreeSet::new();
    let mut check = |name: &str| {
        covered.insert(name.to_owned());
    };

    check("init");
    let init = document(&env, &["init", "--json", "--label", "ci"], "", None);
    assert_eq!(
        init,
        json!({"vault": env.vault.display().to_string(), "slot": {"label": "ci", "kind": "key"}})
    );
    check("set");
    let set = document(&env, &["set", "A", "--json"], "a", None);
    assert_eq!(set, json!({"name": "A", "version": 1}));
    check("import");
    let import = document(
        &env,
        &["import", "--format", "json", "--json"],
        r#"{"B": "b", "C": "c"}"#,
        None,
    );
    assert_eq!(
        import,
        json!({"imported": 2, "created": ["B", "C"], "updated": [], "unchanged": []})
    );
    check("list");
    let list = document(&env, &["list", "--json"], "", None);
    assert_eq!(list.as_array().unwrap().len(), 3);
    check("meta");
    let meta = document(
        &env,
        &["meta", "B", "--description", "bee", "--json"],
        "",
        None,
    );
    assert_eq!(
        (&meta["name"], &meta["description"]),
        (&json!("B"), &json!("bee"))
    );
    check("rollback");
    document(&env, &["set", "B", "--json"], "b2", None);
    let rollback = document(&env, &["rollback", "B", "--to", "1", "--json"], "", None);
    assert_eq!(
        rollback,
        json!({"name": "B", "version": 3, "from_version": 1})
    );
    check("history");
    let history = document(&env, &["history", "B", "--json"], "", None);
    assert_eq!(history["current"], 3);
    assert_eq!(history["verified"], true);
    let versions: Vec<i64> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2, 3]);
    let one = document(&env, &["delete", "B", "--version", "2", "--json"], "", None);
    assert_eq!(one, json!({"name": "B", "deleted_version": 2}));
    check("copy");
    let copy = document(&env, &["copy", "B", "B2", "--json"], "", None);
    assert_eq!(copy, json!({"from": "B", "to": "B2", "versions": 2}));
    check("rename");
    let rename = document(&env, &["rename", "B2", "B3", "--json"], "", None);
    assert_eq!(rename, json!({"from": "B2", "to": "B3", "versions": 2}));
    document(&env, &["delete", "B3", "--json"], "", None);
    check("compact");
    let compacted = document(&env, &["compact", "--json"], "", None);
    assert!(
        compacted["bytes_after"].as_u64().unwrap() <= compacted["bytes_before"].as_u64().unwrap()
    );
    check("delete");
    let delete = document(&env, &["delete", "C", "--json"], "", None);
    assert_eq!(delete, json!({"deleted": ["C"]}));
    check("check");
    let report = document(&env, &["check", "--require", "A,C", "--json"], "", None);
    assert_eq!(
        report,
        json!({"missing": ["C"], "overdue": [], "rotate": [], "expiring": [], "verified": true})
    );
    check("verify");
    let verify = document(&env, &["verify", "--json"], "", None);
    assert_eq!(verify["ok"], true);
    check("re-encrypt");
    let dry = document(&env, &["re-encrypt", "--dry-run", "--json"], "", None);
    assert_eq!(dry["dry_run"], true);
    assert_eq!(dry["values"], 3);
    let done = document(&env, &["re-encrypt", "--json"], "", None);
    assert_eq!(done["re_encrypted"], 3);
    check("slot");
    let added = document(
        &env,
        &["slot", "add", "--label", "two", "--json"],
        "",
        Some(KEY_B),
    );
    assert_eq!(
        added,
        json!({"label": "two", "kind": "key", "scope": null, "recipient": null, "fingerprint": null})
    );
    let slots = document(&env, &["slot", "list", "--json"], "", None);
    assert_eq!(slots.as_array().unwrap().len(), 2);
    let removed = document(&env, &["slot", "remove", "two", "--json"], "", None);
    assert_eq!(removed, json!({"removed": "two"}));
    check("audit");
    // A query prints JSON Lines: one record a line, in the log's order.
    let out = env.cmd(&["audit", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = json_lines(&stdout(&out));
    let actions: Vec<&str> = records
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "init",
            "set",
            "import",
            "list",
            "meta",
            "set",
            "rollback",
            "history",
            "delete",
            "copy",
            "rename",
            "delete",
            "compact",
            "delete",
            "check",
            "verify",
            "re-encrypt",
            "re-encrypt",
            "slot add",
            "slot remove",
        ],
        "every command that unlocked, once (slot list needs no credential)"
    );
    let seqs: Vec<i64> = records.iter().map(|r| r["seq"].as_i64().unwrap()).collect();
    let count = records.len() as i64;
    assert_eq!(seqs, (1..=count).collect::<Vec<_>>());
    let limited = env
        .cmd(&["audit", "--json", "--limit", "2"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&stdout(&limited)), records[records.len() - 2..]);
    // The others print one document.
    let verify = document(&env, &["audit", "verify", "--json"], "", None);
    assert_eq!(
        (
            &verify["ok"],
            &verify["records"],
            &verify["pruned"],
            &verify["uncovered"],
            &verify["problem"]
        ),
        (
            &json!(true),
            &json!(count),
            &json!(0),
            &json!(0),
            &Value::Null
        )
    );
    assert!(
        verify["head"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{count}:"))
    );
    // `audit head` records itself (after verify's record) and prints that record.
    let head = document(&env, &["audit", "head", "--json"], "", None);
    let witness = format!("{}:{}", count + 2, head["hash"].as_str().unwrap());
    assert_eq!(
        head,
        json!({"seq": count + 2, "hash": head["hash"], "head": witness})
    );
    assert_eq!(head["hash"].as_str().unwrap().len(), 64);
    let verify = document(
        &env,
        &["audit", "verify", "--head", &witness, "--json"],
        "",
        None,
    );
    assert_eq!(
        (&verify["ok"], &verify["records"], &verify["head"]),
        (&json!(true), &json!(count + 2), &json!(witness))
    );
    // Everything before the vault's last write (slot remove) goes; that record is kept.
    let prune = document(
        &env,
        &["audit", "prune", "--before", "2999-01-01", "--json"],
        "",
        None,
    );
    assert_eq!(prune, json!({"removed": count - 1}));
    let verify = document(&env, &["audit", "verify", "--json"], "", None);
    assert_eq!(
        (&verify["ok"], &verify["pruned"]),
        (&json!(true), &json!(count - 1))
    );
    let restart = document(&env, &["audit", "restart", "--json"], "", None);
    let aside = restart["set_aside"].as_str().unwrap();
    assert!(
        aside.starts_with(&format!("{}.set-aside-", env.audit_log().display())),
        "{restart}"
    );
    assert_eq!(restart.as_object().unwrap().len(), 1, "{restart}");
    assert!(std::path::Path::new(aside).is_file());
    let verify = document(&env, &["audit", "verify", "--json"], "", None);
    assert_eq!(verify["ok"], true);
    check("rotate-master");
    let rotated = document(&env, &["rotate-master", "--json"], "", Some(KEY_B));
    assert_eq!(rotated, json!({"slot": "ci", "kind": "key"}));

    // The rest refuse, change nothing, and start nothing.
    let env = TestEnv::with_vault();
    env.set("A", b"a-value");
    let before = env.vault_files();
    let log_before = env.audit_lines();
    let marker = env.home().join("ran");
    let marker_arg = marker.to_str().unwrap();
    let refused: [(&str, &[&str], &str); 6] = [
        (
            "get",
            &["get", "A", "--json"],
            "error: --json does not apply to get, which writes the value's exact bytes\n\
             hint: for values in JSON, use: sealbox export --format json --only NAME\n",
        ),
        (
            "export",
            &["export", "--format", "env", "--all", "--json"],
            "error: --json does not apply to export, whose output format is --format\n\
             hint: use --format json (or env, or shell)\n",
        ),
        (
            "run",
            &["run", "--all", "--json", "--", "touch", marker_arg],
            "error: --json does not apply to run, whose output is the command's own\n",
        ),
        (
            "keygen",
            &["keygen", "--json"],
            "error: --json does not apply to keygen, which prints the key alone on one line\n",
        ),
        (
            "completions",
            &["completions", "bash", "--json"],
            "error: --json does not apply to completions, which prints a shell script\n",
        ),
        (
            "redact",
            &["redact", "--json"],
            "error: --json does not apply to redact, whose output is its input, filtered\n",
        ),
    ];
    for (name, args, message) in refused {
        check(name);
        env.cmd(args)
            .assert()
            .code(2)
            .stdout("")
            .stderr(message.to_owned());
    }
    assert!(!marker.exists(), "run started its command");
    env.assert_unchanged(&before, "refused --json");
    assert_eq!(env.audit_lines(), log_before, "refused --json was recorded");

    check("scan");
    env.set("LONG", b"a-long-enough-secret");
    std::fs::write(
        env.home().join("leak.txt"),
        "ok\nkey = a-long-enough-secret\n",
    )
    .unwrap();
    let scan = document(&env, &["scan", "leak.txt", "--json", "-q"], "", None);
    assert_eq!(
        scan,
        json!([{"path": "leak.txt", "line": 2, "column": 7, "name": "LONG", "encoding": "raw"}])
    );

    check("scope");
    let added = document(
        &env,
        &["scope", "add", "ci", "--only", "LONG", "--json"],
        "",
        None,
    );
    assert_eq!(
        added,
        json!({"scope": "ci", "added": ["LONG"], "removed": [], "secrets": 1})
    );
    let edited = document(
        &env,
        &["scope", "edit", "ci", "--add-prefix", "ops.", "--json"],
        "",
        None,
    );
    assert_eq!(
        edited,
        json!({"scope": "ci", "added": [], "removed": [], "secrets": 1})
    );
    let shown = document(&env, &["scope", "show", "ci", "--json"], "", None);
    assert_eq!(shown["names"], json!(["LONG"]));
    assert_eq!(shown["prefixes"], json!(["ops."]));
    assert_eq!(shown["secrets"], json!(["LONG"]));
    assert_eq!(shown["slots"], json!([]));
    let listed = document(&env, &["scope", "list", "--json"], "", None);
    assert_eq!(listed, json!([shown]));
    let removed = document(&env, &["scope", "remove", "ci", "--json"], "", None);
    assert_eq!(removed, json!({"removed": "ci"}));

    check("identity");
    let file = env.home().join("member.key");
    let made = document(
        &env,
        &["identity", "new", file.to_str().unwrap(), "--json"],
        "",
        None,
    );
    assert_eq!(made["path"], json!(file.to_str().unwrap()));
    assert_eq!(made["protected"], json!(false));
    let shown = document(
        &env,
        &["identity", "show", file.to_str().unwrap(), "--json"],
        "",
        None,
    );
    assert_eq!(
        shown,
        json!([{"recipient": made["recipient"], "fingerprint": made["fingerprint"]}])
    );
    let recipient = made["recipient"].as_str().unwrap();
    let member = document(
        &env,
        &[
            "slot",
            "add",
            "--recipient",
            recipient,
            "--label",
            "m",
            "--json",
        ],
        "",
        None,
    );
    assert_eq!(
        member,
        json!({"label": "m", "kind": "identity", "scope": null, "recipient": recipient,
               "fingerprint": made["fingerprint"]})
    );

    check("vault");
    let to = env.home().join("copy.db");
    let copied = document(
        &env,
        &["vault", "copy", "--to", to.to_str().unwrap(), "--json"],
        "",
        None,
    );
    assert_eq!(copied["to"], json!(to.to_str().unwrap()));
    assert_eq!(copied["slots"], json!(2));
    assert_eq!(copied["audit_records"], json!(env.audit_lines().len() - 1));

    assert_eq!(covered, commands(&env), "a command is not covered here");
}
