"""The command line: thin Typer commands over the library, Rich output.

Exit status: 0 success, 1 findings (diagnostics at error level, lint errors),
2 the tool itself could not do what was asked (bad arguments, unreadable input).
"""

from __future__ import annotations

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
