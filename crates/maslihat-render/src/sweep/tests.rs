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

/// The CSV of `rows` as records of strings, every number by `to_string` or `{:.4}`: the
/// reference of [`sweep_csv`]'s field-by-field writing.
fn sweep_csv_by_records(rows: &[maslihat_analysis::SweepRow], names: &[String]) -> String {
    let lists = rows.iter().filter_map(|r| r.seats.as_ref().map(Vec::len)).max().unwrap_or(0).max(names.len());
    let mut header: Vec<String> = ["method", "threshold", "house_size"].map(str::to_owned).to_vec();
    header.extend((0..lists).map(|i| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1))));
    header.extend(
        ["gallagher", "loosemore_hanby", "enp_votes", "enp_seats", "wasted_votes", "wasted_percent", "error"]
            .map(str::to_owned),
    );
    let records = rows.iter().map(|row| {
        let mut record = vec![row.method.clone(), row.threshold.clone(), row.house_size.to_string()];
        record.extend(
            (0..lists).map(|i| row.seats.as_ref().and_then(|s| s.get(i)).map(u32::to_string).unwrap_or_default()),
        );
        match &row.indices {
            Some(ix) => record.extend([
                format!("{:.4}", ix.gallagher),
                format!("{:.4}", ix.loosemore_hanby),
                format!("{:.4}", ix.enp_votes),
                format!("{:.4}", ix.enp_seats),
                ix.wasted_votes.to_string(),
                format!("{:.4}", ix.wasted_percent),
            ]),
            None => record.extend((0..6).map(|_| String::new())),
        }
        record.push(row.error.clone().unwrap_or_default());
        record
    });
    crate::text::csv_reference::csv_crate_text(std::iter::once(header).chain(records))
}

proptest::proptest! {
    /// Rows with repeated indices, whole or in some columns (whose decimals are written once
    /// and reused), rows with the outcome of the row before (whose fields are copied), special
    /// floats (`-0.0`, infinities, NaN), missing seats and errors read as the reference writes
    /// them.
    #[test]
    fn sweep_csv_reads_as_its_records_written_plainly(
        rows in proptest::collection::vec(
            (
                "[a-z=-]{0,6}",
                proptest::option::of(proptest::collection::vec(0u32..30, 0..4)),
                proptest::option::of((proptest::array::uniform5(0usize..3), proptest::num::u64::ANY)),
                proptest::option::of("[a-z ,\"]{0,8}"),
                0u8..5,
            ),
            0..8,
        ),
        names in proptest::collection::vec("[A-Za-z ,=\"\r\n]{0,6}", 0..3),
    ) {
        let values: [[f64; 5]; 3] = [
            [2.8975, 4.835, 1.2693, 1.1803, 4.835],
            [-0.0, 0.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY],
            [0.000_05, 2.675, 99.999_95, 1e20, -3.25],
        ];
        let copied: Vec<u8> = rows.iter().map(|row| row.4).collect();
        let mut rows: Vec<maslihat_analysis::SweepRow> = rows
            .into_iter()
            .map(|(method, seats, indices, error, _)| maslihat_analysis::SweepRow {
                method,
                threshold: "7%".to_owned(),
                house_size: 24,
                seats,
                indices: indices.map(|(choices, wasted_votes)| {
                    // Each column's value picked from one of the sets.
                    let [gallagher, loosemore_hanby, enp_votes, enp_seats, wasted_percent] =
                        std::array::from_fn(|column| values[choices[column]][column]);
                    maslihat_analysis::Indices { gallagher, loosemore_hanby, enp_votes, enp_seats, wasted_votes, wasted_percent }
                }),
                error,
            })
            .collect();
        // The outcome of the row before, whole (1) or but for the error (2), the indices (3) or
        // the seats (4).
        for i in 1..rows.len() {
            let before = rows[i - 1].clone();
            let row = &mut rows[i];
            if matches!(copied[i], 1 | 3 | 4) {
                row.error = before.error;
            }
            if matches!(copied[i], 1 | 2 | 4) {
                row.indices = before.indices;
            }
            if matches!(copied[i], 1..=3) {
                row.seats = before.seats;
            }
        }
        proptest::prop_assert_eq!(sweep_csv(&rows, &names), sweep_csv_by_records(&rows, &names));
    }
}
