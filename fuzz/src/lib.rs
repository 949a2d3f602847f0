//! What the fuzz targets share: rule sets built from fuzzer bytes, so every method (custom
//! divisor sequences too), threshold, base, tie policy and runner-up reading is reached.

use arbitrary::{Arbitrary, Unstructured};
use maslihat_apportion::{
    Method, Percentage, QuotaRounding, Rules, RunnerUp, SeatLimits, Threshold, ThresholdBase, TiePolicy,
};

/// A rule set drawn from the fuzzer's bytes.
#[derive(Debug, Clone)]
pub struct FuzzRules(pub Rules);

impl<'a> Arbitrary<'a> for FuzzRules {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<FuzzRules> {
        let method = arbitrary_method(u)?;
        let threshold = match u.int_in_range(0..=2u8)? {
            0 => Threshold::None,
            1 => Threshold::Votes { votes: u.arbitrary()? },
            _ => {
                let denominator: u64 = u.arbitrary::<u64>()?.max(1);
                let numerator = u.int_in_range(0..=denominator)?;
                Threshold::Percent(
                    Percentage::new(numerator, denominator).map_err(|_| arbitrary::Error::IncorrectFormat)?,
                )
            }
        };
        let threshold_base = *u.choose(&[ThresholdBase::Valid, ThresholdBase::Lists, ThresholdBase::Cast])?;
        let tie_policy = match u.int_in_range(0..=3u8)? {
            0 => TiePolicy::Error,
            1 => TiePolicy::Registration,
            2 => TiePolicy::Votes,
            _ => TiePolicy::Lot(u.arbitrary()?),
        };
        let runner_up = match u.int_in_range(0..=3u8)? {
            0 => None,
            1 => Some(RunnerUp::Admit),
            2 => Some(RunnerUp::AdmitMinTwo),
            _ => Some(RunnerUp::Coefficient),
        };
        let mut rules = Rules { method, threshold, threshold_base, tie_policy, runner_up, ..Rules::default() };
        // The refinements of issue 14, each now and then: seat restrictions, a rounded quota,
        // the Dutch remainder threshold and majority clause.
        if u.ratio(1u8, 4)? {
            let min = u.int_in_range(0..=3u32)?;
            let max = if u.arbitrary()? { Some(u.int_in_range(min..=min + 20)?) } else { None };
            rules.seat_limits = SeatLimits { min, max, base: u.int_in_range(0..=2u32)? };
        }
        if u.ratio(1u8, 4)? {
            rules.quota_rounding = *u.choose(&[QuotaRounding::Down, QuotaRounding::Up, QuotaRounding::Nearest])?;
        }
        if u.ratio(1u8, 8)? {
            let numerator = u.int_in_range(0..=100u64)?;
            rules.remainder_threshold = Percentage::new(numerator, 100).ok();
        }
        rules.majority_clause = u.ratio(1u8, 8)?;
        Ok(FuzzRules(rules))
    }
}

/// A standard method, or a custom divisor sequence of up to 6 strictly increasing divisors
/// with up to 9 decimals (built as text, through the parser users reach).
pub fn arbitrary_method(u: &mut Unstructured<'_>) -> arbitrary::Result<Method> {
    let standard = Method::all_standard();
    let pick = u.int_in_range(0..=standard.len())?;
    if let Some(method) = standard.get(pick) {
        return Ok(method.clone());
    }
    // The divisor families of issue 14, through their parsers.
    match u.int_in_range(0..=3u8)? {
        0 => {
            let q = u.int_in_range(0..=1000u32)?;
            let text = format!("stationary:{}.{:03}", q / 1000, q % 1000);
            return text.parse().map_err(|_| arbitrary::Error::IncorrectFormat);
        }
        1 => {
            let p = *u.choose(&["-8", "-3", "-2", "-1", "0", "1", "2", "3", "8", "inf", "-inf"])?;
            return format!("power-mean:{p}").parse().map_err(|_| arbitrary::Error::IncorrectFormat);
        }
        _ => {}
    }
    let decimals = u.int_in_range(0..=9u32)?;
    let scale = 10u64.pow(decimals);
    let count = u.int_in_range(1..=6usize)?;
    let mut value = 0u64;
    let mut parts = Vec::with_capacity(count);
    for _ in 0..count {
        let step: u32 = u.arbitrary()?;
        value = value.saturating_add(u64::from(step).max(1));
        let (whole, frac) = (value / scale, value % scale);
        parts.push(if decimals == 0 {
            whole.to_string()
        } else {
            format!("{whole}.{frac:0width$}", width = decimals as usize)
        });
    }
    format!("custom:{}", parts.join(",")).parse().map_err(|_| arbitrary::Error::IncorrectFormat)
}
