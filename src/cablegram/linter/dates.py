"""CG2xx: dates, and the declassification instruction.

A cable is dated by its date-time group (``P 141412Z FEB 07``); the DE line's
day-of-year (``0451412``) is when the station sent it and should be close. The
E.O. line's instruction (``DECL: 02/14/2017``) says when the cable may be
declassified; it only makes sense for a classified cable, after the cable's
date, and within the limits the executive orders set.
"""

from __future__ import annotations

import datetime as dt
import re

from cablegram.linter._context import Context
from cablegram.linter._core import Hits, rule

STATION_TIME_TOLERANCE = dt.timedelta(hours=24)
"""How far the DE line's time may stray from the date-time group.

Minutes are usual and a few hours happen (backlog at the communications
centre, a cable released late in the day and sent next morning). Beyond a day
the two are not one event any more: a typo in the DTG or in the DE line's
day-of-year, a retransmission, or a DTG in local time on the wrong day.
"""

GRACE = dt.timedelta(days=60)
"""How long a post may keep using the form an executive order replaced.

Templates and habits change slowly: for about eight weeks after a new order
(or amendment) takes effect, the old form is not flagged.
"""

MAX_DECLASSIFICATION_YEARS = 25
"""E.O. 12958 and E.O. 13526 cap a declassification date at 25 years from the
original decision; longer needs an exemption marking (25X1, 50X1-HUM, ...)."""

DECLASSIFICATION_SLACK = dt.timedelta(days=31)
"""Drafters count the 25 years from the day they write, in local time, and round to a
month's end; a date up to a month past the limit is not worth a finding."""

_OADR_ABOLISHED = dt.date(1995, 10, 14)  # E.O. 12958 in force: no more "OADR"
_EXEMPTIONS_DROPPED = dt.date(2003, 3, 25)  # E.O. 13292: X1..X8 exemptions gone
_EXEMPTION_RE = re.compile(r"(?<![A-Z])X\s?[1-8](?![0-9])")
_LONG_EXEMPTION_RE = re.compile(r"\b(?:25|50|75)\s?X", re.IGNORECASE)


def is_record_of_release(text: str | None) -> bool:
    """``DECLASSIFIED BY NARA 09/02/2009``: a note that the cable *was* declassified,
    written on the released copy; not an instruction of the drafter."""
    return bool(text) and "DECLASSIFIED" in (text or "").upper()


@rule("CG201", "station-time-disagrees-with-dtg", "warning", "DE line time far from the DTG")
def station_time_disagrees_with_dtg(ctx: Context) -> Hits:
    """The DE line's day-of-year and time differ from the date-time group by more than a day.

    The DE line (``DE RUEHMS #0154 0451412``) records when the station sent
    the cable; the DTG when it was released. A few hours apart is normal
    transmission delay; more than 24 hours means one of them is mistyped
    or the copy is a later retransmission.
    """
    cable = ctx.cable
    if cable.created_source != "dtg" or cable.station_time is None or cable.created is None:
        return
    delta = cable.station_time - cable.created
    if abs(delta) > STATION_TIME_TOLERANCE:
        hours = delta.total_seconds() / 3600
        when = "after" if hours > 0 else "before"
        yield (
            f"the DE line says {cable.station_time:%d %b %H%MZ} (day "
            f"{cable.station_time.timetuple().tm_yday:03d}), {abs(hours):.0f} hours {when} "
            f"the date-time group {cable.date_time_group}",
            ctx.de_line,
        )


@rule("CG202", "date-time-group-missing", "warning", "No date-time group")
def date_time_group_missing(ctx: Context) -> Hits:
    """The cable has no date-time group.

    The DTG is the cable's date and, with the originator, its identity in
    the communications system. Without one the date must come from elsewhere
    (a press dateline, release metadata) and cannot be checked against the
    text. Copies that are partial extracts have lost their routing header.
    """
    cable = ctx.cable
    if cable.date_time_group or not (cable.header_text or cable.body_text):
        return
    source = f"; the date was taken from the {cable.created_source}" if cable.created_source else ""
    if cable.header_text:
        yield f"the routing header has no date-time group{source}", None
    else:
        yield f"no routing header and so no date-time group{source}", None


@rule(
    "CG203", "declassification-before-cable-date", "error", "Declassification date precedes cable"
)
def declassification_before_cable_date(ctx: Context) -> Hits:
    """The declassification date is earlier than the cable's own date.

    Information cannot be declassified before it was classified: the date is
    mistyped (often the year) and a reviewer cannot tell which date was meant.
    """
    cable = ctx.cable
    when = cable.declassify_on
    if when is None or ctx.date is None or is_record_of_release(cable.declassification):
        return
    if when < ctx.date:
        yield (
            f"declassify on {when.isoformat()} is before the cable's date {ctx.date.isoformat()}",
            ctx.front_line("eo"),
        )


@rule(
    "CG204", "unclassified-with-declassification-date", "warning", "UNCLAS cable with a DECL date"
)
def unclassified_with_declassification_date(ctx: Context) -> Hits:
    """An unclassified cable carries a declassification date.

    Only classified information is declassified; an UNCLAS cable's E.O. line
    reads ``N/A``. A date there suggests the banner is wrong, or the line
    was copied from another cable.
    """
    cable = ctx.cable
    if ctx.rank != 0 or cable.declassify_on is None:
        return
    if not is_record_of_release(cable.declassification):
        yield (
            f"this {cable.classification} cable has a declassification date "
            f"({cable.declassify_on.isoformat()}); unclassified cables say N/A",
            ctx.front_line("eo"),
        )


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@rule("CG205", "declassification-beyond-limit", "warning", "Declassification more than 25 years on")
def declassification_beyond_limit(ctx: Context) -> Hits:
    """The declassification date is more than 25 years after the cable's date.

    E.O. 12958 (section 1.6, later 1.5) and E.O. 13526 (section 1.5) allow at
    most 25 years unless an exemption is marked (``25X1``, ``50X1-HUM``);
    a later plain date is a typo or an unmarked exemption. A month of slack
    allows for drafting dates and rounding.
    """
    cable = ctx.cable
    when, text = cable.declassify_on, cable.declassification or ""
    if when is None or ctx.date is None or not ctx.classified or is_record_of_release(text):
        return
    if _LONG_EXEMPTION_RE.search(text):
        return
    limit = _add_years(ctx.date, MAX_DECLASSIFICATION_YEARS) + DECLASSIFICATION_SLACK
    if when > limit:
        years = (when - ctx.date).days / 365.25
        yield (
            f"declassify on {when.isoformat()} is {years:.0f} years after the cable's date; "
            f"the limit is {MAX_DECLASSIFICATION_YEARS} years without an exemption",
            ctx.front_line("eo"),
        )


@rule("CG206", "declassification-instruction-missing", "warning", "Classified cable without DECL")
def declassification_instruction_missing(ctx: Context) -> Hits:
    """A classified cable's E.O. line has no declassification instruction, or says ``N/A``.

    Since E.O. 12356 every classified document states when (or on what
    event) it may be declassified; ``N/A`` is the unclassified form and on a
    classified cable means the banner or the E.O. line is wrong.
    """
    cable = ctx.cable
    if not ctx.classified or cable.executive_order is None:
        return
    text = (cable.declassification or "").strip().upper()
    if not text:
        yield "the E.O. line gives no declassification date or event", ctx.front_line("eo")
    elif text.replace(" ", "") in ("N/A", "NA"):
        yield (
            f"the E.O. line says N/A on a {cable.classification} cable; "
            "N/A is for unclassified cables",
            ctx.front_line("eo"),
        )


@rule("CG207", "oadr-after-1995", "warning", "DECL: OADR after E.O. 12958")
def oadr_after_1995(ctx: Context) -> Hits:
    """The cable says ``DECL: OADR`` (originating agency's determination required)
    though it is dated after E.O. 12958 took effect on 14 October 1995.

    E.O. 12958 abolished indefinite classification: every cable since needs a
    date or event. An OADR cable gives a reviewer nothing to go by.
    """
    text = (ctx.cable.declassification or "").upper()
    if "OADR" not in text or ctx.date is None:
        return
    if ctx.date > _OADR_ABOLISHED + GRACE:
        yield (
            f"DECL: OADR was abolished by E.O. 12958 on {_OADR_ABOLISHED.isoformat()}; "
            f"this cable is dated {ctx.date.isoformat()}",
            ctx.front_line("eo"),
        )


@rule("CG208", "exemption-code-after-2003", "warning", "X1-X8 exemption after 2003")
def exemption_code_after_2003(ctx: Context) -> Hits:
    """The declassification instruction uses an X1-X8 exemption code after E.O. 13292
    (25 March 2003) dropped them.

    The codes exempted information from the original 10-year rule of
    E.O. 12958; after the amendment a cable gives a date up to 25 years on
    (or a 25X exemption), so an X code is a stale template.
    """
    text = (ctx.cable.declassification or "").upper()
    if ctx.date is None or not _EXEMPTION_RE.search(text) or _LONG_EXEMPTION_RE.search(text):
        return
    if ctx.date > _EXEMPTIONS_DROPPED + GRACE and "12356" not in (ctx.cable.executive_order or ""):
        yield (
            f"exemption code in {ctx.cable.declassification!r}: X1-X8 were dropped on "
            f"{_EXEMPTIONS_DROPPED.isoformat()}",
            ctx.front_line("eo"),
        )
