//! The CSV of a sweep.

use maslihat_analysis::sweep;
use maslihat_apportion::{Method, Tally, Threshold};

use super::sweep_csv;

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
