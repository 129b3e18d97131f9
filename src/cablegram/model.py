"""The cable record: frozen, typed, JSON-serialisable.

Every record here is a :class:`msgspec.Struct` with ``frozen=True``: cheap to
build (the parser makes millions of them), immutable once built, and encoded
to and from JSON by msgspec, so ``Cable.from_dict(cable.to_dict()) == cable``
holds exactly. Lists are tuples. Datetimes are timezone-aware UTC.

The JSON schema is stable: ``SCHEMA_VERSION`` is written into every dict and
bumped on any incompatible change; :func:`json_schema` returns it as a JSON
Schema document (``cablegram schema`` prints it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec

SCHEMA_VERSION = 1

Severity = Literal["error", "warning", "info"]

Rendering = Literal["telegram", "html", "markdown", "preamble", "csv", "json"]
"""Where a record came from: raw telegram text, a WikiLeaks HTML page, that page
as Markdown or scraped text, plain text under a metadata preamble, a row of the
release's ``cables.csv``, or cablegram's own JSON Lines."""


class _Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of every record: frozen, keyword-only, strict on decode."""


class Diagnostic(_Record, frozen=True):
    """A problem the parser met. The parser never raises on text; it records these.

    ``line`` is 1-based in the telegram text (header then body) or None when the
    problem has no single line.
    """

    code: str
    message: str
    line: int | None = None
    severity: Severity = "warning"


class Precedence(_Record, frozen=True):
    """Action and info precedence as words: FLASH, IMMEDIATE, PRIORITY, ROUTINE."""

    action: str | None = None
    info: str | None = None


class Section(_Record, frozen=True):
    """``SECTION 01 OF 03``: this part's number and the count of parts.

    ``total`` is None when only the DE line's ``/01`` gave the number.
    """

    number: int
    total: int | None = None


class Recipient(_Record, frozen=True):
    """One addressee line: ``RUEHC/SECSTATE WASHDC PRIORITY 7816``.

    ``excluded`` holds the ``XMT`` lines that follow a collective: the posts
    that the collective's distribution leaves out. The addressee is resolved
    from the reference tables where they know it: ``kind`` is ``post``,
    ``department``, ``agency``, ``military`` or ``collective``; ``post`` is the
    origin token of a State post (``MADRID``, ``STATE``); ``organisation`` names
    the addressee in words (``Embassy Madrid``, ``National Security Council``).
    """

    route: str | None
    name: str
    precedence: str | None = None
    mcn: str | None = None
    excluded: tuple[str, ...] = ()
    kind: str | None = None
    post: str | None = None
    organisation: str | None = None


class Reference(_Record, frozen=True):
    """One item of a REF block, as written and, when it is a cable, as an id."""

    bullet: str | None
    text: str
    kind: str = "other"
    reference_id: str | None = None


class Mention(_Record, frozen=True):
    """A reference cited inline in a paragraph (``reftel``, ``(REF A)``, ``STATE 12345``)."""

    text: str
    paragraph: int | None
    reference_id: str | None = None


class Person(_Record, frozen=True):
    """Who classified a cable: ``Ambassador Gary A. Grappo``."""

    name: str | None
    title: str | None = None
    agency: str | None = None


class Reason(_Record, frozen=True):
    """A classification reason: section 1.4 or 1.5 and a letter, with its meaning."""

    section: str
    letter: str
    meaning: str | None = None


class Paragraph(_Record, frozen=True):
    """A numbered paragraph with its portion mark and the heading it falls under."""

    number: int | None
    text: str
    portion_mark: str | None = None
    heading: str | None = None
    line: int | None = None


class Cable(_Record, frozen=True):
    """One telegram, parsed. Field names are the public API.

    Identity: ``reference_id`` (``07MUSCAT154``) is the two-digit year, the
    ``origin_token`` and the ``serial`` without leading zeros.
    """

    # identity
    reference_id: str | None = None
    origin_token: str | None = None
    serial: int | None = None
    year: int | None = None
    # routing header (ACP 127)
    transmission_id: str | None = None
    precedence: Precedence = Precedence()
    relay_routes: tuple[str, ...] = ()
    originating_station: str | None = None
    station_serial: str | None = None
    section: Section | None = None
    station_time: dt.datetime | None = None
    security_warning: str | None = None
    date_time_group: str | None = None
    created: dt.datetime | None = None
    created_source: str | None = None
    # addressing
    sender: str | None = None
    recipients: tuple[Recipient, ...] = ()
    info_recipients: tuple[Recipient, ...] = ()
    # front matter
    classification: str | None = None
    caveats: tuple[str, ...] = ()
    executive_order: str | None = None
    declassify_on: dt.date | None = None
    declassification: str | None = None
    tags: tuple[str, ...] = ()
    subject: str | None = None
    subject_mark: str | None = None
    # decoded from the reference tables
    origin: str | None = None
    country: str | None = None
    # body
    references: tuple[Reference, ...] = ()
    mentions: tuple[Mention, ...] = ()
    classified_by: tuple[Person, ...] = ()
    classification_reasons: tuple[Reason, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    summary: str | None = None
    comment: str | None = None
    signers: tuple[str, ...] = ()
    # text and provenance
    header_text: str = ""
    body_text: str = ""
    rendering: Rendering = "telegram"
    source_metadata: dict[str, str] = msgspec.field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready builtins (dates as ISO 8601 strings)."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        data["schema"] = SCHEMA_VERSION
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cable:
        """Rebuild a record from :meth:`to_dict` output (or its JSON)."""
        payload = {k: v for k, v in data.items() if k != "schema"}
        return msgspec.convert(payload, cls)

    def to_json(self) -> str:
        """The record as one line of JSON."""
        return _encoder.encode(self.to_dict()).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Cable:
        """Rebuild a record from :meth:`to_json` output."""
        data = msgspec.json.decode(text)
        if not isinstance(data, dict):
            raise msgspec.ValidationError("a cable record must be a JSON object")
        return cls.from_dict(data)

    @property
    def text(self) -> str:
        """The whole telegram: header, a blank line, then the body."""
        if self.header_text and self.body_text:
            return f"{self.header_text}\n\n{self.body_text}"
        return self.header_text or self.body_text

    def diagnostics_at(self, severity: Severity) -> tuple[Diagnostic, ...]:
        """The diagnostics of one severity."""
        return tuple(d for d in self.diagnostics if d.severity == severity)


_encoder = msgspec.json.Encoder()


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Cable` records."""
    schema: dict[str, Any] = msgspec.json.schema(Cable)
    schema["$comment"] = f"cablegram record schema version {SCHEMA_VERSION}"
    return schema
