"""`maslihat.batch` over pandas and polars frames: the same seats as `allocate` election by
election and as `maslihat batch`, in the input's order, ties marked."""

from __future__ import annotations

import io
import random

import numpy as np
import pandas as pd
import polars as pl
import pytest

import maslihat
from conftest import ROOT


def random_frame(elections: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for e in range(elections):
        seats = rng.randint(1, 40)
        against = rng.randint(0, 500)
        for p in range(rng.randint(1, 7)):
            votes = rng.choice([rng.randint(0, 30), rng.randint(0, 100_000)])
            rows.append((f"e{e}", seats, f"p{p}", votes, against))
    return pd.DataFrame(rows, columns=["election", "seats", "party", "votes", "against_all"])


@pytest.mark.parametrize("options", [{"rules": "kz-2021"}, {"method": "dhondt", "threshold": "5%"}, {"method": "sainte-lague"}])
def test_batch_equals_allocate_election_by_election(options):
    frame = random_frame(300, 1)
    # Elections where no list passes would stop the batch; drop them, as a caller would.
    keep = []
    for _, group in frame.groupby("election", sort=False):
        try:
            maslihat.allocate(group.votes.tolist(), int(group.seats.iloc[0]), against_all=int(group.against_all.iloc[0]), **options)
            keep.append(group)
        except maslihat.InputError:
            pass
    frame = pd.concat(keep, ignore_index=True)
    out = maslihat.batch(frame, **options)
    assert list(out.columns) == ["election", "party", "seats", "tied"]
    assert (out.election == frame.election).all() and (out.party == frame.party).all()
    for election, group in frame.groupby("election", sort=False):
        expected = maslihat.allocate(group.votes.tolist(), int(group.seats.iloc[0]), against_all=int(group.against_all.iloc[0]), **options)
        got = out.loc[group.index]
        assert got.seats.tolist() == expected.seats, election
        tied = {p for tie in expected.ties for p in tie["parties"]}
        assert got.tied.tolist() == [f"p{i}" in tied for i in range(len(group))] or got.tied.tolist() == [
            name in tied for name in expected.names
        ]


def test_polars_gives_the_same_as_pandas():
    frame = random_frame(500, 2).drop(columns="against_all")
    frame = frame[frame.groupby("election").votes.transform("sum") > 0].reset_index(drop=True)
    pandas_out = maslihat.batch(frame)
    polars_out = maslihat.batch(pl.from_pandas(frame))
    assert isinstance(polars_out, pl.DataFrame)
    assert polars_out.get_column("seats").to_list() == pandas_out.seats.tolist()
    assert polars_out.get_column("tied").to_list() == pandas_out.tied.tolist()
    assert polars_out.get_column("election").to_list() == frame.election.tolist()


def test_integer_election_ids_and_the_index_are_kept():
    frame = pd.DataFrame(
        {"election": [7, 7, 3], "seats": [3, 3, 1], "party": ["A", "B", "A"], "votes": [20, 10, 5]},
        index=[10, 11, 12],
    )
    out = maslihat.batch(frame)
    assert out.index.tolist() == [10, 11, 12]
    assert out.seats.tolist() == [2, 1, 1]


def test_the_same_output_every_time():
    frame = random_frame(2000, 3)
    frame = frame[frame.groupby("election").votes.transform("sum") > 0].reset_index(drop=True)
    first = maslihat.batch(frame, tie_break="lot:5")
    for _ in range(3):
        assert maslihat.batch(frame, tie_break="lot:5").equals(first)


def test_ties_are_marked():
    frame = pd.DataFrame({"election": ["a"] * 3 + ["b"] * 2, "seats": [2, 2, 2, 1, 1], "party": list("XYZXY"), "votes": [100, 100, 100, 9, 1]})
    out = maslihat.batch(frame)
    assert out.tied.tolist() == [True, True, True, False, False]
    assert out.seats.tolist() == [1, 1, 0, 1, 0]


@pytest.mark.parametrize("example, rules", [("batch-2023.csv", "kz-2023"), ("batch-2021.csv", "kz-2021")])
def test_batch_agrees_with_the_cli(cli, example, rules):
    path = ROOT / "datasets" / "examples" / example
    done = cli(["batch", "--rules", rules, str(path)])
    assert done.returncode == 0, done.stderr
    theirs = pd.read_csv(io.StringIO(done.stdout))
    frame = pd.read_csv(path)
    ours = maslihat.batch(frame, rules=rules)
    assert ours[["election", "party", "seats"]].reset_index(drop=True).equals(theirs)


def test_large_batch_against_the_cli(cli, tmp_path):
    frame = random_frame(5000, 4).drop(columns="against_all")
    frame = frame[frame.groupby("election").votes.transform("sum") > 0].reset_index(drop=True)
    path = tmp_path / "batch.csv"
    frame.to_csv(path, index=False)
    done = cli(["batch", "--method", "dhondt", str(path)])
    assert done.returncode == 0, done.stderr
    theirs = pd.read_csv(io.StringIO(done.stdout), dtype={"election": str, "party": str})
    ours = maslihat.batch(frame, method="dhondt")
    assert np.array_equal(ours.seats.to_numpy(), theirs.seats.to_numpy())
