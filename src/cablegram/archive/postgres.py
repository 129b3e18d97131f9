"""The server backend: PostgreSQL, for archives that many people use at once.

Same tables as the SQLite file (see :mod:`.schema`); full-text search uses
PostgreSQL's own machinery: a generated ``tsvector`` column (subject weighted
above body, the ``simple`` configuration so that words match as SQLite's
``unicode61`` tokenizer matches them) under a GIN index, queried with
``tsquery``. Connect with ``--db postgresql://user@host/dbname`` or
``$CABLEGRAM_DB``.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from cablegram.archive.base import SQLBackend
from cablegram.archive.schema import POSTGRES
from cablegram.errors import ArchiveError


class PostgresBackend(SQLBackend):
    """An archive in a PostgreSQL database."""

    placeholder = "%s"
    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as error:  # pragma: no cover - psycopg is a dependency
            raise ArchiveError("PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from error
        self.url = _redact(url)
        try:
            self.db = psycopg.connect(url, autocommit=True)
        except psycopg.Error as error:
            raise ArchiveError(f"cannot connect to {self.url}: {error}") from error
        self._psycopg = psycopg
        self._in_transaction = False

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            return self.db.execute(sql.replace("?", "%s") if "?" in sql else sql, params)
        except self._psycopg.Error as error:
            raise ArchiveError(f"{self.url}: {error}") from error

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.db.cursor() as cursor:
            cursor.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.db.transaction():
            yield

    def migrations(self) -> list[str]:
        return POSTGRES

    def run_script(self, sql: str) -> None:
        self.db.execute(sql)

    def table_exists(self, name: str) -> bool:
        row = self.db.execute("SELECT to_regclass(%s) IS NOT NULL", (name,)).fetchone()
        return bool(row and row[0])

    def insert_cable(self, values: Sequence[Any]) -> int:
        marks = ", ".join(["%s"] * len(values))
        row = self.db.execute(
            "INSERT INTO cables (reference_id, created, year, month, origin_token, origin, "
            "country, classification, class_rank, noforn, precedence, subject, sender, signers, "
            f"classified_by, header, body, rendering, digest, version, record) VALUES ({marks}) "
            "RETURNING id",
            values,
        ).fetchone()
        if row is None:  # pragma: no cover - RETURNING always gives the row
            raise ArchiveError("INSERT returned no id")
        return int(row[0])

    def optimize(self) -> None:
        self.db.execute("ANALYZE")

    def close(self) -> None:
        self.db.close()

    # -- full text (tsvector / tsquery) --------------------------------------

    def text_ids(self, node: Any) -> npt.NDArray[np.int64]:
        return self.id_array(
            "SELECT id FROM cables WHERE search @@ to_tsquery('simple', %s)", (tsquery(node),)
        )

    def ranked_ids(
        self, words: Sequence[Any], *, subject_only: bool = False
    ) -> Iterator[tuple[int, float]]:
        if subject_only:
            words = [dataclasses.replace(w, field="subject") for w in words]
        query = " | ".join(f"({tsquery(w)})" for w in words)
        with self.db.cursor() as cursor:
            cursor.execute(
                "SELECT id, ts_rank(search, q) AS score FROM cables, to_tsquery('simple', %s) q "
                "WHERE search @@ q ORDER BY score DESC, id",
                (query,),
            )
            for cable_id, score in cursor:
                yield int(cable_id), float(score)

    def scored(
        self, words: Sequence[Any], ids: Sequence[int], hits: Sequence[int]
    ) -> list[tuple[int, float]]:
        query = " | ".join(f"({tsquery(w)})" for w in words)
        rows = self.db.execute(
            "SELECT id, ts_rank(search, q) FROM cables, to_tsquery('simple', %s) q "
            "WHERE id = ANY(%s) AND search @@ q",
            (query, [int(i) for i in ids]),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]


def tsquery(node: Any) -> str:
    """A word or phrase node as a ``tsquery``: ``'word'``, ``'word':*``, ``'a' <-> 'b'``,
    with weight ``A`` (the subject) for ``subject:``. Words are runs of letters and
    digits (the query parser guarantees it), quoted as lexemes."""
    words = list(node.words) if hasattr(node, "words") else [node.text]
    weight = "A" if node.field == "subject" else ""
    lexemes = []
    for i, word in enumerate(words):
        prefix = "*" if node.prefix and i == len(words) - 1 else ""
        suffix = f":{prefix}{weight}" if prefix or weight else ""
        lexemes.append(f"'{word}'{suffix}")
    return " <-> ".join(lexemes)


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    credentials, host = rest.rsplit("@", 1)
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
