"""Cleaning the cable body: what is not the drafter's text goes first.

A body, as published, is the typed text interleaved with what the transmission
and the printers added: page-break lines (``PAGE 02 STATE 123456`` or
``MUSCAT 00000212  002 OF 002``), page footers (``CONFIDENTIAL``), the
repeated header of each section of a long cable, ``BT``, ``NNNN``, station
serials (``#0154``) and distribution blocks (``INFO LOG-00 ...``).
:func:`clean_lines` drops those in one pass, so that the readers after it
(:mod:`.paragraphs`, :mod:`.summary`, :mod:`.signature`) see only text, and
hands back a :class:`CleanBody` that the caller passes on to each of them: the
body is cleaned once, explicitly, not behind a cache.

The pass is built for speed (the whole parser must read thousands of cables a
second): almost every line is plain text, recognised by its first and last
characters and a substring test, and only the few others meet a regex.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cablegram.parser.openings import PARA_START_RE
from cablegram.parser.signature import Signature, find_signature


@dataclass(frozen=True, slots=True)
class CleanBody:
    """A body after :func:`clean_lines`: its rows of text, as two parallel columns.

    ``texts`` holds every line of text, stripped, blank lines included (as
    ``""``: they separate paragraphs) and ``SIPDIS`` included: what the body
    text shows. ``lines[k]`` is the index of row ``k`` among the input lines.
    ``prose`` and ``prose_lines`` are the same without the ``SIPDIS`` caveat,
    alone on a line or glued to a line's start: what the paragraph and
    signature readers read. Only the cleaner knows where the caveats were, so
    it keeps both. Columns rather than ``(index, text)`` pairs: a pair per row
    is an object per row to allocate and collect.

    ``signature`` is where the prose ends: the signers and the row (and
    column) where they start. The paragraph reader stops there and
    :func:`~cablegram.parser.signature.extract_signers` reports them, so it is
    read once, here.
    """

    texts: tuple[str, ...]
    lines: tuple[int, ...]
    prose: tuple[str, ...]
    prose_lines: tuple[int, ...]
    signature: Signature

    def rows(self) -> list[tuple[int, str]]:
        """The rows as ``(index in the input lines, text)`` pairs."""
        return list(zip(self.lines, self.texts, strict=True))


# ``PAGE 02 STATE 123456`` and the old print format
# ``PAGE 02 HARARE 06677 01 OF 03 291400Z <text that goes on>``.
_PAGE_RE = re.compile(
    r"PAGE\s+\d{1,3}\b(?:\s+OF\s+\d{1,3}\b)?(?:[^\n]*?\b\d{6}Z\b\s*(?P<rest>.*)|[^\n]*)$"
)
# Cablegate's page marker: ``MUSCAT 00000212  002 OF 002``, ``Lusaka 00004411 002 of 005``.
_PAGE_MARK_RE = re.compile(
    r"[A-Za-z][A-Za-z .'-]{0,30}\s0*\d{1,7}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}", re.IGNORECASE
)
# The same marker with text after it on the line (``RIO DE JAN 00000412 002 OF 002 HALLAM``).
_PAGE_MARK_PREFIX_RE = re.compile(
    r"[A-Za-z][A-Za-z .'-]{0,30}\s0\d{3,9}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\s+", re.IGNORECASE
)
# The same marker run into a line of text (``... the BRASILIA 00000043 002 OF 004 full
# scope ...``): the serial and page count; the name before them is checked by hand.
_MID_PAGE_MARK_RE = re.compile(r" 0\d{3,9}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}\b", re.IGNORECASE)
_MARK_NAME_WORDS = 4
_SERIAL_LINE_RE = re.compile(r"#\d{2,6}(?:/\d{1,3})?")
# ``2004CARACA02200 - CONFIDENTIAL``: a record footer some copies carry.
_RECORD_LINE_RE = re.compile(r"\d{4}[A-Z]{3,}\d{3,}\s*-\s*[A-Z /]+")
# A distribution block or its first line: ``INFO LOG-00 NP-00 ...``, ``ACTION AF-00``.
_DISTRIBUTION_RE = re.compile(r"(?:INFO|ACTION|ORIGIN)\s+[A-Z]{1,5}-\d\d\b")
_CLASS_WORDS = r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)"
# A page header or footer: the classification alone, perhaps with a caveat or
# a teletype number (``CONFIDENTIAL PTQ1865``).
_CLASS_LINE_RE = re.compile(_CLASS_WORDS + r"(?:\s*/{0,2}\s*[A-Z]{2,8}\d{0,6}){0,4}\s*")
_TRAILING_CLASS_RE = re.compile(r"\s+" + _CLASS_WORDS + r"\s*$")
# A classification banner: spaced letters, or UNCLAS, then text ending in a serial.
_BANNER_RE = re.compile(
    r"(?:S\s?E\s?C\s?R\s?E\s?T|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|"
    r"U\s?N\s?C\s?L\s?A\s?S(?:\s?S\s?I\s?F\s?I\s?E\s?D)?|L\s?I\s?M\s?I\s?T\s?E\s?D)"
    r"\b[A-Z0-9 /,.()-]*?\s0*\d{1,7}\s*"
)
_DTG_LINE_RE = re.compile(r"[ZOPRM]{1,2}\s+\d{6}Z\s+[A-Z]{3}\s+\d{2,4}")
_FRONT_LABEL_RE = re.compile(
    r"(?:E\s?\.?\s?O\s?\.?\s*\d{5}|TAGS?\b|SUBJ(?:ECT)?\b|REF(?:S|TEL|TELS)?\b)", re.IGNORECASE
)
_SUBJECT_LABEL_RE = re.compile(r"SUBJ(?:ECT)?\s*[:.]", re.IGNORECASE)
_REPEAT_LOOKAHEAD = 40

_DROP_EXACT = frozenset({"BT", "NNNN", "NNNNN", "BT.", "#", "QQQQ", "ZZZZ"})
_DIGITS = frozenset("0123456789")
# How the text after a page break that fell inside a sentence may open.
_SENTENCE_GOES_ON = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\"'“‘")
_WRAPPED_LINE = 40
# A subject repeated under a page marker is cut to the page's width: at least this much
# of it must be there for the row to be taken as the repeat.
_REPEATED_SUBJECT_MIN = 30
# Lines starting with one of these can only be residue if short, ending in a digit or
# holding a zero-padded serial; others are matched against _SPECIAL_START_RE.
_PLAIN_FIRST = frozenset("BDEFGHJKNQVWXYabcdefghijklmnopqrstuvwxyz\"'“‘-*•")
# The starts of lines that may be residue, a banner or a caveat: a paragraph anchor,
# serial, record footer, page line, banner or classification, distribution or routing.
_SPECIAL_START_RE = re.compile(
    r"[¶#]|\d{4}|PAGE|TOP |SIPDIS|[SCUL][ EONI]|(?:INFO|ACTION|ORIGIN)\s+[A-Z]{1,5}-\d"
    r"|[ZOPRM]{1,2}\s+\d{6}Z"
)
# First characters with which _SPECIAL_START_RE can never match: spared the regex.
_NEVER_SPECIAL = frozenset("()[]/.,;:!?&$%=+<>_~`@^|{}\\") | _PLAIN_FIRST
# For lines starting with an ASCII letter or digit that the regex may match, the first
# two characters with which it can: a line starting otherwise is spared the regex.
_ASCII_SPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f "
_PAIR_FIRST = frozenset("0123456789ACILMOPRSTUZ")
_REGEX_PAIRS = frozenset(
    [a + b for a in "0123456789" for b in "0123456789"]
    + ["PA", "TO", "AC", "IN", "OR"]
    + [a + b for a in "SCUL" for b in " EONI"]
    + [a + b for a in "ZOPRM" for b in "ZOPRM" + _ASCII_SPACE]
)


def clean_lines(
    lines: Sequence[str], origin: str | None = None, subject: str | None = None
) -> CleanBody:
    """The body lines that carry text, stripped, with where each came from and the signature.

    Removed: page-break lines, page markers, classification-only page headers
    and footers, ``BT``/``NNNN``, station serials, record footers, distribution
    blocks, and the repeated header of each later section of a multi-section
    cable (its banner, caveats, E.O., TAGS and SUBJECT lines, and the routing
    lines before it). A page-break line that carries text after its
    date-time group keeps that text. Blank lines are kept (as ``""``): they
    separate paragraphs. Lines are expected without newlines of their own, as
    splitting a text gives them.

    Most lines are plain text: one comprehension picks out the few that may
    not be (short, ending in a digit, holding a zero-padded serial, or starting
    like a banner, page line or routing line), and only those are looked at
    again; the others stay as they are.
    """
    stripped = list(map(str.strip, lines))
    look = [
        i
        for i, s in enumerate(stripped)
        if s
        and (
            len(s) <= 5
            or s[-1] in _DIGITS
            or ("0" in s and "000" in s)
            or (
                s[0] not in _NEVER_SPECIAL
                and (s[:2] in _REGEX_PAIRS or s[0] not in _PAIR_FIRST or s[1] >= "\x80")
                and _SPECIAL_START_RE.match(s) is not None
            )
        )
    ]
    if not look:
        whole, numbers = tuple(stripped), tuple(range(len(stripped)))
        return CleanBody(whole, numbers, whole, numbers, find_signature(whole))
    # Rows are only ever dropped or have their text replaced, so the columns start as
    # copies of the lines and are edited in place; line i is row i - dropped.
    texts = stripped.copy()
    index = list(range(len(stripped)))
    caveats: list[int] = []
    seen_banner = False
    dropped = 0
    resume = 0
    repeated_subject = False  # a SUBJECT: line under a page marker
    for i in look:
        if i < resume:  # inside a repeated section header
            continue
        row = i - dropped
        resume, seen_banner, kept = _special_row(stripped, i, texts, row, seen_banner, origin)
        if kept is None:
            if resume == i + 1 and is_page_marker(stripped[i]):
                j = i + 1
                while j < len(stripped) and not stripped[j]:
                    j += 1
                if j < len(stripped) and stripped[j][:8] == "SUBJECT:":
                    repeated_subject = True
                # a page break inside a sentence: its blank lines go with the marker
                before, after = _page_break_in_sentence(stripped, texts, row, i, j)
                if before:
                    del texts[row - before : row]
                    del index[row - before : row]
                    dropped += before
                    row -= before
                resume += after
            gone = resume - i
            del texts[row : row + gone]
            del index[row : row + gone]
            dropped += gone
        else:
            texts[row] = kept
            if kept[:6] == "SIPDIS" and stripped[i][:6] == "SIPDIS":
                caveats.append(row)
    if subject and repeated_subject:
        _drop_repeated_subject(texts, index, subject)
    all_texts, all_index = tuple(texts), tuple(index)
    if not caveats:
        return CleanBody(all_texts, all_index, all_texts, all_index, find_signature(all_texts))
    _drop_caveats(texts, index, caveats)
    prose = tuple(texts)
    return CleanBody(all_texts, all_index, prose, tuple(index), find_signature(prose))


def _page_break_in_sentence(
    stripped: Sequence[str], texts: Sequence[str], row: int, i: int, j: int
) -> tuple[int, int]:
    """The blank rows before and blank lines after the page marker ``stripped[i]`` (row
    ``row``; ``j`` is the next line that is not blank) to drop with it when the page broke
    a sentence: the text before ends in a small letter or a comma on a line of wrapped text
    (a heading or a list item is shorter) and the text after opens with a capital or a
    quote, neither a paragraph's opening nor a heading in capitals (``... Elected
    General`` / marker / ``Secretary" as the top headline``). Else ``(0, 0)``: the blank
    lines stay."""
    p = row - 1
    while p >= 0 and not texts[p]:
        p -= 1
    if p < 0 or j == len(stripped) or (row - 1 - p) + (j - i - 1) == 0:
        return 0, 0
    before, nxt = texts[p], stripped[j]
    if len(before) < _WRAPPED_LINE or nxt[0] not in _SENTENCE_GOES_ON:
        return 0, 0
    if not (before[-1].islower() or before[-1] == ","):
        return 0, 0
    if nxt.isupper() or PARA_START_RE.match(nxt) is not None:
        return 0, 0
    return row - 1 - p, j - i - 1


def _drop_repeated_subject(texts: list[str], index: list[int], subject: str) -> None:
    """Remove the cable's subject repeated under a page marker as a page header
    (``SUBJECT: IRAN VIEW FROM BAKU: VIOLENCE IN``), cut to the page's width and at
    times run into the text that goes on (``... AND GERMA evolution of U.S. policy``).

    Called when a ``SUBJECT:`` line stands under a page marker. Only a row after the
    first ``SUBJECT:`` row (the front matter's own) that repeats the subject whole, or
    its first 30 characters and more, is touched.
    """
    want = " ".join(subject.upper().split())
    rows = [k for k, text in enumerate(texts) if text[:8] == "SUBJECT:"]
    for k in reversed(rows[1:]):
        rest = " ".join(texts[k][8:].split())
        size = len(os.path.commonprefix([rest.upper(), want]))  # noqa: RUF071 (characters wanted)
        if size < len(want) and size < _REPEATED_SUBJECT_MIN:
            continue
        left = rest[size:].strip()
        if left:
            texts[k] = left
        else:
            del texts[k]
            del index[k]


def _drop_caveats(texts: list[str], index: list[int], caveats: Sequence[int]) -> None:
    """Remove ``SIPDIS`` lines and the ``SIPDIS`` glued to a line's start from the rows.

    ``SIPDIS`` stands alone in the front matter and, in some copies, on lines
    of its own or glued to the start of a line inside the text.
    """
    for at in reversed(caveats):
        s = texts[at]
        if len(s) == 6 or s[6] == " ":
            rest = s[7:].lstrip()
            if rest:
                texts[at] = rest
            else:
                del texts[at]
                del index[at]


def _special_row(
    stripped: Sequence[str],
    i: int,
    texts: list[str],
    row: int,
    seen_banner: bool,
    origin: str | None,
) -> tuple[int, bool, str | None]:
    """Deal with line ``i``, which may not be text (its row is ``texts[row]``).

    Returns the index of the next line to read, the banner state, and the text
    to keep for this line (None to drop it and every line up to the next index).
    A page footer glued to the rows before is removed at a page break.
    """
    s = stripped[i]
    if s[0] == "¶":
        s = s.lstrip("¶ ")
    if not s:
        return i + 1, seen_banner, None
    first = s[0]
    if first == "P" and s.startswith("PAGE"):
        m = _PAGE_RE.match(s)
        if m is not None:
            _drop_trailing_class(texts, row)
            rest = (m.group("rest") or "").strip()
            return i + 1, seen_banner, rest if rest and not _is_noise(rest) else None
    if _is_noise(s):
        return i + 1, seen_banner, None
    if "000" in s and first.isalpha():
        m = _PAGE_MARK_PREFIX_RE.match(s)
        if m is not None and m.end() < len(s):
            s = s[m.end() :]
            first = s[0]
    if origin and "000" in s:
        s = _cut_page_marks(s, origin)
    if first in "SCUL" and len(s) > 1 and s[1] in " EONI" and _BANNER_RE.match(s) is not None:
        if seen_banner:
            return _skip_repeated_header(stripped, i + 1), True, None
        seen_banner = True
    elif seen_banner and first in "ZOPRM" and len(s) < 30 and _DTG_LINE_RE.fullmatch(s):
        # Routing lines of the next section: skip them up to and through its banner.
        j = _find_banner(stripped, i + 1)
        if j >= 0:
            return _skip_repeated_header(stripped, j + 1), True, None
    return i + 1, seen_banner, s


def _is_noise(s: str) -> bool:
    """Whether a stripped, non-empty line is transmission or printing residue."""
    if len(s) <= 5 and s.upper() in _DROP_EXACT:
        return True
    first = s[0]
    if first == "#":
        return _SERIAL_LINE_RE.fullmatch(s) is not None
    if first.isdigit():
        return s[3:4].isdigit() and _RECORD_LINE_RE.fullmatch(s) is not None
    if s[-1].isdigit() and (" OF " in s or " of " in s) and _PAGE_MARK_RE.fullmatch(s) is not None:
        return True
    if first in "IAO" and "-0" in s and _DISTRIBUTION_RE.match(s) is not None:
        return True
    return first in "UCSTL" and s.isupper() and _CLASS_LINE_RE.fullmatch(s) is not None


def is_page_marker(s: str) -> bool:
    """Whether a stripped line is a page marker alone (``MUSCAT 00000212  002 OF 002``)."""
    return s[-1:].isdigit() and _PAGE_MARK_RE.fullmatch(s) is not None


def _cut_page_marks(s: str, origin: str) -> str:
    """``s`` without the page markers run into it whose name spells the origin, or the
    start of it (``LA PAZ`` for ``LAPAZ``, ``RIO DE JAN`` for ``RIODEJANEIRO``)."""
    for m in reversed(list(_MID_PAGE_MARK_RE.finditer(s))):
        head = s[: m.start()]
        start = len(head)
        for _ in range(_MARK_NAME_WORDS):
            start = head.rfind(" ", 0, start)
            name = head[start + 1 :].replace(" ", "").upper()
            if len(name) >= 3 and origin.startswith(name):
                s = f"{head[: max(start, 0)].rstrip()} {s[m.end() :].lstrip()}".strip()
                break
            if start < 0:
                break
    return s


def _drop_trailing_class(texts: list[str], end: int) -> None:
    """Remove a page footer (``... A  CONFIDENTIAL``) glued to the row before ``texts[end]``,
    a page break."""
    for k in range(end - 1, max(-1, end - 4), -1):
        text = texts[k]
        if text:
            m = _TRAILING_CLASS_RE.search(text)
            if m is not None and m.start() > 0:
                texts[k] = text[: m.start()].rstrip()
            return


def _find_banner(lines: Sequence[str], start: int) -> int:
    """The index of a classification banner within the next few lines, or -1."""
    for j in range(start, min(len(lines), start + _REPEAT_LOOKAHEAD)):
        s = lines[j].strip()
        if s and s[0] in "SCUL" and _BANNER_RE.match(s) is not None:
            return j
        if PARA_START_RE.match(s) is not None:
            return -1
    return -1


def _skip_repeated_header(lines: Sequence[str], start: int) -> int:
    """The index after a repeated section header that begins at ``start``.

    Skipped: blank lines, caveat and ``... FOR ...`` lines before the labels,
    E.O./TAGS/SUBJECT/REF lines, the SUBJECT's continuation, page-break lines.
    """
    i = start
    n = len(lines)
    labelled = False
    in_subject = False
    while i < n:
        s = lines[i].strip()
        if not s:
            in_subject = False
            i += 1
            continue
        if s.startswith("PAGE") and _PAGE_RE.match(s) is not None:
            i += 1
            continue
        if _FRONT_LABEL_RE.match(s) is not None:
            labelled = True
            in_subject = _SUBJECT_LABEL_RE.match(s) is not None
            i += 1
            continue
        if in_subject and PARA_START_RE.match(s) is None:
            i += 1
            continue
        if not labelled and len(s) <= 60 and s.isupper() and not s.endswith("."):
            i += 1
            continue
        break
    return i
