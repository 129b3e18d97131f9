"""The FastAPI application: routes, error shapes, security headers.

Every page has one data function (:mod:`.pages` for search and cables,
:mod:`.summaries` for the overview, posts and tags, :mod:`.graphview` for the
citation graph); a route renders it as HTML, and the same URL with a ``.json``
suffix returns the same data as JSON (``/search.json?q=...``, ``/cable/{id}.json``).
The ``/api/...`` URLs are the documented API: aliases of the ``.json`` URLs plus
``/api/cable/{id}/citations`` and ``/api/stats``. Errors have one shape: an HTML
page with the status, or ``{"error": {"message": ..., "position": ...}}`` for JSON
URLs; invalid parameters are a 400 naming the parameter.

The archive is opened read-only, and every response carries a Content-Security-Policy
that allows nothing but this server (the pages use no script at all, no CDN, no
external fonts). FastAPI's ``/docs`` loads Swagger UI from a CDN, so it is off:
``/api`` is a documentation page written on the server from the OpenAPI schema
(:mod:`.apidocs`), which is served at ``/openapi.json``.
"""

from __future__ import annotations

import contextlib
import pathlib
import threading
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

import anyio.to_thread
import jinja2
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cablegram import analytics
from cablegram.archive import Archive
from cablegram.archive.query import MAX_QUERY_LENGTH
from cablegram.archive.search import Sort
from cablegram.archive.search_marks import MARK_END, MARK_START
from cablegram.errors import QuerySyntaxError
from cablegram.web import apidocs, graphview, models, pages, summaries

HERE = pathlib.Path(__file__).parent
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class HTTPProblem(Exception):
    """An error with its HTTP status; one handler renders it as a page or JSON."""

    def __init__(
        self, status: int, message: str, *, query: str | None = None, position: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.query = query
        self.position = position


def highlight(snippet: str | None) -> Markup:
    """Escape a snippet, then turn the archive's match marks into ``<mark>`` elements."""
    text = str(escape(snippet or ""))
    return Markup(text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


READER_THREADS = 8
"""Threads that serve requests in one server process (each with its own connection)."""


class SecurityHeaders:
    """Adds :data:`_SECURITY_HEADERS` to every response, errors and static files too.

    A plain ASGI middleware: Starlette's ``@app.middleware("http")`` wraps each
    response in a stream of its own, which costs more than the headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _PageEnvironment(jinja2.Environment):
    """Jinja for page data, which is plain dicts: ``hit.url`` is the key ``url``.

    Jinja looks an attribute up first and a dict has none, so each ``hit.url`` raised
    and caught an AttributeError before finding the key (a search page does it
    thousands of times); here the key comes first, then the attribute
    (``sorts.items()``)."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class _State:
    """The open archive, opened again if the app starts again after a shutdown.

    Reads need no lock: a read-only SQLite archive gives each of the server's worker
    threads a connection of its own, and the facet index and the citation graph are
    built once (under the archive's own locks) and only read after.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.closed = False
        self.lock = threading.Lock()  # opening and closing only


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/")


_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ._\-]*$"
_TAG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 ,.'\-]*$"

CableId = Annotated[
    str,
    Path(
        description="A reference id as the release writes it (``07MUSCAT154``), or in a form "
        "that canonicalises to one (``07 MUSCAT 0154``).",
        max_length=64,
        pattern=_ID_PATTERN,
        examples=["06ANKARA731"],
    ),
]
Token = Annotated[
    str,
    Path(
        description="An origin token (``ANKARA``, ``STATE``), or a post's name.",
        max_length=64,
        pattern=_TAG_PATTERN,
        examples=["ANKARA"],
    ),
]
TagCode = Annotated[
    str,
    Path(
        description="A TAGS code (``PTER``, ``TU``, ``CLINTON, HILLARY``).",
        max_length=64,
        pattern=_TAG_PATTERN,
        examples=["PREL"],
    ),
]
Q = Annotated[
    str,
    Query(
        description="A query in the search language (``docs/search.md``); empty: everything. "
        f"At most {MAX_QUERY_LENGTH:,} characters.",
    ),
]
SortQ = Annotated[Sort, Query(description="``relevance``, ``date`` (newest first) or ``oldest``.")]
PageQ = Annotated[
    int,
    Query(description=f"The page of results, from 1 to {pages.MAX_PAGE}.", ge=1, le=pages.MAX_PAGE),
]
StatsField = analytics.Field
""":data:`cablegram.analytics.FIELDS` as a type, so the OpenAPI document lists them."""
Depth = Annotated[
    int,
    Query(
        description="How many citations away from the cable, either direction.",
        ge=1,
        le=graphview.MAX_DEPTH,
    ),
]
ByQ = Annotated[
    list[StatsField] | None,
    Query(description="Fields to count by (repeat): " + ", ".join(analytics.FIELDS) + "."),
]
LimitQ = Annotated[
    int | None, Query(description="Values per field (years and months: all).", ge=1, le=10_000)
]


class ErrorDetail(BaseModel):
    message: str
    position: int | None = None


class ErrorBody(BaseModel):
    """Every error of the API: a message for people and, for a query, where it failed."""

    error: ErrorDetail


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "Invalid parameters or a malformed query"},
    404: {"model": ErrorBody, "description": "The archive holds no such thing"},
}


def documented(
    model: type[BaseModel], errors: dict[int | str, dict[str, Any]] | None = None
) -> dict[int | str, dict[str, Any]]:
    """The responses of a JSON route for the OpenAPI document: ``model`` for a 200
    (documentation only: the data is served as it is), and the errors."""
    return {200: {"model": model, "description": "The page's data"}, **(errors or {})}


def _validation_message(error: RequestValidationError) -> str:
    """``depth: Input should be less than or equal to 3``: the parameter and the rule."""
    problems = []
    for item in error.errors()[:3]:
        # the parameter's name, not the index of a repeated one: ("query", "by", 0)
        names = [str(part) for part in item.get("loc", ()) if isinstance(part, str)]
        name = names[-1] if len(names) > 1 else "?"
        problems.append(f"{name}: {item.get('msg', 'invalid')}")
    return "invalid request parameters: " + "; ".join(problems)


def create_app(archive_url: str | None = None) -> FastAPI:
    """The web application over the archive at ``archive_url`` (opened read-only).

    Without a URL, ``$CABLEGRAM_DB`` or ``cablegram.db``, as for the command line.
    """
    state = _State(Archive.open(archive_url, readonly=True))

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # the archive is opened at once (a bad URL fails here, not at the first
        # request), closed at shutdown and opened again if the app starts again
        # each worker thread holds a connection to the archive: a few threads keep both
        # cores busy, and bound the memory those connections take
        anyio.to_thread.current_default_thread_limiter().total_tokens = READER_THREADS
        with state.lock:
            if state.closed:
                state.archive = app.state.archive = Archive.open(archive_url, readonly=True)
                state.closed = False
        yield
        with state.lock:
            state.archive.close()
            state.closed = True

    app = FastAPI(
        lifespan=lifespan,
        title="cablegram",
        summary="Search and read an archive of diplomatic cables.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.archive = state.archive
    # the templates are part of the package: read once, not checked for changes on every
    # render (a search page includes templates twenty times: each check was a stat call)
    environment = _PageEnvironment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(),
        auto_reload=False,
    )
    templates = Jinja2Templates(env=environment)
    templates.env.filters["highlight"] = highlight
    templates.env.globals["facet_term"] = pages.facet_term
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    app.add_middleware(SecurityHeaders)

    def render(request: Request, template: str, data: Any, status: int = 200) -> Response:
        return templates.TemplateResponse(request, template, {"data": data}, status_code=status)

    @app.exception_handler(HTTPProblem)
    async def problem(request: Request, error: HTTPProblem) -> Response:
        if _wants_json(request):
            body = {"error": {"message": error.message, "position": error.position}}
            return JSONResponse(body, status_code=error.status)
        data = {
            "status": error.status,
            "message": error.message,
            "query": error.query,
            "position": error.position,
        }
        return render(request, "error.html", data, error.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        return await problem(request, HTTPProblem(400, _validation_message(error)))

    def guarded(make: Callable[[], Any]) -> Any:
        """Run a data function; NotFound becomes a 404, a bad query a 400."""
        try:
            return make()
        except pages.NotFound as error:
            raise HTTPProblem(404, str(error)) from error
        except QuerySyntaxError as error:
            raise HTTPProblem(
                400, error.reason, query=error.query, position=error.position
            ) from error

    def search_data(q: str, sort: Sort, page: int) -> Any:
        return guarded(lambda: pages.search_page(state.archive, q, sort, page))

    def cable_data(reference_id: str) -> Any:
        return guarded(lambda: pages.cable_page(state.archive, reference_id, state.archive.graph()))

    def graph_data(reference_id: str, depth: int) -> Any:
        return guarded(lambda: graphview.graph_page(state.archive.graph(), reference_id, depth))

    def overview_data() -> Any:
        return guarded(lambda: summaries.overview_page(state.archive, state.archive.graph()))

    def post_data(token: str) -> Any:
        return guarded(lambda: summaries.post_page(state.archive, state.archive.graph(), token))

    def tag_data(code: str) -> Any:
        return guarded(lambda: summaries.tag_page(state.archive, code))

    # -- pages (HTML); each has a JSON twin below ----------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> Response:
        if request.query_params:  # an old search URL: /?q=... -> /search?q=...
            return RedirectResponse(f"/search?{request.url.query}", status_code=307)
        return render(request, "overview.html", overview_data())

    @app.get("/overview", response_class=HTMLResponse, include_in_schema=False)
    def overview_html(request: Request) -> Response:
        return render(request, "overview.html", overview_data())

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_html(
        request: Request, q: Q = "", sort: SortQ = "relevance", page: PageQ = 1
    ) -> Response:
        return render(request, "search.html", search_data(q, sort, page))

    @app.get("/cable/{reference_id}/graph", response_class=HTMLResponse, include_in_schema=False)
    def graph_html(request: Request, reference_id: CableId, depth: Depth = 1) -> Response:
        return render(request, "graph.html", graph_data(reference_id, depth))

    @app.get("/posts", response_class=HTMLResponse, include_in_schema=False)
    def posts_html(request: Request) -> Response:
        return render(request, "posts.html", guarded(lambda: summaries.posts_index(state.archive)))

    @app.get("/tags", response_class=HTMLResponse, include_in_schema=False)
    def tags_html(request: Request) -> Response:
        return render(request, "tags.html", guarded(lambda: summaries.tags_index(state.archive)))

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> Response:
        return render(request, "api.html", apidocs.describe(app.openapi()))

    # -- JSON ------------------------------------------------------------------------------

    @app.get("/search.json", tags=["search"], responses=documented(models.SearchPage, ERRORS))
    @app.get("/api/search", tags=["search"], responses=documented(models.SearchPage, ERRORS))
    def search_json(q: Q = "", sort: SortQ = "relevance", page: PageQ = 1) -> Any:
        """Search the archive with the query language (``docs/search.md``).

        Returns one page of hits (id, date, origin, classification, subject, snippet with
        matches between ``\\u0002`` and ``\\u0003``), the total, facet counts over the whole
        result set (origin, country, tag, classification, year) with the URL that
        narrows the search to each value, the matches per month as a chart, and links
        to the other pages and sorts. A malformed query is a 400 whose ``position``
        points at the problem.
        """
        return search_data(q, sort, page)

    @app.get(
        "/cable/{reference_id}.json",
        tags=["cables"],
        responses=documented(models.CablePage, ERRORS),
    )
    @app.get(
        "/api/cable/{reference_id}", tags=["cables"], responses=documented(models.CablePage, ERRORS)
    )
    def cable_json(reference_id: CableId) -> Any:
        """One cable: its whole record (``cable``, the JSON Schema of ``cablegram
        schema``) and what the cable page derives from it: tag meanings, addressees,
        references resolved against the archive, the cables citing it, lint findings,
        versions and links."""
        return cable_data(reference_id)

    @app.get(
        "/api/cable/{reference_id}/citations",
        tags=["cables"],
        responses=documented(models.Citations, ERRORS),
    )
    def citations_json(reference_id: CableId) -> Any:
        """What a cable cites and what cites it: its REF items (each with
        ``in_archive``), the cables it cites (REF items resolved to ids), and the
        cables of the archive citing it. A cable the archive lacks but other cables
        cite has no references, only citers."""
        return guarded(
            lambda: pages.citations_page(state.archive, state.archive.graph(), reference_id)
        )

    @app.get(
        "/cable/{reference_id}/graph.json",
        tags=["cables"],
        responses=documented(models.GraphPage, ERRORS),
    )
    @app.get(
        "/api/cable/{reference_id}/graph",
        tags=["cables"],
        responses=documented(models.GraphPage, ERRORS),
    )
    def graph_json(reference_id: CableId, depth: Depth = 1) -> Any:
        """The citation neighbourhood of a cable, ``depth`` citations either way: nodes
        (held or missing, with their distance and their position in the drawing) and
        edges (citing -> cited, with their kind: ``ref``, ``mention``)."""
        return graph_data(reference_id, depth)

    @app.get(
        "/cable/{reference_id}/raw",
        response_class=PlainTextResponse,
        tags=["cables"],
        responses={
            400: {"description": "An invalid id (an HTML page)"},
            404: {"description": "The archive holds no such cable (an HTML page)"},
        },
    )
    def cable_raw(reference_id: CableId) -> str:
        """The text of one cable as it was read (header and body), as plain text."""
        return str(guarded(lambda: pages.raw_text(state.archive, reference_id)))

    @app.get("/overview.json", tags=["archive"], responses=documented(models.Overview))
    @app.get("/api/overview", tags=["archive"], responses=documented(models.Overview))
    def overview_json() -> Any:
        """The archive at a glance: counts, cables per month, top posts, tags and
        classifications, the most-cited cables (held and missing) and the share of
        references the archive resolves."""
        return overview_data()

    @app.get("/api/stats", tags=["archive"], responses=documented(models.Stats, ERRORS))
    def stats_json(q: Q = "", by: ByQ = None, limit: LimitQ = None) -> Any:
        """Counts of the cables matching ``q`` (all when empty) by each field of
        ``by`` (repeat it; default year, classification, origin, country, tag): what
        ``cablegram stats --format json`` prints. Years and months come in time
        order, other fields most frequent first."""
        fields = tuple(by or ("year", "classification", "origin", "country", "tag"))
        return guarded(lambda: analytics.stats(state.archive, q, by=fields, limit=limit).to_dict())

    @app.get(
        "/post/{token}.json", tags=["posts and tags"], responses=documented(models.PostPage, ERRORS)
    )
    @app.get(
        "/api/post/{token}", tags=["posts and tags"], responses=documented(models.PostPage, ERRORS)
    )
    def post_json(token: Token) -> Any:
        """One post: its name, country and routing indicators from the tables, and
        what it sent: per month, to whom, tags, classifications, signers, and its
        most-cited cables."""
        return post_data(token)

    @app.get("/posts.json", tags=["posts and tags"], responses=documented(models.PostsIndex))
    @app.get("/api/posts", tags=["posts and tags"], responses=documented(models.PostsIndex))
    def posts_json() -> Any:
        """Every post with cables in the archive, most cables first."""
        return guarded(lambda: summaries.posts_index(state.archive))

    @app.get(
        "/tag/{code}.json", tags=["posts and tags"], responses=documented(models.TagPage, ERRORS)
    )
    @app.get(
        "/api/tag/{code}", tags=["posts and tags"], responses=documented(models.TagPage, ERRORS)
    )
    def tag_json(code: TagCode) -> Any:
        """One TAGS code: its meaning from the tables and what it covers: per month,
        the posts using it, the tags it goes with, classifications."""
        return tag_data(code)

    @app.get("/tags.json", tags=["posts and tags"], responses=documented(models.TagsIndex))
    @app.get("/api/tags", tags=["posts and tags"], responses=documented(models.TagsIndex))
    def tags_json() -> Any:
        """The tags of the archive's cables with their meanings, most used first."""
        return guarded(lambda: summaries.tags_index(state.archive))

    @app.get("/post/{token}", response_class=HTMLResponse, include_in_schema=False)
    def post_html(request: Request, token: Token) -> Response:
        return render(request, "post.html", post_data(token))

    @app.get("/tag/{code}", response_class=HTMLResponse, include_in_schema=False)
    def tag_html(request: Request, code: TagCode) -> Response:
        return render(request, "tag.html", tag_data(code))

    @app.get("/cable/{reference_id}", response_class=HTMLResponse, include_in_schema=False)
    def cable_html(request: Request, reference_id: CableId) -> Response:
        return render(request, "cable.html", cable_data(reference_id))

    make_openapi = app.openapi

    def openapi() -> dict[str, Any]:
        """FastAPI's document, less the 422 it adds to every operation: invalid
        parameters are a 400 here, documented with each operation."""
        document = make_openapi()
        for item in document.get("paths", {}).values():
            for operation in item.values():
                operation.get("responses", {}).pop("422", None)
        for name in ("HTTPValidationError", "ValidationError"):
            document.get("components", {}).get("schemas", {}).pop(name, None)
        return document

    app.openapi = openapi  # type: ignore[method-assign]

    @app.get("/{path:path}", include_in_schema=False)
    def not_found(path: str) -> Response:
        raise HTTPProblem(404, f"no page /{path}")

    return app
