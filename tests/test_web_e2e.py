"""End to end, in a real browser: ``cablegram serve`` driven by headless Chromium.

The server runs as a child process (``cablegram serve``, uvicorn) on a free port of
127.0.0.1, over the web test archive of :mod:`tests.web_support`; Playwright drives
Debian's Chromium (``/usr/bin/chromium``, installed by ``.ci/run``) through its
executable path. Each test reads what the page shows, clicks as a reader would, and
saves screenshots under ``test-artifacts/e2e/`` (git-ignored). Every page is also
checked for browser console errors (a Content-Security-Policy violation is one).

Skipped, with the reason, when Chromium or the ``playwright`` package is absent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web_support import build_web_archive, served

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"end-to-end tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="needs playwright (dev extra)")

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "e2e"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``cablegram serve`` over the web test archive, until the module's tests end."""
    root = tmp_path_factory.mktemp("e2e")
    with served(build_web_archive(root), root / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Debian's Chromium, headless, with a new empty profile."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=FLAGS, headless=True
        )
        yield context
        context.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """A new tab; the test fails if the browser reports a console error or a dialog."""
    tab = browser.new_page()
    tab.set_default_timeout(15_000)
    problems: list[str] = []
    tab.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    tab.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    yield tab
    tab.close()
    assert problems == []


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_search_then_a_facet_then_a_cable_then_a_reference_then_the_graph(
    page: Any, base_url: str
) -> None:
    # the search box of the overview page
    page.goto(base_url + "/")
    assert page.locator("h1").inner_text() == "The archive at a glance"
    page.fill("input[name=q]", "ferry")
    page.press("input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=ferry$"))
    ids = page.locator("ol.hits a.id").all_inner_texts()
    assert {"08ANKARA100", "08STATE2000", "08ATHENS300", "08ATHENS377"} <= set(ids)
    assert page.locator("ol.hits mark").first.inner_text().lower() == "ferry"
    shot(page, "1-search")

    # click the ANKARA value of the origin facet: only Ankara's cables remain
    facet = page.locator("section[data-facet=origin] a", has_text=re.compile(r"^ANKARA$"))
    count = int(facet.locator("xpath=../span[@class='count']").inner_text())
    facet.click()
    page.wait_for_url(re.compile(r"origin%3AANKARA"))
    ids = page.locator("ol.hits a.id").all_inner_texts()
    assert len(ids) == count >= 3
    assert all("ANKARA" in i for i in ids)
    assert page.locator("section[data-facet=origin] li.selected").inner_text().endswith(str(count))
    assert page.locator("input[name=q]").input_value() == "ferry origin:ANKARA"
    shot(page, "2-facet")

    # open a cable from the results
    page.locator("ol.hits a.id", has_text="08ANKARA150").click()
    page.wait_for_url(re.compile(r"/cable/08ANKARA150$"))
    assert "TURKEY: FERRY REVIEW MEETS GUIDANCE" in page.locator("h1").inner_text()
    assert page.locator("div.banner").inner_text().startswith("CONFIDENTIAL")
    assert page.locator(".tags a.tag", has_text="EWWT").get_attribute("title")
    shot(page, "3-cable")

    # follow a reference to the cable it names; that cable lists this one as citing it
    page.locator("section.references a", has_text="STATE 2000").click()
    page.wait_for_url(re.compile(r"/cable/08STATE2000$"))
    assert "GUIDANCE ON FERRY SAFETY REVIEW" in page.locator("h1").inner_text()
    cited_by = page.locator("section.cited-by a").all_inner_texts()
    assert "08ANKARA150" in cited_by
    shot(page, "4-reference")

    # its citation graph: drawn, centred on it, and its nodes are links
    page.get_by_role("link", name="Citation graph").click()
    page.wait_for_url(re.compile(r"/cable/08STATE2000/graph$"))
    assert page.locator("svg a.node").count() >= 3
    assert page.locator("svg a.node.centre text.label").text_content() == "08STATE2000"
    assert page.locator("svg path.edge").count() >= 2
    shot(page, "5-graph")
    page.locator("svg a.node", has_text="08ANKARA100").click()
    page.wait_for_url(re.compile(r"/cable/08ANKARA100$"))
    assert "FERRY SAFETY REVIEW OPENS" in page.locator("h1").inner_text()


def test_post_tag_and_overview_pages_show_the_archive(page: Any, base_url: str) -> None:
    page.goto(base_url + "/overview")
    total = page.locator("main").inner_text()
    assert re.search(r"\b\d+\b", total)
    page.get_by_role("link", name="Posts", exact=True).first.click()
    page.wait_for_url(re.compile(r"/posts$"))
    page.locator("main a", has_text="ANKARA").first.click()
    page.wait_for_url(re.compile(r"/post/ANKARA$"))
    assert "Embassy Ankara" in page.locator("h1").inner_text()
    assert "RUEHAK" in page.locator("main").inner_text()  # its routing indicator
    shot(page, "6-post")

    page.goto(base_url + "/cable/08ANKARA150")
    page.locator(".tags a.tag", has_text="EWWT").click()
    page.wait_for_url(re.compile(r"/tag/EWWT$"))
    heading = page.locator("h1").inner_text()
    assert heading.startswith("EWWT ")
    assert len(heading) > len("EWWT ")  # with its meaning
    assert "ANKARA" in page.locator("main").inner_text()  # the post using it
    shot(page, "7-tag")


def test_hostile_cable_text_is_shown_as_text_and_a_missing_reference_is_marked(
    page: Any, base_url: str
) -> None:
    page.goto(base_url + "/cable/08ATHENS377")
    assert "<B>BOLD</B>" in page.locator("h1").inner_text()
    assert page.locator("h1 b").count() == 0
    assert "<script>alert(1)</script>" in page.locator("section.body").inner_text()
    missing = page.locator("section.references span.missing")
    assert missing.inner_text() == "ATHENS 299"
    page.locator("section.references a", has_text="the cables citing 08ATHENS299").click()
    page.wait_for_url(re.compile(r"/search\?q=cites%3A08ATHENS299"))
    assert page.locator("ol.hits a.id").all_inner_texts() == ["08ATHENS377"]
    shot(page, "8-hostile")
