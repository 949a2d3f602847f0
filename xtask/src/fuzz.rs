//! `cargo xtask fuzz`: installs cargo-fuzz when it is missing and runs the coverage-guided fuzz
//! targets of `fuzz/` (libFuzzer, on the stable toolchain with `--sanitizer none`), one after
//! the other, each for a given time. The full output of each run goes to
//! `fuzz/logs/TARGET.log`; the summary line (executions, coverage) is printed.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context as _, bail};

/// Runs `target` (or every target) for `seconds` each; exit 1 when a target found a failure.
pub fn run(root: &Path, seconds: u32, target: Option<&str>) -> anyhow::Result<ExitCode> {
    let fuzz_dir = root.join("fuzz");
    ensure_cargo_fuzz()?;
    let all = list_targets(&fuzz_dir)?;
    let targets: Vec<String> = match target {
        None => all,
        Some(name) if all.iter().any(|t| t == name) => vec![name.to_owned()],
        Some(name) => bail!("no fuzz target {name:?}; the targets are: {}", all.join(", ")),
    };
    let logs = fuzz_dir.join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("creating {}", logs.display()))?;
    let mut failed = Vec::new();
    for target in &targets {
        eprintln!("fuzz: {target} for {seconds} s");
        let log = logs.join(format!("{target}.log"));
        let outcome = run_target(&fuzz_dir, target, seconds, &log)?;
        eprintln!("fuzz: {target}: {}", outcome.summary.as_deref().unwrap_or("no summary (see the log)"));
        if !outcome.passed {
            eprintln!(
                "fuzz: {target} FAILED; the input is in fuzz/artifacts/{target}/, the output in {}",
                log.display()
            );
            failed.push(target.clone());
        }
    }
    if failed.is_empty() {
        eprintln!("fuzz: {} target{} ran with no finding", targets.len(), if targets.len() == 1 { "" } else { "s" });
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("fuzz: findings in {}", failed.join(", "));
    Ok(ExitCode::from(1))
}

/// Installs cargo-fuzz with `cargo install --locked` unless `cargo fuzz` already runs.
fn ensure_cargo_fuzz() -> anyhow::Result<()> {
    let present = Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if present {
        return Ok(());
    }
    eprintln!("fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)");
    let status = Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]).status()?;
    if !status.success() {
        bail!("cargo install cargo-fuzz failed ({status})");
    }
    Ok(())
}

/// The targets `cargo fuzz list` names, in its order.
fn list_targets(fuzz_dir: &Path) -> anyhow::Result<Vec<String>> {
    let output = Command::new("cargo").args(["fuzz", "list"]).current_dir(fuzz_dir).output()?;
    if !output.status.success() {
        bail!("cargo fuzz list failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect())
}

/// How one run ended: whether it passed, and libFuzzer's last status line.
#[derive(Debug)]
struct Outcome {
    passed: bool,
    summary: Option<String>,
}

/// Runs one target with its seed corpus, writing its output to `log`. A single input running
/// longer than 10 s counts as a finding (a slow input is a bug), as does one using 2 GB.
fn run_target(fuzz_dir: &Path, target: &str, seconds: u32, log: &Path) -> anyhow::Result<Outcome> {
    let mut child = Command::new("cargo")
        .args(["fuzz", "run", "--sanitizer", "none", target, "--"])
        .arg(format!("-max_total_time={seconds}"))
        .args(["-timeout=10", "-rss_limit_mb=2048", "-print_final_stats=1"])
        .current_dir(fuzz_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting cargo fuzz run")?;
    let mut file = File::create(log).with_context(|| format!("creating {}", log.display()))?;
    let mut summary = None;
    if let Some(stderr) = child.stderr.take() {
        for line in BufReader::new(stderr).lines() {
            let line = line?;
            writeln!(file, "{line}")?;
            if line.starts_with('#') && line.contains("cov:") {
                summary = Some(line.trim_start_matches('#').to_owned());
            }
        }
    }
    let status = child.wait()?;
    Ok(Outcome { passed: status.success(), summary })
}
