//! Ties: `--tie-break error` stops with exit 3 and names the tied lists; the other policies
//! resolve the tie and report it; `lot:SEED` is reproducible and its draw is in the JSON.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::{Run, run};

/// Three lists of 100 votes each contend for the 2 remainder seats of a 2-seat house.
const THREE_WAY: &[u8] = b"party,votes\nA,100\nB,100\nC,100\n";
/// Only Big passes 7 %; S1 and S2 tie for the runner-up admission.
const RUNNER_UP_TIE: &[u8] = b"party,votes\nBig,80000\nS1,5000\nS2,5000\n";

fn allocate(args: &[&str], stdin: &[u8]) -> Run {
    run(&[&["allocate"], args, &["-"]].concat(), stdin)
}

fn json(args: &[&str], stdin: &[u8]) -> Value {
    serde_json::from_str(&allocate(&[args, &["--format", "json"]].concat(), stdin).ok()).expect("the output is JSON")
}

#[test]
fn tie_break_error_exits_3_and_names_the_tied_lists() {
    let cases: &[(&[&str], &[u8], &str)] = &[
        (
            &["--seats", "2"],
            THREE_WAY,
            "error: <stdin>: unresolved tie: A, B, C have equal remainders and contend for 2 seats (tie policy: \
             error; choose --tie-break registration, votes or lot:SEED to settle it)\n",
        ),
        (
            &["--seats", "2", "--method", "dhondt"],
            THREE_WAY,
            "error: <stdin>: unresolved tie: A, B, C have equal quotients and contend for 2 seats (tie policy: \
             error; choose --tie-break registration, votes or lot:SEED to settle it)\n",
        ),
        (
            &["--seats", "20", "--rules", "kz-2021"],
            RUNNER_UP_TIE,
            "error: <stdin>: unresolved tie: S1, S2 have equal votes and contend for admission as runner-up (tie \
             policy: error; choose --tie-break registration, votes or lot:SEED to settle it)\n",
        ),
    ];
    for (args, stdin, message) in cases {
        for format in ["table", "json", "csv"] {
            let out = allocate(&[*args, &["--tie-break", "error", "--format", format]].concat(), stdin);
            assert_eq!((out.code, out.stdout.as_str(), out.stderr.as_str()), (3, "", *message), "{args:?} {format}");
        }
    }
}

#[test]
fn resolved_ties_are_reported() {
    let cases: &[(&str, &str)] = &[
        ("registration", "tie: A, B, C contended for 2 seats, won by A, B (tie policy registration)"),
        ("votes", "tie: A, B, C contended for 2 seats, won by A, B (tie policy votes)"),
    ];
    for (policy, line) in cases {
        let out = allocate(&["--seats", "2", "--tie-break", policy], THREE_WAY).ok();
        assert_eq!(out.lines().last(), Some(*line), "--tie-break {policy}");
        let doc = json(&["--seats", "2", "--tie-break", policy], THREE_WAY);
        assert_eq!(doc["ties"][0]["stage"], "remainder");
        assert_eq!(doc["ties"][0]["parties"], serde_json::json!(["A", "B", "C"]));
        assert_eq!(doc["ties"][0]["winners"], serde_json::json!(["A", "B"]));
        assert_eq!(doc["ties"][0]["seats_in_contention"], 2);
        assert_eq!(doc["ties"][0]["draw"], Value::Null, "no draw without a lot");
    }
    // The default is registration, and the tie is reported all the same.
    let doc = json(&["--seats", "2"], THREE_WAY);
    assert_eq!(doc["ties"][0]["policy"], "registration");
}

#[test]
fn a_lot_is_reproducible_and_its_draw_is_recorded() {
    let mut winner_sets = BTreeSet::new();
    for seed in 0..16 {
        let policy = format!("lot:{seed}");
        let args = ["--seats", "2", "--tie-break", policy.as_str(), "--format", "json"];
        let first = allocate(&args, THREE_WAY).ok();
        assert_eq!(first, allocate(&args, THREE_WAY).ok(), "the same seed gives the same output");
        let doc: Value = serde_json::from_str(&first).expect("the output is JSON");
        assert_eq!(doc["rules"]["tie_break"], policy.as_str());
        let tie = &doc["ties"][0];
        assert_eq!(tie["policy"], policy.as_str());
        let draw: Vec<&str> =
            tie["draw"].as_array().expect("a lot records its draw").iter().map(|p| p.as_str().unwrap()).collect();
        assert_eq!(
            draw.iter().copied().collect::<BTreeSet<_>>(),
            BTreeSet::from(["A", "B", "C"]),
            "a draw orders every tied list"
        );
        let winners: BTreeSet<&str> = tie["winners"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
        assert_eq!(winners, draw[..2].iter().copied().collect(), "the first drawn win, seed {seed}");
        let seated: BTreeSet<&str> = doc["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["seats"] == 1)
            .map(|p| p["party"].as_str().unwrap())
            .collect();
        assert_eq!(seated, winners);
        // The table says the same.
        let table = allocate(&["--seats", "2", "--tie-break", policy.as_str()], THREE_WAY).ok();
        assert!(table.contains(&format!("(tie policy {policy}, drawn in the order ")), "{table}");
        winner_sets.insert(winners.into_iter().map(str::to_owned).collect::<Vec<_>>());
    }
    assert!(winner_sets.len() > 1, "different seeds draw differently: {winner_sets:?}");
}

#[test]
fn a_lot_for_the_runner_up() {
    let doc = json(&["--seats", "20", "--rules", "kz-2021", "--tie-break", "lot:3"], RUNNER_UP_TIE);
    let tie = &doc["ties"][0];
    assert_eq!(tie["stage"], "runner-up");
    assert_eq!(tie["parties"], serde_json::json!(["S1", "S2"]));
    let winner = tie["winners"][0].as_str().unwrap();
    assert_eq!(tie["draw"][0], winner);
    assert_eq!(doc["runner_up"]["runner_up"], winner);
}

#[test]
fn batch_tie_break_error_exits_3_and_names_the_tied_lists() {
    let input = b"election,seats,party,votes\ne0,3,A,10\ne0,3,B,5\ne1,3,A,10\ne1,3,B,10\n";
    let out = run(&["batch", "--tie-break", "error", "-"], input);
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: <stdin>:4: election \"e1\": unresolved tie: A, B have equal remainders and contend for 1 seat (tie \
         policy: error; choose --tie-break registration, votes or lot:SEED to settle it)\n"
    );
    assert_eq!(out.stdout, "election,party,seats\ne0,A,2\ne0,B,1\n", "the elections before the tie are written");
    let lot = |seed: &str| run(&["batch", "--tie-break", seed, "-"], input).ok_with_warnings();
    assert_eq!(lot("lot:5"), lot("lot:5"));
}
