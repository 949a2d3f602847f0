//! Warnings: what the data allows but a reader must know — conflicting sources, printed figures
//! the counts do not give, and elections that cannot be recomputed, with the reason.

use maslihat_apportion::Ratio;
use maslihat_model::election::{Discrepancy, RecomputeError, VoteStatus};
use maslihat_model::figure::Agreement;
use maslihat_model::{
    Dataset, Decimal, DiscrepancyFigure, Election, ElectionFigure, Figure, PartyId, ResultFigure, SourceId, Verdict,
};

use crate::error::{Position, Warning, WarningKind};
use crate::lines::Lines;

/// Every warning, election by election.
pub(crate) fn warnings(dataset: &Dataset, lines: &Lines) -> Vec<Warning> {
    let mut out = Vec::new();
    for election in &dataset.elections {
        let mut push = |position: Position, kind: WarningKind| {
            out.push(Warning { position, election: election.id.clone(), kind });
        };
        conflicts(election, lines, &mut push);
        shares(election, lines, &mut push);
        share_sum(election, lines, &mut push);
        turnout(election, lines, &mut push);
        lists_on_ballot(election, lines, &mut push);
        recomputation(election, lines, &mut push);
    }
    out
}

/// A discrepancy about a party's printed share.
const SHARE: DiscrepancyFigure = DiscrepancyFigure::Result(ResultFigure::SharePrinted);

type Push<'a> = dyn FnMut(Position, WarningKind) + 'a;

fn discrepancy(election: &Election, party: Option<&PartyId>, figure: DiscrepancyFigure) -> Option<String> {
    election
        .discrepancies
        .iter()
        .find(|d: &&Discrepancy| d.party.as_ref() == party && d.figure == figure)
        .map(|d| d.id.clone())
}

/// The distinct values of a figure with the sources of each.
fn values<T: PartialEq + ToString>(figure: &Figure<T>) -> Vec<(String, Vec<SourceId>)> {
    let mut out: Vec<(String, Vec<SourceId>)> = Vec::new();
    for sourced in &figure.0 {
        let text = sourced.value.to_string();
        match out.iter_mut().find(|(v, _)| *v == text) {
            Some((_, sources)) => sources.push(sourced.source.clone()),
            None => out.push((text, vec![sourced.source.clone()])),
        }
    }
    out
}

fn conflicts(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    let id = &election.id;
    let mut report = |party: Option<&PartyId>, figure: DiscrepancyFigure, values, position| {
        let discrepancy = discrepancy(election, party, figure);
        push(position, WarningKind::Conflict { party: party.cloned(), figure: figure.name(), values, discrepancy });
    };
    let counts = [
        (ElectionFigure::TotalSeats, values_if_conflict(&election.total_seats)),
        (ElectionFigure::ListSeats, values_if_conflict(&election.list_seats)),
        (ElectionFigure::DistrictSeats, values_if_conflict(&election.district_seats)),
        (ElectionFigure::ListsOnBallot, values_if_conflict(&election.lists_on_ballot)),
        (ElectionFigure::RegisteredVoters, values_if_conflict(&election.registered_voters)),
        (ElectionFigure::BallotsCast, values_if_conflict(&election.ballots_cast)),
        (ElectionFigure::ValidBallots, values_if_conflict(&election.valid_ballots)),
        (ElectionFigure::InvalidBallots, values_if_conflict(&election.invalid_ballots)),
        (ElectionFigure::AgainstAll, values_if_conflict(&election.against_all)),
        (ElectionFigure::TurnoutPrinted, printed_values_if_conflict(&election.turnout_printed)),
    ];
    for (figure, conflict) in counts {
        if let Some(values) = conflict {
            report(None, DiscrepancyFigure::Election(figure), values, lines.figure(id, figure));
        }
    }
    for result in &election.results {
        let Some(party) = result.party() else { continue };
        let figures = [
            (ResultFigure::Registration, values_if_conflict(&result.registration)),
            (ResultFigure::BallotOrder, values_if_conflict(&result.ballot_order)),
            (ResultFigure::ListSeats, values_if_conflict(&result.list_seats)),
            (ResultFigure::DistrictSeats, values_if_conflict(&result.district_seats)),
            (ResultFigure::Votes, values_if_conflict(&result.votes)),
            (ResultFigure::SharePrinted, printed_values_if_conflict(&result.printed_share)),
        ];
        for (figure, conflict) in figures {
            if let Some(values) = conflict {
                let position = lines.result(election, party, figure);
                report(Some(party), DiscrepancyFigure::Result(figure), values, position);
            }
        }
    }
}

/// The values of a figure whose sources disagree.
fn values_if_conflict<T: PartialEq + ToString>(figure: &Figure<T>) -> Option<Vec<(String, Vec<SourceId>)>> {
    (figure.agreement() == Agreement::Conflict).then(|| values(figure))
}

/// The values of a printed percentage whose sources disagree beyond its printing.
fn printed_values_if_conflict(figure: &Figure<Decimal>) -> Option<Vec<(String, Vec<SourceId>)>> {
    (figure.printed_agreement() == Agreement::Conflict).then(|| values(figure))
}

/// The threshold base of a complete election: list votes, plus "against all" when known.
fn base(election: &Election) -> Option<u64> {
    if election.vote_status() != VoteStatus::Complete {
        return None;
    }
    let lists: u64 = election.lists().filter_map(|r| r.votes.value()).sum();
    let against = if election.has_against_all() { election.against_all.value().copied() } else { None };
    lists.checked_add(against.unwrap_or(0))
}

fn shares(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    let Some(base) = base(election) else { return };
    if election.has_against_all() && election.against_all.is_unknown() {
        push(lines.election(&election.id), WarningKind::AgainstAllUnknown);
    }
    for result in election.lists() {
        let (Some(party), Some(votes)) = (result.party(), result.votes.value()) else { continue };
        for printed in &result.printed_share.0 {
            if printed.value.is_percent_of(u128::from(*votes), u128::from(base)) {
                continue;
            }
            let places = u32::from(printed.value.scale()).max(1) + 1;
            let kind = WarningKind::Share {
                party: party.clone(),
                source_id: printed.source.clone(),
                printed: printed.value,
                computed: percent_of(u128::from(*votes), u128::from(base), places),
                votes: *votes,
                base,
                discrepancy: discrepancy(election, Some(party), SHARE),
            };
            push(lines.result(election, party, ResultFigure::SharePrinted), kind);
        }
    }
}

/// Printed shares of a complete list set add up to 100, or 100 minus the "against all" share
/// when it was on the ballot, within the sum of their half-units.
fn share_sum(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    if election.lists_complete != Some(true) {
        return;
    }
    let mut printed: Vec<Decimal> = Vec::new();
    for result in election.lists() {
        match result.printed_share.printed_agreement() {
            Agreement::Agreed(value) => printed.push(*value),
            _ => return,
        }
    }
    if printed.is_empty() {
        return;
    }
    let (against, base) = if election.has_against_all() {
        match (election.against_all.value(), base(election)) {
            (Some(against), Some(base)) if base > 0 => (u128::from(*against), u128::from(base)),
            _ => return,
        }
    } else {
        (0u128, 1u128)
    };
    let scale = printed.iter().map(|d| d.scale()).max().unwrap_or(0);
    let at = |d: Decimal, s: u8| u128::from(d.units()) * 10u128.pow(u32::from(s - d.scale()));
    // Everything in units of 10^-(scale+1) per cent, times the base.
    let sum: u128 = printed.iter().map(|d| at(*d, scale)).sum();
    let tolerance: u128 = printed.iter().map(|d| 5 * 10u128.pow(u32::from(scale - d.scale()))).sum();
    let unit = 10u128.pow(u32::from(scale) + 1);
    let expected = (100 * unit * base).saturating_sub(100 * unit * against);
    if (sum * 10 * base).abs_diff(expected) <= tolerance * base {
        return;
    }
    let expected = if election.has_against_all() {
        format!("{} (100 minus {} % against all)", percent_of(base - against, base, 2), percent_of(against, base, 2))
    } else {
        "100".to_owned()
    };
    let (mut tolerance, mut tolerance_scale) = (tolerance, scale + 1);
    while tolerance_scale > 0 && tolerance % 10 == 0 {
        (tolerance, tolerance_scale) = (tolerance / 10, tolerance_scale - 1);
    }
    let decimal = |units: u128, scale| u64::try_from(units).ok().and_then(|u| Decimal::new(u, scale));
    let (Some(sum), Some(tolerance)) = (decimal(sum, scale), decimal(tolerance, tolerance_scale)) else { return };
    let kind = WarningKind::ShareSum {
        sum,
        expected,
        tolerance,
        discrepancy: discrepancy(election, None, DiscrepancyFigure::ShareSum),
    };
    let first = election.lists().find_map(|r| r.party().cloned());
    let position = match first {
        Some(party) => lines.result(election, &party, ResultFigure::SharePrinted),
        None => lines.election(&election.id),
    };
    push(position, kind);
}

/// A printed turnout against ballots cast over registered voters from the same source.
fn turnout(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    let from = |figure: &Figure<u64>, source: &SourceId| figure.0.iter().find(|s| &s.source == source).map(|s| s.value);
    for printed in &election.turnout_printed.0 {
        let registered = from(&election.registered_voters, &printed.source);
        let ballots = from(&election.ballots_cast, &printed.source);
        let (Some(registered), Some(ballots)) = (registered, ballots) else { continue };
        if registered == 0 || printed.value.is_percent_of(u128::from(ballots), u128::from(registered)) {
            continue;
        }
        let places = u32::from(printed.value.scale()).max(1) + 1;
        let kind = WarningKind::Turnout {
            source_id: printed.source.clone(),
            printed: printed.value,
            computed: percent_of(u128::from(ballots), u128::from(registered), places),
            ballots,
            registered,
        };
        push(lines.figure(&election.id, ElectionFigure::TurnoutPrinted), kind);
    }
}

/// Fewer lists known than the sources say were on the ballot (more is an error).
fn lists_on_ballot(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    let Some(&on_ballot) = election.lists_on_ballot.value() else { return };
    let lists = election.lists().count() as u64;
    if lists < u64::from(on_ballot) {
        push(
            lines.figure(&election.id, ElectionFigure::ListsOnBallot),
            WarningKind::FewerListsThanOnBallot { lists, on_ballot },
        );
    }
}

fn recomputation(election: &Election, lines: &Lines, push: &mut Push<'_>) {
    let position = lines.election(&election.id);
    match election.recompute() {
        Ok(recomputation) => {
            if let Verdict::Differs { lists, .. } = recomputation.verdict {
                push(position, WarningKind::SeatsDiffer { differences: lists });
            }
        }
        Err(RecomputeError::NotRecomputable(reason)) => push(position, WarningKind::NotRecomputable { reason }),
        Err(e) => push(position, WarningKind::AllocationFailed { message: e.to_string() }),
    }
}

/// `num / den` as a percentage with `places` decimals; `-` for a zero base (no share to show).
fn percent_of(num: u128, den: u128, places: u32) -> String {
    Ratio::new(num, den).map_or_else(|_| "-".to_owned(), |ratio| ratio.percent(places))
}
