"""What the two backends share: storing cables with their versions, and reading them back.

:class:`SQLBackend` holds the logic; :mod:`.sqlite` and :mod:`.postgres` supply
a connection and the few statements where the dialects differ (placeholders,
the full-text index, returning new ids). Writes happen in batches, one
transaction each, so an interrupted ingest leaves the archive consistent: every
batch is either wholly in or wholly out, and the next run picks up where the
last committed batch ended (cables already in are recognised by their text's
hash and left unchanged).
"""

from __future__ import annotations

import datetime as dt
import itertools
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from cablegram.archive.records import (
    RecordCodec,
    Rows,
    train_dictionary,
    unpack_record,
)
from cablegram.archive.schema import CHILD_TABLES
from cablegram.errors import ArchiveError
from cablegram.model import Cable


@dataclass(frozen=True, slots=True)
class Version:
    """One version of a cable: where and when it came from."""

    version: int
    digest: str
    source: str | None
    ingested_at: str
    rendering: str | None
    current: bool


@dataclass(frozen=True, slots=True)
class StoredCable:
    """A cable as the archive holds it: the record of one version, and all its versions."""

    id: int
    reference_id: str
    version: int
    cable: Cable
    versions: tuple[Version, ...]


@dataclass(slots=True)
class Incoming:
    """A parsed cable on its way in, with where it came from."""

    rows: Rows
    source: str | None


@dataclass(slots=True)
class WriteResult:
    """What one batch did."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


_CABLE_COLUMNS = (
    "reference_id",
    "created",
    "year",
    "month",
    "origin_token",
    "origin",
    "country",
    "classification",
    "class_rank",
    "noforn",
    "precedence",
    "subject",
    "sender",
    "signers",
    "classified_by",
    "header",
    "body",
    "rendering",
    "digest",
)


# field -> (SQL giving matching cable ids, how the value is shaped into each parameter)
_FILTER_SQL: dict[str, tuple[str, str]] = {
    "caveat": ("SELECT cable_id FROM caveats WHERE caveat = ?", "{value}"),
    "signer": ("SELECT cable_id FROM signers WHERE upper(signer) = ?", "{value}"),
    "classifiedby": (
        "SELECT cable_id FROM classifiers WHERE ' ' || upper(name) || ' ' LIKE ?",
        "% {value} %",
    ),
    "recipient": (
        "SELECT cable_id FROM addressees WHERE post = ? UNION "
        "SELECT cable_id FROM addressees WHERE post IS NULL AND name = ?",
        "{value}",
    ),
    "precedence": ("SELECT id FROM cables WHERE precedence = ?", "{value}"),
    "cites": ("SELECT cable_id FROM cable_references WHERE target = ?", "{value}"),
    "citedby": (
        "SELECT x.id FROM cables x WHERE x.reference_id IN (SELECT r.target "
        "FROM cable_references r JOIN cables c ON c.id = r.cable_id WHERE c.reference_id = ?)",
        "{value}",
    ),
    "id": ("SELECT id FROM cables WHERE reference_id = ?", "{value}"),
    "origin": ("SELECT id FROM cables WHERE origin_token = ?", "{value}"),
    "country": ("SELECT id FROM cables WHERE country = ?", "{value}"),
    "tag": ("SELECT cable_id FROM tags WHERE tag = ?", "{value}"),
}


class SQLBackend(ABC):
    """A database that holds an archive. Subclasses give the dialect."""

    url: str
    placeholder = "?"
    dialect = "sqlite"
    _deferred: dict[str, list[Sequence[Any]]]  # statements waiting for flush_deferred

    # -- dialect hooks -------------------------------------------------------

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; return a cursor."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""

    @abstractmethod
    def transaction(self) -> Any:
        """A context manager: commit on success, roll back on error."""

    @abstractmethod
    def migrations(self) -> list[str]:
        """The schema migrations of this dialect, oldest first."""

    @abstractmethod
    def run_script(self, sql: str) -> None:
        """Run several statements (a migration)."""

    @abstractmethod
    def table_exists(self, name: str) -> bool:
        """Whether the database has this table."""

    @abstractmethod
    def insert_cable(self, values: Sequence[Any]) -> int:
        """Insert a ``cables`` row (columns :data:`_CABLE_COLUMNS` then version and
        record) and return its id."""

    def index_text(self, cable_id: int, subject: str, body: str) -> None:  # noqa: B027
        """Add a cable's text to the full-text index (a no-op where the database does it)."""

    def unindex_text(self, cable_id: int, subject: str, body: str) -> None:  # noqa: B027
        """Remove a cable's old text from the full-text index."""

    def optimize(self) -> None:  # noqa: B027
        """Tidy indexes and statistics after a large write (a no-op where not needed)."""

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    # -- schema --------------------------------------------------------------

    def schema_version(self) -> int:
        if not self.table_exists("archive_meta"):
            return 0
        value = self._meta("schema_version")
        return int(value) if value else 0

    def migrate(self) -> int:
        """Apply the migrations this database lacks; return the version reached."""
        current = self.schema_version()
        steps = self.migrations()
        if current > len(steps):
            raise ArchiveError(
                f"{self.url} has schema version {current}; this cablegram knows only "
                f"{len(steps)}: upgrade cablegram"
            )
        for number in range(current + 1, len(steps) + 1):
            with self.transaction():
                self.run_script(steps[number - 1])
                self._set_meta("schema_version", str(number))
        return len(steps)

    # -- writing -------------------------------------------------------------

    def existing(self, keys: Sequence[str]) -> dict[str, tuple[int, str, int]]:
        """The cables already filed under these keys: key -> (id, digest, version)."""
        found: dict[str, tuple[int, str, int]] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ", ".join([self.placeholder] * len(chunk))
            rows = self.execute(
                f"SELECT reference_id, id, digest, version FROM cables "
                f"WHERE reference_id IN ({marks})",
                chunk,
            ).fetchall()
            for key, cable_id, sha, version in rows:
                found[key] = (int(cable_id), str(sha), int(version))
        return found

    def known_hashes(self, cable_id: int) -> set[str]:
        rows = self.execute(
            f"SELECT digest FROM versions WHERE cable_id = {self.placeholder}", (cable_id,)
        ).fetchall()
        return {str(r[0]) for r in rows}

    def write(self, batch: Sequence[Incoming]) -> WriteResult:
        """Store a batch in one transaction: new cables, new versions, nothing twice."""
        result = WriteResult()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        # the last copy of a key in the batch decides; earlier ones are versions too
        self._deferred = {}  # nothing left over from a failed batch
        with self.transaction():
            self._ensure_dictionary(batch)
            existing = self.existing(list(dict.fromkeys(item.rows.key for item in batch)))
            for item in batch:
                rows = item.rows
                known = existing.get(rows.key)
                if known is None:
                    cable_id = self._add(rows, item.source, now)
                    existing[rows.key] = (cable_id, rows.digest, 1)
                    result.added.append(rows.key)
                    continue
                cable_id, sha, version = known
                if sha == rows.digest or rows.digest in self.known_hashes(cable_id):
                    result.unchanged.append(rows.key)
                    continue
                self._supersede(cable_id, version, rows, item.source, now)
                existing[rows.key] = (cable_id, rows.digest, version + 1)
                result.updated.append(rows.key)
            self.flush_deferred()
            if result.added or result.updated:
                self._set_meta("generation", str(self.generation() + 1))
        return result

    def generation(self) -> int:
        """A number that grows with every write: readers compare it to know their caches
        (the facet index) are stale."""
        value = self._meta("generation")
        return int(value) if value else 0

    def fingerprint(self) -> tuple[object, ...]:
        return (self.generation(),)

    def _meta(self, key: str) -> str | None:
        row = self.execute(
            f"SELECT value FROM archive_meta WHERE key = {self.placeholder}", (key,)
        ).fetchone()
        return str(row[0]) if row else None

    def _set_meta(self, key: str, value: str) -> None:
        p = self.placeholder
        self.execute(f"DELETE FROM archive_meta WHERE key = {p}", (key,))
        self.execute(f"INSERT INTO archive_meta (key, value) VALUES ({p}, {p})", (key, value))

    # -- records ---------------------------------------------------------------

    def codec(self) -> RecordCodec:
        """How this archive compresses its records (no dictionary until the first write)."""
        cached: RecordCodec | None = getattr(self, "_codec", None)
        if cached is None:
            stored = self._meta("record_dictionary") if self.table_exists("archive_meta") else None
            name = (self._meta("record_codec") or "zlib") if stored else "zstd"
            cached = RecordCodec(name, bytes.fromhex(stored) if stored else b"")
            if stored:
                self._codec = cached
        return cached

    def _ensure_dictionary(self, batch: Sequence[Incoming]) -> RecordCodec:
        codec = self.codec()
        if not codec.dictionary and batch:
            plain = [item.rows.record for item in batch if not item.rows.packed]
            codec = RecordCodec("zstd", train_dictionary(plain[:400]))
            self._set_meta("record_codec", codec.name)
            self._set_meta("record_dictionary", codec.dictionary.hex())
            self._codec = codec
        return codec

    def unpack(self, blob: bytes, header: str, body: str) -> Cable:
        """A stored record, whole again."""
        return unpack_record(blob, header, body, self.codec())

    def _add(self, rows: Rows, source: str | None, now: str) -> int:
        values = [rows.columns[c] for c in _CABLE_COLUMNS] + [1, self._packed(rows)]
        cable_id = self.insert_cable(values)
        self._insert_children(cable_id, rows)
        self._insert_version(cable_id, 1, rows, source, now)
        self.index_text(cable_id, str(rows.columns["subject"]), str(rows.columns["body"]))
        return cable_id

    def _insert_version(
        self, cable_id: int, version: int, rows: Rows, source: str | None, now: str
    ) -> None:
        p = self.placeholder
        self.defer(
            f"INSERT INTO versions (cable_id, version, digest, source, ingested_at, rendering) "
            f"VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
            [(cable_id, version, rows.digest, source, now, rows.columns["rendering"])],
        )

    def _supersede(
        self, cable_id: int, version: int, rows: Rows, source: str | None, now: str
    ) -> None:
        """A new text for a known cable: the old one moves to ``versions``, the new one
        becomes current. Nothing is overwritten."""
        p = self.placeholder
        self.flush_deferred()  # an earlier copy in this batch must be in place first
        old = self.execute(
            f"SELECT subject, header, body, record FROM cables WHERE id = {p}", (cable_id,)
        ).fetchone()
        self.execute(
            f"UPDATE versions SET header = {p}, body = {p}, record = {p} "
            f"WHERE cable_id = {p} AND version = {p}",
            (old[1], old[2], old[3], cable_id, version),
        )
        self.unindex_text(cable_id, old[0], old[2])
        assignments = ", ".join(f"{c} = {p}" for c in _CABLE_COLUMNS[1:])
        values = [rows.columns[c] for c in _CABLE_COLUMNS[1:]]
        self.execute(
            f"UPDATE cables SET {assignments}, version = {p}, record = {p} WHERE id = {p}",
            (*values, version + 1, self._packed(rows), cable_id),
        )
        for table in CHILD_TABLES:
            self.execute(f"DELETE FROM {table} WHERE cable_id = {p}", (cable_id,))
        self._insert_children(cable_id, rows)
        self._insert_version(cable_id, version + 1, rows, source, now)
        self.index_text(cable_id, str(rows.columns["subject"]), str(rows.columns["body"]))

    def _packed(self, rows: Rows) -> bytes:
        return rows.record if rows.packed else self.codec().pack(rows.record)

    def _insert_children(self, cable_id: int, rows: Rows) -> None:
        p = self.placeholder
        if rows.tags:
            self.defer(
                f"INSERT INTO tags (cable_id, position, tag) VALUES ({p}, {p}, {p})",
                [(cable_id, i, t) for i, t in rows.tags],
            )
        if rows.caveats:
            self.defer(
                f"INSERT INTO caveats (cable_id, caveat) VALUES ({p}, {p})",
                [(cable_id, c) for c in rows.caveats],
            )
        if rows.addressees:
            self.defer(
                "INSERT INTO addressees (cable_id, role, position, route, name, post, "
                f"precedence) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p})",
                [(cable_id, *a) for a in rows.addressees],
            )
        if rows.references:
            self.defer(
                "INSERT INTO cable_references (cable_id, position, bullet, text, kind, target) "
                f"VALUES ({p}, {p}, {p}, {p}, {p}, {p})",
                [(cable_id, *r) for r in rows.references],
            )
        if rows.signers:
            self.defer(
                f"INSERT INTO signers (cable_id, signer) VALUES ({p}, {p})",
                [(cable_id, s) for s in rows.signers],
            )
        if rows.classifiers:
            self.defer(
                "INSERT INTO classifiers (cable_id, position, name, title) "
                f"VALUES ({p}, {p}, {p}, {p})",
                [(cable_id, *c) for c in rows.classifiers],
            )

    def defer(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Queue rows for ``sql``; :meth:`flush_deferred` runs each statement once for
        all its rows (one ``executemany`` a table a batch, not one a cable)."""
        self._deferred.setdefault(sql, []).extend(rows)

    def flush_deferred(self) -> None:
        for sql, rows in self._deferred.items():
            self.executemany(sql, rows)
        self._deferred.clear()

    # -- reading -------------------------------------------------------------

    def get(self, reference_id: str, version: int | None = None) -> StoredCable | None:
        """One cable by reference id: the current version, or the one asked for."""
        p = self.placeholder
        row = self.execute(
            "SELECT id, reference_id, version, record, header, body FROM cables "
            f"WHERE reference_id = {p}",
            (reference_id,),
        ).fetchone()
        if row is None:
            return None
        cable_id, key, current, record, header, body = row
        versions = self.versions(int(cable_id), int(current))
        if version is None or version == current:
            cable = self.unpack(record, header, body)
            return StoredCable(int(cable_id), key, int(current), cable, versions)
        old = self.execute(
            f"SELECT record, header, body FROM versions WHERE cable_id = {p} AND version = {p}",
            (cable_id, version),
        ).fetchone()
        if old is None or old[0] is None:
            return None
        return StoredCable(int(cable_id), key, version, self.unpack(*old), versions)

    def versions(self, cable_id: int, current: int) -> tuple[Version, ...]:
        rows = self.execute(
            "SELECT version, digest, source, ingested_at, rendering FROM versions "
            f"WHERE cable_id = {self.placeholder} ORDER BY version",
            (cable_id,),
        ).fetchall()
        return tuple(
            Version(int(v), str(sha), src, str(at), rend, int(v) == current)
            for v, sha, src, at, rend in rows
        )

    def records(self, ids: Sequence[int] | None = None) -> Iterator[Cable]:
        """Current records, in id order (all of them, or these ids)."""
        if ids is None:
            cursor = self.execute("SELECT record, header, body FROM cables ORDER BY id")
            while batch := cursor.fetchmany(1000):
                for record, header, body in batch:
                    yield self.unpack(record, header, body)
            return
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join([self.placeholder] * len(chunk))
            rows = self.execute(
                f"SELECT id, record, header, body FROM cables WHERE id IN ({marks})", chunk
            ).fetchall()
            by_id = {int(i): (rec, head, body) for i, rec, head, body in rows}
            for cable_id in chunk:
                if cable_id in by_id:
                    yield self.unpack(*by_id[cable_id])

    def count(self) -> int:
        return int(self.execute("SELECT count(*) FROM cables").fetchone()[0])

    # -- search primitives (see :mod:`cablegram.archive.search`) ---------------

    def rows_by_id(self, ids: Sequence[int], columns: str) -> Iterator[tuple[Any, ...]]:
        """``SELECT columns FROM cables`` for these ids (any order)."""
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            marks = ", ".join([self.placeholder] * len(chunk))
            yield from self.execute(
                f"SELECT {columns} FROM cables WHERE id IN ({marks})", chunk
            ).fetchall()

    def filter_ids(self, field: str, value: str) -> npt.NDArray[np.int64]:
        """Ids of the cables whose ``field`` matches ``value`` (fields kept in tables)."""
        if field not in _FILTER_SQL:
            raise ArchiveError(f"the archive cannot filter on {field!r}")
        sql, shape = _FILTER_SQL[field]
        sql = sql.replace("?", self.placeholder)
        params = [shape.format(value=value)] * sql.count(self.placeholder)
        return self.id_array(sql, params)

    def id_array(self, sql: str, params: Sequence[Any] = ()) -> npt.NDArray[np.int64]:
        """The ids a one-column query returns, as an array. The database joins them into
        one string: fetching a hundred thousand rows one by one costs far more."""
        join = "string_agg(x::text, ',')" if self.dialect == "postgres" else "group_concat(x)"
        row = self.execute(f"WITH t(x) AS ({sql}) SELECT {join} FROM t", params).fetchone()
        if not row or not row[0]:
            return np.zeros(0, dtype=np.int64)
        return np.fromstring(row[0], dtype=np.int64, sep=",")

    @abstractmethod
    def text_ids(self, node: Any) -> npt.NDArray[np.int64]:
        """Ids of the cables whose text matches a word or phrase node, ascending."""

    @abstractmethod
    def ranked_ids(
        self, words: Sequence[Any], *, subject_only: bool = False
    ) -> Iterator[tuple[int, float]]:
        """(id, score) of the cables matching any of these words (in their subject
        alone with ``subject_only``), best first."""

    def top_ranked(
        self, words: Sequence[Any], *, subject_only: bool = False, limit: int = 2000
    ) -> list[tuple[int, float]]:
        """The first ``limit`` of :meth:`ranked_ids`, at once."""
        return list(itertools.islice(self.ranked_ids(words, subject_only=subject_only), limit))

    @abstractmethod
    def scored(
        self, words: Sequence[Any], ids: Sequence[int], hits: Sequence[int]
    ) -> list[tuple[int, float]]:
        """(id, score) of those of ``ids`` that match any of these words, in no order.
        ``hits[i]`` is how many cables of the archive match ``words[i]``."""
