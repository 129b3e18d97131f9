"""The web face, in process: search and cable pages, their JSON, errors and safety.

The archive is built from the fixture cables, the fictional citation web of
``tests/citing_cables.py`` and one hostile cable whose text carries markup.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web face needs the fastapi package")

with warnings.catch_warnings():
    # Starlette asks for httpx2 when the test client runs on httpx; nothing to fix here
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from cablegram.archive import Archive
from cablegram.errors import ArchiveError
from cablegram.web import create_app, pages
from cablegram.web.app import highlight
from tests.web_support import build_web_archive, served


@pytest.fixture(scope="module")
def archive_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_archive(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(archive_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(archive_path))) as test_client:
        yield test_client


def _links(html: str) -> list[str]:
    return [m.replace("&amp;", "&") for m in re.findall(r'href="([^"]+)"', html)]


# -- search -------------------------------------------------------------------


def test_search_page_lists_hits_with_badges_and_facets(client: TestClient) -> None:
    response = client.get("/", params={"q": "turkish"})
    assert response.status_code == 200
    assert 'href="/cable/06ANKARA731"' in response.text
    assert '<span class="badge level-s">SECRET//NOFORN</span>' in response.text
    assert "<mark>Turkish</mark>" in response.text
    assert 'data-facet="tag"' in response.text
    assert "/search?q=turkish+tag%3APTER" in _links(response.text)


def test_facet_link_adds_the_field_to_the_query_and_filters(client: TestClient) -> None:
    everything = client.get("/search.json").json()
    tags = next(f for f in everything["facets"] if f["name"] == "tag")
    ewwt = next(v for v in tags["values"] if v["value"] == "EWWT")
    assert ewwt["url"] == "/search?q=tag%3AEWWT"
    narrowed = client.get(ewwt["url"].replace("/search", "/search.json", 1)).json()
    assert narrowed["query"] == "tag:EWWT"
    assert narrowed["total"] == ewwt["count"] < everything["total"]
    refined = next(f for f in narrowed["facets"] if f["name"] == "tag")
    assert next(v for v in refined["values"] if v["value"] == "EWWT")["selected"]


def test_classification_facet_value_is_quoted_in_the_query(client: TestClient) -> None:
    data = client.get("/search.json").json()
    classes = next(f for f in data["facets"] if f["name"] == "classification")
    noforn = next(v for v in classes["values"] if v["value"] == "SECRET//NOFORN")
    filtered = client.get(noforn["url"].replace("/search", "/search.json", 1)).json()
    assert [hit["reference_id"] for hit in filtered["hits"]] == ["06ANKARA731"]


def test_pagination_and_sort_are_shareable_urls(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PER_PAGE", 3)
    first = client.get("/search.json", params={"sort": "date"}).json()
    assert first["links"]["next"] == "/search?sort=date&page=2"
    assert first["links"]["previous"] is None
    second = client.get("/search.json", params={"sort": "date", "page": "2"}).json()
    assert second["links"]["previous"] == "/search?sort=date"
    assert not {h["reference_id"] for h in first["hits"]} & {
        h["reference_id"] for h in second["hits"]
    }
    dates = [h["created"] for h in first["hits"] + second["hits"]]
    assert dates == sorted(dates, reverse=True)
    page = client.get("/search", params={"sort": "date", "page": "2"})
    assert "/search?sort=date&page=3" in _links(page.text)
    assert '<strong class="sort-current">date</strong>' in page.text


def test_oldest_sort_reverses_date_order(client: TestClient) -> None:
    hits = client.get("/api/search", params={"sort": "oldest"}).json()["hits"]
    dates = [h["created"] for h in hits if h["created"]]
    assert dates == sorted(dates)


def test_search_json_is_the_page_data(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "ferry"}).json()
    html = client.get("/search", params={"q": "ferry"}).text
    alias = client.get("/api/search", params={"q": "ferry"}).json()
    for timed in (data, alias):
        del timed["milliseconds"]  # the only field that differs between two runs
    assert data == alias
    assert data["total"] > 0
    assert f"<strong>{data['total']}</strong>" in html
    for hit in data["hits"]:
        assert f'href="{hit["url"]}"' in html


def test_bad_query_is_refused_with_its_position(client: TestClient) -> None:
    page = client.get("/search", params={"q": "iran tga:PREL"})
    assert page.status_code == 400
    assert "unknown field tga:" in page.text
    assert "iran tga:PREL\n     ^</pre>" in page.text
    api = client.get("/api/search", params={"q": "iran tga:PREL"})
    assert api.status_code == 400
    assert api.json()["error"]["position"] == 5
    assert "tga:" in api.json()["error"]["message"]


def test_query_over_the_length_limit_is_refused(client: TestClient) -> None:
    response = client.get("/search.json", params={"q": "a " * 1001})
    assert response.status_code == 400
    assert "2,000" in response.json()["error"]["message"]


def test_bad_page_number_is_a_400_of_the_same_shape(client: TestClient) -> None:
    response = client.get("/search.json", params={"page": "zero"})
    assert response.status_code == 400
    assert set(response.json()["error"]) == {"message", "position"}
    assert client.get("/search", params={"sort": "sideways"}).status_code == 400


# -- cable ------------------------------------------------------------------


def test_cable_page_shows_banner_header_and_addressees(client: TestClient) -> None:
    html = client.get("/cable/06ANKARA731").text
    assert '<div class="banner level-s">SECRET//NOFORN' in html
    assert "2006-06-09 11:22 UTC" in html
    istanbul = '<td>AMCONSUL ISTANBUL</td><td><a href="/post/ISTANBUL">Consulate Istanbul</a></td>'
    assert istanbul in html
    assert "<td>NSC WASHDC</td><td>National Security Council</td>" in html
    assert "National Security Council" in html
    assert 'title="Terrorists and terrorism">PTER</a>' in html
    assert '<span class="portion level-s">(S/NF)</span>' in html
    assert "Foreign government information" in html
    assert '<aside class="summary">' in html


def test_reference_links_to_held_cable_and_marks_missing_one(client: TestClient) -> None:
    data = client.get("/cable/08ATHENS377.json").json()
    by_id = {ref["reference_id"]: ref for ref in data["references"]}
    assert by_id["08ANKARA150"]["url"] == "/cable/08ANKARA150"
    assert by_id["08ATHENS299"]["in_archive"] is False
    html = client.get("/cable/08ATHENS377").text
    assert 'href="/cable/08ANKARA150"' in html
    assert 'class="missing" title="not in this archive">ATHENS 299</span>' in html
    assert by_id["08ATHENS299"]["citing_url"] == "/search?q=cites%3A08ATHENS299"
    assert 'href="/search?q=cites%3A08ATHENS299">the cables citing 08ATHENS299</a>' in html


def test_cited_by_lists_the_citing_cables(client: TestClient) -> None:
    data = client.get("/api/cable/08ANKARA150").json()
    citing = {node["reference_id"] for node in data["cited_by"]}
    assert citing == {"08ATHENS300", "08ATHENS377"}
    html = client.get("/cable/08ANKARA150").text
    assert 'href="/cable/08ATHENS300"' in html


def test_cable_json_is_the_page_data_with_the_record(client: TestClient) -> None:
    data = client.get("/cable/06ANKARA731.json").json()
    assert data == client.get("/api/cable/06ANKARA731").json()
    assert data["cable"]["reference_id"] == "06ANKARA731"
    assert data["cable"]["classification"] == "SECRET//NOFORN"
    assert [r["organisation"] for r in data["action_addressees"]] == ["Secretary of State"]
    assert data["links"]["raw"] == "/cable/06ANKARA731/raw"


def test_raw_text_is_plain_text(client: TestClient) -> None:
    response = client.get("/cable/06ANKARA731/raw")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "FM AMEMBASSY ANKARA" in response.text


def test_unknown_cable_is_404_as_page_and_json(client: TestClient) -> None:
    page = client.get("/cable/99NOWHERE1")
    assert page.status_code == 404
    assert "no cable 99NOWHERE1" in page.text
    api = client.get("/api/cable/99NOWHERE1")
    assert api.status_code == 404
    assert api.json() == {
        "error": {"message": "no cable 99NOWHERE1 in this archive", "position": None}
    }
    assert client.get("/cable/99NOWHERE1/raw").status_code == 404


# -- safety -----------------------------------------------------------------


def test_markup_in_a_cable_is_shown_as_text(client: TestClient) -> None:
    html = client.get("/cable/08ATHENS377").text
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<B>" not in html
    assert "&lt;B&gt;BOLD&lt;/B&gt;" in html
    results = client.get("/search", params={"q": "minister"}).text
    assert "<script>" not in results
    assert "&lt;script&gt;" in results


def test_highlight_escapes_before_marking() -> None:
    assert str(highlight("a \x02<b>\x03 c")) == "a <mark>&lt;b&gt;</mark> c"


def test_every_response_carries_the_content_security_policy(client: TestClient) -> None:
    for url in (
        "/",
        "/cable/06ANKARA731",
        "/api/search",
        "/cable/nothing-here",
        "/static/cablegram.css",
    ):
        policy = client.get(url).headers["content-security-policy"]
        assert policy.startswith("default-src 'self'")


def test_openapi_schema_is_served_but_cdn_docs_are_off(client: TestClient) -> None:
    schema: dict[str, Any] = client.get("/openapi.json").json()
    assert "/api/search" in schema["paths"]
    assert "/api/cable/{reference_id}" in schema["paths"]
    assert client.get("/docs").status_code == 404


def test_archive_is_opened_read_only(client: TestClient) -> None:
    app: Any = client.app
    archive: Archive = app.state.archive
    with pytest.raises(ArchiveError):
        archive.backend.execute("CREATE TABLE intruder (x)")


def test_selected_facet_link_removes_its_filter(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "ferry tag:PREL", "sort": "date"}).json()
    tags = next(f for f in data["facets"] if f["name"] == "tag")
    prel = next(v for v in tags["values"] if v["value"] == "PREL")
    assert prel["selected"]
    assert prel["url"] == "/search?q=ferry&sort=date"
    html = client.get("/search", params={"q": "ferry tag:PREL"}).text
    assert '<a href="/search?q=ferry" aria-current="true" title="remove this filter">' in html


def test_the_app_serves_again_after_a_shutdown_and_a_new_start(archive_path: Path) -> None:
    app = create_app(str(archive_path))
    for _ in range(2):  # each client runs the app's startup and shutdown
        with TestClient(app) as test_client:
            response = test_client.get("/api/cable/06ANKARA731")
            assert response.status_code == 200
            assert response.json()["reference_id"] == "06ANKARA731"


def test_a_post_nobody_knows_is_a_404_even_when_its_name_has_spaces(client: TestClient) -> None:
    # the search language refuses an unknown post name; the page is still a 404
    response = client.get("/api/post/NO SUCH PLACE")
    assert response.status_code == 404
    assert "no post NO SUCH PLACE" in response.json()["error"]["message"]


def test_serve_with_two_workers_answers_from_two_processes(
    archive_path: Path, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    with served(archive_path, log, "--workers", "2") as url:
        for _ in range(20):
            with urllib.request.urlopen(url + "/search.json?q=turkish", timeout=10) as answer:
                assert answer.status == 200
                assert json.load(answer)["total"] == 1
        deadline = time.monotonic() + 60  # the second process may still be starting
        while True:
            started = set(re.findall(r"Started server process \[(\d+)\]", log.read_text()))
            if len(started) >= 2 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert len(started) == 2
