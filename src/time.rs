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

/// The inverse of [`civil_from_days`].
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = year - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parses an RFC 3339 timestamp (`2026-03-01T12:00:00Z`, fractions of a second ignored, `Z` or
/// a `+hh:mm`/`-hh:mm` offset; `t`, `z` and a space for `T` accepted) into Unix seconds.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let (date, rest) = text.split_at_checked(10)?;
    let day = parse_date(date)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (clock, zone) = rest.split_at_checked(8)?;
    let [h, m, s] = fields::<3>(clock, ':')?;
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    let zone = match zone.find(|c: char| !(c == '.' || c.is_ascii_digit())) {
        Some(0) if !zone.starts_with('.') => zone,
        Some(end) if zone.starts_with('.') && end > 1 => &zone[end..],
        _ => return None,
    };
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let [oh, om] = fields::<2>(zone.get(1..)?, ':')?;
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(day * DAY + h * 3600 + m * 60 + s - offset)
}

/// A `YYYY-MM-DD` date as days since 1970-01-01.
fn parse_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if year.len() != 4 || month.len() != 2 || day.len() != 2 {
        return None;
    }
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(year) && all_digits(month) && all_digits(day)) {
        return None;
    }
    let (year, month, day): (i64, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let days = days_from_civil(year, month, day);
    // Refuses 2026-02-30 and the like: the day must come back as written.
    (civil_from_days(days) == (year, month, day) && (1..=12).contains(&month)).then_some(days)
}

/// `N` two-digit numbers separated by `sep`.
fn fields<const N: usize>(text: &str, sep: char) -> Option<[i64; N]> {
    let mut out = [0; N];
    let mut parts = text.split(sep);
    for slot in &mut out {
        let part = parts.next()?;
        if part.len() != 2 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// Parses a point in time as `--since` and `--until` take it: an RFC 3339 timestamp, a date
/// (`2026-03-01`, midnight UTC), or a duration meaning that long ago (`7d`, `12h`).
pub fn parse_instant(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if let Some(secs) = parse_rfc3339(text) {
        return Ok(secs);
    }
    if let Some(days) = parse_date(text) {
        return Ok(days * DAY);
    }
    if text.starts_with(|c: char| c.is_ascii_digit()) && !text.contains('-') {
        return parse_duration(text).map(|ago| now - ago);
    }
    Err(format!(
        "invalid time {text:?}: use a date (2026-03-01), an RFC 3339 time \
         (2026-03-01T12:00:00Z) or a duration ago (7d, 12h)"
    ))
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
    fn parses_instants() {
        assert_eq!(parse_rfc3339("2026-11-23T04:52:53Z"), Some(1_795_409_573));
        assert_eq!(
            parse_rfc3339("2026-11-23t04:52:53.250z"),
            Some(1_795_409_573)
        );
        assert_eq!(
            parse_rfc3339("2026-11-23 06:52:53+02:00"),
            Some(1_795_409_573)
        );
        assert_eq!(
            parse_rfc3339("2026-11-22T23:52:53-05:00"),
            Some(1_795_409_573)
        );
        assert_eq!(parse_instant("2000-02-29", 0), Ok(951_782_400));
        assert_eq!(parse_instant("7d", 10 * 86_400), Ok(3 * 86_400));
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-01",
            "2026-11-23T24:00:00Z",
            "2026-11-23T04:52:53",
            "2026-11-23T04:52:53+2",
            "2026-11-23T04:52:53.Z",
            "yesterday",
            "",
        ] {
            assert!(parse_instant(bad, 0).is_err(), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn instants_round_trip(secs in -62_135_596_800i64..253_402_300_799) {
            prop_assert_eq!(parse_rfc3339(&rfc3339(secs)), Some(secs));
        }
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
