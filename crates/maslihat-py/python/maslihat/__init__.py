"""maslihat: exact seat apportionment for party-list elections.

The exact core of the `maslihat` command-line tool, its analysis and its bundled dataset of
Kazakhstan's regional assemblies, for notebooks. Votes are integers and every comparison is an
exact cross-multiplication: a list at exactly 7 % passes a 7 % threshold, and a tie is never
settled silently.

>>> import maslihat
>>> result = maslihat.allocate({"Nur Otan": 261213, "Ak Zhol": 31876, "Auyl": 31355,
...                             "People's Party": 4351, "Adal": 3411}, 30, rules="kz-2021")
>>> result.seats
[24, 3, 3, 0, 0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native, datasets
from ._native import Allocation, Error, InputError, TieError, allocate

__all__ = [
    "Allocation",
    "Error",
    "InputError",
    "Projection",
    "TieError",
    "allocate",
    "batch",
    "datasets",
    "margins",
    "outcomes",
    "read_votes",
    "simulate",
    "sweep",
]

__version__: str = _native.__version__

Votes = Union[Mapping[str, int], Sequence[int], Any]
"""A list of whole numbers, a dict name → votes, a pandas or polars Series or a NumPy array of
integers, in registration order."""


def _text(value: Any) -> Optional[str]:
    """An option as the core parses it (a number becomes text, which the core then refuses
    with its message: a threshold of 7 is 7 % or 7 votes?)."""
    return None if value is None else str(value)


def _options(rules, method, threshold, threshold_base, tie_break, runner_up) -> dict:
    return {
        "rules": _text(rules),
        "method": _text(method),
        "threshold": _text(threshold),
        "threshold_base": _text(threshold_base),
        "tie_break": _text(tie_break),
        "runner_up": _text(runner_up),
    }


def _is_default_index(index: Any) -> bool:
    return type(index).__name__ == "RangeIndex" and index.start == 0 and index.step == 1


def _lists(votes: Votes, names: Optional[Sequence[str]]) -> "tuple[list, Optional[list[str]]]":
    """Takes votes apart into values and names (each value is checked by the core's reader)."""
    if isinstance(votes, Mapping):
        keys = list(votes.keys())
        values = list(votes.values())
        return values, ([str(k) for k in keys] if names is None else list(names))
    if hasattr(votes, "index") and hasattr(votes, "to_numpy") and not hasattr(votes, "columns"):
        # a pandas Series: names from its index unless it is the default 0, 1, 2, …
        if names is None and not _is_default_index(votes.index):
            names = [str(k) for k in votes.index]
        return votes.to_numpy().tolist(), (None if names is None else list(names))
    if hasattr(votes, "to_list"):  # a polars Series
        return votes.to_list(), (None if names is None else list(names))
    if hasattr(votes, "tolist"):  # a NumPy array
        return votes.tolist(), (None if names is None else list(names))
    return list(votes), (None if names is None else list(names))


def read_votes(path: str, *, allow_total_row: bool = False) -> "dict[str, int]":
    """Reads a `party,votes` table as the CLI does (separator detected, digits grouped by threes
    accepted, a total row refused unless allow_total_row) → {party: votes} in row order.

    Raises InputError with the CLI's message and `path`, `line`, `column` of the first error.
    """
    return dict(_native.read_votes(str(path), allow_total_row=allow_total_row))


def margins(
    votes: Votes,
    seats: int,
    *,
    rules: Optional[str] = None,
    method: Optional[str] = None,
    threshold: Optional[str] = None,
    threshold_base: Optional[str] = None,
    against_all: int = 0,
    invalid: int = 0,
    tie_break: Optional[str] = None,
    runner_up: Optional[str] = None,
    names: Optional[Sequence[str]] = None,
) -> "dict[str, Any]":
    """How close the result was, as `maslihat margins --format json` (`maslihat.margins/1`,
    docs/json.md): for each list the fewest extra votes that win it a seat and the fewest lost
    votes that cost it one, and the fewest ballots moved between two lists that change the
    composition. Exact. Options as for `allocate`."""
    values, names = _lists(votes, names)
    options = _options(rules, method, threshold, threshold_base, tie_break, runner_up)
    return _native.margins(values, seats, names, options, against_all, invalid)


def outcomes(
    votes: Votes,
    seats: int,
    *,
    shares_base: str = "valid",
    rules: Optional[str] = None,
    method: Optional[str] = None,
    threshold: Optional[str] = None,
    threshold_base: Optional[str] = None,
    against_all: int = 0,
    invalid: int = 0,
    tie_break: Optional[str] = None,
    runner_up: Optional[str] = None,
    names: Optional[Sequence[str]] = None,
) -> "dict[str, Any]":
    """When the votes were not all published: the exact set of outcomes that some integer vote
    counts consistent with every figure give, as `maslihat allocate` over such a table with
    `--format json` (`maslihat.outcomes/1`: `determined`, each list's `seats_min`/`seats_max`,
    and every outcome with example votes the core turns into it).

    Each list's figure: a whole number (a count), a printed share "83.61%" (rounded to its
    printed digits, a share of shares_base: "valid", "lists" or "cast"), a range
    "27000..28000", or "?" / None. When printed shares leave room for lists not in the table
    that cannot reach the threshold together, a row "(other lists)" is added, as the CLI does.
    Exact for largest remainder with a linear quota and divisor methods with rational divisors;
    Droop and Huntington–Hill are refused (InputError). Options as for `allocate`."""
    values, names = _lists(votes, names)
    options = _options(rules, method, threshold, threshold_base, tie_break, runner_up)
    return _native.outcomes(values, seats, names, options, against_all, invalid, str(shares_base))


@dataclass(frozen=True)
class Projection:
    """Seat projections: one row per list in each array (registration order).

    seat_counts[i, s]: runs in which list i won s seats; seat_probabilities the same as shares
    of the allocated runs; mean_seats, median_seats (-1 when no run was allocated),
    passes_threshold, runner_up and majority: per list. document: the whole
    `maslihat.projection/1` document."""

    names: "list[str]"
    seat_counts: Any
    seat_probabilities: Any
    mean_seats: Any
    median_seats: Any
    passes_threshold: Any
    runner_up: Any
    majority: Any
    runs: int
    seed: int
    determined: int
    no_lawful_allocation: int
    unresolved_tie: int
    majority_any: float
    document: "dict[str, Any]"


def simulate(
    shares: Votes,
    seats: int,
    *,
    runs: int = 100_000,
    seed: int = 1,
    sample_size: Optional[int] = None,
    voters: Optional[int] = None,
    error: Optional[float] = None,
    against_all_share: float = 0.0,
    rules: Optional[str] = None,
    method: Optional[str] = None,
    threshold: Optional[str] = None,
    threshold_base: Optional[str] = None,
    tie_break: Optional[str] = None,
    runner_up: Optional[str] = None,
    names: Optional[Sequence[str]] = None,
) -> Projection:
    """Seeded seat projections from poll shares, as `maslihat simulate`: scenarios drawn around
    the shares (Dirichlet of a poll of sample_size respondents, default 1000; voters: a
    multinomial count of that many ballots; error: a normal error of that many percentage
    points), each allocated exactly, on every core. The same seed gives the same arrays on any
    number of cores. Returns arrays (NumPy)."""
    import numpy as np

    values, names = _lists(shares, names)
    options = _options(rules, method, threshold, threshold_base, tie_break, runner_up)
    doc = _native.simulate(
        [float(v) for v in values], seats, names, options, float(against_all_share), runs, seed,
        sample_size, voters, error,
    )
    projection = doc["projection"]
    lists = projection["lists"]
    width = max([len(l["seat_counts"]) for l in lists] + [1])
    counts = np.zeros((len(lists), width), dtype=np.int64)
    probabilities = np.zeros((len(lists), width), dtype=np.float64)
    for i, l in enumerate(lists):
        counts[i, : len(l["seat_counts"])] = l["seat_counts"]
        probabilities[i, : len(l["seat_probabilities"])] = l["seat_probabilities"]

    def column(key: str, dtype: Any, missing: Any = None) -> Any:
        return np.array([missing if l[key] is None else l[key] for l in lists], dtype=dtype)

    return Projection(
        names=list(doc["parties"]),
        seat_counts=counts,
        seat_probabilities=probabilities,
        mean_seats=column("mean_seats", np.float64),
        median_seats=column("median_seats", np.int64, -1),
        passes_threshold=column("passes_threshold", np.float64),
        runner_up=column("runner_up", np.float64),
        majority=column("majority", np.float64),
        runs=projection["runs"],
        seed=projection["seed"],
        determined=projection["determined"],
        no_lawful_allocation=projection["no_lawful_allocation"],
        unresolved_tie=projection["unresolved_tie"],
        majority_any=projection["majority_any"],
        document=doc,
    )


_SWEEP_COLUMNS = ("method", "threshold", "house_size", "error")


def sweep(
    votes: Votes,
    seats: "Union[int, Iterable[int]]",
    *,
    methods: Optional[Sequence[str]] = None,
    thresholds: Optional[Sequence[str]] = None,
    rules: Optional[str] = None,
    threshold_base: Optional[str] = None,
    against_all: int = 0,
    invalid: int = 0,
    tie_break: Optional[str] = None,
    runner_up: Optional[str] = None,
    names: Optional[Sequence[str]] = None,
    library: str = "pandas",
) -> Any:
    """One election under every method × threshold × house size, as `maslihat sweep`: a
    DataFrame (library "pandas" or "polars") with a row per scenario: method, threshold,
    house_size, a column of seats per list (named after it; "seats: NAME" if the name is one of
    the other columns), the disproportionality indices, and error (why a scenario has no
    allocation, else empty). methods default to every standard method, thresholds to 0 %, 3 %,
    5 %, 7 % and 10 %."""
    values, names = _lists(votes, names)
    sizes = [seats] if isinstance(seats, int) else list(seats)
    options = _options(rules, None, None, threshold_base, tie_break, runner_up)
    doc = _native.sweep(
        values, sizes, names, options, against_all, invalid,
        None if methods is None else [str(m) for m in methods],
        None if thresholds is None else [str(t) for t in thresholds],
    )
    parties = list(doc["parties"])
    scenarios = doc["scenarios"]
    index_names = ["gallagher", "loosemore_hanby", "enp_votes", "enp_seats", "wasted_votes", "wasted_percent"]
    columns: "dict[str, list]" = {"method": [], "threshold": [], "house_size": []}
    party_columns = [f"seats: {p}" if p in _SWEEP_COLUMNS or p in index_names else p for p in parties]
    for c in party_columns:
        columns[c] = []
    for c in index_names + ["error"]:
        columns[c] = []
    for row in scenarios:
        columns["method"].append(row["method"])
        columns["threshold"].append(row["threshold"])
        columns["house_size"].append(row["house_size"])
        for i, c in enumerate(party_columns):
            columns[c].append(None if row["seats"] is None else row["seats"][i])
        for c in index_names:
            columns[c].append(None if row["indices"] is None else row["indices"].get(c))
        columns["error"].append(row["error"])
    return datasets._frame(columns, library)


def _election_ids(column: Any, kind: str) -> "tuple[bytes, Optional[bytes]]":
    """The election column as buffers: int64 bytes for whole numbers, else the bytes and int64
    offsets of an Arrow large_string array (one copy of each buffer, no Python object per row).
    Without pyarrow, text ids become codes (pandas.factorize or polars' rank)."""
    import numpy as np

    def whole(values: Any) -> "tuple[bytes, None]":
        return np.ascontiguousarray(values, dtype=np.int64).tobytes(), None

    if kind == "polars":
        import polars as pl

        if column.null_count() > 0:
            raise InputError(f"column election: missing value at row {int(column.is_null().arg_max())}")
        if column.dtype.is_integer():
            return whole(column.cast(pl.Int64).to_numpy())
        column = column.cast(pl.String)
    else:
        import pandas as pd

        if column.isna().any():
            raise InputError(f"column election: missing value at row {int(np.argmax(column.isna().to_numpy()))}")
        if pd.api.types.is_integer_dtype(column.dtype):
            return whole(column.to_numpy())
    try:
        import pyarrow as pa
    except ImportError:
        if kind == "polars":
            return whole(column.rank("dense").to_numpy())
        import pandas as pd

        return whole(pd.factorize(column)[0])
    array = column.to_arrow() if kind == "polars" else pa.array(column)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        array = array.cast(pa.string())
    array = array.cast(pa.large_string())
    _, offsets, data = array.buffers()
    offsets = np.frombuffer(offsets, dtype=np.int64)[array.offset : array.offset + len(array) + 1]
    return (b"" if data is None else data.to_pybytes()), offsets.tobytes()


def _int_column(column: Any, name: str, kind: str) -> bytes:
    """An integer column as int64 bytes (one copy, no Python object per row)."""
    import numpy as np

    if kind == "polars":
        if column.null_count() > 0:
            raise InputError(f"column {name}: missing values (row {int(column.is_null().arg_max())})")
        if not column.dtype.is_integer():
            raise InputError(f"column {name}: expected whole numbers, found the type {column.dtype}")
        import polars as pl

        values = column.cast(pl.Int64, strict=False)
        if values.null_count() > 0:
            raise InputError(f"column {name}: a value does not fit 64 bits")
        return np.ascontiguousarray(values.to_numpy(), dtype=np.int64).tobytes()
    import pandas as pd

    if column.isna().any():
        raise InputError(f"column {name}: missing value at row {int(np.argmax(column.isna().to_numpy()))}")
    if not pd.api.types.is_integer_dtype(column.dtype) or pd.api.types.is_bool_dtype(column.dtype):
        raise InputError(f"column {name}: expected whole numbers, found the type {column.dtype}")
    values = column.to_numpy()
    if values.dtype == np.uint64 and len(values) and values.max() > np.iinfo(np.int64).max:
        raise InputError(f"column {name}: a value does not fit 64 bits")
    return np.ascontiguousarray(values, dtype=np.int64).tobytes()


def batch(
    frame: Any,
    *,
    rules: Optional[str] = None,
    method: Optional[str] = None,
    threshold: Optional[str] = None,
    threshold_base: Optional[str] = None,
    tie_break: Optional[str] = None,
    runner_up: Optional[str] = None,
) -> Any:
    """Many elections at once, as `maslihat batch`: `frame` (pandas or polars) has a row per list
    with the columns election, seats (the election's house size), party and votes, and
    optionally against_all and invalid (the same on every row of an election); the rows of one
    election together, in registration order.

    Returns a DataFrame of the same library with election, party, seats (won) and tied (the
    list was in a tie, whatever the policy), in the input's order. The columns are taken whole
    (NumPy buffers, no Python object per row) and the elections allocated on every core with
    the GIL released; the result is the same on any number of cores. Errors name the row (its
    position, 0-based) and the election; options as for `allocate`.
    """
    import numpy as np

    kind = datasets._library_of(frame)
    names = list(frame.columns)
    missing = [c for c in ("election", "seats", "party", "votes") if c not in names]
    if missing:
        raise InputError(
            f"the frame has no column {', '.join(missing)}; it needs election, seats, party and votes "
            f"(and optionally against_all and invalid); found {', '.join(map(str, names))}"
        )
    column = (lambda c: frame.get_column(c)) if kind == "polars" else (lambda c: frame[c])
    election, party = column("election"), column("party")
    ids, offsets = _election_ids(election, kind)
    seats = _int_column(column("seats"), "seats", kind)
    votes = _int_column(column("votes"), "votes", kind)
    against_all = _int_column(column("against_all"), "against_all", kind) if "against_all" in names else None
    invalid = _int_column(column("invalid"), "invalid", kind) if "invalid" in names else None
    options = _options(rules, method, threshold, threshold_base, tie_break, runner_up)
    if kind == "polars":
        at = lambda series: (lambda row: series[row])  # noqa: E731
    else:
        at = lambda series: (lambda row: series.iloc[row])  # noqa: E731
    won, tied, _ = _native.batch(ids, offsets, seats, votes, against_all, invalid, options, at(party), at(election))
    won = np.frombuffer(won, dtype=np.int64)
    tied = np.frombuffer(tied, dtype=np.uint8).astype(bool)
    if kind == "polars":
        import polars as pl

        return pl.DataFrame([election, party, pl.Series("seats", won), pl.Series("tied", tied)])
    out = frame[["election", "party"]].copy(deep=False)
    out["seats"] = won
    out["tied"] = tied
    return out
