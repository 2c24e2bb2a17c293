//! The rule for secret names: 1 to 128 ASCII letters, digits, `_`, `-` or `.`, starting with a
//! letter, digit or `_`. Names are case-sensitive and stored in clear.

/// The rule, as shown in error messages.
pub const RULE: &str = "a name is 1 to 128 characters of ASCII letters, digits, '_', '-' and '.', starting with a letter, digit or '_'";

pub const MAX_LEN: usize = 128;

/// Whether `name` follows [`RULE`].
pub fn is_valid(name: &str) -> bool {
    let bytes = name.as_bytes();
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    matches!(bytes.first(), Some(b) if b.is_ascii_alphanumeric() || *b == b'_')
        && bytes.len() <= MAX_LEN
        && bytes.iter().all(allowed)
}

/// The environment variable a secret is exported as: `prefix` removed from the front of `name`,
/// then every `.` and `-` turned into `_`. `None` when nothing is left.
pub fn env_var(name: &str, prefix: &str) -> Option<String> {
    let rest = name.strip_prefix(prefix).unwrap_or(name);
    (!rest.is_empty()).then(|| rest.replace(['.', '-'], "_"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_var_strips_the_prefix_and_maps_punctuation() {
        assert_eq!(env_var("prod.db-url", "prod."), Some("db_url".into()));
        assert_eq!(env_var("API_KEY", ""), Some("API_KEY".into()));
        assert_eq!(env_var("a.b-c", ""), Some("a_b_c".into()));
        assert_eq!(env_var("prod.", "prod."), None);
    }
    use proptest::prelude::*;

    #[test]
    fn examples() {
        for good in [
            "A",
            "_x",
            "db.password",
            "API-KEY_2",
            "9lives",
            &"a".repeat(128),
        ] {
            assert!(is_valid(good), "{good:?}");
        }
        for bad in [
            "",
            "-x",
            ".x",
            "a b",
            "a/b",
            "é",
            "a\n",
            &"a".repeat(129),
            "a=b",
        ] {
            assert!(!is_valid(bad), "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn matches_the_rule(name in "\\PC{0,130}") {
            let expected = (1..=128).contains(&name.len())
                && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c));
            prop_assert_eq!(is_valid(&name), expected);
        }
    }
}
