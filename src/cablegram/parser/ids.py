"""Cable reference ids: ``07MUSCAT154`` from however a cable wrote it.

A cable cites another as ``STATE 16868`` (the citing cable's year implied),
``06 MUSCAT 01735``, ``2007 MANAGUA 2135``, ``ROME 1234 (08)``, ``ABU DHABI 123``
or in the compact form of the release, ``09CAIRO0561``. The canonical id is the
two-digit year, the origin token (spaces squeezed out, ``SECSTATE`` written
``STATE``) and the serial without leading zeros.

Whether ``WORD 123`` is a cable at all is decided by the origin tokens of
:mod:`cablegram.tables.posts`: ``STATE 12345`` is, ``PARA 3`` and ``UNSCR 1701``
are not. That table also forgives one-letter typos (``BRUSELS``), which is right
for an id written where an id is expected and wrong in running text, where
``PARAS 3`` would become Paris. :func:`scan_ids` therefore takes typo matches
only where the caller says the context is an id.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from cablegram.parser.dates import full_year
from cablegram.tables import posts

__all__ = ["IdHit", "canonical_id", "scan_ids", "split_id"]

_MAX_SERIAL = 999_999

# ``SECTION 02 OF 02`` glued into malformed release ids (``09SECION02OF02NAIROBI417``).
_SECTION_NOISE = re.compile(r"SECT?I?ON\s*\d{1,2}\s*OF\s*\d{1,2}")
# Words some writers put before the post: ``EMBASSY VIENNA 1``, ``05EMBASSYVIENNA1``.
_POST_PREFIXES = ("AMEMBASSY", "USEMBASSY", "EMBASSY", "AMCONSUL", "CONSULATE", "CONSUL")
_WRITTEN_ID = re.compile(
    r"(?:(\d{4}|\d{2})\s*)?"  # year before: 06 MUSCAT, 2007 MANAGUA, 09CAIRO
    r"([A-Z][A-Z .'-]*?)\s*"  # origin, possibly spaced
    r"(\d{1,8})"  # serial, possibly zero-padded
    r"(?:\s*\((\d{4}|\d{2})\))?"  # year after: ROME 1234 (08)
)
_SPLIT_ID = re.compile(r"(\d{2})([A-Z]+)(\d{1,8})")

# A serial in running text: digits right after a letter and optional blanks, not
# part of a longer number, a date (5/16), a decimal (1.4), a range (2-3) or a code.
_SERIAL = re.compile(r"(?<=[A-Za-z])([ \t\r\n]*)(\d{1,8})(?![\dA-Za-z%]|[.,:/-]\d)")
_TRAILING_LETTERS = re.compile(r"[A-Za-z]+$")
_GLUED_YEAR = re.compile(r"(\d{2})[A-Za-z]+$")
_YEAR_TAIL = re.compile(r"(?:^|(?<=[\s(]))(\d{4}|\d{2})$")
_YEAR_AFTER = re.compile(r"\s*\((\d{4}|\d{2})\)")
_MORE_SERIALS = re.compile(r"\s*(?:,|&|\band\b|\bAND\b)\s*(\d{1,8})(?![\dA-Za-z%]|[.,:/-]\d)")
_PAGE_TAIL = re.compile(r"(?i)\s+\d{2,3}(?:\.\d)?\s+OF\s+\d")
_PAGE_BEFORE = re.compile(r"(?i)\bPAGE\s+\d{1,3}\s+\Z")
_NEXT_WORDS = re.compile(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?(?:\s+([A-Za-z]+))?")
# Offices whose messages are numbered apart from State's telegrams.
_OTHER_SENDERS = frozenset({"USDAO", "DAO", "USDLO", "DATT", "ODC", "OSC", "MILGRP", "FBI"})
# Words after which a mixed-case ``Harare 885`` in running text is a citation.
_CITING_WORDS = frozenset({"SEE", "REF", "REFS", "REFTEL", "REFTELS", "PER", "CF", "CF."})


class IdHit(NamedTuple):
    """One cable id found in a text: where it stands and what it is.

    ``reference_id`` is None when the id carries no year and the caller gave none.
    ``end`` covers a trailing ``(08)`` year; ids that share a post and year
    (``09 BERLIN 12 AND 13``) come as separate hits with the same span.
    """

    start: int
    end: int
    reference_id: str | None


def _year2(written: str | None, year: int | None) -> int | None:
    """The two-digit year from a written year, else from the citing cable's."""
    if written is not None:
        value = int(written)
        if value >= 100:
            return value % 100 if 1900 <= value <= 2099 else None
        return value
    if year is None:
        return None
    return year % 100


def _serial(digits: str) -> int | None:
    value = int(digits)
    return value if 0 < value <= _MAX_SERIAL else None


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are as close as the typo matching of the posts table.

    That matching pairs words one dropped letter apart, or whose one-letter
    deletions meet (a changed or swapped letter, ``ROOM`` and ``ROME``).
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    da, db = _deletions(a), _deletions(b)
    return a in db or b in da or not da.isdisjoint(db)


@functools.lru_cache(maxsize=16384)
def _token(joined: str) -> tuple[str | None, bool]:
    """The canonical token for squeezed letters, and whether it was only a typo match.

    A result one edit away from what was written may be a typo correction
    (``BRUSELS``) or a real variant (``KIEV``); both count as typo matches, which
    callers accept only where an id is expected.
    """
    token = posts.token_alias(joined)
    if token is None:
        for prefix in _POST_PREFIXES:
            if joined.startswith(prefix) and len(joined) > len(prefix) + 2:
                return _token(joined[len(prefix) :])
        return None, False
    return token, token != joined and _one_edit(token, joined)


def _squeeze_origin(origin: str) -> str:
    return "".join(ch for ch in origin if ch.isalpha())


def canonical_id(text: str, *, year: int | None = None) -> str | None:
    """The canonical reference id of an id as written, or None when ``text`` is no id.

    Accepts the spaced forms cables use (``STATE 16868``, ``06 MUSCAT 01735``,
    ``2007 MANAGUA 2135``, ``ROME 1234 (08)``, ``USUN NEW YORK 55``) and the
    compact and malformed forms of the release (``09CAIRO0561``, ``06SECSTATE123``,
    ``05RIO123``, ``09SECION02OF02NAIROBI417``, ``05EMBASSYVIENNA1``). ``year`` is
    the citing cable's year (``2007`` or ``7``), used when the id names none.

    >>> canonical_id("STATE 16868", year=2007)
    '07STATE16868'
    """
    written = _SECTION_NOISE.sub("", text.strip().upper()).rstrip(".,;: ")
    match = _WRITTEN_ID.fullmatch(written)
    if match is None:
        return None
    before, origin, digits, after = match.groups()
    squeezed = _squeeze_origin(origin)
    if not squeezed:
        return None
    token, typo = _token(squeezed)
    if token is None or (typo and not _is_compact(written, origin)):
        # typos are forgiven in the release's compact ids (06BRUSELS12), not in
        # spaced text, where "PARAS 3" or "A. STATE 1" would be guesses too far
        return None
    year2 = _year2(before or after, year)
    serial = _serial(digits)
    if year2 is None or serial is None:
        return None
    return f"{year2:02d}{token}{serial}"


def _is_compact(written: str, origin: str) -> bool:
    return origin.isalpha() and not any(ch.isspace() for ch in written)


def split_id(ref_id: str) -> tuple[int, str, int] | None:
    """``07MUSCAT154`` -> ``(2007, "MUSCAT", 154)``; None when it is not of that shape.

    Two-digit years 66-99 are 1966-1999 and 00-65 are 2000-2065, the window of the
    State Department's telegrams.
    """
    match = _SPLIT_ID.fullmatch(ref_id.strip().upper())
    if match is None:
        return None
    serial = _serial(match.group(3))
    if serial is None:
        return None
    return full_year(int(match.group(1))), match.group(2), serial


class _Origin(NamedTuple):
    start: int
    token: str
    typo: bool
    year: str | None
    upper: bool


def _match_run(run: list[str], *, typos: bool) -> tuple[int, str, bool] | None:
    """The longest tail of ``run`` that names a post: its length, token and typo flag.

    The longest tail wins, so ``USUN NEW YORK`` beats ``YORK``, ``ABU DHABI`` beats
    ``DHABI`` and ``IRPO DUBAI`` (a variant of ``RPODUBAI``) beats ``DUBAI``. Without
    ``typos`` a typo-matched tail does not count at all.
    """
    for size in range(len(run), 0, -1):
        token, typo = _token("".join(run[-size:]).upper())
        if token is not None and (typos or not typo):
            return size, token, typo
    return None


def _year_before(text: str, start: int, floor: int) -> int | None:
    """Where a written year (``06``, ``2007``, ``(05``) starts just before ``start``, else None."""
    head = text[max(floor, start - 8) : start]
    stripped = head.rstrip()
    if len(stripped) == len(head):
        return None
    match = _YEAR_TAIL.search(stripped)
    if match is None:
        return None
    word = match.group(1)
    if len(word) == 4 and not 1966 <= int(word) <= 2030:
        return None
    before = text[max(floor, start - 16) : start].upper().rstrip()
    if before.endswith((f" OF {word}", f"PAGE {word}")):
        return None  # "SECTION 01 OF 02 MADRID 000123", "PAGE 02 HARARE 06677": not years
    return start - len(head) + match.start(1)


def _origin_before(text: str, end: int, *, glued: bool, typos: bool, floor: int) -> _Origin | None:
    """The post named by the one to three words that end at ``end``, if any.

    ``glued`` says the serial follows the word directly (``09CAIRO0561``); a year
    written before the post (``06 MUSCAT``, ``09CAIRO``) is taken along, but never
    from before ``floor`` (the end of the previous id).
    """
    lo = max(0, end - 64)
    words = text[lo:end].rsplit(None, 3)
    if lo > 0 and len(words) < 4:
        words = words[1:]  # the first may be cut by the window
    if not words:
        return None
    last = words[-1]
    letters = _TRAILING_LETTERS.search(last)
    if letters is None:
        return None
    run = [letters.group()]
    if len(run[0]) == len(last):
        for word in reversed(words[:-1]):
            if not (word.isalpha() and word.isascii()):
                break
            run.insert(0, word)
    found = _match_run(run, typos=typos)
    if found is None:
        return None
    size, token, typo = found
    written = run[-size:]
    start = end - len(run[-1])
    for word in reversed(written[:-1]):
        start = text.rfind(word, 0, start)
    year: str | None = None
    glued_year = _GLUED_YEAR.fullmatch(last) if size == 1 else None
    if glued_year is not None and glued:
        year = glued_year.group(1)
        start -= 2
    elif glued_year is None and len(last) == len(run[-1]):
        year_start = _year_before(text, start, floor)
        if year_start is not None:
            year = text[year_start:start].strip()
            start = year_start
    if year is None and (
        _sender_before(text, start) or _PAGE_BEFORE.search(text, max(0, start - 16), start)
    ):
        return None  # USDAO TEL AVIV 3188; PAGE 02 STATE 123456 (a page header)
    upper = all(word.isupper() for word in written)
    return _Origin(start, token, typo, year, upper)


def _sender_before(text: str, start: int) -> bool:
    """True when a non-State sender stands before the post (``USDAO TEL AVIV 3188``)."""
    words = text[max(0, start - 12) : start].rsplit(None, 1)
    return bool(words) and words[-1].upper() in _OTHER_SENDERS


def _cites(text: str, start: int) -> bool:
    """True when the words before ``start`` announce a citation: ``(``, ``see``, ``ref``."""
    before = text[max(0, start - 16) : start].rstrip()
    if before.endswith("("):
        return True
    words = before.rsplit(None, 1)
    return bool(words) and words[-1].upper().lstrip("(") in _CITING_WORDS


def _plausible_in_prose(text: str, origin: _Origin, digits: str) -> bool:
    """Whether ``WORD 123`` in running text is a citation and not a year, count or name.

    Upper-case posts pass; mixed-case ones (``Harare 885``) need a written year, a
    zero-padded serial or a citing word before them. A serial that reads as a year
    (``London 2012``) needs the same support. (Typo-matched posts, ``PARAS 3``, are
    not looked up in running text at all.)
    """
    if origin.year is not None or (digits.startswith("0") and len(digits) > 1):
        return True
    cites = _cites(text, origin.start)
    if not origin.upper and not cites:
        return False
    return not (len(digits) == 4 and 1940 <= int(digits) <= 2030 and not cites)


def _is_year_of_next(text: str, pos: int) -> bool:
    """True when the number ending at ``pos`` is followed by a post: the year of the next id."""
    match = _NEXT_WORDS.match(text, pos)
    if match is None:
        return False
    words = [w for w in match.groups() if w]
    return any(_token("".join(words[:n]).upper())[0] for n in range(len(words), 0, -1))


def _accept(
    text: str, origin: _Origin, digits: str, *, glued: bool, in_context: bool, last_end: int
) -> bool:
    """Whether a post followed by a serial counts as an id where it stands."""
    if in_context:
        if origin.typo and any(ch.isalpha() for ch in text[last_end : origin.start]):
            return False  # a typo match only where an id is expected: first, or after one
        return not glued or origin.upper
    if glued and origin.year is None:
        return False  # G8, F16, H1N1
    return _plausible_in_prose(text, origin, digits)


def _class_table() -> bytes:
    """A byte map for :func:`_prose_candidates`: A upper, a lower, 0 digit, blank, dot."""
    table = bytearray(b"." * 256)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = ord("A")
        table[code + 32] = ord("a")
    for code in range(ord("0"), ord("9") + 1):
        table[code] = ord("0")
    for code in b" \t\r\n":
        table[code] = ord(" ")
    return bytes(table)


_CLASSES = _class_table()
_SERIAL_AT = re.compile(r"([ \t\r\n]*)(\d{1,8})(?![\dA-Za-z%]|[.,:/-]\d)")


def _prose_candidates(text: str) -> list[int]:
    """Where a serial may follow a post in running text: the blank or glued digit after it.

    Running text is long and ids in it are rare, so instead of a regex over every
    character this maps the text to character classes (one C call) and visits each
    ``blank digit`` found by ``bytes.find``. An upper-case word before it is a
    candidate (``STATE 12345``); a mixed-case one (``Harare 885``) only with a
    citing word, a bracket, a written year or a zero-padded serial near it, as
    :func:`_plausible_in_prose` will demand; ``09CAIRO0561`` after a blank too.
    """
    classes = text.encode("ascii", "replace").translate(_CLASSES)
    found: list[int] = []
    at = classes.find(b" 0")
    while at >= 0:
        gap = at
        while gap > 0 and classes[gap - 1] == 32:  # " "
            gap -= 1
        before = classes[gap - 1] if gap > 0 else 0
        if (before == 65 or before == 97) and _may_end_post(text, classes, gap):  # "A", "a"
            if before == 65 or text[at + 1] == "0" or _near_citation(text, classes, gap):
                found.append(gap)
        elif classes[at + 1 : at + 6] == b"00AAA":
            end = at + 6
            while end < len(classes) and classes[end] == 65:
                end += 1
            if end < len(classes) and classes[end] == 48:  # "0"
                found.append(end)
        at = classes.find(b" 0", at + 2)
    return found


@functools.cache
def _last_words() -> frozenset[str]:
    """Words a post's name can end with: every token, and the last word of each city."""
    words = set(posts.origin_tokens())
    for post in posts.all_posts():
        for name in (post.city, post.name):
            if name.strip():
                words.add(_squeeze_origin(name.rsplit(None, 1)[-1]).upper())
    return frozenset(words)


def _may_end_post(text: str, classes: bytes, end: int) -> bool:
    """A quick test that the word ending at ``end`` can end a post's name (``DHABI``, ``KIEV``).

    The word is measured on the class map (``rstrip`` of letter classes), so dates
    and counts (``in 2009``, ``March 27``) cost a slice and a set lookup.
    """
    window = classes[max(0, end - 24) : end]
    size = len(window) - len(window.rstrip(b"Aa"))
    if size < 3:
        return False
    word = text[end - size : end].upper()
    return word in _last_words() or _token(word)[0] is not None


def _near_citation(text: str, classes: bytes, at: int) -> bool:
    window = text[max(0, at - 24) : at].lower()
    return (
        "(" in window
        or "see" in window
        or "ref" in window
        or "per " in window
        or "cf" in window
        or b"00 A" in classes[max(0, at - 40) : at]
    )


def _serial_matches(text: str, *, in_context: bool) -> Iterator[re.Match[str]]:
    """Serial-shaped numbers after a letter: every one in context, likely ones in prose."""
    if in_context:
        yield from _SERIAL.finditer(text)
        return
    for position in _prose_candidates(text):
        match = _SERIAL_AT.match(text, position)
        if match is not None:
            yield match


def scan_ids(text: str, *, year: int | None, in_context: bool = True) -> list[IdHit]:
    """Every cable id in ``text``, in order.

    ``in_context`` says the text is a place where ids are expected (a REF item):
    any case is accepted there, and a typo-matched post when it starts the text or
    follows the previous id. In running text (``in_context=False``) an id must look
    like a citation (see :func:`_plausible_in_prose`).
    """
    hits: list[IdHit] = []
    last_end = 0
    for match in _serial_matches(text, in_context=in_context):
        gap, digits = match.groups()
        if match.start() < last_end:
            continue
        origin = _origin_before(
            text, match.start(), glued=not gap, typos=in_context, floor=last_end
        )
        if origin is None or origin.start < last_end:
            continue
        if not _accept(
            text, origin, digits, glued=not gap, in_context=in_context, last_end=last_end
        ):
            continue
        end = match.end()
        if _PAGE_TAIL.match(text, end):
            continue  # a page header, "MADRID 00001914 001.2 OF 003"
        serials = [digits]
        written_year = origin.year
        while more := _MORE_SERIALS.match(text, end):
            if _is_year_of_next(text, more.end()):
                break
            serials.append(more.group(1))
            end = more.end()
        if after := _YEAR_AFTER.match(text, end):
            written_year = written_year or after.group(1)
            end = after.end()
        year2 = _year2(written_year, year)
        for written in serials:
            serial = _serial(written)
            if serial is not None:
                ref_id = f"{year2:02d}{origin.token}{serial}" if year2 is not None else None
                hits.append(IdHit(origin.start, end, ref_id))
        last_end = end
    return hits
