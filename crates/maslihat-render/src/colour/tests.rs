//! Unit tests of the party colours.

use proptest::strategy::Strategy as _;

use super::{PALETTE, distance, distinct_colours};

fn owned(colours: &[&str]) -> Vec<String> {
    colours.iter().map(|c| (*c).to_owned()).collect()
}

#[test]
fn the_palette_stays_apart() {
    for (i, a) in PALETTE.iter().enumerate() {
        for b in &PALETTE[i + 1..] {
            assert!(distance(a, b) >= super::TOO_CLOSE, "{a} and {b} are too close: {}", distance(a, b));
        }
    }
}

#[test]
fn colours_far_apart_are_kept() {
    let colours = owned(&["#1E88E5", "#F9A825", "#2E7D32", "#C62828", "#8E24AA", "#00897B", "#EF6C00"]);
    assert_eq!(distinct_colours(&colours), colours, "the dataset's party colours are all apart");
}

#[test]
fn a_repeated_or_close_colour_takes_a_free_palette_colour() {
    // The second blue repeats the first, the third is nearly it, the grey fallback repeats too.
    let given = owned(&["#1E88E5", "#1E88E5", "#1F89E4", "#999999", "#999999"]);
    let drawn = distinct_colours(&given);
    assert_eq!(drawn[0], "#1E88E5", "the first keeps its colour");
    for (i, a) in drawn.iter().enumerate() {
        for b in &drawn[i + 1..] {
            assert!(distance(a, b) >= super::TOO_CLOSE, "{drawn:?}: {a} and {b} look alike");
        }
    }
    assert_eq!(distinct_colours(&given), drawn, "the same input gives the same colours");
}

/// The colours chosen as before every colour was read once (each pair read again): the
/// reference of [`distinct_colours`].
fn distinct_colours_pair_by_pair(colours: &[String]) -> Vec<String> {
    let mut chosen: Vec<String> = Vec::with_capacity(colours.len());
    for (i, colour) in colours.iter().enumerate() {
        if chosen.iter().all(|c| distance(c, colour) >= super::TOO_CLOSE) {
            chosen.push(colour.clone());
            continue;
        }
        let later = &colours[i + 1..];
        let far = |candidate: &&&str| chosen.iter().chain(later).all(|c| distance(c, candidate) >= super::TOO_CLOSE);
        let unused = |candidate: &&&str| chosen.iter().all(|c| !c.eq_ignore_ascii_case(candidate));
        let pick = PALETTE.iter().find(far).or_else(|| PALETTE.iter().find(unused)).unwrap_or(&PALETTE[0]);
        chosen.push((*pick).to_owned());
    }
    chosen
}

proptest::proptest! {
    /// Lists of colours with repeats, near neighbours, palette colours, other cases and
    /// unreadable ones: chosen as pair by pair.
    #[test]
    fn colours_read_once_are_chosen_as_pair_by_pair(
        colours in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec!["#0072B2", "#0072b3", "#E69F00", "#E69F10", "#999999", "#99999", "red", "#GG0000", ""])
                    .prop_map(str::to_owned),
                "#[0-9A-F]{6}",
            ],
            0..16,
        ),
    ) {
        proptest::prop_assert_eq!(distinct_colours(&colours), distinct_colours_pair_by_pair(&colours));
    }
}
