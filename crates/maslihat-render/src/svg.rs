//! SVG parliament diagrams: a hemicycle of seats in party wedges, the total, and a legend.
//!
//! The output is byte-identical for the same input: every number is written with fixed decimals
//! and everything is emitted in the order given.

use std::fmt::{self, Write as _};

use crate::colour::distinct_colours;
use crate::decimal::Fixed;
use crate::hemicycle::{self, LayoutOptions};
use crate::text::xml;

#[cfg(test)]
mod tests;

/// Colour used for a group whose colour is not of the form `#RRGGBB`.
pub const FALLBACK_COLOUR: &str = "#999999";

/// What to draw.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagram {
    pub title: String,
    /// Parties (or other groups of seats), drawn as wedges from left to right in this order.
    pub groups: Vec<SeatGroup>,
    /// Lists that won no seats, named in the legend with the reason (e.g. below the threshold).
    pub excluded: Vec<ExcludedList>,
    /// Mark where a majority (more than half the seats) is reached: a caret just outside the
    /// outer ring, pointing between the last seat of the majority and the next one.
    pub majority_line: bool,
}

/// One party's seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatGroup {
    pub name: String,
    /// Shown in the legend after the name, in parentheses, when not empty and not the name.
    pub short_name: String,
    /// `#RRGGBB`, either case; anything else is drawn in [`FALLBACK_COLOUR`].
    pub colour: String,
    pub seats: u32,
    /// Marks for the group's last `marks.len()` seats, in order; with more marks than seats, the
    /// first marks are left out.
    pub marks: Vec<SeatMark>,
}

/// Why a seat is drawn with a ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatMark {
    /// The seat was decided by a tie.
    Tie,
    /// The seat was decided by a narrow margin.
    NarrowMargin,
}

/// A list that won no seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcludedList {
    pub name: String,
    /// Why, e.g. `6.79 %, below 7 %`.
    pub reason: String,
}

/// Radius of the ring (and height of its 2:1 box), in SVG units; everything else is sized to it.
const SCALE: f64 = 250.0;
const MARGIN: f64 = 20.0;
const TITLE_SIZE: f64 = 20.0;
/// Top of the ring's box: below the title, with room for the majority marker above the ring.
const RING_TOP: f64 = 70.0;
const LEGEND_SIZE: f64 = 16.0;
const LEGEND_LINE: f64 = 26.0;
/// Legend text starts this far right of its swatch's left edge.
const LEGEND_INDENT: f64 = 26.0;
/// The majority marker, a triangle pointing at the centre: its tip lies this far outside the
/// outer ring (which no seat reaches), its base this much farther out, and it is twice this wide.
const MARKER_GAP: f64 = 3.0;
const MARKER_LENGTH: f64 = 14.0;
const MARKER_HALF_WIDTH: f64 = 7.0;
const MARK_COLOUR: &str = "#000000";
const MUTED_COLOUR: &str = "#555555";

/// Draws `diagram` as a standalone SVG document.
pub fn parliament_svg(diagram: &Diagram, options: &LayoutOptions) -> String {
    // About 110 bytes a seat and 1.5 KB of title, legend and frame: one allocation for most.
    let seats: usize = diagram.groups.iter().map(|g| g.seats as usize).sum();
    let mut out = String::with_capacity(2048 + 128 * seats.min(10_000));
    // No two parties of one picture in one colour (see `crate::colour`).
    let given: Vec<String> = diagram.groups.iter().map(|g| valid_colour(&g.colour)).collect();
    let mut drawn = diagram.clone();
    for (group, colour) in drawn.groups.iter_mut().zip(distinct_colours(&given)) {
        group.colour = colour;
    }
    write_svg(&mut out, &drawn, options).expect("writing to a String cannot fail");
    out
}

/// Where things go: the picture is as wide as the ring or the widest text, the ring centred in
/// it, the legend below.
struct Frame {
    width: f64,
    height: f64,
    /// Left edge of the ring's box, and of the legend's.
    ring_left: f64,
    legend_left: f64,
    legend_top: f64,
}

impl Frame {
    fn new(title: &str, legend: &[LegendLine]) -> Frame {
        // A generous estimate of text width, so text is not clipped.
        let text_width = |text: &str, size: f64| 0.65 * size * text.chars().count() as f64;
        let content = legend
            .iter()
            .map(|line| LEGEND_INDENT + text_width(&line.text, LEGEND_SIZE))
            .fold(text_width(title, TITLE_SIZE), f64::max)
            .max(2.0 * SCALE);
        let width = content + 2.0 * MARGIN;
        let legend_top = RING_TOP + SCALE + 2.0 * LEGEND_LINE;
        let height = legend_top + LEGEND_LINE * legend.len().saturating_sub(1) as f64 + MARGIN;
        Frame { width, height, ring_left: width / 2.0 - SCALE, legend_left: MARGIN, legend_top }
    }

    /// A point of the hemicycle's 2:1 box in SVG units.
    fn point(&self, x: f64, y: f64) -> (f64, f64) {
        (self.ring_left + x * SCALE, RING_TOP + y * SCALE)
    }
}

fn write_svg(out: &mut String, diagram: &Diagram, options: &LayoutOptions) -> fmt::Result {
    let total: u32 = diagram.groups.iter().map(|group| group.seats).sum();
    let layout = hemicycle::layout(total, options);
    let majority = total / 2 + 1;
    // A line needs seats on both sides of it.
    let majority = (diagram.majority_line && majority < total).then_some(majority);
    let legend = legend_lines(diagram, majority.map(|majority| (majority, total)));
    let frame = Frame::new(&diagram.title, &legend);
    let (width, height) = (Fixed(frame.width, 2), Fixed(frame.height, 2));
    let (centre_x, centre_y) = frame.point(1.0, 1.0);

    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" role="img">"#
    )?;
    writeln!(out, "<title>{}</title>", xml(&diagram.title))?;
    writeln!(out, "<desc>{}</desc>", xml(&description(diagram, total, majority)))?;
    writeln!(out, r##"<rect width="100%" height="100%" fill="#FFFFFF"/>"##)?;
    writeln!(
        out,
        r#"<text class="heading" x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle">{}</text>"#,
        Fixed(centre_x, 2),
        Fixed(MARGIN + TITLE_SIZE, 2),
        Fixed(TITLE_SIZE, 2),
        xml(&diagram.title)
    )?;
    write_seats(out, &frame, diagram, &layout)?;
    if let Some(majority) = majority {
        // Halfway between the last seat of the majority and the first seat after it.
        let angle = (layout.seats[majority as usize - 1].angle + layout.seats[majority as usize].angle) / 2.0;
        // Outward from the centre, and across.
        let (out_x, out_y) = (-angle.cos(), -angle.sin());
        let (tip_x, tip_y) = (centre_x + (SCALE + MARKER_GAP) * out_x, centre_y + (SCALE + MARKER_GAP) * out_y);
        // Upright, pointing straight down at the ring, whatever the angle it stands at.
        let points = triangle((tip_x, tip_y), (0.0, -1.0));
        writeln!(
            out,
            r#"<polygon class="majority" points="{points}" fill="{MARK_COLOUR}"><title>{}</title></polygon>"#,
            majority_text(majority, total)
        )?;
    }
    // The total sits on the baseline, sized to the room under the innermost row.
    let room = if layout.rows == 0 { SCALE } else { (0.5 - layout.seat_radius) * SCALE };
    writeln!(
        out,
        r#"<text class="total" x="{}" y="{}" font-size="{}" font-weight="bold" text-anchor="middle">{total}</text>"#,
        Fixed(centre_x, 2),
        Fixed(centre_y, 2),
        Fixed((0.6 * room).min(48.0), 2)
    )?;
    write_legend(out, &frame, &legend)?;
    writeln!(out, "</svg>")
}

/// One `<g>` per group, its seats taken left to right from the layout.
fn write_seats(out: &mut String, frame: &Frame, diagram: &Diagram, layout: &hemicycle::Layout) -> fmt::Result {
    let radius = layout.seat_radius * SCALE;
    // Written once: the radius and the rings are the same for every seat of the picture.
    let r = Fixed(radius, 2).to_string();
    let ring_of =
        |mark: SeatMark| format!("{}><title>{}</title></circle>\n", mark_style(mark, radius), mark_text(mark));
    let (tie_ring, narrow_ring) = (ring_of(SeatMark::Tie), ring_of(SeatMark::NarrowMargin));
    let mut seats = layout.seats.iter();
    for group in &diagram.groups {
        let name = xml(&group.name);
        writeln!(out, r#"<g class="party" data-party="{name}"><title>{name}: {}</title>"#, seat_count(group.seats))?;
        let colour = valid_colour(&group.colour);
        let marks = used_marks(group);
        let unmarked = group.seats as usize - marks.len();
        for (index, seat) in (0..group.seats as usize).zip(seats.by_ref()) {
            let (x, y) = frame.point(seat.x, seat.y);
            out.push_str(r#"<circle class="seat" cx=""#);
            Fixed(x, 2).push_to(out);
            out.push_str(r#"" cy=""#);
            Fixed(y, 2).push_to(out);
            out.push_str(r#"" r=""#);
            out.push_str(&r);
            out.push_str(r#"" fill=""#);
            out.push_str(&colour);
            out.push('"');
            out.push_str(match index.checked_sub(unmarked).map(|mark| marks[mark]) {
                Some(SeatMark::Tie) => &tie_ring,
                Some(SeatMark::NarrowMargin) => &narrow_ring,
                None => "/>\n",
            });
        }
        out.push_str("</g>\n");
    }
    Ok(())
}

fn write_legend(out: &mut String, frame: &Frame, legend: &[LegendLine]) -> fmt::Result {
    writeln!(out, r#"<g class="legend" font-size="{}">"#, Fixed(LEGEND_SIZE, 2))?;
    let x = frame.legend_left;
    for (line, y) in legend.iter().zip((0..).map(|i| frame.legend_top + LEGEND_LINE * f64::from(i))) {
        let (cx, cy, r) = (x + LEGEND_SIZE / 2.0, y - 0.3 * LEGEND_SIZE, 0.45 * LEGEND_SIZE);
        let (cx_text, cy_text, r_text) = (Fixed(cx, 2), Fixed(cy, 2), Fixed(r, 2));
        let fill = match &line.swatch {
            Swatch::Seat(colour) => {
                writeln!(out, r#"<circle cx="{cx_text}" cy="{cy_text}" r="{r_text}" fill="{colour}"/>"#)?;
                "#000000"
            }
            Swatch::Mark(mark) => {
                let ring = mark_style(*mark, r);
                writeln!(out, r##"<circle cx="{cx_text}" cy="{cy_text}" r="{r_text}" fill="#FFFFFF"{ring}/>"##)?;
                "#000000"
            }
            Swatch::MajorityMarker => {
                // The marker as drawn at the top of the ring, pointing down.
                let points = triangle((cx, cy + MARKER_LENGTH / 2.0), (0.0, -1.0));
                writeln!(out, r#"<polygon points="{points}" fill="{MARK_COLOUR}"/>"#)?;
                "#000000"
            }
            Swatch::None => MUTED_COLOUR,
        };
        writeln!(
            out,
            r#"<text x="{}" y="{}" fill="{fill}">{}</text>"#,
            Fixed(x + LEGEND_INDENT, 2),
            Fixed(y, 2),
            xml(&line.text)
        )?;
    }
    writeln!(out, "</g>")
}

struct LegendLine {
    swatch: Swatch,
    text: String,
}

enum Swatch {
    Seat(String),
    Mark(SeatMark),
    MajorityMarker,
    None,
}

/// Legend lines, top to bottom: parties, the seat marks in use, the majority, excluded lists.
fn legend_lines(diagram: &Diagram, majority: Option<(u32, u32)>) -> Vec<LegendLine> {
    let mut lines: Vec<LegendLine> = diagram
        .groups
        .iter()
        .map(|group| {
            let name = if group.short_name.is_empty() || group.short_name == group.name {
                group.name.clone()
            } else {
                format!("{} ({})", group.name, group.short_name)
            };
            LegendLine {
                swatch: Swatch::Seat(valid_colour(&group.colour)),
                text: format!("{name} — {}", seat_count(group.seats)),
            }
        })
        .collect();
    for mark in [SeatMark::Tie, SeatMark::NarrowMargin] {
        if diagram.groups.iter().any(|group| used_marks(group).contains(&mark)) {
            lines.push(LegendLine { swatch: Swatch::Mark(mark), text: format!("Seat {}", mark_text(mark)) });
        }
    }
    if let Some((majority, total)) = majority {
        lines.push(LegendLine { swatch: Swatch::MajorityMarker, text: majority_text(majority, total) });
    }
    if !diagram.excluded.is_empty() {
        lines.push(LegendLine { swatch: Swatch::None, text: "Won no seats:".to_owned() });
        lines.extend(
            diagram
                .excluded
                .iter()
                .map(|list| LegendLine { swatch: Swatch::None, text: format!("{} — {}", list.name, list.reason) }),
        );
    }
    lines
}

/// The `<desc>` text: the composition in words.
fn description(diagram: &Diagram, total: u32, majority: Option<u32>) -> String {
    let mut text = format!("Parliament diagram of {}.", seat_count(total));
    let parties: Vec<String> = diagram.groups.iter().map(|group| format!("{} {}", group.name, group.seats)).collect();
    if !parties.is_empty() {
        text += &format!(" {}.", parties.join(", "));
    }
    if let Some(majority) = majority {
        text += &format!(" A majority needs {}.", seat_count(majority));
    }
    let excluded: Vec<String> =
        diagram.excluded.iter().map(|list| format!("{} ({})", list.name, list.reason)).collect();
    if !excluded.is_empty() {
        text += &format!(" Won no seats: {}.", excluded.join(", "));
    }
    text
}

/// The `points` of the majority marker: a triangle with its tip at `tip`, pointing against the
/// unit vector `out` (its base lies [`MARKER_LENGTH`] from the tip that way).
fn triangle(tip: (f64, f64), out: (f64, f64)) -> String {
    let (base_x, base_y) = (tip.0 + MARKER_LENGTH * out.0, tip.1 + MARKER_LENGTH * out.1);
    let (across_x, across_y) = (MARKER_HALF_WIDTH * -out.1, MARKER_HALF_WIDTH * out.0);
    format!(
        "{},{} {},{} {},{}",
        Fixed(tip.0, 2),
        Fixed(tip.1, 2),
        Fixed(base_x + across_x, 2),
        Fixed(base_y + across_y, 2),
        Fixed(base_x - across_x, 2),
        Fixed(base_y - across_y, 2)
    )
}

fn majority_text(majority: u32, total: u32) -> String {
    format!("Majority: {majority} of {total} seats")
}

/// The marks that fall on seats: the last `group.seats` of them.
fn used_marks(group: &SeatGroup) -> &[SeatMark] {
    &group.marks[group.marks.len().saturating_sub(group.seats as usize)..]
}

fn seat_count(seats: u32) -> String {
    if seats == 1 { "1 seat".to_owned() } else { format!("{seats} seats") }
}

fn mark_text(mark: SeatMark) -> &'static str {
    match mark {
        SeatMark::Tie => "settled by a tie",
        SeatMark::NarrowMargin => "decided by a narrow margin",
    }
}

/// Extra attributes that draw a mark as a ring: solid for a tie, dashed for a narrow margin.
fn mark_style(mark: SeatMark, radius: f64) -> String {
    let ring = format!(r#" stroke="{MARK_COLOUR}" stroke-width="{}""#, Fixed(0.25 * radius, 2));
    match mark {
        SeatMark::Tie => ring,
        SeatMark::NarrowMargin => format!(r#"{ring} stroke-dasharray="{0} {0}""#, Fixed(0.4 * radius, 2)),
    }
}

/// `colour` upper-cased if it is `#RRGGBB`, [`FALLBACK_COLOUR`] otherwise.
fn valid_colour(colour: &str) -> String {
    match colour.strip_prefix('#') {
        Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => colour.to_ascii_uppercase(),
        _ => FALLBACK_COLOUR.to_owned(),
    }
}
