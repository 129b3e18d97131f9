"""All renderings of one cable give the same record.

Each fictional fixture cable is rendered every way cables circulate (a WikiLeaks
page, its Markdown scrape and conversion, text under a preamble, a row of
cables.csv) and parsed; every parsed field must equal the raw telegram's.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import cablegram
from cablegram.files import read
from tests.renderings import (
    METADATA,
    fixture_names,
    load,
    to_csv_row,
    to_html,
    to_markdown,
    to_preamble,
)

# What may differ between renderings: where the record came from, and the text as
# the rendering laid it out (line numbers move with it).
# A cable whose text has no date takes the rendering's (``created_source`` says so).
PROVENANCE = {
    "rendering",
    "source_metadata",
    "header_text",
    "body_text",
    "diagnostics",
    "created_source",
}


def raw_fields(name: str) -> dict[str, Any]:
    """The raw telegram's record, told the date the renderings carry (used only when
    the text has none, as a rendering's metadata is)."""
    created = dt.datetime.fromisoformat(METADATA[name]["created"]).replace(tzinfo=dt.UTC)
    return fields(cablegram.parse(load(name), created=created))


def fields(cable: cablegram.Cable) -> dict[str, Any]:
    data = cable.to_dict()
    for key in PROVENANCE:
        data.pop(key)
    for paragraph in data["paragraphs"]:
        paragraph.pop("line")
    return data


RENDERINGS = {
    "html": lambda text, meta: to_html(text, meta),
    "html-escaped": lambda text, meta: to_html(text, meta, escape=True),
    "markdown-scraped": lambda text, meta: to_markdown(text, meta, style="scraped"),
    "markdown-converted": lambda text, meta: to_markdown(text, meta, style="markdownify"),
    "preamble-keys": lambda text, meta: to_preamble(text, meta, style="keys"),
    "preamble-record": lambda text, meta: to_preamble(text, meta, style="record"),
}


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("name", fixture_names())
def test_every_rendering_parses_to_the_same_record(name: str, rendering: str) -> None:
    rendered = RENDERINGS[rendering](load(name), METADATA[name])
    assert fields(cablegram.parse(rendered)) == raw_fields(name)


@pytest.mark.parametrize("name", fixture_names())
def test_a_cables_csv_row_parses_to_the_same_record(name: str, tmp_path: Path) -> None:
    raw = load(name)
    path = tmp_path / "cables.csv"
    path.write_text(to_csv_row(raw, METADATA[name], 1), encoding="utf-8")
    [cable] = list(read(path))
    assert cable.rendering == "csv"
    assert fields(cable) == raw_fields(name)


@pytest.mark.parametrize("name", fixture_names())
def test_rendering_metadata_is_kept_apart_from_parsed_fields(name: str) -> None:
    page = to_html(load(name), METADATA[name])
    cable = cablegram.parse(page)
    assert cable.rendering == "html"
    assert cable.source_metadata["reference_id"] == METADATA[name]["reference_id"]


def test_metadata_that_disagrees_with_the_text_is_a_diagnostic_not_an_override() -> None:
    name = "secret_noforn_sections"
    meta = dict(METADATA[name], classification="CONFIDENTIAL", reference_id="06ANKARA999")
    cable = cablegram.parse(to_html(load(name), meta))
    assert cable.classification == "SECRET//NOFORN"
    assert cable.reference_id == "06ANKARA731"
    codes = {d.code for d in cable.diagnostics}
    assert {"metadata-classification-mismatch", "metadata-id-mismatch"} <= codes
