"""The web face: search the archive and read cables in a browser, or as JSON.

::

    from cablegram.web import create_app, serve

    app = create_app("cables.db")        # a FastAPI app over a read-only archive
    serve("cables.db", "127.0.0.1", 8000)  # what ``cablegram serve`` runs

Pages: ``/`` (overview), ``/search``, ``/cable/{id}`` (and ``/raw``, ``/graph``),
``/post/{token}``, ``/posts``, ``/tag/{code}``, ``/tags`` and ``/api`` (the API's
documentation). The same URL with ``.json`` returns the page's data
(``/search.json?q=...``, ``/cable/{id}.json``); the API answers under ``/api/``
(``/api/search``, ``/api/cable/{id}/citations``, ``/api/stats`` ...). The OpenAPI
schema is at ``/openapi.json``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app", "serve"]


def create_app(archive_url: str | None = None) -> FastAPI:
    """The web application over the archive at ``archive_url``; see :mod:`.app`."""
    # imported here so ``import cablegram.web`` costs nothing without the web extra
    from cablegram.web.app import create_app as _create_app

    return _create_app(archive_url)


def serve(
    db: str | None = None, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Serve the archive at ``db`` over HTTP with uvicorn until interrupted.

    With ``workers`` above 1, that many server processes share the port, each with
    its own facet index and citation graph (memory grows with them): Python runs one
    thread at a time per process, so processes are how a server uses every core.
    """
    import os

    import uvicorn

    if workers <= 1:
        uvicorn.run(
            create_app(db), host=host, port=port, log_level="info", timeout_keep_alive=KEEP_ALIVE
        )
        return
    create_app(db).state.archive.close()  # a bad URL fails here, once, not in every worker
    if db is not None:
        os.environ["CABLEGRAM_DB"] = str(db)
    uvicorn.run(
        "cablegram.web:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        timeout_keep_alive=KEEP_ALIVE,
    )


# Idle keep-alive connections stay open 30 s, not uvicorn's 5: a client that reuses
# one just as the server closes it sees a reset (seen under a 50-client soak).
KEEP_ALIVE = 30
