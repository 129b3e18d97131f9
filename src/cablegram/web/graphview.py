"""The graph page: a cable's citation neighbourhood, laid out in Python, drawn as SVG.

Which cables: the cable and every cable within ``depth`` citations of it, either
direction (:meth:`~cablegram.graph.CitationGraph.neighbourhood`), so a thread's
siblings (cables answering the same telegram) are in it too. At most
:data:`MAX_NODES`; the nearest come first, and the page says when some were left out.

The layout is layered in time, the way citation threads read: a cable sits one
layer to the right of the latest cable it cites within the picture (the longest
path), so the cited stand left of the citing and the layers run in time order; a
layer of more than :data:`MAX_ROWS` cables is drawn as several columns.
Within a column, cables are ordered by the mean row of the cables they are linked
to (two barycentre sweeps), which keeps most edges short and uncrossed. Each node
is a link: to the cable's page when the archive holds it, and, for a cable known
only from citations, to the search for the cables that cite it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import numpy as np

from cablegram.graph import MENTION, REF, CitationGraph
from cablegram.web.pages import NotFound, cable_url, level, search_url

MAX_DEPTH = 3
MAX_NODES = 120
MAX_ROWS = 12
NODE_WIDTH = 128
NODE_HEIGHT = 34
_COLUMN = 176
_ROW = 60
_ARCH = 40  # a cubic's control points this far up put its top 30 px up: mid-gap
_PAD = 20


def graph_url(reference_id: str, depth: int = 1, suffix: str = "") -> str:
    """The URL of a cable's graph page (``suffix``: ``.json``), default depth left out."""
    url = f"/cable/{quote(reference_id, safe='')}/graph{suffix}"
    return url + (f"?depth={depth}" if depth != 1 else "")


def _rings(graph: CitationGraph, reference_id: str, depth: int) -> tuple[list[int], dict[int, int]]:
    """Node numbers by distance from the cable, nearest first, cut at MAX_NODES."""
    distance: dict[int, int] = {graph.position(reference_id): 0}
    for step in range(1, depth + 1):
        around = graph.neighbourhood([reference_id], depth=step)
        fresh = [int(i) for i in around.tolist() if int(i) not in distance]
        if not fresh:
            break
        ordered = graph.in_time_order(np.array(fresh, dtype=np.int64)).tolist()
        for i in ordered[: MAX_NODES - len(distance)]:
            distance[int(i)] = step
        if len(distance) >= MAX_NODES:
            break
    return list(distance), distance


def _layers(order: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Column of each node: its layer is 1 + the layer of the latest cable it cites
    (time order breaks cycles: only citations of an earlier node count)."""
    rank = {node: i for i, node in enumerate(order)}
    cites: dict[int, list[int]] = {node: [] for node in order}
    for source, target in edges:
        if rank[target] < rank[source]:
            cites[source].append(target)
    layer: dict[int, int] = {}
    for node in order:  # in time order, so every cited node already has its layer
        layer[node] = 1 + max((layer[t] for t in cites[node]), default=-1)
    # a layer taller than MAX_ROWS is cut, in time order, into several columns (the
    # many cables answering one telegram); no two of a layer cite each other
    members: dict[int, list[int]] = {}
    for node in order:
        members.setdefault(layer[node], []).append(node)
    column: dict[int, int] = {}
    start = 0
    for number in sorted(members):
        nodes = members[number]
        for i, node in enumerate(nodes):
            column[node] = start + i // MAX_ROWS
        start += -(-len(nodes) // MAX_ROWS)
    return column


def _rows(column: dict[int, int], order: list[int], edges: list[tuple[int, int]]) -> dict[int, int]:
    """Row of each node within its column, by barycentre of its linked nodes."""
    columns: dict[int, list[int]] = {}
    for node in order:
        columns.setdefault(column[node], []).append(node)
    linked: dict[int, list[int]] = {node: [] for node in order}
    for source, target in edges:
        linked[source].append(target)
        linked[target].append(source)
    row = {node: i for nodes in columns.values() for i, node in enumerate(nodes)}
    for _ in range(2):
        for c in sorted(columns):
            nodes = columns[c]
            nodes.sort(
                key=lambda n: (
                    sum(row[m] for m in linked[n]) / len(linked[n]) if linked[n] else row[n]
                )
            )
            for i, node in enumerate(nodes):
                row[node] = i
    return row


def graph_page(graph: CitationGraph, reference_id: str, depth: int = 1) -> Any:
    """The graph page: nodes with their positions, edges with their paths, links.

    Raises :class:`~cablegram.web.pages.NotFound` when no cable of the archive has
    or cites this id.
    """
    if reference_id not in graph:
        raise NotFound(f"{reference_id} is neither in this archive nor cited by a cable in it")
    centre = graph.node(reference_id)
    members, distance = _rings(graph, reference_id, depth)
    total = len(graph.neighbourhood([reference_id], depth=depth))
    positions = np.array(sorted(members), dtype=np.int64)
    order = [int(i) for i in graph.in_time_order(positions).tolist()]
    numbers = graph.edges_within(positions).tolist()
    pairs = [(int(graph.source[e]), int(graph.target[e])) for e in numbers]
    column = _layers(order, pairs)
    row = _rows(column, order, pairs)
    height = max(row.values(), default=0) + 1
    width = max(column.values(), default=0) + 1
    place = {node: (_PAD + column[node] * _COLUMN, _PAD + row[node] * _ROW) for node in order}
    nodes = []
    for node_number in order:
        node = graph.node(node_number)
        x, y = place[node_number]
        nodes.append(
            {
                "reference_id": node.reference_id,
                "in_archive": node.in_archive,
                "centre": node.reference_id == centre.reference_id,
                "distance": distance[node_number],
                "date": node.date,
                "year": node.year,
                "origin": node.origin_token,
                "classification": node.classification,
                "level": level(node.classification) if node.in_archive else "missing",
                "subject": node.subject,
                "url": (
                    cable_url(node.reference_id)
                    if node.in_archive
                    else search_url(f"cites:{node.reference_id}")
                ),
                "x": x,
                "y": y,
            }
        )
    edges = []
    for edge, (source, target) in zip(numbers, pairs, strict=True):
        sx, sy = place[source]
        tx, ty = place[target]
        kind = int(graph.kinds[edge])
        # citing -> cited: from the left side of the citing node to the right of the cited
        x1, y1 = sx, sy + NODE_HEIGHT / 2
        x2, y2 = tx + NODE_WIDTH, ty + NODE_HEIGHT / 2
        if column[source] - column[target] <= 1:  # neighbouring columns: an S-curve
            bend = max(30.0, abs(x1 - x2) / 2)
            path = f"M{x1},{y1} C{x1 - bend},{y1} {x2 + bend},{y2} {x2},{y2}"
        else:  # over other columns: arch through the gap above the higher row
            top = min(y1, y2) - _ARCH
            path = f"M{x1},{y1} C{x1 - 40},{top} {x2 + 40},{top} {x2},{y2}"
        edges.append(
            {
                "source": graph.ids[source],
                "target": graph.ids[target],
                "kind": "+".join(
                    name for bit, name in ((REF, "ref"), (MENTION, "mention")) if kind & bit
                ),
                "path": path,
            }
        )
    return {
        "reference_id": centre.reference_id,
        "subject": centre.subject,
        "in_archive": centre.in_archive,
        "depth": depth,
        "max_depth": MAX_DEPTH,
        "citations": graph.citations,
        "shown": len(nodes),
        "total": total,
        "truncated": len(nodes) < total,
        "width": _PAD * 2 + (width - 1) * _COLUMN + NODE_WIDTH,
        "height": _PAD * 2 + (height - 1) * _ROW + NODE_HEIGHT,
        "node_width": NODE_WIDTH,
        "node_height": NODE_HEIGHT,
        "nodes": nodes,
        "edges": edges,
        "links": {
            "cable": cable_url(centre.reference_id) if centre.in_archive else None,
            "json": graph_url(centre.reference_id, depth, ".json"),
            "depths": {str(d): graph_url(centre.reference_id, d) for d in range(1, MAX_DEPTH + 1)},
        },
    }
