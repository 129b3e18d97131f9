"""CG6xx: references: the REF block and the paragraphs that cite it.

A cable can only cite cables sent before it, and a paragraph's ``(REF C)`` must
name an item of the REF block. Years are compared only: serials are per post
and per year, so whether ``STATE 1234`` came before ``MUSCAT 567`` of the same
year cannot be decided from the ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablegram.linter._context import Context
from cablegram.linter._core import Hits, rule
from cablegram.parser.ids import split_id

_REF_PREFIX_RE = re.compile(r"REF(?:TELS|TEL|S)?\.?\s*", re.IGNORECASE)
_LETTER_OR_RANGE_RE = re.compile(r"([A-Z])(?:\s*[-–]\s*([A-Z]))?(?![A-Za-z])")
_JOINER_RE = re.compile(r"(?:\s*,\s*|\s+AND\s+|\s*&\s*|\s+)+")


def cited_letters(text: str) -> list[str]:
    """The REF letters a mention names: ``REFS A-C AND E`` -> ``["A", "B", "C", "E"]``."""
    m = _REF_PREFIX_RE.match(text)
    if m is None:
        return []
    rest = text[m.end() :].upper()
    letters: list[str] = []
    pos = 0
    while pos < len(rest):
        j = _JOINER_RE.match(rest, pos)
        if j is not None and j.end() > pos:
            pos = j.end()
            continue
        item = _LETTER_OR_RANGE_RE.match(rest, pos)
        if item is None:
            break
        first, last = item.group(1), item.group(2) or item.group(1)
        letters.extend(chr(c) for c in range(ord(first), ord(last) + 1))
        pos = item.end()
    return letters


def _mention_lines(ctx: Context) -> dict[int, int | None]:
    return {p.number: p.line for p in ctx.cable.paragraphs if p.number is not None}


@rule("CG601", "reference-after-cable", "warning", "REF to a cable sent after this one")
def reference_after_cable(ctx: Context) -> Hits:
    """A REF item names a cable of a later year, or a later serial of the same post and year.

    A cable cannot cite one that did not exist yet; the year in the REF
    (``10 STATE 1234``, or no year, so that the citing cable's is assumed) or the
    cable's own date is mistyped. A post numbers its cables of a year in order,
    so ``KUWAIT 431`` cannot stand in the REF block of ``10KUWAIT45`` as a 2010
    cable; across posts only years are compared.
    """
    cable = ctx.cable
    year = cable.year
    if year is None:
        return
    for ref in cable.references:
        parts = split_id(ref.reference_id) if ref.reference_id else None
        if parts is None:
            continue
        label = f"REF {ref.bullet + ' ' if ref.bullet else ''}({ref.text})"
        if parts[0] > year:
            yield f"{label} is a {parts[0]} cable, cited by a {year} cable", ctx.front_line("ref")
        elif (
            parts[0] == year
            and parts[1] == cable.origin_token
            and cable.serial is not None
            and parts[2] > cable.serial
        ):
            yield (
                f"{label} is {ref.reference_id}, numbered after this cable ({cable.reference_id})",
                ctx.front_line("ref"),
            )


def _bullets(ctx: Context) -> set[str]:
    return {r.bullet.upper() for r in ctx.cable.references if r.bullet and len(r.bullet) == 1}


def _undefined(ctx: Context, bullets: set[str]) -> Iterator[tuple[str, int | None, str]]:
    lines = _mention_lines(ctx)
    for mention in ctx.cable.mentions:
        for letter in cited_letters(mention.text):
            if letter not in bullets:
                line = lines.get(mention.paragraph) if mention.paragraph is not None else None
                yield letter, line, mention.text


@rule("CG602", "ref-letter-undefined", "warning", "Paragraph cites a REF letter not in the block")
def ref_letter_undefined(ctx: Context) -> Hits:
    """A paragraph cites ``REF D`` but the REF block has no item D.

    The reader cannot find what the paragraph relies on; usually an item was
    dropped from the REF block or the letters were shifted.
    """
    bullets = _bullets(ctx)
    if not bullets:
        return
    seen: set[str] = set()
    for letter, line, text in _undefined(ctx, bullets):
        if letter not in seen:
            seen.add(letter)
            yield (
                f"{text!r} cites REF {letter}; the REF block has {', '.join(sorted(bullets))}",
                line,
            )


@rule("CG603", "ref-block-missing", "warning", "Paragraph cites a REF but there is no REF block")
def ref_block_missing(ctx: Context) -> Hits:
    """A paragraph cites ``REFTEL`` or ``REF A`` but the cable has no REF block.

    What the paragraph answers or builds on is not identified anywhere.
    """
    if ctx.cable.references:
        return
    lines = _mention_lines(ctx)
    for mention in ctx.cable.mentions:
        if _REF_PREFIX_RE.match(mention.text) and mention.text[:3].upper() == "REF":
            line = lines.get(mention.paragraph) if mention.paragraph is not None else None
            yield f"{mention.text!r} is cited but the cable has no REF block", line
            return
