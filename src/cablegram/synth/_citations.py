"""Which earlier cables a new cable cites: a citation graph that looks real.

Real REF blocks mostly cite the same post's recent reporting or the
Department's instructions, sometimes a neighbouring post, and a few cables are
cited over and over (the instruction everyone answers, the key report). The
last is preferential attachment: a pool holds one entry per citation made, so
drawing from it picks a cable in proportion to how often it has been cited
already, and the in-degree distribution grows a power-law tail.

Every pool is bounded (recent cables per post, per region, a ring for the
preferential pool), so memory stays constant over any number of cables, and
only cables generated earlier, in strictly earlier minutes, are ever cited.
"""

from __future__ import annotations

import random
from collections import deque
from typing import NamedTuple

_RECENT_PER_POST = 48
_RECENT_PER_REGION = 256
_POPULAR_SIZE = 40_000
# How many references a cable has: 0, 1, 2, 3, 4.
_COUNT_WEIGHTS = (0.42, 0.3, 0.14, 0.08, 0.06)
_COUNT_CUMULATIVE = tuple(sum(_COUNT_WEIGHTS[: i + 1]) for i in range(len(_COUNT_WEIGHTS)))
_TRIES = 8
_ANY = "*"  # the pool of every post's recent cables, which the Department cites


class Cited(NamedTuple):
    """What a later cable needs to cite one: its id and how a REF line names it."""

    reference_id: str
    year: int
    banner: str  # the origin as the banner writes it: ABU DHABI
    serial: int
    minute: int  # minutes since the epoch, to compare sending times
    token: str


class Citations:
    """The pools that references are drawn from; feed every new cable to :meth:`add`."""

    def __init__(self, rng: random.Random) -> None:
        self._rnd = rng.random
        self._by_post: dict[str, deque[Cited]] = {}
        self._by_region: dict[str, deque[Cited]] = {}
        self._popular: list[Cited] = []
        self._next = 0

    def add(self, cable: Cited, region: str) -> None:
        """Make ``cable`` citable by the cables that follow it."""
        post = self._by_post.get(cable.token)
        if post is None:
            post = self._by_post[cable.token] = deque(maxlen=_RECENT_PER_POST)
        post.append(cable)
        area = self._by_region.get(region)
        if area is None:
            area = self._by_region[region] = deque(maxlen=_RECENT_PER_REGION)
        area.append(cable)
        everywhere = self._by_region.get(_ANY)
        if everywhere is None:
            everywhere = self._by_region[_ANY] = deque(maxlen=_RECENT_PER_REGION)
        everywhere.append(cable)

    def choose(self, token: str, region: str, minute: int) -> list[Cited]:
        """0-4 distinct earlier cables for a new cable of ``token`` sent at ``minute``."""
        rnd = self._rnd
        roll = rnd()
        count = 0
        while count < len(_COUNT_CUMULATIVE) - 1 and roll > _COUNT_CUMULATIVE[count]:
            count += 1
        chosen: list[Cited] = []
        for _ in range(count * _TRIES):
            if len(chosen) == count:
                break
            found = self._one(token, region)
            if found is None or found.minute >= minute or found in chosen:
                continue
            chosen.append(found)
        for cable in chosen:
            self._remember(cable)
        return chosen

    def _one(self, token: str, region: str) -> Cited | None:
        """One candidate: the same post, the Department, a neighbour or a popular cable."""
        roll = self._rnd()
        if token == "STATE":
            if roll < 0.35:
                return self._recent(self._by_post.get("STATE"))
            if roll < 0.7:
                return self._recent(self._by_region.get(_ANY))
        elif roll < 0.4:
            return self._recent(self._by_post.get(token))
        elif roll < 0.62:
            return self._recent(self._by_post.get("STATE"))
        elif roll < 0.75:
            return self._recent(self._by_region.get(region))
        if not self._popular:
            return self._recent(self._by_post.get(token))
        return self._popular[int(self._rnd() * len(self._popular))]

    def _recent(self, pool: deque[Cited] | None) -> Cited | None:
        """A recent cable of ``pool``, the most recent the likeliest."""
        if not pool:
            return None
        back = int(len(pool) * self._rnd() ** 3)
        return pool[-1 - back]

    def _remember(self, cable: Cited) -> None:
        """One more entry for ``cable`` in the preferential pool (a ring when full)."""
        if len(self._popular) < _POPULAR_SIZE:
            self._popular.append(cable)
        else:
            self._popular[self._next] = cable
            self._next = (self._next + 1) % _POPULAR_SIZE
