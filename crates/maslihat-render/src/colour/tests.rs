//! Unit tests of the party colours.

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
