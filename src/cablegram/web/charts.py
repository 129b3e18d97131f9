"""Charts drawn on the server: the geometry of a bar chart, for an inline SVG.

The pages run no script, and the Content-Security-Policy forbids inline styles, so a
chart is an ``<svg>`` whose bars are ``<rect>`` elements with their sizes as
attributes, computed here; the template ``_chart.html`` only writes them out.
Each bar can be a link (a month of a search links to the search narrowed to that
month) and carries a ``<title>`` (its label and count) for hover and screen readers.
The same data is in the page's JSON, so a program can redraw it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cablegram.analytics import fill_periods

WIDTH = 720
HEIGHT = 160
_MARGIN_LEFT = 44
_MARGIN_BOTTOM = 22
_MARGIN_TOP = 8
MAX_MONTHS = 180
"""Beyond this many months (15 years) a time chart goes by year instead."""


def time_series(months: Sequence[tuple[str, int]]) -> tuple[str, list[tuple[str, int]]]:
    """Counts per month (``YYYY-MM``) as the chart should show them: per month with
    empty months filled in, or per year when the span is too long to read by month."""
    if not months:
        return "month", []
    filled = fill_periods(months, "month")
    if len(filled) <= MAX_MONTHS:
        return "month", list(filled)
    years: dict[str, int] = {}
    for period, count in months:
        years[period[:4]] = years.get(period[:4], 0) + count
    return "year", list(fill_periods(sorted(years.items()), "year"))


def _nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value``."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart(
    rows: Sequence[tuple[str, int]],
    *,
    title: str,
    unit: str = "month",
    url_for: Callable[[str], str | None] | None = None,
    total: int | None = None,
) -> dict[str, Any]:
    """A vertical bar chart of ``(label, count)`` rows in their order (time order).

    ``total`` is how many things there are in all; those the bars do not count
    (cables without a date) are reported as ``undated``.

    Returns ``{"title", "unit", "undated", "width", "height", "max", "bars", "ticks",
    "grid", "axis"}``:
    each bar has its label, count, url (or None) and its rectangle ``x, y, w, h`` in
    the SVG's coordinates; ``ticks`` are the labels written under the axis (about
    a dozen, on year boundaries for months), ``grid`` the value lines.
    """
    top = _nice_ceiling(max((count for _, count in rows), default=0) or 1)
    plot_width = WIDTH - _MARGIN_LEFT - 4
    plot_height = HEIGHT - _MARGIN_TOP - _MARGIN_BOTTOM
    slot = plot_width / max(1, len(rows))
    gap = min(2.0, slot * 0.2)
    bars = []
    for i, (label, count) in enumerate(rows):
        h = plot_height * count / top
        bars.append(
            {
                "label": label,
                "count": count,
                "url": url_for(label) if url_for and count else None,
                "x": round(_MARGIN_LEFT + i * slot + gap / 2, 2),
                "y": round(_MARGIN_TOP + plot_height - h, 2),
                "w": round(max(0.5, slot - gap), 2),
                "h": round(h, 2),
            }
        )
    return {
        "title": title,
        "unit": unit,
        "undated": max(0, total - sum(count for _, count in rows)) if total is not None else 0,
        "width": WIDTH,
        "height": HEIGHT,
        "max": top,
        "bars": bars,
        "ticks": _ticks(rows, slot, unit),
        "grid": [
            {"value": value, "y": round(_MARGIN_TOP + plot_height * (1 - value / top), 2)}
            for value in (0, top // 2, top)
            if value or top
        ],
        "axis": {"x": _MARGIN_LEFT, "y": _MARGIN_TOP + plot_height, "right": WIDTH - 4},
    }


def _ticks(rows: Sequence[tuple[str, int]], slot: float, unit: str) -> list[dict[str, Any]]:
    """Labels under the axis: at most about twelve, months labelled at year starts."""
    if not rows:
        return []
    if unit == "month":
        starts = [i for i, (label, _) in enumerate(rows) if label.endswith("-01")] or [0]
        labels = [(i, rows[i][0][:4]) for i in starts]
        if len(rows) <= 12:
            labels = [(i, label) for i, (label, _) in enumerate(rows)]
    else:
        labels = [(i, label) for i, (label, _) in enumerate(rows)]
    step = max(1, -(-len(labels) // 12))
    return [
        {"label": label, "x": round(_MARGIN_LEFT + (i + 0.5) * slot, 2)}
        for i, label in labels[::step]
    ]
