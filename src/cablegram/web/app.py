"""The FastAPI application: routes, error shapes, security headers.

Every page has one data function in :mod:`cablegram.web.pages`; a route renders it as
HTML, and the same URL with a ``.json`` suffix returns the same data as JSON
(``/search.json?q=...``, ``/cable/{id}.json``). ``/api/search`` and ``/api/cable/{id}``
are aliases of the ``.json`` URLs. Errors have one shape: an HTML page with the status,
or ``{"error": {"message": ..., "position": ...}}`` for JSON URLs.

The archive is opened read-only, and every response carries a Content-Security-Policy
that allows nothing but this server (the pages use no script at all, no CDN, no
external fonts). FastAPI's ``/docs`` loads Swagger UI from a CDN, so it is off; the
schema is served at ``/openapi.json``.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from cablegram.archive import Archive
from cablegram.archive.search import Sort
from cablegram.archive.search_marks import MARK_END, MARK_START
from cablegram.errors import QuerySyntaxError
from cablegram.graph import CitationGraph, build_graph
from cablegram.web import pages

HERE = Path(__file__).parent
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


class _State:
    """The open archive and the citation graph, rebuilt when the archive changes.

    One lock serialises archive reads: the SQLite connection and the facet cache are
    shared between the server's worker threads.
    """

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.lock = threading.Lock()
        self._graph: CitationGraph | None = None
        self._fingerprint: tuple[object, ...] | None = None

    def graph(self) -> CitationGraph:
        fingerprint = self.archive.backend.fingerprint()
        if self._graph is None or fingerprint != self._fingerprint:
            self._graph = build_graph(self.archive)
            self._fingerprint = fingerprint
        return self._graph


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.endswith(".json") or path.startswith("/api/")


def _parse_sort(value: str) -> Sort:
    for sort in pages.SORTS:
        if value == sort:
            return sort
    raise HTTPProblem(400, f"unknown sort {value!r}; use one of {', '.join(pages.SORTS)}")


def _parse_page(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= pages.MAX_PAGE:
        raise HTTPProblem(400, f"page must be a number from 1 to {pages.MAX_PAGE}")
    return int(value)


def create_app(archive_url: str | None = None) -> FastAPI:
    """The web application over the archive at ``archive_url`` (opened read-only).

    Without a URL, ``$CABLEGRAM_DB`` or ``cablegram.db``, as for the command line.
    """
    archive = Archive.open(archive_url, readonly=True)
    state = _State(archive)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        archive.close()

    app = FastAPI(
        lifespan=lifespan,
        title="cablegram",
        summary="Search and read an archive of diplomatic cables.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.archive = archive
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["highlight"] = highlight
    templates.env.globals["facet_term"] = pages.facet_term
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(_SECURITY_HEADERS)
        return response

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
        return await problem(request, HTTPProblem(400, "invalid request parameters"))

    def search_data(q: str, sort: str, page: str) -> Any:
        try:
            with state.lock:
                return pages.search_page(archive, q, _parse_sort(sort), _parse_page(page))
        except QuerySyntaxError as error:
            raise HTTPProblem(
                400, error.reason, query=error.query, position=error.position
            ) from error

    def cable_data(reference_id: str) -> Any:
        try:
            with state.lock:
                return pages.cable_page(archive, reference_id, state.graph())
        except pages.NotFound as error:
            raise HTTPProblem(404, str(error)) from error

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_html(
        request: Request, q: str = "", sort: str = "relevance", page: str = "1"
    ) -> Response:
        return render(request, "search.html", search_data(q, sort, page))

    @app.get("/search.json")
    @app.get("/api/search")
    def search_json(q: str = "", sort: str = "relevance", page: str = "1") -> Any:
        """Search the archive: hits of one page, the total and facet counts."""
        return search_data(q, sort, page)

    @app.get("/cable/{reference_id}.json")
    @app.get("/api/cable/{reference_id}")
    def cable_json(reference_id: str) -> Any:
        """One cable: its record (``cable``) and what the cable page derives from it."""
        return cable_data(reference_id)

    @app.get("/cable/{reference_id}/raw", response_class=PlainTextResponse)
    def cable_raw(reference_id: str) -> str:
        """The text of one cable as it was read."""
        try:
            with state.lock:
                return pages.raw_text(archive, reference_id)
        except pages.NotFound as error:
            raise HTTPProblem(404, str(error)) from error

    @app.get("/cable/{reference_id}", response_class=HTMLResponse, include_in_schema=False)
    def cable_html(request: Request, reference_id: str) -> Response:
        return render(request, "cable.html", cable_data(reference_id))

    @app.get("/{path:path}", include_in_schema=False)
    def not_found(path: str) -> Response:
        raise HTTPProblem(404, f"no page /{path}")

    return app
