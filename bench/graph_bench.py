"""The citation graph and exports at Cablegate scale: build, PageRank, threads, export.

1. takes an archive (``--db PATH``, opened read-only and left as it is) or, without
   one, writes N synthetic cables (default 20,000) and ingests them into a fresh
   SQLite archive first (not timed), as ``archive_bench.py`` does;
2. builds the whole citation graph and reports its time, size and resolved share;
3. PageRank, the 20 most-cited cables (held, and missing: "not in the archive")
   and the post-to-post flows: the time of each;
4. threads of depth 3 around ``--samples`` random cables on the built graph:
   median, 99th percentile and max; and once on a fresh ``Archive`` (graph
   build included, what one ``cablegram thread`` pays);
5. exports with ``cablegram export`` in a child process, sampling its memory from
   ``/proc`` every 0.2 s: Parquet of a first slice of about ``--slice`` cables and
   of the whole archive (memory must not grow with the size), and the whole
   archive to ``--formats`` (default JSON Lines and CSV). Resident memory is reported whole and as
   its anonymous part (the process's own heap: what would grow with the size); the
   rest is the SQLite file mapped into memory (``mmap_size``), which the kernel
   can drop at any time.

Targets (issue #6), at 251,287 cables: graph <= 30 s, PageRank <= 30 s, thread
of depth 3 <= 100 ms, Parquet export of the whole archive <= 2 min with flat
memory. Prints figures; asserts nothing. Usage:
    python bench/graph_bench.py [--db PATH] [--count N] [--samples 200] [--formats jsonl,csv]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from archive_bench import ingest_in_child, percentile

from cablegram import synth
from cablegram.archive import Archive
from cablegram.graph import build_graph

T = TypeVar("T")

TARGETS = {"graph": 30.0, "pagerank": 30.0, "thread_ms": 100.0, "parquet": 120.0}


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


def _verdict(seconds: float, target: float) -> str:
    return f"(target at 251,287 cables: {target:g}; {'met' if seconds <= target else 'NOT MET'})"


class Memory:
    """Samples a process's resident memory from /proc/PID/status until it ends."""

    def __init__(self, pid: int, every: float = 0.2) -> None:
        self.samples: list[tuple[float, int, int]] = []  # (seconds, rss KB, anonymous KB)
        self._path = Path(f"/proc/{pid}/status")
        self._every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._started = time.perf_counter()
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                status = self._path.read_text()
            except OSError:
                return
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if "VmRSS" not in fields:  # exited, not yet reaped: nothing left to measure
                return
            rss, anon = fields["VmRSS"], fields.get("RssAnon", "0 kB")
            self.samples.append(
                (time.perf_counter() - self._started, int(rss.split()[0]), int(anon.split()[0]))
            )
            self._stop.wait(self._every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def peak(self) -> tuple[float, float]:
        """Peak resident and peak anonymous memory, MB."""
        if not self.samples:
            return 0.0, 0.0
        return max(s[1] for s in self.samples) / 1024, max(s[2] for s in self.samples) / 1024

    def quarters(self) -> str:
        """Anonymous memory at 25, 50, 75 and 100 % of the run, MB."""
        if not self.samples:
            return "no samples (no /proc?)"
        end = self.samples[-1][0]
        points = []
        for share in (0.25, 0.5, 0.75, 1.0):
            sample = next(s for s in self.samples if s[0] >= share * end)
            points.append(f"{sample[2] / 1024:,.0f}")
        return " / ".join(points) + " MB"


def export_in_child(db: str, query: str, fmt: str, output: Path) -> tuple[float, Memory]:
    """Run ``cablegram export`` in a child process; its wall time and memory samples."""
    command = [sys.executable, "-m", "cablegram", "export", query, "--db", db]
    started = time.perf_counter()
    child = subprocess.Popen([*command, "-f", fmt, "-o", str(output)], stderr=subprocess.DEVNULL)
    memory = Memory(child.pid)
    code = child.wait()
    seconds = time.perf_counter() - started
    memory.stop()
    if code:
        raise SystemExit(f"cablegram export {query!r} -f {fmt} failed with status {code}")
    return seconds, memory


def first_slice(archive: Archive, size: int) -> tuple[str, int]:
    """A date query for the archive's first months holding about ``size`` cables."""
    months = archive.stats(by=("month",))["month"]
    total = 0
    for period, count in months:
        total += count
        if total >= size:
            return f"date:{months[0][0]}..{period}", total
    return "", total


def _archive(args: argparse.Namespace, work: Path) -> str:
    if args.db:
        return str(args.db)
    source = work / f"synth-{args.count}-{args.seed}"
    if not source.exists():
        started = time.perf_counter()
        stats = synth.write(source, args.count, seed=args.seed, fmt="csv")
        print(f"synth: {stats.cables:,} cables in {time.perf_counter() - started:.0f} s")
    db = work / "archive.db"
    for stale in work.glob("archive.db*"):
        stale.unlink()
    seconds, _ = ingest_in_child(sorted(source.rglob("*.csv")), str(db))
    print(f"ingest of {args.count:,} synthetic cables (not part of the figures): {seconds:.0f} s")
    return str(db)


def graph_figures(db: str, samples: int, seed: int) -> None:
    with Archive.open(db, readonly=True) as archive:
        graph, seconds = _timed(lambda: build_graph(archive))
        print(
            f"citation graph: {graph.held:,} cables + {len(graph) - graph.held:,} missing, "
            f"{graph.edge_count:,} edges, built in {seconds:.2f} s "
            f"{_verdict(seconds, TARGETS['graph'])}"
        )
        share = graph.resolution
        print(
            f"references that resolve: {share.resolved:,} of {share.citations:,} "
            f"({share.share:.1%}); {share.missing_cables:,} cited cables missing"
        )
        _, seconds = _timed(graph.pagerank)
        print(f"PageRank: {seconds:.2f} s {_verdict(seconds, TARGETS['pagerank'])}")
        held, seconds = _timed(lambda: graph.most_cited(20, in_archive=True))
        missing, missing_seconds = _timed(lambda: graph.most_cited(20, in_archive=False))
        top = f"{held[0].node.reference_id} cited {held[0].citations} times" if held else "none"
        print(
            f"20 most-cited held cables: {seconds * 1000:.1f} ms (top: {top}); 20 most-cited "
            f"missing: {missing_seconds * 1000:.1f} ms ({len(missing)} found)"
        )
        flows, seconds = _timed(graph.flows)
        print(f"post-to-post flows: {len(flows):,} pairs in {seconds:.2f} s")
        chosen = random.Random(seed).sample(range(graph.held), min(samples, graph.held))
        timings: list[float] = []
        sizes: list[int] = []
        for position in chosen:
            started = time.perf_counter()
            entries = graph.thread(graph.ids[position], depth=3)
            timings.append((time.perf_counter() - started) * 1000)
            sizes.append(len(entries))
        if timings:
            print(
                f"thread, depth 3, {len(timings)} random cables: median "
                f"{statistics.median(timings):.2f} ms, p99 {percentile(timings, 0.99):.2f} ms, "
                f"max {max(timings):.2f} ms {_verdict(max(timings), TARGETS['thread_ms'])}; "
                f"median {statistics.median(sizes):.0f} cables, max {max(sizes)}"
            )
        key = graph.ids[chosen[0]] if chosen else None
    if key is not None:
        with Archive.open(db, readonly=True) as fresh:
            _, seconds = _timed(lambda: fresh.thread(key, depth=3))
        print(f"thread on a fresh Archive (graph build included, once): {seconds:.2f} s")


def export_figures(db: str, work: Path, size: int, formats: list[str]) -> None:
    with Archive.open(db, readonly=True) as archive:
        query, count = first_slice(archive, size)
        total = len(archive)
    runs = [("parquet", query, count)] if query else []
    runs += [(fmt, "", total) for fmt in ("parquet", *formats)]
    for fmt, what, cables in runs:
        output = work / f"export.{fmt}"
        seconds, memory = export_in_child(db, what, fmt, output)
        rss, anon = memory.peak()
        verdict = (
            f" {_verdict(seconds, TARGETS['parquet'])}" if fmt == "parquet" and not what else ""
        )
        print(
            f"export {fmt}, {cables:,} cables{' (' + what + ')' if what else ''}: "
            f"{seconds:.1f} s ({cables / seconds:,.0f} cables/s), "
            f"{output.stat().st_size / 1e6:,.0f} MB{verdict}; peak memory {rss:,.0f} MB resident, "
            f"{anon:,.0f} MB anonymous; anonymous at 1/4, 1/2, 3/4, end: {memory.quarters()}"
        )
        output.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing archive (read only)")
    ap.add_argument("--count", type=int, default=20_000, help="synthetic cables without --db")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--samples", type=int, default=200, help="random cables for threads")
    ap.add_argument("--slice", type=int, default=10_000, help="cables of the small export")
    ap.add_argument("--formats", default="jsonl,csv", help="whole exports beside Parquet")
    ap.add_argument("--skip-export", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    args = ap.parse_args()
    if args.db and not args.db.exists():
        raise SystemExit(f"no archive at {args.db}")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="cablegram-graph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        db = _archive(args, work)
        graph_figures(db, args.samples, args.seed)
        if not args.skip_export:
            formats = [f for f in args.formats.split(",") if f and f != "parquet"]
            export_figures(db, work, args.slice, formats)
    finally:
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
