"""The archive at Cablegate scale: ingest, size, memory, and the query suite's latency.

1. writes N synthetic cables (default 251,287) as ``cables.csv`` shards (not timed);
2. ingests them into a fresh SQLite archive with ``cablegram ingest`` in a child
   process, end to end, and reports its wall time, the archive's size against the
   raw text, and the peak memory of the ingest (main process and workers);
3. runs the query suite of ``archive_queries.py`` (facet counts included), a few
   rounds after a warm-up, and reports the median and 99th percentile;
4. with ``--postgres URL``: ingests the same files into PostgreSQL and checks that
   every query of the suite returns the same set of cables.

Prints figures; asserts nothing. Usage:
    python bench/archive_bench.py [--count N] [--workdir DIR] [--postgres URL]
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from archive_queries import QUERIES

from cablegram import synth
from cablegram.archive import FACETS, Archive

CABLEGATE = 251_287


def ingest_in_child(paths: list[Path], db: str) -> tuple[float, float]:
    """Run ``cablegram ingest`` in a child; return (seconds, peak MB of it and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "cablegram", "ingest", *map(str, paths), "--db", db, "--quiet"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    peak_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return seconds, peak_kb / 1024


def _time_queries(archive: Archive, rounds: int) -> list[float]:
    first: list[float] = []
    for query in QUERIES:  # the first pass: every word fetched from the full-text index
        started = time.perf_counter()
        archive.search(query, facets=FACETS, limit=20)
        first.append((time.perf_counter() - started) * 1000)
    print(
        f"query suite, first pass (no word seen before): median {statistics.median(first):.1f}"
        f" ms, p99 {percentile(first, 0.99):.1f} ms, max {max(first):.1f} ms"
    )
    timings: list[float] = []
    for _ in range(rounds):
        for query in QUERIES:
            started = time.perf_counter()
            archive.search(query, facets=FACETS, limit=20)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=CABLEGATE)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--postgres", help="also ingest into this PostgreSQL URL and compare")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cablegram-bench-"))
    source = work / f"synth-{args.count}-{args.seed}"
    if not source.exists():
        started = time.perf_counter()
        stats = synth.write(source, args.count, seed=args.seed, fmt="csv")
        print(f"synth: {stats.cables:,} cables in {time.perf_counter() - started:.0f} s")
    files = sorted(source.rglob("*.csv"))
    raw = sum(f.stat().st_size for f in files)
    db = work / "archive.db"
    for stale in work.glob("archive.db*"):
        stale.unlink()
    seconds, peak = ingest_in_child(files, str(db))
    size = sum(p.stat().st_size for p in work.glob("archive.db*"))
    print(f"cables: {args.count:,} ({raw / 1e9:.2f} GB of cables.csv)")
    print(f"ingest into SQLite, end to end: {seconds:.0f} s ({args.count / seconds:,.0f} cables/s)")
    print(f"archive size: {size / 1e9:.2f} GB = {size / raw:.2f} x the raw text")
    print(f"peak memory of the ingest (largest process): {peak:,.0f} MB")
    with Archive.open(db, readonly=True) as archive:
        started = time.perf_counter()
        archive.engine.index()
        print(f"facet index built in {time.perf_counter() - started:.2f} s")
        timings = _time_queries(archive, args.rounds)
        print(
            f"query suite: {len(QUERIES)} queries x {args.rounds} rounds, facets included: "
            f"median {statistics.median(timings):.1f} ms, "
            f"p99 {percentile(timings, 0.99):.1f} ms, max {max(timings):.1f} ms"
        )
        if args.postgres:
            pg_seconds, _ = ingest_in_child(files, args.postgres)
            print(f"ingest into PostgreSQL, end to end: {pg_seconds:.0f} s")
            with Archive.open(args.postgres) as server:
                pg_timings = _time_queries(server, 1)
                print(
                    f"PostgreSQL query suite: median {statistics.median(pg_timings):.1f} ms, "
                    f"p99 {percentile(pg_timings, 0.99):.1f} ms"
                )
                differ = [
                    q for q in QUERIES if set(archive.engine.ids(q)) != set(server.engine.ids(q))
                ]
                print(
                    f"PostgreSQL result sets equal to SQLite's: {len(QUERIES) - len(differ)}"
                    f"/{len(QUERIES)}" + (f"; differ: {differ}" if differ else "")
                )
    if not args.keep and not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
