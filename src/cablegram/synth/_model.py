"""A synthetic cable: its telegram text and the truth it was written from.

The generator knows exactly what it put in each cable (its id, date, marking,
TAGS, subject, references, paragraphs ...). Keeping that next to the text lets
tests check that the parser reads every field back, and lets the CSV writer fill
the release's metadata columns without parsing anything.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import msgspec


class SynthParagraph(NamedTuple):
    """A numbered paragraph as written: number, portion mark, heading above it, text."""

    number: int
    portion_mark: str | None
    heading: str | None
    text: str


class SynthAddressee(NamedTuple):
    """An addressee line: ``RUEHC/SECSTATE WASHDC PRIORITY 7816`` and any XMT names."""

    route: str | None
    name: str
    precedence: str | None
    mcn: str | None
    excluded: tuple[str, ...] = ()


class SynthReference(NamedTuple):
    """A REF item as written, with the id of the cable it cites (None for a non-cable)."""

    bullet: str | None
    text: str
    reference_id: str | None


class SynthMention(NamedTuple):
    """An inline citation (``ref A``, ``reftel``) and the paragraph it stands in."""

    text: str
    paragraph: int
    reference_id: str | None


class SynthCable(msgspec.Struct, frozen=True, kw_only=True):
    """One generated cable. ``header`` and ``body`` are the two halves of :attr:`text`,
    split where :func:`cablegram.readers.telegram.split` splits them.

    A msgspec Struct, like the parser's records: frozen, and cheap to build a
    quarter of a million times.
    """

    reference_id: str
    created: dt.datetime
    origin_token: str
    origin: str  # the release's name for the post: Embassy Muscat
    classification: str  # as the release writes it: CONFIDENTIAL//NOFORN
    caveats: tuple[str, ...]
    precedence: tuple[str, str]  # action, info
    sender: str
    recipients: tuple[SynthAddressee, ...]
    info_recipients: tuple[SynthAddressee, ...]
    executive_order: str
    declassification: str
    declassify_on: dt.date | None
    tags: tuple[str, ...]
    subject: str
    references: tuple[SynthReference, ...]
    mentions: tuple[SynthMention, ...]
    classified_by: tuple[str, str] | None  # name, title
    reasons: tuple[str, ...]  # letters of section 1.4
    paragraphs: tuple[SynthParagraph, ...]
    summary: str | None
    comment: str | None
    signers: tuple[str, ...]
    sections: int
    header: str
    body: str

    @property
    def text(self) -> str:
        """The raw telegram: routing header, then the body."""
        return f"{self.header}\n{self.body}\n"

    @property
    def cited_ids(self) -> tuple[str, ...]:
        """The ids of the cables the REF block cites, in order."""
        return tuple(ref.reference_id for ref in self.references if ref.reference_id)
