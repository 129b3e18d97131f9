"""Test support for the web face: an archive of the fixture cables, the fictional
citation web of :mod:`tests.citing_cables` and one hostile cable whose subject and
text carry markup (it cites 08ANKARA150, held, and 08ATHENS299, missing)."""

from __future__ import annotations

from pathlib import Path

from cablegram.archive import Archive
from tests.citing_cables import Sketch, telegram, write

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cables"
HOSTILE = Sketch(
    "ATHENS",
    377,
    (4, 2),
    "GREECE: <B>BOLD</B> CLAIMS ABOUT FERRIES",
    refs=("ANKARA 150", "ATHENS 299"),
    text="The minister wrote <script>alert(1)</script> on the ferry notice board.",
)


def build_web_archive(root: Path) -> Path:
    """Ingest the web test cables into ``root/archive.db`` and return its path."""
    extra = write(root / "citing")
    (extra / f"{HOSTILE.reference_id}.txt").write_text(telegram(HOSTILE))
    path = root / "archive.db"
    with Archive.open(path) as archive:
        report = archive.ingest([FIXTURES, extra], workers=1)
    assert report.added >= 7
    return path
