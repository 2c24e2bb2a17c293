//! Streaming a matcher over input of any length in constant memory: `redact` writes it back
//! with every match replaced, `scan` reports where each match is.
//!
//! Input is read in blocks of 64 KiB. What ends at the last newline read is final, since no
//! pattern spans a newline; of a line still open, everything but the longest end of it that
//! could begin a pattern is (usually all of it, so a prompt shows at once), since any match
//! starting earlier fits in what was read. So a match split across two
//! reads is found, memory stays within a block and a line, and each finished line is written
//! (and flushed) as soon as it is read, which is what `tail -f app.log | sealbox redact`
//! needs.

use std::io::{self, Read, Write};

use super::Matcher;

const BLOCK: usize = 64 * 1024;

/// What a match becomes in `redact`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replacement {
    /// `[REDACTED:NAME]`
    Named,
    /// `***`
    Mask,
}

/// A match `scan` found: 1-based line and column (in bytes), the secret and the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'m> {
    pub line: u64,
    pub column: u64,
    pub name: &'m str,
    pub encoding: &'static str,
}

/// Runs `on_final` over `input` block by block with the part of the buffer that is final and
/// the whole buffer; it returns how far it consumed (at least the final part).
fn each_final(
    matcher: &Matcher,
    mut input: impl Read,
    mut on_final: impl FnMut(&[u8], usize) -> io::Result<usize>,
) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(2 * BLOCK);
    loop {
        let start = buf.len();
        buf.resize(start + BLOCK, 0);
        let read = loop {
            match input.read(&mut buf[start..]) {
                Ok(n) => break n,
                Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
                Err(err) => return Err(err),
            }
        };
        buf.truncate(start + read);
        let eof = read == 0;
        let end = if eof {
            buf.len()
        } else {
            match memchr::memrchr(b'\n', &buf[start..]) {
                Some(i) => start + i + 1,
                None => buf.len() - matcher.pending(&buf),
            }
        };
        let consumed = on_final(&buf, end)?.max(end);
        buf.drain(..consumed);
        if eof {
            return Ok(());
        }
    }
}

/// Copies `input` to `output` with every match replaced; flushes after each block. Returns
/// how many matches were replaced.
pub fn redact(
    matcher: &Matcher,
    input: impl Read,
    mut output: impl Write,
    replacement: Replacement,
) -> io::Result<u64> {
    let mut replaced = 0;
    each_final(matcher, input, |buf, end| {
        let mut at = 0;
        let mut failed = Ok(());
        matcher.each_match(buf, |m| {
            if m.start() >= end {
                return false;
            }
            let written = output
                .write_all(&buf[at..m.start()])
                .and_then(|()| match replacement {
                    Replacement::Named => {
                        let (name, _) = matcher.origin(m.pattern().as_usize());
                        write!(output, "[REDACTED:{name}]")
                    }
                    Replacement::Mask => output.write_all(b"***"),
                });
            replaced += 1;
            at = m.end();
            failed = written;
            failed.is_ok()
        });
        failed?;
        let done = end.max(at);
        output.write_all(&buf[at..done])?;
        output.flush()?;
        Ok(done)
    })?;
    Ok(replaced)
}

/// Calls `on_hit` for every match in `input`, in order, with its line and column.
pub fn scan<'m>(
    matcher: &'m Matcher,
    input: impl Read,
    mut on_hit: impl FnMut(Hit<'m>) -> io::Result<()>,
) -> io::Result<u64> {
    let (mut line, mut line_start) = (1u64, 0u64);
    // The stream offset of the buffer's first byte.
    let mut base = 0u64;
    let mut hits = 0;
    each_final(matcher, input, |buf, end| {
        let mut counted = 0;
        let mut count_to = |to: usize, line: &mut u64, line_start: &mut u64| {
            for i in memchr::memchr_iter(b'\n', &buf[counted..to]) {
                *line += 1;
                *line_start = base + (counted + i) as u64 + 1;
            }
            counted = to;
        };
        let mut at = 0;
        let mut failed = Ok(());
        matcher.each_match(buf, |m| {
            if m.start() >= end {
                return false;
            }
            count_to(m.start(), &mut line, &mut line_start);
            let (name, encoding) = matcher.origin(m.pattern().as_usize());
            failed = on_hit(Hit {
                line,
                column: base + m.start() as u64 - line_start + 1,
                name,
                encoding,
            });
            hits += 1;
            at = m.end();
            failed.is_ok()
        });
        failed?;
        let done = end.max(at);
        count_to(done, &mut line, &mut line_start);
        base += done as u64;
        Ok(done)
    })?;
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that returns at most `step` bytes per read.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn matcher() -> Matcher {
        let secrets = vec![
            ("A".to_owned(), &b"alpha-secret-value"[..]),
            ("B".to_owned(), &b"bravo-secret-value"[..]),
        ];
        Matcher::new(&secrets, 8).0.unwrap()
    }

    #[test]
    fn matches_across_every_read_boundary_are_replaced() {
        let matcher = matcher();
        let text =
            b"x alpha-secret-value y\nbravo-secret-value\nno secret here\nalpha-secret-value";
        for step in 1..text.len() {
            let mut out = Vec::new();
            let replaced = redact(
                &matcher,
                Trickle { data: text, step },
                &mut out,
                Replacement::Named,
            )
            .unwrap();
            assert_eq!(replaced, 3);
            assert_eq!(
                out, b"x [REDACTED:A] y\n[REDACTED:B]\nno secret here\n[REDACTED:A]",
                "step {step}"
            );
        }
    }

    #[test]
    fn text_without_secrets_comes_out_byte_identical() {
        let matcher = matcher();
        let text: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut out = Vec::new();
        redact(&matcher, &text[..], &mut out, Replacement::Mask).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn scan_reports_lines_and_columns_across_blocks() {
        let matcher = matcher();
        let mut text = vec![b'.'; BLOCK - 5];
        text.extend_from_slice(b"alpha-secret-value\n\nab bravo-secret-value\n");
        let mut hits = Vec::new();
        scan(
            &matcher,
            Trickle {
                data: &text,
                step: 4096,
            },
            |hit| {
                hits.push((hit.line, hit.column, hit.name.to_owned()));
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(
            hits,
            [
                (1, (BLOCK - 5 + 1) as u64, "A".to_owned()),
                (3, 4, "B".to_owned())
            ]
        );
    }
}
