"""The ACP-127 routing header: transmission id, routing, DE line, security warning,
date-time group, originator and addressees.

The header is read as a stream of tokens, not of lines, because the Markdown
and scraped renderings run its lines together (``VZCZCXRO7693 PP RUEHROV DE
RUEHMS #0154 0451412 ZNY CCCCC ZZH P 141412Z FEB 07 FM AMEMBASSY MUSCAT TO
...``). Where line breaks survive they still help: a new line starts a new
addressee.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cablegram.model import Diagnostic, Precedence, Recipient
from cablegram.parser.dates import DTG_RE, MONTHS, full_year, make_utc
from cablegram.tables.codes import PROSIGNS, precedence_word

_TID_RE = re.compile(r"^VZCZC([A-Z]{3})(\d{3,5})$")
_ROUTING_PROSIGN_RE = re.compile(r"^[ZOPR]{2}$")
_ROUTE_RE = re.compile(r"^R[A-Z]{3,6}$")
_ROUTED_NAME_RE = re.compile(r"^(R[A-Z]{3,6})/(.*)$")
_STATION_SERIAL_RE = re.compile(r"^#(\d{1,5})(?:/(\d{1,3}))?$")
_DE_TIME_RE = re.compile(r"^(\d{3})(\d{2})(\d{2})$")
_ADDRESS_STATES = frozenset({"to", "info", "xmt"})
_ADDRESS_KEYWORDS = frozenset({"BT", "NNNN", "INFO", "XMT"})
_WARNING_CODE_RE = re.compile(r"^([CSUETM])\1{4}$")
_POST_PREFIXES = frozenset(
    {"AMEMBASSY", "AMCONSUL", "AMCONGEN", "USMISSION", "USINT", "USLO", "USOFFICE", "AIT"}
)


@dataclass(slots=True)
class Header:
    """What the routing header says; every field may be missing."""

    transmission_id: str | None = None
    routing_precedence: str | None = None
    relay_routes: list[str] = field(default_factory=list)
    originating_station: str | None = None
    station_serial: str | None = None
    section_number: int | None = None
    station_day: tuple[int, int, int] | None = None  # day of year, hour, minute
    security_warning: str | None = None
    date_time_group: str | None = None
    dtg: dt.datetime | None = None
    precedence: Precedence = field(default_factory=Precedence)
    sender: str | None = None
    recipients: list[Recipient] = field(default_factory=list)
    info_recipients: list[Recipient] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(slots=True)
class _Tok:
    text: str
    line: int
    line_start: bool


def _tokens(text: str, first_line: int) -> list[_Tok]:
    toks: list[_Tok] = []
    for offset, line in enumerate(text.split("\n")):
        words = line.split()
        if words and words[0] == "PAGE" and len(words) > 1 and words[1].isdecimal():
            continue  # a page break of a printed copy, not an addressee
        if words:
            line_no = first_line + offset
            toks.append(_Tok(words[0], line_no, True))
            toks.extend(_Tok(word, line_no, False) for word in words[1:])
    return toks


def _is_mcn(word: str) -> bool:
    """A message control number: ``7721``, or a range of them for a multi-section
    cable, ``7721-7722``."""
    if 3 <= len(word) <= 5:
        return word.isdecimal()
    first, dash, last = word.partition("-")
    return bool(dash) and _is_mcn(first) and _is_mcn(last)


def _is_routed(word: str) -> bool:
    return "/" in word and _ROUTED_NAME_RE.match(word) is not None


def parse_dtg(text: str, line: int | None = None) -> tuple[re.Match[str] | None, Diagnostic | None]:
    """Find a date-time group in ``text``; a diagnostic when it names no real time."""
    m = DTG_RE.search(text)
    if not m:
        return None, None
    when = _dtg_time(m)
    if when is None:
        return m, Diagnostic(
            code="dtg-invalid",
            message=f"date-time group {m.group().strip()!r} is not a real date",
            line=line,
            severity="warning",
        )
    return m, None


def _dtg_time(m: re.Match[str]) -> dt.datetime | None:
    return make_utc(
        full_year(int(m["year"])),
        MONTHS[m["month"]],
        int(m["day"]),
        int(m["hour"]),
        int(m["minute"]),
    )


def dtg_datetime(m: re.Match[str]) -> dt.datetime | None:
    """The UTC datetime of a date-time group match."""
    return _dtg_time(m)


def dtg_precedence(m: re.Match[str]) -> Precedence:
    """``O P 180800Z``: action precedence O, info precedence P; one letter gives both."""
    action = PROSIGNS.get(m["prec"])
    info = PROSIGNS.get(m["prec2"]) if m["prec2"] else action
    return Precedence(action=action, info=info)


def parse_header(text: str, *, first_line: int = 1) -> Header:
    """Read a routing header. Never raises; oddities become diagnostics."""
    head = Header()
    toks = _tokens(text, first_line)
    if not toks:
        return head
    i = 0
    n = len(toks)
    state = "start"
    current: list[_Tok] = []
    target: list[Recipient] | None = None

    def flush() -> None:
        nonlocal current
        if current and target is not None:
            recipient = _recipient(current, head)
            if recipient is not None:
                target.append(recipient)
        current = []

    while i < n:
        tok = toks[i]
        word = tok.text
        if state in _ADDRESS_STATES and word not in _ADDRESS_KEYWORDS:
            # the common case, one addressee word after another
            if state == "xmt":
                state = "info" if target is head.info_recipients else "to"
            if current and (tok.line_start or _is_routed(word)) and not _is_continuation(tok):
                flush()
            current.append(tok)
            if len(current) > 1 and _is_mcn(word) and precedence_word(current[-2].text):
                flush()
            i += 1
            continue
        if word == "BT" or word == "NNNN":
            flush()
            break
        if state in ("start", "routing"):
            m = _TID_RE.match(word)
            if m and head.transmission_id is None:
                head.transmission_id = m.group(1) + m.group(2)
                i += 1
                continue
            if _ROUTING_PROSIGN_RE.match(word) and state == "start" and head.dtg is None:
                dtg_m = DTG_RE.match(_join(toks, i, 6))
                if dtg_m is None:
                    head.routing_precedence = word
                    state = "routing"
                    i += 1
                    continue
            if state == "routing" and _ROUTE_RE.match(word):
                head.relay_routes.append(word)
                i += 1
                continue
        if word == "DE" and head.originating_station is None and i + 1 < n:
            i = _parse_de(toks, i + 1, head)
            state = "after-de"
            continue
        if word in ("ZNY", "ZNR") and i + 1 < n and _WARNING_CODE_RE.match(toks[i + 1].text):
            head.security_warning = toks[i + 1].text
            i += 2
            if i < n and toks[i].text == "ZZH":
                i += 1
            state = "after-de"
            continue
        if head.dtg is None and state not in ("to", "info", "xmt") and len(word) <= 2:
            window = _join(toks, i, 6)
            dtg_m = DTG_RE.match(window)
            if dtg_m:
                head.date_time_group = dtg_m.group().strip()
                head.precedence = dtg_precedence(dtg_m)
                head.dtg = _dtg_time(dtg_m)
                if head.dtg is None:
                    head.diagnostics.append(
                        Diagnostic(
                            code="dtg-invalid",
                            message=f"date-time group {head.date_time_group!r} is not a real date",
                            line=tok.line,
                        )
                    )
                i += len(dtg_m.group().split())
                state = "after-dtg"
                continue
        if word == "FM" and state not in ("to", "info"):
            flush()
            state = "fm"
            current = []
            i += 1
            continue
        if word == "TO" and state in ("fm", "after-dtg") and head.sender is None:
            head.sender = _name(current) or None
            current = []
            state = "to"
            target = head.recipients
            i += 1
            continue
        if word == "INFO" and state in ("fm", "to", "xmt"):
            if state == "fm":
                head.sender = _name(current) or None
                current = []
            else:
                flush()
            state = "info"
            target = head.info_recipients
            i += 1
            continue
        if word == "XMT" and state in ("to", "info", "xmt"):
            flush()
            i = _parse_xmt(toks, i + 1, target)
            state = "xmt" if target is not None else state
            continue
        if state == "fm":
            current.append(tok)
        i += 1
    else:
        flush()
    if state == "fm" and head.sender is None:
        head.sender = _name(current) or None
    return head


def _join(toks: list[_Tok], start: int, count: int) -> str:
    return " ".join(t.text for t in toks[start : start + count])


def _parse_de(toks: list[_Tok], i: int, head: Header) -> int:
    """``DE RUEHMS #0154/01 0451412``: station, serial, section, day-of-year and time."""
    n = len(toks)
    if i < n and _ROUTE_RE.match(toks[i].text):
        head.originating_station = toks[i].text
        i += 1
    if i < n:
        m = _STATION_SERIAL_RE.match(toks[i].text)
        if m:
            head.station_serial = m.group(1)
            if m.group(2):
                head.section_number = int(m.group(2))
            i += 1
    if i < n:
        m = _DE_TIME_RE.match(toks[i].text)
        if m:
            head.station_day = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            i += 1
    return i


def _parse_xmt(toks: list[_Tok], i: int, target: list[Recipient] | None) -> int:
    """``XMT AMEMBASSY ANDORRA LA VELLA / AMEMBASSY VADUZ``: posts left out of the
    collective just named. The list runs to the next routed addressee; names are
    split where a line starts or a post prefix (AMEMBASSY, AMCONSUL, ...) begins."""
    names: list[list[str]] = []
    n = len(toks)
    while i < n:
        tok = toks[i]
        if _is_routed(tok.text) or tok.text in ("BT", "INFO", "XMT", "TO"):
            break
        if not names or (tok.line_start and names[-1]) or tok.text in _POST_PREFIXES:
            names.append([])
        names[-1].append(tok.text)
        i += 1
    excluded = tuple(" ".join(words) for words in names if words)
    if target and excluded:
        last = target[-1]
        target[-1] = Recipient(
            route=last.route,
            name=last.name,
            precedence=last.precedence,
            mcn=last.mcn,
            excluded=(*last.excluded, *excluded),
            post=last.post,
        )
    return i


def _is_continuation(tok: _Tok) -> bool:
    """A line that continues the addressee before it rather than naming a new one.

    In the header each addressee has its own line; a line that holds only the
    precedence word or the MCN of the line before is a wrapped tail.
    """
    return _is_mcn(tok.text) or precedence_word(tok.text) is not None


def _name(toks: list[_Tok]) -> str:
    return " ".join(t.text for t in toks).strip()


def _recipient(toks: list[_Tok], head: Header) -> Recipient | None:
    words = [t.text for t in toks]
    route: str | None = None
    m = _ROUTED_NAME_RE.match(words[0])
    if m:
        route = m.group(1)
        rest = m.group(2)
        words = ([rest] if rest else []) + words[1:]
    elif _ROUTE_RE.match(words[0]) and len(words) > 1:
        # ``RUEHC SECSTATE WASHDC``: the slash lost in transcription
        route = words[0]
        words = words[1:]
    mcn: str | None = None
    if words and _is_mcn(words[-1]):
        mcn = words.pop()
    precedence: str | None = None
    if words:
        # two-word precedence first: NIACT IMMEDIATE
        if len(words) >= 2:
            two = precedence_word(f"{words[-2]} {words[-1]}")
            if two == "NIACT IMMEDIATE":
                precedence = two
                words = words[:-2]
        if precedence is None:
            one = precedence_word(words[-1])
            if one is not None and len(words) > 1:
                precedence = one
                words.pop()
    name = " ".join(words).strip()
    if not name and route is None:
        return None
    if not name:
        head.diagnostics.append(
            Diagnostic(
                code="addressee-unnamed",
                message=f"addressee {route} has no name",
                line=toks[0].line,
                severity="info",
            )
        )
    return Recipient(route=route, name=name, precedence=precedence, mcn=mcn)


def iter_header_lines(text: str) -> Iterator[str]:
    """The header's non-empty lines (a helper for renderers and tests)."""
    for line in text.split("\n"):
        if line.strip():
            yield line.strip()
