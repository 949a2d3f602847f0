//! Interchangeable lists: two variables whose exchange maps a set of rows onto itself (lists
//! with the same figures, say, several lists whose votes are unknown). A program over such rows
//! has the same optimal value for an objective as for its image under the exchange (a point
//! and its exchanged image are feasible together), so one is solved and the other's value is
//! that one's, exactly.

use super::simplex::Row;

/// Whether exchanging variables `i` and `j` maps `rows` onto themselves, as a multiset.
pub(crate) fn interchangeable(rows: &[Row], i: usize, j: usize) -> bool {
    interchangeable_in(&[rows], i, j)
}

/// As [`interchangeable`], for the rows of all the `parts` together.
pub(crate) fn interchangeable_in(parts: &[&[Row]], i: usize, j: usize) -> bool {
    if i == j {
        return true;
    }
    let rows = || parts.iter().flat_map(|part| part.iter());
    if rows().any(|row| row.coef.get(i).is_none() || row.coef.get(j).is_none()) {
        return false;
    }
    // Rows with equal coefficients at `i` and `j` are their own images; the others (`moved`)
    // must be exchanged among themselves: every one as many times a row as its image is. The
    // exchange turns a row with the larger coefficient at `i` into one with the larger at `j`:
    // as many of each, or no exchange can match them.
    let moved: Vec<&Row> = rows().filter(|row| row.coef[i] != row.coef[j]).collect();
    let larger_at_i = moved.iter().filter(|row| row.coef[i] > row.coef[j]).count();
    if 2 * larger_at_i != moved.len() {
        return false;
    }
    moved.iter().all(|row| {
        moved.iter().filter(|other| **other == *row).count()
            == moved.iter().filter(|other| is_image(row, other, i, j)).count()
    })
}

/// Whether `image` is `row` with the coefficients of `i` and `j` exchanged.
fn is_image(row: &Row, image: &Row, i: usize, j: usize) -> bool {
    row.op == image.op
        && row.strict == image.strict
        && row.rhs == image.rhs
        && row.coef.len() == image.coef.len()
        && row.coef.iter().enumerate().all(|(k, c)| {
            let at = if k == i {
                j
            } else if k == j {
                i
            } else {
                k
            };
            image.coef[at] == *c
        })
}

/// For each of `n` items: the first earlier item whose answer is its answer (`same(head, k)`:
/// item `k`'s answer is item `head`'s), or itself.
pub(crate) fn representatives(n: usize, same: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut heads: Vec<usize> = Vec::new();
    let mut representative = Vec::with_capacity(n);
    for k in 0..n {
        match heads.iter().find(|head| same(**head, k)) {
            Some(head) => representative.push(*head),
            None => {
                heads.push(k);
                representative.push(k);
            }
        }
    }
    representative
}

/// The one variable of `coef` that is not zero, with its coefficient.
pub(crate) fn single_variable(coef: &[i128]) -> Option<(usize, i128)> {
    let mut nonzero = coef.iter().enumerate().filter(|(_, c)| **c != 0);
    match (nonzero.next(), nonzero.next()) {
        (Some((var, c)), None) => Some((var, *c)),
        _ => None,
    }
}

/// `coef` with the coefficients of `i` and `j` exchanged.
pub(crate) fn exchanged(coef: &[i128], i: usize, j: usize) -> Vec<i128> {
    let mut image = coef.to_vec();
    if i < image.len() && j < image.len() {
        image.swap(i, j);
    }
    image
}
