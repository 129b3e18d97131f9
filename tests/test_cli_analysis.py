"""The citation, statistics and export commands, checked against the library on the
small web of citing cables (two of the cables they cite are missing)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablegram.archive import Archive
from cablegram.cli import app
from tests.citing_cables import HELD, write

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("cli-analysis")
    path = tmp / "citing.db"
    with Archive.open(path) as archive:
        archive.ingest([write(tmp / "in")], workers=1)
    return str(path)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.stdout


def test_citations_missing_lists_the_most_cited_absent_cables_and_the_resolved_share(
    db: str,
) -> None:
    rows = json.loads(run("citations", "--db", db, "--missing", "-f", "json"))
    assert [(r["reference_id"], r["cited"], r["in_archive"]) for r in rows] == [
        ("07STATE999", 3, False),
        ("06MOSCOW55", 1, False),
    ]
    table = run("citations", "--db", db, "--missing")
    assert "9 citations, 55.6% resolve to cables in the archive; 2 cited cables are missing" in (
        table
    )


def test_citations_flows_as_csv_count_citations_between_posts(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("citations", "--db", db, "--flows", "-f", "csv"))))
    assert rows[0] == {"from": "ANKARA", "to": "STATE", "citations": "2"}
    assert sum(int(r["citations"]) for r in rows) == 9
    with Archive.open(db, readonly=True) as archive:
        assert len(rows) == len(archive.graph().flows())


def test_citations_pagerank_ranks_the_most_cited_held_cable_first(db: str) -> None:
    rows = json.loads(run("citations", "--db", db, "--pagerank", "--top", "2", "-f", "json"))
    assert rows[0]["reference_id"] == "08ANKARA100"
    assert rows[0]["pagerank"] >= rows[1]["pagerank"]


def test_cites_and_cited_by_print_what_the_archive_answers(db: str) -> None:
    cites = json.loads(run("cites", "08ANKARA200", "--db", db, "-f", "json"))
    assert [r["reference_id"] for r in cites] == ["06MOSCOW55", "07STATE999", "08ATHENS300"]
    cited_by = json.loads(run("cited-by", "07 STATE 999", "--db", db, "-f", "json"))
    assert [r["reference_id"] for r in cited_by] == ["08ATHENS300", "08ANKARA200", "08MOSCOW400"]


def test_thread_marks_steps_in_time_order(db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(run("thread", "08ANKARA150", "--db", db, "-f", "csv"))))
    assert [(r["step"], r["reference_id"]) for r in rows] == [
        ("<-1", "08ANKARA100"),
        ("<-1", "08STATE2000"),
        ("*", "08ANKARA150"),
        ("->1", "08ATHENS300"),
        ("->2", "08ANKARA200"),
    ]


def test_thread_of_an_unknown_cable_exits_2(db: str) -> None:
    result = runner.invoke(app, ["thread", "05PARIS1", "--db", db])
    assert result.exit_code == 2
    assert "neither in the archive nor cited" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_of_a_query_to_a_depth_is_read_back_by_networkx(
    db: str, fmt: str, tmp_path: Path
) -> None:
    nx = pytest.importorskip("networkx")
    path = tmp_path / f"athens.{fmt}"
    printed = run("graph", "origin:ATHENS", "--db", db, "--depth", "1", "-f", fmt, "-o", str(path))
    assert "4 cables, 4 citations" in printed
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == {"08ATHENS300", "08ANKARA150", "07STATE999", "08ANKARA200"}
    alone = tmp_path / f"alone.{fmt}"
    run("graph", "origin:ATHENS", "--db", db, "--depth", "0", "-f", fmt, "-o", str(alone))
    read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
    assert set(read(alone).nodes) == {"08ATHENS300"}


def test_graph_without_a_query_writes_every_node_as_json(db: str, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    run("graph", "--db", db, "-f", "json", "-o", str(path))
    data = json.loads(path.read_text())
    assert len(data["nodes"]) == len(HELD) + 2
    assert len(data["links"]) == 9


def test_stats_csv_has_one_row_per_field_and_value(db: str) -> None:
    out = run("stats", "--db", db, "--by", "origin", "--by", "classification", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {"field": "origin", "value": "ANKARA", "count": "3"} in rows
    assert {"field": "classification", "value": "SECRET", "count": "1"} in rows
    assert sum(int(r["count"]) for r in rows if r["field"] == "origin") == len(HELD)


def test_stats_trend_per_month_and_per_year(db: str) -> None:
    monthly = list(
        csv.DictReader(io.StringIO(run("stats", "tag:EWWT", "--db", db, "--trend", "-f", "csv")))
    )
    assert [(r["period"], r["cables"], r["total"]) for r in monthly] == [
        ("2008-01", "2", "3"),
        ("2008-02", "1", "2"),
        ("2008-03", "0", "1"),
    ]
    yearly = json.loads(
        run("stats", "tag:EWWT", "--db", db, "--trend", "--by", "year", "-f", "json")
    )
    assert yearly == [{"period": "2008", "cables": 3, "total": 6, "share": 0.5}]


def test_stats_trend_in_the_terminal_shows_the_share_with_bars(db: str) -> None:
    lines = run("stats", "tag:EWWT", "--db", db, "--trend").splitlines()
    assert "tag:EWWT per month" in lines[0]
    january = next(line for line in lines if "2008-01" in line)
    march = next(line for line in lines if "2008-03" in line)
    assert "66.7%" in january
    assert "█" * 30 in january  # the largest share has the longest bar
    assert "0.0%" in march
    assert "█" not in march  # a month without matches has none


def test_stats_plot_writes_svg_and_png(db: str, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    svg, png = tmp_path / "origin.svg", tmp_path / "trend.png"
    printed = run("stats", "--db", db, "--by", "origin", "--plot", str(svg))
    assert f"chart: {svg}" in printed
    assert "<svg" in svg.read_text()
    run("stats", "tag:EWWT", "--db", db, "--trend", "--plot", str(png), "-f", "json")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_stats_plot_to_an_unknown_format_exits_2(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", db, "--plot", str(tmp_path / "chart.bmp")])
    assert result.exit_code == 2
    assert ".svg, .png or .pdf" in result.stderr


def test_export_to_standard_output_as_jsonl_and_csv(db: str) -> None:
    lines = run("export", "origin:ANKARA", "--db", db, "-f", "jsonl").splitlines()
    assert [json.loads(line)["reference_id"] for line in lines] == [
        "08ANKARA100",
        "08ANKARA150",
        "08ANKARA200",
    ]
    rows = list(csv.DictReader(io.StringIO(run("export", "--db", db, "-f", "csv"))))
    assert sorted(r["reference_id"] for r in rows) == sorted(HELD)
