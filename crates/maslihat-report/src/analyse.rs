//! One election analysed for the report: the recomputation and the model's verdict, the
//! explanation, the vote margins and the seats they make narrow, the disproportionality indices,
//! the what-if tables and the diagrams, gathered into the renderer's [`ElectionReport`].
//!
//! Pure: no I/O.

use maslihat_analysis::{Margins, indices, margins, sweep};
use maslihat_apportion::{Allocation, ListDetail, Method, Procedure, Ratio, Threshold, ThresholdBase, explain};
use maslihat_model::body::ElectoralSystem;
use maslihat_model::{Caveat, Dataset, Election, Recomputation, RecomputeError, Status as ElectionStatus, Verdict};
use maslihat_render::report::diagram::{self, SeatNote};
use maslihat_render::report::{Closest, Counted, ElectionReport, Exact, ListLine, Status, ThresholdBaseLine};
use maslihat_render::text;

use crate::evidence::{YearParties, assess_with};
use crate::words;

/// The thresholds of the what-if table, in whole per cent.
pub const WHAT_IF_THRESHOLDS: [u64; 5] = [0, 3, 5, 7, 10];

/// Analyses one election of `dataset`; `warnings` are the loader's warnings about it, as text.
pub fn analyse(dataset: &Dataset, election: &Election, warnings: Vec<String>) -> ElectionReport {
    analyse_with(dataset, election, warnings, &YearParties::of_year(dataset, election.date.year()))
}

/// [`analyse`] with the parties of the years made once for a run over many elections.
pub fn analyse_with(
    dataset: &Dataset,
    election: &Election,
    warnings: Vec<String>,
    year_parties: &YearParties,
) -> ElectionReport {
    let year = election.date.year();
    let name = dataset.body(&election.body).map_or_else(|| election.body.0.clone(), |b| b.name_in(year).to_owned());
    let recomputation = election.recompute();
    let mut report = ElectionReport {
        id: election.id.0.clone(),
        body: election.body.0.clone(),
        name,
        year,
        date: election.date.to_string(),
        rules: election.profile.name().to_owned(),
        threshold: text::threshold(election.rules().threshold),
        mixed: election.system == ElectoralSystem::Mixed,
        list_seats: election.house().ok(),
        total_seats: election.seats(),
        vote_status: election.vote_status(),
        status: status(dataset, election, &recomputation, year_parties),
        lists: Vec::new(),
        caveats: Vec::new(),
        warnings,
        note: election.note.clone(),
        lists_basis: election.lists_basis.clone(),
        explanation: None,
        quota: None,
        base: None,
        closest: None,
        margin_notes: Vec::new(),
        margins_error: None,
        seat_notes: Vec::new(),
        indices: None,
        methods: Vec::new(),
        thresholds: Vec::new(),
        what_if_names: Vec::new(),
        published: None,
        published_missing: None,
        sources: words::sources(dataset, election),
        discrepancies: words::discrepancies(dataset, election),
        recomputed: None,
    };
    let notes = match &recomputation {
        Ok(rc) => recomputed_parts(dataset, election, rc, &mut report),
        Err(_) => {
            report.lists = data_lists(dataset, election);
            Vec::new()
        }
    };
    match diagram::published(dataset, election, recomputation.as_ref().ok(), &notes) {
        Ok(diagram) => report.published = Some(diagram),
        Err(reason) => report.published_missing = Some(words::composition_error(dataset, election, &reason)),
    }
    report
}

/// Fills in everything that comes from a recomputation; returns the seat notes (tally order).
fn recomputed_parts(
    dataset: &Dataset,
    election: &Election,
    rc: &Recomputation,
    report: &mut ElectionReport,
) -> Vec<SeatNote> {
    let allocation = &rc.allocation;
    let (tally, house, rules) = (&rc.recount.tally, rc.recount.house, &rc.rules);
    let names = diagram::list_names(dataset, election, rc);
    let found = margins(tally, house, rules);
    let found_margins: Option<&Margins> = found.as_ref().ok();
    match &found {
        Ok(m) => report.margin_notes.clone_from(&m.notes),
        Err(error) => report.margins_error = Some(error.to_string()),
    }
    // The quota in lowest terms, once for every list's remainder.
    let quota_reduced = match &allocation.procedure {
        Procedure::LargestRemainder { quota, .. } => Some(quota.reduced()),
        _ => None,
    };
    report.lists = rc
        .recount
        .parties
        .iter()
        .enumerate()
        .map(|(i, party)| {
            let style = diagram::style_of(dataset, election, party);
            let list = &allocation.lists[i];
            let margin = found_margins.and_then(|m| m.lists.get(i));
            ListLine {
                party: party.0.clone(),
                name: style.name,
                short: style.short,
                colour: style.colour,
                votes: Some(list.votes),
                share: Some(list.share.percent(2)),
                share_printed: false,
                status: Some(list.status),
                recomputed: Some(list.seats),
                published: rc.published.get(i).cloned().unwrap_or_default(),
                remainder: remainder(allocation, quota_reduced, i),
                gain: margin.and_then(|m| m.gain.as_ref()).map(|s| s.votes),
                loss: margin.and_then(|m| m.loss.as_ref()).map(|s| s.votes),
            }
        })
        .collect();
    report.caveats = rc.recount.caveats.iter().map(ToString::to_string).collect();
    report.explanation = Some(explain(allocation, &names));
    let quota = maslihat_analysis::margin_quota(allocation);
    report.quota = (quota.num() > 0).then(|| exact(quota));
    report.base = Some(threshold_base(rc));
    report.closest = found_margins.and_then(|m| m.election.as_ref()).map(|closest| {
        let changes: Vec<String> =
            closest.outcome.changes.iter().map(|c| format!("{} {} → {}", names[c.list], c.before, c.after)).collect();
        let effect = match &closest.outcome.error {
            Some(error) => format!("no allocation left ({error})"),
            None => changes.join(", "),
        };
        Closest {
            ballots: closest.ballots,
            from: rc.recount.parties[closest.from].0.clone(),
            to: rc.recount.parties[closest.to].0.clone(),
            text: format!(
                "{} ballot{} from {} to {}: {effect}",
                closest.ballots,
                if closest.ballots == 1 { "" } else { "s" },
                names[closest.from],
                names[closest.to]
            ),
        }
    });
    let notes = diagram::seat_notes(allocation, found_margins, &names);
    report.seat_notes = notes.iter().map(|n| n.text.clone()).collect();
    report.indices = Some(indices(allocation));
    report.methods = sweep(tally, &Method::all_standard(), &[rules.threshold], &[house], rules);
    let thresholds: Vec<Threshold> = WHAT_IF_THRESHOLDS.iter().filter_map(|t| Threshold::percent(*t).ok()).collect();
    report.thresholds = sweep(tally, std::slice::from_ref(&rules.method), &thresholds, &[house], rules);
    report.recomputed = Some(diagram::recomputed(dataset, election, rc, &notes));
    report.what_if_names = names;
    notes
}

/// An exact value for people: a readable decimal and the reduced fraction.
fn exact(value: Ratio) -> Exact {
    Exact { decimal: text::readable(value, 4), fraction: value.to_string() }
}

/// List `i`'s remainder after whole quotas, as a fraction of one quota: a readable decimal, and
/// the exact fraction over the quota's numerator, one denominator for every list.
/// `quota_reduced` is the largest-remainder quota in lowest terms (`None` for a divisor method).
fn remainder(allocation: &Allocation, quota_reduced: Option<Ratio>, i: usize) -> Option<Exact> {
    let ListDetail::LargestRemainder { remainder, whole_seats, .. } = &allocation.lists.get(i)?.detail else {
        return None;
    };
    let over_quota = quota_reduced.and_then(|quota| {
        let votes = u128::from(allocation.lists[i].votes);
        votes
            .checked_mul(quota.den())
            .zip(u128::from(*whole_seats).checked_mul(quota.num()))
            .and_then(|(votes, whole)| votes.checked_sub(whole))
            .and_then(|num| Ratio::new(num, quota.num()).ok())
            // Equal values (`Ratio` compares by cross-multiplication, reduced or not).
            .filter(|common| common == remainder)
            .map(|common| format!("{}/{}", common.num(), common.den()))
    });
    Some(Exact { decimal: remainder.decimal(4), fraction: over_quota.unwrap_or_else(|| remainder.to_string()) })
}

/// What the shares are taken of: the threshold base, with "against all" (and invalid ballots)
/// when they count in it.
fn threshold_base(rc: &Recomputation) -> ThresholdBaseLine {
    let allocation = &rc.allocation;
    let share = |votes: u64| {
        Ratio::new(u128::from(votes), allocation.base_votes).map(|r| format!("{} %", r.percent(2))).unwrap_or_default()
    };
    let against_all_unknown = rc.recount.caveats.iter().any(|c| matches!(c, Caveat::AgainstAllUnknown { .. }));
    let base = rc.rules.threshold_base;
    let against_all = matches!(base, ThresholdBase::Valid | ThresholdBase::Cast).then(|| match against_all_unknown {
        true => Counted { votes: None, share: String::new() },
        false => Counted { votes: Some(allocation.against_all), share: share(allocation.against_all) },
    });
    let invalid = (base == ThresholdBase::Cast)
        .then(|| Counted { votes: Some(allocation.invalid), share: share(allocation.invalid) });
    ThresholdBaseLine { name: base.describe().to_owned(), votes: allocation.base_votes, against_all, invalid }
}

/// The lists as the data gives them, for an election that cannot be recomputed.
fn data_lists(dataset: &Dataset, election: &Election) -> Vec<ListLine> {
    election
        .lists()
        .filter_map(|result| {
            let party = result.party()?;
            let style = diagram::style_of(dataset, election, party);
            let printed = result.printed_share.printed_agreement();
            let share = match printed {
                maslihat_model::Agreement::Agreed(p) => Some(p.to_string()),
                _ => None,
            };
            Some(ListLine {
                party: party.0.clone(),
                name: style.name,
                short: style.short,
                colour: style.colour,
                votes: result.votes.value().copied(),
                share_printed: share.is_some(),
                share,
                status: None,
                recomputed: None,
                published: result.list_seats.distinct().into_iter().copied().collect(),
                remainder: None,
                gain: None,
                loss: None,
            })
        })
        .collect()
}

fn status(
    dataset: &Dataset,
    election: &Election,
    recomputation: &Result<Recomputation, RecomputeError>,
    year_parties: &YearParties,
) -> Status {
    let rc = match recomputation {
        Ok(rc) => rc,
        Err(error) => {
            let assessment = assess_with(dataset, election, recomputation, year_parties);
            let names: Vec<String> =
                assessment.parties.iter().map(|p| words::party_name(dataset, election, p)).collect();
            let mut evidence = assessment.describe(&names);
            evidence.remove(0); // the verdict line: the page shows the status and its reason
            // With nothing to go on, the reason the counts fall short says most.
            let reason = match error {
                RecomputeError::NotRecomputable(reason) if assessment.status == ElectionStatus::NoData => {
                    words::not_recomputable(dataset, election, reason)
                }
                _ => assessment.why.clone(),
            };
            return Status { verdict: assessment.status, documented: false, reason, evidence };
        }
    };
    let lists = rc.recount.parties.len();
    let reason = match &rc.verdict {
        Verdict::Matches => String::new(),
        Verdict::PartlyPublished => {
            let published = rc.published.iter().filter(|p| !p.is_empty()).count();
            format!("seats published for {published} of {lists} lists; those match")
        }
        Verdict::NotPublished => "no list seats were published".to_owned(),
        Verdict::Differs { lists: differences, .. } => {
            let parts: Vec<String> = differences
                .iter()
                .map(|d| {
                    let published: Vec<String> = d.published.iter().map(u32::to_string).collect();
                    let known =
                        d.discrepancy.as_ref().map(|id| format!(" (known discrepancy {id})")).unwrap_or_default();
                    format!(
                        "{} published {} recomputed {}{known}",
                        words::party_name(dataset, election, &d.party),
                        published.join(" or "),
                        d.recomputed
                    )
                })
                .collect();
            parts.join("; ")
        }
    };
    let verdict = match &rc.verdict {
        Verdict::Matches | Verdict::PartlyPublished => ElectionStatus::Match,
        Verdict::Differs { .. } => ElectionStatus::Mismatch,
        Verdict::NotPublished => ElectionStatus::NotPublished,
    };
    let documented = matches!(rc.verdict, Verdict::Differs { documented: true, .. });
    Status { verdict, documented, reason, evidence: Vec::new() }
}
