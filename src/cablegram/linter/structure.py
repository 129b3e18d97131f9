"""CG5xx: the body's structure: paragraph numbering and the sections of long cables.

Paragraphs are numbered 1, 2, 3 ... A long cable is sent in sections, each
opening with a banner ``C O N F I D E N T I A L SECTION 02 OF 03 MUSCAT 000154``,
and the DE line of each section's header carries its number (``#0154/02``).

The parser keeps only the first section's banner in ``Cable.body_text`` (the
repeated headers are dropped as noise), so the section rules see later banners
only where a copy keeps them in a form the cleaner leaves; the first banner, the
DE line and :attr:`~cablegram.model.Cable.section` are always checked.
"""

from __future__ import annotations

import itertools
import re
from typing import NamedTuple

from cablegram.linter._context import Context
from cablegram.linter._core import Hits, rule

_SECTION_RE = re.compile(r"SECTION\s+0*(\d{1,3})\s+OF\s+0*(\d{1,3})\b")
_DE_SECTION_RE = re.compile(r"(?:^|\s)DE\s+[A-Z]{4,7}\s+#\s?\d{1,6}/(\d{1,3})\b")


def _numbered(ctx: Context) -> list[tuple[int, int | None]]:
    return [(p.number, p.line) for p in ctx.cable.paragraphs if p.number is not None]


@rule("CG501", "paragraph-numbering-gap", "warning", "Paragraph numbers skip")
def paragraph_numbering_gap(ctx: Context) -> Hits:
    """Paragraph numbers do not run 1, 2, 3 ...: the first is not 1, or one is skipped.

    Replies cite paragraphs by number (``REF PARA 4``); a gap means a
    paragraph was cut in drafting or lost in the copy.
    """
    numbered = _numbered(ctx)
    if not numbered:
        return
    first, line = numbered[0]
    if first != 1:
        yield f"paragraph numbering starts at {first}", line
    for (prev, _), (number, line) in itertools.pairwise(numbered):
        if number > prev + 1:
            missing = str(prev + 1) if number == prev + 2 else f"{prev + 1}-{number - 1}"
            yield f"paragraph {number} follows paragraph {prev} ({missing} missing)", line


@rule("CG502", "paragraph-number-repeated", "warning", "Paragraph number used twice")
def paragraph_number_repeated(ctx: Context) -> Hits:
    """A marked paragraph opening (``3. (C)``) repeats or goes back on an earlier number.

    Two paragraphs 3 make every citation of paragraph 3 ambiguous. The parser
    takes a repeat for a paragraph only when it is marked and follows a blank
    line, so this rule reads the openings from the text; only openings written
    like the first one count (``3.`` or ``3)``), so a marked sub-list inside a
    paragraph is not taken for paragraphs. One finding per restart of the
    numbering.
    """
    prev: int | None = None
    style: str | None = None
    restarted = False
    for number, offset, sep, marked in ctx.openings:
        if not marked or (style is not None and sep != style):
            continue  # sub-items ``1) (C)`` inside a ``3. (C)`` paragraph are another list
        style = sep
        if prev is not None and number <= prev:
            if not restarted:  # one finding per restart, not one per repeated paragraph
                line = ctx.body_line(ctx.body_index(offset))
                yield f"paragraph {number} opens again after paragraph {prev}", line
            restarted = True
            continue
        restarted = False
        prev = number


class _Banner(NamedTuple):
    number: int
    total: int
    line: int | None


def _banners(ctx: Context) -> list[_Banner]:
    """Every section banner the linter can see, first to last."""
    out: list[_Banner] = []
    body = ctx.cable.body_text
    for m in _SECTION_RE.finditer(body):
        start = body.rfind("\n", 0, m.start()) + 1
        end = body.find("\n", m.end())
        line = body[start : len(body) if end < 0 else end].rstrip()
        if line.upper() == line and line[-1:].isdigit():
            index = ctx.body_index(start)
            # The first banner heads the body, above any line the cleaner drops.
            at = ctx.body_line(index) if out else ctx.body_first + index
            out.append(_Banner(int(m.group(1)), int(m.group(2)), at))
    section = ctx.cable.section
    if not out and section is not None and section.total is not None:
        out.append(_Banner(section.number, section.total, ctx.banner_line))
    return out


@rule("CG510", "section-above-total", "error", "Section number above its total")
def section_above_total(ctx: Context) -> Hits:
    """A section banner's number is above its total (``SECTION 03 OF 02``) or zero.

    The receiving station reassembles a long cable by these numbers; an
    impossible one means a typo that may have cost a section.
    """
    for b in ctx.memo(_banners):
        if b.number > b.total or b.number == 0:
            yield f"SECTION {b.number:02d} OF {b.total:02d}: no such section", b.line


@rule("CG511", "section-missing", "warning", "A section of a multi-section cable is missing")
def section_missing(ctx: Context) -> Hits:
    """The section banners skip a section: the copy starts at ``SECTION 02 OF 03``, or goes
    from 01 to 03.

    The text of the missing section is not in this copy; what it said, and
    its classification, cannot be reviewed.
    """
    banners = [b for b in ctx.memo(_banners) if 1 <= b.number <= b.total]
    if not banners:
        return
    seen = {b.number for b in banners}
    top = max(seen)
    missing = [n for n in range(1, top) if n not in seen]
    if missing:
        at = next(b for b in banners if b.number > missing[0])
        listed = ", ".join(f"{n:02d}" for n in missing)
        noun = "section" if len(missing) == 1 else "sections"
        yield f"{noun} {listed} of {at.total:02d} missing before SECTION {at.number:02d}", at.line


@rule("CG512", "section-totals-disagree", "warning", "Section banners disagree on the total")
def section_totals_disagree(ctx: Context) -> Hits:
    """Two section banners of one cable give different totals (``01 OF 03``, ``02 OF 04``).

    The cable was re-sectioned or two cables were glued together; either way
    the reader cannot tell whether the copy is complete.

    ``Cable.body_text`` keeps every section banner of the copy (the parser
    removes them only from paragraph text), so the rule sees all of them.
    """
    banners = ctx.memo(_banners)
    if not banners:
        return
    total = banners[0].total
    for b in banners[1:]:
        if b.total != total:
            yield (
                f"SECTION {b.number:02d} OF {b.total:02d} disagrees with the first banner's "
                f"total of {total:02d}",
                b.line,
            )
            return


@rule("CG513", "section-repeated", "warning", "A section banner appears twice")
def section_repeated(ctx: Context) -> Hits:
    """The same section banner appears twice.

    A section sent twice (a retransmission pasted in) duplicates its text
    and can hide a missing one.

    ``Cable.body_text`` keeps every section banner of the copy (the parser
    removes them only from paragraph text), so the rule sees all of them.
    """
    seen: set[int] = set()
    for b in ctx.memo(_banners):
        if b.number in seen:
            yield f"SECTION {b.number:02d} OF {b.total:02d} appears more than once", b.line
        seen.add(b.number)


@rule("CG514", "section-de-line-mismatch", "warning", "DE line section differs from banner")
def section_de_line_mismatch(ctx: Context) -> Hits:
    """The DE line's section number (``#0154/02``) differs from the banner's
    (``SECTION 01 OF 02``).

    Both are written for the same transmission; a disagreement means the
    header belongs to another section (or cable) than the text under it.
    """
    section = ctx.cable.section
    if section is None or section.total is None or "/" not in ctx.cable.header_text:
        return
    line = ctx.de_line
    if line is None:
        return
    m = _DE_SECTION_RE.search(ctx.header_lines[line - 1])
    if m is not None and int(m.group(1)) != section.number:
        yield (
            f"the DE line says section {int(m.group(1)):02d}, the banner "
            f"SECTION {section.number:02d} OF {section.total:02d}",
            line,
        )
