//! What-if sweeps ([`maslihat_analysis::sweep`]) as CSV for spreadsheets.
//!
//! The CSV is *wide*: one row per scenario, a column per list (its seats), then the indices
//! and an error column. It is written by [`crate::text::CsvWriter`] (RFC 4180, formulas
//! defused); numbers use a dot and fixed decimals.

use maslihat_analysis::SweepRow;

use crate::decimal::Fixed;
use crate::text;

#[cfg(test)]
mod tests;

/// Sweep rows as CSV text. `names` heads the list columns; missing names become `list N`.
pub fn sweep_csv(rows: &[SweepRow], names: &[String]) -> String {
    let lists = rows.iter().filter_map(|r| r.seats.as_ref().map(Vec::len)).max().unwrap_or(0).max(names.len());
    let mut header: Vec<String> = ["method", "threshold", "house_size"].map(str::to_owned).to_vec();
    header.extend((0..lists).map(|i| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1))));
    header.extend(
        ["gallagher", "loosemore_hanby", "enp_votes", "enp_seats", "wasted_votes", "wasted_percent", "error"]
            .map(str::to_owned),
    );
    let lines = rows.iter().map(|row| {
        let mut fields = vec![row.method.clone(), row.threshold.clone(), row.house_size.to_string()];
        fields.extend(
            (0..lists).map(|i| row.seats.as_ref().and_then(|s| s.get(i)).map(u32::to_string).unwrap_or_default()),
        );
        match &row.indices {
            Some(ix) => fields.extend([
                Fixed(ix.gallagher, 4).to_string(),
                Fixed(ix.loosemore_hanby, 4).to_string(),
                Fixed(ix.enp_votes, 4).to_string(),
                Fixed(ix.enp_seats, 4).to_string(),
                ix.wasted_votes.to_string(),
                Fixed(ix.wasted_percent, 4).to_string(),
            ]),
            None => fields.extend(std::iter::repeat_n(String::new(), 6)),
        }
        fields.push(row.error.clone().unwrap_or_default());
        fields
    });
    text::csv_text(std::iter::once(header).chain(lines))
}
