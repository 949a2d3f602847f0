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
