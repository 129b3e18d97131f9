"""What every command shares: the Typer app, consoles, output formats, error reporting.

Exit status, everywhere: 0 success, 1 findings (unknown codes, lint errors, no
match), 2 the tool itself could not do what was asked (bad arguments,
unreadable input, a malformed query, a database it cannot open).
"""

from __future__ import annotations

import csv
import enum
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from cablegram.errors import CablegramError, QuerySyntaxError, ReadError
from cablegram.files import read
from cablegram.model import Cable

if TYPE_CHECKING:
    from cablegram.archive import Archive

app = typer.Typer(
    name="cablegram",
    help="Parse, decode, store, search and serve US diplomatic cables.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def out() -> Console:
    """Standard output. Made per command: the terminal's width is read when it is made."""
    return Console(highlight=False)


def err() -> Console:
    """Standard error. Lines are never wrapped: ``file:line: message`` stays one line
    whatever the terminal's width, for people and for the tools that read it."""
    return Console(stderr=True, highlight=False, soft_wrap=True)


class TableFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    TableFormat, typer.Option("--format", "-f", help="Output: a table, CSV or JSON.")
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="CABLEGRAM_DB",
        help="The archive: a SQLite file (default cablegram.db) or postgresql://...",
        show_default=False,
    ),
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
    out().print(table)


def fail(error: CablegramError) -> NoReturn:
    """Report a library error on stderr and exit with status 2."""
    console = err()
    if isinstance(error, QuerySyntaxError):
        console.print(f"error: {error.reason}", markup=False)
        console.print(error.pointer(), markup=False)
    else:
        console.print(f"error: {error}", markup=False)
    raise typer.Exit(2)


def open_archive(db: str | None, *, readonly: bool = False) -> Archive:
    """The archive at ``db`` (or ``$CABLEGRAM_DB``); an error exits with status 2."""
    from cablegram.archive import Archive

    try:
        return Archive.open(db, readonly=readonly)
    except CablegramError as error:
        fail(error)


class ErrorCounter:
    """Reports read errors on stderr as ``file:line: message`` and counts them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, error: ReadError) -> None:
        self.count += 1
        err().print(Text.assemble(("error", "red"), f" {error}"))


def cables(paths: Iterable[Path], on_error: ErrorCounter) -> Iterator[Cable]:
    """The cables under these paths; a missing path is reported, not fatal."""
    for path in paths:
        if not path.exists():
            on_error(ReadError("no such file or directory", path=path))
            continue
        yield from read(path, on_error=on_error)
