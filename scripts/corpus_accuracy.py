"""Agreement of the parser with the gold metadata of the Cablegate HTML sample.

Parses every page of ``../shared/corpus/cablegate-html/`` from its text (the
parser reads the ``<pre>`` blocks; the page's metadata table only goes into
``source_metadata``) and compares with ``cablegate-html.gold.jsonl``:

* reference_id: exact;
* created: date and hour (the release's minutes repeat the hour);
* classification: exact, NOFORN and FOR OFFICIAL USE ONLY included;
* tags: the same list; where the gold marks a wrapped TAGS line, gold is a prefix;
* origin: the post name as the release writes it.

Usage: python scripts/corpus_accuracy.py [CORPUS_DIR] [--misses N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import cablegram

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus"


FIELDS = ("reference_id", "created", "classification", "tags", "origin")


@dataclass
class Report:
    """Agreement per field: hits, totals, the misses, and how long parsing took."""

    pages: int = 0
    exceptions: int = 0
    seconds: float = 0.0
    hits: Counter[str] = field(default_factory=Counter)
    totals: Counter[str] = field(default_factory=Counter)
    misses: dict[str, list[str]] = field(default_factory=lambda: {f: [] for f in FIELDS})

    def share(self, name: str) -> float:
        return self.hits[name] / self.totals[name] * 100 if self.totals[name] else 0.0


def score(corpus: Path) -> Report:
    """Parse every page of the corpus and compare with its gold metadata."""
    gold_path = corpus / "cablegate-html.gold.jsonl"
    pages = corpus / "cablegate-html"
    golds = [json.loads(line) for line in gold_path.read_text().splitlines() if line]
    report = Report(pages=len(golds))
    start = time.perf_counter()
    for gold in golds:
        text = (pages / gold["file"]).read_text(encoding="utf-8")
        try:
            cable = cablegram.parse(text)
        except Exception as exc:  # the parser must never raise: count it
            report.exceptions += 1
            print(f"EXCEPTION {gold['file']}: {exc!r}")
            continue
        got = {
            "reference_id": cable.reference_id,
            "created": cable.created.strftime("%Y-%m-%d %H") if cable.created else None,
            "classification": cable.classification,
            "tags": list(cable.tags),
            "origin": cable.origin,
        }
        want = {
            "reference_id": gold["reference_id"],
            "created": gold["created"][:13],
            "classification": gold["classification"],
            "tags": gold["tags"],
            "origin": gold["origin"],
        }
        for name in FIELDS:
            if want[name] is None:
                continue
            report.totals[name] += 1
            ok = got[name] == want[name]
            if name == "tags" and gold.get("tags_line_wraps"):
                ok = got[name][: len(want[name])] == want[name]
            if ok:
                report.hits[name] += 1
            else:
                miss = f"{gold['reference_id']}: got {got[name]!r}, gold {want[name]!r}"
                report.misses[name].append(miss)
    report.seconds = time.perf_counter() - start
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--misses", type=int, default=25, help="misses to list per field")
    args = ap.parse_args()
    if not (args.corpus / "cablegate-html.gold.jsonl").exists():
        print(f"no gold file in {args.corpus}", file=sys.stderr)
        return 2
    report = score(args.corpus)
    print(f"{report.pages} pages parsed in {report.seconds:.2f} s, {report.exceptions} exceptions")
    print(f"\n{'field':<16}{'agree':>8}{'of':>8}{'share':>10}")
    for name in FIELDS:
        hits, total = report.hits[name], report.totals[name]
        print(f"{name:<16}{hits:>8}{total:>8}{report.share(name):>9.2f}%")
    for name in FIELDS:
        if report.misses[name]:
            print(f"\n{name}: {len(report.misses[name])} misses")
            for line in report.misses[name][: args.misses]:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
