"""Type stubs of the native module (the documented API is `maslihat`'s own functions)."""

from typing import Any, Callable, Optional, Sequence

__version__: str

class Error(Exception):
    """The base of maslihat's errors."""

class InputError(Error):
    """Bad input: a value, an option or a table the rules cannot take (the CLI's exit code 2).

    When a file was read, `path`, `line` and `column` say where its first error is."""

    path: Optional[str]
    line: Optional[int]
    column: Optional[int]

class TieError(Error):
    """A tie that tie_break="error" leaves unresolved (the CLI's exit code 3).

    `tie` is the tie as the JSON output describes one: stage, parties, seats_in_contention,
    winners, policy, draw."""

    tie: dict[str, Any]

class Allocation:
    """The seats of one election, with everything the core decided on the way."""

    @property
    def seats(self) -> list[int]:
        """Seats per list, in registration order."""
    @property
    def names(self) -> list[str]:
        """The lists' names, in registration order."""
    @property
    def votes(self) -> list[int]:
        """Votes per list, in registration order."""
    @property
    def statuses(self) -> list[str]:
        """How each list fared at the threshold: "qualified", "runner-up" or "below-threshold"."""
    @property
    def ties(self) -> list[dict[str, Any]]:
        """Every tie met, whatever the policy (as in to_dict()["ties"])."""
    @property
    def house_size(self) -> int:
        """The number of seats allocated."""
    def explain(self) -> str:
        """The plain-text explanation, as `maslihat allocate --explain` prints it."""
    def to_dict(self, *, explanation: bool = False) -> dict[str, Any]:
        """The result as `maslihat allocate --format json` writes it (`maslihat.allocation/1`)."""
    def __len__(self) -> int: ...

def allocate(
    votes: list[Any],
    seats: Any,
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all: Any,
    invalid: Any,
) -> Allocation: ...
def read_votes(path: str, *, allow_total_row: bool = False) -> list[tuple[str, int]]: ...
def margins(
    votes: list[Any],
    seats: Any,
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all: Any,
    invalid: Any,
) -> dict[str, Any]: ...
def simulate(
    shares: Sequence[float],
    seats: Any,
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all_share: float,
    runs: int,
    seed: int,
    sample_size: Optional[int],
    voters: Optional[int],
    error: Optional[float],
) -> dict[str, Any]: ...
def sweep(
    votes: list[Any],
    house_sizes: Sequence[Any],
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all: Any,
    invalid: Any,
    methods: Optional[Sequence[str]],
    thresholds: Optional[Sequence[str]],
) -> dict[str, Any]: ...
def batch(
    codes: bytes,
    seats: bytes,
    votes: bytes,
    against_all: Optional[bytes],
    invalid: Optional[bytes],
    options: dict[str, Optional[str]],
    party_at: Callable[[int], Any],
    election_at: Callable[[int], Any],
) -> tuple[bytes, bytes, int]: ...
def load_dataset(path: Optional[str] = None) -> dict[str, Any]: ...
def election_inputs(path: Optional[str], name: str) -> dict[str, Any]: ...
