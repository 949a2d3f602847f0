//! A row pasted with the table that is its total, not a list: named as a total (Total, Итого,
//! Барлығы, …) or holding the sum of the other rows' votes.

use std::path::Path;

use super::{ListRow, TableError, TableErrorKind, TotalReason};

/// Whether a row that reads as a total is refused or taken as a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalRows {
    Refuse,
    /// The user said such a row is a list (a party called "Total", a sum by chance).
    Allow,
}

/// The words for a total in English, Russian and Kazakh, lower case.
const TOTAL_WORDS: &[&str] = &["total", "totals", "sum", "итого", "всего", "барлығы", "жиыны", "жалпы"];

/// Whether a party name reads as a total: one of [`TOTAL_WORDS`], in any case, trimmed, with
/// or without a trailing colon.
pub fn reads_as_total(name: &str) -> bool {
    let name = name.trim();
    // Every word starts with t, s or a Cyrillic letter of the D0 block (и, в, б, ж, И, В, Б, Ж).
    if !name.as_bytes().first().is_some_and(|b| matches!(b, b't' | b'T' | b's' | b'S' | 0xd0)) {
        return false;
    }
    let name = name.strip_suffix(':').unwrap_or(name).trim_end();
    // Every word is 3 to 7 letters (at most 14 bytes in Cyrillic): skip the lowering otherwise.
    if !(3..=14).contains(&name.len()) {
        return false;
    }
    let lower = name.to_lowercase();
    TOTAL_WORDS.contains(&lower.as_str())
}

/// The first of `count` rows (named by `name`, with `votes`) that reads as a total: by its
/// name, or (with at least two other rows) by votes equal to the sum of all the others.
pub fn find_total_row<'a>(
    count: usize,
    name: impl Fn(usize) -> &'a str,
    votes: impl Fn(usize) -> u64,
) -> Option<(usize, TotalReason)> {
    if let Some(row) = (0..count).find(|&row| reads_as_total(name(row))) {
        return Some((row, TotalReason::Name));
    }
    if count < 3 {
        return None;
    }
    let sum: u128 = (0..count).map(|row| u128::from(votes(row))).sum();
    let row = (0..count).find(|&row| votes(row) > 0 && 2 * u128::from(votes(row)) == sum)?;
    Some((row, TotalReason::SumOfOthers))
}

/// The first row of a vote table that reads as a total, as an error.
pub(super) fn check(file: &Path, rows: &[ListRow]) -> Result<(), TableError> {
    let Some((row, reason)) = find_total_row(rows.len(), |i| &rows[i].party, |i| rows[i].votes) else { return Ok(()) };
    let row = &rows[row];
    let kind = TableErrorKind::TotalRow { party: row.party.clone(), votes: row.votes, reason };
    Err(TableError::at(file, Some(row.line), None, kind))
}

#[cfg(test)]
mod tests {
    use super::{TotalReason, find_total_row, reads_as_total};

    #[test]
    fn names_of_a_total() {
        for name in ["Total", "TOTALS", " sum ", "Итого:", "ВСЕГО", "Барлығы", "жиыны :", "Жалпы"]
        {
            assert!(reads_as_total(name), "{name:?}");
        }
        for name in ["Totalitarian", "Amanat", "Sum party", "Ак жол", "", ":"] {
            assert!(!reads_as_total(name), "{name:?}");
        }
    }

    #[test]
    fn sum_of_the_others() {
        let rows = [("A", 10), ("B", 5), ("C", 2), ("All", 17)];
        assert_eq!(find_total_row(4, |i| rows[i].0, |i| rows[i].1), Some((3, TotalReason::SumOfOthers)));
        // With one other row, a list equal to it is a tie, not a total.
        let rows = [("A", 10), ("B", 10)];
        assert_eq!(find_total_row(2, |i| rows[i].0, |i| rows[i].1), None);
        let rows = [("A", 0), ("B", 0), ("C", 0)];
        assert_eq!(find_total_row(3, |i| rows[i].0, |i| rows[i].1), None);
    }
}
