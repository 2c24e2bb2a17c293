//! Running other programs from tests: the running sealbox child, shells, git, and checks
//! that an external tool the test needs is installed.

use super::TestEnv;

impl TestEnv {
    /// A `std::process::Command` for `sealbox ARGS` with the same environment as [`Self::cmd`],
    /// for tests that need the running child (its pid, signals).
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = self.bare_std_cmd(args);
        cmd.env("SEALBOX_KEY", &self.key);
        cmd
    }

    /// Another program (a shell, git, script) with the same environment as [`Self::std_cmd`].
    pub fn program_cmd(&self, program: &str) -> std::process::Command {
        let template = self.std_cmd(&[]);
        let mut cmd = std::process::Command::new(program);
        for (name, value) in template.get_envs() {
            match value {
                Some(value) => cmd.env(name, value),
                None => cmd.env_remove(name),
            };
        }
        cmd.current_dir(self.home());
        cmd
    }
}

/// Whether the external program `name` can be run. Under CI (the `CI` variable set) a missing
/// tool fails the test with the command that installs it; elsewhere the test prints a note and
/// the caller skips.
pub fn tool_available(name: &str, install: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{name} is required in CI but is not installed; install it with: {install}");
        }
        eprintln!("note: {name} is not installed, skipping this check (install: {install})");
    }
    found
}

/// Whether python3 with python-dotenv can be run (see [`tool_available`]).
pub fn python_dotenv_available() -> bool {
    let install = "pip install python-dotenv";
    if !tool_available("python3", "apt-get install -y python3 python3-pip") {
        return false;
    }
    let found = std::process::Command::new("python3")
        .args(["-c", "import dotenv"])
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!(
                "python-dotenv is required in CI but is not installed; install it with: {install}"
            );
        }
        eprintln!("note: python-dotenv is not installed, skipping this check (install: {install})");
    }
    found
}

/// Runs `argv` on a fresh pseudo-terminal, its controlling terminal, with exactly the
/// environment `env`, and plays `steps` against it (see pty_session.py); returns the report:
/// exit code, everything the terminal showed, and `error` when a step failed.
pub fn on_pty(
    argv: &[String],
    env: serde_json::Value,
    steps: serde_json::Value,
) -> serde_json::Value {
    let spec = serde_json::json!({ "argv": argv, "env": env, "steps": steps });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/it/common/pty_session.py"
    );
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(spec.to_string())
        .output()
        .expect("run python3");
    assert!(
        out.status.success(),
        "pty helper failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the pty helper's report")
}
