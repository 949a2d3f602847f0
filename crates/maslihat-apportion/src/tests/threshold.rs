//! Thresholds: exact comparison (reaching it passes, one vote less fails), the bases, parsing
//! and display.

use crate::{ListStatus, Percentage, Preset, Rules, Tally, Threshold, ThresholdBase, ValueError, allocate};

/// `Q` qualified, `B` below the threshold, `R` admitted as runner-up.
#[track_caller]
fn check(what: &str, tally: &Tally, rules: &Rules, expected: &str, threshold_votes: u128) {
    let result = allocate(tally, 10, rules).unwrap_or_else(|err| panic!("{what}: {err}"));
    let statuses: String = result
        .lists
        .iter()
        .map(|list| match list.status {
            ListStatus::Qualified => 'Q',
            ListStatus::BelowThreshold => 'B',
            ListStatus::RunnerUp => 'R',
        })
        .collect();
    assert_eq!(statuses, expected, "{what}");
    assert_eq!(result.threshold_votes, threshold_votes, "{what}: votes needed");
    for (i, list) in result.lists.iter().enumerate() {
        if list.status == ListStatus::BelowThreshold {
            assert_eq!(list.seats, 0, "{what}: list {} is below the threshold and has seats", i + 1);
        }
    }
}

fn with_threshold(text: &str, base: ThresholdBase) -> Rules {
    Rules { threshold: text.parse().unwrap(), threshold_base: base, ..Rules::default() }
}

#[test]
fn exact_thresholds() {
    let kz21 = Preset::Kz2021.rules();
    let kz23 = Preset::Kz2023.rules();
    let valid = ThresholdBase::Valid;
    let cases: [(&str, Tally, Rules, &str, u128); 12] = [
        // 7,000 of 100,000 is exactly 7.000 %: passes.
        ("exactly 7 %", Tally::new(vec![80_000, 13_000, 7_000]), kz21.clone(), "QQQ", 7_000),
        // 6,999 of 100,000 is 6.999 %: fails (two other lists pass, so no runner-up).
        ("one vote less", Tally::new(vec![80_001, 13_000, 6_999]), kz21.clone(), "QQB", 7_000),
        // 7 % of 100,001 is 7,000.07: 7,000 is no longer enough, 7,001 is needed.
        ("base one larger", Tally::new(vec![80_001, 13_000, 7_000]), kz21.clone(), "QQB", 7_001),
        // 2023: exactly 5 % of valid ballots, "against all" included in the base.
        (
            "exactly 5 % with against all",
            Tally::new(vec![50_000, 40_000, 5_000]).with_against_all(5_000),
            kz23.clone(),
            "QQQ",
            5_000,
        ),
        (
            "5 % missed by one against-all vote",
            Tally::new(vec![50_000, 40_000, 5_000]).with_against_all(5_001),
            kz23.clone(),
            "QQB",
            5_001,
        ),
        // "5.5%" is 55/1000: 55 of 1,000 passes, 54 of 1,000 fails.
        ("5.5 % reached", Tally::new(vec![55, 445, 500]), with_threshold("5.5%", valid), "QQQ", 55),
        ("5.5 % missed", Tally::new(vec![54, 446, 500]), with_threshold("5.5%", valid), "BQQ", 55),
        // Invalid ballots count only in the "cast" base.
        (
            "cast base",
            Tally::new(vec![7_000, 93_000]).with_invalid(1),
            with_threshold("7%", ThresholdBase::Cast),
            "BQ",
            7_001,
        ),
        (
            "valid base ignores invalid",
            Tally::new(vec![7_000, 93_000]).with_invalid(1),
            with_threshold("7%", valid),
            "QQ",
            7_000,
        ),
        // "Against all" counts in the valid base and not in the list base.
        (
            "lists base ignores against all",
            Tally::new(vec![7_000, 93_000]).with_against_all(1),
            with_threshold("7%", ThresholdBase::Lists),
            "QQ",
            7_000,
        ),
        // A threshold in votes: 1,000 reaches it, 999 does not.
        ("votes threshold", Tally::new(vec![1_000, 999, 5_000]), with_threshold("1000 votes", valid), "QBQ", 1_000),
        // 0 % lets everyone in, even a list without votes.
        ("zero per cent", Tally::new(vec![0, 1, 99]), with_threshold("0%", valid), "QQQ", 0),
    ];
    for (what, tally, rules, expected, votes_needed) in &cases {
        check(what, tally, rules, expected, *votes_needed);
    }
}

#[test]
fn threshold_parsing() {
    let ok = |numerator, denominator| Ok(percent(numerator, denominator));
    let cases = [
        ("7%", ok(7, 100)),
        ("5.5%", ok(55, 1000)),
        (" 5.5 % ", ok(55, 1000)),
        ("5%", Ok(Threshold::percent(5).unwrap())),
        ("5.0%", Ok(Threshold::percent(5).unwrap())),
        ("7.000%", Ok(Threshold::percent(7).unwrap())),
        ("0.25%", ok(25, 10_000)),
        ("0.000001%", ok(1, 100_000_000)),
        ("0%", ok(0, 100)),
        ("100%", ok(100, 100)),
        (".5%", ok(5, 1000)),
        ("none", Ok(Threshold::None)),
        ("NONE", Ok(Threshold::None)),
        ("1000 votes", Ok(Threshold::Votes { votes: 1000 })),
        (" 1 vote ", Ok(Threshold::Votes { votes: 1 })),
        (
            "7",
            Err(
                r#"expected a percentage such as 7%, a number of votes such as 1000 votes, or none, found "7": a bare number is ambiguous: write 7% for a share or 7 votes for a count"#,
            ),
        ),
        (
            "5.5",
            Err(
                r#"expected a percentage such as 7%, a number of votes such as 1000 votes, or none, found "5.5": a bare number is ambiguous: write 5.5% for a share"#,
            ),
        ),
        ("5.5 votes", Err(r#"expected a whole number of votes such as 1000 votes, found "5.5 votes""#)),
        ("101%", Err(r#"expected a percentage no higher than 100%, found "101%""#)),
        (
            "5.1234567%",
            Err(
                r#"expected a percentage from 0% to 100% with at most 6 decimals, such as 7% or 5.5%, found "5.1234567%""#,
            ),
        ),
        (
            "-1%",
            Err(r#"expected a percentage from 0% to 100% with at most 6 decimals, such as 7% or 5.5%, found "-1%""#),
        ),
        (
            "5,5%",
            Err(r#"expected a percentage from 0% to 100% with at most 6 decimals, such as 7% or 5.5%, found "5,5%""#),
        ),
        ("%", Err(r#"expected a percentage from 0% to 100% with at most 6 decimals, such as 7% or 5.5%, found "%""#)),
        (
            "seven",
            Err(r#"expected a percentage such as 7%, a number of votes such as 1000 votes, or none, found "seven""#),
        ),
        ("-5", Err(r#"expected a percentage such as 7%, a number of votes such as 1000 votes, or none, found "-5""#)),
    ];
    for (text, expected) in cases {
        let parsed = text.parse::<Threshold>().map_err(|err| err.to_string());
        assert_eq!(parsed, expected.map_err(str::to_owned), "{text:?}");
    }
}

#[test]
fn threshold_display() {
    for (threshold, text) in [
        (percent(7, 100), "7%"),
        (percent(55, 1000), "5.5%"),
        (percent(11, 200), "5.5%"),
        (Threshold::Votes { votes: 1000 }, "1000 votes"),
        (Threshold::None, "none"),
    ] {
        assert_eq!(threshold.to_string(), text);
    }
    // What is displayed parses back to the same threshold.
    for text in ["7%", "5.5%", "0.25%", "100%", "none", "1000 votes"] {
        let threshold: Threshold = text.parse().unwrap();
        assert_eq!(threshold.to_string().parse::<Threshold>(), Ok(threshold), "{text}");
    }
}

// The fewest votes that reach the threshold: ceil(base × p), exactly.
#[test]
fn votes_needed() {
    for (threshold, base, needed) in [
        (percent(7, 100), 100_000, 7_000),
        (percent(7, 100), 100_001, 7_001),
        (percent(7, 100), 320_080, 22_406),
        (percent(5, 100), 330_497, 16_525),
        (percent(55, 1000), 1_000, 55),
        (percent(55, 1000), 1_001, 56),
        (percent(100, 100), 12_345, 12_345),
        (percent(0, 100), 12_345, 0),
        (Threshold::Votes { votes: 3 }, 12_345, 3),
        (Threshold::None, 12_345, 0),
        // Past u64: 7 % of 2^100 is exact in 128 bits.
        (percent(7, 100), 1u128 << 100, (7u128 << 100).div_ceil(100)),
    ] {
        assert_eq!(threshold.votes_needed(base), needed, "{threshold} of {base}");
        if let Ok(votes) = u64::try_from(needed) {
            assert!(threshold.is_met(votes, base), "{threshold} of {base}: {votes} must pass");
            if votes > 0 {
                assert!(!threshold.is_met(votes - 1, base), "{threshold} of {base}: {} must fail", votes - 1);
            }
        }
    }
}

/// The threshold of `numerator / denominator` of 100 %.
#[track_caller]
fn percent(numerator: u64, denominator: u64) -> Threshold {
    Threshold::Percent(Percentage::new(numerator, denominator).unwrap())
}

#[test]
fn percentages_are_checked_when_built() {
    assert_eq!(Percentage::new(7, 0), Err(ValueError::ZeroDenominator));
    assert_eq!(Percentage::new(101, 100), Err(ValueError::PercentAboveHundred { numerator: 101, denominator: 100 }));
    assert_eq!(Percentage::new(u64::MAX, u64::MAX).map(|p| Threshold::Percent(p).to_string()), Ok("100%".to_owned()));
    assert_eq!(Threshold::percent(101), Err(ValueError::PercentAboveHundred { numerator: 101, denominator: 100 }));
    assert_eq!(Threshold::percent(7), Ok(Threshold::percent(7).unwrap()));
    // The largest percentage over the largest base: no overflow, no division by zero.
    let all = percent(u64::MAX, u64::MAX);
    assert_eq!(all.votes_needed(u128::MAX), u128::MAX);
    let tiny = percent(1, u64::MAX);
    assert_eq!(tiny.votes_needed(u128::MAX), u128::MAX.div_ceil(u128::from(u64::MAX)));
}

/// `per_cent_text` writes a whole number of per cent by its digits: the same text as the
/// trimmed six-decimal form it used for every percentage (kept for the others).
#[test]
fn per_cent_text_is_the_trimmed_decimal() {
    use proptest::prelude::*;
    let config = ProptestConfig { cases: 5_000, ..ProptestConfig::default() };
    let denominators = prop_oneof![Just(1u64), Just(100), Just(1000), Just(1_000_000), 1u64..400, 1u64..=u64::MAX];
    proptest!(config, |(denominator in denominators, numerator in any::<u64>(), whole in 0u64..=100)| {
        let percentage = Percentage::new(numerator % (denominator.saturating_add(1).max(1)), denominator);
        let percentage = percentage.or_else(|_| Percentage::new(0, denominator)).unwrap();
        let trimmed =
            crate::Ratio::of(u128::from(percentage.numerator()) * 100, u128::from(percentage.denominator())).decimal_trimmed();
        prop_assert_eq!(percentage.per_cent_text(), trimmed);
        // Whole per cent over the usual denominators.
        for denominator in [100u64, 1000, 1_000_000] {
            let whole = Percentage::new(whole * denominator / 100, denominator).unwrap();
            prop_assert_eq!(whole.per_cent_text(), crate::Ratio::of(u128::from(whole.numerator()) * 100, u128::from(denominator)).decimal_trimmed());
        }
    });
    // Worked by hand: 7/100 is 7 %, 55/1000 is 5.5 %, 1/150 is 0.666667 %, 0 and 100 %.
    let text = |n, d| Percentage::new(n, d).unwrap().per_cent_text();
    assert_eq!((text(7, 100), text(55, 1000), text(1, 150)), ("7".to_owned(), "5.5".to_owned(), "0.666667".to_owned()));
    assert_eq!((text(0, 3), text(100, 100), text(1, 1)), ("0".to_owned(), "100".to_owned(), "100".to_owned()));
    assert_eq!(Threshold::Percent(Percentage::new(70, 1000).unwrap()).to_string(), "7%");
}
