//! Smoke tests of the command-line contract: help, version, and the default vault location.

mod common;

use common::TestEnv;
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
