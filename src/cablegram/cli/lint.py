"""``cablegram lint``: check cables as a drafting officer or declassification reviewer would."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from cablegram.cli.common import ErrorCounter, app, err, fail, out
from cablegram.errors import CablegramError, ReadError
from cablegram.files import documents


class LintFormat(enum.StrEnum):
    text = "text"
    json = "json"


@app.command()
def lint(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or directories of cables.")
    ] = None,
    fmt: Annotated[
        LintFormat, typer.Option("--format", "-f", help="text: path:line: CODE message; json.")
    ] = LintFormat.text,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rules or prefixes (CG1, CG203, ALL).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rules or prefixes to skip.")] = None,
    rules: Annotated[bool, typer.Option("--rules", help="List the rules and exit.")] = False,
) -> None:
    """Lint cables: markings, dates, authority, front matter, structure, references.

    Prints one line per finding, then a count. Exit status: 0 no error-level
    finding, 1 at least one, 2 the tool could not run (unreadable input, unknown rule).
    Rules are documented in docs/lint-rules.md.

    Example: [bold]cablegram lint cables/ --ignore CG403[/bold]
    """
    from cablegram.linter import RULES, format_finding, selected_rules
    from cablegram.linter import lint as check

    if rules:
        for code, rule in sorted(RULES.items()):
            out().print(f"{code} {rule.severity:<7} {rule.name}: {rule.summary}", markup=False)
        return
    if not paths:
        err().print("error: name at least one file or directory (or --rules)", markup=False)
        raise typer.Exit(2)
    try:
        selected_rules(select, ignore)
    except CablegramError as error:
        fail(error)
    errors = ErrorCounter()
    findings_total = error_level = 0
    records: list[dict[str, object]] = []
    for path in paths:
        if not path.exists():
            errors(ReadError("no such file or directory", path=path))
            continue
        for document in documents(path, on_error=errors):
            cable = document.parse()
            for finding in check(cable, select=select, ignore=ignore):
                findings_total += 1
                error_level += finding.severity == "error"
                if fmt is LintFormat.json:
                    records.append({"path": document.location, **finding.to_dict()})
                else:
                    sys.stdout.write(format_finding(document.location, finding) + "\n")
    if fmt is LintFormat.json:
        sys.stdout.write(json.dumps(records, indent=2, ensure_ascii=False) + "\n")
    else:
        err().print(f"{findings_total} findings, {error_level} errors", markup=False)
    if errors.count:
        raise typer.Exit(2)
    if error_level:
        raise typer.Exit(1)
