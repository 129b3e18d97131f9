"""Look-ups in the reference tables: tags, posts."""

from __future__ import annotations

from typing import Annotated

import typer

from cablegram.cli.common import FormatOption, TableFormat, app, emit, err


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
        err().print(f"no post matches {query!r}", markup=False)
        raise typer.Exit(1)
