"""Diplomatic-sounding prose: a cast of invented people, then sentences from templates.

Each cable gets a *cast*: the host officials it quotes, a contact, a party, the
matter at hand, the dates and numbers it mentions, all drawn once. Sentences are
templates filled from the cast with :meth:`str.format_map`, so a cable keeps
talking about the same Foreign Minister and the same draft law from its subject
to its comment, the way a real report does, and the filling runs in C.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
import random
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from cablegram.synth import _vocab, _world
from cablegram.tables import tags as tag_table

Cast = dict[str, str]
Pick = Callable[[Sequence[str]], str]
"""Picks one item of a sequence: the caller's random choice."""

# Body lines are wrapped near 68 columns, as the telegrams are.
# Lines break at the last space that fits (a word longer than a line stands
# alone), but not before ``3.``: the line would start like a paragraph.
_WRAP = re.compile(r"(.{0,67}\S|\S+)(?: +(?!\d{1,3}\.(?:\s|$))|$)")
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WIDTH = 68
_REDACTED = "XXXXXXXXXXXX"
_REDACTION_RATE = 0.06
_VARIANTS = 6
_MIXERS = 16
_TAIL_RATE = 0.25


def wrap_lines(text: str) -> list[str]:
    """The lines of ``text`` (which may hold several lines) wrapped at 68 characters.

    A line never starts with ``3.``: the parser (and a reader) would take it for
    a paragraph number, so the space before such a number does not break.
    Sentences are two spaces apart; a break between them drops both. Existing
    line breaks (and blank lines) are kept.
    """
    out: list[str] = []
    append, extend, findall = out.append, out.extend, _WRAP.findall
    for line in text.split("\n"):
        if len(line) <= _WIDTH:
            append(line)
        else:
            extend(findall(line))
    return out


def capital_first(text: str) -> str:
    """``al-Amiri`` -> ``Al-Amiri``, for a sentence that starts with it."""
    return text[:1].upper() + text[1:]


class _Base(NamedTuple):
    """The part of a cast that depends only on the country and city."""

    static: Cast
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    neighbours: tuple[str, ...]
    orgs: tuple[str, ...]


class Prose:
    """The vocabularies, arranged for fast picking, and the sentence makers."""

    def __init__(self) -> None:
        table = _vocab.templates()
        self._table = table
        self.topics = _vocab.topics()
        self.names = _vocab.names()
        self.countries = _vocab.countries()
        self.general = table["sentences.general"]
        self.comments = table["comments"]
        self.headings = table["headings"]
        self.state_openings = table["state.opening"]
        self.state_sentences = table["state.sentences"]
        self.state_subjects = table["state.subjects"]
        self.speakers = table["speakers"]
        self.tails = table["tails"]
        self._country_names = {fips: _country_name(fips) for fips in self.countries if fips != "US"}
        by_region: dict[str, list[str]] = {}
        for fips, country in self.countries.items():
            by_region.setdefault(country.region, []).append(fips)
        self._neighbours = {region: tuple(codes) for region, codes in by_region.items()}
        self._capitals = _world.capitals()
        self._bases: dict[tuple[str, str], _Base] = {}
        self._us = table["us"]
        self._we = table["we"]
        self._contacts = table["contacts"]
        self._parties = table["parties"]
        self._ministries = table["ministries"]
        self._bureaus = table["bureaus"]
        # per-topic sections, looked up by topic name (no key built per cable)
        self._titles = {t.name: table[f"titles.{t.name}"] for t in self.topics}
        self._things = {t.name: table[f"things.{t.name}"] for t in self.topics}
        self._subjects = {t.name: table[f"subjects.{t.name}"] for t in self.topics}

    def section(self, name: str) -> tuple[str, ...]:
        """A template section by name (``sentences.politics``, ``subjects.trade``)."""
        return self._table[name]

    def country_name(self, fips: str) -> str:
        """The host country's name in prose."""
        return self._country_names.get(fips, fips)

    def _base(self, fips: str, city: str) -> _Base:
        """What every cable about ``fips`` written from ``city`` shares."""
        country = self.countries[fips]
        name = self.country_name(fips)
        static: Cast = {
            "country": name,
            "Country": name,
            "adj": country.adjective,
            "capital": self._capitals.get(fips, city),
            "city": city,
        }
        neighbours = tuple(
            self.country_name(code) for code in self._neighbours[country.region] if code != fips
        )
        return _Base(
            static,
            self.names[f"{country.culture}.given"],
            self.names[f"{country.culture}.surname"],
            neighbours or (name,),
            self._table[f"orgs.{country.region}"],
        )

    def cast(
        self, *, fips: str, city: str, topic: str, created: dt.datetime, rnd: Callable[[], float]
    ) -> Cast:
        """Everything the templates of one cable can name, drawn for that cable."""
        base = self._bases.get((fips, city))
        if base is None:
            base = self._bases[(fips, city)] = self._base(fips, city)
        given, surnames = base.given, base.surnames
        ng, ns = len(given), len(surnames)
        titles = self._titles[topic]
        nt = len(titles)
        p_title, q_title = titles[int(rnd() * nt)], titles[int(rnd() * nt)]
        p_given, q_given = given[int(rnd() * ng)], given[int(rnd() * ng)]
        p_surname, q_surname = surnames[int(rnd() * ns)], surnames[int(rnd() * ns)]
        woman = p_given[-1] == "*"
        if woman:
            p_given = p_given[:-1]
        if q_given[-1] == "*":
            q_given = q_given[:-1]
        if rnd() > _REDACTION_RATE:
            r_given = given[int(rnd() * ng)].rstrip("*")
            contact = f"{r_given} {surnames[int(rnd() * ns)]}"
        else:
            contact = _REDACTED
        before = created - dt.timedelta(days=1 + int(rnd() * 9))
        after = created + dt.timedelta(days=3 + int(rnd() * 18))
        us = self._us[int(rnd() * len(self._us))]
        r_title = self._contacts[int(rnd() * len(self._contacts))]
        parties = self._parties
        cast: Cast = {
            **base.static,
            "p": f"{p_title} {p_given} {p_surname}",
            "P": f"{p_title} {p_given} {p_surname}",
            "ps": p_surname,
            "Ps": capital_first(p_surname),
            "q": f"{q_title} {q_given} {q_surname}",
            "Q": f"{q_title} {q_given} {q_surname}",
            "qs": q_surname,
            "Qs": capital_first(q_surname),
            "r": r_title,
            "R": capital_first(r_title),
            "rs": contact,
            "title": p_title,
            "neighbor": base.neighbours[int(rnd() * len(base.neighbours))],
            "org": base.orgs[int(rnd() * len(base.orgs))],
            "party": parties[int(rnd() * len(parties))],
            "party2": parties[int(rnd() * len(parties))],
            "ministry": self._ministries[int(rnd() * len(self._ministries))],
            "date": f"{_MONTHS[before.month - 1]} {before.day}",
            "date2": f"{_MONTHS[after.month - 1]} {after.day}",
            "month": _MONTHS[created.month - 1],
            "weekday": _WEEKDAYS[after.weekday()],
            "year": str(created.year),
            "nextyear": str(created.year + 1),
            "num": str(2 + int(rnd() * 48)),
            "num2": str(3 + int(rnd() * 250)),
            "pct": str(2 + int(rnd() * 60)),
            "pct2": f"{1 + rnd() * 9:.1f}",
            "amount": f"USD {5 + int(rnd() * 900)} million",
            "us": us,
            "Us": capital_first(us),
            "us2": self._us[int(rnd() * len(self._us))],
            "we": self._we[int(rnd() * len(self._we))],
            "bureau": self._bureaus[int(rnd() * len(self._bureaus))],
            "n": "2",
            "he": "she" if woman else "he",
            "his": "her" if woman else "his",
        }
        things = self._things[topic]
        thing = things[int(rnd() * len(things))].format_map(cast)
        cast["thing"] = thing
        cast["Thing"] = capital_first(thing)
        cast["thing2"] = things[int(rnd() * len(things))].format_map(cast)
        return cast

    def subject(self, topic: str, cast: Cast, pick: Pick) -> str:
        """A headline-like, upper-case subject."""
        return pick(self._subjects[topic]).format_map(cast).upper()

    def state_subject(self, cast: Cast, pick: Pick) -> str:
        """The subject of a Department instruction."""
        return pick(self.state_subjects).format_map(cast).upper()


def _country_name(fips: str) -> str:
    """The TAGS table's name for a country, without its parenthetical notes."""
    meaning = tag_table.describe(fips).meaning or fips
    if " (" in meaning and not meaning.startswith("Congo"):
        meaning = meaning.split(" (", 1)[0]
    return meaning


class Sentences:
    """Sentence templates arranged so that a cable's sentences cost a few slices.

    A sentence is reported speech (a speaker, a claim of the cable's topic and
    now and then a tail: *the Foreign Minister told PolOff that ...*), a
    ready-made sentence of the topic, or a general one. Reported speech is
    composed once per run: each claim with a few speakers, laid out variant
    after variant, so any run of consecutive entries no longer than the claim
    list holds each claim at most once. Every pool is stored twice over, so a
    cable takes a slice from a random offset and never repeats a sentence
    before the pool runs out; a coprime stride then mixes the kinds.
    """

    def __init__(self, prose: Prose, seed: int) -> None:
        rng = random.Random(f"cablegram.synth.sentences:{seed}")
        self._reported: dict[str, tuple[tuple[str, ...], int]] = {}
        self._topical: dict[str, tuple[tuple[str, ...], int]] = {}
        for topic in prose.topics:
            name = topic.name
            self._reported[name] = _doubled(_compose(prose, prose.section(f"claims.{name}"), rng))
            self._topical[name] = _doubled(list(prose.section(f"sentences.{name}")))
        self._general = _doubled(list(prose.general))
        self._mixers: dict[int, tuple[Callable[[list[str]], tuple[str, ...]], ...]] = {}
        self._claim_counts = {
            topic.name: len(prose.section(f"claims.{topic.name}")) for topic in prose.topics
        }

    def draw(self, topic: str, count: int, rnd: Callable[[], float]) -> list[str]:
        """``count`` sentence templates: up to half reported speech on the cable's own
        topic (each claim at most once), a quarter topical, the rest general.

        Claims stay within their topic, as in real traffic: a phrase such as *the
        no-confidence vote* belongs to political reporting, not to a consular or a
        health cable.
        """
        reported = min(int(count * (0.42 + 0.16 * rnd())), self._claim_counts[topic])
        top_pool, top_size = self._topical[topic]
        gen_pool, gen_size = self._general
        general = min(count - reported - int(count * 0.28), gen_size)
        topical = count - reported - general
        rep_pool, rep_size = self._reported[topic]
        at = int(rnd() * rep_size)
        out = list(rep_pool[at : at + reported])
        out += pieces(top_pool[:top_size], topical, rnd)
        at = int(rnd() * gen_size)
        out += gen_pool[at : at + general]
        size = len(out)
        if size < 2:
            return out
        mixers = self._mixers.get(size)
        if mixers is None:
            mixers = self._mixers[size] = _mixers(size)
        return list(mixers[int(rnd() * _MIXERS)](out))


def pieces(pool: Sequence[str], count: int, rnd: Callable[[], float]) -> list[str]:
    """``count`` consecutive items of ``pool`` from a random offset, wrapping around."""
    size = len(pool)
    at = int(rnd() * size)
    out = list(pool[at : at + count])
    while len(out) < count:
        out += pool[: count - len(out)]
    return out


def _compose(prose: Prose, claims: Sequence[str], rng: random.Random) -> list[str]:
    """Claims in reported speech, variant after variant, each with its own speaker."""
    out: list[str] = []
    for _ in range(_VARIANTS):
        for claim in claims:
            tail = rng.choice(prose.tails) if rng.random() < _TAIL_RATE else ""
            if tail and tail[0] not in ",;":
                tail = f" {tail}"
            out.append(f"{rng.choice(prose.speakers)} {claim}{tail}.")
    return out


def _doubled(items: list[str]) -> tuple[tuple[str, ...], int]:
    return tuple(items + items), len(items)


def _mixers(size: int) -> tuple[Callable[[list[str]], tuple[str, ...]], ...]:
    """A few fixed interleavings of ``size`` items, as C-level item getters.

    A cable's sentence kinds come in runs (reported, topical, general); one of
    these walks (a start and a stride coprime with ``size``) interleaves them
    at the cost of a single call.
    """
    out = []
    for variant in range(_MIXERS):
        step = max(1, int(size * (0.382 + 0.037 * variant)) % size)
        while math.gcd(step, size) != 1:
            step += 1
        start = (variant * 7) % size
        out.append(operator.itemgetter(*[(start + i * step) % size for i in range(size)]))
    return tuple(out)
