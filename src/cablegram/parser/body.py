"""The cable body after the front matter: paragraphs, summary, comment, signature.

A body, as published, is the typed text interleaved with what the transmission
and the printers added: page-break lines (``PAGE 02 STATE 123456`` or
``ABU DHABI 00000187  002 OF 002``), page footers (``CONFIDENTIAL``), the
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
from dataclasses import dataclass, field

from cablegram.model import Paragraph

# --------------------------------------------------------------------------
# clean_lines: what is not text

# ``PAGE 02 STATE 123456`` and the old print format
# ``PAGE 02 HARARE 06677 01 OF 03 291400Z <text that goes on>``.
_PAGE_RE = re.compile(
    r"PAGE\s+\d{1,3}\b(?:\s+OF\s+\d{1,3}\b)?(?:[^\n]*?\b\d{6}Z\b\s*(?P<rest>.*)|[^\n]*)$"
)
# Cablegate's page marker: ``ABU DHABI 00000187  002 OF 002``, ``Beijing 00002964 002 of 005``.
_PAGE_MARK_RE = re.compile(
    r"[A-Za-z][A-Za-z .'-]{0,30}\s0*\d{1,7}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}", re.IGNORECASE
)
# The same marker with text after it on the line (``RIO DE JAN 00000285 002 OF 002 HEARNE``).
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
    out: list[tuple[int, str]] = []
    seen_banner = False
    n = len(lines)
    i = 0
    while i < n:
        s = lines[i].strip()
        if not s:
            out.append((i, ""))
            i += 1
            continue
        if s[0] == "¶":
            s = s.lstrip("¶ ")
        first = s[0]
        if first == "P" and s.startswith("PAGE"):
            m = _PAGE_RE.match(s)
            if m is not None:
                _drop_trailing_class(out)
                rest = (m.group("rest") or "").strip()
                if rest and not _is_noise(rest):
                    out.append((i, rest))
                i += 1
                continue
        if _is_noise(s):
            i += 1
            continue
        if "000" in s and first.isalpha():
            m = _PAGE_MARK_PREFIX_RE.match(s)
            if m is not None:
                s = s[m.end() :]
                first = s[0]
        if first in "SCUL" and len(s) > 1 and s[1] in " EONI" and _BANNER_RE.match(s) is not None:
            if seen_banner:
                i = _skip_repeated_header(lines, i + 1)
                continue
            seen_banner = True
        elif (
            seen_banner
            and first in "ZOPRM"
            and len(s) < 30
            and _DTG_LINE_RE.fullmatch(s) is not None
        ):
            # Routing lines of the next section: skip them up to and through its banner.
            j = _find_banner(lines, i + 1)
            if j >= 0:
                i = _skip_repeated_header(lines, j + 1)
                continue
        out.append((i, s))
        i += 1
    return out


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
_MARK_ONLY_RE = re.compile(r"\(\s*(?P<mark>[A-Za-z][A-Za-z/, .\-]{0,40}?)\s*\)\s*")
_MARK_HEADS = frozenset(
    {"U", "SBU", "C", "S", "TS", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS", "LOU", "FOUO"}
)
_MARK_SPLIT_RE = re.compile(r"[/ ,\-]")
_MARK_SPACE_RE = re.compile(r"\s*(/+)\s*|\s+")
_DASH_CHARS = frozenset("-=_* ")
_SUB_ITEM_RE = re.compile(r"(?:--|-\s|\*|•|o\s|\(?[A-Za-z0-9]{1,2}\)\s|[A-Za-z]\.\s|\d{1,2}\.\s)")
# What the line before a sub-item ends with: a sub-item after ``... in the`` is a wrapped dash.
_ITEM_BEFORE = frozenset(".:;!?)\"”’")
_CLASSIFIED_BY_RE = re.compile(r"(?:\(U\)\s*)?CLAS+I?FI?E?D\s+BY\b", re.IGNORECASE)
_EMBEDDED_PARA_RE = re.compile(
    r"\s(?:1\s?[.)]|\(1\))\s*\(\s*(?:U|SBU|C|S|TS|[CS]\s?/\s?/?\s?[A-Z]+)\s*\)", re.IGNORECASE
)
_FRONT_ANCHOR_RE = re.compile(
    r"(?:E\s?\.?\s?O\s?\.?\s*\d{5}|TAGS?\b|TAGE|SUBJ(?:ECT)?\b|REF(?:S|TEL|TELS|ERENCES?)?\b"
    r"|CLAS+I?FI?E?D\s+BY|\(U\)\s*CLASSIFIED\s+BY)",
    re.IGNORECASE,
)
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


def _is_sub_item(text: str) -> bool:
    """Whether a line opens a sub-item: ``A.``, ``--``, ``-``, ``(a)``, ``1)``, ``*``."""
    first = text[0]
    if not (first in "-*•(o" or text[1:2] in (".", ")") or text[2:3] in (".", ")")):
        return False
    return _SUB_ITEM_RE.match(text) is not None


def _squeeze(text: str) -> str:
    """Collapse runs of spaces inside lines, keep the newlines between them."""
    if "  " not in text and "\t" not in text:
        return text.strip()
    return "\n".join(" ".join(part.split()) for part in text.split("\n")).strip()


def normalize_portion_mark(mark: str) -> str | None:
    """The portion mark in canonical spacing and case, or None if it is not one.

    ``( c )`` -> ``C``, ``S / NF`` -> ``S/NF``, ``S//Rel UK`` -> ``S//REL UK``;
    ``(U.S.)`` or ``(Iran)`` are not marks.
    """
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
    if len(s) > _MAX_HEADING or not any(c.isalpha() for c in s):
        return None
    text = s.strip(" -=_*")
    if not text or (text[-1] in ".,;" and not text.endswith("...")) or text.split(" ", 1)[0].upper() in _END_TOKENS:
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
    clean = _cleaned(lines)
    sig = _signature(clean)
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
            if st is not None and (st.mark is not None or not in_block) and (st.number or 0) <= 30:
                if _CLASSIFIED_BY_RE.match(st.rest) is None:
                    return k, None
        if labels_seen and first in "-=_" and _is_dash_line(s):
            return k, None
        if _FRONT_ANCHOR_RE.match(s) is not None or _CLASSIFIED_BY_RE.match(s) is not None:
            labels_seen = True
            in_block = True
            last_ref = s[:3].upper() == "REF"
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


def _first_text_block(rows: Sequence[tuple[int, str]]) -> int:
    """Without front-matter labels: the first line that reads like prose (has lower case)."""
    for k, (_idx, s) in enumerate(rows[:60]):
        if len(s) > 30 and any(c.islower() for c in s) and k > 0:
            return k
    return min(len(rows), 1)


_BLANK, _DASH, _TEXT, _PARA, _MARK, _HEADING = range(6)


def _paragraphs(rows: Sequence[tuple[int, str]], first_line: int) -> tuple[Paragraph, ...]:
    """Assemble paragraphs from the cleaned rows after the front matter."""
    rows = _without_caveats(rows)
    scan = _Scan()
    kinds, starts, candidates = _classify(rows, scan)
    numbered = scan.prev is not None
    _mark_headings(rows, kinds, candidates, numbered=numbered)
    out: list[Paragraph] = []
    heading: str | None = None
    number: int | None = None
    mark: str | None = None
    line = 0
    parts: list[str] | None = None
    gap = False
    after_gap = True
    for (idx, s), kind, start in zip(rows, kinds, starts, strict=True):
        if kind == _TEXT and parts is not None and (numbered or not after_gap):
            if not parts:
                parts.append(s)
            else:
                parts.append(_joiner(parts[-1], s, gap))
                parts.append(s)
            gap = after_gap = False
            continue
        if kind == _BLANK or kind == _DASH:
            gap = gap or kind == _BLANK
            after_gap = True
            continue
        _finish(out, number, mark, heading, line, parts)
        gap = after_gap = False
        if kind == _HEADING:
            heading = _heading_text(s)
            parts = None
            after_gap = True
            continue
        line = first_line + idx
        if start is not None and (kind == _PARA or kind == _MARK):
            number, mark = start.number, start.mark
            parts = [start.rest] if start.rest else []
        else:
            number, mark = None, None
            parts = [s]
    _finish(out, number, mark, heading, line, parts)
    return tuple(out)


def _joiner(prev: str, text: str, gap: bool) -> str:
    """What joins a line to the one before it in a paragraph: space, newline or nothing."""
    first = text[0]
    if gap:
        return " " if first.islower() else "\n"
    last = prev[-1]
    if last in _ITEM_BEFORE and _is_sub_item(text):
        return "\n"
    if last == "-" and first.islower() and len(prev) > 1 and prev[-2].isalpha():
        return ""
    return " "


def _finish(
    out: list[Paragraph],
    number: int | None,
    mark: str | None,
    heading: str | None,
    line: int,
    parts: list[str] | None,
) -> None:
    """Add the paragraph built from ``parts`` to ``out`` (an empty unnumbered one is dropped)."""
    if parts is None:
        return
    text = _squeeze("".join(parts))
    if text or number is not None:
        out.append(Paragraph(number=number, text=text, portion_mark=mark, heading=heading, line=line))


def _without_caveats(rows: Sequence[tuple[int, str]]) -> Sequence[tuple[int, str]]:
    """Drop ``SIPDIS`` lines inside the body and the ``SIPDIS`` glued to the start of a line."""
    if not any(s.startswith("SIPDIS") for _i, s in rows):
        return rows
    out: list[tuple[int, str]] = []
    for idx, s in rows:
        if s.startswith("SIPDIS"):
            rest = s[6:].strip()
            if not rest:
                continue
            if s[6] == " ":
                s = rest
        out.append((idx, s))
    return out


def _classify(
    rows: Sequence[tuple[int, str]], scan: _Scan
) -> tuple[list[int], list[_Start | None], list[int]]:
    """Label each row (blank, dash, para, mark or text) with its paragraph opening.

    Also returns the rows that could be headings: text after a blank or dash
    line, or text right above a dash line.
    """
    kinds: list[int] = []
    starts: list[_Start | None] = []
    candidates: list[int] = []
    after_gap = True
    for k, (_idx, s) in enumerate(rows):
        if not s:
            kinds.append(_BLANK)
            starts.append(None)
            after_gap = True
            continue
        first = s[0]
        if first in "-=_*" and _is_dash_line(s):
            kinds.append(_DASH)
            starts.append(None)
            if k and kinds[k - 1] == _TEXT:
                candidates.append(k - 1)
            after_gap = True
            continue
        kind = _TEXT
        st = _para_start(s) if first.isdigit() or first in "(Pp" else None
        if st is not None and _accept(st, scan, after_gap):
            if scan.prev is None:
                scan.style = st.style
                scan.marked = st.mark is not None
            scan.prev = st.number
            kind = _PARA
        elif after_gap and first == "(":
            st = _mark_start(s)
            if st is not None:
                kind = _MARK
        elif after_gap:
            candidates.append(k)
        kinds.append(kind)
        starts.append(st)
        after_gap = False
    return kinds, starts, candidates


def _mark_headings(
    rows: Sequence[tuple[int, str]], kinds: list[int], candidates: Sequence[int], *, numbered: bool
) -> None:
    """Turn candidate rows into headings: underlined short lines, or standalone ones before a paragraph."""
    n = len(rows)
    for k in candidates:
        if kinds[k] != _TEXT:
            continue
        s = rows[k][1]
        if len(s) > _MAX_HEADING:
            continue
        nxt = kinds[k + 1] if k + 1 < n else -1
        prev_kind = kinds[k - 1] if k > 0 else _BLANK
        if prev_kind not in (_BLANK, _DASH, _HEADING):
            if nxt != _DASH or rows[k - 1][1][-1] not in _ITEM_BEFORE:
                continue
        if _heading_text(s) is None:
            continue
        if nxt == _DASH:
            kinds[k] = _HEADING
            continue
        if nxt not in (_BLANK, _PARA, _MARK):
            continue
        following = _next_content(kinds, k + 1)
        if following in (_PARA, _MARK) or (following == _DASH and prev_kind == _DASH):
            if _looks_upper_heading(s) or len(s) <= 60:
                kinds[k] = _HEADING
        elif not numbered and following == _TEXT and _looks_upper_heading(s) and len(s) <= 60:
            kinds[k] = _HEADING


def _next_content(kinds: Sequence[int], k: int) -> int:
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
_SUMMARY_WORD_RE = re.compile(r"summary", re.IGNORECASE)
# What must follow the word at a marker that opens mid-paragraph: ``Summary:``, ``SUMMARY.``.
_SUMMARY_MID_RE = re.compile(r"SUMMARY(?:\s+AND\s+COMMENTS?)?\s*[:.\-]+\s*", re.IGNORECASE)
_SUMMARY_END_RE = re.compile(
    r"\bEND\s+(?:OF\s+)?(?:EXECUTIVE\s+)?SUMMARY(?:\s+AND\s+(?:COMMENTS?|[A-Z]+(?:\s+[A-Z]+)?))?"
    r"\s*[.:)]*",
    re.IGNORECASE,
)
_COMMENT_START_RE = re.compile(
    r"(?:(?:BEGIN|EMBASSY|POST|MISSION|USUN|USNATO|USEU|CONSULATE|DEPARTMENT|DEPT|AMBASSADOR'?S?"
    r"|[A-Z]{3,12}(?=\s+COMMENT))\s+)?COMMENTS?(?:\s+AND\s+(?:ACTION\s+REQUESTS?|"
    r"RECOMMENDATIONS?|ANALYSIS))?\s*(?:[:.\-]+|(?=\s+[A-Z(\"“]))\s*",
    re.IGNORECASE,
)
_COMMENT_WORD_RE = re.compile(r"comment", re.IGNORECASE)
_COMMENT_MID_RE = re.compile(r"COMMENTS?\s*[:.\-]+\s*", re.IGNORECASE)
_COMMENT_END_RE = re.compile(
    r"\bEND\s+(?:OF\s+)?(?:[A-Z]{2,12}\s+)?COMMENTS?\s*[.:)]*", re.IGNORECASE
)
# Characters after which a marker may open mid-paragraph: ``End Summary. Comment: ...``,
# ``(Comment: ...``.
_MARKER_BEFORE = frozenset(".:;)(\n\"”")
_SPAN = 12


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
            found, _last = _span(texts, k, m.end(), _SUMMARY_END_RE, require_end=False)
            if found:
                return found
        for offset in _mid_markers(text, _SUMMARY_WORD_RE, _SUMMARY_MID_RE):
            found, _last = _span(texts, k, offset, _SUMMARY_END_RE, require_end=True)
            if found:
                return found
    under = _under_heading(paragraphs, "SUMMARY", _SUMMARY_START_RE, _SUMMARY_END_RE)
    if under:
        return under
    return _before_end_marker(texts, _SUMMARY_END_RE)


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
        piece: str | None = None
        last = k
        if "omment" in text or "OMMENT" in text:
            piece, last = _comment_at(texts, k)
        if piece:
            found.append(piece)
            used.update(range(k, last + 1))
            k = last + 1
        else:
            k += 1
    rest = [p for i, p in enumerate(paragraphs) if i not in used]
    heading_part = _under_heading(rest, "COMMENT", _COMMENT_START_RE, _COMMENT_END_RE)
    if heading_part:
        found.append(heading_part)
    return "\n\n".join(found) if found else None


def _comment_at(texts: Sequence[str], k: int) -> tuple[str | None, int]:
    """The comment that paragraph ``k`` opens or holds, and its last paragraph's index."""
    text = texts[k]
    m = _COMMENT_START_RE.match(text)
    if m is not None and not text[:12].upper().startswith("SUMMARY"):
        return _span(texts, k, m.end(), _COMMENT_END_RE, require_end=False)
    for offset in _mid_markers(text, _COMMENT_WORD_RE, _COMMENT_MID_RE):
        piece, last = _span(texts, k, offset, _COMMENT_END_RE, require_end=True)
        if piece:
            return piece, last
    return None, k


def _mid_markers(text: str, word_re: re.Pattern[str], marker_re: re.Pattern[str]) -> list[int]:
    """Offsets just after markers that open inside a paragraph (``... End Summary. Comment: ``).

    The marker must follow the start of a sentence or a parenthesis, perhaps
    with one word between (``(Embassy comment:``, ``BEGIN SUMMARY.``).
    """
    out: list[int] = []
    for w in word_re.finditer(text):
        pos = w.start()
        if pos == 0:
            continue
        m = marker_re.match(text, pos)
        if m is None:
            continue
        before = text[max(0, pos - 20) : pos].rstrip()
        if before and before[-1] not in _MARKER_BEFORE:
            word_start = before.rfind(" ") + 1
            word = before[word_start:]
            if not word.isalpha() or not word[0].isupper():
                continue
            before = before[:word_start].rstrip()
        if not before or before[-1] in _MARKER_BEFORE:
            out.append(m.end())
    return out


def _span(
    texts: Sequence[str], k: int, offset: int, end_re: re.Pattern[str], *, require_end: bool
) -> tuple[str | None, int]:
    """The marked text starting at ``texts[k][offset:]`` and the index of its last paragraph.

    It ends at an end marker in the same paragraph or one of the next few. With
    no end marker it is the rest of its paragraph, or nothing if
    ``require_end``.
    """
    first = texts[k][offset:]
    m = end_re.search(first)
    if m is not None:
        return _tidy(first[: m.start()]), k
    pieces = [first]
    for j in range(k + 1, min(len(texts), k + _SPAN)):
        m = end_re.search(texts[j])
        if m is not None:
            pieces.append(texts[j][: m.start()])
            return _tidy("\n\n".join(pieces)), j
        pieces.append(texts[j])
    if require_end:
        return None, k
    return _tidy(first), k


def _tidy(text: str) -> str | None:
    """Strip the separators a marker leaves behind; None when nothing is left."""
    text = text.strip().strip("-").strip()
    if text.endswith("("):
        text = text[:-1].rstrip()
    return text or None


def _under_heading(
    paragraphs: Sequence[Paragraph],
    word: str,
    start_re: re.Pattern[str],
    end_re: re.Pattern[str],
) -> str | None:
    """The text of the paragraphs whose heading is ``word`` (``Comment``, ``Summary: ...``)."""
    pieces: list[str] = []
    for p in paragraphs:
        head = p.heading
        if head is None or not head.upper().startswith(word):
            continue
        text = p.text
        m = start_re.match(text)
        if m is not None:
            text = text[m.end() :]
        e = end_re.search(text)
        if e is not None:
            text = text[: e.start()]
        cleaned = _tidy(text)
        if cleaned:
            pieces.append(cleaned)
    return "\n\n".join(pieces) if pieces else None


def _before_end_marker(texts: Sequence[str], end_re: re.Pattern[str]) -> str | None:
    """With only an end marker: the text before it, from the start of its paragraph."""
    for text in texts[:6]:
        if "ummar" in text or "UMMAR" in text:
            m = end_re.search(text)
            if m is not None:
                return _tidy(text[: m.start()])
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
# Words that may stand before the name on the signature line: ``MINIMIZE CONSIDERED SHANNON``,
# ``END COMMENT RAY``, ``CLINTON UNQUOTE CLINTON``.
_LEAD_WORDS = frozenset(
    {"MINIMIZE", "CONSIDERED", "END", "TEXT", "COMMENT", "UNQUOTE", "ENDQUOTE", "QUOTE"}
)
_PUNCT_BEFORE_NAME = ".!?)\"”’:;*"
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
_URL_HINTS = ("http", "www.", ".gov", ".cfm", " cfm", "Portal:")
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
    """The signature surname(s) at the end of the body, as written (``GRAPPO``, ``VAN VOORST``).

    The signature is the last name line, or consecutive lines for a cable with
    two signers, after which only ``BT``, ``NNNN``, serials, footers, website
    blurbs and archive stamps follow; or a name at the end of the last text
    line after a full stop, ``END COMMENT`` or a URL
    (``... has cleared this cable. OLSON``). Headings, ``END SUMMARY``,
    banners, caveats and redactions (``XXXXXXXXXXXX``) are not names.
    """
    return _signature(_cleaned(lines)).signers


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

    ``Visit London's Classified Website: http://...`` is boilerplate, not the
    last paragraph's text.
    """
    k = row - 1
    found = row
    while k >= 0 and row - k <= 8:
        s = clean[k][1]
        if _BLURB_START_RE.match(s) is not None:
            found = k
        elif s and any(c.isalnum() for c in s) and not any(h in s for h in _URL_HINTS):
            break
        k -= 1
    return found


def _is_tail_junk(s: str) -> bool:
    """What may follow a signature: blanks, dots, ``>``, stamps, a print trailer."""
    if not s or not any(c.isalnum() for c in s):
        return True
    if s.endswith(("...", "…")) or "@" in s:
        return True
    return _TAIL_JUNK_RE.match(s) is not None


def _is_blurb(s: str) -> bool:
    """A line of the post's website blurb (``Visit London's Classified Website: http...``)."""
    return any(h in s for h in _URL_HINTS) or _TAIL_JUNK_RE.match(s) is not None


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
    """Whether tokens make a surname (``GRAPPO``, ``VAN VOORST``, ``LeBaron``, ``Timken jr``)."""
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
        or not any(c.isalnum() for c in prev)
        or _END_BEFORE_RE.search(prev) is not None
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
    """A lower-case surname alone on the last line after a finished sentence (``curran``)."""
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
        or not any(c.isalnum() for c in prev)
        or _END_BEFORE_RE.search(prev) is not None
        or _is_blurb(prev)
    )


def _lower_echo(s: str, clean: Sequence[tuple[int, str]], k: int) -> bool:
    """A lower-case repeat of the signature line above it (``Huntsman`` / ``huntsman``)."""
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
    if pre[-1] not in _PUNCT_BEFORE_NAME and not _END_BEFORE_RE.search(pre):
        if not any(h in pre for h in _URL_HINTS):
            return None
    if not upper and _ABBREV_END_RE.search(pre) is not None:
        return None
    if pre.isupper() and len(tokens) > 1 and not _END_BEFORE_RE.search(pre):
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

_cache_key: tuple[str, ...] | None = None
_cache_value: list[tuple[int, str]] = []


def _cleaned(lines: Sequence[str]) -> list[tuple[int, str]]:
    """:func:`clean_lines`, remembered for the last body (the parser asks several times)."""
    global _cache_key, _cache_value
    key = tuple(lines)
    if key == _cache_key:
        return _cache_value
    value = clean_lines(key)
    _cache_key, _cache_value = key, value
    return value
