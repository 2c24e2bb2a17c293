//! The controlling terminal: detecting it and reading hidden input from it.
//!
//! Prompts read from `/dev/tty`, never stdin, so a value piped into sealbox is never mistaken
//! for a passphrase. rpassword turns echo off and restores the terminal, including on Ctrl-C.

use std::fs::OpenOptions;

use crate::crypto::SecretBytes;

/// Whether this process has a controlling terminal to prompt on.
pub fn available() -> bool {
    OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .is_ok()
}

/// Prompts on the terminal without echo and returns what was typed (without the newline).
pub fn prompt_hidden(prompt: &str) -> anyhow::Result<SecretBytes> {
    let typed = rpassword::prompt_password(prompt)
        .map_err(|err| anyhow::anyhow!("cannot read from the terminal: {err}"))?;
    Ok(SecretBytes::from_vec(typed.into_bytes()))
}

/// Prompts twice and insists that both entries match.
pub fn prompt_hidden_twice(prompt: &str, again: &str) -> anyhow::Result<SecretBytes> {
    let first = prompt_hidden(prompt)?;
    let second = prompt_hidden(again)?;
    if first != second {
        return Err(crate::error::CommandError::usage(
            "the two entries did not match; nothing was changed",
        )
        .into());
    }
    Ok(first)
}
