//! The controlling terminal: detecting it and reading hidden input from it.
//!
//! Prompts read from `/dev/tty`, never stdin, so a value piped into sealbox is never mistaken
//! for a passphrase. Echo, line editing and the signal keys go off before the prompt is written
//! and stay off while it reads; the terminal's previous settings are restored on every way out.
//! Ctrl-C therefore arrives as a byte: the settings are restored first and only then is SIGINT
//! delivered to sealbox itself, so the shell sees an interrupted command and is never left with
//! a terminal that does not echo.
//! Typed bytes go into a buffer allocated once at its final size, so no reallocated copy of a
//! secret is left behind.

use std::fs::{File, OpenOptions};
use std::io::{ErrorKind, Read, Write};

use rustix::process::{Signal, getpid, kill_process};
use rustix::termios::{
    LocalModes, OptionalActions, SpecialCodeIndex, Termios, tcgetattr, tcsetattr,
};
use zeroize::Zeroizing;

use crate::crypto::SecretBytes;
use crate::error::{CommandError, Exit};
use crate::input::MAX_VALUE_LEN;

/// Whether this process has a controlling terminal to prompt on.
pub fn available() -> bool {
    open().is_ok()
}

fn open() -> std::io::Result<File> {
    OpenOptions::new().read(true).write(true).open("/dev/tty")
}

/// Prompts on the terminal without echo and returns what was typed (without the newline).
///
/// At most [`MAX_VALUE_LEN`] + 1 bytes are kept, so a caller can tell an over-long entry apart.
pub fn prompt_hidden(prompt: &str) -> anyhow::Result<SecretBytes> {
    let cannot = |err: std::io::Error| anyhow::anyhow!("cannot read from the terminal: {err}");
    let tty = open().map_err(cannot)?;
    let typed = {
        // Echo goes off before the prompt is shown, so nothing typed in answer to it, however
        // quickly, is ever echoed.
        let _quiet = Quiet::enter(&tty).map_err(cannot)?;
        (&tty).write_all(prompt.as_bytes()).map_err(cannot)?;
        read_line(&tty)
    };
    // Echo was off, so the Enter the user typed did not move to a new line.
    let _ = (&tty).write_all(b"\n");
    match typed.map_err(cannot)? {
        Line::Typed(value) => Ok(value),
        Line::Interrupted => {
            // The terminal is restored; now be interrupted as the user asked. kill() delivers
            // the signal before it returns, so the error below is only reached if SIGINT is
            // ignored.
            let _ = kill_process(getpid(), Signal::INT);
            Err(CommandError::new(Exit::Failure, "interrupted; nothing was changed").into())
        }
    }
}

/// Prompts twice and insists that both entries match.
pub fn prompt_hidden_twice(prompt: &str, again: &str) -> anyhow::Result<SecretBytes> {
    let first = prompt_hidden(prompt)?;
    let second = prompt_hidden(again)?;
    if first != second {
        return Err(
            CommandError::usage("the two entries did not match; nothing was changed").into(),
        );
    }
    Ok(first)
}

/// The terminal with echo, line editing and signal keys off; the saved settings come back on
/// drop, which runs on every return path (and on unwinding).
struct Quiet<'a> {
    tty: &'a File,
    saved: Termios,
}

impl<'a> Quiet<'a> {
    fn enter(tty: &'a File) -> std::io::Result<Self> {
        let saved = tcgetattr(tty)?;
        let mut quiet = saved.clone();
        quiet.local_modes &=
            !(LocalModes::ECHO | LocalModes::ICANON | LocalModes::ISIG | LocalModes::IEXTEN);
        quiet.special_codes[SpecialCodeIndex::VMIN] = 1;
        quiet.special_codes[SpecialCodeIndex::VTIME] = 0;
        tcsetattr(tty, OptionalActions::Now, &quiet)?;
        Ok(Self { tty, saved })
    }
}

impl Drop for Quiet<'_> {
    fn drop(&mut self) {
        // Nothing more can be done if the terminal has gone away.
        let _ = tcsetattr(self.tty, OptionalActions::Now, &self.saved);
    }
}

enum Line {
    Typed(SecretBytes),
    Interrupted,
}

const CTRL_C: u8 = 0x03;
const CTRL_D: u8 = 0x04;
const BACKSPACE: u8 = 0x08;
const CTRL_U: u8 = 0x15;
const ESC: u8 = 0x1b;
const DEL: u8 = 0x7f;

/// Reads one line of raw terminal input, applying the few editing keys a hidden prompt needs.
fn read_line(mut tty: impl Read) -> std::io::Result<Line> {
    let mut line = SecretBytes::from_vec(vec![0; MAX_VALUE_LEN + 1]);
    let mut len = 0;
    let mut chunk = Zeroizing::new([0u8; 256]);
    let mut escape = Escape::None;
    loop {
        let n = match tty.read(&mut chunk[..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        for &byte in &chunk[..n] {
            // Arrow and function keys send escape sequences; drop them whole.
            let (next, swallow) = match (escape, byte) {
                (Escape::None, ESC) => (Escape::Started, true),
                (Escape::None, _) => (Escape::None, false),
                (Escape::Started, b'[' | b'O') => (Escape::Sequence, true),
                (Escape::Started, _) => (Escape::None, false),
                (Escape::Sequence, 0x40..=0x7e) => (Escape::None, true),
                (Escape::Sequence, _) => (Escape::Sequence, true),
            };
            escape = next;
            if swallow {
                continue;
            }
            match byte {
                b'\r' | b'\n' => {
                    line.truncate(len);
                    return Ok(Line::Typed(line));
                }
                CTRL_C => return Ok(Line::Interrupted),
                // Ctrl-D on an empty line means "no input", as rpassword and shells treat it.
                CTRL_D if len == 0 => {
                    return Err(std::io::Error::new(
                        ErrorKind::UnexpectedEof,
                        "end of input (Ctrl-D); nothing was changed",
                    ));
                }
                CTRL_U => len = 0,
                // Remove one whole UTF-8 character: its continuation bytes, then its lead byte.
                BACKSPACE | DEL => {
                    while len > 0 {
                        len -= 1;
                        if line.expose()[len] & 0xc0 != 0x80 {
                            break;
                        }
                    }
                }
                0x00..=0x1f => {}
                _ => {
                    if len < line.len() {
                        line.expose_vec_mut()[len] = byte;
                        len += 1;
                    }
                }
            }
        }
    }
    // The terminal closed before Enter: take what was typed, as a pipe's end would be.
    line.truncate(len);
    Ok(Line::Typed(line))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    None,
    Started,
    Sequence,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(keys: &[u8]) -> Option<Vec<u8>> {
        match read_line(keys).unwrap() {
            Line::Typed(value) => Some(value.expose().to_vec()),
            Line::Interrupted => None,
        }
    }

    #[test]
    fn editing_keys() {
        assert_eq!(typed(b"pass word\rignored").unwrap(), b"pass word");
        assert_eq!(typed(b"abc\x7f\x08d\n").unwrap(), b"ad");
        assert_eq!(typed("h\u{e9}\x7f!\n".as_bytes()).unwrap(), b"h!");
        assert_eq!(typed(b"junk\x15ok\n").unwrap(), b"ok");
        assert_eq!(typed(b"a\x1b[Ab\x1bOPc\x1b[1;5Cd\n").unwrap(), b"abcd");
        assert_eq!(typed(b"a\tb\x04c\n").unwrap(), b"abc");
        assert!(read_line(&b"\x04"[..]).is_err());
        assert_eq!(typed(b"no newline").unwrap(), b"no newline");
        assert!(typed(b"secr\x03et\n").is_none());
    }

    #[test]
    fn over_long_entries_stop_one_byte_past_the_limit() {
        let keys = vec![b'x'; MAX_VALUE_LEN + 10];
        assert_eq!(typed(&keys).unwrap().len(), MAX_VALUE_LEN + 1);
    }
}
