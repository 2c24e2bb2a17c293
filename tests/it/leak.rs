//! Issue 11: leak defence. `redact` leaves no stored value in any printed form, across read
//! boundaries and inside longer base64; `run --redact` filters a command's stdout and stderr
//! apart, passes its status and the signals sent to sealbox; `scan` finds values in a work
//! tree and in the git index, names them and never prints them.

use std::io::{Read, Write};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, base64, contains, forms, stderr, stdout};

/// A value with every character the escapes treat specially.
const TRICKY: &[u8] = b"p@ss/w0rd\"it's+$HOME`x\\y";
const PEM: &[u8] = b"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nVJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDu\n-----END PRIVATE KEY-----\n";

fn env_with_secrets() -> TestEnv {
    let env = TestEnv::with_vault();
    env.set("TRICKY", TRICKY);
    env.set("TOKEN", b"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB");
    env.set("PEM", PEM);
    env.set("PORT", b"8080");
    env
}

/// Every form `value` takes when printed, as the issue lists them.
fn printed_forms(value: &[u8]) -> Vec<Vec<u8>> {
    let mut all = forms(value);
    let percent: Vec<u8> = value
        .iter()
        .flat_map(|&b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                vec![b]
            } else {
                format!("%{b:02X}").into_bytes()
            }
        })
        .collect();
    all.push(percent);
    let json = serde_json::to_string(std::str::from_utf8(value).unwrap()).unwrap();
    all.push(json.trim_matches('"').as_bytes().to_vec());
    let single: Vec<u8> = value
        .iter()
        .flat_map(|&b| {
            if b == b'\'' {
                b"'\\''".to_vec()
            } else {
                vec![b]
            }
        })
        .collect();
    all.push(single);
    all
}

fn redact(env: &TestEnv, input: &std::path::Path, args: &[&str]) -> Output {
    let mut all = vec!["redact"];
    all.extend_from_slice(args);
    env.cmd(&all).pipe_stdin(input).unwrap().output().unwrap()
}

#[test]
fn redact_leaves_no_value_in_any_form_and_passes_clean_text_unchanged() {
    let env = env_with_secrets();
    let token = b"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    let mut input: Vec<u8> = Vec::new();
    for form in printed_forms(TRICKY)
        .iter()
        .chain(printed_forms(token).iter())
    {
        input.extend_from_slice(b"value: ");
        input.extend_from_slice(form);
        input.extend_from_slice(b" end\n");
    }
    // Inside a longer base64 blob, at each offset.
    for before in ["", "x", "xy"] {
        let blob = [before.as_bytes(), token, b"-trailer"].concat();
        input.extend_from_slice(b"blob ");
        input.extend_from_slice(&base64(&blob, false, true));
        input.push(b'\n');
    }
    // The PEM key as a log would show it, and each of its lines quoted alone.
    input.extend_from_slice(PEM);
    input.extend_from_slice(b"line: VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDu\n");
    // One split across the 64 KiB read boundary (stdin is a file, read in 64 KiB blocks).
    input.resize(65536 - 10, b'.');
    input.extend_from_slice(token);
    input.extend_from_slice(b"\nport 8080 stays\n");
    let file = env.home().join("in.txt");
    std::fs::write(&file, &input).unwrap();
    let out = redact(&env, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "not looking for 1 value shorter than 8 bytes: PORT (--min-length N changes it)\n"
    );
    let text = out.stdout;
    let pem_lines: Vec<&[u8]> = PEM
        .split(|&b| b == b'\n')
        .filter(|l| l.len() > 8 && !l.starts_with(b"-----"))
        .collect();
    for secret in [TRICKY, token] {
        for form in printed_forms(secret) {
            assert!(
                !contains(&text, &form),
                "left in the output: {}",
                String::from_utf8_lossy(&form)
            );
        }
    }
    for line in &pem_lines {
        assert!(!contains(&text, line), "{}", String::from_utf8_lossy(line));
    }
    // No base64 run of the token's inner groups survives either.
    for skip in 0..3 {
        let inner = base64(&token[skip..], false, false);
        assert!(
            !contains(&text, &inner[4..inner.len() - 4]),
            "offset {skip}"
        );
    }
    let shown = String::from_utf8_lossy(&text);
    assert!(shown.contains("value: [REDACTED:TRICKY] end\n"), "{shown}");
    assert!(shown.contains("[REDACTED:PEM]"), "{shown}");
    assert!(
        shown.ends_with("[REDACTED:TOKEN]\nport 8080 stays\n"),
        "{shown}"
    );
    // --mask, and text with no secret in it, byte for byte.
    let out = redact(&env, &file, &["--mask", "-q"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("value: *** end\n"));
    let clean: Vec<u8> = (0..2_000_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
        .collect();
    std::fs::write(&file, &clean).unwrap();
    let out = redact(&env, &file, &["-q"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == clean, "clean input changed");
    // Recorded like any read: which secrets were loaded.
    let last = env.audit_lines().pop().unwrap();
    assert_eq!(last["action"], "redact");
    assert_eq!(last["secrets"].as_array().unwrap().len(), 4);
}

#[test]
fn redact_writes_each_line_as_soon_as_it_is_read() {
    let env = env_with_secrets();
    let mut child = env
        .bare_std_cmd(&["redact", "-q"])
        .env("SEALBOX_KEY", &env.key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdin
        .write_all(b"first ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n")
        .unwrap();
    stdin.flush().unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 256];
    let started = Instant::now();
    while !got.ends_with(b"\n") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "redact ended early");
        got.extend_from_slice(&buf[..n]);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the line was held back"
        );
    }
    assert_eq!(got, b"first [REDACTED:TOKEN]\n");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn run_redact_filters_stdout_and_stderr_apart_and_passes_the_status() {
    let env = env_with_secrets();
    let out = env
        .cmd(&[
            "run",
            "--redact",
            "--only",
            "TOKEN,PORT",
            "--",
            "sh",
            "-c",
            "echo \"out $TOKEN\"; echo \"err $TOKEN\" >&2; echo \"port $PORT\"; exit 3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(stdout(&out), "out [REDACTED:TOKEN]\nport 8080\n");
    assert_eq!(
        stderr(&out),
        "warning: not redacting 1 value shorter than 8 bytes: PORT\nerr [REDACTED:TOKEN]\n"
    );
    // A command ended by a signal: 128 + N.
    let out = env
        .cmd(&[
            "run",
            "--redact",
            "--only",
            "TOKEN",
            "--",
            "sh",
            "-c",
            "kill -KILL $$",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(137), "{}", stderr(&out));
    // Without --redact, run still becomes the command.
    let out = env
        .cmd(&["run", "--only", "TOKEN", "--", "sh", "-c", "echo $TOKEN"])
        .output()
        .unwrap();
    assert_eq!(stdout(&out), "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB\n");
}

#[test]
fn a_sigterm_sent_to_run_redact_reaches_the_command() {
    let env = env_with_secrets();
    let mut child = env
        .bare_std_cmd(&[
            "run", "--redact", "--only", "TOKEN", "--", "sh", "-c",
            "trap 'echo \"got TERM with $TOKEN\"; exit 7' TERM; echo ready; while :; do sleep 0.05; done",
        ])
        .env("SEALBOX_KEY", &env.key)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 256];
    while !got.ends_with(b"ready\n") {
        let n = stdout.read(&mut buf).unwrap();
        assert!(n > 0, "the command did not start");
        got.extend_from_slice(&buf[..n]);
    }
    let sealbox = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &sealbox])
            .status()
            .unwrap()
            .success()
    );
    stdout.read_to_end(&mut got).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(7));
    assert_eq!(got, b"ready\ngot TERM with [REDACTED:TOKEN]\n");
}

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@e",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .status()
        .expect("git");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn scan_names_each_value_where_it_is_never_prints_it_and_exits_10() {
    let env = env_with_secrets();
    let repo = env.home().join("repo");
    std::fs::create_dir_all(repo.join("src")).unwrap();
    git(&repo, &["init", "-q"]);
    let token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    std::fs::write(
        repo.join("src/app.py"),
        format!("import os\n\nkey = \"{token}\"\n"),
    )
    .unwrap();
    std::fs::write(
        repo.join(".env"),
        format!(
            "TOKEN={}\n",
            String::from_utf8_lossy(&base64(token.as_bytes(), false, true))
        ),
    )
    .unwrap();
    std::fs::write(
        repo.join("blob.bin"),
        [&[0u8, 159, 146, 150][..], token.as_bytes(), &[0xff]].concat(),
    )
    .unwrap();
    std::fs::write(repo.join(".gitignore"), "ignored.log\nsecret.conf\n").unwrap();
    std::fs::write(repo.join("ignored.log"), token).unwrap();
    // Ignored, but tracked all the same: in the repository, so scanned.
    std::fs::write(repo.join("secret.conf"), format!("{token}\n")).unwrap();
    git(&repo, &["add", "-f", "secret.conf"]);
    std::fs::write(repo.join("clean.txt"), "nothing here, port 8080\n").unwrap();
    let scan = |args: &[&str]| {
        let mut all = vec!["scan"];
        all.extend_from_slice(args);
        env.cmd(&all).current_dir(&repo).output().unwrap()
    };
    let out = scan(&[]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    lines.sort();
    assert_eq!(
        lines,
        [
            "./.env:1:7 TOKEN base64",
            "./blob.bin:1:5 TOKEN raw",
            "./secret.conf:1:1 TOKEN raw",
            "./src/app.py:3:8 TOKEN raw",
        ]
    );
    assert!(!contains(&out.stdout, token.as_bytes()) && !contains(&out.stderr, token.as_bytes()));
    assert!(stderr(&out).ends_with("found 4 stored values in 4 files; remove them, and rotate any that were committed or shared\n"), "{}", stderr(&out));
    // A clean path exits 0.
    let out = scan(&["clean.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    // --staged reads the index: a value staged and then removed from the work tree is still
    // found, and one only in the work tree is not.
    git(&repo, &["add", "src/app.py", "clean.txt"]);
    std::fs::write(repo.join("src/app.py"), "import os\n").unwrap();
    std::fs::write(repo.join("clean.txt"), format!("now {token}\n")).unwrap();
    let out = scan(&["--staged"]);
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "secret.conf:1:1 TOKEN raw\nsrc/app.py:3:8 TOKEN raw\n"
    );
    // Staging the fixes clears it; clean.txt's staged content is still the clean one.
    git(&repo, &["add", "src/app.py"]);
    git(&repo, &["rm", "-q", "--cached", "secret.conf"]);
    let out = scan(&["--staged"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn get_masked_shows_a_preview_only() {
    let env = env_with_secrets();
    let out = env.cmd(&["get", "TOKEN", "--masked"]).output().unwrap();
    assert_eq!(stdout(&out), "ghp_…(42)…AB\n");
    let last = env.audit_lines().pop().unwrap();
    assert_eq!(last["action"], "get --masked");
}

#[test]
fn the_escapes_of_common_runtimes_are_redacted_too() {
    let env = TestEnv::with_vault();
    env.set("JSPW", b"P@ss!word(2024)*");
    env.set("PYQ", b"sk/live+token=value");
    env.set("UNI", "caf\u{e9}-secret-123".as_bytes());
    env.set("GOJS", b"a&b<c>d-secretXYZ");
    let input = "encodeURIComponent P%40ss!word(2024)*\n\
                 URLSearchParams pw=P%40ss%21word%282024%29*\n\
                 quote sk/live%2Btoken%3Dvalue\n\
                 json.dumps \"caf\\u00e9-secret-123\"\n\
                 json.Marshal \"a\\u0026b\\u003cc\\u003ed-secretXYZ\"\n";
    let out = env
        .cmd(&["redact", "-q"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "encodeURIComponent [REDACTED:JSPW]\n\
         URLSearchParams pw=[REDACTED:JSPW]\n\
         quote [REDACTED:PYQ]\n\
         json.dumps \"[REDACTED:UNI]\"\n\
         json.Marshal \"[REDACTED:GOJS]\"\n"
    );
}

#[test]
fn a_prompt_without_a_newline_is_not_held_back() {
    let env = env_with_secrets();
    let mut child = env
        .bare_std_cmd(&["redact", "-q"])
        .env("SEALBOX_KEY", &env.key)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    stdin.write_all(b"Continue? [y/N] ").unwrap();
    stdin.flush().unwrap();
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut got = vec![0; 16];
        let read = stdout.read_exact(&mut got).map(|()| got);
        let _ = sender.send(read);
    });
    let got = received.recv_timeout(Duration::from_secs(10));
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        got.expect("the prompt was held back").unwrap(),
        b"Continue? [y/N] "
    );
}

#[test]
fn run_redact_stops_on_a_signal_when_a_leftover_process_holds_the_pipes() {
    let env = env_with_secrets();
    let started = Instant::now();
    let mut child = env
        .bare_std_cmd(&[
            "run",
            "--redact",
            "--only",
            "TOKEN",
            "--",
            "sh",
            "-c",
            "sleep 30 & echo started; exit 4",
        ])
        .env("SEALBOX_KEY", &env.key)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = [0; 8];
    stdout.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"started\n");
    std::thread::sleep(Duration::from_millis(300));
    let sealbox = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &sealbox])
            .status()
            .unwrap()
            .success()
    );
    assert_eq!(child.wait().unwrap().code(), Some(4), "CMD's status");
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "it waited for the sleep"
    );
}

#[test]
fn staged_scans_read_the_index_by_object_and_skip_submodules() {
    let env = env_with_secrets();
    let repo = env.home().join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    let token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    // A symlink committed, then replaced by a file holding the value: a type change.
    std::os::unix::fs::symlink("target", repo.join("conf")).unwrap();
    git(&repo, &["add", "conf"]);
    git(&repo, &["commit", "-q", "-m", "link"]);
    let head = String::from_utf8(
        Command::new("git")
            .args(["rev-parse", "HEAD"])
            .current_dir(&repo)
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    std::fs::remove_file(repo.join("conf")).unwrap();
    std::fs::write(repo.join("conf"), format!("pw={token}\n")).unwrap();
    git(&repo, &["add", "conf"]);
    // A name git would read as a stage spec, and a clean file it could be confused with.
    std::fs::write(repo.join("0:leak.txt"), token).unwrap();
    std::fs::write(repo.join("leak.txt"), "clean\n").unwrap();
    git(&repo, &["add", "0:leak.txt", "leak.txt"]);
    // A submodule (a gitlink) has no content in this repository.
    git(
        &repo,
        &[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("160000,{},sm", head.trim()),
        ],
    );
    let out = env
        .cmd(&["scan", "--staged", "-q"])
        .current_dir(&repo)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    let mut lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    lines.sort();
    assert_eq!(lines, ["0:leak.txt:1:1 TOKEN raw", "conf:1:4 TOKEN raw"]);
}

#[test]
fn scan_reads_a_named_pipe_and_never_prints_a_value_in_a_path() {
    let env = env_with_secrets();
    let token = "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB";
    let out = env
        .cmd(&["scan", "/dev/stdin", "-q"])
        .write_stdin(format!("x {token}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(10), "{}", stderr(&out));
    assert_eq!(stdout(&out), "/dev/stdin:1:3 TOKEN raw\n");
    let dir = env.home().join("cache");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join(format!("{token}.json")), token).unwrap();
    let out = env.cmd(&["scan", "cache", "-q"]).output().unwrap();
    assert_eq!(out.status.code(), Some(10));
    assert_eq!(stdout(&out), "cache/[REDACTED:TOKEN].json:1:1 TOKEN raw\n");
}
