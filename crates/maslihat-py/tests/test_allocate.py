"""`maslihat.allocate`: every accepted form of votes, the result object, and agreement with the
CLI's JSON document on the same inputs."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import polars as pl
import pytest

import maslihat
from conftest import csv_of

# Shymkent city mäslihat, 10 January 2021: the votes and the published list seats (24, 3, 3,
# 0, 0) as printed by Otyrar (datasets/sources.csv: otyrar-shymkent-2021; datasets/results.csv).
SHYMKENT = {"Nur Otan": 261213, "Ak Zhol": 31876, "Auyl": 31355, "People's Party": 4351, "Adal": 3411}
SHYMKENT_PUBLISHED = [24, 3, 3, 0, 0]


@pytest.mark.parametrize(
    "votes",
    [
        list(SHYMKENT.values()),
        SHYMKENT,
        pd.Series(SHYMKENT),
        pd.Series(list(SHYMKENT.values())),
        pl.Series("votes", list(SHYMKENT.values())),
        np.array(list(SHYMKENT.values()), dtype=np.int64),
        np.array(list(SHYMKENT.values()), dtype=np.uint32),
        tuple(SHYMKENT.values()),
    ],
    ids=["list", "dict", "series", "series-default-index", "polars", "int64", "uint32", "tuple"],
)
def test_every_form_of_votes_gives_the_published_seats(votes):
    result = maslihat.allocate(votes, 30, rules="kz-2021")
    assert result.seats == SHYMKENT_PUBLISHED
    assert result.house_size == 30
    assert len(result) == 5


def test_names_come_from_a_dict_or_a_series_index_else_are_numbered():
    assert maslihat.allocate(SHYMKENT, 30).names == list(SHYMKENT)
    assert maslihat.allocate(pd.Series(SHYMKENT), 30).names == list(SHYMKENT)
    assert maslihat.allocate([5, 3], 2).names == ["list 1", "list 2"]
    assert maslihat.allocate([5, 3], 2, names=["A", "B"]).names == ["A", "B"]


def test_statuses_and_votes():
    result = maslihat.allocate(SHYMKENT, 30, rules="kz-2021")
    assert result.statuses == ["qualified"] * 3 + ["below-threshold"] * 2
    assert result.votes == list(SHYMKENT.values())


def test_a_list_at_exactly_seven_per_cent_passes():
    # 7 of 100 valid ballots is exactly 7 %: at the threshold passes (docs/rules.md).
    result = maslihat.allocate([93, 7], 10, threshold="7%", method="dhondt")
    assert result.statuses == ["qualified", "qualified"]
    assert result.seats[1] >= 0 and sum(result.seats) == 10
    below = maslihat.allocate([94, 6], 10, threshold="7%")
    assert below.statuses[1] == "below-threshold"


def test_a_tie_is_reported_whatever_the_policy():
    result = maslihat.allocate({"A": 100, "B": 100, "C": 100}, 2, tie_break="lot:42")
    assert len(result.ties) == 1
    tie = result.ties[0]
    assert tie["parties"] == ["A", "B", "C"]
    assert tie["seats_in_contention"] == 2
    assert sorted(result.seats) == [0, 1, 1]
    assert set(tie["winners"]) == {n for n, s in zip(result.names, result.seats) if s == 1}


def test_explain_is_the_cli_explanation(cli):
    result = maslihat.allocate(SHYMKENT, 30, rules="kz-2021")
    done = cli(["allocate", "--rules", "kz-2021", "--seats", "30", "--explain", "-"], csv_of(SHYMKENT, SHYMKENT.values()))
    assert done.returncode == 0, done.stderr
    assert result.explain().strip() in done.stdout


OPTION_SETS = [
    {},
    {"rules": "kz-2021"},
    {"rules": "kz-2023"},
    {"method": "dhondt", "threshold": "5%"},
    {"method": "sainte-lague", "threshold": "3%", "threshold_base": "lists"},
    {"method": "droop", "threshold": "1000 votes"},
    {"method": "huntington-hill"},
    {"method": "adams", "tie_break": "votes"},
    {"method": "modified-sainte-lague", "threshold_base": "cast"},
    {"rules": "kz-2021", "runner_up": "coefficient"},
    {"rules": "kz-2021", "runner_up": "admit"},
    {"rules": "kz-2023", "runner_up": "none", "tie_break": "lot:7"},
    {"method": "custom:1,4,7"},
]


def cli_args(options: dict) -> list:
    args = []
    for key, value in options.items():
        args += ["--" + key.replace("_", "-"), value]
    return args


@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()) or "defaults")
def test_to_dict_is_the_cli_json_on_random_elections(cli_json, options):
    rng = random.Random(repr(sorted(options.items())))
    for _ in range(25):
        lists = rng.randint(1, 8)
        votes = [rng.choice([0, rng.randint(1, 50), rng.randint(1, 10**6)]) for _ in range(lists)]
        if sum(votes) == 0:
            votes[0] = 1
        # A dominant list now and then, for the runner-up rule.
        if rng.random() < 0.3:
            votes[0] = sum(votes) * 20
        seats = rng.randint(1, 60)
        against_all, invalid = rng.randint(0, 1000), rng.randint(0, 1000)
        names = [f"P{i}" for i in range(lists)]
        # --allow-total-row: a list holding the sum of the others' votes is a pasted total to the
        # CLI's table reader, not to a program's list of numbers.
        args = ["allocate", "--format", "json", "--allow-total-row", "--seats", str(seats), "--against-all",
                str(against_all), "--invalid", str(invalid), *cli_args(options), "-"]
        try:
            ours = maslihat.allocate(votes, seats, names=names, against_all=against_all, invalid=invalid, **options)
        except maslihat.Error as err:
            # The CLI must refuse the same input with the same sentence.
            _assert_cli_fails_alike(args, names, votes, err)
            continue
        doc = cli_json(args, csv_of(names, votes))
        # `.seats` comes from the call; the document from the full allocation built afterwards.
        assert ours.seats == [party["seats"] for party in doc["parties"]], (votes, seats, options)
        assert ours.to_dict() == doc, (votes, seats, options)


def _assert_cli_fails_alike(args, names, votes, err):
    import subprocess

    from conftest import ROOT, _binary

    done = subprocess.run([str(_binary()), *args], cwd=ROOT, input=csv_of(names, votes), capture_output=True, text=True)
    assert done.returncode in (2, 3)
    sentence = str(err).split(" (tie policy")[0]
    assert sentence in done.stderr, (sentence, done.stderr)


def test_a_tuple_reads_as_the_list_and_seats_stay_after_the_full_result():
    votes = list(SHYMKENT.values())
    from_tuple = maslihat.allocate(tuple(votes), 30, rules="kz-2021")
    before = from_tuple.seats
    from_tuple.explain()
    assert from_tuple.seats == before == maslihat.allocate(votes, 30, rules="kz-2021").seats
    assert from_tuple.votes == votes
    assert from_tuple.house_size == 30 == sum(before)


def test_a_bad_value_in_a_tuple_is_named():
    with pytest.raises(maslihat.InputError, match=r'votes of list 2 \("list 2"\): .* found True'):
        maslihat.allocate((5, True), 3)


def test_explanation_in_to_dict(cli_json):
    ours = maslihat.allocate(SHYMKENT, 30, rules="kz-2021").to_dict(explanation=True)
    theirs = cli_json(["allocate", "--rules", "kz-2021", "--seats", "30", "--explain", "--format", "json", "-"],
                      csv_of(SHYMKENT, SHYMKENT.values()))
    assert ours == theirs
    assert "explanation" in ours


def test_repr_names_the_seats():
    text = repr(maslihat.allocate({"A": 3, "B": 1}, 4))
    assert "A" in text and "3" in text and text.startswith("<maslihat.Allocation")


def test_read_votes_then_allocate_is_the_cli_on_the_same_file(cli_json):
    from conftest import ROOT

    path = ROOT / "datasets" / "examples" / "shymkent-2021.csv"
    votes = maslihat.read_votes(path)
    assert list(votes) == list(SHYMKENT)
    theirs = cli_json(["allocate", "--rules", "kz-2021", "--seats", "30", "--format", "json", str(path)])
    assert maslihat.allocate(votes, 30, rules="kz-2021").to_dict() == theirs
