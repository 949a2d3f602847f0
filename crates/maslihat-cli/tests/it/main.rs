//! Integration tests of the `maslihat` binary: its outputs, its messages and exit codes, ties,
//! `batch` and stdin, all through one helper, [`run_in`], that starts the real binary.

mod analysis;
mod batch;
mod biproportional;
mod dataset;
mod districts;
mod errors;
mod fuzz_findings;
mod mixed;
mod outputs;
mod readme;
mod rules;
mod ties;
mod traps;
mod uncertain;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a run of the binary gave: its exit code and what it wrote.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts a clean success (exit 0, nothing on stderr) and returns stdout.
    #[track_caller]
    pub fn ok(self) -> String {
        assert_eq!((self.code, self.stderr.as_str()), (0, ""), "expected success; stdout:\n{}", self.stdout);
        self.stdout
    }

    /// Asserts success with at most warnings on stderr (batch counts ties there) and returns
    /// stdout.
    #[track_caller]
    pub fn ok_with_warnings(self) -> String {
        assert_eq!(self.code, 0, "expected success; stderr:\n{}", self.stderr);
        assert!(self.stderr.is_empty() || self.stderr.starts_with("warning: "), "stderr:\n{}", self.stderr);
        self.stdout
    }
}

/// The workspace root: example paths in arguments and messages are relative to it.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the workspace root exists")
}

/// The Shymkent city mäslihat election of 2021, relative to the workspace root.
pub const SHYMKENT: &str = "datasets/examples/shymkent-2021.csv";

/// Runs `maslihat ARGS` at the workspace root with `stdin` as its standard input.
pub fn run(args: &[&str], stdin: &[u8]) -> Run {
    run_in(&root(), args, stdin)
}

/// Runs `maslihat ARGS` in `dir` with `stdin` as its standard input: the one place that starts
/// the binary. Logs are at their default level and without colour; `dir` is replaced by
/// `[TMP]` in what the binary wrote, so messages are stable wherever the tests run.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maslihat"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the maslihat binary starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    // Written from another thread: a large input and a large output must not block each other.
    // The binary may stop reading early (on a bad row), so a write error is not a failure.
    let writer = std::thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let output = child.wait_with_output().expect("the maslihat binary runs");
    writer.join().expect("the stdin writer does not panic");
    let dir = dir.display().to_string();
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("the output is UTF-8").replace(&dir, "[TMP]");
    Run {
        code: output.status.code().expect("the binary exits, not killed by a signal"),
        stdout: text(output.stdout),
        stderr: text(output.stderr),
    }
}

/// A fresh directory for one test's files, under Cargo's temporary directory for tests.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("maslihat-cli-it").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("the scratch directory can be made");
    dir
}

/// A small seeded generator (splitmix64): the same seed gives the same data on every machine.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    pub fn range(&mut self, low: u64, high: u64) -> u64 {
        low + self.next_u64() % (high - low + 1)
    }
}

/// Writes rows as CSV, quoting where needed.
pub fn csv_text<I, R, F>(rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = F>,
    F: AsRef<[u8]>,
{
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).expect("writing to memory does not fail");
    }
    String::from_utf8(writer.into_inner().expect("flushing to memory does not fail")).expect("the fields are UTF-8")
}

/// Parses CSV text with a header into its rows (header excluded).
pub fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|record| record.expect("the output is well-formed CSV").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn help_and_version_go_to_stdout_and_exit_0() {
    for args in [&["--help"][..], &["--version"], &["allocate", "--help"], &["batch", "--help"], &["help"]] {
        let out = run(args, b"").ok();
        assert!(!out.is_empty(), "maslihat {args:?} prints something");
    }
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let out = run(&[], b"");
    assert_eq!((out.code, out.stdout.as_str()), (2, ""));
    assert!(out.stderr.contains("Usage: maslihat [OPTIONS] <COMMAND>"), "{}", out.stderr);
}
