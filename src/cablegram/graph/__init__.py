"""The citation graph of an archive: cites, cited-by, threads, rankings, exports.

::

    from cablegram import Archive
    from cablegram.graph import build_graph, export_graph

    with Archive.open("cables.db") as archive:
        graph = build_graph(archive)                     # REF items; citations="all" adds
        graph.cites("08ANKARA691")                       # inline mentions
        graph.cited_by("08STATE12345")
        graph.thread("08ANKARA691", depth=3)             # the chain, in time order
        graph.most_cited(20, in_archive=False)           # most-cited cables it lacks
        graph.top_pagerank(20)
        graph.flows()                                    # post -> post citation counts
        graph.resolution.share                           # citations the archive answers
        export_graph(archive, "pterrorism.gexf", "gexf", query="tag:PTER", depth=1)

See :mod:`cablegram.graph._core` for what counts as an edge and
:mod:`cablegram.graph._write` for the export formats.
"""

from cablegram.graph._core import (
    CITATIONS,
    MENTION,
    REF,
    CitationGraph,
    Citations,
    Cited,
    Flow,
    Node,
    Ranked,
    Resolution,
    ThreadEntry,
    build_graph,
)
from cablegram.graph._write import (
    GRAPH_FORMATS,
    GraphExport,
    GraphFormat,
    export_graph,
    node_link,
    to_networkx,
    write_graph,
)

__all__ = [
    "CITATIONS",
    "GRAPH_FORMATS",
    "MENTION",
    "REF",
    "CitationGraph",
    "Citations",
    "Cited",
    "Flow",
    "GraphExport",
    "GraphFormat",
    "Node",
    "Ranked",
    "Resolution",
    "ThreadEntry",
    "build_graph",
    "export_graph",
    "node_link",
    "to_networkx",
    "write_graph",
]
