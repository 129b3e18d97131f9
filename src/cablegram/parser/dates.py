"""Dates and times as cables write them.

* the date-time group ``141412Z FEB 07`` (always UTC);
* the DE line's day-of-year and time ``0451412`` (day 045, 14:12Z), which has no year;
* the press dateline that WikiLeaks put before edited bodies, ``Monday, 25 January 2010, 09:33``;
* declassification dates in every order people typed them (``02/14/2017``, ``2017/02/14``,
  ``2/14/17``, ``14 FEB 2017``).
"""

from __future__ import annotations

import datetime as dt
import re

UTC = dt.UTC

MONTHS = {
    "JAN": 1,
    "FEB": 2,
    "MAR": 3,
    "APR": 4,
    "MAY": 5,
    "JUN": 6,
    "JUL": 7,
    "AUG": 8,
    "SEP": 9,
    "OCT": 10,
    "NOV": 11,
    "DEC": 12,
}

# Cablegate spans 1966-2010; the National Archives' files 1973-1979. Two-digit
# years at or above this pivot are 19xx.
_PIVOT = 66
_HALF_YEAR = dt.timedelta(days=182)

DTG_RE = re.compile(
    r"(?<![A-Z0-9])(?P<prec>[ZOPRM])(?:\s+(?P<prec2>[ZOPRM]))?\s+"
    r"(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})\s?Z\s+"
    r"(?P<month>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?\s+"
    r"(?P<year>\d{4}|\d{2})(?!\d)"
)

# A date-time group alone on a line, without precedence: what the partial extracts of the
# release kept of the header (``150613Z Dec 05``).
BARE_DTG_RE = re.compile(
    r"^[ \t]*(?P<day>\d{2})(?P<hour>\d{2})(?P<minute>\d{2})\s?Z\s+"
    r"(?P<month>(?i:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC))[A-Za-z]*\.?\s+"
    r"(?P<year>\d{4}|\d{2})[ \t]*$",
    re.MULTILINE,
)

_DATELINE_RE = re.compile(
    r"^\s*(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+"
    r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4}),\s+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$"
)

_NUMERIC_DATE_RE = re.compile(r"(?<!\d)(\d{1,4})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{1,4})(?!\d)")
_WORD_DATE_RE = re.compile(
    r"(?<!\d)(\d{1,2})\s*(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?,?\s*(\d{4}|\d{2})(?!\d)"
)
_WORD_DATE_US_RE = re.compile(
    r"(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\.?\s+(\d{1,2}),?\s+(\d{4})(?!\d)"
)


def full_year(two_or_four: int) -> int:
    """``07`` -> 2007, ``88`` -> 1988, ``2009`` -> 2009."""
    if two_or_four >= 100:
        return two_or_four
    return 1900 + two_or_four if two_or_four >= _PIVOT else 2000 + two_or_four


def make_utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime | None:
    """A UTC datetime, or None when the parts do not make one (day 31 of February)."""
    if hour == 24 and minute == 0:  # "242400Z" is midnight at the end of the day
        base = make_utc(year, month, day)
        return base + dt.timedelta(days=1) if base else None
    try:
        return dt.datetime(year, month, day, hour, minute, tzinfo=UTC)
    except ValueError:
        return None


def station_time(day_of_year: int, hour: int, minute: int, near: dt.datetime) -> dt.datetime | None:
    """The DE line's time in the year that puts it closest to ``near`` (usually the DTG).

    The DE line carries no year: a cable filed on 31 December and transmitted
    on 1 January has day 001 of the next year.
    """
    if not 1 <= day_of_year <= 366 or hour > 23 or minute > 59:
        return None
    # The same day in the year before or after lies 365 or 366 days away from the
    # one in near's year: within half a year of ``near``, that one is the closest.
    # (At the ends of the calendar the years around it are still tried, and fail.)
    if dt.MINYEAR < near.year < dt.MAXYEAR - 1:
        same_year = _day_of_year(near.year, day_of_year, hour, minute)
        if same_year is not None and abs(same_year - near) <= _HALF_YEAR:
            return same_year
    best: dt.datetime | None = None
    for year in (near.year - 1, near.year, near.year + 1):
        start = dt.datetime(year, 1, 1, hour, minute, tzinfo=UTC)
        candidate = start + dt.timedelta(days=day_of_year - 1)
        if candidate.year != year:  # day 366 of a common year
            continue
        if best is None or abs(candidate - near) < abs(best - near):
            best = candidate
    return best


def _day_of_year(year: int, day_of_year: int, hour: int, minute: int) -> dt.datetime | None:
    start = dt.datetime(year, 1, 1, hour, minute, tzinfo=UTC)
    when = start + dt.timedelta(days=day_of_year - 1)
    return when if when.year == year else None  # None: day 366 of a common year


def parse_dateline(line: str) -> dt.datetime | None:
    """``Monday, 25 January 2010, 09:33`` -> 2010-01-25 09:33 UTC, else None."""
    m = _DATELINE_RE.match(line)
    if not m:
        return None
    month = MONTHS.get(m["month"][:3].upper())
    if month is None:
        return None
    return make_utc(int(m["year"]), month, int(m["day"]), int(m["hour"]), int(m["minute"]))


def parse_date(text: str, *, month_first: bool = True) -> dt.date | None:
    """The first plausible calendar date in ``text``, as cables write declassification dates.

    ``2017/02/14`` and ``02/14/2017`` are unambiguous; ``02/14/17`` is taken
    month first (the US order) unless that is impossible.
    """
    m = _NUMERIC_DATE_RE.search(text)
    if m:
        a, b, c = (int(g) for g in m.groups())
        if len(m.group(1)) == 4:  # YYYY/MM/DD
            return _date(a, b, c)
        year = full_year(c)
        first = _date(year, a, b) if month_first else _date(year, b, a)
        return first or (_date(year, b, a) if month_first else _date(year, a, b))
    m = _WORD_DATE_RE.search(text)
    if m:
        return _date(full_year(int(m.group(3))), MONTHS[m.group(2)], int(m.group(1)))
    m = _WORD_DATE_US_RE.search(text)
    if m:
        return _date(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    return None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
