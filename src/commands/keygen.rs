//! `sealbox keygen`: print a fresh random 256-bit key as 64 hex characters.

use super::Context;
use crate::crypto::Key;
use crate::output::{stdout_is_terminal, write_secret};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    write_secret(Key::random().to_hex().expose())?;
    write_secret(b"\n")?;
    if stdout_is_terminal() {
        ctx.out
            .info("store this key somewhere safe: it cannot be recovered");
    }
    Ok(())
}
