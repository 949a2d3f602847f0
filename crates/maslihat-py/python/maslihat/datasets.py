"""The bundled dataset (every regional mäslihat of Kazakhstan in 2021 and 2023, each figure with
its source) or any folder in its format, as DataFrames, with the verdict on every election."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from . import _native

__all__ = ["Dataset", "load"]


def _library_of(frame: Any) -> str:
    module = type(frame).__module__.split(".")[0]
    if module in ("pandas", "polars"):
        return module
    raise TypeError(f"expected a pandas or polars DataFrame, found {type(frame).__name__}")


def _frame(columns: "dict[str, list]", library: str) -> Any:
    if library == "polars":
        import polars as pl

        return pl.DataFrame(columns, strict=False)
    if library == "pandas":
        import pandas as pd

        def column(values: list) -> Any:
            # Whole numbers with gaps stay whole numbers (pandas' nullable Int64), not floats.
            known = [v for v in values if v is not None]
            if len(known) < len(values) and known and all(type(v) is int for v in known):
                return pd.array(values, dtype="Int64")
            return values

        return pd.DataFrame({name: column(values) for name, values in columns.items()})
    raise ValueError(f"library: expected 'pandas' or 'polars', found {library!r}")


@dataclass(frozen=True)
class Dataset:
    """A dataset as DataFrames.

    bodies: one row per mäslihat. elections: one per election, with its figures and the ids of
    their sources (`*_sources`, "|"-separated; a figure whose sources disagree is empty and the
    sources say which). results: one row per party and election: votes, printed share and list
    seats, each with its sources. sources: id, url, publisher, description. verdicts: per
    election the verdict the published figures support (`match`, `determined-match`,
    `mismatch`, `consistent`, `inconsistent`, `not-published`, `no-data`) and why, as
    `maslihat list` and `maslihat recompute` give it. warnings: the loader's warnings."""

    path: Optional[str]
    bodies: Any
    elections: Any
    results: Any
    sources: Any
    verdicts: Any
    warnings: "list[str]"

    def inputs(self, election: str) -> "dict[str, Any]":
        """What `election` (an id or a name, as `maslihat allocate --election` takes) allocates
        from: names, votes, against_all, invalid, seats (its list seats) and options (its rules
        for its registration order)."""
        return _native.election_inputs(self.path, election)

    def _call(self, function: Any, election: str, overrides: "dict[str, Any]") -> Any:
        inputs = self.inputs(election)
        options = dict(inputs["options"])
        seats = overrides.pop("seats", inputs["seats"])
        options.update(overrides)
        return function(
            inputs["votes"], seats, names=inputs["names"], against_all=inputs["against_all"],
            invalid=inputs["invalid"], **options,
        )

    def allocate(self, election: str, **overrides: Any) -> Any:
        """Allocates `election` under its own rules, as `maslihat allocate --election NAME`;
        keyword options (`method=`, `threshold=`, `seats=`, …) override them."""
        from . import allocate

        return self._call(allocate, election, overrides)

    def margins(self, election: str, **overrides: Any) -> "dict[str, Any]":
        """The vote margins of `election` under its own rules, as `maslihat margins --election
        NAME --format json`; keyword options override them."""
        from . import margins

        return self._call(margins, election, overrides)


def load(path: Optional[str] = None, *, library: str = "pandas") -> Dataset:
    """Loads a dataset folder (default: the bundled one) as DataFrames of `library` ("pandas" or
    "polars"), with every election's verdict. Raises InputError naming the file, line and column
    of every problem in the folder."""
    tables = _native.load_dataset(None if path is None else str(path))
    return Dataset(
        path=None if path is None else str(path),
        bodies=_frame(tables["bodies"], library),
        elections=_frame(tables["elections"], library),
        results=_frame(tables["results"], library),
        sources=_frame(tables["sources"], library),
        verdicts=_frame(tables["verdicts"], library),
        warnings=list(tables["warnings"]),
    )
