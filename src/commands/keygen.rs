//! `sealbox keygen`: print a fresh random 256-bit key as 64 hex characters.

use super::Context;
use crate::crypto::Key;
use crate::output::write_secret;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<()> {
    let hex = Key::random().to_hex();
    write_secret(hex.expose())?;
    write_secret(b"\n")?;
    if crate::output::stdout_is_terminal() {
        ctx.out
            .info("store this key somewhere safe: it cannot be recovered");
    }
    Ok(())
}
