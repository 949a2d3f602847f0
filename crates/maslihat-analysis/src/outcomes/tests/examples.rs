//! Worked examples: the 2021 elections with printed shares, an inconsistent case, an
//! undetermined printed-share case.

use maslihat_apportion::{Preset, Ratio, Rules, TiePolicy};

use crate::outcomes::*;

fn figures(texts: &[&str]) -> Figures {
    Figures::new(texts.iter().map(|t| t.parse().unwrap()).collect())
}

fn kz2021() -> Rules {
    Preset::Kz2021.rules()
}

#[test]
fn parses_figures() {
    assert_eq!("12345".parse::<Figure>().unwrap(), Figure::exact(12345));
    assert_eq!("27000..28000".parse::<Figure>().unwrap(), Figure::Range { lo: 27000, hi: 28000 });
    assert_eq!("?".parse::<Figure>().unwrap(), Figure::Unknown);
    let Figure::Share(share) = "7.40%".parse::<Figure>().unwrap() else { panic!() };
    assert_eq!((share.digits, share.decimals), (740, 2));
    let Figure::Share(share) = "7.4%".parse::<Figure>().unwrap() else { panic!() };
    assert_eq!((share.digits, share.decimals), (74, 1));
    assert_eq!(share.to_string(), "7.4%");
    for bad in ["", "7.4.4%", "101%", "-3", "5..4", "abc", "7.%", "1.1234567%"] {
        assert!(bad.parse::<Figure>().is_err(), "{bad}");
    }
}

#[test]
fn nur_sultan_2021() {
    // Five lists on the ballot; the two below 7 % are unknown.
    let f = figures(&["83.61%", "7.44%", "7.41%", "?", "?"]);
    let set = outcome_set(&f, 31, &kz2021(), &Limits::default()).unwrap();
    let seats: Vec<&Vec<u32>> = set.outcomes.iter().map(|o| &o.seats).collect();
    assert_eq!(seats, [&vec![26, 3, 2, 0, 0]]);
    assert!(set.determined());
}

fn seats_of(set: &OutcomeSet) -> Vec<Vec<u32>> {
    set.outcomes.iter().map(|o| o.seats.clone()).collect()
}

fn percent(ratio: Ratio) -> String {
    ratio.percent(4)
}

#[test]
fn east_kazakhstan_2021() {
    // Nur Otan, Ak Zhol, Auyl, Adal: every list printed to two decimals; published 32, 3, 3, 0.
    let f = figures(&["84.45%", "7.88%", "7.64%", "0.03%"]);
    let set = outcome_set(&f, 38, &kz2021(), &Limits::default()).unwrap();
    assert_eq!(seats_of(&set), [vec![32, 3, 3, 0]]);
}

#[test]
fn aktobe_2021() {
    // Counts and printed shares for three lists; Adal's count is missing. No "against all" in 2021.
    let mut f = figures(&["256655", "27460", "25893", "?"]);
    for (i, share) in ["80.72%", "8.64%", "8.14%"].iter().enumerate() {
        f = f.with(Subject::List(i), share.parse().unwrap());
    }
    let set = outcome_set(&f, 33, &kz2021(), &Limits::default()).unwrap();
    assert_eq!(seats_of(&set), [vec![27, 3, 3, 0]]);
    // Adal's count is pinned by the printed shares to a narrow interval, below 7 %.
    let shares = implied_shares(&f, 33, &kz2021(), &[27, 3, 3, 0], &Limits::default()).unwrap().unwrap();
    let adal = shares[3].of_base;
    assert!(adal.high.value < Ratio::new(7, 100).unwrap(), "{}", percent(adal.high.value));
}

#[test]
fn almaty_city_2021() {
    let mut f = figures(&["218003", "32367", "24591", "23388", "?"]);
    for (i, share) in ["68.11%", "10.11%", "7.68%", "7.31%"].iter().enumerate() {
        f = f.with(Subject::List(i), share.parse().unwrap());
    }
    let set = outcome_set(&f, 39, &kz2021(), &Limits::default()).unwrap();
    assert_eq!(seats_of(&set), [vec![29, 4, 3, 3, 0]]);
}

#[test]
fn nur_sultan_published_seats_match_and_others_are_inconsistent() {
    let f = figures(&["83.61%", "7.44%", "7.41%", "?", "?"]);
    let rules = kz2021();
    let limits = Limits::default();
    let found = outcome_for(&f, 31, &rules, &[26, 3, 2, 0, 0], &limits).unwrap().unwrap();
    assert_eq!(found.seats, [26, 3, 2, 0, 0]);
    // A constructed inconsistent claim: 27, 2, 2.
    assert!(outcome_for(&f, 31, &rules, &[27, 2, 2, 0, 0], &limits).unwrap().is_none());
    let why = explain_inconsistency(&f, 31, &rules, Some(&[27, 2, 2, 0, 0]), &limits).unwrap().unwrap();
    assert!(!why.is_empty() && why.len() <= 3, "{why:?}");
    // Dropping any one of them lets 27, 2, 2 through (the filter's result is irreducible).
    for i in 0..why.len() {
        let mut fewer = why.clone();
        fewer.remove(i);
        let trial = Figures::from_evidence(5, &fewer);
        assert!(outcome_for(&trial, 31, &rules, &[27, 2, 2, 0, 0], &limits).unwrap().is_some());
    }
    // Consistent seats have no explanation.
    assert_eq!(explain_inconsistency(&f, 31, &rules, Some(&[26, 3, 2, 0, 0]), &limits).unwrap(), None);
}

#[test]
fn fifty_fifty_is_undetermined() {
    let f = figures(&["50.0%", "50.0%"]);
    let set = outcome_set(&f, 1, &Rules::default(), &Limits::default()).unwrap();
    assert_eq!(seats_of(&set), [vec![0, 1], vec![1, 0]]);
    assert!(!set.determined());
    // Under the error tie policy both are still possible without a tie (49.96 % against 50.04 %).
    let error = Rules { tie_policy: TiePolicy::Error, ..Rules::default() };
    let set = outcome_set(&f, 1, &error, &Limits::default()).unwrap();
    assert!(set.outcomes.iter().all(|o| !o.through_tie) && set.outcomes.len() == 2);
}

#[test]
fn an_exact_tie_is_an_outcome_only_through_the_tie() {
    // Exactly equal votes for one seat: under `error` both outcomes need the tie.
    let f = figures(&["100", "100"]);
    let error = Rules { tie_policy: TiePolicy::Error, ..Rules::default() };
    let set = outcome_set(&f, 1, &error, &Limits::default()).unwrap();
    assert_eq!(seats_of(&set), [vec![0, 1], vec![1, 0]]);
    assert!(set.outcomes.iter().all(|o| o.through_tie && o.lot_seed.is_some()));
    let registration = outcome_set(&f, 1, &Rules::default(), &Limits::default()).unwrap();
    assert_eq!(seats_of(&registration), [vec![1, 0]]);
}

#[test]
fn karaganda_2021_seats_only() {
    // Five lists, seats only: 29, 3, 3, 3 and one without seats.
    let f = figures(&["?", "?", "?", "?", "?"]);
    let rules = kz2021();
    let seats = [29, 3, 3, 3, 0];
    let shares = implied_shares(&f, 38, &rules, &seats, &Limits::default()).unwrap().unwrap();
    for share in &shares {
        assert!(share.of_base.exact);
    }
    // Nur Otan's share of the lists that passed: its Hare quota must round to 29 of 38.
    let nur_otan = shares[0].of_participants.unwrap();
    assert!(nur_otan.low.value >= Ratio::new(28, 38).unwrap());
    assert!(nur_otan.high.value <= Ratio::new(30, 38).unwrap());
    // Seats the rules cannot give: a list below the threshold cannot hold a seat while
    // another list holds 36 … here, four lists with one seat each out of 38 under 7 %.
    let impossible = [35, 1, 1, 1, 0];
    assert!(outcome_for(&f, 38, &rules, &impossible, &Limits::default()).unwrap().is_none());
    assert_eq!(explain_inconsistency(&f, 38, &rules, Some(&impossible), &Limits::default()).unwrap(), Some(vec![]));
}

#[test]
fn inexact_methods_are_refused() {
    let f = figures(&["50%", "50%"]);
    for method in ["droop", "huntington-hill"] {
        let rules = Rules { method: method.parse().unwrap(), ..Rules::default() };
        assert!(matches!(outcome_set(&f, 3, &rules, &Limits::default()), Err(OutcomeError::NotExact { .. })));
    }
    let votes = Rules { tie_policy: TiePolicy::Votes, ..Rules::default() };
    assert!(matches!(outcome_set(&f, 3, &votes, &Limits::default()), Err(OutcomeError::TiePolicyNotExact { .. })));
}

/// fuzz `outcomes`: two unknown counts beside an exact one (7 seats, Hare) sent branch and
/// bound down an unbounded region without integer points, each node's program one row longer:
/// hours for three lines of input. The depth bound stops it at once, before the node bounds
/// (which alone would take minutes here).
#[test]
fn fuzz_outcomes_unbounded_descent_stops_at_the_depth_bound() {
    let rules = Rules { method: "hare".parse().unwrap(), ..Rules::default() };
    let limits = Limits { node_bound: 2_000, max_nodes: 4_000, ..Limits::default() };
    let result = outcome_set(&figures(&["?", "?", "65535"]), 7, &rules, &limits);
    assert_eq!(
        result.map(|set| set.outcomes.len()).unwrap_err().to_string(),
        "undetermined within the bound: the figures leave too much room to decide exactly within 48 nested \
         branch-and-bound choices"
    );
    // Five seats leave no such region: every outcome is found.
    let five = outcome_set(&figures(&["?", "?", "65535"]), 5, &rules, &limits).unwrap();
    assert_eq!(five.outcomes.len(), 21, "every way to seat 5 among 3 lists");
}
