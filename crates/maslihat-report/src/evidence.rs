//! The verdict on one election from everything published about it: complete counts are
//! recomputed; uncertain figures (printed shares, missing counts, seats alone) become the exact
//! set of outcomes they allow, and the published seats are checked against that set.

use maslihat_analysis::{
    Evidence, Figure, Figures, ImpliedShare, Limits, OutcomeError, OutcomeQuestions, OutcomeSet, PrintedShare,
    Rounding, ShareBound, ShareInterval, Subject, explain_inconsistency,
};
use maslihat_apportion::{Rules, ThresholdBase};
use maslihat_model::election::{OrderBasis, PartyResult, rules_for_order};
use maslihat_model::{
    Agreement, Dataset, Election, NotRecomputable, PartyId, Recomputation, RecomputeError, Status, Verdict,
};

/// Everything the verdict rests on, for one election.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub status: Status,
    /// One sentence saying why, with party names.
    pub why: String,
    /// The lists the vectors below are about, in their order (known lists first, then parties of
    /// the same year that may have run unseen).
    pub parties: Vec<PartyId>,
    /// Lists added as "may have run, nothing known" (a suffix of `parties`).
    pub unseen: usize,
    /// The seats allocated by list, when known.
    pub house: Option<u32>,
    /// The published list seats, when every list's are known.
    pub published: Option<Vec<u32>>,
    /// The figures the outcome set was computed from (none for a recomputation from counts).
    pub figures: Option<Figures>,
    /// The outcomes the figures allow, when computed.
    pub outcomes: Option<OutcomeSet>,
    /// Each list's share interval given the published seats (seats-only and uncertain cases).
    pub implied: Vec<ImpliedShare>,
    /// For an inconsistent election: a smallest set of figures that excludes the published seats
    /// (empty: the rules alone exclude them).
    pub contradiction: Option<Vec<Evidence>>,
    /// Why the outcome set could not be computed exactly, if it could not.
    pub limit: Option<OutcomeError>,
    /// What shares and thresholds are taken of.
    pub base: ThresholdBase,
}

/// The verdict on `election`, given `recomputation` (the recount from complete counts, when the
/// counts allow one).
pub fn assess(
    dataset: &Dataset,
    election: &Election,
    recomputation: &Result<Recomputation, RecomputeError>,
) -> Assessment {
    assess_with(dataset, election, recomputation, &YearParties::of_year(dataset, election.date.year()))
}

/// The parties with a list in each year's elections, in the dataset's order of first
/// appearance: the lists an election whose list set is not complete may have missed. Made once
/// for a run over many elections ([`assess_with`]): found election by election, it cost a scan
/// of the whole year per election, quadratic in the dataset.
#[derive(Debug, Clone, Default)]
pub struct YearParties(std::collections::BTreeMap<u16, Vec<PartyId>>);

impl YearParties {
    /// Every year's parties.
    pub fn of(dataset: &Dataset) -> YearParties {
        YearParties::of_elections(dataset.elections.iter())
    }

    /// One year's parties (what one election's assessment needs).
    pub fn of_year(dataset: &Dataset, year: u16) -> YearParties {
        YearParties::of_elections(dataset.elections.iter().filter(|e| e.date.year() == year))
    }

    fn of_elections<'a>(elections: impl Iterator<Item = &'a Election>) -> YearParties {
        let mut years: std::collections::BTreeMap<u16, Vec<PartyId>> = std::collections::BTreeMap::new();
        let mut seen: std::collections::HashSet<(u16, &PartyId)> = std::collections::HashSet::new();
        for election in elections {
            let year = election.date.year();
            for party in election.lists().filter_map(PartyResult::party) {
                if seen.insert((year, party)) {
                    years.entry(year).or_default().push(party.clone());
                }
            }
        }
        YearParties(years)
    }

    fn of_election(&self, election: &Election) -> &[PartyId] {
        self.0.get(&election.date.year()).map_or(&[], Vec::as_slice)
    }
}

/// [`assess`] with the parties of the years made once for the whole run.
pub fn assess_with(
    dataset: &Dataset,
    election: &Election,
    recomputation: &Result<Recomputation, RecomputeError>,
    year_parties: &YearParties,
) -> Assessment {
    match recomputation {
        Ok(recomputation) => return from_counts(dataset, election, recomputation),
        Err(RecomputeError::Alloc(err)) => return no_lawful_allocation(election, err),
        Err(_) => {}
    }
    let lists = Lists::of(year_parties, election);
    let house = house(election, &lists);
    let published = published_seats(&lists, house);
    let name_year = Some(election.date.year());
    let names = |parties: &[PartyId]| -> Vec<String> {
        parties
            .iter()
            .map(|p| dataset.party(p).map_or_else(|| p.to_string(), |p| p.label_in(name_year).to_owned()))
            .collect()
    };
    let mut assessment = Assessment::bare(election, Status::NoData, house, published.clone());
    assessment.unseen = lists.unseen;
    let Some(house) = house else {
        assessment.parties = lists.parties();
        assessment.why = match &published {
            Some(_) => "the number of list seats is not known".to_owned(),
            None => "neither the number of list seats nor the seats of the lists were published".to_owned(),
        };
        return assessment;
    };
    let figures = lists.figures(election);
    let has_vote_figure = lists.has_vote_figure() || !figures.valid_ballots.is_empty();
    assessment.parties = lists.parties();
    if published.is_none() && !has_vote_figure {
        assessment.why = "neither the seats of the lists nor any vote figure were published".to_owned();
        return assessment;
    }
    let rules = rules_for(election, &lists);
    let limits = Limits::default();
    let names = names(&assessment.parties);
    match &published {
        Some(seats) => judge_published(&mut assessment, &figures, house, &rules, seats, &limits, &names),
        None => judge_unpublished(&mut assessment, &figures, house, &rules, &limits, &names),
    }
    assessment.figures = Some(figures);
    assessment
}

/// Complete counts under which the rules give no allocation: published seats cannot follow
/// from them.
fn no_lawful_allocation(election: &Election, err: &maslihat_apportion::AllocError) -> Assessment {
    let recount = election.recount().ok();
    let published = recount.as_ref().and_then(|r| {
        r.parties.iter().map(|p| election.result(p).and_then(|res| single(res.list_seats.agreement()))).collect()
    });
    let status = if published.is_some() { Status::Inconsistent } else { Status::NotPublished };
    let mut assessment = Assessment::bare(election, status, recount.as_ref().map(|r| r.house), published);
    assessment.why = format!("the complete vote counts give no lawful allocation: {err}");
    assessment.parties = recount.map(|r| r.parties).unwrap_or_default();
    assessment
}

/// A recomputation from complete counts: the existing recount decides.
fn from_counts(dataset: &Dataset, election: &Election, recomputation: &Recomputation) -> Assessment {
    let year = Some(election.date.year());
    let name = |p: &PartyId| dataset.party(p).map_or_else(|| p.to_string(), |p| p.label_in(year).to_owned());
    let (status, why) = match &recomputation.verdict {
        Verdict::Matches => (Status::Match, "recomputed from the complete vote counts; equal to the published seats".to_owned()),
        Verdict::PartlyPublished => (
            Status::Match,
            "recomputed from the complete vote counts; equal to the seats published for some of the lists (the others' \
             were not published)"
                .to_owned(),
        ),
        Verdict::NotPublished => {
            (Status::NotPublished, "no list seats were published; the complete vote counts determine them".to_owned())
        }
        Verdict::Differs { lists, documented } => {
            let which: Vec<String> = lists
                .iter()
                .map(|d| format!("{} {} published, {} recomputed", name(&d.party), join(&d.published), d.recomputed))
                .collect();
            let documented = if *documented { " (a documented discrepancy)" } else { "" };
            (Status::Mismatch, format!("the complete vote counts give other seats than published: {}{documented}", which.join("; ")))
        }
    };
    let published = recomputation
        .published
        .iter()
        .map(|p| if p.len() == 1 { Some(p[0]) } else { None })
        .collect::<Option<Vec<u32>>>();
    let mut assessment = Assessment::bare(election, status, Some(recomputation.recount.house), published);
    assessment.why = why;
    assessment.parties.clone_from(&recomputation.recount.parties);
    assessment
}

fn join(values: &[u32]) -> String {
    values.iter().map(u32::to_string).collect::<Vec<_>>().join(" or ")
}

fn judge_published(
    assessment: &mut Assessment,
    figures: &Figures,
    house: u32,
    rules: &Rules,
    seats: &[u32],
    limits: &Limits,
    names: &[String],
) {
    let seats_only = figures.lists.iter().all(|l| l.figures.iter().all(|f| *f == Figure::Unknown));
    // One set of questions: the threshold cases and configurations are worked out once for all.
    let questions = OutcomeQuestions::new(figures, house, rules);
    let set = if seats_only { None } else { Some(questions.outcome_set(limits)) };
    match set {
        Some(Ok(set)) => {
            let found = set.find(seats).is_some();
            assessment.status = match (set.determined(), found) {
                (true, true) => Status::DeterminedMatch,
                (true, false) => Status::Mismatch,
                (false, true) => Status::Consistent,
                (false, false) => Status::Inconsistent,
            };
            assessment.why = match assessment.status {
                Status::DeterminedMatch => {
                    "the published figures leave room in the votes, but every count they allow gives the published seats"
                        .to_owned()
                }
                Status::Mismatch => format!(
                    "the published figures determine the seats, and they differ from the published ones: {}",
                    seat_words(&set.outcomes[0].seats, names)
                ),
                Status::Consistent => format!(
                    "the published figures allow {} outcomes, the published seats among them",
                    set.outcomes.len()
                ),
                _ => format!(
                    "no vote counts consistent with the published figures give the published seats; the figures allow {}",
                    set.outcomes.iter().map(|o| seat_words(&o.seats, names)).collect::<Vec<_>>().join(" or ")
                ),
            };
            assessment.outcomes = Some(set);
        }
        Some(Err(err)) => {
            // The whole set is out of reach: the published seats alone can still be checked.
            check_one(assessment, &questions, seats, limits);
            assessment.why = format!("{}; {}", assessment.why, err);
            assessment.limit = Some(err);
        }
        None => {
            check_one(assessment, &questions, seats, limits);
        }
    }
    if assessment.status == Status::Inconsistent {
        match explain_inconsistency(figures, house, rules, Some(seats), limits) {
            Ok(found) => assessment.contradiction = found,
            Err(err) => assessment.limit = Some(err),
        }
    }
    if matches!(assessment.status, Status::DeterminedMatch | Status::Consistent) {
        match questions.implied_shares(seats, limits) {
            Ok(Some(implied)) => assessment.implied = implied,
            Ok(None) => {}
            Err(err) => assessment.limit = Some(err),
        }
    }
}

/// Whether the published seats alone are possible (seats only, or when the whole set is out of
/// reach).
fn check_one(assessment: &mut Assessment, questions: &OutcomeQuestions<'_>, seats: &[u32], limits: &Limits) {
    match questions.outcome_for(seats, limits) {
        Ok(Some(_)) => {
            assessment.status = Status::Consistent;
            assessment.why = "no vote count was published; the published seats are possible under the rules, for the \
                              shares shown below"
                .to_owned();
        }
        Ok(None) => {
            assessment.status = Status::Inconsistent;
            assessment.why = "no vote counts give the published seats under the election's rules".to_owned();
        }
        Err(err) => {
            assessment.status = Status::Consistent;
            assessment.why = format!("whether the published seats are possible was not decided: {err}");
            assessment.limit = Some(err);
        }
    }
}

fn judge_unpublished(
    assessment: &mut Assessment,
    figures: &Figures,
    house: u32,
    rules: &Rules,
    limits: &Limits,
    names: &[String],
) {
    assessment.status = Status::NotPublished;
    match OutcomeQuestions::new(figures, house, rules).outcome_set(limits) {
        Ok(set) => {
            assessment.why = match set.outcomes.len() {
                0 => "no seats were published, and the published figures contradict each other".to_owned(),
                1 => format!(
                    "no seats were published; the published figures determine them: {}",
                    seat_words(&set.outcomes[0].seats, names)
                ),
                n => format!("no seats were published; the published figures allow {n} outcomes"),
            };
            assessment.outcomes = Some(set);
        }
        Err(err) => {
            assessment.why = format!("no seats were published; the outcome set was not computed: {err}");
            assessment.limit = Some(err);
        }
    }
}

/// Seats in words: `Nur Otan 27, Ak Zhol 2` (lists with seats only).
pub fn seat_words(seats: &[u32], names: &[String]) -> String {
    let words: Vec<String> =
        seats.iter().zip(names).filter(|(s, _)| **s > 0).map(|(s, name)| format!("{name} {s}")).collect();
    if words.is_empty() { "no seats".to_owned() } else { words.join(", ") }
}

/// The lists of an election as the outcome set sees them.
struct Lists<'a> {
    known: Vec<&'a PartyResult>,
    /// Parties of the same year's elections that are not among the known lists, when the known
    /// lists are not known to be all: they may have run with votes nobody published.
    extra: Vec<PartyId>,
    unseen: usize,
    order: ListOrder,
}

/// How the known lists are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListOrder {
    /// By the registration order the data gives for every list.
    Registration,
    /// In the order of the source (registration unknown): a tie is reported, never settled.
    Source,
}

impl<'a> Lists<'a> {
    fn of(year_parties: &YearParties, election: &'a Election) -> Lists<'a> {
        let mut known: Vec<&PartyResult> = election.lists().collect();
        let registered = known.iter().all(|r| r.registration.value().is_some()) && !known.is_empty();
        let order = if registered { ListOrder::Registration } else { ListOrder::Source };
        if order == ListOrder::Registration {
            known.sort_by_key(|r| r.registration.value().copied());
        }
        // The year's other parties, in the order they first appear in the dataset.
        let extra = if election.lists_complete == Some(true) {
            Vec::new()
        } else {
            let known_party = |party: &PartyId| known.iter().any(|r| r.party() == Some(party));
            year_parties.of_election(election).iter().filter(|p| !known_party(p)).cloned().collect()
        };
        let unseen = extra.len();
        Lists { known, extra, unseen, order }
    }

    fn parties(&self) -> Vec<PartyId> {
        self.known.iter().filter_map(|r| r.party().cloned()).chain(self.extra.iter().cloned()).collect()
    }

    fn has_vote_figure(&self) -> bool {
        self.known.iter().any(|r| !r.votes.is_unknown() || !r.printed_share.is_unknown())
    }

    /// The figures: per list its count (or the range of conflicting counts) and its printed share
    /// (when its count is unknown, or as a second figure); "against all" as published (unknown
    /// when it was on the ballot and not published); valid ballots when published, or at most
    /// the ballots cast.
    fn figures(&self, election: &Election) -> Figures {
        let mut lists: Vec<Figure> = Vec::new();
        for result in &self.known {
            lists.push(count_figure(result));
        }
        lists.extend(self.extra.iter().map(|_| Figure::Unknown));
        let mut figures = Figures::new(lists);
        for (i, result) in self.known.iter().enumerate() {
            if let Some(share) = share_figure(result) {
                if figures.lists[i].figures == [Figure::Unknown] {
                    figures.lists[i].figures.clear();
                }
                figures = figures.with(Subject::List(i), share);
            }
        }
        figures = match election.against_all.agreement() {
            Agreement::Agreed(n) => figures.with_against_all(Figure::Exact { count: *n }),
            _ if election.has_against_all() => figures.with_against_all(Figure::Unknown),
            _ => figures,
        };
        figures = match election.invalid_ballots.agreement() {
            Agreement::Agreed(n) => figures.with_invalid(Figure::Exact { count: *n }),
            _ => figures.with_invalid(Figure::Unknown),
        };
        match (election.valid_ballots.agreement(), election.ballots_cast.agreement()) {
            (Agreement::Agreed(n), _) => figures.with(Subject::ValidBallots, Figure::Exact { count: *n }),
            (_, Agreement::Agreed(cast)) => figures.with(Subject::ValidBallots, Figure::Range { lo: 0, hi: *cast }),
            _ => figures,
        }
    }
}

fn count_figure(result: &PartyResult) -> Figure {
    let values = result.votes.distinct();
    match (values.iter().min(), values.iter().max()) {
        (Some(lo), Some(hi)) if lo == hi => Figure::Exact { count: **lo },
        (Some(lo), Some(hi)) => Figure::Range { lo: **lo, hi: **hi },
        _ => Figure::Unknown,
    }
}

/// A list's printed share, rounded to its printed digits, of the valid ballots.
fn share_figure(result: &PartyResult) -> Option<Figure> {
    let Agreement::Agreed(share) = result.printed_share.printed_agreement() else {
        return None;
    };
    let text = format!("{share}%");
    let figure: Figure = text.parse().ok()?;
    match figure {
        Figure::Share(printed) => {
            Some(Figure::Share(PrintedShare { rounding: Rounding::Round, base: ThresholdBase::Valid, ..printed }))
        }
        _ => None,
    }
}

/// The seats allocated by list: as published, or the sum of the published seats when every
/// known list has them and no other list can have run.
fn house(election: &Election, lists: &Lists<'_>) -> Option<u32> {
    match election.house() {
        Ok(house) => Some(house),
        Err(NotRecomputable::UnknownListSeats { .. }) if lists.extra.is_empty() => {
            lists.known.iter().map(|r| single(r.list_seats.agreement())).sum::<Option<u32>>()
        }
        Err(_) => None,
    }
}

/// The published seats, one per list, or `None` when any is disputed or unknown. A list whose
/// seats were not published had none when the published seats of the others fill the house
/// (lists that ran without a seat figure, and lists that may have run unseen).
fn published_seats(lists: &Lists<'_>, house: Option<u32>) -> Option<Vec<u32>> {
    let known: Vec<Option<u32>> = lists
        .known
        .iter()
        .map(|r| match r.list_seats.agreement() {
            Agreement::Agreed(v) => Ok(Some(*v)),
            Agreement::Unknown => Ok(None),
            Agreement::Conflict => Err(()),
        })
        .collect::<Result<_, ()>>()
        .ok()?;
    if known.iter().all(Option::is_none) {
        return None;
    }
    let total: u32 = known.iter().flatten().sum();
    let filled = Some(total) == house;
    if !filled && (known.iter().any(Option::is_none) || !lists.extra.is_empty()) {
        return None;
    }
    Some(known.into_iter().map(|s| s.unwrap_or(0)).chain(lists.extra.iter().map(|_| 0)).collect())
}

fn single(agreement: Agreement<'_, u32>) -> Option<u32> {
    match agreement {
        Agreement::Agreed(v) => Some(*v),
        _ => None,
    }
}

/// The election's rules; when the registration order is not known for every list, a tie is
/// reported rather than settled by the source's order.
fn rules_for(election: &Election, lists: &Lists<'_>) -> Rules {
    let known = lists.order == ListOrder::Registration && lists.extra.is_empty();
    let order = if known { OrderBasis::Registration } else { OrderBasis::RowOrder };
    rules_for_order(election.rules(), order)
}

impl Assessment {
    /// `status` with nothing computed yet: no reason, lists, figures or outcomes.
    fn bare(election: &Election, status: Status, house: Option<u32>, published: Option<Vec<u32>>) -> Assessment {
        Assessment {
            status,
            why: String::new(),
            parties: Vec::new(),
            unseen: 0,
            house,
            published,
            figures: None,
            outcomes: None,
            implied: Vec::new(),
            contradiction: None,
            limit: None,
            base: election.rules().threshold_base,
        }
    }

    /// The verdict and what it rests on, as lines of plain text (`names` in the order of
    /// [`Assessment::parties`]): the verdict, the figures used, the outcomes, each list's share
    /// interval, the figures that contradict the published seats, and any bound reached.
    pub fn describe(&self, names: &[String]) -> Vec<String> {
        let mut lines = vec![format!("verdict: {} — {}", self.status.words(), self.why)];
        if let Some(figures) = &self.figures {
            lines.push("figures used:".to_owned());
            lines.extend(figure_lines(figures, names, self.unseen));
        }
        if let Some(set) = &self.outcomes
            && set.outcomes.len() > 1
        {
            lines.push(format!("outcomes the figures allow ({}):", set.outcomes.len()));
            for outcome in &set.outcomes {
                let tie = if outcome.through_tie { "; only through a tie" } else { "" };
                let votes: Vec<String> = outcome.example_votes.iter().map(u64::to_string).collect();
                lines.push(format!("  {} (e.g. votes {}{tie})", seat_words(&outcome.seats, names), votes.join(", ")));
            }
        }
        if !self.implied.is_empty() {
            lines.push("the shares the published seats imply:".to_owned());
            for implied in &self.implied {
                lines.push(format!("  {}", implied_words(implied, names, self.base)));
            }
        }
        match &self.contradiction {
            Some(found) if found.is_empty() => {
                lines.push("the rules alone exclude the published seats, whatever the votes".to_owned());
            }
            Some(found) => {
                let words: Vec<String> = found.iter().map(|e| evidence_words(e, names)).collect();
                lines.push(format!("figures that together exclude the published seats: {}", words.join("; ")));
            }
            None => {}
        }
        if let Some(limit) = &self.limit {
            lines.push(format!("not decided exactly: {limit}"));
        }
        lines
    }
}

/// One line per list with its figures, then the ballots that are not lists.
fn figure_lines(figures: &Figures, names: &[String], unseen: usize) -> Vec<String> {
    let seen = figures.lists.len().saturating_sub(unseen);
    let mut lines = Vec::new();
    for (i, list) in figures.lists.iter().enumerate() {
        let words: Vec<String> = list.figures.iter().map(figure_words).collect();
        let note = if i >= seen { " (may have run; nothing published)" } else { "" };
        lines.push(format!("  {}: {}{note}", names.get(i).map_or("?", String::as_str), words.join(" and ")));
    }
    for (what, values) in [("against all", &figures.against_all), ("valid ballots", &figures.valid_ballots)] {
        if values.is_empty() || values.iter().all(|f| *f == Figure::Exact { count: 0 }) {
            continue;
        }
        let words: Vec<String> = values.iter().map(figure_words).collect();
        lines.push(format!("  {what}: {}", words.join(" and ")));
    }
    lines
}

fn figure_words(figure: &Figure) -> String {
    match figure {
        Figure::Exact { count } => format!("{count} votes"),
        Figure::Range { lo, hi } => format!("{lo} to {hi} votes"),
        Figure::Share(share) => format!("{share} printed (rounded, of valid ballots)"),
        Figure::Unknown => "votes unknown".to_owned(),
    }
}

fn evidence_words(evidence: &Evidence, names: &[String]) -> String {
    match evidence {
        Evidence::Figure { subject, figure } => {
            let of = match subject {
                Subject::List(i) => names.get(*i).cloned().unwrap_or_else(|| format!("list {}", i + 1)),
                Subject::AgainstAll => "against all".to_owned(),
                Subject::Invalid => "invalid ballots".to_owned(),
                Subject::ValidBallots => "valid ballots".to_owned(),
            };
            format!("{of}: {}", figure_words(figure))
        }
        Evidence::BelowThreshold { list } => {
            format!("{} fell below the threshold", names.get(*list).map_or("?", String::as_str))
        }
    }
}

/// `Nur Otan: from 74.34 % to under 78.29 % of the lists that passed (69.14 % to 78.29 % of
/// the valid ballots)`.
fn implied_words(implied: &ImpliedShare, names: &[String], base: ThresholdBase) -> String {
    let name = names.get(implied.list).map_or("?", String::as_str);
    let of_base = interval_words(&implied.of_base);
    let base = match base {
        ThresholdBase::Valid => "the valid ballots",
        ThresholdBase::Lists => "the list votes",
        ThresholdBase::Cast => "the ballots cast",
    };
    match &implied.of_participants {
        Some(part) => format!("{name}: {} of the lists that took part ({of_base} of {base})", interval_words(part)),
        None => format!("{name}: {of_base} of {base} (below the threshold)"),
    }
}

fn interval_words(interval: &ShareInterval) -> String {
    let bound = |b: &ShareBound, open: &str| {
        let word = if interval.exact && !b.attained { open } else { "" };
        format!("{word}{} %", b.value.percent(2))
    };
    format!("from {} to {}", bound(&interval.low, "over "), bound(&interval.high, "under "))
}

#[cfg(test)]
mod year_parties_tests {
    use super::*;

    /// The lists an election may have missed, found as they were before the years' parties were
    /// made once: a scan of every election of the year.
    fn missed_by_scan(dataset: &Dataset, election: &Election) -> Vec<PartyId> {
        let known: Vec<&PartyResult> = election.lists().collect();
        let mut parties: Vec<PartyId> = Vec::new();
        for other in dataset.elections.iter().filter(|e| e.date.year() == election.date.year()) {
            for party in other.lists().filter_map(PartyResult::party) {
                if !known.iter().any(|r| r.party() == Some(party)) && !parties.contains(party) {
                    parties.push(party.clone());
                }
            }
        }
        parties
    }

    /// On the bundled dataset, with each election's list set taken as incomplete (so every
    /// election is asked), the years' parties made once give every election the lists the scan
    /// gives, in its order; so do one year's parties.
    #[test]
    fn the_years_parties_made_once_are_the_scan() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
        let mut dataset = maslihat_ingest::load(&dir).expect("the bundled datasets load").dataset;
        for election in &mut dataset.elections {
            election.lists_complete = None;
        }
        let all = YearParties::of(&dataset);
        let mut asked = 0;
        for election in &dataset.elections {
            let scan = missed_by_scan(&dataset, election);
            let year = YearParties::of_year(&dataset, election.date.year());
            assert_eq!(Lists::of(&all, election).extra, scan, "{}", election.id);
            assert_eq!(Lists::of(&year, election).extra, scan, "{}", election.id);
            asked += usize::from(!scan.is_empty());
        }
        assert!(asked > 10, "the dataset's elections miss some parties of their year: {asked}");
    }
}
