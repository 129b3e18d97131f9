"""Exports of an archive, or of a search's cables: JSON Lines, CSV and Parquet.

::

    from cablegram.export import export

    export(archive, "tag:PTER date:2008", "parquet", "pter-2008.parquet")

=========  ===================================================================
format     what is written
=========  ===================================================================
jsonl      the whole record, one :meth:`Cable.to_json` per line: exactly what
           :func:`cablegram.read` reads back (lossless)
parquet    the whole record with its nested types kept (lists of structs for
           recipients, references, mentions, paragraphs, ...), the Arrow schema
           derived from :class:`~cablegram.model.Cable` (:func:`parquet_schema`),
           written in record batches so memory stays flat at any size;
           :func:`cablegram.read` reads it back (lossless)
csv        one row per cable, one column per field, flattened: see
           :data:`CSV_COLUMNS` (lossy)
=========  ===================================================================

Cables come oldest first (undated ones last). Writing to a path goes to a
``.part`` file renamed at the end, so an interrupted export leaves no
half-written file under the name asked for.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import functools
import io
import os
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import msgspec
import msgspec.inspect as mi

from cablegram.analytics import cable_ids
from cablegram.errors import ArchiveError
from cablegram.model import SCHEMA_VERSION, Cable

if TYPE_CHECKING:
    import pyarrow as pa

    from cablegram.archive import Archive

ExportFormat = Literal["jsonl", "csv", "parquet"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")

Output = str | Path | IO[bytes]
Progress = Callable[[int], None]
"""Called with the number of cables written so far, after each batch."""

PARQUET_SCHEMA_KEY = b"cablegram.schema"
"""Parquet file metadata key holding the record schema version."""


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What :func:`export` wrote."""

    format: ExportFormat
    cables: int
    seconds: float
    path: str | None = None


def export(
    archive: Archive,
    query: str,
    fmt: ExportFormat,
    output: Output,
    *,
    batch_size: int = 2000,
    progress: Progress | None = None,
) -> ExportReport:
    """Write the cables matching ``query`` (all when empty) to ``output`` (a path, or
    a binary stream such as ``sys.stdout.buffer``) in ``fmt``."""
    if fmt not in EXPORT_FORMATS:
        raise ArchiveError(f"unknown export format {fmt!r}: use {', '.join(EXPORT_FORMATS)}")
    if batch_size < 1:
        raise ArchiveError("batch_size must be at least 1")
    started = time.perf_counter()
    ids = [int(i) for i in cable_ids(archive, query)]
    batches = _batches(archive, ids, batch_size)
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
    written = 0
    with _opened(output) as handle:
        for count in writer(batches, handle):
            written += count
            if progress is not None:
                progress(written)
    path = str(output) if isinstance(output, str | Path) else None
    return ExportReport(fmt, written, time.perf_counter() - started, path)


def _batches(archive: Archive, ids: Sequence[int], size: int) -> Iterator[list[Cable]]:
    batch: list[Cable] = []
    for cable in archive.backend.records(ids):
        batch.append(cable)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextlib.contextmanager
def _opened(output: Output) -> Iterator[IO[bytes]]:
    """A binary handle on ``output``; a path is written as ``.part`` and renamed."""
    if not isinstance(output, str | Path):
        yield output
        output.flush()
        return
    target = Path(output)
    partial = target.with_name(target.name + ".part")
    try:
        with partial.open("wb") as handle:
            yield handle
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


# -- JSON Lines ------------------------------------------------------------------------


def _write_jsonl(batches: Iterator[list[Cable]], handle: IO[bytes]) -> Iterator[int]:
    for batch in batches:
        handle.write("".join(cable.to_json() + "\n" for cable in batch).encode())
        yield len(batch)


# -- CSV -----------------------------------------------------------------------------------


def _ids(items: Sequence[Any]) -> str:
    return "|".join(dict.fromkeys(i.reference_id for i in items if i.reference_id))


def _names(recipients: Sequence[Any]) -> str:
    return "; ".join(r.name for r in recipients)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


def _created(cable: Cable) -> str:
    if cable.created is None:
        return ""
    return cable.created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _person(name: str | None, title: str | None) -> str:
    return ", ".join(part for part in (name, title) if part)


_Column = tuple[str, str, Callable[[Cable], object]]

CSV_COLUMNS: tuple[_Column, ...] = (
    ("reference_id", "the cable's id (08ANKARA691)", lambda c: c.reference_id),
    ("created", "date and time sent, UTC, ISO 8601", _created),
    ("origin_token", "post token of the id (ANKARA)", lambda c: c.origin_token),
    ("origin", "the sending post in words", lambda c: c.origin),
    ("country", "country of the sending post", lambda c: c.country),
    ("serial", "serial number of the id", lambda c: c.serial),
    ("classification", "release classification", lambda c: c.classification),
    ("caveats", "caveats (NOFORN), joined with |", lambda c: "|".join(c.caveats)),
    ("precedence", "action precedence", lambda c: c.precedence.action),
    ("info_precedence", "info precedence", lambda c: c.precedence.info),
    ("sender", "the FM line", lambda c: c.sender),
    ("recipients", "TO addressees, joined with '; '", lambda c: _names(c.recipients)),
    ("info_recipients", "INFO addressees, joined with '; '", lambda c: _names(c.info_recipients)),
    ("tags", "TAGS codes, joined with |", lambda c: "|".join(c.tags)),
    ("subject", "the SUBJECT line", lambda c: c.subject),
    ("references", "ids cited by REF items, joined with |", lambda c: _ids(c.references)),
    (
        "reference_texts",
        "REF items as written ('A. STATE 1234'), joined with '; '",
        lambda c: "; ".join(f"{r.bullet}. {r.text}" if r.bullet else r.text for r in c.references),
    ),
    ("mentions", "ids cited inline in the text, joined with |", lambda c: _ids(c.mentions)),
    (
        "classified_by",
        "Classified By persons ('name, title'), joined with '; '",
        lambda c: "; ".join(_person(p.name, p.title) for p in c.classified_by),
    ),
    (
        "reasons",
        "classification reasons (1.4(b)), joined with |",
        lambda c: "|".join(f"{r.section}({r.letter})" for r in c.classification_reasons),
    ),
    ("executive_order", "the E.O. line", lambda c: c.executive_order),
    ("declassify_on", "declassification date, ISO 8601", lambda c: _date(c.declassify_on)),
    ("signers", "signers, joined with '; '", lambda c: "; ".join(c.signers)),
    ("summary", "the summary paragraph(s)", lambda c: c.summary),
    ("comment", "the comment paragraph(s)", lambda c: c.comment),
    ("paragraphs", "number of paragraphs", lambda c: len(c.paragraphs)),
    ("transmission_id", "transmission id (VZCZC...)", lambda c: c.transmission_id),
    ("date_time_group", "the DTG as written (281530Z MAR 08)", lambda c: c.date_time_group),
    ("rendering", "where the record came from (telegram, html, csv, ...)", lambda c: c.rendering),
    (
        "diagnostics",
        "codes of the parser's diagnostics, joined with |",
        lambda c: "|".join(d.code for d in c.diagnostics),
    ),
    ("header_text", "the routing header as text", lambda c: c.header_text),
    ("body_text", "the body as text", lambda c: c.body_text),
)
"""The CSV columns: (name, meaning, value of a cable). Lists of codes and ids are
joined with ``|`` (which they never contain), lists of names and texts with
``; ``; a missing value is an empty cell.

CSV is lossy: it keeps no paragraph structure (numbers, portion marks,
headings), no addressee routing (routes, precedences, MCNs, XMT exclusions,
resolved posts), no relay routes, station serial or time, section numbers,
reasons' meanings, the paragraph of each mention, classifiers' agencies,
diagnostic messages and lines, or source metadata. Export JSON Lines or Parquet
to keep everything.
"""


def csv_header() -> list[str]:
    """The CSV's header row."""
    return [name for name, _, _ in CSV_COLUMNS]


def csv_row(cable: Cable) -> list[object]:
    """One cable flattened into the CSV columns (None for an empty cell)."""
    return [value(cable) for _, _, value in CSV_COLUMNS]


def _write_csv(batches: Iterator[list[Cable]], handle: IO[bytes]) -> Iterator[int]:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.writer(text)
        writer.writerow(csv_header())
        for batch in batches:
            writer.writerows(csv_row(cable) for cable in batch)
            yield len(batch)
        text.flush()
    finally:
        text.detach()  # the caller closes the binary handle


# -- Parquet -----------------------------------------------------------------------------


def _arrow_type(kind: mi.Type) -> pa.DataType:
    """The Arrow type of a msgspec type (the model's types only)."""
    import pyarrow as pa

    if isinstance(kind, mi.UnionType):
        present = [t for t in kind.types if not isinstance(t, mi.NoneType)]
        if len(present) == 1:
            return _arrow_type(present[0])
    elif isinstance(kind, mi.StrType | mi.LiteralType):
        return pa.string()
    elif isinstance(kind, mi.IntType):
        return pa.int64()
    elif isinstance(kind, mi.BoolType):
        return pa.bool_()
    elif isinstance(kind, mi.FloatType):
        return pa.float64()
    elif isinstance(kind, mi.DateTimeType):
        return pa.timestamp("us", tz="UTC")
    elif isinstance(kind, mi.DateType):
        return pa.date32()
    elif isinstance(kind, mi.VarTupleType | mi.ListType):
        return pa.list_(_arrow_type(kind.item_type))
    elif isinstance(kind, mi.DictType):
        return pa.map_(_arrow_type(kind.key_type), _arrow_type(kind.value_type))
    elif isinstance(kind, mi.StructType):
        return pa.struct(_arrow_fields(kind))
    raise ArchiveError(f"no Parquet type for {kind!r}: extend cablegram.export._arrow_type")


def _arrow_fields(struct: mi.StructType) -> list[pa.Field[Any]]:
    import pyarrow as pa

    return [
        pa.field(f.encode_name, _arrow_type(f.type), nullable=_nullable(f.type))
        for f in struct.fields
    ]


def _nullable(kind: mi.Type) -> bool:
    return isinstance(kind, mi.UnionType) and any(isinstance(t, mi.NoneType) for t in kind.types)


@functools.cache
def parquet_schema() -> pa.Schema:
    """The Arrow schema of :class:`Cable`, derived from the model (one column per
    field, nested records as structs, tuples as lists, ``source_metadata`` as a
    map), with the record schema version in the file metadata."""
    import pyarrow as pa

    info = mi.type_info(Cable)
    assert isinstance(info, mi.StructType)
    return pa.schema(_arrow_fields(info), metadata={PARQUET_SCHEMA_KEY: str(SCHEMA_VERSION)})


def to_arrow(cables: Sequence[Cable]) -> pa.RecordBatch:
    """A record batch of cables, in :func:`parquet_schema`."""
    import pyarrow as pa

    rows = [msgspec.to_builtins(c, builtin_types=(dt.datetime, dt.date)) for c in cables]
    return pa.RecordBatch.from_pylist(rows, schema=parquet_schema())


def _write_parquet(batches: Iterator[list[Cable]], handle: IO[bytes]) -> Iterator[int]:
    import pyarrow.parquet as pq

    with pq.ParquetWriter(handle, parquet_schema(), compression="zstd") as writer:
        for batch in batches:
            writer.write_batch(to_arrow(batch))
            yield len(batch)
