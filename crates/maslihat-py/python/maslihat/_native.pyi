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
    votes: Any,
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
) -> Allocation:
    """Allocates `seats` among the lists, as `maslihat allocate` does.

    votes: whole numbers in registration order: a list, a dict name -> votes, a pandas Series
        (names from its index), a polars Series or a NumPy array of integers.
    rules: a preset, "kz-2021" (Hare, 7 % of valid ballots, the runner-up rule) or "kz-2023"
        (the same with 5 %); the other options override it. Without it: Hare, no threshold.
    method: "hare", "droop", "hagenbach-bischoff", "imperiali-quota", "dhondt", "sainte-lague",
        "modified-sainte-lague", "danish", "imperiali", "adams", "dean", "huntington-hill" or
        "custom:D1,D2,...".
    threshold: "7%", "5.5%" (exact: 55/1000), "1000 votes" or "none"; a bare number is refused.
    threshold_base: "valid" (list votes + against all), "lists" or "cast" (valid + invalid).
    against_all, invalid: ballots that never win seats (they count in the threshold base).
    tie_break: "error" (raise TieError), "registration", "votes" or "lot:SEED".
    runner_up: when only one list passes: "admit", "admit-min-two", "coefficient" or "none".
    names: the lists' names (default: from a dict or Series, else "list 1", "list 2", ...).

    Raises InputError for bad input and TieError for a tie left unresolved by
    tie_break="error"; the messages are the CLI's.
    """

def read_votes(path: str, *, allow_total_row: bool = False) -> list[tuple[str, int]]: ...
def margins(
    votes: Any,
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
    votes: Any,
    house_sizes: Sequence[Any],
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all: Any,
    invalid: Any,
    methods: Optional[Sequence[str]],
    thresholds: Optional[Sequence[str]],
) -> dict[str, Any]: ...
def outcomes(
    votes: Sequence[Any],
    seats: Any,
    names: Optional[Sequence[str]],
    options: dict[str, Optional[str]],
    against_all: Any,
    invalid: Any,
    shares_base: str,
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
