//! `districts`: a worked example computed by hand (a national threshold that excludes a party
//! which would win a seat in one district), the Czech first stage by hand, the JSON fields,
//! every error of the command (snapshot), and agreement with the library on random inputs.

use std::fmt::Write;

use maslihat_apportion::multi_district::{NationalThreshold, national_threshold_with_base};
use maslihat_apportion::{Method, Rules, Threshold, TiePolicy};
use proptest::prelude::*;
use serde_json::Value;

use crate::{csv_rows, csv_text, run_in, scratch};

/// The worked example: 3 districts × 4 parties, 12 seats, D'Hondt in each district.
///
/// ```text
///            A      B      C     D   seats
/// North   8000   5000   3000   100     5
/// Centre  6000   4400   1900   200     4
/// South   1200    900    300  1000     3
/// total  15200  10300   5200  1300   (32,000 votes)
/// ```
///
/// A threshold of 5 % of 32,000 votes is 1,600: D (1,300, 4.06 %) is out everywhere.
/// North, 5 seats over A, B, C: quotients 8000 A, 5000 B, 4000 A, 3000 C, 2666.7 A (next
/// 2500 B) → A 3, B 1, C 1. Centre, 4 seats: 6000 A, 4400 B, 3000 A, 2200 B (next 2000 A,
/// 1900 C) → A 2, B 2. South, 3 seats: 1200 A, 900 B, 600 A (next 450 B, 300 C) → A 2, B 1.
/// Totals A 7, B 4, C 1, D 0. Without the threshold D would win South's second seat: 1200 A,
/// 1000 D, 900 B (next 600 A) → A 1, D 1, B 1.
const VOTES: &str = "district,party,votes\nNorth,A,8000\nNorth,B,5000\nNorth,C,3000\nNorth,D,100\n\
                     Centre,A,6000\nCentre,B,4400\nCentre,C,1900\nCentre,D,200\n\
                     South,A,1200\nSouth,B,900\nSouth,C,300\nSouth,D,1000\n";
const SEATS: &str = "district,seats\nNorth,5\nCentre,4\nSouth,3\n";
/// The district sizes for the Czech rule: each district's valid votes.
const SIZES: &str = "district,size\nNorth,16100\nCentre,12500\nSouth,3400\n";

/// Runs `maslihat districts ARGS` in a scratch directory holding v.csv, s.csv and z.csv.
fn districts(dir: &str, args: &[&str]) -> crate::Run {
    let dir = scratch(dir);
    for (name, text) in [("v.csv", VOTES), ("s.csv", SEATS), ("z.csv", SIZES)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let mut all = vec!["districts"];
    all.extend_from_slice(args);
    run_in(&dir, &all, b"")
}

/// `seats[district][party]` from the CSV output.
fn matrix(csv: &str) -> Vec<Vec<u64>> {
    let rows = csv_rows(csv);
    rows.chunks(4).map(|district| district.iter().map(|row| row[3].parse().unwrap()).collect()).collect()
}

#[test]
fn the_worked_example_by_hand() {
    let out =
        districts("districts-worked", &["--threshold", "5%", "--district-seats", "s.csv", "--format", "csv", "v.csv"])
            .ok();
    assert_eq!(matrix(&out), [vec![3, 1, 1, 0], vec![2, 2, 0, 0], vec![2, 1, 0, 0]]);
    let without = districts("districts-worked-none", &["--district-seats", "s.csv", "--format", "csv", "v.csv"]).ok();
    assert_eq!(matrix(&without)[2], [1, 1, 0, 1], "D wins a seat in South without the threshold");
    let table = districts("districts-worked-table", &["--threshold", "5%", "--district-seats", "s.csv", "v.csv"]).ok();
    let totals = table.lines().find(|line| line.starts_with("seats")).unwrap();
    assert_eq!(totals.split_whitespace().collect::<Vec<_>>(), ["seats", "7", "4", "1", "0", "12"]);
    assert!(table.contains("below the national threshold of 5%: D (1300 votes, 4.06 %)"), "{table}");
}

/// The Czech first stage (Act 247/1995 Coll. § 48 as amended by Act 189/2021 Coll.) by hand:
/// 32,000 ÷ 12 = 2666.67, rounded to units 2667. North 16100 = 6 × 2667 + 98, Centre 12500 =
/// 4 × 2667 + 1832, South 3400 = 1 × 2667 + 733: 11 whole seats, the 12th to the largest
/// remainder (Centre): 6, 5, 1. D'Hondt then gives North (6) 8000, 5000, 4000, 3000, 2666.7,
/// 2500 → A 3, B 2, C 1; Centre (5) 6000, 4400, 3000, 2200, 2000 → A 3, B 2; South (1) → A.
#[test]
fn the_czech_rule_by_hand() {
    let args =
        ["--threshold", "5%", "--district-sizes", "z.csv", "--house", "12", "--format", "json", "--explain", "v.csv"];
    let doc: Value = serde_json::from_str(&districts("districts-czech", &args).ok()).unwrap();
    assert_eq!(doc["district_seats"]["kind"], "czech");
    assert_eq!(doc["district_seats"]["quota"], 2667);
    assert_eq!(doc["district_seats"]["remainders"], serde_json::json!([98, 1832, 733]));
    assert_eq!(doc["district_seats"]["remainder_seats"], serde_json::json!(["Centre"]));
    assert_eq!(doc["seats"], serde_json::json!([[3, 2, 1, 0], [3, 2, 0, 0], [1, 0, 0, 0]]));
    let explanation = doc["explanation"].as_str().unwrap();
    assert!(
        explanation.contains("Centre: 12500 = 4 × 2667 + 1832 → 4 + 1 for the remainder = 5 seats"),
        "{explanation}"
    );
}

#[test]
fn json_fields() {
    let args =
        ["--threshold", "5%", "--valid-votes", "40000", "--district-seats", "s.csv", "--format", "json", "v.csv"];
    let doc: Value = serde_json::from_str(&districts("districts-json", &args).ok()).unwrap();
    assert_eq!(doc["schema"], "maslihat.districts/1");
    assert_eq!(doc["house_size"], 12);
    assert_eq!((doc["method"].as_str(), doc["threshold"].as_str()), (Some("dhondt"), Some("5%")));
    // 5 % of 40,000 is 2,000: still only D is out.
    assert_eq!((doc["base_votes"].as_str(), doc["threshold_votes"].as_str()), (Some("40000"), Some("2000")));
    assert_eq!(doc["tie_break"], "registration");
    assert_eq!(doc["district_seats"]["kind"], "given");
    assert_eq!(doc["districts"][1]["name"], "Centre");
    assert_eq!(doc["districts"][1]["seats"], 4);
    assert_eq!(doc["districts"][1]["votes"], "12500");
    assert_eq!(doc["parties"][3]["name"], "D");
    assert_eq!(doc["parties"][3]["votes"], 1300);
    assert_eq!(doc["parties"][3]["share"]["den"], "400");
    assert_eq!(doc["parties"][3]["passed"], false);
    assert_eq!(doc["parties"][0]["seats"], 7);
    assert_eq!(doc["seats"][0], serde_json::json!([3, 1, 1, 0]));
    assert!(doc["explanation"].is_null());
    // A tie: Centre's fourth seat between B (4400 ÷ 2) and C (2200) under a changed vote.
    let tied = districts_with(
        "districts-json-tie",
        &VOTES.replace("Centre,C,1900", "Centre,C,2200"),
        &["--threshold", "5%", "--district-seats", "s.csv", "--format", "json", "v.csv"],
    )
    .ok();
    let doc: Value = serde_json::from_str(&tied).unwrap();
    assert_eq!(doc["ties"][0]["district"], "Centre");
    assert_eq!(doc["ties"][0]["lists"], serde_json::json!(["B", "C"]));
    assert_eq!(doc["ties"][0]["winners"], serde_json::json!(["B"]));
}

fn districts_with(dir: &str, votes: &str, args: &[&str]) -> crate::Run {
    let dir = scratch(dir);
    std::fs::write(dir.join("v.csv"), votes).unwrap();
    std::fs::write(dir.join("s.csv"), SEATS).unwrap();
    let mut all = vec!["districts"];
    all.extend_from_slice(args);
    run_in(&dir, &all, b"")
}

/// One bad invocation: files written to a scratch directory, the arguments, the exit code.
struct Case {
    title: &'static str,
    files: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    code: i32,
}

const V: (&str, &str) = ("v.csv", "district,party,votes\nN,A,60\nN,B,40\nS,A,30\nS,B,70\n");
const S: (&str, &str) = ("s.csv", "district,seats\nN,2\nS,2\n");

#[test]
fn every_error_of_the_command() {
    let cases = [
        Case { title: "no district seats", files: &[V], args: &["v.csv"], code: 2 },
        Case {
            title: "a vote file that cannot be opened",
            files: &[S],
            args: &["--district-seats", "s.csv", "missing.csv"],
            code: 2,
        },
        Case {
            title: "bad rows in the vote table",
            files: &[("v.csv", "district,party,votes\nN,A,60\nN,A,5\n,B,3\nS,B,x\n"), S],
            args: &["--district-seats", "s.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "a district seats table without the seats column",
            files: &[V, ("s.csv", "district,count\nN,2\nS,2\n")],
            args: &["--district-seats", "s.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "unknown and missing districts",
            files: &[V, ("s.csv", "district,seats\nN,2\nW,2\n")],
            args: &["--district-seats", "s.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "seats beyond a whole number of seats",
            files: &[V, ("s.csv", "district,seats\nN,2\nS,4294967296\n")],
            args: &["--district-seats", "s.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "a district without seats",
            files: &[V, ("s.csv", "district,seats\nN,2\nS,0\n")],
            args: &["--district-seats", "s.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "a district that gets no seat from its size",
            files: &[V, ("z.csv", "district,size\nN,1000\nS,10\n")],
            args: &["--district-sizes", "z.csv", "--house", "3", "v.csv"],
            code: 2,
        },
        Case {
            title: "a district method without sizes",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--district-method", "hare", "v.csv"],
            code: 2,
        },
        Case {
            title: "sizes without --house",
            files: &[V, ("z.csv", "district,size\nN,100\nS,100\n")],
            args: &["--district-sizes", "z.csv", "v.csv"],
            code: 2,
        },
        Case {
            title: "the Czech rule: equal remainders at the cut (the law draws lots)",
            files: &[V, ("z.csv", "district,size\nN,150\nS,150\n")],
            args: &["--district-sizes", "z.csv", "--house", "3", "v.csv"],
            code: 3,
        },
        Case {
            title: "the Czech rule: whole quotas exceed the house",
            files: &[
                ("v.csv", "district,party,votes\nA,X,1\nB,X,1\nC,X,1\nD,X,1\nE,X,1\n"),
                ("z.csv", "district,size\nA,2\nB,2\nC,2\nD,2\nE,4\n"),
            ],
            args: &["--district-sizes", "z.csv", "--house", "5", "v.csv"],
            code: 2,
        },
        Case {
            title: "an unknown district method",
            files: &[V, ("z.csv", "district,size\nN,100\nS,100\n")],
            args: &["--district-sizes", "z.csv", "--house", "3", "--district-method", "czechia", "v.csv"],
            code: 2,
        },
        Case {
            title: "a tie in the district seats by a method under --tie-break error",
            files: &[V, ("z.csv", "district,size\nN,100\nS,100\n")],
            args: &[
                "--district-sizes",
                "z.csv",
                "--house",
                "3",
                "--district-method",
                "sainte-lague",
                "--tie-break",
                "error",
                "v.csv",
            ],
            code: 3,
        },
        Case {
            title: "a tie in a district under --tie-break error",
            files: &[
                ("v.csv", "district,party,votes\nN,A,50\nN,B,50\nS,A,30\nS,B,70\n"),
                ("s.csv", "district,seats\nN,1\nS,2\n"),
            ],
            args: &["--district-seats", "s.csv", "--method", "hare", "--tie-break", "error", "v.csv"],
            code: 3,
        },
        Case {
            title: "no party reaches the national threshold",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--threshold", "1000 votes", "v.csv"],
            code: 2,
        },
        Case {
            title: "valid votes fewer than the table's",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--threshold", "5%", "--valid-votes", "150", "v.csv"],
            code: 2,
        },
        Case {
            title: "a bare number as threshold",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--threshold", "5", "v.csv"],
            code: 2,
        },
        Case {
            title: "an unknown method",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--method", "dhont", "v.csv"],
            code: 2,
        },
        Case {
            title: "--explain with CSV",
            files: &[V, S],
            args: &["--district-seats", "s.csv", "--explain", "--format", "csv", "v.csv"],
            code: 2,
        },
    ];
    let mut out = String::new();
    for case in &cases {
        let dir = scratch("districts-errors");
        for (name, text) in case.files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let mut args = vec!["districts"];
        args.extend_from_slice(case.args);
        let run = run_in(&dir, &args, b"");
        let _ = writeln!(out, "\n## {}", case.title);
        for (name, text) in case.files.iter().filter(|(name, _)| case.args.contains(name)) {
            let _ = writeln!(out, "{name}: \"{}\"", text.escape_default());
        }
        let _ = writeln!(out, "$ maslihat {}\nexit {}", args.join(" "), run.code);
        let _ = writeln!(out, "{}", run.stderr.trim_end());
        assert_eq!(run.code, case.code, "{}: {run:?}", case.title);
        assert!(run.stderr.starts_with("error: "), "{}: {run:?}", case.title);
        assert!(!run.stderr.contains("panicked"), "{}: {run:?}", case.title);
        assert_eq!(run.stdout, "", "{}: nothing on stdout", case.title);
    }
    insta::assert_snapshot!(out);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The command's seat matrix is the library's, whatever the votes, seats and threshold.
    #[test]
    fn the_command_agrees_with_the_library(
        votes in prop::collection::vec(prop::collection::vec(0u64..5_000, 4), 1..5),
        seats in prop::collection::vec(1u32..8, 5),
        per_cent in 0u64..15,
        others in prop::option::of(0u64..20_000),
        method in prop::sample::select(vec!["dhondt", "sainte-lague", "hare", "droop"]),
    ) {
        prop_assume!(votes.iter().flatten().sum::<u64>() > 0);
        let seats = &seats[..votes.len()];
        let threshold = Threshold::percent(per_cent).unwrap();
        // Valid votes beyond the table's (independents, lists left out), or the table's alone.
        let valid_votes = others.map(|others| votes.iter().flatten().sum::<u64>() + others);
        let national = NationalThreshold { threshold, valid_votes };
        let rules = Rules { method: method.parse::<Method>().unwrap(), tie_policy: TiePolicy::Registration, ..Rules::default() };
        let expected = national_threshold_with_base(&votes, seats, national, &rules);
        let dir = scratch("districts-agree");
        let mut rows = vec![vec!["district".to_owned(), "party".to_owned(), "votes".to_owned()]];
        for (d, row) in votes.iter().enumerate() {
            for (p, v) in row.iter().enumerate() {
                rows.push(vec![format!("d{d}"), format!("p{p}"), v.to_string()]);
            }
        }
        std::fs::write(dir.join("v.csv"), csv_text(rows)).unwrap();
        let seat_rows = std::iter::once(vec!["district".to_owned(), "seats".to_owned()])
            .chain(seats.iter().enumerate().map(|(d, s)| vec![format!("d{d}"), s.to_string()]));
        std::fs::write(dir.join("s.csv"), csv_text(seat_rows)).unwrap();
        let share = format!("{per_cent}%");
        let mut args = vec!["districts", "--district-seats", "s.csv", "--method", method, "--threshold", &share];
        let valid_text = valid_votes.map(|v| v.to_string());
        if let Some(valid) = &valid_text {
            args.extend(["--valid-votes", valid.as_str()]);
        }
        args.extend(["--format", "json", "v.csv"]);
        let run = run_in(&dir, &args, b"");
        match expected {
            Ok(expected) => {
                prop_assert_eq!(run.code, 0, "{:?}", run);
                let doc: Value = serde_json::from_str(&run.stdout).unwrap();
                let totals: Vec<u64> = doc["parties"].as_array().unwrap().iter().map(|p| p["seats"].as_u64().unwrap()).collect();
                prop_assert_eq!(totals, expected.seats.iter().map(|s| u64::from(*s)).collect::<Vec<_>>());
                for (d, allocation) in expected.districts.iter().enumerate() {
                    for (k, party) in expected.qualified.iter().enumerate() {
                        prop_assert_eq!(doc["seats"][d][*party].as_u64(), Some(u64::from(allocation.lists[k].seats)));
                    }
                }
                prop_assert_eq!(doc["ties"].as_array().unwrap().len(), expected.ties.len());
                prop_assert_eq!(doc["base_votes"].as_str().map(str::to_owned), Some(expected.base_votes.to_string()));
            }
            Err(_) => {
                prop_assert_eq!(run.code, 2, "{:?}", run);
                prop_assert!(run.stderr.starts_with("error: "));
            }
        }
    }
}

/// The table and the explanation of the worked example (its figures checked by hand above).
#[test]
fn explain_of_the_worked_example() {
    let args = ["--threshold", "5%", "--district-sizes", "z.csv", "--house", "12", "--explain", "v.csv"];
    insta::assert_snapshot!(districts("districts-explain", &args).ok());
}
