//! The fraction-free simplex against the reduced-fraction one it replaced: the same answers
//! (status, optimal point, value) on random small programs, including infeasible and unbounded
//! ones, and on programs whose numbers outgrow `i128`.

use num_bigint::BigInt;
use proptest::prelude::*;

use super::reference::solve_rational;
use crate::outcomes::engine::{charnes_cooper, charnes_cooper_reduced};
use crate::outcomes::scalar::Mixed;
use crate::outcomes::simplex::{LeRow, Lp, Op, Row, SolveError, fraction_free, solve_lps, solve_lps_by};

/// The fraction-free tableau in big integers from the start.
fn solve_big(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Result<Vec<Lp>, SolveError> {
    fraction_free::<BigInt>(vars, le, objectives).ok_or(SolveError::TooLarge)
}

/// The fraction-free tableau in mixed integers from the start.
fn solve_mixed(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Result<Vec<Lp>, SolveError> {
    fraction_free::<Mixed>(vars, le, objectives).ok_or(SolveError::TooLarge)
}

fn row(
    coef: impl Strategy<Value = i128> + Clone,
    vars: usize,
    rhs: impl Strategy<Value = i128>,
) -> impl Strategy<Value = Row> {
    let op = prop_oneof![Just(Op::Le), Just(Op::Ge), Just(Op::Eq)];
    (prop::collection::vec(coef, vars), op, rhs, any::<bool>()).prop_map(|(coef, op, rhs, strict)| Row {
        coef,
        op,
        rhs,
        strict,
    })
}

/// A program: variables, rows, objectives (none: feasibility only).
type Program = (usize, Vec<Row>, Vec<Vec<i128>>);

fn program(
    coef: impl Strategy<Value = i128> + Clone + 'static,
    rhs: impl Strategy<Value = i128> + Clone + 'static,
) -> impl Strategy<Value = Program> {
    (1usize..=5).prop_flat_map(move |vars| {
        let rows = prop::collection::vec(row(coef.clone(), vars, rhs.clone()), 0..=7);
        let objectives = prop::collection::vec(prop::collection::vec(coef.clone(), vars), 0..=3);
        (Just(vars), rows, objectives)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn small_programs_match_the_reference(program in program(-5i128..=5, -12i128..=12)) {
        let (vars, rows, objectives) = &program;
        let refs: Vec<&[i128]> = objectives.iter().map(Vec::as_slice).collect();
        let expected = solve_lps_by(*vars, rows, &refs, solve_rational);
        prop_assert_eq!(&solve_lps(*vars, rows, &refs), &expected);
        prop_assert_eq!(&solve_lps_by(*vars, rows, &refs, solve_big), &expected);
        prop_assert_eq!(&solve_lps_by(*vars, rows, &refs, solve_mixed), &expected);
    }

    #[test]
    fn large_programs_match_the_reference(program in program(
        prop_oneof![-3i128..=3, -(1i128 << 40)..=(1i128 << 40), -(1i128 << 62)..=(1i128 << 62)],
        prop_oneof![-3i128..=3, -(1i128 << 50)..=(1i128 << 50)],
    )) {
        let (vars, rows, objectives) = &program;
        let refs: Vec<&[i128]> = objectives.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(solve_lps(*vars, rows, &refs), solve_lps_by(*vars, rows, &refs, solve_rational));
    }
}

fn ge(coef: Vec<i128>, rhs: i128) -> Row {
    Row { coef, op: Op::Ge, rhs, strict: false }
}

fn le(coef: Vec<i128>, rhs: i128) -> Row {
    Row { coef, op: Op::Le, rhs, strict: false }
}

#[test]
fn an_infeasible_program_is_infeasible_in_both() {
    // x + y ≥ 5 and x + y ≤ 4.
    let rows = [ge(vec![1, 1], 5), le(vec![1, 1], 4)];
    let found = solve_lps(2, &rows, &[&[1, 0]]);
    assert_eq!(found, Ok(vec![Lp::Infeasible]));
    assert_eq!(found, solve_lps_by(2, &rows, &[&[1, 0]], solve_rational));
}

#[test]
fn an_unbounded_program_is_unbounded_in_both_and_the_next_objective_still_solves() {
    // x − y ≤ 2: x + y grows without bound, x − y is at most 2.
    let rows = [le(vec![1, -1], 2)];
    let objectives: [&[i128]; 2] = [&[1, 1], &[1, -1]];
    let found = solve_lps(2, &rows, &objectives).expect("solves");
    assert_eq!(found[0], Lp::Unbounded);
    let Lp::Optimal { value, .. } = &found[1] else { panic!("bounded: {:?}", found[1]) };
    assert_eq!(*value, num_rational::BigRational::from_integer(BigInt::from(2)));
    assert_eq!(Ok(found), solve_lps_by(2, &rows, &objectives, solve_rational));
}

#[test]
fn numbers_beyond_i128_fall_back_to_big_integers_with_the_same_answer() {
    // Three rows whose minors reach 2^180: i128 cannot hold the tableau.
    let big = 1i128 << 60;
    let rows = [
        le(vec![big + 1, big - 3, 7], big),
        le(vec![big - 5, 3, big + 11], big - 1),
        ge(vec![13, big + 17, big - 19], 5),
    ];
    let le_rows: Vec<LeRow> = rows
        .iter()
        .map(|r| match r.op {
            Op::Ge => (r.coef.iter().map(|c| -c).collect(), -r.rhs),
            _ => (r.coef.clone(), r.rhs),
        })
        .collect();
    let objective: [&[i128]; 1] = [&[1, 1, 1]];
    assert_eq!(fraction_free::<i128>(3, &le_rows, &objective), None, "the example must overflow i128");
    let found = solve_lps(3, &rows, &objective);
    assert!(matches!(found.as_deref(), Ok([Lp::Optimal { .. }])), "{found:?}");
    assert_eq!(found, solve_lps_by(3, &rows, &objective, solve_rational));
}

/// An optimal value, or what stood in its way.
fn values(answers: Result<Vec<Lp>, SolveError>) -> Result<Vec<Option<num_rational::BigRational>>, SolveError> {
    Ok(answers?
        .into_iter()
        .map(|answer| match answer {
            Lp::Optimal { value, .. } => Some(value),
            _ => None,
        })
        .collect())
}

/// Rows over `vars` variables, some of them one-variable equations that fix a variable.
fn rows_with_fixings(vars: usize) -> impl Strategy<Value = Vec<Row>> {
    let fixing =
        (0..vars, prop_oneof![Just(1i128), Just(2), Just(-1)], -3i128..=40).prop_map(move |(var, c, value)| {
            let mut coef = vec![0; vars];
            coef[var] = c;
            Row { coef, op: Op::Eq, rhs: c * value, strict: false }
        });
    let general = row(-6i128..=6, vars, -20i128..=20);
    prop::collection::vec(prop_oneof![1 => fixing, 2 => general], 0..=7)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    /// The Charnes–Cooper program with fixed variables substituted has the optimal values of
    /// the full one (the points differ: they live in different variables).
    #[test]
    fn charnes_cooper_with_fixed_variables_substituted_keeps_the_values(
        (vars, rows, denom) in (1usize..=4).prop_flat_map(|vars| {
            (Just(vars), rows_with_fixings(vars), prop::collection::vec(0i128..=2, vars))
        })
    ) {
        let numers: Vec<Vec<i128>> = (0..vars)
            .map(|v| {
                let mut numer = vec![0; vars];
                numer[v] = 1;
                numer
            })
            .collect();
        let (full_vars, full_rows, full_objectives) = charnes_cooper(vars, &rows, &numers, &denom);
        let reduced = charnes_cooper_reduced(vars, &rows, &numers, &denom);
        prop_assert!(reduced.is_some(), "small numbers never overflow");
        let Some((reduced_vars, reduced_rows, reduced_objectives)) = reduced else { unreachable!() };
        let full_refs: Vec<&[i128]> = full_objectives.iter().map(Vec::as_slice).collect();
        let reduced_refs: Vec<&[i128]> = reduced_objectives.iter().map(Vec::as_slice).collect();
        prop_assert_eq!(
            values(solve_lps(reduced_vars, &reduced_rows, &reduced_refs)),
            values(solve_lps(full_vars, &full_rows, &full_refs))
        );
    }
}
