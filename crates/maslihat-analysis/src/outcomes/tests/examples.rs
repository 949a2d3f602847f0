//! Worked examples: the 2021 elections with printed shares, an inconsistent case, an
//! undetermined printed-share case.

use maslihat_apportion::{Preset, Rules};

use crate::outcomes::*;

fn figures(texts: &[&str]) -> Figures {
    Figures::new(texts.iter().map(|t| t.parse().unwrap()).collect())
}

fn kz2021() -> Rules {
    Preset::Kz2021.rules()
}

#[test]
fn parses_figures() {
    assert_eq!("12345".parse::<Figure>().unwrap(), Figure::exact(12345));
    assert_eq!("27000..28000".parse::<Figure>().unwrap(), Figure::Range { lo: 27000, hi: 28000 });
    assert_eq!("?".parse::<Figure>().unwrap(), Figure::Unknown);
    let Figure::Share(share) = "7.40%".parse::<Figure>().unwrap() else { panic!() };
    assert_eq!((share.digits, share.decimals), (740, 2));
    let Figure::Share(share) = "7.4%".parse::<Figure>().unwrap() else { panic!() };
    assert_eq!((share.digits, share.decimals), (74, 1));
    assert_eq!(share.to_string(), "7.4%");
    for bad in ["", "7.4.4%", "101%", "-3", "5..4", "abc", "7.%", "1.1234567%"] {
        assert!(bad.parse::<Figure>().is_err(), "{bad}");
    }
}

#[test]
fn nur_sultan_2021() {
    // Five lists on the ballot; the two below 7 % are unknown.
    let f = figures(&["83.61%", "7.44%", "7.41%", "?", "?"]);
    let set = outcome_set(&f, 31, &kz2021(), &Limits::default()).unwrap();
    let seats: Vec<&Vec<u32>> = set.outcomes.iter().map(|o| &o.seats).collect();
    assert_eq!(seats, [&vec![26, 3, 2, 0, 0]]);
    assert!(set.determined());
}
