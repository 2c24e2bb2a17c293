//! The `sealbox` binary: everything happens in [`sealbox::run`], which returns the exit status.
//!
//! Every heap block is cleared when freed, so the copies of secrets that libraries make (the
//! leak-defence matcher's automaton, serialisers, std's buffers) do not outlive their use.

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);

fn main() -> ExitCode {
    sealbox::run(std::env::args_os())
}
