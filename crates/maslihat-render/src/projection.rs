//! A small SVG chart of a seat projection: one bar chart of the seat distribution per list.
//!
//! The text is deterministic: fixed layout, coordinates with two decimals, probabilities with
//! one, no timestamps or random ids, so the same projection always gives the same bytes.

use std::fmt::Write;

use maslihat_analysis::Projection;

use crate::colour::palette_colour;
use crate::text::xml;

#[cfg(test)]
mod tests;

const WIDTH: f64 = 640.0;
const PANEL: f64 = 120.0;
const LEFT: f64 = 16.0;
const PLOT_TOP: f64 = 34.0;
const PLOT_HEIGHT: f64 = 62.0;
const MAX_BAR: f64 = 36.0;

/// Draws the projection as an SVG document: a panel per list with a bar per seat count that
/// occurred (height relative to the list's most likely count), the median and the 90 %
/// interval in the title. `names` labels the lists; a missing name is shown as `list N`.
pub fn projection_svg(projection: &Projection, names: &[String]) -> String {
    let height = 28.0 + PANEL * projection.lists.len() as f64;
    let mut svg = String::new();
    // Writing into a String cannot fail.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH:.0}" height="{height:.0}" viewBox="0 0 {WIDTH:.0} {height:.0}" font-family="sans-serif" font-size="11">"#
    );
    let _ = writeln!(
        svg,
        r#"<text x="{LEFT:.2}" y="18.00" font-size="13">Seat distribution (% of runs): {} runs, {} seats</text>"#,
        projection.runs, projection.house_size
    );
    for (j, list) in projection.lists.iter().enumerate() {
        let top = 28.0 + PANEL * j as f64;
        let name = names.get(j).map_or_else(|| format!("list {}", j + 1), |n| n.clone());
        let summary = match (list.median_seats, list.interval_90) {
            (Some(median), Some([lo, hi])) => format!("median {median}, 90 % interval {lo}–{hi}"),
            _ => "no determined runs".to_owned(),
        };
        let _ = writeln!(
            svg,
            r#"<text x="{LEFT:.2}" y="{:.2}" font-weight="bold">{}</text><text x="{:.2}" y="{:.2}">{}</text>"#,
            top + 14.0,
            xml(&name),
            LEFT + 220.0,
            top + 14.0,
            xml(&summary)
        );
        let occurred: Vec<usize> = (0..list.seat_counts.len()).filter(|s| list.seat_counts[*s] > 0).collect();
        let (Some(&first), Some(&last)) = (occurred.first(), occurred.last()) else { continue };
        let bars = (last - first + 1) as f64;
        let slot = ((WIDTH - 2.0 * LEFT) / bars).min(MAX_BAR + 6.0);
        let bar = (slot - 4.0).max(1.0);
        let peak = list.seat_probabilities.iter().copied().fold(0.0, f64::max);
        // The colour the diagrams give the same list (the palette, in list order).
        let colour = palette_colour(j);
        let baseline = top + PLOT_TOP + PLOT_HEIGHT;
        let label_every = ((bars / 24.0).ceil() as usize).max(1);
        for s in first..=last {
            let x = LEFT + slot * (s - first) as f64;
            let p = list.seat_probabilities[s];
            let h = if peak > 0.0 { PLOT_HEIGHT * p / peak } else { 0.0 };
            let _ = writeln!(
                svg,
                r#"<rect x="{x:.2}" y="{:.2}" width="{bar:.2}" height="{h:.2}" fill="{colour}"><title>{s} seats: {:.1} %</title></rect>"#,
                baseline - h,
                p * 100.0
            );
            if (s - first) % label_every == 0 {
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.2}" y="{:.2}" text-anchor="middle">{s}</text>"#,
                    x + bar / 2.0,
                    baseline + 12.0
                );
            }
            if bars <= 16.0 && p >= 0.005 {
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.2}" y="{:.2}" text-anchor="middle" font-size="9">{:.1}</text>"#,
                    x + bar / 2.0,
                    baseline - h - 3.0,
                    p * 100.0
                );
            }
        }
        let _ = writeln!(
            svg,
            r##"<line x1="{LEFT:.2}" y1="{baseline:.2}" x2="{:.2}" y2="{baseline:.2}" stroke="#444" stroke-width="1"/>"##,
            WIDTH - LEFT
        );
    }
    svg.push_str("</svg>\n");
    svg
}
