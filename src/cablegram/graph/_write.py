"""The graph, or the neighbourhood of a search, written for Gephi and web tools.

========  =======================================================================
format    what is written
========  =======================================================================
graphml   GraphML (:func:`networkx.write_graphml`): Gephi, yEd, Cytoscape, igraph
gexf      GEXF 1.2 (:func:`networkx.write_gexf`): Gephi's own format
json      node-link JSON, as d3 and :func:`networkx.node_link_graph` read it:
          ``{"directed": true, "multigraph": false, "graph": {...},
          "nodes": [{"id": ..., ...}], "links": [{"source", "target", "kind"}]}``
========  =======================================================================

Every node carries ``label`` (its id), ``date`` (``YYYY-MM-DD``), ``year``,
``origin`` (the origin token, also for missing cables, from their id),
``classification``, ``subject`` and ``in_archive``; unknown values are empty
strings, since GraphML and GEXF have no null. Every edge carries ``kind``:
``ref``, ``mention`` or ``ref+mention``. JSON needs nothing beyond the standard
library; GraphML and GEXF need networkx (imported only when asked for).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import numpy as np

from cablegram.errors import ArchiveError
from cablegram.graph._core import KIND_NAMES, CitationGraph, Citations, IntArray

if TYPE_CHECKING:
    import networkx as nx

    from cablegram.archive import Archive

GraphFormat = Literal["graphml", "gexf", "json"]
GRAPH_FORMATS: tuple[GraphFormat, ...] = ("graphml", "gexf", "json")

Output = str | Path | IO[bytes]


@dataclass(frozen=True, slots=True)
class GraphExport:
    """What :func:`export_graph` wrote."""

    format: GraphFormat
    nodes: int
    edges: int
    seconds: float


def to_networkx(graph: CitationGraph, nodes: IntArray | None = None) -> nx.DiGraph[str]:
    """The graph (or the subgraph on these node numbers) as a networkx ``DiGraph``
    with the export attributes on nodes and edges."""
    import networkx as nx

    chosen = np.arange(len(graph), dtype=np.int64) if nodes is None else nodes
    digraph: nx.DiGraph[str] = nx.DiGraph(citations=graph.citations)
    digraph.add_nodes_from((graph.ids[i], graph.attributes(i)) for i in chosen.tolist())
    edges = np.arange(graph.edge_count) if nodes is None else graph.edges_within(chosen)
    digraph.add_edges_from(
        (graph.ids[s], graph.ids[t], {"kind": KIND_NAMES[k]})
        for s, t, k in zip(
            graph.source[edges].tolist(),
            graph.target[edges].tolist(),
            graph.kinds[edges].tolist(),
            strict=True,
        )
    )
    return digraph


def node_link(graph: CitationGraph, nodes: IntArray | None = None) -> dict[str, Any]:
    """The graph (or the subgraph on these node numbers) as node-link data."""
    chosen = np.arange(len(graph), dtype=np.int64) if nodes is None else nodes
    edges = np.arange(graph.edge_count) if nodes is None else graph.edges_within(chosen)
    return {
        "directed": True,
        "multigraph": False,
        "graph": {"citations": graph.citations},
        "nodes": [{"id": graph.ids[i], **graph.attributes(i)} for i in chosen.tolist()],
        "links": [
            {"source": graph.ids[s], "target": graph.ids[t], "kind": KIND_NAMES[k]}
            for s, t, k in zip(
                graph.source[edges].tolist(),
                graph.target[edges].tolist(),
                graph.kinds[edges].tolist(),
                strict=True,
            )
        ],
    }


def write_graph(
    graph: CitationGraph, output: Output, fmt: GraphFormat, nodes: IntArray | None = None
) -> tuple[int, int]:
    """Write the graph (or the subgraph on these node numbers); return (nodes, edges)."""
    if fmt not in GRAPH_FORMATS:
        raise ArchiveError(f"unknown graph format {fmt!r}: use {', '.join(GRAPH_FORMATS)}")
    if fmt == "json":
        data = node_link(graph, nodes)
        encoded = json.dumps(data, ensure_ascii=False).encode()
        _write_bytes(output, encoded)
        return len(data["nodes"]), len(data["links"])
    import networkx as nx

    digraph = to_networkx(graph, nodes)
    target = str(output) if isinstance(output, Path) else output
    if fmt == "graphml":
        nx.write_graphml(digraph, target)
    else:
        nx.write_gexf(digraph, target)
    return digraph.number_of_nodes(), digraph.number_of_edges()


def export_graph(
    archive: Archive,
    output: Output,
    fmt: GraphFormat = "graphml",
    *,
    query: str = "",
    depth: int = 1,
    citations: Citations = "refs",
    graph: CitationGraph | None = None,
) -> GraphExport:
    """Write the citation graph of ``archive``: the whole of it when ``query`` is
    empty, else the cables matching ``query`` and every cable within ``depth``
    citations of them, either direction (``depth=0``: the matches alone, with the
    citations among them). Pass ``graph`` to reuse one already built."""
    started = time.perf_counter()
    graph = graph or CitationGraph.build(archive, citations=citations)
    nodes = None
    if query.strip():
        nodes = graph.neighbourhood(archive.engine.ids(query), depth=depth)
    count, edges = write_graph(graph, output, fmt, nodes)
    return GraphExport(fmt, count, edges, time.perf_counter() - started)


def _write_bytes(output: Output, data: bytes) -> None:
    if isinstance(output, str | Path):
        Path(output).write_bytes(data)
    else:
        output.write(data)
