//! Narrow seats: which seats a margin under 1 % of the quota decides.

use maslihat_apportion::{Preset, Ratio, Tally, allocate};

use crate::margins::margins;
use crate::narrow::{NarrowCause, is_narrow, margin_quota, narrow_seats, percent_of_quota};

#[test]
fn narrow_means_under_one_percent_of_the_quota() {
    let quota = Ratio::new(100_000, 1).expect("a quota");
    assert!(is_narrow(999, quota));
    assert!(!is_narrow(1_000, quota), "1 % itself is not under 1 %");
    assert_eq!(percent_of_quota(450, quota), "0.45");
    assert_eq!(percent_of_quota(450, Ratio::ZERO), "");
}

#[test]
fn the_last_remainder_seat_of_a_close_race_is_narrow_and_the_safe_ones_are_not() {
    // Quota 100 000: quotas 5, 2.5001 and 2.4999; the tenth seat goes to the second list by
    // 20 votes of remainder, the first list's five seats are safe.
    let tally = Tally::new(vec![500_000, 250_010, 249_990]);
    let rules = Preset::Kz2021.rules();
    let allocation = allocate(&tally, 10, &rules).expect("allocated");
    assert_eq!(allocation.seats(), [5, 3, 2]);
    assert_eq!(margin_quota(&allocation), Ratio::new(100_000, 1).expect("a quota"));
    let found = margins(&tally, 10, &rules).expect("margins");
    let narrow = narrow_seats(&allocation, &found);
    assert!(!narrow.is_empty());
    assert!(narrow.iter().all(|seat| seat.list == 1 && seat.seat == 3), "{narrow:?}");
    assert!(narrow.iter().any(|seat| seat.cause == NarrowCause::Loss));
    assert!(narrow.iter().any(|seat| seat.cause == NarrowCause::GainBy { by: 2 }));
    assert!(narrow.iter().all(|seat| is_narrow(seat.votes, margin_quota(&allocation))));
}
