"""The command line: thin commands over the library, checked through the library."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cablegram
from cablegram.archive import Archive
from cablegram.cli import app
from cablegram.samples import sample_dir
from tests.renderings import load

runner = CliRunner()


@pytest.fixture
def cable_file(tmp_path: Path) -> Path:
    path = tmp_path / "ankara.txt"
    path.write_text(load("secret_noforn_sections"), encoding="utf-8")
    return path


def test_parse_jsonl_prints_one_record_per_cable_that_round_trips(cable_file: Path) -> None:
    result = runner.invoke(app, ["parse", str(cable_file), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    cable = cablegram.Cable.from_json(line)
    assert cable == cablegram.parse(cable_file.read_text())


def test_parse_json_prints_a_list(cable_file: Path) -> None:
    result = runner.invoke(app, ["parse", str(cable_file), str(cable_file), "-f", "json"])
    assert result.exit_code == 0
    records = json.loads(result.stdout)
    assert [r["reference_id"] for r in records] == ["06ANKARA731", "06ANKARA731"]


def test_parse_table_shows_id_and_classification(cable_file: Path) -> None:
    result = runner.invoke(app, ["parse", str(cable_file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "06ANKARA731" in result.stdout
    assert "SECRET//NOFORN" in result.stdout


def test_diagnostics_name_the_cable_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("C O N F I D E N T I A L OSLO 000012\n\nE.O. 12958: DECL: SOMEDAY 12\n")
    result = runner.invoke(app, ["parse", str(path), "-f", "jsonl", "--diagnostics"])
    assert result.exit_code == 0
    assert "no-date" in result.stderr
    assert "declassification-unparsed" in result.stderr
    assert ":3:" in result.stderr  # the E.O. line


def test_missing_file_is_an_error_naming_it_with_exit_status_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    result = runner.invoke(app, ["parse", str(missing), "-f", "jsonl"])
    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_binary_file_is_reported_and_the_others_are_still_printed(
    tmp_path: Path, cable_file: Path
) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\xff\xfe" * 100)
    result = runner.invoke(app, ["parse", str(blob), str(cable_file), "-f", "jsonl"])
    assert result.exit_code == 2
    assert "blob.txt" in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_errors_on_stderr_are_never_wrapped_nor_read_as_markup(tmp_path: Path) -> None:
    # a narrow terminal, a long path with brackets: the line is printed whole
    missing = tmp_path / ("deep" * 30) / "nope[red].txt"
    result = runner.invoke(app, ["parse", str(missing), "-f", "jsonl"], env={"COLUMNS": "40"})
    assert result.exit_code == 2
    assert f"{missing}: no such file or directory" in result.stderr.splitlines()[0]


def test_schema_is_json_schema_of_the_record() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "Cable" in schema["$defs"]


def test_demo_parses_the_samples_and_builds_an_archive(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    args = ["demo", "--folder", str(folder), "--count", "40"]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    samples = sorted(p.stem for p in sample_dir().iterdir())
    assert len(samples) >= 5
    for stem in samples:
        assert stem in result.stdout
    with Archive.open(folder / "demo.db", readonly=True) as archive:
        assert len(archive) == 40 + len(samples)


@pytest.mark.parametrize(
    "command",
    [
        "parse",
        "schema",
        "demo",
        "tags",
        "posts",
        "ingest",
        "search",
        "show",
        "stats",
        "synth",
        "lint",
    ],
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Example" in result.stdout


def test_top_level_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for info in app.registered_commands:
        assert info.name or info.callback
        name = info.name or info.callback.__name__  # type: ignore[union-attr]
        assert name in result.stdout


def test_tags_decodes_codes_as_json() -> None:
    result = runner.invoke(app, ["tags", "PREL", "MU", "-f", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [(r["code"], r["kind"]) for r in rows] == [("PREL", "subject"), ("MU", "geo")]
    assert rows[1]["meaning"] == cablegram.tags.describe("MU").meaning == "Oman"


def test_unknown_tag_is_listed_as_unknown_with_exit_status_1() -> None:
    result = runner.invoke(app, ["tags", "QQQQ", "-f", "csv"])
    assert result.exit_code == 1
    assert "QQQQ,unknown" in result.stdout


def test_tags_without_codes_prints_the_whole_table_as_csv() -> None:
    result = runner.invoke(app, ["tags", "-f", "csv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "code,kind,meaning,iso,canonical"
    assert len(lines) - 1 == len(cablegram.tags.all_tags())


@pytest.mark.parametrize("query", ["muscat", "MUSCAT", "RUEHMS", "Embassy Muscat"])
def test_posts_finds_a_post_by_token_name_or_routing_indicator(query: str) -> None:
    result = runner.invoke(app, ["posts", query, "-f", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert rows[0]["token"] == "MUSCAT"
    assert rows[0]["routes"] == "RUEHMS"


def test_posts_with_no_match_exits_1() -> None:
    result = runner.invoke(app, ["posts", "ATLANTIS"])
    assert result.exit_code == 1
    assert "ATLANTIS" in result.stderr


@pytest.fixture
def archive_db(tmp_path: Path) -> Path:
    folder = tmp_path / "cables"
    result = runner.invoke(app, ["synth", str(folder), "--count", "60", "--seed", "3"])
    assert result.exit_code == 0, result.output
    db = tmp_path / "cli.db"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "added" in result.stdout
    return db


def test_synth_writes_the_cables_it_says(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", str(tmp_path / "s"), "-n", "25", "--seed", "1"])
    assert result.exit_code == 0
    assert len(list((tmp_path / "s").rglob("*.txt"))) == 25


def test_ingest_then_search_through_the_cli_agrees_with_the_library(archive_db: Path) -> None:
    result = runner.invoke(app, ["search", "", "--db", str(archive_db), "-f", "json", "-n", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    with Archive.open(archive_db, readonly=True) as archive:
        assert data["total"] == len(archive) == 60
        expected = [h.reference_id for h in archive.search("", limit=5).hits]
    assert [h["reference_id"] for h in data["hits"]] == expected


def test_ingest_twice_reports_unchanged(archive_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "cables"), "--db", str(archive_db), "-q", "-w", "1"]
    )
    assert result.exit_code == 0
    assert "unchanged" in result.stdout
    with Archive.open(archive_db, readonly=True) as archive:
        assert len(archive) == 60


def test_malformed_query_exits_2_and_points_at_the_problem(archive_db: Path) -> None:
    result = runner.invoke(app, ["search", "tga:PREL", "--db", str(archive_db)])
    assert result.exit_code == 2
    assert "did you mean tag:" in result.stderr
    assert result.stderr.splitlines()[-1] == "^"


def test_show_prints_a_cable_its_raw_text_and_its_record(archive_db: Path) -> None:
    with Archive.open(archive_db, readonly=True) as archive:
        hit = archive.search("", limit=1).hits[0]
        stored = archive.get(hit.reference_id)
    assert stored is not None
    shown = runner.invoke(app, ["show", hit.reference_id, "--db", str(archive_db)])
    assert shown.exit_code == 0
    assert hit.reference_id in shown.stdout
    raw = runner.invoke(app, ["show", hit.reference_id, "--db", str(archive_db), "--raw"])
    assert raw.stdout.rstrip("\n") == stored.cable.text
    record = runner.invoke(app, ["show", hit.reference_id, "--db", str(archive_db), "--json"])
    assert cablegram.Cable.from_dict(json.loads(record.stdout)) == stored.cable
    missing = runner.invoke(app, ["show", "99NOWHERE1", "--db", str(archive_db)])
    assert missing.exit_code == 1


def test_stats_shows_the_totals(archive_db: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(archive_db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "60 cables" in result.stdout


def test_search_on_a_missing_archive_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no archive" in result.stderr


def test_lint_prints_findings_and_exits_1_on_an_error_level_finding() -> None:
    from cablegram.linter import lint as check

    fixture = Path(__file__).parent / "fixtures" / "lint" / "cg101_banner_below_portion_mark.txt"
    result = runner.invoke(app, ["lint", str(fixture)])
    assert result.exit_code == 1
    expected = check(cablegram.parse(fixture.read_text()))
    assert any(f.code == "CG101" for f in expected)
    assert f"{fixture}:" in result.stdout
    assert "CG101" in result.stdout


def test_lint_json_and_a_clean_cable_exits_0() -> None:
    fixture = Path(__file__).parent / "fixtures" / "lint" / "clean.txt"
    result = runner.invoke(app, ["lint", str(fixture), "-f", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_lint_with_an_unknown_rule_exits_2() -> None:
    fixture = Path(__file__).parent / "fixtures" / "lint" / "clean.txt"
    result = runner.invoke(app, ["lint", str(fixture), "--select", "XX9"])
    assert result.exit_code == 2


def test_stats_json_agrees_with_the_library(archive_db: Path) -> None:
    from cablegram import analytics

    result = runner.invoke(app, ["stats", "--db", str(archive_db), "--by", "year", "-f", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["total"] == 60
    with Archive.open(archive_db, readonly=True) as archive:
        expected = analytics.stats(archive, "", by=("year",)).to_dict()
    assert data == expected
    assert sum(count for _, count in data["counts"]["year"]) == 60


def test_export_then_ingest_gives_the_same_records(archive_db: Path, tmp_path: Path) -> None:
    out_file = tmp_path / "all.parquet"
    result = runner.invoke(
        app, ["export", "--db", str(archive_db), "-f", "parquet", "-o", str(out_file)]
    )
    assert result.exit_code == 0, result.output
    copy = tmp_path / "copy.db"
    result = runner.invoke(app, ["ingest", str(out_file), "--db", str(copy), "-q", "-w", "1"])
    assert result.exit_code == 0, result.output
    with Archive.open(archive_db, readonly=True) as first, Archive.open(copy) as second:
        assert len(second) == len(first) == 60
        for cable in first.backend.records():
            assert cable.reference_id is not None
            assert second.cable(cable.reference_id) == cable


def test_citations_thread_and_graph_commands(archive_db: Path, tmp_path: Path) -> None:
    top = runner.invoke(app, ["citations", "--db", str(archive_db), "--top", "1", "-f", "json"])
    assert top.exit_code == 0, top.output
    [most] = json.loads(top.stdout)
    assert most["cited"] >= 1
    cited_by = runner.invoke(
        app, ["cited-by", most["reference_id"], "--db", str(archive_db), "-f", "json"]
    )
    assert len(json.loads(cited_by.stdout)) == most["cited"]
    thread = runner.invoke(
        app, ["thread", most["reference_id"], "--db", str(archive_db), "-f", "json"]
    )
    assert any(row["step"] == "*" for row in json.loads(thread.stdout))
    graph_file = tmp_path / "g.json"
    result = runner.invoke(
        app, ["graph", "--db", str(archive_db), "-f", "json", "-o", str(graph_file)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(graph_file.read_text())["nodes"]
