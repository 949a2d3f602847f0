//! `synth`: a synthetic dataset in the `datasets/` format, of any size, for scale tests.
//!
//! Shapes follow the real elections: 3 to 8 lists, one dominant party (45 % of the valid
//! ballots or more), one or two lists within a point of the threshold, 10 to 50 seats (the list
//! half of 20 to 50 for the mixed elections of the `kz-2023` profile), "against all" and invalid
//! ballots. Every figure comes from a synthetic source (`protocol-<election>`), every list has a
//! registration number, and the published seats are the core's own allocation, except in a
//! few elections: seats not published, the list of lists not known to be complete (so no
//! recomputation), and a documented disagreement (one seat moved, listed in
//! `discrepancies.csv`). The same options give the same bytes: the random numbers come from
//! `rand`'s seeded Xoshiro256++.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use maslihat_apportion::{Preset, Tally, allocate};
use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};

/// How big a dataset to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub councils: u32,
    pub elections_per: u32,
    pub seed: u64,
}

/// A synthetic party.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub label: String,
    pub short: String,
    pub colour: String,
}

/// A synthetic mäslihat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Council {
    pub id: String,
    pub name: String,
}

/// One list of a synthetic election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List {
    pub party: String,
    pub registration: u32,
    pub votes: u64,
    /// The share of the valid ballots as printed, two decimals.
    pub printed_share: String,
    pub published_seats: Option<u32>,
}

/// One side of a documented disagreement about a list's seats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discrepancy {
    pub id: String,
    pub party: String,
    pub value: u32,
    /// `printed` (in the tables) or `computed` (kept in `discrepancies.csv` only).
    pub basis: &'static str,
    pub note: String,
}

/// A synthetic election.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Election {
    pub id: String,
    pub council: String,
    pub date: String,
    pub profile: Preset,
    pub total_seats: u32,
    /// For `kz-2023` (mixed): the list and district halves.
    pub list_seats: Option<u32>,
    pub district_seats: Option<u32>,
    pub registered: u64,
    pub ballots_cast: u64,
    pub invalid: u64,
    pub against_all: Option<u64>,
    pub turnout_printed: String,
    pub lists_complete: Option<bool>,
    /// In the source's printing order: most votes first.
    pub lists: Vec<List>,
    pub discrepancies: Vec<Discrepancy>,
    pub note: String,
}

/// A whole synthetic dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Data {
    pub seed: u64,
    pub parties: Vec<Party>,
    pub councils: Vec<Council>,
    pub elections: Vec<Election>,
}

/// Why a dataset could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The I/O error is part of the message, not a separate source (printed once).
    #[error("cannot write {}: {error}", path.display())]
    Io { path: PathBuf, error: io::Error },
}

/// The seeded generator: `rand`'s Xoshiro256++, the same on every platform.
#[derive(Debug, Clone)]
struct Rng(Xoshiro256PlusPlus);

impl Rng {
    fn seeded(seed: u64) -> Rng {
        Rng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// A whole number in `low..=high`.
    fn range(&mut self, low: u64, high: u64) -> u64 {
        self.0.random_range(low..=high)
    }

    /// A number in `[low, high)`.
    fn uniform(&mut self, low: f64, high: f64) -> f64 {
        self.0.random_range(low..high)
    }
}

const NAMES: [&str; 12] =
    ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu"];
const COLOURS: [&str; 12] = [
    "#1E88E5", "#F9A825", "#2E7D32", "#C62828", "#8E24AA", "#00897B", "#EF6C00", "#6D4C41", "#3949AB", "#C0CA33",
    "#D81B60", "#546E7A",
];

/// Makes a synthetic dataset.
pub fn generate(options: &Options) -> Data {
    let mut rng = Rng::seeded(options.seed);
    let parties: Vec<Party> = NAMES
        .iter()
        .zip(COLOURS)
        .map(|(name, colour)| Party {
            id: format!("synth-{}", name.to_ascii_lowercase()),
            name: format!("{name} Party (synthetic)"),
            label: (*name).to_owned(),
            short: name.to_ascii_uppercase().chars().take(3).collect(),
            colour: colour.to_owned(),
        })
        .collect();
    let councils: Vec<Council> = (1..=options.councils)
        .map(|n| Council { id: format!("synth-council-{n:05}"), name: format!("Synthetic Council {n:05} Mäslihat") })
        .collect();
    let mut elections = Vec::with_capacity(councils.len() * options.elections_per as usize);
    for council in &councils {
        for k in 0..options.elections_per {
            elections.push(election(&mut rng, council, k, &parties));
        }
    }
    Data { seed: options.seed, parties, councils, elections }
}

/// `num / den` in per cent, rounded half-up to two decimals, as text.
fn percent(num: u128, den: u128) -> String {
    let hundredths = (num * 10_000 * 2 + den) / (2 * den);
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `n` of `parties` parties: the dominant one (usually the first) and `n - 1` drawn from the rest.
fn draw_lists(rng: &mut Rng, parties: usize, n: usize) -> Vec<usize> {
    let dominant = if rng.range(0, 99) < 85 { 0 } else { rng.range(1, parties as u64 - 1) as usize };
    let mut pool: Vec<usize> = (0..parties).filter(|p| *p != dominant).collect();
    for i in 0..n - 1 {
        let j = rng.range(i as u64, pool.len() as u64 - 1) as usize;
        pool.swap(i, j);
    }
    let mut chosen = vec![dominant];
    chosen.extend_from_slice(&pool[..n - 1]);
    chosen
}

/// The votes of `n` lists, the dominant first: shares of the valid ballots, in per cent, some
/// lists near the threshold, the others sharing what the dominant party leaves.
fn draw_votes(rng: &mut Rng, n: usize, threshold: f64, valid: u64, list_total: u64) -> Vec<u64> {
    let near = match n {
        3 => rng.range(0, 1),
        _ => rng.range(1, 2),
    } as usize;
    let others = n - 1 - near;
    let mut shares: Vec<f64> = (0..near).map(|_| threshold + rng.uniform(-1.0, 1.0)).collect();
    let budget = 100.0 * list_total as f64 / valid as f64;
    let room = budget - 45.0 - shares.iter().sum::<f64>();
    if others > 0 {
        let total = rng.uniform(0.5 * others as f64, room.min(15.0 * others as f64));
        let weights: Vec<f64> = (0..others).map(|_| rng.uniform(0.2, 1.0)).collect();
        let sum: f64 = weights.iter().sum();
        shares.extend(weights.iter().map(|w| total * w / sum));
    }
    let mut votes: Vec<u64> = shares.iter().map(|s| ((s / 100.0 * valid as f64).round() as u64).max(1)).collect();
    let rest: u64 = votes.iter().sum();
    votes.insert(0, list_total - rest);
    votes
}

/// A registration order of `n` lists: a random permutation of 1..=n.
fn draw_registration(rng: &mut Rng, n: usize) -> Vec<u32> {
    let mut registration: Vec<u32> = (1..=n as u32).collect();
    for i in (1..n).rev() {
        let j = rng.range(0, i as u64) as usize;
        registration.swap(i, j);
    }
    registration
}

/// The core's seats of each list (in the lists' order), `None` when there is no allocation.
fn recount(votes: &[u64], registration: &[u32], against_all: u64, house: u32, profile: Preset) -> Vec<Option<u32>> {
    let n = votes.len();
    let mut by_registration: Vec<usize> = (0..n).collect();
    by_registration.sort_by_key(|i| registration[*i]);
    let tally = Tally::new(by_registration.iter().map(|i| votes[*i]).collect()).with_against_all(against_all);
    let mut seats = vec![None; n];
    if let Ok(allocation) = allocate(&tally, house, &profile.rules()) {
        for (position, list) in by_registration.iter().enumerate() {
            seats[*list] = Some(allocation.lists[position].seats);
        }
    }

    seats
}

fn election(rng: &mut Rng, council: &Council, k: u32, parties: &[Party]) -> Election {
    let profile = if k.is_multiple_of(2) { Preset::Kz2021 } else { Preset::Kz2023 };
    let year = 2021 + 2 * k;
    let (date, threshold) = match profile {
        Preset::Kz2021 => (format!("{year:04}-01-10"), 7.0),
        // The synthetic data draws only Kazakhstan's presets.
        _ => (format!("{year:04}-03-19"), 5.0),
    };
    let id = format!("{}-{year}", council.id);
    let n = rng.range(3, 8) as usize;
    let chosen = draw_lists(rng, parties.len(), n);

    let (total_seats, list_seats, district_seats) = match profile {
        Preset::Kz2021 => (rng.range(10, 50) as u32, None, None),
        _ => {
            let total = rng.range(20, 50) as u32;
            (total, Some(total / 2), Some(total - total / 2))
        }
    };
    let house = list_seats.unwrap_or(total_seats);
    let valid = rng.range(40_000, 600_000);
    let against_all = (profile == Preset::Kz2023).then(|| (valid as f64 * rng.uniform(0.01, 0.06)).round() as u64);
    let list_total = valid - against_all.unwrap_or(0);

    let votes = draw_votes(rng, n, threshold, valid, list_total);

    let registration = draw_registration(rng, n);
    let seats = recount(&votes, &registration, against_all.unwrap_or(0), house, profile);

    let roll = rng.range(0, 99);
    let mut lists_complete = Some(true);
    let mut discrepancies = Vec::new();
    let mut note = "synthetic election".to_owned();
    let mut published = seats.clone();
    match roll {
        0..=2 => {
            lists_complete = None;
            note = "synthetic election; whether every list is known is not recorded".to_owned();
        }
        3..=9 => {
            published = vec![None; n];
            note = "synthetic election; seats not published".to_owned();
        }
        10..=11 => {
            // One seat moved from the dominant list to the runner-up in the published figures.
            let second = (1..n).max_by_key(|i| (votes[*i], std::cmp::Reverse(*i))).unwrap_or(1);
            if let (Some(Some(first_seats)), Some(Some(second_seats))) = (seats.first(), seats.get(second))
                && *first_seats > 0
            {
                published[0] = Some(first_seats - 1);
                published[second] = Some(second_seats + 1);
                for (list, printed, computed) in
                    [(0, first_seats - 1, *first_seats), (second, second_seats + 1, *second_seats)]
                {
                    let party = parties[chosen[list]].id.clone();
                    let disagreement = format!("{id}-{}-seats", party.trim_start_matches("synth-"));
                    discrepancies.push(Discrepancy {
                        id: disagreement.clone(),
                        party: party.clone(),
                        value: printed,
                        basis: "printed",
                        note: "the synthetic source prints one seat moved".to_owned(),
                    });
                    discrepancies.push(Discrepancy {
                        id: disagreement,
                        party,
                        value: computed,
                        basis: "computed",
                        note: "the seats the votes give".to_owned(),
                    });
                }
                note = "synthetic election; the source's seats disagree with its votes (documented)".to_owned();
            }
        }
        _ => {}
    }

    let invalid = (valid as f64 * rng.uniform(0.005, 0.02)).round() as u64;
    let ballots_cast = valid + invalid;
    let turnout = rng.uniform(0.35, 0.80);
    let registered = (ballots_cast as f64 / turnout).round() as u64;
    let mut lists: Vec<List> = (0..n)
        .map(|i| List {
            party: parties[chosen[i]].id.clone(),
            registration: registration[i],
            votes: votes[i],
            printed_share: percent(u128::from(votes[i]), u128::from(valid)),
            published_seats: published[i],
        })
        .collect();
    lists.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.registration.cmp(&b.registration)));
    Election {
        id,
        council: council.id.clone(),
        date,
        profile,
        total_seats,
        list_seats,
        district_seats,
        registered,
        ballots_cast,
        invalid,
        against_all,
        turnout_printed: percent(u128::from(ballots_cast), u128::from(registered)),
        lists_complete,
        lists,
        discrepancies,
        note,
    }
}

/// A CSV field, quoted when needed.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The source id of an election's figures.
pub fn source_of(election: &str) -> String {
    format!("protocol-{election}")
}

/// What [`write`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub councils: usize,
    pub elections: usize,
    pub lists: usize,
}

/// Writes `data` into `dir` in the `datasets/` format (the folder is created; the files of the
/// format are replaced, and the `maslihats/synth-council-*.toml` of an earlier run removed).
pub fn write(data: &Data, dir: &Path) -> Result<Written, Error> {
    let io = |path: &Path| {
        let path = path.to_owned();
        move |error| Error::Io { path, error }
    };
    let bodies = dir.join("maslihats");
    fs::create_dir_all(&bodies).map_err(io(&bodies))?;
    for entry in fs::read_dir(&bodies).map_err(io(&bodies))? {
        let path = entry.map_err(io(&bodies))?.path();
        let ours = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("synth-council-"));
        if ours && path.extension().is_some_and(|e| e == "toml") {
            fs::remove_file(&path).map_err(io(&path))?;
        }
    }
    let put = |name: &str, text: String| {
        let path = dir.join(name);
        fs::write(&path, text).map_err(io(&path))
    };

    put("sources.csv", sources_csv(data))?;

    let (parties, names) = party_tables(data);
    put("parties.csv", parties)?;
    put("party_names.csv", names)?;

    let ElectionTables { elections, figures, results, discrepancies, lists } = election_tables(data);
    put("elections.csv", elections)?;
    put("election_figures.csv", figures)?;
    put("results.csv", results)?;
    put("discrepancies.csv", discrepancies)?;

    for council in &data.councils {
        let path = bodies.join(format!("{}.toml", council.id));
        fs::write(&path, council_toml(council)).map_err(io(&path))?;
    }
    Ok(Written { councils: data.councils.len(), elections: data.elections.len(), lists })
}

/// `sources.csv`: one synthetic source for the party names and one per election.
fn sources_csv(data: &Data) -> String {
    let mut sources = String::from("id,url,publisher,description\n");
    let _ = writeln!(
        sources,
        "synth-parties,https://example.invalid/synthetic/parties,synthetic,\"the synthetic parties' names (cargo xtask synth, seed {})\"",
        data.seed
    );
    for e in &data.elections {
        let _ = writeln!(
            sources,
            "{},https://example.invalid/synthetic/{},synthetic,\"synthetic protocol of {} (cargo xtask synth, seed {})\"",
            source_of(&e.id),
            e.id,
            e.id,
            data.seed
        );
    }
    sources
}

/// `parties.csv` and `party_names.csv`.
fn party_tables(data: &Data) -> (String, String) {
    let mut parties = String::from("id,kind,colour,note\n");
    let mut names = String::from("party,from_year,to_year,name,label,short,source\n");
    for p in &data.parties {
        let _ = writeln!(parties, "{},party,{},synthetic", p.id, p.colour);
        let _ = writeln!(names, "{},,,{},{},{},synth-parties", p.id, field(&p.name), field(&p.label), p.short);
    }
    (parties, names)
}

/// The tables of the elections, and the number of lists written.
struct ElectionTables {
    elections: String,
    figures: String,
    results: String,
    discrepancies: String,
    lists: usize,
}

/// `elections.csv`, `election_figures.csv`, `results.csv` and `discrepancies.csv`.
fn election_tables(data: &Data) -> ElectionTables {
    let mut elections = String::from("election,maslihat,date,rules,system,lists_complete,lists_basis,note\n");
    let mut figures = String::from(
        "election,source,total_seats,list_seats,district_seats,lists_on_ballot,registered_voters,ballots_cast,\
         valid_ballots,invalid_ballots,against_all,turnout_pct_printed,note\n",
    );
    let mut results = String::from(
        "election,party,source,registration_order,ballot_order,on_ballot,votes,vote_pct_printed,\
         list_seats_published,district_seats_published,note\n",
    );
    let mut discrepancies = String::from("id,election,party,figure,value,basis,source,in_tables,note\n");
    let mut lists = 0;
    for e in &data.elections {
        let source = source_of(&e.id);
        let (rules, system) = match e.profile {
            Preset::Kz2021 => ("kz-2021", "party-list"),
            _ => ("kz-2023", "mixed"),
        };
        let (complete, basis) = match e.lists_complete {
            Some(true) => ("yes", "the synthetic protocol lists every list on the ballot"),
            Some(false) => ("no", "the synthetic protocol misses lists"),
            None => ("", ""),
        };
        let _ = writeln!(
            elections,
            "{},{},{},{rules},{system},{complete},{},{}",
            e.id,
            e.council,
            e.date,
            field(basis),
            field(&e.note)
        );
        let _ = writeln!(
            figures,
            "{},{source},{},{},{},,{},{},,{},{},{},",
            e.id,
            e.total_seats,
            opt(e.list_seats),
            opt(e.district_seats),
            e.registered,
            e.ballots_cast,
            e.invalid,
            opt(e.against_all),
            e.turnout_printed
        );
        for list in &e.lists {
            lists += 1;
            let _ = writeln!(
                results,
                "{},{},{source},{},,,{},{},{},,",
                e.id,
                list.party,
                list.registration,
                list.votes,
                list.printed_share,
                opt(list.published_seats)
            );
        }
        for d in &e.discrepancies {
            let in_tables = if d.basis == "printed" { "yes" } else { "no" };
            let _ = writeln!(
                discrepancies,
                "{},{},{},list_seats_published,{},{},{source},{in_tables},{}",
                d.id,
                e.id,
                d.party,
                d.value,
                d.basis,
                field(&d.note)
            );
        }
    }
    ElectionTables { elections, figures, results, discrepancies, lists }
}

/// A council's `maslihats/<id>.toml`.
fn council_toml(council: &Council) -> String {
    format!(
        "id = \"{}\"\nname = \"{}\"\nlevel = \"region\"\nhouse = \"unicameral\"\nterm_years = 5\nnote = \"synthetic\"\n",
        council.id, council.name
    )
}
