//! The check every outcome passes: its example votes satisfy every figure, and the core turns
//! them into its seats (under a lot seed found for it when it needs a tie).

use maslihat_apportion::{AllocError, Rules, Tally, TiePolicy, allocate};

use super::{Evidence, Figure, Figures, OutcomeError, SeatOutcome, Subject};

/// How many lot seeds are tried to reproduce an outcome that needs a tie settled one way.
const SEED_TRIES: u64 = 20_000;

/// Whether a count meets a figure, `base` being the count of the figure's share base.
fn admits(figure: &Figure, count: u64, base_of: impl Fn(maslihat_apportion::ThresholdBase) -> u128) -> bool {
    match *figure {
        Figure::Exact { count: exact } => count == exact,
        Figure::Range { lo, hi } => (lo..=hi).contains(&count),
        Figure::Unknown => true,
        Figure::Share(share) => {
            let (low, high, den) = share.bounds();
            let base = i128::try_from(base_of(share.base)).unwrap_or(i128::MAX);
            let scaled = den.saturating_mul(i128::from(count));
            scaled >= low.saturating_mul(base) && scaled < high.saturating_mul(base)
        }
    }
}

/// Confirms a candidate's integer point: figures, then the core.
pub(crate) fn confirm(
    figures: &Figures,
    house: u32,
    rules: &Rules,
    seats: &[u32],
    point: &[u64],
    through_tie: bool,
) -> Result<SeatOutcome, OutcomeError> {
    let n = figures.lists.len();
    let votes = point[..n].to_vec();
    let (against_all, invalid) = (point[n], point[n + 1]);
    let tally = Tally::new(votes.clone()).with_against_all(against_all).with_invalid(invalid);
    let base_of = |base| tally.base(base);
    for item in figures.evidence() {
        let Evidence::Figure { subject, figure } = item else { continue };
        let count = match subject {
            Subject::List(i) => votes[i],
            Subject::AgainstAll => against_all,
            Subject::Invalid => invalid,
            Subject::ValidBallots => {
                u64::try_from(tally.base(maslihat_apportion::ThresholdBase::Valid)).unwrap_or(u64::MAX)
            }
        };
        if !admits(&figure, count, base_of) {
            return Err(OutcomeError::Internal(format!(
                "example votes {votes:?} (against all {against_all}, invalid {invalid}) do not meet the figure \
                 {figure} of {subject:?}"
            )));
        }
    }
    let mismatch = |found: String| {
        OutcomeError::Internal(format!(
            "the core gives {found} for example votes {votes:?} (against all {against_all}, invalid {invalid}), \
             not the outcome {seats:?}"
        ))
    };
    let outcome = |lot_seed| SeatOutcome {
        seats: seats.to_vec(),
        example_votes: votes.clone(),
        against_all,
        invalid,
        through_tie,
        lot_seed,
    };
    if !through_tie {
        return match allocate(&tally, house, rules) {
            Ok(result) if result.seats() == seats => Ok(outcome(None)),
            Ok(result) => Err(mismatch(format!("{:?}", result.seats()))),
            Err(error) => Err(mismatch(error.to_string())),
        };
    }
    if rules.tie_policy == TiePolicy::Error {
        match allocate(&tally, house, rules) {
            Err(AllocError::UnresolvedTie(_)) => {}
            Ok(result) => return Err(mismatch(format!("{:?} without a tie", result.seats()))),
            Err(error) => return Err(mismatch(error.to_string())),
        }
    }
    for seed in 0..SEED_TRIES {
        let lot = Rules { tie_policy: TiePolicy::Lot(seed), ..rules.clone() };
        if allocate(&tally, house, &lot).is_ok_and(|r| r.seats() == seats) {
            return Ok(outcome(Some(seed)));
        }
    }
    Err(mismatch(format!("other seats under lot seeds 0..{SEED_TRIES}")))
}
