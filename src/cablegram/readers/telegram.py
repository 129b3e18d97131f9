"""Raw telegram text: clean it up and split the routing header from the body.

Every other reader ends here: once a rendering's markup is gone, what is left is
telegram text, and the one decision that matters is where the ACP-127 routing
header stops. The header runs from its first line (``VZCZC...``, a precedence
line, a bare DTG, ``FM``/``TO``/``INFO``, a distribution block) down to the line
before the first *body line*:

* a classification banner, spaced (``C O N F I D E N T I A L MUSCAT 000154``,
  also doubled or clipped letters and sentence case) or not (``UNCLAS ...``,
  ``SECRET SECTION 01 OF 02 ...``);
* the press dateline WikiLeaks put before edited bodies
  (``Monday, 25 January 2010, 09:33``);
* ``SIPDIS``, a bare caveat line, ``E.O.``/``EO 12958``, ``TAGS``, ``SUBJECT``,
  ``Classified By``, a numbered paragraph;
* ``BT``, the heading/text separator (the body starts *with* the ``BT`` line);
* an editor's note (``NOTE - DO NOT PUBLISH ...``) put before the text.

A text whose first line is not a header line has no header: all of it is body.
A marking line that opens the text but is followed by a DTG or ``FM`` line is a
printout heading, not the banner, and stays in the header.

When header lines were run together on one long line (as some Markdown
conversions do), the body is cut off at the banner inside that line.
"""

from __future__ import annotations

import re

from cablegram.model import Diagnostic
from cablegram.readers.base import Source

# C0 controls other than tab and newline, DEL, and the BOM: noise from
# conversions, never part of a cable. Form feeds are page breaks: a newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufeff]")
# Checked one by one with ``in`` (memchr speed) before the slower regex runs.
_CONTROL_CHARS = tuple(chr(c) for c in (*range(9), *range(11, 32), 127, 0xFEFF))
_SHORT = 512
_CONTROL_REPLACEMENT = {"\f": "\n", "\r": "\n"}  # page break; lone CR (old Mac line ends)

_PRECEDENCE_ROUTE = r"(?:[ZOPRM]{2}|[ZOPRM]\s+[ZOPRM])\s+R[A-Z]{3,}"
_DTG = r"(?:[ZOPRM](?:\s+[ZOPRM])?\s+)?\d{6}\s?Z\s+[A-Za-z]{3}\s+\d{2}"

_HEADER_START = re.compile(
    r"\s*(?:"
    r"VZCZC"
    rf"|{_PRECEDENCE_ROUTE}"
    r"|DE\s+R[A-Z]{3,}"
    r"|ZN[RY]\s"
    rf"|{_DTG}"
    r"|FM\s+\S"
    r"|TO\s+\S"
    r"|INFO\s+\S"
    r"|(?:ACTION|ORIGIN)\s+[A-Z]+-\d\d"
    r"|This record is a partial extract"
    # a header cut in the middle of its address list
    r"|R[A-Z]{3,}/\S"
    r"|(?:AMEMBASSY|AMCONSUL|SECSTATE|USMISSION|USDEL)\s"
    r")"
)

# A header line that may follow a marking line used as a printout heading.
_HEADER_AFTER_MARKING = re.compile(rf"\s*(?:{_DTG}|FM\s+\S|VZCZC|DE\s+R[A-Z]{{3,}}|PAGE\s+\d)")

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATELINE = rf"{_WEEKDAY},\s+\d{{1,2}}\s+[A-Za-z]+\s+\d{{4}},\s+\d{{1,2}}:\d\d"

_MARKING_WORD = r"(?:TOP\s+SECRET|SECRET|CONFIDENTIAL|C\s?ONFIDENTIAL|LIMITED\s+OFFICIAL\s+USE)"
_CAVEAT = r"(?:NOFORN|NODIS|EXDIS|LIMDIS|STADIS|SPECAT|SIPDIS|SENSITIVE|E\s?F\s?T\s?O)"

_BODY_START = re.compile(
    r"\s*(?:"
    # spaced marking, also with doubled/merged/clipped first letters
    r"[A-Za-z]{1,3}\s(?:[A-Za-z]\s){3,}"
    # UNCLAS banners in every spelling, even doubled first letter
    r"|U?UNCLAS"
    # unspaced marking that looks like a banner: alone, with caveats, a
    # section number or origin and serial
    rf"|{_MARKING_WORD}(?://\S*)?(?:\s+{_CAVEAT})*"
    r"(?:\s+SECTION\s+\d+\s+OF\s+\d+)?(?:\s+[A-Z][A-Z .'/-]*?\s+\d{1,8})?\s*$"
    rf"|{_DATELINE}"
    rf"|{_CAVEAT}\s*$"
    r"|SIPDIS"
    r"|E\.?\s?O\.?\s*1\d{4}"
    r"|TA?GS?\s*:"
    r"|TAGS\s"
    r"|SUBJ(?:ECT)?\s*:"
    r"|Classified\s+By\b"
    r"|\d{1,2}\.\s+\((?:U|C|S|SBU|S/NF|C/NF|TS)\)"
    r"|BT\s*$"
    # an editor's note put before the text (``NOTE - DO NOT PUBLISH ...``)
    r"|NOTE\s*[-:]"
    r")",
    re.IGNORECASE,
)

# Inside a run-together header line: where the body begins.
_INLINE_BODY = re.compile(
    r"(?<!\S)(?:"
    r"(?:[A-Z]\s){4,}[A-Z](?!\S)"
    r"|UNCLAS(?:SIFIED)?(?!\S)"
    rf"|{_DATELINE}"
    r"|SIPDIS(?!\S)"
    r"|E\.O\.\s*1\d{4}"
    r"|TAGS:"
    r")"
)
_RUN_TOGETHER_MIN = 40  # shorter lines cannot hold header and banner both


def normalize(text: str) -> str:
    """Make any text safe to split: ``\\n`` line ends, no BOM/NUL/controls, no tabs.

    Form feeds and lone CRs become line breaks. Trailing whitespace goes too:
    Markdown hard breaks and WikiLeaks' trailing spaces carry no meaning.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if _has_control(text):
        text = _CONTROL.sub(_replace_control, text)
    if "\t" in text:
        text = text.expandtabs(8)
    if " \n" in text or text.endswith(" "):
        text = _strip_line_ends(text)
    return text


def _strip_line_ends(text: str) -> str:
    """Every line without its trailing whitespace.

    In ASCII text with controls and tabs gone the only whitespace is spaces and
    newlines; when no line ends in two spaces (the WikiLeaks pages write one)
    a single replace does it, without splitting the text into lines.
    """
    if text.isascii() and "  \n" not in text and not text.endswith("  "):
        text = text.replace(" \n", "\n")
        return text[:-1] if text.endswith(" ") else text
    return "\n".join(map(str.rstrip, text.split("\n")))


def _has_control(text: str) -> bool:
    if len(text) < _SHORT:  # a regex scan is cheaper than thirty ``in`` calls
        return _CONTROL.search(text) is not None
    return any(char in text for char in _CONTROL_CHARS)


def _replace_control(match: re.Match[str]) -> str:
    return _CONTROL_REPLACEMENT.get(match.group(0), "")


def is_header_start(line: str) -> bool:
    """Whether a line can open an ACP-127 routing header."""
    return _HEADER_START.match(line) is not None


def is_body_start(line: str) -> bool:
    """Whether a line can open the body (banner, dateline, front matter, ``BT``)."""
    return _BODY_START.match(line) is not None


def split(text: str) -> tuple[str, str]:
    """Split normalised telegram text into ``(header, body)``.

    See the module docstring for the rule. Leading and trailing blank lines of
    both parts are dropped; a text with no header gives ``("", body)``. Only
    the header's lines are looked at; the body is sliced off, never split.
    """
    text = text.strip("\n")
    if not text:
        return "", ""
    if not _opens_header(text):
        return "", text
    pos = 0
    while pos < len(text):
        end = _line_end(text, pos)
        line = text[pos:end]
        if pos and is_body_start(line):
            return text[:pos].strip("\n"), text[pos:].strip("\n")
        if len(line) >= _RUN_TOGETHER_MIN:
            cut = _inline_body(line)
            if cut:
                return text[: pos + cut].rstrip(), text[pos + cut :].strip("\n")
        pos = end + 1
    return _split_without_body_line(text)


def extract(text: str) -> Source:
    """Read raw telegram text into a :class:`Source`."""
    clean = normalize(text)
    header, body = split(clean)
    source = Source(header=header, body=body, rendering="telegram")
    if not header and not body:
        source.diagnostics.append(empty_text_diagnostic())
    return source


def empty_text_diagnostic() -> Diagnostic:
    """The note readers attach when a rendering holds no telegram text at all."""
    return Diagnostic(code="empty-text", message="the input holds no cable text", severity="error")


def _opens_header(text: str) -> bool:
    first_end = _line_end(text, 0)
    first = text[:first_end]
    if is_header_start(first):
        return True
    if is_body_start(first):
        after = first_end
        while after < len(text) and text[after] == "\n":
            after += 1
        return _HEADER_AFTER_MARKING.match(text, after, _line_end(text, after)) is not None
    return False


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _inline_body(line: str) -> int:
    match = _INLINE_BODY.search(line, 1)
    return match.start() if match else 0


def _split_without_body_line(text: str) -> tuple[str, str]:
    """No body line found: the header ends at the first blank line, if any."""
    at = text.find("\n\n", _line_end(text, 0))
    if at < 0:
        return text, ""
    return text[:at], text[at:].strip("\n")
