//! The pages the report does not have: a mäslihat as an infobox with its convocations, heads,
//! territorial changes, diagrams and elections. They use the report's look
//! ([`standalone_page`]) and its escaping ([`xml`]); the election pages and the index are the
//! report's own.

use maslihat_model::{Dataset, Maslihat};
use maslihat_render::infobox;
use maslihat_render::report::html::{inline_svg, standalone_page};
use maslihat_render::text::xml;
use maud::{Markup, PreEscaped, Render, html};

use crate::site::Site;

/// Text for a page, escaped by the report's [`xml`] when rendered.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a>(pub &'a str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&xml(self.0));
    }
}

/// The links at the top of every page of the server's own.
pub fn nav() -> Markup {
    html! {
        nav class="lede" {
            a href="/" { "All elections" } " · " a href="/maslihats" { "Mäslihats" } " · "
            a href="/calculator" { "Calculator" } " · " a href="/glossary.html" { "Words used" }
        } "\n"
    }
}

/// A page of the server's own: the report's look, the navigation, `body`.
pub fn page(title: &str, body: Markup) -> String {
    standalone_page(title, html! { link rel="stylesheet" href="/assets/server.css"; "\n" (nav()) (body) })
}

/// `/maslihats`: every body of the dataset with its elections.
pub fn maslihats_page(dataset: &Dataset) -> String {
    let body = html! {
        h1 { "Mäslihats" } "\n"
        p class="lede" { "Every mäslihat of the dataset, with its elections." } "\n"
        div class="scroll" { table {
            tr { th { "Mäslihat" } th { "Native name" } th { "Elections" } } "\n"
            @for body in &dataset.bodies {
                tr {
                    td { a href={ "/maslihat/" (Text(&body.id.0)) } { (Text(&body.name)) } }
                    td { (Text(body.native_name.as_deref().unwrap_or(""))) }
                    td {
                        @for election in dataset.elections_of(&body.id) {
                            a href={ "/election/" (Text(&election.id.0)) "/" } { (election.date.year()) } " "
                        }
                    }
                } "\n"
            }
        } } "\n"
    };
    page("Mäslihats", body)
}

/// `/maslihat/{id}`: the body as an infobox, its convocations, heads, territorial changes, the
/// diagram of each of its elections, and the infobox wikitext.
pub fn maslihat_page(site: &Site, body: &Maslihat) -> String {
    let dataset = &site.source.dataset;
    let facts = infobox::of(dataset, body, None);
    let wikitext = infobox::write(&facts);
    let elections = dataset.elections_of(&body.id);
    let content = html! {
        h1 { (Text(&body.name)) } "\n"
        @if let Some(native) = &body.native_name { p class="lede" { (Text(native)) } "\n" }
        h2 { "Infobox" } "\n"
        dl class="facts" {
            dt { "Level" } dd { (Text(&body.level.to_string())) } "\n"
            @if let Some(founded) = &body.founded { dt { "Founded" } dd { (Text(&founded.to_string())) } "\n" }
            @if let Some(place) = &body.meets_in { dt { "Meets in" } dd { (Text(place)) } "\n" }
            dt { "Term" } dd { (body.term_years) " years" } "\n"
            @if let Some(members) = facts.members { dt { "Members" } dd { (members) } "\n" }
            @if let (Some(title), Some(leader)) = (&facts.leader_type, &facts.leader) {
                dt { (Text(title)) } dd {
                    (Text(&leader.text))
                    @if let Some(party) = &facts.leader_party { " (" (Text(&party.text)) ")" }
                } "\n"
            }
            @if let Some(last) = &facts.last_election { dt { "Last election" } dd { (Text(&last.to_string())) } "\n" }
            @if let Some(next) = &facts.next_election { dt { "Next election" } dd { (Text(&next.to_string())) } "\n" }
            @if let Some(system) = &facts.voting_system { dt { "Voting system" } dd { (Text(system)) } "\n" }
            @for group in &facts.groups {
                dt { (Text(&group.label)) @if let Some(n) = group.seats { " (" (n) ")" } }
                dd {
                    @for entry in &group.entries {
                        span class="party" {
                            @if let Some(colour) = &entry.colour {
                                span class="dot" style={ "background:" (Text(&colour.to_string())) } {}
                            }
                            (Text(&entry.party.text)) " (" (entry.seats) ")"
                        } " "
                    }
                } "\n"
            }
        } "\n"
        (elections_section(site, &elections))
        (convocations(body))
        (heads(body))
        (changes(body))
        @if let Some(note) = &body.note { h2 { "Note" } "\n" p { (Text(note)) } "\n" }
        h2 { "Infobox wikitext" } "\n"
        details { summary { "Show the " code { "{{Infobox legislature}}" } " wikitext" } pre { (Text(&wikitext)) } } "\n"
    };
    page(&body.name, content)
}

fn elections_section(site: &Site, elections: &[&maslihat_model::Election]) -> Markup {
    html! {
        h2 { "Elections" } "\n"
        @if elections.is_empty() { p class="muted" { "No election of this body is in the dataset." } "\n" }
        div class="cards" {
            @for election in elections {
                @let files = site.election(&election.id.0);
                @let svg = files.and_then(|f| f.file("published.svg").or_else(|| f.file("recomputed.svg")));
                figure {
                    @if let Some(svg) = svg { (PreEscaped(inline_svg(svg))) }
                    figcaption {
                        a href={ "/election/" (Text(&election.id.0)) "/" } { (Text(&election.date.to_string())) }
                        " · " a href={ "/calculator?election=" (Text(&election.id.0)) } { "open in the calculator" }
                    }
                } "\n"
            }
        } "\n"
    }
}

fn convocations(body: &Maslihat) -> Markup {
    html! {
        @if !body.convocations.is_empty() {
            h2 { "Convocations" } "\n"
            div class="scroll" { table {
                tr { th { "No." } th { "Elected" } th { "Seats" } th { "System" } th { "Groups" } } "\n"
                @for c in &body.convocations {
                    tr {
                        td class="num" { @if let Some(n) = c.number { (n) } }
                        td { @if let Some(d) = &c.elected { (Text(&d.to_string())) } }
                        td class="num" { @if let Some(n) = c.seats { (n) } }
                        td { @if let Some(s) = c.system { (Text(&s.to_string())) } }
                        td {
                            @for g in &c.groups {
                                div { (Text(&g.name)) @if let Some(n) = g.seats { " (" (n) ")" } }
                            }
                        }
                    } "\n"
                }
            } } "\n"
        }
    }
}

fn heads(body: &Maslihat) -> Markup {
    html! {
        @if !body.heads.is_empty() {
            h2 { "Heads" } "\n"
            ul class="notes" {
                @for h in &body.heads {
                    li {
                        (Text(h.title.capitalised())) ": " (Text(&h.name))
                        @if let Some(from) = h.known_from() { " (from " (Text(&from.to_string())) ")" }
                    } "\n"
                }
            } "\n"
        }
    }
}

fn changes(body: &Maslihat) -> Markup {
    html! {
        @if !body.changes.is_empty() {
            h2 { "Territorial changes" } "\n"
            ul class="notes" {
                @for c in &body.changes {
                    li {
                        (Text(&c.date.to_string())) ": " (Text(&c.kind.to_string())) " — " (Text(&c.region))
                        @if let Some(n) = c.members_after { " (" (n) " members after)" }
                    } "\n"
                }
            } "\n"
        }
    }
}
