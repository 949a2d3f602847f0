//! Hemicycle geometry: where each seat of a parliament diagram goes (the layout of docs/diagram.md).
//!
//! Coordinates live in a 2:1 box: `x` runs from 0 (left) to 2 (right), `y` from 0 (top) down to
//! 1 (the baseline), as in SVG. The ring is centred on (1, 1) with outer radius 1 and inner
//! radius ½. Row counts and capacities are decided in integers; only positions use floats.

use std::cell::RefCell;
use std::f64::consts::FRAC_PI_2;
use std::rc::Rc;

#[cfg(test)]
mod tests;

/// The narrowest arc [`layout`] draws; narrower requests are widened to it.
pub const MIN_SPAN_DEGREES: u32 = 90;
/// The widest arc, a full half-ring; wider requests are narrowed to it.
pub const MAX_SPAN_DEGREES: u32 = 180;

/// How to lay out a hemicycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Rows wanted. `None` (or anything below the minimum) gives the fewest rows that hold every
    /// seat; more rows than seats are capped at the seat count.
    pub rows: Option<u32>,
    /// Angle the arc spans, clamped to [`MIN_SPAN_DEGREES`]`..=`[`MAX_SPAN_DEGREES`].
    pub span_degrees: u32,
    /// How the seats are shared out between the rows.
    pub row_fill: RowFill,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions { rows: None, span_degrees: MAX_SPAN_DEGREES, row_fill: RowFill::Even }
    }
}

/// How seats are shared out between the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RowFill {
    /// Every row filled to the same fraction of its capacity, so seats are spaced nearly evenly;
    /// the outermost row takes what rounding leaves, and a lone seat in an inner row moves one
    /// row out (two seats then sit side by side, not one above the other). A small house stands
    /// in columns instead (up to [`SPOKES_UP_TO`] seats in three rows or more).
    #[default]
    Even,
    /// Inner rows left empty while the outer rows alone hold every seat; those rows filled evenly.
    EmptyInner,
    /// The outermost row filled to capacity first, then the next one in, and so on.
    OuterFirst,
}

/// Seat positions of a hemicycle.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Number of rows, empty ones included; 0 for an empty house.
    pub rows: u32,
    /// Radius to draw a seat with: 0.8 × half the row spacing, so neighbours never touch.
    pub seat_radius: f64,
    /// Every seat, sorted left to right by angle; seats at the same angle go inner row first.
    pub seats: Vec<SeatPosition>,
}

/// Where one seat goes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeatPosition {
    pub x: f64,
    pub y: f64,
    /// 0 is the innermost row.
    pub row: u32,
    /// Radians, measured from the left half of the baseline: 0 far left, π/2 top, π far right.
    pub angle: f64,
}

/// How many layouts [`shared_layout`] keeps per thread.
const KEPT_LAYOUTS: usize = 16;

thread_local! {
    /// The layouts drawn last in this thread, with the house size and options they are of.
    static LAYOUTS: RefCell<Vec<(u32, LayoutOptions, Rc<Layout>)>> = const { RefCell::new(Vec::new()) };
}

/// [`layout`], kept for the next picture of the same house drawn in this thread: a report
/// draws two diagrams per election, and most houses have one of a few sizes. The layout is a
/// function of its arguments alone, so a kept one is the one [`layout`] would make.
pub fn shared_layout(seats: u32, options: &LayoutOptions) -> Rc<Layout> {
    LAYOUTS.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some((_, _, found)) = kept.iter().find(|(s, o, _)| *s == seats && o == options) {
            return Rc::clone(found);
        }
        let made = Rc::new(layout(seats, options));
        if kept.len() == KEPT_LAYOUTS {
            kept.remove(0);
        }
        kept.push((seats, *options, Rc::clone(&made)));
        made
    })
}

/// Lays out `seats` seats as a hemicycle.
pub fn layout(seats: u32, options: &LayoutOptions) -> Layout {
    if seats == 0 {
        return Layout { rows: 0, seat_radius: 0.0, seats: Vec::new() };
    }
    let span = options.span_degrees.clamp(MIN_SPAN_DEGREES, MAX_SPAN_DEGREES);
    let fewest = fewest_rows(seats, span);
    let rows = options.rows.map_or(fewest, |wanted| wanted.clamp(fewest, seats.max(fewest)));
    let capacities = row_capacities(rows, span);
    let spacing = 1.0 / (2.0 * f64::from(rows) - 1.0);
    let half_span = f64::from(span).to_radians() / 2.0;
    if options.row_fill == RowFill::Even
        && let Some(positions) = spokes(seats, rows, &capacities, spacing, half_span)
    {
        return Layout { rows, seat_radius: 0.4 * spacing, seats: positions };
    }
    let counts = fill_rows(u64::from(seats), &capacities, options.row_fill);
    let mut positions = Vec::new();
    for (row, &count) in (0..rows).zip(&counts) {
        let radius = 0.5 + f64::from(row) * spacing;
        // The end seats touch the ends of the arc; a lone seat sits at the top.
        let half_width = half_span - (spacing / 2.0 / radius).asin();
        for i in 0..count {
            // Offsets from the top in -1..=1, computed so mirrored seats get exactly opposite angles
            // and a middle seat exactly π/2 (equal angles across rows then tie exactly).
            let offset = if count == 1 { 0.0 } else { ((2 * i) as f64 - (count - 1) as f64) / (count - 1) as f64 };
            let angle = FRAC_PI_2 + half_width * offset;
            positions.push(SeatPosition { x: 1.0 - radius * angle.cos(), y: 1.0 - radius * angle.sin(), row, angle });
        }
    }
    positions.sort_by(|a, b| a.angle.total_cmp(&b.angle).then(a.row.cmp(&b.row)));
    Layout { rows, seat_radius: 0.4 * spacing, seats: positions }
}

/// The most seats laid out as spokes (see [`spokes`]).
pub const SPOKES_UP_TO: u32 = 24;

/// A small house (up to [`SPOKES_UP_TO`] seats, three rows or more) laid out evenly: the seats
/// stand in columns along equally spaced spokes from the centre, every row but the innermost
/// full, the innermost holding the rest spread over the same arc. Row-by-row spacing leaves a
/// small house looking scattered, since its rows are only partly filled. `None` when the house
/// is larger, has fewer rows, or the innermost row cannot hold a seat per spoke.
fn spokes(seats: u32, rows: u32, capacities: &[u64], spacing: f64, half_span: f64) -> Option<Vec<SeatPosition>> {
    if seats > SPOKES_UP_TO || rows < 3 {
        return None;
    }
    let columns = seats.div_ceil(rows);
    let innermost = seats.checked_sub(columns * (rows - 1)).filter(|n| *n >= 2)?;
    if u64::from(columns) > *capacities.first()? {
        return None;
    }
    // The innermost row's arc, shared by every row so that the columns line up.
    let half_width = half_span - (spacing / 2.0 / 0.5).asin();
    let mut positions = Vec::new();
    for row in 0..rows {
        let radius = 0.5 + f64::from(row) * spacing;
        let count = if row == 0 { innermost } else { columns };
        for i in 0..count {
            let offset = f64::from(2 * i) / f64::from(count - 1) - 1.0;
            let angle = FRAC_PI_2 + half_width * offset;
            positions.push(SeatPosition { x: 1.0 - radius * angle.cos(), y: 1.0 - radius * angle.sin(), row, angle });
        }
    }
    positions.sort_by(|a, b| a.angle.total_cmp(&b.angle).then(a.row.cmp(&b.row)));
    Some(positions)
}

/// The smallest number of rows whose capacities add up to at least `seats`.
fn fewest_rows(seats: u32, span_degrees: u32) -> u32 {
    let mut rows = 1;
    while row_capacities(rows, span_degrees).iter().sum::<u64>() < u64::from(seats) {
        rows += 1;
    }
    rows
}

/// π to 18 decimal places, scaled to an integer.
const PI_E18: u128 = 3_141_592_653_589_793_238;
const E18: u128 = 1_000_000_000_000_000_000;

/// Seats each row holds with `rows` rows: floor(arc length ÷ seat diameter), innermost first.
///
/// Row `r` has radius ½ + r/(2n−1) and seats of diameter 1/(2n−1), so the quotient is
/// span·(2n−1+2r)/2 = π·degrees·(2n−1+2r)/360. It is computed in integers with π to 18 decimals,
/// which gives the same floor as π to 50 decimals (checked offline for every span up to 2,000 rows).
fn row_capacities(rows: u32, span_degrees: u32) -> Vec<u64> {
    (0..rows)
        .map(|row| {
            let twice_radius = 2 * u128::from(rows) - 1 + 2 * u128::from(row);
            let capacity = PI_E18 * u128::from(span_degrees) * twice_radius / (360 * E18);
            u64::try_from(capacity).unwrap_or(u64::MAX)
        })
        .collect()
}

/// Shares `seats` out between rows of the given capacities (which together hold them all).
fn fill_rows(seats: u64, capacities: &[u64], fill: RowFill) -> Vec<u64> {
    match fill {
        RowFill::Even => fill_evenly(seats, capacities),
        RowFill::EmptyInner => {
            let mut empty = 0;
            while capacities[empty + 1..].iter().sum::<u64>() >= seats {
                empty += 1;
            }
            let mut counts = vec![0; empty];
            counts.extend(fill_evenly(seats, &capacities[empty..]));
            counts
        }
        RowFill::OuterFirst => {
            let mut left = seats;
            let mut counts: Vec<u64> = capacities
                .iter()
                .rev()
                .map(|&capacity| {
                    let count = left.min(capacity);
                    left -= count;
                    count
                })
                .collect();
            counts.reverse();
            counts
        }
    }
}

/// Each row but the outermost gets round(seats × capacity ÷ total capacity); the outermost takes
/// what is left. When rounding leaves the outermost row more than it holds, or less than nothing,
/// the difference is settled with the inner rows, outermost first. Lone seats in inner rows then
/// move one row out.
fn fill_evenly(seats: u64, capacities: &[u64]) -> Vec<u64> {
    let Some((&outer_capacity, inner)) = capacities.split_last() else { return Vec::new() };
    let total: u64 = capacities.iter().sum();
    let mut counts: Vec<u64> = inner.iter().map(|&capacity| (2 * seats * capacity + total) / (2 * total)).collect();
    let given: u64 = counts.iter().sum();
    // Only one of these is ever non-zero: seats handed out beyond the house size, to take back,
    // or seats left over beyond what the outermost row holds, to hand to the inner rows.
    let mut surplus = given.saturating_sub(seats);
    let mut excess = seats.saturating_sub(given).saturating_sub(outer_capacity);
    for (count, &capacity) in counts.iter_mut().zip(inner).rev() {
        let back = surplus.min(*count);
        let more = excess.min(capacity - *count);
        *count = *count - back + more;
        surplus -= back;
        excess -= more;
    }
    counts.push(seats - counts.iter().sum::<u64>());
    // A lone seat sits at the top of its row, right over the seats outside it; in an inner row it
    // moves one row out instead, so a small house forms an arc rather than a column.
    for row in 1..counts.len() {
        if counts[row - 1] == 1 && counts[row] < capacities[row] {
            counts[row - 1] = 0;
            counts[row] += 1;
        }
    }
    counts
}
