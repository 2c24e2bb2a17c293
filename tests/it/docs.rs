//! The README's examples, run as written against the real binary in a temp HOME.
//!
//! Each is a fenced code block of README.md containing a `# example: NAME` line. A snippet is
//! what a user pastes, so besides the happy path the tests make a step fail and check that
//! nothing after it ran: the user's files and vault are as they were.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{TestEnv, stderr, stdout};

const MARKER: &str = "# example: ";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The fenced block holding `# example: name`, without its fences.
fn example(name: &str) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let marker = format!("{MARKER}{name}");
    let text = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let mut blocks = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            match current.take() {
                Some(block) => blocks.push(block.join("\n") + "\n"),
                None => current = Some(Vec::new()),
            }
        } else if let Some(block) = current.as_mut() {
            block.push(line);
        }
    }
    let found: Vec<String> = blocks
        .into_iter()
        .filter(|b| b.lines().any(|l| l.trim() == marker))
        .collect();
    assert_eq!(found.len(), 1, "expected one block marked {marker:?}");
    found.into_iter().next().unwrap()
}

/// PATH with the sealbox under test first.
fn path_with_sealbox() -> String {
    let bin = assert_cmd::cargo::cargo_bin("sealbox");
    format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A shell command in `dir` with the test's vault and key, and sealbox on PATH.
fn shell(env: &TestEnv, dir: &Path, program: &str, args: &[&str]) -> Command {
    let mut cmd = env.program_cmd(program);
    cmd.args(args)
        .current_dir(dir)
        .env("PATH", path_with_sealbox());
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

fn chmod_x(path: &Path) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Shell, CI and hooks

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
fn ci_job_checks_then_deploys_with_the_secrets() {
    let yaml = example("ci-job");
    let vault_line = yaml
        .lines()
        .find_map(|l| l.trim().strip_prefix("SEALBOX_VAULT: "))
        .expect("the job sets SEALBOX_VAULT");
    assert!(yaml.contains("SEALBOX_KEY: ${{ secrets.SEALBOX_KEY }}"));
    let script = yaml_run_block(&yaml);

    let env = TestEnv::new();
    let repo = env.home().join("repo");
    std::fs::create_dir_all(repo.join("deploy")).unwrap();
    let deploy = repo.join("deploy.sh");
    std::fs::write(
        &deploy,
        "#!/bin/sh\nset -eu\n[ -z \"${SEALBOX_KEY:-}\" ] || exit 99\n\
         printf '%s|%s' \"$DATABASE_URL\" \"$API_TOKEN\" > deployed\n",
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&deploy)
        .status()
        .unwrap();
    let in_ci = |script: &str| {
        shell(&env, &repo, "bash", &["-e", "-c", script])
            .env("SEALBOX_VAULT", vault_line)
            .output()
            .unwrap()
    };
    check_output(&in_ci("sealbox init"), 0);
    check_output(
        &in_ci("printf 'postgres://db' | sealbox set prod.DATABASE_URL"),
        0,
    );
    // The check stops the job before the deploy while a secret is missing.
    let out = in_ci(&script);
    check_output(&out, 10);
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing  prod.API_TOKEN"));
    assert!(!repo.join("deployed").exists());
    check_output(&in_ci("printf 't0ken' | sealbox set prod.API_TOKEN"), 0);
    check_output(&in_ci(&script), 0);
    assert_eq!(
        std::fs::read_to_string(repo.join("deployed")).unwrap(),
        "postgres://db|t0ken"
    );
}

/// Moves a secret's last update `days` into the past, as if it had been set back then.
fn age(vault: &Path, name: &str, days: i64) {
    let changed = crate::common::sql(vault)
        .execute(
            "UPDATE secrets SET updated_at = updated_at - ?1 WHERE name = ?2",
            rusqlite::params![days * 86_400, name],
        )
        .unwrap();
    assert_eq!(changed, 1);
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
    for name in ["API_TOKEN", "DB_URL", "UNRELATED"] {
        env.cmd(&[
            "--vault",
            repo_vault.to_str().unwrap(),
            "set",
            name,
            "--rotate-every",
            "90d",
        ])
        .write_stdin("v")
        .assert()
        .success();
    }
    age(&repo_vault, "UNRELATED", 100);
    age(&repo_vault, "DB_URL", 100);
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
