//! Issue 7 §4: no argument is ever echoed. A name typed as `NAME=VALUE` is refused with exit 2
//! without repeating the value (stderr ends up in CI logs), and the hint says how to give one.

use crate::common::{TestEnv, stderr, stdout};

const RULE: &str = "a name is 1 to 128 characters of ASCII letters, digits, '_', '-' and '.', starting with a letter, digit or '_'";

fn canary() -> String {
    String::from_utf8(TestEnv::canary("arg")).unwrap()
}

/// Runs `args` with a value on stdin and returns (exit status, stdout, stderr).
fn run(env: &TestEnv, args: &[&str]) -> (Option<i32>, String, String) {
    let out = env.cmd(args).write_stdin("from stdin").output().unwrap();
    (out.status.code(), stdout(&out), stderr(&out))
}

#[test]
fn a_name_with_an_equals_sign_never_shows_what_follows_it() {
    let env = TestEnv::with_vault();
    env.set("OTHER", b"x");
    let before = env.vault_files();
    let arg = format!("API_TOKEN={}", canary());
    let only = format!("OTHER,{arg}");
    let expected = format!(
        "error: invalid name \"API_TOKEN=...\" (what follows '=' is not repeated, in case it is a value): {RULE}\n\
         hint: sealbox never takes a value as an argument; to store one, pipe it: printf %s VALUE | sealbox set API_TOKEN\n"
    );
    for args in [
        vec!["set", arg.as_str()],
        vec!["get", arg.as_str()],
        vec!["delete", "OTHER", arg.as_str()],
        vec!["run", "--only", only.as_str(), "--", "true"],
        vec!["export", "--format", "env", "--only", arg.as_str()],
        vec!["check", "--require", only.as_str()],
    ] {
        let (code, out, err) = run(&env, &args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "", "{args:?}");
        assert_eq!(err, expected, "{args:?}");
    }
    // Without a valid name before the '=', the hint has a placeholder.
    let (code, _, err) = run(&env, &["set", &format!("my token={}", canary())]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: invalid name \"my token=...\" (what follows"),
        "{err}"
    );
    assert!(err.ends_with("| sealbox set NAME\n"), "{err}");
    env.assert_unchanged(&before, "names with '='");
}
