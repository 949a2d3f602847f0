//! Sweeps.

use maslihat_apportion::{Method, Percentage, Preset, Tally, Threshold};

use crate::sweep::sweep;

#[test]
fn sweep_covers_every_combination_in_order() {
    let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
    let methods: Vec<Method> = ["hare", "dhondt"].iter().filter_map(|m| m.parse().ok()).collect();
    let thresholds = [
        Threshold::percent(5).unwrap(),
        Threshold::percent(7).unwrap(),
        Threshold::Percent(Percentage::new(90, 100).unwrap()),
    ];
    let rows = sweep(&tally, &methods, &thresholds, &[25, 30], &Preset::Kz2021.rules());
    assert_eq!(rows.len(), 12);
    let keys: Vec<(String, String, u32)> =
        rows.iter().map(|r| (r.method.clone(), r.threshold.clone(), r.house_size)).collect();
    assert_eq!(keys[0], ("hare".to_owned(), "5%".to_owned(), 25));
    assert_eq!(keys[11], ("dhondt".to_owned(), "90%".to_owned(), 30));
    assert_eq!(rows[3].seats.as_deref(), Some(&[24, 3, 3, 0, 0][..]));
    // 90 %: nobody passes; the row carries the error.
    assert!(rows[4].seats.is_none() && rows[4].error.as_deref().is_some_and(|e| e.contains("no lawful allocation")));
}

mod against_allocate {
    use maslihat_apportion::{Method, Preset, Tally, Threshold, allocate};
    use proptest::prelude::*;

    use crate::indices::indices;
    use crate::sweep::sweep;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The sweep allocates seats only: its seats, indices (bit for bit) and errors are those
        /// of `allocate`, under every standard method, thresholds that exclude lists or all of
        /// them, the runner-up rule and small or tie-prone votes.
        #[test]
        fn sweep_rows_are_what_allocate_gives(
            votes in prop::collection::vec(prop_oneof![0u64..20, 0u64..2_000_000], 1..9),
            against_all in 0u64..50_000,
            houses in prop::collection::vec(1u32..60, 1..3),
            preset in prop::sample::select(vec![Preset::Kz2021, Preset::Kz2023]),
        ) {
            let tally = Tally::new(votes).with_against_all(against_all);
            let methods = Method::all_standard();
            let thresholds = [Threshold::None, Threshold::percent(5).unwrap(), Threshold::percent(40).unwrap()];
            let base = preset.rules();
            let rows = sweep(&tally, &methods, &thresholds, &houses, &base);
            let mut row = rows.iter();
            for method in &methods {
                for threshold in &thresholds {
                    let rules = maslihat_apportion::Rules { method: method.clone(), threshold: *threshold, ..base.clone() };
                    for &house in &houses {
                        let Some(row) = row.next() else { return Err(TestCaseError::fail("a row is missing")) };
                        prop_assert_eq!((&row.method, &row.threshold), (&method.name(), &threshold.to_string()));
                        match allocate(&tally, house, &rules) {
                            Ok(allocation) => {
                                prop_assert_eq!(row.seats.clone(), Some(allocation.seats()));
                                let (got, want) = (row.indices.unwrap(), indices(&allocation));
                                let bits = |i: crate::Indices| {
                                    [i.gallagher, i.loosemore_hanby, i.enp_votes, i.enp_seats, i.wasted_percent]
                                        .map(f64::to_bits)
                                };
                                prop_assert_eq!(bits(got), bits(want));
                                prop_assert_eq!(got.wasted_votes, want.wasted_votes);
                                prop_assert!(row.error.is_none());
                            }
                            Err(error) => {
                                prop_assert_eq!(row.error.clone(), Some(error.to_string()));
                                prop_assert!(row.seats.is_none() && row.indices.is_none());
                            }
                        }
                    }
                }
            }
            prop_assert!(row.next().is_none());
        }
    }
}
