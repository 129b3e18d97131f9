"""A WikiLeaks Cablegate cable page: two ``<pre>`` blocks inside 40 KB of navigation.

The page (``/cable/YYYY/MM/REFID.html``) holds, after a navigation pane that is
the same on every page, ``<h3>Viewing cable REFID, SUBJECT</h3>``, a metadata
table (Reference ID, Created, Released, Classification, Origin) and two
``<code><pre>`` blocks: the routing header, then the body. Inside them newlines
are written ``&#x000A;``, paragraphs carry ``<a id='par1' href='#par1'>¶</a>``
anchors and some TAGS lines are ``<a href='/tag/PREL_0.html'>PREL</a>`` links.
The site did *not* escape ``&`` or ``<`` in cable text (``R&D;``,
``<<218634>>``), so only real entities are decoded and only real HTML tags are
removed.

The title and the table are the answer key, not the cable: they go into
``metadata`` only. The pieces are found with ``str.find`` and anchored
regexes; no HTML parser walks the page, which keeps a page well under a
millisecond.
"""

from __future__ import annotations

import html.entities
import re

from cablegram.model import Diagnostic
from cablegram.readers import preamble, telegram
from cablegram.readers.base import Source

_NEWLINE_ENTITY = "&#x000A;"
_ENTITY = re.compile(r"&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")
_PARAGRAPH_ANCHOR = re.compile(
    r"<a\b[^<>]*>\s*(?:¶|&para;|&#182;|&#[xX]0*[bB]6;)\s*</a>"
    r"|<a\b[^<>]*\bhref=[\"']#par[^\"']*[\"'][^<>]*>[^<]*</a>",
    re.IGNORECASE,
)
_BREAK = re.compile(r"<br\s*/?>\n?", re.IGNORECASE)
# Only tags HTML has: the site left cable text such as ``<<218634>>`` unescaped.
_TAG = re.compile(
    r"</?(?:a|abbr|b|big|blockquote|body|center|code|del|div|em|font|h[1-6]|hr|html|i|img|ins"
    r"|kbd|li|mark|ol|p|pre|s|samp|small|span|strike|strong|sub|sup|table|tbody|td|th|thead"
    r"|tr|tt|u|ul|wbr)\b[^<>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^<>]*>")
_TITLE = re.compile(
    r"<h3>\s*Viewing cable\s+([^,<]*?)\s*,\s*(.*?)\s*</h3>", re.IGNORECASE | re.DOTALL
)
_TABLE = re.compile(
    r"<table\b[^>]*\bclass=[\"']cable[\"'][^>]*>(.*?)</table>", re.IGNORECASE | re.DOTALL
)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", re.IGNORECASE | re.DOTALL)
# The site's own table: plain header cells, each data cell one link. Fast path.
_HEAD_CELL = re.compile(r"<th>([^<]*)</th>")
_LINKED_CELL = re.compile(r"<td>\s*<a\b[^>]*>([^<]*)</a>\s*</td>")
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.IGNORECASE | re.DOTALL)
_BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_DROPPED_ELEMENTS = re.compile(
    r"<(script|style|head)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)

_TABLE_KEYS = {
    "reference id": "reference_id",
    "created": "created",
    "released": "released",
    "classification": "classification",
    "origin": "origin",
}


def extract(text: str) -> Source:
    """Read a WikiLeaks cable page (or a fragment holding its ``<pre>`` blocks)."""
    text = text.lstrip("\ufeff")
    metadata: dict[str, str] = {}
    start = _read_title(text, metadata)
    start = _read_table(text, start, metadata)
    blocks = [pre_text(raw) for raw in _pre_blocks(text, start)]
    source = Source(header="", body="", rendering="html", metadata=metadata)
    if not blocks:
        _read_without_pre(text, source)
    elif len(blocks) == 1:
        source.header, source.body = telegram.split(blocks[0])
    else:
        source.header = blocks[0].strip("\n")
        source.body = "\n\n".join(blocks[1:]).strip("\n")
    preamble.absorb_body_preamble(source)
    if not source.header and not source.body:
        source.diagnostics.append(telegram.empty_text_diagnostic())
    return source


def _pre_blocks(text: str, start: int) -> list[str]:
    """The raw content of each ``<pre>`` after ``start`` (found with ``str.find``)."""
    blocks: list[str] = []
    at = text.find("<pre", start)
    while at >= 0:
        open_end = text.find(">", at)
        close = text.find("</pre>", open_end)
        if open_end < 0 or close < 0:
            break
        if text[at + 4] in "> \t\n":
            blocks.append(text[open_end + 1 : close])
        at = text.find("<pre", close)
    if not blocks:  # upper case or odd spacing: the slow, general way
        blocks = [match.group(1) for match in _PRE.finditer(text)]
    return blocks


def pre_text(raw: str) -> str:
    """The telegram text of one ``<pre>`` block: entities decoded, tags and anchors gone."""
    text = raw.replace(_NEWLINE_ENTITY, "\n")
    if "<" in text:
        text = _PARAGRAPH_ANCHOR.sub("", text)
        text = _sub_markup(_BREAK, "\n", text)
        text = _sub_markup(_TAG, "", text)
    return telegram.normalize(unescape(text))


def _sub_markup(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """``pattern.sub`` for a markup pattern, scanning only from the first ``<`` to the last ``>``.

    Every match of the markup patterns starts with ``<`` and ends with ``>`` (a
    ``<br>`` also takes the newline after it), and what is left once the
    paragraph anchors are gone is a few TAGS links near the top.
    """
    start = text.find("<")
    end = text.rfind(">") + 2  # past the newline a ``<br>`` takes
    if start < 0 or end <= start + 2:
        return text
    return text[:start] + pattern.sub(replacement, text[start:end]) + text[end:]


def unescape(text: str) -> str:
    """Decode character references and *known* named entities; leave stray ``&`` alone.

    Unlike :func:`html.unescape`, names without a semicolon are not decoded, so
    ``AT&T`` or ``R&Dnotice`` survive in pages that never escaped ``&``.
    """
    if "&" not in text:
        return text
    return _ENTITY.sub(_decode_entity, text)


def _decode_entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name[0] != "#":
        return html.entities.html5.get(name + ";", match.group(0))
    code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return chr(code)


def cell_text(raw: str) -> str:
    """Text of a table cell or title: tags gone, entities decoded, spaces collapsed."""
    if "<" in raw:
        raw = _ANY_TAG.sub(" ", raw)
    return " ".join(unescape(raw).split())


def _read_title(text: str, metadata: dict[str, str]) -> int:
    """``<h3>Viewing cable REFID, SUBJECT</h3>``: metadata; returns where it ends."""
    # From the end: the title follows 35 KB of navigation and precedes ~10 KB of cable.
    at = text.rfind("<h3>Viewing cable")
    if at < 0:
        at = text.find("Viewing cable")
        if at < 0:
            return 0
    match = _TITLE.match(text, at) or _TITLE.search(text, max(0, at - 16))
    if match is None:
        return 0
    preamble.put_metadata(metadata, "reference_id", cell_text(match.group(1)))
    preamble.put_metadata(metadata, "subject", cell_text(match.group(2)))
    return match.end()


def _read_table(text: str, start: int, metadata: dict[str, str]) -> int:
    """The ``<table class='cable'>`` row of metadata; returns where the table ends."""
    at = text.find("<table class='cable'>", start)
    if at < 0:
        match = _TABLE.search(text, start)
        if match is None:
            return start
        at = match.start()
    end = text.find("</table>", at)
    if end < 0:
        return start
    names = _HEAD_CELL.findall(text, at, end)
    values = _LINKED_CELL.findall(text, at, end)[: len(names)]
    if not names or len(values) < len(names) or "<" in "".join(values):
        rows = [_CELL.findall(row) for row in _ROW.findall(text, at, end)[:2]]
        names, values = (rows[0], rows[1]) if len(rows) == 2 else ([], [])
    for name, value in zip(names, values, strict=False):
        key = _TABLE_KEYS.get(cell_text(name).lower())
        if key:
            preamble.put_metadata(metadata, key, cell_text(value), replace=True)
    return end


def _read_without_pre(text: str, source: Source) -> None:
    """A page without ``<pre>``: the visible text of its body, as a telegram."""
    body_tag = _BODY_TAG.search(text)
    visible = text[body_tag.end() :] if body_tag else text
    visible = _DROPPED_ELEMENTS.sub("", visible)
    visible = _BREAK.sub("\n", visible.replace(_NEWLINE_ENTITY, "\n"))
    visible = telegram.normalize(unescape(_TAG.sub("", visible)))
    source.header, source.body = telegram.split(visible)
    source.diagnostics.append(
        Diagnostic(
            code="html-without-pre",
            message="the page has no <pre> block; its visible text was read as the cable",
            severity="warning",
        )
    )
