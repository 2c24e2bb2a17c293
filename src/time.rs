//! Timestamps and durations: Unix seconds in the vault, RFC 3339 UTC on output, and human
//! durations such as `90d`, `1w2d` or `6mo` on input (`min` for minutes, `mo` for months: a bare
//! `m` is refused as ambiguous).

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Formats Unix seconds as RFC 3339 UTC, e.g. `2026-11-23T04:52:53Z`.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day); Howard Hinnant's
/// `civil_from_days` algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The longest duration accepted: 100 years of 365 days.
pub const MAX_DURATION: i64 = 36_500 * 86_400;

const DAY: i64 = 86_400;

/// The units a duration may use, with their length in seconds. A month is 30 days and a year
/// 365 days: a rotation period needs a fixed length, not a calendar. There is no `m`: it reads
/// as minutes to some users and months to others, and a 90-month period typed as `90m` would
/// quietly become an hour and a half.
const UNITS: [(&str, i64); 7] = [
    ("s", 1),
    ("min", 60),
    ("h", 3600),
    ("d", DAY),
    ("w", 7 * DAY),
    ("mo", 30 * DAY),
    ("y", 365 * DAY),
];

/// Parses a duration such as `90d`, `12h`, `1w2d`, `30min` or `6mo` into seconds.
///
/// Units: `s`, `min`, `h`, `d`, `w`, `mo` (30 days), `y` (365 days); a bare `m` is refused as
/// ambiguous. The result must be positive and at most [`MAX_DURATION`], so that a time it is
/// added to stays a four-digit-year RFC 3339 timestamp.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let invalid = || {
        format!(
            "invalid duration {text:?}: use a number and a unit (s, min, h, d, w, mo = 30 days, \
             y = 365 days), e.g. 90d or 1w2d"
        )
    };
    let mut total: i64 = 0;
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(invalid)?;
        let number: i64 = rest[..digits].parse().map_err(|_| invalid())?;
        let after = &rest[digits..];
        let letters = after
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(after.len());
        let unit = &after[..letters];
        let size = match UNITS.iter().find(|(name, _)| *name == unit) {
            Some(&(_, size)) => size,
            None if unit == "m" => {
                return Err(format!(
                    "invalid duration {text:?}: \"m\" is ambiguous; use min for minutes or mo for \
                     months"
                ));
            }
            None => return Err(invalid()),
        };
        total = number
            .checked_mul(size)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(invalid)?;
        rest = &after[letters..];
    }
    if total == 0 {
        Err(invalid())
    } else if total > MAX_DURATION {
        Err(format!(
            "invalid duration {text:?}: at most 36500d (100 years)"
        ))
    } else {
        Ok(total)
    }
}

/// A rotation period as `--rotate-every` takes it: a duration, or `none` to remove it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Every(i64),
    None,
}

impl Period {
    /// The stored value: seconds, or `None` for no period.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Period::Every(secs) => Some(secs),
            Period::None => None,
        }
    }
}

/// Parses `--rotate-every`: `none`, or a duration as [`parse_duration`] reads it.
pub fn parse_period(text: &str) -> Result<Period, String> {
    if text.trim() == "none" {
        Ok(Period::None)
    } else {
        parse_duration(text).map(Period::Every)
    }
}

/// Formats seconds back into the largest exact unit, e.g. `7776000` as `90d`. Months are never
/// used: `90d` would come back as `3mo`, which is not what a user who typed `90d` reads.
pub fn format_duration(secs: i64) -> String {
    for (unit, size) in [
        ("y", 365 * DAY),
        ("w", 7 * DAY),
        ("d", DAY),
        ("h", 3600),
        ("min", 60),
    ] {
        if secs % size == 0 {
            return format!("{}{unit}", secs / size);
        }
    }
    format!("{secs}s")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_409_573), "2026-11-23T04:52:53Z");
    }

    #[test]
    fn parses_durations() {
        assert_eq!(parse_duration("90d"), Ok(90 * 86_400));
        assert_eq!(parse_duration("1w2d"), Ok(9 * 86_400));
        assert_eq!(parse_duration("30min"), Ok(1800));
        assert_eq!(parse_duration("1h30min"), Ok(5400));
        assert_eq!(parse_duration("6mo"), Ok(180 * 86_400));
        assert_eq!(parse_duration("1y2mo"), Ok(425 * 86_400));
        assert_eq!(parse_duration("45s"), Ok(45));
        assert_eq!(parse_duration("100y"), Ok(MAX_DURATION));
        assert_eq!(parse_duration("36500d"), Ok(MAX_DURATION));
        for bad in [
            "",
            "d",
            "90",
            "9x",
            "0d",
            "-1d",
            "99999999999999999999d",
            "36500d1s",
            "1mi",
            "1 d",
            "1D",
            "none",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_bare_m_is_ambiguous() {
        for text in ["30m", "1h30m", "6m"] {
            let err = parse_duration(text).unwrap_err();
            assert!(
                err.contains("use min for minutes or mo for months"),
                "{err}"
            );
        }
    }

    #[test]
    fn none_clears_a_period() {
        assert_eq!(parse_period("none"), Ok(Period::None));
        assert_eq!(parse_period("90d"), Ok(Period::Every(90 * 86_400)));
        assert!(parse_period("nothing").is_err());
        assert_eq!(format_duration(365 * 86_400), "1y");
        assert_eq!(format_duration(90 * 86_400), "90d");
        assert_eq!(format_duration(1800), "30min");
    }

    proptest! {
        #[test]
        fn durations_round_trip(secs in 1i64..=MAX_DURATION) {
            prop_assert_eq!(parse_duration(&format_duration(secs)), Ok(secs));
        }
    }
}
