//! The lists taking part in one allocation, as a method sees them, and the settling of a tie
//! among them.

use crate::error::AllocError;
use crate::tie::{TieBreaker, TieStage};

/// The lists taking part in one allocation: participant `i` is list `lists[i]` and weighs
/// `weights[i]`. Built by [`crate::Apportioner`] after the threshold and the runner-up rule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Participants<'a> {
    /// What the method shares seats by: the votes, or the votes ×10 (×7 for the runner-up)
    /// under the runner-up coefficient reading.
    pub weights: &'a [u128],
    /// Each participant's list index in registration order, ascending.
    pub lists: &'a [usize],
    /// Every list's votes (not only the participants'), for the `votes` tie policy.
    pub votes: &'a [u64],
    /// The seats to share, at least 1.
    pub house: u32,
}

impl Participants<'_> {
    /// How many take part.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// The sum of the weights, or an overflow error with `context`.
    pub fn total_weight(&self, context: &'static str) -> Result<u128, AllocError> {
        self.weights.iter().try_fold(0u128, |sum, w| sum.checked_add(*w)).ok_or(AllocError::Overflow { context })
    }

    /// Settles a tie among the participants `tied` (ascending) for `places` places under the
    /// allocation's tie policy, and appends the participants who won to `winners`, ascending.
    pub fn settle_tie(
        &self,
        ties: &mut TieBreaker,
        stage: TieStage,
        tied: &[usize],
        places: u32,
        winners: &mut Vec<usize>,
    ) -> Result<(), AllocError> {
        let tied_lists: Vec<usize> = tied.iter().map(|i| self.lists[*i]).collect();
        let won = ties.settle(stage, &tied_lists, places, self.votes).map_err(AllocError::UnresolvedTie)?;
        winners.extend(tied.iter().copied().filter(|i| won.contains(&self.lists[*i])));
        Ok(())
    }
}
