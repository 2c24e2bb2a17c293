//! sealbox's integration tests, in one binary so that a fresh build links the crate once.
//!
//! Each module drives the real `sealbox` binary in a temporary HOME (see [`common::TestEnv`]) and
//! asserts exit statuses, stdout, stderr and the files on disk.

mod common;

mod arguments;
mod assets;
mod audit;
mod check;
mod cli_basics;
mod concurrency;
mod contention;
mod docs;
mod exit_codes;
mod expectations;
mod export_import;
mod hardening;
mod history;
mod json_output;
mod kdf_limits;
mod kill_loop;
mod leak;
mod leakage;
mod lifecycle;
mod list_delete;
mod members;
mod residue;
mod resume;
mod run;
mod scoped;
mod scopes;
mod state;
mod tamper;
mod team;
mod terminal_output;
mod unlock;
mod upgrade;
mod values;
