"""Read cables from files and directory trees.

:func:`read` walks a file or a directory tree (sorted by name, recursive,
hidden files and directories skipped) and yields one
:class:`~cablegram.model.Cable` per cable it finds:

========================  ==============================================================
``*.csv``                 the release's ``cables.csv`` (8 columns, no header row),
                          streamed record by record; rendering ``csv``
``*.jsonl``, ``*.ndjson``  cablegram's own JSON Lines, one ``Cable.to_json()`` a line,
                          streamed; rendering as recorded
``*.json``                one record or a list of records
``*.parquet``             cablegram's own Parquet (:mod:`cablegram.export`), streamed
                          in record batches; needs pyarrow
anything else             one cable in any rendering (telegram, HTML page, Markdown,
                          preamble), detected from its text
========================  ==============================================================

Nothing one bad record does stops the reading: a file that is binary or not
text, a CSV record that does not fit, a JSON line that does not decode, each
becomes a :class:`~cablegram.errors.ReadError` naming the file and the line
where the record starts. It goes to ``on_error``, or, when that is None, to the
``cablegram`` logger as a warning, and the reading goes on.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import msgspec

from cablegram.errors import ReadError
from cablegram.model import Cable
from cablegram.parser.telegram import parse, parse_source
from cablegram.readers import csv_release
from cablegram.readers.base import Source

logger = logging.getLogger("cablegram")

ErrorHandler = Callable[[ReadError], None]

_SNIFF = 8192
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01  # more control characters than this: not text
_FILE_NAME_ID = re.compile(r"\d{2}[A-Z][A-Z0-9]*?\d+$")
_JSON_LINES = frozenset({".jsonl", ".ndjson"})


@dataclass(frozen=True, slots=True)
class Document:
    """One cable as found in a file, before parsing: a unit of work for :func:`read`
    and for parallel ingest (documents pickle; workers call :meth:`parse`).

    Exactly one of ``text`` (a whole file, any rendering), ``source`` (a CSV
    record, already split into header and body) and ``cable`` (a JSON record,
    already parsed) is set. ``line`` is where the record starts in its file.
    """

    path: str
    line: int | None = None
    text: str | None = None
    source: Source | None = None
    cable: Cable | None = None
    reference_id: str | None = None

    @property
    def location(self) -> str:
        """``path:line`` (or the path alone) for messages."""
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    @property
    def size(self) -> int:
        """Characters of input this document stands for (for progress bars)."""
        if self.text is not None:
            return len(self.text)
        if self.source is not None:
            return len(self.source.header) + len(self.source.body)
        if self.cable is not None:
            return len(self.cable.header_text) + len(self.cable.body_text)
        return 0

    def parse(self) -> Cable:
        """The parsed cable. Never raises on text (the parser records diagnostics)."""
        if self.cable is not None:
            return self.cable
        if self.source is not None:
            return parse_source(self.source)
        return parse(self.text or "", reference_id=self.reference_id)


def read(path: str | Path, *, on_error: ErrorHandler | None = None) -> Iterator[Cable]:
    """Yield the cables in a file or directory tree; report bad records and go on.

    Raises :class:`~cablegram.errors.ReadError` only when ``path`` itself does
    not exist; every later problem goes to ``on_error`` (default: log it).
    """
    report = on_error or _log
    for document in documents(path, on_error=report):
        try:
            yield document.parse()
        except Exception as error:  # the parser should never raise; a bug must not stop a read
            message = f"could not parse: {type(error).__name__}: {error}"
            report(ReadError(message, path=document.path, line=document.line))


def documents(path: str | Path, *, on_error: ErrorHandler | None = None) -> Iterator[Document]:
    """The cables in a file or directory tree, unparsed, in file order.

    Same files and same error reporting as :func:`read`.
    """
    root = Path(path)
    if not root.exists():
        raise ReadError("no such file or directory", path=root)
    report = on_error or _log
    for file in _walk(root, report):
        yield from _read_file(file, report)


def _log(error: ReadError) -> None:
    logger.warning("%s", error)


def _walk(root: Path, report: ErrorHandler) -> Iterator[Path]:
    """Files under ``root`` in name order, depth first, hidden entries skipped."""
    if not root.is_dir():
        yield root
        return
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        report(ReadError(f"cannot list directory: {error.strerror or error}", path=root))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), report)
        elif entry.is_file():
            yield Path(entry.path)


def _read_file(path: Path, report: ErrorHandler) -> Iterator[Document]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            yield from _read_csv(path, report)
        elif suffix in _JSON_LINES:
            yield from _read_json_lines(path, report)
        elif suffix == ".json":
            yield from _read_json(path, report)
        elif suffix == ".parquet":
            yield from _read_parquet(path, report)
        else:
            document = _read_text(path, report)
            if document is not None:
                yield document
    except OSError as error:
        report(ReadError(f"cannot read file: {error.strerror or error}", path=path))


def _read_text(path: Path, report: ErrorHandler) -> Document | None:
    try:
        text = decode(path.read_bytes())
    except ValueError as error:
        report(ReadError(str(error), path=path))
        return None
    stem = path.stem
    reference_id = stem if _FILE_NAME_ID.match(stem) else None
    return Document(path=str(path), text=text, reference_id=reference_id)


def decode(data: bytes) -> str:
    """The text of a file: UTF-8 (BOM or not), UTF-16 with a BOM, or clean Windows-1252.

    Raises ValueError for binary data (NUL bytes near the start, or too many
    control characters) and for bytes that are no text encoding we know.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ValueError("not valid UTF-16 text") from error
    if b"\x00" in data[:_SNIFF]:
        raise ValueError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ValueError("neither UTF-8 nor Windows-1252 text") from error
    sample = text[:_SNIFF]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_SHARE * max(len(sample), 1):
        raise ValueError("binary file (control characters), not text")
    return text


def _is_binary(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"\x00" in handle.read(_SNIFF)


def _read_csv(path: Path, report: ErrorHandler) -> Iterator[Document]:
    if _is_binary(path):
        report(ReadError("binary file (NUL bytes), not CSV", path=path))
        return
    with path.open(encoding="utf-8-sig", errors="surrogateescape", newline="") as handle:
        for line, item in csv_release.sources(handle, path=path):
            if isinstance(item, ReadError):
                report(item)
                continue
            yield Document(path=str(path), line=line, source=item)


def _read_json_lines(path: Path, report: ErrorHandler) -> Iterator[Document]:
    if _is_binary(path):
        report(ReadError("binary file (NUL bytes), not JSON Lines", path=path))
        return
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if number == 1:
                line = line.removeprefix(b"\xef\xbb\xbf")
            if not line.strip():
                continue
            try:
                cable = Cable.from_json(line)
            except (msgspec.DecodeError, msgspec.ValidationError, ValueError) as error:
                report(ReadError(f"not a cable record: {error}", path=path, line=number))
                continue
            yield Document(path=str(path), line=number, cable=cable)


def _read_json(path: Path, report: ErrorHandler) -> Iterator[Document]:
    try:
        data = msgspec.json.decode(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))
    except msgspec.DecodeError as error:
        report(ReadError(f"not JSON: {error}", path=path))
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        try:
            if not isinstance(record, dict):
                raise msgspec.ValidationError("a cable record must be a JSON object")
            cable = Cable.from_dict(record)
        except (msgspec.ValidationError, ValueError) as error:
            report(ReadError(f"record {index} is not a cable: {error}", path=path))
            continue
        yield Document(path=str(path), cable=cable)


def _read_parquet(path: Path, report: ErrorHandler) -> Iterator[Document]:
    """Rows of a Parquet file written by :mod:`cablegram.export`, one record each;
    ``line`` is the 1-based row number. pyarrow is imported only here, so reading
    text never needs it."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        report(ReadError("reading Parquet needs pyarrow: pip install pyarrow", path=path))
        return
    try:
        parquet = pq.ParquetFile(path)
    except pa.ArrowException as error:
        report(ReadError(f"not a Parquet file: {error}", path=path))
        return
    unknown = [n for n in parquet.schema_arrow.names if n not in Cable.__struct_fields__]
    if unknown:
        report(ReadError(f"not cable records: unknown columns {', '.join(unknown)}", path=path))
        return
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=1000):
            for record in batch.to_pylist(maps_as_pydicts="strict"):
                number += 1
                try:
                    cable = Cable.from_dict(record)
                except (msgspec.ValidationError, ValueError, TypeError) as error:
                    report(ReadError(f"row is not a cable: {error}", path=path, line=number))
                    continue
                yield Document(path=str(path), line=number, cable=cable)
    except pa.ArrowException as error:
        report(ReadError(f"cannot read Parquet: {error}", path=path, line=number + 1))
    finally:
        parquet.close()
