//! Vote matrices in long form (`district,party,votes`, one row per district and party) and
//! district tables (`district,seats` or `district,size`), for biproportional apportionment.
//! Districts and parties are numbered in the order they first appear; a party without a row in
//! a district has no votes there. Errors are [`TableError`]s with file, line and column.

use std::io::Read;
use std::path::Path;

use hashbrown::HashMap;

use crate::vote_table::{
    Separator, TableError, TableErrorKind, find_columns, line_of, text_field, whole_number, width_error,
};

/// A vote matrix read from a long table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixTable {
    /// District names in order of first appearance.
    pub districts: Vec<String>,
    /// Party names in order of first appearance.
    pub parties: Vec<String>,
    /// `votes[district][party]`; zero where the table has no row.
    pub votes: Vec<Vec<u64>>,
    /// The line where each district first appears.
    pub district_lines: Vec<u64>,
    pub separator: Separator,
}

/// One row of a district table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictRow {
    pub district: String,
    pub value: u64,
    pub line: u64,
    /// The 1-based column of the value, for errors about it.
    pub column: u64,
}

/// The most cells (districts × parties) a vote matrix may have: a council's table has a few
/// hundred (Zurich 9 × 15, Denmark 10 × 12). A sparse table of distinct names on every row would
/// otherwise grow a square matrix: 20,000 rows, 400 million cells.
pub const MAX_MATRIX_CELLS: usize = 100_000;

/// Reads a `district,party,votes` table (other columns ignored); every row is checked and the
/// errors of all rows are returned together. A table whose matrix would pass
/// [`MAX_MATRIX_CELLS`] stops at the row that makes it so.
pub fn read_matrix_table(input: impl Read, file: &Path) -> Result<MatrixTable, Vec<TableError>> {
    let (records, separator, header) = crate::vote_table::read_records(input, file, "district, party and votes")?;
    let found = find_columns(file, &header, &["district", "party", "votes"], separator).map_err(|err| vec![err])?;
    let (district_col, party_col, votes_col) = (found.indices[0], found.indices[1], found.indices[2]);
    let mut table = MatrixTable {
        districts: Vec::new(),
        parties: Vec::new(),
        votes: Vec::new(),
        district_lines: Vec::new(),
        separator,
    };
    // (district, party) → first line.
    let mut seen: Vec<Vec<Option<u64>>> = Vec::new();
    // Each name's place, so that a long table is not searched for every row.
    let (mut district_at, mut party_at) = (HashMap::new(), HashMap::new());
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        if record.len() != header.len() {
            errors.push(width_error(file, &record, header.len()));
            continue;
        }
        let line = line_of(&record);
        let district = name(file, &record, district_col, "the district name", TableErrorKind::EmptyDistrict);
        let party = name(file, &record, party_col, "the party name", TableErrorKind::EmptyName);
        let votes = whole_number(file, &record, votes_col, "votes");
        let (district, party, votes) = match (district, party, votes) {
            (Ok(district), Ok(party), Ok(votes)) => (district, party, votes),
            (district, party, votes) => {
                errors.extend([district.err(), party.err(), votes.err()].into_iter().flatten());
                continue;
            }
        };
        let (known_row, known_column) = (district_at.get(&district).copied(), party_at.get(&party).copied());
        let districts = table.districts.len() + usize::from(known_row.is_none());
        let parties = table.parties.len() + usize::from(known_column.is_none());
        if districts.saturating_mul(parties) > MAX_MATRIX_CELLS {
            let kind = TableErrorKind::MatrixTooLarge { districts, parties, limit: MAX_MATRIX_CELLS };
            errors.push(TableError::at(file, Some(line), None, kind));
            break;
        }
        let row = known_row.unwrap_or_else(|| {
            district_at.insert(district.clone(), table.districts.len());
            table.districts.push(district.clone());
            table.district_lines.push(line);
            table.votes.push(vec![0; table.parties.len()]);
            seen.push(vec![None; table.parties.len()]);
            table.districts.len() - 1
        });
        let column = known_column.unwrap_or_else(|| {
            party_at.insert(party.clone(), table.parties.len());
            table.parties.push(party.clone());
            table.votes.iter_mut().for_each(|row| row.push(0));
            seen.iter_mut().for_each(|row| row.push(None));
            table.parties.len() - 1
        });
        if let Some(first_line) = seen[row][column] {
            let kind = TableErrorKind::CellTwice { district, party, first_line };
            errors.push(TableError::at(file, Some(line), Some(party_col + 1), kind));
            continue;
        }
        seen[row][column] = Some(line);
        table.votes[row][column] = votes;
    }
    if table.districts.is_empty() && errors.is_empty() {
        errors.push(TableError::file(file, TableErrorKind::NoRows));
    }
    if errors.is_empty() { Ok(table) } else { Err(errors) }
}

/// Reads a `district,<value_column>` table (`seats` or `size`), one row per district.
pub fn read_district_table(
    input: impl Read,
    file: &Path,
    value_column: &'static str,
) -> Result<Vec<DistrictRow>, Vec<TableError>> {
    let (records, separator, header) = crate::vote_table::read_records(input, file, "district and a number")?;
    let found = find_columns(file, &header, &["district", value_column], separator).map_err(|err| vec![err])?;
    let (district_col, value_col) = (found.indices[0], found.indices[1]);
    let mut rows: Vec<DistrictRow> = Vec::new();
    // Each district's first line.
    let mut first_lines: HashMap<String, u64> = HashMap::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        if record.len() != header.len() {
            errors.push(width_error(file, &record, header.len()));
            continue;
        }
        let line = line_of(&record);
        let district = name(file, &record, district_col, "the district name", TableErrorKind::EmptyDistrict);
        let value = whole_number(file, &record, value_col, value_column);
        let (district, value) = match (district, value) {
            (Ok(district), Ok(value)) => (district, value),
            (district, value) => {
                errors.extend([district.err(), value.err()].into_iter().flatten());
                continue;
            }
        };
        if let Some(&first_line) = first_lines.get(&district) {
            let kind = TableErrorKind::DistrictTwice { district, first_line };
            errors.push(TableError::at(file, Some(line), Some(district_col + 1), kind));
            continue;
        }
        first_lines.insert(district.clone(), line);
        rows.push(DistrictRow { district, value, line, column: value_col as u64 + 1 });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(TableError::file(file, TableErrorKind::NoRows));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

/// A non-empty name field, or its error.
fn name(
    file: &Path,
    record: &csv::ByteRecord,
    column: usize,
    what: &'static str,
    empty: TableErrorKind,
) -> Result<String, TableError> {
    match text_field(file, record, column, what)? {
        "" => Err(TableError::at(file, Some(line_of(record)), Some(column + 1), empty)),
        text => Ok(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_becomes_a_matrix_in_order_of_appearance() {
        let text = "district,party,votes\nA,SP,100\nA,FDP,50\nB,FDP,70\nB,GLP,1 000\n";
        let table = read_matrix_table(text.as_bytes(), Path::new("v.csv")).unwrap();
        assert_eq!(table.districts, ["A", "B"]);
        assert_eq!(table.parties, ["SP", "FDP", "GLP"]);
        assert_eq!(table.votes, [vec![100, 50, 0], vec![0, 70, 1000]]);
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let text = "district,party,votes\nA,SP,100\nA,SP,5\n,FDP,3\nB,GLP,x\n";
        let errors = read_matrix_table(text.as_bytes(), Path::new("v.csv")).unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("v.csv:3:2: district \"A\" and party \"SP\" appear together twice"),
            "{}",
            messages[0]
        );
        assert!(messages[1].starts_with("v.csv:4:1: the district name is empty"), "{}", messages[1]);
        assert!(messages[2].starts_with("v.csv:5:3: votes must be a whole number"), "{}", messages[2]);
    }

    #[test]
    fn a_matrix_past_its_cells_stops_at_the_row_that_grows_it() {
        // Distinct names on every row: a square matrix, past the limit at the row that makes
        // districts × parties exceed it (317 × 317 = 100,489: the 317th row, on line 318).
        let mut text = String::from("district,party,votes\n");
        for i in 0..400 {
            text += &format!("d{i},p{i},{}\n", i + 1);
        }
        let errors = read_matrix_table(text.as_bytes(), Path::new("v.csv")).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let message = errors[0].to_string();
        assert!(message.starts_with("v.csv:318: the matrix grows to 317 districts × 317 parties"), "{message}");
        // A full matrix of as many cells as allowed reads.
        let mut text = String::from("district,party,votes\n");
        for d in 0..100 {
            for p in 0..(MAX_MATRIX_CELLS / 100) {
                text += &format!("d{d},p{p},1\n");
            }
        }
        let table = read_matrix_table(text.as_bytes(), Path::new("v.csv")).unwrap();
        assert_eq!(table.districts.len() * table.parties.len(), MAX_MATRIX_CELLS);
    }

    #[test]
    fn district_tables_refuse_repeats_and_missing_columns() {
        let rows = read_district_table("district,seats\nA,3\nB,4\n".as_bytes(), Path::new("s.csv"), "seats").unwrap();
        assert_eq!(rows.iter().map(|r| r.value).collect::<Vec<_>>(), [3, 4]);
        let errors =
            read_district_table("district,seats\nA,3\nA,4\n".as_bytes(), Path::new("s.csv"), "seats").unwrap_err();
        assert!(errors[0].to_string().starts_with("s.csv:3:1: district \"A\" appears twice"), "{}", errors[0]);
        let errors = read_district_table("name,seats\nA,3\n".as_bytes(), Path::new("s.csv"), "seats").unwrap_err();
        assert!(errors[0].to_string().contains("district"), "{}", errors[0]);
    }
}
