//! Tests of the projection chart: deterministic, escaped, one bar per seat count that occurred.

use maslihat_analysis::{Model, Shares, simulate};
use maslihat_apportion::{Method, Rules, Threshold};

use super::projection_svg;

#[test]
fn svg_chart_is_deterministic_and_escaped() {
    let method: Method = "hare".parse().expect("a method");
    let rules = Rules { method, threshold: Threshold::None, ..Rules::default() };
    let model = Model::Multinomial { sample_size: 20 };
    let projection = simulate(&Shares::new(vec![0.6, 0.4]), 5, &rules, &model, 2_000, 8).expect("simulated");
    let names = vec!["Ak <Zhol> & \"Co\"".to_owned()];
    let svg = projection_svg(&projection, &names);
    assert_eq!(svg, projection_svg(&projection, &names));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"268\""));
    assert!(svg.ends_with("</svg>\n"));
    assert!(svg.contains("Ak &lt;Zhol&gt; &amp; &quot;Co&quot;"));
    assert!(svg.contains(">list 2<"));
    // One bar per seat count that occurred.
    let bars: usize = projection
        .lists
        .iter()
        .map(|l| {
            let seen: Vec<usize> = (0..l.seat_counts.len()).filter(|s| l.seat_counts[*s] > 0).collect();
            seen.last().map_or(0, |last| last - seen[0] + 1)
        })
        .sum();
    assert_eq!(svg.matches("<rect ").count(), bars);
    // Fixed decimals only: no exponent after a digit.
    let bytes = svg.as_bytes();
    assert!(!bytes.windows(2).any(|w| w[0].is_ascii_digit() && (w[1] == b'e' || w[1] == b'E')));
}
