"""Commands that look at an archive as a whole: citations, statistics, exports."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.table import Table

from cablegram.cli.common import DbOption, TableFormat, app, emit, err, fail, open_archive, out
from cablegram.errors import CablegramError

if TYPE_CHECKING:
    from cablegram.analytics import Trend


def _node_rows(nodes: list[object]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for node in nodes:
        rows.append(
            {
                "reference_id": node.reference_id,  # type: ignore[attr-defined]
                "date": node.date,  # type: ignore[attr-defined]
                "origin": node.origin_token,  # type: ignore[attr-defined]
                "classification": node.classification,  # type: ignore[attr-defined]
                "subject": node.subject,  # type: ignore[attr-defined]
                "in_archive": node.in_archive,  # type: ignore[attr-defined]
            }
        )
    return rows


IdArgument = Annotated[str, typer.Argument(help="A reference id, e.g. 07MUSCAT154.")]
FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output: a table, CSV or JSON.")
]


@app.command()
def cites(
    reference_id: IdArgument, db: DbOption = None, fmt: FormatOption = TableFormat.table
) -> None:
    """The cables this cable cites (its REF items), oldest first; missing ones marked.

    Example: [bold]cablegram cites 07MUSCAT154[/bold]
    """
    from cablegram.graph import build_graph

    archive = open_archive(db, readonly=True)
    try:
        emit(_node_rows(list(build_graph(archive).cites(reference_id))), fmt)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()


@app.command("cited-by")
def cited_by(
    reference_id: IdArgument, db: DbOption = None, fmt: FormatOption = TableFormat.table
) -> None:
    """The cables that cite this cable, oldest first.

    Example: [bold]cablegram cited-by 07STATE16868[/bold]
    """
    from cablegram.graph import build_graph

    archive = open_archive(db, readonly=True)
    try:
        emit(_node_rows(list(build_graph(archive).cited_by(reference_id))), fmt)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()


@app.command()
def thread(
    reference_id: IdArgument,
    db: DbOption = None,
    depth: Annotated[int, typer.Option(help="Citation steps each way.")] = 3,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """The chain of cables around one, in time order: what it cites (<-) and what cites it (->).

    Example: [bold]cablegram thread 07MUSCAT154 --depth 2[/bold]
    """
    from cablegram.graph import build_graph

    archive = open_archive(db, readonly=True)
    try:
        entries = build_graph(archive).thread(reference_id, depth=depth)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    rows = _node_rows([e.node for e in entries])
    for row, entry in zip(rows, entries, strict=True):
        step = entry.distance
        row["step"] = "*" if step == 0 else (f"<-{-step}" if step < 0 else f"->{step}")
    emit([{"step": r.pop("step"), **r} for r in rows], fmt)


@app.command()
def citations(
    db: DbOption = None,
    top: Annotated[int, typer.Option(help="How many cables to list.")] = 20,
    missing: Annotated[bool, typer.Option(help="Only cables the archive lacks.")] = False,
    pagerank: Annotated[bool, typer.Option(help="Rank by PageRank, not citations.")] = False,
    flows: Annotated[bool, typer.Option(help="Which posts cite which, instead.")] = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """The most-cited cables (or those the archive lacks), PageRank, post-to-post flows.

    Example: [bold]cablegram citations --missing --top 20[/bold]
    """
    from cablegram.graph import build_graph

    archive = open_archive(db, readonly=True)
    try:
        graph = build_graph(archive)
        where = False if missing else None
        rows: list[dict[str, object]]
        if flows:
            rows = [
                {"from": f.source, "to": f.target, "citations": f.citations}
                for f in graph.flows()[:top]
            ]
        elif pagerank:
            rows = [
                {**_node_rows([r.node])[0], "pagerank": round(r.score, 8)}
                for r in graph.top_pagerank(top, in_archive=where)
            ]
        else:
            rows = [
                {**_node_rows([c.node])[0], "cited": c.citations}
                for c in graph.most_cited(top, in_archive=where)
            ]
        resolution = graph.resolution
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    emit(rows, fmt)
    if fmt is TableFormat.table:
        out().print(
            f"{resolution.citations:,} citations, {resolution.share:.1%} resolve to cables "
            f"in the archive; {resolution.missing_cables:,} cited cables are missing",
            markup=False,
        )


class GraphFormat(enum.StrEnum):
    graphml = "graphml"
    gexf = "gexf"
    json = "json"


@app.command()
def graph(
    query: Annotated[
        str, typer.Argument(help="Cables to start from; empty: the whole graph.")
    ] = "",
    db: DbOption = None,
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f", help="File format.")] = (
        GraphFormat.graphml
    ),
    depth: Annotated[int, typer.Option(help="Citation steps around the matches.")] = 1,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")] = Path(
        "citations.graphml"
    ),
) -> None:
    """Write the citation graph (or a query's neighbourhood) for Gephi, networkx, the web.

    Example: [bold]cablegram graph 'tag:PTER date:2008' --depth 2 -f gexf -o pter.gexf[/bold]
    """
    from cablegram.graph import export_graph

    archive = open_archive(db, readonly=True)
    try:
        report = export_graph(archive, output, fmt.value, query=query, depth=depth)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    out().print(
        f"wrote {output}: {report.nodes:,} cables, {report.edges:,} citations "
        f"in {report.seconds:.1f} s",
        markup=False,
    )


@app.command("stats")
def stats_command(
    query: Annotated[str, typer.Argument(help="A search; empty: the whole archive.")] = "",
    db: DbOption = None,
    by: Annotated[
        list[str] | None,
        typer.Option(
            help="Fields: year month origin country tag classification precedence "
            "signer classified_by (repeat the option)."
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help="Values shown per field.")] = 15,
    plot: Annotated[
        Path | None, typer.Option(help="Draw the first field (or the trend) to FILE.svg|png.")
    ] = None,
    trend: Annotated[
        bool, typer.Option(help="The query per month (--by year: per year), and its share.")
    ] = False,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """What the archive (or a search) holds: counts by year, post, tag, classification ...

    Example: [bold]cablegram stats 'tag:PTER' --by year --by origin --plot pter.svg[/bold]
    or [bold]cablegram stats nuclear --trend --plot nuclear.png -f csv[/bold]
    """
    from cablegram import analytics

    archive = open_archive(db, readonly=True)
    try:
        if trend:
            points = analytics.trend(archive, query, by="year" if by == ["year"] else "month")
            if plot:
                analytics.plot(points, plot, share=True)
            records = points.to_records()
            total = None
        else:
            fields = tuple(by) if by else ("year", "classification", "origin", "country", "tag")
            counts = analytics.stats(archive, query, by=fields)
            total = archive.count(query)
            if plot:
                analytics.plot(counts[fields[0]], plot)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    if trend and fmt is not TableFormat.table:
        emit(records, fmt)
        return
    console = out()
    if trend:
        _trend_table(points, plot)
        return
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(counts.to_dict(), indent=2) + "\n")
        return
    if fmt is TableFormat.csv:
        emit([{"field": f, "value": v, "count": c} for f in fields for v, c in counts[f]], fmt)
        return
    console.print(f"[bold]{total:,}[/bold] cables" + (f" match {escape(query)}" if query else ""))
    for name in fields:
        rows = counts[name][:limit] if name not in ("year", "month") else counts[name]
        if not rows:
            continue
        biggest = max(c for _, c in rows)
        table = Table(title=name, header_style="bold", show_edge=False)
        table.add_column(name)
        table.add_column("cables", justify="right")
        table.add_column("")
        for value, count in rows:
            table.add_row(escape(str(value)), f"{count:,}", _bar(count, biggest))
        console.print(table)
    if plot:
        console.print(f"chart: {plot}", markup=False)


def _bar(value: float, biggest: float) -> str:
    """A bar of up to 30 blocks (none for zero), in the table's markup."""
    return f"[cyan]{'█' * max(1, round(30 * value / biggest))}[/cyan]" if value else ""


def _trend_table(points: Trend, plot: Path | None) -> None:
    """A trend in the terminal: matching cables, all cables and the share per period,
    with a bar for the share."""
    console = out()
    biggest = max((p.share for p in points), default=0.0)
    table = Table(
        title=f"{escape(points.query) or 'all cables'} per {points.by}",
        header_style="bold",
        show_edge=False,
    )
    for column in (points.by, "cables", "of", "share"):
        table.add_column(column, justify="left" if column == points.by else "right")
    table.add_column("")
    for point in points:
        table.add_row(
            point.period,
            f"{point.cables:,}",
            f"{point.total:,}",
            f"{point.share:.1%}",
            _bar(point.share, biggest),
        )
    console.print(table)
    if plot:
        console.print(f"chart: {plot}", markup=False)


class ExportFormat(enum.StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command()
def export(
    query: Annotated[str, typer.Argument(help="A search; empty: every cable.")] = "",
    db: DbOption = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")] = (
        ExportFormat.jsonl
    ),
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write; - for standard output.")
    ] = "-",
) -> None:
    """Export cables: JSON Lines (the nested record), CSV (flat), Parquet (nested, typed).

    Streams: memory stays flat whatever the size. `cablegram ingest` reads JSON Lines
    and Parquet back.

    Example: [bold]cablegram export 'country:PK' -f parquet -o pakistan.parquet[/bold]
    """
    from cablegram.export import export as write

    archive = open_archive(db, readonly=True)
    try:
        target: Path | object = sys.stdout.buffer if output == "-" else Path(output)
        report = write(archive, query, fmt.value, target)  # type: ignore[arg-type]
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    if output != "-":
        err().print(
            f"wrote {report.cables:,} cables to {output} in {report.seconds:.1f} s", markup=False
        )
