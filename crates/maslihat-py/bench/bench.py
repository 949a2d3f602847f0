"""Benchmarks of the Python package against `apportionment` and `votelib` (a script, not a test).

    python crates/maslihat-py/bench/bench.py [--elections 1000000] [--baseline-sample 0]

Per call: Hare (largest remainder) on 5 lists / 38 seats and 50 lists / 500 seats, through
maslihat.allocate (the full result object), apportionment's float and exact (fractions) modes and
votelib; the best of several timeit repeats, per call. Batch: N elections of 5 lists and 38
seats in a DataFrame (string election ids), maslihat.batch on pandas and polars, against a Python
loop calling apportionment's float mode per election over columns taken out beforehand (its
fastest use). --baseline-sample K times the loop on K elections and scales it to N (0: all N).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import timeit

import numpy as np


def votes_of(lists: int, rng: random.Random) -> list:
    return [rng.randint(1_000, 300_000) for _ in range(lists)]


def per_call(fn, number: int) -> float:
    best = min(timeit.repeat(fn, number=number, repeat=5))
    return best / number


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--elections", type=int, default=1_000_000)
    parser.add_argument("--baseline-sample", type=int, default=0)
    args = parser.parse_args()

    import apportionment.methods as ap
    import pandas as pd
    import polars as pl
    from votelib.evaluate.proportional import LargestRemainder

    import maslihat

    rng = random.Random(2026)
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, maslihat {maslihat.__version__}")
    print()
    print("| case | maslihat.allocate | apportionment (float) | apportionment (fractions) | votelib | speed-up vs float / fractions / votelib |")
    print("|---|---|---|---|---|---|")
    for lists, seats in ((5, 38), (50, 500)):
        votes = votes_of(lists, rng)
        names = [f"p{i}" for i in range(lists)]
        as_dict = dict(zip(names, votes))
        ours_seats = maslihat.allocate(votes, seats).seats
        assert ours_seats == ap.compute("largest_remainder", votes, seats, fractions=True)
        hare = LargestRemainder("hare")
        assert [hare.evaluate(as_dict, seats).get(n, 0) for n in names] == ours_seats
        ours = per_call(lambda: maslihat.allocate(votes, seats), 2000)
        floats = per_call(lambda: ap.compute("largest_remainder", votes, seats), 200)
        exact = per_call(lambda: ap.compute("largest_remainder", votes, seats, fractions=True), 50)
        votelib = per_call(lambda: hare.evaluate(as_dict, seats), 50)
        print(
            f"| {lists} lists / {seats} seats | {ours * 1e6:.2f} µs | {floats * 1e6:.1f} µs | {exact * 1e6:.1f} µs "
            f"| {votelib * 1e6:.1f} µs | {floats / ours:.0f}× / {exact / ours:.0f}× / {votelib / ours:.0f}× |"
        )

    n = args.elections
    lists, seats = 5, 38
    votes = np.array([rng.randint(1_000, 300_000) for _ in range(lists * 1000)], dtype=np.int64)
    votes = np.tile(votes, n // 1000 + 1)[: n * lists]
    np.random.default_rng(1).shuffle(votes)
    elections = np.repeat(np.array([f"e{i}" for i in range(n)], dtype=object), lists)
    frame = pd.DataFrame(
        {"election": elections, "seats": np.full(n * lists, seats), "party": np.tile(np.array([f"p{i}" for i in range(lists)], dtype=object), n), "votes": votes}
    )
    polars_frame = pl.from_pandas(frame)
    print()
    print(f"batch: {n:,} elections of {lists} lists, {seats} seats ({n * lists:,} rows)")
    timings = {}
    for label, data in (("pandas", frame), ("polars", polars_frame)):
        start = time.perf_counter()
        out = maslihat.batch(data)
        timings[label] = time.perf_counter() - start
        print(f"  maslihat.batch ({label}): {timings[label]:.3f} s")
    assert int(out.get_column("seats").sum()) == n * seats

    sample = args.baseline_sample or n
    column = frame.votes.to_numpy()[: sample * lists].reshape(sample, lists).tolist()
    start = time.perf_counter()
    for row in column:
        ap.compute("largest_remainder", row, seats)
    loop = (time.perf_counter() - start) * n / sample
    scaled = "" if sample == n else f" (timed on {sample:,} elections, scaled to {n:,})"
    print(f"  Python loop over apportionment (float): {loop:.1f} s{scaled}")
    for label, seconds in timings.items():
        print(f"  speed-up, {label}: {loop / seconds:.0f}×")


if __name__ == "__main__":
    main()
