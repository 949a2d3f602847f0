//! The dataset commands: `list`, `show`, `recompute`, `validate` and `infobox` over a folder
//! in the `datasets/` format.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use maslihat_analysis::{Evidence, ImpliedShare, SeatOutcome};
use maslihat_apportion::explain;
use maslihat_model::Composition;
use maslihat_model::body::{ChangeKind, ElectoralSystem};
use maslihat_model::{Affiliation, Dataset, Election, Maslihat, Recomputation, RecomputeError, Verdict, VoteStatus};
use maslihat_render::text::csv_text;
use maslihat_report::{Assessment, Status, YearParties, assess, assess_with};
use serde::Serialize;

use crate::data::DataArgs;
use crate::exit::Failure;
use crate::output::{Format, columns, print};

/// List the mäslihats with their elections: size, seats per party, whether votes are complete.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only the elections of this year (2021 or 2023).
    #[arg(long)]
    pub year: Option<u16>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Show a mäslihat as a reference work's infobox presents it, with its composition.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The mäslihat: any prefix of its id, English or Kazakh name ("karaganda", "Қарағанды").
    pub name: String,
    /// The election year whose composition to show [default: the latest].
    #[arg(long)]
    pub year: Option<u16>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Recompute an election's list seats and compare them with the published ones.
///
/// The election's own rules are applied, the allocation is explained, and the seats are
/// compared list by list with the published result. Exit 1 when they differ without a
/// documented reason, or when the data does not allow a recomputation (the reason is given).
#[derive(Debug, Args)]
pub struct RecomputeArgs {
    /// The mäslihat (as for `show`).
    pub name: String,
    /// The election year [default: the latest].
    #[arg(long)]
    pub year: Option<u16>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Load a dataset folder and report every problem (file:line:column) and warning.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The folder [default: ./datasets].
    #[arg(value_name = "DIR", default_value = "datasets")]
    pub dir: PathBuf,
}

/// Write a mäslihat's `Infobox legislature` wikitext.
///
/// The composition is rebuilt from the data: every party with its seats, in majority and
/// opposition groups.
#[derive(Debug, Args)]
pub struct InfoboxArgs {
    /// The mäslihat (as for `show`).
    pub name: String,
    /// The election year [default: the latest].
    #[arg(long)]
    pub year: Option<u16>,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Finds a body and one of its elections (the latest, or that of `year`).
fn find<'a>(dataset: &'a Dataset, name: &str, year: Option<u16>) -> Result<(&'a Maslihat, &'a Election), Failure> {
    let body = dataset.find_body(name).map_err(|err| Failure::Input(err.into()))?;
    let election = match year {
        Some(year) => dataset.election_in(&body.id, year),
        None => dataset.last_election(&body.id),
    };
    let election = election.ok_or_else(|| {
        let years: Vec<String> = dataset.elections_of(&body.id).iter().map(|e| e.date.year().to_string()).collect();
        Failure::Input(anyhow::anyhow!(
            "{} has no election{} in the data (elections: {})",
            body.name,
            year.map(|y| format!(" in {y}")).unwrap_or_default(),
            if years.is_empty() { "none".to_owned() } else { years.join(", ") }
        ))
    })?;
    Ok((body, election))
}

/// A holder's short name in `year` (`NO`, `AJ`, `self-nominated`).
fn short(dataset: &Dataset, who: &Affiliation, year: u16) -> String {
    match dataset.party_of(who).and_then(|p| p.name_in(Some(year))) {
        Some(name) => name.short.clone(),
        None => dataset.label(who, Some(year)),
    }
}

/// One line of `maslihat list`.
#[derive(Debug, Serialize)]
struct ListRow {
    election: String,
    maslihat: String,
    year: u16,
    seats: Option<u32>,
    list_seats: Option<u32>,
    /// Seats per party as `NO 29, AJ 3`, or why they are not known.
    composition: String,
    votes: VoteStatus,
    /// The verdict the published figures support (`match`, `determined-match`, …).
    status: &'static str,
}

pub fn list(args: &ListArgs) -> crate::CmdResult {
    let dataset = args.data.load()?;
    let year_parties = YearParties::of(&dataset);
    let rows: Vec<ListRow> = dataset
        .elections
        .iter()
        .filter(|e| args.year.is_none_or(|y| e.date.year() == y))
        .map(|e| {
            let year = e.date.year();
            let seats_text = |c: &Composition| {
                let seats = c.seats.iter().map(|(who, n)| format!("{} {n}", short(&dataset, who, year)));
                seats.collect::<Vec<_>>().join(", ")
            };
            // Mixed elections: the district half is often unknown while the list half is.
            let composition = match (dataset.composition(e), Composition::of_list_seats(e)) {
                (Ok(c), _) => seats_text(&c),
                (Err(_), Ok(list)) if e.system == ElectoralSystem::Mixed => {
                    format!("list seats: {}", seats_text(&list))
                }
                (Err(err), _) => format!("unknown ({err})"),
            };
            ListRow {
                election: e.id.0.clone(),
                maslihat: dataset.body(&e.body).map_or_else(|| e.body.0.clone(), |b| b.name_in(year).to_owned()),
                year,
                seats: e.seats(),
                list_seats: e.house().ok(),
                composition,
                votes: e.vote_status(),
                status: assess_with(&dataset, e, &e.recompute(), &year_parties).status.id(),
            }
        })
        .collect();
    if rows.is_empty() {
        return Err(Failure::Input(anyhow::anyhow!(
            "no election{} in the data",
            args.year.map(|y| format!(" in {y}")).unwrap_or_default()
        )));
    }
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&rows).context("cannot write JSON")? + "\n",
        Format::Csv => list_csv(&rows),
        Format::Table => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    vec![
                        r.maslihat.clone(),
                        r.year.to_string(),
                        r.seats.map_or_else(|| "?".to_owned(), |s| s.to_string()),
                        r.composition.clone(),
                        vote_status(r.votes).to_owned(),
                        r.status.to_owned(),
                    ]
                })
                .collect();
            let mut text = columns(&["mäslihat", "year", "seats", "seats per party", "votes", "verdict"], &cells);
            let _ = writeln!(text, "{} elections", rows.len());
            text
        }
    };
    print(&text)
}

fn list_csv(rows: &[ListRow]) -> String {
    let header =
        ["election", "maslihat", "year", "seats", "list_seats", "composition", "votes", "status"].map(str::to_owned);
    let lines = rows.iter().map(|row| {
        [
            row.election.clone(),
            row.maslihat.clone(),
            row.year.to_string(),
            row.seats.map(|s| s.to_string()).unwrap_or_default(),
            row.list_seats.map(|s| s.to_string()).unwrap_or_default(),
            row.composition.clone(),
            vote_status(row.votes).to_owned(),
            row.status.to_owned(),
        ]
    });
    csv_text(std::iter::once(header).chain(lines))
}

fn vote_status(status: VoteStatus) -> &'static str {
    match status {
        VoteStatus::Complete => "complete",
        VoteStatus::Partial => "partial",
        VoteStatus::None => "none",
    }
}

pub fn show(args: &ShowArgs) -> crate::CmdResult {
    let dataset = args.data.load()?;
    let (body, election) = find(&dataset, &args.name, args.year)?;
    let year = election.date.year();
    let infobox = maslihat_render::infobox::of(&dataset, body, Some(election));
    let mut text = String::new();
    let mut field = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(text, "{name:<16}{value}");
        }
    };
    field("name", Some(body.name_in(year).to_owned()));
    field("native name", body.native_name.clone());
    field("level", Some(body.level.name().to_owned()));
    field("house type", infobox.house_type.map(|h| format!("{h:?}").to_lowercase()));
    field("founded", body.founded.map(|d| d.long()));
    field("meets in", body.meets_in.clone());
    field("seats", infobox.members.map(|m| m.to_string()));
    field("term", Some(format!("{} years", body.term_years)));
    let head_title = infobox.leader_type.as_deref().unwrap_or("head").to_lowercase();
    field(
        &head_title,
        infobox.leader.as_ref().map(|l| match &infobox.leader_party {
            Some(party) => format!("{} ({})", l.text, party.text),
            None => l.text.clone(),
        }),
    );
    field("voting system", infobox.voting_system.clone());
    field("last election", infobox.last_election.map(|d| d.long()));
    field(
        "next election",
        infobox.next_election.map(|d| format!("{} (regular term; early elections not foreseen)", d.long())),
    );
    let composition = dataset.composition(election);
    field(
        "composition",
        Some(match &composition {
            Ok(c) => dataset.describe(election, c),
            Err(err) => format!("not known: {err}"),
        }),
    );
    for convocation in &body.convocations {
        let number = convocation.number.map_or_else(|| "?".to_owned(), |n| n.to_string());
        let detail = [
            convocation.elected.map(|d| format!("elected {}", d.long())),
            convocation.first_session.map(|d| format!("first session {}", d.long())),
            convocation.seats.map(|s| format!("{s} seats")),
            convocation.system.map(|s| maslihat_render::infobox::voting_system(s).to_owned()),
        ];
        let detail: Vec<String> = detail.into_iter().flatten().collect();
        field(&format!("convocation {number}"), Some(detail.join(", ")));
    }
    for change in &body.changes {
        let region = &change.region;
        let what = match change.kind {
            ChangeKind::MergedIn => format!("{region} merged into this region"),
            ChangeKind::MembersJoined => format!("the members of the {region} mäslihat joined this one"),
            ChangeKind::SplitOff => format!("{region} formed from part of this region"),
            ChangeKind::CreatedFrom => format!("this region formed from part of {region}"),
        };
        let parties: Vec<String> =
            change.parties_moved.iter().map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year))).collect();
        let moved = change.members_moved.map(|n| {
            if parties.is_empty() { format!("{n} moved") } else { format!("{n} moved ({})", parties.join(", ")) }
        });
        let after = change.members_after.map(|n| format!("{n} afterwards"));
        let members: Vec<String> = [after, moved].into_iter().flatten().collect();
        let members = if members.is_empty() { String::new() } else { format!("; members: {}", members.join(", ")) };
        field("territory", Some(format!("{}: {what}{members}", change.date.long())));
    }
    print(&text)
}

pub fn recompute(args: &RecomputeArgs) -> crate::CmdResult {
    let dataset = args.data.load()?;
    let (body, election) = find(&dataset, &args.name, args.year)?;
    let year = election.date.year();
    let title = format!("{} — {}", body.name_in(year), election.date.long());
    let recomputation = match election.recompute() {
        Ok(r) => r,
        Err(RecomputeError::NotRecomputable(_)) => {
            return recompute_from_evidence(&dataset, election, &title, args.format);
        }
        Err(err) => return Err(Failure::Failed(anyhow::anyhow!("{title}: {err}"))),
    };
    let names: Vec<String> = recomputation
        .recount
        .parties
        .iter()
        .map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year)))
        .collect();
    let text = match args.format {
        Format::Json => {
            let doc = RecomputeDoc {
                election: &election.id.0,
                title: &title,
                parties: &names,
                recomputation: &recomputation,
            };
            serde_json::to_string_pretty(&doc).context("cannot write JSON")? + "\n"
        }
        Format::Csv => comparison_csv(&recomputation, &names),
        Format::Table => {
            let mut text =
                format!("{title}\nrules: {} ({} list seats)\n", election.profile, recomputation.recount.house);
            for caveat in &recomputation.recount.caveats {
                let _ = writeln!(text, "caveat: {caveat}");
            }
            text.push('\n');
            text.push_str(&explain(&recomputation.allocation, &names));
            text.push('\n');
            text.push_str(&comparison_table(&recomputation, &names));
            text
        }
    };
    print(&text)?;
    match &recomputation.verdict {
        Verdict::Differs { documented: false, .. } => Err(Failure::Failed(anyhow::anyhow!(
            "{title}: the recomputed seats differ from the published ones, and no documented discrepancy explains it"
        ))),
        _ => Ok(()),
    }
}

/// `recompute` when the counts are not complete: the verdict the published figures support.
fn recompute_from_evidence(dataset: &Dataset, election: &Election, title: &str, format: Format) -> crate::CmdResult {
    let assessment = assess(dataset, election, &election.recompute());
    let year = election.date.year();
    let names: Vec<String> =
        assessment.parties.iter().map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year))).collect();
    let text = match format {
        Format::Json => {
            let doc = EvidenceDoc {
                schema: "maslihat.evidence/1",
                election: &election.id.0,
                title,
                status: assessment.status.id(),
                why: &assessment.why,
                parties: &names,
                list_seats: assessment.house,
                published: assessment.published.as_deref(),
                outcomes: assessment.outcomes.as_ref().map(|set| &set.outcomes[..]),
                implied_shares: &assessment.implied,
                contradiction: assessment.contradiction.as_deref(),
            };
            serde_json::to_string_pretty(&doc).context("cannot write JSON")? + "\n"
        }
        Format::Csv => evidence_csv(&assessment, &names),
        Format::Table => {
            let seats =
                assessment.house.map_or_else(|| "list seats not known".to_owned(), |h| format!("{h} list seats"));
            let mut text = format!("{title}\nrules: {} ({seats})\n\n", election.profile);
            for line in assessment.describe(&names) {
                let _ = writeln!(text, "{line}");
            }
            text
        }
    };
    print(&text)?;
    match assessment.status {
        Status::Inconsistent => Err(Failure::Failed(anyhow::anyhow!(
            "{title}: no vote counts consistent with the published figures give the published seats"
        ))),
        Status::Mismatch => Err(Failure::Failed(anyhow::anyhow!(
            "{title}: the published figures determine other seats than the published ones"
        ))),
        _ => Ok(()),
    }
}

/// The verdict from uncertain figures as JSON (`maslihat.evidence/1`).
#[derive(Debug, Serialize)]
struct EvidenceDoc<'a> {
    schema: &'static str,
    election: &'a str,
    title: &'a str,
    status: &'static str,
    why: &'a str,
    parties: &'a [String],
    list_seats: Option<u32>,
    published: Option<&'a [u32]>,
    outcomes: Option<&'a [SeatOutcome]>,
    implied_shares: &'a [ImpliedShare],
    contradiction: Option<&'a [Evidence]>,
}

/// One row per list: published seats and the fewest and most seats the figures allow.
fn evidence_csv(assessment: &Assessment, names: &[String]) -> String {
    let ranges = assessment.outcomes.as_ref().and_then(|set| set.seat_ranges());
    let header = ["party", "published", "seats_min", "seats_max", "status"].map(str::to_owned);
    let rows = names.iter().enumerate().map(|(i, name)| {
        let published = assessment.published.as_ref().map(|p| p[i].to_string()).unwrap_or_default();
        let (low, high) =
            ranges.as_ref().map_or((String::new(), String::new()), |r| (r[i].0.to_string(), r[i].1.to_string()));
        [name.clone(), published, low, high, assessment.status.id().to_owned()]
    });
    csv_text(std::iter::once(header).chain(rows))
}

#[derive(Debug, Serialize)]
struct RecomputeDoc<'a> {
    election: &'a str,
    title: &'a str,
    parties: &'a [String],
    recomputation: &'a Recomputation,
}

/// Published seats as text: `3`, `3 or 15` when sources differ, `?` when unpublished.
fn published_text(published: &[u32]) -> String {
    if published.is_empty() {
        return "?".to_owned();
    }
    published.iter().map(u32::to_string).collect::<Vec<_>>().join(" or ")
}

fn comparison_table(recomputation: &Recomputation, names: &[String]) -> String {
    let rows: Vec<Vec<String>> = recomputation
        .allocation
        .lists
        .iter()
        .zip(&recomputation.published)
        .zip(names)
        .map(|((list, published), name)| {
            let check = match published.as_slice() {
                [] => "not published",
                p if p.contains(&list.seats) => "same",
                _ => "DIFFERENT",
            };
            vec![name.clone(), published_text(published), list.seats.to_string(), check.to_owned()]
        })
        .collect();
    let mut text = columns(&["list", "published", "recomputed", ""], &rows);
    let verdict = match &recomputation.verdict {
        Verdict::Matches => "the recomputation matches the published seats".to_owned(),
        Verdict::PartlyPublished => "seats were published for some lists only; those match".to_owned(),
        Verdict::NotPublished => "no list seats were published: nothing to compare".to_owned(),
        Verdict::Differs { documented: true, .. } => "the seats differ, as a documented discrepancy says".to_owned(),
        Verdict::Differs { documented: false, .. } => "the seats DIFFER from the published ones".to_owned(),
    };
    let _ = writeln!(text, "verdict: {verdict}");
    text
}

fn comparison_csv(recomputation: &Recomputation, names: &[String]) -> String {
    let header = ["party", "votes", "published", "recomputed"].map(str::to_owned);
    let lists = recomputation.allocation.lists.iter().zip(&recomputation.published).zip(names);
    let lines = lists.map(|((list, published), name)| {
        [
            name.clone(),
            list.votes.to_string(),
            published.iter().map(u32::to_string).collect::<Vec<_>>().join("|"),
            list.seats.to_string(),
        ]
    });
    csv_text(std::iter::once(header).chain(lines))
}

pub fn validate(args: &ValidateArgs) -> crate::CmdResult {
    match maslihat_ingest::load(&args.dir) {
        Ok(loaded) => {
            let mut text = String::new();
            for warning in &loaded.warnings {
                let _ = writeln!(text, "warning: {warning}");
            }
            let dataset = &loaded.dataset;
            let _ = writeln!(
                text,
                "{}: no errors, {} warning(s); {} mäslihats, {} elections, {} with complete votes",
                display(&args.dir),
                loaded.warnings.len(),
                dataset.bodies.len(),
                dataset.elections.len(),
                dataset.elections.iter().filter(|e| e.vote_status() == VoteStatus::Complete).count()
            );
            print(&text)
        }
        Err(errors) => {
            let mut text = String::new();
            for error in &errors.0 {
                let _ = writeln!(text, "error: {error}");
            }
            print(&text)?;
            Err(Failure::Input(anyhow::anyhow!("{}: {} error(s)", display(&args.dir), errors.0.len())))
        }
    }
}

fn display(dir: &Path) -> String {
    dir.display().to_string()
}

pub fn infobox(args: &InfoboxArgs) -> crate::CmdResult {
    let dataset = args.data.load()?;
    let (body, election) = find(&dataset, &args.name, args.year)?;
    if let Err(err) = dataset.composition(election) {
        tracing::warn!(
            "the composition after the {} election is not known ({err}): political_groups1 is left out",
            election.date.year()
        );
    }
    print(&maslihat_render::infobox::write(&maslihat_render::infobox::of(&dataset, body, Some(election))))
}
