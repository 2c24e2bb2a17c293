//! Who is acting: the process, its user and parent, and the CI run it belongs to.
//!
//! Everything here is read once per process, and only when a record is written: a command that
//! never unlocks pays nothing. The environment and `/proc` are input like any other, so each
//! value is cut to a bounded length; none is trusted for anything but the record.

/// The CI systems recognised, each by the variable that holds its run's id: a record made
/// inside one names the system and the run, so "which pipeline read this key" has an answer.
/// The first one set wins.
const CI_RUNS: &[(&str, &str)] = &[
    ("GITHUB_RUN_ID", "github-actions"),
    ("CI_PIPELINE_ID", "gitlab-ci"),
    ("BUILDKITE_BUILD_ID", "buildkite"),
    ("CIRCLE_WORKFLOW_ID", "circleci"),
    ("BUILD_BUILDID", "azure-pipelines"),
    // Jenkins' BUILD_TAG is `jenkins-JOB-NUMBER`: unique across jobs, unlike BUILD_NUMBER.
    ("BUILD_TAG", "jenkins"),
];

/// The longest value taken from the environment or `/proc` for a record.
const MAX_FIELD: usize = 256;

/// Who runs this command, as recorded.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub uid: u32,
    pub user: Option<String>,
    pub host: Option<String>,
    pub pid: u32,
    pub ppid: Option<u32>,
    pub parent: Option<String>,
    pub ci: Option<String>,
    pub run: Option<String>,
    pub reason: Option<String>,
    /// Filled in as the command learns them.
    pub slot: Option<String>,
    /// The scope of a scoped slot.
    pub scope: Option<String>,
    pub credential: Option<String>,
}

impl Actor {
    /// This process, with `reason` (from `--reason` or `SEALBOX_REASON`).
    pub fn current(reason: Option<String>) -> Self {
        let uid = rustix::process::getuid();
        let user = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid.as_raw()))
            .ok()
            .flatten()
            .map(|user| bounded(&user.name));
        let uname = rustix::system::uname();
        let host = Some(bounded(&uname.nodename().to_string_lossy()));
        let ppid = rustix::process::getppid().map(|pid| pid.as_raw_nonzero().get() as u32);
        let parent = ppid.and_then(|ppid| {
            let comm = std::fs::read(format!("/proc/{ppid}/comm")).ok()?;
            let comm = String::from_utf8_lossy(&comm);
            Some(bounded(comm.trim_end_matches('\n')))
        });
        let (ci, run) = match ci_run(|name| std::env::var_os(name)) {
            Some((ci, run)) => (Some(ci.to_owned()), Some(run)),
            None => (None, None),
        };
        Self {
            uid: uid.as_raw(),
            user,
            host,
            pid: std::process::id(),
            ppid,
            parent,
            ci,
            run,
            reason,
            slot: None,
            scope: None,
            credential: None,
        }
    }

    #[cfg(test)]
    pub fn for_tests() -> Self {
        Self {
            uid: 1000,
            pid: 42,
            ..Self::default()
        }
    }
}

/// The CI system and run id that `var` reports, if any: the first variable of [`CI_RUNS`]
/// that is set and not empty.
pub(super) fn ci_run(
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> Option<(&'static str, String)> {
    CI_RUNS.iter().find_map(|(name, system)| {
        let value = var(name).filter(|v| !v.is_empty())?;
        Some((*system, bounded(&value.to_string_lossy())))
    })
}

/// `text` cut to [`MAX_FIELD`] bytes at a character boundary.
fn bounded(text: &str) -> String {
    let mut end = text.len().min(MAX_FIELD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_ci_system_is_named_by_its_run_variable() {
        for (variable, system) in CI_RUNS {
            let found = ci_run(|name| (name == *variable).then(|| "77".into()));
            assert_eq!(found, Some((*system, "77".to_owned())));
        }
        assert_eq!(ci_run(|_| None), None);
        assert_eq!(ci_run(|_| Some("".into())), None);
    }

    #[test]
    fn long_values_are_cut_at_a_character_boundary() {
        let long = "é".repeat(200);
        let cut = bounded(&long);
        assert!(cut.len() <= MAX_FIELD && long.starts_with(&cut));
    }

    #[test]
    fn the_current_process_is_described() {
        let actor = Actor::current(Some("deploy".into()));
        assert_eq!(actor.pid, std::process::id());
        assert!(actor.host.is_some());
        assert_eq!(actor.reason.as_deref(), Some("deploy"));
    }
}
