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
from cablegram.parser.dates import BARE_DTG_RE, DTG_RE, MONTHS, full_year, make_utc
from cablegram.tables.codes import PROSIGNS, precedence_word

_TID_RE = re.compile(r"^VZCZC([A-Z]{3})(\d{3,5})$")
_ROUTING_PROSIGN_RE = re.compile(r"^[ZOPR]{2}$")
_ROUTE_RE = re.compile(r"^R[A-Z]{3,6}$")
# ``RUEHKV/AMEMBASSY KYIV``; ``ZEN/AMEMBASSY RIGA``: ZEN, an addressee served by other means.
_ROUTED_NAME_RE = re.compile(r"^(R[A-Z]{3,6}|ZEN)/(.*)$")
_STATION_SERIAL_RE = re.compile(r"^#(\d{1,5})(?:/(\d{1,3}))?$")
_DE_TIME_RE = re.compile(r"^(\d{3})(\d{2})(\d{2})$")
_ADDRESS_STATES = frozenset({"to", "info", "xmt"})
_ADDRESS_KEYWORDS = frozenset({"BT", "NNNN", "INFO", "XMT"})
_MCN_RE = re.compile(r"\d{3,5}(?:-\d{3,5})*")
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
class _Tokens:
    """The header's words in order, the line each one is on, and the indexes of
    the words that start a line."""

    words: list[str]
    lines: list[int]
    starts: set[int]


def _tokens(text: str, first_line: int) -> _Tokens:
    words: list[str] = []
    lines: list[int] = []
    starts: set[int] = set()
    for offset, line in enumerate(text.split("\n")):
        line_words = line.split()
        if not line_words:
            continue
        if line_words[0] == "PAGE" and len(line_words) > 1 and line_words[1].isdecimal():
            continue  # a page break of a printed copy, not an addressee
        if len(line_words) > 2 and line_words[1] == "PAGE" and line_words[2].isdecimal():
            line_words = line_words[:1]  # ``TO PAGE 02 STATE 015113 182333Z``: the break
        starts.add(len(words))
        words += line_words
        lines += [first_line + offset] * len(line_words)
    return _Tokens(words, lines, starts)


def _is_mcn(word: str) -> bool:
    """A message control number: ``7721``, or a range of them for a multi-section
    cable, ``7721-7722``."""
    return _MCN_RE.fullmatch(word) is not None


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
        MONTHS[m["month"].upper()],
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
    words = toks.words
    starts = toks.starts
    if not words:
        return head
    i = 0
    n = len(words)
    state = "start"
    current: list[str] = []
    current_line = 0  # the line of current[0]
    target: list[Recipient] | None = None

    def flush() -> None:
        nonlocal current
        if current and target is not None:
            recipient = _recipient(current, current_line, head)
            if recipient is not None:
                target.append(recipient)
        current = []

    while i < n:
        word = words[i]
        if state in _ADDRESS_STATES and word not in _ADDRESS_KEYWORDS:
            # the common case, one addressee word after another
            if state == "xmt":
                state = "info" if target is head.info_recipients else "to"
            if current and (i in starts or _is_routed(word)) and not _is_continuation(word):
                flush()
            if not current:
                current_line = toks.lines[i]
            current.append(word)
            if len(current) > 1 and _is_mcn(word) and precedence_word(current[-2]):
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
                dtg_m = DTG_RE.match(" ".join(words[i : i + 6]))
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
            i = _parse_de(words, i + 1, head)
            state = "after-de"
            continue
        if word in ("ZNY", "ZNR") and i + 1 < n and _WARNING_CODE_RE.match(words[i + 1]):
            head.security_warning = words[i + 1]
            i += 2
            if i < n and words[i] == "ZZH":
                i += 1
            state = "after-de"
            continue
        if head.dtg is None and state not in ("to", "info", "xmt") and len(word) <= 2:
            window = " ".join(words[i : i + 6])
            dtg_m = DTG_RE.match(window)
            if dtg_m:
                head.precedence = dtg_precedence(dtg_m)
                _take_dtg(head, dtg_m, toks.lines[i])
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
            i = _parse_xmt(toks, i + 1, target, head)
            state = "xmt" if target is not None else state
            continue
        if state == "fm":
            current.append(word)
        i += 1
    else:
        flush()
    if state == "fm" and head.sender is None:
        head.sender = _name(current) or None
    if head.dtg is None:
        _bare_dtg(text, first_line, head)
    return head


def _bare_dtg(text: str, first_line: int, head: Header) -> None:
    """A date-time group alone on a line, with no precedence (``150613Z Dec 05``), as the
    partial extracts of the release have it in place of the routing header."""
    m = BARE_DTG_RE.search(text)
    if m is not None:
        _take_dtg(head, m, first_line + text.count("\n", 0, m.start()))


def _take_dtg(head: Header, m: re.Match[str], line: int) -> None:
    """Record the date-time group ``m`` (on ``line``); one that names no real time is
    a diagnostic."""
    head.date_time_group = m.group().strip()
    head.dtg = _dtg_time(m)
    if head.dtg is None:
        head.diagnostics.append(
            Diagnostic(
                code="dtg-invalid",
                message=f"date-time group {head.date_time_group!r} is not a real date",
                line=line,
            )
        )


def _parse_de(words: list[str], i: int, head: Header) -> int:
    """``DE RUEHMS #0154/01 0451412``: station, serial, section, day-of-year and time."""
    n = len(words)
    if i < n and _ROUTE_RE.match(words[i]):
        head.originating_station = words[i]
        i += 1
    if i < n:
        m = _STATION_SERIAL_RE.match(words[i])
        if m:
            head.station_serial = m.group(1)
            if m.group(2):
                head.section_number = int(m.group(2))
            i += 1
    if i < n:
        m = _DE_TIME_RE.match(words[i])
        if m:
            head.station_day = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
            i += 1
    return i


def _parse_xmt(toks: _Tokens, i: int, target: list[Recipient] | None, head: Header) -> int:
    """``XMT AMEMBASSY ANDORRA LA VELLA / AMEMBASSY VADUZ``: posts left out of the
    collective just named, or, when XMT ends the address list, of the last collective
    named before it (``TO SECURITY OFFICER COLLECTIVE / ... / INFO AMCONSUL CASABLANCA /
    XMT AMCONSUL JOHANNESBURG``). The list runs to the next routed addressee; names are
    split where a line starts or a post prefix (AMEMBASSY, AMCONSUL, ...) begins."""
    names: list[list[str]] = []
    n = len(toks.words)
    while i < n:
        word = toks.words[i]
        if _is_routed(word) or word in ("BT", "INFO", "XMT", "TO"):
            break
        if not names or (i in toks.starts and names[-1]) or word in _POST_PREFIXES:
            names.append([])
        names[-1].append(word)
        i += 1
    excluded = tuple(" ".join(words) for words in names if words)
    if target and excluded:
        owner, at = target, len(target) - 1
        if not _is_collective(target[-1]):
            for addressees in (target, head.recipients, head.info_recipients):
                found = [k for k, r in enumerate(addressees) if _is_collective(r)]
                if found:
                    owner, at = addressees, found[-1]
                    break
        last = owner[at]
        owner[at] = Recipient(
            route=last.route,
            name=last.name,
            precedence=last.precedence,
            mcn=last.mcn,
            excluded=(*last.excluded, *excluded),
            post=last.post,
        )
    return i


def _is_collective(recipient: Recipient) -> bool:
    return recipient.name.upper().endswith("COLLECTIVE")


def _is_continuation(word: str) -> bool:
    """A line that continues the addressee before it rather than naming a new one.

    In the header each addressee has its own line; a line that holds only the
    precedence word or the MCN of the line before is a wrapped tail.
    """
    return _is_mcn(word) or precedence_word(word) is not None


def _name(words: list[str]) -> str:
    return " ".join(words).strip()


def _recipient(words: list[str], line: int, head: Header) -> Recipient | None:
    """The addressee written by ``words`` (on ``line`` and maybe the next)."""
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
    else:
        words = words.copy()
    mcn: str | None = None
    if words and _is_mcn(words[-1]):
        mcn = words.pop()
    precedence: str | None = None
    if words:
        # two-word precedence first: NIACT IMMEDIATE
        if len(words) >= 2:
            two = f"{words[-2]} {words[-1]}"
            if "NIACT" in two.upper() and precedence_word(two) == "NIACT IMMEDIATE":
                precedence = "NIACT IMMEDIATE"
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
                line=line,
                severity="info",
            )
        )
    return Recipient(route=route, name=name, precedence=precedence, mcn=mcn)


def iter_header_lines(text: str) -> Iterator[str]:
    """The header's non-empty lines (a helper for renderers and tests)."""
    for line in text.split("\n"):
        if line.strip():
            yield line.strip()
