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

__all__ = ["IdHit", "canonical_id", "char_classes", "scan_ids", "split_id"]

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
_ASCII_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_GLUED_YEAR = re.compile(r"(\d{2})[A-Za-z]+$")
_YEAR_TAIL = re.compile(r"(?:^|(?<=[\s(]))(\d{4}|\d{2})$")
_YEAR_AFTER = re.compile(r"\s*\((\d{4}|\d{2})\)")
_YEAR_IN_BRACKETS = re.compile(r"\((\d{2}|19[6-9]\d|20[0-3]\d)\)$")
_MORE_SERIALS = re.compile(r"\s*(?:,|&|\band\b|\bAND\b)\s*(\d{1,8})(?![\dA-Za-z%]|[.,:/-]\d)")
# A text that is one id and nothing else (see :func:`_simple_hits`).
_SIMPLE_ID = re.compile(r"(?:(\d{4}|\d{2}) )?([A-Za-z]+(?: [A-Za-z]+){0,2}) (\d{1,8})(?: \D*)?")
_SIMPLE_MAX = 64  # the window of :func:`_origin_before`
# What can follow a serial for :data:`_MORE_SERIALS` or :data:`_YEAR_AFTER` to match
# (besides blanks): the one character either pattern can begin with.
_AFTER_SERIAL = frozenset(",&aA(")
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
    dated: bool = False  # whether the text wrote the year (else the citing cable's was taken)


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
        token, typo = _token(("".join(run[-size:]) if size > 1 else run[-1]).upper())
        if token is not None and (typos or not typo):
            return size, token, typo
    return None


def _year_before(text: str, start: int, floor: int) -> int | None:
    """Where a written year (``06``, ``2007``, ``(05``) starts just before ``start``, else None."""
    head = text[max(floor, start - 8) : start]
    stripped = head.rstrip()
    if len(stripped) == len(head):
        return None
    if stripped[-1:] == ")":  # ``(08) SAO PAULO 581``
        match = _YEAR_IN_BRACKETS.search(stripped)
        return None if match is None else start - len(head) + match.start(1)
    if not stripped[-1:].isdigit():
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
    if last.isascii() and last.isalpha():
        run = [last]
        for word in reversed(words[:-1]):
            if not (word.isalpha() and word.isascii()):
                break
            run.insert(0, word)
    else:
        letters = last[len(last.rstrip(_ASCII_LETTERS)) :]  # 09CAIRO, (ROME
        if not letters:
            return None
        run = [letters]
    found = _match_run(run, typos=typos)
    if found is None:
        return None
    size, token, typo = found
    written = run[-size:] if size < len(run) else run
    start = end - len(run[-1])
    if size > 1:
        for word in reversed(written[:-1]):
            start = text.rfind(word, 0, start)
    year: str | None = None
    glued_year = _GLUED_YEAR.fullmatch(last) if size == 1 and len(last) > len(run[-1]) else None
    if glued_year is not None:  # 09CAIRO0561, 09RIYADH 1302
        year = glued_year.group(1)
        start -= 2
    elif glued_year is None and len(last) == len(run[-1]):
        year_start = _year_before(text, start, floor)
        if year_start is not None:
            year = text[year_start:start].strip().rstrip(")")
            start = year_start
    if year is None and start and (_sender_before(text, start) or _page_before(text, start)):
        return None  # USDAO TEL AVIV 3188; PAGE 02 STATE 123456 (a page header)
    upper = all(map(str.isupper, written))
    return _Origin(start, token, typo, year, upper)


def _page_before(text: str, start: int) -> bool:
    """True when a page number stands before ``start`` (``PAGE 02 STATE 123456``)."""
    return (
        start >= 7
        and text[start - 1].isspace()
        and _PAGE_BEFORE.search(text, start - 16 if start > 16 else 0, start) is not None
    )


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
    """The byte map of :func:`char_classes`."""
    table = bytearray(b"." * 256)
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = table[code + 32] = code
    for code in range(ord("0"), ord("9") + 1):
        table[code] = ord("0")
    for code in b" \t\r\n":
        table[code] = ord(" ")
    return bytes(table)


_CLASSES = _class_table()
_LETTER_CLASSES = bytes(range(ord("A"), ord("Z") + 1))
_COMPACT_AFTER_BLANK = re.compile(r"[0-9]{2}[A-Z]{3,}[0-9]")
_NUMBER_BEFORE_WORD = re.compile(r"[0-9]{2}[ \t\r\n][A-Z]")
_SERIAL_AT = re.compile(r"([ \t\r\n]*)(\d{1,8})(?![\dA-Za-z%]|[.,:/-]\d)")
# Whether a word (upper case, as the class map has it) can end a post's name: a
# pure function of the word, remembered because the same words recur.
_POST_END_CACHE: dict[bytes, bool] = {}
_POST_END_CACHE_SIZE = 65536
# Words that often stand before a number in running text (``in March 2009``,
# ``about 300``, ``paragraph 4``, ``USD 20``) and end no post's name. The pattern
# of :func:`_candidate_pattern` passes over a number after one of them without
# leaving the regex engine; any that could end a post's name is dropped from it
# when the pattern is built, so the list only saves time and never changes what
# is found.
_COMMON_WORDS = (
    "THE", "AND", "FOR", "WITH", "OVER", "THAN", "THAT", "THIS", "THESE", "THOSE", "WHICH",
    "BUT", "NOT", "ALL", "ANY", "EACH", "EVERY", "ITS", "HIS", "HER", "THEIR", "OUR", "YOUR",
    "WAS", "WERE", "ARE", "HAS", "HAVE", "HAD", "WILL", "WOULD", "SHOULD", "COULD", "CAN",
    "ABOUT", "AROUND", "SOME", "ONLY", "LEAST", "MOST", "MORE", "LESS", "UNDER", "ABOVE",
    "BELOW", "SINCE", "UNTIL", "AFTER", "BEFORE", "BETWEEN", "DURING", "WITHIN", "THROUGH",
    "AGAINST", "AMONG", "INTO", "NEARLY", "ALMOST", "APPROXIMATELY", "ROUGHLY", "PLUS",
    "TOTAL", "TOTALING", "TOTALLING", "ESTIMATED", "ADDITIONAL", "ANOTHER", "LAST", "NEXT",
    "PAST", "EARLY", "LATE", "FIRST", "SOURCES", "TIMES", "AGED", "PERCENT", "JANUARY",
    "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
    "NOVEMBER", "DECEMBER", "JAN", "FEB", "MAR", "APR", "JUN", "JUL", "AUG", "SEP", "SEPT",
    "OCT", "NOV", "DEC", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
    "SUNDAY", "YEAR", "YEARS", "MONTH", "MONTHS", "WEEK", "WEEKS", "DAY", "DAYS", "HOURS",
    "SPRING", "SUMMER", "AUTUMN", "WINTER", "PARA", "PARAGRAPH", "PARAGRAPHS", "ARTICLE",
    "ARTICLES", "SECTION", "SECTIONS", "CHAPTER", "ANNEX", "ITEM", "ITEMS", "PAGE", "PAGES",
    "TABLE", "RESOLUTION", "RESOLUTIONS", "UNSCR", "DECREE", "NUMBER", "NUMBERS", "USD", "EUR",
    "GBP", "JPY", "RMB", "CNY", "YEN", "DOLLARS", "EUROS", "POUNDS", "MILLION", "BILLION",
)  # fmt: skip


def char_classes(text: str) -> bytes:
    """``text`` mapped to one byte per character, for scanning running text fast.

    ASCII letters map to their upper case, ASCII digits to ``0``, ``[ \\t\\r\\n]``
    to a blank and everything else (non-ASCII included) to ``.``: one C call for
    the encoding and one for the map, and offsets are those of ``text``. What is
    looked for in running text (a number after a blank, ``REF`` in any case) is
    then found by patterns that open with a literal byte, which the regex engine
    skips to with a fast scan instead of trying every character.
    """
    return text.encode("latin-1", "replace").translate(_CLASSES)


def _prose_candidates(text: str, classes: bytes) -> list[int]:
    """Where a serial may follow a post in running text: the blank or glued digit after it.

    Running text is long and ids in it are rare, so the regex engine picks out,
    on the class map, the numbers after a blank that may follow a post (see
    :func:`_candidate_pattern`) and only those reach Python. An upper-case word
    before the number is a candidate (``STATE 12345``); a mixed-case one
    (``Harare 885``) only with a citing word, a bracket, a written year or a
    zero-padded serial near it, as :func:`_plausible_in_prose` will demand.
    After any other word, ``09CAIRO0561`` is a candidate too.
    """
    found: list[int] = []
    for match in _candidate_pattern().finditer(classes):
        digit = match.start()
        gap = digit - 1
        while gap > 0 and classes[gap - 1] == 32:  # " "
            gap -= 1
        window = classes[max(0, gap - 24) : gap]
        size = len(window) - len(window.rstrip(_LETTER_CLASSES))
        if size >= 3 and _may_end_post(window[len(window) - size :]):
            before = text[gap - 1]
            if "A" <= before <= "Z" or text[digit] == "0" or _near_citation(text, classes, gap):
                found.append(gap)
        elif classes[digit + 1 : digit + 2] == b"0":
            compact = _COMPACT_AFTER_BLANK.match(text, digit)  # 09CAIRO0561
            if compact is not None:
                found.append(compact.end() - 1)
    return found


@functools.cache
def _candidate_pattern() -> re.Pattern[bytes]:
    """The pattern, on the class map, of a number after a blank that may follow a post.

    It opens with the digit (a literal byte) and looks behind it: a word of three
    letters or more that is not a common word (:data:`_COMMON_WORDS`), a run of
    blanks (left to Python), or, after any word, the ``09CAIRO`` of a compact id.
    """
    common = [word for word in _COMMON_WORDS if not _may_end_post(word.encode())]
    by_size: dict[int, list[str]] = {}
    for word in common:
        by_size.setdefault(len(word), []).append(word)
    not_common = "".join(
        f"(?<![^A-Z]{_alternatives(words)} 0)" for _, words in sorted(by_size.items())
    )
    word = f"(?<=[A-Z]{{3}} 0){not_common}"
    return re.compile(f"0(?<= 0)(?:{word}|(?<=  0)|(?=0[A-Z]{{3}}))".encode())


def _alternatives(words: list[str]) -> str:
    """A pattern for any of ``words`` (letters only), shared beginnings written once.

    ``MARCH|MAY|MAR`` becomes ``MA(?:RCH|Y|R)``-like nesting, so the engine reads
    each letter once instead of trying every word in turn.
    """
    if len(words) == 1:
        return words[0]
    heads: dict[str, list[str]] = {}
    for word in words:
        heads.setdefault(word[:1], []).append(word[1:])
    branches = []
    for head, tails in sorted(heads.items()):
        rest = [tail for tail in tails if tail]
        if not rest:
            branches.append(head)
        elif len(rest) < len(tails):
            branches.append(f"{head}(?:{_alternatives(rest)})?")
        else:
            branches.append(f"{head}{_alternatives(rest)}")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


@functools.cache
def _last_words() -> frozenset[str]:
    """Words a post's name can end with: every token, and the last word of each city."""
    words = set(posts.origin_tokens())
    for post in posts.all_posts():
        for name in (post.city, post.name):
            if name.strip():
                words.add(_squeeze_origin(name.rsplit(None, 1)[-1]).upper())
    return frozenset(words)


def _may_end_post(word: bytes) -> bool:
    """Whether a word (upper case, as the class map has it) can end a post's name.

    ``DHABI``, ``KIEV``, or a word one letter off a post's token: a quick test,
    remembered for each word, since the same words recur.
    """
    known = _POST_END_CACHE.get(word)
    if known is None:
        text = word.decode("ascii")
        known = text in _last_words() or _token(text)[0] is not None
        if len(_POST_END_CACHE) >= _POST_END_CACHE_SIZE:
            _POST_END_CACHE.clear()
        _POST_END_CACHE[word] = known
    return known


def _near_citation(text: str, classes: bytes, at: int) -> bool:
    window = text[max(0, at - 24) : at].lower()
    if "(" in window or "see" in window or "ref" in window or "per " in window or "cf" in window:
        return True
    low = max(0, at - 40)
    return b"00 " in classes[low:at] and _NUMBER_BEFORE_WORD.search(text, low, at) is not None


def _serial_matches(
    text: str, *, in_context: bool, classes: bytes | None
) -> Iterator[re.Match[str]]:
    """Serial-shaped numbers after a letter: every one in context, likely ones in prose."""
    if in_context:
        yield from _SERIAL.finditer(text)
        return
    for position in _prose_candidates(text, char_classes(text) if classes is None else classes):
        match = _SERIAL_AT.match(text, position)
        if match is not None:
            yield match


def _simple_hits(text: str, simple: re.Match[str], year: int | None) -> list[IdHit] | None:
    """The hits of a text that is one id and nothing else, or None to take the long way.

    ``STATE 16868``, ``06 MUSCAT 01735``, ``2007 BUENOS AIRES 311 (NOTAL)`` (most
    REF items) come out as :func:`scan_ids` would find them, with one pattern and
    a token lookup: the post is all the words (else, when only a shorter tail
    names one, the general reading decides), a year before them is taken when it
    is one (two digits, or four from 1966 to 2030), and no digit follows the
    serial, so nothing after it can be a serial, a year or a page number.
    """
    written_year, words, digits = simple.groups()
    if (
        written_year is not None
        and len(written_year) == 4
        and not 1966 <= int(written_year) <= 2030
    ):
        return None
    run = words.split(" ")
    found = _match_run(run, typos=True)
    if found is None:
        return []
    size, token, _typo = found
    if size < len(run):
        return None
    serial = _serial(digits)
    if serial is None:
        return []
    year2 = _year2(written_year, year)
    ref_id = f"{year2:02d}{token}{serial}" if year2 is not None else None
    return [IdHit(0, simple.end(3), ref_id, written_year is not None)]


def scan_ids(
    text: str, *, year: int | None, in_context: bool = True, classes: bytes | None = None
) -> list[IdHit]:
    """Every cable id in ``text``, in order.

    ``in_context`` says the text is a place where ids are expected (a REF item):
    any case is accepted there, and a typo-matched post when it starts the text or
    follows the previous id. In running text (``in_context=False``) an id must look
    like a citation (see :func:`_plausible_in_prose`); ``classes`` is then
    ``char_classes(text)`` when the caller has it already.
    """
    if in_context:
        simple = _SIMPLE_ID.fullmatch(text)
        if simple is not None and simple.end(2) <= _SIMPLE_MAX:
            found = _simple_hits(text, simple, year)
            if found is not None:
                return found
    hits: list[IdHit] = []
    last_end = 0
    for match in _serial_matches(text, in_context=in_context, classes=classes):
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
        after_serial = text[end : end + 1]
        if after_serial.isspace() and _PAGE_TAIL.match(text, end):
            continue  # a page header, "MADRID 00001914 001.2 OF 003"
        serials = [digits]
        written_year = origin.year
        if after_serial and (after_serial in _AFTER_SERIAL or after_serial.isspace()):
            # more serials (", 13", "AND 13") or the year after ("(08)")
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
                hits.append(IdHit(origin.start, end, ref_id, written_year is not None))
        last_end = end
    return hits
