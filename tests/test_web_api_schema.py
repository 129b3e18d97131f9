"""Property-based tests of the JSON API from its own OpenAPI document (schemathesis).

The application runs in process (ASGI, no server) over the web test archive. For
every operation of ``/openapi.json``, schemathesis generates requests from the
documented parameters (valid ones, and invalid ones: wrong types, out-of-range
depths and limits, hostile strings) and checks every answer: no server error, a
status code and a content type the document declares, a body that conforms to the
documented response schema, and invalid input refused. The example count is
bounded so the whole file runs in well under a minute.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web face needs the fastapi package")
schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (dev extra)")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.python import asgi  # noqa: E402
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

from cablegram.web import create_app  # noqa: E402
from tests.web_support import build_web_archive  # noqa: E402

EXAMPLES = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    archive = build_web_archive(tmp_path_factory.mktemp("api"))
    # the document straight from the app: from_asgi would fetch it through a client of
    # its own, whose exit runs the app's shutdown (closing the archive) before the tests
    app = create_app(str(archive))
    loaded = schemathesis.openapi.from_dict(app.openapi())
    loaded.app = app
    return loaded


@pytest.fixture(scope="module")
def asgi_client(api_schema: Any) -> Iterator[Any]:
    """One in-process client for the module: the app starts (and closes its archive)
    once, as under uvicorn, instead of once per request."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note about httpx2 under the test client
        client = asgi.get_client(api_schema.app)
    with client:
        yield client


# Every operation of the document, by path and method; the last test checks that this
# list is the document's (schemathesis' lazy pytest loader does not run on pytest 9.2,
# so the operations are named here and looked up in the schema the fixture loads).
OPERATIONS = (
    "/api/search",
    "/search.json",
    "/api/cable/{reference_id}",
    "/cable/{reference_id}.json",
    "/api/cable/{reference_id}/citations",
    "/api/cable/{reference_id}/graph",
    "/cable/{reference_id}/graph.json",
    "/cable/{reference_id}/raw",
    "/api/overview",
    "/overview.json",
    "/api/stats",
    "/api/post/{token}",
    "/post/{token}.json",
    "/api/posts",
    "/posts.json",
    "/api/tag/{code}",
    "/tag/{code}.json",
    "/api/tags",
    "/tags.json",
)


WITHOUT_PARAMETERS = {"/api/overview", "/overview.json", "/api/posts", "/posts.json"}
WITHOUT_PARAMETERS |= {"/api/tags", "/tags.json"}
CASES = [(path, "positive") for path in OPERATIONS] + [
    (path, "negative") for path in OPERATIONS if path not in WITHOUT_PARAMETERS
]


@pytest.mark.parametrize(("path", "mode"), CASES)
def test_every_operation_answers_as_documented(
    api_schema: Any, asgi_client: Any, path: str, mode: str
) -> None:
    operation = api_schema[path]["GET"]
    strategy = operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode))
    # A query string is documented as a string; the search language's grammar is not in
    # the document, so a malformed query is a 400 even in "valid" data: checked below.
    takes_query = any(p.name == "q" for p in operation.query)
    excluded = [positive_data_acceptance] if takes_query else []

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Any) -> None:
        response = case.call_and_validate(session=asgi_client, excluded_checks=excluded)
        (content_type,) = response.headers["content-type"]
        if mode == "positive" and response.status_code == 400:
            # only the query can be refused, by the query parser (with a position)
            error = response.json()["error"]
            assert takes_query
            assert case.query.get("q")
            assert error["position"] is not None or "query" in error["message"]
        if path.endswith("/raw"):  # the text, or an error page (as documented)
            expected = "text/plain" if response.status_code == 200 else "text/html"
            assert content_type.startswith(expected)
        else:  # answers and errors alike are JSON
            assert content_type.startswith("application/json")

    check()


# Answers with content (held cables, missing ones, posts, tags, searches with hits):
# random ids mostly find nothing, so these are checked against the document by name.
REAL = [
    ("/api/search", {}, {"q": "ferry"}),
    ("/search.json", {}, {"q": "turkish tag:PTER", "sort": "date"}),
    ("/api/search", {}, {"q": ""}),
    *[
        ("/api/cable/{reference_id}", {"reference_id": i}, {})
        for i in ("06ANKARA731", "08ATHENS377")
    ],
    ("/cable/{reference_id}.json", {"reference_id": "08STATE2000"}, {}),
    *[
        ("/api/cable/{reference_id}/citations", {"reference_id": i}, {})
        for i in ("08STATE2000", "07STATE999")
    ],
    ("/api/cable/{reference_id}/graph", {"reference_id": "08ANKARA150"}, {"depth": 3}),
    ("/cable/{reference_id}/graph.json", {"reference_id": "07STATE999"}, {}),
    ("/api/overview", {}, {}),
    ("/api/stats", {}, {"q": "tag:PREL", "by": ["year", "signer", "addressee"]}),
    ("/api/stats", {}, {}),
    *[("/api/post/{token}", {"token": t}, {}) for t in ("ANKARA", "STATE", "Embassy Athens")],
    ("/api/posts", {}, {}),
    *[("/api/tag/{code}", {"code": c}, {}) for c in ("PREL", "EWWT", "TU")],
    ("/api/tags", {}, {}),
]


@pytest.mark.parametrize(("path", "parameters", "query"), REAL)
def test_real_answers_conform_to_the_document(
    api_schema: Any, asgi_client: Any, path: str, parameters: dict[str, str], query: dict[str, Any]
) -> None:
    case = api_schema[path]["GET"].Case(path_parameters=parameters, query=query)
    response = case.call_and_validate(session=asgi_client)
    assert response.status_code == 200
    assert response.json()


def test_the_document_covers_every_api_endpoint(api_schema: Any) -> None:
    documented = {
        (path, method.upper())
        for path, item in api_schema.raw_schema["paths"].items()
        for method in item
    }
    assert documented == {(path, "GET") for path in OPERATIONS}
