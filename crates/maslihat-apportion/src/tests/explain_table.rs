//! The explanation's tables against the code they replaced (kept here as the reference): the
//! cells written into one string and laid out in place give the same text, byte for byte.

use proptest::prelude::*;

use crate::explain::{lists_table, table};
use crate::method::Method;
use crate::result::{Allocation, ListDetail, ListResult, ListStatus};
use crate::{Percentage, Rules, RunnerUp, Tally, Threshold, TiePolicy, allocate};

use super::parse_method;

/// The table of lists: votes, share, status, the method's figures, seats.
fn reference_lists_table(allocation: &Allocation, name: &impl Fn(usize) -> String) -> String {
    let (middle, detail) = match allocation.rules.method {
        Method::LargestRemainder(_) => ("whole", "remainder (of a quota)"),
        Method::Divisor(_) => ("last quotient", "next quotient"),
    };
    let header = ["#", "list", "votes", "share", "status", middle, detail, "seats"];
    let rows: Vec<Vec<String>> =
        allocation.lists.iter().enumerate().map(|(i, list)| reference_list_row(i, list, name)).collect();
    reference_table(&header, &rows, &[true, false, true, true, false, true, false, true])
}

/// One row of [`reference_lists_table`].
fn reference_list_row(i: usize, list: &ListResult, name: &impl Fn(usize) -> String) -> Vec<String> {
    let status = match list.status {
        ListStatus::Qualified => "qualified",
        ListStatus::RunnerUp => "runner-up",
        ListStatus::BelowThreshold => "below threshold",
    };
    let (middle, detail) = match &list.detail {
        ListDetail::None {} => (String::new(), String::new()),
        ListDetail::LargestRemainder { whole_seats, remainder, remainder_seat, .. } => (
            whole_seats.to_string(),
            format!("{} = {}{}", remainder.decimal(4), remainder, if *remainder_seat { "  +1" } else { "" }),
        ),
        ListDetail::Divisor { last_quotient, next_quotient } => {
            (last_quotient.clone().unwrap_or_else(|| "-".to_owned()), next_quotient.clone())
        }
    };
    vec![
        (i + 1).to_string(),
        name(i),
        list.votes.to_string(),
        format!("{} %", list.share.percent(2)),
        status.to_owned(),
        middle,
        detail,
        list.seats.to_string(),
    ]
}

/// Pads `cells` into aligned columns; numeric columns (`right`) align right.
fn reference_table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    // One line at a time in a reused buffer: the cells padded and joined by two spaces, then
    // the line's trailing blanks trimmed.
    let mut joined = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        joined.clear();
        for (c, cell) in cells.enumerate() {
            if c > 0 {
                joined.push_str("  ");
            }
            let pad = widths[c] - cell.chars().count();
            if !right[c] {
                joined.push_str(cell);
            }
            joined.extend(std::iter::repeat_n(' ', pad));
            if right[c] {
                joined.push_str(cell);
            }
        }
        out.push_str("  ");
        out.push_str(joined.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied(), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}

/// Cells with wide characters, combining marks, inner and trailing blanks, and empty ones.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-z0-9 ]{0,12}",
        "[а-яё ]{0,8}",
        "[a-z]{0,4}[ \u{a0}\u{3000}\t]{0,3}",
        "\\PC{0,6}",
    ]
}

fn names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(cell(), 0..10)
}

fn any_rules() -> impl Strategy<Value = Rules> {
    let methods = [
        "hare",
        "droop",
        "hagenbach-bischoff",
        "imperiali-quota",
        "dhondt",
        "sainte-lague",
        "huntington-hill",
        "adams",
    ];
    let threshold = prop_oneof![
        Just(Threshold::None),
        (0u64..=20).prop_map(|whole| Threshold::Percent(Percentage::new(whole, 100).unwrap_or_else(|e| panic!("{e}")))),
        (0u64..50).prop_map(|votes| Threshold::Votes { votes }),
    ];
    let runner_up = prop::sample::select(vec![
        None,
        Some(RunnerUp::Admit),
        Some(RunnerUp::AdmitMinTwo),
        Some(RunnerUp::Coefficient),
    ]);
    let ties = prop_oneof![Just(TiePolicy::Registration), Just(TiePolicy::Votes)];
    (prop::sample::select(methods.to_vec()), threshold, runner_up, ties).prop_map(
        |(method, threshold, runner_up, tie_policy)| {
            let method: Method = parse_method(method);
            Rules { method, threshold, runner_up, tie_policy, ..Rules::default() }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The table of lists of any allocation (every detail: largest remainder, divisors, lists
    /// below the threshold, the runner-up), under any names.
    #[test]
    fn the_lists_table_is_what_it_was(
        votes in prop::collection::vec(prop_oneof![0u64..30, 0u64..2_000_000], 1..9),
        house in 1u32..60,
        rules in any_rules(),
        names in names(),
    ) {
        let tally = Tally::new(votes);
        let Ok(allocation) = allocate(&tally, house, &rules) else { return Ok(()) };
        let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
        prop_assert_eq!(lists_table(&allocation, &name), reference_lists_table(&allocation, &name));
    }

    /// Any cells, any alignment.
    #[test]
    fn a_table_is_what_it_was(
        header in prop::collection::vec(cell(), 1..6),
        rows in prop::collection::vec(prop::collection::vec(cell(), 6), 0..6),
        right in prop::collection::vec(any::<bool>(), 6),
    ) {
        let columns = header.len();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let rows: Vec<Vec<String>> = rows.into_iter().map(|row| row[..columns].to_vec()).collect();
        prop_assert_eq!(table(&header, &rows, &right[..columns]), reference_table(&header, &rows, &right[..columns]));
    }
}

/// A table worked by hand: widths by characters (not bytes), numbers right, text left, the
/// trailing blanks of a line trimmed.
#[test]
fn a_table_worked_by_hand() {
    let rows = vec![
        vec!["1".to_owned(), "Аманат".to_owned(), "12".to_owned()],
        vec!["10".to_owned(), "b".to_owned(), "3".to_owned()],
    ];
    let text = table(&["#", "list", "n"], &rows, &[true, false, true]);
    assert_eq!(text, "   #  list     n\n   1  Аманат  12\n  10  b        3\n");
    // A last column left-aligned and shorter than its header leaves no trailing blanks.
    let text = table(&["a", "long"], &[vec!["x".to_owned(), String::new()]], &[false, false]);
    assert_eq!(text, "  a  long\n  x\n");
}

/// Rules with every section of the explanation in play: seat restrictions and base seats, a
/// rounded quota, a remainder threshold, the majority clause, every threshold base and tie
/// policy, the runner-up readings.
fn rich_rules() -> impl Strategy<Value = Rules> {
    use crate::{QuotaRounding, SeatLimits, ThresholdBase};
    let limits = prop_oneof![
        3 => Just(SeatLimits::NONE),
        1 => (0u32..3, prop::option::of(2u32..12), 0u32..2).prop_map(|(min, max, base)| SeatLimits { min, max, base }),
    ];
    let rounding = prop::sample::select(vec![
        QuotaRounding::Exact,
        QuotaRounding::Down,
        QuotaRounding::Up,
        QuotaRounding::Nearest,
    ]);
    let remainder_threshold =
        prop::option::of((50u64..=100).prop_map(|p| Percentage::new(p, 100).unwrap_or_else(|e| panic!("{e}"))));
    let base = prop::sample::select(vec![ThresholdBase::Valid, ThresholdBase::Lists, ThresholdBase::Cast]);
    let ties = prop::sample::select(vec![TiePolicy::Registration, TiePolicy::Votes, TiePolicy::Lot(5)]);
    (any_rules(), limits, rounding, remainder_threshold, any::<bool>(), base, ties).prop_map(
        |(rules, seat_limits, quota_rounding, remainder_threshold, majority_clause, threshold_base, tie_policy)| {
            Rules {
                seat_limits,
                quota_rounding,
                remainder_threshold,
                majority_clause,
                threshold_base,
                tie_policy,
                ..rules
            }
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The whole explanation, against the former code.
    #[test]
    fn the_explanation_is_what_it_was(
        votes in prop::collection::vec(prop_oneof![0u64..30, 0u64..2_000_000], 1..9),
        against_all in prop_oneof![Just(0u64), 0u64..5_000],
        invalid in prop_oneof![Just(0u64), 0u64..5_000],
        house in 1u32..60,
        rules in rich_rules(),
        names in names(),
        exempt in prop::option::of(0usize..9),
    ) {
        let n = votes.len();
        let mut tally = Tally::new(votes).with_against_all(against_all).with_invalid(invalid);
        if let Some(list) = exempt.filter(|list| *list < n) {
            let mut limits = vec![crate::ListLimits::default(); n];
            limits[list].exempt = true;
            limits[list].max = Some(house);
            tally = tally.with_limits(limits);
        }
        let Ok(allocation) = allocate(&tally, house, &rules) else { return Ok(()) };
        prop_assert_eq!(crate::explain(&allocation, &names), super::reference_explain::explain(&allocation, &names));
    }
}
