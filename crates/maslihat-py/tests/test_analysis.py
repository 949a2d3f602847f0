"""`margins`, `simulate` and `sweep`: the CLI's JSON documents, as dicts, arrays and frames."""

from __future__ import annotations

import numpy as np
import polars as pl

import maslihat
from conftest import csv_of
from test_allocate import SHYMKENT


def test_margins_is_the_cli_document(cli_json):
    ours = maslihat.margins(SHYMKENT, 30, rules="kz-2021")
    theirs = cli_json(["margins", "--rules", "kz-2021", "--seats", "30", "--format", "json", "-"], csv_of(SHYMKENT, SHYMKENT.values()))
    assert ours == theirs
    assert ours["schema"] == "maslihat.margins/1"


def test_simulate_is_seeded_and_the_cli_document(cli_json):
    shares = {"A": 45.0, "B": 30.0, "C": 20.0, "D": 5.0}
    ours = maslihat.simulate(shares, 25, runs=5000, seed=9, rules="kz-2023")
    again = maslihat.simulate(shares, 25, runs=5000, seed=9, rules="kz-2023")
    assert np.array_equal(ours.seat_counts, again.seat_counts)
    table = "party,share\n" + "".join(f"{k},{v}\n" for k, v in shares.items())
    theirs = cli_json(["simulate", "--shares", "-", "--seats", "25", "--runs", "5000", "--seed", "9", "--rules", "kz-2023", "--format", "json"], table)
    assert ours.document == theirs
    assert ours.names == list(shares)
    assert ours.seat_counts.shape[0] == 4
    # Every allocated run is counted once per list.
    assert (ours.seat_counts.sum(axis=1) == ours.determined).all()
    np.testing.assert_allclose(ours.seat_probabilities.sum(axis=1), 1.0)
    other_seed = maslihat.simulate(shares, 25, runs=5000, seed=10, rules="kz-2023")
    assert not np.array_equal(ours.seat_counts, other_seed.seat_counts)


def test_simulate_multinomial_and_normal_models():
    voters = maslihat.simulate([60, 40], 5, runs=500, voters=50, seed=1)
    normal = maslihat.simulate([60, 40], 5, runs=500, error=2.0, seed=1)
    assert voters.document["projection"]["model"]["model"] == "multinomial"
    assert normal.document["projection"]["model"]["model"] == "normal"


def test_sweep_is_the_cli_document(cli_json):
    frame = maslihat.sweep(SHYMKENT, range(29, 32), methods=["hare", "dhondt"], thresholds=["0%", "7%"])
    theirs = cli_json(
        ["sweep", "--seats", "29-31", "--methods", "hare,dhondt", "--thresholds", "0%,7%", "--format", "json", "-"],
        csv_of(SHYMKENT, SHYMKENT.values()),
    )
    assert len(frame) == len(theirs["scenarios"]) == 12
    for (_, row), scenario in zip(frame.iterrows(), theirs["scenarios"]):
        assert (row.method, row.threshold, row.house_size) == (scenario["method"], scenario["threshold"], scenario["house_size"])
        assert [row[name] for name in SHYMKENT] == scenario["seats"]
        assert row.gallagher == scenario["indices"]["gallagher"]


def test_sweep_defaults_and_polars():
    frame = maslihat.sweep([50, 30, 20], 10, library="polars")
    assert isinstance(frame, pl.DataFrame)
    assert frame.height == 5 * len(set(frame.get_column("method").to_list()))
    assert set(frame.get_column("threshold").to_list()) == {"0%", "3%", "5%", "7%", "10%"}


def test_sweep_reports_a_failed_scenario_as_a_row():
    frame = maslihat.sweep({"A": 5, "B": 4}, 3, methods=["hare"], thresholds=["60%"])
    assert frame.error.iloc[0].startswith("no lawful allocation")
    assert frame["A"].isna().iloc[0]


def test_outcomes_of_printed_shares_are_the_cli_document(cli_json):
    # Nur-Sultan city mäslihat, 2021: only three printed percentages were published
    # (datasets/examples/nur-sultan-2021-shares.csv, README "When the votes were not all published").
    from conftest import ROOT

    path = ROOT / "datasets" / "examples" / "nur-sultan-2021-shares.csv"
    shares = {"Nur Otan": "83.61%", "Ak Zhol": "7.44%", "People's Party": "7.41%"}
    ours = maslihat.outcomes(shares, 31, rules="kz-2021")
    theirs = cli_json(["allocate", "--rules", "kz-2021", "--seats", "31", "--format", "json", str(path)])
    assert ours == theirs
    assert ours["parties"][-1]["party"] == "(other lists)"


def test_outcomes_of_ranges_and_unknowns_are_the_cli_document(cli_json):
    votes = {"A": 50_000, "B": "27000..28000", "C": None, "D": "?"}
    table = "party,votes\nA,50000\nB,27000..28000\nC,?\nD,?\n"
    ours = maslihat.outcomes(votes, 10, method="dhondt", threshold="5%", against_all=100)
    theirs = cli_json(["allocate", "--method", "dhondt", "--threshold", "5%", "--against-all", "100", "--seats", "10", "--format", "json", "-"], table)
    assert ours == theirs
    assert not ours["determined"] and len(ours["outcomes"]) > 1
    for outcome in ours["outcomes"]:
        # Each outcome comes with list votes that the core turns into it.
        counts = outcome["example_votes"]
        assert counts[0] == 50_000 and 27_000 <= counts[1] <= 28_000
        again = maslihat.allocate(counts, 10, method="dhondt", threshold="5%", against_all=100)
        assert again.seats == outcome["seats"]


def test_outcomes_errors(cli):
    import pytest

    with pytest.raises(maslihat.InputError, match="Droop"):
        maslihat.outcomes(["50%", "50%"], 3, method="droop")
    with pytest.raises(maslihat.InputError, match="add them as rows"):
        maslihat.outcomes(["40%", "30%"], 3)
    with pytest.raises(maslihat.InputError, match="^votes of list 2"):
        maslihat.outcomes(["40%", "thirty"], 3)
