//! The server in a real browser: headless Chromium opens the calculator with the Shymkent 2021
//! table pasted (through the form's URL), `kz-2021` and 30 seats, and must see 24 / 3 / 3 / 0 / 0
//! and a diagram of 30 seats; opens the Karaganda page and an election page with no console
//! message; and shows a hostile party name as text, never as an element.
//!
//! Without Chromium the test is skipped loudly, or fails under `MASLIHAT_REQUIRE_BROWSER=1`
//! (see `maslihat_e2e::headless`); `MASLIHAT_SHOTS=<folder>` also saves a screenshot of the calculator there (the README's
//! `docs/calculator.png`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use maslihat_e2e::headless::{Printed, browse, chromium_or_skip};
use maslihat_web::{Limits, Site};

const SHYMKENT_CSV: &str = include_str!("../../../datasets/examples/shymkent-2021.csv");
const HOSTILE: &str = "<img src=x onerror=alert(1)>";

#[test]
fn the_calculator_and_the_pages_work_in_a_browser() {
    let Some(chromium) = chromium_or_skip("BROWSER CHECK OF `maslihat serve`") else { return };
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
    let Printed { stdout: dom, console } = browse(&chromium, &profile, &["--dump-dom"], &calculator);
    assert_eq!(seats(&dom), [24, 3, 3, 0, 0], "the calculator's seats:\n{dom}");
    let diagram = dom.split("<div id=\"result\">").nth(1).expect("a result");
    assert_eq!(diagram.matches("class=\"seat\"").count(), 30, "a diagram of 30 seats");
    assert!(console.is_empty(), "console messages on the calculator:\n{console}");

    for page in ["/maslihat/karaganda-region", "/election/karaganda-region-2021/", "/"] {
        let Printed { stdout: dom, console } = browse(&chromium, &profile, &["--dump-dom"], &format!("{base}{page}"));
        assert!(dom.contains("Karaganda"), "{page} does not name Karaganda");
        assert!(dom.contains("<svg"), "{page} has no diagram");
        assert!(console.is_empty(), "console messages on {page}:\n{console}");
    }

    let table = format!("party,votes\n\"{HOSTILE}\",1000\nB,500\n");
    let hostile = format!("{base}/calculator?table={}&seats=5", encode(&table));
    let Printed { stdout: dom, console } = browse(&chromium, &profile, &["--dump-dom"], &hostile);
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
