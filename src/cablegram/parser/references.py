"""REF blocks and inline citations.

A cable lists what it answers or builds on in a REF block between the subject
and the first paragraph::

    REF: A. STATE 16868
         B. MUSCAT 00073
         C. 06 MUSCAT 01735

and cites those items again in its paragraphs (``reftel``, ``(REF B)``) or cites
other cables there directly (``STATE 12345``). :func:`extract_references` reads
the blocks into :class:`~cablegram.model.Reference` items, :func:`extract_mentions`
the inline citations into :class:`~cablegram.model.Mention` items. Ids are read by
:mod:`cablegram.parser.ids`.

Blocks are written every way: labels ``REF:``, ``REFS:``, ``REFTEL:``, ``REF A:``,
``REFERENCE:``; bullets ``A.``, ``A)``, ``(A)``, ``A:`` or none, doubled by the
release (``A. A)``), several to a line, wrapped across lines; the WikiLeaks pages
put a ``¶`` anchor before some bullets, and some copies run the label into the
SUBJECT or Classified By line. A block ends at the Classified By line, a numbered
paragraph, a SUBJECT or TAGS line, a portion-marked line, or a blank line that is
not followed by another bullet.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from operator import attrgetter
from string import ascii_uppercase
from typing import NamedTuple

from cablegram.model import Diagnostic, Mention, Paragraph, Reference
from cablegram.parser.ids import IdHit, char_classes, scan_ids, split_id

__all__ = ["extract_mentions", "extract_references"]

# The front matter is short; a body without numbered paragraphs is not searched to its end.
_MAX_FRONT_LINES = 80

_LABEL = re.compile(
    r"(?i)(REFERENCES?|REFTELS?|REFS?)(?![A-Za-z])(?:[ \t]+([A-Z])(?![A-Za-z.]))?[ \t]*(:?)[ \t]*"
)
# A REF label run into the SUBJECT or Classified By line before it (lines lost in the release).
_EMBEDDED_LABEL = re.compile(
    r"(?i)^(?:subj(?:ect)?\b|classified\s+by\b).*?\s"
    r"((?:REFERENCES?|REFTELS?|REFS?)(?:[ \t]+[A-Z](?![A-Za-z.]))?[ \t]*:)"
)
_LEADING_REF_WORD = re.compile(r"(?i)(?:REFTELS?|REFS?)(?![A-Za-z])[:.]?\s*")
_PARAGRAPH_START = re.compile(r"\d{1,3}\s*\.(?!\d)")
_LEAD_BULLET = re.compile(r"\s*(?:\(([A-Za-z])\)|([A-Za-z])(?:[.:](?=\s|$)|\)(?=[\s\d]|$)))\s*")

# A bullet inside a line: one pattern per letter (either case). Only the next
# letter of the block is looked for, and a pattern that opens with ``(`` or that
# letter lets the engine skip to those characters; the blank, comma or semicolon
# that must stand before the bullet is checked behind it.
_INLINE_BULLETS = {
    letter: re.compile(
        rf"(?:\(([{letter}{letter.lower()}])\)(?<=[\s,;]\([{letter}{letter.lower()}]\))"
        rf"|([{letter}{letter.lower()}])(?<=[\s,;][{letter}{letter.lower()}])"
        r"(?:[.:](?=\s|$)|\)(?=[\s\d]|$)))"
    )
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
}
# What each of those bullets holds, lower-cased: its letter before ``.``, ``:`` or ``)``.
_INLINE_MARKS = {
    letter: tuple(letter.lower() + mark for mark in ".:)") for letter in _INLINE_BULLETS
}
# What can stand after a bullet letter; "" (the end) too, as ``in`` counts it.
_BULLET_MARKS = ".:)"
_END_OF_BLOCK = re.compile(
    r"(?i)(?:classified\s+by|classification\s*:|subj(?:ect)?\b|tags?\b|e\.\s?o\.|"
    r"(?:begin\s+)?summary\b|sipdis|noforn|sensitive\b|for\s+official|bt$|-{3,}|"
    r"\((?:u|c|s|ts|sbu|fouo)(?:\s*/[^)]*)?\))"
)
# Where a REF line runs into what follows it: Classified By, a portion-marked
# paragraph, or a page header ("BRASILIA 00000244 001.2 OF 002").
_CUT = re.compile(
    r"(?i)\b(classified\s+by)\b|(\((?:U|SBU|TS|[CS]/+NF|[CS]/+REL[^)]*)\)\s)|"
    r"(?:\b[A-Z]+\s+){1,3}\d{8}\s+\d{3}(?:\.\d)?\s+OF\s+\d"
)
# Pieces the release split off an item under a bullet of their own: "D. AND PREVIOUS".
_FRAGMENT = re.compile(r"(?i)(?:(?:19|20)\d\d\b\s*)?(?:(?:and|&)\s+(?:previous|prior|others?))?")
_FRAGMENT_LONGEST = len("2009 and previous")  # item texts have single blanks
_PAGE_LINE = re.compile(r"(?i)(?:page\s+\d+\b|(?:[A-Z]+\s+){1,3}\d{8}\s+\d{3}(?:\.\d)?\s+of\s+\d)")
_INCOMPLETE_END = re.compile(
    r"(?i)(?:[,(/;&-]|\b(?:and|of|for|to|on|in|dated|the|from|with|re|subj|dtg))\s*$"
)
_NO_REFERENCE = frozenset({"NONE", "N/A", "NA", "NIL"})
# First characters of a line that may hold a label: ``REF...`` itself, or a SUBJECT
# or Classified By line that a label was run into. (Neither is empty: "" is in any str.)
_LABEL_STARTS = frozenset("Rr")
_EMBEDDING_STARTS = frozenset("SsCc")
_EMBEDDING_SECONDS = frozenset("UuLl")
# First characters (the empty line's "" included) of lines that are none of these,
# nor a numbered paragraph, nor indented: passed over without another look.
_PLAIN_STARTS = (
    frozenset(
        [""]
        + [chr(code) for code in range(33, 127) if not chr(code).isdigit()]
        + [chr(code) for code in range(0xC0, 0x250)]
    )
    - _LABEL_STARTS
    - _EMBEDDING_STARTS
)
_WHITESPACE = re.compile(r"\s+")
_SEPARATORS = " \t,;:"

# Kinds of non-cable references, tried in order on the upper-cased item text.
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "report",
        re.compile(
            r"\bIIRS?\b|\bTDX?-|^\d{3}/\d{5,6}-\d\d\b|\bINTSUM|\bOSC\b|\bO/I\b|\bASSESSMENT\b"
        ),
    ),
    ("message", re.compile(r"\bMSG\b|\bMESSAGE\b|\bDTG|\b\d{6}Z")),
    ("email", re.compile(r"\bE-?MAILS?\b|\bEMAILED\b")),
    ("telcon", re.compile(r"\bTELE?CONS?\b|\bTELEPHONE\b|\bPHONE\b")),
    ("memo", re.compile(r"\bMEMO(?:RANDUM|S)?\b")),
    (
        "meeting",
        re.compile(
            r"\bMEETINGS?\b|\bMTG\b|\bS?VTC\b|\bDVC\b|\bVIDEO|\bCONVERSATIONS?\b|"
            r"\bDISCUSSIONS?\b|\bCONSULTATIONS\b|\bBRIEFING\b|\bTALKS\b|\bREADOUT\b"
        ),
    ),
    ("report", re.compile(r"\bREPORTS?\b|\bSITREP\b|\bSPOT\b")),
    (
        "document",
        re.compile(
            r"\bLETTER\b|\bNON-?PAPER\b|\bNOTE\b|\bARTICLE\b|\bPOINTS\b|\bCIRCULAR\b|"
            r"\bFAX\b|\bPAPER\b|\bSTATEMENT\b|\bTESTIMONY\b|\bSPEECH\b|\bDOCUMENT\b|"
            r"\bAGREEMENT\b|\bRESOLUTION\b|\bUNSCR\b|\bDECREE\b|\bLAW\b|\bSTUDY\b|"
            r"\bWWW\.|HTTPS?:|\bGUIDANCE\b|\bINSTRUCTIONS\b|\bTALKING\b|\bDOC\b|"
            r"\bFAM\b|\bFAH\b|\bPOINT\b|\bCABLE\b|\bTELEGRAM\b"
        ),
    ),
)


@dataclass(slots=True)
class _Item:
    """One REF item while its block is read: bullet, text pieces, first line."""

    bullet: str | None
    line: int
    parts: list[str] = field(default_factory=list)

    def open_list(self) -> bool:
        """True when the item's last piece ends in a list separator (``... 346;``)."""
        return bool(self.parts) and self.parts[-1].rstrip()[-1:] in (";", ",")

    def text(self) -> str:
        return " ".join(" ".join(self.parts).split()).strip(_SEPARATORS)


@dataclass(slots=True)
class _Block:
    """The items of the REF blocks read so far, and the bullet letter reached."""

    items: list[_Item] = field(default_factory=list)
    letter: str | None = None

    def has_text(self) -> bool:
        return any(item.parts for item in self.items)

    def open_list(self) -> bool:
        return self.current is not None and self.current.open_list()

    @property
    def current(self) -> _Item | None:
        return self.items[-1] if self.items else None

    def start(self, bullet: str | None, line: int) -> _Item:
        item = _Item(bullet, line)
        self.items.append(item)
        if bullet is not None:
            self.letter = bullet
        return item

    def add(self, text: str, line: int) -> None:
        item = self.current if self.current is not None else self.start(None, line)
        item.parts.append(text)


def _clean(line: str) -> str:
    """A line without the WikiLeaks ``¶`` anchors and surrounding blanks."""
    return line.replace("\u00b6", " ").strip() if "\u00b6" in line else line.strip()


def _next_letter(letter: str | None) -> str | None:
    return None if letter is None or letter == "Z" else chr(ord(letter) + 1)


def _starts_with_id(text: str, year: int | None) -> bool:
    hits = scan_ids(text[:60], year=year)
    return bool(hits) and not any(ch.isalpha() for ch in text[: hits[0].start])


class _Lead(NamedTuple):
    """A bullet opening a line: its letter and where the item text starts."""

    letter: str
    end: int


def _fits(letter: str, block: _Block) -> bool:
    """Whether a line-opening bullet continues the block's lettering.

    A letter before the one reached starts a new list, which is body text
    (``A) (S//REL) Current location ...``); a repeated letter or a small skip is
    tolerated (``B) TALLINN 347`` after ``B) ... EMAIL``).
    """
    if block.letter is None:
        return not block.has_text() or letter in "AB"
    return block.letter <= letter <= chr(min(ord(block.letter) + 3, ord("Z")))


def _lead_bullet(text: str, block: _Block, year: int | None, *, free: bool = False) -> _Lead | None:
    """The bullet that opens a REF line, when it continues the block, else None.

    The release doubles bullets (``A. A)``, ``A. (A)``) and sometimes re-letters
    them (``B. D. STATE 32213`` after ``C.``); the letter that fits the block wins.
    ``(C)``, ``(S)`` and ``(U)`` are also portion marks; they count as bullets only
    when an id follows, and so does any bullet after unbulleted items. ``free``
    (right after a label) accepts any letter.
    """
    match = _bullet_at(text, 0)
    if match is None:
        return None
    letter = (match.group(1) or match.group(2)).upper()
    end = match.end()
    again = _bullet_at(text, end)
    if again is not None:
        second = (again.group(1) or again.group(2)).upper()
        if second == letter or (not free and _fits(second, block) and not _fits(letter, block)):
            letter, end = second, again.end()
    if free:
        return _Lead(letter, end)
    if not _fits(letter, block):
        return None
    needs_id = (match.group(1) and letter in "CSU") or (block.letter is None and block.has_text())
    if needs_id and not _starts_with_id(text[end:], year):
        return None
    return _Lead(letter, end)


def _bullet_at(text: str, pos: int) -> re.Match[str] | None:
    """The bullet (``A.``, ``A)``, ``(A)``) that stands at ``pos``, if one does.

    A bullet opens with ``(`` or with a letter before ``.``, ``:`` or ``)``; other
    text (most lines) is told apart without the pattern. Leading blanks, which the
    pattern allows, are left to it.
    """
    char = text[pos : pos + 1]
    if char == "(" or char.isspace() or text[pos + 1 : pos + 2] in _BULLET_MARKS:
        return _LEAD_BULLET.match(text, pos)
    return None


def _skip_doubled(text: str, pos: int, letter: str) -> int:
    """Past a repeated bullet of the same letter (``B. B)``, ``B. (B)``), if there is one."""
    again = _bullet_at(text, pos)
    if again is not None and (again.group(1) or again.group(2)).upper() == letter:
        return again.end()
    return pos


def _inline_bullet_ok(text: str, match: re.Match[str]) -> bool:
    """Whether a bullet inside a line really starts an item (not an initial: ``JOHN C. DOE``).

    ``(B)`` and ``B)`` always do; ``B.`` and ``B:`` need a number, a closing bracket,
    a separator or a wide gap before them.
    """
    if match.group(1):
        return True
    if match.group(0).endswith(")"):
        return True
    before = text[: match.start()]
    stripped = before.rstrip()
    return (
        not stripped
        or stripped[-1].isdigit()
        or stripped[-1] in "),;"
        or len(before) - len(stripped) >= 2
    )


def _feed(
    block: _Block, text: str, line: int, *, bullet: str | None = None, lead: _Lead | None = None
) -> None:
    """Split one line's REF text at its bullets and add the pieces to the block.

    ``bullet`` comes from a ``REF A:`` label, ``lead`` is the bullet opening the line.
    """
    pos = 0
    if bullet is not None:
        block.start(bullet, line)
    elif lead is not None:
        block.start(lead.letter, line)
        pos = lead.end
    while True:
        expected = _next_letter(block.letter)
        found = None
        if expected is not None:
            marks = _INLINE_MARKS[expected]
            lowered = text.lower()
            if not any(mark in lowered for mark in marks):
                marks = ()  # no bullet of that letter in the line
            for match in _INLINE_BULLETS[expected].finditer(text, pos) if marks else ():
                if _inline_bullet_ok(text, match):
                    found = match, expected
                    break
        if found is None:
            piece = text[pos:]
            if piece.strip():
                block.add(piece, line)
            return
        match, letter = found
        piece = text[pos : match.start()]
        if piece.strip():
            block.add(piece, line)
        block.start(letter, line)
        pos = _skip_doubled(text, match.end(), letter)


def _incomplete(item: _Item | None, year: int | None) -> bool:
    """Whether an item plainly goes on: empty, open bracket, or cut after a post name."""
    if item is None:
        return True
    text = item.text()
    if not text:
        return True
    if _INCOMPLETE_END.search(text) or text.count("(") > text.count(")"):
        return True
    if scan_ids(text, year=year):
        return False
    return bool(scan_ids(f"{text} 1", year=year))  # "(D) BEIJING" + "5361" on the next line


def _continues(text: str, block: _Block, year: int | None) -> bool:
    """Whether an unbulleted line right after a REF line still belongs to the block."""
    if _incomplete(block.current, year) or _starts_with_id(text, year):
        return True
    if text.startswith("(") and text.endswith(")") and len(text) <= 80:
        return True
    return text.upper().startswith(("AND ", "& "))


def _next_is_bullet(lines: Sequence[str], index: int, block: _Block, year: int | None) -> bool:
    """Whether the line at ``index`` opens the next REF item (so the one before wraps)."""
    if index >= len(lines):
        return False
    text = _clean(lines[index])
    return bool(text) and _lead_bullet(text, block, year) is not None


def _belongs(
    text: str, lines: Sequence[str], index: int, block: _Block, year: int | None, *, blank: bool
) -> bool:
    """Whether an unbulleted line still belongs to the REF block.

    After a blank line only an open list (``RIO DE JANEIRO 346;``) goes on. Right
    after a REF line, a line goes on when the item is plainly unfinished, when it
    starts with an id or a bracket, or when the next line is the next bullet
    (``D) 2009 MANAGUA 913 -- ... GEORGIA`` / ``REPUBLICS`` / ``E) ...``).
    """
    if _END_OF_BLOCK.match(text):
        return False
    if blank:
        return block.open_list()
    return _continues(text, block, year) or _next_is_bullet(lines, index + 1, block, year)


def _read_block(
    lines: Sequence[str], index: int, stop: int, block: _Block, year: int | None
) -> int:
    """Read the lines after a REF label into ``block``; return the index after the block."""
    blank = False
    while index < stop:
        text = _clean(lines[index])
        if not text:
            blank = True
            index += 1
            continue
        if _page_line(text):
            index += 1
            continue
        label = _label(text, year)
        if label is not None:
            if not _feed_label(block, text, label, index, year):
                return index + 1
            blank = False
            index += 1
            continue
        if text[0].isdigit() and _PARAGRAPH_START.match(text):
            return index
        lead = _lead_bullet(text, block, year)
        if lead is None and not _belongs(text, lines, index, block, year, blank=blank):
            return index
        if not _feed_cut(block, text, index, lead=lead):
            return index + 1
        blank = False
        index += 1
    return index


def _feed_cut(
    block: _Block,
    text: str,
    index: int,
    *,
    bullet: str | None = None,
    lead: _Lead | None = None,
) -> bool:
    """Feed a line up to a Classified By or page header inside it; False if the block ends."""
    cut = _CUT.search(text) if _may_cut(text) else None
    if cut is not None:
        text = text[: cut.start()]
        if lead is not None and lead.end > len(text):
            lead = None
    if text.strip() or bullet is not None or lead is not None:
        _feed(block, text, index, bullet=bullet, lead=lead)
    return cut is None or not (cut.group(1) or cut.group(2))


def _may_cut(text: str) -> bool:
    """Whether :data:`_CUT` can find anything: each of its cuts needs ``(``, ``cla`` or ``of``."""
    if "(" in text:
        return True
    lowered = text.lower()
    return "cla" in lowered or "of" in lowered


def _page_line(text: str) -> bool:
    """Whether a line is a page header (``PAGE 02``, ``BRASILIA 00000244 001.2 OF 002``)."""
    if text[:4].lower() != "page" and "of" not in text.lower():
        return False
    return _PAGE_LINE.match(text) is not None


def _label(text: str, year: int | None) -> re.Match[str] | None:
    """A REF label at the start of a line, if this line is one.

    Without a colon (``REF STATE 123``, ``REF A, Washington agencies ...``) the
    label counts only when a bullet or an id follows it.
    """
    if text[0] not in "Rr" or text[1:2] not in ("E", "e"):
        return None
    match = _LABEL.match(text)
    if match is None:
        return None
    if not match.group(3):
        rest = text[match.end() :]
        if match.group(2) is not None or not (_bullet_at(rest, 0) or _starts_with_id(rest, year)):
            return None
    return match


def _feed_label(
    block: _Block, text: str, label: re.Match[str], index: int, year: int | None
) -> bool:
    """Feed the text after a REF label; False when the line already ends the block."""
    rest = text[label.end() :]
    # "REF: REFTEL KABUL 02245"
    repeated = _LEADING_REF_WORD.match(rest) if rest[:3].lower() == "ref" else None
    if repeated is not None:
        rest = rest[repeated.end() :]
    block.letter = None
    bullet = label.group(2).upper() if label.group(2) else None
    lead = _lead_bullet(rest, block, year, free=True) if bullet is None else None
    return _feed_cut(block, rest, index, bullet=bullet, lead=lead)


def _kind(text: str) -> str:
    upper = text.upper()
    for kind, pattern in _KINDS:
        if pattern.search(upper):
            return kind
    return "other"


def _segments(text: str, hits: list[IdHit]) -> list[tuple[str, list[IdHit]]]:
    """An unbulleted item cut into one piece per id where only separators lie between.

    ``BRASILIA 347; BRASILIA 278`` is two references; ``STATE 297614 AND PREVIOUS``
    stays one, and ``09 BERLIN 12 AND 13`` is one piece with two ids.
    """
    groups: list[list[IdHit]] = []
    for hit in hits:
        if groups and groups[-1][0].start == hit.start:
            groups[-1].append(hit)
        else:
            groups.append([hit])
    pieces: list[tuple[str, list[IdHit]]] = []
    begin = 0
    for group, following in zip(groups, [*groups[1:], None], strict=True):
        if following is None:
            pieces.append((text[begin:], group))
        elif not text[group[0].end : following[0].start].strip(_SEPARATORS):
            pieces.append((text[begin : group[0].end], group))
            begin = following[0].start
        else:
            following[:0] = group  # keep together with what follows
    return [(piece.strip(_SEPARATORS), found) for piece, found in pieces]


_SERIAL_SLACK = 100


def dated_id(hit: IdHit, self_id: str | None) -> str | None:
    """The id a hit stands for; a year earlier when it names the citing cable's own post
    without a year and with a serial well past the citing cable's: serials start again
    each year, so ``MEXICO 3586`` cited by ``09MEXICO193`` is ``08MEXICO3586``. Serials
    close to the cable's own are left in its year (cables are not always sent in the
    order they were numbered); lint rule CG601 reports what stays after it."""
    ref_id = hit.reference_id
    if hit.dated or ref_id is None or self_id is None:
        return ref_id
    cited, own = split_id(ref_id), split_id(self_id)
    if cited is None or own is None or cited[:2] != own[:2] or cited[2] <= own[2] + _SERIAL_SLACK:
        return ref_id
    return f"{(cited[0] - 1) % 100:02d}{cited[1]}{cited[2]}"


def _item_references(
    item: _Item, year: int | None, self_id: str | None
) -> tuple[list[Reference], bool]:
    """The references one REF item stands for, and whether it was understood."""
    text = item.text()
    if not text or text.upper().strip(".") in _NO_REFERENCE:
        return [], True
    pieces: list[str] = text.split(";") if item.bullet is None else [text]
    references: list[Reference] = []
    understood = True
    for piece in pieces:
        piece = piece.strip(_SEPARATORS)
        if not piece:
            continue
        hits = scan_ids(piece, year=year)
        if not hits:
            kind = _kind(piece)
            understood = understood and kind != "other"
            references.append(Reference(bullet=item.bullet, text=piece, kind=kind))
            continue
        found = _segments(piece, hits) if item.bullet is None else [(piece, hits)]
        for segment, segment_hits in found:
            for hit in segment_hits:
                if hit.reference_id is not None and hit.reference_id == self_id:
                    continue
                references.append(
                    Reference(
                        bullet=item.bullet,
                        text=segment,
                        kind="cable",
                        reference_id=dated_id(hit, self_id),
                    )
                )
    return references, understood


def extract_references(
    lines: Sequence[str], *, first_line: int, year: int | None, self_id: str | None
) -> tuple[tuple[Reference, ...], list[Diagnostic]]:
    """The REF block(s) of a cable body, as references in the order written.

    Only the front matter is searched: the lines before the first numbered
    paragraph (a REF block after the Classified By line included). ``year`` is the
    cable's own year, for ids written without one; ``self_id`` is the cable's own
    id, which is never a reference. Items that are neither a cable nor a
    recognisable e-mail, memo, telcon, meeting, message, report or document get
    an info diagnostic ``ref-unparsed``.
    """
    block = _Block()
    labels: list[int] = []
    stop = min(len(lines), _MAX_FRONT_LINES)
    resume = 0  # past the lines a REF block took
    for index, text in enumerate(islice(lines, stop)):
        if text[:1] in _PLAIN_STARTS or index < resume:
            continue  # the usual line: not a label, not a numbered paragraph
        text = text.lstrip(" \t\u00b6")
        first = text[:1]
        if first in _LABEL_STARTS:
            label = _label(text.rstrip(), year)
        elif first in _EMBEDDING_STARTS and (embedded := _embedded_label(text)) is not None:
            text = text[embedded:]  # "SUBJECT: ... REF: MOSCOW 00079"
            label = _label(text.rstrip(), year)
        elif first.isdigit() and _PARAGRAPH_START.match(text):
            break
        else:
            continue
        if label is None:
            continue
        labels.append(index)
        if _feed_label(block, _clean(text), label, index, year):
            resume = _read_block(lines, index + 1, stop, block, year)
    if not labels:
        return (), []
    return _build(block, first_line=first_line, year=year, self_id=self_id, labels=labels)


def _embedded_label(text: str) -> int | None:
    """Where a REF label run into a SUBJECT or Classified By line starts, if there is one.

    Most lines that open with ``S`` or ``C`` are neither (``SIPDIS``, ``CONFIDENTIAL``)
    or hold no ``ref``; they are told apart without the pattern.
    """
    if (
        text[1:2] not in _EMBEDDING_SECONDS
        or text[:4].casefold() not in ("subj", "clas")
        or "ref" not in text.lower()
    ):
        return None
    embedded = _EMBEDDED_LABEL.match(text)
    return None if embedded is None else embedded.start(1)


def _merge_fragments(items: list[_Item]) -> list[_Item]:
    """Items with the release's stray bullets (``D. AND PREVIOUS``, ``B. 2006``) put back."""
    merged: list[_Item] = []
    for item in items:
        text = item.text()
        if (
            merged
            and item.bullet is not None
            and 0 < len(text) <= _FRAGMENT_LONGEST
            and _FRAGMENT.fullmatch(text)
        ):
            merged[-1].parts.extend(item.parts)
        else:
            merged.append(item)
    return merged


def _build(
    block: _Block, *, first_line: int, year: int | None, self_id: str | None, labels: list[int]
) -> tuple[tuple[Reference, ...], list[Diagnostic]]:
    references: list[Reference] = []
    diagnostics: list[Diagnostic] = []
    for item in _merge_fragments(block.items):
        found, understood = _item_references(item, year, self_id)
        references.extend(found)
        if not understood:
            diagnostics.append(
                Diagnostic(
                    code="ref-unparsed",
                    message=f"REF item not understood: {item.text()[:80]!r}",
                    line=first_line + item.line,
                    severity="info",
                )
            )
    if len(references) > 1:  # a REF block repeated with a repeated header (in lower case too)
        seen: set[tuple[str | None, str | None, str]] = set()
        unique: list[Reference] = []
        for reference in references:
            key = (reference.bullet, reference.reference_id, reference.text.upper())
            if key not in seen:
                seen.add(key)
                unique.append(reference)
        references = unique
    if not references and not any(item.text() for item in block.items):
        diagnostics.append(
            Diagnostic(
                code="ref-empty",
                message="REF label without any reference",
                line=first_line + labels[0],
                severity="info",
            )
        )
    return tuple(references), diagnostics


# --- inline mentions ---------------------------------------------------------

# ``reftel``, ``reftel B``, ``ref A``, ``refs. B and C``, ``ref(a)``, ``Ref (B)``.
_MENTION = re.compile(
    r"(?i)\b(?:(?P<reftel>reftels?)(?:\s+(?P<tel_letter>[A-Z])(?![A-Za-z]))?|"
    r"(?P<ref>refs?)\b\.?(?:\s*(?P<open>\(\s*)?"
    r"(?P<letters>[A-Z](?:\s*(?:,\s*and|,|and|&|-|/|through|thru)\s*[A-Z])*)"
    r"(?![A-Za-z])(?(open)\s*\)))?)"
)
_LETTER_RUNS = re.compile(r"[A-Za-z]+")
_INLINE_LABEL = re.compile(r"(?i)\bREF(?:ERENCES?|TELS?|S)?(?:[ \t]+[A-Z])?[ \t]*:")
_CLASSIFIED_BY = re.compile(r"(?i)\bclassified\s+by\b")
# On the class map (see :func:`cablegram.parser.ids.char_classes`), ``ref`` in any
# case is ``REF``, letters are ``A``-``Z`` and digits ``0``. A ``REF`` can open a
# mention when no letter or digit stands before it and no ``E`` after it (``reference``).
_REF = b"REF"
_WORD_CLASSES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0")
_ID_GAP = re.compile(r"[ \t\n:,(]*")
# Joins paragraphs for one scan; the NUL is neither blank nor letter, so no id spans it.
_PARAGRAPH_GLUE = "\n\x00\n"
_GLUE_SIZE = len(_PARAGRAPH_GLUE)
_TEXT_OF = attrgetter("text")


class _Found(NamedTuple):
    """A mention before its paragraph is known: where it stands, as written, its id."""

    position: int
    text: str
    reference_id: str | None


def _letters(written: str) -> list[str]:
    """``A, C-E and G`` -> ``["A", "C", "D", "E", "G"]``."""
    letters: list[str] = []
    words = _LETTER_RUNS.findall(written.upper())
    between = _LETTER_RUNS.split(written)[1:-1]
    dashed = [False, *("-" in part for part in between)]
    for word, after_dash in zip(words, dashed, strict=True):
        if len(word) != 1:
            continue  # "and", "through"
        if after_dash and letters and letters[-1] < word:
            letters.extend(chr(code) for code in range(ord(letters[-1]) + 1, ord(word) + 1))
        else:
            letters.append(word)
    return letters


def _by_bullet(references: Sequence[Reference]) -> dict[str, list[str | None]]:
    """The ids of each REF item by its letter. A block without letters (``REF: CARACAS
    1374; CARACAS 1256``) is cited ``ref A``, ``ref B`` in the order written."""
    ids: dict[str, list[str | None]] = {}
    if references and all(reference.bullet is None for reference in references):
        for letter, reference in zip(ascii_uppercase, references, strict=False):
            ids[letter] = [reference.reference_id]
        return ids
    for reference in references:
        if reference.bullet is not None:
            ids.setdefault(reference.bullet, []).append(reference.reference_id)
    return ids


def _ref_matches(text: str, classes: bytes) -> Iterator[re.Match[str]]:
    """``ref``/``reftel`` phrases, tried where the class map shows a ``ref`` word.

    ``bytes.find`` skips to each ``REF`` (a few in a cable) faster than a pattern,
    which stops at every ``F``.
    """
    resume = 0
    at = classes.find(_REF)
    while at >= 0:
        if (
            at >= resume
            and (at == 0 or classes[at - 1] not in _WORD_CLASSES)
            and classes[at + 3 : at + 4] != b"E"
        ):
            match = _MENTION.match(text, at)
            if match is not None:
                yield match
                resume = match.end()
        at = classes.find(_REF, at + 3)


def _ref_mentions(
    text: str, classes: bytes, references: Sequence[Reference], hits: list[IdHit]
) -> Iterator[_Found]:
    """``reftel``, ``ref A``, ``(REFS B and C)``: one per REF item (per id) they name.

    A lower-case letter counts only when the REF block has that bullet ("ref a
    request" is an article), or, in a block without bullets, when it stands in
    brackets (``ref(a)``, ``(ref a)``). ``reftel`` and a bare ``ref`` resolve when
    the block holds exactly one reference, ``reftels`` and ``refs`` to every cable
    of the block; one followed by an id (``REFTEL KABUL 02245``) yields to that id.
    """
    bullets = _by_bullet(references)
    lettered = any(reference.bullet is not None for reference in references)
    single = references[0].reference_id if len(references) == 1 else None
    starts = {hit.start for hit in hits}
    for match in _ref_matches(text, classes):
        written = match.group(0).rstrip()
        word = match["reftel"] or match["ref"]
        letters_text = match["tel_letter"] or match["letters"]
        letters = _letters(letters_text) if letters_text else []
        # ``(ref a)``: the brackets round the phrase make the letter a citation too
        bracketed = match["open"] or (
            text[match.start() - 1 : match.start()] == "("
            and text[match.end() : match.end() + 1] == ")"
        )
        if (
            letters
            and letters_text.islower()
            and not (all(x in bullets for x in letters) and (lettered or bracketed))
        ):
            written = word
            letters = []
        if letters:
            for letter in letters:
                for ref_id in bullets.get(letter, [None]):
                    yield _Found(match.start(), written, ref_id)
        elif _after_gap(text, match.end()) not in starts:  # REFTEL KABUL 02245
            kind = word.lower()
            cited = [r.reference_id for r in references if r.reference_id]
            if kind in ("reftels", "refs") and len(cited) > 1:
                for ref_id in dict.fromkeys(cited):  # ``(refs)``: every cable of the block
                    yield _Found(match.start(), written, ref_id)
                continue
            alone = kind in ("reftel", "ref")
            yield _Found(match.start(), written, single if alone else None)


def _after_gap(text: str, end: int) -> int:
    """Where the text goes on after the blanks, colons, commas and brackets at ``end``."""
    gap = _ID_GAP.match(text, end)
    return end if gap is None else gap.end()


def extract_mentions(
    paragraphs: Sequence[Paragraph],
    *,
    year: int | None,
    self_id: str | None,
    references: Sequence[Reference],
) -> tuple[Mention, ...]:
    """Citations inside the paragraphs, in reading order.

    ``ref A`` resolves to the id(s) of REF item A when it is a cable; ``reftel``
    to the one reference when there is exactly one; a cable id written in the
    text (``STATE 12345``, ``06 MUSCAT 1735``) stands for itself. The cable's own
    id (page headers, "corrected copy of ...") is left out, and one paragraph
    mentions the same thing once.

    The paragraphs are scanned as one text (joined by a separator no id can span),
    which costs one pass instead of one per paragraph.
    """
    if not paragraphs:
        return ()
    texts = list(map(_TEXT_OF, paragraphs))
    text = _PARAGRAPH_GLUE.join(texts)
    starts = list(accumulate(map(_GLUE_SIZE.__add__, map(len, texts)), initial=0))
    starts.pop()  # where each paragraph starts in ``text``
    classes = char_classes(text)
    hits = scan_ids(text, year=year, in_context=False, classes=classes)
    found = [
        _Found(hit.start, _WHITESPACE.sub(" ", text[hit.start : hit.end]), dated_id(hit, self_id))
        for hit in hits
        if hit.reference_id is None or hit.reference_id != self_id
    ]
    found.extend(_ref_mentions(text, classes, references, hits))
    spans = _front_ref_spans(paragraphs, starts, text, classes)
    if spans:
        found = [f for f in found if not any(a <= f.position < b for a, b in spans)]
    found.sort(key=lambda f: f.position)
    mentions: list[Mention] = []
    seen: set[tuple[int, str, str | None]] = set()
    for position, written, ref_id in found:
        index = bisect.bisect_right(starts, position) - 1
        key = (index, written.upper(), ref_id)
        if key not in seen:
            seen.add(key)
            number = paragraphs[index].number
            mentions.append(Mention(text=written, paragraph=number, reference_id=ref_id))
    return tuple(mentions)


def _front_ref_spans(
    paragraphs: Sequence[Paragraph], starts: list[int], text: str, classes: bytes
) -> list[tuple[int, int]]:
    """Spans of REF blocks inside unnumbered paragraphs before the first numbered one.

    Such a paragraph is front matter the paragraph splitter kept (subject, REF
    block, Classified By); its REF items are references, not mentions.
    """
    spans: list[tuple[int, int]] = []
    for paragraph, start in zip(paragraphs, starts, strict=True):
        if paragraph.number is not None:
            break
        end = start + len(paragraph.text)
        if classes.find(b"REF", start, end) < 0:
            continue
        for label in _INLINE_LABEL.finditer(text, start, end):
            stop = _CLASSIFIED_BY.search(text, label.end(), end)
            spans.append((label.start(), stop.start() if stop else end))
    return spans
