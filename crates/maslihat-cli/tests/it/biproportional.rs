//! `biproportional`: Zurich's city council 2018 (the published seat matrix, from
//! `datasets/examples/zurich-2018-*.csv`, sources in `datasets/README.md`) as a table, JSON and
//! CSV; positioned errors; a tie in the matrix and its exit code.

use serde_json::Value;

use crate::{csv_rows, run, run_in, scratch};

const VOTES: &str = "datasets/examples/zurich-2018-votes.csv";
const SEATS: &str = "datasets/examples/zurich-2018-seats.csv";

/// The published seats per party (Stadt Zürich, Gemeinderatswahl 4 March 2018).
const PARTY_SEATS: [(&str, u64); 7] =
    [("SP", 43), ("SVP", 17), ("FDP", 21), ("Grüne", 16), ("glp", 14), ("AL", 10), ("EVP/BDP", 4)];

/// The published seats of Kreis 11 (22 seats), party by party.
const KREIS_11: [u64; 7] = [7, 4, 3, 2, 3, 1, 2];

fn zurich(extra: &[&str]) -> String {
    let mut args =
        vec!["biproportional", "--rules", "zurich", "--district-threshold", "none", "--district-seats", SEATS];
    args.extend_from_slice(extra);
    args.push(VOTES);
    run(&args, b"").ok()
}

#[test]
fn table_of_zurich_2018() {
    insta::assert_snapshot!(zurich(&[]));
}

#[test]
fn json_of_zurich_2018_holds_the_published_seats_and_divisors() {
    let doc: Value = serde_json::from_str(&zurich(&["--format", "json"])).unwrap();
    assert_eq!(doc["schema"], "maslihat.biproportional/1");
    assert_eq!(doc["house_size"], 125);
    for (party, (name, seats)) in PARTY_SEATS.iter().enumerate() {
        assert_eq!(doc["parties"][party]["name"], *name);
        assert_eq!(doc["parties"][party]["seats"], *seats);
        assert!(doc["parties"][party]["divisor"]["decimal"].is_string());
    }
    let kreis_11: Vec<u64> = doc["seats"][7].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(kreis_11, KREIS_11);
    assert_eq!(doc["districts"][7]["name"], "Kreis 11");
    assert_eq!(doc["parties"][0]["voter_number"]["num"], "32892");
    assert_eq!(doc["ties"].as_array().unwrap().len(), 0);
    assert!(doc["explanation"].is_null());
    let explained: Value = serde_json::from_str(&zurich(&["--format", "json", "--explain"])).unwrap();
    assert!(explained["explanation"].as_str().unwrap().contains("4. lower apportionment"));
}

#[test]
fn csv_of_zurich_2018_has_a_row_per_district_and_party() {
    let rows = csv_rows(&zurich(&["--format", "csv"]));
    assert_eq!(rows.len(), 9 * 7);
    let kreis_11: Vec<u64> =
        rows.iter().filter(|row| row[0] == "Kreis 11").map(|row| row[3].parse().unwrap()).collect();
    assert_eq!(kreis_11, KREIS_11);
}

#[test]
fn explain_of_zurich_2018() {
    insta::assert_snapshot!(zurich(&["--explain"]));
}

#[test]
fn the_zurich_threshold_excludes_a_party_under_five_per_cent_everywhere() {
    let dir = scratch("biproportional-threshold");
    std::fs::write(dir.join("v.csv"), "district,party,votes\nA,X,600\nA,Y,360\nA,Z,40\nB,X,300\nB,Y,660\nB,Z,40\n")
        .unwrap();
    std::fs::write(dir.join("s.csv"), "district,seats\nA,5\nB,5\n").unwrap();
    let out = run_in(&dir, &["biproportional", "--rules", "zurich", "--district-seats", "s.csv", "v.csv"], b"").ok();
    assert!(out.contains("below the threshold: Z (best district 4.00 %)"), "{out}");
}

#[test]
fn errors_name_the_file_line_and_column() {
    let dir = scratch("biproportional-errors");
    std::fs::write(dir.join("v.csv"), "district,party,votes\nA,X,10\nA,X,12\nB,Y,-3\n").unwrap();
    std::fs::write(dir.join("s.csv"), "district,seats\nA,1\n").unwrap();
    let run = run_in(&dir, &["biproportional", "--district-seats", "s.csv", "v.csv"], b"");
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("v.csv:3:2: district \"A\" and party \"X\" appear together twice"), "{}", run.stderr);
    assert!(run.stderr.contains("v.csv:4:3: votes must be a whole number of zero or more"), "{}", run.stderr);

    std::fs::write(dir.join("v.csv"), "district,party,votes\nA,X,10\nB,Y,12\n").unwrap();
    std::fs::write(dir.join("s.csv"), "district,seats\nA,1\nC,1\n").unwrap();
    let run = run_in(&dir, &["biproportional", "--district-seats", "s.csv", "v.csv"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("s.csv:3:1: district \"C\" is not in v.csv"), "{}", run.stderr);
    assert!(run.stderr.contains("district \"B\" (line 3 of v.csv) has no row here"), "{}", run.stderr);

    let run = run_in(&dir, &["biproportional", "v.csv"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--district-seats"), "{}", run.stderr);
}

#[test]
fn a_tie_in_the_matrix_is_reported_and_stops_under_tie_break_error() {
    let dir = scratch("biproportional-tie");
    let votes = "district,party,votes\nA,X,1000\nA,Y,1000\nA,Z,1000\nB,X,500\nB,Y,500\nB,Z,500\n";
    std::fs::write(dir.join("v.csv"), votes).unwrap();
    std::fs::write(dir.join("s.csv"), "district,seats\nA,8\nB,4\n").unwrap();
    // The upper apportionment gives 4 seats to each party; rows 8 and 4 cannot split them
    // evenly, so the matrix is undetermined.
    let out =
        run_in(&dir, &["biproportional", "--voter-numbers", "votes", "--district-seats", "s.csv", "v.csv"], b"").ok();
    assert!(out.contains("tie in the matrix"), "{out}");
    let run = run_in(
        &dir,
        &["biproportional", "--voter-numbers", "votes", "--tie-break", "error", "--district-seats", "s.csv", "v.csv"],
        b"",
    );
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("not determined"), "{}", run.stderr);
}

#[test]
fn district_seats_can_come_from_sizes() {
    let dir = scratch("biproportional-sizes");
    std::fs::write(dir.join("v.csv"), "district,party,votes\nA,X,100\nA,Y,50\nB,X,300\nB,Y,100\n").unwrap();
    std::fs::write(dir.join("sizes.csv"), "district,size\nA,1000\nB,3000\n").unwrap();
    let out = run_in(&dir, &["biproportional", "--district-sizes", "sizes.csv", "--house", "8", "v.csv"], b"").ok();
    let rows = out.lines().filter(|l| l.starts_with("A ") || l.starts_with("B ")).count();
    assert_eq!(rows, 2, "{out}");
    assert!(out.lines().any(|l| l.starts_with("A ") && l.split_whitespace().nth(3) == Some("2")), "{out}");
}

#[test]
fn impossible_margins_name_the_district() {
    // District B has seats but no votes at all: no matrix can fill it.
    let dir = scratch("biproportional-infeasible");
    std::fs::write(dir.join("v.csv"), "district,party,votes\nA,X,100\nA,Y,50\nB,X,0\nB,Y,0\n").unwrap();
    std::fs::write(dir.join("s.csv"), "district,seats\nA,3\nB,2\n").unwrap();
    let run = run_in(&dir, &["biproportional", "--district-seats", "s.csv", "v.csv"], b"");
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no seat matrix meets both") && run.stderr.ends_with("B cannot be given enough seats\n"),
        "{}",
        run.stderr
    );
}
