"""The archive: parsed cables stored for search, in SQLite (embedded) or PostgreSQL.

::

    from cablegram import Archive

    with Archive.open("cables.db") as archive:          # or "postgresql://..."
        report = archive.ingest(["corpus/"])
        result = archive.search('tag:PTER "nuclear program" date:2008..2009')
        stored = archive.get("07MUSCAT154")
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cablegram.archive.base import SQLBackend, StoredCable, Version
from cablegram.archive.facets import FACETS
from cablegram.archive.ingest import IngestReport, Progress, ingest
from cablegram.archive.search import Engine, Hit, SearchResult, Sort
from cablegram.errors import ArchiveError, ReadError
from cablegram.model import Cable
from cablegram.parser.ids import canonical_id

if TYPE_CHECKING:
    from cablegram.analytics import Stats, Trend
    from cablegram.graph import CitationGraph, Citations, Node, ThreadEntry

ENV_VAR = "CABLEGRAM_DB"
DEFAULT_PATH = "cablegram.db"

__all__ = [
    "FACETS",
    "Archive",
    "Hit",
    "IngestReport",
    "SearchResult",
    "StoredCable",
    "Version",
    "open_backend",
]


def open_backend(url: str | Path | None = None, *, readonly: bool = False) -> SQLBackend:
    """The backend for a database URL: ``postgresql://...``, ``sqlite:///path`` or a path.

    Without a URL, ``$CABLEGRAM_DB`` or ``cablegram.db`` in the current folder.
    """
    target = str(url) if url is not None else os.environ.get(ENV_VAR, DEFAULT_PATH)
    if target.startswith(("postgresql://", "postgres://")):
        from cablegram.archive.postgres import PostgresBackend

        return PostgresBackend(target)
    if target.startswith("sqlite:///"):
        target = target.removeprefix("sqlite:///")
    elif "://" in target:
        raise ArchiveError(f"unknown database URL {target!r}: use a path or postgresql://")
    from cablegram.archive.sqlite import SQLiteBackend

    return SQLiteBackend(target, readonly=readonly)


class Archive:
    """A store of parsed cables with full-text and faceted search."""

    def __init__(self, backend: SQLBackend) -> None:
        self.backend = backend
        self.engine = Engine(backend)
        self._graphs: dict[str, tuple[tuple[object, ...], CitationGraph]] = {}
        self._graph_lock = threading.Lock()

    @classmethod
    def open(cls, url: str | Path | None = None, *, readonly: bool = False) -> Archive:
        """Open (and, unless read-only, create or migrate) the archive at ``url``."""
        backend = open_backend(url, readonly=readonly)
        if readonly:
            if backend.schema_version() == 0:
                backend.close()
                raise ArchiveError(f"{backend.url} is not a cablegram archive")
        else:
            backend.migrate()
        return cls(backend)

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.backend.close()

    @property
    def url(self) -> str:
        return self.backend.url

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        workers: int | None = None,
        batch_size: int = 1000,
        progress: Progress | None = None,
        on_error: Callable[[ReadError], None] | None = None,
    ) -> IngestReport:
        """Parse and store everything under ``paths``; see :mod:`cablegram.archive.ingest`."""
        report = ingest(
            self.backend,
            paths,
            workers=workers,
            batch_size=batch_size,
            progress=progress,
            on_error=on_error,
        )
        if report.added or report.updated:
            self.backend.optimize()
        return report

    def search(
        self,
        query: str = "",
        *,
        facets: Sequence[str] | None = FACETS,
        sort: Sort = "relevance",
        limit: int = 20,
        offset: int = 0,
    ) -> SearchResult:
        """Search with the query language (see ``docs/search.md``).

        Returns a page of hits (``limit`` from ``offset``), the total, and counts of
        each of ``facets`` over the whole result set. A malformed query raises
        :class:`~cablegram.errors.QuerySyntaxError` with the position of the problem.
        """
        return self.engine.search(query, facets=facets, sort=sort, limit=limit, offset=offset)

    def count(self, query: str = "") -> int:
        """How many cables match ``query``."""
        return self.engine.count(query)

    def get(self, reference_id: str, *, version: int | None = None) -> StoredCable | None:
        """One cable (its current version unless ``version`` is given), or None."""
        stored = self.backend.get(reference_id.strip(), version)
        if stored is None:
            canonical = canonical_id(reference_id)
            if canonical and canonical != reference_id:
                stored = self.backend.get(canonical, version)
        return stored

    def cable(self, reference_id: str) -> Cable | None:
        """The current record of one cable, or None."""
        stored = self.get(reference_id)
        return stored.cable if stored else None

    def __len__(self) -> int:
        return self.backend.count()

    def __contains__(self, reference_id: Any) -> bool:
        return isinstance(reference_id, str) and self.get(reference_id) is not None

    # -- citations and counts (see cablegram.graph and cablegram.analytics) ----------

    def graph(self, *, citations: Citations = "refs") -> CitationGraph:
        """The citation graph of the archive (:class:`cablegram.graph.CitationGraph`),
        built on first use and rebuilt when the archive has changed since."""
        from cablegram.graph import build_graph

        fingerprint = self.backend.fingerprint()
        cached = self._graphs.get(citations)
        if cached is None or cached[0] != fingerprint:
            with self._graph_lock:  # one thread builds it; the others wait for it
                cached = self._graphs.get(citations)
                if cached is None or cached[0] != fingerprint:
                    cached = (fingerprint, build_graph(self, citations=citations))
                    self._graphs[citations] = cached
        return cached[1]

    def cites(self, reference_id: str) -> list[Node]:
        """The cables this one cites in its REF items, oldest first, held or missing;
        :class:`~cablegram.errors.ArchiveError` for a cable the archive neither holds
        nor sees cited."""
        return self.graph().cites(reference_id)

    def cited_by(self, reference_id: str) -> list[Node]:
        """The archive's cables that cite this one in their REF items, oldest first."""
        return self.graph().cited_by(reference_id)

    def thread(self, reference_id: str, *, depth: int = 3) -> list[ThreadEntry]:
        """The chain around a cable, in time order: what it cites and what cites it,
        ``depth`` citation steps each way (see :meth:`CitationGraph.thread`)."""
        return self.graph().thread(reference_id, depth=depth)

    def stats(
        self, query: str = "", *, by: Sequence[str] | None = None, limit: int | None = None
    ) -> Stats:
        """Counts of the cables matching ``query`` by each field of ``by`` (all fields
        of :data:`cablegram.analytics.FIELDS` when None); see
        :func:`cablegram.analytics.stats`. ``to_records()``/``to_columns()`` of each
        field's counts feed pandas or polars."""
        from cablegram.analytics import FIELDS, stats

        return stats(self, query, by=FIELDS if by is None else by, limit=limit)

    def trend(self, query: str, *, by: str = "month") -> Trend:
        """How many cables match ``query`` per month (or year), and their share of
        the period's cables; see :func:`cablegram.analytics.trend`."""
        from cablegram.analytics import trend

        return trend(self, query, by=by)
