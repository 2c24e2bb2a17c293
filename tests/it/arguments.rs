//! Issue 7 §4: no argument is ever echoed, and hints fit the command. A name typed as
//! `NAME=VALUE`, a value typed where sealbox takes none, an unknown option and a rejected option
//! value are refused with exit 2 without being repeated (stderr ends up in CI logs), and the
//! hint says what the subcommand takes instead. `-h`, `--help` and `-V` keep working.

use crate::common::{TestEnv, stderr, stdout};

const RULE: &str = "a name is 1 to 128 characters of ASCII letters, digits, '_', '-' and '.', starting with a letter, digit or '_'";
const NOT_REPEATED: &str =
    "error: unexpected argument (not repeated here, in case it is a secret value)\n";

fn canary() -> String {
    String::from_utf8(TestEnv::canary("arg")).unwrap()
}

/// Runs `args` with a value on stdin and returns (exit status, stdout, stderr).
fn run(env: &TestEnv, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.cmd(args).write_stdin("from stdin").output().unwrap();
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn a_name_with_an_equals_sign_never_shows_what_follows_it() {
    let env = TestEnv::with_vault();
    env.set("OTHER", b"x");
    let before = env.vault_files();
    let arg = format!("API_TOKEN={}", canary());
    let only = format!("OTHER,{arg}");
    let expected = format!(
        "error: invalid name \"API_TOKEN=...\" (what follows '=' is not repeated, in case it is a value): {RULE}\n\
         hint: sealbox never takes a value as an argument; to store one, pipe it: printf %s VALUE | sealbox set API_TOKEN\n"
    );
    for args in [
        vec!["set", arg.as_str()],
        vec!["get", arg.as_str()],
        vec!["delete", "OTHER", arg.as_str()],
        vec!["run", "--only", only.as_str(), "--", "true"],
        vec!["export", "--format", "env", "--only", arg.as_str()],
        vec!["check", "--require", only.as_str()],
    ] {
        let (code, out, err) = run(&env, &args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(err, expected, "{args:?}");
    }
    // Without a valid name before the '=', the hint has a placeholder.
    let (code, _, err) = run(&env, &["set", &format!("my token={}", canary())]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: invalid name \"my token=...\" (what follows"),
        "{err}"
    );
    assert!(err.ends_with("| sealbox set NAME\n"), "{err}");
    env.assert_unchanged(&before, "names with '='");
}

#[test]
fn no_unexpected_argument_option_or_value_is_repeated() {
    let env = TestEnv::with_vault();
    env.set("X", b"x");
    let before = env.vault_files();
    let c = canary();
    let dash = format!("-{c}");
    let help_trap = format!("-h{c}");
    let quiet_cluster = format!("-q{c}");
    let version_trap = format!("-V{c}");
    let long = format!("--{c}");
    let long_value = format!("--token={c}");
    let json_value = format!("--json={c}");
    for args in [
        vec!["get", "X", "--", dash.as_str()],
        vec!["set", "Y", dash.as_str()],
        vec!["set", "Y", help_trap.as_str()],
        vec!["get", "X", help_trap.as_str()],
        vec!["set", "Y", quiet_cluster.as_str()],
        vec![version_trap.as_str()],
        vec!["set", "Y", long.as_str()],
        vec!["set", "Y", long_value.as_str()],
        vec!["set", "Y", json_value.as_str()],
        vec!["set", "Y", c.as_str()],
        vec!["run", "--all", c.as_str()],
        vec![c.as_str()],
        vec!["slot", c.as_str()],
        vec!["get", "X", "--version", c.as_str()],
        vec!["set", "Y", "--generate", c.as_str()],
        vec!["set", "Y", "--rotate-every", c.as_str()],
        vec!["import", "--format", c.as_str()],
        vec!["completions", c.as_str()],
    ] {
        let (code, out, err) = run(&env, &args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}: help or data on stdout");
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(!err.contains("CANARY"), "{args:?}: the argument in: {err}");
        assert!(
            !err.contains(&c[c.len() - 12..]),
            "{args:?}: part of it in: {err}"
        );
        assert_eq!(err.lines().filter(|l| l.starts_with("error:")).count(), 1);
    }
    env.assert_unchanged(&before, "refused arguments");
    env.cmd(&["get", "Y"]).assert().code(3);
}

#[test]
fn help_and_version_still_work_but_a_dash_h_value_is_refused() {
    let env = TestEnv::with_vault();
    for args in [
        &["-h"][..],
        &["--help"],
        &["help"],
        &["help", "set"],
        &["set", "-h"],
        &["set", "--help"],
        &["set", "NAME", "-h"],
        &["slot", "add", "-h"],
        &["-qh"],
    ] {
        let (code, out, err) = run(&env, args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(out.contains("Usage: sealbox"), "{args:?}: {out}");
    }
    for args in [&["-V"][..], &["--version"]] {
        let (code, out, _) = run(&env, args);
        assert_eq!(code, Some(0), "{args:?}");
        assert!(out.starts_with("sealbox "), "{args:?}: {out}");
    }
    // Each letter after -h would be a short option sealbox does not have.
    let before = env.vault_files();
    let (code, out, err) = run(&env, &["set", "Y", "-hunter2"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(out, "");
    assert_eq!(
        err,
        format!(
            "{NOT_REPEATED}hint: sealbox never takes a value as an argument: pipe it on stdin (printf %s VALUE | sealbox set NAME), or use --from-file PATH or --generate\n\
             hint: 'sealbox set --help' lists the options\n"
        )
    );
    env.assert_unchanged(&before, "set Y -hunter2");
}

#[test]
fn a_stray_argument_gets_the_hint_of_its_command() {
    let env = TestEnv::with_vault();
    env.set("X", b"x");
    let before = env.vault_files();
    let new_credential = "the new credential comes from --new-key-file PATH, --new-passphrase-file PATH, SEALBOX_NEW_KEY, SEALBOX_NEW_PASSPHRASE or the prompt";
    let cases: Vec<(&[&str], String)> = vec![
        (&["run", "--only", "X", "env"], "put -- before the command: sealbox run --only A,B -- CMD [ARGS]".into()),
        (&["list", "prod."], "list takes no arguments; to list names starting with P, use --prefix P".into()),
        (&["init", "my.db"], "init takes no arguments; to create the vault elsewhere, use --vault PATH".into()),
        (&["set", "X", "value"], "sealbox never takes a value as an argument: pipe it on stdin (printf %s VALUE | sealbox set NAME), or use --from-file PATH or --generate".into()),
        (&["get", "X", "value"], "get takes one NAME; to store a value, pipe it: printf %s VALUE | sealbox set NAME".into()),
        (&["import", "a.env", "b.env", "--format", "env"], "import reads one FILE, or stdin with -; import several files one after another".into()),
        (&["export", "--all", "--format", "env", "x"], "export takes no arguments; choose the secrets with --only A,B, --prefix P or --all".into()),
        (&["check", "X"], "check takes no arguments; name the secrets that must exist with --require A,B".into()),
        (&["completions", "bash", "x"], "completions takes one SHELL: bash, zsh, fish, elvish or powershell".into()),
        (&["rotate-master", "x"], format!("rotate-master takes no arguments: {new_credential}")),
        (&["slot", "add", "x"], format!("slot add takes no arguments: name the slot with --label LABEL; {new_credential}")),
        (&["slot", "remove", "a", "b"], "slot remove takes one LABEL ('sealbox slot list' shows them)".into()),
        (&["keygen", "x"], "sealbox keygen takes no arguments".into()),
        (&["verify", "x"], "sealbox verify takes no arguments".into()),
    ];
    for (args, hint) in cases {
        let (code, out, err) = run(&env, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(err, format!("{NOT_REPEATED}hint: {hint}\n"), "{args:?}");
    }
    // An unknown option gets clap's suggestion of a similar flag (one of sealbox's own names).
    let (code, _, err) = run(&env, &["get", "X", "--verison", "2"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        format!(
            "{NOT_REPEATED}hint: did you mean --version?\nhint: 'sealbox get --help' lists the options\n"
        )
    );
    let (code, _, err) = run(&env, &["lsit"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        err,
        "error: unknown command (not repeated here, in case it is a secret value)\n\
         hint: did you mean set or slot or ls or list?\n\
         hint: 'sealbox --help' lists the commands and options\n"
    );
    env.assert_unchanged(&before, "stray arguments");
}

#[test]
fn a_rejected_option_value_is_described_not_quoted() {
    let env = TestEnv::with_vault();
    let cases: [(&[&str], &str); 5] = [
        (
            &["import", "--format", "yaml"],
            "error: invalid value for '--format <FORMAT>' (not repeated here, in case it is a secret value)\n\
             hint: possible values: env, json\n",
        ),
        (
            &["completions", "tcsh"],
            "error: invalid value for '<SHELL>' (not repeated here, in case it is a secret value)\n\
             hint: possible values: bash, elvish, fish, powershell, zsh\nhint: did you mean zsh?\n",
        ),
        // The parser's explanation stays, with the value cut out of it.
        (
            &["set", "A", "--rotate-every", "15250284452w"],
            "error: invalid value for '--rotate-every <DURATION>': invalid duration: at most 36500d (100 years)\n\
             hint: 'sealbox set --help' lists the options\n",
        ),
        (
            &["get", "A", "--version=-hunter2"],
            "error: invalid value for '--version <N>': invalid digit found in string\n\
             hint: 'sealbox get --help' lists the options\n",
        ),
        (
            &["list", "--vault"],
            "error: a value is required for '--vault <PATH>'\n\
             hint: 'sealbox list --help' lists the options\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(&env, args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "");
        assert_eq!(err, expected, "{args:?}");
    }
}
