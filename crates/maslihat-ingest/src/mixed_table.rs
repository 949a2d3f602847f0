//! Mixed-member tables: `party,votes,constituency_seats`, one row per party (list votes and the
//! constituency seats it won), for `maslihat mixed`. Errors are positioned [`TableError`]s.

use std::io::Read;
use std::path::Path;

use hashbrown::HashMap;

use crate::vote_table::{TableError, TableErrorKind, find_columns, line_of, text_field, whole_number, width_error};

/// One party of a mixed-member table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MixedRow {
    pub party: String,
    pub votes: u64,
    pub constituency_seats: u64,
    pub line: u64,
}

/// Reads a `party,votes,constituency_seats` table (other columns ignored); every row is checked
/// and the errors of all rows returned together.
pub fn read_mixed_table(input: impl Read, file: &Path) -> Result<Vec<MixedRow>, Vec<TableError>> {
    let (records, separator, header) =
        crate::vote_table::read_records(input, file, "party, votes and constituency_seats")?;
    let found =
        find_columns(file, &header, &["party", "votes", "constituency_seats"], separator).map_err(|e| vec![e])?;
    let (party_col, votes_col, seats_col) = (found.indices[0], found.indices[1], found.indices[2]);
    let mut rows: Vec<MixedRow> = Vec::new();
    // Each party's first line.
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
        let party = match text_field(file, &record, party_col, "the party name") {
            Ok("") => Err(TableError::at(file, Some(line), Some(party_col + 1), TableErrorKind::EmptyName)),
            Ok(name) => Ok(name.to_owned()),
            Err(err) => Err(err),
        };
        let votes = whole_number(file, &record, votes_col, "votes");
        let seats = whole_number(file, &record, seats_col, "constituency_seats");
        let (party, votes, constituency_seats) = match (party, votes, seats) {
            (Ok(party), Ok(votes), Ok(seats)) => (party, votes, seats),
            (party, votes, seats) => {
                errors.extend([party.err(), votes.err(), seats.err()].into_iter().flatten());
                continue;
            }
        };
        if let Some(&first_line) = first_lines.get(&party) {
            let kind = TableErrorKind::DuplicateParty { party, first_line };
            errors.push(TableError::at(file, Some(line), Some(party_col + 1), kind));
            continue;
        }
        first_lines.insert(party.clone(), line);
        rows.push(MixedRow { party, votes, constituency_seats, line });
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(TableError::file(file, TableErrorKind::NoRows));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_positioned_errors() {
        let rows = read_mixed_table("party,votes,constituency_seats\nA,100,2\nB,50,0\n".as_bytes(), Path::new("m.csv"))
            .unwrap();
        assert_eq!(rows.iter().map(|r| (r.votes, r.constituency_seats)).collect::<Vec<_>>(), [(100, 2), (50, 0)]);
        let errors =
            read_mixed_table("party,votes,constituency_seats\nA,100,x\nA,5,0\n".as_bytes(), Path::new("m.csv"))
                .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(messages[0].starts_with("m.csv:2:3: constituency_seats must be a whole number"), "{messages:?}");
        assert_eq!(messages.len(), 1, "the second A is not a duplicate of a row that failed: {messages:?}");
    }
}
