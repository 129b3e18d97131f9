"""The citation graph: who cites whom, held as integer arrays.

Nodes are the archive's cables, in the order of their database ids, followed by
the cables they cite that the archive does not hold ("known but missing"),
sorted by id. Edges are citations, one per (citing, cited) pair however often
a cable cites another, self-citations left out. Both directions are kept in
compressed sparse row form (an offsets array and a neighbours array), so a
cable's citations, its citers, a thread or a neighbourhood are array slices,
and PageRank is a NumPy power iteration over the edge arrays: Cablegate's
quarter of a million cables in seconds, without networkx or SciPy.

Which citations count: the items of REF blocks by default (``citations="refs"``,
what a cable formally answers or builds on); ``"mentions"`` takes only the
inline citations in the text (``reftel``, ``(REF A)``, ``STATE 12345``), and
``"all"`` both. An edge remembers which kinds gave it (:data:`REF`,
:data:`MENTION`).

The graph is built from SQL, two queries, never by unpacking records: the
cables (id, date, origin, classification, subject) and the citation rows of
``cable_references`` joined to ``cables`` on the cited id, which resolves every
citation the archive can answer in the database.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from cablegram.errors import ArchiveError
from cablegram.parser.ids import canonical_id, split_id

if TYPE_CHECKING:
    from cablegram.archive import Archive
    from cablegram.archive.base import SQLBackend

Citations = Literal["refs", "mentions", "all"]
"""Which citations make edges: REF items, inline mentions, or both."""

CITATIONS: tuple[Citations, ...] = ("refs", "mentions", "all")

REF = 1
"""Edge kind bit: a REF item cites the cable."""
MENTION = 2
"""Edge kind bit: the text cites the cable inline."""

_KIND_COLUMN: dict[Citations, tuple[str, ...]] = {
    "refs": ("cable",),
    "mentions": ("mention",),
    "all": ("cable", "mention"),
}
KIND_NAMES = {REF: "ref", MENTION: "mention", REF | MENTION: "ref+mention"}
"""How an edge's kind bits read in exports."""

# A release id with a zero-padded serial (09CAIRO0561): citations use 09CAIRO561.
_PADDED_SERIAL = re.compile(r"\d{2}[A-Z]+0\d")

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


class Node(NamedTuple):
    """One cable of the graph: held by the archive, or only known from citations.

    A missing cable has no date, subject or classification; its ``origin_token``
    comes from its id (``08STATE1234`` -> ``STATE``) and its ``year`` too.
    """

    reference_id: str
    created: str | None
    origin_token: str | None
    origin: str | None
    classification: str | None
    subject: str | None
    in_archive: bool

    @property
    def date(self) -> str | None:
        """``YYYY-MM-DD`` of a held cable, None for a missing one."""
        return self.created[:10] if self.created else None

    @property
    def year(self) -> int | None:
        """The year sent: from the date, or from the id of a missing cable."""
        if self.created:
            return int(self.created[:4])
        parts = split_id(self.reference_id)
        return parts[0] if parts else None


class Cited(NamedTuple):
    """A cable and how many cables cite it."""

    node: Node
    citations: int


class Ranked(NamedTuple):
    """A cable and its PageRank."""

    node: Node
    score: float


class Flow(NamedTuple):
    """Citations from cables of one post to cables of another."""

    source: str
    target: str
    citations: int


class Resolution(NamedTuple):
    """How many citations the archive can answer.

    Counted over citation rows as written (a cable citing another twice counts
    twice), self-citations excluded.
    """

    citations: int
    resolved: int
    missing_cables: int

    @property
    def unresolved(self) -> int:
        return self.citations - self.resolved

    @property
    def share(self) -> float:
        """Resolved citations over all citations (0.0 when there are none)."""
        return self.resolved / self.citations if self.citations else 0.0


class ThreadEntry(NamedTuple):
    """One cable of a thread and its distance from the cable the thread is around:
    negative for cables it cites (directly, -1, or through others), positive for
    cables that cite it, 0 for the cable itself."""

    node: Node
    distance: int


class CitationGraph:
    """The citations among an archive's cables, and the cables they cite that it lacks.

    Build one with :meth:`build` (or :func:`cablegram.graph.build_graph`); it is
    a snapshot: rebuild after an ingest.
    """

    def __init__(
        self,
        ids: Sequence[str],
        attributes: Sequence[tuple[str | None, str | None, str | None, str | None, str | None]],
        source: IntArray,
        target: IntArray,
        kinds: IntArray,
        *,
        citations: Citations = "refs",
        resolution: Resolution | None = None,
        aliases: dict[str, int] | None = None,
    ) -> None:
        """``ids`` are all nodes (held cables first: ``len(attributes)`` of them, with
        (created, origin token, origin, classification, subject) each); ``source``,
        ``target`` and ``kinds`` the citations as node numbers and kind bits (repeated
        pairs become one edge, their kinds OR-ed; self-citations are dropped)."""
        self.ids = list(ids)
        self.held = len(attributes)
        self.citations = citations
        self._attributes = list(attributes)
        self._index = {key: i for i, key in enumerate(self.ids)}
        for alias, position in (aliases or {}).items():
            self._index.setdefault(alias, position)
        n = len(self.ids)
        keep = source != target
        source, target, kinds = _dedupe(source[keep], target[keep], kinds[keep], n)
        self.source, self.target, self.kinds = source, target, kinds
        self._out_ptr = _offsets(self.source, n)
        by_target = np.lexsort((self.source, self.target))
        self._in_ptr = _offsets(self.target[by_target], n)
        self._in_idx: IntArray = self.source[by_target]
        self._in_degree: IntArray = np.diff(self._in_ptr)
        self.resolution = resolution or Resolution(
            len(self.source), int(np.count_nonzero(self.target < self.held)), n - self.held
        )
        self._pagerank: FloatArray | None = None
        self._missing_tokens = [_token_of(key) for key in self.ids[self.held :]]
        self._when = self._times()

    # -- building ----------------------------------------------------------------

    @classmethod
    def build(cls, archive: Archive, *, citations: Citations = "refs") -> CitationGraph:
        """The graph of every citation in ``archive`` (see the module docstring)."""
        if citations not in _KIND_COLUMN:
            raise ArchiveError(f"unknown citations {citations!r}: use {', '.join(CITATIONS)}")
        backend = archive.backend
        rows = backend.execute(
            "SELECT id, reference_id, created, origin_token, origin, classification, subject "
            "FROM cables ORDER BY id"
        ).fetchall()
        cable_ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        ids: list[str] = [r[1] for r in rows]
        attributes = [(r[2], r[3] or _token_of(r[1]), r[4], r[5], r[6]) for r in rows]
        del rows
        aliases = _aliases(ids)
        source, held_target, bits, unresolved = _citation_rows(backend, citations)
        source = np.searchsorted(cable_ids, source)
        resolved = held_target >= 0
        target = np.empty(len(source), dtype=np.int64)
        target[resolved] = np.searchsorted(cable_ids, held_target[resolved])
        # an alias (the canonical form of a zero-padded held id) still resolves
        names = sorted({key for key in unresolved if key not in aliases})
        lookup = dict(aliases)
        lookup.update((key, len(ids) + offset) for offset, key in enumerate(names))
        target[~resolved] = np.fromiter(
            (lookup[key] for key in unresolved), np.int64, count=len(unresolved)
        )
        keep = source != target
        source, target, bits = source[keep], target[keep], bits[keep]
        resolution = Resolution(len(source), int(np.count_nonzero(target < len(ids))), len(names))
        return cls(
            ids + names,
            attributes,
            source,
            target,
            bits,
            citations=citations,
            resolution=resolution,
            aliases=aliases,
        )

    # -- nodes ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, reference_id: object) -> bool:
        return isinstance(reference_id, str) and self._find(reference_id) is not None

    @property
    def edge_count(self) -> int:
        return len(self.source)

    def position(self, reference_id: str) -> int:
        """The node number of a cable id (as written or canonical); ArchiveError if absent."""
        found = self._find(reference_id)
        if found is None:
            raise ArchiveError(
                f"{reference_id.strip()} is neither in the archive nor cited by any cable in it"
            )
        return found

    def _find(self, reference_id: str) -> int | None:
        key = reference_id.strip()
        found = self._index.get(key)
        if found is None:
            canonical = canonical_id(key)
            if canonical:
                found = self._index.get(canonical)
        return found

    def node(self, position: int | str) -> Node:
        """A node by number or by cable id."""
        i = self.position(position) if isinstance(position, str) else position
        key = self.ids[i]
        if i < self.held:
            return Node(key, *self._attributes[i], True)
        return Node(key, None, self._missing_tokens[i - self.held], None, None, None, False)

    def nodes(self, positions: Iterable[int]) -> list[Node]:
        return [self.node(int(i)) for i in positions]

    def in_time_order(self, positions: IntArray) -> IntArray:
        """These node numbers sorted by date: a held cable by its date and time, a
        missing one (or an undated one) by the start of the year of its id, which
        puts it before that year's dated cables; ties by node number."""
        order = np.lexsort((positions, self._when[positions]))
        found: IntArray = positions[order]
        return found

    def _times(self) -> IntArray:
        """Seconds since the epoch of every node, for time order."""
        stamps = []
        for i, key in enumerate(self.ids):
            created = self._attributes[i][0] if i < self.held else None
            if created and len(created) >= 19:
                stamps.append(created[:19])
            else:
                parts = split_id(key)
                stamps.append(f"{parts[0]:04d}-01-01T00:00:00" if parts else "NaT")
        when: IntArray = np.array(stamps, dtype="datetime64[s]").astype(np.int64)
        when[when == np.iinfo(np.int64).min] = np.iinfo(np.int64).max  # NaT: last
        return when

    # -- neighbours -----------------------------------------------------------------

    def cites(self, reference_id: str) -> list[Node]:
        """The cables that this one cites, oldest first."""
        i = self.position(reference_id)
        return self.nodes(self.in_time_order(self.target[self._out_ptr[i] : self._out_ptr[i + 1]]))

    def cited_by(self, reference_id: str) -> list[Node]:
        """The cables in the archive that cite this one, oldest first."""
        i = self.position(reference_id)
        return self.nodes(self.in_time_order(self._in_idx[self._in_ptr[i] : self._in_ptr[i + 1]]))

    def thread(self, reference_id: str, *, depth: int = 3) -> list[ThreadEntry]:
        """The chain around a cable, in time order: what it cites, what those cite, and
        so on back ``depth`` steps, and what cites it, ``depth`` steps forward.

        Directions are not mixed: a cable that cites the same older cable as this
        one (a sibling) is not part of its chain. See :meth:`neighbourhood` for that.
        """
        if depth < 0:
            raise ArchiveError("depth must not be negative")
        centre = self.position(reference_id)
        members = [np.array([centre], dtype=np.int64)]
        distances = [np.zeros(1, dtype=np.int64)]
        taken = np.zeros(len(self.ids), dtype=bool)
        taken[centre] = True
        for step, ptr, idx in ((-1, self._out_ptr, self.target), (1, self._in_ptr, self._in_idx)):
            seen = np.zeros(len(self.ids), dtype=bool)
            seen[centre] = True
            frontier = members[0]
            for level in range(1, depth + 1):
                found = np.unique(_expand(ptr, idx, frontier))
                frontier = found[~seen[found]]
                if not len(frontier):
                    break
                seen[frontier] = True
                fresh = frontier[~taken[frontier]]  # in both directions (a cycle): once
                taken[fresh] = True
                members.append(fresh)
                distances.append(np.full(len(fresh), step * level, dtype=np.int64))
        everyone, distance = np.concatenate(members), np.concatenate(distances)
        order = np.lexsort((everyone, self._when[everyone]))
        return [
            ThreadEntry(self.node(int(i)), int(d))
            for i, d in zip(everyone[order].tolist(), distance[order].tolist(), strict=True)
        ]

    def neighbourhood(self, reference_ids: Iterable[str], *, depth: int = 1) -> IntArray:
        """Node numbers of these cables and of every cable within ``depth`` citations
        of them, either direction (ids the graph lacks are ignored), sorted."""
        if depth < 0:
            raise ArchiveError("depth must not be negative")
        seeds = {i for key in reference_ids if (i := self._find(key)) is not None}
        selected = np.array(sorted(seeds), dtype=np.int64)
        frontier = selected
        for _ in range(depth):
            if not len(frontier):
                break
            around = np.concatenate(
                [
                    _expand(self._out_ptr, self.target, frontier),
                    _expand(self._in_ptr, self._in_idx, frontier),
                ]
            )
            frontier = np.setdiff1d(np.unique(around), selected, assume_unique=True)
            selected = np.union1d(selected, frontier)
        return selected

    def edges_within(self, positions: IntArray) -> IntArray:
        """Numbers of the edges whose two ends are both among ``positions``."""
        inside = np.zeros(len(self.ids), dtype=bool)
        inside[positions] = True
        found: IntArray = np.nonzero(inside[self.source] & inside[self.target])[0].astype(np.int64)
        return found

    # -- measures --------------------------------------------------------------------

    def in_degree(self, reference_id: str) -> int:
        """How many cables in the archive cite this one."""
        return int(self._in_degree[self.position(reference_id)])

    def most_cited(self, limit: int = 20, *, in_archive: bool | None = None) -> list[Cited]:
        """The cables cited by the most cables: all, only held (``in_archive=True``) or
        only missing ones (``False``: "the most-cited cables this archive lacks")."""
        degree = self._in_degree
        if in_archive is True:
            degree = degree[: self.held]
            offset = 0
        elif in_archive is False:
            degree = degree[self.held :]
            offset = self.held
        else:
            offset = 0
        chosen = _top(degree.astype(np.float64), limit)
        return [Cited(self.node(int(i) + offset), int(degree[i])) for i in chosen if degree[i]]

    def pagerank(
        self, *, alpha: float = 0.85, tol: float = 1e-10, max_iter: int = 500
    ) -> FloatArray:
        """PageRank of every node (summing to 1), by power iteration over the edges.

        The same definition as :func:`networkx.pagerank` (uniform teleport; the rank
        of a cable that cites nothing, which includes every missing cable, spread
        over all nodes), iterated until the L1 change is below ``tol``: a few dozen
        ``bincount`` passes, well under a second for Cablegate, without SciPy.
        Cached for the default arguments.
        """
        default = (alpha, tol, max_iter) == (0.85, 1e-10, 500)
        if default and self._pagerank is not None:
            return self._pagerank
        ranks = _pagerank(self.source, self.target, len(self.ids), alpha, tol, max_iter)
        if default:
            self._pagerank = ranks
        return ranks

    def top_pagerank(self, limit: int = 20, *, in_archive: bool | None = None) -> list[Ranked]:
        """The cables of highest PageRank (all, held only, or missing only)."""
        ranks = self.pagerank()
        offset = 0
        if in_archive is True:
            ranks = ranks[: self.held]
        elif in_archive is False:
            ranks, offset = ranks[self.held :], self.held
        return [Ranked(self.node(int(i) + offset), float(ranks[i])) for i in _top(ranks, limit)]

    def flows(self, *, include_same_post: bool = True, resolved_only: bool = False) -> list[Flow]:
        """Citations between posts: the origin token of the citing cable -> that of the
        cited one, most frequent first. A missing cable's post comes from its id."""
        tokens = [self._token(i) for i in range(len(self.ids))]
        pairs: Counter[tuple[str, str]] = Counter()
        for s, t in zip(self.source.tolist(), self.target.tolist(), strict=True):
            if resolved_only and t >= self.held:
                continue
            a, b = tokens[s], tokens[t]
            if a is None or b is None or (a == b and not include_same_post):
                continue
            pairs[a, b] += 1
        ordered = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
        return [Flow(a, b, n) for (a, b), n in ordered]

    def _token(self, position: int) -> str | None:
        if position < self.held:
            return self._attributes[position][1]
        return self._missing_tokens[position - self.held]

    def attributes(self, position: int) -> dict[str, Any]:
        """A node's attributes for exports: id, label, date, origin, classification,
        subject, in_archive (empty strings where unknown: GraphML has no null)."""
        node = self.node(position)
        return {
            "label": node.reference_id,
            "date": node.date or "",
            "year": node.year or 0,
            "origin": node.origin_token or "",
            "classification": node.classification or "",
            "subject": node.subject or "",
            "in_archive": node.in_archive,
        }


def build_graph(archive: Archive, *, citations: Citations = "refs") -> CitationGraph:
    """The citation graph of an archive; see :class:`CitationGraph`."""
    return CitationGraph.build(archive, citations=citations)


# -- array helpers ----------------------------------------------------------------------

_FETCH = 65_536


def _citation_rows(
    backend: SQLBackend, citations: Citations
) -> tuple[IntArray, IntArray, IntArray, list[str]]:
    """Every citation as (citing cable id, cited cable id or -1, kind bit), and the
    cited ids of the unresolved ones in row order: one query over
    ``cable_references`` joined to ``cables``, read in chunks so that only
    unresolved targets become Python strings."""
    p = backend.placeholder
    kinds = _KIND_COLUMN[citations]
    cursor = backend.execute(
        "SELECT r.cable_id, t.id, CASE WHEN t.id IS NULL THEN r.target END, "
        f"CASE WHEN r.kind = 'cable' THEN {REF} ELSE {MENTION} END "
        "FROM cable_references r LEFT JOIN cables t ON t.reference_id = r.target "
        f"WHERE r.kind IN ({', '.join([p] * len(kinds))}) AND r.target IS NOT NULL",
        kinds,
    )
    sources: list[IntArray] = []
    targets: list[IntArray] = []
    bits: list[IntArray] = []
    unresolved: list[str] = []
    while chunk := cursor.fetchmany(_FETCH):
        size = len(chunk)
        sources.append(np.fromiter((r[0] for r in chunk), np.int64, count=size))
        targets.append(
            np.fromiter((-1 if r[1] is None else r[1] for r in chunk), np.int64, count=size)
        )
        bits.append(np.fromiter((r[3] for r in chunk), np.int64, count=size))
        unresolved.extend(r[2] for r in chunk if r[1] is None)
    if not sources:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, []
    return np.concatenate(sources), np.concatenate(targets), np.concatenate(bits), unresolved


def _token_of(reference_id: str) -> str | None:
    parts = split_id(reference_id)
    return parts[1] if parts else None


def _aliases(ids: Sequence[str]) -> dict[str, int]:
    """Canonical forms of held ids that are not canonical (zero-padded serials), so
    that citations, which are always canonical, resolve to them."""
    aliases: dict[str, int] = {}
    for position, key in enumerate(ids):
        if _PADDED_SERIAL.match(key):
            canonical = canonical_id(key)
            if canonical and canonical != key:
                aliases[canonical] = position
    return aliases


def _dedupe(
    source: IntArray, target: IntArray, bits: IntArray, n: int
) -> tuple[IntArray, IntArray, IntArray]:
    """One edge per (source, target), its kind bits OR-ed together."""
    if not len(source):
        return source, target, bits
    pair = source * n + target
    order = np.argsort(pair, kind="stable")
    pair, bits = pair[order], bits[order]
    first = np.concatenate(([True], pair[1:] != pair[:-1]))
    starts = np.nonzero(first)[0]
    merged: IntArray = np.bitwise_or.reduceat(bits, starts)
    unique = pair[starts]
    return unique // n, unique % n, merged


def _offsets(sorted_keys: IntArray, n: int) -> IntArray:
    """CSR offsets: the entries of key ``i`` are ``[offsets[i], offsets[i + 1])``."""
    counts = np.bincount(sorted_keys, minlength=n) if len(sorted_keys) else np.zeros(n, np.int64)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def _expand(ptr: IntArray, idx: IntArray, frontier: IntArray) -> IntArray:
    """Every neighbour of every node of ``frontier`` (with repeats), without a loop."""
    if not len(frontier):
        return np.zeros(0, dtype=np.int64)
    starts = ptr[frontier]
    lengths = ptr[frontier + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    index = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
    found: IntArray = idx[index]
    return found


def _top(values: FloatArray, limit: int) -> list[int]:
    """Positions of the ``limit`` largest values, largest first, ties by position."""
    if limit <= 0 or not len(values):
        return []
    if limit < len(values):
        candidates = np.argpartition(-values, limit - 1)[:limit]
        threshold = values[candidates].min()
        candidates = np.nonzero(values >= threshold)[0]
    else:
        candidates = np.arange(len(values))
    order = candidates[np.lexsort((candidates, -values[candidates]))]
    return [int(i) for i in order[:limit]]


def _pagerank(
    source: IntArray, target: IntArray, n: int, alpha: float, tol: float, max_iter: int
) -> FloatArray:
    if n == 0:
        return np.zeros(0, dtype=np.float64)
    out_degree = np.bincount(source, minlength=n).astype(np.float64)
    share = 1.0 / out_degree[source]
    dangling = out_degree == 0
    ranks = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = ranks
        ranks = alpha * np.bincount(target, weights=last[source] * share, minlength=n)
        ranks += (alpha * float(last[dangling].sum()) + 1.0 - alpha) / n
        if float(np.abs(ranks - last).sum()) < tol:
            break
    return ranks
