//! The analysis commands: margins, paradox checks, simulate, sweep, and the allocate diagram.

use super::{SHYMKENT, csv_rows, run, scratch};

/// Shymkent 2021 (Hare, 7 %, 30 seats). Hand check of the composition margin: moving k ballots
/// from Auyl (31355) to Nur Otan (261213) keeps the quota base 324444 and the quota 10814.8;
/// Nur Otan's remainder grows and Auyl's shrinks until Nur Otan's passes Ak Zhol's at k = 4034.
#[test]
fn margins_of_shymkent() {
    let out = run(&["margins", "--rules", "kz-2021", "--seats", "30", SHYMKENT], b"").ok();
    assert!(out.contains("margin of the composition: 4034 ballot(s) moved from Auyl to Nur Otan"), "{out}");
    let json = run(&["margins", "--rules", "kz-2021", "--seats", "30", "--format", "json", SHYMKENT], b"").ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["margins"]["election"]["ballots"], 4034);
    assert_eq!(value["margins"]["seats"], serde_json::json!([24, 3, 3, 0, 0]));
}

/// The Alabama paradox of the textbook: 6/6/2 votes, Hare, 10 → 11 seats: C goes from 2 to 1.
#[test]
fn paradox_checks_find_the_alabama_paradox() {
    let out = run(&["allocate", "--seats", "10", "--check-paradoxes", "-"], b"party,votes\nA,6\nB,6\nC,2\n").ok();
    assert!(out.contains("Alabama paradox: C has 2 seats of 10 but 1 of 11"), "{out}");
    let json = run(
        &["allocate", "--seats", "10", "--check-paradoxes", "--format", "json", "-"],
        b"party,votes\nA,6\nB,6\nC,2\n",
    )
    .ok();
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["paradoxes"]["alabama"][0]["list"], 2);
}

/// The population paradox needs the same parties in the same order.
#[test]
fn compare_needs_the_same_parties() {
    let dir = scratch("compare");
    std::fs::write(dir.join("after.csv"), "party,votes\nA,7\nC,2\n").expect("write");
    let path = dir.join("after.csv");
    let out = run(
        &["allocate", "--seats", "10", "--compare", path.to_str().expect("utf-8"), "-"],
        b"party,votes\nA,6\nB,6\nC,2\n",
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--compare needs the same parties in the same order"), "{}", out.stderr);
}

/// The same seed gives the same projection; a sure thing is sure.
#[test]
fn simulate_is_seeded() {
    let dir = scratch("simulate");
    let shares = dir.join("shares.csv");
    std::fs::write(&shares, "party,share\nBig,60\nMiddle,30\nSmall,10\n").expect("write");
    let shares = shares.to_str().expect("utf-8");
    let args = ["simulate", "--shares", shares, "--seats", "20", "--runs", "20000", "--seed", "9", "--format", "json"];
    let first = run(&args, b"").ok();
    assert_eq!(first, run(&[args.as_slice(), &["--jobs", "1"]].concat(), b"").ok());
    let value: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(value["projection"]["runs"], 20000);
    // A list with 60 % of a 1000-person poll passes the threshold in every run.
    assert_eq!(value["projection"]["lists"][0]["passes_threshold"], 1.0);
}

/// Every method × threshold × house size is one row, seats summing to the house.
#[test]
fn sweep_writes_one_row_per_scenario() {
    let out =
        run(&["sweep", SHYMKENT, "--seats", "29-31", "--methods", "hare,dhondt", "--thresholds", "5%,7%"], b"").ok();
    let rows = csv_rows(&out);
    assert_eq!(rows.len(), 2 * 2 * 3);
    for row in &rows {
        let seats: u32 = row[3..8].iter().map(|s| s.parse::<u32>().expect("seats")).sum();
        assert_eq!(seats.to_string(), row[2], "{row:?}");
    }
}

/// `allocate --diagram` draws one seat circle per seat.
#[test]
fn allocate_draws_a_diagram() {
    let dir = scratch("diagram");
    let svg = dir.join("shymkent.svg");
    run(&["allocate", "--rules", "kz-2021", "--seats", "30", "--diagram", svg.to_str().expect("utf-8"), SHYMKENT], b"")
        .ok();
    let text = std::fs::read_to_string(&svg).expect("the diagram was written");
    assert_eq!(text.matches("class=\"seat\"").count(), 30);
    assert!(text.contains("People&apos;s Party — 1.31 %, below 7 %"), "{text}");
}
