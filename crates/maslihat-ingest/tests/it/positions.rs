//! Positions stay exact (issue 13, item 4): the line and column of an error name the physical
//! line and field of the bad cell under blank lines, CRLF line ends, quoted fields holding line
//! breaks, a byte-order mark and bytes that are not UTF-8.

use std::path::{Path, PathBuf};

use maslihat_ingest::load;

/// A copy of the `base` fixture with `parties.csv` replaced by `parties`, in a fresh folder.
fn with_parties(name: &str, parties: &[u8]) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base");
    let dir = std::env::temp_dir().join(format!("maslihat-positions-{}-{name}", std::process::id()));
    std::fs::create_dir_all(dir.join("maslihats")).unwrap();
    for entry in ["party_names.csv", "elections.csv", "election_figures.csv", "results.csv", "sources.csv"]
        .iter()
        .chain(&["discrepancies.csv", "maslihats/test-region.toml"])
    {
        std::fs::copy(fixture.join(entry), dir.join(entry)).unwrap();
    }
    std::fs::write(dir.join("parties.csv"), parties).unwrap();
    dir
}

/// The positions (`line:column`) of the errors in `parties.csv` when it holds `parties`.
fn positions(name: &str, parties: &[u8]) -> Vec<String> {
    let dir = with_parties(name, parties);
    let errors = load(&dir).err().map(|errors| errors.0).unwrap_or_default();
    let found = errors
        .iter()
        .filter(|e| e.position.file.ends_with("parties.csv"))
        .map(|e| {
            let line = e.position.line.map_or("-".to_owned(), |l| l.to_string());
            let column = e.position.column.map_or("-".to_owned(), |c| c.to_string());
            format!("{line}:{column}")
        })
        .collect();
    std::fs::remove_dir_all(dir).unwrap();
    found
}

const HEADER: &str = "id,kind,colour,note";
const GOOD: [&str; 3] = ["nur-otan,party,#1E88E5,", "ak-zhol,party,#F9A825,", "self-nominated,self-nominated,#9E9E9E,"];
/// Its colour (field 3) is not a colour.
const BAD: &str = "auyl,party,green,";

#[test]
fn positions_plain_file() {
    let text = [HEADER, GOOD[0], GOOD[1], BAD, GOOD[2], ""].join("\n");
    assert_eq!(positions("plain", text.as_bytes()), ["4:3"]);
}

#[test]
fn positions_after_blank_lines() {
    let text = [HEADER, "", GOOD[0], "", "", GOOD[1], BAD, GOOD[2], ""].join("\n");
    assert_eq!(positions("blank", text.as_bytes()), ["7:3"]);
}

#[test]
fn positions_with_blank_lines_before_the_header() {
    let text = ["", "", HEADER, GOOD[0], GOOD[1], BAD, GOOD[2], ""].join("\n");
    assert_eq!(positions("blank-header", text.as_bytes()), ["6:3"]);
}

#[test]
fn positions_with_crlf() {
    let text = [HEADER, GOOD[0], "", GOOD[1], BAD, GOOD[2], ""].join("\r\n");
    assert_eq!(positions("crlf", text.as_bytes()), ["5:3"]);
}

#[test]
fn positions_after_a_quoted_field_with_line_breaks() {
    let quoted = "ak-zhol,party,#F9A825,\"a note\nover\r\nthree lines\"";
    let text = [HEADER, GOOD[0], quoted, BAD, GOOD[2], ""].join("\n");
    assert_eq!(positions("quoted", text.as_bytes()), ["6:3"]);
}

#[test]
fn positions_with_a_byte_order_mark() {
    let text = format!("\u{feff}{}", [HEADER, GOOD[0], GOOD[1], BAD, GOOD[2], ""].join("\n"));
    assert_eq!(positions("bom", text.as_bytes()), ["1:1"]);
}

#[test]
fn positions_of_bytes_that_are_not_utf8() {
    let mut text = [HEADER, "", GOOD[0], "\"multi\nline\",party,#F9A825,"].join("\r\n").into_bytes();
    text.extend_from_slice(b"\r\nauyl,party,#2E7D32,caf\xE9\r\n");
    // The bad byte is on physical line 6, in the fourth field.
    assert_eq!(positions("not-utf8", &text), ["6:4"]);
}

/// The positions (`line:column`) of a vote table's errors, read from `bytes`.
fn table_positions(bytes: &[u8]) -> Vec<String> {
    use maslihat_ingest::vote_table::{TotalRows, read_vote_table};
    let errors = read_vote_table(bytes, Path::new("votes.csv"), TotalRows::Refuse).err().unwrap_or_default();
    errors.iter().map(|e| format!("{}:{}", e.position.line.unwrap_or(0), e.position.column.unwrap_or(0))).collect()
}

/// Issue 13, item 4, for vote tables (`allocate`, `uncertain`, `simulate --shares`, the
/// calculator): the `csv` reader put a row after blank lines one line too early per blank line;
/// lines now come from the record's byte offset.
#[test]
fn vote_table_positions_are_physical_lines() {
    assert_eq!(table_positions(b"party,votes\r\n\r\n\r\nA,10\r\n\r\nB,x5\r\n"), ["6:2"]);
    assert_eq!(table_positions(b"\xef\xbb\xbfparty,votes\n\n\"A\nB\",10\n\nC,1x\n"), ["6:2"]);
    assert_eq!(table_positions(b"party,votes\nA,10\nB\xff,5\n\nC,zz\n"), ["3:1", "5:2"]);
    assert_eq!(table_positions(b"party,votes\n\n\nA,1\n\nA,2\n"), ["6:1"]);
    assert_eq!(table_positions(b"party;votes\r\n\r\nA;1;2\r\n"), ["3:0"]);
}
