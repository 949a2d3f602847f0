"""Shared fixtures: the repository, the `maslihat` binary the Python results are compared with."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _binary() -> Path:
    explicit = os.environ.get("MASLIHAT_BIN")
    if explicit:
        return Path(explicit)
    for profile in ("debug", "release"):
        candidate = ROOT / "target" / profile / "maslihat"
        if candidate.is_file():
            return candidate
    subprocess.run(["cargo", "build", "--quiet", "-p", "maslihat-cli"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "maslihat"


@pytest.fixture(scope="session")
def cli():
    """Runs the CLI: cli(args, stdin=None) -> CompletedProcess (text)."""
    binary = _binary()

    def run(args, stdin=None):
        return subprocess.run(
            [str(binary), *args], cwd=ROOT, input=stdin, capture_output=True, text=True, check=False
        )

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    """Runs the CLI and reads its JSON output (it must succeed)."""

    def run(args, stdin=None):
        done = cli(args, stdin)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


def csv_of(names, votes) -> str:
    """A party,votes table for the CLI's stdin (names quoted)."""
    lines = ["party,votes"]
    for name, count in zip(names, votes):
        lines.append('"' + name.replace('"', '""') + '",' + str(count))
    return "\n".join(lines) + "\n"
