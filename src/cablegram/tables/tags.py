"""TAGS: the codes on a cable's ``TAGS:`` line, decoded.

TAGS (Traffic Analysis by Geography and Subject) mixes four-letter subject codes (PREL,
PGOV, ...), K-prefixed program codes (KNNP, KPAL, ...), two-letter geographic codes that
are FIPS 10-4, not ISO (MU is Oman, GM Germany), organisation codes (UNSC, NATO, EUN) and,
now and then, a person (``OVIP (CLINTON, HILLARY)``). Drafters misspell codes and run them
together, so :func:`split_tags` repairs what it safely can and :func:`describe` says what
each code means, or plainly that it does not know: it never guesses a meaning.

The table lives in ``data/tags.csv`` (``code,kind,meaning,iso,canonical``); a row with a
``canonical`` value is a misspelling or variant of that code and takes its meaning.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

__all__ = [
    "TagInfo",
    "TagKind",
    "all_tags",
    "describe",
    "is_known",
    "person_name",
    "split_tags",
]

_DATA = Path(__file__).parent / "data"

TagKind = Literal["subject", "program", "geo", "org", "person", "unknown"]


@dataclass(frozen=True, slots=True)
class TagInfo:
    """What one TAGS code means.

    ``code`` is the code as given (upper-cased, spacing normalised); ``canonical`` the
    code it stands for (the same code unless ``code`` is a known misspelling, and
    ``SURNAME, GIVEN`` for a person). ``meaning`` is None when the table does not know it;
    ``iso`` is the ISO 3166-1 alpha-2 code of a country or territory tag.
    """

    code: str
    kind: TagKind
    meaning: str | None
    iso: str | None
    canonical: str


_KINDS: dict[str, TagKind] = {
    "subject": "subject",
    "program": "program",
    "geo": "geo",
    "org": "org",
}

# Words that look like a name pair but are free-text tags (``COUNTER TERRORISM``).
_NOT_NAME_WORDS = """
    AFFAIRS AFGHAN AFRICA AFRICAN AGREEMENT AID AMERICA AMERICAN ARAB ARMS ASIA ASSISTANCE
    BRITISH BUSINESS CHINESE CIVIL CLIMATE CONFERENCE CONTROL CONTROLS COOPERATION COUNCIL
    COUNTER COUNTERTERRORISM CRIME CULTURAL DEFENCE DEFENSE DEMOCRACY DEVELOPMENT DIALOGUE
    DRUG DRUGS ECONOMIC ECONOMY EDUCATION ELECTION ELECTIONS ENERGY ENVIRONMENT EUROPE
    EUROPEAN EXTERNAL FOREIGN FREEDOM FRENCH GAS GERMAN GOVERNMENT HEALTH HUMAN
    HUMANITARIAN INTERNAL INTERNATIONAL IRANIAN IRAQI ISLAMIC ISRAELI ITALIAN ITALY JUSTICE
    LABOR LAW MARITIME MEDIA MIDDLE MILITARY MINISTER NATIONAL NORTH NUCLEAR OIL PALESTINIAN
    PARTIES PARTY PEACE POLICY POLITICAL POLITICS PRESIDENT PROCESS PROGRAM REFORM REFUGEES
    RELATIONS RIGHTS RUSSIAN SCIENCE SECRETARY SECURITY SOCIAL SOUTH SPANISH STATE SUMMIT
    SYRIAN TECHNOLOGY TERRORISM TERRORIST TRADE TRAFFICKING TREATY TURKISH VISIT WAR
    WEAPONS WOMEN
"""
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())

_NAME_WORD = re.compile(r"[A-Z][A-Z'\-]*\.?")
_PAREN_GROUP = re.compile(r"\(([^()]*)\)")
_SEPARATORS = re.compile(r"[\s,;]+")
_LABEL = re.compile(r"^\s*T[A-Z]{1,3}S?\s*:\s*")
_EDGE_JUNK = "\"'.:()[]{}<>*-_/\\"


@functools.cache
def _table() -> dict[str, TagInfo]:
    """Read ``tags.csv`` once; variants resolve to their canonical row."""
    text = (_DATA / "tags.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    table: dict[str, TagInfo] = {}
    for row in rows:
        kind = _KINDS.get(row["kind"])
        if kind is not None:
            code = row["code"]
            table[code] = TagInfo(
                code=code,
                kind=kind,
                meaning=row["meaning"] or None,
                iso=row["iso"] or None,
                canonical=code,
            )
    for row in rows:
        target = table.get(row["canonical"])
        if not row["kind"] and target is not None:
            table[row["code"]] = TagInfo(
                code=row["code"],
                kind=target.kind,
                meaning=target.meaning,
                iso=target.iso,
                canonical=target.code,
            )
    return table


def all_tags() -> tuple[TagInfo, ...]:
    """Every code in the table with its own meaning (variants left out), in file order."""
    return tuple(info for code, info in _table().items() if info.canonical == code)


def _normalise(code: str) -> str:
    return " ".join(code.upper().split()).strip(_EDGE_JUNK + ",; ")


def is_known(code: str) -> bool:
    """True when ``code`` is in the table (a real code or a known variant)."""
    return _normalise(code) in _table()


def _is_name_word(word: str, *, initial: bool = False) -> bool:
    """A word that may be part of a name; ``initial`` also admits one letter (``R.``)."""
    bare = word.rstrip(".")
    if initial and len(bare) == 1:
        return bare.isalpha()
    return (
        len(bare) >= 2
        and bare not in _table()
        and bare not in _NOT_NAMES
        and _NAME_WORD.fullmatch(word) is not None
    )


def person_name(text: str) -> str | None:
    """``SURNAME, GIVEN`` when ``text`` reads as a person's name, else None.

    Accepts ``CLINTON, HILLARY``, ``CLINTON HILLARY`` (TAGS put the surname first) and
    a middle name or initial. Known codes and common free-text words (``COUNTER
    TERRORISM``) are not names.
    """
    body = _normalise(text)
    if body.count(",") > 1:
        return None
    surname, comma, given = body.partition(",")
    words = (surname.split() + given.split()) if comma else body.split()
    if not comma and len(words) not in (2, 3):
        return None
    if comma and (len(surname.split()) != 1 or not 1 <= len(given.split()) <= 2):
        return None
    if not all(_is_name_word(word, initial=n == 2) for n, word in enumerate(words)):
        return None
    if max(len(word.rstrip(".")) for word in words) < 5:
        return None  # two short unknown codes (KSEC ECIP) are not a name
    return f"{words[0]}, {' '.join(words[1:])}"


def _person_meaning(canonical: str) -> str:
    surname, _, given = canonical.partition(", ")
    return f"{given.title()} {surname.title()}"


@functools.lru_cache(maxsize=8192)
def describe(code: str) -> TagInfo:
    """What ``code`` means; kind ``unknown`` with meaning None when the table has no idea.

    Known misspellings (``PECON``, ``MOPPS``) resolve to the code they stand for and keep
    their own spelling in ``code``. A K-prefixed four-letter code not in the table is a
    program tag and an ``X?`` code a regional tag: their kind is certain, their meaning
    is left None rather than guessed.
    """
    norm = _normalise(code)
    found = _table().get(norm)
    if found is not None:
        if found.code == norm:
            return found
        return TagInfo(norm, found.kind, found.meaning, found.iso, found.canonical)
    name = person_name(norm)
    if name is not None:
        return TagInfo(norm, "person", _person_meaning(name), None, name)
    if len(norm) == 4 and norm.startswith("K") and norm.isalpha():
        return TagInfo(norm, "program", None, None, norm)
    if len(norm) == 2 and norm.startswith("X") and norm.isalpha():
        return TagInfo(norm, "geo", None, None, norm)
    return TagInfo(norm, "unknown", None, None, norm)


def _split_run_together(token: str) -> list[str]:
    """``KNNPMNUC`` -> ``KNNP``, ``MNUC``; ``KDEMAF`` -> ``KDEM``, ``AF``: a token the
    table lacks, cut into known four-letter codes and two-letter country codes, when
    one such cut has fewer pieces than any other (and at most one country code:
    ``BRUSSELS`` is no run of four countries)."""
    if len(token) < 6 or not token.isalpha() or token in _table():
        return [token]
    cuts = sorted((c for c in _cuts(token) if sum(len(p) == 2 for p in c) <= 1), key=len)
    if not cuts or (len(cuts) > 1 and len(cuts[1]) == len(cuts[0])):
        return [token]
    return list(cuts[0])


def _cuts(token: str) -> list[tuple[str, ...]]:
    """Every way to write ``token`` as known four-letter codes and two-letter geo codes."""
    if not token:
        return [()]
    table = _table()
    out: list[tuple[str, ...]] = []
    for size in (4, 2):
        piece = token[:size]
        info = table.get(piece)
        if len(piece) < size or info is None or (size == 2 and info.kind != "geo"):
            continue
        out.extend((piece, *rest) for rest in _cuts(token[size:]))
    return out


def _clean_token(token: str) -> str:
    return token.strip(_EDGE_JUNK)


def _tokens(text: str) -> list[str]:
    """Split on spaces, commas and semicolons; tidy each piece; drop empties."""
    return [
        piece
        for raw in _SEPARATORS.split(text)
        if (clean := _clean_token(raw))
        for piece in _split_run_together(clean)
    ]


def _with_people(tokens: list[str]) -> list[str]:
    """Merge runs of two or three name words into one ``SURNAME, GIVEN`` item."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        run = i
        while run < len(tokens) and _is_name_word(tokens[run], initial=run - i == 2):
            run += 1
        name = person_name(" ".join(tokens[i:run])) if 2 <= run - i <= 3 else None
        if name is not None:
            out.append(name)
            i = run
            continue
        out.append(tokens[i])
        i += 1
    return out


def _people_after_visit(tokens: list[str]) -> list[str]:
    """In a comma list, only the words right after OVIP (a visit) name a person."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        out.append(tokens[i])
        if tokens[i] == "OVIP":
            merged = _with_people(tokens[i + 1 : i + 4])
            if merged and ", " in merged[0]:
                out.append(merged[0])
                i += 1 + len(merged[0].replace(",", " ").split())
                continue
        i += 1
    return out


def split_tags(text: str) -> list[str]:
    """The codes of a TAGS line's content, in order, without duplicates.

    Separators are spaces, commas and semicolons; codes are upper-cased (``mtcre, parm``);
    run-together codes are split when every piece is a known code; a person written
    ``OVIP (CLINTON, HILLARY)`` or ``OVIP CLINTON HILLARY`` becomes one item
    ``CLINTON, HILLARY``. Unknown tokens are kept, never dropped.
    """
    upper = _LABEL.sub("", text.upper(), count=1)
    # In a comma-separated list (``PGOV, PREL, USEU, BRUSSELS``) the commas are
    # separators, so outside parentheses they cannot mark ``SURNAME, GIVEN``.
    people = _with_people if _PAREN_GROUP.sub("", upper).count(",") < 2 else _people_after_visit
    items: list[str] = []
    last = 0
    for group in _PAREN_GROUP.finditer(upper):
        items.extend(people(_tokens(upper[last : group.start()])))
        name = person_name(group.group(1))
        items.extend([name] if name else _with_people(_tokens(group.group(1))))
        last = group.end()
    items.extend(people(_tokens(upper[last:])))
    # _tokens has split run-together codes already: each item is a code or a person
    return list(dict.fromkeys(items))
