"""BM25 as FTS5 computes it, for a few hundred cables at a time, in Python.

FTS5 can rank only by walking every cable that matches: ``minister`` matches most
of Cablegate, and a filter (``origin:KABUL date:2009``) that leaves a thousand of
them still costs the walk over all. For such small sets the SQLite backend scores
the candidates here instead, with FTS5's own formula and statistics (the row count
and token totals from its averages record, each cable's column sizes from its
``docsize`` table), so the order and the scores are the ones FTS5 would give.

For each phrase *i* of the query: ``idf = log((N - n + 0.5) / (n + 0.5))`` (at
least 1e-6), where *n* is how many cables contain it; ``f`` is its count in the
cable, each column's count times the column's weight; and the cable scores
``idf * f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgD))`` summed over phrases,
with *D* the cable's tokens in all columns.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cablegram.archive.query import Phrase, Term
from cablegram.archive.snippets import Matcher

K1 = 1.2
B = 0.75
WEIGHTS = (10.0, 1.0)
"""Subject, body: the weights the search passes to FTS5's ``bm25()``."""


@dataclass(frozen=True, slots=True)
class Statistics:
    """What BM25 needs of the whole index."""

    rows: int
    tokens: int  # in all columns of all rows

    @property
    def average(self) -> float:
        return self.tokens / self.rows if self.rows else 0.0


def varints(blob: bytes) -> list[int]:
    """The SQLite varints one after another in ``blob`` (FTS5's record format)."""
    values: list[int] = []
    at = 0
    while at < len(blob):
        value = 0
        for _ in range(8):
            byte = blob[at]
            at += 1
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        else:
            value = (value << 8) | blob[at]
            at += 1
        values.append(value)
    return values


def idf(rows: int, hits: int) -> float:
    value = math.log((rows - hits + 0.5) / (hits + 0.5))
    return value if value > 0 else 1e-6


class Scorer:
    """Scores cables against the positive words of one query."""

    def __init__(
        self, words: Sequence[Term | Phrase], hits: Sequence[int], statistics: Statistics
    ) -> None:
        self.statistics = statistics
        self.terms = [
            (Matcher([node]), node.field, idf(statistics.rows, found))
            for node, found in zip(words, hits, strict=True)
        ]

    def __call__(self, subject: str, body: str, sizes: Sequence[int]) -> float:
        """The score of one cable (higher is better), from its subject and body and
        its column sizes in tokens."""
        average = self.statistics.average
        norm = K1 * (1 - B + B * sum(sizes) / average) if average else K1
        total = 0.0
        subject_lower, body_lower = subject.lower(), body.lower()
        for matcher, field, weight_of_idf in self.terms:
            frequency = 0.0
            if field in (None, "subject"):
                frequency += WEIGHTS[0] * matcher.count(subject, subject_lower)
            if field is None:
                frequency += WEIGHTS[1] * matcher.count(body, body_lower)
            if frequency:
                total += weight_of_idf * frequency * (K1 + 1) / (frequency + norm)
        return total
