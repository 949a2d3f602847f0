//! SVG parliament diagrams: a hemicycle of seats in party wedges, the total, and a legend.
//!
//! The output is byte-identical for the same input: every number is written with fixed decimals
//! and everything is emitted in the order given.

use std::fmt::{self, Write as _};

use crate::hemicycle::{self, LayoutOptions};

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
    /// Draw a dashed radial line where a majority (more than half the seats) is reached.
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
/// Top of the ring's box: below the title, with room for the majority line to overshoot.
const RING_TOP: f64 = 70.0;
const LEGEND_SIZE: f64 = 16.0;
const LEGEND_LINE: f64 = 26.0;
/// Legend text starts this far right of its swatch's left edge.
const LEGEND_INDENT: f64 = 26.0;
/// The majority line reaches this far out, as a fraction of the outer radius.
const MAJORITY_LINE_REACH: f64 = 1.06;
const MARK_COLOUR: &str = "#000000";
const MUTED_COLOUR: &str = "#555555";
/// Attributes of the majority line and its legend swatch.
const DASHED: &str = r##"stroke="#000000" stroke-width="2.00" stroke-dasharray="6 4""##;

/// Draws `diagram` as a standalone SVG document.
pub fn parliament_svg(diagram: &Diagram, options: &LayoutOptions) -> String {
    let mut out = String::new();
    write_svg(&mut out, diagram, options).expect("writing to a String cannot fail");
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
    let (width, height) = (frame.width, frame.height);
    let (centre_x, centre_y) = frame.point(1.0, 1.0);

    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.2} {height:.2}" width="{width:.2}" height="{height:.2}" font-family="sans-serif" role="img">"#
    )?;
    writeln!(out, "<title>{}</title>", escape(&diagram.title))?;
    writeln!(out, "<desc>{}</desc>", escape(&description(diagram, total, majority)))?;
    writeln!(out, r##"<rect width="100%" height="100%" fill="#FFFFFF"/>"##)?;
    writeln!(
        out,
        r#"<text class="heading" x="{centre_x:.2}" y="{:.2}" font-size="{TITLE_SIZE:.2}" font-weight="bold" text-anchor="middle">{}</text>"#,
        MARGIN + TITLE_SIZE,
        escape(&diagram.title)
    )?;
    write_seats(out, &frame, diagram, &layout)?;
    if let Some(majority) = majority {
        // Halfway between the last seat of the majority and the first seat after it.
        let angle = (layout.seats[majority as usize - 1].angle + layout.seats[majority as usize].angle) / 2.0;
        let inner = 0.5 - 1.25 * layout.seat_radius;
        let (x1, y1) = frame.point(1.0 - inner * angle.cos(), 1.0 - inner * angle.sin());
        let (x2, y2) = frame.point(1.0 - MAJORITY_LINE_REACH * angle.cos(), 1.0 - MAJORITY_LINE_REACH * angle.sin());
        writeln!(out, r#"<line class="majority" x1="{x1:.2}" y1="{y1:.2}" x2="{x2:.2}" y2="{y2:.2}" {DASHED}/>"#)?;
    }
    // The total sits on the baseline, sized to the room under the innermost row.
    let room = if layout.rows == 0 { SCALE } else { (0.5 - layout.seat_radius) * SCALE };
    writeln!(
        out,
        r#"<text class="total" x="{centre_x:.2}" y="{centre_y:.2}" font-size="{:.2}" font-weight="bold" text-anchor="middle">{total}</text>"#,
        (0.6 * room).min(48.0)
    )?;
    write_legend(out, &frame, &legend)?;
    writeln!(out, "</svg>")
}

/// One `<g>` per group, its seats taken left to right from the layout.
fn write_seats(out: &mut String, frame: &Frame, diagram: &Diagram, layout: &hemicycle::Layout) -> fmt::Result {
    let radius = layout.seat_radius * SCALE;
    let mut seats = layout.seats.iter();
    for group in &diagram.groups {
        let name = escape(&group.name);
        writeln!(out, r#"<g class="party" data-party="{name}"><title>{name}: {}</title>"#, seat_count(group.seats))?;
        let colour = valid_colour(&group.colour);
        let marks = used_marks(group);
        let unmarked = group.seats as usize - marks.len();
        for (index, seat) in (0..group.seats as usize).zip(seats.by_ref()) {
            let (x, y) = frame.point(seat.x, seat.y);
            write!(out, r#"<circle class="seat" cx="{x:.2}" cy="{y:.2}" r="{radius:.2}" fill="{colour}""#)?;
            match index.checked_sub(unmarked).map(|mark| marks[mark]) {
                Some(mark) => {
                    writeln!(out, "{}><title>{}</title></circle>", mark_style(mark, radius), mark_text(mark))?
                }
                None => writeln!(out, "/>")?,
            }
        }
        writeln!(out, "</g>")?;
    }
    Ok(())
}

fn write_legend(out: &mut String, frame: &Frame, legend: &[LegendLine]) -> fmt::Result {
    writeln!(out, r#"<g class="legend" font-size="{LEGEND_SIZE:.2}">"#)?;
    let x = frame.legend_left;
    for (line, y) in legend.iter().zip((0..).map(|i| frame.legend_top + LEGEND_LINE * f64::from(i))) {
        let (cx, cy, r) = (x + LEGEND_SIZE / 2.0, y - 0.3 * LEGEND_SIZE, 0.45 * LEGEND_SIZE);
        let fill = match &line.swatch {
            Swatch::Seat(colour) => {
                writeln!(out, r#"<circle cx="{cx:.2}" cy="{cy:.2}" r="{r:.2}" fill="{colour}"/>"#)?;
                "#000000"
            }
            Swatch::Mark(mark) => {
                let ring = mark_style(*mark, r);
                writeln!(out, r##"<circle cx="{cx:.2}" cy="{cy:.2}" r="{r:.2}" fill="#FFFFFF"{ring}/>"##)?;
                "#000000"
            }
            Swatch::MajorityLine => {
                writeln!(out, r#"<line x1="{x:.2}" y1="{cy:.2}" x2="{:.2}" y2="{cy:.2}" {DASHED}/>"#, x + LEGEND_SIZE)?;
                "#000000"
            }
            Swatch::None => MUTED_COLOUR,
        };
        writeln!(out, r#"<text x="{:.2}" y="{y:.2}" fill="{fill}">{}</text>"#, x + LEGEND_INDENT, escape(&line.text))?;
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
    MajorityLine,
    None,
}

/// Legend lines, top to bottom: parties, the seat marks in use, the majority line, excluded lists.
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
        lines.push(LegendLine { swatch: Swatch::MajorityLine, text: format!("Majority: {majority} of {total} seats") });
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

/// The marks that fall on seats: the last `group.seats` of them.
fn used_marks(group: &SeatGroup) -> &[SeatMark] {
    &group.marks[group.marks.len().saturating_sub(group.seats as usize)..]
}

fn seat_count(seats: u32) -> String {
    if seats == 1 { "1 seat".to_owned() } else { format!("{seats} seats") }
}

fn mark_text(mark: SeatMark) -> &'static str {
    match mark {
        SeatMark::Tie => "decided by a tie",
        SeatMark::NarrowMargin => "decided by a narrow margin",
    }
}

/// Extra attributes that draw a mark as a ring: solid for a tie, dashed for a narrow margin.
fn mark_style(mark: SeatMark, radius: f64) -> String {
    let ring = format!(r#" stroke="{MARK_COLOUR}" stroke-width="{:.2}""#, 0.25 * radius);
    match mark {
        SeatMark::Tie => ring,
        SeatMark::NarrowMargin => format!(r#"{ring} stroke-dasharray="{0:.2} {0:.2}""#, 0.4 * radius),
    }
}

/// `colour` upper-cased if it is `#RRGGBB`, [`FALLBACK_COLOUR`] otherwise.
fn valid_colour(colour: &str) -> String {
    match colour.strip_prefix('#') {
        Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => colour.to_ascii_uppercase(),
        _ => FALLBACK_COLOUR.to_owned(),
    }
}

/// Escapes text for XML content and attribute values, dropping characters XML 1.0 forbids.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}
