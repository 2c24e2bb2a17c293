//! `export` and `import`: tricky values survive bash, zsh, python-dotenv and a round trip into
//! a fresh vault; a bad line imports nothing and never shows a value.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use crate::common::programs::{python_dotenv_available, tool_available};
use crate::common::{TestEnv, stderr};

/// Values that break naive quoting, keyed by the secret names they are stored under.
fn tricky() -> Vec<(&'static str, &'static str)> {
    vec![
        ("DOUBLE", "say \"hi\""),
        ("SINGLE", "it's 'quoted'"),
        ("DOLLAR", "$HOME ${HOME} ${HOME:-x} $(id) $$ $"),
        ("BACKTICK", "`id` and `echo hi`"),
        ("BACKSLASH", "C:\\path\\ \\n \\\" \\' \\\\"),
        ("TRAILING_BACKSLASH", "ends with \\"),
        ("HASH", "value # not a comment #"),
        ("EQUALS", "a=b==c="),
        ("SPACES", "  both ends  "),
        ("NEWLINES", "line 1\nline 2\n\n"),
        ("CR", "crlf\r\nand cr\r"),
        ("TABS", "\ttab\tinside\t"),
        ("UNICODE", "é ✓ 😀 \u{2028} \u{a0}nbsp"),
        ("EMPTY", ""),
        ("CONTROL", "bell\x07 vt\x0b ff\x0c bs\x08 esc\x1b del\x7f"),
        ("QUOTE_ONLY", "'"),
        ("DQUOTE_ONLY", "\""),
        ("BRACE", "${"),
        ("dotted.name-x", "name with punctuation"),
    ]
}

fn store_tricky(env: &TestEnv) {
    for (name, value) in tricky() {
        env.set(name, value.as_bytes());
    }
}

fn export(env: &TestEnv, args: &[&str]) -> Vec<u8> {
    let mut full = vec!["export"];
    full.extend(args);
    let out = env.cmd(&full).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
    out.stdout
}

/// Evaluates `script` with `shell` and returns each variable's exact bytes.
fn eval_in(shell: &str, script: &[u8], vars: &[String], dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = dir.join(format!("exported.{shell}"));
    std::fs::write(&file, script).unwrap();
    let mut program = format!("eval \"$(cat '{}')\"\n", file.display());
    for var in vars {
        program.push_str(&format!(
            "printf '%s' \"${var}\" > '{}/out.{var}'\n",
            dir.display()
        ));
    }
    let status = Command::new(shell).arg("-c").arg(program).status().unwrap();
    assert!(status.success(), "{shell} failed to eval the export");
    vars.iter()
        .map(|var| {
            let bytes = std::fs::read(dir.join(format!("out.{var}"))).unwrap();
            (var.clone(), bytes)
        })
        .collect()
}

#[test]
fn shell_export_evaluates_to_the_exact_bytes_in_bash_and_zsh() {
    let env = TestEnv::with_vault();
    store_tricky(&env);
    let mut binary: Vec<u8> = (1..=255).collect();
    binary.extend_from_slice(b"'\\''");
    env.set("BINARY", &binary);
    let script = export(&env, &["--format", "shell", "--all"]);
    let mut expected: BTreeMap<String, Vec<u8>> = tricky()
        .into_iter()
        .map(|(n, v)| (n.replace(['.', '-'], "_"), v.as_bytes().to_vec()))
        .collect();
    expected.insert("BINARY".into(), binary);
    let vars: Vec<String> = expected.keys().cloned().collect();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(eval_in("bash", &script, &vars, dir.path()), expected);
    if tool_available("zsh", "apt-get install -y zsh") {
        assert_eq!(eval_in("zsh", &script, &vars, dir.path()), expected);
    }
}

/// What python-dotenv's `dotenv_values` (default settings) reads from `path`.
fn python_dotenv(path: &Path) -> BTreeMap<String, String> {
    let out = Command::new("python3")
        .args([
            "-c",
            "import json, sys; from dotenv import dotenv_values; \
             print(json.dumps(dotenv_values(sys.argv[1])))",
        ])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "python-dotenv warned: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn env_export_is_read_back_exactly_by_python_dotenv() {
    if !python_dotenv_available() {
        return;
    }
    let env = TestEnv::with_vault();
    store_tricky(&env);
    let file = env.home().join("exported.env");
    std::fs::write(&file, export(&env, &["--format", "env", "--all"])).unwrap();
    let expected: BTreeMap<String, String> = tricky()
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .collect();
    assert_eq!(python_dotenv(&file), expected);
}

#[test]
fn sealbox_import_reads_dotenv_files_as_python_dotenv_does() {
    if !python_dotenv_available() {
        return;
    }
    let text = "# a comment\n\
                export A=plain value   # trailing comment\n\
                B='single $x \\' \\n'\n\
                C=\"double \\\"q\\\" \\n\\t \\$ \\x é\"\n\
                D=\"multi\nline \\\\ x\"  # c\n\
                E=\n\
                F=a#b\n\
                G = spaced\r\n\
                'H'='quoted key'\n\
                I=${A}-${NOPE:-default}-${ open\n\
                J=\"${B}\"\n\
                \n\
                K=x\\\\\n";
    let env = TestEnv::with_vault();
    let file = env.home().join("hand.env");
    std::fs::write(&file, text).unwrap();
    let expected = python_dotenv(&file);
    assert_eq!(expected.len(), 11);
    env.cmd(&["import", "--format", "env", file.to_str().unwrap()])
        .assert()
        .code(0);
    for (name, value) in expected {
        assert_eq!(env.get(&name), value.as_bytes(), "{name}");
    }
}

/// Exports with `args`, imports into a fresh vault with `import_args`, and compares values.
fn round_trip(export_args: &[&str], import_args: &[&str], names: &[(&str, Vec<u8>)]) {
    let source = TestEnv::with_vault();
    for (name, value) in names {
        source.set(name, value);
    }
    let exported = export(&source, export_args);
    let target = TestEnv::with_vault();
    let file = target.home().join("exported");
    std::fs::write(&file, &exported).unwrap();
    let mut args = vec!["import", file.to_str().unwrap()];
    args.extend(import_args);
    target.cmd(&args).assert().code(0);
    for (name, value) in names {
        assert_eq!(&target.get(name), value, "{name} after {export_args:?}");
    }
    let listed = target.cmd(&["list", "--json"]).output().unwrap().stdout;
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&listed).unwrap();
    assert_eq!(listed.len(), names.len());
}

#[test]
fn export_then_import_gives_identical_values_for_every_format() {
    let names: Vec<(&str, Vec<u8>)> = tricky()
        .into_iter()
        .map(|(n, v)| (n, v.as_bytes().to_vec()))
        .collect();
    round_trip(&["--format", "env", "--all"], &["--format", "env"], &names);
    round_trip(
        &["--format", "json", "--all"],
        &["--format", "json"],
        &names,
    );
    let mut binary = names;
    binary.push(("RAW", (0..=255).collect()));
    round_trip(
        &["--format", "json", "--binary", "base64", "--all"],
        &["--format", "json", "--binary", "base64"],
        &binary,
    );
}

#[test]
fn prefix_is_stripped_on_export_and_prepended_on_import() {
    let source = TestEnv::with_vault();
    source.set("prod.A", b"1");
    source.set("prod.B", b"2");
    source.set("dev.A", b"3");
    let exported = export(&source, &["--format", "env", "--prefix", "prod."]);
    assert_eq!(exported, b"A=\"1\"\nB=\"2\"\n");
    let target = TestEnv::with_vault();
    target
        .cmd(&["import", "--format", "env", "--prefix", "staging.", "-"])
        .write_stdin(exported)
        .assert()
        .code(0);
    assert_eq!(target.get("staging.A"), b"1");
    assert_eq!(target.get("staging.B"), b"2");
    let only = export(&source, &["--format", "json", "--only", "dev.A,prod.B"]);
    assert_eq!(only, b"{\n  \"dev.A\": \"3\",\n  \"prod.B\": \"2\"\n}\n");
}

#[test]
fn values_a_format_cannot_carry_are_refused_naming_the_secret() {
    let env = TestEnv::with_vault();
    env.set("BIN", b"\xffs3cret");
    env.set("NUL", b"a\0s3cret");
    env.set("9digit", b"x");
    let cases: [(&[&str], &str); 4] = [
        (
            &["--format", "json", "--only", "BIN"],
            "cannot export BIN: the value is not UTF-8",
        ),
        (
            &["--format", "env", "--only", "BIN"],
            "cannot export BIN: the value is not UTF-8",
        ),
        (
            &["--format", "shell", "--only", "NUL"],
            "cannot export NUL: the value contains a NUL",
        ),
        (
            &["--format", "shell", "--only", "9digit"],
            "cannot export 9digit: \"9digit\" is not a shell variable name",
        ),
    ];
    for (args, message) in cases {
        let mut full = vec!["export"];
        full.extend(args);
        let out = env.cmd(&full).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty());
        let err = stderr(&out);
        assert!(err.starts_with(&format!("error: {message}")), "{err}");
        assert!(!err.contains("s3cret"));
    }
    env.cmd(&["export", "--format", "json", "--only", "MISSING"])
        .assert()
        .code(3);
    env.cmd(&["export", "--format", "env", "--binary", "base64", "--all"])
        .assert()
        .code(2);
}

#[test]
fn a_bad_line_in_the_middle_imports_nothing_and_names_the_line() {
    let env = TestEnv::with_vault();
    env.set("EXISTING", b"before");
    let before = env.vault_files();
    let cases: [(&str, &str, &str); 5] = [
        (
            "env",
            "A=s3cret-a\nB=\"s3cret-b\"\nC s3cret-c\nD=s3cret-d\n",
            "line 3",
        ),
        ("env", "A=s3cret-a\nB=\"s3cret-b\nD=s3cret-d\n", "line 2"),
        (
            "env",
            "A=s3cret-a\nbad/name=s3cret-b\nD=s3cret-d\n",
            "line 2",
        ),
        (
            "env",
            "A=s3cret-a\nB=s3cret-b\nA=s3cret-d\n",
            "line 3: A appears twice",
        ),
        (
            "json",
            "{\n\"A\": \"s3cret-a\",\n\"B\": s3cret-b,\n\"D\": \"s3cret-d\"\n}",
            "line 3",
        ),
    ];
    for (format, text, line) in cases {
        let out = env
            .cmd(&["import", "--format", format, "-"])
            .write_stdin(text)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{text:?}");
        let err = stderr(&out);
        assert!(err.contains(line), "{text:?}: {err}");
        assert!(err.contains("nothing was imported"), "{err}");
        assert!(!err.contains("s3cret"), "a value leaked: {err}");
        assert_eq!(env.vault_files(), before, "the vault changed");
    }
}

#[test]
fn exporting_to_a_terminal_warns() {
    if !tool_available("script", "apt-get install -y bsdutils") {
        return;
    }
    let env = TestEnv::with_vault();
    env.set("A", b"x");
    let bin = assert_cmd::cargo::cargo_bin("sealbox");
    // script(1) gives the command a pseudo-terminal and copies what it shows to stdout.
    let out = env
        .program_cmd("script")
        .args([
            "-qec",
            &format!("'{}' export --format env --all", bin.display()),
            "/dev/null",
        ])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{shown}");
    assert!(
        shown.contains("warning: writing secret values in clear to the terminal"),
        "{shown}"
    );
    assert!(shown.contains("A=\"x\""), "{shown}");
}

/// A deterministic stream of awkward strings: quotes, escapes, `${`, comment and newline
/// characters, Unicode and the whitespace Python treats specially.
fn awkward_values(count: usize) -> Vec<String> {
    const PIECES: &[&str] = &[
        "\\", "\"", "'", "$", "{", "}", "${", "#", " #", "=", " ", "\n", "\r", "\t", "a", "Z", "é",
        "😀", "\u{7}", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}", "\u{2028}", "\\n",
        "export ", ":-",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 12) as usize;
            (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn awkward_values_survive_env_export_in_python_dotenv_and_import() {
    let count: usize = std::env::var("SEALBOX_TEST_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
        * 200;
    let values = awkward_values(count);
    let expected: BTreeMap<String, String> = values
        .iter()
        .enumerate()
        .map(|(i, v)| (format!("V{i:04}"), v.clone()))
        .collect();
    let json = serde_json::to_vec(&expected).unwrap();
    let source = TestEnv::with_vault();
    source
        .cmd(&["import", "--format", "json", "-"])
        .write_stdin(json)
        .assert()
        .code(0);
    let exported = export(&source, &["--format", "env", "--all"]);
    let target = TestEnv::with_vault();
    target
        .cmd(&["import", "--format", "env", "-"])
        .write_stdin(exported.clone())
        .assert()
        .code(0);
    let back = target
        .cmd(&["export", "--format", "json", "--all"])
        .output()
        .unwrap();
    let back: BTreeMap<String, String> = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(back, expected);
    if python_dotenv_available() {
        let file = target.home().join("awkward.env");
        std::fs::write(&file, &exported).unwrap();
        assert_eq!(python_dotenv(&file), expected);
    }
}

/// Reads each text as a .env file with python-dotenv: its values, and whether it warned about
/// a line it could not parse.
fn python_dotenv_many(
    texts: &[String],
    dir: &Path,
) -> Vec<(BTreeMap<String, Option<String>>, bool)> {
    let program = r#"
import io, json, logging, sys
from dotenv import dotenv_values
results = []
for i, text in enumerate(json.load(sys.stdin)):
    path = f"{sys.argv[1]}/case{i}.env"
    with open(path, "w", newline="") as f:
        f.write(text)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger("dotenv.main").addHandler(handler)
    values = dotenv_values(path)
    logging.getLogger("dotenv.main").removeHandler(handler)
    results.append([values, bool(stream.getvalue())])
print(json.dumps(results))
"#;
    let mut child = Command::new("python3")
        .args(["-c", program])
        .arg(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    serde_json::to_writer(child.stdin.take().unwrap(), texts).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Generated .env texts: keys with and without `export` and quotes, every quoting style, and
/// values built from the characters the grammar treats specially.
fn generated_dotenv_files(count: usize) -> Vec<String> {
    const KEYS: &[&str] = &["A", "B", "C", "export A", "export  B", "'C'", "D"];
    const SEPARATORS: &[&str] = &["=", " = ", "= "];
    const QUOTES: &[&str] = &["", "\"", "'"];
    const TAILS: &[&str] = &["", "  # comment", " #x", "#y"];
    let values = awkward_values(count * 3);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut values = values.into_iter();
    (0..count)
        .map(|_| {
            let lines = 1 + next(3);
            let mut text = String::new();
            for i in 0..lines {
                let quote = QUOTES[next(QUOTES.len())];
                text.push_str(KEYS[next(KEYS.len())]);
                text.push_str(SEPARATORS[next(SEPARATORS.len())]);
                text.push_str(quote);
                text.push_str(&values.next().unwrap());
                text.push_str(quote);
                text.push_str(TAILS[next(TAILS.len())]);
                if i + 1 < lines || next(2) == 0 {
                    text.push('\n');
                }
            }
            text
        })
        .collect()
}

#[test]
fn import_agrees_with_python_dotenv_on_generated_files() {
    if !python_dotenv_available() {
        return;
    }
    let scale: usize = std::env::var("SEALBOX_TEST_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let texts = generated_dotenv_files(60 * scale);
    let env = TestEnv::new();
    let python = python_dotenv_many(&texts, env.home());
    let mut imported = 0;
    for (i, (text, (expected, warned))) in texts.iter().zip(python).enumerate() {
        let vault = env.home().join(format!("case{i}.db"));
        let vault = vault.to_str().unwrap();
        env.cmd(&["--vault", vault, "init", "-q"]).assert().code(0);
        let out = env
            .cmd(&["--vault", vault, "import", "--format", "env", "-"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        let err = stderr(&out);
        if out.status.success() {
            imported += 1;
            assert!(
                !warned,
                "python-dotenv could not parse what sealbox imported: {text:?}"
            );
            let back = env
                .cmd(&["--vault", vault, "export", "--format", "json", "--all"])
                .output()
                .unwrap();
            let back: BTreeMap<String, Option<String>> =
                serde_json::from_slice(&back.stdout).unwrap();
            assert_eq!(back, expected, "{text:?}");
        } else {
            assert_eq!(out.status.code(), Some(2), "{text:?}: {err}");
            // Refusals are the documented departures, or lines python-dotenv skipped too.
            let departure = [
                "appears twice",
                "has no '='",
                "refers with ${...}",
                "invalid name",
            ]
            .iter()
            .any(|d| err.contains(d));
            assert!(warned || departure, "sealbox refused {text:?}: {err}");
        }
    }
    assert!(
        imported > texts.len() / 4,
        "only {imported} of {} imported",
        texts.len()
    );
}
