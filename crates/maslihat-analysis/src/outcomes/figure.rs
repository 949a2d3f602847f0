//! Uncertain figures: an exact count, an interval of counts, a printed share with its
//! precision, or nothing known; and their text form (`83.61%`, `27000..28000`, `?`, `12345`).

use std::fmt;
use std::str::FromStr;

use maslihat_apportion::ThresholdBase;
use serde::Serialize;

/// How a source turned an exact share into the digits it printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// To the nearest, halves up: `7.44` means a share in [7.435 %, 7.445 %). The default.
    #[default]
    Round,
    /// Digits cut off: `7.44` means a share in [7.44 %, 7.45 %).
    Truncate,
}

/// A percentage as printed: `digits / 10^decimals` per cent of `base`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PrintedShare {
    /// The printed digits without the point: `7.44` is 744.
    pub digits: u64,
    /// How many decimals were printed: `7.4` has 1, `7.40` has 2.
    pub decimals: u32,
    pub rounding: Rounding,
    /// What the share is a share of (valid ballots by default).
    pub base: ThresholdBase,
}

/// The most decimals a printed share may have.
pub const MAX_SHARE_DECIMALS: u32 = 6;

impl PrintedShare {
    /// The exact interval of shares (as fractions of one, `[low, high)`) the printed value
    /// stands for: `(low_num, high_num, den)` with `share ∈ [low_num/den, high_num/den)`.
    /// Rounded values have a halved unit, so `den = 2·10^(decimals+2)`.
    pub fn bounds(&self) -> (i128, i128, i128) {
        let unit = 10i128.pow(self.decimals + 2);
        let digits = i128::from(self.digits);
        match self.rounding {
            Rounding::Round => (2 * digits - 1, 2 * digits + 1, 2 * unit),
            Rounding::Truncate => (digits, digits + 1, unit),
        }
    }
}

impl fmt::Display for PrintedShare {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10u64.pow(self.decimals);
        let (whole, frac) = (self.digits / scale, self.digits % scale);
        if self.decimals == 0 {
            write!(f, "{whole}%")
        } else {
            write!(f, "{whole}.{frac:0width$}%", width = self.decimals as usize)
        }
    }
}

/// What is known of one count (a list's votes, "against all", invalid ballots, valid ballots).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Figure {
    /// The count itself.
    Exact { count: u64 },
    /// A count in `lo..=hi`.
    Range { lo: u64, hi: u64 },
    /// A printed percentage.
    Share(PrintedShare),
    /// Nothing is known.
    Unknown,
}

impl Figure {
    /// An exact count.
    pub const fn exact(count: u64) -> Figure {
        Figure::Exact { count }
    }

    /// The same figure with a printed share's base set to `base` (other figures unchanged).
    #[must_use]
    pub fn with_base(self, base: ThresholdBase) -> Figure {
        match self {
            Figure::Share(share) => Figure::Share(PrintedShare { base, ..share }),
            other => other,
        }
    }

    /// The same figure with a printed share's rounding set to `rounding`.
    #[must_use]
    pub fn with_rounding(self, rounding: Rounding) -> Figure {
        match self {
            Figure::Share(share) => Figure::Share(PrintedShare { rounding, ..share }),
            other => other,
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Figure::Exact { count } => write!(f, "{count}"),
            Figure::Range { lo, hi } => write!(f, "{lo}..{hi}"),
            Figure::Share(share) => write!(f, "{share}"),
            Figure::Unknown => f.write_str("?"),
        }
    }
}

/// A figure's text that is not of a known form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, found {found:?}")]
pub struct FigureParseError {
    /// The text as given.
    pub found: String,
    /// What was expected, in words.
    pub expected: &'static str,
}

const EXPECTED: &str = "a vote count (12345), an interval (27000..28000), a printed share (7.44%) or ? for unknown";

impl FromStr for Figure {
    type Err = FigureParseError;

    /// `12345`, `27000..28000` (inclusive), `83.61%` (rounded, of valid ballots: see
    /// [`Figure::with_base`] and [`Figure::with_rounding`]) or `?`. A share's decimals are the
    /// digits as printed: `7.4%` has one, `7.40%` two.
    fn from_str(text: &str) -> Result<Figure, FigureParseError> {
        let trimmed = text.trim();
        let error = |expected| FigureParseError { found: text.to_owned(), expected };
        if trimmed == "?" {
            return Ok(Figure::Unknown);
        }
        if let Some(percent) = trimmed.strip_suffix('%') {
            return parse_share(percent.trim())
                .map(Figure::Share)
                .ok_or_else(|| error("a printed share from 0% to 100% with at most 6 decimals, such as 7.44%"));
        }
        if let Some((lo, hi)) = trimmed.split_once("..") {
            let lo = parse_count(lo.trim()).ok_or_else(|| error(EXPECTED))?;
            let hi = parse_count(hi.trim()).ok_or_else(|| error(EXPECTED))?;
            if lo > hi {
                return Err(error("an interval whose lower end is not above its upper end"));
            }
            return Ok(Figure::Range { lo, hi });
        }
        parse_count(trimmed).map(Figure::exact).ok_or_else(|| error(EXPECTED))
    }
}

fn parse_count(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn parse_share(text: &str) -> Option<PrintedShare> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || (text.contains('.') && frac.is_empty()) {
        return None;
    }
    if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let decimals = u32::try_from(frac.len()).ok().filter(|d| *d <= MAX_SHARE_DECIMALS)?;
    let digits: u64 = format!("{whole}{frac}").parse().ok()?;
    if digits > 100 * 10u64.pow(decimals) {
        return None;
    }
    Some(PrintedShare { digits, decimals, rounding: Rounding::Round, base: ThresholdBase::Valid })
}
