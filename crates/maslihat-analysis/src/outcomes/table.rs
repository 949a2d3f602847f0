//! A table of figures as people publish it (one figure per list, "against all" and invalid
//! ballots as counts) turned into the figures of an outcome set, with one row added for the lists
//! a table of printed shares leaves out when together they cannot reach the threshold; shared by
//! `maslihat allocate` and the Python package.

use maslihat_apportion::{Rules, Threshold, ThresholdBase};

use super::{Figure, Figures, ListFigures, MAX_SHARE_DECIMALS};

/// The name of the row standing for the lists a table of printed shares leaves out.
pub const OTHER_LISTS: &str = "(other lists)";

/// The common denominator of printed-share bounds: halves of the sixth decimal of a per cent.
const SHARE_UNIT: i128 = 2 * 10i128.pow(MAX_SHARE_DECIMALS + 2);

/// A table's figures, ready for [`super::outcome_set`].
#[derive(Debug, Clone)]
pub struct TableFigures {
    /// The lists' names, with [`OTHER_LISTS`] last when it was added.
    pub names: Vec<String>,
    /// Each list's figure as the table gives it (`?` for the added row).
    pub figures: Vec<Figure>,
    /// The figures of the outcome set (printed shares taken of their base).
    pub set: Figures,
}

/// The printed shares leave room for lists not in the table that could win seats.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the printed shares add up to less than 100 %, and the lists not in the table could together have enough \
     votes to win seats: add them as rows (with votes ? when nothing is known of them)"
)]
pub struct ListsMissing;

/// When every list's votes are printed shares that cannot add up to the whole base even at
/// their highest: the most the lists not in the table can have together, as a fraction of
/// [`SHARE_UNIT`]. `None` when some figure is not a share, or the shares can make the whole.
fn shares_leave_room(figures: &[Figure]) -> Option<i128> {
    let mut low = 0i128;
    let mut high = 0i128;
    for figure in figures {
        let Figure::Share(share) = figure else { return None };
        let (lo, hi, den) = share.bounds();
        low += lo * (SHARE_UNIT / den);
        high += hi * (SHARE_UNIT / den);
    }
    (high <= SHARE_UNIT).then_some(SHARE_UNIT - low)
}

/// The figures of a table: each list's (a printed share taken of `shares_base`), "against all"
/// and invalid ballots as counts; when printed shares leave room, one row for the lists not in
/// the table if they cannot reach the threshold together, else [`ListsMissing`].
pub fn table_figures(
    mut names: Vec<String>,
    mut figures: Vec<Figure>,
    against_all: u64,
    invalid: u64,
    shares_base: ThresholdBase,
    rules: &Rules,
) -> Result<TableFigures, ListsMissing> {
    let lists = figures.iter().map(|f| f.with_base(shares_base)).collect();
    let mut set = Figures::new(lists)
        .with_against_all(Figure::Exact { count: against_all })
        .with_invalid(Figure::Exact { count: invalid });
    if let Some(room) = shares_leave_room(&figures) {
        let below = match rules.threshold {
            Threshold::Percent(p) => room * i128::from(p.denominator()) < i128::from(p.numerator()) * SHARE_UNIT,
            Threshold::None | Threshold::Votes { .. } => false,
        };
        if !below {
            return Err(ListsMissing);
        }
        let other = set.lists.len();
        set.lists.push(ListFigures { figures: vec![Figure::Unknown], below_threshold: false });
        set = set.below_threshold(other);
        names.push(OTHER_LISTS.to_owned());
        figures.push(Figure::Unknown);
    }
    Ok(TableFigures { names, figures, set })
}
