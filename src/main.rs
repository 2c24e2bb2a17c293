//! The `sealbox` binary: everything happens in [`sealbox::run`], which returns the exit status.

use std::process::ExitCode;

fn main() -> ExitCode {
    sealbox::run(std::env::args_os())
}
