//! Reading values written by people: the error for text of the wrong form, and exact decimals.

use std::fmt;

/// A value on the command line or in a file that is not of the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The text as given.
    pub found: String,
    /// What was expected, in words.
    pub expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(found: &str, expected: &'static str) -> ParseError {
        ParseError { found: found.to_owned(), expected }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)
    }
}

impl std::error::Error for ParseError {}

/// Parses a non-negative decimal with at most the scale's decimal places, times `scale`.
pub(crate) fn parse_scaled_decimal(text: &str, scale: u128) -> Option<u128> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let mut frac_value: u128 = 0;
    let mut place = scale;
    for digit in frac.bytes() {
        place /= 10;
        if place == 0 {
            return None;
        }
        frac_value += u128::from(digit - b'0') * place;
    }
    whole.checked_mul(scale)?.checked_add(frac_value)
}
