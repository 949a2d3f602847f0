//! Headless Chromium for the browser tests (the report's pages here, `maslihat serve` in
//! `maslihat-web`): finding the browser, and one run of it on a page.
//!
//! Without Chromium a browser test prints loudly that it was skipped; with
//! `MASLIHAT_REQUIRE_BROWSER=1` it fails instead (CI sets it). `MASLIHAT_CHROMIUM` names the
//! browser binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one browser run may take before it is stopped.
pub const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

/// The browser: `$MASLIHAT_CHROMIUM`, else the first of the usual names on `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MASLIHAT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["chromium", "chromium-browser", "google-chrome"].iter().map(|name| dir.join(name)).find(|p| p.is_file())
    })
}

/// The browser for the check `what`; without one, `None` after saying loudly that the check
/// is skipped, or a panic when `MASLIHAT_REQUIRE_BROWSER=1`.
pub fn chromium_or_skip(what: &str) -> Option<PathBuf> {
    let chromium = find_chromium();
    if chromium.is_none() {
        let message = format!(
            "{what} SKIPPED: no Chromium found (looked for $MASLIHAT_CHROMIUM, chromium, chromium-browser, \
             google-chrome on PATH); install chromium to run it"
        );
        assert!(std::env::var("MASLIHAT_REQUIRE_BROWSER").as_deref() != Ok("1"), "{message}");
        eprintln!("\n*** {message} ***\n");
    }
    chromium
}

/// What one browser run printed: its standard output (the DOM, for `--dump-dom`) and the
/// console messages the page logged.
#[derive(Debug, Clone)]
pub struct Printed {
    pub stdout: String,
    pub console: String,
}

/// Runs headless Chromium on `target` (a URL) with `extra` flags and a fresh profile in
/// `profile` (removed afterwards). Panics if it fails or runs longer than [`BROWSER_TIMEOUT`].
pub fn browse(chromium: &Path, profile: &Path, extra: &[&str], target: &str) -> Printed {
    let _ = fs::remove_dir_all(profile);
    fs::create_dir_all(profile).expect("a profile folder");
    // Into files, not pipes: a page's DOM is larger than a pipe holds while we wait.
    let (out_path, err_path) = (profile.join("stdout.txt"), profile.join("stderr.txt"));
    let out = fs::File::create(&out_path).expect("a file for stdout");
    let err = fs::File::create(&err_path).expect("a file for stderr");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(target)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let started = Instant::now();
    while child.try_wait().expect("the browser's status").is_none() {
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            panic!("{} did not finish {target} within {BROWSER_TIMEOUT:?}", chromium.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().expect("the browser's status");
    assert!(status.success(), "{} failed on {target}: {status}", chromium.display());
    let stdout = fs::read(&out_path).expect("the browser's output");
    let stderr = fs::read(&err_path).expect("the browser's log");
    let _ = fs::remove_dir_all(profile);
    let stderr = String::from_utf8_lossy(&stderr);
    let console: Vec<&str> = stderr.lines().filter(|line| line.contains(":CONSOLE")).collect();
    Printed { stdout: String::from_utf8_lossy(&stdout).into_owned(), console: console.join("\n") }
}
