"""Commands that work on cable files: parse, schema, demo."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from cablegram.cli.common import ErrorCounter, app, cables, err, out
from cablegram.model import Cable, json_schema


class ParseFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


Paths = Annotated[
    list[Path],
    typer.Argument(help="Files or directories: HTML pages, text, cables.csv, JSON Lines."),
]


@app.command()
def parse(
    paths: Paths,
    fmt: Annotated[
        ParseFormat, typer.Option("--format", "-f", help="Output: a table, JSON or JSON Lines.")
    ] = ParseFormat.table,
    diagnostics: Annotated[
        bool, typer.Option("--diagnostics", "-d", help="List the problems met, with line numbers.")
    ] = False,
) -> None:
    """Parse cables and print their records.

    Example: [bold]cablegram parse cables/ --format jsonl > cables.jsonl[/bold]
    """
    errors = ErrorCounter()
    found = cables(paths, errors)
    if fmt is ParseFormat.jsonl:
        for cable in found:
            sys.stdout.write(cable.to_json() + "\n")
            if diagnostics:
                _print_diagnostics(cable)
    elif fmt is ParseFormat.json:
        records = []
        for cable in found:
            records.append(cable.to_dict())
            if diagnostics:
                _print_diagnostics(cable)
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        table = cable_table()
        for cable in found:
            add_row(table, cable)
            if diagnostics:
                _print_diagnostics(cable)
        out().print(table)
    if errors.count:
        raise typer.Exit(2)


def cable_table() -> Table:
    """An empty table with the columns a person scans first."""
    table = Table(show_lines=False, header_style="bold")
    table.add_column("id", no_wrap=True)
    table.add_column("created (UTC)", no_wrap=True)
    table.add_column("origin")
    table.add_column("classification")
    table.add_column("tags")
    table.add_column("subject", overflow="fold")
    return table


def add_row(table: Table, cable: Cable) -> None:
    created = cable.created.strftime("%Y-%m-%d %H:%M") if cable.created else "?"
    table.add_row(
        cable.reference_id or "?",
        created,
        cable.origin or cable.origin_token or "?",
        cable.classification or "?",
        " ".join(cable.tags),
        cable.subject or "",
    )


def _print_diagnostics(cable: Cable) -> None:
    name = cable.reference_id or cable.source_metadata.get("path", "<cable>")
    console = err()
    for d in cable.diagnostics:
        line = f":{d.line}" if d.line else ""
        console.print(f"{name}{line}: {d.severity} {d.code} {d.message}", markup=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of cable records.

    Example: [bold]cablegram schema > cable.schema.json[/bold]
    """
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command()
def demo(
    folder: Annotated[Path, typer.Option(help="Where the demo archive goes.")] = Path("demo"),
    count: Annotated[int, typer.Option(help="Synthetic cables to add to the samples.")] = 3000,
) -> None:
    """Build a demo archive (bundled samples plus synthetic cables) and show what it holds.

    Example: [bold]cablegram demo --count 5000[/bold]
    """
    from cablegram import synth
    from cablegram.archive import Archive
    from cablegram.samples import sample_dir

    console = out()
    errors = ErrorCounter()
    table = cable_table()
    for cable in cables([sample_dir()], errors):
        add_row(table, cable)
    console.print("[bold]The bundled sample cables, parsed:[/bold]")
    console.print(table)
    generated = folder / "synthetic"
    if not generated.exists():
        synth.write(generated, count, seed=7, fmt="txt")
    db = folder / "demo.db"
    with Archive.open(db) as archive:
        report = archive.ingest([sample_dir(), generated])
        result = archive.search("", limit=0)
        console.print(
            f"\n[bold]Demo archive[/bold] {db}: {result.total:,} cables "
            f"({report.added:,} added, {report.unchanged:,} already there)"
        )
        for name in ("year", "classification", "origin"):
            shown = ", ".join(f"{v} {c:,}" for v, c in result.facets[name][:8])
            console.print(f"  {name}: {shown}")
        query = '"cabinet reshuffle" class>=confidential'
        hits = archive.search(query, limit=3)
        console.print(f"\n[bold]cablegram search[/bold] '{query}': {hits.total:,} cables")
        for hit in hits.hits:
            console.print(f"  {hit.reference_id}  {hit.subject}", markup=False)
    example = hits.hits[0].reference_id if hits.hits else "06ANKARA731"
    console.print(
        f"\nTry: cablegram search 'tag:PTER date:2008..2009' --db {db}"
        f"\n     cablegram show {example} --db {db}"
    )
