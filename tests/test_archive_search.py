"""Search: the query language over an archive, the same answers on both backends."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cablegram.archive import Archive
from cablegram.archive.search_marks import MARK_END, MARK_START
from cablegram.errors import ArchiveError, QuerySyntaxError
from tests.archive_support import BACKENDS, archive_url
from tests.renderings import fixture_names, load


@pytest.fixture(scope="module", params=BACKENDS)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("search")
    folder = tmp / "in"
    folder.mkdir()
    for name in fixture_names():
        (folder / f"{name}.txt").write_text(load(name), encoding="utf-8")
    for url in archive_url(request.param, tmp):
        with Archive.open(url) as opened:
            opened.ingest([folder], workers=1)
            yield opened


def ids(archive: Archive, query: str, **options: object) -> list[str]:
    result = archive.search(query, limit=50, **options)  # type: ignore[arg-type]
    return [h.reference_id for h in result.hits]


def test_empty_query_matches_every_cable_newest_first(archive: Archive) -> None:
    result = archive.search("", limit=50)
    assert result.total == len(archive)
    dates = [h.created for h in result.hits if h.created]
    assert dates == sorted(dates, reverse=True)


def test_words_must_all_match(archive: Archive) -> None:
    assert ids(archive, "turkish general") == ["06ANKARA731"]
    assert ids(archive, "turkish lithuania") == []


def test_phrase_matches_words_in_order(archive: Archive) -> None:
    assert ids(archive, '"general staff"') == ["06ANKARA731"]
    assert ids(archive, '"staff general"') == []


def test_prefix_matches_word_starts(archive: Archive) -> None:
    assert "06ANKARA731" in ids(archive, "turk*")


def test_or_and_not(archive: Archive) -> None:
    either = set(ids(archive, "turkish OR zambia"))
    assert either == set(ids(archive, "turkish")) | set(ids(archive, "zambia"))
    assert "06ANKARA731" not in ids(archive, "date:2006..2010 -turkish")


def test_field_filters(archive: Archive) -> None:
    assert ids(archive, "origin:ANKARA") == ["06ANKARA731"]
    assert ids(archive, 'origin:"Embassy Ankara"') == ["06ANKARA731"]
    assert ids(archive, "country:TR") == ["06ANKARA731"]
    assert "06ANKARA731" in ids(archive, "tag:PTER")
    assert ids(archive, "caveat:NOFORN") == ["06ANKARA731"]
    assert ids(archive, "signer:LINDQVIST") == ["06ANKARA731"]
    assert ids(archive, "classifiedby:Lindqvist") == ["06ANKARA731"]
    assert "06ANKARA731" in ids(archive, "recipient:STATE")
    assert "06ANKARA731" in ids(archive, "precedence:immediate")
    assert ids(archive, "id:06ANKARA731") == ["06ANKARA731"]
    assert ids(archive, 'id:"06 ANKARA 0731"') == ["06ANKARA731"]


def test_classification_comparisons(archive: Archive) -> None:
    secret = set(ids(archive, "class>=secret"))
    assert "06ANKARA731" in secret
    assert set(ids(archive, "class:secret//noforn")) <= secret
    assert not secret & set(ids(archive, "class<secret"))


def dated(archive: Archive, **options: object) -> list[str]:
    return [i for i in ids(archive, "", **options) if not i.startswith("UNIDENTIFIED")]


def test_date_ranges_have_year_month_and_day_precision(archive: Archive) -> None:
    assert ids(archive, "date:2006") == ["06ANKARA731"]
    assert ids(archive, "date:2006-06") == ["06ANKARA731"]
    assert ids(archive, "date:2006-06-09") == ["06ANKARA731"]
    assert ids(archive, "date:2006-06-10..") == [
        i for i in dated(archive, sort="date") if i != "06ANKARA731"
    ]


def test_cites_finds_the_citing_cables(archive: Archive) -> None:
    assert ids(archive, "cites:06STATE88211") == ["06ANKARA731"]


def test_subject_words_weigh_more_than_body_words(archive: Archive) -> None:
    result = archive.search("staff")
    assert result.hits[0].reference_id == "06ANKARA731"
    assert result.hits[0].score is not None


def test_snippets_mark_the_matches(archive: Archive) -> None:
    [hit] = archive.search("deputy origin:ANKARA").hits
    assert f"{MARK_START}deputy{MARK_END}" in hit.snippet.lower()


def test_facets_count_the_whole_result_set(archive: Archive) -> None:
    result = archive.search("", limit=1)
    assert len(result.hits) == 1
    by_class = dict(result.facets["classification"])
    assert sum(by_class.values()) == archive.count("class>=unclassified")
    assert by_class["SECRET//NOFORN"] >= 1
    years = [year for year, _ in result.facets["year"]]
    assert years == sorted(years)
    tags = dict(result.facets["tag"])
    assert tags["PREL"] == archive.count("tag:PREL")


def test_pagination_and_sort_by_date_with_undated_cables_last(archive: Archive) -> None:
    everything = ids(archive, "", sort="date")
    assert dated(archive, sort="oldest") == list(reversed(dated(archive, sort="date")))
    assert everything[-1].startswith("UNIDENTIFIED")
    page = archive.search("", sort="date", limit=2, offset=2)
    assert [h.reference_id for h in page.hits] == everything[2:4]


@pytest.mark.parametrize(
    ("query", "position"),
    [('"unclosed', 0), ("tga:PREL", 0), ("iran OR", 5), ("date:2007-13", 10)],
)
def test_malformed_queries_point_at_the_problem(
    archive: Archive, query: str, position: int
) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        archive.search(query)
    assert caught.value.position == position


def test_bad_options_are_refused(archive: Archive) -> None:
    with pytest.raises(ArchiveError):
        archive.search("", sort="random")  # type: ignore[arg-type]
    with pytest.raises(ArchiveError):
        archive.search("", limit=10_000)
    with pytest.raises(ArchiveError):
        archive.search("", facets=["colour"])
