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
from pathlib import Path

import cablegram

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--misses", type=int, default=25, help="misses to list per field")
    args = ap.parse_args()
    gold_path = args.corpus / "cablegate-html.gold.jsonl"
    pages = args.corpus / "cablegate-html"
    if not gold_path.exists():
        print(f"no gold file at {gold_path}", file=sys.stderr)
        return 2
    golds = [json.loads(line) for line in gold_path.read_text().splitlines() if line]
    fields = ("reference_id", "created", "classification", "tags", "origin")
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: dict[str, list[str]] = {f: [] for f in fields}
    errors = 0
    start = time.perf_counter()
    for gold in golds:
        text = (pages / gold["file"]).read_text(encoding="utf-8")
        try:
            cable = cablegram.parse(text)
        except Exception as exc:  # the parser must never raise: count it
            errors += 1
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
        for f in fields:
            if want[f] is None:
                continue
            totals[f] += 1
            ok = got[f] == want[f]
            if f == "tags" and gold.get("tags_line_wraps"):
                ok = got[f][: len(want[f])] == want[f]
            if ok:
                hits[f] += 1
            else:
                misses[f].append(f"{gold['reference_id']}: got {got[f]!r}, gold {want[f]!r}")
    elapsed = time.perf_counter() - start
    print(f"{len(golds)} pages parsed in {elapsed:.2f} s, {errors} exceptions\n")
    print(f"{'field':<16}{'agree':>8}{'of':>8}{'share':>10}")
    for f in fields:
        share = hits[f] / totals[f] * 100 if totals[f] else 0.0
        print(f"{f:<16}{hits[f]:>8}{totals[f]:>8}{share:>9.2f}%")
    for f in fields:
        if misses[f]:
            print(f"\n{f}: {len(misses[f])} misses")
            for line in misses[f][: args.misses]:
                print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
