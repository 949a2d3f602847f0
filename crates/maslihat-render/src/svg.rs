//! SVG parliament diagrams: a hemicycle of seats in party wedges, the total, and a legend.
//!
//! The output is byte-identical for the same input: every number is written with fixed decimals
//! and everything is emitted in the order given.

use crate::colour::distinct_colours;
use crate::decimal::Fixed;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use crate::hemicycle::{self, Layout, LayoutOptions};
use crate::text::push_xml;

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
    let mut drawn = distinct_colours(&given);
    // Each group's colour as drawn (a group beyond the distinct ones, were there any, keeps its
    // own), valid as [`valid_colour`] makes it.
    drawn.truncate(diagram.groups.len());
    drawn.extend(diagram.groups[drawn.len()..].iter().map(|group| group.colour.clone()));
    for colour in &mut drawn {
        *colour = valid_colour(colour);
    }
    write_svg(&mut out, diagram, &drawn, options);
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

/// Appends the pieces of the picture to its text: plain text, text escaped for XML, numbers
/// with two decimals, counts. No piece goes through the formatting machinery.
struct Pen<'a>(&'a mut String);

impl Pen<'_> {
    fn text(&mut self, text: &str) -> &mut Self {
        self.0.push_str(text);
        self
    }

    fn escaped(&mut self, text: &str) -> &mut Self {
        push_xml(self.0, text);
        self
    }

    /// `value` with two decimals, as `{:.2}` writes it.
    fn number(&mut self, value: f64) -> &mut Self {
        Fixed(value, 2).push_to(self.0);
        self
    }

    fn count(&mut self, count: u32) -> &mut Self {
        self.0.push_str(itoa::Buffer::new().format(count));
        self
    }

    /// `1 seat`, `2 seats`.
    fn seats(&mut self, seats: u32) -> &mut Self {
        if seats == 1 { self.text("1 seat") } else { self.count(seats).text(" seats") }
    }

    /// The `points` of the majority marker: a triangle with its tip at `tip`, pointing against
    /// the unit vector `out` (its base lies [`MARKER_LENGTH`] from the tip that way).
    fn triangle(&mut self, tip: (f64, f64), out: (f64, f64)) -> &mut Self {
        let (base_x, base_y) = (tip.0 + MARKER_LENGTH * out.0, tip.1 + MARKER_LENGTH * out.1);
        let (across_x, across_y) = (MARKER_HALF_WIDTH * -out.1, MARKER_HALF_WIDTH * out.0);
        self.number(tip.0).text(",").number(tip.1).text(" ");
        self.number(base_x + across_x).text(",").number(base_y + across_y).text(" ");
        self.number(base_x - across_x).text(",").number(base_y - across_y)
    }

    fn majority(&mut self, majority: u32, total: u32) -> &mut Self {
        self.text("Majority: ").count(majority).text(" of ").count(total).text(" seats")
    }

    /// Extra attributes that draw a mark as a ring: solid for a tie, dashed for a narrow margin.
    fn mark_style(&mut self, mark: SeatMark, radius: f64) -> &mut Self {
        self.text(r#" stroke=""#).text(MARK_COLOUR).text(r#"" stroke-width=""#).number(0.25 * radius).text("\"");
        match mark {
            SeatMark::Tie => self,
            SeatMark::NarrowMargin => {
                let dash = 0.4 * radius;
                self.text(r#" stroke-dasharray=""#).number(dash).text(" ").number(dash).text("\"")
            }
        }
    }
}

/// Draws `diagram` with its groups in `colours` (one each, valid `#RRGGBB` in capitals).
fn write_svg(out: &mut String, diagram: &Diagram, colours: &[String], options: &LayoutOptions) {
    let total: u32 = diagram.groups.iter().map(|group| group.seats).sum();
    let layout = hemicycle::shared_layout(total, options);
    let majority = total / 2 + 1;
    // A line needs seats on both sides of it.
    let majority = (diagram.majority_line && majority < total).then_some(majority);
    let legend = legend_lines(diagram, colours, majority.map(|majority| (majority, total)));
    let frame = Frame::new(&diagram.title, &legend);
    let mut pen = Pen(out);
    pen.text(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#).number(frame.width).text(" ");
    pen.number(frame.height).text(r#"" width=""#).number(frame.width).text(r#"" height=""#).number(frame.height);
    pen.text("\" font-family=\"sans-serif\" role=\"img\">\n");
    pen.text("<title>").escaped(&diagram.title).text("</title>\n");
    pen.text("<desc>");
    write_description(&mut pen, diagram, total, majority);
    pen.text("</desc>\n");
    pen.text("<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n");
    let key = SeatTextsKey { total, options: *options, ring_left: frame.ring_left.to_bits() };
    let texts = shared_seat_texts(key, &layout);
    pen.text(&texts.heading).escaped(&diagram.title).text("</text>\n");
    write_seats(&mut pen, diagram, colours, &texts);
    if let Some(majority) = majority {
        pen.text(&texts.majority_marker).majority(majority, total);
        pen.text("</title></polygon>\n");
    }
    pen.text(&texts.total).count(total).text("</text>\n");
    write_legend(&mut pen, &frame, &legend);
    pen.text("</svg>\n");
}

/// One `<g>` per group, its seats taken left to right from the layout.
fn write_seats(pen: &mut Pen<'_>, diagram: &Diagram, colours: &[String], texts: &SeatTexts) {
    let mut seats = 0..texts.ends.len();
    for (group, colour) in diagram.groups.iter().zip(colours) {
        pen.text(r#"<g class="party" data-party=""#).escaped(&group.name).text(r#""><title>"#);
        pen.escaped(&group.name).text(": ").seats(group.seats).text("</title>\n");
        let marks = used_marks(group);
        let unmarked = group.seats as usize - marks.len();
        for (index, seat) in (0..group.seats as usize).zip(seats.by_ref()) {
            pen.text(texts.seat(seat)).text(colour).text("\"");
            pen.text(match index.checked_sub(unmarked).map(|mark| marks[mark]) {
                Some(SeatMark::Tie) => &texts.tie_ring,
                Some(SeatMark::NarrowMargin) => &texts.narrow_ring,
                None => "/>\n",
            });
        }
        pen.text("</g>\n");
    }
}

/// The text of a picture that is the same in every picture of its house and width: each seat's
/// circle up to its colour (`<circle class="seat" cx=".." cy=".." r=".." fill="`), the end of a
/// ringed seat (its stroke, after the colour's closing quote), and the openings of the heading,
/// of the majority marker (up to its title's text) and of the total (all placed by the ring).
#[derive(Debug)]
struct SeatTexts {
    /// `<text class="heading" x=".." y=".." font-size=".." …>`.
    heading: String,
    /// `<polygon class="majority" points=".." fill=".."><title>`: halfway between the last seat
    /// of a majority and the first seat after it (empty when the house has no such seats).
    majority_marker: String,
    /// `<text class="total" x=".." y=".." font-size=".." …>`: on the baseline, sized to the
    /// room under the innermost row.
    total: String,
    /// Every seat's opening, one after the other; seat `i` ends at `ends[i]`.
    openings: String,
    ends: Vec<usize>,
    tie_ring: String,
    narrow_ring: String,
}

impl SeatTexts {
    /// The texts of `layout` drawn with its box's left edge at `ring_left`.
    fn new(layout: &Layout, ring_left: f64) -> SeatTexts {
        let radius = layout.seat_radius * SCALE;
        let mut r = String::new();
        Pen(&mut r).number(radius);
        let frame = Frame { width: 0.0, height: 0.0, ring_left, legend_left: 0.0, legend_top: 0.0 };
        let mut openings = String::with_capacity(64 * layout.seats.len());
        let mut ends = Vec::with_capacity(layout.seats.len());
        let mut pen = Pen(&mut openings);
        for seat in &layout.seats {
            let (x, y) = frame.point(seat.x, seat.y);
            pen.text(r#"<circle class="seat" cx=""#).number(x).text(r#"" cy=""#).number(y);
            pen.text(r#"" r=""#).text(&r).text(r#"" fill=""#);
            ends.push(pen.0.len());
        }
        let ring_of = |mark: SeatMark| {
            let mut ring = String::new();
            Pen(&mut ring).mark_style(mark, radius).text("><title>").text(mark_text(mark)).text("</title></circle>\n");
            ring
        };
        let (centre_x, centre_y) = frame.point(1.0, 1.0);
        let mut heading = String::new();
        let mut pen = Pen(&mut heading);
        pen.text(r#"<text class="heading" x=""#).number(centre_x).text(r#"" y=""#).number(MARGIN + TITLE_SIZE);
        pen.text(r#"" font-size=""#).number(TITLE_SIZE).text(r#"" font-weight="bold" text-anchor="middle">"#);
        let majority = layout.seats.len() / 2 + 1;
        let mut majority_marker = String::new();
        if majority < layout.seats.len() {
            let angle = (layout.seats[majority - 1].angle + layout.seats[majority].angle) / 2.0;
            // Outward from the centre, and across.
            let (out_x, out_y) = (-angle.cos(), -angle.sin());
            let (tip_x, tip_y) = (centre_x + (SCALE + MARKER_GAP) * out_x, centre_y + (SCALE + MARKER_GAP) * out_y);
            // Upright, pointing straight down at the ring, whatever the angle it stands at.
            let mut pen = Pen(&mut majority_marker);
            pen.text(r#"<polygon class="majority" points=""#).triangle((tip_x, tip_y), (0.0, -1.0));
            pen.text(r#"" fill=""#).text(MARK_COLOUR).text(r#""><title>"#);
        }
        let room = if layout.rows == 0 { SCALE } else { (0.5 - layout.seat_radius) * SCALE };
        let mut total = String::new();
        let mut pen = Pen(&mut total);
        pen.text(r#"<text class="total" x=""#).number(centre_x).text(r#"" y=""#).number(centre_y);
        pen.text(r#"" font-size=""#)
            .number((0.6 * room).min(48.0))
            .text(r#"" font-weight="bold" text-anchor="middle">"#);
        SeatTexts {
            heading,
            majority_marker,
            total,
            openings,
            ends,
            tie_ring: ring_of(SeatMark::Tie),
            narrow_ring: ring_of(SeatMark::NarrowMargin),
        }
    }

    /// The opening of seat `seat`.
    fn seat(&self, seat: usize) -> &str {
        let start = seat.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.openings[start..self.ends[seat]]
    }
}

/// How many [`SeatTexts`] [`shared_seat_texts`] keeps per thread (each ≈ 60 bytes a seat): a
/// few dozen house sizes times the widths that the titles make. When full, all are let go.
const KEPT_SEAT_TEXTS: usize = 512;

/// What [`SeatTexts`] are a function of: the house size and the layout options (which make the
/// layout, see [`hemicycle::shared_layout`]) and the ring's left edge (its bits: equal bits, the
/// same float).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct SeatTextsKey {
    total: u32,
    options: LayoutOptions,
    ring_left: u64,
}

thread_local! {
    /// The seat texts written last in this thread, with what they are of.
    static SEAT_TEXTS: RefCell<HashMap<SeatTextsKey, Rc<SeatTexts>>> = RefCell::new(HashMap::new());
}

/// [`SeatTexts::new`], kept for the next picture of the same house in this thread: most
/// pictures of a report are as wide as the ring, so the seats of one house size stand at the same
/// coordinates in every one of them, and two numbers with two decimals per seat (each checked
/// exact, see [`Fixed`]) were most of a picture's cost. `layout` is the layout of `key`'s house
/// and options ([`hemicycle::layout`], a function of them alone), so kept texts are the ones
/// `new` would write.
fn shared_seat_texts(key: SeatTextsKey, layout: &Layout) -> Rc<SeatTexts> {
    SEAT_TEXTS.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some(found) = kept.get(&key) {
            return Rc::clone(found);
        }
        let made = Rc::new(SeatTexts::new(layout, f64::from_bits(key.ring_left)));
        if kept.len() == KEPT_SEAT_TEXTS {
            kept.clear();
        }
        kept.insert(key, Rc::clone(&made));
        made
    })
}

fn write_legend(pen: &mut Pen<'_>, frame: &Frame, legend: &[LegendLine]) {
    pen.text(r#"<g class="legend" font-size=""#).number(LEGEND_SIZE).text("\">\n");
    let key = (frame.legend_left.to_bits(), frame.legend_top.to_bits());
    LEGEND_PLACES.with(|kept| {
        let mut kept = kept.borrow_mut();
        let (kept_key, places) = &mut *kept;
        if *kept_key != Some(key) {
            *kept_key = Some(key);
            places.clear();
        }
        for (i, line) in legend.iter().enumerate() {
            while places.len() <= i {
                let y = frame.legend_top + LEGEND_LINE * f64::from(u32::try_from(places.len()).unwrap_or(u32::MAX));
                places.push(LegendPlace::new(frame.legend_left, y));
            }
            let place = &places[i];
            let fill = match &line.swatch {
                Swatch::Seat(colour) => {
                    pen.text(&place.circle).text(r#" fill=""#).text(colour).text("\"/>\n");
                    "#000000"
                }
                Swatch::Mark(mark) => {
                    pen.text(&place.circle).text(r##" fill="#FFFFFF""##).mark_style(*mark, place.radius).text("/>\n");
                    "#000000"
                }
                Swatch::MajorityMarker => {
                    pen.text(r#"<polygon points=""#).text(&place.marker);
                    pen.text(r#"" fill=""#).text(MARK_COLOUR).text("\"/>\n");
                    "#000000"
                }
                Swatch::None => MUTED_COLOUR,
            };
            pen.text(&place.label).text(fill).text("\">").escaped(&line.text).text("</text>\n");
        }
    });
    pen.text("</g>\n");
}

/// The text of a legend line that depends only on where it stands (its left edge `x` and its
/// baseline `y`): the swatch's circle up to its fill, the points of the majority marker, and
/// the label's opening up to its colour.
#[derive(Debug)]
struct LegendPlace {
    /// `<circle cx=".." cy=".." r=".."`.
    circle: String,
    radius: f64,
    /// The marker as drawn at the top of the ring, pointing down: the `points` value.
    marker: String,
    /// `<text x=".." y=".." fill="`.
    label: String,
}

impl LegendPlace {
    fn new(x: f64, y: f64) -> LegendPlace {
        let (cx, cy, r) = (x + LEGEND_SIZE / 2.0, y - 0.3 * LEGEND_SIZE, 0.45 * LEGEND_SIZE);
        let mut circle = String::new();
        Pen(&mut circle)
            .text(r#"<circle cx=""#)
            .number(cx)
            .text(r#"" cy=""#)
            .number(cy)
            .text(r#"" r=""#)
            .number(r)
            .text("\"");
        let mut marker = String::new();
        Pen(&mut marker).triangle((cx, cy + MARKER_LENGTH / 2.0), (0.0, -1.0));
        let mut label = String::new();
        Pen(&mut label).text(r#"<text x=""#).number(x + LEGEND_INDENT).text(r#"" y=""#).number(y).text(r#"" fill=""#);
        LegendPlace { circle, radius: r, marker, label }
    }
}

thread_local! {
    /// The places of legend lines written in this thread, line by line, for the legend's left
    /// edge and top they are of (bit patterns). Every picture puts its legend at the same
    /// place, so its lines' numbers (five with two decimals a line, each checked exact, see
    /// [`Fixed`]) are written once per thread.
    static LEGEND_PLACES: RefCell<KeptLegendPlaces> = const { RefCell::new((None, Vec::new())) };
}

/// The legend's left edge and top (bit patterns), and the places of its lines there.
type KeptLegendPlaces = (Option<(u64, u64)>, Vec<LegendPlace>);

struct LegendLine<'a> {
    swatch: Swatch<'a>,
    text: String,
}

enum Swatch<'a> {
    Seat(&'a str),
    Mark(SeatMark),
    MajorityMarker,
    None,
}

/// Legend lines, top to bottom: parties, the seat marks in use, the majority, excluded lists.
fn legend_lines<'a>(diagram: &Diagram, colours: &'a [String], majority: Option<(u32, u32)>) -> Vec<LegendLine<'a>> {
    let mut lines: Vec<LegendLine> = diagram
        .groups
        .iter()
        .zip(colours)
        .map(|(group, colour)| {
            let mut text = String::with_capacity(group.name.len() + group.short_name.len() + 16);
            let mut pen = Pen(&mut text);
            pen.text(&group.name);
            if !group.short_name.is_empty() && group.short_name != group.name {
                pen.text(" (").text(&group.short_name).text(")");
            }
            pen.text(" — ").seats(group.seats);
            LegendLine { swatch: Swatch::Seat(colour), text }
        })
        .collect();
    for mark in [SeatMark::Tie, SeatMark::NarrowMargin] {
        if diagram.groups.iter().any(|group| used_marks(group).contains(&mark)) {
            lines.push(LegendLine { swatch: Swatch::Mark(mark), text: format!("Seat {}", mark_text(mark)) });
        }
    }
    if let Some((majority, total)) = majority {
        let mut text = String::new();
        Pen(&mut text).majority(majority, total);
        lines.push(LegendLine { swatch: Swatch::MajorityMarker, text });
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

/// The `<desc>` text, escaped: the composition in words.
fn write_description(pen: &mut Pen<'_>, diagram: &Diagram, total: u32, majority: Option<u32>) {
    pen.text("Parliament diagram of ").seats(total).text(".");
    for (i, group) in diagram.groups.iter().enumerate() {
        pen.text(if i == 0 { " " } else { ", " }).escaped(&group.name).text(" ").count(group.seats);
    }
    if !diagram.groups.is_empty() {
        pen.text(".");
    }
    if let Some(majority) = majority {
        pen.text(" A majority needs ").seats(majority).text(".");
    }
    for (i, list) in diagram.excluded.iter().enumerate() {
        pen.text(if i == 0 { " Won no seats: " } else { ", " });
        pen.escaped(&list.name).text(" (").escaped(&list.reason).text(")");
    }
    if !diagram.excluded.is_empty() {
        pen.text(".");
    }
}

/// The marks that fall on seats: the last `group.seats` of them.
fn used_marks(group: &SeatGroup) -> &[SeatMark] {
    &group.marks[group.marks.len().saturating_sub(group.seats as usize)..]
}

fn mark_text(mark: SeatMark) -> &'static str {
    match mark {
        SeatMark::Tie => "settled by a tie",
        SeatMark::NarrowMargin => "decided by a narrow margin",
    }
}

/// `colour` upper-cased if it is `#RRGGBB`, [`FALLBACK_COLOUR`] otherwise.
fn valid_colour(colour: &str) -> String {
    match colour.strip_prefix('#') {
        Some(hex) if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => colour.to_ascii_uppercase(),
        _ => FALLBACK_COLOUR.to_owned(),
    }
}
