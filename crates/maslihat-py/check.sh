#!/usr/bin/env bash
# The Python package's tests: a virtual environment (.venv, or $MASLIHAT_VENV) with the test
# dependencies, the package built and installed into it, then pytest. Needs the Rust toolchain
# and python3 (3.9 or later) with pip; installs everything else itself.
# MASLIHAT_PY_PROFILE=dev builds the extension without optimisation (quicker, for CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=${MASLIHAT_VENV:-.venv}
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet maturin pytest numpy pandas polars pyarrow apportionment votelib
if [ -n "${MASLIHAT_PY_PROFILE:-}" ]; then
  export MATURIN_PEP517_ARGS="--profile ${MASLIHAT_PY_PROFILE}"
fi
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps ./crates/maslihat-py
# The tests compare with the command-line tool: build it if it is not there.
cargo build --quiet --locked -p maslihat-cli
"$venv/bin/python" -m pytest -q crates/maslihat-py/tests
