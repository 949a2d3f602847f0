//! The plain-text explanation of a biproportional apportionment: district seats, threshold,
//! upper apportionment with its divisor, the seat matrix with its divisors, and the ties.

use std::fmt::Write;

use super::{Biproportional, PartyStatus, VoterNumbers};
use crate::explain::table;

/// Explains `result`; `districts[i]` and `parties[j]` name the rows and columns (missing
/// names become "district 3", "party 2").
pub fn explain(result: &Biproportional, districts: &[String], parties: &[String]) -> String {
    let district = |i: usize| districts.get(i).cloned().unwrap_or_else(|| format!("district {}", i + 1));
    let party = |j: usize| parties.get(j).cloned().unwrap_or_else(|| format!("party {}", j + 1));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "biproportional apportionment: {} seats, {} districts, {} parties; standard rounding (Sainte-Laguë) in both \
         apportionments",
        result.house_size,
        result.district_seats.len(),
        result.parties.len()
    );
    district_section(&mut out, result, &district);
    threshold_section(&mut out, result, &party);
    upper_section(&mut out, result, &party);
    matrix_section(&mut out, result, &district, &party);
    ties_section(&mut out, result, &district, &party);
    out
}

/// Where the district seats came from.
fn district_section(out: &mut String, result: &Biproportional, district: &impl Fn(usize) -> String) {
    let seats: Vec<String> =
        result.district_seats.iter().enumerate().map(|(i, s)| format!("{} {s}", district(i))).collect();
    let origin = match &result.district_allocation {
        Some(allocation) => format!(
            "apportioned by size with {} (ties: {})",
            allocation.rules.method,
            if allocation.ties.is_empty() { "none".to_owned() } else { allocation.ties.len().to_string() }
        ),
        None => "given".to_owned(),
    };
    let _ = writeln!(out, "\n1. district seats ({origin}): {}", seats.join(", "));
}

/// The threshold and who passed.
fn threshold_section(out: &mut String, result: &Biproportional, party: &impl Fn(usize) -> String) {
    let threshold = &result.rules.threshold;
    let mut conditions = Vec::new();
    if let Some(share) = threshold.in_some_district {
        conditions.push(format!("{} % of the votes in at least one district", share.per_cent_text()));
    }
    if let Some(share) = threshold.overall {
        conditions.push(format!("{} % of all votes", share.per_cent_text()));
    }
    if conditions.is_empty() {
        let _ = writeln!(out, "\n2. threshold: none; every party takes part");
        return;
    }
    let _ = writeln!(out, "\n2. threshold: {} (reaching it exactly passes)", conditions.join(" or "));
    for (j, figures) in result.parties.iter().enumerate() {
        let verdict = match figures.status {
            PartyStatus::Qualified => "takes part",
            PartyStatus::BelowThreshold => "excluded",
        };
        let _ = writeln!(
            out,
            "   {}: best district {} %, overall {} %: {verdict}",
            party(j),
            figures.best_district_share.percent(2),
            figures.overall_share.percent(2)
        );
    }
}

/// The upper apportionment: voter numbers, the divisor, quotients, seats.
fn upper_section(out: &mut String, result: &Biproportional, party: &impl Fn(usize) -> String) {
    let weight = match result.rules.voter_numbers {
        VoterNumbers::Votes => "its votes",
        VoterNumbers::PerSeat => "the sum over districts of its votes ÷ the district's seats (exact)",
        VoterNumbers::PerSeatRounded => {
            "the sum over districts of its votes ÷ the district's seats, each rounded to a whole number"
        }
    };
    let _ = writeln!(out, "\n3. upper apportionment (seats to parties): each party's voter number is {weight}");
    let divisor_text = result.upper_divisor.as_ref().map(|d| d.decimal_trimmed(6));
    match &divisor_text {
        Some(divisor) => {
            let _ = writeln!(
                out,
                "   divisor {divisor}: voter number ÷ {divisor}, rounded to the nearest whole number, is the party's seats"
            );
        }
        None => {
            let _ = writeln!(out, "   (the divisor is too large to print exactly)");
        }
    }
    let header = ["party", "votes", "voter number", "quotient", "seats"];
    let rows: Vec<Vec<String>> = result
        .qualified
        .iter()
        .map(|j| {
            let figures = &result.parties[*j];
            let quotient = result
                .upper_divisor
                .as_ref()
                .and_then(|divisor| divisor.inverse().map(|inverse| figures.voter_number.times(&inverse).decimal(3)));
            vec![
                party(*j),
                figures.votes.to_string(),
                figures.voter_number.decimal_trimmed(3),
                quotient.unwrap_or_default(),
                figures.seats.to_string(),
            ]
        })
        .collect();
    out.push_str(&table(&header, &rows, &[false, true, true, true, true]));
    for tie in &result.upper.ties {
        let name = |position: usize| party(result.qualified.get(position).copied().unwrap_or(position));
        let _ = writeln!(out, "   tie: {}", tie.describe(name));
    }
}

/// The seat matrix with its divisors.
fn matrix_section(
    out: &mut String,
    result: &Biproportional,
    district: &impl Fn(usize) -> String,
    party: &impl Fn(usize) -> String,
) {
    let method = result.lower_method;
    let how = match (method.transfers, method.restarted) {
        (0, _) => {
            format!("alternating scaling settled after {} passes over districts and parties", method.scaling_passes)
        }
        (transfers, false) => format!(
            "{} passes of alternating scaling, then {transfers} seat(s) moved along exact shortest transfer paths",
            method.scaling_passes
        ),
        (transfers, true) => format!(
            "alternating scaling met a tie; {transfers} seat(s) moved along exact shortest transfer paths from a fresh \
             start"
        ),
    };
    let _ = writeln!(
        out,
        "\n4. lower apportionment (the seat matrix): each cell is votes ÷ (district divisor × party divisor), rounded \
         to the nearest whole number; every row adds up to the district's seats and every column to the party's \
         seats ({how}; every cell checked with exact fractions)"
    );
    let mut header: Vec<String> = vec!["district".to_owned()];
    header.extend(result.qualified.iter().map(|j| party(*j)));
    header.extend(["seats".to_owned(), "divisor".to_owned()]);
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (i, row) in result.seats.iter().enumerate() {
        let mut cells = vec![district(i)];
        cells.extend(result.qualified.iter().map(|j| row[*j].to_string()));
        cells.push(result.district_seats[i].to_string());
        cells.push(result.district_divisors[i].decimal_trimmed(6));
        rows.push(cells);
    }
    let mut seats_row = vec!["seats".to_owned()];
    seats_row.extend(result.qualified.iter().map(|j| result.parties[*j].seats.to_string()));
    seats_row.extend([result.house_size.to_string(), String::new()]);
    rows.push(seats_row);
    let mut divisor_row = vec!["divisor".to_owned()];
    divisor_row.extend(
        result
            .qualified
            .iter()
            .map(|j| result.party_divisors[*j].as_ref().map(|d| d.decimal_trimmed(6)).unwrap_or_default()),
    );
    divisor_row.extend([String::new(), String::new()]);
    rows.push(divisor_row);
    let header_refs: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    right[0] = false;
    out.push_str(&table(&header_refs, &rows, &right));
}

/// Ties in the matrix, or none.
fn ties_section(
    out: &mut String,
    result: &Biproportional,
    district: &impl Fn(usize) -> String,
    party: &impl Fn(usize) -> String,
) {
    if result.ties.is_empty() {
        let _ =
            writeln!(out, "\nties in the matrix: none (this is the only matrix that meets both margins with divisors)");
        return;
    }
    for (n, tie) in result.ties.iter().enumerate() {
        let cells: Vec<String> = tie
            .cells
            .iter()
            .map(|cell| {
                format!("{} / {}: {} or {}", district(cell.district), party(cell.party), cell.seats, cell.other)
            })
            .collect();
        let _ = writeln!(
            out,
            "\ntie {} in the matrix (these cells change together; the law decides, e.g. by lot): {}",
            n + 1,
            cells.join("; ")
        );
    }
}
