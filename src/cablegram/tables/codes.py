"""Small code tables of the cable format: precedence, security warnings, caveats,
executive orders and classification reasons.

They are few and fixed, so they live here as constants rather than data files. Each
lookup normalises its input (case, spacing, stray punctuation) and returns None for
anything it does not know, so a parser can turn a None into a Diagnostic.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

__all__ = [
    "EO",
    "PROSIGNS",
    "caveat",
    "executive_order",
    "order_in_force",
    "precedence_word",
    "reason_meaning",
    "security_warning",
]

PROSIGNS: dict[str, str] = {
    "Z": "FLASH",
    "O": "IMMEDIATE",
    "P": "PRIORITY",
    "R": "ROUTINE",
}

_WORDS = ("FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")

# Typos seen on addressee lines that the one-edit rule below does not reach.
_TYPOS: dict[str, str] = {
    "PRIOIRTY": "PRIORITY",
    "PRIROITY": "PRIORITY",
    "PRIORITIY": "PRIORITY",
    "IMMEDAITE": "IMMEDIATE",
    "IMMEIDATE": "IMMEDIATE",
    "IMMIDIATE": "IMMEDIATE",
    "IMMEDIATELY": "IMMEDIATE",
    "ROUITNE": "ROUTINE",
}


def within_one_edit(word: str, target: str) -> bool:
    """True when one insertion, deletion, substitution or adjacent swap turns word into
    target (the typos of hand-typed precedence words)."""
    if abs(len(word) - len(target)) > 1 or word == target:
        return word == target
    # Up to the first letter where the two differ they agree; the one edit is there.
    first = next(
        (i for i, (a, b) in enumerate(zip(word, target, strict=False)) if a != b),
        min(len(word), len(target)),
    )
    if len(word) == len(target):
        if word[first + 1 :] == target[first + 1 :]:
            return True  # a substitution
        return (
            word[first : first + 1] == target[first + 1 : first + 2]
            and word[first + 1 : first + 2] == target[first : first + 1]
            and word[first + 2 :] == target[first + 2 :]
        )  # an adjacent swap
    short, long_ = (word, target) if len(word) < len(target) else (target, word)
    return long_[first + 1 :] == short[first:]  # an insertion or a deletion


@functools.lru_cache(maxsize=4096)
def precedence_word(token: str) -> str | None:
    """The precedence a prosign or word stands for: FLASH, IMMEDIATE, PRIORITY, ROUTINE
    or NIACT IMMEDIATE.

    Accepts prosigns (``Z``, ``O``, ``P``, ``R``, doubled ``OO``), the words themselves and
    hand-typed misspellings (``PIORITY``, ``IMMEDAITE``). Anything else gives None.
    """
    text = " ".join(token.upper().replace(".", " ").split())
    if not text:
        return None
    if text.startswith("NIACT"):
        return "NIACT IMMEDIATE"
    if len(text) <= 2 and len(set(text)) == 1 and text[0] in PROSIGNS:
        return PROSIGNS[text[0]]
    if text in _TYPOS:
        return _TYPOS[text]
    if len(text) >= 5:
        for word in _WORDS:
            if within_one_edit(text, word):
                return word
    return None


_WARNINGS: dict[str, str] = {
    "UUUUU": "Unclassified",
    "EEEEE": "Unclassified, encrypt for transmission only (EFTO)",
    "CCCCC": "Confidential",
    "SSSSS": "Secret",
    "TTTTT": "Top Secret",
}


def security_warning(code: str) -> str | None:
    """What the five-letter security warning of a header means (``CCCCC`` ->
    Confidential). A whole ``ZNY CCCCC ZZH`` line is accepted too."""
    for word in code.upper().split():
        if word in _WARNINGS:
            return _WARNINGS[word]
    return None


_CAVEATS: dict[str, str] = {
    "SIPDIS": "SIPRNet distribution: the cable may be shared on the classified network",
    "NOFORN": "Not releasable to foreign nationals",
    "NODIS": "No distribution beyond the addressees without the originator's approval",
    "EXDIS": "Exclusive distribution to officers with an essential need to know",
    "LIMDIS": "Limited distribution",
    "STADIS": "State Department distribution only",
    "SPECAT": "Special category: handled only by designated personnel",
    "ORCON": "Dissemination and extraction controlled by the originator",
    "PROPIN": "Caution: proprietary information involved",
    "NOCONTRACT": "Not releasable to contractors or consultants",
    "WNINTEL": "Warning notice: intelligence sources or methods involved",
    "REL TO": "Releasable to the countries or organisations named",
    "FOUO": "For official use only",
    "FOR OFFICIAL USE ONLY": "For official use only",
    "SBU": "Sensitive but unclassified",
    "SENSITIVE": "Sensitive but unclassified",
    "EFTO": "Encrypt for transmission only",
    "NIACT": "Night action: needs attention at once, even outside office hours",
    "CHEROKEE": "Restricted to the Secretary and named principals",
    "DISSENT CHANNEL": "Dissent channel message to the Secretary's policy planning staff",
    "TERREP": "Terrorism incident report",
    "VISAS VIPER": "Visas Viper: report of a possible terrorist for the lookout system",
    "VISAS DONKEY": "Visas Donkey: request for a security advisory opinion",
    "VISAS MANTIS": "Visas Mantis: security advisory opinion on technology transfer",
    "VISAS CONDOR": "Visas Condor: counter-terrorism security advisory opinion",
}


def caveat(word: str) -> str | None:
    """What a handling caveat or caption means (``NOFORN``, ``EXDIS``, ``REL TO USA, GBR``).

    Slashes and spacing are ignored (``//NOFORN``); ``REL TO`` matches with any country
    list after it.
    """
    text = " ".join(word.upper().replace("/", " ").split()).strip(" .,;:")
    if text.startswith(("REL TO", "RELTO")):
        return _CAVEATS["REL TO"]
    return _CAVEATS.get(text)


@dataclass(frozen=True, slots=True)
class EO:
    """An executive order governing classification.

    ``in_force`` is the date from which cables cite it (for 13526 the signing date,
    though most of it took effect on 2010-06-27); ``replaced_by`` is the order that
    followed it, None for the current one.
    """

    number: int
    president: str
    signed: dt.date
    in_force: dt.date
    replaced_by: int | None
    note: str


_ORDERS: tuple[EO, ...] = (
    EO(10501, "Eisenhower", dt.date(1953, 11, 5), dt.date(1953, 12, 15), 11652, ""),
    EO(11652, "Nixon", dt.date(1972, 3, 8), dt.date(1972, 6, 1), 12065, ""),
    EO(12065, "Carter", dt.date(1978, 6, 28), dt.date(1978, 12, 1), 12356, ""),
    EO(12356, "Reagan", dt.date(1982, 4, 2), dt.date(1982, 8, 1), 12958, "DECL: OADR"),
    EO(12958, "Clinton", dt.date(1995, 4, 17), dt.date(1995, 10, 14), 13526, ""),
    EO(
        13292,
        "Bush",
        dt.date(2003, 3, 25),
        dt.date(2003, 3, 25),
        13526,
        "amends E.O. 12958: reasons move from section 1.5 to 1.4, adds (h)",
    ),
    EO(13526, "Obama", dt.date(2009, 12, 29), dt.date(2009, 12, 29), None, ""),
)

_BY_NUMBER: dict[int, EO] = {order.number: order for order in _ORDERS}


def executive_order(number: int | str) -> EO | None:
    """The executive order with this number (``12958``, ``"E.O. 12958"``), or None."""
    digits = "".join(ch for ch in str(number) if ch.isdigit())
    return _BY_NUMBER.get(int(digits)) if digits else None


def order_in_force(on: dt.date) -> EO | None:
    """The base order (not the 13292 amendment) cables cited on a date, or None before
    1953."""
    current: EO | None = None
    for order in _ORDERS:
        if order.number != 13292 and order.in_force <= on:
            current = order
    return current


_REASONS: dict[str, str] = {
    "A": "Military plans, weapons systems or operations",
    "B": "Foreign government information",
    "C": "Intelligence activities, sources or methods, or cryptology",
    "D": "Foreign relations or foreign activities of the US, including confidential sources",
    "E": "Scientific, technological or economic matters relating to national security",
    "F": "US programs for safeguarding nuclear materials or facilities",
    "G": (
        "Vulnerabilities or capabilities of systems, installations, infrastructures, "
        "projects, plans or protection services relating to national security"
    ),
    "H": "Weapons of mass destruction",
}


def reason_meaning(letter: str) -> str | None:
    """What classification reason (a)-(h) of E.O. 12958 section 1.4 (1.5 before 2003)
    and E.O. 13526 section 1.4 covers; ``"d"``, ``"(D)"`` and ``"1.4(d)"`` all work."""
    text = letter.strip().upper().strip("().; ")
    if text.startswith(("1.4", "1.5")):
        text = text[3:].strip("() ")
    return _REASONS.get(text) if len(text) == 1 else None
