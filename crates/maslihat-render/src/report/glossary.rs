//! `glossary.html`: the words of the report in plain language, one short entry per term, each
//! with an anchor the pages' table headers link to (`glossary.html#quota`).

use maud::{Markup, html};

use super::html::document;

/// One entry: its anchor, the term, and what it means.
struct Entry {
    anchor: &'static str,
    term: &'static str,
    meaning: &'static str,
}

/// The anchors the pages link to, so that a renamed entry cannot leave a link dangling.
pub mod anchor {
    pub const THRESHOLD: &str = "threshold";
    pub const THRESHOLD_BASE: &str = "threshold-base";
    pub const AGAINST_ALL: &str = "against-all";
    pub const QUOTA: &str = "quota";
    pub const REMAINDER: &str = "remainder";
    pub const TIE: &str = "tie";
    pub const GAIN: &str = "gain";
    pub const LOSS: &str = "loss";
    pub const CLOSEST_MARGIN: &str = "closest-margin";
    pub const NARROW: &str = "narrow";
    pub const GALLAGHER: &str = "gallagher";
    pub const LOOSEMORE_HANBY: &str = "loosemore-hanby";
    pub const ENP: &str = "enp";
    pub const WASTED: &str = "wasted";
}

const ENTRIES: [Entry; 14] = [
    Entry {
        anchor: anchor::THRESHOLD,
        term: "Threshold",
        meaning: "The smallest share of the threshold base a party list needs to take part in the allocation of \
                  seats. Lists below it win no seat by list, and their votes are left out of the quota. Each \
                  election's page says its threshold.",
    },
    Entry {
        anchor: anchor::THRESHOLD_BASE,
        term: "Threshold base",
        meaning: "The total that list shares and the threshold are taken of: the valid ballots, that is the votes \
                  for all lists plus the votes \"against all\" where that line was on the ballot. This is why the \
                  shares of the lists alone do not add up to 100 %.",
    },
    Entry {
        anchor: anchor::AGAINST_ALL,
        term: "Against all",
        meaning: "A line on the ballot, where there is one, for voters who support none of the lists. It counts in the \
                  threshold base, so it makes the threshold harder to pass, but it wins no seat.",
    },
    Entry {
        anchor: anchor::QUOTA,
        term: "Quota",
        meaning: "The votes one seat costs: the votes of the lists that passed the threshold divided by the seats \
                  allocated by list (the Hare quota). Each list first gets one seat per whole quota in its votes. \
                  Shown as a decimal; hover over it for the exact fraction.",
    },
    Entry {
        anchor: anchor::REMAINDER,
        term: "Remainder",
        meaning: "What is left of a list's votes after its whole quotas, as a fraction of a quota. The seats not \
                  given out by whole quotas go to the lists with the largest remainders, one each.",
    },
    Entry {
        anchor: anchor::TIE,
        term: "Settled by a tie",
        meaning: "A seat two or more lists had an exactly equal claim to (equal remainders, say). The rules of \
                  the election decide who wins it (for example the list registered earlier); the page names the \
                  rule that was applied. Such seats are ringed with a solid line in the diagrams.",
    },
    Entry {
        anchor: anchor::GAIN,
        term: "Votes to gain a seat",
        meaning: "The fewest extra votes that would have given a list one more seat, all other votes unchanged.",
    },
    Entry {
        anchor: anchor::LOSS,
        term: "Votes to lose a seat",
        meaning: "The fewest votes a list could have lost, all other votes unchanged, before losing one of its \
                  seats: with one vote fewer lost it keeps every seat. The command line's margins give the same \
                  number.",
    },
    Entry {
        anchor: anchor::CLOSEST_MARGIN,
        term: "Margin of the composition (closest margin)",
        meaning: "The fewest ballots that, moved from one list to another, would have changed the seats of some \
                  list: how close the election came to a different council.",
    },
    Entry {
        anchor: anchor::NARROW,
        term: "Narrow seat",
        meaning: "A seat that fewer votes than 1 % of the quota would have moved. Ringed with a dashed line in \
                  the diagrams.",
    },
    Entry {
        anchor: anchor::GALLAGHER,
        term: "Gallagher index",
        meaning: "How far the seats are from the votes, in percentage points: the square root of half the sum of \
                  the squared differences between each list's share of the votes and its share of the seats. 0 is \
                  perfectly proportional.",
    },
    Entry {
        anchor: anchor::LOOSEMORE_HANBY,
        term: "Loosemore–Hanby index",
        meaning: "Another measure of how far the seats are from the votes: half the sum of the differences \
                  between each list's share of the votes and its share of the seats, in percentage points. It \
                  is the share of the seats that would have to change hands to match the votes exactly.",
    },
    Entry {
        anchor: anchor::ENP,
        term: "Effective number of parties",
        meaning: "How many lists of equal size the result is worth: one divided by the sum of the squared shares. \
                  Two equal lists give 2; one dominant list with a few small ones gives a number close to 1. It \
                  is given by votes and by seats.",
    },
    Entry {
        anchor: anchor::WASTED,
        term: "Wasted votes",
        meaning: "The votes for lists below the threshold: they elected no one by list.",
    },
];

/// `glossary.html`, at the top of the report beside `index.html`.
pub fn glossary_html() -> String {
    let body: Markup = html! {
        p { a href="index.html" { "← all elections" } } "\n"
        h1 { "Words used in this report" } "\n"
        p class="lede" {
            "What the column headings and notes of the report mean. The seats themselves are decided by exact \
             integer arithmetic; the indices describe the result and decide nothing."
        } "\n"
        dl class="glossary" {
            "\n"
            @for entry in &ENTRIES {
                dt id=(entry.anchor) { (entry.term) } dd { (entry.meaning) } "\n"
            }
        } "\n"
    };
    document("Words used in this report", body).into_string()
}

/// Appends the link to the glossary's entry `anchor` (one of [`anchor`]'s ids: nothing in them
/// to escape) from a page `depth` folders below the report's top (0 for `index.html`, 2 for an
/// election's page).
pub fn push_href(out: &mut String, anchor: &str, depth: usize) {
    for _ in 0..depth {
        out.push_str("../");
    }
    out.push_str("glossary.html#");
    out.push_str(anchor);
}
