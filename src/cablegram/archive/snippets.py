"""Snippets: a short passage of a cable around the words a search matched.

One implementation for both backends, over the text the search already fetched:
FTS5's ``snippet()`` re-runs the query for every hit (a prefix query such as
``elect*`` costs tens of milliseconds a cable) and ``ts_headline`` differs from it,
so the two backends would show different passages. Words are matched as the
full-text index tokenises them: runs of letters and digits, case folded; a phrase
is its words in order with anything but letters and digits between them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from cablegram.archive.query import Phrase, Term
from cablegram.archive.search_marks import MARK_END, MARK_START

WORDS_BEFORE = 6
"""Words of context kept in front of the first match."""

SIZE = 24
"""Words in a snippet."""

ELLIPSIS = "…"

_TOKEN_RUN = r"[^\W_]*"
_BOUNDARY_AFTER = r"(?![^\W_])"
_GAP = r"[\W_]+"
_WORD = re.compile(r"\S+")
_SUBJECT_LINE = re.compile(r"^ *SUBJ(?:ECT)?\b", re.MULTILINE | re.IGNORECASE)
_CANDIDATES = 64
_REACH = 160
"""Characters after a match that count as its neighbourhood (about 24 words)."""


class Matcher:
    """Finds words and phrases in text as the full-text index sees them.

    The pattern has no look-behind in front (that would stop the regular expression
    engine from scanning for the word's letters, and costs tenfold); a match that
    starts inside a longer word is dropped after the fact instead.
    """

    def __init__(self, words: Sequence[Term | Phrase]) -> None:
        parts: list[str] = []
        for node in words:
            tokens = node.words if isinstance(node, Phrase) else (node.text,)
            body = _GAP.join(re.escape(token.lower()) for token in tokens)
            parts.append("(" + body + (_TOKEN_RUN if node.prefix else _BOUNDARY_AFTER) + ")")
        self.empty = not parts
        self._lower = re.compile("|".join(parts) or "(?!)")
        self._folded = re.compile("|".join(parts) or "(?!)", re.IGNORECASE)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words occur in ``text``, in order."""
        return [(start, end) for start, end, _ in self.matches(text)]

    def count(self, text: str, lower: str) -> int:
        """How many times the words occur in ``text`` (``lower`` is ``text.lower()``:
        a caller counting several words lowers it once)."""
        return len(self.matches(text, lower))

    def matches(self, text: str, lower: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, which word) of each occurrence in ``text``, in order."""
        lower = text.lower() if lower is None else lower
        if len(lower) == len(text):
            found = self._lower.finditer(lower)
        else:  # lower-casing moved the offsets (rare letters): the slow, exact way
            lower, found = text, self._folded.finditer(text)
        return [
            (m.start(), m.end(), m.lastindex or 0)
            for m in found
            if not m.start() or not lower[m.start() - 1].isalnum()
        ]


def snippet(subject: str, body: str, words: Sequence[Term | Phrase]) -> str | None:
    """About :data:`SIZE` words of the body (else the subject) around the best place,
    matches wrapped in the archive's marks; None when nothing matches.

    The best place holds the most of the query's different words, then the most
    matches; the front matter (up to the ``SUBJECT:`` line) counts only when the
    prose does not match, since the page shows the subject anyway.
    """
    matcher = _matcher(tuple(words))
    if matcher.empty:
        return None
    for text in (body, subject):
        found = matcher.matches(text)
        if found:
            return _passage(text, _best(text, found))
    return None


@functools.lru_cache(maxsize=256)
def _matcher(words: tuple[Term | Phrase, ...]) -> Matcher:
    """The matcher of a search's words, made once for all its hits (and kept for the
    next page or facet click of the same words)."""
    return Matcher(words)


def _best(text: str, found: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """The matches from the best starting match on."""
    front = _SUBJECT_LINE.search(text, 0, 4000)
    prose = text.find("\n", front.end()) if front else 0
    best, best_score = 0, (-1, -1, -1)
    for first in range(min(len(found), _CANDIDATES)):
        start = found[first][0]
        reach = start + _REACH
        inside = [which for begin, _, which in found[first:] if begin < reach]
        score = (int(start >= prose), len(set(inside)), len(inside))
        if score > best_score:
            best, best_score = first, score
    return [(begin, end) for begin, end, _ in found[best:]]


def _passage(text: str, spans: list[tuple[int, int]]) -> str:
    at = spans[0][0]
    window = max(0, at - 40 * WORDS_BEFORE)
    starts = [word.start() for word in _WORD.finditer(text, window, at + 1)]
    if window > 0 and len(starts) > 1:
        starts = starts[1:]  # the window may have cut that word
    start = starts[max(0, len(starts) - 1 - WORDS_BEFORE)]
    end = start
    for count, word in enumerate(_WORD.finditer(text, start), 1):
        end = word.end()
        if count >= SIZE:
            break
    marked: list[str] = []
    cursor = start
    for begin, finish in spans:
        if begin >= end:
            break
        marked += [text[cursor:begin], MARK_START, text[begin:finish], MARK_END]
        cursor, end = finish, max(end, finish)
    marked.append(text[cursor:end])
    passage = " ".join("".join(marked).split())
    if text[:start].strip():
        passage = f"{ELLIPSIS} {passage}"
    if text[end:].strip():
        passage = f"{passage} {ELLIPSIS}"
    return passage
