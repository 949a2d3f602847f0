//! Sweeps and their CSV.

use maslihat_apportion::{Method, Percentage, Preset, Tally, Threshold};

use crate::sweep::{sweep, sweep_csv};

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

#[test]
fn csv_is_wide_quoted_and_defused() {
    let tally = Tally::new(vec![600, 400]);
    let methods: Vec<Method> = ["hare"].iter().filter_map(|m| m.parse().ok()).collect();
    let rows = sweep(
        &tally,
        &methods,
        &[Threshold::None, Threshold::percent(70).unwrap()],
        &[5],
        &maslihat_apportion::Rules::default(),
    );
    let names = vec!["Ak \"Zhol\", party".to_owned(), "=cmd".to_owned()];
    let csv = sweep_csv(&rows, &names);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "method,threshold,house_size,\"Ak \"\"Zhol\"\", party\",'=cmd,gallagher,loosemore_hanby,enp_votes,enp_seats,wasted_votes,wasted_percent,error"
    );
    assert_eq!(lines[1], "hare,none,5,3,2,0.0000,0.0000,1.9231,1.9231,0,0.0000,");
    assert!(lines[2].starts_with("hare,70%,5,,,,,,,,,\"no lawful allocation"), "{}", lines[2]);
    assert_eq!(lines.len(), 3);
}
