//! Reading values written by people: the error for text of the wrong form, and exact decimals.

use std::fmt;

/// A value on the command line or in a file that is not of the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The text as given.
    pub found: String,
    /// What was expected, in words.
    pub expected: &'static str,
    /// What to write instead, when it can be told (a near name, the unit a number lacks).
    pub hint: Option<String>,
}

impl ParseError {
    pub(crate) fn new(found: &str, expected: &'static str) -> ParseError {
        ParseError { found: found.to_owned(), expected, hint: None }
    }

    /// The error with a hint of what to write instead.
    pub(crate) fn with_hint(mut self, hint: String) -> ParseError {
        self.hint = Some(hint);
        self
    }

    /// The error with the suggestion of the names in `names` nearest to what was found, when
    /// they are near enough to be a slip (one edit in four letters, at least one).
    pub(crate) fn suggesting<'a>(self, names: impl IntoIterator<Item = &'a str>) -> ParseError {
        let found = self.found.trim().to_ascii_lowercase();
        let allowed = (found.chars().count() / 4).max(1);
        let scored: Vec<(usize, &str)> = names
            .into_iter()
            .map(|name| (edit_distance(&found, name), name))
            .filter(|(distance, _)| (1..=allowed).contains(distance))
            .collect();
        let Some(best) = scored.iter().map(|(distance, _)| *distance).min() else { return self };
        let nearest: Vec<&str> =
            scored.iter().filter(|(distance, _)| *distance == best).map(|(_, name)| *name).collect();
        self.with_hint(format!("did you mean {}?", nearest.join(" or ")))
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)?;
        match &self.hint {
            Some(hint) => write!(f, ": {hint}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for ParseError {}

/// The edit distance between two texts, in characters: insertions, deletions, substitutions
/// and swaps of two neighbours (`vaild` is one edit from `valid`).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

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

#[cfg(test)]
mod tests {
    use crate::{Method, Preset, ThresholdBase, TiePolicy};

    #[test]
    fn near_names_are_suggested() {
        let hint = |result: Result<(), crate::ParseError>| result.err().and_then(|err| err.hint);
        assert_eq!(hint("dhont".parse::<Method>().map(drop)), Some("did you mean dhondt?".to_owned()));
        assert_eq!(hint("sainte-legue".parse::<Method>().map(drop)), Some("did you mean sainte-lague?".to_owned()));
        assert_eq!(hint("borda".parse::<Method>().map(drop)), None);
        assert_eq!(hint("kz-2022".parse::<Preset>().map(drop)), Some("did you mean kz-2021 or kz-2023?".to_owned()));
        assert_eq!(hint("kz-2099".parse::<Preset>().map(drop)), None);
        assert_eq!(hint("regisration".parse::<TiePolicy>().map(drop)), Some("did you mean registration?".to_owned()));
        assert_eq!(hint("vaild".parse::<ThresholdBase>().map(drop)), Some("did you mean valid?".to_owned()));
    }
}
