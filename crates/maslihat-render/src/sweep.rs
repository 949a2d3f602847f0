//! What-if sweeps ([`maslihat_analysis::sweep`]) as CSV for spreadsheets.
//!
//! The CSV is *wide*: one row per scenario, a column per list (its seats), then the indices
//! and an error column. It is written by [`crate::text::CsvWriter`] (RFC 4180, formulas
//! defused); numbers use a dot and fixed decimals.

use maslihat_analysis::{Indices, SweepRow};

use crate::decimal::Fixed;
use crate::text;

#[cfg(test)]
mod tests;

/// Sweep rows as CSV text. `names` heads the list columns; missing names become `list N`.
pub fn sweep_csv(rows: &[SweepRow], names: &[String]) -> String {
    let lists = rows.iter().filter_map(|r| r.seats.as_ref().map(Vec::len)).max().unwrap_or(0).max(names.len());
    let mut writer = text::CsvWriter::new(Vec::new());
    // Writing into memory does not fail.
    let _ = write_header(&mut writer, names, lists).and_then(|()| write_rows(&mut writer, rows, lists));
    writer.into_text()
}

/// The header, field by field (no string per column): the scenario's columns, a column per
/// list (`names`, then `list N`), the indices and the error.
fn write_header(writer: &mut text::CsvWriter<Vec<u8>>, names: &[String], lists: usize) -> std::io::Result<()> {
    ["method", "threshold", "house_size"].into_iter().try_for_each(|field| writer.field(field))?;
    let mut unnamed = String::new();
    for i in 0..lists {
        match names.get(i) {
            Some(name) => writer.field(name)?,
            None => {
                unnamed.clear();
                unnamed.push_str("list ");
                unnamed.push_str(itoa::Buffer::new().format(i + 1));
                writer.field(&unnamed)?;
            }
        }
    }
    ["gallagher", "loosemore_hanby", "enp_votes", "enp_seats", "wasted_votes", "wasted_percent", "error"]
        .into_iter()
        .try_for_each(|field| writer.field(field))?;
    writer.end_record()
}

/// One record per row, field by field, every number written by `itoa` or
/// [`Fixed::push_to`] into reused buffers: a sweep has a few dozen rows of many numbers, and a
/// string (or a formatter) per number cost more than the rest of the page. A row whose outcome
/// (seats, indices, error) is the last written one's (sweeps often give several methods or
/// thresholds the same seats) gets those fields' bytes copied.
fn write_rows(writer: &mut text::CsvWriter<Vec<u8>>, rows: &[SweepRow], lists: usize) -> std::io::Result<()> {
    // The decimals of the last row's indices, each kept for a row with the same value in its
    // column (the votes' effective number of parties is mostly the same in every row): keyed
    // by their bit patterns.
    let mut decimals: [String; 5] = Default::default();
    let mut decimals_of: [Option<u64>; 5] = [None; 5];
    // The last row whose outcome was written, and where.
    let mut last_written: Option<(&SweepRow, text::CsvRun)> = None;
    for row in rows {
        writer.field(&row.method)?;
        writer.field(&row.threshold)?;
        writer.integer(row.house_size)?;
        if let Some((last, run)) = &last_written
            && same_outcome(last, row)
            && writer.repeat(run)
        {
            continue;
        }
        let start = writer.mark();
        for i in 0..lists {
            match row.seats.as_ref().and_then(|s| s.get(i)) {
                Some(seats) => writer.integer(*seats)?,
                None => writer.field("")?,
            }
        }
        match &row.indices {
            Some(ix) => {
                for ((text, of), value) in decimals.iter_mut().zip(&mut decimals_of).zip(decimal_indices(ix)) {
                    let bits = value.to_bits();
                    if *of != Some(bits) {
                        text.clear();
                        Fixed(value, 4).push_to(text);
                        *of = Some(bits);
                    }
                }
                let [gallagher, loosemore_hanby, enp_votes, enp_seats, wasted_percent] = &decimals;
                writer.field(gallagher)?;
                writer.field(loosemore_hanby)?;
                writer.field(enp_votes)?;
                writer.field(enp_seats)?;
                writer.integer(ix.wasted_votes)?;
                writer.field(wasted_percent)?;
            }
            None => (0..6).try_for_each(|_| writer.field(""))?,
        }
        writer.field(row.error.as_deref().unwrap_or_default())?;
        writer.end_record()?;
        last_written = Some((row, writer.run_since(start)));
    }
    Ok(())
}

/// The indices written with 4 decimals, in their columns' order.
fn decimal_indices(ix: &Indices) -> [f64; 5] {
    [ix.gallagher, ix.loosemore_hanby, ix.enp_votes, ix.enp_seats, ix.wasted_percent]
}

/// Whether two rows have the same outcome, so the same fields after the house size: the same
/// seats, error and indices (the same bits: the same decimals, NaN too).
fn same_outcome(a: &SweepRow, b: &SweepRow) -> bool {
    let same_indices = match (&a.indices, &b.indices) {
        (Some(x), Some(y)) => {
            x.wasted_votes == y.wasted_votes
                && decimal_indices(x).map(f64::to_bits) == decimal_indices(y).map(f64::to_bits)
        }
        (None, None) => true,
        _ => false,
    };
    same_indices && a.seats == b.seats && a.error == b.error
}
