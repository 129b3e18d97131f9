"""The sending posts of a synthetic archive, how much each sends, and who runs it.

Posts come from :func:`cablegram.tables.posts.all_posts`; each becomes a
:class:`Sender` only when the parser will read it back exactly: its ``FM`` name
resolves to the same post, its banner origin squeezes to its token and it has a
routing indicator. A Zipf-like weight over a fixed rank order (the busiest
Cablegate posts first) gives a realistic skew: Baghdad and Tokyo send dozens of
times more than Bujumbura. Serial numbers grow by gaps sized so that a post's
last serial of the year lands near its real yearly traffic (about 130,000 for
the Department, a few thousand for big embassies, a few hundred for small ones)
whatever the number of cables generated.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from pathlib import Path

from cablegram.synth import _vocab
from cablegram.tables import posts, routes

_DATA = Path(__file__).parent / "data"


_STATE_SERIALS = 130_000
_BIG_SERIALS = 5_000
_SMALL_SERIALS = 200
_ZIPF_EXPONENT = 0.9
_ZIPF_OFFSET = 8
_CONSULATE_DAMPING = 0.45
_STATE_SHARE = 0.2

# ``FM`` names and banner origins of missions, which follow no pattern.
_MISSIONS: dict[str, tuple[str, str, str]] = {
    # token: (FM name, banner origin, organisation TAGS code)
    "USNATO": ("USMISSION USNATO", "USNATO", "NATO"),
    "USUNNEWYORK": ("USMISSION USUN NEW YORK", "USUN NEW YORK", "UNSC"),
    "UNVIEVIENNA": ("USMISSION UNVIE VIENNA", "UNVIE VIENNA", "IAEA"),
    "USOSCE": ("USMISSION USOSCE", "USOSCE", "OSCE"),
    "GENEVA": ("USMISSION GENEVA", "GENEVA", "UNHRC"),
    "CDGENEVA": ("USMISSION CD GENEVA", "CD GENEVA", "PARM"),
    "USTRGENEVA": ("USMISSION USTR GENEVA", "USTR GENEVA", "WTO"),
    "PARISFR": ("USMISSION UNESCO PARIS", "PARIS FR", "UNESCO"),
    "UNROME": ("USMISSION UN ROME", "UN ROME", "FAO"),
}
_PREFIXES = {"embassy": "AMEMBASSY", "consulate": "AMCONSUL", "interests section": "USINT"}
# Posts whose host the posts table leaves open: Consulate General Jerusalem
# reports on the West Bank (FIPS WE).
_HOSTS = {"JERUSALEM": "WE"}


@dataclass(frozen=True, slots=True)
class Sender:
    """A post that sends cables, with everything a cable's header and text need."""

    token: str
    name: str  # the release's origin name: Embassy Muscat
    kind: str
    fm: str  # AMEMBASSY MUSCAT
    banner: str  # MUSCAT, ABU DHABI, USUN NEW YORK
    route: str  # RUEHMS
    fips: str  # host country (US for the Department)
    region: str  # AF EAP EUR NEA SCA WHA, IO for missions, D for the Department
    culture: str
    city: str
    org_tag: str | None  # a mission's organisation TAGS code
    weight: float
    serials: int  # the post's yearly traffic: its last serial of a year


@dataclass(frozen=True, slots=True)
class Addressee:
    """A routed addressee that is not a post: collective, agency or command."""

    route: str
    name: str


def _busiest() -> list[str]:
    """The busiest posts' tokens, busiest first (``data/busiest.txt``)."""
    lines = (_DATA / "busiest.txt").read_text("utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _place(post: posts.Post) -> str:
    """``Embassy Port Au Prince`` -> ``PORT AU PRINCE``: the name after its first word."""
    parts = post.name.split(" ", 1)
    return parts[1].upper() if len(parts) == 2 else post.token


def _spellings(post: posts.Post) -> tuple[str, str, str | None] | None:
    """FM name, banner origin and organisation tag, or None for an unsupported kind."""
    if post.kind == "department":
        return "SECSTATE WASHDC", "STATE", None
    if post.kind == "mission":
        return _MISSIONS.get(post.token)
    prefix = _PREFIXES.get(post.kind)
    if prefix is None:
        return None
    for place in (_place(post), post.city.upper(), post.token):
        if posts.squeeze(place) == post.token:
            return f"{prefix} {place}", place, None
    return None


def _readable(post: posts.Post, fm: str, banner: str) -> bool:
    """Whether the parser will recover this post from the cable it sends."""
    found = posts.by_sender(fm)
    return (
        found is not None
        and found.token == post.token
        and found.name == post.name
        and posts.squeeze(banner) == post.token
        and bool(post.routes)
        and posts.by_route(post.routes[0]) is not None
    )


@functools.cache
def senders() -> tuple[Sender, ...]:
    """Every post that can send a synthetic cable, the Department first."""
    countries = _vocab.countries()
    ranked = _busiest()
    rank = {token: i for i, token in enumerate(ranked)}
    seen: set[str] = set()
    candidates: list[tuple[posts.Post, str, str, str | None]] = []
    for post in posts.all_posts():
        if post.token in seen:
            continue
        seen.add(post.token)
        spelled = _spellings(post)
        if spelled is None or not _readable(post, spelled[0], spelled[1]):
            continue
        if post.kind not in ("department", "mission") and _host(post) not in countries:
            continue
        candidates.append((post, *spelled))
    state = [c for c in candidates if c[0].kind == "department"]
    if not state:
        raise RuntimeError("the posts table has no Department of State row")
    others = [c for c in candidates if c[0].kind != "department"]
    # rank order: the named busy posts, then embassies and missions, then consulates
    others.sort(key=lambda c: (rank.get(c[0].token, len(ranked)), c[0].kind == "consulate"))
    weights = [
        (_CONSULATE_DAMPING if c[0].kind == "consulate" else 1.0)
        / (position + _ZIPF_OFFSET) ** _ZIPF_EXPONENT
        for position, c in enumerate(others)
    ]
    top, total = max(weights), sum(weights)
    out = [_sender(*state[0], _STATE_SHARE, _STATE_SERIALS)]
    for candidate, weight in zip(others, weights, strict=True):
        serials = int(_SMALL_SERIALS + (_BIG_SERIALS - _SMALL_SERIALS) * weight / top)
        out.append(_sender(*candidate, (1 - _STATE_SHARE) * weight / total, serials))
    return tuple(out)


def _host(post: posts.Post) -> str | None:
    """The FIPS code of the country a post reports on."""
    return _HOSTS.get(post.token, post.fips)


def _sender(
    post: posts.Post, fm: str, banner: str, org_tag: str | None, weight: float, serials: int
) -> Sender:
    if post.kind == "department":
        fips, region, culture = "US", "D", "american"
    elif post.kind == "mission":  # multilateral: its cables are about other countries
        fips, region, culture = post.fips or "US", "IO", "american"
    else:
        country = _vocab.countries()[_host(post) or ""]
        fips, region, culture = country.fips, country.region, country.culture
    return Sender(
        token=post.token,
        name=post.name,
        kind=post.kind,
        fm=fm,
        banner=banner,
        route=post.routes[0],
        fips=fips,
        region=region,
        culture=culture,
        city=post.city,
        org_tag=org_tag,
        weight=weight,
        serials=serials,
    )


@functools.cache
def capitals() -> dict[str, str]:
    """Each host country's capital: the city of its embassy."""
    out: dict[str, str] = {}
    for sender in senders():
        if sender.kind == "embassy":
            out.setdefault(sender.fips, sender.city)
    return out


@functools.cache
def addressees() -> dict[str, tuple[Addressee, ...]]:
    """Collectives, agencies and commands by section, those the routing tables know."""
    out: dict[str, list[Addressee]] = {}
    current: list[Addressee] | None = None
    for raw in (_DATA / "addressees.txt").read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = out.setdefault(line.strip("[]"), [])
            continue
        route, name = line.split("|")
        if current is not None and routes.describe(route) is not None:
            current.append(Addressee(route, name))
    return {key: tuple(items) for key, items in out.items()}


class Chiefs:
    """Who leads each post when: the signer and the names on Classified By lines.

    A chief of mission serves a term of about three years (the Secretary of
    State four, starting each January 20th of a post-election year), so the
    signature of a post's cables is stable for long stretches and then changes,
    as real signer statistics do. Everyone is invented from the name pools.
    """

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._cache: dict[tuple[str, str, int], tuple[str, str, str]] = {}
        self._offsets: dict[tuple[str, str], int] = {}
        pools = _vocab.names()
        self._given = tuple(name.rstrip("*") for name in pools["american.given"])
        self._surnames = pools["american.surname"]

    def person(self, token: str, role: str, year: int, month: int) -> tuple[str, str, str]:
        """``(given, initial, surname)`` of the holder of ``role`` at ``token``."""
        if token == "STATE" and role == "chief":
            term = (year * 12 + month - (2001 * 12 + 1)) // 48
        else:
            offset = self._offsets.get((token, role))
            if offset is None:
                offset = self._offsets[(token, role)] = sum(map(ord, token + role)) % 36
            term = (year * 12 + month + offset) // (36 if role == "chief" else 24)
        key = (token, role, term)
        found = self._cache.get(key)
        if found is None:
            rng = random.Random(f"{self._seed}:{token}:{role}:{term}")
            found = (
                rng.choice(self._given),
                chr(ord("A") + rng.randrange(26)),
                rng.choice(self._surnames),
            )
            self._cache[key] = found
        return found
