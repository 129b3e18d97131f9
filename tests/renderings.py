"""Test support: render a raw telegram fixture the way each rendering really looks.

The readers are tested by rendering one fictional cable every way it circulates
and checking that each reader gets the same telegram text back. The renderings
copy the shape of the real thing, oddities included:

* ``to_html``: a Cablegate page (navigation pane with tag and classification
  links, ``<h3>`` title, metadata table, two ``<code><pre>`` blocks with
  ``&#x000A;`` newlines, ``¶`` paragraph anchors and linked TAGS), with ``&``
  left unescaped as the site did (or escaped, for other mirrors);
* ``to_markdown``: that page through an HTML-to-Markdown converter, either a
  scrape (``[1](#)2.`` anchors, ``[PREL](#)`` links, two trailing spaces, the
  header's lines run together on one line, backslash escapes) or a
  markdownify-style conversion (fenced ``<pre>`` blocks, ``[¶](#par2)`` anchors);
* ``to_preamble``: ``KEY: value`` lines or a ``<<n>>`` record dump on top;
* ``to_csv_row``: one record of the release's ``cables.csv``.

The header/body boundary is found here with a deliberately simple rule
(banner, dateline or ``BT``), independent of the reader under test.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "cables"

# Metadata of each fictional fixture cable, as the WikiLeaks table would show it.
METADATA: dict[str, dict[str, str]] = {
    "consulate_sbu": {
        "reference_id": "08MONTERREY212",
        "created": "2008-03-28 15:30",
        "released": "2010-12-02 21:09",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Consulate Monterrey",
        "subject": "NUEVO LEON ASSEMBLY PLANTS TRIM SHIFTS AS EXPORT ORDERS",
    },
    "secret_noforn_sections": {
        "reference_id": "06ANKARA731",
        "created": "2006-06-09 11:22",
        "released": "2010-12-03 12:12",
        "classification": "SECRET//NOFORN",
        "origin": "Embassy Ankara",
        "subject": "TURKISH GENERAL STAFF PRESSES FOR ACTION AGAINST",
    },
    "state_collective": {
        "reference_id": "09STATE44417",
        "created": "2009-05-13 18:58",
        "released": "2010-12-04 18:06",
        "classification": "CONFIDENTIAL",
        "origin": "Secretary of State",
        "subject": "DEMARCHE REQUEST: GAS TRANSIT CONTINGENCY PLANNING",
    },
    "no_header": {
        "reference_id": "09LUSAKA388",
        "created": "2009-04-22 09:15",
        "released": "2010-12-05 12:12",
        "classification": "CONFIDENTIAL",
        "origin": "Embassy Lusaka",
        "subject": "ZAMBIA: COPPERBELT MAYORS WARN OF SERVICE CUTS",
    },
    "press_dateline": {
        "reference_id": "10VILNIUS151",
        "created": "2010-03-16 07:45",
        "released": "2010-12-06 21:09",
        "classification": "CONFIDENTIAL",
        "origin": "Embassy Vilnius",
        "subject": "LITHUANIA: PARLIAMENT SPEAKER ON ENERGY LINKS AND",
    },
    "two_signers": {
        "reference_id": "08AMMAN2290",
        "created": "2008-08-15 14:10",
        "released": "2010-12-07 21:09",
        "classification": "CONFIDENTIAL",
        "origin": "Embassy Amman",
        "subject": "JOINT EMBASSY-TREASURY VIEW OF REFUGEE REMITTANCE",
    },
    "split_precedence": {
        "reference_id": "09BAGHDAD950",
        "created": "2009-03-19 08:00",
        "released": "2010-12-08 12:12",
        "classification": "SECRET",
        "origin": "Embassy Baghdad",
        "subject": "PROVINCIAL COUNCIL IN DIYALA SEATS NEW GOVERNOR",
    },
    "ref_snippet": {
        "reference_id": "07MUSCAT154",
        "created": "2007-02-14 14:12",
        "released": "2010-12-09 21:09",
        "classification": "CONFIDENTIAL",
        "origin": "Embassy Muscat",
        "subject": "",
    },
}

_BODY_START = re.compile(
    r"(?:[A-Z] ){4}|UNCLAS\b|BT$"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d"
)
_PARAGRAPH = re.compile(r"^(\d{1,2})\. ", re.MULTILINE)
_TAGS_LINE = re.compile(r"^(TAGS: )(.*)$", re.MULTILINE)
_MD_ESCAPE = re.compile(r"([\\*_#\[\]])")

_NAV_TAGS = ("PREL", "PGOV", "ECON", "MARR", "PTER", "KNNP", "ENRG", "MX", "TU", "IZ")
_NAV_CLASSIFICATIONS = (
    ("1", "unclassified", "CONFIDENTIAL"),
    ("3", "confidential", "SECRET"),
    ("4", "secret//noforn", "SECRET//NOFORN"),
    ("6", "confidential//noforn", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
)


def fixture_names() -> list[str]:
    """The fixture cables, by file stem, in a stable order."""
    return sorted(path.stem for path in FIXTURES.glob("*.txt"))


def load(name: str) -> str:
    """A fixture cable's raw telegram text."""
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def split_telegram(text: str) -> tuple[str, str]:
    """Header and body of a fixture by the simple rule (first banner, dateline or BT)."""
    lines = text.strip("\n").split("\n")
    for index, line in enumerate(lines):
        if _BODY_START.match(line):
            return "\n".join(lines[:index]).strip("\n"), "\n".join(lines[index:]).strip("\n")
    return "", "\n".join(lines)


def squash(text: str) -> str:
    """Whitespace-normalised text, for comparing renderings."""
    return " ".join(text.split())


# --- HTML ---------------------------------------------------------------------------


Parts = tuple[str, str]


def to_html(
    text: str, metadata: dict[str, str], *, escape: bool = False, parts: Parts | None = None
) -> str:
    """A Cablegate cable page holding ``text`` (or the given ``(header, body)`` parts)."""
    header, body = parts or split_telegram(text)
    ref = metadata.get("reference_id", "")
    created = metadata.get("created", "2000-01-01 00:00")
    year, month = created[:4], created[5:7]
    return "\n".join(
        [
            "<?xml version='1.0' encoding='utf-8' ?>",
            '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
            '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
            "<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>",
            "<head>",
            "<title>Cable Viewer</title>",
            "<link href='/static/css/cables.css' rel='stylesheet' type='text/css' />",
            "</head>",
            "<body>",
            "<div class='main'>",
            _html_navigation(),
            "<div class='pane big'>",
            f"<h3>Viewing cable {ref}, {metadata.get('subject', '')}</h3>",
            "<div>",
            "If you are new to these pages, please read an introduction on the "
            '<a href="#help_1" onclick="return sh(1);">structure of a cable</a>.',
            "<br />",
            "</div>",
            "<div id='help_1'>",
            "<b>Understanding cables</b>",
            "<br />",
            "Every cable message consists of three parts:",
            "<ul>",
            "<li>The top box shows each cables unique reference number.</li>",
            "</ul>",
            "</div>",
            _html_table(metadata, year, month),
            f"<code><pre>{_html_pre(header, escape=escape)}</pre></code>",
            f"<code><pre>{_html_pre(body, escape=escape)}</pre></code>",
            "</div>",
            "</div>",
            "<script src='/static/js/js.js' type='text/javascript'></script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def _html_navigation() -> str:
    tags = "\n".join(f"<a href='/tag/{tag}_0.html'>{tag}</a>" for tag in _NAV_TAGS)
    classes = "\n".join(
        f"<a href='/classification/{n}_0.html' title='{title}'>{label}</a>"
        for n, title, label in _NAV_CLASSIFICATIONS
    )
    return "\n".join(
        [
            "<div class='pane small'>",
            "<a href='/index.html'>",
            "<img alt='WikiLeaks logo' src='/static/gfx/WL_Hour_Glass_small.png' />",
            "<p>Currently released so far... 1295 / 251,287</p>",
            "</a>",
            "<div id='browse'>",
            "<h3>Browse latest releases</h3>",
            "<div class='sort'>",
            "<a href='/reldate/2010-12-10_0.html'>2010/12/10</a>",
            "</div>",
            "<h3>Browse by tag</h3>",
            f"<div class='sort' id='tag_A'>\n{tags}\n</div>",
            "<h3>Browse by classification</h3>",
            f"<div class='sort'>\n{classes}\n</div>",
            "</div>",
            "</div>",
        ]
    )


def _html_table(metadata: dict[str, str], year: str, month: str) -> str:
    ref = metadata.get("reference_id", "")
    created = metadata.get("created", "")
    released = metadata.get("released", "")
    return "\n".join(
        [
            "<table class='cable'>",
            "<tr>",
            "<th>Reference ID</th>",
            "<th>Created</th>",
            "<th>Released</th>",
            "<th>Classification</th>",
            "<th>Origin</th>",
            "</tr>",
            "<tr>",
            f"<td>\n<a href='/cable/{year}/{month}/{ref}.html'>{ref}</a>\n</td>",
            f"<td>\n<a href='/date/{year}-{month}_0.html'>{created}</a>\n</td>",
            f"<td>\n<a href='/reldate/{released[:10]}_0.html'>{released}</a>\n</td>",
            "<td>\n<a href='/classification/1_0.html' title='unclassified'>"
            f"{metadata.get('classification', '')}</a>\n</td>",
            f"<td>\n<a href='/origin/46_0.html'>{metadata.get('origin', '')}</a>\n</td>",
            "</tr>",
            "</table>",
        ]
    )


def _html_pre(text: str, *, escape: bool) -> str:
    if escape:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PARAGRAPH.sub(r"<a id='par\1' href='#par\1'>¶</a>\1. ", text)
    text = _TAGS_LINE.sub(_html_tags_line, text)
    return text.replace("\n", "&#x000A;")


def _html_tags_line(match: re.Match[str]) -> str:
    links = " ".join(f"<a href='/tag/{tag}_0.html'>{tag}</a>" for tag in match.group(2).split())
    return match.group(1) + links


# --- Markdown -----------------------------------------------------------------------


def to_markdown(
    text: str, metadata: dict[str, str], *, style: str = "scraped", parts: Parts | None = None
) -> str:
    """The page as Markdown: ``style`` is ``scraped`` or ``markdownify`` (see module doc)."""
    header, body = parts or split_telegram(text)
    ref = metadata.get("reference_id", "")
    fenced = style == "markdownify"
    link = "(/tag/{0}_0.html)" if fenced else "(#)"
    parts = [
        "[![WikiLeaks logo](/static/gfx/WL_Hour_Glass_small.png)",
        "Currently released so far... 1295 / 251,287](/index.html)",
        "",
        "### Browse latest releases",
        "",
        "[2010/12/10](/reldate/2010-12-10_0.html) [2010/12/09](/reldate/2010-12-09_0.html)",
        "",
        "### Browse by tag",
        "",
        " ".join(f"[{tag}]{link.format(tag)}" for tag in _NAV_TAGS),
        "",
        f"### Viewing cable {ref}, {metadata.get('subject', '')}",
        "",
        "If you are new to these pages, please read an introduction on the "
        "[structure of a cable](#help_1).",
        "",
        "**Understanding cables**  ",
        "Every cable message consists of three parts:",
        "",
        "* The top box shows each cables unique reference number.",
        "",
        "| Reference ID | Created | Released | Classification | Origin |",
        "| --- | --- | --- | --- | --- |",
        _markdown_row(metadata),
        "",
    ]
    if fenced:
        parts += ["```", header, "```", "", "```", _markdown_body(body, style), "```", ""]
    else:
        parts += [_md_escape(" ".join(header.split("\n"))), "", _markdown_body(body, style), ""]
    return "\n".join(parts)


def _markdown_row(metadata: dict[str, str]) -> str:
    ref = metadata.get("reference_id", "")
    created = metadata.get("created", "")
    cells = [
        f"[{ref}](/cable/{created[:4]}/{created[5:7]}/{ref}.html)",
        f"[{created}](/date/{created[:7]}_0.html)",
        f"[{metadata.get('released', '')}](/reldate/2010-12-01_0.html)",
        f'[{metadata.get("classification", "")}](/classification/1_0.html "unclassified")',
        f"[{metadata.get('origin', '')}](/origin/46_0.html)",
    ]
    return "| " + " | ".join(cells) + " |"


def _markdown_body(body: str, style: str) -> str:
    if style == "markdownify":
        body = _PARAGRAPH.sub(r"[¶](#par\1)\1. ", body)
        return _TAGS_LINE.sub(
            lambda m: m.group(1) + " ".join(f"[{t}](/tag/{t}_0.html)" for t in m.group(2).split()),
            body,
        )
    body = _md_escape(body)
    body = _PARAGRAPH.sub(r"[1](#)\1. ", body)
    body = _TAGS_LINE.sub(
        lambda m: m.group(1) + " ".join(f"[{t}](#)" for t in m.group(2).split()), body
    )
    return "\n".join(line + "  " if line else line for line in body.split("\n"))


def _md_escape(text: str) -> str:
    return _MD_ESCAPE.sub(r"\\\1", text)


# --- preamble and CSV ---------------------------------------------------------------


def to_preamble(text: str, metadata: dict[str, str], *, style: str = "keys") -> str:
    """``text`` under a metadata preamble: ``keys`` (``ID:`` lines) or ``record`` (``<<n>>``)."""
    if style == "record":
        lines = [
            "<<218634>>",
            _us_datetime(metadata["created"]),
            metadata["reference_id"],
            metadata["origin"],
            metadata["classification"],
        ]
        return "\n".join(lines) + "\n" + text
    lines = [
        f"ID: {metadata['reference_id']}",
        f"SUBJECT: {metadata.get('subject', '')}",
        f"DATE: {metadata['created']}",
        f"CLASSIFICATION: {metadata['classification']}",
        f"ORIGIN: {metadata['origin']}",
    ]
    return "\n".join(lines) + "\n\n" + text


def to_csv_row(text: str, metadata: dict[str, str], rownum: int, refs: str = "") -> str:
    """One ``cables.csv`` record: 8 quoted fields, quotes escaped with a backslash."""
    header, body = split_telegram(text)
    fields = [
        str(rownum),
        _us_datetime(metadata["created"]),
        metadata["reference_id"],
        metadata["origin"],
        metadata["classification"],
        refs,
        header + "\n" if header else "",
        body + "\n",
    ]
    return ",".join(_csv_quote(field) for field in fields) + "\n"


def _csv_quote(field: str) -> str:
    return '"' + field.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _us_datetime(iso: str) -> str:
    stamp = dt.datetime.strptime(iso, "%Y-%m-%d %H:%M")
    return f"{stamp.month}/{stamp.day}/{stamp.year} {stamp.hour}:{stamp.minute:02d}"
