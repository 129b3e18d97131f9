"""The release's ``cables.csv``: one cable per record, header and body apart.

The file of the full Cablegate release has no header row and eight columns:
row number, created (``M/D/YYYY H:MM``), reference id, origin, classification,
referenced ids (``|``-separated), routing header, body. Every field is quoted,
quotes inside fields are escaped with a backslash (``\\"``), and header and body
span many lines. The file is 1.7 GB, so records are streamed, never loaded.

A record that does not fit (wrong column count, a row number or date that is
not one) is reported as a :class:`~cablegram.errors.ReadError` naming the line
where it starts, and the reading goes on with the next record.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from cablegram.errors import ReadError
from cablegram.model import Diagnostic
from cablegram.readers import telegram
from cablegram.readers.base import Source

COLUMNS = 8
_CREATED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d\d)$")
_REFERENCE_ID = re.compile(r"[0-9A-Z][0-9A-Za-z-]*$")
_SURROGATE = re.compile("[\udc80-\udcff]")
_FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


class _Dialect(csv.Dialect):
    """Quoted fields, backslash escapes; ``""`` is accepted too."""

    delimiter = ","
    quotechar = '"'
    escapechar = "\\"
    doublequote = True
    skipinitialspace = False
    lineterminator = "\n"
    quoting = csv.QUOTE_ALL
    strict = False


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (what they usually are)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


codecs.register_error("cablegram-cp1252", _cp1252_fallback)


def sources(lines: Iterable[str], *, path: str | Path) -> Iterator[tuple[int, Source | ReadError]]:
    """Each record of ``lines`` (a text stream opened with ``newline=""``) as a Source.

    Yields ``(line, item)``, ``line`` being where the record starts. Bad records
    come out as ReadError values, in order, instead of Sources: the caller
    decides whether to report them. Text decoded with
    ``errors="surrogateescape"`` is welcome: bytes that were not UTF-8 are read as
    Windows-1252 and the record carries a diagnostic.
    """
    csv.field_size_limit(_FIELD_LIMIT)
    reader = csv.reader(lines, dialect=_Dialect)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield start, ReadError(f"malformed CSV record: {error}", path=path, line=start)
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        try:
            source = source_from_row(row)
        except ValueError as error:
            yield start, ReadError(str(error), path=path, line=start)
        else:
            yield start, source


def source_from_row(row: list[str]) -> Source:
    """One ``cables.csv`` record as a Source; ValueError when the record does not fit."""
    if len(row) != COLUMNS:
        raise ValueError(f"expected {COLUMNS} columns, found {len(row)}")
    diagnostics: list[Diagnostic] = []
    if any(_SURROGATE.search(field) for field in row if not field.isascii()):
        row = [_redecode(field) for field in row]
        diagnostics.append(
            Diagnostic(
                code="not-utf8",
                message="bytes that are not UTF-8 were read as Windows-1252",
                severity="warning",
            )
        )
    number, created, reference_id, origin, classification, references, header, body = row
    number = number.strip()
    if not number.isdigit():
        raise ValueError(f"row number is not a number: {number[:40]!r}")
    reference_id = reference_id.strip()
    if not _REFERENCE_ID.match(reference_id):
        raise ValueError(f"reference id is not one: {reference_id[:40]!r}")
    metadata = {
        "record": number,
        "created": _created(created),
        "reference_id": reference_id,
        "origin": origin.strip(),
        "classification": classification.strip(),
        "references": " ".join(references.replace("|", " ").split()),
    }
    header = telegram.normalize(header).strip("\n")
    body = telegram.normalize(body).strip("\n")
    if not header and telegram.is_header_start(body):
        header, body = telegram.split(body)
    return Source(
        header=header,
        body=body,
        rendering="csv",
        metadata={key: value for key, value in metadata.items() if value},
        diagnostics=diagnostics,
    )


def _created(value: str) -> str:
    """``7/29/2009 14:42`` -> ``2009-07-29 14:42`` (the form every reader writes)."""
    match = _CREATED.match(value.strip())
    if match is None:
        raise ValueError(f"created is not M/D/YYYY H:MM: {value[:40]!r}")
    month, day, year, hour, minute = (int(group) for group in match.groups())
    try:
        stamp = dt.datetime(year, month, day, hour, minute)
    except ValueError as error:
        raise ValueError(f"created is not a date: {value[:40]!r}") from error
    return stamp.strftime("%Y-%m-%d %H:%M")


def _redecode(field: str) -> str:
    if field.isascii():
        return field
    raw = field.encode("utf-8", errors="surrogateescape")
    return raw.decode("utf-8", errors="cablegram-cp1252")
