"""Search: a query tree evaluated to the set of matching cables, then counted and ranked.

Evaluation is the same on both backends. Each leaf of the tree (a word, a
phrase, a field filter) becomes a sorted array of positions in the facet index
(:mod:`.facets`), and ``AND``, ``OR`` and ``NOT`` become NumPy set operations
on those arrays. Fields the facet index holds (origin, country, tags,
classification, date) are answered from memory; the others from indexed child
tables; words and phrases from the backend's full-text machinery (FTS5 in
SQLite, ``tsquery`` in PostgreSQL). So the two backends return the same result
sets, and a search that filters a quarter of a million cables costs
milliseconds.

Relevance ranks by the backend's own scoring over the query's positive words
(BM25 in SQLite, ``ts_rank`` in PostgreSQL), the subject weighing more than the
body; without words, results come newest first. Up to
:attr:`Engine.score_directly` candidates are scored one by one (:mod:`.bm25`
recomputes FTS5's score in Python); larger sets are ranked in two tiers, the
cables whose subject matches first, so that a word found in most of the archive
is ranked over the cables that carry it in their subject, not over all of them.
Snippets come from :mod:`.snippets`, the same on both backends.
"""

from __future__ import annotations

import collections
import datetime as dt
import itertools
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt

from cablegram.archive import snippets
from cablegram.archive.base import SQLBackend
from cablegram.archive.facets import FACETS, FacetIndex, IntArray
from cablegram.archive.query import (
    All,
    And,
    ClassFilter,
    DateRange,
    Filter,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    parse_query,
)
from cablegram.errors import ArchiveError
from cablegram.model import Cable

FloatArray = npt.NDArray[np.float64]
Sort = Literal["relevance", "date", "oldest"]
SORTS: tuple[Sort, ...] = ("relevance", "date", "oldest")
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Hit:
    """One cable in a result list."""

    reference_id: str
    created: str | None
    origin: str | None
    origin_token: str | None
    country: str | None
    classification: str | None
    subject: str
    snippet: str
    score: float | None


@dataclass(frozen=True, slots=True)
class SearchResult:
    """A page of hits, the total, and facet counts over the whole result set."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    sort: Sort = "relevance"
    offset: int = 0
    limit: int = 20
    milliseconds: float = 0.0


class Engine:
    """Searches one backend; keeps its facet index fresh."""

    score_directly = 800
    """Up to this many candidates, relevance is scored over them alone, not over
    every cable that holds the words (see :mod:`.bm25`)."""

    def __init__(self, backend: SQLBackend) -> None:
        self.backend = backend
        self._index: FacetIndex | None = None
        self._index_lock = threading.Lock()
        # the cache of leaf matches, with the index whose positions it holds
        self._leaves: tuple[FacetIndex | None, LeafCache] = (None, LeafCache())
        self._tops: dict[tuple[tuple[Term | Phrase, ...], bool], tuple[IntArray, FloatArray]] = {}
        self._local = threading.local()  # what one search in one thread keeps (see _hits_of)

    def index(self) -> FacetIndex:
        fingerprint = self.backend.fingerprint()
        index = self._index
        if index is None or index.fingerprint != fingerprint:
            with self._index_lock:  # one thread builds it; the others wait for it
                index = self._index
                if index is None or index.fingerprint != fingerprint:
                    index = FacetIndex.build(self.backend)
                    self._leaves = (index, LeafCache())
                    self._tops = {}
                    self._index = index
        return index

    @property
    def _hits_of(self) -> dict[Term | Phrase, int]:
        """How many cables hold each word of the current search (for BM25), per thread."""
        hits: dict[Term | Phrase, int] | None = getattr(self._local, "hits", None)
        if hits is None:
            hits = self._local.hits = {}
        return hits

    # -- the public call -------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        facets: Sequence[str] | None = FACETS,
        sort: Sort = "relevance",
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        started = time.perf_counter()
        if sort not in SORTS:
            raise ArchiveError(f"unknown sort {sort!r}: use one of {', '.join(SORTS)}")
        if not 0 <= limit <= MAX_LIMIT:
            raise ArchiveError(f"limit must be between 0 and {MAX_LIMIT}")
        if offset < 0:
            raise ArchiveError("offset must not be negative")
        unknown = [f for f in facets or () if f not in FACETS]
        if unknown:
            raise ArchiveError(f"unknown facet {unknown[0]!r}: use {', '.join(FACETS)}")
        tree = parse_query(query)
        index = self.index()
        self._local.hits = {}
        positions = self.evaluate(tree, index)
        counts = index.counts(positions, list(facets or ()))
        words = _positive_text(tree)
        page: list[int]
        scores: list[float | None]
        if sort == "relevance" and words:
            page, scores = self._ranked(words, positions, index, offset + limit)
            page, scores = page[offset:], scores[offset:]
        else:
            ordered = index.order_by_date(positions, descending=sort != "oldest")
            page = [int(i) for i in index.ids[ordered[offset : offset + limit]]]
            scores = [None] * len(page)
        hits = self._page(page, scores, words)
        return SearchResult(
            query=query,
            total=len(positions),
            hits=tuple(hits),
            facets=counts,
            sort=sort,
            offset=offset,
            limit=limit,
            milliseconds=(time.perf_counter() - started) * 1000,
        )

    def count(self, query: str) -> int:
        """How many cables match (no facets, no page)."""
        index = self.index()
        return len(self.evaluate(parse_query(query), index))

    def ids(self, query: str) -> list[str]:
        """The reference ids of every matching cable, oldest first."""
        index = self.index()
        positions = index.order_by_date(self.evaluate(parse_query(query), index), descending=False)
        wanted = [int(i) for i in index.ids[positions]]
        keys = dict(self._column(wanted, "reference_id"))
        return [str(keys[i]) for i in wanted if i in keys]

    # -- evaluation --------------------------------------------------------------

    def evaluate(self, node: Node, index: FacetIndex) -> IntArray:
        """The sorted positions (in ``index``) of the cables that match ``node``."""
        return self._eval(node, index)

    def _eval(self, node: Node, index: FacetIndex) -> IntArray:
        everything = index.everything
        if isinstance(node, All):
            return everything
        if isinstance(node, And):
            positive: list[Node] = [i for i in node.items if not isinstance(i, Not)]
            negative: list[Node] = [i.item for i in node.items if isinstance(i, Not)]
            result = everything
            for wanted in sorted(positive, key=_cost):
                found = self._eval(wanted, index)
                result = _intersect(result, found, len(everything))
                if not len(result):
                    return result
            for unwanted in negative:
                result = _minus(result, self._eval(unwanted, index), len(everything))
            return result
        if isinstance(node, Or):
            parts = [self._eval(i, index) for i in node.items]
            return _union(parts, len(everything))
        if isinstance(node, Not):
            return _minus(everything, self._eval(node.item, index), len(everything))
        if isinstance(node, Term | Phrase):
            leaves = self._leaf_cache(index)
            leaf = leaves.get(node)
            if leaf is None:
                leaf = leaves.put(node, index.positions(self.backend.text_ids(node)))
            self._hits_of[node] = len(leaf)
            return leaf
        if isinstance(node, DateRange):
            return _date_positions(node, index)
        if isinstance(node, ClassFilter):
            ranks = index.class_ranks
            test = _CLASS_OPS[node.op](ranks, node.rank) & (ranks >= 0)
            if node.noforn is not None:
                test &= index.noforn == int(node.noforn)
            return np.nonzero(test)[0].astype(np.int64)
        if isinstance(node, Filter):
            return self._filter(node, index)
        raise ArchiveError(f"cannot evaluate {type(node).__name__}")  # pragma: no cover

    def _filter(self, node: Filter, index: FacetIndex) -> IntArray:
        if node.field in ("origin", "country"):
            return index.where_equal(node.field, node.value)
        if node.field == "tag":
            return index.where_tag(node.value)
        leaves = self._leaf_cache(index)
        found = leaves.get(node)
        if found is None:
            found = leaves.put(
                node, index.positions(self.backend.filter_ids(node.field, node.value))
            )
        return found

    # -- ranking and hits ----------------------------------------------------------

    def _ranked(
        self, words: Sequence[Term | Phrase], positions: IntArray, index: FacetIndex, wanted: int
    ) -> tuple[list[int], list[float | None]]:
        """Ids of the best ``wanted`` matching cables, best first, with their scores.

        Cables whose subject matches come first, ranked among themselves; then those
        that match in the body alone. The subject weighs ten times the body in the
        score, so this is the order the score gives in all but rare cases, and a broad
        word (``minister``, in most cables) is ranked over the few thousand cables
        that carry it in their subject instead of over all of them.
        """
        ids: list[int] = []
        scores: list[float | None] = []
        if len(positions) <= self.score_directly:
            hits = [self._hits(word) for word in words]
            scored = self.backend.scored(words, index.ids[positions].tolist(), hits)
            scored.sort(key=lambda pair: (-pair[1], pair[0]))
            for cable_id, score in scored[:wanted]:
                ids.append(cable_id)
                scores.append(score)
        else:
            # by cable id: whether the cable matches and is not taken yet
            allowed = np.zeros(len(index.slots), dtype=bool)
            allowed[index.ids[positions]] = True
            for subject_only in (True, False):
                top_ids, top_scores = self._top(words, subject_only)
                known = top_ids < len(allowed)
                taken = np.flatnonzero(known)[allowed[top_ids[known]]][: wanted - len(ids)]
                allowed[top_ids[taken]] = False
                ids += top_ids[taken].tolist()
                scores += top_scores[taken].tolist()
                if len(ids) >= wanted:
                    return ids, scores
                if len(top_ids) >= _TOP:  # the tier may go on: the rest from the index
                    rest = self.backend.ranked_ids(words, subject_only=subject_only)
                    for cable_id, score in itertools.islice(rest, len(top_ids), None):
                        if cable_id < len(allowed) and allowed[cable_id]:
                            allowed[cable_id] = False
                            ids.append(cable_id)
                            scores.append(score)
                            if len(ids) >= wanted:
                                return ids, scores
        seen = set(ids)
        for position in index.order_by_date(positions):  # matched by filters alone: newest
            if len(ids) >= wanted:
                break
            cable_id = int(index.ids[position])
            if cable_id not in seen:
                ids.append(cable_id)
                scores.append(None)
        return ids, scores

    def _leaf_cache(self, index: FacetIndex) -> LeafCache:
        """The cache of leaf matches for ``index``: positions computed against an index
        that has since been replaced must not be kept for the new one."""
        owner, cache = self._leaves
        return cache if owner is index else LeafCache(budget=0)

    def _top(
        self, words: Sequence[Term | Phrase], subject_only: bool
    ) -> tuple[IntArray, FloatArray]:
        """The ids and scores of the best :data:`_TOP` of a ranking tier, best first, kept
        for the next search with the same words (a facet click, the next page)."""
        key = (tuple(words), subject_only)
        top = self._tops.get(key)
        if top is None:
            rows = self.backend.top_ranked(words, subject_only=subject_only, limit=_TOP)
            top = (
                np.array([cable_id for cable_id, _ in rows], dtype=np.int64),
                np.array([score for _, score in rows], dtype=np.float64),
            )
            for shared in top:
                shared.flags.writeable = False
            if len(self._tops) >= _TOPS_KEPT:
                self._tops.pop(next(iter(self._tops)), None)
            self._tops[key] = top
        return top

    def _hits(self, word: Term | Phrase) -> int:
        """How many cables of the archive hold ``word``."""
        if word not in self._hits_of:
            self._hits_of[word] = len(self.backend.text_ids(word))
        return self._hits_of[word]

    def _page(
        self, ids: list[int], scores: Sequence[float | None], words: Sequence[Term | Phrase]
    ) -> Iterator[Hit]:
        if not ids:
            return
        rows = {
            int(r[0]): r
            for r in self.backend.rows_by_id(
                ids,
                "id, reference_id, created, origin, origin_token, country, classification, "
                "subject, record, header, body",
            )
        }
        for cable_id, score in zip(ids, scores, strict=True):
            row = rows.get(cable_id)
            if row is None:
                continue
            snippet = (
                snippets.snippet(row[7] or "", row[10] or "", words) if words else None
            ) or _lead(self.backend.unpack(row[8], row[9], row[10]))
            yield Hit(
                reference_id=row[1],
                created=row[2],
                origin=row[3],
                origin_token=row[4],
                country=row[5],
                classification=row[6],
                subject=row[7],
                snippet=snippet,
                score=score,
            )

    def _column(self, ids: list[int], column: str) -> Iterator[tuple[int, object]]:
        for row in self.backend.rows_by_id(ids, f"id, {column}"):
            yield int(row[0]), row[1]


_TOP = 2_000
"""Rows of a ranking tier fetched at once (and kept: see :meth:`Engine._top`)."""

_TOPS_KEPT = 256
"""Ranking tiers kept, oldest dropped first; all dropped when the archive changes."""

_CLASS_OPS = {
    "=": np.equal,
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
}


# Set operations on sorted arrays of distinct positions below ``size``, through a
# boolean mask: linear, where NumPy's intersect1d and unique sort (a tenth of a
# search's time at Cablegate scale went to sorting).


def _intersect(a: IntArray, b: IntArray, size: int) -> IntArray:
    if len(a) > len(b):
        a, b = b, a
    if len(b) == size:  # b is every position (an AND starts from all of them)
        return a
    mask = np.zeros(size, dtype=bool)
    mask[a] = True
    found: IntArray = b[mask[b]]
    return found


def _union(parts: Sequence[IntArray], size: int) -> IntArray:
    mask = np.zeros(size, dtype=bool)
    for part in parts:
        mask[part] = True
    found: IntArray = np.flatnonzero(mask).astype(np.int64, copy=False)
    return found


def _minus(a: IntArray, b: IntArray, size: int) -> IntArray:
    mask = np.zeros(size, dtype=bool)
    mask[b] = True
    found: IntArray = a[~mask[a]]
    return found


def _cost(node: Node) -> int:
    """Evaluate cheap, selective leaves first so that an AND can stop early."""
    if isinstance(node, Filter | ClassFilter | DateRange):
        return 0
    if isinstance(node, Term | Phrase):
        return 1
    return 2


def _positive_text(node: Node) -> list[Term | Phrase]:
    """The words and phrases that count towards relevance (not under a NOT)."""
    if isinstance(node, Term | Phrase):
        return [node]
    if isinstance(node, And | Or):
        return [w for item in node.items for w in _positive_text(item)]
    return []


def _date_positions(node: DateRange, index: FacetIndex) -> IntArray:
    created = index.created
    test = created >= 0
    if node.start is not None:
        test &= created >= _epoch(node.start)
    if node.end_exclusive is not None:
        test &= created < _epoch(node.end_exclusive)
    return np.nonzero(test)[0].astype(np.int64)


def _epoch(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


def _lead(cable: Cable, size: int = 240) -> str:
    """The opening of a cable's summary or first paragraph, for hits without words."""
    text = cable.summary or next((p.text for p in cable.paragraphs if p.text), "")
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + " …"


class LeafCache:
    """The matches of recently evaluated words and table filters, newest kept.

    A word such as ``minister`` costs tens of milliseconds to fetch from the
    full-text index, and people ask again for the words they just asked for: a
    facet click, the next page, another sort, a narrower query all evaluate the
    same leaves. Bounded by the number of positions held (``budget``, 8 million:
    64 MB); emptied whenever the facet index is rebuilt, so never stale.
    """

    def __init__(self, budget: int = 8_000_000) -> None:
        self._items: collections.OrderedDict[Node, IntArray] = collections.OrderedDict()
        self._size = 0
        self._budget = budget
        self._lock = threading.Lock()

    def get(self, key: Node) -> IntArray | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: Node, positions: IntArray) -> IntArray:
        positions.flags.writeable = False  # shared between searches: read only
        with self._lock:
            if key not in self._items and len(positions) <= self._budget:
                self._items[key] = positions
                self._size += len(positions)
                while self._size > self._budget:
                    _, dropped = self._items.popitem(last=False)
                    self._size -= len(dropped)
        return positions
