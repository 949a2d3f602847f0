//! Largest-remainder quotas: Hare, Droop, Hagenbach-Bischoff and Imperiali, including quotas
//! small enough to hand out more whole seats than the house has (documented: the excess is
//! taken back from the lists with the smallest remainders, and a note says so).

use crate::{Procedure, Ratio, Tally, TiePolicy, TieStage, allocate};

use super::{rules, rules_with_ties};

struct Case {
    what: &'static str,
    method: &'static str,
    votes: &'static [u64],
    house: u32,
    /// The quota as `num / den` votes.
    quota: (u128, u128),
    whole: &'static [u32],
    seats: &'static [u32],
    /// Lists given a remainder seat, in order.
    remainder_order: &'static [usize],
    /// Lists that gave a seat back, in order.
    withdrawn: &'static [usize],
}

#[track_caller]
fn check(case: &Case) {
    let what = case.what;
    let result = allocate(&Tally::new(case.votes.to_vec()), case.house, &rules(case.method))
        .unwrap_or_else(|err| panic!("{what}: {err}"));
    assert_eq!(result.seats(), case.seats, "{what}: seats");
    let whole: Vec<u32> = result
        .lists
        .iter()
        .map(|list| match list.detail {
            crate::ListDetail::LargestRemainder { whole_seats, .. } => whole_seats,
            _ => panic!("{what}: largest-remainder detail expected"),
        })
        .collect();
    assert_eq!(whole, case.whole, "{what}: whole quotas");
    let Procedure::LargestRemainder { quota, remainder_order, withdrawn, .. } = &result.procedure else {
        panic!("{what}: largest-remainder procedure expected");
    };
    assert_eq!(*quota, Ratio::of(case.quota.0, case.quota.1), "{what}: quota {quota}");
    assert_eq!(remainder_order, case.remainder_order, "{what}: remainder order");
    assert_eq!(withdrawn, case.withdrawn, "{what}: withdrawn");
    let noted = result.notes.iter().any(|note| note.contains("more than the house has"));
    assert_eq!(noted, !case.withdrawn.is_empty(), "{what}: note on withdrawn seats: {:?}", result.notes);
}

#[test]
fn quotas() {
    let cases = [
        // Droop: floor(230,000 / 9) + 1 = 25,556. 100,000 / 25,556 = 3.913, 80,000 → 3.130,
        // 30,000 → 1.174, 20,000 → 0.783: 7 whole, the 8th to A (remainder .913 > .783).
        Case {
            what: "Droop, four parties",
            method: "droop",
            votes: &[100_000, 80_000, 30_000, 20_000],
            house: 8,
            quota: (25_556, 1),
            whole: &[3, 3, 1, 0],
            seats: &[4, 3, 1, 0],
            remainder_order: &[0],
            withdrawn: &[],
        },
        // Hagenbach-Bischoff: 230,000 / 9 exactly.
        Case {
            what: "Hagenbach-Bischoff, four parties",
            method: "hagenbach-bischoff",
            votes: &[100_000, 80_000, 30_000, 20_000],
            house: 8,
            quota: (230_000, 9),
            whole: &[3, 3, 1, 0],
            seats: &[4, 3, 1, 0],
            remainder_order: &[0],
            withdrawn: &[],
        },
        // Imperiali quota 230,000 / 10 = 23,000: 4.35, 3.48, 1.30, 0.87: exactly 8 whole seats.
        Case {
            what: "Imperiali quota, exact fit",
            method: "imperiali-quota",
            votes: &[100_000, 80_000, 30_000, 20_000],
            house: 8,
            quota: (23_000, 1),
            whole: &[4, 3, 1, 0],
            seats: &[4, 3, 1, 0],
            remainder_order: &[],
            withdrawn: &[],
        },
        // Hare, the same input: 28,750: 3.478, 2.783, 1.043, 0.696 → B (.783) then D (.696).
        Case {
            what: "Hare, four parties",
            method: "hare",
            votes: &[100_000, 80_000, 30_000, 20_000],
            house: 8,
            quota: (28_750, 1),
            whole: &[3, 2, 1, 0],
            seats: &[3, 3, 1, 1],
            remainder_order: &[1, 3],
            withdrawn: &[],
        },
        // Imperiali quota 100 / 6 = 16.67 for 4 seats: 45 → 2.7, 35 → 2.1, 20 → 1.2: five whole
        // seats for a house of four. The smallest remainder (.1, the second list) gives one back.
        Case {
            what: "Imperiali quota, one seat too many",
            method: "imperiali-quota",
            votes: &[45, 35, 20],
            house: 4,
            quota: (100, 6),
            whole: &[2, 2, 1],
            seats: &[2, 1, 1],
            remainder_order: &[],
            withdrawn: &[1],
        },
        // Imperiali quota 100 / 5 = 20 for 3 seats: 61 → 3.05, 39 → 1.95: four whole seats;
        // the smaller remainder (.05, the larger list) gives one back: 2, 1 (D'Hondt's answer).
        Case {
            what: "Imperiali quota, larger list gives back",
            method: "imperiali-quota",
            votes: &[61, 39],
            house: 3,
            quota: (100, 5),
            whole: &[3, 1],
            seats: &[2, 1],
            remainder_order: &[],
            withdrawn: &[0],
        },
        // One list, Imperiali quota 100 / 3 for one seat: three whole quotas, two given back.
        Case {
            what: "Imperiali quota, single list",
            method: "imperiali-quota",
            votes: &[100],
            house: 1,
            quota: (100, 3),
            whole: &[3],
            seats: &[1],
            remainder_order: &[],
            withdrawn: &[0, 0],
        },
        // Two lists, 60 and 40, Imperiali quota 100 / 5 = 20 for 3 seats: 3 + 2 whole seats,
        // both remainders zero; two seats too many and two lists holding seats: each gives one.
        Case {
            what: "Imperiali quota, two too many",
            method: "imperiali-quota",
            votes: &[60, 40],
            house: 3,
            quota: (100, 5),
            whole: &[3, 2],
            seats: &[2, 1],
            remainder_order: &[],
            withdrawn: &[0, 1],
        },
    ];
    for case in &cases {
        check(case);
    }
}

// Hagenbach-Bischoff, 30, 30, 40 for 9 seats: the quota 100 / 10 = 10 divides every vote
// exactly, 3 + 3 + 4 = 10 whole seats for 9, and every remainder is zero: a tie over which
// two of the three lists keep their last seat. Registration keeps lists 1 and 2; votes keeps
// list 3 (40) and then list 1 (30, registered before list 2).
#[test]
fn hagenbach_bischoff_exact_overflow_is_a_tie() {
    for (policy, seats, keepers) in
        [(TiePolicy::Registration, [3, 3, 3], vec![0, 1]), (TiePolicy::Votes, [3, 2, 4], vec![0, 2])]
    {
        let result =
            allocate(&Tally::new(vec![30, 30, 40]), 9, &rules_with_ties("hagenbach-bischoff", policy)).unwrap();
        assert_eq!(result.seats(), seats, "{policy}");
        assert_eq!(result.ties.len(), 1, "{policy}");
        let tie = &result.ties[0];
        assert_eq!(tie.stage, TieStage::Withdrawal);
        assert_eq!(tie.lists, [0, 1, 2]);
        assert_eq!(tie.seats_in_contention, 2);
        assert_eq!(tie.winners, keepers, "{policy}: the lists that keep their seat");
    }
}
