"""Ingest: files in, archive out, on every core, resumable.

The main process walks the inputs (:func:`cablegram.files.documents`), hands
chunks of unparsed documents to a pool of worker processes that parse them and
flatten them into rows, and writes the rows in batches, one transaction each.
A cable already in the archive with the same text is left as it is; with a
different text it gets a new version (the old one is kept). Interrupting
(Ctrl-C, a killed process) loses at most the batch being written, which rolls
back; the next run skips what is in and goes on.
"""

from __future__ import annotations

import collections
import itertools
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cablegram.archive.base import Incoming, SQLBackend
from cablegram.archive.records import RecordCodec, Rows, to_rows
from cablegram.errors import ReadError
from cablegram.files import Document, documents

Progress = Callable[[int, int], None]
"""Called with (cables done, bytes done) after each written batch."""

_CHUNK = 64  # documents per task sent to a worker
_WINDOW = 16  # tasks in flight per worker: enough to keep them busy while a batch is written


@dataclass(slots=True)
class IngestReport:
    """What an ingest did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: list[ReadError] = field(default_factory=list)
    unidentified: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def seen(self) -> int:
        return self.added + self.updated + self.unchanged


def input_size(paths: Iterable[str | Path]) -> int:
    """Bytes of the files under these paths (for a progress bar's total)."""
    total = 0
    for path in map(Path, paths):
        if path.is_file():
            total += path.stat().st_size
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                total += sum(
                    (Path(root) / f).stat().st_size for f in files if not f.startswith(".")
                )
    return total


def _flatten(
    chunk: Sequence[Document], codec: RecordCodec | None = None
) -> list[tuple[str, int, Rows | str]]:
    """Worker: parse and flatten a chunk, and compress the records when the archive's
    dictionary is known; a failure is returned as its message."""
    out: list[tuple[str, int, Rows | str]] = []
    for document in chunk:
        size = document.size
        try:
            rows = to_rows(document.parse())
            if codec is not None and codec.dictionary:
                rows.record, rows.packed = codec.pack(rows.record), True
            out.append((document.location, size, rows))
        except Exception as error:  # one bad cable must not stop the ingest
            out.append((document.location, size, f"{type(error).__name__}: {error}"))
    return out


def _windowed(
    pool: Any, chunks: Iterator[list[Document]], backend: SQLBackend, window: int
) -> Iterator[list[tuple[str, int, Rows | str]]]:
    """Results in order, with at most ``window`` chunks in flight: when writing is the
    slow part, parsed rows wait in the workers' queue, not in memory without bound."""
    pending: collections.deque[Any] = collections.deque()
    for chunk in chunks:
        pending.append(pool.apply_async(_flatten, (chunk, backend.codec())))
        if len(pending) >= window:
            yield pending.popleft().get()
    while pending:
        yield pending.popleft().get()


def _chunks(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def ingest(
    backend: SQLBackend,
    paths: Iterable[str | Path],
    *,
    workers: int | None = None,
    batch_size: int = 1000,
    progress: Progress | None = None,
    on_error: Callable[[ReadError], None] | None = None,
) -> IngestReport:
    """Parse everything under ``paths`` and store it; see the module docstring."""
    report = IngestReport()
    started = time.perf_counter()

    def failed(error: ReadError) -> None:
        report.failures.append(error)
        if on_error is not None:
            on_error(error)

    def docs() -> Iterator[Document]:
        for path in paths:
            try:
                yield from documents(path, on_error=failed)
            except ReadError as error:
                failed(error)

    workers = workers or os.cpu_count() or 1
    chunks = _chunks(docs(), _CHUNK)
    batch: list[Incoming] = []
    done_cables = done_bytes = 0

    def flush() -> None:
        nonlocal batch
        if batch:
            result = backend.write(batch)
            report.added += len(result.added)
            report.updated += len(result.updated)
            report.unchanged += len(result.unchanged)
            batch = []
            if progress is not None:
                progress(done_cables, done_bytes)

    def consume(results: Iterable[list[tuple[str, int, Rows | str]]]) -> None:
        nonlocal done_cables, done_bytes
        for chunk in results:
            for location, size, rows in chunk:
                done_cables += 1
                done_bytes += size
                if isinstance(rows, str):
                    failed(ReadError(f"could not parse: {rows}", path=location))
                    continue
                if rows.key.startswith("UNIDENTIFIED-"):
                    report.unidentified.append(location)
                batch.append(Incoming(rows, location))
                if len(batch) >= batch_size:
                    flush()

    if workers <= 1:
        consume(_flatten(chunk, backend.codec()) for chunk in chunks)
    else:
        context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
        with context.Pool(workers) as pool:
            consume(_windowed(pool, chunks, backend, workers * _WINDOW))
    flush()
    report.seconds = time.perf_counter() - started
    return report
