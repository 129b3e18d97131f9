"""Routing indicators: posts, the Department, agencies, military, collectives and relays.

An addressee line reads ``RUEHMD/AMEMBASSY MADRID PRIORITY 0019``: routing indicator,
name, precedence, message continuity number. State posts' indicators come from the posts
table (:mod:`cablegram.tables.posts`); ``data/routes.csv`` adds the Department, other
agencies, military addressees, collectives and relay stations, with the address names each
is written under. Collectives are mostly known by name (``ARAB ISRAELI COLLECTIVE``), so
:func:`by_name` recognises any name ending in ``COLLECTIVE``.

``routes.csv`` has the columns ``indicator,kind,name,names,post,note``. ``post`` is the
origin token of the State post an extra indicator belongs to (``RUSBPW`` is a second
indicator of Consulate Peshawar): such indicators resolve to the post here but are not
sending stations in the posts table. ``note`` says what a row rests on when it is not
common knowledge, most often the address line it was read from; a row whose addressee
cannot be identified keeps the name the cables give it, says so in ``note`` and has kind
``unknown`` (or ``post`` with no post when it is surely a State station).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

from cablegram.tables import posts

__all__ = ["RouteInfo", "RouteKind", "all_routes", "by_name", "describe"]

_DATA = Path(__file__).parent / "data"

RouteKind = Literal["post", "department", "military", "agency", "collective", "relay", "unknown"]

_KINDS: dict[str, RouteKind] = {
    "post": "post",
    "department": "department",
    "military": "military",
    "agency": "agency",
    "collective": "collective",
    "relay": "relay",
    "unknown": "unknown",
}

# Where an address name ends with the capital, the name without it is the same addressee.
_CAPITAL_SUFFIXES = ("WASHINGTONDC", "WASHDC")


@dataclass(frozen=True, slots=True)
class RouteInfo:
    """One addressee: its indicator (None when known only by name), name and kind.

    ``post`` is the sending-post record for State posts, else None. Some military
    indicators (``RHMFISS``) are shared by many commands; their name says so. Kind
    ``relay`` is a station messages pass through, not a reader (``RUEHWEB``); kind
    ``unknown`` an addressee the tables know only by the name cables give it. ``note``
    says what a row rests on when that is not common knowledge, else it is empty.
    """

    indicator: str | None
    name: str
    kind: RouteKind
    post: posts.Post | None = None
    note: str = ""


class _Index(NamedTuple):
    by_indicator: dict[str, RouteInfo]
    by_name: dict[str, RouteInfo]


def _name_key(name: str) -> str:
    key = posts.squeeze(name)
    for suffix in _CAPITAL_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            return key[: -len(suffix)]
    return key


@functools.cache
def _index() -> _Index:
    """Rows of ``routes.csv``, then every post indicator not already listed."""
    text = (_DATA / "routes.csv").read_text("utf-8")
    by_indicator: dict[str, RouteInfo] = {}
    by_name: dict[str, RouteInfo] = {}
    for row in csv.DictReader(text.splitlines()):
        kind = _KINDS.get(row["kind"])
        if kind is None:
            continue
        post = posts.lookup(row["post"]) if row["post"] else None
        info = RouteInfo(row["indicator"] or None, row["name"], kind, post, row["note"])
        if info.indicator:
            by_indicator.setdefault(info.indicator, info)
        for name in row["names"].split(";"):
            if name.strip():
                by_name.setdefault(_name_key(name), info)
    for post in posts.all_posts():
        for indicator in post.routes:
            if indicator not in by_indicator:
                post_kind: RouteKind = "department" if post.kind == "department" else "post"
                by_indicator[indicator] = RouteInfo(indicator, post.name, post_kind, post)
    return _Index(by_indicator, by_name)


def all_routes() -> tuple[RouteInfo, ...]:
    """Every addressee with a routing indicator: the table's rows, then the posts'."""
    return tuple(_index().by_indicator.values())


@functools.lru_cache(maxsize=8192)
def describe(indicator: str) -> RouteInfo | None:
    """The addressee behind a routing indicator (``RUEHMD`` -> Embassy Madrid), or None."""
    return _index().by_indicator.get(indicator.strip().upper())


@functools.lru_cache(maxsize=8192)
def by_name(name: str) -> RouteInfo | None:
    """The addressee an address name denotes (``AMEMBASSY MADRID``, ``CIA WASHDC``,
    ``ARAB ISRAELI COLLECTIVE``), or None.

    A name ending in ``COLLECTIVE`` is a collective even when the table lacks it; agency
    and military names come from the table (``WASHDC`` and ``WASHINGTON DC`` alike);
    other names resolve through the posts table.
    """
    words = name.upper().split("//", 1)[0].split()
    if not words:
        return None
    if words[-1] == "COLLECTIVE":
        return RouteInfo(None, " ".join(words), "collective")
    known = _index().by_name.get(_name_key(" ".join(words)))
    if known is not None:
        return known
    post = posts.by_sender(name)
    if post is None:
        return None
    kind: RouteKind = "department" if post.kind == "department" else "post"
    return RouteInfo(post.routes[0] if post.routes else None, post.name, kind, post)
