//! sealbox: a command-line secrets manager keeping values in one local SQLite vault file, sealed
//! with AES-256-GCM-SIV.
//!
//! Layering: `cli` (argument types) and `commands` (one handler per subcommand) sit on top of
//! `vault` (the file and its rows) and `crypto` (keys and sealing); the lower two never reach up.
//! `error` is the single place that turns failures into exit statuses and `error:` lines.
//! `audit` describes the audit log's records, which `vault` writes and checks.

mod assets;
mod audit;
mod cli;
mod commands;
mod crypto;
mod error;
mod formats;
mod hardening;
mod input;
mod matcher;
mod name;
mod output;
mod terminal;
mod time;
mod unlock;
mod vault;

use std::ffi::OsString;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;

/// Runs sealbox with `args` (including the program name) and returns its exit status.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    hardening::apply();
    // Panic messages can quote data; print a fixed line instead and unwind so that every
    // zeroizing buffer on the stack is dropped.
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal error{at}; please report it (no secret is included in this message)"
        );
    }));
    let args: Vec<OsString> = args.into_iter().collect();
    let outcome = catch_unwind(AssertUnwindSafe(|| match cli::parse(&args) {
        Ok(cli) => commands::dispatch(cli).unwrap_or_else(|err| error::report(&err, None)),
        Err(err) => error::usage(&err, &args),
    }));
    outcome.unwrap_or_else(|_| error::Exit::Failure.into())
}

/// Every file generated from the command-line definition (completion scripts and man pages),
/// as a path relative to the repository root and its contents; for the `assets` test.
#[doc(hidden)]
pub fn generated_files() -> Vec<(String, Vec<u8>)> {
    assets::all()
}
