"""Test support: archives on both backends.

SQLite runs everywhere. PostgreSQL runs when ``CABLEGRAM_TEST_POSTGRES`` names a
server (``.ci/run`` starts one from Debian's packages and sets it); each test
gets a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.archive import Archive

POSTGRES_URL = os.environ.get("CABLEGRAM_TEST_POSTGRES")
BACKENDS = ["sqlite", "postgres"]


def archive_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty archive URL on ``backend``; cleaned up after the test."""
    if backend == "sqlite":
        yield str(tmp_path / "archive.db")
        return
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL not available: set CABLEGRAM_TEST_POSTGRES (.ci/run does)")
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as db:
            db.execute(f"DROP SCHEMA {schema} CASCADE")


def open_archive(url: str) -> Archive:
    return Archive.open(url)
