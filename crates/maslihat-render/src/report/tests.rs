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
