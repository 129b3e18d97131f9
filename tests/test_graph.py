"""The citation graph: edges from REF items (and mentions on request), missing cables,
threads, rankings, flows and graph exports, the same on both backends."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from cablegram.archive import Archive
from cablegram.errors import ArchiveError
from cablegram.graph import (
    MENTION,
    REF,
    CitationGraph,
    Flow,
    build_graph,
    export_graph,
    node_link,
)
from tests.archive_support import BACKENDS, archive_url
from tests.citing_cables import HELD, Sketch, telegram, write


@pytest.fixture(scope="module", params=BACKENDS)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Archive]:
    tmp = tmp_path_factory.mktemp("graph")
    folder = write(tmp / "in")
    for url in archive_url(request.param, tmp):
        with Archive.open(url) as opened:
            opened.ingest([folder], workers=1)
            yield opened


@pytest.fixture(scope="module")
def graph(archive: Archive) -> CitationGraph:
    return build_graph(archive)


def ids(nodes: object) -> list[str]:
    return [n.reference_id for n in nodes]  # type: ignore[attr-defined]


def test_held_cables_come_first_and_cited_missing_ones_after(graph: CitationGraph) -> None:
    assert graph.held == len(HELD)
    assert sorted(graph.ids[: graph.held]) == sorted(HELD)
    assert graph.ids[graph.held :] == ["06MOSCOW55", "07STATE999"]


def test_cites_lists_ref_items_oldest_first(graph: CitationGraph) -> None:
    assert ids(graph.cites("08ANKARA150")) == ["08ANKARA100", "08STATE2000"]
    assert ids(graph.cites("08ANKARA200")) == ["06MOSCOW55", "07STATE999", "08ATHENS300"]


def test_cited_by_lists_citing_cables_oldest_first(graph: CitationGraph) -> None:
    assert ids(graph.cited_by("08ANKARA100")) == ["08STATE2000", "08ANKARA150"]
    assert ids(graph.cited_by("07STATE999")) == ["08ATHENS300", "08ANKARA200", "08MOSCOW400"]


def test_ids_are_found_as_written_or_canonical(graph: CitationGraph) -> None:
    assert ids(graph.cites("08 ANKARA 150")) == ids(graph.cites("08ANKARA150"))
    assert "07STATE00999" in graph


def test_unknown_cable_raises_archive_error(graph: CitationGraph) -> None:
    with pytest.raises(ArchiveError, match="neither in the archive"):
        graph.cites("05PARIS1")


def test_missing_cable_has_origin_and_year_from_its_id(graph: CitationGraph) -> None:
    node = graph.node("07STATE999")
    assert not node.in_archive
    assert (node.origin_token, node.year, node.date, node.subject) == ("STATE", 2007, None, None)
    held = graph.node("08ATHENS300")
    assert held.in_archive
    assert held.date == "2008-02-01"
    assert held.classification == "SECRET"


def test_inline_mentions_are_left_out_by_default(graph: CitationGraph) -> None:
    assert "08STATE2000" not in ids(graph.cites("08ANKARA200"))
    assert set(graph.kinds.tolist()) == {REF}


def test_mentions_option_adds_inline_citations(archive: Archive) -> None:
    both = build_graph(archive, citations="all")
    assert "08STATE2000" in ids(both.cites("08ANKARA200"))
    source, target = both.position("08ANKARA200"), both.position("08ATHENS300")
    edge = np.nonzero((both.source == source) & (both.target == target))[0]
    assert both.kinds[edge].tolist() == [REF | MENTION]  # one edge, both kinds
    only = build_graph(archive, citations="mentions")
    assert ids(only.cites("08ANKARA200")) == ["08STATE2000", "08ATHENS300"]


def test_unknown_citations_choice_raises(archive: Archive) -> None:
    with pytest.raises(ArchiveError, match="unknown citations"):
        build_graph(archive, citations="footnotes")  # type: ignore[arg-type]


def test_thread_follows_both_directions_in_time_order(graph: CitationGraph) -> None:
    entries = graph.thread("08ANKARA150", depth=3)
    assert [(e.node.reference_id, e.distance) for e in entries] == [
        ("08ANKARA100", -1),
        ("08STATE2000", -1),
        ("08ANKARA150", 0),
        ("08ATHENS300", 1),
        ("08ANKARA200", 2),
    ]


def test_thread_depth_limits_the_chain_and_skips_siblings(graph: CitationGraph) -> None:
    found = {e.node.reference_id: e.distance for e in graph.thread("08ATHENS300", depth=1)}
    assert found == {"08ANKARA150": -1, "07STATE999": -1, "08ATHENS300": 0, "08ANKARA200": 1}
    # 08MOSCOW400 also cites 07STATE999: a sibling, not part of the chain
    assert "08MOSCOW400" not in {e.node.reference_id for e in graph.thread("08ATHENS300")}


def test_thread_is_in_time_order(graph: CitationGraph) -> None:
    dates = [e.node.date for e in graph.thread("08ANKARA200", depth=5) if e.node.date]
    assert dates == sorted(dates)
    assert [e.node.reference_id for e in graph.thread("08ANKARA200", depth=5)][:2] == [
        "06MOSCOW55",
        "07STATE999",
    ]


def test_most_cited_separates_held_and_missing(graph: CitationGraph) -> None:
    missing = graph.most_cited(20, in_archive=False)
    assert [(c.node.reference_id, c.citations) for c in missing] == [
        ("07STATE999", 3),
        ("06MOSCOW55", 1),
    ]
    held = graph.most_cited(2, in_archive=True)
    assert held[0].node.reference_id == "08ANKARA100"
    assert held[0].citations == 2
    assert all(c.node.in_archive for c in held)
    assert graph.most_cited(1)[0].node.reference_id == "07STATE999"


def test_resolution_counts_citations_the_archive_answers(graph: CitationGraph) -> None:
    resolution = graph.resolution
    # 9 REF items name a cable; 5 of them are in the archive; 2 cables are missing
    assert (resolution.citations, resolution.resolved, resolution.missing_cables) == (9, 5, 2)
    assert resolution.unresolved == 4
    assert resolution.share == pytest.approx(5 / 9)


def test_pagerank_sums_to_one_and_favours_the_most_cited(graph: CitationGraph) -> None:
    ranks = graph.pagerank()
    assert ranks.sum() == pytest.approx(1.0)
    assert graph.top_pagerank(1)[0].node.reference_id == "08ANKARA100"
    assert graph.top_pagerank(1, in_archive=False)[0].node.reference_id == "07STATE999"


def test_pagerank_agrees_with_networkx(graph: CitationGraph) -> None:
    nx = pytest.importorskip("networkx")
    pytest.importorskip("scipy")
    digraph = nx.DiGraph()
    digraph.add_nodes_from(graph.ids)
    digraph.add_edges_from(
        (graph.ids[s], graph.ids[t])
        for s, t in zip(graph.source.tolist(), graph.target.tolist(), strict=True)
    )
    expected = nx.pagerank(digraph, tol=1e-13, max_iter=1000)
    ranks = graph.pagerank()
    for position, key in enumerate(graph.ids):
        assert ranks[position] == pytest.approx(expected[key], abs=1e-9)


def test_pagerank_on_a_larger_random_graph_agrees_with_networkx() -> None:
    nx = pytest.importorskip("networkx")
    pytest.importorskip("scipy")
    rng = np.random.default_rng(6)
    n = 400
    source = rng.integers(0, n, 1500)
    target = rng.integers(0, n, 1500)
    keep = source != target
    names = [f"08POST{i}" for i in range(n)]
    graph = CitationGraph(
        names,
        [(None, "POST", None, None, None)] * n,
        source[keep],
        target[keep],
        source[keep] * 0 + 1,
    )
    digraph = nx.DiGraph()
    digraph.add_nodes_from(names)
    digraph.add_edges_from(
        (names[s], names[t]) for s, t in zip(source[keep], target[keep], strict=True)
    )
    expected = nx.pagerank(digraph, tol=1e-13, max_iter=1000)
    assert np.allclose(graph.pagerank(), [expected[k] for k in names], atol=1e-9)


def test_flows_count_citations_between_posts(graph: CitationGraph) -> None:
    flows = graph.flows()
    assert Flow("ANKARA", "ANKARA", 1) in flows  # 150 -> 100
    assert Flow("ANKARA", "STATE", 2) in flows  # 150 -> STATE 2000, 200 -> 07STATE999
    assert flows[0].citations >= flows[-1].citations
    without_same = graph.flows(include_same_post=False)
    assert all(f.source != f.target for f in without_same)
    resolved = graph.flows(resolved_only=True)
    assert Flow("MOSCOW", "STATE", 1) not in resolved


def test_neighbourhood_spreads_both_ways_to_depth(graph: CitationGraph) -> None:
    around = {graph.ids[i] for i in graph.neighbourhood(["08ATHENS300"], depth=1)}
    assert around == {"08ATHENS300", "08ANKARA150", "07STATE999", "08ANKARA200"}
    wider = {graph.ids[i] for i in graph.neighbourhood(["08ATHENS300"], depth=2)}
    assert "08MOSCOW400" in wider  # a sibling through 07STATE999
    assert {graph.ids[i] for i in graph.neighbourhood(["08ATHENS300"], depth=0)} == {"08ATHENS300"}


def test_node_link_json_has_attributes_on_every_node(graph: CitationGraph) -> None:
    data = node_link(graph)
    assert data["directed"] is True
    assert len(data["nodes"]) == len(graph)
    assert len(data["links"]) == graph.edge_count
    node = next(n for n in data["nodes"] if n["id"] == "08ATHENS300")
    assert node["date"] == "2008-02-01"
    assert node["origin"] == "ATHENS"
    assert node["in_archive"]
    assert {"id", "date", "origin", "classification", "subject", "in_archive"} <= set(node)
    missing = next(n for n in data["nodes"] if n["id"] == "07STATE999")
    assert missing["in_archive"] is False
    assert missing["subject"] == ""


def test_export_json_of_a_query_neighbourhood(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "athens.json"
    report = export_graph(archive, path, "json", query="origin:ATHENS", depth=1)
    data = json.loads(path.read_text())
    assert {n["id"] for n in data["nodes"]} == {
        "08ATHENS300",
        "08ANKARA150",
        "07STATE999",
        "08ANKARA200",
    }
    assert {(e["source"], e["target"]) for e in data["links"]} == {
        ("08ATHENS300", "08ANKARA150"),
        ("08ATHENS300", "07STATE999"),
        ("08ANKARA200", "08ATHENS300"),
        ("08ANKARA200", "07STATE999"),
    }
    assert (report.nodes, report.edges) == (4, 4)


def test_export_graphml_is_read_back_by_networkx(archive: Archive, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    path = tmp_path / "all.graphml"
    export_graph(archive, path, "graphml")
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == len(HELD) + 2
    assert back.has_edge("08ANKARA150", "08STATE2000")
    assert back.nodes["08MOSCOW400"]["classification"] == "UNCLASSIFIED"
    assert back.nodes["06MOSCOW55"]["in_archive"] is False


def test_export_gexf_is_valid_gexf_with_attributes(archive: Archive, tmp_path: Path) -> None:
    nx = pytest.importorskip("networkx")
    path = tmp_path / "all.gexf"
    report = export_graph(archive, path, "gexf", citations="all")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("gexf")
    back = nx.read_gexf(path)
    assert back.has_edge("08ANKARA200", "08STATE2000")
    assert back.edges["08ANKARA200", "08STATE2000"]["kind"] == "mention"
    assert report.edges == back.number_of_edges()


def test_unknown_graph_format_raises(archive: Archive, tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="unknown graph format"):
        export_graph(archive, tmp_path / "x", "dot")  # type: ignore[arg-type]


def test_archive_answers_cites_cited_by_and_thread_from_its_graph(archive: Archive) -> None:
    graph = archive.graph()
    assert ids(archive.cites("08ANKARA200")) == ids(graph.cites("08ANKARA200"))
    assert ids(archive.cites("08ANKARA200")) == ["06MOSCOW55", "07STATE999", "08ATHENS300"]
    assert ids(archive.cited_by("07STATE999")) == ["08ATHENS300", "08ANKARA200", "08MOSCOW400"]
    assert [(e.node.reference_id, e.distance) for e in archive.thread("08ATHENS300", depth=1)] == [
        ("07STATE999", -1),
        ("08ANKARA150", -1),
        ("08ATHENS300", 0),
        ("08ANKARA200", 1),
    ]
    assert archive.graph() is graph  # built once while the archive is unchanged
    assert archive.graph(citations="all").citations == "all"


def test_archive_graph_follows_an_ingest(tmp_path: Path) -> None:
    folder = write(tmp_path / "in")
    with Archive.open(tmp_path / "growing.db") as growing:
        growing.ingest([folder], workers=1)
        assert not growing.graph().node("07STATE999").in_archive
        late = Sketch("STATE", 999, (1, 2), "FERRY GUIDANCE OF LAST YEAR", refs=("06 MOSCOW 55",))
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "07STATE999.txt").write_text(telegram(late).replace(" 08\n", " 07\n", 1))
        growing.ingest([extra], workers=1)
        assert growing.graph().node("07STATE999").in_archive
        assert "07STATE999" in ids(growing.cited_by("06MOSCOW55"))


def test_empty_archive_gives_an_empty_graph(tmp_path: Path) -> None:
    with Archive.open(tmp_path / "empty.db") as empty:
        graph = build_graph(empty)
        assert len(graph) == 0
        assert graph.edge_count == 0
        assert graph.pagerank().tolist() == []
        assert graph.most_cited() == []
        assert graph.flows() == []
        assert graph.resolution.share == 0.0
