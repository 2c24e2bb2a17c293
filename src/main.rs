use std::process::ExitCode;

fn main() -> ExitCode {
    sealbox::run(std::env::args_os())
}
