//! The enumeration's shortcuts held to the plain way: threshold cases and configurations
//! decided by bounds and known points are those a program each decides; the remainder test by
//! precomputed gaps is the one by share ranges; a known point meets a row exactly when exact
//! rational arithmetic says so; one set of questions answers as fresh ones do.

use maslihat_apportion::{Method, Rules, RunnerUp, Threshold, ThresholdBase, TiePolicy};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

use crate::outcomes::engine::{
    Engine, Witness, base_coef, ratio_ranges_each, ratio_ranges_of_feasible, remainder_gaps, remainders_possible,
};
use crate::outcomes::method::RemainderCandidate;
use crate::outcomes::simplex::{Lp, Op, Row, solve_lps, without_redundant};
use crate::outcomes::symmetry::interchangeable;
use crate::outcomes::*;

const METHODS: [&str; 5] = ["hare", "hagenbach-bischoff", "imperiali-quota", "dhondt", "sainte-lague"];

fn rules() -> impl Strategy<Value = Rules> {
    super::rules_of(
        &METHODS,
        prop_oneof![
            1 => Just(Threshold::None),
            3 => Just(Threshold::percent(7).unwrap()),
            1 => Just(Threshold::percent(20).unwrap()),
            1 => Just(Threshold::Votes { votes: 300 }),
        ],
    )
}

/// An election as the report sees them: some lists known exactly, some by printed shares or
/// ranges, some not at all (possibly known to have fallen below the threshold).
fn election() -> impl Strategy<Value = (Figures, u32, Rules)> {
    let list = (0u64..3000, 0u8..6, any::<bool>());
    (1u32..15, rules(), prop::collection::vec(list, 1..7), 0u64..300, 0u8..3, any::<bool>()).prop_map(
        |(house, rules, lists, against_all, valid_kind, against_known)| {
            let total: u64 = lists.iter().map(|l| l.0).sum::<u64>() + against_all;
            let mut figures = Figures::new(vec![Figure::Unknown; lists.len()]);
            for (i, (votes, kind, below)) in lists.iter().enumerate() {
                let share = |decimals: u32| {
                    let scale = 100 * 10u64.pow(decimals);
                    let digits = (2 * votes * scale + total.max(1)) / (2 * total.max(1));
                    Figure::Share(PrintedShare {
                        digits,
                        decimals,
                        rounding: Rounding::Round,
                        base: ThresholdBase::Valid,
                    })
                };
                figures.lists[i].figures = match kind {
                    0 => vec![Figure::Unknown],
                    1 => vec![Figure::exact(*votes)],
                    2 => vec![Figure::Range { lo: votes.saturating_sub(40), hi: votes + 40 }],
                    3 => vec![share(1)],
                    4 => vec![Figure::exact(*votes), share(2)],
                    _ => vec![share(2)],
                };
                figures.lists[i].below_threshold = *kind == 0 && *below;
            }
            figures.against_all = if against_known { vec![Figure::exact(against_all)] } else { vec![Figure::Unknown] };
            figures.invalid = vec![Figure::Unknown];
            figures.valid_ballots = match valid_kind {
                0 => Vec::new(),
                1 => vec![Figure::Range { lo: 0, hi: total + 500 }],
                _ => vec![Figure::exact(total)],
            };
            (figures, house, rules)
        },
    )
}

type ConfigKey = (Vec<usize>, Vec<i128>, Vec<Row>, Option<(usize, usize)>);

fn configs_of(engine: &Engine<'_>, mode: TieMode) -> Result<Vec<ConfigKey>, OutcomeError> {
    Ok(engine
        .configs(mode)?
        .iter()
        .map(|c| (c.parts.lists.clone(), c.parts.weights.clone(), c.rows.clone(), c.runner_up))
        .collect())
}

/// The remainder test as it was written before the gaps: each remainder range from the share
/// ranges directly.
fn remainders_possible_by_ranges(
    candidate: &RemainderCandidate,
    shares: &[(BigRational, BigRational)],
    house: u32,
    extra: u32,
) -> bool {
    let k = BigRational::from_integer((house + extra).into());
    let remainder = |p: usize| {
        let h = BigRational::from_integer(candidate.whole[p].into());
        (&shares[p].0 * &k - &h, &shares[p].1 * &k - &h)
    };
    let (winners, losers) = candidate.contest_sides(house);
    let ranges: Vec<(BigRational, BigRational)> = (0..shares.len()).map(remainder).collect();
    winners.iter().all(|w| losers.iter().all(|l| ranges[*w].1 >= ranges[*l].0))
}

fn ratio(num: i64, den: i64) -> BigRational {
    BigRational::new(BigInt::from(num), BigInt::from(den))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![Just(Op::Le), Just(Op::Ge), Just(Op::Eq)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn configurations_with_shortcuts_are_those_of_a_program_each(election in election()) {
        let (figures, house, rules) = election;
        let (Ok(fast), Ok(plain)) = (Engine::new(&figures, house, &rules), Engine::new(&figures, house, &rules)) else {
            return Ok(());
        };
        let plain = plain.without_shortcuts();
        for mode in [TieMode::Registration, TieMode::Forbid, TieMode::Any] {
            prop_assert_eq!(configs_of(&fast, mode), configs_of(&plain, mode));
            // Asked again: the same (cached) answer.
            prop_assert_eq!(configs_of(&fast, mode), configs_of(&plain, mode));
        }
    }

    #[test]
    fn ranges_of_interchangeable_lists_are_those_solved_one_at_a_time(election in election()) {
        let (figures, house, rules) = election;
        let Ok(engine) = Engine::new(&figures, house, &rules) else { return Ok(()) };
        let Ok(configs) = engine.configs(TieMode::Forbid) else { return Ok(()) };
        let lists = figures.lists.len();
        let numers: Vec<Vec<i128>> = (0..lists)
            .map(|l| {
                let mut numer = vec![0; engine.vars];
                numer[l] = 1;
                numer
            })
            .collect();
        let denom = base_coef(lists, rules.threshold_base);
        for config in configs {
            let mut rows = engine.base_rows.clone();
            rows.extend_from_slice(&config.rows);
            let together = ratio_ranges_each(engine.vars, &rows, &numers, &denom);
            let alone: Result<Vec<_>, _> = numers
                .iter()
                .map(|numer| ratio_ranges_each(engine.vars, &rows, std::slice::from_ref(numer), &denom).map(|r| r[0].clone()))
                .collect();
            prop_assert_eq!(together, alone);
        }
    }

    #[test]
    fn ranges_of_feasible_rows_are_those_of_the_programs(election in election()) {
        let (figures, house, rules) = election;
        let Ok(engine) = Engine::new(&figures, house, &rules) else { return Ok(()) };
        let Ok(configs) = engine.configs(TieMode::Forbid) else { return Ok(()) };
        let base = base_coef(figures.lists.len(), rules.threshold_base);
        // Every configuration is feasible: its participants' shares of their total and of the base.
        for config in configs {
            let mut rows = engine.base_rows.clone();
            rows.extend_from_slice(&config.rows);
            let numers: Vec<Vec<i128>> = (0..config.parts.lists.len()).map(|p| config.parts.weight(p)).collect();
            for denom in [config.parts.total(), base.clone()] {
                prop_assert_eq!(
                    ratio_ranges_of_feasible(engine.vars, &rows, &numers, &denom),
                    ratio_ranges_each(engine.vars, &rows, &numers, &denom)
                );
            }
        }
    }

    #[test]
    fn interchangeable_is_a_multiset_equality(
        rows in prop::collection::vec((prop::collection::vec(-2i128..3, 4), op(), -2i128..3, any::<bool>()), 0..6),
        mirror in prop::collection::vec(any::<bool>(), 6),
        i in 0usize..4,
        j in 0usize..4,
    ) {
        // Some rows get their exchanged image added, so that the answer is often yes.
        let mut all: Vec<Row> = rows.into_iter().map(|(coef, op, rhs, strict)| Row { coef, op, rhs, strict }).collect();
        for (row, add) in all.clone().iter().zip(&mirror) {
            if *add {
                let mut image = row.clone();
                image.coef.swap(i, j);
                all.push(image);
            }
        }
        let key = |r: &Row| (format!("{:?}", r.op), r.strict, r.rhs, r.coef.clone());
        let mut before: Vec<_> = all.iter().map(key).collect();
        let mut after: Vec<_> = all
            .iter()
            .map(|r| {
                let mut image = r.clone();
                image.coef.swap(i, j);
                key(&image)
            })
            .collect();
        before.sort();
        after.sort();
        prop_assert_eq!(interchangeable(&all, i, j), before == after);
    }

    #[test]
    fn dropping_redundant_rows_keeps_feasibility_and_optimal_values(
        rows in prop::collection::vec((prop::collection::vec(-3i128..4, 3), op(), -4i128..5, any::<bool>()), 0..9),
        duplicate in prop::collection::vec((any::<bool>(), -2i128..3, any::<bool>()), 9),
        objective in prop::collection::vec(-3i128..4, 3),
    ) {
        // Rows, some repeated with another right-hand side (so that one implies the other), and
        // some rows every non-negative point meets.
        let mut all: Vec<Row> = rows.into_iter().map(|(coef, op, rhs, strict)| Row { coef, op, rhs, strict }).collect();
        for (row, (add, shift, strict)) in all.clone().iter().zip(&duplicate) {
            if *add {
                all.push(Row { rhs: row.rhs + shift, strict: *strict, ..row.clone() });
            }
        }
        all.push(Row { coef: vec![1, 0, 2], op: Op::Ge, rhs: 0, strict: false });
        all.push(Row { coef: vec![-1, 0, 0], op: Op::Le, rhs: 1, strict: true });
        let kept = without_redundant(&all);
        prop_assert!(kept.len() <= all.len());
        let value = |answer: &Lp| match answer {
            Lp::Optimal { value, .. } => Some(value.clone()),
            _ => None,
        };
        let kind = |answer: &Lp| std::mem::discriminant(answer);
        let full = solve_lps(3, &all, &[&objective]).unwrap();
        let reduced = solve_lps(3, &kept, &[&objective]).unwrap();
        prop_assert_eq!(kind(&full[0]), kind(&reduced[0]));
        prop_assert_eq!(value(&full[0]), value(&reduced[0]));
        let feasible = |rows: &[Row]| !matches!(solve_lps(3, rows, &[]).unwrap()[0], Lp::Infeasible);
        prop_assert_eq!(feasible(&all), feasible(&kept));
    }

    #[test]
    fn remainder_gaps_decide_as_share_ranges_do(
        parts in prop::collection::vec((0i64..60, 0i64..60, 1i64..40, 0u32..9, 0u32..9), 1..5),
        house in 1u32..8,
        extra in 0u32..3,
    ) {
        let shares: Vec<(BigRational, BigRational)> = parts
            .iter()
            .map(|(a, b, den, _, _)| {
                let (lo, hi) = ((*a).min(*b).min(*den), (*a).max(*b).min(*den));
                (ratio(lo, *den), ratio(hi, *den))
            })
            .collect();
        let candidate = RemainderCandidate {
            whole: parts.iter().map(|p| p.3).collect(),
            seats: parts.iter().map(|p| p.4).collect(),
        };
        prop_assert_eq!(
            remainders_possible(&candidate, &remainder_gaps(&shares, house, extra), house),
            remainders_possible_by_ranges(&candidate, &shares, house, extra)
        );
    }

    #[test]
    fn a_known_point_meets_a_row_as_exact_arithmetic_says(
        point in prop::collection::vec((0i64..50, 1i64..12), 3),
        coef in prop::collection::vec(-20i128..20, 3),
        op in op(),
        rhs in -120i128..120,
        strict in any::<bool>(),
    ) {
        let point: Vec<BigRational> = point.iter().map(|(n, d)| ratio(*n, *d)).collect();
        let row = Row { coef: coef.clone(), op, rhs, strict };
        let witness = Witness::of(&point).unwrap();
        let lhs: BigRational = coef.iter().zip(&point).map(|(c, x)| x * BigRational::from_integer(BigInt::from(*c))).sum();
        let tightened = match (op, strict) {
            (Op::Le, true) => rhs - 1,
            (Op::Ge, true) => rhs + 1,
            _ => rhs,
        };
        let rhs = BigRational::from_integer(BigInt::from(tightened));
        let expected = match op {
            Op::Le => lhs <= rhs,
            Op::Ge => lhs >= rhs,
            Op::Eq => lhs == rhs,
        };
        prop_assert_eq!(witness.meets(&row), expected);
    }
}

proptest! {
    // Each case asks several whole questions: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn one_set_of_questions_answers_as_fresh_ones(election in election()) {
        let (figures, house, rules) = election;
        let limits = Limits { max_nodes: 2_000, ..Limits::default() };
        let questions = OutcomeQuestions::new(&figures, house, &rules);
        let set = questions.outcome_set(&limits);
        prop_assert_eq!(&set, &OutcomeQuestions::new(&figures, house, &rules).outcome_set(&limits));
        let mut asked: Vec<Vec<u32>> = set.iter().flat_map(|s| s.outcomes.iter().map(|o| o.seats.clone())).take(3).collect();
        // And seats outside the set.
        let mut all_to_first = vec![0; figures.lists.len()];
        all_to_first[0] = house;
        asked.push(all_to_first);
        for seats in &asked {
            prop_assert_eq!(
                questions.outcome_for(seats, &limits),
                OutcomeQuestions::new(&figures, house, &rules).outcome_for(seats, &limits)
            );
            prop_assert_eq!(
                questions.implied_shares(seats, &limits),
                OutcomeQuestions::new(&figures, house, &rules).implied_shares(seats, &limits)
            );
        }
    }
}

#[test]
fn a_point_too_large_for_i128_is_no_witness_and_overflow_meets_nothing() {
    let huge = BigRational::from_integer(BigInt::from(i128::MAX) * 4);
    assert_eq!(Witness::of(&[huge]), None);
    let negative = BigRational::from_integer(BigInt::from(-1));
    assert_eq!(Witness::of(&[negative]), None);
    let witness = Witness::of(&[BigRational::from_integer(BigInt::from(i128::MAX / 2))]).unwrap();
    assert!(!witness.meets(&Row { coef: vec![4], op: Op::Ge, rhs: 0, strict: false }));
    assert!(witness.meets(&Row { coef: vec![1], op: Op::Ge, rhs: 0, strict: false }));
}

#[test]
fn runners_tied_by_equal_counts_are_not_interchangeable_under_registration() {
    // Two lists below the threshold with the same exact count: under `registration` the earlier
    // one can be the runner-up (it wins the tie), the later one cannot; the exchange that maps
    // the figures onto themselves does not map these contests onto each other.
    let figures = Figures::new(vec![Figure::exact(1000), Figure::exact(10), Figure::exact(10)]);
    for (tie_policy, later_admitted) in [(TiePolicy::Registration, false), (TiePolicy::Lot(1), true)] {
        let rules = Rules {
            method: "hare".parse::<Method>().unwrap(),
            threshold: Threshold::percent(7).unwrap(),
            threshold_base: ThresholdBase::Valid,
            tie_policy,
            runner_up: Some(RunnerUp::Admit),
            ..Rules::default()
        };
        let fast = Engine::new(&figures, 5, &rules).unwrap();
        let plain = Engine::new(&figures, 5, &rules).unwrap().without_shortcuts();
        let modes: &[TieMode] = if tie_policy == TiePolicy::Registration {
            &[TieMode::Registration]
        } else {
            &[TieMode::Forbid, TieMode::Any]
        };
        for mode in modes {
            assert_eq!(configs_of(&fast, *mode), configs_of(&plain, *mode));
            let runners: Vec<Option<(usize, usize)>> =
                fast.configs(*mode).unwrap().iter().map(|c| c.runner_up).collect();
            let expected_later = later_admitted && *mode == TieMode::Any;
            assert_eq!(runners.contains(&Some((0, 2))), expected_later, "{mode:?}: {runners:?}");
        }
    }
}
