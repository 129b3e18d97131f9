"""What the rules share: the cable, its classification rank and date, and line numbers.

Line numbers follow the parser's scheme (see :func:`cablegram.parser.telegram.parse_source`):
the header's lines are 1..n, then one blank line, then the body's lines *as the
reader recovered them*. The :class:`~cablegram.model.Cable` keeps the header as
it was but the body only after cleaning (page-break lines, the repeated header
of each later section and the like are dropped), so a line found in
``Cable.body_text`` is mapped back to that scheme by the nearest numbered
paragraph above it, whose :attr:`~cablegram.model.Paragraph.line` is exact.
Front-matter lines (banner, E.O., TAGS, SUBJECT, Classified By) sit above the
first paragraph, where the cleaner rarely drops anything, and are taken as they
stand.

Everything here is computed on first use: most cables draw no finding, and a
rule that finds nothing never asks for a line.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from typing import TypeVar, cast

from cablegram.model import Cable

# The classification words a ``Cable.classification`` value starts with, by rank.
_RANKS: tuple[tuple[str, int], ...] = (
    ("TOP SECRET", 3),
    ("SECRET", 2),
    ("CONFIDENTIAL", 1),
    ("UNCLASSIFIED", 0),
    ("UNCLAS", 0),
    ("LIMITED OFFICIAL USE", 0),
)
T = TypeVar("T")

RANK_NAMES = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")

_FRONT_SCAN_LIMIT = 150
_HEAD_CHARS = 8000
_EO_RE = re.compile(r"E\s?\.?\s?O\s?\.?\s*\d{5}", re.IGNORECASE)
_TAGS_RE = re.compile(r"T(?:AGS?|AGE|GS)\b", re.IGNORECASE)
_CLASSIFIED_BY_RE = re.compile(r"(?:\(U\)\s*)?CLAS+I?FI?E?D\s+BY\b", re.IGNORECASE)
_BANNER_STARTS = ("SECRET", "CONFIDENTIAL", "UNCLAS", "TOPSECRET", "LIMITEDOFFICIAL")
_OPENING_RE = re.compile(
    r"\n[ \t]*\(?(\d{1,3})\s?([.)])[ \t]*"
    r"(\(\s*(?:U|SBU|C|S|TS|CONFIDENTIAL|SECRET|UNCLASSIFIED)\b[^)\n]{0,24}\))?"
)
_DE_RE = re.compile(r"(?:^|\s)DE\s+[A-Z]{4,7}\s+#")


def classification_rank(classification: str | None) -> int | None:
    """0 unclassified (with SBU/FOUO/LOU), 1 confidential, 2 secret, 3 top secret."""
    if not classification:
        return None
    text = classification.upper()
    for word, rank in _RANKS:
        if text.startswith(word):
            return rank
    return None


class Context:
    """One cable and what several rules need from it, computed once."""

    def __init__(self, cable: Cable) -> None:
        self.cable = cable
        self.rank = classification_rank(cable.classification)
        self.classified = self.rank is not None and self.rank >= 1
        self.date: dt.date | None = cable.created.date() if cable.created else None
        header = cable.header_text
        self.body_first = header.count("\n") + 3 if header else 1
        self._memo: dict[Callable[[Context], object], object] = {}

    def memo(self, compute: Callable[[Context], T]) -> T:
        """``compute(self)``, computed once per cable however many rules ask."""
        try:
            return cast(T, self._memo[compute])
        except KeyError:
            value = self._memo[compute] = compute(self)
            return value

    # -- the cable's own markings -----------------------------------------

    @cached_property
    def noforn(self) -> bool:
        """Whether the banner (or the caveat lines under it) says NOFORN."""
        cable = self.cable
        return "NOFORN" in (cable.classification or "") or any(
            "NOFORN" in c or c == "NF" for c in cable.caveats
        )

    @cached_property
    def sensitive(self) -> bool:
        """Whether an unclassified cable is marked SBU / SENSITIVE / FOUO."""
        cable = self.cable
        if "OFFICIAL USE" in (cable.classification or ""):
            return True
        return any(
            c in ("SBU", "FOUO") or "SENSITIVE" in c or "OFFICIAL USE" in c for c in cable.caveats
        )

    # -- lines ------------------------------------------------------------

    @cached_property
    def header_lines(self) -> list[str]:
        text = self.cable.header_text
        return text.split("\n") if text else []

    @cached_property
    def head_lines(self) -> list[str]:
        """The first lines of ``Cable.body_text``, enough for the front matter."""
        text = self.cable.body_text
        return text[:_HEAD_CHARS].split("\n") if text else []

    @cached_property
    def head_upper(self) -> str:
        """The body's first characters upper-cased, for ``str.find`` of front-matter words."""
        return self.cable.body_text[:_HEAD_CHARS].upper()

    def body_index(self, offset: int) -> int:
        """The 0-based line index in ``Cable.body_text`` of a character offset."""
        return self.cable.body_text.count("\n", 0, offset)

    def header_line(self, needle: str) -> int | None:
        """The 1-based line of the first header line holding ``needle``."""
        for i, line in enumerate(self.header_lines):
            if needle in line:
                return i + 1
        return None

    @cached_property
    def de_line(self) -> int | None:
        """The line of the DE (originating station) line."""
        for i, line in enumerate(self.header_lines):
            if "DE" in line and _DE_RE.search(line):
                return i + 1
        return None

    @cached_property
    def _front(self) -> dict[str, int]:
        """Body indexes of the first banner, E.O., TAGS, SUBJECT, REF and Classified By lines."""
        found: dict[str, int] = {}
        lines = self.head_lines
        limit = min(len(lines), _FRONT_SCAN_LIMIT)
        paragraphs = self.cable.paragraphs
        if paragraphs and paragraphs[0].line is not None:
            limit = min(limit, max(0, paragraphs[0].line - self.body_first + 1))
        for i in range(limit):
            s = lines[i].strip()
            if not s:
                continue
            kind = _front_kind(s)
            if kind is not None and kind not in found:
                found[kind] = i
        return found

    def front_line(self, kind: str) -> int | None:
        """The line of a front-matter item: ``banner``, ``eo``, ``tags``, ``subject``,
        ``ref`` or ``classified_by``; None when the cleaned body lacks it."""
        index = self._front.get(kind)
        return None if index is None else self.body_first + index

    @property
    def banner_line(self) -> int | None:
        """The banner's line, or the body's first line when no banner is recognisable."""
        line = self.front_line("banner")
        if line is None and self.cable.body_text:
            return self.body_first
        return line

    @cached_property
    def openings(self) -> list[tuple[int, int, str, bool]]:
        """Every line of ``Cable.body_text`` that opens with a paragraph number:
        ``(number, offset of its line, the separator after the number ("." or ")"),
        whether a portion mark follows)``.

        One regex pass that jumps from newline to newline; shared by the
        line-number mapping and the paragraph rules.
        """
        body = self.cable.body_text
        return [
            (int(m.group(1)), m.start() + 1, m.group(2), m.group(3) is not None)
            for m in _OPENING_RE.finditer(body)
        ]

    @cached_property
    def _anchors(self) -> tuple[list[int], list[int]]:
        """Body line indexes of numbered paragraphs' openings, and each one's drift:
        how many lines the cleaner dropped above it."""
        indexes: list[int] = []
        drifts: list[int] = []
        body = self.cable.body_text
        wanted = [
            (p.number, p.line)
            for p in self.cable.paragraphs
            if p.number is not None and p.line is not None
        ]
        k = 0
        pos = 0
        index = 0
        for number, offset, _sep, _marked in self.openings:
            if k >= len(wanted):
                break
            if number != wanted[k][0]:
                continue
            index += body.count("\n", pos, offset)
            pos = offset
            indexes.append(index)
            drifts.append(wanted[k][1] - (self.body_first + index))
            k += 1
        return indexes, drifts

    def body_line(self, index: int) -> int:
        """The parser-scheme line of ``Cable.body_text``'s line ``index`` (0-based)."""
        indexes, drifts = self._anchors
        k = bisect.bisect_right(indexes, index) - 1
        drift = drifts[k] if k >= 0 else 0
        return self.body_first + index + drift


def _front_kind(s: str) -> str | None:
    """Which front-matter item a stripped, non-empty body line starts, if any."""
    first = s[0].upper()
    if first == "E" and _EO_RE.match(s):
        return "eo"
    if first == "T" and _TAGS_RE.match(s):
        return "tags"
    head = s[:24].upper()
    if head.startswith("SUBJ"):
        return "subject"
    if head.startswith("REF"):
        return "ref"
    if first in "C(" and _CLASSIFIED_BY_RE.match(s):
        return "classified_by"
    if head.replace(" ", "").startswith(_BANNER_STARTS):
        return "banner"
    return None
