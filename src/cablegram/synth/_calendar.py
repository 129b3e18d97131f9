"""When synthetic cables are sent: how many a year, and at what minute, in order.

Traffic grows year by year towards 2008-2009, as Cablegate's does, and within
a year it follows the working week (weekends are quiet) and the working day
(in UTC, a broad peak while Europe, the Middle East and Washington overlap).

The times come out sorted without ever being held: for ``n`` uniform points
the next order statistic follows from the last one
(``u' = 1 - (1 - u) * v ** (1 / k)`` with ``k`` points left), and a monotone map
through the year's cumulative activity turns each into a minute. Memory stays
constant whatever ``n`` is.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import random
from collections.abc import Iterator

# Relative traffic per year; years outside the table take the nearest entry.
_YEAR_WEIGHTS = {
    2003: 0.35,
    2004: 0.55,
    2005: 0.85,
    2006: 1.25,
    2007: 1.5,
    2008: 1.75,
    2009: 1.85,
    2010: 1.6,
}
_WEEKDAY = (1.0, 1.05, 1.05, 1.0, 0.9, 0.3, 0.22)  # Monday first
_HOUR_UTC = (
    0.45, 0.4, 0.4, 0.45, 0.55, 0.7, 0.85, 1.0, 1.1, 1.2, 1.25, 1.25,
    1.25, 1.25, 1.3, 1.3, 1.25, 1.2, 1.1, 1.0, 0.9, 0.75, 0.6, 0.5,
)  # fmt: skip


def year_weight(year: int) -> float:
    """The relative traffic of ``year``."""
    if year in _YEAR_WEIGHTS:
        return _YEAR_WEIGHTS[year]
    nearest = min(_YEAR_WEIGHTS, key=lambda known: abs(known - year))
    return _YEAR_WEIGHTS[nearest]


def allocate(count: int, start_year: int, end_year: int) -> dict[int, int]:
    """Split ``count`` cables over the years by weight (largest remainders)."""
    years = list(range(start_year, end_year + 1))
    weights = [year_weight(year) for year in years]
    total = sum(weights)
    exact = [count * w / total for w in weights]
    counts = [int(x) for x in exact]
    left = count - sum(counts)
    by_remainder = sorted(range(len(years)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[:left]:
        counts[i] += 1
    return dict(zip(years, counts, strict=True))


@functools.lru_cache(maxsize=32)
def _activity(year: int) -> tuple[list[float], list[float]]:
    """Each hour's weight in ``year`` and the running total through each hour."""
    first = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - first).days
    weekday = first.weekday()
    weights = [
        _WEEKDAY[(weekday + day) % 7] * hourly for day in range(days) for hourly in _HOUR_UTC
    ]
    return weights, list(itertools.accumulate(weights))


def times(count: int, start_year: int, end_year: int, rng: random.Random) -> Iterator[dt.datetime]:
    """``count`` sending times (UTC, whole minutes) in ascending order."""
    rnd = rng.random
    for year, n in allocate(count, start_year, end_year).items():
        if n == 0:
            continue
        weights, cumulative = _activity(year)
        total = cumulative[-1]
        last_hour = len(weights) - 1
        start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
        u = 0.0
        for left in range(n, 0, -1):
            u = 1.0 - (1.0 - u) * rnd() ** (1.0 / left)
            x = u * total
            hour = min(bisect.bisect_right(cumulative, x), last_hour)
            before = cumulative[hour - 1] if hour else 0.0
            minute = min(int((x - before) / weights[hour] * 60), 59)
            yield start + dt.timedelta(hours=hour, minutes=max(minute, 0))
