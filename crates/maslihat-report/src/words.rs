//! The model's reasons in a reader's words: every party named as it was called in the
//! election's year (`Nur Otan` in 2021, `Amanat` in 2023), never by its id.

use maslihat_model::{
    Affiliation, CompositionError, Dataset, DiscrepancyFigure, Election, ElectionFigure, NotRecomputable, PartyId,
    ResultFigure, SourceId,
};
use maslihat_render::report::{DiscrepancyLine, SourceLink};

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

/// A figure of the tables in words: `published list seats`, `printed share of the vote`.
fn figure_words(figure: DiscrepancyFigure) -> &'static str {
    match figure {
        DiscrepancyFigure::Election(figure) => match figure {
            ElectionFigure::TotalSeats => "seats of the mäslihat",
            ElectionFigure::ListSeats => "party-list seats",
            ElectionFigure::DistrictSeats => "district seats",
            ElectionFigure::ListsOnBallot => "lists on the ballot",
            ElectionFigure::RegisteredVoters => "registered voters",
            ElectionFigure::BallotsCast => "ballots cast",
            ElectionFigure::ValidBallots => "valid ballots",
            ElectionFigure::InvalidBallots => "invalid ballots",
            ElectionFigure::AgainstAll => "votes against all",
            ElectionFigure::TurnoutPrinted => "turnout as printed (%)",
        },
        DiscrepancyFigure::Result(figure) => match figure {
            ResultFigure::Registration => "registration number",
            ResultFigure::BallotOrder => "place on the ballot",
            ResultFigure::OnBallot => "on the ballot",
            ResultFigure::Votes => "votes",
            ResultFigure::SharePrinted => "share of the vote as printed (%)",
            ResultFigure::ListSeats => "published list seats",
            ResultFigure::DistrictSeats => "published district seats",
        },
        DiscrepancyFigure::ShareSum => "printed shares added up (%)",
    }
}

/// Every source an election's figures, notes and discrepancies were read from, in the order
/// they first appear (election figures, then each party's, then the discrepancies).
pub(crate) fn sources(dataset: &Dataset, election: &Election) -> Vec<SourceLink> {
    let mut ids: Vec<&SourceId> = Vec::new();
    let e = election;
    let election_figures = [&e.total_seats, &e.list_seats, &e.district_seats, &e.lists_on_ballot]
        .into_iter()
        .flat_map(|f| f.0.iter().map(|s| &s.source))
        .chain(
            [&e.registered_voters, &e.ballots_cast, &e.valid_ballots, &e.invalid_ballots, &e.against_all]
                .into_iter()
                .flat_map(|f| f.0.iter().map(|s| &s.source)),
        )
        .chain(e.turnout_printed.0.iter().map(|s| &s.source))
        .chain(e.figure_notes.iter().map(|s| &s.source));
    let results = e.results.iter().flat_map(|r| {
        r.registration
            .0
            .iter()
            .map(|s| &s.source)
            .chain(r.ballot_order.0.iter().map(|s| &s.source))
            .chain(r.on_ballot.iter())
            .chain(r.list_seats.0.iter().map(|s| &s.source))
            .chain(r.district_seats.0.iter().map(|s| &s.source))
            .chain(r.votes.0.iter().map(|s| &s.source))
            .chain(r.printed_share.0.iter().map(|s| &s.source))
            .chain(r.notes.iter().map(|s| &s.source))
    });
    let others = e.districts.iter().map(|d| &d.source).chain(e.discrepancies.iter().map(|d| &d.source));
    for id in election_figures.chain(results).chain(others) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids.into_iter()
        .map(|id| match dataset.source(id) {
            Some(source) => SourceLink {
                url: source.url.clone(),
                publisher: source.publisher.clone(),
                description: source.description.clone(),
            },
            None => SourceLink { url: String::new(), publisher: id.to_string(), description: String::new() },
        })
        .collect()
}

/// The election's discrepancies, with the parties' names and the sources' publishers.
pub(crate) fn discrepancies(dataset: &Dataset, election: &Election) -> Vec<DiscrepancyLine> {
    election
        .discrepancies
        .iter()
        .map(|d| {
            let figure = figure_words(d.figure);
            let about = match &d.party {
                Some(party) => format!("{}: {figure}", party_name(dataset, election, party)),
                None => figure.to_owned(),
            };
            DiscrepancyLine {
                about,
                value: d.value.to_string(),
                source: dataset.source(&d.source).map_or_else(|| d.source.to_string(), |s| s.publisher.clone()),
                in_tables: d.in_tables,
                note: d.note.clone(),
            }
        })
        .collect()
}
