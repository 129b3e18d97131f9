"""The cable body after the front matter: paragraphs, summary, comment, signature.

A body, as published, is the typed text interleaved with what the transmission
and the printers added: page-break lines (``PAGE 02 STATE 123456`` or
``MUSCAT 00000212  002 OF 002``), page footers (``CONFIDENTIAL``), the
repeated header of each section of a long cable, ``BT``, ``NNNN``, station
serials (``#0154``) and distribution blocks (``INFO LOG-00 ...``).
:func:`clean_lines` drops those first, so the paragraph reader sees only text.

Paragraphs are numbered (``1.``, ``1)``, ``(1)``, ``Para 1.``) and carry a
portion mark (``(C)``, ``( C )``, ``(S//NF)``). Numbers are accepted only in
sequence, so lists inside a paragraph (``1) ... 2) ...``) and wrapped lines that
happen to begin with a number stay in their paragraph. Headings are short
lines, upper-case or underlined with dashes, that stand alone before a
paragraph. The signature is the last name line(s) at the end.

Everything here works on ``str`` methods and anchored, precompiled regexes: the
parser's budget is a fraction of a millisecond per cable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cablegram.model import Paragraph

# --------------------------------------------------------------------------
# clean_lines: what is not text

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
_SERIAL_LINE_RE = re.compile(r"#\d{2,6}(?:/\d{1,3})?")
# ``2004CARACA02200 - CONFIDENTIAL``: a record footer some copies carry.
_RECORD_LINE_RE = re.compile(r"\d{4}[A-Z]{3,}\d{3,}\s*-\s*[A-Z /]+")
# A distribution block or its first line: ``INFO LOG-00 NP-00 ...``, ``ACTION AF-00``.
_DISTRIBUTION_RE = re.compile(r"(?:INFO|ACTION|ORIGIN)\s+[A-Z]{1,5}-\d\d\b")
_CLASS_WORDS = r"(?:UNCLASSIFIED|UNCLAS|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)"
# A page header or footer: the classification alone, perhaps with a caveat or
# a teletype number (``CONFIDENTIAL PTQ1865``).
_CLASS_LINE_RE = re.compile(_CLASS_WORDS + r"(?:\s*/{0,2}\s*[A-Z]{2,8}\d{0,6}){0,2}\s*")
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
# Lines starting with one of these can only be residue if short, ending in a digit or
# holding a zero-padded serial; others are matched against _SPECIAL_START_RE.
_PLAIN_FIRST = frozenset("BDEFGHJKNQVWXYabcdefghijklmnopqrstuvwxyz\"'“‘-*•")
# The starts of lines that may be residue, a banner or a caveat: a paragraph anchor,
# serial, record footer, page line, banner or classification, distribution or routing.
_SPECIAL_START_RE = re.compile(
    r"[¶#]|\d{4}|PAGE|TOP |SIPDIS|[SCUL][ EONI]|(?:INFO|ACTION|ORIGIN)\s+[A-Z]{1,5}-\d"
    r"|[ZOPRM]{1,2}\s+\d{6}Z"
)


def clean_lines(lines: Sequence[str]) -> list[tuple[int, str]]:
    """The body lines that carry text, each as ``(index in lines, stripped text)``.

    Removed: page-break lines, page markers, classification-only page headers
    and footers, ``BT``/``NNNN``, station serials, record footers, distribution
    blocks, and the repeated header of each later section of a multi-section
    cable (its banner, caveats, E.O., TAGS and SUBJECT lines, and the routing
    lines before it). A page-break line that carries text after its
    date-time group keeps that text. Blank lines are kept (as ``""``): they
    separate paragraphs.
    """
    return list(_cleaned(lines)[0])


def _clean(lines: Sequence[str]) -> tuple[list[tuple[int, str]], list[int]]:
    """:func:`clean_lines`, and the positions of its rows that start with ``SIPDIS``.

    Most lines are plain text and pass a few cheap tests; only the others are
    looked at closely.
    """
    stripped = [line.strip() for line in lines]
    out: list[tuple[int, str]] = []
    caveats: list[int] = []
    append = out.append
    skip_to = 0
    seen_banner = False
    for i, s in enumerate(stripped):
        if not s:
            if i >= skip_to:
                append((i, s))
            continue
        if (
            len(s) <= 5
            or s[-1] in _DIGITS
            or "000" in s
            or (s[0] not in _PLAIN_FIRST and _SPECIAL_START_RE.match(s) is not None)
        ):
            if i >= skip_to:
                at = len(out)
                skip_to, seen_banner = _special_row(stripped, i, out, seen_banner)
                if s[:6] == "SIPDIS" and len(out) > at and out[at][0] == i:
                    caveats.append(at)
        elif i >= skip_to:
            append((i, s))
    return out, caveats


def _without_caveats(rows: list[tuple[int, str]], caveats: Sequence[int]) -> list[tuple[int, str]]:
    """The rows without ``SIPDIS`` lines and without the ``SIPDIS`` glued to a line's start.

    ``SIPDIS`` stands alone in the front matter and, in some copies, on lines
    of its own or glued to the start of a line inside the text.
    """
    if not caveats:
        return rows
    out = list(rows)
    for at in reversed(caveats):
        i, s = out[at]
        if len(s) == 6 or s[6] == " ":
            rest = s[7:].lstrip()
            if rest:
                out[at] = (i, rest)
            else:
                del out[at]
    return out


def _special_row(
    stripped: Sequence[str], i: int, out: list[tuple[int, str]], seen_banner: bool
) -> tuple[int, bool]:
    """Deal with one line that may not be text; return the next index and the banner state."""
    s = stripped[i]
    if not s:
        out.append((i, ""))
        return i + 1, seen_banner
    if s[0] == "¶":
        s = s.lstrip("¶ ")
    if not s:
        return i + 1, seen_banner
    first = s[0]
    if first == "P" and s.startswith("PAGE"):
        m = _PAGE_RE.match(s)
        if m is not None:
            _drop_trailing_class(out)
            rest = (m.group("rest") or "").strip()
            if rest and not _is_noise(rest):
                out.append((i, rest))
            return i + 1, seen_banner
    if _is_noise(s):
        return i + 1, seen_banner
    if "000" in s and first.isalpha():
        m = _PAGE_MARK_PREFIX_RE.match(s)
        if m is not None and m.end() < len(s):
            s = s[m.end() :]
            first = s[0]
    if first in "SCUL" and len(s) > 1 and s[1] in " EONI" and _BANNER_RE.match(s) is not None:
        if seen_banner:
            return _skip_repeated_header(stripped, i + 1), True
        seen_banner = True
    elif seen_banner and first in "ZOPRM" and len(s) < 30 and _DTG_LINE_RE.fullmatch(s):
        # Routing lines of the next section: skip them up to and through its banner.
        j = _find_banner(stripped, i + 1)
        if j >= 0:
            return _skip_repeated_header(stripped, j + 1), True
    out.append((i, s))
    return i + 1, seen_banner


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


def _drop_trailing_class(out: list[tuple[int, str]]) -> None:
    """Remove a page footer (``... A  CONFIDENTIAL``) glued to the line before a page break."""
    for k in range(len(out) - 1, max(-1, len(out) - 4), -1):
        idx, text = out[k]
        if text:
            m = _TRAILING_CLASS_RE.search(text)
            if m is not None and m.start() > 0:
                out[k] = (idx, text[: m.start()].rstrip())
            return


def _find_banner(lines: Sequence[str], start: int) -> int:
    """The index of a classification banner within the next few lines, or -1."""
    for j in range(start, min(len(lines), start + _REPEAT_LOOKAHEAD)):
        s = lines[j].strip()
        if s and s[0] in "SCUL" and _BANNER_RE.match(s) is not None:
            return j
        if _PARA_START_RE.match(s) is not None:
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
        if in_subject and _PARA_START_RE.match(s) is None:
            i += 1
            continue
        if not labelled and len(s) <= 60 and s.isupper() and not s.endswith("."):
            i += 1
            continue
        break
    return i


# --------------------------------------------------------------------------
# paragraphs

_PARA_START_RE = re.compile(
    r"(?:PARA(?:GRAPH)?\.?\s*)?"
    r"(?:\((?P<pn>\d{1,3})\)\.?|(?P<n>\d{1,3})\s?(?P<sep>[.)]|,(?=\s*\()))(?![\d.])"
    r"\s*(?:(?P<open>\(\s*)?(?P<mark>[A-Za-z][A-Za-z/, .\-]{0,40}?)\s*\)(?:[.:](?=\s))?)?\s*",
    re.IGNORECASE,
)
# The common opening, ``12. (S/NF) Text``, matched without the general pattern's cost.
_PARA_QUICK_RE = re.compile(r"(\d{1,3})\.\s*\(([A-Z][A-Z/ ]{0,14})\)(?:[.:](?=\s))?\s*(?=\S)")
_MARK_ONLY_RE = re.compile(r"\(\s*(?P<mark>[A-Za-z][A-Za-z/, .\-]{0,40}?)\s*\)\s*")
_MARK_HEADS = frozenset(
    {"U", "SBU", "C", "S", "TS", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS", "LOU", "FOUO"}
)
_MARK_SPLIT_RE = re.compile(r"[/ ,\-]")
_MARK_SPACE_RE = re.compile(r"\s*(/+)\s*|\s+")
_DASH_CHARS = frozenset("-=_* ")
# Patterns start with a literal so that the regex engine can skip ahead to it.
_HYPHEN_WRAP_RE = re.compile(r"-\n(?<=[A-Za-z]-\n)(?=[a-z])")
_GAP_LOWER_RE = re.compile(r"\n\n+(?=[a-z])")
_GAP_RE = re.compile(r"\n\n+")
_ITEM_BREAK_RE = re.compile(
    r"\n(?<=[.:;!?)\"”’]\n)(?=--|-\s|\*|•|o\s|\(?[A-Za-z0-9]{1,2}\)\s|[A-Za-z]\.\s|\d{1,2}\.\s)"
)
# What the line before a sub-item ends with: a sub-item after ``... in the`` is a wrapped dash.
_ITEM_BEFORE = frozenset('.:;!?)"”’')
_CLASSIFIED_BY_RE = re.compile(r"(?:\(U\)\s*)?CLAS+I?FI?E?D\s+BY\b", re.IGNORECASE)
_EMBEDDED_PARA_RE = re.compile(
    r"\s(?:1\s?[.)]|\(1\))\s*\(\s*(?:U|SBU|C|S|TS|[CS]\s?/\s?/?\s?[A-Z]+)\s*\)", re.IGNORECASE
)
_FRONT_ANCHOR_RE = re.compile(
    r"(?:E\s?\.?\s?O\s?\.?\s*\d{5}|TAGS?\b|TAGE|SUBJ(?:ECT)?\b|REF(?:S|TEL|TELS|ERENCES?)?\b"
    r"|CLAS+I?FI?E?D\s+BY|\(U\)\s*CLASSIFIED\s+BY)",
    re.IGNORECASE,
)
# The first letters of the front-matter labels: E.O., TAGS, SUBJECT, REF, Classified By, (U).
_ANCHOR_FIRST = frozenset("EeTtSsRrCc(")
# An item of a REF block standing after a blank line: ``B. PARIS 7425``, ``(C) STATE 1234``.
_REF_ITEM_RE = re.compile(r"\(?[A-Z]\s?[.)]\s+\S")
_END_TOKENS = frozenset({"END", "BEGIN", "XXXXXXXXXXXX"})
_MAX_HEADING = 80


@dataclass(slots=True)
class _Start:
    """A paragraph opening found on a line: its number, style and portion mark."""

    number: int | None
    style: str
    mark: str | None
    rest: str


def _squeeze(text: str) -> str:
    """Collapse runs of spaces inside lines, keep the newlines between them."""
    if "\t" in text:
        text = text.replace("\t", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()


def normalize_portion_mark(mark: str) -> str | None:
    """The portion mark in canonical spacing and case, or None if it is not one.

    ``( c )`` -> ``C``, ``S / NF`` -> ``S/NF``, ``S//Rel UK`` -> ``S//REL UK``;
    ``(U.S.)`` or ``(Iran)`` are not marks.
    """
    known = _MARK_CACHE.get(mark, _MISSING)
    if known is not _MISSING:
        return known
    found = _normalize_mark(mark)
    if len(_MARK_CACHE) < _MARK_CACHE_SIZE:
        _MARK_CACHE[mark] = found
    return found


_MARK_CACHE: dict[str, str | None] = {}
_MARK_CACHE_SIZE = 4096
_MISSING = "\x00missing"


def _normalize_mark(mark: str) -> str | None:
    """:func:`normalize_portion_mark` without the cache."""
    text = mark.strip().upper()
    if not text:
        return None
    head = _MARK_SPLIT_RE.split(text, maxsplit=1)[0]
    if head not in _MARK_HEADS:
        return None
    return _MARK_SPACE_RE.sub(lambda m: m.group(1) or " ", text).strip()


def _para_start(s: str) -> _Start | None:
    """A numbered-paragraph opening at the start of a stripped line, or None."""
    first = s[0]
    if not (first.isdigit() or first == "(" or (first in "Pp" and s[:4].upper() == "PARA")):
        return None
    if first.isdigit():
        quick = _PARA_QUICK_RE.match(s)
        if quick is not None:
            mark = normalize_portion_mark(quick.group(2))
            if mark is not None:
                return _Start(int(quick.group(1)), ".", mark, s[quick.end() :])
    m = _PARA_START_RE.match(s)
    if m is None:
        return None
    raw_mark = m.group("mark")
    mark = normalize_portion_mark(raw_mark) if raw_mark is not None else None
    end = m.end()
    if raw_mark is not None and m.group("open") is None and (mark is None or len(raw_mark) > 4):
        # ``1. C) Summary``: a mark that lost its opening parenthesis, or just text.
        mark = None
        end = m.start("mark")
    elif raw_mark is not None and mark is None:
        # ``1) (Reftel) ...``: the parenthesis is text, not a mark.
        end = s.rfind("(", 0, m.start("mark"))
    pn = m.group("pn")
    number = pn or m.group("n")
    style = "()" if pn else m.group("sep").replace(",", ".")
    if s[: m.start("pn" if pn else "n")].strip():
        style = "para" + style
    return _Start(int(number), style, mark, s[end:].strip())


def _mark_start(s: str) -> _Start | None:
    """An unnumbered paragraph opening with a portion mark: ``(S//NF) We have ...``."""
    if s[0] != "(":
        return None
    m = _MARK_ONLY_RE.match(s)
    if m is None:
        return None
    mark = normalize_portion_mark(m.group("mark"))
    if mark is None or len(s) == m.end():
        return None
    return _Start(None, "mark", mark, s[m.end() :])


def _is_dash_line(s: str) -> bool:
    """A line of dashes (or ``=``/``_``), as underlines and boxes use: ``-----``, ``- - -``."""
    if s == "--" or s == "==":
        return True
    return len(s) >= 3 and s.count("-") + s.count("=") + s.count("_") >= 3 and set(s) <= _DASH_CHARS


def _heading_text(s: str) -> str | None:
    """The heading a short line would be, or None when it cannot be one."""
    if len(s) > _MAX_HEADING or s.upper() == s.lower():
        return None
    text = s.strip(" -=_*/")
    if (
        not text
        or (text[-1] in ".,;" and not text.endswith("..."))
        or text.split(" ", 1)[0].upper() in _END_TOKENS
    ):
        return None
    if text.upper().startswith("XXXX") and set(text.upper()) <= {"X", " "}:
        return None
    return text


def _looks_upper_heading(s: str) -> bool:
    """An upper-case heading candidate: no lower-case letters, a few words at most."""
    return s.upper() == s and len(s) <= 70 and len(s.split()) <= 12


@dataclass(slots=True)
class _Scan:
    """The state of a pass over the cleaned body."""

    prev: int | None = None
    style: str | None = None
    marked: bool = False


def _accept(start: _Start, scan: _Scan, after_gap: bool) -> bool:
    """Whether a numbered opening continues the cable's paragraph sequence."""
    n = start.number
    if n is None:
        return False
    has_mark = start.mark is not None
    if scan.prev is None:
        return has_mark or n <= 5 or (after_gap and n <= 30)
    if n <= scan.prev:
        return False
    if has_mark:
        return n <= scan.prev + 10
    if scan.style is not None and start.style != scan.style:
        return False
    if scan.marked:
        return n == scan.prev + 1 and after_gap
    return n == scan.prev + 1 or (after_gap and n <= scan.prev + 3)


def extract_paragraphs(lines: Sequence[str], *, first_line: int) -> tuple[Paragraph, ...]:
    """The body's paragraphs, in order, from the first paragraph to the signature.

    Front matter (banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By) is
    skipped; unnumbered text between it and the first numbered paragraph
    becomes a paragraph numbered None. A cable with no numbering at all has one
    None paragraph per block of text. Each paragraph's ``line`` is 1-based in
    the telegram: ``first_line`` is the number of ``lines[0]``.
    """
    _public, clean, sig = _cleaned(lines)
    end = sig.cut_row
    rows = clean[:end]
    if sig.cut_col is not None and 0 <= end < len(clean):
        idx, text = clean[end]
        tail = text[: sig.cut_col].rstrip()
        if tail:
            rows = [*rows, (idx, tail)]
    start, embedded = _front_end(rows)
    if embedded is not None:
        rows = [*rows[:start], embedded, *rows[start + 1 :]]
    return _paragraphs(rows[start:], first_line)


def _front_end(rows: Sequence[tuple[int, str]]) -> tuple[int, tuple[int, str] | None]:
    """Where the front matter ends, and the first paragraph if it shares a front-matter line.

    The front matter runs to the first numbered paragraph, or, in a cable
    without numbering, to the first block of text after the last front-matter
    label (E.O., TAGS, SUBJECT, REF, Classified By) and its continuation lines.
    """
    labels_seen = False
    in_block = False
    last_ref = False
    limit = min(len(rows), 120)
    for k in range(limit):
        idx, s = rows[k]
        if not s:
            in_block = False
            continue
        first = s[0]
        if first.isdigit() or first == "(" or first in "Pp":
            st = _para_start(s)
            if (
                st is not None
                and (st.mark is not None or not in_block)
                and (st.number or 0) <= 30
                and _CLASSIFIED_BY_RE.match(st.rest) is None
            ):
                return k, None
        if labels_seen and first in "-=_" and _is_dash_line(s):
            return k, None
        if first == "(" and labels_seen and _opens_marked_text(s):
            return k, None
        if first in _ANCHOR_FIRST and (
            _FRONT_ANCHOR_RE.match(s) is not None or _CLASSIFIED_BY_RE.match(s) is not None
        ):
            labels_seen = True
            in_block = True
            last_ref = s[:3].upper() == "REF"
            if "lassif" in s or "LASSIF" in s:
                emb = _EMBEDDED_PARA_RE.search(s)
                if emb is not None and "lassif" in s[: emb.start()].lower():
                    return k, (idx, s[emb.start() :].strip())
            continue
        if in_block or not labels_seen:
            continue
        if last_ref and _REF_ITEM_RE.match(s) is not None:
            in_block = True
            continue
        return k, None
    if labels_seen:
        return limit, None
    return _first_text_block(rows), None


def _opens_marked_text(s: str) -> bool:
    """``(SBU) Poloff delivered ...`` opens a marked paragraph; ``(C) STATE 1234`` is a REF item."""
    st = _mark_start(s)
    return st is not None and (len(st.rest) > 40 or st.rest.upper() != st.rest)


def _first_text_block(rows: Sequence[tuple[int, str]]) -> int:
    """Without front-matter labels: the first line that reads like prose (has lower case)."""
    for k, (_idx, s) in enumerate(rows[:60]):
        if len(s) > 30 and s.upper() != s and k > 0:
            return k
    return min(len(rows), 1)


_BLANK, _DASH, _TEXT, _PARA, _MARK, _HEADING, _HEADING_MORE = range(7)
# First characters of rows that may be a dash line or a paragraph opening.
_OPENING_FIRST = frozenset("0123456789(-=_*Pp")


def _paragraphs(rows: Sequence[tuple[int, str]], first_line: int) -> tuple[Paragraph, ...]:
    """Assemble paragraphs from the cleaned rows after the front matter.

    A first pass labels the rows; paragraphs are then cut at the rows that open
    one (numbered or marked openings, headings, and in an unnumbered cable any
    text after a blank line), and each paragraph's lines are joined at once.
    """
    scan = _Scan()
    kinds, starts, texts, events = _classify(rows, scan)
    numbered = scan.prev is not None
    _mark_headings(rows, kinds, events, numbered=numbered)
    events.sort()
    out: list[Paragraph] = []
    heading: str | None = None
    cur: tuple[int | None, str | None, str | None, int, int, str] | None = None
    for k in events:
        kind = kinds[k]
        if kind == _TEXT and cur is not None and numbered:
            continue
        opening = kind in (_PARA, _MARK)
        start = starts.get(k) if opening else None
        if opening and start is None:
            continue
        if _finish(out, cur, texts, k) and heading is not None and _summary_closed(heading, out):
            heading = None
        if kind == _TEXT:
            cur = (None, None, heading, first_line + rows[k][0], k, texts[k])
        elif kind == _HEADING:
            cur = None
            heading = _heading_text(rows[k][1])
            if k + 1 < len(kinds) and kinds[k + 1] == _HEADING_MORE:
                more = _heading_text(rows[k + 1][1])
                heading = f"{heading} {more}" if heading and more else heading
        elif start is not None:
            cur = (start.number, start.mark, heading, first_line + rows[k][0], k, start.rest)
    _finish(out, cur, texts, len(rows))
    return tuple(out)


def _summary_closed(heading: str, out: Sequence[Paragraph]) -> bool:
    """Whether a ``Summary`` heading's section ended with the last paragraph's ``End Summary``."""
    if heading[:7].upper() != "SUMMARY":
        return False
    return _end_marker(out[-1].text, "summary") is not None


def _finish(
    out: list[Paragraph],
    cur: tuple[int | None, str | None, str | None, int, int, str] | None,
    texts: Sequence[str],
    end: int,
) -> bool:
    """Add the paragraph ``cur`` (opened at row ``cur[4]``, ending before ``end``) to ``out``."""
    if cur is None:
        return False
    number, mark, heading, line, row, first = cur
    if end - row > 1:
        text = _join_lines("\n".join([first, *texts[row + 1 : end]]))
    else:
        text = _squeeze(first)
    if text or number is not None:
        out.append(
            Paragraph(number=number, text=text, portion_mark=mark, heading=heading, line=line)
        )
        return True
    return False


def _join_lines(joined: str) -> str:
    """A paragraph's lines as text: wrapped lines joined with a space, hyphenated words mended,
    sub-items (``A.``, ``--``) and blocks after a blank line kept on lines of their own."""
    joined = joined.strip("\n")
    if "\n" not in joined:
        return _squeeze(joined)
    if "-\n" in joined:
        joined = _HYPHEN_WRAP_RE.sub("-", joined)
    if "\n\n" in joined:
        joined = _GAP_LOWER_RE.sub(" ", joined)
        joined = _GAP_RE.sub("\x00", joined)
    joined = _ITEM_BREAK_RE.sub("\x00", joined)
    return _squeeze(joined.replace("\n", " ").replace("\x00", "\n"))


def _classify(
    rows: Sequence[tuple[int, str]], scan: _Scan
) -> tuple[bytearray, dict[int, _Start], list[str], list[int]]:
    """Label each row (blank, dash, para, mark or text) and find where paragraphs may open.

    Returns the kinds, the paragraph openings by row, the row texts to join
    (dash lines as blanks), and the rows that open or may open a paragraph:
    numbered or marked openings and text after a blank or dash line. A text
    row right above a dash line is also listed: it may be an underlined heading.
    """
    texts = [s for _idx, s in rows]
    kinds = bytearray([_TEXT]) * len(texts)
    starts: dict[int, _Start] = {}
    events: list[int] = []
    after_gap = True
    for k, s in enumerate(texts):
        if not s:
            kinds[k] = _BLANK
            after_gap = True
            continue
        first = s[0]
        if first not in _OPENING_FIRST or (first in "Pp" and s[:4].upper() != "PARA"):
            if after_gap:
                events.append(k)
                after_gap = False
            continue
        if first in "-=_*" and _is_dash_line(s):
            kinds[k] = _DASH
            texts[k] = ""
            if k and kinds[k - 1] == _TEXT and (not events or events[-1] != k - 1):
                events.append(k - 1)
            after_gap = True
            continue
        st = _para_start(s) if first.isdigit() or first in "(Pp" else None
        if st is not None and _accept(st, scan, after_gap):
            if scan.prev is None:
                scan.style = st.style
                scan.marked = st.mark is not None
            scan.prev = st.number
            kinds[k] = _PARA
            starts[k] = st
            events.append(k)
        elif after_gap:
            st = _mark_start(s) if first == "(" else None
            if st is not None:
                kinds[k] = _MARK
                starts[k] = st
            events.append(k)
        after_gap = False
    return kinds, starts, texts, events


def _mark_headings(
    rows: Sequence[tuple[int, str]], kinds: bytearray, candidates: Sequence[int], *, numbered: bool
) -> None:
    """Turn candidate rows into headings.

    A heading is a short line underlined with dashes, or boxed in them, or one
    standing alone between blank lines before a paragraph.
    """
    n = len(rows)
    for k in candidates:
        if kinds[k] != _TEXT:
            continue
        s = rows[k][1]
        if len(s) > _MAX_HEADING:
            continue
        nxt = kinds[k + 1] if k + 1 < n else -1
        prev_kind = kinds[k - 1] if k > 0 else _BLANK
        if prev_kind not in (_BLANK, _DASH, _HEADING) and (
            nxt != _DASH or rows[k - 1][1][-1] not in _ITEM_BEFORE
        ):
            continue
        if _heading_text(s) is None:
            continue
        if nxt == _DASH:
            kinds[k] = _HEADING
            continue
        if (
            prev_kind == _DASH
            and nxt == _TEXT
            and k + 2 < n
            and kinds[k + 2] == _DASH
            and _heading_text(rows[k + 1][1]) is not None
        ):
            # A heading boxed in dashes over two lines.
            kinds[k] = _HEADING
            kinds[k + 1] = _HEADING_MORE
            continue
        if nxt not in (_BLANK, _PARA, _MARK):
            continue
        following = _next_content(kinds, k + 1)
        if following in (_PARA, _MARK) or (following == _DASH and prev_kind == _DASH):
            if _looks_upper_heading(s) or len(s) <= 60:
                kinds[k] = _HEADING
        elif not numbered and following == _TEXT and _looks_upper_heading(s) and len(s) <= 60:
            kinds[k] = _HEADING


def _next_content(kinds: bytearray, k: int) -> int:
    """The kind of the next non-blank row at or after ``k`` (-1 at the end)."""
    for j in range(k, len(kinds)):
        if kinds[j] != _BLANK:
            return kinds[j]
    return -1


# --------------------------------------------------------------------------
# summary and comment

_SUMMARY_START_RE = re.compile(
    r"(?:(?:BEGIN|EXECUTIVE|INTRODUCTION\s+AND)\s+)?SUMMARY"
    r"(?:\s+AND\s+(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|RECOMMENDATIONS?|KEY\s+POINTS))?"
    r"(?:\s*/\s*COMMENTS?)?\s*(?:[:.\-]+|(?=\s+[A-Z(\"“]))\s*",
    re.IGNORECASE,
)
# What must follow the word at a marker that opens mid-paragraph: ``Summary:``, ``SUMMARY.``.
_SUMMARY_MID_RE = re.compile(r"SUMMARY(?:\s+AND\s+COMMENTS?)?\s*[:.\-]+\s*", re.IGNORECASE)
_COMMENT_START_RE = re.compile(
    r"(?:(?:BEGIN|EMBASSY|POST|MISSION|USUN|USNATO|USEU|CONSULATE|DEPARTMENT|DEPT|AMBASSADOR'?S?"
    r"|[A-Z]{3,12}(?=\s+COMMENT))\s+)?COMMENTS?(?:\s+AND\s+(?:ACTION\s+REQUESTS?|"
    r"RECOMMENDATIONS?|ANALYSIS)|\s+CONTINUED)?\s*(?:[:.\-]+|(?=\s+[A-Z(\"“]))\s*",
    re.IGNORECASE,
)
_COMMENT_MID_RE = re.compile(r"COMMENTS?\s*[:.\-]+\s*", re.IGNORECASE)
# An end marker seen from its key word back: ``END SUMMARY``, ``End Riyadh Comment``,
# ``(END OF EXECUTIVE SUMMARY``; only the few characters before the word are searched.
_END_BEFORE_WORD_RE = re.compile(r"\(?\s*\bEND\s+(?:OF\s+)?(?:[A-Z]{2,12}\s+)?$", re.IGNORECASE)
_END_LOOKBACK = 24
# Characters after which a marker may open mid-paragraph: ``End Summary. Comment: ...``,
# ``(Comment: ...``.
_MARKER_BEFORE = frozenset('.:;)(\n"”')
_SPAN = 12
# Words that may stand before ``Comment``/``Summary`` without making it an opening marker.
_NOT_OPENERS = frozenset({"END", "NO", "OF", "TO", "THE", "A", "HIS", "HER", "ANY"})


def extract_summary(paragraphs: Sequence[Paragraph]) -> str | None:
    """The text between ``Summary:`` and ``End Summary.``, without numbers or marks.

    A summary with no end marker ends with its paragraph. A summary may also be
    the paragraphs under a ``Summary`` heading, or, with only ``End Summary``
    written, the text before that marker.
    """
    texts = [p.text for p in paragraphs]
    for k, text in enumerate(texts):
        if "ummar" not in text and "UMMAR" not in text:
            continue
        m = _SUMMARY_START_RE.match(text)
        if m is not None and not text[: m.end()].upper().startswith("SUMMARY OF"):
            found, _last = _span(texts, k, m.end(), "summary", require_end=False)
            if found:
                return found
        for offset in _mid_markers(text, "summary", _SUMMARY_MID_RE):
            found, _last = _span(texts, k, offset, "summary", require_end=True)
            if found:
                return found
    under = _under_heading(paragraphs, "summary", _SUMMARY_START_RE)
    if under:
        return under
    return _before_end_marker(texts)


def extract_comment(paragraphs: Sequence[Paragraph]) -> str | None:
    """Every ``Comment: ... End Comment.`` block, joined with a blank line.

    A comment that opens its paragraph and has no end marker ends with that
    paragraph; one that opens mid-paragraph counts only when it is closed.
    Paragraphs under a ``Comment`` heading count too.
    """
    texts = [p.text for p in paragraphs]
    found: list[str] = []
    used: set[int] = set()
    k = 0
    while k < len(texts):
        text = texts[k]
        last = k
        if "omment" in text or "OMMENT" in text:
            pieces, last = _comments_at(texts, k)
            if pieces:
                found.extend(pieces)
                used.update(range(k, last + 1))
        k = last + 1
    rest = [p for i, p in enumerate(paragraphs) if i not in used]
    heading_part = _under_heading(rest, "comment", _COMMENT_START_RE)
    if heading_part:
        found.append(heading_part)
    return "\n\n".join(found) if found else None


def _comments_at(texts: Sequence[str], k: int) -> tuple[list[str], int]:
    """The comments that paragraph ``k`` opens or holds, and the last paragraph they reach."""
    text = texts[k]
    m = _COMMENT_START_RE.match(text)
    if m is not None and not text[:12].upper().startswith("SUMMARY"):
        piece, last = _span(texts, k, m.end(), "comment", require_end=False)
        return ([piece] if piece else []), last
    pieces: list[str] = []
    done = 0
    for offset in _mid_markers(text, "comment", _COMMENT_MID_RE):
        if offset < done:
            continue
        piece, last = _span(texts, k, offset, "comment", require_end=True)
        if piece:
            pieces.append(piece)
            if last > k:
                return pieces, last
            done = offset + len(piece)
    return pieces, k


def _mid_markers(text: str, word: str, marker_re: re.Pattern[str]) -> list[int]:
    """Offsets just after markers that open inside a paragraph (``... End Summary. Comment: ``).

    The marker must follow the start of a sentence or a parenthesis, perhaps
    with one word between (``(Embassy comment:``, ``BEGIN SUMMARY.``).
    """
    out: list[int] = []
    for pos in _word_positions(text, word):
        if pos == 0:
            continue
        m = marker_re.match(text, pos)
        if m is None:
            continue
        before = text[max(0, pos - 20) : pos].rstrip()
        if before and before[-1] not in _MARKER_BEFORE:
            word_start = max(before.rfind(" "), before.rfind("(")) + 1
            word = before[word_start:]
            if not word.isalpha() or not word[0].isupper() or word.upper() in _NOT_OPENERS:
                continue
            before = before[:word_start].rstrip()
        if not before or before[-1] in _MARKER_BEFORE:
            out.append(m.end())
    return out


def _word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` (lower case, e.g. ``summary``) starts in ``text``, in any common case."""
    tail_lower, tail_upper = word[1:], word[1:].upper()
    out: list[int] = []
    for tail in (tail_lower, tail_upper):
        pos = text.find(tail, 1)
        while pos >= 0:
            if text[pos - 1] in (word[0], word[0].upper()):
                out.append(pos - 1)
            pos = text.find(tail, pos + 1)
    out.sort()
    return out


def _span(
    texts: Sequence[str], k: int, offset: int, word: str, *, require_end: bool
) -> tuple[str | None, int]:
    """The marked text starting at ``texts[k][offset:]`` and the index of its last paragraph.

    It ends at an ``End <word>`` marker in the same paragraph or one of the
    next few. With no end marker it is the rest of its paragraph, or nothing if
    ``require_end``.
    """
    first = texts[k][offset:]
    end = _end_marker(first, word)
    if end is not None:
        return _tidy(first[:end]), k
    pieces = [first]
    for j in range(k + 1, min(len(texts), k + _SPAN)):
        end = _end_marker(texts[j], word)
        if end is not None:
            pieces.append(texts[j][:end])
            return _tidy("\n\n".join(pieces)), j
        pieces.append(texts[j])
    if require_end:
        return None, k
    return _tidy(first), k


def _end_marker(text: str, word: str) -> int | None:
    """Where the first ``End <word>`` marker in ``text`` starts (``word``: ``summary``, ...)."""
    for pos in _word_positions(text, word):
        if pos < 4:
            continue
        lo = max(0, pos - _END_LOOKBACK)
        m = _END_BEFORE_WORD_RE.search(text, lo, pos)
        if m is not None:
            return m.start()
    return None


def _tidy(text: str) -> str | None:
    """Strip the separators a marker leaves behind; None when nothing is left."""
    text = text.strip().strip("-").strip()
    if text.endswith("("):
        text = text[:-1].rstrip()
    return text or None


def _under_heading(
    paragraphs: Sequence[Paragraph], word: str, start_re: re.Pattern[str]
) -> str | None:
    """The text of the paragraphs whose heading is ``word`` (``Comment``, ``Summary: ...``).

    Under a ``Summary`` heading the summary runs to its ``End Summary``, or is
    the first paragraph when there is none.
    """
    key = word.upper()
    under = [p for p in paragraphs if p.heading is not None and p.heading.upper().startswith(key)]
    ends = [_end_marker(p.text, word) for p in under]
    if word == "summary" and under:
        closing = next((i for i, e in enumerate(ends) if e is not None), 0)
        under, ends = under[: closing + 1], ends[: closing + 1]
    pieces: list[str] = []
    for p, e in zip(under, ends, strict=True):
        text = p.text if e is None else p.text[:e]
        m = start_re.match(text)
        if m is not None:
            text = text[m.end() :]
        cleaned = _tidy(text)
        if cleaned:
            pieces.append(cleaned)
    return "\n\n".join(pieces) if pieces else None


def _before_end_marker(texts: Sequence[str]) -> str | None:
    """With only an ``End Summary`` marker: the text before it, from its paragraph's start."""
    for text in texts[:6]:
        end = _end_marker(text, "summary")
        if end is not None:
            return _tidy(text[:end])
    return None


# --------------------------------------------------------------------------
# signature

_NAME_UPPER_RE = re.compile(r"[A-Z][A-Z'’\-]*[A-Z]|[A-Z]")
_NAME_MIXED_RE = re.compile(r"(?:[A-Z][a-z'’]*){1,3}(?:-[A-Z][a-z]+)?|[A-Z]'[A-Z][a-z]+")
_PARTICLES = frozenset({"van", "von", "de", "da", "del", "della", "der", "den", "du", "la", "le"})
_SUFFIX_WORDS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NOT_NAMES = frozenset(
    {
        "END", "BEGIN", "SUMMARY", "COMMENT", "COMMENTS", "TEXT", "NOTE", "SIPDIS", "NNNN", "BT",
        "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "LIMDIS", "EXDIS", "NODIS",
        "STADIS", "SENSITIVE", "QUOTE", "UNQUOTE", "ENDQUOTE", "MINIMIZE", "CONSIDERED", "REPEAT",
        "TAGS", "SUBJECT", "FOUO", "PAGE", "SECTION", "ACTION", "INFO", "FOR", "OF", "THE", "AND",
        "TO", "IN", "ON", "AT", "BY", "A", "AN", "OR", "IS", "NO", "NOT", "PARA", "PARAGRAPH",
        "REFTEL", "REF", "OK", "THANKS", "REGARDS", "EMBASSY", "CONSULATE", "MISSION", "POST",
        "DEPARTMENT", "STATE", "USG", "US", "USA", "UN", "EU", "NATO", "CABLE", "MESSAGE",
        "CLASSIFIED", "DECL", "DECLASSIFIED", "PASS", "DRAFTED", "CLEARED", "APPROVED", "ALSO",
        "BACKGROUND", "UPDATE", "CONCLUSION", "SIGNATURE", "FYI", "BEST", "SINCERELY", "PART",
    }
)  # fmt: skip
# Words that may stand before the name on the signature line: ``MINIMIZE CONSIDERED HALLAM``,
# ``END COMMENT HALLAM``, ``MWANZA UNQUOTE MWANZA``.
_LEAD_WORDS = frozenset(
    {"MINIMIZE", "CONSIDERED", "END", "TEXT", "COMMENT", "UNQUOTE", "ENDQUOTE", "QUOTE"}
)
_PUNCT_BEFORE_NAME = '.!?)"”’:;*'
_TRAILING_NAME_RE = re.compile(
    r"(?P<pre>.*?)\s*(?P<name>[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2})"
    r"(?:\s+\d{4}-\d{2}-\d{2})?\s*\.?$"
)
_PAGE_MARK_TAIL_RE = re.compile(
    r"\s[A-Za-z][A-Za-z '-]{0,30}\s0\d{3,9}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}$", re.IGNORECASE
)
_DATE_SUFFIX_RE = re.compile(r"\s+\d{4}-\d{2}-\d{2}$")
_END_BEFORE_RE = re.compile(r"\bEND\b[\w ]{0,20}$", re.IGNORECASE)
_ABBREV_END_RE = re.compile(r"(?:\b[A-Z]\.){1,3}$")

_ALNUM_RE = re.compile(r"[^\W_]")
# Lines that follow the signature in some copies: website blurbs, a newspaper's
# print trailer, archive stamps, database residue.
_TAIL_JUNK_RE = re.compile(
    r"(?:\"?(?:Please\s+)?visit\b|You can also access|Track\b|ID:\s*\d|SELECT\s|"
    r"Declassified/Released|Systematic Review|End Cable Text|End text of cable|EPET\b)",
    re.IGNORECASE,
)
_MAX_SIGNERS = 3
# How much of a long last line is searched for a trailing signature.
_TAIL_WINDOW = 160
_BLURB_START_RE = re.compile(
    r"(?:\(U\)\s*)?[\"“]?(?:Please\s+)?visit\b.{0,40}\b(?:web\s?site|site|page|portal)"
    r"|You can also access|\*{5,}",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class _Signature:
    """The signers and where the signature starts among the cleaned rows."""

    signers: tuple[str, ...]
    cut_row: int
    cut_col: int | None = None


def extract_signers(lines: Sequence[str]) -> tuple[str, ...]:
    """The signature surname(s) at the end of the body, as written (``HALLAM``, ``VAN DER BERG``).

    The signature is the last name line, or consecutive lines for a cable with
    two signers, after which only ``BT``, ``NNNN``, serials, footers, website
    blurbs and archive stamps follow; or a name at the end of the last text
    line after a full stop, ``END COMMENT`` or a URL
    (``... has cleared this cable. HALLAM``). Headings, ``END SUMMARY``,
    banners, caveats and redactions (``XXXXXXXXXXXX``) are not names.
    """
    return _cleaned(lines)[2].signers


def _signature(clean: Sequence[tuple[int, str]]) -> _Signature:
    """Find the signature by walking back from the last row."""
    k = len(clean) - 1
    while k >= 0:
        s = clean[k][1]
        if s and _is_blurb(s) and _trailing_name(s) is not None:
            break
        if _is_tail_junk(s) or _is_blurb(s):
            k -= 1
            continue
        break
    if k < 0:
        return _Signature((), len(clean))
    names: list[str] = []
    start = k + 1
    while k >= 0 and len(names) < _MAX_SIGNERS:
        s = clean[k][1]
        if not s:
            break
        found = _name_line(s)
        if found is None and not names and _lone_lower(s, clean, k):
            found = [s]
        if found is not None and not _signer_fits(s, names, clean, k):
            found = None
        if found is None:
            if _lower_echo(s, clean, k):
                k -= 1
                continue
            break
        names[:0] = found
        start = k
        k -= 1
    if names:
        return _Signature(_dedupe(names), _blurb_start(clean, start), None)
    s = clean[start - 1][1]
    trailing = _trailing_name(s)
    if trailing is not None:
        if _BLURB_START_RE.match(s) is not None:
            return _Signature((trailing[0],), _blurb_start(clean, start - 1), None)
        return _Signature((trailing[0],), _blurb_start(clean, start - 1), trailing[1])
    return _Signature((), _blurb_start(clean, len(clean)))


def _blurb_start(clean: Sequence[tuple[int, str]], row: int) -> int:
    """Where the post's website blurb before the signature starts (or ``row`` if none).

    ``Visit Lusaka's Classified Website: http://...`` is boilerplate, not the
    last paragraph's text.
    """
    k = row - 1
    found = row
    while k >= 0 and row - k <= 8:
        s = clean[k][1]
        if _BLURB_START_RE.match(s) is not None:
            found = k
        elif s and _has_alnum(s) and not _has_url(s):
            break
        k -= 1
    return found


def _has_url(s: str) -> bool:
    """Whether a line holds a web address or a piece of one (``index.c fm``, ``Portal:``)."""
    return "http" in s or "www." in s or ".gov" in s or "cfm" in s or "Portal:" in s


def _has_alnum(s: str) -> bool:
    """Whether a line holds any letter or digit."""
    return _ALNUM_RE.search(s) is not None


def _is_tail_junk(s: str) -> bool:
    """What may follow a signature: blanks, dots, ``>``, stamps, a print trailer."""
    if not s or not _has_alnum(s):
        return True
    if s.endswith(("...", "…")) or "@" in s:
        return True
    return _TAIL_JUNK_RE.match(s) is not None


def _is_blurb(s: str) -> bool:
    """A line of the post's website blurb (``Visit Lusaka's Classified Website: http...``)."""
    return _has_url(s) or _TAIL_JUNK_RE.match(s) is not None


def _name_line(s: str) -> list[str] | None:
    """The name(s) a line holds when it is nothing but a name, else None."""
    if len(s) > 50:
        return None
    text = _DATE_SUFFIX_RE.sub("", s).rstrip(" .")
    tokens = text.split()
    while tokens and tokens[0].upper() in _LEAD_WORDS:
        tokens = tokens[1:]
    if "UNQUOTE" in tokens:
        cut = tokens.index("UNQUOTE")
        tokens = tokens[cut + 1 :] or tokens[:cut]
    if not tokens or len(tokens) > 6:
        return None
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and [t.casefold() for t in tokens[:half]] == [
        t.casefold() for t in tokens[half:]
    ]:
        tokens = tokens[:half]
    if len(tokens) > 3:
        return None
    return [" ".join(tokens)] if _name_tokens(tokens) else None


def _name_tokens(tokens: Sequence[str]) -> bool:
    """Whether tokens make a surname: ``HALLAM``, ``VAN DER BERG``, ``LeMarchand``, ``Ray jr``."""
    core = [t for t in tokens if t.lower() not in _SUFFIX_WORDS]
    if not core:
        return False
    upper = all(t.isupper() for t in core if t.lower() not in _PARTICLES)
    for tok in core:
        if tok.upper() in _NOT_NAMES or set(tok.upper()) <= {"X"}:
            return False
        if upper:
            if _NAME_UPPER_RE.fullmatch(tok) is None and tok.lower() not in _PARTICLES:
                return False
        elif tok not in _PARTICLES and _NAME_MIXED_RE.fullmatch(tok) is None:
            return False
    return not (len(core) == 1 and len(core[0]) < 2)


def _closes(clean: Sequence[tuple[int, str]], k: int) -> bool:
    """Whether the row before ``k`` ends a sentence, so that row ``k`` can start a signature."""
    if k == 0:
        return True
    prev = clean[k - 1][1]
    return (
        not prev
        or prev[-1] in _PUNCT_BEFORE_NAME
        or prev[-1] == ","
        or not _has_alnum(prev)
        or _END_BEFORE_RE.search(prev[-40:]) is not None
        or _is_blurb(prev)
        or (prev.isupper() and all(w in _LEAD_WORDS for w in prev.split()))
    )


def _signer_fits(s: str, later: Sequence[str], clean: Sequence[tuple[int, str]], k: int) -> bool:
    """Whether a name line at row ``k`` is a signer, given the signers found below it.

    The last signer may follow a sentence that lost its full stop; a name line
    ending in a full stop, and any earlier (second) signer, must follow a
    finished sentence, and a second signer is written like the first.
    """
    if not later:
        return not s.endswith(".") or _closes(clean, k)
    if s.endswith(".") or s.isupper() != later[0].isupper():
        return False
    return _closes(clean, k)


def _lone_lower(s: str, clean: Sequence[tuple[int, str]], k: int) -> bool:
    """A lower-case surname alone on the last line after a finished sentence (``hallam``)."""
    if not s.isalpha() or not s.islower() or len(s) < 3 or s.upper() in _NOT_NAMES:
        return False
    j = k - 1
    while j >= 0 and not clean[j][1]:
        j -= 1
    if j < 0:
        return False
    prev = clean[j][1]
    return (
        prev[-1] in _PUNCT_BEFORE_NAME
        or not _has_alnum(prev)
        or _END_BEFORE_RE.search(prev[-40:]) is not None
        or _is_blurb(prev)
    )


def _lower_echo(s: str, clean: Sequence[tuple[int, str]], k: int) -> bool:
    """A lower-case repeat of the signature line above it (``Hallam`` / ``hallam``)."""
    if not s.islower() or " " in s.strip() or k == 0:
        return False
    return clean[k - 1][1].casefold() == s.casefold()


def _trailing_name(line: str) -> tuple[str, int] | None:
    """A signature at the end of the last text line, and where it starts."""
    base = max(0, len(line) - _TAIL_WINDOW)
    if base:
        found = _trailing_name(line[base:])
        return None if found is None else (found[0], found[1] + base)
    s = line
    m = _TRAILING_NAME_RE.match(s)
    if m is None:
        return None
    pre = m.group("pre").rstrip()
    name = m.group("name")
    tokens = name.split()
    if not name.isupper():
        upper_tail = len(tokens)
        while upper_tail > 0 and tokens[upper_tail - 1].isupper():
            upper_tail -= 1
        if upper_tail < len(tokens):
            tokens = tokens[upper_tail:]
    while tokens and tokens[0].upper() in _LEAD_WORDS and pre:
        tokens = tokens[1:]
    if not tokens or not pre:
        return None
    start = m.end("name") - len(" ".join(tokens))
    name = s[start : m.end("name")]
    if not _name_tokens(tokens):
        return None
    upper = name.isupper()
    if not upper and len(tokens) > 1:
        return None
    pre = s[:start].rstrip()
    page = _PAGE_MARK_TAIL_RE.search(pre)
    if page is not None:
        pre = pre[: page.start()].rstrip()
    if not pre:
        return None
    if (
        pre[-1] not in _PUNCT_BEFORE_NAME
        and not _END_BEFORE_RE.search(pre[-40:])
        and not _has_url(pre)
    ):
        return None
    if not upper and _ABBREV_END_RE.search(pre) is not None:
        return None
    if pre.isupper() and len(tokens) > 1 and not _END_BEFORE_RE.search(pre[-40:]):
        return None
    return name, start


def _dedupe(names: Sequence[str]) -> tuple[str, ...]:
    """Names in order, case-insensitively without repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)


# --------------------------------------------------------------------------
# one cleaning per body

# A body's cleaning as :func:`clean_lines` gives it, the same without caveats (what
# the paragraph reader uses), and the signature.
_Cleaned = tuple[list[tuple[int, str]], list[tuple[int, str]], _Signature]
# The last body and its cleaning, as one tuple so that a thread never sees a key
# with another body's value.
_last: tuple[tuple[str, ...], _Cleaned] = ((), ([], [], _Signature((), 0)))


def _cleaned(lines: Sequence[str]) -> _Cleaned:
    """The cleaning and the signature, remembered for the last body.

    The parser asks for the clean lines, the paragraphs and the signers of the
    same body in turn; the work is done once.
    """
    global _last
    key = tuple(lines)
    last = _last
    if key == last[0]:
        return last[1]
    public, caveats = _clean(key)
    clean = _without_caveats(public, caveats)
    value = (public, clean, _signature(clean))
    _last = (key, value)
    return value
