//! The uncertain-figure parser and the outcome set. Any figure text parses or is refused, and
//! what parses reads back from its display. For hidden true counts, figures drawn from them
//! (exact, an interval holding them, the printed share they round to, or unknown) give an
//! outcome set that holds the seats the core gives for the true counts, and every outcome's
//! example votes agree with every figure.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use maslihat_analysis::{Figure, Figures, Limits, OutcomeError, outcome_set};
use maslihat_apportion::{Divisor, Method, Percentage, Quota, Rules, Tally, Threshold, TiePolicy, allocate};

#[derive(Debug, Arbitrary)]
enum Known {
    Exact,
    Range { below: u16, above: u16 },
    Share { decimals: u8 },
    Unknown,
}

#[derive(Debug, Arbitrary)]
struct Input {
    text: String,
    lists: Vec<(u16, Known)>,
    house: u8,
    method: u8,
    threshold_percent: u8,
    registration_ties: bool,
}

/// The share `votes / base` in per cent, rounded half up to `decimals` places, as printed.
fn printed_share(votes: u64, base: u64, decimals: u8) -> String {
    let scale = 10u128.pow(u32::from(decimals));
    let scaled = (2 * 100 * scale * u128::from(votes) + u128::from(base)) / (2 * u128::from(base));
    let whole = scaled / scale;
    let fraction = scaled % scale;
    if decimals == 0 {
        format!("{whole}%")
    } else {
        format!("{whole}.{fraction:0width$}%", width = usize::from(decimals))
    }
}

fuzz_target!(|input: Input| {
    // The parser: anything is a figure or an error; a figure reads back from its display.
    if let Ok(figure) = input.text.parse::<Figure>() {
        let shown = figure.to_string();
        assert_eq!(shown.parse::<Figure>().as_ref(), Ok(&figure), "{shown:?} does not read back");
    }
    let lists: Vec<(u64, Known)> = input.lists.into_iter().take(5).map(|(v, k)| (u64::from(v), k)).collect();
    if lists.is_empty() {
        return;
    }
    let house = u32::from(input.house % 12) + 1;
    let method = match input.method % 6 {
        0 => Method::LargestRemainder(Quota::Hare),
        1 => Method::LargestRemainder(Quota::HagenbachBischoff),
        2 => Method::LargestRemainder(Quota::Imperiali),
        3 => Method::Divisor(Divisor::DHondt),
        4 => Method::Divisor(Divisor::SainteLague),
        _ => Method::Divisor(Divisor::Danish),
    };
    let threshold = match input.threshold_percent % 11 {
        0 => Threshold::None,
        p => Threshold::Percent(Percentage::new(u64::from(p), 100).expect("at most 100 %")),
    };
    let tie_policy = if input.registration_ties { TiePolicy::Registration } else { TiePolicy::Error };
    let rules = Rules { method, threshold, tie_policy, ..Rules::default() };
    let votes: Vec<u64> = lists.iter().map(|(v, _)| *v).collect();
    let valid: u64 = votes.iter().sum();
    let figures: Vec<Figure> = lists
        .iter()
        .map(|(v, known)| match known {
            Known::Exact => Figure::exact(*v),
            Known::Range { below, above } => {
                Figure::Range { lo: v.saturating_sub(u64::from(*below % 64)), hi: v + u64::from(*above % 64) }
            }
            Known::Share { decimals } if valid > 0 => {
                printed_share(*v, valid, decimals % 3).parse().expect("a printed share parses")
            }
            _ => Figure::Unknown,
        })
        .collect();
    // Unknown counts leave the set unbounded above: keep the instances small enough to decide.
    let unknowns = figures.iter().filter(|f| matches!(f, Figure::Unknown | Figure::Share(_))).count();
    if unknowns > 3 {
        return;
    }
    let limits = Limits { node_bound: 2_000, max_nodes: 20_000, max_outcomes: 500, max_candidates: 20_000 };
    let set = match outcome_set(&Figures::new(figures.clone()), house, &rules, &limits) {
        Ok(set) => set,
        Err(OutcomeError::Internal(message)) => panic!("internal inconsistency: {message}"),
        Err(_) => return,
    };
    for outcome in &set.outcomes {
        assert_eq!(outcome.seats.iter().map(|s| u64::from(*s)).sum::<u64>(), u64::from(house));
        for (figure, votes) in figures.iter().zip(&outcome.example_votes) {
            match figure {
                Figure::Exact { count } => assert_eq!(votes, count),
                Figure::Range { lo, hi } => assert!((lo..=hi).contains(&votes), "{votes} outside {lo}..{hi}"),
                _ => {}
            }
        }
        let tally = Tally::new(outcome.example_votes.clone())
            .with_against_all(outcome.against_all)
            .with_invalid(outcome.invalid);
        if !outcome.through_tie {
            let seats = allocate(&tally, house, &rules).expect("an outcome's example allocates").seats();
            assert_eq!(seats, outcome.seats, "an outcome's example votes give other seats");
        }
    }
    // The true counts are consistent with every figure: their seats are in the set.
    if let Ok(truth) = allocate(&Tally::new(votes), house, &rules) {
        let seats = truth.seats();
        assert!(set.find(&seats).is_some(), "the true seats {seats:?} are missing from {:?}", set.outcomes);
    }
});
