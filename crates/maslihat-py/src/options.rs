//! The rule options every function takes (`rules`, `method`, `threshold`, …), read as the CLI
//! reads its options: a preset (or the plain defaults) with each option given on top.

use std::str::FromStr;

use maslihat_apportion::{Method, ParseError, Preset, Rules, RunnerUp, Threshold, ThresholdBase, TiePolicy};
use pyo3::prelude::*;

use crate::errors::input_error;

/// The rule options as Python passes them (`None`: not given).
#[derive(Debug, Default, Clone, FromPyObject)]
#[pyo3(from_item_all)]
pub struct RuleOptions {
    pub rules: Option<String>,
    pub method: Option<String>,
    pub threshold: Option<String>,
    pub threshold_base: Option<String>,
    pub tie_break: Option<String>,
    pub runner_up: Option<String>,
}

/// Parses one option, naming it in the error.
fn parse<T: FromStr<Err = ParseError>>(option: &str, text: &str) -> PyResult<T> {
    text.parse().map_err(|err: ParseError| input_error(format!("{option}: {err}")))
}

/// An option given as any object: its text (`str()`), which the core then parses (so a bare
/// number gets the core's message).
fn text(value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    match value {
        None => Ok(None),
        Some(value) if value.is_none() => Ok(None),
        Some(value) => Ok(Some(value.str()?.to_string())),
    }
}

impl RuleOptions {
    /// The options from keyword arguments (rules, method, threshold, threshold_base, tie_break,
    /// runner_up), each `None` or any object read as text.
    pub fn from_objects(values: [Option<&Bound<'_, PyAny>>; 6]) -> PyResult<RuleOptions> {
        let [rules, method, threshold, threshold_base, tie_break, runner_up] = values;
        Ok(RuleOptions {
            rules: text(rules)?,
            method: text(method)?,
            threshold: text(threshold)?,
            threshold_base: text(threshold_base)?,
            tie_break: text(tie_break)?,
            runner_up: text(runner_up)?,
        })
    }

    /// The preset named, if any.
    pub fn preset(&self) -> PyResult<Option<Preset>> {
        self.rules.as_deref().map(|text| parse("rules", text)).transpose()
    }

    /// The rules: the preset (or the plain defaults) with the options given on top, as
    /// `maslihat allocate` builds them.
    pub fn rules(&self) -> PyResult<Rules> {
        self.rules_on(self.preset()?)
    }

    /// As [`RuleOptions::rules`], with the preset already read by [`RuleOptions::preset`].
    pub fn rules_on(&self, preset: Option<Preset>) -> PyResult<Rules> {
        let mut rules = match preset {
            Some(preset) => preset.rules(),
            None => Rules::default(),
        };
        if let Some(text) = &self.method {
            rules.method = parse::<Method>("method", text)?;
        }
        if let Some(text) = &self.threshold {
            rules.threshold = parse::<Threshold>("threshold", text)?;
        }
        if let Some(text) = &self.threshold_base {
            rules.threshold_base = parse::<ThresholdBase>("threshold_base", text)?;
        }
        if let Some(text) = &self.tie_break {
            rules.tie_policy = parse::<TiePolicy>("tie_break", text)?;
        }
        if let Some(text) = &self.runner_up {
            rules.runner_up = if text.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(parse::<RunnerUp>("runner_up", text)?)
            };
        }
        Ok(rules)
    }
}

/// `seats`: a whole number from 1 to 4294967295, with the CLI's message otherwise.
pub fn house(seats: &Bound<'_, PyAny>) -> PyResult<u32> {
    whole(seats).and_then(|n| u32::try_from(n).ok()).filter(|&n| n > 0).ok_or_else(|| {
        input_error(format!("seats: expected a whole number of seats from 1 to {}, found {}", u32::MAX, repr(seats)))
    })
}

/// A count of ballots (`against_all`, `invalid`): a whole number of zero or more.
pub fn ballots(option: &str, value: &Bound<'_, PyAny>) -> PyResult<u64> {
    whole(value).ok_or_else(|| {
        input_error(format!("{option}: expected a whole number of ballots, 0 or more, found {}", repr(value)))
    })
}

/// A Python integer (not a bool, not a float) that fits 64 bits unsigned.
pub fn whole(value: &Bound<'_, PyAny>) -> Option<u64> {
    // The usual case first: exactly `int` (a bool is a subclass, never exactly `int`).
    if value.is_exact_instance_of::<pyo3::types::PyInt>() {
        return value.extract::<u64>().ok();
    }
    if value.is_instance_of::<pyo3::types::PyBool>() || value.is_instance_of::<pyo3::types::PyFloat>() {
        return None;
    }
    value.extract::<u64>().ok()
}

/// How a value reads in a message.
pub fn repr(value: &Bound<'_, PyAny>) -> String {
    value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "an unprintable value".to_owned())
}
