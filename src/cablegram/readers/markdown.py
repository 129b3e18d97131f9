"""A WikiLeaks cable page converted to Markdown, or scraped as plain text.

Converters and scrapers leave the page's structure in a few recognisable
shapes, all of which are undone here:

* links ``[PREL](#)``, ``[PREL](/tag/PREL_0.html)`` -> ``PREL``; images vanish;
* paragraph anchors before the paragraph number, ``[1](#)2.`` or
  ``[¶](#par2)2.`` -> ``2.``;
* hard breaks (two trailing spaces or a trailing backslash), backslash escapes
  (``\\*``, ``\\_``, ``\\#``, ``1\\.``), ``**bold**``, stray ``<br>`` tags and entities;
* the two ``<pre>`` blocks as fenced code (first fence = header, second = body),
  as indented code, as inline code, or as bare text with the header's lines
  run together on one line (left run together in ``Source.header``: the header
  parser reads tokens, not lines; the body is still cut off at the banner).

The ``### Viewing cable REFID, SUBJECT`` title and the metadata table (a
Markdown table or the cells scraped as text) go into ``metadata`` only, like
the HTML page's. Navigation and help text before them are skipped.
"""

from __future__ import annotations

import re

from cablegram.readers import preamble, telegram
from cablegram.readers.base import Source
from cablegram.readers.wikileaks_html import unescape

_TITLE = re.compile(r"[#*_ ]*Viewing cable\s+([^,\s]+)\s*,?[ \t]*(.*?)[#*_ \t]*$", re.MULTILINE)
_TABLE_HEAD = re.compile(r"Reference ID\s*(?:\||\s+Created\s+Released\s+Classification\s+Origin\b)")
_SCRAPED_ROW = re.compile(
    r"\s*(\S+)\s+(\d{4}-\d\d-\d\d \d\d:\d\d)\s+(\d{4}-\d\d-\d\d \d\d:\d\d)\s+"
    r"((?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET)(?://[A-Z][A-Z ]*[A-Z])*)\s+([^\n]+)"
)
_SCRAPED_KEYS = ("reference_id", "created", "released", "classification", "origin")
_TABLE_KEYS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}
_FENCE = re.compile(r"\s{0,3}(?:`{3,}|~{3,})[\w-]*\s*$")
_ANY_FENCE = re.compile(r"^ {0,3}(?:`{3,}|~{3,})[\w-]*[ \t]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_ANCHOR = re.compile(
    r"\[[^\]\n]*\]\(#par[^)\n]*\)"  # [¶](#par2), [2](#par2)
    r"|\[(?:¶|\d{1,3}|[A-Za-z]?)\]\(#[^)\n]*\)(?=[^\s)])"  # [1](#)2.  [](#)2.
)
_LINK = re.compile(
    r"\[([^\]\n]*)\]\((?:#|/|\.{1,2}/|https?://|mailto:|[\w./-]+\.html?)[^)\s]*"
    r"(?:\s+\"[^\"\n]*\")?\)"
)
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BOLD = re.compile(r"\*\*(?=[^\s*])(.+?)(?<=[^\s*])\*\*")
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(
    r"</?(?:a|b|code|div|em|i|p|pre|span|strong|sup|sub|u)\b[^<>]*>", re.IGNORECASE
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_HARD_BREAK = re.compile(r"(?<!\\)\\$", re.MULTILINE)  # slow: only when "\\\\\n" occurs
_INDENT = "    "
_CHROME_LINES = 40  # help-text lines tolerated between the title and the cable


def extract(text: str) -> Source:
    """Read a Markdown conversion or text scrape of a WikiLeaks cable page."""
    clean = telegram.normalize(text)
    metadata: dict[str, str] = {}
    title_end = _read_title(clean, metadata)
    start = _read_table(clean, title_end, metadata)
    chrome = _skip_articles if start > title_end else _skip_help if title_end else _keep
    lines = clean[start:].split("\n")
    blocks = _fenced_blocks(lines)
    source = Source(header="", body="", rendering="markdown", metadata=metadata)
    if len(blocks) >= 2:
        source.header = clean_markup(blocks[0], code=True).strip("\n")
        source.body = clean_markup("\n\n".join(blocks[1:]), code=True).strip("\n")
    else:
        region = clean_markup(blocks[0], code=True) if blocks else clean_markup(_dedent(lines))
        source.header, source.body = telegram.split(chrome(region))
    preamble.absorb_body_preamble(source)
    if not source.header and not source.body:
        source.diagnostics.append(telegram.empty_text_diagnostic())
    return source


def clean_markup(text: str, *, code: bool = False) -> str:
    """Markdown and leftover HTML off telegram text (see the module docstring).

    In a fenced ``code`` block converters write no escapes, breaks or emphasis
    (Markdown would show them literally), so only links and tags are undone.
    """
    text = _IMAGE.sub("", text)
    if "](" in text:
        text = _ANCHOR.sub("", text)
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(r"\1", text)
        text = _BREAK_TAG.sub("\n", text)
        text = _HTML_TAG.sub("", text)
    if code:
        return telegram.normalize(unescape(text))
    if "**" in text:
        text = _BOLD.sub(r"\1", text)
    if "\\" in text:
        text = _remove_hard_breaks(text)
        text = _ESCAPE.sub(r"\1", text)
    return telegram.normalize(_strip_inline_code(unescape(text)))


def looks_like_markdown(head: str) -> bool:
    """Whether the start of a text carries Markdown or page-scrape signs."""
    return (
        ("](" in head and _LINK.search(head) is not None)
        or "Viewing cable " in head
        or _TABLE_HEAD.search(head) is not None
        or (("```" in head or "~~~" in head) and _ANY_FENCE.search(head) is not None)
    )


def _remove_hard_breaks(text: str) -> str:
    """A backslash ending a line is a hard break; an escaped one (``\\\\``) is text."""
    if "\\\\\n" in text or text.endswith("\\\\"):
        return _HARD_BREAK.sub("", text)
    text = text.replace("\\\n", "\n")
    return text.removesuffix("\\")


def _read_title(text: str, metadata: dict[str, str]) -> int:
    at = text.find("Viewing cable")
    if at < 0:
        return 0
    line_start = text.rfind("\n", 0, at) + 1
    match = _TITLE.match(text, line_start)
    if match is None:
        return 0
    preamble.put_metadata(metadata, "reference_id", clean_markup(match.group(1)).strip())
    preamble.put_metadata(metadata, "subject", clean_markup(match.group(2)).strip())
    return match.end()


def _read_table(text: str, start: int, metadata: dict[str, str]) -> int:
    """The metadata table, as Markdown rows or scraped cells; returns where it ends."""
    match = _TABLE_HEAD.search(text, start)
    if match is None or match.start() - start > 8000:
        return start
    if match.group(0).endswith("|"):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        line_end = len(text) if line_end < 0 else line_end
        return _read_markdown_table(text, line_start, line_end, metadata)
    row = _SCRAPED_ROW.match(text, match.end())
    if row is None:
        return start
    for key, value in zip(_SCRAPED_KEYS, row.groups(), strict=True):
        preamble.put_metadata(metadata, key, value.strip(), replace=True)
    return row.end()


def _read_markdown_table(
    text: str, line_start: int, line_end: int, metadata: dict[str, str]
) -> int:
    names = _cells(text[line_start:line_end])
    end = line_end
    rows: list[list[str]] = []
    while end < len(text):
        line_end = text.find("\n", end + 1)
        line_end = len(text) if line_end < 0 else line_end
        line = text[end:line_end].strip()
        if not line.startswith("|"):
            break
        if not set(line) <= set("|-: "):
            rows.append(_cells(line))
        end = line_end
    if rows:
        for name, value in zip(names, rows[0], strict=False):
            key = _TABLE_KEYS.get(name.lower())
            if key:
                preamble.put_metadata(metadata, key, value, replace=True)
    return end


def _cells(line: str) -> list[str]:
    """The cells of a table row, links and escapes undone (cells are short: no normalising)."""
    cells = line.strip().strip("|").split("|")
    if "](" in line:
        cells = [_LINK.sub(r"\1", cell) for cell in cells]
    if "\\" in line:
        cells = [_ESCAPE.sub(r"\1", cell) for cell in cells]
    return [unescape(cell).strip() for cell in cells]


def _fenced_blocks(lines: list[str]) -> list[str]:
    blocks: list[str] = []
    current: list[str] | None = None
    for line in lines:
        if _FENCE.match(line):
            if current is None:
                current = []
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    if current:  # an unclosed fence runs to the end
        blocks.append("\n".join(current))
    return blocks


def _dedent(lines: list[str]) -> str:
    """Undo an indented code block (html2text's ``<pre>``) when nearly all lines are in one."""
    filled = [line for line in lines if line.strip()]
    indented = sum(1 for line in filled if line.startswith(_INDENT))
    if filled and indented >= 0.9 * len(filled):
        lines = [line.removeprefix(_INDENT) for line in lines]
    return "\n".join(lines)


def _keep(region: str) -> str:
    return region


def _skip_articles(region: str) -> str:
    """After the table: drop the scraped "Appears in these articles:" paragraph."""
    stripped = region.lstrip("\n")
    if not stripped.startswith("Appears in these articles"):
        return region
    end = stripped.find("\n\n")
    return stripped[end:] if end >= 0 else ""


def _skip_help(region: str) -> str:
    """A title but no table: drop help text before the first telegram line, if one is near."""
    lines = region.split("\n", _CHROME_LINES)
    for index, line in enumerate(lines[:_CHROME_LINES]):
        if (
            telegram.is_header_start(line)
            or telegram.is_body_start(line)
            or preamble.is_preamble_start(line)
        ):
            return "\n".join(lines[index:])
    return region


def _strip_inline_code(text: str) -> str:
    """`` `VZCZC... FM ...` ``: a span of whole lines wrapped in single backticks.

    Only a backtick opening a line whose span closes at a line end (before the
    next blank line) is removed: cables themselves type backticks for apostrophes.
    """
    if "`" not in text:
        return text
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        close = _inline_span_end(lines, index)
        if close is None:
            index += 1
            continue
        lines[index] = lines[index].replace("`", "", 1)
        cut = lines[close].rfind("`")
        lines[close] = lines[close][:cut] + lines[close][cut + 1 :]
        index = close + 1
    return "\n".join(lines)


def _inline_span_end(lines: list[str], start: int) -> int | None:
    first = lines[start].strip()
    if not first.startswith("`") or first.startswith("``"):
        return None
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not line:
            return None
        if line.endswith("`") and not line.endswith("``") and (index > start or len(line) > 1):
            return index
    return None
