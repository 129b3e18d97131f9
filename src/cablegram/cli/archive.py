"""Commands over an archive: ingest, search, show, stats."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table

from cablegram.archive import FACETS, SearchResult
from cablegram.archive.ingest import input_size
from cablegram.archive.search import SORTS
from cablegram.archive.search_marks import MARK_END, MARK_START
from cablegram.cli.common import DbOption, app, err, fail, open_archive, out
from cablegram.errors import CablegramError


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories of cables, any rendering.")
    ],
    db: DbOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Parsing processes (default: all cores).")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Cables per transaction.")] = 1000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Parse cables and store them in the archive; safe to run again and to interrupt.

    Cables already in the archive are left unchanged; a cable that arrives with a
    different text gets a new version (every version is kept). Bad files are
    listed with their line and skipped.

    Example: [bold]cablegram ingest cables.csv pages/ --db cables.db[/bold]
    """
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        err().print(f"error: {path}: no such file or directory", markup=False)
    if missing:
        raise typer.Exit(2)
    archive = open_archive(db)
    total = input_size(paths)
    columns = (
        TextColumn("[bold]ingest"),
        BarColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[cables]:,} cables"),
        TransferSpeedColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    try:
        with Progress(*columns, console=err(), disable=quiet, transient=False) as bar:
            task = bar.add_task("ingest", total=total or None, cables=0)

            def progress(cables: int, size: int) -> None:
                bar.update(task, completed=size, cables=cables)

            report = archive.ingest(
                paths, workers=workers, batch_size=batch_size, progress=progress
            )
            bar.update(task, completed=total)
    except KeyboardInterrupt:
        err().print(
            "interrupted: the archive holds every batch written so far; "
            "run the same command again to go on",
            markup=False,
        )
        raise typer.Exit(130) from None
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    summary = Table(title=f"ingest into {archive.url}", header_style="bold", show_header=False)
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for label, count in (
        ("added", report.added),
        ("updated (new version)", report.updated),
        ("unchanged", report.unchanged),
        ("failed", report.failed),
        ("without a reference id", len(report.unidentified)),
    ):
        summary.add_row(label, f"{count:,}")
    rate = report.seen / report.seconds if report.seconds else 0.0
    summary.add_row("seconds", f"{report.seconds:,.1f} ({rate:,.0f} cables/s)")
    console = out()
    console.print(summary)
    for failure in report.failures[:100]:
        console.print(f"failed: {failure}", markup=False)
    if report.failed > 100:
        console.print(f"... and {report.failed - 100:,} more failures", markup=False)


class SearchFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="A query; see docs/search.md.")] = "",
    db: DbOption = None,
    sort: Annotated[
        str, typer.Option(help=f"Order: {', '.join(SORTS)} (date: newest first).")
    ] = "relevance",
    limit: Annotated[int, typer.Option("--limit", "-n", help="Hits to show.")] = 20,
    offset: Annotated[int, typer.Option(help="Hits to skip (for paging).")] = 0,
    facets: Annotated[bool, typer.Option(help="Show facet counts.")] = True,
    fmt: Annotated[
        SearchFormat, typer.Option("--format", "-f", help="Output: a table, JSON or JSON Lines.")
    ] = SearchFormat.table,
) -> None:
    """Search the archive: words, "phrases", prefix*, OR, -word, fields such as tag:PREL.

    Example: [bold]cablegram search 'tag:PTER country:PK date:2008..2009 -origin:STATE'[/bold]
    """
    archive = open_archive(db, readonly=True)
    try:
        result = archive.search(
            query,
            facets=FACETS if facets else None,
            sort=sort,  # type: ignore[arg-type]  # checked by the engine
            limit=limit,
            offset=offset,
        )
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    if fmt is SearchFormat.json:
        sys.stdout.write(json.dumps(result_dict(result), indent=2, ensure_ascii=False) + "\n")
        return
    if fmt is SearchFormat.jsonl:
        for hit in hit_dicts(result):
            sys.stdout.write(json.dumps(hit, ensure_ascii=False) + "\n")
        return
    _print_result(result, facets=facets)
    if not result.total:
        raise typer.Exit(1)


def result_dict(result: SearchResult) -> dict[str, object]:
    """A search result as plain JSON data: snippets as plain text, with the matched
    words as ``highlights`` (``[start, end)`` offsets into the snippet)."""
    return {
        "query": result.query,
        "total": result.total,
        "sort": result.sort,
        "offset": result.offset,
        "limit": result.limit,
        "milliseconds": round(result.milliseconds, 2),
        "hits": hit_dicts(result),
        "facets": {name: [[v, c] for v, c in counts] for name, counts in result.facets.items()},
    }


def hit_dicts(result: SearchResult) -> list[dict[str, object]]:
    return [
        {
            "reference_id": h.reference_id,
            "created": h.created,
            "origin": h.origin,
            "country": h.country,
            "classification": h.classification,
            "subject": h.subject,
            "snippet": h.snippet.replace(MARK_START, "").replace(MARK_END, ""),
            "highlights": _spans(h.snippet),
            "score": h.score,
        }
        for h in result.hits
    ]


def _spans(snippet: str) -> list[list[int]]:
    """Where the marked words are in the unmarked snippet: [start, end) pairs."""
    spans: list[list[int]] = []
    plain = 0
    start = 0
    for char in snippet:
        if char == MARK_START:
            start = plain
        elif char == MARK_END:
            spans.append([start, plain])
        else:
            plain += 1
    return spans


def _print_result(result: SearchResult, *, facets: bool) -> None:
    console = out()
    first = result.offset + 1 if result.hits else 0
    console.print(
        f"[bold]{result.total:,}[/bold] cables; {first}-{result.offset + len(result.hits)} "
        f"by {result.sort} ({result.milliseconds:.0f} ms)"
    )
    for hit in result.hits:
        date = (hit.created or "?")[:10]
        console.print(
            f"\n[bold cyan]{hit.reference_id}[/bold cyan]  {date}  {escape(hit.origin or '?')}  "
            f"[magenta]{escape(hit.classification or '?')}[/magenta]"
        )
        console.print(f"  [bold]{escape(hit.subject)}[/bold]")
        if hit.snippet:
            snippet = (
                escape(hit.snippet).replace(MARK_START, "[reverse]").replace(MARK_END, "[/reverse]")
            )
            console.print(f"  {snippet}")
    if facets and result.total:
        console.print()
        for name, counts in result.facets.items():
            if counts:
                shown = ", ".join(f"{escape(v)} {c:,}" for v, c in counts[:8])
                console.print(f"[dim]{name}:[/dim] {shown}")


@app.command()
def show(
    reference_id: Annotated[str, typer.Argument(help="The cable's reference id.")],
    db: DbOption = None,
    raw: Annotated[bool, typer.Option("--raw", help="The telegram text as stored.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The parsed record as JSON.")] = False,
    version: Annotated[
        int | None, typer.Option(help="A former version (see the list of versions).")
    ] = None,
) -> None:
    """Print one cable from the archive: a readable summary, the raw text or the record.

    Example: [bold]cablegram show 07MUSCAT154 --raw[/bold]
    """
    archive = open_archive(db, readonly=True)
    try:
        stored = archive.get(reference_id, version=version)
    except CablegramError as error:
        fail(error)
    finally:
        archive.close()
    if stored is None:
        err().print(f"no cable {reference_id!r} in the archive", markup=False)
        raise typer.Exit(1)
    cable = stored.cable
    if as_json:
        sys.stdout.write(json.dumps(cable.to_dict(), indent=2, ensure_ascii=False) + "\n")
        return
    if raw:
        sys.stdout.write(cable.text + "\n")
        return
    console = out()
    console.print(f"[bold]{cable.reference_id}[/bold]  [magenta]{cable.classification}[/magenta]")
    rows = [
        ("subject", cable.subject),
        ("created", cable.created.isoformat() if cable.created else None),
        ("origin", cable.origin or cable.origin_token),
        ("from", cable.sender),
        ("to", "; ".join(r.name for r in cable.recipients)),
        ("info", "; ".join(r.name for r in cable.info_recipients)),
        ("tags", " ".join(cable.tags)),
        ("caveats", " ".join(cable.caveats)),
        ("references", "; ".join(r.reference_id or r.text for r in cable.references)),
        ("classified by", "; ".join(p.name or p.title or "?" for p in cable.classified_by)),
        ("signers", " / ".join(cable.signers)),
        (
            "versions",
            ", ".join(
                f"{v.version}{' (current)' if v.current else ''} {v.ingested_at}"
                for v in stored.versions
            ),
        ),
    ]
    for label, value in rows:
        if value:
            console.print(f"[dim]{label:>14}[/dim]  {escape(str(value))}")
    if cable.summary:
        console.print(f"\n[bold]Summary[/bold]\n{escape(cable.summary)}")
    for paragraph in cable.paragraphs:
        mark = f"({paragraph.portion_mark}) " if paragraph.portion_mark else ""
        number = f"{paragraph.number}. " if paragraph.number is not None else ""
        console.print(f"\n{number}{mark}{escape(paragraph.text)}")


class SynthFormat(enum.StrEnum):
    txt = "txt"
    csv = "csv"


@app.command()
def synth(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write the cables into.")],
    count: Annotated[int, typer.Option("--count", "-n", help="How many cables.")] = 1000,
    seed: Annotated[int, typer.Option(help="Same seed, same cables, byte for byte.")] = 0,
    fmt: Annotated[
        SynthFormat,
        typer.Option("--format", "-f", help="txt: a file per cable; csv: cables.csv shards."),
    ] = SynthFormat.txt,
    start_year: Annotated[int, typer.Option(help="First year of the cables.")] = 2003,
    end_year: Annotated[int, typer.Option(help="Last year of the cables.")] = 2010,
) -> None:
    """Write fictional but realistic cables (raw telegrams that cite each other).

    For demos, tests and benchmarks: Cablegate's mix of posts, years and
    classifications, REF blocks citing earlier cables, portion marks, signatures.

    Example: [bold]cablegram synth out/ --count 251287 --format csv[/bold]
    """
    from cablegram import synth as generator

    if count < 0:
        err().print("error: --count must not be negative", markup=False)
        raise typer.Exit(2)
    stats = generator.write(
        out_dir, count, seed=seed, fmt=fmt.value, start_year=start_year, end_year=end_year
    )
    out().print(
        f"{stats.cables:,} cables ({stats.bytes / 1e6:,.1f} MB of text) in {stats.files:,} "
        f"files under {out_dir}, {stats.seconds:.1f} s"
    )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (localhost unless told).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (each uses a core and its own memory).")
    ] = 1,
) -> None:
    """Serve the archive on the web: search, cable pages and a JSON API (read-only).

    Example: [bold]cablegram serve --db cables.db --port 8000[/bold]
    """
    from cablegram.web import serve as run

    out().print(f"serving {db or 'cablegram.db'} at http://{host}:{port}/", markup=False)
    try:
        run(db, host, port, workers)
    except CablegramError as error:
        fail(error)
