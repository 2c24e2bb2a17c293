//! `sealbox keygen`: print a fresh random 256-bit key as 64 hex characters.

use std::io::Write;

use super::Context;
use crate::crypto::Key;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    let hex = Key::random().to_hex();
    let mut out = std::io::stdout().lock();
    out.write_all(hex.expose())?;
    out.write_all(b"\n")?;
    out.flush()?;
    if crate::output::stdout_is_terminal() {
        ctx.out
            .info("store this key somewhere safe: it cannot be recovered");
    }
    Ok(())
}
