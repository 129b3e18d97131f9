"""Data functions of the summary pages: the overview, a post, a tag, and their indexes.

Counts come from :func:`cablegram.analytics.stats` (the search's facet index and
the child tables), citations from the :class:`~cablegram.graph.CitationGraph`, and
meanings from the reference tables, so these pages say what ``cablegram stats`` and
``cablegram tags`` / ``posts`` say. Like :mod:`cablegram.web.pages`, every function
returns JSON-ready builtins, rendered as HTML and served as JSON alike.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from cablegram import analytics
from cablegram.archive import Archive
from cablegram.errors import QuerySyntaxError
from cablegram.graph import CitationGraph, Node
from cablegram.tables import posts as post_table
from cablegram.tables.tags import describe
from cablegram.web.charts import bar_chart, time_series
from cablegram.web.pages import NotFound, cable_url, facet_term, field_term, level, search_url

TOP = 15
"""Values listed per field on a summary page."""
INDEX_LIMIT = 2000
"""Rows of the tag index at most (person and free-word tags make a long tail)."""


def post_url(token: str, suffix: str = "") -> str:
    return f"/post/{quote(token, safe='')}{suffix}"


def tag_url(code: str, suffix: str = "") -> str:
    return f"/tag/{quote(code, safe='')}{suffix}"


def _month_url(query: str) -> Any:
    def url(period: str) -> str:
        return search_url(f"{query} date:{period}".strip(), "date")

    return url


def _timeline(counts: analytics.Stats, query: str, title: str) -> dict[str, Any]:
    unit, rows = time_series(counts["month"])
    return bar_chart(rows, title=title, unit=unit, url_for=_month_url(query), total=counts.total)


def _rows(
    counts: analytics.Counts, total: int, link: Any = None, name: Any = None
) -> list[dict[str, Any]]:
    """``(value, count)`` pairs as table rows with a share, a link and a name."""
    return [
        {
            "value": value,
            "name": name(value) if name else None,
            "count": count,
            "share": round(count / total, 4) if total else 0.0,
            "url": link(value) if link else None,
        }
        for value, count in counts
    ]


def _post_name(token: str) -> str | None:
    post = post_table.lookup(token)
    return post.name if post else None


def _tag_meaning(code: str) -> str | None:
    return describe(code).meaning


def _cited(entries: list[tuple[Node, int]]) -> list[dict[str, Any]]:
    return [
        {
            "reference_id": node.reference_id,
            "in_archive": node.in_archive,
            "url": (
                cable_url(node.reference_id)
                if node.in_archive
                else search_url(f"cites:{node.reference_id}")
            ),
            "date": node.date,
            "origin": node.origin_token,
            "subject": node.subject,
            "level": level(node.classification) if node.in_archive else "missing",
            "citations": citations,
        }
        for node, citations in entries
    ]


def _classifications(counts: analytics.Counts, total: int, query: str) -> list[dict[str, Any]]:
    rows = _rows(
        counts, total, lambda value: search_url(f"{query} {facet_term('classification', value)}")
    )
    for row in rows:
        row["level"] = level(row["value"])
    return rows


def _most_cited_of(archive: Archive, graph: CitationGraph, query: str) -> list[dict[str, Any]]:
    """The cables matching ``query`` that the most cables of the archive cite."""
    degrees = []
    for reference_id in archive.engine.ids(query):
        if reference_id in graph:
            cited = graph.in_degree(reference_id)
            if cited:
                degrees.append((cited, reference_id))
    degrees.sort(key=lambda pair: (-pair[0], pair[1]))
    return _cited([(graph.node(key), n) for n, key in degrees[:TOP]])


def overview_page(archive: Archive, graph: CitationGraph) -> Any:
    """The archive at a glance: counts, cables per month or year, the top posts and
    tags, classifications, the most-cited cables (held and missing), and how many
    references the archive can answer."""
    counts = analytics.stats(
        archive, "", by=("month", "year", "origin", "tag", "classification"), limit=TOP
    )
    total = counts.total
    everything = analytics.stats(archive, "", by=("origin", "tag", "country"))
    dated = counts["month"]
    resolution = graph.resolution
    return {
        "total": total,
        "posts": len(everything["origin"]),
        "countries": len(everything["country"]),
        "tags": len(everything["tag"]),
        "first": dated[0][0] if dated else None,
        "last": dated[-1][0] if dated else None,
        "chart": _timeline(counts, "", "Cables per month"),
        "years": _rows(counts["year"], total, lambda y: search_url(f"date:{y}")),
        "origins": _rows(counts["origin"], total, post_url, _post_name),
        "top_tags": _rows(counts["tag"], total, tag_url, _tag_meaning),
        "classifications": _classifications(counts["classification"], total, ""),
        "most_cited": _cited(list(graph.most_cited(TOP, in_archive=True))),
        "most_cited_missing": _cited(list(graph.most_cited(TOP, in_archive=False))),
        "references": {
            "citations": resolution.citations,
            "resolved": resolution.resolved,
            "unresolved": resolution.unresolved,
            "share": round(resolution.share, 4),
            "missing_cables": resolution.missing_cables,
        },
        "links": {"json": "/overview.json", "posts": "/posts", "tags": "/tags"},
    }


def post_page(archive: Archive, graph: CitationGraph, token: str) -> Any:
    """What one post sent: per month, to whom, under which tags and classifications,
    and which of its cables are cited most.

    ``token`` is an origin token (``ANKARA``), or anything the posts table resolves
    to one (``Embassy Ankara``, ``KIEV``). Raises :class:`NotFound` when it names no
    known post and no cable of the archive comes from it.
    """
    post = post_table.lookup(token)
    canonical = post.token if post else token.strip().upper()
    query = facet_term("origin", canonical)
    try:
        counts = analytics.stats(
            archive,
            query,
            by=("month", "tag", "classification", "addressee", "signer"),
            limit=TOP,
        )
    except QuerySyntaxError as error:  # the query language knows no such post either
        raise NotFound(f"no post {token} in the tables or in this archive") from error
    total = counts.total
    if post is None and total == 0:
        raise NotFound(f"no post {token} in the tables or in this archive")
    return {
        "token": canonical,
        "name": post.name if post else None,
        "kind": post.kind if post else None,
        "city": post.city if post else None,
        "country": post.iso if post else None,
        "routes": list(post.routes) if post else [],
        "total": total,
        "query": query,
        "chart": _timeline(counts, query, f"Cables from {canonical} per month"),
        "addressees": _rows(counts["addressee"], total, None, _post_name),
        "top_tags": _rows(counts["tag"], total, tag_url, _tag_meaning),
        "classifications": _classifications(counts["classification"], total, query),
        "signers": _rows(
            counts["signer"], total, lambda s: search_url(f"{query} {field_term('signer', s)}")
        ),
        "most_cited": _most_cited_of(archive, graph, query) if total else [],
        "links": {
            "search": search_url(query),
            "json": post_url(canonical, ".json"),
            "posts": "/posts",
        },
    }


def tag_page(archive: Archive, code: str) -> Any:
    """What one TAGS code means and covers: its meaning from the tables, cables per
    month, the posts that use it most, the tags it goes with, classifications.

    Raises :class:`NotFound` when the tables do not know the code and no cable of
    the archive carries it.
    """
    info = describe(code)
    canonical = info.canonical or info.code
    query = facet_term("tag", canonical)
    counts = analytics.stats(
        archive, query, by=("month", "origin", "tag", "classification"), limit=TOP + 1
    )
    total = counts.total
    if info.kind == "unknown" and total == 0:
        raise NotFound(f"no tag {code} in the tables or in this archive")
    together = analytics.Counts("tag", [(v, n) for v, n in counts["tag"] if v != canonical][:TOP])
    return {
        "code": canonical,
        "as_given": info.code,
        "kind": info.kind,
        "meaning": info.meaning,
        "iso": info.iso,
        "total": total,
        "query": query,
        "chart": _timeline(counts, query, f"Cables tagged {canonical} per month"),
        "origins": _rows(
            analytics.Counts("origin", counts["origin"][:TOP]), total, post_url, _post_name
        ),
        "related_tags": _rows(together, total, tag_url, _tag_meaning),
        "classifications": _classifications(
            analytics.Counts("classification", counts["classification"][:TOP]), total, query
        ),
        "links": {
            "search": search_url(query),
            "json": tag_url(canonical, ".json"),
            "tags": "/tags",
        },
    }


def posts_index(archive: Archive) -> Any:
    """Every post with cables in the archive, most cables first; ``unknown`` counts
    the cables whose post could not be read."""
    counts = analytics.stats(archive, "", by=("origin",))
    rows = []
    for token, count in counts["origin"]:
        post = post_table.lookup(token)
        rows.append(
            {
                "token": token,
                "name": post.name if post else None,
                "country": post.iso if post else None,
                "count": count,
                "url": post_url(token),
            }
        )
    return {
        "total": counts.total,
        "unknown": counts.total - sum(count for _, count in counts["origin"]),
        "posts": rows,
        "links": {"json": "/posts.json"},
    }


def tags_index(archive: Archive) -> Any:
    """The tags of the archive's cables with their meanings, most used first (the
    first :data:`INDEX_LIMIT`)."""
    counts = analytics.stats(archive, "", by=("tag",))
    rows = []
    for code, count in counts["tag"][:INDEX_LIMIT]:
        info = describe(code)
        rows.append(
            {
                "code": code,
                "kind": info.kind,
                "meaning": info.meaning,
                "count": count,
                "url": tag_url(code),
            }
        )
    return {
        "total": counts.total,
        "distinct": len(counts["tag"]),
        "shown": len(rows),
        "tags": rows,
        "links": {"json": "/tags.json"},
    }
