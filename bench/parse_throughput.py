"""Parse throughput on one core: cables per second and megabytes per second.

Reads every page of ``../shared/corpus/cablegate-html/`` into memory, then
parses them all, several rounds, in this one process. Without the corpus it
falls back to the bundled sample cables. Prints the figures, and how fast the
host runs Python at the time (hosts, and one host over a day, differ by 1.5 x
and more); asserts nothing.

Usage: python bench/parse_throughput.py [DIR] [--rounds N]
"""

from __future__ import annotations

import argparse
import gc
import time
import timeit
from pathlib import Path

import cablegram
from cablegram.samples import sample_dir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-html"


def load(folder: Path) -> list[str]:
    suffixes = {".html", ".txt", ".md"}
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in suffixes)
    return [p.read_text(encoding="utf-8") for p in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    folder = args.folder or (CORPUS if CORPUS.is_dir() else sample_dir())
    texts = load(folder)
    if not texts:
        raise SystemExit(f"no cables in {folder}")
    size = sum(len(t.encode()) for t in texts)
    for text in texts[:50]:  # warm caches and lazy tables
        cablegram.parse(text)
    best = float("inf")
    gc.collect()
    for _ in range(args.rounds):
        start = time.perf_counter()
        for text in texts:
            cablegram.parse(text)
        best = min(best, time.perf_counter() - start)
    print(f"corpus: {folder} ({len(texts)} cables, {size / 1e6:.1f} MB)")
    print(f"parse, one core, best of {args.rounds}: {best:.3f} s")
    print(f"throughput: {len(texts) / best:,.0f} cables/s, {size / 1e6 / best:,.1f} MB/s")
    print(f"host speed: sum(range(1000)) in {host_speed():.1f} us (lower is faster)")


def host_speed() -> float:
    """What ``python -m timeit "sum(range(1000))"`` prints, in microseconds: how fast
    this host runs Python right now, to compare figures taken on different hosts."""
    timer = timeit.Timer("sum(range(1000))")
    loops, _ = timer.autorange()
    return min(timer.repeat(5, loops)) / loops * 1e6


if __name__ == "__main__":
    main()
