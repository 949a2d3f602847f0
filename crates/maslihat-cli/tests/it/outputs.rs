//! `allocate` output: the table, JSON and CSV of the Shymkent 2021 election, and `--explain`.

use serde_json::Value;

use crate::{SHYMKENT, csv_rows, run};

/// The published result of the Shymkent city mäslihat election, 2021 (30 seats, kz-2021 rules).
const SHYMKENT_PUBLISHED: [(&str, u64, u32); 5] = [
    ("Nur Otan", 261_213, 24),
    ("Ak Zhol", 31_876, 3),
    ("Auyl", 31_355, 3),
    ("People's Party", 4_351, 0),
    ("Adal", 3_411, 0),
];

fn shymkent(extra: &[&str]) -> String {
    let mut args = vec!["allocate", "--rules", "kz-2021", "--seats", "30"];
    args.extend_from_slice(extra);
    args.push(SHYMKENT);
    run(&args, b"").ok()
}

#[test]
fn table_of_shymkent_2021() {
    insta::assert_snapshot!(shymkent(&[]));
}

#[test]
fn table_is_the_default_format() {
    assert_eq!(shymkent(&[]), shymkent(&["--format", "table"]));
}

#[test]
fn explain_of_shymkent_2021() {
    insta::assert_snapshot!(shymkent(&["--explain"]));
}

#[test]
fn csv_of_shymkent_2021_is_the_published_result() {
    let out = shymkent(&["--format", "csv"]);
    assert_eq!(out.lines().next(), Some("party,votes,share_percent,qualified,seats"));
    let rows = csv_rows(&out);
    let got: Vec<(&str, u64, &str, u32)> = rows
        .iter()
        .map(|row| (row[0].as_str(), row[1].parse().unwrap(), row[3].as_str(), row[4].parse().unwrap()))
        .collect();
    let qualified = ["true", "true", "true", "false", "false"];
    let want: Vec<(&str, u64, &str, u32)> =
        SHYMKENT_PUBLISHED.iter().zip(qualified).map(|(&(party, votes, seats), q)| (party, votes, q, seats)).collect();
    assert_eq!(got, want);
    assert_eq!(rows[0][2], "78.6298", "share_percent has four decimals");
}

#[test]
fn json_of_shymkent_2021_has_the_documented_fields() {
    let doc: Value = serde_json::from_str(&shymkent(&["--format", "json"])).expect("the output is JSON");
    assert_eq!(doc["schema"], "maslihat.allocation/1");
    assert_eq!(doc["seats"], 30);
    assert_eq!(doc["rules"]["preset"], "kz-2021");
    assert_eq!(doc["rules"]["method"], "hare");
    assert_eq!(doc["rules"]["threshold"], "7%");
    assert_eq!(doc["rules"]["threshold_base"], "valid");
    assert_eq!(doc["rules"]["tie_break"], "registration");
    assert_eq!(doc["rules"]["runner_up"], "admit-min-two");
    assert_eq!(doc["base_votes"], "332206");
    // 7 % of 332 206 is 23 254.42: the threshold is reached from 23 255 votes.
    assert_eq!(doc["threshold_votes"], "23255");
    assert_eq!(doc["ties"], Value::Array(Vec::new()));
    assert_eq!(doc["runner_up"], Value::Null);
    assert!(doc.get("explanation").is_none(), "no explanation without --explain");
    let parties = doc["parties"].as_array().expect("parties is an array");
    assert_eq!(parties.len(), SHYMKENT_PUBLISHED.len());
    for (party, (name, votes, seats)) in parties.iter().zip(SHYMKENT_PUBLISHED) {
        assert_eq!(party["party"], name);
        assert_eq!(party["votes"], votes);
        assert_eq!(party["seats"], seats);
        assert_eq!(party["qualified"], votes >= 23_255, "{name}");
    }
    assert_eq!(parties[0]["share"]["num"], "261213");
    assert_eq!(parties[0]["share"]["den"], "332206");
}

#[test]
fn json_explanation_is_the_text_below_the_table() {
    let table = shymkent(&["--explain"]);
    let doc: Value = serde_json::from_str(&shymkent(&["--format", "json", "--explain"])).expect("the output is JSON");
    let explanation = doc["explanation"].as_str().expect("--explain adds the explanation");
    let (_, below) = table.split_once("\n\n").expect("a blank line separates the table and the explanation");
    assert_eq!(explanation, below);
}

#[test]
fn no_preset_means_hare_without_threshold() {
    let doc: Value = serde_json::from_str(&run(&["allocate", "--seats", "30", "--format", "json", SHYMKENT], b"").ok())
        .expect("the output is JSON");
    assert_eq!(doc["rules"]["preset"], Value::Null);
    assert_eq!(doc["rules"]["method"], "hare");
    assert_eq!(doc["rules"]["threshold"], "none");
    assert_eq!(doc["rules"]["runner_up"], Value::Null);
    assert!(doc["parties"].as_array().unwrap().iter().all(|p| p["qualified"] == true));
}

#[test]
fn stdin_as_dash_and_as_the_default_file() {
    let file = std::fs::read(crate::root().join(SHYMKENT)).expect("the example exists");
    let expected = shymkent(&["--format", "csv"]);
    let args = ["allocate", "--rules", "kz-2021", "--seats", "30", "--format", "csv"];
    assert_eq!(run(&[&args[..], &["-"]].concat(), &file).ok(), expected);
    assert_eq!(run(&args, &file).ok(), expected, "FILE defaults to -");
}

#[test]
fn stdin_is_named_in_messages() {
    let out = run(&["allocate", "--seats", "3", "-"], b"party,votes\nA,x\n");
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "error: <stdin>:2:2: votes must be a whole number, found \"x\"\n");
}

#[test]
fn tables_count_characters_not_bytes() {
    let out = run(&["allocate", "--seats", "5", "-"], "party,votes\nАқ жол,300\nNur,200\n".as_bytes()).ok();
    let widths: Vec<usize> = out.lines().map(|line| line.chars().count()).collect();
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "the columns line up:\n{out}");
}
