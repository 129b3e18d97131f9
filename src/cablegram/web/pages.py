"""One data function per page: the HTML template and the ``.json`` URL both render it.

Each function returns plain JSON-ready builtins (str, int, float, None, list, dict),
so the API can never lag the page: ``/search.json`` is exactly what ``/search`` shows.
Text is returned as it is stored; escaping belongs to the HTML rendering (Jinja2
autoescape), and snippets keep the archive's match marks (``\\x02`` ... ``\\x03``, see
:mod:`cablegram.archive.search_marks`) for each face to turn into its own markup.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any
from urllib.parse import quote, quote_plus

from cablegram.archive import Archive
from cablegram.archive.search import Sort
from cablegram.graph import CitationGraph, Node
from cablegram.linter import lint
from cablegram.model import Cable, Paragraph, Recipient
from cablegram.tables.tags import describe
from cablegram.web.charts import bar_chart, time_series

PER_PAGE = 20
MAX_PAGE = 500
SORTS: tuple[Sort, ...] = ("relevance", "date", "oldest")
SHOWN_FACETS = ("origin", "country", "tag", "classification", "year")
"""The facets the search page lists, in order (the archive also counts ``month``)."""

# facet name -> query field its values filter on
_FACET_FIELDS = {
    "origin": "origin",
    "country": "country",
    "tag": "tag",
    "classification": "class",
    "year": "date",
}
_BARE_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]*\Z")
_LEVELS = (
    ("TOP SECRET", "ts"),
    ("SECRET", "s"),
    ("CONFIDENTIAL", "c"),
    ("UNCLASSIFIED", "u"),
)
_PORTION_LEVELS = {"TS": "ts", "S": "s", "C": "c", "U": "u", "SBU": "u"}


class NotFound(LookupError):
    """The page names something the archive does not hold (HTTP 404)."""


def level(classification: str | None) -> str:
    """A short level name for colouring a classification: ts, s, c, u or unknown."""
    text = (classification or "").upper()
    for prefix, name in _LEVELS:
        if text.startswith(prefix):
            return name
    return "unknown"


def portion_level(mark: str | None) -> str:
    """The colour level of a portion mark such as ``S/NF`` or ``SBU``."""
    head = (mark or "").upper().split("/", 1)[0].strip()
    return _PORTION_LEVELS.get(head, "unknown")


def field_term(field: str, value: str) -> str:
    """The query term ``field:value``, the value quoted when it is not one bare word."""
    if _BARE_VALUE.match(value) is None:
        value = '"' + value.replace('"', "") + '"'
    return f"{field}:{value}"


def facet_term(facet: str, value: str) -> str:
    """The query term a facet value stands for, quoted when it is not one bare word."""
    return field_term(_FACET_FIELDS[facet], value)


def cable_url(reference_id: str, suffix: str = "") -> str:
    """The URL of a cable's page (``suffix``: ``.json`` or ``/raw``)."""
    return f"/cable/{quote(reference_id, safe='')}{suffix}"


def _has_term(query: str, term: str) -> bool:
    """Whether ``term`` already stands in ``query`` as a whole term."""
    return re.search(r"(?<!\S)" + re.escape(term) + r"(?!\S)", query) is not None


def search_url(query: str, sort: str = "relevance", page: int = 1) -> str:
    """The shareable URL of one search state (defaults left out to keep it short)."""
    return _search_url(quote_plus(query), sort, page)


def _search_url(quoted_query: str, sort: str, page: int) -> str:
    # built by hand: a results page holds a hundred of these, and urlencode costs
    params = []
    if quoted_query:
        params.append("q=" + quoted_query)
    if sort != "relevance":
        params.append("sort=" + quote_plus(sort))
    if page > 1:
        params.append(f"page={page}")
    return "/search" + ("?" + "&".join(params) if params else "")


@functools.lru_cache(maxsize=4096)
def _quoted_term(term: str) -> str:
    """A facet or date term as a URL quotes it: the same few hundred come back on
    every page (quote_plus goes byte by byte in Python)."""
    return quote_plus(term)


class _Links:
    """The links of one search page that change its query by one term (a facet value,
    a month of the chart): the query is split and quoted once, not for each of the
    page's hundreds of links."""

    def __init__(self, query: str, sort: str) -> None:
        self.query = query
        self.sort = sort
        self._terms = set(query.split())
        self._quoted = quote_plus(query)

    def has(self, term: str) -> bool:
        """Whether ``term`` already stands in the query as a whole term."""
        if any(character.isspace() for character in term):  # a quoted value
            return _has_term(self.query, term)
        return term in self._terms

    def narrowed(self, term: str) -> str:
        """The URL of the search with ``term`` added."""
        quoted = _quoted_term(term)
        return _search_url(f"{self._quoted}+{quoted}" if self.query else quoted, self.sort, 1)

    def widened(self, term: str) -> str:
        """The URL of the search with every whole occurrence of ``term`` taken out."""
        return search_url(_without(self.query, term), self.sort)


def _without(query: str, term: str) -> str:
    """``query`` with every whole occurrence of ``term`` taken out."""
    pattern = r"(?<!\S)" + re.escape(term) + r"(?!\S)"
    return " ".join(re.sub(pattern, " ", query).split())


def _facets(result_facets: dict[str, list[tuple[str, int]]], query: str, sort: str) -> list[Any]:
    """Each shown facet's values with their counts and links: an unselected value
    narrows the search to it, a selected one widens it again (the term is removed)."""
    links = _Links(query, sort)
    facets: list[dict[str, Any]] = []
    for name in SHOWN_FACETS:
        values = []
        for value, count in result_facets.get(name, []):
            term = facet_term(name, value)
            selected = links.has(term)
            values.append(
                {
                    "value": value,
                    "count": count,
                    "selected": selected,
                    "url": links.widened(term) if selected else links.narrowed(term),
                }
            )
        facets.append({"name": name, "values": values})
    return facets


def _page_links(query: str, sort: str, page: int, pages: int) -> list[dict[str, Any]]:
    """Numbered page links around the current page: first, last and two either side."""
    last = min(pages, MAX_PAGE)
    wanted = sorted({1, last, *range(max(1, page - 2), min(last, page + 2) + 1)})
    links: list[dict[str, Any]] = []
    for number in wanted:
        if links and number - links[-1]["page"] > 1:
            links.append({"page": None, "url": None, "current": False})  # a gap
        links.append(
            {"page": number, "url": search_url(query, sort, number), "current": number == page}
        )
    return links


def _month_chart(
    months: list[tuple[str, int]], query: str, sort: str, total: int
) -> dict[str, Any]:
    unit, rows = time_series(months)
    links = _Links(query, sort)

    def url(period: str) -> str:
        term = field_term("date", period)
        return search_url(query, sort) if links.has(term) else links.narrowed(term)

    title = "Matches per month" if unit == "month" else "Matches per year"
    return bar_chart(rows, title=title, unit=unit, url_for=url, total=total)


def search_page(archive: Archive, query: str, sort: Sort = "relevance", page: int = 1) -> Any:
    """The search page: hits of one page, the total, facet links and pagination links.

    Raises :class:`~cablegram.errors.QuerySyntaxError` for a malformed query.
    """
    query = query.strip()
    result = archive.search(query, sort=sort, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    pages = max(1, math.ceil(result.total / PER_PAGE))
    hits = [
        {
            "reference_id": hit.reference_id,
            "url": cable_url(hit.reference_id),
            "created": hit.created,
            "date": hit.created[:10] if hit.created else None,
            "origin": hit.origin,
            "origin_token": hit.origin_token,
            "country": hit.country,
            "classification": hit.classification,
            "level": level(hit.classification),
            "subject": hit.subject,
            "snippet": hit.snippet,
            "score": hit.score,
        }
        for hit in result.hits
    ]
    return {
        "query": query,
        "sort": sort,
        "page": page,
        "pages": pages,
        "per_page": PER_PAGE,
        "total": result.total,
        "milliseconds": round(result.milliseconds, 1),
        "hits": hits,
        "facets": _facets(result.facets, query, sort),
        "chart": _month_chart(result.facets.get("month", []), query, sort, result.total),
        "links": {
            "pages": _page_links(query, sort, page, pages),
            "self": search_url(query, sort, page),
            "previous": search_url(query, sort, page - 1) if page > 1 else None,
            "next": search_url(query, sort, page + 1) if page < min(pages, MAX_PAGE) else None,
            "sorts": {name: search_url(query, name) for name in SORTS},
        },
    }


def _recipient(recipient: Recipient) -> dict[str, Any]:
    return {
        "name": recipient.name,
        "route": recipient.route,
        "precedence": recipient.precedence,
        "kind": recipient.kind,
        "post": recipient.post,
        "organisation": recipient.organisation,
        "url": f"/post/{quote(recipient.post, safe='')}" if recipient.post else None,
    }


def _paragraph(paragraph: Paragraph) -> dict[str, Any]:
    return {
        "number": paragraph.number,
        "portion_mark": paragraph.portion_mark,
        "level": portion_level(paragraph.portion_mark),
        "heading": paragraph.heading,
        "text": paragraph.text,
    }


def _references(archive: Archive, cable: Cable) -> list[dict[str, Any]]:
    ids = [ref.reference_id for ref in cable.references if ref.reference_id]
    held = archive.backend.existing(ids) if ids else {}
    return [
        {
            "bullet": ref.bullet,
            "text": ref.text,
            "kind": ref.kind,
            "reference_id": ref.reference_id,
            "in_archive": ref.reference_id in held if ref.reference_id else False,
            "url": cable_url(ref.reference_id) if ref.reference_id in held else None,
            "citing_url": search_url(f"cites:{ref.reference_id}") if ref.reference_id else None,
        }
        for ref in cable.references
    ]


def _node(node: Node) -> dict[str, Any]:
    """A cable of the citation graph, linked to its page (held) or marked missing."""
    return {
        "reference_id": node.reference_id,
        "in_archive": node.in_archive,
        "url": cable_url(node.reference_id) if node.in_archive else None,
        "date": node.date,
        "origin": node.origin,
        "subject": node.subject,
    }


def _cited_by(graph: CitationGraph | None, reference_id: str) -> list[dict[str, Any]]:
    if graph is None or reference_id not in graph:
        return []
    return [_node(node) for node in graph.cited_by(reference_id) if node.in_archive]


def citations_page(archive: Archive, graph: CitationGraph, reference_id: str) -> Any:
    """What a cable cites (its REF items, resolved) and which cables cite it.

    Works for a cable the archive lacks but its cables cite (no REF items then).
    Raises :class:`NotFound` when the id is neither held nor cited.
    """
    stored = archive.get(reference_id)
    if stored is None and reference_id not in graph:
        raise NotFound(f"no cable {reference_id} in this archive, and none of its cables cite it")
    key = stored.reference_id if stored else graph.node(reference_id).reference_id
    return {
        "reference_id": key,
        "in_archive": stored is not None,
        "references": _references(archive, stored.cable) if stored else [],
        "cites": [_node(node) for node in graph.cites(key)] if key in graph else [],
        "cited_by": _cited_by(graph, key),
    }


def cable_page(archive: Archive, reference_id: str, graph: CitationGraph | None = None) -> Any:
    """The cable page: the record plus what the page derives (links, levels, tag meanings).

    Raises :class:`NotFound` when the archive does not hold the cable.
    """
    stored = archive.get(reference_id)
    if stored is None:
        raise NotFound(f"no cable {reference_id} in this archive")
    cable = stored.cable
    tags = []
    for code in cable.tags:
        info = describe(code)
        tags.append(
            {
                "code": code,
                "meaning": info.meaning,
                "kind": info.kind,
                "url": f"/tag/{quote(info.canonical or code, safe='')}",
            }
        )
    origin = cable.origin_token
    return {
        "reference_id": stored.reference_id,
        "level": level(cable.classification),
        "created_utc": cable.created.strftime("%Y-%m-%d %H:%M UTC") if cable.created else None,
        "created_words": _in_words(cable),
        "findings": [finding.to_dict() for finding in lint(cable)],
        "action_addressees": [_recipient(r) for r in cable.recipients],
        "info_addressees": [_recipient(r) for r in cable.info_recipients],
        "tags": tags,
        "references": _references(archive, cable),
        "cited_by": _cited_by(graph, stored.reference_id),
        "paragraphs": [_paragraph(p) for p in cable.paragraphs],
        "versions": [
            {"version": v.version, "ingested_at": v.ingested_at, "current": v.current}
            for v in stored.versions
        ],
        "links": {
            "raw": cable_url(stored.reference_id, "/raw"),
            "json": cable_url(stored.reference_id, ".json"),
            "graph": cable_url(stored.reference_id, "/graph"),
            "post": f"/post/{quote(origin, safe='')}" if origin else None,
            "from_post": search_url(facet_term("origin", origin)) if origin else None,
        },
        "cable": cable.to_dict(),
    }


def _in_words(cable: Cable) -> str | None:
    """When the cable was sent, in words: ``Friday 9 June 2006, 11:22 UTC``."""
    when = cable.created
    if when is None:
        return None
    day = f"{when:%A} {when.day} {when:%B} {when.year}"  # English: the C locale's names
    return day + (f", {when:%H:%M} UTC" if cable.created_source == "dtg" else "")


def raw_text(archive: Archive, reference_id: str) -> str:
    """The text of the cable as read (header and body), for ``/cable/{id}/raw``."""
    stored = archive.get(reference_id)
    if stored is None:
        raise NotFound(f"no cable {reference_id} in this archive")
    cable = stored.cable
    return "\n".join(part for part in (cable.header_text, cable.body_text) if part)
