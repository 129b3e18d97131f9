"""The ACP-127 routing header of a synthetic cable.

``VZCZC`` + channel + sequence, the routing line with relay stations, the DE
line (station, station serial, section, day-of-year and time a few minutes
after the date-time group), the security warning matching the marking, the
DTG, ``FM``, then ``TO`` and ``INFO`` addressees with precedence words and
message continuity numbers. Channel sequences and MCNs are counters that run
on from cable to cable, as they do on a real circuit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Sequence
from typing import NamedTuple

from cablegram.synth._model import SynthAddressee
from cablegram.synth._world import Addressee, Sender, addressees, senders

_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
WORDS = {"Z": "FLASH", "O": "IMMEDIATE", "P": "PRIORITY", "R": "ROUTINE"}
_WARNINGS = {"U": "ZNR UUUUU ZZH", "C": "ZNY CCCCC ZZH", "S": "ZNY SSSSS ZZH"}
_XMT_RATE = 0.06
# The ordinal of the day before January 1st, by year: day of year = ordinal - this.
_JAN_1 = {year: dt.date(year, 1, 1).toordinal() - 1 for year in range(1960, 2040)}
_NIACT_RATE = 0.04


class Routing(NamedTuple):
    """What the header says about a cable, decided by the generator."""

    sender: Sender
    serial: int
    created: dt.datetime
    action: str  # precedence letter: Z O P R
    info: str | None  # a second, lower letter for info addressees, or None
    level: str  # U C S
    sections: int


class Headers:
    """Renders headers; holds the counters that run on between cables."""

    def __init__(self, rng: random.Random) -> None:
        self._rnd = rng.random
        self._sequence: dict[str, int] = {}
        self._mcns: dict[tuple[str, str], int] = {}
        self._senders = senders()
        by_region: dict[str, list[Sender]] = {}
        for sender in self._senders[1:]:
            by_region.setdefault(sender.region, []).append(sender)
        self._by_region = {key: tuple(value) for key, value in by_region.items()}
        self._everyone = self._senders[1:]
        self._cumulative = _cumulative([s.weight for s in self._everyone])
        self._routes = addressees()
        self._collectives = _by_prefix(self._routes, "collectives.")
        self._military = _by_prefix(self._routes, "military.")
        self._department = self._senders[0]

    def render(
        self, plan: Routing, *, focus: Sender
    ) -> tuple[str, tuple[SynthAddressee, ...], tuple[SynthAddressee, ...]]:
        """The header text and the TO and INFO addressees.

        ``focus`` is the post whose country the cable is about: a Department
        cable about Spain goes to Embassy Madrid among others.
        """
        rnd = self._rnd
        sender = plan.sender
        channel = "XRO" if rnd() < 0.45 else "XYZ"
        sequence = self._sequence.get(channel, int(rnd() * 9000)) % 10000
        self._sequence[channel] = sequence + 1
        lines = [f"VZCZC{channel}{sequence:04d}"]
        doubled = plan.action * 2
        if channel == "XYZ":
            lines += [f"{doubled} RUEHWEB", ""]
        else:
            relays = self._relays(sender)
            lines.append(f"{doubled} {' '.join(relays)}")
        lines.append(self._de_line(plan))
        lines.append(_WARNINGS[plan.level])
        lines.append(dtg_line(plan.created, plan.action, plan.info))
        lines.append(f"FM {sender.fm}")
        to, info = self._addressees(plan, focus)
        lines.extend(_addressee_lines("TO", to))
        if info:
            lines.extend(_addressee_lines("INFO", info))
        return "\n".join(lines), tuple(to), tuple(info)

    def _relays(self, sender: Sender) -> list[str]:
        pool = self._by_region.get(sender.region) or self._everyone
        count = 1 + int(self._rnd() ** 2 * 7)
        rnd, size = self._rnd, len(pool)
        found = sorted({pool[int(rnd() * size)].route for _ in range(count)} - {sender.route})
        return found or ["RUEHWEB"]

    def _de_line(self, plan: Routing) -> str:
        created = plan.created
        delay = 0 if self._rnd() < 0.6 else 1 + int(self._rnd() * 9)
        left = 23 * 60 + 59 - (created.hour * 60 + created.minute)
        station = created + dt.timedelta(minutes=min(delay, left))
        day = station.toordinal() - _JAN_1.get(station.year, 0)
        if day > 366:
            day = station.timetuple().tm_yday
        section = "/01" if plan.sections > 1 else ""
        return (
            f"DE {plan.sender.route} #{plan.serial % 10000:04d}{section} "
            f"{day:03d}{station.hour:02d}{station.minute:02d}"
        )

    def _mcn(self, sender: str, route: str) -> str:
        key = (sender, route)
        value = self._mcns.get(key)
        if value is None:
            value = int(self._rnd() * 9000)
        self._mcns[key] = value + 1
        return f"{value % 10000:04d}"

    def _addressees(
        self, plan: Routing, focus: Sender
    ) -> tuple[list[SynthAddressee], list[SynthAddressee]]:
        rnd = self._rnd
        sender = plan.sender
        action_word: str | None = WORDS[plan.action]
        if plan.action == "R" and rnd() < 0.85:
            action_word = None
        elif plan.action == "O" and rnd() < _NIACT_RATE:
            action_word = "NIACT IMMEDIATE"
        if plan.info is not None:
            info_word = None if plan.info == "R" else WORDS[plan.info]
        else:
            info_word = WORDS[plan.action] if plan.action != "R" and rnd() < 0.5 else None
        if sender.token == "STATE":
            to = self._department_to(action_word, focus)
            info = self._info(plan, info_word, posts=int(rnd() ** 2 * 6), collectives=0)
            return to, info
        to = [self._post_line(sender, self._department, action_word)]
        if rnd() < 0.08:
            other = self._pick_post(sender)
            if other is not None:
                to.append(self._post_line(sender, other, action_word))
        collectives = 1 if rnd() < 0.4 else (2 if rnd() < 0.15 else 0)
        posts = int(rnd() ** 1.3 * 17)
        return to, self._info(plan, info_word, posts=posts, collectives=collectives)

    def _department_to(self, word: str | None, focus: Sender) -> list[SynthAddressee]:
        """A Department cable goes to a collective or to a handful of posts."""
        rnd = self._rnd
        if rnd() < 0.4:
            region = focus.region if rnd() < 0.7 else "IO"
            pool = self._collectives.get(region, ())
            if pool:
                picked = pool[int(rnd() * len(pool))]
                return [self._collective(picked, word or "PRIORITY", region)]
        count = int(rnd() ** 2.5 * 12)
        chosen: dict[str, Sender] = {focus.token: focus}
        for _ in range(count):
            post = self._weighted_post()
            chosen.setdefault(post.token, post)
        return [self._post_line(self._department, post, word) for post in chosen.values()]

    def _collective(self, picked: Addressee, word: str | None, region: str) -> SynthAddressee:
        excluded: tuple[str, ...] = ()
        pool = self._by_region.get(region, ())
        if pool and self._rnd() < _XMT_RATE:
            rnd, size = self._rnd, len(pool)
            names = {pool[int(rnd() * size)].fm for _ in range(1 + int(rnd() * 2))}
            excluded = tuple(sorted(name for name in names if name.startswith("AMEMBASSY")))
        return SynthAddressee(picked.route, picked.name, word, None, excluded)

    def _info(
        self, plan: Routing, word: str | None, *, posts: int, collectives: int
    ) -> list[SynthAddressee]:
        rnd = self._rnd
        sender = plan.sender
        lines: list[SynthAddressee] = []
        region = sender.region
        for _ in range(collectives):
            pool = self._collectives.get(region) or self._collectives["IO"]
            picked = pool[int(rnd() * len(pool))]
            if all(line.route != picked.route for line in lines):
                lines.append(self._collective(picked, word, region))
        seen = {sender.token}
        near = self._by_region.get(region) or self._everyone
        size = len(near)
        mcns, token = self._mcns, sender.token
        for _ in range(posts):
            other = near[int(rnd() * size)] if rnd() < 0.8 else self._weighted_post()
            if other.token not in seen:
                seen.add(other.token)
                key = (token, other.route)
                value = mcns.get(key)
                if value is None:
                    value = int(rnd() * 9000)
                mcns[key] = value + 1
                lines.append(SynthAddressee(other.route, other.fm, word, f"{value % 10000:04d}"))
        if plan.level != "U" or rnd() < 0.15:
            lines.extend(self._agencies(plan, word))
        return lines

    def _agencies(self, plan: Routing, word: str | None) -> list[SynthAddressee]:
        rnd = self._rnd
        out: list[SynthAddressee] = []
        agencies = self._routes["agencies"]
        count = int(rnd() ** 1.5 * (5 if plan.level == "S" else 3))
        names: set[str] = set()
        for _ in range(count):
            picked = agencies[int(rnd() ** 2 * len(agencies))]
            if picked.name not in names:
                names.add(picked.name)
                out.append(SynthAddressee(picked.route, picked.name, word, None))
        military = self._military.get(plan.sender.region, ())
        if military and rnd() < (0.6 if plan.level == "S" else 0.3):
            picked = military[int(rnd() * len(military))]
            if "AFRICOM" in picked.name and plan.created.year < 2008:
                picked = self._routes["military.EUR"][0]
            if picked.name not in names:
                out.append(SynthAddressee(picked.route, picked.name, word, None))
        return out

    def _pick_post(self, sender: Sender) -> Sender | None:
        """A post near ``sender`` (same bureau) most of the time, else any post."""
        pool = self._by_region.get(sender.region)
        if pool and self._rnd() < 0.8:
            return pool[int(self._rnd() * len(pool))]
        post = self._weighted_post()
        return None if post.token == sender.token else post

    def _weighted_post(self) -> Sender:
        return self._everyone[bisect.bisect_left(self._cumulative, self._rnd())]

    def _post_line(self, sender: Sender, addressee: Sender, word: str | None) -> SynthAddressee:
        return SynthAddressee(
            addressee.route,
            addressee.fm,
            word,
            self._mcn(sender.token, addressee.route),
        )


def _by_prefix(
    sections: dict[str, tuple[Addressee, ...]], prefix: str
) -> dict[str, tuple[Addressee, ...]]:
    """``collectives.EUR`` -> ``EUR``: the sections of one kind, by region."""
    return {
        key.removeprefix(prefix): value for key, value in sections.items() if key.startswith(prefix)
    }


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    out: list[float] = []
    running = 0.0
    for weight in weights:
        running += weight / total
        out.append(running)
    out[-1] = 1.0
    return out


def dtg_line(created: dt.datetime, action: str, info: str | None) -> str:
    """``P 141412Z FEB 07``, or ``O P 141412Z FEB 07`` with a lower info precedence."""
    letters = f"{action} {info}" if info else action
    return (
        f"{letters} {created.day:02d}{created.hour:02d}{created.minute:02d}Z "
        f"{_MONTHS[created.month - 1]} {created.year % 100:02d}"
    )


def _addressee_lines(label: str, items: Sequence[SynthAddressee]) -> list[str]:
    """``TO``/``INFO`` lines: the label on the first, an ``XMT`` list after a collective."""
    lines: list[str] = []
    for index, item in enumerate(items):
        parts = [f"{item.route}/{item.name}" if item.route else item.name]
        if item.precedence:
            parts.append(item.precedence)
        if item.mcn:
            parts.append(item.mcn)
        text = " ".join(parts)
        lines.append(f"{label} {text}" if index == 0 else text)
        if item.excluded:
            lines.append(f"XMT {item.excluded[0]}")
            lines.extend(item.excluded[1:])
    return lines
