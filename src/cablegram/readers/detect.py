"""Tell which rendering a text is and hand it to that reader.

Detection reads only the first few kilobytes (plus one ``str.find`` for the
page title a text scrape carries after its navigation), in this order:

1. a record-dump line ``<<218634>>`` opening the text: ``preamble`` (it starts
   with ``<`` but is not HTML);
2. HTML: a document tag (``<!DOCTYPE``, ``<html>``, ``<body>`` ...) in the head, a
   fragment opening with ``<pre>``/``<div>``/..., or ``&#x000A;`` newlines: ``html``;
3. Markdown links, fences, a ``| Reference ID |`` table or the page's
   ``Viewing cable`` title: ``markdown``;
4. ``KEY: value`` metadata lines on top (``ID:``, ``DATE:``, ...): ``preamble``;
5. anything else: ``telegram``.

:func:`extract` never raises: a reader that fails on some odd input falls back
to the whole text as a telegram body, with a diagnostic.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cablegram.model import Diagnostic, Rendering
from cablegram.readers import markdown, preamble, telegram, wikileaks_html
from cablegram.readers.base import Source

_HEAD = 4096
_TITLE_SEARCH = 1 << 17  # a scraped page's title follows ~40 KB of navigation text
# Markup that makes a text HTML wherever it stands in the head, and markup that
# does so only when the text starts with a tag (a Markdown file may quote ``<pre>``).
_HTML_DOCUMENT = re.compile(r"<(?:!doctype|html|\?xml|head|body)\b", re.IGNORECASE)
_HTML_FRAGMENT = re.compile(r"<(?:pre|div|table|code|p|h[1-6]|a)\b", re.IGNORECASE)
# A document tag opening the text survives normalising the head unchanged (only a
# control right after it, which normalising removes, could join it to a word).
_HTML_OPENING = re.compile(
    r"<(?:!doctype|html|\?xml|head|body)\b(?![\x00-\x08\x0b-\x1f\x7f\ufeff])", re.IGNORECASE
)
_NEWLINE_ENTITIES = 3  # a <pre> block writes every newline so; prose mentions it once
_PAGE_MARKERS = ("Viewing cable ", "Currently released so far")

_READERS: dict[Rendering, Callable[[str], Source]] = {
    "telegram": telegram.extract,
    "html": wikileaks_html.extract,
    "markdown": markdown.extract,
    "preamble": preamble.extract,
}


def detect(text: str) -> Rendering:
    """The rendering of ``text``: ``telegram``, ``html``, ``markdown`` or ``preamble``."""
    if _HTML_OPENING.match(text):  # a page: decided without normalising its head
        return "html"
    head = telegram.normalize(text[:_HEAD]).lstrip()
    if preamble.is_record_dump(head):
        return "preamble"
    if _is_html(head):
        return "html"
    if markdown.looks_like_markdown(head) or any(
        text.find(marker, 0, _TITLE_SEARCH) >= 0 for marker in _PAGE_MARKERS
    ):
        return "markdown"
    if preamble.has_preamble(head):
        return "preamble"
    return "telegram"


def _is_html(head: str) -> bool:
    if "<" not in head and "&#" not in head:
        return False
    return (
        _HTML_DOCUMENT.search(head) is not None
        or (head.startswith("<") and _HTML_FRAGMENT.match(head) is not None)
        or head.count("&#x000A;") + head.count("&#10;") >= _NEWLINE_ENTITIES
    )


def extract(text: str) -> Source:
    """Detect the rendering of ``text`` and read it into a :class:`Source`."""
    try:
        return _READERS[detect(text)](text)
    except Exception as error:  # the parser must never raise on text
        return _failed(text, f"reader failed ({type(error).__name__}: {error})")


def _failed(text: str, message: str) -> Source:
    try:
        body = telegram.normalize(text).strip("\n")
    except Exception:  # not even text (a caller ignored the type): nothing to keep
        body = ""
    source = Source(header="", body=body, rendering="telegram")
    source.diagnostics.append(Diagnostic(code="reader-failed", message=message, severity="error"))
    return source
