//! Acceptance 1: values round-trip byte-exact through `set` (stdin) and `get` (a pipe), up to
//! exactly 1 MiB; one byte more is refused with exit 2 and leaves the vault byte-identical.

use std::io::{Read, Write};
use std::process::Stdio;

use crate::common::{TestEnv, stderr};
use proptest::prelude::*;

const MIB: usize = 1024 * 1024;

/// Bytes that are not text: every byte value in turn, so NULs and invalid UTF-8 are included.
fn binary(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 131 + i / 251) as u8).collect()
}

fn round_trip(env: &TestEnv, name: &str, value: &[u8]) {
    env.set(name, value);
    let got = env.get(name);
    assert!(
        got == value,
        "{name}: {} bytes in, {} bytes out",
        value.len(),
        got.len()
    );
}

#[test]
fn empty_one_byte_binary_and_one_mib_values_round_trip_exactly() {
    let env = TestEnv::with_vault();
    round_trip(&env, "EMPTY", b"");
    round_trip(&env, "ONE", b"x");
    round_trip(&env, "NUL", b"\0");
    round_trip(&env, "BINARY", b"a\0b\xff\xfe\xc3\x28\x80\n\r\n\0");
    round_trip(&env, "TRAILING_NEWLINE", b"value\n");
    round_trip(&env, "ONE_MIB", &binary(MIB));
}

#[test]
fn one_byte_over_the_limit_is_refused_and_writes_nothing() {
    let env = TestEnv::with_vault();
    env.set("KEEP", b"old");
    let before = env.vault_files();
    let out = env
        .cmd(&["set", "KEEP"])
        .write_stdin(binary(MIB + 1))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: the value is larger than the 1 MiB limit (1048576 bytes); nothing was stored\n"
    );
    assert!(out.stdout.is_empty());
    env.assert_unchanged(&before, "set of 1 MiB + 1");

    let file = env.home().join("big.bin");
    std::fs::write(&file, binary(MIB + 1)).unwrap();
    let out = env
        .cmd(&["set", "NEW", "--from-file", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    env.assert_unchanged(&before, "set --from-file of 1 MiB + 1");
    assert_eq!(env.get("KEEP"), b"old");
}

#[test]
fn an_empty_value_is_refused_unless_allow_empty() {
    // `cmd | sealbox set X` after cmd failed must not blank a real secret.
    let env = TestEnv::with_vault();
    env.set("A", b"real secret");
    let before = env.vault_files();
    let empty_file = env.home().join("empty");
    std::fs::write(&empty_file, b"").unwrap();
    let empty_file = empty_file.to_str().unwrap();
    let refused = "error: the value is empty; nothing was stored\n\
        hint: if a command was to produce it, check that it succeeded; pass --allow-empty to store an empty value\n";
    for args in [&["set", "A"][..], &["set", "A", "--from-file", empty_file]] {
        env.cmd(args)
            .write_stdin("")
            .assert()
            .code(2)
            .stdout("")
            .stderr(refused);
    }
    let out = env
        .program_cmd("sh")
        .args(["-c", "false | \"$0\" set A", crate::common::bin()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    env.assert_unchanged(&before, "set of an empty value");
    assert_eq!(env.get("A"), b"real secret");

    env.cmd(&["set", "A", "--allow-empty"])
        .write_stdin("")
        .assert()
        .code(0);
    assert_eq!(env.get("A"), b"");
    env.cmd(&["set", "B", "--allow-empty", "--from-file", empty_file])
        .assert()
        .code(0);
    assert_eq!(env.get("B"), b"");
    // A value that is not empty needs no flag, with or without it.
    env.cmd(&["set", "A", "--allow-empty"])
        .write_stdin("x")
        .assert()
        .code(0);
    assert_eq!(env.get("A"), b"x");
}

#[test]
fn get_of_a_missing_name_or_version_is_exit_3_with_no_stdout() {
    let env = TestEnv::with_vault();
    env.set("A", b"first");
    env.set("A", b"second");
    assert_eq!(
        env.cmd(&["get", "A", "--version", "1"])
            .output()
            .unwrap()
            .stdout,
        b"first"
    );

    let before = env.vault_files();
    let out = env.cmd(&["get", "MISSING"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "error: no secret named MISSING\nhint: 'sealbox list' shows the stored names\n"
    );
    for version in ["3", "0", "-1"] {
        let flag = format!("--version={version}");
        let out = env.cmd(&["get", "A", &flag]).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(3),
            "--version {version}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
        assert_eq!(
            stderr(&out),
            format!(
                "error: A has no version {version} (current: 2)\nhint: 'sealbox history A' lists the kept versions\n"
            )
        );
    }
    env.assert_unchanged(&before, "failed gets");
}

#[test]
fn a_broken_pipe_on_stdout_ends_quietly_with_status_0() {
    let env = TestEnv::with_vault();
    env.set("BIG", &binary(MIB));
    let mut child = env
        .std_cmd(&["get", "BIG"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn set_reads_stdin_to_its_end_even_when_it_arrives_in_pieces() {
    let env = TestEnv::with_vault();
    let mut child = env
        .std_cmd(&["set", "SLOW"])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let value = binary(200_000);
    for chunk in value.chunks(7_000) {
        stdin.write_all(chunk).unwrap();
        stdin.flush().unwrap();
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(env.get("SLOW") == value);
}

proptest! {
    // Each case spawns two processes, so a few cases are enough to catch an encoding slip.
    #![proptest_config(ProptestConfig::with_cases(8))]
    #[test]
    fn any_bytes_round_trip(value in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let env = TestEnv::with_vault();
        env.set("P", &value);
        prop_assert_eq!(env.get("P"), value);
    }
}

#[test]
fn import_is_all_or_nothing_and_round_trips_json_strings() {
    let env = TestEnv::with_vault();
    env.set("KEEP", b"old");
    let before = env.vault_files();
    for bad in [
        r#"{"GOOD": "x", "bad name": "y"}"#,
        r#"{"GOOD": "x", "KEEP": 1}"#,
        r#"{"GOOD": "x", "GOOD": "y"}"#,
        r#"{"GOOD": "x""#,
    ] {
        let out = env
            .cmd(&["import", "--format", "json"])
            .write_stdin(bad)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).ends_with("; nothing was imported\n"),
            "{}",
            stderr(&out)
        );
        env.assert_unchanged(&before, bad);
    }
    let doc = r#"{"A": "", "B": "line\nbreak \"quoted\" \u00e9 \ud83d\ude00", "KEEP": "new"}"#;
    env.cmd(&["import", "--format", "json"])
        .write_stdin(doc)
        .assert()
        .code(0)
        .stderr("imported 3 secrets (2 new, 1 updated)\n");
    assert_eq!(env.get("A"), b"");
    assert_eq!(
        env.get("B"),
        "line\nbreak \"quoted\" \u{e9} \u{1f600}".as_bytes()
    );
    assert_eq!(env.get("KEEP"), b"new");
}
