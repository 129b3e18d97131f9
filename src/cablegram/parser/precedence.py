"""Precedence: prosign letters (Z, O, P, R) and the words of addressee lines.

Words are normalised to FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE.
Typos are common in real addressee lines (``PIORITY``, ``IMMEDAITE``,
``ROUITNE``): a word of six letters or more that is one edit or one swap away
from a precedence word is taken as that word.
"""

from __future__ import annotations

from functools import lru_cache

PROSIGNS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE", "M": "MEDIUM"}
"""Prosign letter -> precedence word (M is the old MEDIUM of some 1970s traffic)."""

WORDS = ("FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE")
_SINGLE = ("FLASH", "IMMEDIATE", "PRIORITY", "ROUTINE")
_EXACT = {w: w for w in WORDS} | {"NIACT": "NIACT IMMEDIATE", "IMMED": "IMMEDIATE"}


@lru_cache(maxsize=4096)
def precedence_word(word: str) -> str | None:
    """The precedence a word names, tolerating one typo; None when it names none."""
    w = word.strip().upper().rstrip(".,")
    if w in _EXACT:
        return _EXACT[w]
    if w.startswith("NIACT ") and precedence_word(w[6:]) == "IMMEDIATE":
        return "NIACT IMMEDIATE"
    if len(w) < 6 or not w.isalpha():
        return None
    for target in _SINGLE:
        if len(target) >= 6 and _near(w, target):
            return target
    return None


def _near(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or adjacent swap apart."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            return True
    return False
