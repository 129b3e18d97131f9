"""The embedded backend: one SQLite file, FTS5 for text. No server needed.

The file is an ordinary SQLite database (see :mod:`.schema` for its tables and
views): ``datasette archive.db``, ``sqlite-utils tables archive.db`` or DuckDB's
``sqlite_scan`` open it as it is. The full-text index ``cables_fts`` is an
external-content FTS5 table over ``cables.subject`` and ``cables.body``, so the
text is stored once.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from cablegram.archive import bm25
from cablegram.archive.base import SQLBackend
from cablegram.archive.schema import SQLITE
from cablegram.errors import ArchiveError


class SQLiteBackend(SQLBackend):
    """An archive in one SQLite file."""

    placeholder = "?"
    dialect = "sqlite"

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.url = f"sqlite:///{self.path}"
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise ArchiveError(f"no archive at {self.path}")
        # A read-only archive gives each thread a connection of its own, so that a
        # server's threads read at once (SQLite releases the GIL while it works); the
        # file is mapped into memory once for all of them.
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._shared = None if readonly else self._connect()

    @property
    def db(self) -> sqlite3.Connection:
        """The connection for this thread."""
        if self._shared is not None:
            return self._shared
        connection: sqlite3.Connection | None = getattr(self._local, "db", None)
        if connection is None:
            connection = self._local.db = self._connect()
        return connection

    def _connect(self) -> sqlite3.Connection:
        try:
            if self.readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as error:
            raise ArchiveError(f"cannot open {self.path}: {error}") from error
        db.isolation_level = None  # explicit transactions only
        for pragma in (
            # small pages pack a corpus of short texts tighter (set before any table exists)
            "PRAGMA page_size = 2048" if not self.readonly else "PRAGMA query_only = 1",
            "PRAGMA journal_mode = WAL" if not self.readonly else "PRAGMA query_only = 1",
            "PRAGMA synchronous = NORMAL",
            # a reader's cache is its own: keep it small, the mapped file is shared
            "PRAGMA cache_size = -8192" if self.readonly else "PRAGMA cache_size = -262144",
            "PRAGMA mmap_size = 1073741824",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA foreign_keys = OFF",
        ):
            db.execute(pragma)
        with self._connections_lock:
            self._connections.append(db)
        return db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.db.execute(sql, params)
        except sqlite3.Error as error:
            raise ArchiveError(f"{self.path}: {error}") from error

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.db.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def migrations(self) -> list[str]:
        return SQLITE

    def run_script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.db.execute(statement)

    def table_exists(self, name: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def insert_cable(self, values: Sequence[Any]) -> int:
        marks = ", ".join("?" * len(values))
        cursor = self.db.execute(
            "INSERT INTO cables (reference_id, created, year, month, origin_token, origin, "
            "country, classification, class_rank, noforn, precedence, subject, sender, signers, "
            f"classified_by, header, body, rendering, digest, version, record) VALUES ({marks})",
            values,
        )
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def index_text(self, cable_id: int, subject: str, body: str) -> None:
        self.defer(
            "INSERT INTO cables_fts (rowid, subject, body) VALUES (?, ?, ?)",
            [(cable_id, subject, body)],
        )

    def unindex_text(self, cable_id: int, subject: str, body: str) -> None:
        self.db.execute(
            "INSERT INTO cables_fts (cables_fts, rowid, subject, body) VALUES ('delete', ?, ?, ?)",
            (cable_id, subject, body),
        )

    def optimize(self) -> None:
        """Merge the full-text index's segments and refresh the planner's statistics."""
        self.db.execute("INSERT INTO cables_fts (cables_fts) VALUES ('optimize')")
        self.db.execute("PRAGMA optimize")
        self.db.execute("ANALYZE")

    def close(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                connection.close()
            self._connections.clear()
        self._local = threading.local()

    # -- full text (FTS5) ----------------------------------------------------

    def text_ids(self, node: Any) -> npt.NDArray[np.int64]:
        return self.id_array(
            "SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?", (fts_expression(node),)
        )

    def ranked_ids(
        self, words: Sequence[Any], *, subject_only: bool = False
    ) -> Iterator[tuple[int, float]]:
        cursor = self.execute(
            "SELECT rowid, bm25(cables_fts, 10.0, 1.0) AS score FROM cables_fts "
            "WHERE cables_fts MATCH ? ORDER BY score, rowid",
            (_ranking_expression(words, subject_only),),
        )
        for rowid, score in cursor:
            yield rowid, -float(score)

    def top_ranked(
        self, words: Sequence[Any], *, subject_only: bool = False, limit: int = 2000
    ) -> list[tuple[int, float]]:
        # one row holding "id:score" pairs: a row per cable costs more than the ranking
        row = self.execute(
            "SELECT group_concat(rowid || ':' || score) FROM (SELECT rowid, "
            "bm25(cables_fts, 10.0, 1.0) AS score FROM cables_fts WHERE cables_fts MATCH ? "
            "ORDER BY score, rowid LIMIT ?)",
            (_ranking_expression(words, subject_only), limit),
        ).fetchone()
        if not row or not row[0]:
            return []
        pairs = [item.split(":") for item in str(row[0]).split(",")]
        found = [(int(cable_id), -float(score)) for cable_id, score in pairs]
        found.sort(key=lambda pair: (-pair[1], pair[0]))  # the order group_concat keeps, made sure
        return found

    def scored(
        self, words: Sequence[Any], ids: Sequence[int], hits: Sequence[int]
    ) -> list[tuple[int, float]]:
        # FTS5 would walk every cable that matches; score these few here, as it would.
        statistics = self.bm25_statistics()
        scorer = bm25.Scorer(words, hits, statistics)
        found: list[tuple[int, float]] = []
        for start in range(0, len(ids), 500):
            chunk = [int(i) for i in ids[start : start + 500]]
            marks = ", ".join("?" * len(chunk))
            sizes = {
                int(r[0]): bm25.varints(r[1])
                for r in self.execute(
                    f"SELECT id, sz FROM cables_fts_docsize WHERE id IN ({marks})", chunk
                )
            }
            for cable_id, subject, body in self.execute(
                f"SELECT id, subject, body FROM cables WHERE id IN ({marks})", chunk
            ):
                value = scorer(subject or "", body or "", sizes.get(cable_id, (0, 0)))
                if value:
                    found.append((int(cable_id), value))
        return found

    def bm25_statistics(self) -> bm25.Statistics:
        """Rows and tokens of the full-text index, from FTS5's averages record."""
        row = self.execute("SELECT block FROM cables_fts_data WHERE id = 1").fetchone()
        values = bm25.varints(row[0]) if row and row[0] else [0]
        return bm25.Statistics(rows=values[0], tokens=sum(values[1:]))


def fts_expression(node: Any) -> str:
    """A word or phrase node as an FTS5 query: ``"word"``, ``"word" *``, ``"two words"``,
    restricted to the subject column for ``subject:``. Words are runs of letters and
    digits (the query parser guarantees it), so quoting them is all the escaping needed."""
    words = node.words if hasattr(node, "words") else (node.text,)
    expression = '"' + " ".join(words) + '"' + (" *" if node.prefix else "")
    if node.field == "subject":
        expression = f"subject : {expression}"
    return expression


def _statements(script: str) -> list[str]:
    """Split a migration into statements (the schema has no ';' inside literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _ranking_expression(words: Sequence[Any], subject_only: bool) -> str:
    """The FTS5 expression a ranking tier matches: any of the words, in the subject alone
    for the first tier."""
    expression = " OR ".join(fts_expression(w) for w in words)
    return f"subject : ({expression})" if subject_only else expression
