//! Benchmarks of loading: the bundled `datasets/`, and larger datasets made of copies of it
//! (written once into `target/bench-data/`). Loading grows linearly with the data: the time per
//! election (criterion's throughput) stays about the same from 10 to 200 copies.
//!
//! `cargo bench -p maslihat-ingest`; for the time of a 22,000-election dataset, see
//! `cargo xtask synth` and `cargo xtask recompute`.

use std::collections::HashMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets")
}

/// The ids a copy renames: every mäslihat's and election's, to the copy's own.
struct Rename {
    copy: usize,
    bodies: Vec<String>,
    elections: Vec<String>,
}

impl Rename {
    fn body(&self, id: &str) -> String {
        format!("{id}-c{}", self.copy)
    }

    /// `<mäslihat>-<year>` with the mäslihat of the copy.
    fn election(&self, id: &str) -> String {
        match id.rsplit_once('-') {
            Some((body, year)) if self.bodies.iter().any(|b| b == body) => format!("{}-{year}", self.body(body)),
            _ => id.to_owned(),
        }
    }

    /// A TOML file with every quoted id of a mäslihat or an election renamed.
    fn toml(&self, text: &str) -> String {
        let mut map: HashMap<String, String> = HashMap::new();
        for body in &self.bodies {
            map.insert(format!("\"{body}\""), format!("\"{}\"", self.body(body)));
        }
        for election in &self.elections {
            map.insert(format!("\"{election}\""), format!("\"{}\"", self.election(election)));
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        // Quoted strings, in order; a quote within an id cannot occur.
        while let Some(start) = rest.find('"') {
            let Some(len) = rest[start + 1..].find('"') else { break };
            let quoted = &rest[start..start + len + 2];
            out.push_str(&rest[..start]);
            out.push_str(map.get(quoted).map_or(quoted, String::as_str));
            rest = &rest[start + len + 2..];
        }
        out.push_str(rest);
        out
    }
}

/// How a copy renames the ids of a column.
type RenameColumn = fn(&Rename, &str) -> String;

/// Rewrites the CSV table `name` of `from` into `to`, each row once a copy, with `columns` renamed.
fn copy_table(from: &Path, to: &Path, name: &str, renames: &[Rename], columns: &[(&str, RenameColumn)]) {
    let mut reader = csv::Reader::from_path(from.join(name)).expect("a table of datasets/");
    let header = reader.headers().expect("a header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let at: Vec<(usize, RenameColumn)> = columns
        .iter()
        .map(|(column, rename)| (header.iter().position(|h| h == *column).expect("a documented column"), *rename))
        .collect();
    let mut writer = csv::Writer::from_path(to.join(name)).expect("a table to write");
    writer.write_record(&header).expect("written");
    for rename in renames {
        for row in &rows {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, cell)| match at.iter().find(|(c, _)| *c == i) {
                    Some((_, f)) if !cell.is_empty() => f(rename, cell),
                    _ => cell.to_owned(),
                })
                .collect();
            writer.write_record(&cells).expect("written");
        }
    }
    writer.flush().expect("written");
}

/// `copies` copies of `datasets/` in one dataset, written once (kept in `target/bench-data/`).
fn copies(copies: usize) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().expect("the target folder").join("bench-data");
    let dir = root.join(format!("datasets-x{copies}"));
    // Copies made before the notes folder existed are made again.
    if dir.join("complete").exists() && dir.join("notes").exists() {
        return dir;
    }
    let from = datasets();
    let partial = root.join(format!("datasets-x{copies}.partial"));
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(partial.join("maslihats")).expect("the folder is made");
    let mut stems: Vec<String> = std::fs::read_dir(from.join("maslihats"))
        .expect("datasets/maslihats")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| p.file_stem().expect("a name").to_string_lossy().into_owned())
        .collect();
    stems.sort();
    let mut elections = Vec::new();
    let mut reader = csv::Reader::from_path(from.join("elections.csv")).expect("elections.csv");
    for row in reader.records() {
        elections.push(row.expect("a row")[0].to_owned());
    }
    let renames: Vec<Rename> =
        (1..=copies).map(|copy| Rename { copy, bodies: stems.clone(), elections: elections.clone() }).collect();
    for name in ["sources.csv", "parties.csv", "party_names.csv"] {
        std::fs::copy(from.join(name), partial.join(name)).expect("copied");
    }
    std::fs::create_dir_all(partial.join("notes")).expect("the folder is made");
    for note in std::fs::read_dir(from.join("notes")).expect("datasets/notes") {
        let note = note.expect("an entry");
        std::fs::copy(note.path(), partial.join("notes").join(note.file_name())).expect("copied");
    }
    copy_table(
        &from,
        &partial,
        "elections.csv",
        &renames,
        &[("election", Rename::election), ("maslihat", Rename::body)],
    );
    copy_table(&from, &partial, "election_figures.csv", &renames, &[("election", Rename::election)]);
    copy_table(&from, &partial, "results.csv", &renames, &[("election", Rename::election)]);
    copy_table(&from, &partial, "discrepancies.csv", &renames, &[("election", Rename::election), ("id", Rename::body)]);
    for stem in &stems {
        let text = std::fs::read_to_string(from.join("maslihats").join(format!("{stem}.toml"))).expect("a TOML file");
        for rename in &renames {
            let to = partial.join("maslihats").join(format!("{}.toml", rename.body(stem)));
            std::fs::write(to, rename.toml(&text)).expect("written");
        }
    }
    std::fs::write(partial.join("complete"), "").expect("written");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::rename(&partial, &dir).expect("renamed");
    dir
}

fn load_bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(10));
    let real = datasets();
    let elections = maslihat_ingest::load(&real).expect("datasets/ loads").dataset.elections.len();
    group.throughput(Throughput::Elements(elections as u64));
    group.bench_function("datasets", |b| b.iter(|| maslihat_ingest::load(black_box(&real))));
    for n in [10, 200] {
        let dir = copies(n);
        let loaded = maslihat_ingest::load(&dir).unwrap_or_else(|e| panic!("{} must load:\n{e}", dir.display()));
        assert_eq!(loaded.dataset.elections.len(), n * elections);
        group.throughput(Throughput::Elements(loaded.dataset.elections.len() as u64));
        group.bench_with_input(BenchmarkId::new("copies of datasets", n), &dir, |b, dir| {
            b.iter(|| maslihat_ingest::load(black_box(dir)))
        });
    }
    group.finish();
}

criterion_group!(benches, load_bench);
criterion_main!(benches);
