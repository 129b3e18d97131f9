"""CG1xx: classification and handling markings.

The banner (``S E C R E T``), the caveats under it (NOFORN, SIPDIS, ...), the
header's security warning (``ZNY SSSSS ZZH``) and each paragraph's portion mark
(``(S/NF)``) must tell one story: the banner is at least as high as the highest
portion, and carries every dissemination control a portion carries.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import NamedTuple

from cablegram.linter._context import RANK_NAMES, Context
from cablegram.linter._core import Hits, rule
from cablegram.model import Paragraph

_MARK_SPLIT_RE = re.compile(r"[/ ,\-]+")
_MARK_RANKS: dict[str, int] = {
    "U": 0,
    "UNCLAS": 0,
    "UNCLASSIFIED": 0,
    "SBU": 0,
    "FOUO": 0,
    "LOU": 0,
    "C": 1,
    "CONFIDENTIAL": 1,
    "S": 2,
    "SECRET": 2,
    "TS": 3,
    "TOP": 3,
}
_SENSITIVE_TOKENS = frozenset({"SBU", "FOUO", "LOU"})
_NOFORN_TOKENS = frozenset({"NF", "NOFORN"})
_WARNING_RANKS: dict[str, int] = {"UUUUU": 0, "EEEEE": 0, "CCCCC": 1, "SSSSS": 2, "TTTTT": 3}
_RESTRICTED = ("NODIS", "EXDIS")


@functools.lru_cache(maxsize=512)
def _tokens(mark: str) -> tuple[str, ...]:
    """The words of a portion mark, cached: a few dozen marks recur in every cable."""
    return tuple(t for t in _MARK_SPLIT_RE.split(mark.upper()) if t)


class _Mark(NamedTuple):
    paragraph: Paragraph
    rank: int | None
    noforn: bool
    sensitive: bool


@functools.lru_cache(maxsize=512)
def _mark_info(mark: str) -> tuple[int | None, bool, bool]:
    """What a portion mark says: its rank, NOFORN, SBU/FOUO; cached, marks recur."""
    tokens = _tokens(mark)
    if not tokens:
        return None, False, False
    return (
        _MARK_RANKS.get(tokens[0]),
        not _NOFORN_TOKENS.isdisjoint(tokens[1:]),
        not _SENSITIVE_TOKENS.isdisjoint(tokens),
    )


def _marks(ctx: Context) -> list[_Mark]:
    """The marked paragraphs with what each mark says, read once per cable."""
    return [_Mark(p, *_mark_info(p.portion_mark)) for p in ctx.cable.paragraphs if p.portion_mark]


def _label(paragraph: Paragraph) -> str:
    if paragraph.number is None:
        return "an unnumbered paragraph"
    return f"paragraph {paragraph.number}"


def _first_and_rest(paragraphs: Iterable[Paragraph]) -> tuple[Paragraph | None, int]:
    items = list(paragraphs)
    return (items[0] if items else None), max(0, len(items) - 1)


def _more(rest: int) -> str:
    if not rest:
        return ""
    return f" (and {rest} more paragraph{'s' if rest > 1 else ''})"


@rule("CG101", "banner-below-portion-mark", "error", "Banner lower than a portion mark")
def banner_below_portion_mark(ctx: Context) -> Hits:
    """The banner classification is lower than the highest portion mark.

    The banner of a cable is the highest classification of any of its parts
    (ranks: U and SBU < C < S < TS; ``S/NF`` is S). A cable whose banner says
    CONFIDENTIAL while a paragraph is marked ``(S)`` is under-classified as a
    whole: it will be stored, sent and released at the wrong level. The
    subject's own mark (``SUBJECT: (S) ...``) counts too.
    """
    rank = ctx.rank
    if rank is None:
        return
    subject_mark = ctx.cable.subject_mark
    subject_rank = _mark_info(subject_mark)[0] if subject_mark else None
    if subject_rank is not None and subject_rank > rank:
        yield (
            f"banner is {RANK_NAMES[rank]} but the subject is marked ({subject_mark}); "
            f"the banner must be at least {RANK_NAMES[subject_rank]}",
            ctx.front_line("subject"),
        )
    above = [m for m in ctx.memo(_marks) if (m.rank or 0) > rank]
    first, rest = _first_and_rest(m.paragraph for m in above)
    if first is not None:
        top = max(m.rank or 0 for m in above)
        yield (
            f"banner is {RANK_NAMES[rank]} but {_label(first)} is marked ({first.portion_mark})"
            f"{_more(rest)}; the banner must be at least {RANK_NAMES[top]}",
            first.line,
        )


@rule("CG102", "noforn-missing-from-banner", "warning", "Portion marked NOFORN, banner not")
def noforn_missing_from_banner(ctx: Context) -> Hits:
    """A paragraph is marked NOFORN (``(S/NF)``) but the banner does not say NOFORN.

    Dissemination controls roll up like classification: one NOFORN portion
    makes the whole cable NOFORN. Without it in the banner the cable may be
    shared with foreign governments along with the paragraph that must not be.
    """
    if ctx.rank is None or ctx.noforn:
        return
    marked = [m.paragraph for m in ctx.memo(_marks) if m.noforn]
    first, rest = _first_and_rest(marked)
    if first is not None:
        yield (
            f"{_label(first)} is marked ({first.portion_mark}){_more(rest)} "
            f"but the banner ({ctx.cable.classification}) has no NOFORN",
            first.line,
        )


@rule("CG103", "sbu-missing-from-banner", "warning", "Portion marked SBU, banner plain UNCLAS")
def sbu_missing_from_banner(ctx: Context) -> Hits:
    """An unclassified cable has a paragraph marked SBU (or FOUO) but its banner is
    plain ``UNCLAS``, without ``SENSITIVE`` or ``FOR OFFICIAL USE ONLY``.

    Sensitive but unclassified text must not be posted publicly; the banner
    is what handlers read, so it has to carry the caption.
    """
    if ctx.rank != 0 or ctx.sensitive:
        return
    marked = [m.paragraph for m in ctx.memo(_marks) if m.sensitive]
    first, rest = _first_and_rest(marked)
    if first is not None:
        yield (
            f"{_label(first)} is marked ({first.portion_mark}){_more(rest)} "
            "but the banner is not SENSITIVE / FOR OFFICIAL USE ONLY",
            first.line,
        )


@rule("CG104", "unmarked-paragraphs", "warning", "Classified cable with unmarked paragraphs")
def unmarked_paragraphs(ctx: Context) -> Hits:
    """A CONFIDENTIAL or higher cable has numbered paragraphs without a portion mark.

    Every portion of a classified document is marked so that a reader can
    quote or release the unclassified parts; an unmarked paragraph forces a
    reviewer to treat it at the banner's level. Cables that mark their first
    paragraph ``(C - ENTIRE TEXT)`` are exempt.
    """
    if not ctx.classified:
        return
    paragraphs = ctx.cable.paragraphs
    if any(p.portion_mark and "ENTIRE" in p.portion_mark.upper() for p in paragraphs):
        return
    unmarked = [p for p in paragraphs if p.number is not None and not p.portion_mark]
    if unmarked:
        numbers = ", ".join(str(p.number) for p in unmarked[:8])
        if len(unmarked) > 8:
            numbers += f" and {len(unmarked) - 8} more"
        noun = "paragraph" if len(unmarked) == 1 else "paragraphs"
        yield (
            f"{noun} {numbers} of this {ctx.cable.classification} cable "
            f"{'has' if len(unmarked) == 1 else 'have'} no portion mark",
            unmarked[0].line,
        )


@rule(
    "CG105", "security-warning-mismatch", "warning", "Header security warning disagrees with banner"
)
def security_warning_mismatch(ctx: Context) -> Hits:
    """The routing header's security warning (``ZNY CCCCC``) names another level than the banner.

    Communications centres handle a message by its security warning, so a
    SECRET cable sent under ``CCCCC`` travelled through channels cleared only
    for CONFIDENTIAL traffic. (UUUUU and EEEEE are both unclassified.)
    """
    warning = ctx.cable.security_warning
    if ctx.rank is None or warning not in _WARNING_RANKS:
        return
    if _WARNING_RANKS[warning] != ctx.rank:
        yield (
            f"the header's security warning {warning} means "
            f"{RANK_NAMES[_WARNING_RANKS[warning]]}, the banner says {ctx.cable.classification}",
            ctx.header_line(warning),
        )


@rule("CG106", "sipdis-on-top-secret", "error", "SIPDIS on a TOP SECRET cable")
def sipdis_on_top_secret(ctx: Context) -> Hits:
    """A TOP SECRET cable carries the SIPDIS caption.

    SIPDIS asks for distribution on SIPRNet, a network accredited up to
    SECRET only; TOP SECRET traffic may not be put there.
    """
    if ctx.rank == 3 and "SIPDIS" in ctx.cable.caveats:
        yield (
            "SIPDIS puts this TOP SECRET cable on SIPRNet, cleared only to SECRET",
            (ctx.banner_line),
        )


@rule(
    "CG107", "sipdis-with-restricted-distribution", "warning", "SIPDIS together with NODIS or EXDIS"
)
def sipdis_with_restricted_distribution(ctx: Context) -> Hits:
    """SIPDIS appears together with NODIS or EXDIS.

    NODIS (no distribution beyond the addressees) and EXDIS (exclusive
    distribution) restrict who may read a cable; SIPDIS asks for it to be
    posted for every SIPRNet reader. The captions contradict each other.
    """
    caveats = ctx.cable.caveats
    if "SIPDIS" not in caveats:
        return
    for word in _RESTRICTED:
        if word in caveats:
            yield (
                f"SIPDIS and {word} contradict: {word} restricts what SIPDIS distributes",
                (ctx.banner_line),
            )


@rule("CG108", "noforn-on-unclassified", "warning", "NOFORN on a plain unclassified cable")
def noforn_on_unclassified(ctx: Context) -> Hits:
    """An unclassified cable without an SBU/SENSITIVE caption is marked NOFORN.

    NOFORN is a control on classified (or, at State, sensitive but
    unclassified) information; on a plain UNCLAS cable it is either a
    missing SENSITIVE caption or a wrong classification.
    """
    if ctx.rank == 0 and ctx.noforn and not ctx.sensitive:
        yield "NOFORN on an UNCLAS cable that is not marked SENSITIVE", ctx.banner_line


@rule("CG109", "classification-missing", "error", "No classification marking at all")
def classification_missing(ctx: Context) -> Hits:
    """Neither a banner nor the header's security warning gives a classification.

    Every cable carries its classification, UNCLAS included; a copy without
    one cannot be handled or released until someone decides what it is.
    """
    if ctx.cable.classification is None and (ctx.cable.body_text or ctx.cable.header_text):
        yield "no classification banner or security warning", ctx.banner_line
