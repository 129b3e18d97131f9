"""Exports: JSON Lines and Parquet give the same archive back; CSV flattens; queries select."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

import cablegram
from cablegram import synth
from cablegram.archive import Archive
from cablegram.errors import ArchiveError, ReadError
from cablegram.export import (
    CSV_COLUMNS,
    PARQUET_SCHEMA_KEY,
    csv_header,
    export,
    parquet_schema,
)
from cablegram.model import SCHEMA_VERSION, Cable
from tests.archive_support import BACKENDS, archive_url
from tests.citing_cables import write as write_citing
from tests.renderings import METADATA, fixture_names, load, to_html

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

AS_HTML = ("consulate_sbu", "secret_noforn_sections")


def _inputs(folder: Path) -> Path:
    """Fixture cables (two as WikiLeaks pages, with source metadata), the citing
    cables, and a few synthetic ones."""
    folder.mkdir(parents=True)
    for name in fixture_names():
        if name in AS_HTML:
            page = to_html(load(name), METADATA[name])
            (folder / f"{name}.html").write_text(page, encoding="utf-8")
        else:
            (folder / f"{name}.txt").write_text(load(name), encoding="utf-8")
    write_citing(folder / "citing")
    synth.write(folder / "synth", 24, seed=3, fmt="txt")
    return folder


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _inputs(tmp_path_factory.mktemp("export") / "in")


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def archive(
    backend: str, inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    for url in archive_url(backend, tmp_path_factory.mktemp("source")):
        with Archive.open(url) as opened:
            opened.ingest([inputs], workers=1)
            yield opened


def records(archive: Archive) -> dict[str, dict[str, object]]:
    return {c.reference_id or "": c.to_dict() for c in archive.backend.records()}


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_then_ingest_gives_the_same_archive(
    archive: Archive, backend: str, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / f"all.{fmt}"
    report = export(archive, "", fmt, path)  # type: ignore[arg-type]
    assert report.cables == len(archive)
    for url in archive_url(backend, tmp_path):
        with Archive.open(url) as copy:
            ingested = copy.ingest([path], workers=1)
            assert ingested.failed == 0
            assert records(copy) == records(archive)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_read_gives_back_every_exported_record(archive: Archive, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"all.{fmt}"
    export(archive, "", fmt, path)  # type: ignore[arg-type]
    errors: list[ReadError] = []
    back = list(cablegram.read(path, on_error=errors.append))
    assert errors == []
    original = {c.reference_id: c for c in archive.backend.records()}
    assert {c.reference_id: c for c in back} == original
    assert any(c.source_metadata for c in back)  # the HTML pages' metadata survived


def test_jsonl_is_one_record_per_line_oldest_first(archive: Archive) -> None:
    out = io.BytesIO()
    export(archive, "origin:ANKARA date:2008", "jsonl", out)
    lines = out.getvalue().decode().splitlines()
    cables = [Cable.from_json(line) for line in lines]
    ids = [c.reference_id for c in cables]
    assert ids[:3] == ["08ANKARA100", "08ANKARA150", "08ANKARA200"]
    assert all(c.origin_token == "ANKARA" for c in cables)
    assert json.loads(lines[0])["schema"] == SCHEMA_VERSION


def test_query_selects_what_is_exported(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "secret.parquet"
    report = export(archive, "class>=secret", "parquet", path)
    table = pq.read_table(path, columns=["reference_id", "classification"])
    assert table.num_rows == report.cables == archive.count("class>=secret")
    assert all("SECRET" in value for value in table.column("classification").to_pylist())


def test_parquet_keeps_nested_types(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "nested.parquet"
    export(archive, "id:08ANKARA200", "parquet", path)
    schema = pq.read_schema(path)
    assert pa.types.is_list(schema.field("recipients").type)
    assert pa.types.is_struct(schema.field("recipients").type.value_type)
    assert pa.types.is_struct(schema.field("paragraphs").type.value_type)
    assert pa.types.is_map(schema.field("source_metadata").type)
    assert schema.field("created").type == pa.timestamp("us", tz="UTC")
    assert schema.metadata[PARQUET_SCHEMA_KEY] == str(SCHEMA_VERSION).encode()
    row = pq.read_table(path).to_pylist()[0]
    assert [r["reference_id"] for r in row["references"]] == [
        "08ATHENS300",
        "07STATE999",
        "06MOSCOW55",
    ]
    assert row["paragraphs"][0]["number"] == 1


def test_parquet_schema_has_a_column_per_model_field() -> None:
    assert parquet_schema().names == list(Cable.__struct_fields__)


def test_parquet_is_written_in_record_batches(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "batches.parquet"
    written: list[int] = []
    report = export(archive, "", "parquet", path, batch_size=7, progress=written.append)
    groups = pq.ParquetFile(path).metadata.num_row_groups
    assert groups == -(-report.cables // 7)
    assert written[-1] == report.cables
    assert written == sorted(written)


def test_csv_has_one_documented_column_per_field(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "all.csv"
    report = export(archive, "", "csv", path)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == report.cables == len(archive)
    assert list(rows[0]) == csv_header()
    assert all(meaning for _, meaning, _ in CSV_COLUMNS)
    row = next(r for r in rows if r["reference_id"] == "08ANKARA200")
    assert row["references"] == "08ATHENS300|07STATE999|06MOSCOW55"
    assert row["reference_texts"].startswith("A. ATHENS 300; B. ")
    assert row["tags"] == "EWWT|PREL|TU"
    assert row["created"] == "2008-02-10T09:00:00Z"
    assert row["mentions"] == "08STATE2000|08ATHENS300"
    assert row["classified_by"] == "Dana R. Whitcombe, Political Counselor"
    assert row["reasons"] == "1.4(b)|1.4(d)"


def test_csv_body_text_survives_quoting(archive: Archive) -> None:
    out = io.BytesIO()
    export(archive, "id:08ANKARA150", "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue().decode(), newline="")))
    assert row["body_text"] == archive.cable("08ANKARA150").body_text  # type: ignore[union-attr]


def test_interrupted_export_leaves_no_file(archive: Archive, tmp_path: Path) -> None:
    written: list[int] = []

    def interrupt(count: int) -> None:
        written.append(count)
        raise KeyboardInterrupt  # Ctrl-C after the first batch reached the file

    target = tmp_path / "out.parquet"
    with pytest.raises(KeyboardInterrupt):
        export(archive, "", "parquet", target, batch_size=5, progress=interrupt)
    assert written == [5]
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_raises(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="unknown export format"):
        export(archive, "", "xlsx", tmp_path / "x.xlsx")  # type: ignore[arg-type]


def test_reading_a_file_that_is_not_parquet_reports_and_goes_on(tmp_path: Path) -> None:
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not really parquet")
    (tmp_path / "z.jsonl").write_text(Cable(reference_id="08ROME1").to_json() + "\n")
    errors: list[ReadError] = []
    cables = list(cablegram.read(tmp_path, on_error=errors.append))
    assert [c.reference_id for c in cables] == ["08ROME1"]
    assert len(errors) == 1
    assert "broken.parquet" in str(errors[0])


def test_parquet_of_other_columns_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "other.parquet"
    pq.write_table(pa.table({"reference_id": ["08ROME1"], "colour": ["red"]}), path)
    errors: list[ReadError] = []
    assert list(cablegram.read(path, on_error=errors.append)) == []
    assert len(errors) == 1
    assert "colour" in errors[0].reason


def test_parquet_row_that_is_not_a_cable_names_its_row(tmp_path: Path) -> None:
    path = tmp_path / "rows.parquet"
    table = pa.table({"reference_id": ["08ROME1", "08ROME2"], "serial": [1, 2]})
    table = table.set_column(1, "rendering", pa.array(["telegram", "fax"]))
    pq.write_table(table, path)
    errors: list[ReadError] = []
    cables = list(cablegram.read(path, on_error=errors.append))
    assert [c.reference_id for c in cables] == ["08ROME1"]
    assert [e.line for e in errors] == [2]


# -- the real corpus (skipped when ../shared is absent) ---------------------------------


@pytest.fixture(scope="module")
def corpus_archive(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    with Archive.open(tmp_path_factory.mktemp("corpus") / "corpus.db") as opened:
        report = opened.ingest([corpus_dir], workers=1)
        assert report.failed == 0
        yield opened


def counted(archive: Archive) -> dict[str, list[tuple[str, int]]]:
    return {field: sorted(rows) for field, rows in archive.stats().counts.items()}


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_corpus_exported_and_ingested_again_gives_identical_records(
    corpus_archive: Archive, fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / f"corpus.{fmt}"
    report = export(corpus_archive, "", fmt, path)  # type: ignore[arg-type]
    assert report.cables == len(corpus_archive) > 1000
    with Archive.open(tmp_path / "again.db") as again:
        ingested = again.ingest([path], workers=1)
        assert (ingested.added, ingested.failed) == (len(corpus_archive), 0)
        assert records(again) == records(corpus_archive)
        # the same counts (ties may come in another order: the export is oldest first)
        assert counted(again) == counted(corpus_archive)
        assert again.graph().resolution == corpus_archive.graph().resolution


def test_corpus_csv_export_is_not_read_back_as_cables(
    corpus_archive: Archive, tmp_path: Path
) -> None:
    path = tmp_path / "corpus.csv"
    report = export(corpus_archive, "", "csv", path)
    errors: list[ReadError] = []
    assert list(cablegram.read(path, on_error=errors.append)) == []
    # CSV is lossy: every row (and the header) is reported, none is half-read
    assert len(errors) == report.cables + 1
    assert "expected 8 columns" in errors[0].reason
