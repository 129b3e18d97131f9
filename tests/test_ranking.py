"""Relevance: FTS5's BM25 recomputed for small candidate sets, and the subject tier."""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterator

import pytest

from cablegram import synth
from cablegram.archive import Archive
from cablegram.archive.query import Phrase, Term, parse_query
from cablegram.archive.search import _positive_text
from cablegram.archive.sqlite import SQLiteBackend


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("ranking")
    synth.write(tmp / "in", 300, seed=5, fmt="csv")
    with Archive.open(tmp / "archive.db") as opened:
        opened.ingest([tmp / "in"], workers=1)
        yield opened


def _words(query: str) -> list[Term | Phrase]:
    return _positive_text(parse_query(query))


@pytest.mark.parametrize(
    "query",
    ["minister", '"prime minister"', "elect*", "subject:parliament", "corruption border"],
)
def test_python_bm25_gives_the_scores_fts5_gives(archive: Archive, query: str) -> None:
    backend = archive.backend
    assert isinstance(backend, SQLiteBackend)
    words = _words(query)
    hits = [len(backend.text_ids(word)) for word in words]
    theirs = dict(backend.ranked_ids(words))
    assert theirs, "the query should match some synthetic cables"
    ours = dict(backend.scored(words, sorted(theirs), hits))
    assert ours.keys() == theirs.keys()
    for cable_id, score in theirs.items():
        assert ours[cable_id] == pytest.approx(score, rel=1e-9, abs=1e-12)


def test_small_result_sets_rank_exactly_as_the_whole_index_would(archive: Archive) -> None:
    engine = archive.engine
    query = "minister class>=confidential"
    direct = [(h.reference_id, h.score) for h in archive.search(query, limit=10).hits]
    full = dict(archive.backend.ranked_ids(_words("minister")))
    allowed = set(archive.engine.ids(query))
    keys = {archive.get(rid).id: rid for rid in allowed}  # type: ignore[union-attr]
    expected = sorted(
        ((keys[i], s) for i, s in full.items() if i in keys), key=lambda p: (-p[1], p[0])
    )
    assert engine.score_directly >= len(allowed)
    assert [rid for rid, _ in direct] == [rid for rid, _ in expected[:10]]


def test_large_result_sets_put_subject_matches_first(archive: Archive) -> None:
    engine = archive.engine
    engine.score_directly = 0  # force the path the big archives take
    try:
        hits = archive.search("minister", limit=50).hits
    finally:
        del engine.score_directly
    in_subject = ["minister" in (h.subject or "").lower() for h in hits]
    assert any(in_subject)
    assert not all(in_subject)
    first_body_only = in_subject.index(False)
    assert all(in_subject[:first_body_only])
    assert not any(in_subject[first_body_only:])


def test_filters_narrow_the_ranking_of_large_sets_too(archive: Archive) -> None:
    engine = archive.engine
    engine.score_directly = 0
    try:
        result = archive.search("minister class:secret", limit=500)
    finally:
        del engine.score_directly
    assert result.hits
    assert all(h.classification.startswith("SECRET") for h in result.hits)
    assert len(result.hits) == result.total


def test_cables_matched_only_by_a_filter_come_after_the_scored_ones(archive: Archive) -> None:
    result = archive.search("minister OR class:unclassified", limit=500)
    scores = [h.score for h in result.hits]
    assert None in scores
    assert any(s is not None for s in scores)
    first_unscored = scores.index(None)
    assert all(s is None for s in scores[first_unscored:])


def test_threads_search_and_read_a_read_only_archive_at_once_with_the_serial_answers(
    archive: Archive,
) -> None:
    queries = ["minister", '"prime minister"', "elect*", "corruption class>=secret", "tag:PREL"]
    with Archive.open(archive.backend.path, readonly=True) as reader:  # type: ignore[attr-defined]
        serial = {q: [h.reference_id for h in reader.search(q, limit=30).hits] for q in queries}
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            runs = list(pool.map(lambda q: (q, reader.search(q, limit=30)), queries * 8))
            wanted = reader.engine.ids("")[:60]
            serial_cables = [reader.cable(rid) for rid in wanted]
            read = list(pool.map(reader.cable, wanted * 4))
        threads = {id(c) for c in reader.backend._connections}  # type: ignore[attr-defined]
    assert read == serial_cables * 4  # records unpacked at once in many threads
    for query, result in runs:
        assert [h.reference_id for h in result.hits] == serial[query], query
    assert len(threads) > 1  # the threads had connections of their own
