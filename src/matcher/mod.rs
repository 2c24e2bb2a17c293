//! The leak-defence matcher shared by `redact`, `scan` and `run --redact`: one multi-pattern
//! automaton (BurntSushi's `aho-corasick`, leftmost-longest) over the selected secrets' values
//! and every form they take when printed (see `encodings`).
//!
//! Invariants: no pattern contains a newline (a multi-line value is matched line by line, and
//! no encoded form has one), so a match never spans lines and a stream can be processed a
//! line at a time (see `stream`). Values shorter than the threshold are left out, since
//! redacting `true` or `8080` destroys output; the caller is told which. Patterns live in
//! zeroizing buffers; the automaton's own copies are cleared when freed by the zeroizing
//! global allocator (see `main.rs`).

mod encodings;
mod stream;

use aho_corasick::{AhoCorasick, MatchKind};
use zeroize::Zeroizing;

pub use stream::{Hit, Replacement, redact, scan};

/// Values shorter than this many bytes are not matched unless asked.
pub const DEFAULT_MIN_LENGTH: usize = 8;

/// The most pattern bytes built into a DFA (see [`Matcher::new`]).
const DFA_LIMIT: usize = 512 * 1024;

/// What a pattern stands for.
#[derive(Debug, Clone)]
pub struct Origin {
    /// Index into the secrets the matcher was built from.
    pub secret: usize,
    pub encoding: &'static str,
}

/// The automaton and what each of its patterns is.
pub struct Matcher {
    automaton: AhoCorasick,
    /// A filter that lets a search skip text no pattern can start in (see [`Sampler`]);
    /// `None` when a pattern is too short for it.
    sampler: Option<Sampler>,
    origins: Vec<Origin>,
    names: Vec<String>,
    /// The longest pattern, in bytes: how much a stream must hold back at a read boundary.
    longest: usize,
    /// The patterns, sorted, to tell whether the end of an unfinished line could start one.
    sorted: Vec<Zeroizing<Vec<u8>>>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher")
            .field("patterns", &self.origins.len())
            .finish_non_exhaustive()
    }
}

/// What building a matcher left out.
#[derive(Debug, Default)]
pub struct Skipped {
    /// Secrets whose values are shorter than the threshold (or empty).
    pub short: Vec<String>,
}

impl Matcher {
    /// A matcher over `secrets` (name and value) and their forms; values shorter than
    /// `min_length` bytes are left out and named in [`Skipped`]. `None` when nothing is left to
    /// match.
    pub fn new(secrets: &[(String, &[u8])], min_length: usize) -> (Option<Self>, Skipped) {
        let mut patterns: Vec<Zeroizing<Vec<u8>>> = Vec::new();
        let mut origins = Vec::new();
        let mut skipped = Skipped::default();
        let mut names = Vec::with_capacity(secrets.len());
        for (index, (name, value)) in secrets.iter().enumerate() {
            names.push(name.clone());
            let min = min_length.max(1);
            if value.len() < min {
                skipped.short.push(name.clone());
                continue;
            }
            let mut add = |encoding: &'static str, bytes: Zeroizing<Vec<u8>>| {
                if bytes.len() >= min && !bytes.contains(&b'\n') {
                    patterns.push(bytes);
                    origins.push(Origin {
                        secret: index,
                        encoding,
                    });
                }
            };
            // Each line of a multi-line value (a PEM key) is matched on its own; a one-line
            // value is its own only line.
            let lines: Vec<&[u8]> = value.split(|&b| b == b'\n').collect();
            let encoding = if lines.len() > 1 { "line" } else { "raw" };
            if lines.len() > 1 && lines.iter().all(|line| line.len() < min) {
                // Its encoded forms are still looked for, but not its text.
                skipped.short.push(name.clone());
            }
            for line in lines {
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                // PEM armour (`-----BEGIN PRIVATE KEY-----`) is in every such file, not secret.
                if line.starts_with(b"-----BEGIN ") || line.starts_with(b"-----END ") {
                    continue;
                }
                add(encoding, Zeroizing::new(line.to_vec()));
            }
            add("hex", encodings::hex(value, false));
            add("HEX", encodings::hex(value, true));
            let mut forms = Vec::new();
            encodings::base64_forms(value, &mut forms);
            for form in forms {
                add(form.encoding, form.bytes);
            }
            let differs = |form: &[u8]| form != *value;
            let mut escaped = Vec::new();
            for &(keep, plus) in encodings::PERCENT_STYLES {
                for upper in [true, false] {
                    escaped.push((
                        "percent",
                        Some(encodings::percent(value, keep, plus, upper)),
                    ));
                }
            }
            for &style in encodings::JSON_STYLES {
                escaped.push(("json", encodings::json(value, style)));
            }
            escaped.push(("shell", Some(encodings::shell(value, false))));
            escaped.push(("shell", Some(encodings::shell(value, true))));
            for (encoding, form) in escaped {
                if let Some(form) = form.filter(|f| differs(f)) {
                    add(encoding, form);
                }
            }
        }
        // One pattern once: the first secret (and encoding) that makes it names it.
        let mut order: Vec<usize> = (0..patterns.len()).collect();
        order.sort_by(|&a, &b| patterns[a].cmp(&patterns[b]).then(a.cmp(&b)));
        order.dedup_by(|b, a| patterns[*a] == patterns[*b]);
        order.sort_unstable();
        let origins: Vec<Origin> = order.iter().map(|&i| origins[i].clone()).collect();
        let mut sorted: Vec<Zeroizing<Vec<u8>>> = order
            .iter()
            .map(|&i| Zeroizing::new(patterns[i].to_vec()))
            .collect();
        sorted.sort_by(|a, b| a.as_slice().cmp(b.as_slice()));
        let patterns: Vec<&[u8]> = order.iter().map(|&i| &patterns[i][..]).collect();
        if patterns.is_empty() {
            return (None, skipped);
        }
        let longest = patterns.iter().map(|p| p.len()).max().unwrap_or(0);
        // Values use nearly every byte as a first byte, so no prefilter of aho-corasick's can
        // skip text; the sampler does, and the automaton runs only on the short spans it
        // cannot rule out. There a DFA is still about twice as fast as the compact NFA
        // aho-corasick picks for this many patterns, at about 150 MB of memory (and 0.2 s to
        // build) for 1,000 secrets; past DFA_LIMIT bytes of patterns the NFA's smaller memory
        // wins.
        let sampler = Sampler::new(&patterns);
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        let kind = (total <= DFA_LIMIT).then_some(aho_corasick::AhoCorasickKind::DFA);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(&patterns)
            .expect("patterns within the automaton's size limits");
        let matcher = Self {
            automaton,
            sampler,
            origins,
            names,
            longest,
            sorted,
        };
        (Some(matcher), skipped)
    }

    /// Calls `f` with each leftmost-longest match in `haystack`, in order, as the automaton's
    /// own `find_iter` would, until `f` returns false. With a sampler, the automaton runs only
    /// around the places the sampler cannot rule out.
    pub fn each_match(&self, haystack: &[u8], mut f: impl FnMut(aho_corasick::Match) -> bool) {
        let Some(sampler) = &self.sampler else {
            for m in self.automaton.find_iter(haystack) {
                if !f(m) {
                    return;
                }
            }
            return;
        };
        let mut at = 0;
        let mut p = 0;
        while p + GRAM <= haystack.len() {
            if !sampler.may_hold(&haystack[p..p + GRAM]) {
                p += GRAM;
                continue;
            }
            // A match the gram at p vouches for starts in [p - 3, p] and so ends by
            // p + longest; one starting later may be cut short by the span, and is left to a
            // later gram.
            let span = at.max(p.saturating_sub(GRAM - 1))..haystack.len().min(p + self.longest);
            let input = aho_corasick::Input::new(haystack).span(span);
            match self.automaton.find(input) {
                Some(m) if m.start() <= p => {
                    if !f(m) {
                        return;
                    }
                    at = m.end();
                    p = (p + GRAM).max(at.next_multiple_of(GRAM));
                }
                _ => p += GRAM,
            }
        }
    }

    /// How many bytes at the end of `tail` could be the start of a pattern, so that a stream
    /// must hold them back until more input comes: the longest suffix that is a proper prefix
    /// of a pattern (usually none, so a prompt without a newline is written at once).
    pub fn pending(&self, tail: &[u8]) -> usize {
        let tail = &tail[tail.len().saturating_sub(self.longest.saturating_sub(1))..];
        for start in 0..tail.len() {
            let rest = &tail[start..];
            let at = self.sorted.partition_point(|p| p.as_slice() < rest);
            if self.sorted.get(at).is_some_and(|p| p.starts_with(rest)) {
                return rest.len();
            }
        }
        0
    }

    /// `text` with every match replaced by `[REDACTED:NAME]`: for text sealbox prints about a
    /// match, such as a path, which could itself hold a value.
    pub fn redact_text(&self, text: &str) -> String {
        let mut out = Vec::with_capacity(text.len());
        let mut at = 0;
        self.each_match(text.as_bytes(), |m| {
            out.extend_from_slice(&text.as_bytes()[at..m.start()]);
            let (name, _) = self.origin(m.pattern().as_usize());
            out.extend_from_slice(format!("[REDACTED:{name}]").as_bytes());
            at = m.end();
            true
        });
        out.extend_from_slice(&text.as_bytes()[at..]);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The secret a pattern stands for, and in which form.
    pub fn origin(&self, pattern: usize) -> (&str, &'static str) {
        let origin = &self.origins[pattern];
        (&self.names[origin.secret], origin.encoding)
    }
}

/// The length of the grams the sampler looks at.
const GRAM: usize = 4;

/// A sampling filter for patterns of at least `2 * GRAM - 1` bytes: any match of one contains
/// a position p that is a multiple of `GRAM` in its first `GRAM` bytes, with the `GRAM` bytes
/// from p inside it, at one of the first `GRAM` offsets. So the search needs to look only at
/// every fourth position, and only where those four bytes are one of the patterns' first four
/// grams (a bitmap of their hashes), which ordinary text rarely is.
struct Sampler {
    bits: Vec<u64>,
}

/// log2 of the bitmap's size in bits: 4 Mi bits (512 KiB) keep 1,000 secrets' 32,000 grams
/// under 1% of the map.
const SAMPLER_BITS: u32 = 22;

impl Sampler {
    fn new(patterns: &[&[u8]]) -> Option<Self> {
        if patterns.iter().any(|p| p.len() < 2 * GRAM - 1) {
            return None;
        }
        let mut bits = vec![0u64; 1 << (SAMPLER_BITS - 6)];
        for pattern in patterns {
            for k in 0..GRAM {
                let slot = Self::slot(&pattern[k..k + GRAM]);
                bits[slot >> 6] |= 1 << (slot & 63);
            }
        }
        Some(Self { bits })
    }

    fn slot(gram: &[u8]) -> usize {
        let gram = u32::from_le_bytes(gram.try_into().expect("a gram"));
        (gram.wrapping_mul(0x9E37_79B1) >> (32 - SAMPLER_BITS)) as usize
    }

    fn may_hold(&self, gram: &[u8]) -> bool {
        let slot = Self::slot(gram);
        self.bits[slot >> 6] & (1 << (slot & 63)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The sampled search finds exactly what the automaton alone finds, on text made of a
        /// small alphabet so that near-misses and overlapping matches abound.
        #[test]
        fn sampling_finds_what_the_automaton_finds(
            values in proptest::collection::vec("[abc]{7,14}", 1..6),
            text in "[abc\n]{0,400}",
        ) {
            let secrets: Vec<(String, &[u8])> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("S{i}"), v.as_bytes()))
                .collect();
            let matcher = Matcher::new(&secrets, 7).0.unwrap();
            prop_assert!(matcher.sampler.is_some());
            let plain: Vec<(usize, usize, usize)> = matcher
                .automaton
                .find_iter(text.as_bytes())
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let mut sampled = Vec::new();
            matcher.each_match(text.as_bytes(), |m| {
                sampled.push((m.start(), m.end(), m.pattern().as_usize()));
                true
            });
            prop_assert_eq!(sampled, plain);
        }
    }

    fn matches(matcher: &Matcher, text: &[u8]) -> Vec<(String, &'static str)> {
        matcher
            .automaton
            .find_iter(text)
            .map(|m| {
                let (name, encoding) = matcher.origin(m.pattern().as_usize());
                (name.to_owned(), encoding)
            })
            .collect()
    }

    #[test]
    fn every_form_of_a_value_is_found_and_short_values_are_skipped() {
        let value: &[u8] = b"s3cr3t/value+with\"quotes'";
        let secrets = vec![("API".to_owned(), value), ("PORT".to_owned(), &b"8080"[..])];
        let (matcher, skipped) = Matcher::new(&secrets, DEFAULT_MIN_LENGTH);
        let matcher = matcher.unwrap();
        assert_eq!(skipped.short, ["PORT"]);
        for (text, encoding) in [
            (value.to_vec(), "raw"),
            (encodings::hex(value, false).to_vec(), "hex"),
            (encodings::hex(value, true).to_vec(), "HEX"),
            (b"czNjcjN0L3ZhbHVlK3dpdGgicXVvdGVzJw==".to_vec(), "base64"),
            (b"czNjcjN0L3ZhbHVlK3dpdGgicXVvdGVzJw".to_vec(), "base64"),
            (b"czNjcjN0L3ZhbHVlK3dpdGgicXVvdGVzJw==".to_vec(), "base64"),
            // Inside a longer blob, one byte before the value: its groups after the first.
            (
                b"eHMzY3IzdC92YWx1ZSt3aXRoInF1b3RlcyctLQ==".to_vec(),
                "base64",
            ),
            (
                encodings::percent(value, b"-_.~", false, true).to_vec(),
                "percent",
            ),
            (
                encodings::json(value, encodings::JSON_STYLES[0])
                    .unwrap()
                    .to_vec(),
                "json",
            ),
            (encodings::shell(value, false).to_vec(), "shell"),
        ] {
            let found = matches(&matcher, &text);
            assert_eq!(found.len(), 1, "{encoding}: {found:?}");
            assert_eq!(found[0], ("API".to_owned(), encoding));
        }
        assert!(matches(&matcher, b"8080 and nothing else").is_empty());
    }

    #[test]
    fn multi_line_values_are_matched_line_by_line() {
        let pem =
            b"-----BEGIN KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8\n-----END KEY-----\n";
        let secrets = vec![("KEY".to_owned(), &pem[..])];
        let matcher = Matcher::new(&secrets, DEFAULT_MIN_LENGTH).0.unwrap();
        let text = b"log: MIIBVgIBADANBgkqhkiG9w0BAQEFAASCAUAwggE8 end";
        assert_eq!(matches(&matcher, text), [("KEY".to_owned(), "line")]);
    }
}
