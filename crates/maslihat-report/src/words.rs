//! The model's reasons in a reader's words: every party named as it was called in the
//! election's year (`Nur Otan` in 2021, `Amanat` in 2023), never by its id.

use maslihat_model::{Affiliation, CompositionError, Dataset, Election, NotRecomputable, PartyId};

/// The name of `party` in the year of `election`.
pub(crate) fn party_name(dataset: &Dataset, election: &Election, party: &PartyId) -> String {
    dataset.label(&Affiliation::Party(party.clone()), Some(election.date.year()))
}

/// `Nur Otan, Ak Zhol and Auyl`.
fn party_names(dataset: &Dataset, election: &Election, parties: &[PartyId]) -> String {
    let names: Vec<String> = parties.iter().map(|p| party_name(dataset, election, p)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// Why an election cannot be recomputed, with its parties' names.
pub(crate) fn not_recomputable(dataset: &Dataset, election: &Election, reason: &NotRecomputable) -> String {
    match reason {
        NotRecomputable::MissingVotes { parties } => {
            format!("the votes of {} are not known", party_names(dataset, election, parties))
        }
        NotRecomputable::ConflictingVotes { parties } => {
            format!("sources disagree on the votes of {}", party_names(dataset, election, parties))
        }
        other => other.to_string(),
    }
}

/// Why the published seats cannot be drawn, with the parties' names.
pub(crate) fn composition_error(dataset: &Dataset, election: &Election, error: &CompositionError) -> String {
    match error {
        CompositionError::UnknownSeats { who, disputed } => format!(
            "the seats of {} are {}",
            dataset.label(who, Some(election.date.year())),
            if *disputed { "disputed" } else { "not known" }
        ),
        other => other.to_string(),
    }
}
