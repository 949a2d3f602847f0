//! Tests of the SVG rendering: parsed back with quick-xml and checked seat by seat, plus snapshots.

use std::collections::BTreeMap;
use std::f64::consts::PI;

use proptest::prelude::*;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::{Diagram, ExcludedList, FALLBACK_COLOUR, SeatGroup, SeatMark, parliament_svg};
use crate::hemicycle::LayoutOptions;

/// An element of the parsed document.
#[derive(Debug)]
struct Node {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
    parent: Option<usize>,
}

impl Node {
    fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }

    fn number(&self, name: &str) -> f64 {
        self.attr(name).parse().unwrap_or(f64::NAN)
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class").split_whitespace().any(|c| c == class)
    }
}

/// Parses `svg`, failing the test unless it is well-formed XML with a single `<svg>` root.
fn parse(svg: &str) -> Vec<Node> {
    let mut reader = Reader::from_str(svg);
    let mut nodes: Vec<Node> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let start = |nodes: &mut Vec<Node>, open: &[usize], e: &BytesStart| {
        assert!(!open.is_empty() || nodes.is_empty(), "a single root element");
        let attrs = e
            .attributes()
            .map(|attr| {
                let attr = attr.expect("well-formed attribute");
                let value = attr.normalized_value(XmlVersion::Implicit1_0).expect("valid escapes");
                (attr.key.0.to_owned(), value.into_owned())
            })
            .collect();
        nodes.push(Node { name: e.name().0.to_owned(), attrs, text: String::new(), parent: open.last().copied() });
        nodes.len() - 1
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let node = start(&mut nodes, &open, &e);
                open.push(node);
            }
            Event::Empty(e) => {
                start(&mut nodes, &open, &e);
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Text(text) => match open.last() {
                Some(&node) => nodes[node].text.push_str(&text.xml10_content()),
                None => assert!(text.trim().is_empty(), "text outside the root: {text:?}"),
            },
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref().expect("valid character reference") {
                    Some(c) => c.to_string(),
                    None => resolve_predefined_entity(&reference).expect("predefined entity").to_owned(),
                };
                let node = *open.last().expect("reference inside an element");
                nodes[node].text.push_str(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "every element closed");
    assert_eq!(nodes.first().map(|root| root.name.as_str()), Some("svg"));
    nodes
}

fn find(nodes: &[Node], pick: impl Fn(&Node) -> bool) -> Vec<&Node> {
    nodes.iter().filter(|node| pick(node)).collect()
}

fn group(name: &str, colour: &str, seats: u32) -> SeatGroup {
    SeatGroup { name: name.to_owned(), short_name: String::new(), colour: colour.to_owned(), seats, marks: Vec::new() }
}

/// Renders `diagram` and checks the seats: one circle each, in the group's wedge and colour,
/// parties left to right, all inside the picture; the total and the accessible title.
fn check(diagram: &Diagram, options: &LayoutOptions) -> Vec<Node> {
    let svg = parliament_svg(diagram, options);
    assert_eq!(svg, parliament_svg(diagram, options), "deterministic");
    let nodes = parse(&svg);
    let root = &nodes[0];
    let view_box: Vec<f64> = root.attr("viewBox").split(' ').map(|n| n.parse().unwrap_or(f64::NAN)).collect();
    let [0.0, 0.0, width, height] = view_box[..] else { panic!("viewBox {view_box:?}") };

    let seats = find(&nodes, |node| node.name == "circle" && node.has_class("seat"));
    let parties: Vec<(&str, &str)> = seats
        .iter()
        .map(|seat| {
            let party = &nodes[seat.parent.expect("seat in a group")];
            assert!(party.name == "g" && party.has_class("party"));
            (party.attr("data-party"), seat.attr("fill"))
        })
        .collect();
    let expected: Vec<(&str, &str)> = diagram
        .groups
        .iter()
        .flat_map(|group| {
            let colour = if group.colour.len() == 7 { group.colour.as_str() } else { FALLBACK_COLOUR };
            std::iter::repeat_n((group.name.as_str(), colour), group.seats as usize)
        })
        .collect();
    assert_eq!(parties.len(), expected.len(), "one circle per seat");
    for (i, (actual, expected)) in parties.iter().zip(&expected).enumerate() {
        assert_eq!(actual.0, expected.0, "seat {i}: party");
        assert!(actual.1.eq_ignore_ascii_case(expected.1), "seat {i}: colour {} for {}", actual.1, expected.1);
    }

    let total = find(&nodes, |node| node.has_class("total"));
    let [total] = total[..] else { panic!("one total") };
    assert_eq!(total.text, seats.len().to_string());
    let (centre_x, centre_y) = (total.number("x"), total.number("y"));
    let angle = |node: &Node| PI - (centre_y - node.number("cy")).atan2(node.number("cx") - centre_x);
    for pair in seats.windows(2) {
        // Coordinates are rounded to 0.01, which may swap seats at nearly equal angles.
        assert!(angle(pair[0]) <= angle(pair[1]) + 1e-3, "left to right: {pair:?}");
    }
    for circle in find(&nodes, |node| node.name == "circle") {
        let (x, y, r) = (circle.number("cx"), circle.number("cy"), circle.number("r"));
        assert!(x - r >= 0.0 && x + r <= width && y - r >= 0.0 && y + r <= height, "inside: {circle:?}");
    }
    let heading = find(&nodes, |node| node.has_class("heading"))[0];
    for marker in find(&nodes, |node| node.has_class("majority")) {
        let triangle = points(marker);
        // Below the heading's descenders.
        let below = heading.number("y") + 0.3 * heading.number("font-size");
        assert!(triangle.iter().all(|&(_, y)| y > below), "the majority marker clear of the heading: {marker:?}");
        assert_eq!(triangle.len(), 3, "a triangle: {marker:?}");
        for &(x, y) in &triangle {
            assert!((0.0..=width).contains(&x) && (0.0..=height).contains(&y), "inside: {marker:?}");
        }
        for seat in &seats {
            let (x, y, r) = (seat.number("cx"), seat.number("cy"), seat.number("r"));
            assert!(!overlaps((x, y), r, &triangle), "the majority marker clear of {seat:?}");
        }
    }
    for text in find(&nodes, |node| node.name == "text") {
        let (x, y) = (text.number("x"), text.number("y"));
        assert!((0.0..=width).contains(&x) && (0.0..=height).contains(&y), "inside: {text:?}");
    }

    let children = |name: &str| find(&nodes, |node| node.parent == Some(0) && node.name == name);
    assert_eq!(children("title")[0].text, diagram.title);
    assert_eq!(children("desc").len(), 1);
    nodes
}

fn house(seats: u32) -> Diagram {
    let big = seats - seats / 3;
    Diagram {
        title: format!("A house of {seats}"),
        groups: vec![
            group("Nur Otan", "#1E90FF", big),
            group("Ak Zhol", "#F4C430", (seats - big) / 2),
            group("Auyl", "#2E8B57", seats - big - (seats - big) / 2),
        ],
        excluded: vec![ExcludedList { name: "Adal".to_owned(), reason: "6.79 %, below 7 %".to_owned() }],
        majority_line: true,
    }
}

#[test]
fn houses() {
    for seats in [0, 1, 2, 5, 17, 38, 50, 98, 500] {
        check(&house(seats), &LayoutOptions::default());
        check(&house(seats), &LayoutOptions { span_degrees: 120, ..LayoutOptions::default() });
    }
}

#[test]
fn legend_lists_parties_marks_majority_and_excluded() {
    let mut diagram = house(38);
    diagram.groups[0].short_name = "NO".to_owned();
    diagram.groups[1].marks = vec![SeatMark::NarrowMargin, SeatMark::Tie];
    let nodes = check(&diagram, &LayoutOptions::default());
    let legend: Vec<&str> =
        find(&nodes, |node| node.name == "text" && node.parent.is_some_and(|p| nodes[p].has_class("legend")))
            .iter()
            .map(|node| node.text.as_str())
            .collect();
    assert_eq!(
        legend,
        [
            "Nur Otan (NO) — 26 seats",
            "Ak Zhol — 6 seats",
            "Auyl — 6 seats",
            "Seat settled by a tie",
            "Seat decided by a narrow margin",
            "Majority: 20 of 38 seats",
            "Won no seats:",
            "Adal — 6.79 %, below 7 %",
        ]
    );
    let marked: Vec<(&str, &str)> = find(&nodes, |node| node.has_class("seat") && node.attrs.contains_key("stroke"))
        .iter()
        .map(|node| {
            (
                nodes[node.parent.unwrap_or_default()].attr("data-party"),
                node.attrs.get("stroke-dasharray").map_or("tie", |_| "narrow"),
            )
        })
        .collect();
    assert_eq!(marked, [("Ak Zhol", "narrow"), ("Ak Zhol", "tie")], "the group's last seats");
}

#[test]
fn more_marks_than_seats() {
    let mut diagram = house(5);
    diagram.groups[2].marks = vec![SeatMark::Tie, SeatMark::Tie, SeatMark::NarrowMargin];
    let nodes = check(&diagram, &LayoutOptions::default());
    let marked = find(&nodes, |node| node.has_class("seat") && node.attrs.contains_key("stroke"));
    assert_eq!(marked.len(), 1, "Auyl has one seat");
    assert!(marked[0].attrs.contains_key("stroke-dasharray"), "the last mark");
}

#[test]
fn majority_line() {
    for (seats, drawn) in [(1, false), (2, false), (3, true), (38, true), (500, true)] {
        let nodes = check(&house(seats), &LayoutOptions::default());
        let lines = find(&nodes, |node| node.has_class("majority"));
        assert_eq!(lines.len(), usize::from(drawn), "{seats} seats");
        let mut without = house(seats);
        without.majority_line = false;
        assert!(find(&check(&without, &LayoutOptions::default()), |node| node.has_class("majority")).is_empty());
    }
    // The marker points between the last seat of the majority and the first seat after it.
    let nodes = check(&house(38), &LayoutOptions::default());
    let total = &find(&nodes, |node| node.has_class("total"))[0];
    let (centre_x, centre_y) = (total.number("x"), total.number("y"));
    let angle = |(x, y): (f64, f64)| PI - (centre_y - y).atan2(x - centre_x);
    let seats: Vec<f64> =
        find(&nodes, |node| node.has_class("seat")).iter().map(|s| angle((s.number("cx"), s.number("cy")))).collect();
    let marker = points(find(&nodes, |node| node.has_class("majority"))[0]);
    let distance = |(x, y): (f64, f64)| (x - centre_x).hypot(y - centre_y);
    let tip = marker.iter().copied().min_by(|a, b| distance(*a).total_cmp(&distance(*b))).expect("a vertex");
    let base: Vec<(f64, f64)> = marker.iter().copied().filter(|&point| point != tip).collect();
    let tip_angle = angle(tip);
    assert!(seats[19] < tip_angle && tip_angle < seats[20], "{} < {tip_angle} < {}", seats[19], seats[20]);
    // It stands upright, pointing straight down at the ring: its base level, above the tip.
    let base_middle = ((base[0].0 + base[1].0) / 2.0, (base[0].1 + base[1].1) / 2.0);
    assert!((base[0].1 - base[1].1).abs() < 0.01 && (base_middle.0 - tip.0).abs() < 0.01 && base_middle.1 < tip.1);
    assert_eq!(find(&nodes, |node| node.name == "title" && node.text == "Majority: 20 of 38 seats").len(), 1);
}

/// The `points` of a polygon.
fn points(node: &Node) -> Vec<(f64, f64)> {
    node.attr("points")
        .split_whitespace()
        .map(|point| {
            let (x, y) = point.split_once(',').expect("x,y");
            (x.parse().unwrap_or(f64::NAN), y.parse().unwrap_or(f64::NAN))
        })
        .collect()
}

/// Whether the circle at `centre` with radius `r` and the triangle `triangle` share a point.
fn overlaps(centre: (f64, f64), r: f64, triangle: &[(f64, f64)]) -> bool {
    let cross = |a: (f64, f64), b: (f64, f64), p: (f64, f64)| (b.0 - a.0) * (p.1 - a.1) - (b.1 - a.1) * (p.0 - a.0);
    let edges = [(triangle[0], triangle[1]), (triangle[1], triangle[2]), (triangle[2], triangle[0])];
    let sides: Vec<f64> = edges.iter().map(|&(a, b)| cross(a, b, centre)).collect();
    let inside = sides.iter().all(|&side| side >= 0.0) || sides.iter().all(|&side| side <= 0.0);
    let near_edge = edges.iter().any(|&(a, b)| {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let t = (((centre.0 - a.0) * dx + (centre.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
        (a.0 + t * dx - centre.0).hypot(a.1 + t * dy - centre.1) <= r
    });
    inside || near_edge
}

#[test]
fn colours_are_validated() {
    let diagram = Diagram {
        groups: vec![
            group("a", "#1e90ff", 1),
            group("b", "blue", 1),
            group("c", "#12345", 1),
            group("d", "#GG0000", 1),
        ],
        ..Diagram::default()
    };
    let nodes = parse(&parliament_svg(&diagram, &LayoutOptions::default()));
    let fills: Vec<&str> = find(&nodes, |node| node.has_class("seat")).iter().map(|node| node.attr("fill")).collect();
    // Unreadable colours fall back to grey; the greys after the first, which would look alike,
    // take the first palette colours far from the others.
    assert_eq!(fills, ["#1E90FF", FALLBACK_COLOUR, crate::colour::PALETTE[0], crate::colour::PALETTE[1]]);
}

#[test]
fn text_is_escaped() {
    let name = "<Tom> & \"Jerry's\"";
    let diagram = Diagram {
        title: format!("{name}\u{1}"),
        groups: vec![group(name, "#000000", 2)],
        excluded: vec![ExcludedList { name: "]]>".to_owned(), reason: "&lt;".to_owned() }],
        majority_line: false,
    };
    let nodes = parse(&parliament_svg(&diagram, &LayoutOptions::default()));
    assert_eq!(nodes[0].attr("role"), "img");
    let titles: Vec<&str> = find(&nodes, |node| node.name == "title").iter().map(|node| node.text.as_str()).collect();
    assert_eq!(titles, [name, &format!("{name}: 2 seats")], "control characters dropped");
    assert_eq!(find(&nodes, |node| node.name == "g" && node.attr("data-party") == name).len(), 1);
    assert!(find(&nodes, |node| node.text == "]]> — &lt;").len() == 1);
}

/// Marks and the other layout options, against stored bytes: a change in either shows here.
#[test]
fn marks_and_an_empty_inner_row_snapshot() {
    let mut diagram = house(98);
    diagram.groups[2].marks = vec![SeatMark::Tie, SeatMark::NarrowMargin];
    let options = LayoutOptions { rows: Some(7), span_degrees: 150, row_fill: crate::hemicycle::RowFill::EmptyInner };
    insta::assert_snapshot!("marks_empty_inner_98", parliament_svg(&diagram, &options));
}

#[test]
fn snapshots() {
    for seats in [1, 5, 17] {
        let mut diagram = house(seats);
        if let Some(last) = diagram.groups.last_mut().filter(|group| group.seats > 0) {
            last.marks = vec![SeatMark::Tie];
        }
        insta::assert_snapshot!(format!("seats_{seats}"), parliament_svg(&diagram, &LayoutOptions::default()));
    }
}

const PALETTE: [&str; 6] = ["#1E90FF", "#F4C430", "#2E8B57", "#C8102E", "#800080", "#FF8C00"];

proptest! {
    #[test]
    fn any_split(seats in 1u32..=1000, cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..PALETTE.len())) {
        let mut cuts: Vec<u32> = cuts.iter().map(|cut| u32::try_from(cut.index(seats as usize + 1)).unwrap_or_default()).collect();
        cuts.sort_unstable();
        cuts.push(seats);
        let groups = cuts
            .iter()
            .scan(0, |from, &to| Some(to - std::mem::replace(from, to)))
            .zip(PALETTE)
            .enumerate()
            .map(|(i, (size, colour))| group(&format!("Party {i}"), colour, size))
            .collect();
        let diagram = Diagram { title: "Random".to_owned(), groups, excluded: Vec::new(), majority_line: true };
        let nodes = check(&diagram, &LayoutOptions::default());
        for group in &diagram.groups {
            let coloured = find(&nodes, |node| node.has_class("seat") && node.attr("fill") == group.colour).len();
            prop_assert_eq!(coloured, group.seats as usize);
        }
    }
}

/// A seat's circle up to its colour as the pictures wrote it seat by seat before
/// [`super::SeatTexts`]: the reference of the kept texts.
fn seat_opening_by_format(seat: &crate::hemicycle::SeatPosition, radius: f64, ring_left: f64) -> String {
    let (x, y) = (ring_left + seat.x * super::SCALE, super::RING_TOP + seat.y * super::SCALE);
    format!(r#"<circle class="seat" cx="{x:.2}" cy="{y:.2}" r="{radius:.2}" fill=""#)
}

fn layout_options(rows: Option<u32>, span_degrees: u32, fill: u8) -> LayoutOptions {
    let row_fill = match fill % 3 {
        0 => crate::hemicycle::RowFill::Even,
        1 => crate::hemicycle::RowFill::EmptyInner,
        _ => crate::hemicycle::RowFill::OuterFirst,
    };
    LayoutOptions { rows, span_degrees, row_fill }
}

proptest! {
    /// The seat texts of a house are its seats' openings as written one by one with `{:.2}`, and
    /// the ring styles of a picture; kept texts handed out for a key are those of that key,
    /// whatever was drawn before in the thread.
    #[test]
    fn kept_seat_texts_are_the_seats_written_one_by_one(
        keys in proptest::collection::vec(
            (0u32..=120, proptest::option::of(1u32..=8), 80u32..=190, any::<u8>(), 0u32..4),
            1..12,
        ),
    ) {
        for (total, rows, span, fill, widening) in keys {
            let options = layout_options(rows, span, fill);
            let layout = crate::hemicycle::layout(total, &options);
            // The ring's left edge: the margin, or more for a picture widened by its text.
            let ring_left = super::MARGIN + 7.3 * f64::from(widening);
            let key = super::SeatTextsKey { total, options, ring_left: ring_left.to_bits() };
            let texts = super::shared_seat_texts(key, &layout);
            let radius = layout.seat_radius * super::SCALE;
            prop_assert_eq!(texts.ends.len(), layout.seats.len());
            for (i, seat) in layout.seats.iter().enumerate() {
                prop_assert_eq!(texts.seat(i), seat_opening_by_format(seat, radius, ring_left));
            }
            let (centre_x, centre_y) = (ring_left + super::SCALE, super::RING_TOP + super::SCALE);
            prop_assert_eq!(
                &texts.heading,
                &format!(r#"<text class="heading" x="{centre_x:.2}" y="40.00" font-size="20.00" font-weight="bold" text-anchor="middle">"#)
            );
            let majority = layout.seats.len() / 2 + 1;
            if majority < layout.seats.len() {
                let angle = (layout.seats[majority - 1].angle + layout.seats[majority].angle) / 2.0;
                let (tip_x, tip_y) = (centre_x - 253.0 * angle.cos(), centre_y - 253.0 * angle.sin());
                let (base_y, half) = (tip_y - 14.0, 7.0);
                prop_assert_eq!(
                    &texts.majority_marker,
                    &format!(
                        r##"<polygon class="majority" points="{:.2},{:.2} {:.2},{:.2} {:.2},{:.2}" fill="#000000"><title>"##,
                        tip_x, tip_y, tip_x + half, base_y, tip_x - half, base_y
                    )
                );
            }
            let room = if layout.rows == 0 { super::SCALE } else { (0.5 - layout.seat_radius) * super::SCALE };
            prop_assert_eq!(
                &texts.total,
                &format!(
                    r#"<text class="total" x="{centre_x:.2}" y="{centre_y:.2}" font-size="{:.2}" font-weight="bold" text-anchor="middle">"#,
                    (0.6 * room).min(48.0)
                )
            );
            prop_assert_eq!(
                &texts.tie_ring,
                &format!("{} stroke-width=\"{:.2}\"><title>settled by a tie</title></circle>\n", r##" stroke="#000000""##, 0.25 * radius)
            );
            prop_assert_eq!(
                &texts.narrow_ring,
                &format!(
                    "{} stroke-width=\"{:.2}\" stroke-dasharray=\"{:.2} {:.2}\"><title>decided by a narrow margin</title></circle>\n",
                    r##" stroke="#000000""##, 0.25 * radius, 0.4 * radius, 0.4 * radius
                )
            );
        }
    }
}

/// The legend as it was written line by line before [`super::LegendPlace`]: the reference.
fn legend_by_pen(frame: &super::Frame, legend: &[super::LegendLine]) -> String {
    use super::{LEGEND_INDENT, LEGEND_LINE, LEGEND_SIZE, MARK_COLOUR, MARKER_LENGTH, MUTED_COLOUR, Pen, Swatch};
    let mut out = String::new();
    let mut pen = Pen(&mut out);
    pen.text(r#"<g class="legend" font-size=""#).number(LEGEND_SIZE).text("\">\n");
    let x = frame.legend_left;
    for (line, y) in legend.iter().zip((0..).map(|i| frame.legend_top + LEGEND_LINE * f64::from(i))) {
        let (cx, cy, r) = (x + LEGEND_SIZE / 2.0, y - 0.3 * LEGEND_SIZE, 0.45 * LEGEND_SIZE);
        let fill = match &line.swatch {
            Swatch::Seat(colour) => {
                pen.text(r#"<circle cx=""#).number(cx).text(r#"" cy=""#).number(cy).text(r#"" r=""#).number(r);
                pen.text(r#"" fill=""#).text(colour).text("\"/>\n");
                "#000000"
            }
            Swatch::Mark(mark) => {
                pen.text(r#"<circle cx=""#).number(cx).text(r#"" cy=""#).number(cy).text(r#"" r=""#).number(r);
                pen.text(r##"" fill="#FFFFFF""##).mark_style(*mark, r).text("/>\n");
                "#000000"
            }
            Swatch::MajorityMarker => {
                pen.text(r#"<polygon points=""#).triangle((cx, cy + MARKER_LENGTH / 2.0), (0.0, -1.0));
                pen.text(r#"" fill=""#).text(MARK_COLOUR).text("\"/>\n");
                "#000000"
            }
            Swatch::None => MUTED_COLOUR,
        };
        pen.text(r#"<text x=""#).number(x + LEGEND_INDENT).text(r#"" y=""#).number(y);
        pen.text(r#"" fill=""#).text(fill).text("\">").escaped(&line.text).text("</text>\n");
    }
    pen.text("</g>\n");
    out
}

proptest! {
    /// Legends written from the kept places read as written line by line, whatever legends
    /// (longer, shorter, at another place) were written before in the thread.
    #[test]
    fn legends_from_kept_places_read_as_written_line_by_line(
        legends in proptest::collection::vec(
            (proptest::collection::vec((0u8..5, "[a-z<&]{0,6}"), 0..14), 0u8..3),
            1..5,
        ),
    ) {
        for (lines, place) in legends {
            let lines: Vec<super::LegendLine> = lines
                .into_iter()
                .map(|(swatch, text)| super::LegendLine {
                    swatch: match swatch {
                        0 => super::Swatch::Seat("#12AB34"),
                        1 => super::Swatch::Mark(SeatMark::Tie),
                        2 => super::Swatch::Mark(SeatMark::NarrowMargin),
                        3 => super::Swatch::MajorityMarker,
                        _ => super::Swatch::None,
                    },
                    text,
                })
                .collect();
            let frame = super::Frame {
                width: 540.0,
                height: 600.0,
                ring_left: 20.0,
                legend_left: super::MARGIN + f64::from(place) * 3.3,
                legend_top: super::RING_TOP + super::SCALE + 2.0 * super::LEGEND_LINE + f64::from(place),
            };
            let mut out = String::new();
            super::write_legend(&mut super::Pen(&mut out), &frame, &lines);
            prop_assert_eq!(out, legend_by_pen(&frame, &lines));
        }
    }
}
