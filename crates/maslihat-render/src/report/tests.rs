//! Unit tests of the report's pages and diagrams.

#[test]
fn inlined_svg_drops_the_namespace() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>"#;
    assert_eq!(super::html::inline_svg(svg), r#"<svg viewBox="0 0 1 1"></svg>"#);
}

#[test]
fn a_tie_and_the_threshold_losers_show_in_the_diagram() {
    use maslihat_apportion::{Preset, Tally, allocate};

    use crate::svg::SeatMark;

    // The fourth list is below 7 %, so the quota is 1 000 000 / 10: the others have 5, 2.5 and
    // 2.5 quotas, lists 2 and 3 tie for the last seat, and the one registered earlier wins it.
    let tally = Tally::new(vec![500_000, 250_000, 250_000, 30_000]);
    let allocation = allocate(&tally, 10, &Preset::Kz2021.rules()).expect("allocated");
    assert_eq!(allocation.seats(), [5, 3, 2, 0]);
    let diagram = super::allocation_diagram("Test", &allocation, &[], None);
    let seats: Vec<u32> = diagram.groups.iter().map(|g| g.seats).collect();
    assert_eq!(seats, [5, 3, 2]);
    assert_eq!(diagram.groups[1].marks, [SeatMark::Tie]);
    assert!(diagram.groups[0].marks.is_empty() && diagram.groups[2].marks.is_empty());
    assert_eq!(diagram.groups[0].colour, super::diagram::PALETTE[0]);
    assert_eq!(diagram.excluded.len(), 1);
    assert_eq!(diagram.excluded[0].name, "list 4");
    assert_eq!(diagram.excluded[0].reason, "2.91 %, below 7 %");
    assert!(diagram.majority_line);
}
