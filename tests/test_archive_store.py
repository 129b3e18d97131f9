"""The archive stores cables whole, keeps every version, and never loses data."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

import cablegram
from cablegram.archive import Archive
from cablegram.archive.records import RecordCodec
from cablegram.errors import ArchiveError
from tests.archive_support import BACKENDS, archive_url
from tests.renderings import load

NAMES = ["secret_noforn_sections", "state_collective", "consulate_sbu", "press_dateline"]


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from archive_url(request.param, tmp_path)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        (folder / f"{name}.txt").write_text(load(name), encoding="utf-8")
    return folder


def test_ingest_stores_every_cable_and_gives_back_its_record(url: str, corpus: Path) -> None:
    with Archive.open(url) as archive:
        report = archive.ingest([corpus], workers=1)
        assert (report.added, report.updated, report.unchanged, report.failed) == (4, 0, 0, 0)
        assert len(archive) == 4
        for name in NAMES:
            parsed = cablegram.parse(load(name))
            assert parsed.reference_id is not None
            stored = archive.get(parsed.reference_id)
            assert stored is not None
            assert stored.cable.to_dict() == {
                **parsed.to_dict(),
                "source_metadata": stored.cable.source_metadata,
            }


def test_ingesting_the_same_files_again_changes_nothing(url: str, corpus: Path) -> None:
    with Archive.open(url) as archive:
        archive.ingest([corpus], workers=2)
        generation = archive.backend.generation()
        again = archive.ingest([corpus], workers=2)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
        assert archive.backend.generation() == generation
        assert len(archive) == 4


def test_a_changed_text_becomes_a_new_version_and_the_old_one_is_kept(
    url: str, corpus: Path, tmp_path: Path
) -> None:
    with Archive.open(url) as archive:
        archive.ingest([corpus], workers=1)
        changed = tmp_path / "changed"
        changed.mkdir()
        text = load("secret_noforn_sections").replace("patience", "PATIENCE")
        (changed / "ankara-corrected.txt").write_text(text, encoding="utf-8")
        report = archive.ingest([changed], workers=1)
        assert report.updated == 1
        stored = archive.get("06ANKARA731")
        assert stored is not None
        assert stored.version == 2
        assert [v.version for v in stored.versions] == [1, 2]
        assert stored.versions[-1].current
        assert "ankara-corrected.txt" in (stored.versions[-1].source or "")
        assert "PATIENCE" in stored.cable.body_text
        first = archive.get("06ANKARA731", version=1)
        assert first is not None
        assert "patience" in first.cable.body_text
        # the old text arriving again is not a third version
        again = archive.ingest([corpus], workers=1)
        assert again.updated == 0
        latest = archive.get("06ANKARA731")
        assert latest is not None
        assert latest.version == 2


def test_a_bad_file_is_reported_and_the_rest_goes_in(url: str, corpus: Path) -> None:
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    with Archive.open(url) as archive:
        report = archive.ingest([corpus], workers=2)
        assert report.added == 4
        [failure] = report.failures
        assert failure.path is not None
        assert failure.path.endswith("broken.txt")


def test_an_interrupted_ingest_leaves_a_consistent_archive_and_resumes(
    url: str, corpus: Path
) -> None:
    def stop_after_first_batch(cables: int, size: int) -> None:
        raise KeyboardInterrupt

    with Archive.open(url) as archive:
        with pytest.raises(KeyboardInterrupt):
            archive.ingest([corpus], workers=1, batch_size=2, progress=stop_after_first_batch)
        assert len(archive) == 2  # the first batch committed, nothing half-written
        report = archive.ingest([corpus], workers=1)
        assert (report.added, report.unchanged) == (2, 2)
        assert len(archive) == 4


def test_get_accepts_an_id_as_people_write_it(url: str, corpus: Path) -> None:
    with Archive.open(url) as archive:
        archive.ingest([corpus], workers=1)
        assert archive.cable("06 ANKARA 731") is not None
        assert "06ANKARA731" in archive
        assert archive.get("99NOWHERE1") is None


def test_the_sqlite_file_is_plain_tables_and_views(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with Archive.open(path) as archive:
        archive.ingest([corpus], workers=1)
    db = sqlite3.connect(path)
    rows = db.execute("SELECT reference_id, classification FROM cable_list ORDER BY 1").fetchall()
    assert ("06ANKARA731", "SECRET//NOFORN") in rows
    cited = db.execute("SELECT cited FROM citations WHERE citing = '06ANKARA731'").fetchall()
    assert ("06STATE88211",) in cited
    tags = db.execute(
        "SELECT tag FROM tags JOIN cables ON cables.id = tags.cable_id "
        "WHERE reference_id = '06ANKARA731' ORDER BY position"
    ).fetchall()
    assert [t for (t,) in tags] == ["PREL", "PTER", "MARR", "TU", "IZ"]


def test_an_archive_from_a_newer_cablegram_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    Archive.open(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE archive_meta SET value = '999' WHERE key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(ArchiveError, match="schema version 999"):
        Archive.open(path)


def test_opening_read_only_a_file_that_is_no_archive_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="no archive"):
        Archive.open(tmp_path / "missing.db", readonly=True)


def test_records_are_zstandard_and_archives_of_zlib_records_still_read(
    corpus: Path, tmp_path: Path
) -> None:
    path = tmp_path / "archive.db"
    with Archive.open(path) as archive:
        archive.ingest([corpus], workers=1)
        assert archive.backend.codec().name == "zstd"
        before = {name: archive.cable(cablegram.parse(load(name)).reference_id) for name in NAMES}
    # rewrite the file as cablegram wrote it before Zstandard: zlib, a preset dictionary
    db = sqlite3.connect(path)
    plain = RecordCodec("zstd", bytes.fromhex(_meta(db, "record_dictionary")))
    old = RecordCodec("zlib", b'"classification":"SECRET//NOFORN","tags":["PREL"]')
    for cable_id, blob in db.execute("SELECT id, record FROM cables").fetchall():
        db.execute(
            "UPDATE cables SET record = ? WHERE id = ?", (old.pack(plain.unpack(blob)), cable_id)
        )
    db.execute("DELETE FROM archive_meta WHERE key = 'record_codec'")
    db.execute(
        "UPDATE archive_meta SET value = ? WHERE key = 'record_dictionary'", (old.dictionary.hex(),)
    )
    db.commit()
    db.close()
    with Archive.open(path) as archive:
        assert archive.backend.codec() == old
        for name, cable in before.items():
            assert cable is not None
            assert archive.cable(cable.reference_id) == cable, name


def _meta(db: sqlite3.Connection, key: str) -> str:
    row = db.execute("SELECT value FROM archive_meta WHERE key = ?", (key,)).fetchone()
    return str(row[0])


def test_a_search_repeated_after_an_ingest_sees_the_new_cables(
    corpus: Path, tmp_path: Path
) -> None:
    with Archive.open(tmp_path / "archive.db") as archive:
        archive.ingest([corpus / f"{NAMES[0]}.txt"], workers=1)
        words = "turkish OR consulate OR announced"
        before = archive.search(words, limit=50).total
        archive.ingest([corpus], workers=1)
        after = archive.search(words, limit=50).total
        fresh = Archive.open(tmp_path / "archive.db", readonly=True)
        try:
            assert after == fresh.search(words, limit=50).total > before
        finally:
            fresh.close()
