"""Every error kind: `InputError` for bad input, `TieError` (carrying its tie) for a tie left
unresolved, with the CLI's sentences and positions."""

from __future__ import annotations

import pandas as pd
import pytest

import maslihat
from conftest import csv_of


def test_the_exceptions_are_one_family():
    assert issubclass(maslihat.InputError, maslihat.Error)
    assert issubclass(maslihat.TieError, maslihat.Error)
    assert not issubclass(maslihat.TieError, maslihat.InputError)


@pytest.mark.parametrize(
    "votes, message",
    [
        ([10, -1], "votes of list 2 (\"list 2\"): expected a whole number of votes, 0 or more, found -1"),
        ([10, 2.5], "found 2.5"),
        ([10, True], "found True"),
        ([10, "7"], "found '7'"),
        ([10, 2**64], "found 18446744073709551616"),
    ],
)
def test_bad_votes(votes, message):
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.allocate(votes, 3)
    text = str(caught.value)
    assert text.startswith('votes of list 2 ("list 2"): expected a whole number of votes, 0 or more, found ')
    assert text.endswith(message)


@pytest.mark.parametrize("seats", [0, -1, 2**32, 2.0, "3", None])
def test_bad_seats(seats):
    with pytest.raises(maslihat.InputError, match="^seats: expected a whole number of seats from 1 to 4294967295"):
        maslihat.allocate([1, 2], seats)


@pytest.mark.parametrize(
    "option, value, cli_option",
    [
        ("method", "dhont", "--method"),
        ("threshold", "7", "--threshold"),
        ("threshold", "120%", "--threshold"),
        ("threshold_base", "everyone", "--threshold-base"),
        ("tie_break", "coin", "--tie-break"),
        ("runner_up", "d", None),
        ("rules", "kz-2022", "--rules"),
    ],
)
def test_bad_options_say_what_the_cli_says(cli, option, value, cli_option):
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.allocate([10, 20], 3, **{option: value})
    message = str(caught.value)
    assert message.startswith(option + ": ")
    if cli_option is None:
        return
    done = cli(["allocate", "--seats", "3", cli_option, value, "-"], csv_of(["A", "B"], [10, 20]))
    assert done.returncode == 2
    # The core's sentence, after the option's name, is the CLI's.
    assert message.split(": ", 1)[1] in done.stderr


def test_bare_threshold_number_is_refused():
    with pytest.raises(maslihat.InputError, match="threshold"):
        maslihat.allocate([10, 20], 3, threshold=7)


def test_names_must_match_the_lists():
    with pytest.raises(maslihat.InputError, match="^names: 1 names for 2 lists") as caught:
        maslihat.allocate([10, 20], 3, names=["A"])
    # No file was read: no position.
    assert (caught.value.path, caught.value.line, caught.value.column) == (None, None, None)


def test_bad_ballots():
    with pytest.raises(maslihat.InputError, match="^against_all: expected a whole number of ballots"):
        maslihat.allocate([10, 20], 3, against_all=-5)
    with pytest.raises(maslihat.InputError, match="^invalid: expected a whole number of ballots"):
        maslihat.allocate([10, 20], 3, invalid=1.5)


def test_no_lists_and_no_votes(cli):
    with pytest.raises(maslihat.InputError, match="^there are no lists to allocate seats to"):
        maslihat.allocate([], 3)
    with pytest.raises(maslihat.InputError, match="^the lists taking part have no votes between them"):
        maslihat.allocate([0, 0], 3)
    done = cli(["allocate", "--seats", "3", "-"], csv_of(["A", "B"], [0, 0]))
    assert done.returncode == 2 and "the lists taking part have no votes between them" in done.stderr


def test_no_list_passes_names_the_largest_as_the_cli_does(cli):
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.allocate({"A": 6, "B": 5, "C": 60}, 3, threshold="7%", against_all=929)
    message = str(caught.value)
    assert message.startswith("no lawful allocation: no list reached the threshold of 7%; the largest, C,")
    done = cli(["allocate", "--seats", "3", "--threshold", "7%", "--against-all", "929", "-"], csv_of("ABC", [6, 5, 60]))
    assert done.returncode == 2
    assert message in done.stderr


def test_an_unresolved_tie_raises_tie_error_with_the_tie(cli):
    with pytest.raises(maslihat.TieError) as caught:
        maslihat.allocate({"A": 100, "B": 100, "C": 50}, 1, tie_break="error")
    err = caught.value
    assert err.tie["parties"] == ["A", "B"]
    assert err.tie["seats_in_contention"] == 1
    assert err.tie["winners"] == []
    assert err.tie["policy"] == "error"
    assert 'tie_break="registration"' in str(err)
    done = cli(["allocate", "--seats", "1", "--tie-break", "error", "-"], csv_of("ABC", [100, 100, 50]))
    assert done.returncode == 3
    assert str(err).split(" (tie policy")[0] in done.stderr


def test_read_votes_errors_carry_the_cli_position(cli, tmp_path):
    table = tmp_path / "votes.csv"
    table.write_text("party,votes\nA,100\nB,12x\nC,5\n", encoding="utf-8")
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.read_votes(table)
    err = caught.value
    assert (err.path, err.line) == (str(table), 3)
    assert err.column == 2  # the votes column
    done = cli(["allocate", "--seats", "3", str(table)])
    assert done.returncode == 2
    assert str(err).splitlines()[0] in done.stderr


def test_read_votes_refuses_a_total_row_unless_allowed(tmp_path):
    table = tmp_path / "votes.csv"
    table.write_text("party,votes\nA,100\nB,50\nTotal,150\n", encoding="utf-8")
    with pytest.raises(maslihat.InputError, match="allow_total_row=True"):
        maslihat.read_votes(table)
    assert maslihat.read_votes(table, allow_total_row=True) == {"A": 100, "B": 50, "Total": 150}


def test_read_votes_missing_file(tmp_path):
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.read_votes(tmp_path / "nowhere.csv")
    assert caught.value.path == str(tmp_path / "nowhere.csv")
    assert caught.value.line is None


def test_margins_and_sweep_errors():
    with pytest.raises(maslihat.TieError):
        maslihat.margins([100, 100], 1, tie_break="error")
    with pytest.raises(maslihat.InputError, match="^methods: "):
        maslihat.sweep([100, 50], 3, methods=["nonsense"])
    with pytest.raises(maslihat.InputError, match="^thresholds: "):
        maslihat.sweep([100, 50], 3, thresholds=["7"])


def test_simulate_errors():
    with pytest.raises(maslihat.InputError, match="give one model"):
        maslihat.simulate([50, 50], 3, voters=100, error=1.0)
    with pytest.raises(maslihat.InputError):
        maslihat.simulate([-1, 50], 3, runs=10)


def test_batch_errors_name_the_row_and_election():
    frame = pd.DataFrame({"election": ["a", "a", "b"], "seats": [3, 3, 2], "party": ["X", "Y", "X"], "votes": [5, 3, 4]})
    with pytest.raises(maslihat.InputError, match="no column votes"):
        maslihat.batch(frame.drop(columns="votes"))
    bad = frame.assign(votes=[5, -3, 4])
    with pytest.raises(maslihat.InputError, match='^row 1: election "a": votes: expected a whole number of votes'):
        maslihat.batch(bad)
    differs = frame.assign(seats=[3, 4, 2])
    with pytest.raises(maslihat.InputError, match='^row 1: election "a": seats differs from its first row'):
        maslihat.batch(differs)
    scattered = pd.DataFrame({"election": ["a", "b", "a"], "seats": [3, 2, 3], "party": ["X", "X", "Y"], "votes": [5, 4, 3]})
    with pytest.raises(maslihat.InputError, match='^row 2: election "a" comes back after other elections'):
        maslihat.batch(scattered)
    with pytest.raises(maslihat.InputError, match="^column votes: expected whole numbers"):
        maslihat.batch(frame.assign(votes=[5.0, 3.0, 4.0]))
    with pytest.raises(maslihat.InputError, match="^column seats: missing value"):
        maslihat.batch(frame.assign(seats=[3, None, 2]))
    tie = pd.DataFrame({"election": ["a", "a"], "seats": [1, 1], "party": ["X", "Y"], "votes": [5, 5]})
    with pytest.raises(maslihat.TieError, match='^row 0: election "a": ') as caught:
        maslihat.batch(tie, tie_break="error")
    assert caught.value.tie["parties"] == ["X", "Y"]
    with pytest.raises(TypeError):
        maslihat.batch({"election": ["a"]})


def test_dataset_errors(tmp_path):
    with pytest.raises(maslihat.InputError, match="the dataset folder was not found"):
        maslihat.datasets.load(tmp_path / "nowhere")
    (tmp_path / "elections.csv").write_text("nonsense\n", encoding="utf-8")
    with pytest.raises(maslihat.InputError) as caught:
        maslihat.datasets.load(tmp_path)
    assert caught.value.path is not None
