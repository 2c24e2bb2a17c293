//! `sealbox completions SHELL`: print the completion script for SHELL, generated from the
//! command-line definition (the same text as the committed files under `completions/`).

use super::Context;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

pub fn run(_ctx: &Context, args: Args) -> anyhow::Result<()> {
    crate::output::print_text(crate::assets::completion(args.shell))?;
    Ok(())
}
