//! Regressions of what the fuzz targets of `fuzz/` found, one test per finding, named after it.

use crate::{Method, Procedure, Rules, RunnerUp, Tally, TiePolicy, allocate};

/// fuzz `core`: one list with 13·10¹⁸ votes (×10 under the coefficient reading) and almost
/// 4·10⁹ seats under the Danish divisors took minutes: the start estimate missed, and the
/// seats were then handed out one by one.
#[test]
fn fuzz_core_danish_huge_house_starts_near_the_answer() {
    let tally = Tally::new(vec![13_021_231_110_841_958_400])
        .with_against_all(18_446_744_071_562_067_968)
        .with_invalid(3_698_834_631_399_440_383);
    let rules = Rules {
        method: "danish".parse::<Method>().unwrap(),
        tie_policy: TiePolicy::Error,
        runner_up: Some(RunnerUp::Coefficient),
        ..Rules::default()
    };
    let result = allocate(&tally, 3_923_698_351, &rules).unwrap();
    assert_eq!(result.seats(), [3_923_698_351]);
    // The start is within a seat of the house (the test would take minutes otherwise).
    let Procedure::Divisor { start_seats, .. } = result.procedure else { panic!("a divisor method") };
    assert!(start_seats.abs_diff(3_923_698_351) <= 1, "started at {start_seats}");
}

/// fuzz `options`: a threshold of votes displays as `1000 votes`, which did not parse back.
#[test]
fn fuzz_options_threshold_of_votes_reads_back_as_displayed() {
    use crate::Threshold;
    let threshold: Threshold = "1000".parse().unwrap();
    assert_eq!(threshold.to_string(), "1000 votes");
    assert_eq!(threshold.to_string().parse::<Threshold>(), Ok(threshold));
    assert!("votes".parse::<Threshold>().is_err());
}
