//! The server in a real browser: headless Chromium opens the calculator with the Shymkent 2021
//! table pasted (through the form's URL), `kz-2021` and 30 seats, and must see 24 / 3 / 3 / 0 / 0
//! and a diagram of 30 seats; opens the Karaganda page and an election page with no console
//! message; and shows a hostile party name as text, never as an element.
//!
//! Without Chromium the test prints loudly that it was skipped; with `MASLIHAT_REQUIRE_BROWSER=1`
//! it fails instead (CI sets it). `MASLIHAT_CHROMIUM` names the browser binary;
//! `MASLIHAT_SHOTS=<folder>` also saves a screenshot of the calculator there (the README's
//! `docs/calculator.png`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use maslihat_web::{Limits, Site};

const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);
const SHYMKENT_CSV: &str = include_str!("../../../datasets/examples/shymkent-2021.csv");
const HOSTILE: &str = "<img src=x onerror=alert(1)>";

#[test]
fn the_calculator_and_the_pages_work_in_a_browser() {
    let Some(chromium) = find_chromium() else {
        let message = "BROWSER CHECK OF `maslihat serve` SKIPPED: no Chromium found (looked for $MASLIHAT_CHROMIUM, \
                       chromium, chromium-browser, google-chrome on PATH); install chromium to run it";
        assert!(std::env::var("MASLIHAT_REQUIRE_BROWSER").as_deref() != Ok("1"), "{message}");
        eprintln!("\n*** {message} ***\n");
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
    let site = Arc::new(Site::load(&dir, Limits::default()).expect("the bundled dataset loads"));
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("its address"));
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(maslihat_web::serve(listener, site, async {
        let _ = stopped.await;
    }));
    let profile = std::env::temp_dir().join(format!("maslihat-web-browser-{}", std::process::id()));

    let calculator = format!("{base}/calculator?table={}&rules=kz-2021&seats=30", encode(SHYMKENT_CSV));
    let (dom, console) = browse(&chromium, &profile, &["--dump-dom"], &calculator);
    assert_eq!(seats(&dom), [24, 3, 3, 0, 0], "the calculator's seats:\n{dom}");
    let diagram = dom.split("<div id=\"result\">").nth(1).expect("a result");
    assert_eq!(diagram.matches("class=\"seat\"").count(), 30, "a diagram of 30 seats");
    assert!(console.is_empty(), "console messages on the calculator:\n{console}");

    for page in ["/maslihat/karaganda-region", "/election/karaganda-region-2021/", "/"] {
        let (dom, console) = browse(&chromium, &profile, &["--dump-dom"], &format!("{base}{page}"));
        assert!(dom.contains("Karaganda"), "{page} does not name Karaganda");
        assert!(dom.contains("<svg"), "{page} has no diagram");
        assert!(console.is_empty(), "console messages on {page}:\n{console}");
    }

    let table = format!("party,votes\n\"{HOSTILE}\",1000\nB,500\n");
    let hostile = format!("{base}/calculator?table={}&seats=5", encode(&table));
    let (dom, console) = browse(&chromium, &profile, &["--dump-dom"], &hostile);
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;"), "the name shows as text");
    assert!(!dom.to_lowercase().contains("<img"), "an img element made it into the DOM:\n{dom}");
    assert!(console.is_empty(), "console messages on the hostile page:\n{console}");

    if let Some(shots) = std::env::var_os("MASLIHAT_SHOTS").map(PathBuf::from) {
        std::fs::create_dir_all(&shots).expect("the screenshot folder");
        for (name, size) in [("calculator.png", "900,1250"), ("calculator-phone.png", "500,1400")] {
            let shot = format!("--screenshot={}", shots.join(name).display());
            let window = format!("--window-size={size}");
            browse(&chromium, &profile, &[&window, &shot, "--hide-scrollbars"], &calculator);
        }
    }
    let _ = stop.send(());
    runtime.block_on(server).expect("the server task").expect("the server");
    let _ = std::fs::remove_dir_all(&profile);
}

/// The seats of the calculator's result, in list order.
fn seats(dom: &str) -> Vec<u32> {
    dom.split("data-seats=\"").skip(1).filter_map(|rest| rest.split('"').next()?.parse().ok()).collect()
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Runs headless Chromium on `url` with `extra` flags and a fresh profile; returns its standard
/// output and the console messages it logged. Panics if it fails or takes too long.
fn browse(chromium: &Path, profile: &Path, extra: &[&str], url: &str) -> (String, String) {
    let _ = std::fs::remove_dir_all(profile);
    std::fs::create_dir_all(profile).expect("a profile folder");
    // Into files, not pipes: a page's DOM is larger than a pipe holds while we wait.
    let (out_path, err_path) = (profile.join("stdout.txt"), profile.join("stderr.txt"));
    let out = std::fs::File::create(&out_path).expect("a file for stdout");
    let err = std::fs::File::create(&err_path).expect("a file for stderr");
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
        .arg(url)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
    let started = Instant::now();
    while child.try_wait().expect("the browser's status").is_none() {
        if started.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            panic!("{} did not finish {url} within {BROWSER_TIMEOUT:?}", chromium.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = child.wait().expect("the browser's status");
    assert!(status.success(), "{} failed on {url}: {status}", chromium.display());
    let stdout = std::fs::read(&out_path).expect("the browser's output");
    let stderr = std::fs::read(&err_path).expect("the browser's log");
    let stderr = String::from_utf8_lossy(&stderr);
    let console: Vec<&str> = stderr.lines().filter(|line| line.contains(":CONSOLE")).collect();
    (String::from_utf8_lossy(&stdout).into_owned(), console.join("\n"))
}

/// The browser: `$MASLIHAT_CHROMIUM`, else the first of the usual names on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MASLIHAT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        ["chromium", "chromium-browser", "google-chrome"].iter().map(|name| dir.join(name)).find(|p| p.is_file())
    })
}
