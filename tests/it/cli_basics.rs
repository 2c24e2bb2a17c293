//! Smoke tests of the command-line contract: help, version, and the default vault location.

use crate::common::TestEnv;
use predicates::prelude::*;

#[test]
fn version_and_help_go_to_stdout_with_status_0() {
    let env = TestEnv::new();
    env.cmd(&["--version"])
        .assert()
        .code(0)
        .stdout(predicate::str::starts_with("sealbox "));
    env.cmd(&["--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit status:"));
}

#[test]
fn unknown_flags_are_usage_errors() {
    let env = TestEnv::new();
    env.cmd(&["get", "--bogus"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error:"));
}

#[test]
fn default_vault_lives_under_xdg_data_home() {
    let env = TestEnv::new();
    let mut cmd = env.cmd(&["init"]);
    cmd.env_remove("SEALBOX_VAULT");
    cmd.assert().success();
    assert!(env.home().join(".local/share/sealbox/vault.db").is_file());
}

#[test]
fn empty_path_variables_count_as_unset() {
    let env = TestEnv::with_vault();
    env.set("A", b"value");
    let out = env
        .cmd(&["get", "A"])
        .env("SEALBOX_KEY_FILE", "")
        .env("SEALBOX_PASSPHRASE_FILE", "")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        crate::common::stderr(&out)
    );
    assert_eq!(out.stdout, b"value");
    let mut cmd = env.cmd(&["list", "--json"]);
    cmd.env("SEALBOX_VAULT", "");
    cmd.assert().code(3);
    assert!(!env.home().join(".local/share/sealbox/vault.db").exists());
}

#[test]
fn path_variables_are_read_when_no_flag_is_given() {
    let env = TestEnv::with_vault();
    env.set("A", b"value");
    let key_file = env.home().join("key");
    std::fs::write(&key_file, format!("{}\n", env.key)).unwrap();
    let mut cmd = env.bare_cmd(&["get", "A"]);
    cmd.env("SEALBOX_KEY_FILE", &key_file);
    cmd.assert().code(0).stdout("value");
}
