//! Draws one 38-seat, five-party parliament diagram `n` times (the first argument), for counting
//! the instructions of a diagram with callgrind: run it with `n` and `n + N`, divide the
//! difference by `N`.

use maslihat_render::hemicycle::LayoutOptions;
use maslihat_render::svg::{Diagram, ExcludedList, SeatGroup, SeatMark, parliament_svg};

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let group = |name: &str, colour: &str, seats: u32, marks: Vec<SeatMark>| SeatGroup {
        name: name.to_owned(),
        short_name: String::new(),
        colour: colour.to_owned(),
        seats,
        marks,
    };
    let diagram = Diagram {
        title: "Akmola Region mäslihat, 2023: seats recomputed".to_owned(),
        groups: vec![
            group("Amanat", "#1E88E5", 24, Vec::new()),
            group("Ak Zhol", "#F9A825", 5, Vec::new()),
            group("Auyl", "#43A047", 4, vec![SeatMark::NarrowMargin]),
            group("Respublica", "#E53935", 3, Vec::new()),
            group("People's Party", "#8E24AA", 2, vec![SeatMark::Tie]),
        ],
        excluded: vec![ExcludedList { name: "Baitak".to_owned(), reason: "2.31 %, below 5 %".to_owned() }],
        majority_line: true,
    };
    let options = LayoutOptions::default();
    let mut bytes = 0;
    for _ in 0..runs {
        bytes += std::hint::black_box(parliament_svg(std::hint::black_box(&diagram), &options)).len();
    }
    println!("{bytes}");
}
