"""Counts over an archive or a search: by year, month, post, tag, signer; trends; plots.

::

    from cablegram.analytics import plot, stats, trend

    counts = stats(archive, "tag:PTER", by=("year", "origin", "signer"))
    counts["origin"][:3]            # [("STATE", 812), ("ISLAMABAD", 301), ...]
    counts["origin"].to_columns()   # {"origin": [...], "count": [...]}: pandas/polars-ready
    points = trend(archive, '"nuclear program"')   # per month: count, total, share
    plot(points, "nuclear.svg")

Results are plain lists of ``(value, count)`` tuples (:class:`Counts`) and of
:class:`TrendPoint` named tuples, with ``to_records()`` (a list of dicts) and
``to_columns()`` (a dict of lists) for data-frame libraries; nothing here needs
pandas. Plotting imports matplotlib only when called, so the parser and the
archive never load it.

Fields (:data:`FIELDS`) and where their counts come from:

==================  ===========================================================
``year``, ``month``  the cable's date (UTC), in time order
``origin``          the origin token (``ANKARA``, ``STATE``), most frequent first
``country``         the country of the sending post
``tag``             each TAGS code of the cable (a cable counts once per tag)
``classification``  the release classification (``SECRET//NOFORN``)
``precedence``      the action precedence (``IMMEDIATE``)
``signer``          each signer of the cable
``classified_by``   each person named on a Classified By line
``addressee``       each action addressee: its post token (``STATE``), else its name
==================  ===========================================================

A cable without a value for a field is not counted for it. The first six are
answered from the archive's in-memory facet index; the last four from their
tables, filtered to the search's cables.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, get_args

import numpy as np
import numpy.typing as npt

from cablegram.archive.query import parse_query
from cablegram.errors import ArchiveError

if TYPE_CHECKING:
    from cablegram.archive import Archive

Field = Literal[
    "year",
    "month",
    "origin",
    "country",
    "tag",
    "classification",
    "precedence",
    "signer",
    "classified_by",
    "addressee",
]
FIELDS: tuple[Field, ...] = get_args(Field)
"""The fields :func:`stats` can count by."""

CHRONOLOGICAL = frozenset({"year", "month"})
_INDEXED = frozenset({"year", "month", "origin", "country", "tag", "classification"})
_TABLE_SQL = {
    "precedence": "SELECT id, precedence FROM cables WHERE precedence IS NOT NULL",
    "signer": "SELECT cable_id, signer FROM signers",
    "classified_by": "SELECT cable_id, name FROM classifiers WHERE name IS NOT NULL",
    "addressee": "SELECT cable_id, COALESCE(post, name) FROM addressees WHERE role = 'to'",
}

IntArray = npt.NDArray[np.int64]


class Counts(list[tuple[str, int]]):
    """``(value, count)`` pairs of one field: a plain list, with its field name and
    conversions for data-frame libraries."""

    def __init__(self, field: str, rows: Iterable[tuple[str, int]] = ()) -> None:
        super().__init__(rows)
        self.field = field

    def to_records(self) -> list[dict[str, Any]]:
        """``[{field: value, "count": n}, ...]``: ``pandas.DataFrame(records)``."""
        return [{self.field: value, "count": count} for value, count in self]

    def to_columns(self) -> dict[str, list[Any]]:
        """``{field: [values], "count": [counts]}``: ``polars.DataFrame(columns)``."""
        return {self.field: [v for v, _ in self], "count": [c for _, c in self]}


class TrendPoint(NamedTuple):
    """One period of a trend: cables matching, all cables, and the share."""

    period: str
    cables: int
    total: int
    share: float


class Trend(list[TrendPoint]):
    """A query's counts per period (every period from the archive's first to its last,
    empty ones included), with conversions for data-frame libraries."""

    def __init__(self, query: str, by: str, points: Iterable[TrendPoint] = ()) -> None:
        super().__init__(points)
        self.query = query
        self.by = by

    def to_records(self) -> list[dict[str, Any]]:
        return [point._asdict() for point in self]

    def to_columns(self) -> dict[str, list[Any]]:
        return {name: [getattr(p, name) for p in self] for name in TrendPoint._fields}


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts of a search's cables by several fields."""

    query: str
    total: int
    counts: dict[str, Counts]

    def __getitem__(self, field: str) -> Counts:
        return self.counts[field]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"query", "total", "counts": {field: [[value, n], ...]}}``."""
        return {
            "query": self.query,
            "total": self.total,
            "counts": {name: [list(pair) for pair in rows] for name, rows in self.counts.items()},
        }


def cable_ids(archive: Archive, query: str = "") -> IntArray:
    """The database ids of the cables matching ``query`` (all when empty), oldest
    first (undated last)."""
    index = archive.engine.index()
    positions = archive.engine.evaluate(parse_query(query), index)
    ordered = index.order_by_date(positions, descending=False)
    found: IntArray = index.ids[ordered]
    return found


def stats(
    archive: Archive,
    query: str = "",
    *,
    by: Sequence[str] = FIELDS,
    limit: int | None = None,
) -> Stats:
    """Counts of the cables matching ``query`` by each field of ``by``.

    Years and months come in time order, every other field most frequent first
    (ties by first appearance), the first ``limit`` values (all when None).
    """
    unknown = [name for name in by if name not in FIELDS]
    if unknown:
        raise ArchiveError(f"cannot count by {unknown[0]!r}: use {', '.join(FIELDS)}")
    engine = archive.engine
    index = engine.index()
    positions = engine.evaluate(parse_query(query), index)
    everything = len(positions) == len(index.ids)
    selected = None if everything else set(index.ids[positions].tolist())
    wanted = len(index.ids) + len(index.tag_values) + 1
    counts: dict[str, Counts] = {}
    for name in by:
        if name in _INDEXED:
            rows = index.counts(positions, [name], limit=wanted)[name]
        else:
            rows = _table_counts(archive, name, selected)
        if limit is not None and name not in CHRONOLOGICAL:
            rows = rows[:limit]
        counts[name] = Counts(name, rows)
    return Stats(query, len(positions), counts)


def _table_counts(archive: Archive, name: str, selected: set[int] | None) -> list[tuple[str, int]]:
    """Distinct cables per value of a child table, among ``selected`` (all when None)."""
    seen: set[tuple[int, str]] = set()
    tally: Counter[str] = Counter()
    for cable_id, value in archive.backend.execute(_TABLE_SQL[name]).fetchall():
        if not value or (selected is not None and cable_id not in selected):
            continue
        if (cable_id, value) not in seen:
            seen.add((cable_id, value))
            tally[value] += 1
    return tally.most_common()


def trend(archive: Archive, query: str, *, by: str = "month") -> Trend:
    """How many cables match ``query`` per month (or year), and their share of all
    the cables of that period; every period of the archive's span is present."""
    if by not in CHRONOLOGICAL:
        raise ArchiveError(f"a trend goes by month or year, not {by!r}")
    engine = archive.engine
    index = engine.index()
    positions = engine.evaluate(parse_query(query), index)
    wanted = len(index.ids) + 1
    totals = dict(index.counts(index.everything, [by], limit=wanted)[by])
    matches = dict(index.counts(positions, [by], limit=wanted)[by])
    points = []
    for period in _periods(sorted(totals), by):
        count, total = matches.get(period, 0), totals.get(period, 0)
        points.append(TrendPoint(period, count, total, count / total if total else 0.0))
    return Trend(query, by, points)


def fill_periods(rows: Sequence[tuple[str, int]], by: str) -> Counts:
    """Year or month counts with the empty periods between the first and the last
    filled in with zero, in time order (for charts: a gap shows as a gap)."""
    if by not in CHRONOLOGICAL:
        raise ArchiveError(f"periods go by month or year, not {by!r}")
    counted = dict(rows)
    return Counts(
        by, ((period, counted.get(period, 0)) for period in _periods(sorted(counted), by))
    )


def _periods(present: Sequence[str], by: str) -> list[str]:
    """Every period from the first present to the last, gaps filled."""
    if not present:
        return []
    if by == "year":
        return [str(y) for y in range(int(present[0]), int(present[-1]) + 1)]
    first = dt.date.fromisoformat(f"{present[0]}-01")
    last = dt.date.fromisoformat(f"{present[-1]}-01")
    periods = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        periods.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return periods


_IMAGE_FORMATS = frozenset({"svg", "png", "pdf"})


def plot(
    data: Counts | Trend | Sequence[tuple[str, int]],
    path: str | Path,
    *,
    title: str | None = None,
    limit: int = 25,
    share: bool = False,
) -> Path:
    """Draw counts or a trend to an SVG, PNG or PDF file (by its suffix); return the path.

    Years, months and trends are drawn in time order as a line (a bar chart for
    a few periods); other fields as horizontal bars of the ``limit`` most
    frequent values. ``share=True`` draws a trend's share of all cables instead
    of its counts. Uses matplotlib's Agg canvas without touching pyplot's
    global state, so it is safe in servers and threads.
    """
    target = Path(path)
    suffix = target.suffix.lower().lstrip(".")
    if suffix not in _IMAGE_FORMATS:
        raise ArchiveError(f"cannot plot to {target.name!r}: use a .svg, .png or .pdf file")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels, values, chronological, ylabel = _series(data, share)
    figure = Figure(figsize=(10, 5.5), layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    if chronological and len(labels) > 24:
        axes.plot(range(len(labels)), values, color="#1f5f8b", linewidth=1.4)
        step = max(1, len(labels) // 12)
        axes.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right")
        axes.set_ylabel(ylabel)
    elif chronological:
        axes.bar(labels, values, color="#1f5f8b")
        axes.tick_params(axis="x", labelrotation=45)
        axes.set_ylabel(ylabel)
    else:
        labels, values = labels[:limit][::-1], values[:limit][::-1]
        axes.barh(labels, values, color="#1f5f8b")
        axes.set_xlabel(ylabel)
    axes.set_title(title or _title(data, share))
    axes.spines[["top", "right"]].set_visible(False)
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target, format=suffix, dpi=120)
    return target


def _series(
    data: Counts | Trend | Sequence[tuple[str, int]], share: bool
) -> tuple[list[str], list[float], bool, str]:
    """Labels, values, whether they are periods, and the axis label."""
    if isinstance(data, Trend):
        if share:
            return [p.period for p in data], [p.share for p in data], True, "share of cables"
        return [p.period for p in data], [float(p.cables) for p in data], True, "cables"
    chronological = isinstance(data, Counts) and data.field in CHRONOLOGICAL
    return [str(v) for v, _ in data], [float(c) for _, c in data], chronological, "cables"


def _title(data: object, share: bool) -> str:
    if isinstance(data, Trend):
        what = "share of cables" if share else "cables"
        return f"{what} per {data.by}" + (f" matching {data.query}" if data.query else "")
    if isinstance(data, Counts):
        return f"cables by {data.field.replace('_', ' ')}"
    return "cables"
