//! The committed completion scripts and man pages: fresh, and accepted by the programs that
//! read them (bash, zsh, fish, mandoc).
//!
//! Rewrite the committed files with:
//! SEALBOX_WRITE_ASSETS=1 cargo test --locked --test it assets::committed_assets

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use crate::common::programs::tool_available;

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
    // The example; it names rotate-master whenever that subcommand exists.
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
