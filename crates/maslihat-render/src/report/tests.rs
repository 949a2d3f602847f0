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
    use super::summary::{SUMMARY_PAGE_ROWS, SummaryRow, summary_pages};
    use super::{IndexPage, html, markdown};

    assert_eq!(summary_pages(SUMMARY_PAGE_ROWS), 0, "up to a page, the index holds the table");
    assert_eq!(summary_pages(SUMMARY_PAGE_ROWS + 1), 2);
    let rows: Vec<SummaryRow> = (0..=SUMMARY_PAGE_ROWS)
        .map(|i| SummaryRow::failed(&format!("e{i}"), "m", &format!("Council <{i}>"), 2021, "kz-2021", String::new()))
        .collect();
    let page = IndexPage { title: "T", data: "d", rows: &rows, diagrams: &[], warnings: &[] };
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
    let first = text(&|out| html::write_summary_page(out, &page, 1));
    assert_eq!(first.matches("<tr>").count(), SUMMARY_PAGE_ROWS + 1, "the head and a page of rows");
    assert!(first.contains("Council &lt;999&gt;") && !first.contains("Council &lt;1000&gt;"));
    let second = text(&|out| html::write_summary_page(out, &page, 2));
    assert!(second.contains("Council &lt;1000&gt;") && second.contains("<script>"));
    let markdown_index = text(&|out| markdown::write_index(out, &page));
    assert!(markdown_index.contains("2. [Page 2](report-2.md)") && !markdown_index.contains("|---|"));
    let markdown_second = text(&|out| markdown::write_summary_page(out, &page, 2));
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
            let mut last = None;
            for row in &cells {
                row.write_to(&mut out, before, after, &mut last);
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
    crate::text::csv_text(std::iter::once(header).chain(lines))
}

proptest::proptest! {
    #[test]
    fn margins_csv_reads_as_its_records_written_plainly(
        lists in proptest::collection::vec(
            (
                ("[a-z=+-]{0,6}", "[A-Za-z ,\"=]{0,8}", proptest::option::of(proptest::num::u64::ANY)),
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
