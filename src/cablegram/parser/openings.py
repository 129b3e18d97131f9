"""How a paragraph opens: its number and its portion mark.

Paragraphs are numbered ``1.``, ``1)``, ``(1)`` or ``Para 1.`` and carry a
portion mark (``(C)``, ``( C )``, ``(S//NF)``); an unnumbered paragraph may
open with a mark alone (``(S//NF) We have ...``). Both the cleaner (which must
stop skipping a repeated section header at the first paragraph) and the
paragraph reader need to recognise an opening, so it lives here, apart from
both.

An opening is a plain tuple ``(number, style, mark, rest)`` rather than an
object: the paragraph reader builds one for most numbered lines of every cable,
and a tuple costs a tenth of a dataclass instance.
"""

from __future__ import annotations

import re
from functools import lru_cache

# ``number`` (None for a mark alone), ``style`` (``.``, ``)``, ``()``, ``para.``,
# ``mark``...: what separates the number), ``mark`` (normalised, or None) and
# ``rest`` (the text after the opening).
Opening = tuple[int | None, str, str | None, str]

PARA_START_RE = re.compile(
    r"(?:PARA(?:GRAPH)?\.?\s*)?"
    r"(?:\((?P<pn>\d{1,3})\)\.?|(?P<n>\d{1,3})\s?(?P<sep>[.)]|,(?=\s*\()|(?=\s+\()))(?![\d.])"
    r"\s*(?:(?P<open>\(\s*)?(?P<mark>[A-Za-z][A-Za-z/, .\-]{0,72}?)\s*\)(?:[.:](?=\s))?)?\s*",
    re.IGNORECASE,
)
# The common opening, ``12. (S/NF) Text``, matched without the general pattern's cost.
_PARA_QUICK_RE = re.compile(r"(\d{1,3})\.\s*\(([A-Z][A-Z/ ]{0,14})\)(?:[.:](?=\s))?\s*(?=\S)")
_MARK_ONLY_RE = re.compile(r"\(\s*(?P<mark>[A-Za-z][A-Za-z/, .\-]{0,72}?)\s*\)\s*")
_MARK_HEADS = frozenset(
    {"U", "SBU", "C", "S", "TS", "CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLAS", "LOU", "FOUO"}
)
_MARK_SPLIT_RE = re.compile(r"[/ ,\-]")
_MARK_SPACE_RE = re.compile(r"\s*(/+)\s*|\s+")
# ``Summary and comment. (C) ``: a label with the paragraph's portion mark after it.
_LABEL_MARK_RE = re.compile(
    r"((?:SUMMARY|COMMENT|BACKGROUND)(?:\s+AND\s+COMMENTS?)?\s*[.:])\s*"
    r"\(([A-Z][A-Z/ ]{0,10})\)\s+",
    re.IGNORECASE,
)
_LABEL_FIRST = frozenset("SsCcBb")
# Paragraph numbers as written, read without int() for the common ones.
_NUMBERS = {str(n): n for n in range(1, 100)}


@lru_cache(maxsize=1024)
def normalize_portion_mark(mark: str) -> str | None:
    """The portion mark in canonical spacing and case, or None if it is not one.

    ``( c )`` -> ``C``, ``S / NF`` -> ``S/NF``, ``S//Rel UK`` -> ``S//REL UK``;
    ``(U.S.)`` or ``(Iran)`` are not marks. Cached: a corpus holds a few dozen
    distinct marks, written on most paragraphs.
    """
    text = mark.strip().upper()
    if not text:
        return None
    head = _MARK_SPLIT_RE.split(text, maxsplit=1)[0]
    if head not in _MARK_HEADS:
        return None
    return _MARK_SPACE_RE.sub(lambda m: m.group(1) or " ", text).strip()


def para_start(s: str) -> Opening | None:
    """A numbered-paragraph opening at the start of a stripped, non-empty line, or None.

    A portion mark typed after a label (``1. Summary and comment. (C) The ...``) is the
    paragraph's mark; the label stays in the text.
    """
    opening = _para_start(s)
    if opening is None or opening[2] is not None or opening[3][:1] not in _LABEL_FIRST:
        return opening
    m = _LABEL_MARK_RE.match(opening[3])
    if m is None:
        return opening
    mark = normalize_portion_mark(m.group(2))
    if mark is None:
        return opening
    rest = opening[3]
    return opening[0], opening[1], mark, f"{m.group(1)} {rest[m.end() :]}"


def _para_start(s: str) -> Opening | None:
    first = s[0]
    if first.isdigit():
        quick = _PARA_QUICK_RE.match(s)
        if quick is not None:
            number, raw_mark = quick.group(1, 2)
            mark = normalize_portion_mark(raw_mark)
            if mark is not None:
                return _NUMBERS.get(number) or int(number), ".", mark, s[quick.end() :]
    elif not (first == "(" or (first in "Pp" and s[:4].upper() == "PARA")):
        return None
    m = PARA_START_RE.match(s)
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
    if not pn and not m.group("sep") and mark is None:
        return None  # ``10  (C)``: a number with no stop opens a paragraph only before a mark
    style = "()" if pn else (m.group("sep") or ".").replace(",", ".")
    if s[: m.start("pn" if pn else "n")].strip():
        style = "para" + style
    return int(pn or m.group("n")), style, mark, s[end:].strip()


def mark_start(s: str) -> Opening | None:
    """An unnumbered paragraph opening with a portion mark: ``(S//NF) We have ...``."""
    if s[0] != "(":
        return None
    m = _MARK_ONLY_RE.match(s)
    if m is None:
        return None
    mark = normalize_portion_mark(m.group("mark"))
    if mark is None or len(s) == m.end():
        return None
    return None, "mark", mark, s[m.end() :]
