//! Whole numbers as people write them: plain digits, or digits grouped by threes as results
//! sites print them (`261 213`, `261 213`, `261,213`, `261.213`).

/// A cell read as a vote count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A whole number (plain, or grouped by threes with one separator throughout).
    Whole(u64),
    /// Digits and separators that are no grouping by threes (`12,5`, `1.5`, `12 34`).
    Ambiguous,
    /// Digits, possibly grouped, beyond `u64`.
    TooLarge,
    /// Anything else (letters, a sign, nothing).
    NotANumber,
}

/// Digits only, no sign, no separators, fitting `u64`.
#[inline]
pub fn parse_whole(text: &str) -> Option<u64> {
    parse_whole_bytes(text.as_bytes())
}

/// [`parse_whole`] on bytes (surrounding ASCII spaces allowed, as in a trimmed text field).
#[inline]
pub fn parse_whole_bytes(bytes: &[u8]) -> Option<u64> {
    // A field that starts and ends with a digit has nothing to trim (the usual case).
    let digits = match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_digit() && last.is_ascii_digit() => bytes,
        _ => bytes.trim_ascii(),
    };
    if digits.is_empty() {
        return None;
    }
    // Up to 19 digits cannot overflow: no check per digit.
    if digits.len() <= 19 {
        let mut value = 0u64;
        for &byte in digits {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            value = value * 10 + u64::from(digit);
        }
        return Some(value);
    }
    digits.iter().try_fold(0u64, |value, byte| {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// The separators a results site may put between groups of three digits.
fn is_group_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | ',' | '.')
}

/// Reads a trimmed cell as a vote count, accepting digits grouped by threes.
pub fn read_count(text: &str) -> Reading {
    if let Some(value) = parse_whole(text) {
        return Reading::Whole(value);
    }
    let starts_with_digit = text.chars().next().is_some_and(|c| c.is_ascii_digit());
    if !starts_with_digit || !text.chars().all(|c| c.is_ascii_digit() || is_group_separator(c)) {
        return Reading::NotANumber;
    }
    if !is_grouped_by_threes(text) {
        return Reading::Ambiguous;
    }
    match parse_whole(&digits_only(text)) {
        Some(value) => Reading::Whole(value),
        None => Reading::TooLarge,
    }
}

/// The digits of a cell, its separators left out.
pub fn digits_only(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// One to three digits, then groups of a separator (the same throughout) and three digits.
fn is_grouped_by_threes(text: &str) -> bool {
    let Some(separator) = text.chars().find(|c| !c.is_ascii_digit()) else { return true };
    let mut groups = text.split(separator);
    let first_ok = groups.next().is_some_and(|first| (1..=3).contains(&first.len()));
    first_ok && groups.all(|group| group.len() == 3 && group.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::{Reading, read_count};

    #[test]
    fn grouped_counts() {
        for (text, want) in [
            ("261213", Reading::Whole(261_213)),
            ("261 213", Reading::Whole(261_213)),
            ("261\u{a0}213", Reading::Whole(261_213)),
            ("1\u{202f}261\u{202f}213", Reading::Whole(1_261_213)),
            ("261,213", Reading::Whole(261_213)),
            ("1.261.213", Reading::Whole(1_261_213)),
            ("12,5", Reading::Ambiguous),
            ("1.5", Reading::Ambiguous),
            ("12 34", Reading::Ambiguous),
            ("1,234.567", Reading::Ambiguous),
            ("1234,567", Reading::Ambiguous),
            ("1,,234", Reading::Ambiguous),
            ("1,234,", Reading::Ambiguous),
            ("abc", Reading::NotANumber),
            ("-5", Reading::NotANumber),
            ("+12", Reading::NotANumber),
            ("", Reading::NotANumber),
            ("99 999 999 999 999 999 999", Reading::TooLarge),
        ] {
            assert_eq!(read_count(text), want, "{text:?}");
        }
    }
}
