"""The command line: thin Typer commands over the library, Rich output.

Exit status: 0 success, 1 findings (diagnostics at error level, lint errors),
2 the tool itself could not do what was asked (bad arguments, unreadable input).
"""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from cablegram.errors import ReadError
from cablegram.files import read
from cablegram.model import Cable, json_schema

app = typer.Typer(
    name="cablegram",
    help="Parse, decode, store, search and serve US diplomatic cables.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _out() -> Console:
    """Standard output. Made per command: the terminal's width is read when it is made."""
    return Console(highlight=False)


def _err() -> Console:
    return Console(stderr=True, highlight=False)


class ParseFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


class TableFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output: a table, CSV or JSON.")
]


def emit(rows: list[dict[str, object]], fmt: TableFormat, *, title: str | None = None) -> None:
    """Print records as a Rich table, CSV (with a header row) or a JSON list."""
    if fmt is TableFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
        return
    columns = list(rows[0]) if rows else []
    if fmt is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title=title, header_style="bold")
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    _out().print(table)


Paths = Annotated[
    list[Path],
    typer.Argument(help="Files or directories: HTML pages, text, cables.csv, JSON Lines."),
]


class _ErrorCounter:
    """Reports read errors on stderr as ``file:line: message`` and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: ReadError) -> None:
        self.count += 1
        _err().print(f"[red]error[/red] {error}", markup=True)


def _cables(paths: Iterable[Path], on_error: _ErrorCounter) -> Iterator[Cable]:
    for path in paths:
        if not path.exists():
            on_error(ReadError("no such file or directory", path=path))
            continue
        yield from read(path, on_error=on_error)


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
    errors = _ErrorCounter()
    cables = _cables(paths, errors)
    if fmt is ParseFormat.jsonl:
        for cable in cables:
            sys.stdout.write(cable.to_json() + "\n")
            if diagnostics:
                _print_diagnostics(cable)
    elif fmt is ParseFormat.json:
        records = []
        for cable in cables:
            records.append(cable.to_dict())
            if diagnostics:
                _print_diagnostics(cable)
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        table = cable_table()
        for cable in cables:
            add_row(table, cable)
            if diagnostics:
                _print_diagnostics(cable)
        _out().print(table)
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
    for d in cable.diagnostics:
        line = f":{d.line}" if d.line else ""
        _err().print(f"{name}{line}: {d.severity} {d.code} {d.message}", markup=False)


@app.command()
def tags(
    codes: Annotated[
        list[str] | None, typer.Argument(help="TAGS codes to decode; none: the whole table.")
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """Decode TAGS codes: kind (subject, program, geo, org, person) and meaning.

    Example: [bold]cablegram tags PREL MU KNNP "CLINTON, HILLARY"[/bold]
    """
    from cablegram.tables import tags as table

    infos = [table.describe(code) for code in codes] if codes else list(table.all_tags())
    rows: list[dict[str, object]] = [
        {
            "code": i.code,
            "kind": i.kind,
            "meaning": i.meaning,
            "iso": i.iso,
            "canonical": i.canonical,
        }
        for i in infos
    ]
    emit(rows, fmt)
    if codes and any(i.kind == "unknown" for i in infos):
        raise typer.Exit(1)


@app.command()
def posts(
    query: Annotated[
        str | None,
        typer.Argument(help="Token, name, city, country or routing indicator; none: all."),
    ] = None,
    fmt: FormatOption = TableFormat.table,
) -> None:
    """List the posts that send cables, with their routing indicators and countries.

    Example: [bold]cablegram posts muscat[/bold]   [bold]cablegram posts RUEHMS[/bold]
    """
    from cablegram.tables import posts as table

    found = table.search(query) if query else list(table.all_posts())
    rows: list[dict[str, object]] = [
        {
            "token": p.token,
            "name": p.name,
            "kind": p.kind,
            "country": p.iso,
            "fips": p.fips,
            "routes": " ".join(p.routes),
            "lat": p.lat,
            "lon": p.lon,
        }
        for p in found
    ]
    emit(rows, fmt)
    if query and not found:
        _err().print(f"no post matches {query!r}", markup=False)
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of cable records.

    Example: [bold]cablegram schema > cable.schema.json[/bold]
    """
    sys.stdout.write(json.dumps(json_schema(), indent=2) + "\n")


@app.command()
def demo() -> None:
    """Parse the bundled sample cables and print them as a table.

    Example: [bold]cablegram demo[/bold]
    """
    from cablegram.samples import sample_dir

    errors = _ErrorCounter()
    table = cable_table()
    for cable in _cables([sample_dir()], errors):
        add_row(table, cable)
    console = _out()
    console.print(table)
    console.print(f"Sample cables: {sample_dir()}")


def main() -> None:
    """Console-script entry point."""
    app()
