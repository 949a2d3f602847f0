//! Party colours: a palette that stays apart for colour-blind readers too, and the rule that
//! keeps two parties of one picture from sharing a colour.
//!
//! The palette is Okabe and Ito's eight colours for colour-blind readers (less black, kept for
//! marks), then five of Paul Tol's "muted" scheme, each far from the others. A diagram keeps the
//! dataset's colours wherever they stay apart; a party whose colour is too close to one drawn
//! before it (in drawing order) takes the first palette colour that is far from every colour of
//! the picture. The same input always gives the same colours.

#[cfg(test)]
mod tests;

/// Twelve colours that stay apart from one another, also for colour-blind readers, for lists
/// without a colour of their own and for lists whose colour another list of the picture took.
pub const PALETTE: [&str; 12] = [
    "#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#332288", "#882255", "#117733",
    "#999933", "#AA4499",
];

/// The palette's colour for the `index`-th list (repeating after twelve).
pub fn palette_colour(index: usize) -> &'static str {
    PALETTE[index % PALETTE.len()]
}

/// Two colours closer than this ("redmean" distance, 0 to about 765) are taken for one.
const TOO_CLOSE: f64 = 80.0;

/// `#RRGGBB` as its three components.
fn rgb(colour: &str) -> Option<[f64; 3]> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6 && h.is_ascii())?;
    let part = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(f64::from);
    Some([part(0)?, part(2)?, part(4)?])
}

/// How far apart two colours look: the "redmean" weighted distance in sRGB, a cheap and
/// well-known stand-in for a perceptual one. Unreadable colours are as far as can be.
#[cfg(test)]
fn distance(a: &str, b: &str) -> f64 {
    distance_of(rgb(a), rgb(b))
}

/// How far apart two colours already read by [`rgb`] look (see `distance`).
fn distance_of(a: Option<[f64; 3]>, b: Option<[f64; 3]>) -> f64 {
    let (Some(a), Some(b)) = (a, b) else { return f64::INFINITY };
    let red_mean = (a[0] + b[0]) / 2.0;
    let (dr, dg, db) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    ((2.0 + red_mean / 256.0) * dr * dr + 4.0 * dg * dg + (2.0 + (255.0 - red_mean) / 256.0) * db * db).sqrt()
}

/// The colours to draw, in order: each as given unless it is too close to one before it; then
/// the first palette colour far from every colour chosen before it and every colour given after
/// it (or, when none is, the first palette colour not yet used exactly). Every colour is read
/// once (not once per pair).
pub fn distinct_colours(colours: &[String]) -> Vec<String> {
    let given: Vec<Option<[f64; 3]>> = colours.iter().map(|colour| rgb(colour)).collect();
    let mut chosen: Vec<String> = Vec::with_capacity(colours.len());
    let mut chosen_rgb: Vec<Option<[f64; 3]>> = Vec::with_capacity(colours.len());
    for (i, colour) in colours.iter().enumerate() {
        if chosen_rgb.iter().all(|c| distance_of(*c, given[i]) >= TOO_CLOSE) {
            chosen.push(colour.clone());
            chosen_rgb.push(given[i]);
            continue;
        }
        let later = &given[i + 1..];
        let far = |candidate: &&&str| {
            let candidate = rgb(candidate);
            chosen_rgb.iter().chain(later).all(|c| distance_of(*c, candidate) >= TOO_CLOSE)
        };
        let unused = |candidate: &&&str| chosen.iter().all(|c| !c.eq_ignore_ascii_case(candidate));
        let pick = PALETTE.iter().find(far).or_else(|| PALETTE.iter().find(unused)).unwrap_or(&PALETTE[0]);
        chosen.push((*pick).to_owned());
        chosen_rgb.push(rgb(pick));
    }
    chosen
}
