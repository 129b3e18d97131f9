"""Parse cost in CPU instructions a page, counted by valgrind's callgrind.

Seconds move with the host (the same machine gives 1.5 x apart over a day);
instructions repeat exactly for the same code and input. The corpus pages
(every fourth of ``../shared/corpus/cablegate-html/``, or the bundled samples)
are read and parsed once under callgrind, then only read; the difference,
divided by the number of pages, is what parsing a page costs. Prints the
figure; asserts nothing. Needs ``valgrind`` on the PATH (Debian: valgrind).

Usage: python bench/parse_instructions.py [DIR] [--every N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cablegram.samples import sample_dir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "cablegate-html"

# What the child runs: read the pages, and parse them unless told to only read.
_CHILD = """
import sys
from pathlib import Path
import cablegram
files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix in {".html", ".txt", ".md"})
texts = [p.read_text(encoding="utf-8") for p in files[:: int(sys.argv[2])]]
if sys.argv[3] == "parse":
    for text in texts:
        cablegram.parse(text)
print(len(texts))
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def count(folder: Path, every: int, mode: str) -> tuple[int, int]:
    """Instructions the child ran, and how many pages it read."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={tmp}/callgrind.out",
                sys.executable,
                "-c",
                _CHILD,
                str(folder),
                str(every),
                mode,
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    match = _COLLECTED.search(out.stderr)
    if match is None:
        raise SystemExit(f"callgrind printed no count:\n{out.stderr[-2000:]}")
    return int(match.group(1)), int(out.stdout.split()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("--every", type=int, default=4, help="parse every Nth page (default 4)")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    folder = args.folder or (CORPUS if CORPUS.is_dir() else sample_dir())
    parsed, pages = count(folder, args.every, "parse")
    read, _ = count(folder, args.every, "read")
    if not pages:
        raise SystemExit(f"no cables in {folder}")
    print(f"corpus: {folder} (every {args.every}th page: {pages} pages)")
    print(f"parse: {(parsed - read) / pages / 1e6:.3f} M instructions a page (callgrind)")


if __name__ == "__main__":
    main()
