//! sealbox's integration tests, in one binary so that a fresh build links the crate once.
//!
//! Each module drives the real `sealbox` binary in a temporary HOME (see [`common::TestEnv`]) and
//! asserts exit statuses, stdout, stderr and the files on disk.

mod common;

mod arguments;
mod assets;
mod check;
mod cli_basics;
mod concurrency;
mod docs;
mod exit_codes;
mod export_import;
mod json_output;
mod kill_loop;
mod leakage;
mod lifecycle;
mod list_delete;
mod residue;
mod run;
mod tamper;
mod terminal_output;
mod unlock;
mod values;
