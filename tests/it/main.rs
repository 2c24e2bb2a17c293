//! sealbox's integration tests, in one binary so that a fresh build links the crate once.
//!
//! Each module drives the real `sealbox` binary in a temporary HOME (see [`common::TestEnv`]) and
//! asserts exit statuses, stdout, stderr and the files on disk.

mod common;

mod assets;
mod check;
mod cli_basics;
mod concurrency;
mod docs;
mod exit_codes;
mod expectations;
mod export_import;
mod kill_loop;
mod leakage;
mod lifecycle;
mod list_delete;
mod residue;
mod run;
mod tamper;
mod unlock;
mod values;
