//! Tests of the hemicycle layout: row counts, row fills and geometry, checked against a float oracle.

use std::f64::consts::FRAC_PI_2;

use proptest::prelude::*;

use super::{Layout, LayoutOptions, RowFill, layout};

/// Row capacities from docs/diagram.md computed in floats, independently of the integer code.
fn oracle_capacities(rows: u32, span_degrees: u32) -> Vec<f64> {
    let spacing = 1.0 / f64::from(2 * rows - 1);
    (0..rows)
        .map(|row| (f64::from(span_degrees).to_radians() * (0.5 + f64::from(row) * spacing) / spacing).floor())
        .collect()
}

fn oracle_fewest_rows(seats: u32, span_degrees: u32) -> u32 {
    (1..)
        .find(|&rows| oracle_capacities(rows, span_degrees).iter().sum::<f64>() >= f64::from(seats))
        .unwrap_or_default()
}

fn row_counts(layout: &Layout) -> Vec<u32> {
    let mut counts = vec![0; layout.rows as usize];
    for seat in &layout.seats {
        counts[seat.row as usize] += 1;
    }
    counts
}

/// Lays out `seats` and checks every invariant; returns the layout for further checks.
fn check(seats: u32, options: &LayoutOptions) -> Layout {
    let layout = layout(seats, options);
    assert_eq!(layout.seats.len(), seats as usize, "one position per seat");
    if seats == 0 {
        assert_eq!((layout.rows, layout.seats.is_empty()), (0, true));
        return layout;
    }
    let span = options.span_degrees.clamp(90, 180);
    let fewest = oracle_fewest_rows(seats, span);
    let rows = options.rows.map_or(fewest, |wanted| wanted.max(fewest).min(seats.max(fewest)));
    assert_eq!(layout.rows, rows, "{seats} seats: rows");

    let capacities = oracle_capacities(rows, span);
    for (row, (count, capacity)) in row_counts(&layout).iter().zip(&capacities).enumerate() {
        assert!(f64::from(*count) <= *capacity, "{seats} seats: row {row} holds {count} of {capacity}");
    }

    let spacing = 1.0 / f64::from(2 * rows - 1);
    assert!((layout.seat_radius - 0.4 * spacing).abs() < 1e-12);
    for seat in &layout.seats {
        let radius = 0.5 + f64::from(seat.row) * spacing;
        assert!(((seat.x - 1.0).hypot(seat.y - 1.0) - radius).abs() < 1e-9, "seat on its row: {seat:?}");
        assert!((seat.angle - FRAC_PI_2).abs() <= f64::from(span).to_radians() / 2.0 + 1e-12, "within the arc");
        let r = layout.seat_radius;
        assert!(seat.x - r >= 0.0 && seat.x + r <= 2.0 && seat.y - r >= 0.0 && seat.y + r <= 1.0, "in the box");
    }
    for pair in layout.seats.windows(2) {
        let order = pair[0].angle.total_cmp(&pair[1].angle).then(pair[0].row.cmp(&pair[1].row));
        assert!(order.is_lt(), "sorted by angle, then row: {pair:?}");
    }
    // Neighbours in a row never overlap (other rows are a whole spacing away).
    for row in 0..rows {
        let in_row: Vec<_> = layout.seats.iter().filter(|seat| seat.row == row).collect();
        for pair in in_row.windows(2) {
            let distance = (pair[0].x - pair[1].x).hypot(pair[0].y - pair[1].y);
            assert!(distance >= 2.0 * layout.seat_radius, "{seats} seats: overlap in row {row}: {pair:?}");
        }
    }
    layout
}

#[test]
fn fewest_rows_that_hold_every_seat() {
    let cases: &[(u32, &[(u32, u32)])] = &[
        (180, &[(0, 0), (1, 1), (2, 2), (5, 2), (11, 2), (12, 3), (17, 3), (31, 3), (32, 4), (38, 4), (50, 4)]),
        (180, &[(61, 4), (62, 5), (98, 5), (100, 5), (101, 6), (500, 11)]),
        (120, &[(1, 1), (2, 2), (5, 2), (11, 3), (38, 4), (50, 5), (98, 7), (500, 14)]),
        (90, &[(1, 2), (2, 2), (5, 2), (17, 4), (38, 5), (98, 7), (500, 16)]),
    ];
    for &(span_degrees, houses) in cases {
        for &(seats, rows) in houses {
            let options = LayoutOptions { span_degrees, ..LayoutOptions::default() };
            assert_eq!(check(seats, &options).rows, rows, "{seats} seats over {span_degrees}°");
        }
    }
}

#[test]
fn row_fills() {
    let cases: &[(u32, Option<u32>, RowFill, &[u32])] = &[
        (1, None, RowFill::Even, &[1]),
        // A lone inner seat moves out: two seats side by side, not stacked.
        (2, None, RowFill::Even, &[0, 2]),
        (3, None, RowFill::Even, &[0, 3]),
        (5, None, RowFill::Even, &[2, 3]),
        // A small house stands in columns: six spokes of three, five seats in the innermost row.
        (17, None, RowFill::Even, &[5, 6, 6]),
        (38, None, RowFill::Even, &[6, 9, 11, 12]),
        // Rounding leaves the outermost row (capacity 45) 46 seats; the row inside it takes one.
        (266, None, RowFill::Even, &[22, 25, 28, 31, 35, 38, 42, 45]),
        (12, None, RowFill::EmptyInner, &[0, 0, 12]),
        (38, None, RowFill::EmptyInner, &[0, 10, 13, 15]),
        (38, Some(6), RowFill::EmptyInner, &[0, 0, 0, 0, 18, 20]),
        (38, None, RowFill::OuterFirst, &[0, 1, 17, 20]),
        (50, Some(6), RowFill::OuterFirst, &[0, 0, 0, 0, 18, 32]),
    ];
    for &(seats, rows, row_fill, expected) in cases {
        let layout = check(seats, &LayoutOptions { rows, row_fill, ..LayoutOptions::default() });
        assert_eq!(row_counts(&layout), expected, "{seats} seats, {rows:?} rows, {row_fill:?}");
    }
}

#[test]
fn houses() {
    for seats in [0, 1, 2, 5, 17, 38, 50, 98, 500] {
        for row_fill in [RowFill::Even, RowFill::EmptyInner, RowFill::OuterFirst] {
            for span_degrees in [180, 150, 120] {
                let layout = check(seats, &LayoutOptions { rows: None, span_degrees, row_fill });
                // No two seats anywhere overlap.
                for (i, a) in layout.seats.iter().enumerate() {
                    for b in &layout.seats[i + 1..] {
                        assert!((a.x - b.x).hypot(a.y - b.y) >= 2.0 * layout.seat_radius, "{a:?} overlaps {b:?}");
                    }
                }
            }
        }
    }
}

#[test]
fn small_houses() {
    let one = layout(1, &LayoutOptions::default());
    assert_eq!(one.seats.len(), 1);
    let seat = one.seats[0];
    assert!((seat.x - 1.0).abs() < 1e-12 && (seat.y - 0.5).abs() < 1e-12, "a lone seat sits at the top: {seat:?}");

    let two = layout(2, &LayoutOptions::default());
    let (left, right) = (two.seats[0], two.seats[1]);
    assert!((left.y - right.y).abs() < 1e-12 && (left.x + right.x - 2.0).abs() < 1e-12, "side by side: {two:?}");
}

#[test]
fn requested_rows_are_bounded() {
    let options = |rows| LayoutOptions { rows: Some(rows), ..LayoutOptions::default() };
    assert_eq!(check(38, &options(1)).rows, 4, "raised to the minimum");
    assert_eq!(check(38, &options(7)).rows, 7);
    assert_eq!(check(5, &options(50)).rows, 5, "capped at the seat count");
    assert_eq!(check(83, &LayoutOptions { rows: Some(37), span_degrees: 90, row_fill: RowFill::Even }).rows, 37);
}

#[test]
fn span_is_clamped() {
    for (asked, used) in [(0, 90), (45, 90), (120, 120), (360, 180)] {
        let options = LayoutOptions { span_degrees: asked, ..LayoutOptions::default() };
        let clamped = LayoutOptions { span_degrees: used, ..LayoutOptions::default() };
        assert_eq!(layout(38, &options), layout(38, &clamped), "{asked}°");
    }
}

proptest! {
    #[test]
    fn any_house(
        seats in 1u32..=1000,
        span_degrees in 90u32..=180,
        extra_rows in proptest::option::of(0u32..6),
        row_fill in prop_oneof![Just(RowFill::Even), Just(RowFill::EmptyInner), Just(RowFill::OuterFirst)],
    ) {
        let fewest = oracle_fewest_rows(seats, span_degrees);
        check(seats, &LayoutOptions { rows: extra_rows.map(|extra| fewest + extra), span_degrees, row_fill });
    }
}

#[test]
fn small_houses_stand_in_columns() {
    for seats in 12..=21 {
        let layout = check(seats, &LayoutOptions::default());
        let angles_of = |row: u32| -> Vec<f64> {
            layout.seats.iter().filter(|seat| seat.row == row).map(|seat| seat.angle).collect()
        };
        let outer = angles_of(layout.rows - 1);
        for row in 1..layout.rows - 1 {
            assert_eq!(angles_of(row), outer, "{seats} seats: row {row} lines up with the outer row");
        }
        assert!(angles_of(0).len() <= outer.len(), "{seats} seats: the innermost row holds the rest");
    }
}

#[test]
fn a_shared_layout_is_the_layout_made_anew() {
    use super::shared_layout;
    // More houses than are kept, twice over, so that kept ones are found and dropped ones made again.
    for round in 0..2 {
        for seats in (0..40).chain([38, 38, 1, 500]) {
            for span_degrees in [90, 180] {
                let options = LayoutOptions { span_degrees, ..LayoutOptions::default() };
                assert_eq!(*shared_layout(seats, &options), layout(seats, &options), "{seats} {span_degrees} {round}");
            }
        }
    }
}
