//! Issue 7, section 5: what users of pass, sops, op or chamber expect from the command line.
//! Explicit flags beat the environment, unlock errors name the credential's source, comma lists
//! forgive spaces, durations are unambiguous, `meta` edits metadata alone, `set` unlocks before
//! asking for a value, `delete` says what it removed, aliases and "did you mean", `list` on an
//! empty vault, and `--quiet` silencing warnings.

use std::os::unix::fs::PermissionsExt;

use crate::common::{TestEnv, stderr};

#[test]
fn quiet_silences_the_readable_by_others_warning() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [&["get", "A", "--quiet"][..], &["-q", "get", "A"]] {
        env.cmd(args).assert().code(0).stdout("v").stderr("");
    }
    env.bare_cmd(&["list", "-q"]).assert().code(0).stderr("");
    // Without --quiet the warning still asks the user to act.
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert!(
        stderr(&out).starts_with("warning: the vault "),
        "{}",
        stderr(&out)
    );
    // Errors are never silenced.
    env.cmd(&["get", "B", "--quiet"])
        .assert()
        .code(3)
        .stderr(predicates::str::starts_with("error: no secret named B\n"));
}

const PASS: &str = "correct horse battery staple";
const WRONG_KEY: &str = "2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";

/// A vault whose only slot opens with [`PASS`], holding A = "v", and a file holding [`PASS`].
fn passphrase_vault() -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    let file = env.home().join("pass.txt");
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    env.bare_cmd(&["init"])
        .env("SEALBOX_PASSPHRASE", PASS)
        .assert()
        .code(0);
    env.bare_cmd(&["set", "A"])
        .env("SEALBOX_PASSPHRASE", PASS)
        .write_stdin("v")
        .assert()
        .code(0);
    (env, file)
}

fn wrong(source: &str) -> String {
    format!(
        "error: the key or passphrase does not open this vault (using {source})\n\
         hint: check the credential in use; set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity\n"
    )
}

#[test]
fn an_explicit_flag_beats_every_credential_variable() {
    let (env, pass_file) = passphrase_vault();
    let key_file = env.home().join("wrong.key");
    std::fs::write(&key_file, WRONG_KEY).unwrap();
    // The issue's case: a key exported in the shell must not override --passphrase-file.
    for (var, value) in [
        ("SEALBOX_KEY", WRONG_KEY),
        ("SEALBOX_KEY_FILE", key_file.to_str().unwrap()),
        ("SEALBOX_PASSPHRASE", "not it"),
    ] {
        env.bare_cmd(&["get", "A", "--passphrase-file", pass_file.to_str().unwrap()])
            .env(var, value)
            .assert()
            .code(0)
            .stdout("v");
    }
    // And --key-file beats a passphrase in the environment.
    let key_env = TestEnv::with_vault();
    key_env.set("A", b"k");
    let good_key = key_env.home().join("good.key");
    std::fs::write(&good_key, &key_env.key).unwrap();
    key_env
        .bare_cmd(&["get", "A", "--key-file", good_key.to_str().unwrap()])
        .env("SEALBOX_PASSPHRASE", PASS)
        .env("SEALBOX_PASSPHRASE_FILE", &pass_file)
        .assert()
        .code(0)
        .stdout("k");
}

#[test]
fn two_credential_flags_are_a_usage_error() {
    let (env, pass_file) = passphrase_vault();
    let key_file = env.home().join("some.key");
    std::fs::write(&key_file, WRONG_KEY).unwrap();
    let before = env.vault_files();
    let out = env
        .bare_cmd(&[
            "--key-file",
            key_file.to_str().unwrap(),
            "get",
            "A",
            "--passphrase-file",
            pass_file.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "error: --key-file and --passphrase-file cannot be used together; give one credential\n"
    );
    // Both after the subcommand, too.
    env.bare_cmd(&[
        "get",
        "A",
        "--key-file",
        key_file.to_str().unwrap(),
        "--passphrase-file",
        pass_file.to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stdout("");
    env.assert_unchanged(&before, "two credential flags");
}

#[test]
fn the_environment_is_read_in_its_documented_order() {
    let (env, pass_file) = passphrase_vault();
    let wrong_file = env.home().join("wrong.txt");
    std::fs::write(&wrong_file, "not it\n").unwrap();
    // SEALBOX_PASSPHRASE_FILE before SEALBOX_PASSPHRASE.
    env.bare_cmd(&["get", "A"])
        .env("SEALBOX_PASSPHRASE_FILE", &pass_file)
        .env("SEALBOX_PASSPHRASE", "not it")
        .assert()
        .code(0);
    // SEALBOX_KEY before SEALBOX_PASSPHRASE_FILE: the key is used, and named in the error.
    env.bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", WRONG_KEY)
        .env("SEALBOX_PASSPHRASE_FILE", &pass_file)
        .assert()
        .code(4)
        .stderr(wrong("SEALBOX_KEY from the environment"));
}

#[test]
fn an_unlock_error_names_the_source_it_used() {
    let (env, _) = passphrase_vault();
    let key_file = env.home().join("wrong.key");
    std::fs::write(&key_file, WRONG_KEY).unwrap();
    let wrong_pass = env.home().join("wrong.txt");
    std::fs::write(&wrong_pass, "not it\n").unwrap();
    let k = key_file.display().to_string();
    let p = wrong_pass.display().to_string();
    // (flags, variables, the source the message names)
    type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], String);
    let cases: [Case; 6] = [
        (
            &["--key-file", &k],
            &[],
            format!("the key file {k} from --key-file"),
        ),
        (
            &[],
            &[("SEALBOX_KEY_FILE", &k)],
            format!("the key file {k} from SEALBOX_KEY_FILE"),
        ),
        (
            &[],
            &[("SEALBOX_KEY", WRONG_KEY)],
            "SEALBOX_KEY from the environment".into(),
        ),
        (
            &["--passphrase-file", &p],
            &[],
            format!("the passphrase file {p} from --passphrase-file"),
        ),
        (
            &[],
            &[("SEALBOX_PASSPHRASE_FILE", &p)],
            format!("the passphrase file {p} from SEALBOX_PASSPHRASE_FILE"),
        ),
        (
            &[],
            &[("SEALBOX_PASSPHRASE", "not it")],
            "SEALBOX_PASSPHRASE from the environment".into(),
        ),
    ];
    let before = env.vault_files();
    for (flags, vars, source) in cases {
        // Every command that unlocks names the source, verify (which tries every slot) too.
        for command in [
            &["get", "A"][..],
            &["set", "A"],
            &["delete", "A"],
            &["verify"],
        ] {
            let mut args = command.to_vec();
            args.extend(flags);
            let mut cmd = env.bare_cmd(&args);
            for (name, value) in vars {
                cmd.env(name, value);
            }
            cmd.write_stdin("new")
                .assert()
                .code(4)
                .stdout("")
                .stderr(wrong(&source));
        }
    }
    env.assert_unchanged(&before, "wrong credentials");
}

#[test]
fn a_new_credential_flag_beats_the_new_credential_variables() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let new_pass = env.home().join("new-pass.txt");
    std::fs::write(&new_pass, "a brand new passphrase\n").unwrap();
    // The flag names a passphrase; SEALBOX_NEW_KEY in the environment must not win.
    env.cmd(&[
        "rotate-master",
        "--new-passphrase-file",
        new_pass.to_str().unwrap(),
    ])
    .env("SEALBOX_NEW_KEY", WRONG_KEY)
    .assert()
    .code(0);
    let slots = env.bare_cmd(&["slot", "list", "--json"]).output().unwrap();
    let slots: serde_json::Value = serde_json::from_slice(&slots.stdout).unwrap();
    assert_eq!(slots[0]["kind"], "passphrase", "{slots}");
    env.bare_cmd(&["get", "A", "--passphrase-file", new_pass.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("v");

    // Both new-credential flags: exit 2, nothing changed.
    let new_key = env.home().join("new.key");
    std::fs::write(&new_key, WRONG_KEY).unwrap();
    let before = env.vault_files();
    env.bare_cmd(&[
        "rotate-master",
        "--passphrase-file",
        new_pass.to_str().unwrap(),
        "--new-key-file",
        new_key.to_str().unwrap(),
        "--new-passphrase-file",
        new_pass.to_str().unwrap(),
    ])
    .assert()
    .code(2)
    .stdout("");
    env.assert_unchanged(&before, "two new-credential flags");

    // SEALBOX_NEW_KEY_FILE comes before SEALBOX_NEW_PASSPHRASE, as in the environment order.
    env.bare_cmd(&[
        "rotate-master",
        "--passphrase-file",
        new_pass.to_str().unwrap(),
    ])
    .env("SEALBOX_NEW_KEY_FILE", &new_key)
    .env("SEALBOX_NEW_PASSPHRASE", "ignored")
    .assert()
    .code(0);
    env.bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", WRONG_KEY)
        .assert()
        .code(0)
        .stdout("v");
}

/// `sealbox run ARGS -- env -0` in `env`: the child's variables.
fn run_env(env: &TestEnv, args: &[&str]) -> std::collections::BTreeMap<String, String> {
    let mut full = vec!["run"];
    full.extend(args);
    full.extend(["--", "env", "-0"]);
    let out = env.cmd(&full).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\0')
        .filter_map(|entry| entry.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn export_env(env: &TestEnv, args: &[&str]) -> String {
    let mut full = vec!["export", "--format", "env"];
    full.extend(args);
    let out = env.cmd(&full).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn comma_lists_forgive_spaces_and_empty_items() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    env.set("B", b"b");
    let vars = run_env(&env, &["--only", "A, B,"]);
    assert_eq!((vars["A"].as_str(), vars["B"].as_str()), ("a", "b"));
    let vars = run_env(&env, &["--only", " ,A ,, "]);
    assert!(
        vars.contains_key("A") && !vars.contains_key("B"),
        "{vars:?}"
    );
    assert_eq!(export_env(&env, &["--only", "B , A"]), "B=\"b\"\nA=\"a\"\n");
    env.bare_cmd(&["check", "--require", "A, B, ,"])
        .assert()
        .code(0);
    env.bare_cmd(&["check", "--require", " A ,MISSING "])
        .assert()
        .code(10)
        .stdout("missing  MISSING\n");
    // A list with no name at all never means "everything".
    for only in ["", " , ,"] {
        env.cmd(&["run", "--only", only, "--", "sh", "-c", "touch ran"])
            .assert()
            .code(2)
            .stdout("")
            .stderr("error: --only names no secret\n");
        env.cmd(&["export", "--format", "env", "--only", only])
            .assert()
            .code(2)
            .stdout("");
    }
    assert!(!env.home().join("ran").exists());
    // Spaces inside a name are still an invalid name, not two names.
    env.cmd(&["run", "--only", "A B", "--", "true"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid name"));
}

#[test]
fn only_names_are_relative_to_the_prefix() {
    let env = TestEnv::with_vault();
    env.set("prod.DB_URL", b"prod-db");
    env.set("prod.API_KEY", b"prod-api");
    env.set("prod.UNUSED", b"unused");
    env.set("DB_URL", b"top-level");
    let vars = run_env(&env, &["--prefix", "prod.", "--only", "DB_URL,API_KEY"]);
    assert_eq!(vars["DB_URL"], "prod-db");
    assert_eq!(vars["API_KEY"], "prod-api");
    assert!(!vars.contains_key("UNUSED"), "{vars:?}");
    assert_eq!(
        export_env(&env, &["--prefix", "prod.", "--only", "API_KEY"]),
        "API_KEY=\"prod-api\"\n"
    );
    let out = env
        .cmd(&[
            "run",
            "--prefix",
            "prod.",
            "--only",
            "DB_URL,NOPE",
            "--",
            "true",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).starts_with("error: no secret named prod.NOPE\n"),
        "{}",
        stderr(&out)
    );
    // --all still stands alone.
    env.cmd(&["run", "--all", "--prefix", "prod.", "--", "true"])
        .assert()
        .code(2);
}

#[test]
fn several_prefixes_combine_and_the_later_one_wins() {
    let env = TestEnv::with_vault();
    env.set("common.DB_URL", b"common-db");
    env.set("common.LOG_LEVEL", b"info");
    env.set("prod.DB_URL", b"prod-db");
    env.set("prod.API_KEY", b"prod-api");
    let vars = run_env(&env, &["--prefix", "common.", "--prefix", "prod."]);
    assert_eq!(vars["DB_URL"], "prod-db");
    assert_eq!(vars["LOG_LEVEL"], "info");
    assert_eq!(vars["API_KEY"], "prod-api");
    let vars = run_env(&env, &["--prefix", "prod.", "--prefix", "common."]);
    assert_eq!(vars["DB_URL"], "common-db");
    // The same for export, and for --only names looked up under each prefix.
    let text = export_env(&env, &["--prefix", "common.", "--prefix", "prod."]);
    assert!(text.contains("DB_URL=\"prod-db\"\n"), "{text}");
    assert!(!text.contains("common-db"), "{text}");
    let vars = run_env(
        &env,
        &[
            "--prefix",
            "common.",
            "--prefix",
            "prod.",
            "--only",
            "DB_URL,LOG_LEVEL",
        ],
    );
    assert_eq!(vars["DB_URL"], "prod-db");
    assert_eq!(vars["LOG_LEVEL"], "info");
    assert!(!vars.contains_key("API_KEY"));
    // Two secrets under one prefix that map to one variable are still an error.
    env.set("prod.DB-URL", b"other");
    env.cmd(&[
        "run", "--prefix", "common.", "--prefix", "prod.", "--", "true",
    ])
    .assert()
    .code(2)
    .stderr(predicates::str::contains(
        "prod.DB-URL and prod.DB_URL both map to the environment variable DB_URL",
    ));
}

/// `list --json`'s entry for `name`.
fn listed(env: &TestEnv, name: &str) -> serde_json::Value {
    let out = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    entries
        .into_iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

const AMBIGUOUS: &str = "\"m\" is ambiguous; use min for minutes or mo for months";

#[test]
fn durations_refuse_a_bare_m_and_take_min_mo_and_y() {
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    for args in [
        &["set", "A", "--rotate-every", "30m"][..],
        &["set", "A", "--rotate-every", "1h30m"],
        &["check", "--max-age", "6m"],
    ] {
        let out = env.cmd(args).write_stdin("v").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(AMBIGUOUS),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    env.assert_unchanged(&before, "durations with a bare m");
    for (given, shown) in [
        ("30min", "30min"),
        ("1h30min", "90min"),
        ("3mo", "90d"),
        ("1y", "1y"),
        ("2w", "2w"),
        ("45s", "45s"),
    ] {
        env.cmd(&["set", "A", "--rotate-every", given])
            .write_stdin("v")
            .assert()
            .code(0);
        assert_eq!(listed(&env, "A")["rotate_every"], shown, "{given}");
    }
    env.bare_cmd(&["check", "--max-age", "1y"]).assert().code(0);
    // `none` clears a period; it is not a duration where one is needed.
    env.cmd(&["set", "A", "--rotate-every", "none"])
        .write_stdin("v2")
        .assert()
        .code(0);
    assert_eq!(listed(&env, "A")["rotate_every"], serde_json::Value::Null);
    assert_eq!(listed(&env, "A")["version"], 7);
    env.bare_cmd(&["check", "--max-age", "none"])
        .assert()
        .code(2);
}

#[test]
fn meta_changes_metadata_without_a_new_version_or_reading_the_value() {
    let env = TestEnv::with_vault();
    env.cmd(&["set", "A", "--description", "old", "--rotate-every", "90d"])
        .write_stdin("value")
        .assert()
        .code(0);
    let before = listed(&env, "A");
    // The value cannot even be decrypted: meta never reads it.
    env.sql()
        .execute("UPDATE versions SET ciphertext = zeroblob(48)", [])
        .unwrap();
    env.cmd(&["meta", "A", "--description", "the payments API token"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("changed the metadata of A (still version 1; keeps the vault's default number of versions)\n");
    let after = listed(&env, "A");
    assert_eq!(after["description"], "the payments API token");
    assert_eq!(after["rotate_every"], "90d");
    for unchanged in ["version", "created_at", "updated_at", "rotation_due"] {
        assert_eq!(after[unchanged], before[unchanged], "{unchanged}");
    }
    env.cmd(&["meta", "A", "--rotate-every", "none", "--json"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"rotate_every\":null"));
    assert_eq!(listed(&env, "A")["rotation_due"], serde_json::Value::Null);
    env.cmd(&["meta", "A", "--rotate-every", "1y", "--description", ""])
        .assert()
        .code(0);
    let after = listed(&env, "A");
    assert_eq!(after["rotate_every"], "1y");
    assert_eq!(after["description"], serde_json::Value::Null);
    assert_eq!(after["version"], 1);
}

#[test]
fn meta_refusals_change_nothing() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let before = env.vault_files();
    env.cmd(&["meta", "A"]).assert().code(2).stderr(
        "error: nothing to change: pass --description TEXT, --rotate-every DURATION|none or --keep K|default\n",
    );
    env.cmd(&["meta", "A", "--rotate-every", "30m"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(AMBIGUOUS));
    env.cmd(&["meta", "MISSING", "--description", "x"])
        .assert()
        .code(3)
        .stderr(predicates::str::starts_with(
            "error: no secret named MISSING\n",
        ));
    env.cmd(&["meta", "bad name", "--description", "x"])
        .assert()
        .code(2);
    // Writing metadata needs a credential that opens the vault, as delete does.
    env.bare_cmd(&["meta", "A", "--description", "x"])
        .env("SEALBOX_KEY", WRONG_KEY)
        .assert()
        .code(4);
    let out = crate::common::lifecycle::run(
        crate::common::lifecycle::sealbox(&env, &["meta", "A", "--description", "x"]),
        b"",
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    env.assert_unchanged(&before, "refused meta");
}

/// Runs sealbox on a fresh pty with `steps`, with only HOME and SEALBOX_VAULT set.
fn on_pty(env: &TestEnv, args: &[&str], steps: serde_json::Value) -> serde_json::Value {
    let mut argv = vec![crate::common::bin().to_owned()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let vars =
        serde_json::json!({ "HOME": env.home(), "SEALBOX_VAULT": env.vault, "TERM": "dumb" });
    crate::common::programs::on_pty(&argv, vars, steps)
}

#[test]
fn set_at_a_terminal_checks_the_passphrase_before_asking_for_the_value() {
    let (env, _) = passphrase_vault();
    let before = env.vault_files();
    let prompt = format!("Passphrase for {}: ", env.vault.display());
    let steps = serde_json::json!([["expect", prompt], ["noecho", ""], ["send", "not it\r"],]);
    let report = on_pty(&env, &["set", "B"], steps);
    let shown = report["output"].as_str().unwrap();
    assert!(
        !shown.contains("Value for B"),
        "asked for the value before checking the passphrase: {report}"
    );
    assert_eq!(report["code"], 4, "{report}");
    assert!(
        shown.contains(
            "error: the key or passphrase does not open this vault (using the passphrase typed at the prompt)"
        ),
        "{report}"
    );
    env.assert_unchanged(&before, "set with a wrong passphrase at the prompt");
}

#[test]
fn delete_names_what_it_deleted() {
    let env = TestEnv::with_vault();
    for value in [&b"1"[..], b"2", b"3"] {
        env.set("A", value);
    }
    env.set("B", b"b");
    env.set("C", b"c");
    env.cmd(&["delete", "A", "B"])
        .assert()
        .code(0)
        .stdout("")
        .stderr("deleted A (3 versions)\ndeleted B (1 version)\n");
    env.cmd(&["delete", "C", "A", "--ignore-missing"])
        .assert()
        .code(0)
        .stderr("deleted C (1 version)\nskipped A (no such secret)\n");
    env.set("D", b"d");
    env.cmd(&["delete", "D", "--quiet"])
        .assert()
        .code(0)
        .stderr("");
    env.set("E", b"e");
    env.cmd(&["delete", "E", "--json"])
        .assert()
        .code(0)
        .stdout("{\"deleted\":[\"E\"]}\n");
}

#[test]
fn pass_users_aliases_work() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    env.cmd(&["show", "A"]).assert().code(0).stdout("v");
    let listed = env.bare_cmd(&["ls"]).output().unwrap();
    assert_eq!(listed.status.code(), Some(0));
    assert!(
        crate::common::stdout(&listed).contains("\nA "),
        "{listed:?}"
    );
    env.cmd(&["rm", "A"])
        .assert()
        .code(0)
        .stderr("deleted A (1 version)\n");
    env.cmd(&["show", "A"]).assert().code(3);
    // The aliases are visible in the help, where a pass user looks for them.
    let help = env.bare_cmd(&["--help"]).output().unwrap();
    let help = crate::common::stdout(&help);
    for alias in ["ls", "rm", "show"] {
        assert!(help.contains(alias), "{alias} is not in --help:\n{help}");
    }
}

#[test]
fn a_missing_name_suggests_the_closest_stored_names() {
    let env = TestEnv::with_vault();
    for name in [
        "prod.API_KEY",
        "prod.DATABASE_URL",
        "staging.API_KEY",
        "OTHER",
    ] {
        env.set(name, b"v");
    }
    let cases = [
        // A typo, a wrong case, a forgotten prefix.
        ("prod.API_KY", "hint: did you mean prod.API_KEY?\n"),
        ("prod.api_key", "hint: did you mean prod.API_KEY?\n"),
        (
            "prod.DATABSE_URL",
            "hint: did you mean prod.DATABASE_URL?\n",
        ),
        (
            "API_KEY",
            "hint: did you mean prod.API_KEY or staging.API_KEY?\n",
        ),
        // Nothing close: the usual pointer to list.
        ("ZZZZZZZZ", "hint: 'sealbox list' shows the stored names\n"),
    ];
    for (name, hint) in cases {
        let message = format!("error: no secret named {name}\n{hint}");
        env.cmd(&["get", name])
            .assert()
            .code(3)
            .stdout("")
            .stderr(message.clone());
        env.cmd(&["run", "--only", name, "--", "true"])
            .assert()
            .code(3)
            .stderr(message.clone());
        env.cmd(&["meta", name, "--description", "x"])
            .assert()
            .code(3)
            .stderr(message);
    }
    env.cmd(&["delete", "prod.API_KY"]).assert().code(3).stderr(
        "error: no secret named prod.API_KY; nothing was deleted\n\
             hint: did you mean prod.API_KEY?\n\
             hint: pass --ignore-missing to delete the others anyway\n",
    );
    // Several missing names: one suggestion each, saying which it is for.
    env.cmd(&["get", "prod.API_KY"]).assert().code(3);
    env.cmd(&[
        "export",
        "--format",
        "env",
        "--only",
        "prod.API_KY,OTHRE,ZZZZZZZZ",
    ])
    .assert()
    .code(3)
    .stderr(
        "error: no secret named prod.API_KY, OTHRE, ZZZZZZZZ\n\
             hint: for prod.API_KY, did you mean prod.API_KEY?\n\
             hint: for OTHRE, did you mean OTHER?\n",
    );
}
