//! `sealbox init`: create a vault whose first unlock slot is made from the credential in use.

use serde_json::json;

use super::{Context, check_label};
use crate::unlock::{self, Purpose};
use crate::vault::{self, Vault};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Label of the first unlock slot (1 to 64 printable characters, as for 'slot add')
    #[arg(long, default_value = "default", value_name = "LABEL")]
    pub label: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<()> {
    check_label(&args.label)?;
    // Refuse before prompting or running the KDF; creation re-checks atomically.
    if ctx.vault_path.symlink_metadata().is_ok() {
        return Err(vault::Error::Exists(ctx.vault_path.clone()).into());
    }
    let supplied = unlock::credential(ctx.sources(), &ctx.vault_shown, Purpose::Create)?;
    ctx.recorder
        .set_credential(supplied.source.label().to_owned());
    let credential = supplied.credential;
    let (mut vault, mut keys) =
        Vault::create(&ctx.vault_path, &credential, &args.label, ctx.busy_timeout)?;
    // This path now holds this vault, whatever this account saw here before.
    ctx.remember(&mut vault);
    vault.pin_location();
    // The vault's first record is bound by a write of its own, like every later write's.
    vault.record_with(ctx.recorder.clone());
    vault.write_unlocked(&mut keys, |_| Ok::<_, vault::Error>(()))?;
    if ctx.out.json {
        ctx.out.print_json(&json!({
            "vault": ctx.vault_shown.display().to_string(),
            "slot": { "label": args.label, "kind": credential.kind().as_str() },
        }))?;
    }
    ctx.out.info(format_args!(
        "created vault {} (unlock slot {:?}, {})",
        ctx.vault_shown.display(),
        args.label,
        credential.kind()
    ));
    Ok(())
}
