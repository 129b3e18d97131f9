"""Analytics: counts by field, trends over time, plots; the same on both backends."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.analytics import FIELDS, Counts, Trend, cable_ids, plot, stats, trend
from cablegram.archive import Archive
from cablegram.errors import ArchiveError
from tests.archive_support import BACKENDS, archive_url
from tests.citing_cables import Sketch, telegram, write

# one more cable, in June, so that April and May are months without cables
JUNE = Sketch("ATHENS", 420, (6, 5), "GREECE: SUMMER FERRY SEASON OPENS", tags="EWWT GR")


@pytest.fixture(scope="module", params=BACKENDS)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("analytics")
    folder = write(tmp / "in")
    (folder / f"{JUNE.reference_id}.txt").write_text(telegram(JUNE))
    for url in archive_url(request.param, tmp):
        with Archive.open(url) as opened:
            opened.ingest([folder], workers=1)
            yield opened


def test_stats_counts_every_field_by_default(archive: Archive) -> None:
    result = stats(archive)
    assert result.total == 7
    assert set(result.counts) == set(FIELDS)
    assert result["year"] == [("2008", 7)]
    assert result["month"] == [("2008-01", 3), ("2008-02", 2), ("2008-03", 1), ("2008-06", 1)]
    assert result["origin"][0] == ("ANKARA", 3)
    assert dict(result["origin"]) == {"ANKARA": 3, "ATHENS": 2, "STATE": 1, "MOSCOW": 1}
    assert dict(result["classification"]) == {"CONFIDENTIAL": 5, "SECRET": 1, "UNCLASSIFIED": 1}
    assert result["precedence"] == [("ROUTINE", 7)]
    assert result["signer"] == [("JONES", 7)]
    assert result["classified_by"] == [("Dana R. Whitcombe", 6)]


def test_stats_counts_each_tag_of_a_cable(archive: Archive) -> None:
    tags = dict(stats(archive, by=("tag",))["tag"])
    assert tags["EWWT"] == 4
    assert tags["PREL"] == 5
    assert tags["GR"] == 1


def test_stats_of_a_query_counts_only_its_cables(archive: Archive) -> None:
    result = stats(archive, "origin:ANKARA", by=("classification", "tag", "classified_by"))
    assert result.total == 3
    assert result["classification"] == [("CONFIDENTIAL", 3)]
    assert dict(result["tag"]) == {"EWWT": 3, "TU": 3, "PREL": 2}
    assert result["classified_by"] == [("Dana R. Whitcombe", 3)]
    assert set(result.counts) == {"classification", "tag", "classified_by"}


def test_stats_limit_keeps_the_most_frequent_but_all_periods(archive: Archive) -> None:
    result = stats(archive, by=("origin", "month"), limit=1)
    assert result["origin"] == [("ANKARA", 3)]
    assert len(result["month"]) == 4


def test_stats_of_a_query_matching_nothing_is_empty(archive: Archive) -> None:
    result = stats(archive, "origin:LIMA")
    assert result.total == 0
    assert all(rows == [] for rows in result.counts.values())


def test_unknown_field_raises(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="cannot count by 'colour'"):
        stats(archive, by=("colour",))


def test_counts_convert_to_records_and_columns(archive: Archive) -> None:
    counts = stats(archive, by=("origin",))["origin"]
    assert isinstance(counts, list)
    assert counts.to_records()[0] == {"origin": "ANKARA", "count": 3}
    columns = counts.to_columns()
    assert columns["origin"][0] == "ANKARA"
    assert sum(columns["count"]) == 7


def test_stats_to_dict_is_json(archive: Archive) -> None:
    data = json.loads(json.dumps(stats(archive, "tag:EWWT", by=("year",)).to_dict()))
    assert data == {"query": "tag:EWWT", "total": 4, "counts": {"year": [["2008", 4]]}}


def test_archive_stats_and_trend_are_the_analytics_numbers(archive: Archive) -> None:
    assert archive.stats().to_dict() == stats(archive).to_dict()
    by_post = archive.stats("tag:EWWT", by=("origin", "signer"), limit=1)
    assert set(by_post.counts) == {"origin", "signer"}
    assert by_post.total == 4
    assert by_post["origin"] == [("ANKARA", 3)]
    assert by_post["origin"].to_columns() == {"origin": ["ANKARA"], "count": [3]}
    assert archive.trend("tag:EWWT", by="year").to_records() == [
        {"period": "2008", "cables": 4, "total": 7, "share": pytest.approx(4 / 7)}
    ]


def test_trend_gives_count_total_and_share_per_month_with_gaps(archive: Archive) -> None:
    points = trend(archive, "tag:EWWT")
    assert [p.period for p in points] == [
        "2008-01",
        "2008-02",
        "2008-03",
        "2008-04",
        "2008-05",
        "2008-06",
    ]
    assert [(p.cables, p.total) for p in points] == [(2, 3), (1, 2), (0, 1), (0, 0), (0, 0), (1, 1)]
    assert points[0].share == pytest.approx(2 / 3)
    assert points[3].share == 0.0


def test_trend_by_year_and_its_columns(archive: Archive) -> None:
    points = trend(archive, "origin:ATHENS", by="year")
    assert points.to_columns() == {
        "period": ["2008"],
        "cables": [2],
        "total": [7],
        "share": [pytest.approx(2 / 7)],
    }
    assert points.to_records()[0]["cables"] == 2


def test_trend_by_tag_raises(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="by month or year"):
        trend(archive, "", by="tag")


def test_cable_ids_are_oldest_first(archive: Archive) -> None:
    ids = cable_ids(archive, "origin:ANKARA").tolist()
    keys = [
        archive.backend.execute(
            f"SELECT reference_id FROM cables WHERE id = {archive.backend.placeholder}", (i,)
        ).fetchone()[0]
        for i in ids
    ]
    assert keys == ["08ANKARA100", "08ANKARA150", "08ANKARA200"]


def test_plot_writes_svg_of_a_trend(archive: Archive, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = plot(trend(archive, "tag:EWWT"), tmp_path / "ewwt.svg")
    text = path.read_text()
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    assert "tag:EWWT" in text  # the title names the query


def test_plot_writes_png_of_counts(archive: Archive, tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    path = plot(stats(archive, by=("origin",))["origin"], tmp_path / "charts" / "origin.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_plot_draws_a_share_and_plain_pairs(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    points = Trend("x", "month", [])
    assert plot(points, tmp_path / "empty.svg", share=True).exists()
    assert plot([("A", 2), ("B", 1)], tmp_path / "pairs.svg", title="pairs").exists()
    many = Counts("month", [(f"2008-{m:02d}", m) for m in range(1, 13)] * 3)
    assert plot(many, tmp_path / "line.svg").exists()


def test_plot_refuses_an_unknown_image_format(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match=r"\.svg, \.png or \.pdf"):
        plot([("A", 1)], tmp_path / "chart.bmp")


def test_parser_archive_and_analytics_do_not_import_matplotlib() -> None:
    code = (
        "import sys, cablegram, cablegram.archive, cablegram.analytics, cablegram.export, "
        "cablegram.graph; "
        "print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('matplotlib', 'pyarrow', 'networkx')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
