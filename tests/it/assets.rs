//! The committed completion scripts and man pages: fresh, and accepted by the programs that
//! read them (bash, zsh, fish, mandoc).
//!
//! Rewrite the committed files with:
//! SEALBOX_WRITE_ASSETS=1 cargo test --locked --test it assets::committed_assets

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use crate::common::programs::tool_available;
use crate::common::{TestEnv, path_with_sealbox};

const REWRITE: &str =
    "SEALBOX_WRITE_ASSETS=1 cargo test --locked --test it assets::committed_assets";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn committed(dir: &str) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.expect("read dir entry").path())
        .map(|path| {
            let rel = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
            (rel, std::fs::read(&path).expect("read committed file"))
        })
        .collect()
}

#[test]
fn committed_assets_match_the_command_line_definition() {
    let fresh: BTreeMap<String, Vec<u8>> = sealbox::generated_files().into_iter().collect();
    if std::env::var_os("SEALBOX_WRITE_ASSETS").is_some() {
        for dir in ["completions", "man"] {
            let _ = std::fs::remove_dir_all(root().join(dir));
            std::fs::create_dir_all(root().join(dir)).unwrap();
        }
        for (path, bytes) in &fresh {
            std::fs::write(root().join(path), bytes).unwrap();
        }
    }
    let mut on_disk = committed("completions");
    on_disk.extend(committed("man"));
    let mut problems = Vec::new();
    for (path, bytes) in &fresh {
        match on_disk.get(path) {
            None => problems.push(format!("{path} is missing")),
            Some(old) if old != bytes => problems.push(format!("{path} is out of date")),
            Some(_) => {}
        }
    }
    for path in on_disk.keys().filter(|p| !fresh.contains_key(*p)) {
        problems.push(format!("{path} is no longer generated"));
    }
    assert!(
        problems.is_empty(),
        "the committed completion scripts and man pages differ from the command-line definition:\n  {}\nrewrite them with: {REWRITE}",
        problems.join("\n  ")
    );
}

fn run_ok(program: &str, args: &[&str]) -> String {
    let out = Command::new(program).args(args).output().expect("run tool");
    assert!(
        out.status.success(),
        "{program} {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn script(name: &str) -> String {
    root()
        .join("completions")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn completion_scripts_parse_in_their_shells() {
    run_ok("bash", &["-n", &script("sealbox.bash")]);
    if tool_available("zsh", "apt-get install -y zsh") {
        run_ok("zsh", &["-n", &script("_sealbox")]);
    }
    if tool_available("fish", "apt-get install -y fish") {
        run_ok("fish", &["--no-execute", &script("sealbox.fish")]);
        let program = format!(
            "source '{}'; complete -C'sealbox ru'",
            script("sealbox.fish")
        );
        let offered = run_ok("fish", &["-c", &program]);
        assert!(offered.lines().any(|l| l.starts_with("run\t")), "{offered}");
    }
}

/// The subcommands `sealbox --help` lists: the clap definition as users see it.
pub(crate) fn subcommands() -> Vec<String> {
    let out = assert_cmd::Command::cargo_bin("sealbox")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    help.lines()
        .skip_while(|line| *line != "Commands:")
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        // Deeper indentation is a wrapped description, not a subcommand.
        .filter(|line| !line[2..].starts_with(' '))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect()
}

/// What bash's completion offers for `sealbox WORD<TAB>`.
fn bash_complete(word: &str) -> Vec<String> {
    let program = format!(
        "source '{}'; COMP_WORDS=(sealbox '{word}'); COMP_CWORD=1; COMP_LINE='sealbox {word}'; \
         COMP_POINT=${{#COMP_LINE}}; _sealbox sealbox '{word}' sealbox; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script("sealbox.bash")
    );
    let mut offered: Vec<String> = run_ok("bash", &["-c", &program])
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    offered.sort();
    offered
}

#[test]
fn bash_completes_every_subcommand_from_its_first_letters() {
    let subcommands = subcommands();
    assert!(subcommands.contains(&"run".to_owned()), "{subcommands:?}");
    let mut prefixes: Vec<String> = subcommands.iter().map(|s| s[..2].to_owned()).collect();
    // The issue's example; it names rotate-master whenever that subcommand exists.
    prefixes.push("ro".into());
    prefixes.sort();
    prefixes.dedup();
    for prefix in prefixes {
        let mut expected: Vec<String> = subcommands
            .iter()
            .filter(|s| s.starts_with(&prefix))
            .cloned()
            .collect();
        // `help` is offered by bash (clap's implicit subcommand) but not listed above.
        if "help".starts_with(&prefix) {
            expected.push("help".into());
        }
        expected.sort();
        assert_eq!(
            bash_complete(&prefix),
            expected,
            "completing `sealbox {prefix}`"
        );
    }
    if subcommands.contains(&"rotate-master".to_owned()) {
        assert!(bash_complete("ro").contains(&"rotate-master".to_owned()));
    }
}

#[test]
fn man_pages_pass_mandoc_lint() {
    if !tool_available("mandoc", "apt-get install -y mandoc") {
        return;
    }
    let pages: Vec<PathBuf> = committed("man").keys().map(|p| root().join(p)).collect();
    assert!(pages.iter().any(|p| p.ends_with("sealbox.1")));
    assert!(pages.iter().any(|p| p.ends_with("sealbox-run.1")));
    for page in &pages {
        // -W warning: errors and warnings both fail; style notes are allowed.
        let out = Command::new("mandoc")
            .args(["-T", "lint", "-W", "warning"])
            .arg(page)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mandoc -T lint {}:\n{}{}",
            page.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let top = std::fs::read_to_string(root().join("man/sealbox.1")).unwrap();
    for section in ["EXIT STATUS", "ENVIRONMENT", "SEALBOX_KEY", "findings"] {
        assert!(top.contains(section), "man/sealbox.1 lacks {section}");
    }
}

/// Every man page a page refers to as `NAME(1)` or `.BR NAME (1)`, roff escapes removed.
fn page_references(roff: &str) -> Vec<String> {
    let text = roff
        .replace("\\-", "-")
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\fP", "");
    let mut refs = Vec::new();
    for (at, _) in text.match_indices("(1)") {
        let before = text[..at].strip_suffix(' ').unwrap_or(&text[..at]);
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .map_or(0, |i| i + 1);
        let name = &before[start..];
        if name.starts_with("sealbox") {
            refs.push(name.to_owned());
        }
    }
    refs
}

#[test]
fn man_pages_refer_only_to_pages_that_exist() {
    let pages = committed("man");
    assert!(pages.contains_key("man/sealbox.1"));
    let mut dangling = Vec::new();
    let mut seen = 0;
    for (path, bytes) in &pages {
        for name in page_references(&String::from_utf8_lossy(bytes)) {
            seen += 1;
            if !pages.contains_key(&format!("man/{name}.1")) {
                dangling.push(format!("{path} refers to {name}(1)"));
            }
        }
    }
    assert!(seen > pages.len(), "found too few references: {seen}");
    assert!(
        dangling.is_empty(),
        "man pages refer to pages that do not exist:\n  {}",
        dangling.join("\n  ")
    );
}

/// A vault with a few names, for the secret-name completion tests.
fn vault_with_names() -> TestEnv {
    let env = TestEnv::with_vault();
    for name in ["prod.API_KEY", "prod.DB_URL", "staging.API_KEY"] {
        env.set(name, b"v");
    }
    env
}

/// `program` with the test's HOME and vault, sealbox on PATH and no credential: completing
/// names must not need one.
fn completing_shell(env: &TestEnv, program: &str) -> Command {
    let mut cmd = env.program_cmd(program);
    cmd.env_remove("SEALBOX_KEY")
        .env("PATH", path_with_sealbox());
    cmd
}

/// What bash's completion offers when the words of the line are `words` (as bash splits
/// them, `--only=A` being `--only`, `=`, `A`), the last one being completed.
fn bash_offers(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE=\"${{COMP_WORDS[*]}}\"; \
         COMP_POINT=${{#COMP_LINE}}; _sealbox_with_names sealbox \"${{COMP_WORDS[COMP_CWORD]}}\" \
         \"${{COMP_WORDS[COMP_CWORD-1]}}\"; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script("sealbox.bash"),
        quoted.join(" "),
        words.len() - 1
    );
    completions(env, "bash", &program)
}

/// Runs `program` in `shell` (see [`completing_shell`]) and returns the candidates it prints,
/// one per line (a fish description after a tab left out), sorted.
fn completions(env: &TestEnv, shell: &str, program: &str) -> Vec<String> {
    let out = completing_shell(env, shell)
        .args(["-c", program])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').next().unwrap_or("").to_owned())
        .collect();
    offered.sort();
    offered
}

#[test]
fn list_names_only_prints_the_names_a_script_or_a_shell_can_use() {
    let env = vault_with_names();
    // A name no command accepts (only an edited file holds one) is left out.
    env.sql()
        .execute_batch(
            "INSERT INTO secrets (name, description, rotate_every, created_at, updated_at, version, kept_from)
                VALUES ('evil\nname', NULL, NULL, 1, 1, 1, 1);
             INSERT INTO versions VALUES ('evil\nname', 1, 1, 1, zeroblob(12), zeroblob(48), 0);",
        )
        .unwrap();
    env.bare_cmd(&["list", "--names-only"])
        .assert()
        .code(0)
        .stdout("prod.API_KEY\nprod.DB_URL\nstaging.API_KEY\n")
        .stderr("");
    env.bare_cmd(&["ls", "--names-only", "--prefix", "prod."])
        .assert()
        .code(0)
        .stdout("prod.API_KEY\nprod.DB_URL\n");
    env.bare_cmd(&["list", "--names-only", "--json"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn bash_completes_secret_names_where_a_name_goes() {
    let env = vault_with_names();
    let all = ["prod.API_KEY", "prod.DB_URL", "staging.API_KEY"];
    let prod = ["prod.API_KEY", "prod.DB_URL"];
    for (words, expected) in [
        (&["sealbox", "get", "pr"][..], &prod[..]),
        (&["sealbox", "show", ""], &all),
        (&["sealbox", "set", "prod.D"], &["prod.DB_URL"]),
        (&["sealbox", "meta", "st"], &["staging.API_KEY"]),
        (
            &["sealbox", "delete", "prod.API_KEY", "st"],
            &["staging.API_KEY"],
        ),
        (&["sealbox", "rm", "pr"], &prod),
        (&["sealbox", "get", "--version", "2", "pr"], &prod),
        (&["sealbox", "-q", "get", "pr"], &prod),
        (
            &["sealbox", "run", "--only", "prod.API_KEY,st"],
            &["prod.API_KEY,staging.API_KEY"],
        ),
        (
            &["sealbox", "run", "--only", "=", "prod.D"],
            &["prod.DB_URL"],
        ),
        (&["sealbox", "export", "--only", ""], &all),
        (
            &["sealbox", "check", "--require", "prod.A"],
            &["prod.API_KEY"],
        ),
    ] {
        assert_eq!(bash_offers(&env, words), expected, "completing {words:?}");
    }
    // Where no name goes, clap's completion stands: options, or the command after --.
    for words in [
        &["sealbox", "get", "prod.API_KEY", ""][..],
        &["sealbox", "get", "--"],
        &["sealbox", "run", "--only", "A", "--", "pr"],
        &["sealbox", "list", "--prefix", "pr"],
        &["sealbox", "init", "--label", "pr"],
    ] {
        let offered = bash_offers(&env, words);
        assert!(
            !offered.iter().any(|o| o.contains("prod.")),
            "completing {words:?} offered names: {offered:?}"
        );
    }
    // The subcommands still complete as before.
    assert_eq!(bash_offers(&env, &["sealbox", "me"]), ["meta"]);
    // A --vault on the line is the vault the names come from.
    let other = TestEnv::with_vault();
    other.set("other.ONLY", b"v");
    let vault = other.vault.to_str().unwrap();
    assert_eq!(
        bash_offers(&env, &["sealbox", "--vault", vault, "get", ""]),
        ["other.ONLY"]
    );
    assert_eq!(
        bash_offers(&env, &["sealbox", "get", "--vault", "=", vault, ""]),
        ["other.ONLY"]
    );
}

/// Types `line` and a Tab into an interactive `shell` (bash or zsh, started with `args` and
/// set up by `setup`) on a real terminal, and asserts the line then reads `expected`.
fn completes_on_a_terminal(env: &TestEnv, shell: &[&str], setup: &str, line: &str, expected: &str) {
    let mut argv: Vec<String> = shell.iter().map(|s| s.to_string()).collect();
    // The pty helper execs without a PATH search.
    argv[0] = run_ok("sh", &["-c", &format!("command -v {}", shell[0])])
        .trim()
        .to_owned();
    let vars = serde_json::json!({
        "HOME": env.home(),
        "SEALBOX_VAULT": env.vault,
        "PATH": path_with_sealbox(),
        "TERM": "dumb",
        "PS1": "$ ",
        "PROMPT": "$ ",
    });
    let steps = serde_json::json!([
        ["send", format!("{setup}\r")],
        ["expect", "SET UP"],
        ["send", format!("{line}\t")],
        ["expect", expected],
        // Ctrl-U empties the line (in bash's readline and zsh's line editor alike); a Ctrl-C
        // here would race with the exit typed after it.
        ["send", "\u{15}exit\r"],
    ]);
    let report = crate::common::programs::on_pty(&argv, vars, steps);
    assert_eq!(
        report["error"],
        serde_json::Value::Null,
        "{shell:?}: completing {line:?} did not give {expected:?}: {report}"
    );
}

#[test]
fn bash_completes_names_on_a_real_terminal() {
    let env = vault_with_names();
    let setup = format!("source '{}'; echo SET' 'UP", script("sealbox.bash"));
    let bash = ["bash", "--norc", "--noprofile", "-i"];
    completes_on_a_terminal(
        &env,
        &bash,
        &setup,
        "sealbox get prod.AP",
        "sealbox get prod.API_KEY ",
    );
    // bash splits --only=A at the '='; the '=' stays on the line.
    completes_on_a_terminal(
        &env,
        &bash,
        &setup,
        "sealbox run --only=prod.API_KEY,st",
        "sealbox run --only=prod.API_KEY,staging.API_KEY ",
    );
}

#[test]
fn zsh_completes_names_on_a_real_terminal() {
    if !tool_available("zsh", "apt-get install -y zsh") {
        return;
    }
    let env = vault_with_names();
    let dump = env.home().join("zcompdump");
    let setup = format!(
        "autoload -Uz compinit; compinit -u -d '{}'; source '{}'; echo SET' 'UP",
        dump.display(),
        script("_sealbox")
    );
    let zsh = ["zsh", "-f", "-i"];
    for (line, expected) in [
        ("sealbox get prod.AP", "sealbox get prod.API_KEY "),
        (
            "sealbox rm prod.API_KEY st",
            "sealbox rm prod.API_KEY staging.API_KEY ",
        ),
        ("sealbox meta prod.D", "sealbox meta prod.DB_URL "),
        // _sequence completes the item after the last comma.
        (
            "sealbox run --only prod.API_KEY,st",
            "sealbox run --only prod.API_KEY,staging.API_KEY",
        ),
        (
            "sealbox check --require=prod.D",
            "sealbox check --require=prod.DB_URL",
        ),
    ] {
        completes_on_a_terminal(&env, &zsh, &setup, line, expected);
    }
}

#[test]
fn fish_completes_secret_names() {
    if !tool_available("fish", "apt-get install -y fish") {
        return;
    }
    let env = vault_with_names();
    let offered = |line: &str| -> Vec<String> {
        let program = format!("source '{}'; complete -C'{line}'", script("sealbox.fish"));
        completions(&env, "fish", &program)
    };
    assert_eq!(offered("sealbox get pr"), ["prod.API_KEY", "prod.DB_URL"]);
    assert_eq!(offered("sealbox rm prod.API_KEY st"), ["staging.API_KEY"]);
    assert_eq!(offered("sealbox meta prod.D"), ["prod.DB_URL"]);
    assert_eq!(offered("sealbox run --only prod.A"), ["prod.API_KEY"]);
    assert_eq!(
        offered("sealbox export --only=prod.API_KEY,st"),
        ["--only=prod.API_KEY,staging.API_KEY"]
    );
    assert_eq!(offered("sealbox check --require st"), ["staging.API_KEY"]);
    let other = TestEnv::with_vault();
    other.set("other.ONLY", b"v");
    assert_eq!(
        offered(&format!("sealbox --vault {} show ", other.vault.display())),
        ["other.ONLY"]
    );
}
