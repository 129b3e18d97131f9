"""SQLite and PostgreSQL return the same result sets for the benchmark's query suite."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cablegram import synth
from cablegram.archive import Archive
from tests.archive_support import archive_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from archive_queries import QUERIES


def test_both_backends_find_the_same_cables_for_every_suite_query(tmp_path: Path) -> None:
    folder = tmp_path / "synth"
    synth.write(folder, 400, seed=11, fmt="csv")
    sqlite_url = next(archive_url("sqlite", tmp_path))
    postgres = archive_url("postgres", tmp_path)
    postgres_url = next(postgres)
    try:
        with Archive.open(sqlite_url) as lite, Archive.open(postgres_url) as server:
            lite.ingest([folder], workers=1)
            server.ingest([folder], workers=1)
            assert len(lite) == len(server) == 400
            matched = 0
            for query in QUERIES:
                expected = set(lite.engine.ids(query))
                assert set(server.engine.ids(query)) == expected, query
                matched += bool(expected)
            assert matched > len(QUERIES) // 2  # the suite is not vacuous at this size
            for query in ("parliament", '"prime minister"', "tag:PREL class>=confidential"):
                assert lite.count(query) == server.count(query)
    finally:
        postgres.close()


@pytest.mark.parametrize("query", QUERIES)
def test_every_suite_query_parses(query: str) -> None:
    from cablegram.archive.query import parse_query

    parse_query(query)
