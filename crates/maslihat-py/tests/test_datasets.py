"""`maslihat.datasets`: the bundled dataset as frames, with the verdicts the CLI gives."""

from __future__ import annotations

import polars as pl
import pytest

import maslihat
from conftest import ROOT


@pytest.fixture(scope="module")
def dataset():
    return maslihat.datasets.load()


def test_the_bundled_dataset_is_the_repository_folder(dataset):
    from_folder = maslihat.datasets.load(ROOT / "datasets")
    assert dataset.elections.equals(from_folder.elections)
    assert dataset.results.equals(from_folder.results)
    assert len(dataset.bodies) >= 20
    assert len(dataset.elections) >= 37


def test_every_figure_names_its_source(dataset):
    results = dataset.results
    known = results[results.votes.notna()]
    assert (known.votes_sources != "").all()
    sources = set(dataset.sources.source)
    for ids in known.votes_sources:
        assert set(ids.split("|")) <= sources


def test_verdicts_are_the_cli_list(dataset, cli_json):
    theirs = {row["election"]: row["status"] for row in cli_json(["list", "--format", "json"])}
    ours = dict(zip(dataset.verdicts.election, dataset.verdicts.status))
    assert ours == theirs


def test_an_election_allocates_as_the_cli_does(dataset, cli_json):
    result = dataset.allocate("karaganda-region-2023")
    theirs = cli_json(["allocate", "--election", "karaganda-region-2023", "--format", "json"])
    assert result.to_dict() == theirs


def test_every_matching_election_gives_its_published_seats(dataset):
    # Where the published list seats are known and the verdict is `match`, the recomputation
    # from the votes must give exactly those seats.
    matched = dataset.verdicts[dataset.verdicts.status == "match"].election
    assert len(matched) > 0
    for election in matched:
        inputs = dataset.inputs(election)
        published = dataset.results[(dataset.results.election == election) & dataset.results.list_seats.notna()]
        seats = dict(zip(published.name, published.list_seats.astype(int)))
        result = dataset.allocate(election)
        assert {n: s for n, s in zip(result.names, result.seats) if n in seats} == seats, election
        assert result.house_size == inputs["seats"]


def test_polars_frames():
    dataset = maslihat.datasets.load(library="polars")
    assert isinstance(dataset.results, pl.DataFrame)
    assert dataset.results.height > 0


def test_an_incomplete_election_is_refused(dataset):
    incomplete = dataset.verdicts[dataset.verdicts.status == "no-data"].election
    assert len(incomplete) > 0
    with pytest.raises(maslihat.InputError, match="the votes are not complete"):
        dataset.inputs(incomplete.iloc[0])


def test_an_elections_margins_are_the_cli_document(dataset, cli_json):
    theirs = cli_json(["margins", "--election", "karaganda-region-2023", "--format", "json"])
    assert dataset.margins("karaganda-region-2023") == theirs


def test_overrides_apply_on_top_of_the_elections_rules(dataset, cli_json):
    result = dataset.allocate("karaganda-region-2023", method="dhondt", seats=20)
    theirs = cli_json(["allocate", "--election", "karaganda-region-2023", "--method", "dhondt", "--seats", "20", "--format", "json"])
    assert result.seats == [p["seats"] for p in theirs["parties"]]
    assert result.house_size == 20
