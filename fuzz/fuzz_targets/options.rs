//! The option and value parsers: any text. None panics, and what one parses prints back to text
//! that parses to the same value.
#![no_main]

use std::fmt::{Debug, Display};
use std::str::FromStr;

use libfuzzer_sys::fuzz_target;
use maslihat_apportion::{CustomDivisors, Method, Preset, RunnerUp, Threshold, ThresholdBase, TiePolicy};
use maslihat_cli::options::{RunnerUpChoice, parse_count, parse_jobs, parse_seats};
use maslihat_model::party::Colour;
use maslihat_model::{Date, Decimal, DiscrepancyFigure};

/// Parses `text`; when it parses, its display parses back to the same value.
fn round_trip<T: FromStr + Display + PartialEq + Debug>(text: &str)
where
    T::Err: Display,
{
    match text.parse::<T>() {
        Ok(value) => {
            let shown = value.to_string();
            let again = shown.parse::<T>().unwrap_or_else(|err| panic!("{text:?} → {shown:?} does not parse: {err}"));
            assert_eq!(again, value, "{text:?} → {shown:?}");
        }
        Err(err) => {
            let _ = err.to_string();
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    round_trip::<Method>(text);
    round_trip::<Threshold>(text);
    round_trip::<TiePolicy>(text);
    round_trip::<Preset>(text);
    round_trip::<RunnerUp>(text);
    round_trip::<Decimal>(text);
    round_trip::<Date>(text);
    round_trip::<Colour>(text);
    round_trip::<DiscrepancyFigure>(text);
    if let Ok(base) = text.parse::<ThresholdBase>() {
        assert_eq!(base.name().parse::<ThresholdBase>().ok(), Some(base));
    }
    if let Ok(divisors) = CustomDivisors::parse(text) {
        let shown = divisors.to_string();
        assert_eq!(CustomDivisors::parse(&shown).ok(), Some(divisors), "{text:?} → {shown:?}");
    }
    let _ = text.parse::<RunnerUpChoice>();
    let _ = parse_seats(text);
    let _ = parse_jobs(text);
    let _ = parse_count(text);
});
