//! The README's examples and snippets, run as written against the real binary in a temp HOME.
//!
//! Each is a fenced code block of README.md containing a `# example: NAME` line; every fenced
//! block but sample output (```` ```text ````) must have one, and every NAME must be run by a
//! test here. A snippet is what a user pastes, so besides the happy path the tests make a step
//! fail and check that nothing after it ran: the user's files and vault are as they were.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

use crate::common::lifecycle::{KEY_B, KEY_C};
use crate::common::{TestEnv, files_of, path_with_sealbox, stderr, stdout};

const MARKER: &str = "# example: ";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// A fenced block of the README: its info string (`sh`, `yaml`, ...) and its lines.
struct Block {
    info: String,
    text: String,
}

impl Block {
    fn name(&self) -> Option<&str> {
        self.text
            .lines()
            .find_map(|l| l.trim().strip_prefix(MARKER))
            .map(str::trim)
    }
}

fn blocks() -> Vec<Block> {
    let text = readme();
    let mut blocks = Vec::new();
    // The open block: its info string, its fence's indentation and its lines so far.
    let mut current: Option<(String, usize, Vec<String>)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(info) = trimmed.strip_prefix("```") {
            match current.take() {
                Some((info, _, lines)) => blocks.push(Block {
                    info,
                    text: lines.join("\n") + "\n",
                }),
                None => current = Some((info.trim().to_owned(), indent, Vec::new())),
            }
        } else if let Some((_, fence, lines)) = current.as_mut() {
            // A block inside a list item is indented as deep as its fence.
            lines.push(line[indent.min(*fence)..].to_owned());
        }
    }
    blocks
}

/// The fenced block holding `# example: name`, without its fences.
fn example(name: &str) -> String {
    let found: Vec<Block> = blocks()
        .into_iter()
        .filter(|b| b.name() == Some(name))
        .collect();
    assert_eq!(found.len(), 1, "expected one block marked {MARKER}{name}");
    found.into_iter().next().unwrap().text
}

/// The lines of a block that are not comments or blank.
fn command_lines(block: &str) -> Vec<&str> {
    block
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[test]
fn every_readme_snippet_is_an_example_a_test_runs() {
    let mut marked = BTreeSet::new();
    for block in blocks() {
        if block.info == "text" {
            continue; // sample output, nothing to run
        }
        let name = block.name().unwrap_or_else(|| {
            panic!(
                "a ```{} block of README.md has no `{MARKER}NAME` line, so no test runs it:\n{}",
                block.info, block.text
            )
        });
        assert!(
            marked.insert(name.to_owned()),
            "two blocks are marked {name}"
        );
    }
    let source = std::fs::read_to_string(root().join("tests/it/docs.rs")).unwrap();
    let run: BTreeSet<String> = source
        .split("example(\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(name, _)| name.to_owned()))
        .collect();
    assert_eq!(
        marked, run,
        "README examples (left) and the examples tests run (right)"
    );
}

/// A shell command in `dir` with the test's vault and key, and sealbox on PATH.
fn shell(env: &TestEnv, dir: &Path, program: &str, args: &[&str]) -> Command {
    let mut cmd = env.program_cmd(program);
    cmd.args(args)
        .current_dir(dir)
        .env("PATH", path_with_sealbox());
    cmd
}

/// `sh -c SCRIPT` in `dir` as a user's fresh shell: the test's HOME, sealbox first on PATH, and
/// no SEALBOX_* or XDG variable, so sealbox uses its defaults (the vault under ~/.local/share).
fn user_sh(env: &TestEnv, dir: &Path, script: &str) -> Command {
    let mut cmd = Command::new("sh");
    env.confine(&mut cmd);
    cmd.env_remove("SEALBOX_VAULT")
        .env("PATH", path_with_sealbox())
        .current_dir(dir)
        .args(["-c", script]);
    cmd
}

fn check_output(out: &Output, code: i32) {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

fn assert_failed(out: &Output, what: &str) {
    assert!(
        !out.status.success(),
        "{what}: expected a failure\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

/// Asserts that the files of the vault at `vault` (the database and any sidecar) are `before`,
/// without printing their bytes.
fn assert_vault_unchanged(vault: &Path, before: &BTreeMap<PathBuf, Vec<u8>>, what: &str) {
    assert!(
        files_of(vault) == *before,
        "{what}: the vault's files changed"
    );
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn chmod_x(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// The default vault of a user whose HOME is the test's.
fn default_vault(env: &TestEnv) -> PathBuf {
    env.home().join(".local/share/sealbox/vault.db")
}

/// The Quick start's key file.
fn key_file(env: &TestEnv) -> PathBuf {
    env.home().join(".config/sealbox/key")
}

/// A directory holding a `cargo` that records its arguments in ~/cargo.log and exits with
/// `status`, so the Quick start runs without building a second copy of sealbox.
fn fake_cargo(env: &TestEnv, status: i32) -> String {
    let dir = env.home().join("fake-cargo");
    std::fs::create_dir_all(&dir).unwrap();
    let cargo = dir.join("cargo");
    std::fs::write(
        &cargo,
        format!("#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$HOME/cargo.log\"\nexit {status}\n"),
    )
    .unwrap();
    chmod_x(&cargo);
    format!("{}:{}", dir.display(), path_with_sealbox())
}

/// Runs the Quick start's first command in a fresh HOME with a fake `cargo` that exits
/// `cargo_status`.
fn run_quick_start(env: &TestEnv, cargo_status: i32) -> Output {
    let path = fake_cargo(env, cargo_status);
    user_sh(env, env.home(), &example("quick-start"))
        .env("PATH", path)
        .output()
        .unwrap()
}

/// The Quick start, asserted to succeed: the default vault holds DB_PASSWORD=s3cret and
/// opens with the key in ~/.config/sealbox/key.
fn quick_start(env: &TestEnv) {
    let out = run_quick_start(env, 0);
    check_output(&out, 0);
    assert_eq!(stdout(&out), "s3cret");
}

/// `sealbox ARGS` on the Quick start's vault, opened with the key file at `key`.
fn with_key_file(env: &TestEnv, key: &Path, args: &[&str]) -> Output {
    let mut cmd = env.bare_std_cmd(args);
    cmd.env("SEALBOX_VAULT", default_vault(env))
        .env("SEALBOX_KEY_FILE", key)
        .output()
        .unwrap()
}

/// `sealbox set NAME` on the Quick start's vault with its key file, the value on stdin.
fn set_with_key_file(env: &TestEnv, key: &Path, name: &str, value: &[u8]) {
    let mut cmd = env.bare_std_cmd(&["set", name]);
    cmd.env("SEALBOX_VAULT", default_vault(env))
        .env("SEALBOX_KEY_FILE", key)
        .stdin(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(value).unwrap();
    assert!(child.wait().unwrap().success(), "set {name}");
}

/// Runs `sh -c SCRIPT` in `dir` on a fresh pseudo-terminal (see common/pty_session.py) with
/// only `vars` (and PATH, TERM) in its environment; returns the helper's report.
fn on_pty(dir: &Path, script: &str, vars: &[(&str, &Path)], steps: Vec<Value>) -> Value {
    let mut child_env = json!({ "PATH": path_with_sealbox(), "TERM": "dumb" });
    for (name, value) in vars {
        child_env[name] = json!(value);
    }
    let script = format!("cd '{}' || exit 99\n{script}", dir.display());
    let spec = json!({ "argv": ["/bin/sh", "-c", script], "env": child_env, "steps": steps });
    let helper = root().join("tests/it/common/pty_session.py");
    let out = Command::new("python3")
        .arg(helper)
        .arg(spec.to_string())
        .output()
        .unwrap();
    assert!(out.status.success(), "pty helper failed: {}", stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["error"], Value::Null, "{report}");
    report
}

/// Typing `text` at the next no-echo prompt that contains `prompt`.
fn type_hidden(prompt: &str, text: &str) -> Vec<Value> {
    vec![
        json!(["expect_next", prompt]),
        json!(["noecho", ""]),
        json!(["send", format!("{text}\r")]),
    ]
}

/// Typing a value or passphrase at a prompt that asks for it twice ("Type it again: ").
fn type_twice(prompt: &str, first: &str, second: &str) -> Vec<Value> {
    let mut steps = type_hidden(prompt, first);
    steps.extend(type_hidden("again", second));
    steps
}

// ---------------------------------------------------------------------------------------------
// Quick start

#[test]
fn quick_start_keeps_the_key_in_a_private_file_and_gets_back_in() {
    let env = TestEnv::new();
    quick_start(&env);
    assert_eq!(
        std::fs::read_to_string(env.home().join("cargo.log")).unwrap(),
        "install --locked --path .\n"
    );
    let key = key_file(&env);
    assert_eq!(mode(&key), 0o600, "the key file is private");
    assert_eq!(mode(key.parent().unwrap()), 0o700);
    let text = std::fs::read_to_string(&key).unwrap();
    assert!(
        text.trim().len() == 64 && text.trim().bytes().all(|b| b.is_ascii_hexdigit()),
        "the key file holds a raw key"
    );
    assert!(default_vault(&env).exists(), "the default vault");

    // A new shell gets back in with the README's line.
    let out = user_sh(&env, env.home(), &example("quick-start-again"))
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(stdout(&out), "s3cret");

    // Running the Quick start again must not replace the key of the vault that exists.
    let vault_before = files_of(&default_vault(&env));
    let out = run_quick_start(&env, 0);
    assert_failed(&out, "a second Quick start");
    // (assert! rather than assert_eq!, so a failure does not print keys)
    assert!(
        std::fs::read_to_string(&key).unwrap() == text,
        "the key file was replaced"
    );
    assert_vault_unchanged(&default_vault(&env), &vault_before, "a second Quick start");
    let out = with_key_file(&env, &key, &["get", "DB_PASSWORD"]);
    check_output(&out, 0);
    assert_eq!(stdout(&out), "s3cret");
}

#[test]
fn quick_start_stops_when_the_install_fails() {
    let env = TestEnv::new();
    let out = run_quick_start(&env, 101);
    check_output(&out, 101);
    assert!(
        !key_file(&env).exists(),
        "no key made after a failed install"
    );
    assert!(
        !default_vault(&env).exists(),
        "no vault made after a failed install"
    );
}

#[test]
fn quick_start_test_command_is_the_one_ci_runs() {
    let block = example("quick-start-tests");
    assert_eq!(command_lines(&block), ["cargo test --locked"]);
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    let cargo: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("cargo "))
        .collect();
    assert_eq!(
        cargo,
        [
            "cargo fmt --all -- --check",
            "cargo clippy --locked --all-targets -- -D warnings",
            "cargo test --locked",
        ],
        ".ci/run runs the format check, clippy and exactly the README's test command"
    );
    assert!(ci.starts_with("#!/usr/bin/env bash\n") && ci.contains("set -euo pipefail"));
}

#[test]
fn a_passphrase_slot_is_a_second_way_in() {
    let env = TestEnv::new();
    quick_start(&env);
    let pass = "a passphrase for the quick start";
    let report = on_pty(
        env.home(),
        &example("quick-start-passphrase"),
        &[("HOME", env.home()), ("SEALBOX_KEY_FILE", &key_file(&env))],
        type_twice("New passphrase for ", pass, pass),
    );
    assert_eq!(report["code"], 0, "{report}");
    let out = env
        .bare_std_cmd(&["get", "DB_PASSWORD"])
        .env("SEALBOX_VAULT", default_vault(&env))
        .env("SEALBOX_PASSPHRASE", pass)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(stdout(&out), "s3cret");
}

// ---------------------------------------------------------------------------------------------
// Using sealbox

#[test]
fn rotation_overlap_sees_both_values_and_rolls_back() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let block = example("rotation-overlap");
    let deploy = env.home().join("deploy");
    std::fs::write(
        &deploy,
        "#!/bin/sh\nprintf '%s|%s' \"$API_TOKEN\" \"$API_TOKEN_PREVIOUS\" > seen\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&deploy, std::fs::Permissions::from_mode(0o755)).unwrap();
    // Without the deploy script the run fails and the rollback does not happen.
    std::fs::rename(&deploy, env.home().join("deploy.off")).unwrap();
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 127);
    check_output(
        &with_key_file(&env, &key, &["get", "API_TOKEN", "--version", "3"]),
        3,
    );
    check_output(&with_key_file(&env, &key, &["delete", "API_TOKEN"]), 0);
    std::fs::rename(env.home().join("deploy.off"), &deploy).unwrap();
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(
        std::fs::read_to_string(env.home().join("seen")).unwrap(),
        "new-token|old-token"
    );
    let out = with_key_file(&env, &key, &["get", "API_TOKEN"]);
    assert_eq!(out.stdout, b"old-token");
    check_output(
        &with_key_file(&env, &key, &["get", "API_TOKEN", "--version", "3"]),
        0,
    );
}

#[test]
fn reorganise_stops_at_a_missing_secret_and_keeps_history() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let block = example("reorganise");
    // No API_TOKEN yet: copy fails (exit 3) and nothing after it runs.
    let before = files_of(&default_vault(&env));
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 3);
    assert_vault_unchanged(&default_vault(&env), &before, "a copy of a missing secret");
    for value in ["t1", "t2"] {
        set_with_key_file(&env, &key, "API_TOKEN", value.as_bytes());
    }
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    check_output(&with_key_file(&env, &key, &["get", "API_TOKEN"]), 3);
    let old = with_key_file(&env, &key, &["get", "prod.API_TOKEN", "--version", "1"]);
    assert_eq!(old.stdout, b"t1");
    check_output(
        &with_key_file(&env, &key, &["get", "staging.API_TOKEN", "--version", "1"]),
        3,
    );
    let current = with_key_file(&env, &key, &["get", "staging.API_TOKEN"]);
    assert_eq!(current.stdout, b"t2");
}

#[test]
fn at_a_shell_lines_stop_at_the_first_failure() {
    let env = TestEnv::new();
    quick_start(&env);
    let vars = [("HOME", env.home()), ("SEALBOX_KEY_FILE", &key_file(&env))];
    let block = example("at-a-shell");

    // The values typed differ: set fails, and nothing after it runs.
    let before = files_of(&default_vault(&env));
    let report = on_pty(
        env.home(),
        &block,
        &vars,
        type_twice("Value for DB_PASSWORD", "hunter2", "hunter3"),
    );
    assert_ne!(report["code"], 0, "{report}");
    let shown = report["output"].as_str().unwrap();
    assert!(
        !shown.contains("payments API"),
        "list ran after the failure: {report}"
    );
    assert_vault_unchanged(&default_vault(&env), &before, "a failed set");

    let report = on_pty(
        env.home(),
        &block,
        &vars,
        type_twice("Value for DB_PASSWORD", "hunter2", "hunter2"),
    );
    assert_eq!(report["code"], 0, "{report}");
    let shown = report["output"].as_str().unwrap();
    assert!(
        shown.contains("hunter2\r\n"),
        "get prints the value: {report}"
    );
    assert!(
        shown.contains("payments API"),
        "list shows the new secret: {report}"
    );
    let out = with_key_file(&env, &key_file(&env), &["get", "DB_PASSWORD"]);
    assert_eq!(stdout(&out), "hunter2");
    let out = with_key_file(&env, &key_file(&env), &["get", "API_TOKEN"]);
    check_output(&out, 3);
}

/// The "In CI" snippet with its /run/secrets directory moved under `dir`.
fn in_ci_script(dir: &Path) -> String {
    let block = example("in-ci");
    assert_eq!(block.matches("/run/secrets/").count(), 1);
    let secrets = dir.join("run/secrets");
    std::fs::create_dir_all(&secrets).unwrap();
    // The job's shell has the usual umask; the snippet must make its files private itself.
    format!(
        "umask 022\n{}",
        block.replace("/run/secrets/", &format!("{}/", secrets.display()))
    )
}

#[test]
fn in_ci_snippet_writes_private_files_and_stops_at_a_conflict() {
    let env = TestEnv::new();
    let repo = env.home().join("repo");
    std::fs::create_dir_all(repo.join("deploy")).unwrap();
    let ci_vault = repo.join("deploy/vault.db");
    let sealbox = |args: &[&str], stdin: &[u8]| {
        env.cmd(&[&["--vault", ci_vault.to_str().unwrap()], args].concat())
            .write_stdin(stdin.to_vec())
            .assert()
            .success();
    };
    sealbox(&["init"], b"");
    sealbox(&["set", "DB_PASSWORD"], b"db-pass");
    sealbox(&["set", "DEPLOY_TOKEN"], b"v1");
    sealbox(&["set", "DEPLOY_TOKEN"], b"v2");
    std::fs::write(repo.join("token.txt"), "v-next").unwrap();
    std::fs::write(repo.join("secrets.json"), r#"{"NEW_A": "a"}"#).unwrap();
    let script = in_ci_script(&repo);
    let run = || {
        user_sh(&env, &repo, &script)
            .env("CI_SEALBOX_KEY", &env.key)
            .output()
            .unwrap()
    };
    let get = |name: &str| {
        env.cmd(&["--vault", ci_vault.to_str().unwrap(), "get", name])
            .output()
            .unwrap()
    };

    // DEPLOY_TOKEN is at version 2, not 3: the compare-and-set refuses and the import never runs.
    let out = run();
    check_output(&out, 6);
    assert_eq!(get("DEPLOY_TOKEN").stdout, b"v2");
    check_output(&get("NEW_A"), 3);

    sealbox(&["set", "DEPLOY_TOKEN"], b"v3");
    let out = run();
    check_output(&out, 0);
    let written = repo.join("run/secrets/db_password");
    assert_eq!(std::fs::read(&written).unwrap(), b"db-pass");
    assert_eq!(mode(&written), 0o600, "the secret file is private");
    assert_eq!(get("DEPLOY_TOKEN").stdout, b"v-next");
    assert_eq!(get("NEW_A").stdout, b"a");
}

// ---------------------------------------------------------------------------------------------
// Shell, CI and hooks

#[test]
fn run_lines_give_each_command_its_secrets() {
    let env = TestEnv::with_vault();
    env.set("DATABASE_URL", b"postgres://db");
    env.set("API_TOKEN", b"t0ken");
    env.set("prod.db-url", b"postgres://prod");
    let dir = env.home().join("app");
    std::fs::create_dir_all(&dir).unwrap();
    for (script, body) in [
        (
            "server",
            "printf '%s|%s' \"$DATABASE_URL\" \"$API_TOKEN\"; touch started",
        ),
        ("deploy.sh", "printf '%s' \"$db_url\""),
    ] {
        std::fs::write(dir.join(script), format!("#!/bin/sh\nset -eu\n{body}\n")).unwrap();
        chmod_x(&dir.join(script));
    }
    let block = example("run");
    let lines = command_lines(&block);
    assert_eq!(lines.len(), 3, "{block}");
    let run = |line: &str| shell(&env, &dir, "sh", &["-c", line]).output().unwrap();

    let out = run(lines[0]);
    check_output(&out, 0);
    assert_eq!(stdout(&out), "postgres://db|t0ken");
    let out = run(lines[1]);
    check_output(&out, 0);
    assert_eq!(stdout(&out), "postgres://prod");
    let out = run(lines[2]);
    check_output(&out, 0);
    let shown = stdout(&out);
    assert!(shown.lines().any(|l| l == "API_TOKEN=t0ken"), "{shown}");
    assert!(
        !shown.contains("SEALBOX_KEY"),
        "the credential reached the command"
    );

    // A missing --only name: the command never starts.
    std::fs::remove_file(dir.join("started")).unwrap();
    env.cmd(&["delete", "API_TOKEN"]).assert().success();
    check_output(&run(lines[0]), 3);
    assert!(
        !dir.join("started").exists(),
        "the server started without its secret"
    );
}

#[test]
fn export_import_lines_stop_at_the_first_failure() {
    let env = TestEnv::with_vault();
    env.set("prod.DB", b"postgres://u:p@h/db");
    env.set("API_TOKEN", b"tok en'$x");
    let dir = env.home().join("work");
    std::fs::create_dir_all(&dir).unwrap();
    // The shell's umask is the usual one; the lines make their plaintext files private.
    let script = format!(
        "umask 022\n{}\nprintf 'API_TOKEN=%s' \"${{API_TOKEN-unset}}\"\n",
        example("export-import")
    );
    let run = || shell(&env, &dir, "sh", &["-c", &script]).output().unwrap();

    // A value that is not UTF-8 cannot go into plain JSON: the chain stops there.
    env.set("BIN", b"\xff\xfe");
    let out = run();
    assert!(
        stdout(&out).ends_with("API_TOKEN=unset"),
        "{}",
        stdout(&out)
    );
    assert!(!dir.join("secrets.b64.json").exists());
    check_output(&env.cmd(&["get", "staging.DB"]).output().unwrap(), 3);

    env.cmd(&["delete", "BIN"]).assert().success();

    // No API_TOKEN to export: `eval "$(...)"` would succeed on nothing and go on; the
    // assignment fails, and the imports after it never run.
    env.cmd(&["delete", "API_TOKEN"]).assert().success();
    let out = run();
    assert!(
        stdout(&out).ends_with("API_TOKEN=unset"),
        "{}",
        stdout(&out)
    );
    check_output(&env.cmd(&["get", "staging.DB"]).output().unwrap(), 3);

    env.set("API_TOKEN", b"tok en'$x");
    let out = run();
    assert!(
        stdout(&out).ends_with("API_TOKEN=tok en'$x"),
        "eval exported the value: {}\n{}",
        stdout(&out),
        stderr(&out)
    );
    for file in [".env.prod", "secrets.json", "secrets.b64.json"] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file} is private");
    }
    assert_eq!(env.get("staging.DB"), b"postgres://u:p@h/db");
    assert_eq!(env.get("copy.prod.DB"), b"postgres://u:p@h/db");
    assert_eq!(env.get("copy.API_TOKEN"), b"tok en'$x");
}

/// The `run: |` lines of a YAML step, dedented.
fn yaml_run_block(yaml: &str) -> String {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "run: |")
        .expect("a run: | block");
    let indent = |l: &str| l.len() - l.trim_start().len();
    let base = indent(lines[start]);
    lines[start + 1..]
        .iter()
        .take_while(|l| l.trim().is_empty() || indent(l) > base)
        .map(|l| l.trim_start())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ci_setup_then_the_job_checks_and_deploys_with_the_secrets() {
    let env = TestEnv::new();
    let repo = env.home().join("repo");
    std::fs::create_dir_all(&repo).unwrap();

    let mut steps = type_twice(
        "Value for prod.DATABASE_URL",
        "postgres://db",
        "postgres://db",
    );
    steps.extend(type_twice("Value for prod.API_TOKEN", "t0ken", "t0ken"));
    let setup = example("ci-setup");
    let report = on_pty(&repo, &setup, &[("HOME", env.home())], steps);
    assert_eq!(report["code"], 0, "{report}");
    let key_path = env.home().join(".config/sealbox/deploy.key");
    assert_eq!(mode(&key_path), 0o600);
    let key = std::fs::read_to_string(&key_path).unwrap();
    let ci_vault = repo.join("deploy/vault.db");

    // Running the setup again stops at the key: the vault keeps the key that opens it.
    let vault_before = files_of(&ci_vault);
    assert_failed(
        &user_sh(&env, &repo, &setup).output().unwrap(),
        "a second setup",
    );
    assert!(
        std::fs::read_to_string(&key_path).unwrap() == key,
        "the key file was replaced"
    );
    assert_vault_unchanged(&ci_vault, &vault_before, "a second setup");

    let yaml = example("ci-job");
    let vault_line = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("SEALBOX_VAULT: "))
        .expect("the job sets SEALBOX_VAULT");
    assert_eq!(vault_line, "deploy/vault.db", "the vault the setup made");
    assert!(yaml.contains("SEALBOX_KEY: ${{ secrets.SEALBOX_KEY }}"));
    let script = yaml_run_block(&yaml);
    let deploy = repo.join("deploy.sh");
    std::fs::write(
        &deploy,
        "#!/bin/sh\nset -eu\n[ -z \"${SEALBOX_KEY:-}\" ] || exit 99\n\
         printf '%s|%s' \"$DATABASE_URL\" \"$API_TOKEN\" > deployed\n",
    )
    .unwrap();
    chmod_x(&deploy);
    // GitHub runs `run:` with `bash -e`.
    let in_ci = |script: &str| {
        let mut cmd = Command::new("bash");
        env.confine(&mut cmd);
        cmd.args(["-e", "-c", script])
            .current_dir(&repo)
            .env("PATH", path_with_sealbox())
            .env("SEALBOX_VAULT", vault_line)
            .env("SEALBOX_KEY", key.trim())
            .output()
            .unwrap()
    };
    check_output(&in_ci(&script), 0);
    assert_eq!(
        std::fs::read_to_string(repo.join("deployed")).unwrap(),
        "postgres://db|t0ken"
    );

    // The check stops the job before the deploy while a secret is missing.
    std::fs::remove_file(repo.join("deployed")).unwrap();
    check_output(&in_ci("sealbox delete prod.API_TOKEN"), 0);
    let out = in_ci(&script);
    check_output(&out, 10);
    assert!(stdout(&out).contains("missing  prod.API_TOKEN"));
    assert!(!repo.join("deployed").exists());
}

#[test]
fn pre_commit_hook_checks_the_repository_vault_for_the_required_names() {
    // The committer's own vault (SEALBOX_VAULT) has every name; the repository's has none yet.
    let env = TestEnv::with_vault();
    env.set("API_TOKEN", b"t");
    env.set("DB_URL", b"d");
    let repo = env.home().join("repo");
    std::fs::create_dir_all(repo.join("deploy")).unwrap();
    let repo_vault = repo.join("deploy/vault.db");
    let in_repo = |args: &[&str]| {
        env.cmd(&[&["--vault", repo_vault.to_str().unwrap()], args].concat())
            .assert()
            .success();
    };
    in_repo(&["init"]);
    let git = |args: &[&str]| {
        shell(&env, &repo, "git", args)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .output()
            .unwrap()
    };
    check_output(&git(&["init", "-q"]), 0);
    let hook = repo.join(".git/hooks/pre-commit");
    std::fs::write(&hook, example("pre-commit")).unwrap();
    chmod_x(&hook);

    std::fs::write(repo.join(".env"), "API_TOKEN=plaintext\n").unwrap();
    check_output(&git(&["add", ".env"]), 0);
    let out = git(&["commit", "-qm", "add env"]);
    check_output(&out, 1);
    assert!(stderr(&out).contains("refusing to commit the .env file"));
    check_output(&git(&["rm", "-q", "--cached", ".env"]), 0);

    // Comments and blank lines are not names.
    std::fs::write(
        repo.join("secrets.required"),
        "# names the code reads\n\n  \n",
    )
    .unwrap();
    check_output(&git(&["add", "secrets.required"]), 0);
    check_output(&git(&["commit", "-qm", "no names yet"]), 0);

    std::fs::write(
        repo.join("secrets.required"),
        "# names the code reads\nAPI_TOKEN\n\nDB_URL  # the primary\n",
    )
    .unwrap();
    check_output(&git(&["add", "secrets.required"]), 0);
    // The hook itself exits 1 naming what is missing from the repository's vault...
    let out = shell(&env, &repo, "sh", &[hook.to_str().unwrap()])
        .output()
        .unwrap();
    check_output(&out, 1);
    assert!(
        stderr(&out).contains("missing  API_TOKEN\nmissing  DB_URL\n"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("sealbox --vault deploy/vault.db set NAME"));
    // ...and git refuses the commit, showing the hook's message.
    let out = git(&["commit", "-qm", "needs secrets"]);
    check_output(&out, 1);
    assert!(stderr(&out).contains("missing  API_TOKEN\nmissing  DB_URL\n"));

    // An overdue secret, required or not, does not block a commit; only a missing name does.
    // UNRELATED and DB_URL were set 100 days ago.
    for (name, days) in [("API_TOKEN", 0), ("DB_URL", 100), ("UNRELATED", 100)] {
        let vault = repo_vault.to_str().unwrap();
        env.cmd_days_ago(
            days,
            &["--vault", vault, "set", name, "--rotate-every", "90d"],
        )
        .write_stdin("v")
        .assert()
        .success();
    }
    let out = env
        .cmd(&["--vault", repo_vault.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    check_output(&out, 10);
    check_output(&git(&["commit", "-qm", "needs secrets"]), 0);

    // Without the repository's vault the commit stops with sealbox's own error.
    std::fs::write(repo.join("secrets.required"), "API_TOKEN\nNEW_NAME\n").unwrap();
    check_output(&git(&["add", "secrets.required"]), 0);
    std::fs::remove_file(&repo_vault).unwrap();
    let out = git(&["commit", "-qm", "vault gone"]);
    check_output(&out, 1);
    assert!(stderr(&out).contains("error:"), "{}", stderr(&out));
}

#[test]
fn pre_deploy_hook_stops_on_findings() {
    let env = TestEnv::with_vault();
    let dir = env.home().join("deploy");
    std::fs::create_dir_all(&dir).unwrap();
    let hook = dir.join("pre-deploy");
    std::fs::write(&hook, example("pre-deploy")).unwrap();
    let hook = hook.to_str().unwrap();
    env.set("prod.DATABASE_URL", b"d");
    let out = shell(&env, &dir, "sh", &[hook]).output().unwrap();
    check_output(&out, 1);
    assert_eq!(stdout(&out), "missing  prod.API_TOKEN\n");
    assert!(stderr(&out).contains("pre-deploy: fix the findings above"));
    env.set("prod.API_TOKEN", b"t");
    check_output(&shell(&env, &dir, "sh", &[hook]).output().unwrap(), 0);
    // A secret set 200 days ago is overdue; moving its date behind sealbox's back to hide that
    // stops the deploy with sealbox's own error instead of passing.
    env.cmd_days_ago(200, &["set", "prod.API_TOKEN"])
        .write_stdin("t")
        .assert()
        .success();
    check_output(&shell(&env, &dir, "sh", &[hook]).output().unwrap(), 1);
    env.sql()
        .execute("UPDATE secrets SET updated_at = unixepoch()", [])
        .unwrap();
    let out = shell(&env, &dir, "sh", &[hook]).output().unwrap();
    check_output(&out, 1);
    assert!(
        stderr(&out).contains("failed authentication"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains("fix the findings"),
        "{}",
        stderr(&out)
    );
}

/// Runs the migration as pasted into `sh` (no `-e` of its own) in `dir`.
fn migrate(env: &TestEnv, dir: &Path) -> Output {
    shell(env, dir, "sh", &["-c", &example("migrate-dotenv")])
        .output()
        .unwrap()
}

#[test]
fn migrating_from_a_dotenv_file_moves_every_value() {
    let env = TestEnv::with_vault();
    let dir = env.home().join("app");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join(".env"),
        "# app settings\nDATABASE_URL=postgres://u:p@h/db  # primary\n\
         export API_TOKEN='t0k3n with spaces'\nMULTI=\"line 1\nline 2\"\n",
    )
    .unwrap();
    check_output(&migrate(&env, &dir), 0);
    assert!(!dir.join(".env").exists(), "the plaintext file is gone");
    assert_eq!(env.get("prod.DATABASE_URL"), b"postgres://u:p@h/db");
    assert_eq!(env.get("prod.API_TOKEN"), b"t0k3n with spaces");
    assert_eq!(env.get("prod.MULTI"), b"line 1\nline 2");
}

#[test]
fn a_failed_migration_keeps_the_dotenv_file() {
    let env = TestEnv::with_vault();
    env.set("KEPT", b"k");
    let dir = env.home().join("app");
    std::fs::create_dir_all(&dir).unwrap();

    // A bad line: the import refuses the whole file, and the file stays.
    let bad = "DATABASE_URL=postgres://h/db\nAPI_TOKEN=t0ken\nNOT A LINE\n";
    std::fs::write(dir.join(".env"), bad).unwrap();
    let before = env.vault_files();
    let out = migrate(&env, &dir);
    check_output(&out, 2);
    assert!(stderr(&out).contains("line 3"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.join(".env")).unwrap(), bad);
    env.assert_unchanged(&before, "a failed import");

    // The check after the import fails (no DATABASE_URL): the file stays too.
    let partial = "API_TOKEN=t0ken\n";
    std::fs::write(dir.join(".env"), partial).unwrap();
    let out = migrate(&env, &dir);
    assert_failed(&out, "a migration without DATABASE_URL");
    assert_eq!(std::fs::read_to_string(dir.join(".env")).unwrap(), partial);
    assert_eq!(env.get("prod.API_TOKEN"), b"t0ken");
}

// ---------------------------------------------------------------------------------------------
// Completions

/// The README's completion install lines, run in a HOME that has none of the directories.
#[test]
fn completion_install_lines_make_their_directories() {
    let block = example("completions");
    let env = TestEnv::new();
    let out = shell(&env, env.home(), "sh", &["-c", &block])
        .output()
        .unwrap();
    check_output(&out, 0);
    let installed = [
        (
            "bash",
            ".local/share/bash-completion/completions/sealbox",
            "sealbox.bash",
        ),
        ("zsh", ".zfunc/_sealbox", "_sealbox"),
        (
            "fish",
            ".config/fish/completions/sealbox.fish",
            "sealbox.fish",
        ),
    ];
    let help = env.cmd(&["completions", "--help"]).output().unwrap();
    let help = stdout(&help)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for (shell_name, path, committed) in installed {
        assert_eq!(
            std::fs::read(env.home().join(path)).unwrap_or_default(),
            std::fs::read(root().join("completions").join(committed)).unwrap(),
            "{shell_name}: ~/{path}"
        );
        // `sealbox completions --help` gives the same directory and its mkdir -p.
        let dir = Path::new(path).parent().unwrap().display().to_string();
        assert!(
            help.contains(&format!(
                "{shell_name}: mkdir -p ~/{dir} && sealbox completions {shell_name} > ~/{path}"
            )),
            "completions --help lacks the {shell_name} line:\n{help}"
        );
    }
    // Each shell finds the script where the line put it.
    let bash = shell(
        &env,
        env.home(),
        "bash",
        &[
            "-c",
            "source ~/.local/share/bash-completion/completions/sealbox && complete -p sealbox",
        ],
    )
    .output()
    .unwrap();
    check_output(&bash, 0);
    if crate::common::programs::tool_available("zsh", "apt-get install -y zsh") {
        let program = "fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit -u && \
                       print -r -- ${_comps[sealbox]}";
        let zsh = shell(&env, env.home(), "zsh", &["-f", "-c", program])
            .output()
            .unwrap();
        check_output(&zsh, 0);
        assert_eq!(stdout(&zsh).trim(), "_sealbox");
    }
    if crate::common::programs::tool_available("fish", "apt-get install -y fish") {
        let fish = shell(&env, env.home(), "fish", &["-c", "complete -C'sealbox ru'"])
            .output()
            .unwrap();
        check_output(&fish, 0);
        let offered = stdout(&fish);
        assert!(offered.lines().any(|l| l.starts_with("run\t")), "{offered}");
    }
}

// ---------------------------------------------------------------------------------------------
// Rotating keys

#[test]
fn rotating_the_key_file_installs_the_new_key_only_after_the_rotation() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let old = std::fs::read(&key).unwrap();
    let block = example("rotate-key");

    // rotate-master fails (here: the shell points at a key that does not open the vault), so
    // the key file is not replaced by a key that opens nothing.
    let wrong = env.home().join("wrong.key");
    std::fs::write(&wrong, format!("{KEY_C}\n")).unwrap();
    let before = files_of(&default_vault(&env));
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &wrong)
        .output()
        .unwrap();
    check_output(&out, 4);
    assert!(
        std::fs::read(&key).unwrap() == old,
        "the key file was replaced"
    );
    assert_vault_unchanged(&default_vault(&env), &before, "a failed rotate-master");
    check_output(&with_key_file(&env, &key, &["get", "DB_PASSWORD"]), 0);
    // As the README says: delete key.new before trying again.
    std::fs::remove_file(env.home().join(".config/sealbox/key.new")).unwrap();

    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert!(
        std::fs::read(&key).unwrap() != old,
        "the key file holds a new key"
    );
    assert_eq!(mode(&key), 0o600);
    assert!(!env.home().join(".config/sealbox/key.new").exists());
    let out = with_key_file(&env, &key, &["get", "DB_PASSWORD"]);
    check_output(&out, 0);
    assert_eq!(stdout(&out), "s3cret");
    std::fs::write(&wrong, &old).unwrap();
    check_output(&with_key_file(&env, &wrong, &["get", "DB_PASSWORD"]), 4);
}

#[test]
fn rotating_a_passphrase_asks_for_the_old_one_then_the_new_one_twice() {
    let env = TestEnv::new();
    let (old, new) = ("the old passphrase", "the new passphrase");
    env.bare_cmd(&["init"])
        .env("SEALBOX_PASSPHRASE", old)
        .assert()
        .success();
    let mut steps = type_hidden("Passphrase for ", old);
    steps.extend(type_twice("New passphrase for ", new, new));
    let report = on_pty(
        env.home(),
        &example("rotate-passphrase"),
        &[("HOME", env.home()), ("SEALBOX_VAULT", &env.vault)],
        steps,
    );
    assert_eq!(report["code"], 0, "{report}");
    for (passphrase, code) in [(new, 0), (old, 4)] {
        env.bare_cmd(&["set", "A"])
            .env("SEALBOX_PASSPHRASE", passphrase)
            .write_stdin("a")
            .assert()
            .code(code);
    }
}

#[test]
fn replacing_the_vault_key_re_creates_the_slots_and_never_overwrites_a_key_file() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let old_key = std::fs::read(&key).unwrap();
    let old_ci = env.home().join("old-ci.key");
    std::fs::write(&old_ci, format!("{KEY_B}\n")).unwrap();
    let add = with_key_file(
        &env,
        &key,
        &[
            "slot",
            "add",
            "--label",
            "ci",
            "--new-key-file",
            old_ci.to_str().unwrap(),
        ],
    );
    check_output(&add, 0);
    let block = example("rotate-vault-key");
    let run = || {
        user_sh(&env, env.home(), &block)
            .env("SEALBOX_KEY_FILE", &key)
            .output()
            .unwrap()
    };

    // A ci.key left from before (perhaps CI's live key) is never overwritten: the chain stops
    // before it, with the vault key and the key file already replaced.
    let ci_key = env.home().join("ci.key");
    std::fs::write(&ci_key, "left from before\n").unwrap();
    assert_failed(&run(), "with ci.key already there");
    assert_eq!(
        std::fs::read_to_string(&ci_key).unwrap(),
        "left from before\n"
    );
    assert!(
        std::fs::read(&key).unwrap() != old_key,
        "the key file holds a new key"
    );
    check_output(&with_key_file(&env, &key, &["get", "DB_PASSWORD"]), 0);
    check_output(&with_key_file(&env, &old_ci, &["get", "DB_PASSWORD"]), 4);

    std::fs::remove_file(&ci_key).unwrap();
    let new_key = std::fs::read(&key).unwrap();
    check_output(&run(), 0);
    assert!(
        std::fs::read(&key).unwrap() != new_key,
        "the key file holds a new key"
    );
    assert_eq!(mode(&ci_key), 0o600);
    for (credential, code) in [(&key, 0), (&ci_key, 0), (&old_ci, 4)] {
        let out = with_key_file(&env, credential, &["get", "DB_PASSWORD"]);
        check_output(&out, code);
    }
    let slots = with_key_file(&env, &key, &["slot", "list", "--json"]);
    let slots: Value = serde_json::from_slice(&slots.stdout).unwrap();
    let labels: Vec<&str> = slots
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["default", "ci"]);
}

// ---------------------------------------------------------------------------------------------
// Exit status

/// The commands a findings row of an exit-status table names, e.g. `check` in
/// "findings: check found something to act on".
fn findings_commands(table: &str) -> Vec<String> {
    let row = table
        .lines()
        .find(|l| l.contains("findings:"))
        .expect("a findings row");
    let (_, rest) = row.split_once("findings:").unwrap();
    let (names, _) = rest
        .split_once(" found")
        .expect("findings: NAMES found ...");
    names
        .split([',', ' '])
        .map(|w| w.trim_matches('`'))
        .filter(|w| !w.is_empty() && *w != "or" && *w != "and")
        .map(str::to_owned)
        .collect()
}

#[test]
fn exit_tables_name_only_commands_that_exist() {
    let commands = crate::assets::subcommands();
    let readme = readme();
    let exit_section = readme
        .split("\n## Exit status\n")
        .nth(1)
        .expect("an Exit status section");
    let help = assert_cmd::Command::cargo_bin("sealbox")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = stdout(&help);
    for (table, text) in [
        ("README Exit status", exit_section),
        ("sealbox --help", &help),
    ] {
        let named = findings_commands(text);
        assert!(!named.is_empty(), "{table}: no command named for exit 10");
        for name in named {
            assert!(
                commands.contains(&name),
                "{table}: exit 10 names `{name}`, which is not a command ({commands:?})"
            );
        }
    }
}

#[test]
fn incident_query_answers_from_a_verified_log_and_stops_at_a_broken_one() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let block = example("incident");
    // prod.STRIPE_KEY stored and read on 5 March 2026, read again on 20 March, and today.
    let on = |date: &str, args: &[&str], stdin: &[u8]| {
        let mut cmd = std::process::Command::new("faketime");
        env.confine(&mut cmd);
        cmd.arg(format!("{date} 12:00:00"))
            .arg(crate::common::bin())
            .args(args)
            .env("SEALBOX_VAULT", default_vault(&env))
            .env("SEALBOX_KEY_FILE", &key)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::null());
        let mut child = cmd.spawn().unwrap();
        use std::io::Write;
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        assert!(child.wait().unwrap().success(), "{args:?} on {date}");
    };
    on(
        "2026-03-05",
        &["set", "prod.STRIPE_KEY"],
        b"sk_live_example",
    );
    on("2026-03-05", &["get", "prod.STRIPE_KEY"], b"");
    on("2026-03-20", &["get", "prod.STRIPE_KEY"], b"");
    check_output(&with_key_file(&env, &key, &["get", "prod.STRIPE_KEY"]), 0);
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("audit log ok: "), "{table}");
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    // faketime starts the clock at noon and lets it run.
    for (row, action) in rows.iter().zip(["set", "get"]) {
        assert!(row.contains("  2026-03-05T12:00:0"), "{table}");
        assert!(row.contains(&format!("Z  {action}     ok ")), "{table}");
    }
    // A log cut back before the last write fails verification, and the query never runs.
    let log = {
        let mut name = default_vault(&env).into_os_string();
        name.push(".audit");
        PathBuf::from(name)
    };
    let text = std::fs::read_to_string(&log).unwrap();
    let cut: String = text.lines().take(2).map(|l| format!("{l}\n")).collect();
    std::fs::write(&log, &cut).unwrap();
    let before = files_of(&default_vault(&env));
    let out = user_sh(&env, env.home(), &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 5);
    assert!(out.stdout.is_empty(), "the query ran");
    assert_vault_unchanged(&default_vault(&env), &before, "a failed audit verify");
    assert!(std::fs::read_to_string(&log).unwrap().starts_with(&cut));
}

#[test]
fn leak_defence_lines_redact_and_stop_at_a_value_left_in_a_file() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let value = "sk-prod-0123456789abcdefghijklmnopqrstuvwx";
    set_with_key_file(&env, &key, "prod.API_KEY", value.as_bytes());
    let dir = env.home().join("project");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("app.log"),
        format!(
            "deploying with {value}
"
        ),
    )
    .unwrap();
    std::fs::create_dir(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("src/main.py"),
        "import os
key = os.environ['API_KEY']
",
    )
    .unwrap();
    std::fs::write(
        dir.join("app"),
        "#!/bin/sh
echo \"app uses $API_KEY\"
",
    )
    .unwrap();
    chmod_x(&dir.join("app"));
    let block = example("leak-defence");
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "app uses [REDACTED:prod.API_KEY]\nsk-p…(42)…wx\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("app.public.log")).unwrap(),
        "deploying with [REDACTED:prod.API_KEY]\n"
    );
    // A value left in the code stops the lines at scan (exit 10), naming it, never showing it.
    std::fs::write(dir.join("src/config.txt"), format!("key: {value}\n")).unwrap();
    let before = files_of(&default_vault(&env));
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 10);
    let shown = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        shown.ends_with("src/config.txt:1:6 prod.API_KEY raw\n"),
        "{shown}"
    );
    assert!(
        !shown.contains("sk-p…"),
        "the masked get ran after the failure"
    );
    assert!(!shown.contains(value) && !stderr(&out).contains(value));
    assert_vault_unchanged(&default_vault(&env), &before, "a scan that found a value");
}

#[test]
fn pre_commit_scan_hook_stops_a_commit_that_holds_a_secret() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    let value = "ghp_staged0123456789abcdefghijklmnopqrstu";
    set_with_key_file(&env, &key, "GITHUB_TOKEN", value.as_bytes());
    let repo = env.home().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let git = |args: &[&str]| {
        let mut cmd = std::process::Command::new("git");
        env.confine(&mut cmd);
        cmd.args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(&repo)
        .env("PATH", crate::common::path_with_sealbox())
        .env("SEALBOX_VAULT", default_vault(&env))
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    let hook = repo.join(".git/hooks/pre-commit");
    std::fs::write(&hook, example("pre-commit-scan")).unwrap();
    chmod_x(&hook);
    std::fs::write(repo.join("ci.yml"), format!("token: {value}\n")).unwrap();
    assert!(git(&["add", "ci.yml"]).status.success());
    let out = git(&["commit", "-q", "-m", "leak"]);
    assert!(!out.status.success(), "the commit went through");
    // git hands a hook's stdout to its own stderr.
    assert!(
        stderr(&out).contains("ci.yml:1:8 GITHUB_TOKEN raw\n"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains(value) && !stderr(&out).contains(value));
    assert!(
        !git(&["rev-parse", "--verify", "-q", "HEAD"])
            .status
            .success(),
        "a commit was made"
    );
    // With the value replaced by a reference, the same commit goes through.
    std::fs::write(repo.join("ci.yml"), "token: ${{ secrets.GITHUB_TOKEN }}\n").unwrap();
    assert!(git(&["add", "ci.yml"]).status.success());
    let out = git(&["commit", "-q", "-m", "no leak"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn scopes_lines_give_the_agent_its_secrets_only_and_stop_when_run_again() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    set_with_key_file(&env, &key, "STRIPE_KEY", b"sk_live_agent");
    set_with_key_file(&env, &key, "deploy.DB_URL", b"postgres://deploy");
    set_with_key_file(&env, &key, "ADMIN_TOKEN", b"root-token");
    let dir = env.home().join("agent-run");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("agent"),
        "#!/bin/sh\necho \"$STRIPE_KEY $deploy_DB_URL ${ADMIN_TOKEN:-no admin token}\"\n",
    )
    .unwrap();
    chmod_x(&dir.join("agent"));
    let block = example("scopes");
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(
        stdout(&out),
        "sk_live_agent postgres://deploy no admin token\n"
    );
    assert_eq!(mode(&dir.join("agent.key")), 0o600);
    // The agent's key opens nothing else.
    let denied = with_key_file(&env, &dir.join("agent.key"), &["get", "ADMIN_TOKEN"]);
    check_output(&denied, 9);
    assert!(denied.stdout.is_empty());
    // Run again, the lines stop at the first one (the scope exists): no key file is replaced
    // and the vault is unchanged.
    let agent_key = std::fs::read(dir.join("agent.key")).unwrap();
    let before = files_of(&default_vault(&env));
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 6);
    assert_eq!(stdout(&out), "");
    assert_eq!(
        stderr(&out),
        "error: a scope named \"deploy\" already exists\nhint: choose another name, or change it with 'sealbox scope edit'\n"
    );
    assert_eq!(std::fs::read(dir.join("agent.key")).unwrap(), agent_key);
    assert_vault_unchanged(&default_vault(&env), &before, "a scope that exists already");
}

#[test]
fn members_lines_add_a_member_from_her_recipient_and_stop_when_run_again() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    set_with_key_file(&env, &key, "STRIPE_KEY", b"sk_live_member");
    let dir = env.home().join("team");
    std::fs::create_dir(&dir).unwrap();
    let block = example("members");
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 0);
    assert_eq!(stdout(&out), "sk_live_member");
    let identity = env.home().join(".config/sealbox/alice.key");
    assert_eq!(mode(&identity), 0o600);
    assert_eq!(mode(identity.parent().unwrap()), 0o700);
    let recipient = std::fs::read_to_string(dir.join("alice.pub")).unwrap();
    let slots = stdout(&with_key_file(&env, &key, &["slot", "list", "--json"]));
    assert!(
        slots.contains(&format!("\"recipient\":\"{}\"", recipient.trim())),
        "{slots}"
    );
    // The identity alone opens the vault: no key variable is set here.
    let out = user_sh(
        &env,
        &dir,
        "sealbox --identity ~/.config/sealbox/alice.key get STRIPE_KEY",
    )
    .output()
    .unwrap();
    check_output(&out, 0);
    assert_eq!(out.stdout, b"sk_live_member");
    // Run again, the lines stop at the first: the shell will not replace the recipient file
    // (set -C), and sealbox would not replace the identity file (exit 6); the vault is
    // unchanged.
    let before = files_of(&default_vault(&env));
    let identity_text = std::fs::read(&identity).unwrap();
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 2);
    assert!(stderr(&out).contains("alice.pub"), "{}", stderr(&out));
    std::fs::remove_file(dir.join("alice.pub")).unwrap();
    let out = user_sh(&env, &dir, &block)
        .env("SEALBOX_KEY_FILE", &key)
        .output()
        .unwrap();
    check_output(&out, 6);
    std::fs::write(dir.join("alice.pub"), &recipient).unwrap();
    assert_eq!(stdout(&out), "");
    assert_eq!(std::fs::read(&identity).unwrap(), identity_text);
    assert_eq!(
        std::fs::read_to_string(dir.join("alice.pub")).unwrap(),
        recipient
    );
    assert_vault_unchanged(&default_vault(&env), &before, "a member added again");
}

#[test]
fn team_vault_lines_move_the_vault_into_postgres_and_stop_when_run_again() {
    let env = TestEnv::new();
    quick_start(&env);
    let key = key_file(&env);
    set_with_key_file(&env, &key, "STRIPE_KEY", b"sk_live_team");
    let team = TestEnv::team();
    let url = team.vault.to_str().unwrap().to_owned();
    let block = example("team-vault");
    let run_block = || {
        user_sh(&env, env.home(), &block)
            .env("SEALBOX_VAULT", default_vault(&env))
            .env("SEALBOX_KEY_FILE", &key)
            .env("TEAM_VAULT", &url)
            .output()
            .unwrap()
    };
    let out = run_block();
    check_output(&out, 0);
    assert_eq!(out.stdout, b"sk_live_team");
    // Run again, the copy is refused (the database holds a vault) and the get never runs;
    // the team vault is as it was.
    let before = team.stored_bytes();
    let out = run_block();
    check_output(&out, 6);
    assert!(out.stdout.is_empty());
    assert!(team.stored_bytes() == before, "the team vault changed");
}

#[test]
fn team_roles_lines_let_users_add_audit_records_but_never_remove_them() {
    let env = TestEnv::new();
    let team = TestEnv::team_with_vault();
    team.set("A", b"alpha");
    let owner_url = team.vault.to_str().unwrap().to_owned();
    let block = example("team-roles");
    let out = user_sh(&env, env.home(), &block)
        .env("OWNER_URL", &owner_url)
        .output()
        .unwrap();
    check_output(&out, 0);
    let user_url = owner_url.replace("//sealbox@", "//sealbox_user@");
    let as_user = |args: &[&str]| {
        team.cmd(args)
            .env("SEALBOX_VAULT", &user_url)
            .output()
            .unwrap()
    };
    let out = as_user(&["get", "A"]);
    check_output(&out, 0);
    assert_eq!(out.stdout, b"alpha");
    let out = team
        .cmd(&["set", "B"])
        .env("SEALBOX_VAULT", &user_url)
        .write_stdin("bravo")
        .output()
        .unwrap();
    check_output(&out, 0);
    // The user role cannot delete or change a record, by sealbox or by hand.
    let server = crate::common::postgres::server();
    let db = team.team.clone().unwrap();
    let delete = server
        .psql_command(&db, "SET ROLE sealbox_user; DELETE FROM audit_log")
        .output()
        .unwrap();
    assert!(!delete.status.success());
    assert!(String::from_utf8_lossy(&delete.stderr).contains("permission denied"));
    let out = as_user(&["audit", "verify"]);
    check_output(&out, 0);
}
