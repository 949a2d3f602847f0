//! The report in a real browser: the index and two election pages, opened in headless Chromium
//! at phone width (360 px) and desktop width (1300 px), must not scroll sideways, and every
//! diagram must lie whole inside the viewport.
//!
//! Each page is loaded into an `<iframe>` of the exact width (a headless window cannot be
//! narrower than 500 px) by a small checking page written beside it, whose script measures the
//! page and writes the result into the DOM that `--dump-dom` prints. The report's own pages
//! carry no script.
//!
//! Without Chromium the test is skipped loudly, or fails under `MASLIHAT_REQUIRE_BROWSER=1`
//! (see [`maslihat_e2e::headless`]); `MASLIHAT_SHOTS=<folder>` also saves a screenshot of every
//! page at both widths there.

use std::fs;
use std::path::{Path, PathBuf};

use maslihat_e2e::headless::{browse, chromium_or_skip};
use maslihat_e2e::{datasets, run};

use crate::scratch;

/// The pages checked, relative to the report folder: the index, a 2021 and a 2023 election.
const PAGES: [&str; 4] = [
    "index.html",
    "elections/shymkent-city-2021/report.html",
    "elections/almaty-city-2023/report.html",
    "glossary.html",
];

/// The viewport widths checked: a small phone and a desktop.
const WIDTHS: [u32; 2] = [360, 1300];

#[test]
fn pages_fit_phone_and_desktop_width() {
    let Some(chromium) = chromium_or_skip("BROWSER CHECK") else { return };
    let report = scratch("browser");
    run(&datasets(), &report, 2);
    let shots = std::env::var_os("MASLIHAT_SHOTS").map(PathBuf::from);
    let mut failures = Vec::new();
    for page in PAGES {
        for width in WIDTHS {
            let checker = write_checker(&report, page, width);
            let dom = browser(&chromium, &report, &["--window-size=1300,900", "--dump-dom"], &checker);
            match Layout::parse(&dom) {
                Some(layout) => failures.extend(layout.problems(page, width)),
                None => failures.push(format!("{page} at {width} px: no measurement in the DOM:\n{dom}")),
            }
            if let Some(shots) = &shots {
                screenshot(&chromium, &report, page, width, shots);
            }
        }
    }
    assert!(failures.is_empty(), "the report does not fit:\n{}", failures.join("\n"));
}

/// What the checking script measured in one page.
#[derive(Debug)]
struct Layout {
    viewport: u32,
    scroll_width: u32,
    svgs: u32,
    /// The diagrams not inside the viewport, as `index:left-right`.
    outside: String,
}

impl Layout {
    fn parse(dom: &str) -> Option<Layout> {
        let line = dom.lines().find_map(|line| line.split_once("<pre>LAYOUT ").map(|(_, rest)| rest))?;
        let line = line.split("</pre>").next().unwrap_or(line);
        let field = |name: &str| {
            line.split_whitespace().find_map(|part| part.strip_prefix(name)?.strip_prefix('=')).map(str::to_owned)
        };
        Some(Layout {
            viewport: field("viewport")?.parse().ok()?,
            scroll_width: field("scrollWidth")?.parse().ok()?,
            svgs: field("svgs")?.parse().ok()?,
            outside: field("outside").unwrap_or_default(),
        })
    }

    fn problems(&self, page: &str, width: u32) -> Vec<String> {
        let mut problems = Vec::new();
        if self.viewport != width {
            problems.push(format!("{page}: viewport {} px, expected {width}", self.viewport));
        }
        if self.scroll_width > self.viewport {
            problems.push(format!("{page} at {width} px scrolls sideways: {} px wide", self.scroll_width));
        }
        if !self.outside.is_empty() {
            problems.push(format!("{page} at {width} px: diagrams not whole in view ({})", self.outside));
        }
        if page.contains("elections/") && self.svgs == 0 {
            problems.push(format!("{page}: no diagram to check"));
        }
        problems
    }
}

/// Writes, beside `page`, a page that loads it in a `width`-pixel frame and writes what it
/// measured into a `<pre>` as `LAYOUT viewport=… scrollWidth=… svgs=… outside=…`.
fn write_checker(report: &Path, page: &str, width: u32) -> PathBuf {
    let path = report.join(page);
    let (folder, file) = (path.parent().expect("a folder"), path.file_name().expect("a file").to_string_lossy());
    let checker = folder.join(format!("check-{width}-{file}"));
    let html = format!(
        r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="{file}" style="width:{width}px;height:{height}px;border:0;display:block"></iframe>
<script>
document.getElementById('page').addEventListener('load', function () {{
  var doc = this.contentDocument, root = doc.documentElement, width = root.clientWidth, outside = [];
  var svgs = doc.querySelectorAll('svg');
  for (var i = 0; i < svgs.length; i++) {{
    var r = svgs[i].getBoundingClientRect();
    if (r.left < -0.5 || r.right > width + 0.5 || r.width < 1) outside.push(i + ':' + Math.round(r.left) + '-' + Math.round(r.right));
  }}
  var pre = document.createElement('pre');
  pre.textContent = 'LAYOUT viewport=' + width + ' scrollWidth=' + root.scrollWidth + ' svgs=' + svgs.length + ' outside=' + outside.join(',');
  document.body.appendChild(pre);
}});
</script></body></html>
"#,
        height = if width < 500 { 800 } else { 900 },
    );
    fs::write(&checker, html).unwrap_or_else(|e| panic!("cannot write {}: {e}", checker.display()));
    checker
}

/// Saves a full-height screenshot of `page` at `width` into `shots`, as
/// `<page path with dashes>-<width>.png`.
fn screenshot(chromium: &Path, report: &Path, page: &str, width: u32, shots: &Path) {
    fs::create_dir_all(shots).unwrap_or_else(|e| panic!("cannot create {}: {e}", shots.display()));
    let path = report.join(page);
    let folder = path.parent().expect("a folder");
    let file = path.file_name().expect("a file").to_string_lossy();
    let frame = folder.join(format!("shot-{width}-{file}"));
    let height = 4000;
    let html = format!(
        r#"<!DOCTYPE html><html><body style="margin:0;background:#888"><iframe src="{file}" style="width:{width}px;height:{height}px;border:0;display:block;background:#fff"></iframe></body></html>"#
    );
    fs::write(&frame, html).unwrap_or_else(|e| panic!("cannot write {}: {e}", frame.display()));
    let name = format!("{}-{width}.png", page.trim_end_matches(".html").replace('/', "-"));
    let target = shots.join(name);
    let window = format!("--window-size={},{height}", width.max(500));
    let shot = format!("--screenshot={}", target.display());
    browser(chromium, report, &[&window, &shot], &frame);
}

/// Opens `page` (a file of the report) in headless Chromium with `extra` flags; returns what
/// it printed (the DOM, for `--dump-dom`).
fn browser(chromium: &Path, report: &Path, extra: &[&str], page: &Path) -> String {
    let profile = report.join(format!("profile-{}", std::process::id()));
    let flags = [&["--hide-scrollbars", "--allow-file-access-from-files"], extra].concat();
    browse(chromium, &profile, &flags, &format!("file://{}", page.display())).stdout
}
