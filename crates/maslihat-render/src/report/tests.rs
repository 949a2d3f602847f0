//! Unit tests of the report's pages and diagrams.

#[test]
fn inlined_svg_drops_the_namespace() {
    let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"></svg>"#;
    assert_eq!(super::html::inline_svg(svg), r#"<svg viewBox="0 0 1 1"></svg>"#);
}

#[test]
fn a_tie_and_the_threshold_losers_show_in_the_diagram() {
    use maslihat_apportion::{Preset, Tally, allocate};

    use crate::svg::SeatMark;

    // The fourth list is below 7 %, so the quota is 1 000 000 / 10: the others have 5, 2.5 and
    // 2.5 quotas, lists 2 and 3 tie for the last seat, and the one registered earlier wins it.
    let tally = Tally::new(vec![500_000, 250_000, 250_000, 30_000]);
    let allocation = allocate(&tally, 10, &Preset::Kz2021.rules()).expect("allocated");
    assert_eq!(allocation.seats(), [5, 3, 2, 0]);
    let diagram = super::allocation_diagram("Test", &allocation, &[], None);
    let seats: Vec<u32> = diagram.groups.iter().map(|g| g.seats).collect();
    assert_eq!(seats, [5, 3, 2]);
    assert_eq!(diagram.groups[1].marks, [SeatMark::Tie]);
    assert!(diagram.groups[0].marks.is_empty() && diagram.groups[2].marks.is_empty());
    assert_eq!(diagram.groups[0].colour, super::diagram::PALETTE[0]);
    assert_eq!(diagram.excluded.len(), 1);
    assert_eq!(diagram.excluded[0].name, "list 4");
    assert_eq!(diagram.excluded[0].reason, "2.91 %, below 7 %");
    assert!(diagram.majority_line);
}

#[test]
fn a_large_index_links_its_summary_split_over_pages() {
    use super::index::SummaryPage;
    use super::summary::{SUMMARY_PAGE_ROWS, SummaryRow, summary_page_rows, summary_pages};
    use super::{IndexPage, IndexSummary, html, markdown};

    assert_eq!(summary_pages(SUMMARY_PAGE_ROWS), 0, "up to a page, the index holds the table");
    assert_eq!(summary_pages(SUMMARY_PAGE_ROWS + 1), 2);
    let rows: Vec<SummaryRow> = (0..=SUMMARY_PAGE_ROWS)
        .map(|i| SummaryRow::failed(&format!("e{i}"), "m", &format!("Council <{i}>"), 2021, "kz-2021", String::new()))
        .collect();
    let summary_page = |number| SummaryPage { title: "T", number, pages: 2, rows: summary_page_rows(&rows, number) };
    let (first_page, second_page) = (summary_page(1), summary_page(2));
    let summary = IndexSummary::of(rows.clone(), Vec::new());
    let page = IndexPage { title: "T", data: "d", summary: &summary, warnings: &[] };
    let text = |write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut out = Vec::new();
        write(&mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    };
    let index = text(&|out| html::write_index(out, &page));
    assert!(!index.contains("<table"), "no table on the index");
    assert!(
        index.contains(r#"<a href="index-2.html">Page 2</a>: Council &lt;1000&gt; 2021 – Council &lt;1000&gt; 2021"#)
    );
    let first = text(&|out| html::write_summary_page(out, &first_page));
    assert_eq!(first.matches("<tr>").count(), SUMMARY_PAGE_ROWS + 1, "the head and a page of rows");
    assert!(first.contains("Council &lt;999&gt;") && !first.contains("Council &lt;1000&gt;"));
    let second = text(&|out| html::write_summary_page(out, &second_page));
    assert!(second.contains("Council &lt;1000&gt;") && second.contains("<script>"));
    let markdown_index = text(&|out| markdown::write_index(out, &page));
    assert!(markdown_index.contains("2. [Page 2](report-2.md)") && !markdown_index.contains("|---|"));
    let markdown_second = text(&|out| markdown::write_summary_page(out, &second_page));
    assert_eq!(markdown_second.matches("\n| ").count(), 2, "the head and the last row");
}

/// A page as the template wrote it before [`super::html::PageStart`]: the reference.
fn document_by_template(title: &str, body: maud::Markup) -> maud::Markup {
    use maud::{DOCTYPE, PreEscaped, html};
    html! {
        (DOCTYPE) "\n"
        html lang="en" {
            "\n"
            head {
                "\n" meta charset="utf-8"; "\n"
                meta name="viewport" content="width=device-width, initial-scale=1"; "\n"
                title { (PreEscaped(crate::text::xml(title))) } "\n"
                style { (PreEscaped(super::html::STYLE)) } "\n"
            }
            "\n"
            body { "\n" main { "\n" (body) } "\n" }
            "\n"
        }
        "\n"
    }
}

proptest::proptest! {
    #[test]
    fn a_page_begun_and_ended_in_one_buffer_is_the_template_s_page(title in ".{0,40}", body in ".{0,200}") {
        use maud::{PreEscaped, Render, html};
        let expected = document_by_template(&title, PreEscaped(body.clone())).into_string();
        proptest::prop_assert_eq!(&super::html::document(&title, PreEscaped(body.clone())).into_string(), &expected);
        let start = super::html::PageStart { title: &title, room: 10 };
        let inline = html! { (start) (PreEscaped(&body)) (super::html::PAGE_END) };
        proptest::prop_assert_eq!(&inline.into_string(), &expected);
        let mut rendered = String::new();
        super::html::PageStart { title: &title, room: 0 }.render_to(&mut rendered);
        proptest::prop_assert!(expected.starts_with(&rendered));
    }
}

proptest::proptest! {
    #[test]
    fn an_svg_inlined_drops_only_its_first_namespace_declaration(
        before in "[a-z <=\"]{0,20}",
        after in "[a-z <=\"]{0,20}",
        declarations in 0usize..3,
    ) {
        let namespace = r#" xmlns="http://www.w3.org/2000/svg""#;
        let svg = format!("<svg{before}{}{after}>", namespace.repeat(declarations));
        proptest::prop_assert_eq!(super::html::inline_svg(&svg), svg.replacen(namespace, "", 1));
    }
}

/// The cells of a what-if row, as [`super::page::WhatIfCells::each`] gives them, each between
/// `before` and `after`: the reference of `write_to`.
fn what_if_cells_by_each(cells: &super::page::WhatIfCells<'_>, before: &str, after: &str) -> String {
    let mut out = String::new();
    cells.each(|cell| {
        out.push_str(before);
        out.push_str(cell);
        out.push_str(after);
    });
    out
}

proptest::proptest! {
    /// Rows written by `write_to` (a row that shows what the one before showed copied from it)
    /// read as their cells one by one; no cell is changed by XML or Markdown escaping, so the
    /// pages may write them as they are.
    #[test]
    fn what_if_cells_written_or_copied_read_as_their_cells(
        rows in proptest::collection::vec(
            (
                0usize..3,
                proptest::prop_oneof![
                    proptest::strategy::Just(0.0),
                    proptest::strategy::Just(-0.0),
                    proptest::strategy::Just(f64::NAN),
                    proptest::strategy::Just(f64::INFINITY),
                    proptest::strategy::Just(2.675),
                    -1.0e6f64..1.0e6,
                ],
                proptest::prop_oneof![proptest::strategy::Just(26_827u64), proptest::num::u64::ANY],
            ),
            0..12,
        ),
        prefix in "[a-z|<]{0,5}",
    ) {
        use super::page::WhatIfCells;
        let seat_choices: [&[u32]; 3] = [&[2, 0, 22], &[2, 0, 22, 0], &[u32::MAX, 1_000_000]];
        let cells: Vec<WhatIfCells<'_>> = rows
            .iter()
            .map(|&(seats, gallagher, wasted_votes)| WhatIfCells { seats: seat_choices[seats], gallagher, wasted_votes })
            .collect();
        for (before, after) in [(r#"<td class="num">"#, "</td>"), (" ", " |")] {
            let mut out = prefix.clone();
            let mut expected = prefix.clone();
            let mut written = super::page::WrittenCells::default();
            for row in &cells {
                row.write_to(&mut out, before, after, &mut written);
                expected.push_str(&what_if_cells_by_each(row, before, after));
                // Something between the rows, as a page writes.
                out.push_str("|\n");
                expected.push_str("|\n");
            }
            proptest::prop_assert_eq!(&out, &expected);
        }
        for row in &cells {
            row.each(|cell| {
                assert_eq!(crate::text::xml(cell), cell, "XML escaping leaves {cell:?}");
                assert_eq!(crate::text::markdown(cell), cell, "Markdown escaping leaves {cell:?}");
            });
        }
    }
}

/// A report of a recomputed election with `lists` and nothing else of note.
fn report_with_lists(lists: Vec<super::ListLine>) -> super::ElectionReport {
    super::ElectionReport {
        id: "e".to_owned(),
        body: "b".to_owned(),
        name: "N".to_owned(),
        year: 2021,
        date: "2021-01-10".to_owned(),
        rules: "kz-2021".to_owned(),
        threshold: "7 %".to_owned(),
        mixed: false,
        list_seats: Some(10),
        total_seats: Some(10),
        vote_status: maslihat_model::election::VoteStatus::Complete,
        status: super::Status {
            verdict: maslihat_model::Status::Match,
            documented: false,
            reason: String::new(),
            evidence: Vec::new(),
        },
        lists,
        caveats: Vec::new(),
        warnings: Vec::new(),
        note: None,
        lists_basis: None,
        explanation: Some("explained\n".to_owned()),
        quota: None,
        base: None,
        closest: None,
        margin_notes: Vec::new(),
        margins_error: None,
        seat_notes: Vec::new(),
        indices: None,
        methods: Vec::new(),
        thresholds: Vec::new(),
        what_if_names: Vec::new(),
        published: None,
        published_missing: None,
        recomputed: None,
        sources: Vec::new(),
        discrepancies: Vec::new(),
    }
}

/// `margins.csv` as records of strings (the way it was written before field by field): the
/// reference of [`super::margins_csv`].
fn margins_csv_by_records(report: &super::ElectionReport) -> String {
    let header = [
        "party",
        "name",
        "votes",
        "share_percent",
        "recomputed_seats",
        "published_seats",
        "gain_votes",
        "loss_votes",
        "could_lose",
    ]
    .map(str::to_owned);
    let lines = report.lists.iter().map(|list| {
        [
            list.party.clone(),
            list.name.clone(),
            list.votes.map(|v| v.to_string()).unwrap_or_default(),
            if list.share_printed { String::new() } else { list.share.clone().unwrap_or_default() },
            list.recomputed.map(|n| n.to_string()).unwrap_or_default(),
            list.published.iter().map(u32::to_string).collect::<Vec<_>>().join("|"),
            list.gain.map(|v| v.to_string()).unwrap_or_default(),
            list.loss.map(|v| v.to_string()).unwrap_or_default(),
            list.loss.map(|v| v.saturating_sub(1).to_string()).unwrap_or_default(),
        ]
    });
    crate::text::csv_reference::csv_crate_text(std::iter::once(header).chain(lines))
}

proptest::proptest! {
    #[test]
    fn margins_csv_reads_as_its_records_written_plainly(
        lists in proptest::collection::vec(
            (
                ("[a-z=+-]{0,6}", "[A-Za-z ,\"=\r\n]{0,8}", proptest::option::of(proptest::num::u64::ANY)),
                (proptest::option::of("[0-9.-]{0,5}"), proptest::bool::ANY, proptest::option::of(0u32..50)),
                proptest::collection::vec(0u32..50, 0..3),
                (proptest::option::of(proptest::num::u64::ANY), proptest::option::of(proptest::num::u64::ANY)),
            ),
            0..6,
        ),
    ) {
        let lists = lists
            .into_iter()
            .map(|((party, name, votes), (share, share_printed, recomputed), published, (gain, loss))| super::ListLine {
                party,
                name: name.clone(),
                short: String::new(),
                colour: "#123456".to_owned(),
                votes,
                share,
                share_printed,
                status: None,
                recomputed,
                published,
                remainder: None,
                gain,
                loss,
            })
            .collect();
        let report = report_with_lists(lists);
        proptest::prop_assert_eq!(super::margins_csv(&report), margins_csv_by_records(&report));
    }
}

mod markdown_reference;

/// A small deterministic source of choices for [`varied_report`].
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn flip(&mut self) -> bool {
        self.below(2) == 0
    }

    /// One of `texts`, chosen.
    fn text(&mut self, texts: &[String]) -> String {
        if texts.is_empty() { String::new() } else { texts[self.below(texts.len() as u64) as usize].clone() }
    }

    fn float(&mut self) -> f64 {
        match self.below(6) {
            0 => 0.0,
            1 => -0.0,
            2 => f64::NAN,
            3 => 2.675,
            _ => (self.below(2_000_000) as f64) / 1000.0 - 10.0,
        }
    }
}

/// A report with every part chosen by `seed` (present or not, how many, which texts) and its
/// texts taken from `texts`: for holding a page to its reference over many shapes.
fn varied_report(seed: u64, texts: &[String]) -> super::ElectionReport {
    use maslihat_analysis::{Indices, SweepRow};

    let mut c = Choices(seed | 1);
    let lists: Vec<super::ListLine> = (0..c.below(6))
        .map(|_| super::ListLine {
            party: c.text(texts),
            name: c.text(texts),
            short: c.text(texts),
            colour: "#123456".to_owned(),
            votes: c.flip().then(|| c.next() >> c.below(64)),
            share: c.flip().then(|| c.text(texts)),
            share_printed: c.flip(),
            status: match c.below(4) {
                0 => Some(maslihat_apportion::ListStatus::Qualified),
                1 => Some(maslihat_apportion::ListStatus::RunnerUp),
                2 => Some(maslihat_apportion::ListStatus::BelowThreshold),
                _ => None,
            },
            recomputed: c.flip().then(|| c.below(4) as u32),
            published: (0..c.below(3)).map(|_| c.below(30) as u32).collect(),
            remainder: c.flip().then(|| super::Exact { decimal: c.text(texts), fraction: c.text(texts) }),
            gain: c.flip().then(|| c.next() >> c.below(64)),
            loss: c.flip().then(|| c.next() >> c.below(64)),
        })
        .collect();
    let mut report = report_with_lists(lists);
    report.name = c.text(texts);
    report.date = c.text(texts);
    report.threshold = c.text(texts);
    report.mixed = c.flip();
    report.list_seats = c.flip().then(|| c.below(50) as u32);
    report.total_seats = c.flip().then(|| c.below(50) as u32);
    report.status.verdict = match c.below(4) {
        0 => maslihat_model::Status::Match,
        1 => maslihat_model::Status::Mismatch,
        2 => maslihat_model::Status::Consistent,
        _ => maslihat_model::Status::NotPublished,
    };
    report.status.documented = c.flip();
    report.status.reason = if c.flip() { String::new() } else { c.text(texts) };
    report.status.evidence = (0..c.below(3)).map(|_| format!("  {}", c.text(texts))).collect();
    report.caveats = (0..c.below(3)).map(|_| c.text(texts)).collect();
    report.warnings = (0..c.below(3)).map(|_| c.text(texts)).collect();
    report.note = c.flip().then(|| c.text(texts));
    report.explanation = c.flip().then(|| format!("{}\n``` x\n", c.text(texts)));
    report.quota = c.flip().then(|| super::Exact { decimal: c.text(texts), fraction: c.text(texts) });
    report.base = c.flip().then(|| super::ThresholdBaseLine {
        name: c.text(texts),
        votes: u128::from(c.next()) << c.below(70),
        against_all: c.flip().then(|| super::Counted { votes: c.flip().then(|| c.next()), share: c.text(texts) }),
        invalid: c.flip().then(|| super::Counted { votes: c.flip().then(|| c.next()), share: c.text(texts) }),
    });
    report.closest = c.flip().then(|| super::Closest {
        ballots: c.next(),
        from: c.text(texts),
        to: c.text(texts),
        text: c.text(texts),
    });
    report.margins_error = c.flip().then(|| c.text(texts));
    report.margin_notes = (0..c.below(3)).map(|_| c.text(texts)).collect();
    report.seat_notes = (0..c.below(3)).map(|_| c.text(texts)).collect();
    let indices = |c: &mut Choices| Indices {
        gallagher: c.float(),
        loosemore_hanby: c.float(),
        enp_votes: c.float(),
        enp_seats: c.float(),
        wasted_votes: c.next() >> c.below(64),
        wasted_percent: c.float(),
    };
    report.indices = c.flip().then(|| indices(&mut c));
    let names = c.below(4) as usize;
    report.what_if_names = (0..names).map(|_| c.text(texts)).collect();
    let rows = |c: &mut Choices| -> Vec<SweepRow> {
        let mut rows: Vec<SweepRow> = Vec::new();
        for _ in 0..c.below(6) {
            // Often the row before again, as sweeps give.
            if let Some(last) = rows.last().filter(|_| c.flip()) {
                let mut again = last.clone();
                again.method = c.text(texts);
                rows.push(again);
                continue;
            }
            let failed = c.below(4) == 0;
            rows.push(SweepRow {
                method: c.text(texts),
                threshold: c.text(texts),
                house_size: c.below(50) as u32,
                seats: (!failed).then(|| (0..names).map(|_| c.below(30) as u32).collect()),
                indices: (!failed).then(|| indices(c)),
                error: failed.then(|| c.text(texts)),
            });
        }
        rows
    };
    report.methods = rows(&mut c);
    report.thresholds = rows(&mut c);
    report.published_missing = c.flip().then(|| c.text(texts));
    report.sources = (0..c.below(3))
        .map(|_| super::SourceLink {
            url: match c.below(3) {
                0 => format!("https://example.org/{}", c.text(texts)),
                1 => format!("notes/{}", c.text(texts)),
                _ => String::new(),
            },
            publisher: c.text(texts),
            description: c.text(texts),
        })
        .collect();
    report.discrepancies = (0..c.below(3))
        .map(|_| super::DiscrepancyLine {
            about: c.text(texts),
            value: c.text(texts),
            source: c.text(texts),
            in_tables: c.flip(),
            note: c.text(texts),
        })
        .collect();
    report
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2_000))]

    /// The Markdown page built by pushes reads as the page built by `write!`, over reports of
    /// every shape and texts with everything Markdown escapes.
    #[test]
    fn the_markdown_page_reads_as_written_by_format(
        seed in proptest::num::u64::ANY,
        texts in proptest::collection::vec("[a-z \\\\|*_`\\[\\]<>#\n\r&\"ü—-]{0,8}", 1..6),
        kinds in proptest::sample::subsequence(vec!["published", "recomputed"], 0..=2),
    ) {
        let report = varied_report(seed, &texts);
        proptest::prop_assert_eq!(
            super::markdown::election_markdown(&report, &kinds),
            markdown_reference::election_markdown(&report, &kinds)
        );
    }

    /// The gain and loss texts pushed read as they were formatted.
    #[test]
    fn gain_and_loss_texts_read_as_formatted(
        gain in proptest::option::of(proptest::num::u64::ANY),
        loss in proptest::option::of(proptest::num::u64::ANY),
        recomputed in proptest::option::of(0u32..3),
    ) {
        let mut report = varied_report(1, &["a".to_owned()]);
        let list = super::ListLine {
            party: String::new(),
            name: String::new(),
            short: String::new(),
            colour: String::new(),
            votes: None,
            share: None,
            share_printed: false,
            status: None,
            recomputed,
            published: Vec::new(),
            remainder: None,
            gain,
            loss,
        };
        let gain_by_format = gain.map_or_else(|| "—".to_owned(), |votes| format!("+{}", crate::text::grouped(votes)));
        let loss_by_format = match (loss, recomputed) {
            (Some(votes), _) => format!("−{}", crate::text::grouped(votes)),
            (None, Some(0)) => "no seat to lose".to_owned(),
            (None, _) => "—".to_owned(),
        };
        proptest::prop_assert_eq!(list.gain_text(), gain_by_format.clone());
        proptest::prop_assert_eq!(list.loss_text(), loss_by_format.clone());
        // Neither has anything XML or Markdown escaping changes.
        proptest::prop_assert_eq!(crate::text::xml(&gain_by_format), gain_by_format.clone());
        proptest::prop_assert_eq!(crate::text::xml(&loss_by_format), loss_by_format.clone());
        proptest::prop_assert_eq!(crate::text::markdown(&gain_by_format), gain_by_format);
        proptest::prop_assert_eq!(crate::text::markdown(&loss_by_format), loss_by_format);
        report.lists.clear();
    }
}

proptest::proptest! {
    /// The indices' facts pushed read as they were formatted; grouped vote counts (written into
    /// the HTML page unescaped) have nothing XML escaping changes.
    #[test]
    fn index_facts_read_as_formatted(seed in proptest::num::u64::ANY, votes in proptest::num::u64::ANY) {
        use crate::text;
        let mut c = Choices(seed | 1);
        let ix = maslihat_analysis::Indices {
            gallagher: c.float(),
            loosemore_hanby: c.float(),
            enp_votes: c.float(),
            enp_seats: c.float(),
            wasted_votes: c.next() >> c.below(64),
            wasted_percent: c.float(),
        };
        let by_format = [
            ("Gallagher", text::fixed(ix.gallagher, 2)),
            ("Loosemore–Hanby", text::fixed(ix.loosemore_hanby, 2)),
            (
                "Effective number of parties",
                format!("{} by votes, {} by seats", text::fixed(ix.enp_votes, 2), text::fixed(ix.enp_seats, 2)),
            ),
            (
                "Wasted votes",
                format!(
                    "{} ({} % of the threshold base), for lists below the threshold",
                    text::grouped(ix.wasted_votes),
                    text::fixed(ix.wasted_percent, 2)
                ),
            ),
        ];
        proptest::prop_assert_eq!(super::page::index_facts(&ix), by_format);
        proptest::prop_assert_eq!(text::xml(&text::grouped(votes)), text::grouped(votes));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1_000))]

    /// The HTML page of an election reads as the templates wrote it, over reports of every
    /// shape and texts with everything XML escapes.
    #[test]
    fn the_html_page_reads_as_the_templates_wrote_it(
        seed in proptest::num::u64::ANY,
        texts in proptest::collection::vec("[a-z &<>\"'\u{1}\n—-]{0,8}", 1..6),
        kinds in proptest::sample::subsequence(vec!["published", "recomputed"], 0..=2),
    ) {
        let report = varied_report(seed, &texts);
        let svgs: Vec<(&'static str, String)> = kinds
            .iter()
            .map(|kind| (*kind, format!(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>{kind}</title></svg>"#)))
            .collect();
        proptest::prop_assert_eq!(
            super::html::election_html(&report, &svgs),
            super::html::reference::election_html(&report, &svgs)
        );
    }
}

/// `explain.txt` as it was written by `write!`: the reference of [`super::explain_text`].
fn explain_text_by_format(report: &super::ElectionReport) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({}), rules {}", report.name, report.year, report.id, report.rules);
    let _ = write!(out, "status: {}", report.status.kind().label());
    if report.status.verdict == maslihat_model::Status::Mismatch {
        out.push_str(if report.status.documented() { " (documented)" } else { " (not documented)" });
    }
    if !report.status.reason.is_empty() {
        let _ = write!(out, ": {}", report.status.reason);
    }
    out.push('\n');
    for line in &report.status.evidence {
        let _ = writeln!(out, "{line}");
    }
    for caveat in &report.caveats {
        let _ = writeln!(out, "assumed: {caveat}");
    }
    let Some(explanation) = &report.explanation else { return out };
    out.push('\n');
    out.push_str(explanation);
    out.push('\n');
    match (&report.closest, &report.margins_error) {
        (Some(closest), _) => {
            let _ = writeln!(out, "closest call: {}", closest.text);
        }
        (None, Some(error)) => {
            let _ = writeln!(out, "margins: not computed: {error}");
        }
        (None, None) => out.push_str("closest call: no move of ballots between lists changes any seat\n"),
    }
    for note in &report.seat_notes {
        let _ = writeln!(out, "marked seat: {note}");
    }
    for note in &report.margin_notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

proptest::proptest! {
    /// `explain.txt` built by pushes reads as it was written by `write!`.
    #[test]
    fn explain_text_reads_as_written_by_format(
        seed in proptest::num::u64::ANY,
        texts in proptest::collection::vec("[a-z {}\n%]{0,8}", 1..6),
    ) {
        let report = varied_report(seed, &texts);
        proptest::prop_assert_eq!(super::explain_text(&report), explain_text_by_format(&report));
    }
}

proptest::proptest! {
    /// The margin points handed out in pieces read, joined, as the points' sentences.
    #[test]
    fn margin_points_in_pieces_join_to_the_sentences(
        seed in proptest::num::u64::ANY,
        texts in proptest::collection::vec("[a-zé <&]{0,8}", 1..6),
    ) {
        let report = varied_report(seed, &texts);
        let mut joined = Vec::new();
        report.each_margin_point(|pieces, note| joined.push((pieces.concat(), note)));
        let expected: Vec<(String, bool)> = report.margin_points().into_iter().map(|p| (p.text, p.note)).collect();
        proptest::prop_assert_eq!(joined, expected);
    }
}
