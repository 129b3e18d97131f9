"""Posts: the embassies, consulates and missions that send cables.

A cable's reference id names its origin by a squeezed token (``10ABUDHABI33``), its
header names it by routing indicator (``DE RUEHAD``) and by sender (``FM AMEMBASSY ABU
DHABI``), and the WikiLeaks release names it in prose (``Embassy Abu Dhabi``). This
module ties the four together, so a parser can derive ``Cable.origin`` from whichever
of them a damaged cable still has.

Some tokens are shared: ``BRUSSELS`` is both the embassy and the EU mission, ``GENEVA``
several missions. :func:`lookup` on a token returns the usual post (the first row of
the data file); the sender line tells the others apart (:func:`by_sender`).

The rows live in ``data/posts.csv`` and are read once, on first use.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "Post",
    "all_posts",
    "by_route",
    "by_sender",
    "lookup",
    "origin_tokens",
    "search",
    "squeeze",
    "token_alias",
]

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Post:
    """One sending post.

    ``token`` is the origin token of reference ids, ``name`` the name the WikiLeaks
    release gives it (its exact spelling, typos included, because that is what the
    release's ``origin`` field holds). ``fips`` and ``iso`` are the host country's
    FIPS 10-4 and ISO 3166-1 codes (None where the post has no single host country).
    ``senders`` are the normalised ``FM`` names (see :func:`squeeze`).
    """

    token: str
    name: str
    kind: str
    city: str
    fips: str | None
    iso: str | None
    lat: float | None
    lon: float | None
    routes: tuple[str, ...]
    senders: tuple[str, ...]


# ``FM`` prefixes by post kind: the name is the prefix plus the city or token.
_SENDER_PREFIXES: dict[str, tuple[str, ...]] = {
    "embassy": ("AMEMBASSY", "AMEMB", "USEMBASSY"),
    "consulate": ("AMCONSUL", "AMCONGEN", "AMCONSULATE", "USCONSUL"),
    "mission": ("USMISSION",),
    "reo": ("REO",),
}

# ``FM`` prefixes that name a post itself; what follows them is the post's city.
_POST_PREFIXES = frozenset(
    (
        "AMEMBASSY",
        "AMCONSULATE",
        "AMCONSUL",
        "AMCONGEN",
        "USMISSION",
        "USOFFICE",
        "USEMBASSY",
        "AMEMB",
        "USDEL",
        "USINT",
        "AIT",
    )
)

# Words that damaged reference ids or ``FM`` lines glue in front of a token
# (``NOFORNMOGADISHU``, ``SIFIEDABUJA`` from a cut ``CLASSIFIED``).
_NOISE_PREFIXES = (
    "AMEMBASSY",
    "AMCONSUL",
    "AMCONGEN",
    "USMISSION",
    "USOFFICE",
    "CLASSIFIED",
    "SIFIED",
    "NOFORN",
    "SECRET",
    "CONFIDENTIAL",
    "UNCLAS",
)


_NOT_ALNUM = re.compile(r"[\W_]+")


def squeeze(text: str) -> str:
    """Upper-case ``text`` and drop everything but letters and digits.

    Tokens, names and sender lines are all compared in this form, so ``Port-au-Prince``,
    ``PORT AU PRINCE`` and ``PORTAUPRINCE`` meet.
    """
    upper = text.upper()
    return upper if upper.isalnum() else _NOT_ALNUM.sub("", upper)


class _Index(NamedTuple):
    posts: tuple[Post, ...]
    by_token: dict[str, Post]
    by_name: dict[str, Post]
    by_route: dict[str, Post]
    by_sender: dict[str, Post]
    aliases: dict[str, str]


def _float(text: str) -> float | None:
    return float(text) if text else None


def _row_post(row: dict[str, str]) -> Post:
    kind = row["kind"]
    senders = [squeeze(s) for s in row["senders"].split(";") if s.strip()]
    place = row["name"].split(" ", 1)[-1] if kind in ("embassy", "consulate") else ""
    stems = [stem for stem in (row["token"], place, row["city"]) if stem]
    for prefix in _SENDER_PREFIXES.get(kind, ()):
        senders.extend(squeeze(prefix + stem) for stem in stems)
    return Post(
        token=row["token"],
        name=row["name"],
        kind=kind,
        city=row["city"],
        fips=row["fips"] or None,
        iso=row["iso"] or None,
        lat=_float(row["lat"]),
        lon=_float(row["lon"]),
        routes=tuple(row["routes"].split()),
        senders=tuple(dict.fromkeys(s for s in senders if s)),
    )


def _deletions(token: str) -> Iterable[str]:
    return (token[:i] + token[i + 1 :] for i in range(len(token)))


@functools.cache
def _index() -> _Index:
    """Read ``posts.csv`` once and index it every way callers ask."""
    text = (_DATA / "posts.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    posts = tuple(_row_post(row) for row in rows)
    by_token: dict[str, Post] = {}
    by_name: dict[str, Post] = {}
    by_route: dict[str, Post] = {}
    by_sender: dict[str, Post] = {}
    aliases: dict[str, str] = {}
    for post in posts:
        by_token.setdefault(post.token, post)
        by_name.setdefault(squeeze(post.name), post)
        for route in post.routes:
            by_route.setdefault(route, post)
        for sender in post.senders:
            by_sender.setdefault(sender, post)
    for row in rows:
        for alias in row["aliases"].split():
            aliases.setdefault(alias, row["token"])
    return _Index(posts, by_token, by_name, by_route, by_sender, aliases)


@functools.cache
def _deletes() -> dict[str, frozenset[str]]:
    """Each token with one letter dropped, to find typos; built on the first typo."""
    found: dict[str, set[str]] = {}
    for token in _index().by_token:
        for variant in _deletions(token):
            found.setdefault(variant, set()).add(token)
    return {key: frozenset(value) for key, value in found.items()}


def all_posts() -> tuple[Post, ...]:
    """Every post in the table, in file order."""
    return _index().posts


@functools.cache
def origin_tokens() -> frozenset[str]:
    """Every canonical origin token of reference ids (``ABUDHABI``, ``STATE``, ...)."""
    return frozenset(_index().by_token)


def _near_token(token: str, index: _Index) -> str | None:
    """The one canonical token within one typo of ``token``, or None.

    Typos in release ids are single dropped, doubled, swapped or wrong letters
    (``BRUSELS``, ``BEIJIG``, ``THEHAGE``); a match must be unique to be trusted.
    """
    if len(token) < 4:
        return None
    deletes = _deletes()
    found: set[str] = set(deletes.get(token, ()))
    for variant in _deletions(token):
        if variant in index.by_token:
            found.add(variant)
        found.update(deletes.get(variant, ()))
    return found.pop() if len(found) == 1 else None


@functools.lru_cache(maxsize=4096)
def token_alias(token: str) -> str | None:
    """The canonical origin token for ``token``, or None when it names no known post.

    Accepts the token itself, old or variant spellings (``SECSTATE``, ``USUN``, ``KIEV``,
    ``RIO``), spaced forms (``ABU DHABI``), tokens with a glued-on prefix
    (``AMEMBASSYHANOI``) and single-letter typos (``BRUSELS``).
    """
    index = _index()
    key = squeeze(token)
    if not key:
        return None
    if key in index.by_token:
        return key
    if key in index.aliases:
        return index.aliases[key]
    for prefix in _NOISE_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            rest = key[len(prefix) :]
            if rest in index.by_token:
                return rest
            if rest in index.aliases:
                return index.aliases[rest]
    return _near_token(key, index)


@functools.lru_cache(maxsize=8192)
def lookup(token_or_name: str) -> Post | None:
    """The post named by an origin token, a release name or a sender name.

    ``lookup("MUSCAT")``, ``lookup("Embassy Muscat")`` and ``lookup("AMEMBASSY MUSCAT")``
    all give Embassy Muscat. A shared token gives its usual post.
    """
    index = _index()
    key = squeeze(token_or_name)
    if not key:
        return None
    post = index.by_name.get(key) or index.by_sender.get(key)
    if post is not None:
        return post
    token = token_alias(key)
    return index.by_token.get(token) if token else None


def search(query: str) -> list[Post]:
    """Posts whose token, name, city, country code or routing indicator matches ``query``.

    An exact token, indicator or sender name comes first; then every post whose
    squeezed token, name or city contains the squeezed query.
    """
    key = squeeze(query)
    if not key:
        return []
    exact = lookup(query) or by_route(query.strip().upper()) or by_sender(query)
    found = [exact] if exact else []
    for post in _index().posts:
        if post is exact:
            continue
        haystacks = (post.token, squeeze(post.name), squeeze(post.city))
        if any(key in hay for hay in haystacks) or key in (post.iso, post.fips):
            found.append(post)
    return found


def by_route(routing_indicator: str) -> Post | None:
    """The post whose routing indicator this is (``RUEHMS`` -> Embassy Muscat)."""
    return _index().by_route.get(squeeze(routing_indicator))


def _post_for_key(key: str, index: _Index) -> Post | None:
    return index.by_sender.get(key) or index.by_name.get(key)


def _after_post_prefix(words: list[str], index: _Index) -> Post | None:
    """``AMEMBASSY KIEV`` -> Kyiv: after a post prefix (one or two words), the longest
    leading run of words that resolves as an origin token."""
    for split in (1, 2):
        if squeeze("".join(words[:split])) in _POST_PREFIXES:
            rest = words[split:]
            for end in range(len(rest), 0, -1):
                token = token_alias("".join(rest[:end]))
                if token is not None:
                    return index.by_token[token]
            return None
    return None


@functools.lru_cache(maxsize=8192)
def by_sender(fm_line_name: str) -> Post | None:
    """The post an ``FM`` line names (``AMEMBASSY MUSCAT``, ``USEU BRUSSELS``), or None.

    Spacing and punctuation do not matter; a leading ``FM``, a routing indicator written
    before a slash (``RUEHMS/AMEMBASSY MUSCAT``), a trailing ``//`` note and a trailing
    country code (``USMISSION USNATO BRUSSELS BE``) are dropped. After a post prefix
    (``AMEMBASSY``, ``USMISSION``, ``USDEL``, ...) a variant or misspelt city still
    resolves (``AMEMBASSY KIEV``, ``AMEMBASSY BRUSELS``); other prefixes (``USDAO
    MADRID``) name offices that are not posts and give None.
    """
    text = fm_line_name.strip()
    if text.upper().startswith("FM "):
        text = text[3:]
    text = text.split("//", 1)[0]
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    words = text.upper().replace(",", " ").split()
    index = _index()
    candidates = [words]
    if len(words) > 2 and len(words[-1]) == 2:
        candidates.append(words[:-1])
    for option in candidates:
        post = _post_for_key(squeeze("".join(option)), index)
        if post is not None:
            return post
    for option in candidates:
        post = _after_post_prefix(option, index)
        if post is not None:
            return post
    return None
