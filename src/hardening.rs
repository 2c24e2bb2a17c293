//! Process hardening applied before anything else runs.
//!
//! Core dumps are disabled (`RLIMIT_CORE` 0) and the process is marked non-dumpable, so neither
//! a crash nor another process of the same user (through `/proc/<pid>/mem` or ptrace) can read
//! decrypted values. The umask is tightened so every file SQLite creates next to the vault
//! (journals) is private even if the user's umask is not.

use rustix::fs::Mode;
use rustix::process::{
    DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit, umask,
};

pub fn apply() {
    // Each call can only fail on exotic kernels; sealbox still works without them, so failures
    // are ignored rather than blocking the user.
    let _ = setrlimit(
        Resource::Core,
        Rlimit {
            current: Some(0),
            maximum: Some(0),
        },
    );
    let _ = set_dumpable_behavior(DumpableBehavior::NotDumpable);
    umask(Mode::from_raw_mode(0o077));
}
