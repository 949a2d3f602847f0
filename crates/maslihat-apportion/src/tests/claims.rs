//! `Divisor::claim`: claims compared by hand, and every allocation of the core holding its
//! seats at a cut of the claims (the lowest claim held at least the highest not held).

use proptest::prelude::*;
use proptest::sample::select;

use crate::{Allocation, Divisor, Method, Tally, TiePolicy, allocate};

use super::{DIVISOR_METHODS, parse_method, rules_with_ties};

fn divisor(name: &str) -> Divisor {
    match parse_method(name) {
        Method::Divisor(divisor) => divisor,
        Method::LargestRemainder(_) => panic!("{name} is not a divisor method"),
    }
}

#[track_caller]
fn claim(divisor: &Divisor, votes: u128, seats: u32) -> crate::SeatClaim {
    divisor.claim(votes, seats).unwrap_or_else(|| panic!("{divisor:?} {votes} {seats}"))
}

#[test]
fn claims_compare_like_the_quotients() {
    let dhondt = divisor("dhondt");
    // 6 / 2 = 3 / 1; 7 / 2 > 3 / 1; 5 / 2 < 3 / 1.
    assert_eq!(claim(&dhondt, 6, 1), claim(&dhondt, 3, 0));
    assert!(claim(&dhondt, 7, 1) > claim(&dhondt, 3, 0));
    assert!(claim(&dhondt, 5, 1) < claim(&dhondt, 3, 0));
    // Sainte-Laguë: 3 / 3 = 1 / 1; modified: 14 / 1.4 = 10 = 30 / 3.
    assert_eq!(claim(&divisor("sainte-lague"), 3, 1), claim(&divisor("sainte-lague"), 1, 0));
    let modified = divisor("modified-sainte-lague");
    assert_eq!(claim(&modified, 14, 0), claim(&modified, 30, 1));
    assert!(claim(&modified, 15, 0) > claim(&modified, 30, 1));
    // Danish 1, 4, 7: 8 / 4 = 2 / 1; Imperiali 2, 3, 4: 9 / 3 = 6 / 2.
    assert_eq!(claim(&divisor("danish"), 8, 1), claim(&divisor("danish"), 2, 0));
    assert_eq!(claim(&divisor("imperiali"), 9, 1), claim(&divisor("imperiali"), 6, 0));
    // Huntington–Hill, compared through squares: 10² / 2 = 50 against 12² / 6 = 24,
    // 17² / 6 ≈ 48.2 and 18² / 6 = 54; equal: 24² / (8·9) = 8 = 4² / (1·2).
    let hill = divisor("huntington-hill");
    assert!(claim(&hill, 10, 1) > claim(&hill, 12, 2));
    assert!(claim(&hill, 10, 1) > claim(&hill, 17, 2));
    assert!(claim(&hill, 10, 1) < claim(&hill, 18, 2));
    assert_eq!(claim(&hill, 24, 8), claim(&hill, 4, 1));
    // A zero divisor: infinite claims above every finite one, ranked by votes.
    let adams = divisor("adams");
    assert!(claim(&adams, 1, 0) > claim(&adams, 1_000_000, 1));
    assert!(claim(&adams, 5, 0) > claim(&adams, 4, 0));
    assert_eq!(claim(&divisor("dean"), 7, 0), claim(&hill, 7, 0));
}

/// The lowest claim held and the highest claim not held, of a finished allocation.
fn cut(
    divisor: &Divisor,
    votes: &[u64],
    allocation: &Allocation,
) -> (Option<crate::SeatClaim>, Option<crate::SeatClaim>) {
    let seats = allocation.seats();
    let held =
        (0..votes.len()).filter(|i| seats[*i] > 0).map(|i| claim(divisor, u128::from(votes[i]), seats[i] - 1)).min();
    let unheld =
        (0..votes.len()).filter(|i| votes[*i] > 0).map(|i| claim(divisor, u128::from(votes[i]), seats[i])).max();
    (held, unheld)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Every allocation holds its seats at a cut of the claims; without a recorded tie the cut
    /// is strict, and whenever a claim held equals one not held, a tie was recorded.
    #[test]
    fn allocations_hold_their_seats_at_a_cut_of_the_claims(
        name in select(DIVISOR_METHODS.to_vec()),
        votes in prop_oneof![
            prop::collection::vec(0u64..40, 1..7),
            prop::collection::vec(0u64..2_000_000, 1..40),
        ],
        house in 1u32..60,
        ties in select(vec![TiePolicy::Registration, TiePolicy::Votes]),
    ) {
        let rules = rules_with_ties(name, ties);
        let divisor = divisor(name);
        let tally = Tally::new(votes.clone());
        if let Ok(allocation) = allocate(&tally, house, &rules) {
            let (held, unheld) = cut(&divisor, &votes, &allocation);
            if let (Some(held), Some(unheld)) = (held, unheld) {
                prop_assert!(held >= unheld, "{name} {votes:?} {house}");
                prop_assert_eq!(held == unheld, !allocation.ties.is_empty(), "{} {:?} {}", name, votes, house);
            }
        }
    }
}
