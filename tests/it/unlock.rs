//! Acceptance 3: passphrase vaults open through SEALBOX_PASSPHRASE, --passphrase-file and a
//! prompt on a real pseudo-terminal (the controlling terminal of sealbox, since prompts read
//! /dev/tty); a wrong passphrase is exit 4 with nothing on stdout; with no credential and no
//! terminal sealbox fails at once with exit 4. The pty is driven by tests/it/common/pty_session.py
//! (python3's pty module), so the crate and its tests stay free of `unsafe`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, bin, contains, stderr};
use serde_json::{Value, json};

const PASS: &str = "correct horse battery staple";

fn with_passphrase(env: &TestEnv, args: &[&str], passphrase: &str) -> assert_cmd::Command {
    let mut cmd = env.bare_cmd(args);
    cmd.env("SEALBOX_PASSPHRASE", passphrase);
    cmd
}

fn passphrase_vault() -> TestEnv {
    let env = TestEnv::new();
    with_passphrase(&env, &["init"], PASS)
        .assert()
        .code(0)
        .stderr(format!(
            "created vault {} (unlock slot \"default\", passphrase)\n",
            env.vault.display()
        ));
    env
}

const WRONG: &str = "error: the key or passphrase does not open this vault (using SEALBOX_PASSPHRASE from the environment)\n\
    hint: check the credential in use; set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity\n";

#[test]
fn the_environment_variable_opens_and_a_wrong_passphrase_is_exit_4() {
    let env = passphrase_vault();
    let canary = TestEnv::canary("env");
    with_passphrase(&env, &["set", "A"], PASS)
        .write_stdin(canary.clone())
        .assert()
        .code(0);
    with_passphrase(&env, &["get", "A"], PASS)
        .assert()
        .code(0)
        .stdout(canary.clone());
    let before = env.vault_files();
    for wrong in [
        "correct horse battery stapl",
        "Correct horse battery staple",
        "x",
    ] {
        let out = with_passphrase(&env, &["get", "A"], wrong)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(4));
        assert!(out.stdout.is_empty());
        assert_eq!(stderr(&out), WRONG);
        assert!(!stderr(&out).contains(wrong));
    }
    with_passphrase(&env, &["set", "A"], "wrong")
        .write_stdin("new")
        .assert()
        .code(4)
        .stdout("");
    with_passphrase(&env, &["delete", "A"], "wrong")
        .assert()
        .code(4);
    // A raw key never opens a passphrase slot.
    let mut key = env.bare_cmd(&["get", "A"]);
    key.env("SEALBOX_KEY", &env.key);
    key.assert()
        .code(4)
        .stdout("")
        .stderr(WRONG.replace("SEALBOX_PASSPHRASE from", "SEALBOX_KEY from"));
    env.assert_unchanged(&before, "wrong passphrases");
}

#[test]
fn the_passphrase_file_loses_exactly_one_trailing_newline() {
    let env = passphrase_vault();
    with_passphrase(&env, &["set", "A"], PASS)
        .write_stdin("v")
        .assert()
        .code(0);
    let file = env.home().join("pass.txt");
    let file_arg = file.to_str().unwrap();
    for (content, code) in [
        (format!("{PASS}\n"), 0),
        (PASS.to_string(), 0),
        (format!("{PASS}\n\n"), 4),
        (format!("{PASS}\r\n"), 4),
        (format!(" {PASS}\n"), 4),
    ] {
        std::fs::write(&file, &content).unwrap();
        let out = env
            .bare_cmd(&["get", "A", "--passphrase-file", file_arg])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{content:?}: {}",
            stderr(&out)
        );
        let mut cmd = env.bare_cmd(&["get", "A"]);
        cmd.env("SEALBOX_PASSPHRASE_FILE", &file);
        assert_eq!(
            cmd.output().unwrap().status.code(),
            Some(code),
            "{content:?} via the variable"
        );
    }
    // The file option comes before the variable in the precedence order.
    std::fs::write(&file, format!("{PASS}\n")).unwrap();
    with_passphrase(&env, &["get", "A", "--passphrase-file", file_arg], "wrong")
        .assert()
        .code(0)
        .stdout("v");
    // A vault created from a passphrase file opens with the same text in the variable.
    let other = TestEnv::new();
    other
        .bare_cmd(&["init", "--passphrase-file", file_arg])
        .assert()
        .code(0);
    with_passphrase(&other, &["list"], PASS).assert().code(0);
    with_passphrase(&other, &["set", "B"], PASS)
        .write_stdin("b")
        .assert()
        .code(0);
}

/// Runs sealbox on a fresh pty with `steps` (see pty_session.py); returns its report.
fn on_pty(env: &TestEnv, args: &[&str], extra_env: &[(&str, &str)], steps: Value) -> Value {
    let mut argv = vec![bin().to_string()];
    argv.extend(args.iter().map(|a| a.to_string()));
    let mut child_env = json!({
        "HOME": env.home(),
        "SEALBOX_VAULT": env.vault,
        "TERM": "dumb",
    });
    for (k, v) in extra_env {
        child_env[k] = json!(v);
    }
    let spec = json!({ "argv": argv, "env": child_env, "steps": steps });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/common/pty_session.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(spec.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "pty helper failed: {}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["error"], Value::Null, "{report}");
    report
}

fn type_hidden(prompt: &str, text: &str) -> [Value; 3] {
    [
        json!(["expect", prompt]),
        json!(["noecho", ""]),
        json!(["send", format!("{text}\r")]),
    ]
}

#[test]
fn a_real_terminal_prompt_creates_and_opens_a_vault() {
    let env = TestEnv::new();
    let shown = env.vault.display().to_string();
    let mut steps = Vec::new();
    steps.extend(type_hidden(&format!("New passphrase for {shown}: "), PASS));
    steps.extend(type_hidden("Type it again: ", PASS));
    let report = on_pty(&env, &["init"], &[], json!(steps));
    assert_eq!(report["code"], 0, "{report}");
    let shown_text = report["output"].as_str().unwrap();
    assert!(
        !shown_text.contains(PASS),
        "the passphrase was echoed: {report}"
    );
    assert_eq!(report["echo"], true);
    assert_eq!(report["icanon"], true);

    let canary = String::from_utf8(TestEnv::canary("pty")).unwrap();
    with_passphrase(&env, &["set", "A"], PASS)
        .write_stdin(canary.clone())
        .assert()
        .code(0);
    let steps = json!(type_hidden(&format!("Passphrase for {shown}: "), PASS));
    let report = on_pty(&env, &["get", "A"], &[], steps);
    assert_eq!(report["code"], 0, "{report}");
    // On a terminal the value is followed by a newline.
    assert!(
        report["output"]
            .as_str()
            .unwrap()
            .ends_with(&format!("{canary}\r\n")),
        "{report}"
    );
    assert!(!report["output"].as_str().unwrap().contains(PASS));

    // The passphrase, then a value typed at the prompt (stdin is the terminal).
    let mut steps = Vec::new();
    steps.extend(type_hidden(&format!("Passphrase for {shown}: "), PASS));
    steps.extend(type_hidden("Value for TYPED: ", "typed value"));
    steps.extend(type_hidden("Type it again: ", "typed value"));
    let report = on_pty(&env, &["set", "TYPED"], &[], json!(steps));
    assert_eq!(report["code"], 0, "{report}");
    assert!(!report["output"].as_str().unwrap().contains("typed value"));
    with_passphrase(&env, &["get", "TYPED"], PASS)
        .assert()
        .stdout("typed value");

    // A wrong passphrase at the prompt: exit 4 and the value is not shown.
    let steps = json!(type_hidden(&format!("Passphrase for {shown}: "), "not it"));
    let report = on_pty(&env, &["get", "A"], &[], steps);
    assert_eq!(report["code"], 4, "{report}");
    assert!(!report["output"].as_str().unwrap().contains(&canary));
    assert!(
        report["output"]
            .as_str()
            .unwrap()
            .contains("error: the key or passphrase does not open this vault (using the passphrase typed at the prompt)")
    );
}

#[test]
fn echo_is_off_before_the_prompt_is_shown() {
    // Ctrl-S (with the terminal's default IXON) stops the terminal's output, so sealbox blocks
    // in the middle of writing its prompt. Echo must already be off at that point: a user who
    // starts typing the moment the prompt appears must never have it echoed. If sealbox wrote
    // the prompt first, echo would stay on until output resumes and the "noecho" step fails.
    let env = TestEnv::new();
    let shown = env.vault.display().to_string();
    let mut steps = vec![json!(["send", "\u{13}"]), json!(["noecho", ""])];
    steps.push(json!(["send", "\u{11}"]));
    steps.extend(type_hidden(&format!("New passphrase for {shown}: "), PASS));
    steps.extend(type_hidden("Type it again: ", PASS));
    let report = on_pty(&env, &["init"], &[], json!(steps));
    assert_eq!(report["code"], 0, "{report}");
    assert!(
        !report["output"].as_str().unwrap().contains(PASS),
        "{report}"
    );
    assert_eq!(report["echo"], true, "{report}");
}

#[test]
fn mismatched_or_empty_entries_at_init_create_nothing() {
    let env = TestEnv::new();
    let shown = env.vault.display().to_string();
    for (first, again, error) in [
        (
            "one thing",
            "another",
            "error: the two entries did not match; nothing was changed",
        ),
        (
            "",
            "",
            "error: the passphrase is empty; nothing was changed",
        ),
    ] {
        let mut steps = Vec::new();
        steps.extend(type_hidden(&format!("New passphrase for {shown}: "), first));
        steps.extend(type_hidden("Type it again: ", again));
        let report = on_pty(&env, &["init"], &[], json!(steps));
        assert_eq!(report["code"], 2, "{report}");
        assert!(
            report["output"].as_str().unwrap().contains(error),
            "{report}"
        );
    }
    assert_eq!(env.all_files(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn ctrl_c_at_a_prompt_restores_the_terminal_and_changes_nothing() {
    let env = TestEnv::new();
    let shown = env.vault.display().to_string();
    let steps = json!([
        ["expect", format!("New passphrase for {shown}: ")],
        ["noecho", ""],
        ["send", "half typ\u{3}"],
    ]);
    let report = on_pty(&env, &["init"], &[], steps);
    // Killed by SIGINT, as the shell expects of an interrupted command.
    assert_eq!(report["code"], -2, "{report}");
    assert_eq!(report["echo"], true, "echo left off: {report}");
    assert_eq!(report["icanon"], true, "line editing left off: {report}");
    assert_eq!(report["isig"], true, "signal keys left off: {report}");
    assert!(!report["output"].as_str().unwrap().contains("half typ"));
    assert_eq!(env.all_files(), Vec::<std::path::PathBuf>::new());

    // The same while a value is being typed for an existing vault.
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    let report = type_at_value_prompt(&env, "val\u{3}");
    assert_eq!(report["code"], -2, "{report}");
    assert_eq!(report["echo"], true, "{report}");
    env.assert_unchanged(&before, "set interrupted at the prompt");
}

/// Runs sealbox in a new session (so it has no controlling terminal) with stdin a pipe that
/// stays open and empty, as from a producer that never finishes: a command that waited for
/// input would never end. A watchdog kills it after 20 s so such a bug fails the test instead of
/// hanging it.
fn without_terminal(env: &TestEnv, args: &[&str]) -> (std::process::Output, Duration) {
    let start = Instant::now();
    let mut child = Command::new("setsid")
        .arg("-w")
        .arg(bin())
        .args(args)
        .env_clear()
        .env("HOME", env.home())
        .env("SEALBOX_VAULT", &env.vault)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _open_stdin = child.stdin.take();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("{args:?} waited for input instead of failing");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    (child.wait_with_output().unwrap(), elapsed)
}

#[test]
fn no_credential_and_no_terminal_is_exit_4_at_once() {
    let env = passphrase_vault();
    with_passphrase(&env, &["set", "A"], PASS)
        .write_stdin("v")
        .assert()
        .code(0);
    let before = env.vault_files();
    let message = "error: no credential available and no terminal to prompt on\n\
        hint: set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity\n";
    let import = env.home().join("import.json");
    std::fs::write(&import, "{\"B\": \"b\"}").unwrap();
    let import = import.to_str().unwrap();
    for args in [
        &["get", "A"][..],
        &["set", "B"],
        &["delete", "A"],
        &["import", import, "--format", "json"],
        &["import", "-", "--format", "json"],
    ] {
        let (out, elapsed) = without_terminal(&env, args);
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert_eq!(stderr(&out), message, "{args:?}");
        // The requirement itself: fail at once rather than hang (bound kept generous).
        assert!(
            elapsed < Duration::from_secs(1),
            "{args:?} took {elapsed:?}"
        );
    }
    env.assert_unchanged(&before, "commands without a credential");
    // list needs no credential at all.
    let (out, _) = without_terminal(&env, &["list"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!contains(&out.stdout, b"\nv"));

    let fresh = TestEnv::new();
    let (out, elapsed) = without_terminal(&fresh, &["init"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(stderr(&out), message);
    assert!(elapsed < Duration::from_secs(1), "init took {elapsed:?}");
    assert_eq!(fresh.all_files(), Vec::<std::path::PathBuf>::new());
}

/// Runs `set A` on a pty with a raw key, and types `keys` at its hidden value prompt.
fn type_at_value_prompt(env: &TestEnv, keys: &str) -> serde_json::Value {
    let steps = json!([["expect", "Value for A: "], ["noecho", ""], ["send", keys]]);
    on_pty(
        env,
        &["set", "A"],
        &[("SEALBOX_KEY", env.key.as_str())],
        steps,
    )
}

#[test]
fn ctrl_d_on_an_empty_prompt_stores_nothing() {
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    let report = type_at_value_prompt(&env, "\u{4}");
    assert_eq!(report["code"], 1, "{report}");
    assert!(
        report["output"].as_str().unwrap().contains(
            "error: cannot read from the terminal: end of input (Ctrl-D); nothing was changed"
        ),
        "{report}"
    );
    assert_eq!(report["echo"], true, "{report}");
    env.assert_unchanged(&before, "set ended with Ctrl-D");
}

#[test]
fn an_empty_passphrase_file_is_refused_as_any_empty_passphrase() {
    let env = TestEnv::new();
    let file = env.home().join("pass");
    for contents in ["", "\n"] {
        std::fs::write(&file, contents).unwrap();
        env.bare_cmd(&["init"])
            .arg("--passphrase-file")
            .arg(&file)
            .assert()
            .code(2)
            .stdout("")
            .stderr("error: the passphrase is empty; nothing was changed\n");
        assert!(!env.vault.exists());
    }
}

#[test]
fn the_prompt_shows_the_vault_path_without_control_characters() {
    let mut env = TestEnv::new();
    env.vault = env.home().join("a\x1b]0;owned\x07b").join("vault.db");
    let shown = env
        .vault
        .display()
        .to_string()
        .replace('\x1b', "\\u{1b}")
        .replace('\x07', "\\u{7}");
    let mut steps = Vec::new();
    steps.extend(type_hidden(&format!("New passphrase for {shown}: "), PASS));
    steps.extend(type_hidden("Type it again: ", PASS));
    let report = on_pty(&env, &["init"], &[], json!(steps));
    assert_eq!(report["code"], 0, "{report}");
    let output = report["output"].as_str().unwrap();
    assert!(!output.contains(['\x1b', '\x07']), "{report}");
}
