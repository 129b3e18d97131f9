"""The embedded backend: one SQLite file, FTS5 for text. No server needed.

The file is an ordinary SQLite database (see :mod:`.schema` for its tables and
views): ``datasette archive.db``, ``sqlite-utils tables archive.db`` or DuckDB's
``sqlite_scan`` open it as it is. The full-text index ``cables_fts`` is an
external-content FTS5 table over ``cables.subject`` and ``cables.body``, so the
text is stored once.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from cablegram.archive.base import SQLBackend
from cablegram.archive.schema import SQLITE
from cablegram.archive.search_marks import MARK_END, MARK_START
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
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as error:
            raise ArchiveError(f"cannot open {self.path}: {error}") from error
        self.db.isolation_level = None  # explicit transactions only
        for pragma in (
            # small pages pack a corpus of short texts tighter (set before any table exists)
            "PRAGMA page_size = 2048" if not readonly else "PRAGMA query_only = 1",
            "PRAGMA journal_mode = WAL" if not readonly else "PRAGMA query_only = 1",
            "PRAGMA synchronous = NORMAL",
            "PRAGMA cache_size = -262144",
            "PRAGMA mmap_size = 1073741824",
            "PRAGMA temp_store = MEMORY",
            "PRAGMA foreign_keys = OFF",
        ):
            self.db.execute(pragma)

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
        self.db.execute(
            "INSERT INTO cables_fts (rowid, subject, body) VALUES (?, ?, ?)",
            (cable_id, subject, body),
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
        self.db.close()

    # -- full text (FTS5) ----------------------------------------------------

    def text_ids(self, node: Any, within: Sequence[int] | None = None) -> list[int]:
        if within is None:
            rows = self.execute(
                "SELECT rowid FROM cables_fts WHERE cables_fts MATCH ?", (fts_expression(node),)
            ).fetchall()
        else:
            rows = self.execute(
                "SELECT rowid FROM cables_fts WHERE cables_fts MATCH ? "
                "AND rowid IN (SELECT value FROM json_each(?))",
                (fts_expression(node), json.dumps(list(within))),
            ).fetchall()
        return [r[0] for r in rows]

    def ranked_ids(self, words: Sequence[Any]) -> Iterator[tuple[int, float]]:
        expression = " OR ".join(fts_expression(w) for w in words)
        cursor = self.execute(
            "SELECT rowid, bm25(cables_fts, 10.0, 1.0) AS score FROM cables_fts "
            "WHERE cables_fts MATCH ? ORDER BY score, rowid",
            (expression,),
        )
        for rowid, score in cursor:
            yield rowid, -float(score)

    def snippets(self, ids: Sequence[int], words: Sequence[Any]) -> dict[int, str]:
        expression = " OR ".join(fts_expression(w) for w in words)
        marks = ", ".join("?" * len(ids))
        rows = self.execute(
            f"SELECT rowid, snippet(cables_fts, -1, '{MARK_START}', '{MARK_END}', ' … ', 24) "
            f"FROM cables_fts WHERE cables_fts MATCH ? AND rowid IN ({marks})",
            (expression, *ids),
        ).fetchall()
        return {int(r[0]): " ".join(str(r[1]).split()) for r in rows}


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
