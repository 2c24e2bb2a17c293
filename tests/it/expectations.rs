//! Issue 7, section 5: what users of pass, sops, op or chamber expect from the command line.
//! Explicit flags beat the environment, unlock errors name the credential's source, comma lists
//! forgive spaces, durations are unambiguous, `meta` edits metadata alone, `set` unlocks before
//! asking for a value, `delete` says what it removed, aliases and "did you mean", `list` on an
//! empty vault, and `--quiet` silencing warnings.

use std::os::unix::fs::PermissionsExt;

use crate::common::{TestEnv, stderr};

#[test]
fn quiet_silences_the_readable_by_others_warning() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [&["get", "A", "--quiet"][..], &["-q", "get", "A"]] {
        env.cmd(args).assert().code(0).stdout("v").stderr("");
    }
    env.bare_cmd(&["list", "-q"]).assert().code(0).stderr("");
    // Without --quiet the warning still asks the user to act.
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert!(stderr(&out).starts_with("warning: the vault "), "{}", stderr(&out));
    // Errors are never silenced.
    env.cmd(&["get", "B", "--quiet"])
        .assert()
        .code(3)
        .stderr(predicates::str::starts_with("error: no secret named B\n"));
}
