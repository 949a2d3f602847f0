//! Parliament diagrams for `allocate --diagram`: the allocation as a hemicycle, with the seats
//! a tie decided marked and the threshold losers in the legend.

use maslihat_apportion::{Allocation, ListStatus};
use maslihat_render::hemicycle::LayoutOptions;
use maslihat_render::svg::{Diagram, ExcludedList, SeatGroup, SeatMark, parliament_svg};

/// Colours for lists that bring none: the Okabe–Ito palette, readable by colour-blind readers.
const PALETTE: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"];

/// The allocation as an SVG hemicycle, parties left to right in registration order.
pub fn allocation_svg(allocation: &Allocation, names: &[String], title: &str) -> String {
    let tie_won = |list: usize| allocation.ties.iter().filter(|t| t.winners.contains(&list)).count();
    let groups = allocation
        .lists
        .iter()
        .enumerate()
        .filter(|(_, list)| list.seats > 0)
        .map(|(i, list)| SeatGroup {
            name: names[i].clone(),
            short_name: names[i].clone(),
            colour: PALETTE[i % PALETTE.len()].to_owned(),
            seats: list.seats,
            marks: vec![SeatMark::Tie; tie_won(i).min(list.seats as usize)],
        })
        .collect();
    let excluded = allocation
        .lists
        .iter()
        .enumerate()
        .filter(|(_, list)| list.status == ListStatus::BelowThreshold)
        .map(|(i, list)| ExcludedList {
            name: names[i].clone(),
            reason: format!("{} %, below {}", list.share.percent(2), allocation.rules.threshold),
        })
        .collect();
    let diagram = Diagram {
        title: format!("{title}: {} seats, {}", allocation.house_size, allocation.rules.method),
        groups,
        excluded,
        majority_line: true,
    };
    parliament_svg(&diagram, &LayoutOptions::default())
}
