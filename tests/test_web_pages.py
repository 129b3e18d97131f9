"""The web face's summary pages, graph, API and docs, in process over a real archive.

The archive is the one of ``tests/web_support.py``: the fixture cables, the
fictional citation web of ``tests/citing_cables.py`` (with 07STATE999, 06MOSCOW55
and 08ATHENS299 cited but absent) and a cable carrying markup.
"""

from __future__ import annotations

import re
import warnings
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args
from urllib.parse import urlsplit

import pytest

pytest.importorskip("fastapi", reason="the web face needs the fastapi package")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # Starlette's note about httpx versions
    from fastapi.testclient import TestClient

from cablegram import analytics
from cablegram.archive import Archive
from cablegram.linter import lint
from cablegram.web import create_app
from cablegram.web.app import StatsField
from tests.web_support import build_web_archive


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_archive(tmp_path_factory.mktemp("web-pages"))


@pytest.fixture(scope="module")
def client(archive_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(archive_path))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def archive(archive_path: Path) -> Iterator[Archive]:
    with Archive.open(archive_path, readonly=True) as opened:
        yield opened


def _links(html: str) -> list[str]:
    return [m.replace("&amp;", "&") for m in re.findall(r'href="([^"]+)"', html)]


def _json_twin(url: str) -> str:
    path, _, query = url.partition("?")
    return path + ".json" + ("?" + query if query else "")


# -- graph ------------------------------------------------------------------------------


def test_graph_page_draws_every_node_as_a_link(client: TestClient) -> None:
    data = client.get("/cable/08ATHENS300/graph.json").json()
    html = client.get("/cable/08ATHENS300/graph").text
    assert "<svg" in html
    assert "<script" not in html
    ids = {node["reference_id"] for node in data["nodes"]}
    # depth 1: what it cites, what cites it
    assert ids == {"08ATHENS300", "08ANKARA150", "07STATE999", "08ANKARA200"}
    for node in data["nodes"]:
        assert f'<a href="{node["url"]}" class="node' in html
    centre = next(node for node in data["nodes"] if node["centre"])
    assert centre["reference_id"] == "08ATHENS300"
    assert centre["distance"] == 0


def test_graph_marks_missing_cables_and_links_to_their_citers(client: TestClient) -> None:
    data = client.get("/cable/08ATHENS300/graph.json").json()
    missing = next(node for node in data["nodes"] if node["reference_id"] == "07STATE999")
    assert missing["in_archive"] is False
    assert missing["url"] == "/search?q=cites%3A07STATE999"
    html = client.get("/cable/08ATHENS300/graph").text
    assert '<a href="/search?q=cites%3A07STATE999" class="node missing">' in html
    citing = client.get(missing["url"].replace("/search", "/search.json", 1)).json()
    assert {hit["reference_id"] for hit in citing["hits"]} == {
        "08ATHENS300",
        "08ANKARA200",
        "08MOSCOW400",
    }


def test_graph_layout_puts_cited_cables_left_of_citing_ones(client: TestClient) -> None:
    data = client.get("/cable/08ATHENS300/graph.json", params={"depth": 3}).json()
    x = {node["reference_id"]: node["x"] for node in data["nodes"]}
    assert data["edges"]
    for edge in data["edges"]:
        assert x[edge["source"]] > x[edge["target"]], edge
    boxes = {(node["x"], node["y"]) for node in data["nodes"]}
    assert len(boxes) == len(data["nodes"])  # no two nodes on one spot


def test_graph_depth_comes_from_the_url(client: TestClient) -> None:
    near = client.get("/cable/08ATHENS300/graph.json").json()
    far = client.get("/cable/08ATHENS300/graph.json", params={"depth": 3}).json()
    assert near["depth"] == 1
    assert far["depth"] == 3
    assert {n["reference_id"] for n in near["nodes"]} < {n["reference_id"] for n in far["nodes"]}
    assert max(n["distance"] for n in far["nodes"]) > 1
    html = client.get("/cable/08ATHENS300/graph", params={"depth": 3}).text
    assert '<strong aria-current="page">3</strong>' in html
    assert "/cable/08ATHENS300/graph?depth=2" in _links(html)
    assert client.get("/api/cable/08ATHENS300/graph", params={"depth": 3}).json() == far


@pytest.mark.parametrize("depth", ["0", "4", "two"])
def test_graph_depth_out_of_range_is_refused(client: TestClient, depth: str) -> None:
    api = client.get("/cable/08ATHENS300/graph.json", params={"depth": depth})
    assert api.status_code == 400
    assert api.json()["error"]["message"].startswith("invalid request parameters: depth")
    assert client.get("/cable/08ATHENS300/graph", params={"depth": depth}).status_code == 400


def test_graph_of_a_cited_but_missing_cable(client: TestClient) -> None:
    data = client.get("/cable/07STATE999/graph.json").json()
    assert data["in_archive"] is False
    assert data["links"]["cable"] is None
    assert {n["reference_id"] for n in data["nodes"]} == {
        "07STATE999",
        "08ATHENS300",
        "08ANKARA200",
        "08MOSCOW400",
    }
    response = client.get("/cable/99NOWHERE1/graph.json")
    assert response.status_code == 404
    assert "99NOWHERE1" in response.json()["error"]["message"]


def test_graph_page_escapes_subjects(client: TestClient) -> None:
    html = client.get("/cable/08ATHENS377/graph").text
    assert "<B>" not in html
    assert "&lt;B&gt;BOLD&lt;/B&gt;" in html


# -- post, tag, overview --------------------------------------------------------------


def test_post_page_shows_what_the_post_sent(client: TestClient, archive: Archive) -> None:
    data = client.get("/post/ANKARA.json").json()
    assert data["name"] == "Embassy Ankara"
    assert data["routes"] == ["RUEHAK"]
    assert data["total"] == archive.count("origin:ANKARA") == 4
    assert sum(bar["count"] for bar in data["chart"]["bars"]) == 4
    assert data["addressees"][0]["value"] == "STATE"
    assert data["addressees"][0]["name"] == "Secretary of State"
    assert {"value": "TU", "url": "/tag/TU"}.items() <= next(
        row for row in data["top_tags"] if row["value"] == "TU"
    ).items()
    assert data["most_cited"][0]["reference_id"] == "08ANKARA100"
    assert data["most_cited"][0]["citations"] == 2
    html = client.get("/post/ANKARA").text
    assert "<h1>Embassy Ankara" in html
    assert "/search?q=origin%3AANKARA" in _links(html)
    assert 'href="/cable/08ANKARA100"' in html
    assert client.get("/api/post/ANKARA").json() == data


def test_post_page_accepts_the_post_name(client: TestClient) -> None:
    data = client.get("/post/Embassy Ankara.json").json()
    assert data["token"] == "ANKARA"


def test_unknown_post_is_404_as_page_and_json(client: TestClient) -> None:
    page = client.get("/post/NOWHERESVILLE")
    assert page.status_code == 404
    assert "no post NOWHERESVILLE" in page.text
    api = client.get("/post/NOWHERESVILLE.json")
    assert api.status_code == 404
    assert api.json()["error"]["message"].startswith("no post NOWHERESVILLE")


def test_tag_page_gives_the_meaning_and_what_it_covers(
    client: TestClient, archive: Archive
) -> None:
    data = client.get("/tag/PREL.json").json()
    assert data["meaning"] == "External political relations"
    assert data["total"] == archive.count("tag:PREL")
    chart = data["chart"]
    assert sum(bar["count"] for bar in chart["bars"]) + chart["undated"] == data["total"]
    assert "PREL" not in {row["value"] for row in data["related_tags"]}
    assert data["origins"][0]["url"] == f"/post/{data['origins'][0]['value']}"
    html = client.get("/tag/PREL").text
    assert "External political relations" in html
    assert "/search?q=tag%3APREL" in _links(html)
    assert client.get("/api/tag/PREL").json() == data


def test_known_tag_without_cables_is_a_page_and_unknown_code_a_404(client: TestClient) -> None:
    known = client.get("/tag/KNNP.json")
    assert known.status_code == 200
    assert known.json()["total"] == 0
    assert known.json()["meaning"] == "Nuclear non-proliferation"
    assert client.get("/tag/QQXZ").status_code == 404
    assert client.get("/tag/QQXZ.json").json()["error"]["message"].startswith("no tag QQXZ")


def test_overview_is_the_home_page(client: TestClient, archive: Archive) -> None:
    data = client.get("/overview.json").json()
    assert data["total"] == len(archive)
    assert data == client.get("/api/overview").json()
    html = client.get("/").text
    assert "The archive at a glance" in html
    assert html == client.get("/overview").text


def test_overview_counts_references_and_most_cited(client: TestClient) -> None:
    data = client.get("/overview.json").json()
    refs = data["references"]
    assert refs["resolved"] + refs["unresolved"] == refs["citations"] > 0
    assert refs["share"] == round(refs["resolved"] / refs["citations"], 4)
    missing = data["most_cited_missing"][0]
    assert missing == {
        **missing,
        "reference_id": "07STATE999",
        "in_archive": False,
        "citations": 3,
    }
    held = {row["reference_id"] for row in data["most_cited"]}
    assert {"08ANKARA100", "08ANKARA150"} <= held
    html = client.get("/overview").text
    assert 'class="id missing" href="/search?q=cites%3A07STATE999"' in html


def test_home_page_with_a_query_goes_to_the_search(client: TestClient) -> None:
    response = client.get("/", params={"q": "ferry"}, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/search?q=ferry"


def test_posts_and_tags_indexes_link_to_their_pages(client: TestClient) -> None:
    posts = client.get("/posts.json").json()
    assert sum(post["count"] for post in posts["posts"]) + posts["unknown"] == posts["total"]
    assert posts["unknown"] == 1  # a fixture with neither id nor origin
    assert "/post/ANKARA" in _links(client.get("/posts").text)
    tags = client.get("/api/tags").json()
    prel = next(tag for tag in tags["tags"] if tag["code"] == "PREL")
    assert prel["meaning"] == "External political relations"
    assert prel["url"] == "/tag/PREL"
    assert "/tag/PREL" in _links(client.get("/tags").text)


# -- search and cable additions ---------------------------------------------------------


def test_search_page_charts_the_matches_per_month(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "ferry"}).json()
    bars = data["chart"]["bars"]
    assert sum(bar["count"] for bar in bars) + data["chart"]["undated"] == data["total"]
    assert [bar["label"] for bar in bars] == sorted(bar["label"] for bar in bars)
    april = next(bar for bar in bars if bar["label"] == "2008-04")
    narrowed = client.get(_json_twin(april["url"].replace("/search", "/search", 1))).json()
    assert narrowed["query"] == "ferry date:2008-04"
    assert narrowed["total"] == april["count"]
    html = client.get("/search", params={"q": "ferry"}).text
    assert '<figure class="chart">' in html
    assert f'<a href="{april["url"].replace("&", "&amp;")}"><rect class="bar"' in html


def test_search_pages_are_numbered_links(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cablegram.web import pages

    monkeypatch.setattr(pages, "PER_PAGE", 2)
    data = client.get("/search.json", params={"sort": "date", "page": "4"}).json()
    numbers = [link["page"] for link in data["links"]["pages"]]
    assert numbers == [1, 2, 3, 4, 5, 6, None, 8]
    assert next(link for link in data["links"]["pages"] if link["current"])["page"] == 4
    html = client.get("/search", params={"sort": "date", "page": "4"}).text
    assert '<strong aria-current="page">4</strong>' in html
    assert "/search?sort=date&page=8" in _links(html)


def test_cable_page_dates_in_words_and_links_graph_post_and_tags(client: TestClient) -> None:
    data = client.get("/cable/06ANKARA731.json").json()
    assert data["created_words"] == "Friday 9 June 2006, 11:22 UTC"
    assert data["links"]["graph"] == "/cable/06ANKARA731/graph"
    assert data["links"]["post"] == "/post/ANKARA"
    html = client.get("/cable/06ANKARA731").text
    assert "Friday 9 June 2006, 11:22 UTC" in html
    links = _links(html)
    assert {"/cable/06ANKARA731/graph", "/post/ANKARA", "/tag/PTER"} <= set(links)
    assert '<a class="tag" href="/tag/PTER" title="Terrorists and terrorism">PTER</a>' in html


def test_cable_page_lists_the_linter_findings(client: TestClient, archive: Archive) -> None:
    checked = 0
    for reference_id in archive.engine.ids(""):
        cable = archive.cable(reference_id)
        assert cable is not None
        findings = lint(cable)
        data = client.get(f"/cable/{reference_id}.json").json()
        assert [f["code"] for f in data["findings"]] == [f.code for f in findings]
        if findings:
            html = client.get(f"/cable/{reference_id}").text
            assert "<h2>Linter findings</h2>" in html
            assert f'<code title="{findings[0].name}">{findings[0].code}</code>' in html
            checked += 1
    assert checked  # the fixtures do break some rules


# -- API --------------------------------------------------------------------------------


def test_citations_endpoint_gives_references_cites_and_cited_by(client: TestClient) -> None:
    data = client.get("/api/cable/08ATHENS377/citations").json()
    assert [(r["reference_id"], r["in_archive"]) for r in data["references"]] == [
        ("08ANKARA150", True),
        ("08ATHENS299", False),
    ]
    assert {(n["reference_id"], n["in_archive"]) for n in data["cites"]} == {
        ("08ANKARA150", True),
        ("08ATHENS299", False),
    }
    missing = client.get("/api/cable/07STATE999/citations").json()
    assert missing["in_archive"] is False
    assert missing["references"] == []
    assert {n["reference_id"] for n in missing["cited_by"]} == {
        "08ATHENS300",
        "08ANKARA200",
        "08MOSCOW400",
    }
    assert client.get("/api/cable/99NOWHERE1/citations").status_code == 404


def test_stats_fields_of_the_api_are_those_of_analytics() -> None:
    assert get_args(StatsField) == analytics.FIELDS


def test_stats_endpoint_is_the_analytics_stats(client: TestClient, archive: Archive) -> None:
    data = client.get("/api/stats", params=[("q", "tag:PREL"), ("by", "year"), ("by", "origin")])
    expected = analytics.stats(archive, "tag:PREL", by=("year", "origin")).to_dict()
    assert data.json() == expected
    bad = client.get("/api/stats", params={"by": "colour"})
    assert bad.status_code == 400
    message = bad.json()["error"]["message"]
    assert message.startswith("invalid request parameters: by: Input should be 'year'")
    assert "'classified_by'" in message
    syntax = client.get("/api/stats", params={"q": "tga:x"})
    assert syntax.status_code == 400
    assert syntax.json()["error"]["position"] == 0


def test_addressee_counts_name_the_action_addressees(archive: Archive) -> None:
    counts = analytics.stats(archive, "origin:ANKARA", by=("addressee",))["addressee"]
    assert counts[0] == ("STATE", 4)


@pytest.mark.parametrize(
    "url",
    [
        "/api/cable/<script>",
        "/cable/%3Cscript%3Ealert(1)",
        "/tag/" + "A" * 65,
        "/post/bad%22quote",
    ],
)
def test_hostile_path_parameters_are_refused_with_a_message(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "<script>" not in response.text
    if url.startswith("/api/"):
        assert response.json()["error"]["message"].startswith("invalid request parameters")


def test_openapi_documents_every_json_endpoint(client: TestClient) -> None:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    wanted = {
        "/api/search",
        "/api/cable/{reference_id}",
        "/api/cable/{reference_id}/citations",
        "/api/cable/{reference_id}/graph",
        "/api/stats",
        "/api/overview",
        "/api/tags",
        "/api/tag/{code}",
        "/api/posts",
        "/api/post/{token}",
    }
    assert wanted <= set(schema["paths"])
    for path, item in schema["paths"].items():
        operation = item["get"]
        assert operation["summary"], path
        assert operation["description"], path
        if "{" in path and not path.endswith("/raw"):
            assert "404" in operation["responses"], path
            assert operation["responses"]["404"]["content"]["application/json"]["schema"] == {
                "$ref": "#/components/schemas/ErrorBody"
            }


def test_api_docs_page_is_served_locally_from_the_openapi_document(client: TestClient) -> None:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    response = client.get("/api")
    assert response.status_code == 200
    html = response.text
    for path in schema["paths"]:
        assert f"<code>{path}</code>" in html
    assert "<script" not in html
    assert "cdn" not in html.lower()
    assert not [link for link in _links(html) if urlsplit(link).netloc]
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    example = next(link for link in _links(html) if link.startswith("/api/cable/06ANKARA731"))
    assert client.get(example).status_code == 200


# -- every page: links, twins, the frame ------------------------------------------------


def test_every_link_reachable_from_the_home_page_works(client: TestClient) -> None:
    queue, seen, broken = deque(["/"]), {"/"}, []
    while queue and len(seen) < 400:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if not response.headers["content-type"].startswith("text/html"):
            continue
        for link in _links(response.text):
            if urlsplit(link).netloc or link.startswith("#"):
                continue
            if link not in seen:
                seen.add(link)
                queue.append(link)
    assert not broken
    assert len(seen) > 100
    assert any(link.endswith("/graph") for link in seen)


@pytest.mark.parametrize(
    "url",
    ["/overview", "/posts", "/tags", "/post/ANKARA", "/tag/TU", "/cable/08ANKARA150/graph"],
)
def test_every_page_has_its_json_twin_linked_and_the_common_frame(
    client: TestClient, url: str
) -> None:
    html = client.get(url).text
    twin = _json_twin(url)
    assert f'Data as <a href="{twin}">JSON</a>' in html
    assert client.get(twin).status_code == 200
    assert '<a class="skip" href="#main">Skip to content</a>' in html
    assert '<main id="main" tabindex="-1">' in html
    assert 'accesskey="s"' in html
    assert "<script" not in html


def test_stylesheet_has_phone_and_print_rules(client: TestClient) -> None:
    css = client.get("/static/cablegram.css").text
    assert "@media (max-width: 700px)" in css
    assert "@media print" in css
    assert ":focus-visible" in css


def test_graph_cuts_a_tall_layer_into_columns_in_time_order() -> None:
    import numpy as np

    from cablegram.graph import CitationGraph
    from cablegram.web import graphview

    n = 30  # thirty cables answering one telegram
    ids = ["08STATE1"] + [f"08POST{i}" for i in range(2, n + 2)]
    attributes = [
        (f"2008-01-{1 + i // 2:02d}T10:{i % 60:02d}:00+00:00", "STATE", None, None, None)
        for i in range(n + 1)
    ]
    source = np.arange(1, n + 1, dtype=np.int64)
    target = np.zeros(n, dtype=np.int64)
    graph = CitationGraph(ids, attributes, source, target, np.ones(n, dtype=np.int64))
    data = graphview.graph_page(graph, "08STATE1")
    columns: dict[int, list[str]] = {}
    for node in data["nodes"]:
        columns.setdefault(node["x"], []).append(node["reference_id"])
    assert len(columns) == 1 + -(-n // graphview.MAX_ROWS)
    assert max(len(members) for members in columns.values()) <= graphview.MAX_ROWS
    assert columns[min(columns)] == ["08STATE1"]
    citers = [key for x in sorted(columns)[1:] for key in columns[x]]
    assert sorted(citers, key=ids.index) == citers  # earlier columns, earlier cables
