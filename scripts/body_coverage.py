"""How much of the body the parser recovers on real cables (issue 3's acceptance).

For every page of ``../shared/corpus/cablegate-html/``, counts the cables whose
text has a thing and how many of those yield it:

* references, where the text has a REF line;
* classified_by, where it has a Classified By line;
* summary, where it has a summary marker;
* signers, where the last lines hold an upper-case signature (and over all cables);
* paragraphs, where it has a numbered paragraph.

Lists the misses. Usage: python scripts/body_coverage.py [CORPUS_DIR] [--misses N]
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path

import cablegram
from cablegram.model import Cable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "cablegate-html"

_REF = re.compile(r"^\s*REF(?:S|TEL|TELS|ERENCE)?\s*[:.]?\s+\S", re.IGNORECASE | re.MULTILINE)
_CLASSIFIED = re.compile(r"CLASSIFIED\s+BY", re.IGNORECASE)
_SUMMARY = re.compile(r"\bSUMMARY\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\.|\(\d{1,2}\))\s", re.MULTILINE)
_SIGNATURE = re.compile(r"^[A-Z][A-Z'\- ]{2,30}$")

Check = tuple[Callable[[Cable], bool], Callable[[Cable], bool]]


def _signed(cable: Cable) -> bool:
    """The text ends in an upper-case name line (before BT/NNNN)."""
    lines = [line.strip() for line in cable.body_text.splitlines() if line.strip()]
    tail = [line for line in lines[-4:] if line not in ("BT", "NNNN") and not line.startswith("#")]
    return bool(tail) and bool(_SIGNATURE.match(tail[-1])) and "END" not in tail[-1]


CHECKS: dict[str, Check] = {
    "references": (lambda c: bool(_REF.search(c.body_text)), lambda c: bool(c.references)),
    "classified_by": (
        lambda c: bool(_CLASSIFIED.search(c.body_text)),
        lambda c: bool(c.classified_by),
    ),
    "summary": (lambda c: bool(_SUMMARY.search(c.body_text)), lambda c: bool(c.summary)),
    "signers (signed cables)": (_signed, lambda c: bool(c.signers)),
    "signers (all cables)": (lambda c: True, lambda c: bool(c.signers)),
    "paragraphs": (lambda c: bool(_NUMBERED.search(c.body_text)), lambda c: bool(c.paragraphs)),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--misses", type=int, default=30)
    args = ap.parse_args()
    pages = sorted(args.corpus.glob("*.html"))
    if not pages:
        print(f"no pages in {args.corpus}")
        return 2
    has = dict.fromkeys(CHECKS, 0)
    yields = dict.fromkeys(CHECKS, 0)
    misses: dict[str, list[str]] = {name: [] for name in CHECKS}
    for page in pages:
        cable = cablegram.parse(page.read_text(encoding="utf-8"))
        for name, (present, found) in CHECKS.items():
            if present(cable):
                has[name] += 1
                if found(cable):
                    yields[name] += 1
                else:
                    misses[name].append(page.stem)
    print(f"{len(pages)} cables\n")
    print(f"{'field':<26}{'yield':>7}{'of':>7}{'share':>9}")
    for name in CHECKS:
        share = yields[name] / has[name] * 100 if has[name] else 0.0
        print(f"{name:<26}{yields[name]:>7}{has[name]:>7}{share:>8.2f}%")
    for name in CHECKS:
        if misses[name]:
            shown = ", ".join(misses[name][: args.misses])
            print(f"\n{name}: {len(misses[name])} misses: {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
