//! Process hardening applied before anything else runs.
//!
//! Core dumps are disabled (`RLIMIT_CORE` 0) and the process is marked non-dumpable, so neither
//! a crash nor another process of the same user (through `/proc/<pid>/mem` or ptrace) can read
//! decrypted values. The umask is tightened so every file SQLite creates next to the vault
//! (journals) is private even if the user's umask is not; the caller's umask is kept so that
//! `run` can hand it back to the command it executes.

use std::sync::OnceLock;

use rustix::fs::Mode;
use rustix::process::{
    DumpableBehavior, Resource, Rlimit, set_dumpable_behavior, setrlimit, umask,
};

/// The umask sealbox was started with.
static CALLERS_UMASK: OnceLock<Mode> = OnceLock::new();

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
    let callers = umask(Mode::from_raw_mode(0o077));
    let _ = CALLERS_UMASK.set(callers);
}

/// Puts back the caller's umask, for `run` just before it executes the command: sealbox's own
/// 077 would otherwise make every file the command creates private.
pub fn restore_umask() {
    if let Some(&callers) = CALLERS_UMASK.get() {
        umask(callers);
    }
}
