"""The vocabularies synthetic cables are written from, read once from ``data/``.

Three plain-text files, all invented for this package: ``names.txt`` (pools of
given names and surnames by name culture), ``countries.txt`` (each host
country's adjective, regional bureau and name culture) and ``templates.txt``
(sentences, subjects, headings and the topics that choose among them). Keeping
them as text lets a reader improve the prose without touching code; reading
them into tuples once keeps the generator's hot loop free of parsing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Country:
    """A host country as the text generator needs it."""

    fips: str
    adjective: str
    region: str
    culture: str


@dataclass(frozen=True, slots=True)
class Topic:
    """What a cable is about: its weight in the mix and its TAGS."""

    name: str
    weight: int
    tags: tuple[str, ...]


def _sections(name: str) -> dict[str, tuple[str, ...]]:
    """``[section]`` headers and one item a line; ``#`` lines are comments."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in (_DATA / name).read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], [])
            continue
        if current is None:
            raise ValueError(f"{name}: item {line!r} outside a section")
        current.append(line)
    return {key: tuple(items) for key, items in out.items()}


@functools.cache
def names() -> dict[str, tuple[str, ...]]:
    """Name pools keyed ``culture.given`` and ``culture.surname``."""
    return _sections("names.txt")


@functools.cache
def templates() -> dict[str, tuple[str, ...]]:
    """Every template section of ``templates.txt``."""
    return _sections("templates.txt")


@functools.cache
def countries() -> dict[str, Country]:
    """Host countries by FIPS code."""
    out: dict[str, Country] = {}
    for raw in (_DATA / "countries.txt").read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fips, adjective, region, culture = (part.strip() for part in line.split("|"))
        out[fips] = Country(fips, adjective, region, culture)
    return out


@functools.cache
def topics() -> tuple[Topic, ...]:
    """The topics, in file order, with their weights and TAGS."""
    table = templates()
    out: list[Topic] = []
    for line in table["topics"]:
        name, weight = line.split()
        out.append(Topic(name, int(weight), tuple(table[f"tags.{name}"][0].split())))
    return tuple(out)
