//! `allocate` over figures that are not all counts: printed shares, ranges and `?` give the
//! exact set of outcomes they allow.

use crate::{run_in, scratch};

fn allocate(dir: &str, file: &str, args: &[&str]) -> crate::Run {
    let dir = scratch(dir);
    std::fs::write(dir.join("votes.csv"), file).unwrap();
    let args = [&["allocate"], args, &["votes.csv"]].concat();
    run_in(&dir, &args, b"")
}

const NUR_SULTAN_2021: &str = "party,votes\nNur Otan,83.61%\nAk Zhol,7.44%\nPeople's Party,7.41%\n";

#[test]
fn nur_sultan_2021_from_its_printed_shares_is_determined() {
    let run = allocate("uncertain-nur-sultan", NUR_SULTAN_2021, &["--rules", "kz-2021", "--seats", "31"]);
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["party", "votes", "seats"]);
    let seats: Vec<&str> = lines[1..=4].iter().map(|l| l.rsplit(' ').next().unwrap()).collect();
    assert_eq!(seats, ["26", "3", "2", "0"], "{}", run.stdout);
    assert!(lines[4].starts_with("(other lists)"), "{}", run.stdout);
    assert!(run.stdout.contains("determined: every vote count consistent with the figures gives these seats"));
}

#[test]
fn the_json_says_whether_the_seats_are_determined_and_lists_every_outcome() {
    let run = allocate("uncertain-json", NUR_SULTAN_2021, &["--rules", "kz-2021", "--seats", "31", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["schema"], "maslihat.outcomes/1");
    assert_eq!(doc["determined"], true);
    assert_eq!(doc["outcomes"].as_array().unwrap().len(), 1);
    assert_eq!(doc["outcomes"][0]["seats"], serde_json::json!([26, 3, 2, 0]));
    // The example votes are real counts that round to the printed shares.
    let votes: Vec<u64> =
        doc["outcomes"][0]["example_votes"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    let total: u64 = votes.iter().sum();
    let hundredths = |v: u64| (u128::from(v) * 20_000 + u128::from(total)) / (2 * u128::from(total));
    assert_eq!([hundredths(votes[0]), hundredths(votes[1]), hundredths(votes[2])], [8361, 744, 741]);
}

#[test]
fn two_lists_printed_at_fifty_per_cent_for_one_seat_are_undetermined() {
    let run = allocate("uncertain-half", "party,votes\nA,50.0%\nB,50.0%\n", &["--seats", "1", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["determined"], false);
    let mut outcomes: Vec<serde_json::Value> =
        doc["outcomes"].as_array().unwrap().iter().map(|o| o["seats"].clone()).collect();
    outcomes.sort_by_key(|s| s.to_string());
    assert_eq!(outcomes, [serde_json::json!([0, 1]), serde_json::json!([1, 0])]);
    assert_eq!(doc["parties"][0]["seats_min"], 0);
    assert_eq!(doc["parties"][0]["seats_max"], 1);
    let table = allocate("uncertain-half-table", "party,votes\nA,50.0%\nB,50.0%\n", &["--seats", "1"]);
    assert!(table.stdout.contains("not determined: the figures allow 2 outcomes"), "{}", table.stdout);
    assert!(table.stdout.contains("0–1"), "{}", table.stdout);
}

#[test]
fn ranges_and_unknowns_bound_each_lists_seats() {
    let file = "party,votes\nA,27000..28000\nB,?\nC,12000\n";
    let run = allocate("uncertain-ranges", file, &["--seats", "10", "--threshold", "5%", "--format", "csv"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "party,votes,seats_min,seats_max\nA,27000..28000,0,7\nB,?,0,10\nC,12000,0,3\n");
}

#[test]
fn contradicting_figures_allow_no_outcome() {
    // Two lists whose printed shares cannot both hold of one base.
    let run = allocate("uncertain-contradiction", "party,votes\nA,80%\nB,30%\n", &["--seats", "5"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("no outcome: no vote counts fit every figure"), "{}", run.stdout);
}

#[test]
fn shares_that_leave_room_for_a_winning_list_ask_for_it() {
    let run = allocate("uncertain-room", "party,votes\nA,60%\nB,25%\n", &["--seats", "10", "--threshold", "5%"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: votes.csv: the printed shares add up to less than 100 %, and the lists not in the table could \
         together have enough votes to win seats: add them as rows (with votes ? when nothing is known of them)\n"
    );
}

#[test]
fn a_figure_that_reads_as_nothing_is_named_with_its_place() {
    let run = allocate("uncertain-bad", "party,votes\nA,27000..28000\nB,abc%\n", &["--seats", "10"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("error: votes.csv:3:2: votes \"abc%\" is not a count, a range, a printed share or ?"),
        "{}",
        run.stderr
    );
    let run = allocate("uncertain-explain", "party,votes\nA,50%\nB,50%\n", &["--seats", "1", "--explain"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--explain needs a vote count for every list"), "{}", run.stderr);
}
