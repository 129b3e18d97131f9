"""Facet counts for a whole result set, in memory.

Counting origins, countries, tags, classifications, years and months over a
result set of a hundred thousand cables with ``GROUP BY`` costs a query per
facet per search. Instead the archive keeps, per cable, small integer codes of
those fields in NumPy arrays (a few megabytes for Cablegate), and a search
counts any facet of any result set with one ``bincount``: milliseconds at any
size. The index is rebuilt when the database changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from cablegram.archive.base import SQLBackend

FACETS = ("origin", "country", "tag", "classification", "year", "month")
"""The facets a search can count."""

_COLUMNS = {
    "origin": "origin_token",
    "country": "country",
    "classification": "classification",
    "year": "year",
    "month": "month",
}

IntArray = npt.NDArray[np.int64]


@dataclass(slots=True)
class _Coded:
    """One facet: a code per cable and the value of each code."""

    codes: IntArray
    values: list[str]
    lookup: dict[str, int]


@dataclass(frozen=True, slots=True)
class _Postings:
    """The positions holding each code, grouped by code: those of code ``c`` are
    ``positions[bounds[c]:bounds[c + 1]]``, sorted. A filter on one value (``tag:PREL``,
    ``origin:STATE``) is then a slice, where a scan of every cable's codes cost
    milliseconds (tens for a tag, whose owners had to be found and made unique)."""

    positions: IntArray
    bounds: IntArray

    @classmethod
    def of(cls, codes: IntArray, owners: IntArray, size: int) -> _Postings:
        """Postings of ``size`` codes from (code, owner position) pairs; code -1 counts
        for nothing, and a pair given twice (a tag repeated in a cable) once."""
        known = codes >= 0
        span = int(owners.max()) + 1 if len(owners) else 1
        pairs = np.unique(codes[known] * span + owners[known])  # by code, then position
        positions = pairs % span
        positions.flags.writeable = False  # slices are shared between searches
        bounds = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(pairs // span, minlength=size), out=bounds[1:])
        return cls(positions, bounds)

    def get(self, code: int | None) -> IntArray:
        """The sorted positions holding ``code`` (none for None)."""
        if code is None:
            return self.positions[:0]
        found: IntArray = self.positions[self.bounds[code] : self.bounds[code + 1]]
        return found


@dataclass(slots=True)
class FacetIndex:
    """Per-cable facet codes, aligned on the sorted array of cable ids."""

    ids: IntArray
    created: IntArray  # seconds since the epoch, -1 when unknown (for date sorting)
    class_ranks: IntArray  # -1 when unknown
    noforn: IntArray
    columns: dict[str, _Coded]
    tag_offsets: IntArray  # CSR: tags of cable i are tag_codes[tag_offsets[i]:tag_offsets[i+1]]
    tag_codes: IntArray
    tag_values: list[str]
    tag_lookup: dict[str, int]
    fingerprint: tuple[object, ...]
    postings: dict[str, _Postings]  # origin, country, classification and tag
    everything: IntArray  # every position, in order (read only)
    _slots: IntArray | None = None

    @classmethod
    def build(cls, backend: SQLBackend) -> FacetIndex:
        """Read the facet columns and the tags, a chunk of rows at a time: the Python
        objects of one chunk are all that is alive beside the arrays, so building
        the index of Cablegate costs a few megabytes, not a copy of every row."""
        fingerprint = backend.fingerprint()
        cursor = backend.execute(
            "SELECT id, created, origin_token, country, classification, year, month, "
            "class_rank, noforn FROM cables ORDER BY id"
        )
        ids, created, ranks, noforn = [], [], [], []
        encoders = {name: _Encoder() for name in ("origin", "country", "classification")}
        encoders.update(year=_Encoder(), month=_Encoder())
        while rows := cursor.fetchmany(_FETCH):
            size = len(rows)
            ids.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=size))
            created.append(np.fromiter((_epoch(r[1]) for r in rows), dtype=np.int64, count=size))
            ranks.append(
                np.fromiter((-1 if r[7] is None else r[7] for r in rows), np.int64, count=size)
            )
            noforn.append(np.fromiter((r[8] or 0 for r in rows), dtype=np.int64, count=size))
            for position, encoder in enumerate(encoders.values()):
                encoder.add([r[position + 2] for r in rows])
        cursor = backend.execute("SELECT cable_id, tag FROM tags ORDER BY cable_id, position")
        tag_cables = []
        tags = _Encoder()
        while rows := cursor.fetchmany(_FETCH):
            tag_cables.append(np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)))
            tags.add([r[1] for r in rows])
        all_ids = _joined(ids)
        owners = np.searchsorted(all_ids, _joined(tag_cables))  # the position of each tag's cable
        counts = (
            np.bincount(owners, minlength=len(all_ids)) if len(all_ids) else np.zeros(0, np.int64)
        )
        offsets = np.zeros(len(all_ids) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        coded_tags = tags.coded()
        columns = {name: encoder.coded() for name, encoder in encoders.items()}
        everything = np.arange(len(all_ids), dtype=np.int64)
        everything.flags.writeable = False
        postings = {
            name: _Postings.of(columns[name].codes, everything, len(columns[name].values))
            for name in ("origin", "country", "classification")
        }
        postings["tag"] = _Postings.of(coded_tags.codes, owners, len(coded_tags.values))
        return cls(
            all_ids,
            _joined(created),
            _joined(ranks),
            _joined(noforn),
            columns,
            offsets,
            coded_tags.codes,
            coded_tags.values,
            coded_tags.lookup,
            fingerprint,
            postings,
            everything,
        )

    def positions(self, ids: Sequence[int] | IntArray) -> IntArray:
        """Sorted, unique positions of cable ids in this index (ids not in it are dropped)."""
        wanted = np.asarray(ids, dtype=np.int64)
        if not len(self.ids) or not len(wanted):
            return np.zeros(0, dtype=np.int64)
        if len(wanted) > 1 and not bool(np.all(wanted[1:] > wanted[:-1])):
            wanted = np.unique(wanted)
        wanted = wanted[(wanted >= 0) & (wanted < len(self.slots))]
        found: IntArray = self.slots[wanted]
        return found[found >= 0]

    @property
    def slots(self) -> IntArray:
        """The position of each cable id (``-1`` for ids not in the index), by id."""
        if self._slots is None:
            size = int(self.ids[-1]) + 1 if len(self.ids) else 0
            slots = np.full(size, -1, dtype=np.int64)
            slots[self.ids] = np.arange(len(self.ids), dtype=np.int64)
            self._slots = slots
        return self._slots

    def where_equal(self, facet: str, value: str) -> IntArray:
        """Positions whose ``facet`` column (origin, country, classification) is
        ``value`` (read only: shared between searches)."""
        return self.postings[facet].get(self.columns[facet].lookup.get(value))

    def where_tag(self, tag: str) -> IntArray:
        """Positions of the cables whose TAGS include ``tag`` (read only)."""
        return self.postings["tag"].get(self.tag_lookup.get(tag))

    def counts(
        self, positions: IntArray, facets: Sequence[str], *, limit: int = 20
    ) -> dict[str, list[tuple[str, int]]]:
        """The most frequent values of each facet among these cables."""
        out: dict[str, list[tuple[str, int]]] = {}
        for facet in facets:
            if facet == "tag":
                codes = self._tag_codes(positions)
                values = self.tag_values
            else:
                coded = self.columns[_COLUMN_FACET.get(facet, facet)]
                codes, values = coded.codes[positions], coded.values
            out[facet] = _top(codes, values, limit, by_value=facet in ("year", "month"))
        return out

    def _tag_codes(self, positions: IntArray) -> IntArray:
        if not len(positions):
            return np.zeros(0, dtype=np.int64)
        starts = self.tag_offsets[positions]
        ends = self.tag_offsets[positions + 1]
        lengths = ends - starts
        total = int(lengths.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64)
        # indexes of every tag of every selected cable, without a Python loop
        repeat_starts = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        index = repeat_starts + np.arange(total)
        return self.tag_codes[index]

    def order_by_date(self, positions: IntArray, *, descending: bool = True) -> IntArray:
        """These positions sorted by date (undated last), stable on id."""
        keys = self.created[positions]
        keys = -keys if descending else np.where(keys < 0, np.iinfo(np.int64).max, keys)
        return positions[np.argsort(keys, kind="stable")]


_COLUMN_FACET = {"origin": "origin"}


def _epoch(created: object) -> int:
    if not isinstance(created, str) or len(created) < 19:
        return -1
    return int(np.datetime64(created[:19], "s").astype(np.int64))


_FETCH = 65_536


def _joined(parts: list[IntArray]) -> IntArray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


class _Encoder:
    """Integer codes for values fed in chunks; None and "" get -1 (never counted)."""

    def __init__(self) -> None:
        self.lookup: dict[object, int] = {}
        self.names: list[str] = []
        self.parts: list[IntArray] = []

    def add(self, values: Sequence[object]) -> None:
        lookup, names = self.lookup, self.names
        codes = np.empty(len(values), dtype=np.int64)
        for i, value in enumerate(values):
            if value is None or value == "":
                codes[i] = -1
                continue
            code = lookup.get(value)
            if code is None:
                code = lookup[value] = len(names)
                names.append(str(value))
            codes[i] = code
        self.parts.append(codes)

    def coded(self) -> _Coded:
        names = self.names
        return _Coded(_joined(self.parts), names, {name: code for code, name in enumerate(names)})


def _top(
    codes: IntArray, values: list[str], limit: int, *, by_value: bool
) -> list[tuple[str, int]]:
    codes = codes[codes >= 0]
    if not len(codes):
        return []
    counts = np.bincount(codes, minlength=len(values))
    present = np.nonzero(counts)[0]
    if by_value:  # years and months read best in time order
        chosen = sorted(present, key=lambda c: values[c])
        return [(values[c], int(counts[c])) for c in chosen]
    order = present[np.lexsort((present, -counts[present]))][:limit]
    return [(values[c], int(counts[c])) for c in order]
