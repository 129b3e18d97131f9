"""CG3xx: the authority to classify: the executive order, Classified By and reasons.

A classified cable cites the executive order in force (``E.O. 12958``), names
who classified it (``Classified By: Ambassador ...``) and why (``Reasons 1.4
(b) and (d)``). The order changed over the years (see
:mod:`cablegram.tables.codes`), and so did the section that lists the reasons:
1.5 under E.O. 12958 as signed, 1.4 after the 2003 amendment (E.O. 13292),
which also added reason (h).
"""

from __future__ import annotations

import datetime as dt
import re

from cablegram.linter._context import Context
from cablegram.linter._core import Hits, rule
from cablegram.linter.dates import GRACE, is_record_of_release
from cablegram.tables.codes import EO, executive_order, reason_meaning

_EFFECTIVE: dict[int, dt.date] = {
    # E.O. 13526 section 6.3: effective 180 days after signing (29 Dec 2009),
    # apart from sections 1.7, 3.3 and 3.7; until then E.O. 12958 still governed.
    13526: dt.date(2010, 6, 27),
}
_KNOWN_ORDERS = (10501, 11652, 12065, 12356, 12958, 13292, 13526)
_E_O_LINES_FROM = dt.date(1972, 6, 1)  # E.O. 11652: cables carry an E.O. line
_ORDER_12958 = dt.date(1995, 10, 14)  # classifier and reasons named on every document
_AMENDMENT = dt.date(2003, 3, 25)  # E.O. 13292: reasons move to 1.4, (h) added
_CLASSIFIED_BY_SPELLINGS = ("Classified By", "CLASSIFIED BY", "Classified by")
_CLASSIFIED_BY_WINDOW = 8000
_DANGLING_RE = re.compile(
    r"(?:,|;|&|/|\(|\band|\bor|\breasons?|\bfor|1\s?[./:]\s?[45]|\bby)\s*$",
    re.IGNORECASE,
)
_SECTION_RE = re.compile(r"1\s?[./:]\s?[45](?!\d)")
_LETTER_RE = re.compile(
    r"[\s,;&/()]*(?:(?:and|or)\b[\s,;&/()]*)?([A-Za-z])(?![A-Za-z])", re.IGNORECASE
)


def cited_order(ctx: Context) -> EO | None:
    """The executive order the E.O. line cites, when it is one cablegram knows."""
    written = ctx.cable.executive_order
    return executive_order(written) if written else None


def effective(order: EO) -> dt.date:
    """The day an order governed classification (E.O. 13526: 27 June 2010)."""
    return _EFFECTIVE.get(order.number, order.in_force)


def _order_label(number: int) -> str:
    return f"E.O. {number}"


@rule("CG301", "executive-order-not-in-force", "error", "E.O. not in force on the cable's date")
def executive_order_not_in_force(ctx: Context) -> Hits:
    """The E.O. line cites an executive order that was not in force on the cable's date.

    An order is accepted from the day cables began to cite it
    (:attr:`~cablegram.tables.codes.EO.in_force`: E.O. 12958 from 14 October
    1995, E.O. 13526 from 29 December 2009) until 60 days after its
    successor took effect (E.O. 13526 took effect on 27 June 2010, its
    section 6.3). Citing an order before it existed, or long after it was
    revoked, means the date or the E.O. line is wrong. Copies marked as
    declassified (``DECLASSIFIED ... E.O. 12958``) are not checked: their E.O.
    line names the order they were released under.
    """
    order = ctx.memo(cited_order)
    if order is None or ctx.date is None or is_record_of_release(ctx.cable.declassification):
        return  # a released copy's E.O. line names the order it was declassified under
    if ctx.date < order.in_force:
        yield (
            f"{_order_label(order.number)} was not in force before {order.in_force.isoformat()}; "
            f"this cable is dated {ctx.date.isoformat()}",
            ctx.front_line("eo"),
        )
        return
    successor = executive_order(order.replaced_by) if order.replaced_by else None
    if successor is not None and ctx.date > effective(successor) + GRACE:
        yield (
            f"{_order_label(order.number)} was replaced by {_order_label(successor.number)} "
            f"on {effective(successor).isoformat()}; this cable is dated {ctx.date.isoformat()}",
            ctx.front_line("eo"),
        )


def _near_misses(digits: str) -> list[int]:
    """Known order numbers one substitution or one adjacent swap away from ``digits``."""
    out: list[int] = []
    for number in _KNOWN_ORDERS:
        known = str(number)
        if len(known) != len(digits):
            continue
        diffs = [i for i, (a, b) in enumerate(zip(digits, known, strict=True)) if a != b]
        swapped = (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and digits[diffs[0]] == known[diffs[1]]
            and digits[diffs[1]] == known[diffs[0]]
        )
        if len(diffs) == 1 or swapped:
            out.append(number)
    return out


@rule("CG302", "executive-order-unknown", "warning", "E.O. number is no classification order")
def executive_order_unknown(ctx: Context) -> Hits:
    """The E.O. line cites a number that is not an executive order on classification.

    Almost always a typo (``E.O. 12598`` for 12958): the authority for the
    classification is then unstated.
    """
    written = ctx.cable.executive_order
    if not written or ctx.memo(cited_order) is not None:
        return
    digits = "".join(ch for ch in written if ch.isdigit())
    guesses = _near_misses(digits)
    hint = f"; perhaps {' or '.join(_order_label(n) for n in guesses)}" if guesses else ""
    yield f"E.O. {written} is not an executive order on classification{hint}", ctx.front_line("eo")


@rule("CG303", "executive-order-missing", "warning", "Classified cable without an E.O. line")
def executive_order_missing(ctx: Context) -> Hits:
    """A CONFIDENTIAL or higher cable has no E.O. line.

    The E.O. line states the authority for classifying and, with it, the
    declassification instruction. Cables older than E.O. 11652 (1972) did
    not carry one and are not checked.
    """
    if not ctx.classified or ctx.cable.executive_order is not None:
        return
    if ctx.date is not None and ctx.date < _E_O_LINES_FROM:
        return
    yield f"this {ctx.cable.classification} cable has no E.O. line", None


def _has_classified_by(ctx: Context) -> bool:
    return bool(ctx.cable.classified_by) or ctx.front_line("classified_by") is not None


def _derived(ctx: Context) -> bool:
    """Derivatively classified (``DERIVED FROM: DSCG 05-1``): the classification and its
    reasons come from a source document or guide, not from a named classifier."""
    return "DERIVED FROM" in ctx.head_upper


@rule("CG304", "classified-by-missing", "warning", "Classified cable without Classified By")
def classified_by_missing(ctx: Context) -> Hits:
    """A CONFIDENTIAL or higher cable does not say who classified it.

    Since E.O. 12958 (1995) every originally classified document names its
    classification authority by name and position; a reviewer needs it to
    know whom to ask. Older cables are not checked.
    """
    if not ctx.classified or _has_classified_by(ctx) or _derived(ctx):
        return
    if ctx.date is not None and ctx.date < _ORDER_12958:
        return
    yield f"this {ctx.cable.classification} cable has no Classified By line", None


@rule("CG305", "classification-reasons-missing", "warning", "Classified By without reasons")
def classification_reasons_missing(ctx: Context) -> Hits:
    """The Classified By line gives no reason (``1.4 (b)``, ``1.4 (d)``, ...).

    E.O. 12958 requires a concise reason for classification, cited as the
    section-1.4 (before 2003 section-1.5) category it falls in.
    """
    cable = ctx.cable
    if not ctx.classified or cable.classification_reasons or not _has_classified_by(ctx):
        return
    if _derived(ctx):
        return
    if ctx.date is not None and ctx.date < _ORDER_12958:
        return
    yield "the Classified By line gives no classification reason", ctx.front_line("classified_by")


def _classified_by_text(ctx: Context) -> str:
    """The Classified By line ("" when there is none), with the next line when the
    reasons run on to it (the line ends in ``1.4``, ``and``, a comma ...).

    Found with ``str.find`` on the body's first characters: this rule runs on
    every classified cable and must not cost a scan of the whole body.
    """
    body = ctx.cable.body_text
    at = -1
    for spelling in _CLASSIFIED_BY_SPELLINGS:
        at = body.find(spelling, 0, _CLASSIFIED_BY_WINDOW)
        if at >= 0:
            break
    else:
        head = ctx.head_upper
        at = head.find("CLASSIFIED BY")
        if at < 0:
            at = head.find("CLASIFIED BY")
        if at < 0:
            return ""
    start = body.rfind("\n", 0, at) + 1
    end = body.find("\n", at)
    line = body[start : len(body) if end < 0 else end].strip()
    if end >= 0 and _DANGLING_RE.search(line[-12:]):
        after = body.find("\n", end + 1)
        line += " " + body[end + 1 : len(body) if after < 0 else after].strip()
    return line


def written_reason_letters(text: str) -> list[str]:
    """The reason letters as written after ``1.4``/``1.5`` on a Classified By line.

    ``for reasons 1.4 (b) and (d).`` -> ``["b", "d"]``; the run stops at the first
    word that is not a single letter, so a paragraph glued to the line (``1. (C)
    Summary``) is not read as reasons.
    """
    letters: list[str] = []
    for section in _SECTION_RE.finditer(text):
        pos = section.end()
        while len(letters) < 16:
            m = _LETTER_RE.match(text, pos)
            if m is None:
                break
            letters.append(m.group(1).lower())
            pos = m.end()
    return letters


@rule("CG306", "reason-letter-invalid", "error", "Classification reason outside (a)-(h)")
def reason_letter_invalid(ctx: Context) -> Hits:
    """The Classified By line cites a reason letter outside (a)-(h).

    Section 1.4 of E.O. 12958 (as amended) and of E.O. 13526 lists eight
    categories, (a) to (h); any other letter names no reason at all.
    """
    if not ctx.classified and not ctx.cable.classified_by:
        return
    text = _classified_by_text(ctx)
    if not text:
        return
    bad = [letter for letter in written_reason_letters(text) if reason_meaning(letter) is None]
    if bad:
        listed = ", ".join(f"({letter})" for letter in dict.fromkeys(bad))
        yield (
            f"reason {listed} is not one of the categories (a)-(h)",
            ctx.front_line("classified_by"),
        )


@rule("CG307", "reason-h-before-2003", "warning", "Reason (h) before it existed")
def reason_h_before_2003(ctx: Context) -> Hits:
    """Reason (h), weapons of mass destruction, is cited on a cable dated before
    E.O. 13292 added it on 25 March 2003."""
    if ctx.date is None or ctx.date >= _AMENDMENT:
        return
    if any(r.letter == "h" for r in ctx.cable.classification_reasons):
        yield (
            f"reason (h) was added on {_AMENDMENT.isoformat()}; "
            f"this cable is dated {ctx.date.isoformat()}",
            ctx.front_line("classified_by"),
        )


@rule("CG308", "reason-section-outdated", "info", "Reasons cited under the wrong section")
def reason_section_outdated(ctx: Context) -> Hits:
    """The reasons are cited under the section of another period: 1.5 after the
    2003 amendment moved them to 1.4, or 1.4 before it (under E.O. 12958 as
    signed they were in 1.5).

    A harmless habit in most posts, but a reviewer matching reasons to the
    order's text should know which section was meant. Cables before E.O. 12958
    (1995) are not checked, nor the 60 days after the change.
    """
    if ctx.date is None or ctx.date < _ORDER_12958:
        return
    sections = {r.section for r in ctx.cable.classification_reasons}
    if ctx.date > _AMENDMENT + GRACE and "1.5" in sections:
        expected, written = "1.4", "1.5"
    elif ctx.date < _AMENDMENT and "1.4" in sections:
        expected, written = "1.5", "1.4"
    else:
        return
    yield (
        f"reasons cited under section {written}; on {ctx.date.isoformat()} they were "
        f"in section {expected}",
        ctx.front_line("classified_by"),
    )


@rule("CG309", "unclassified-with-classified-by", "warning", "UNCLAS cable with Classified By")
def unclassified_with_classified_by(ctx: Context) -> Hits:
    """An unclassified cable has a Classified By line.

    Either the banner lost its classification or the line was copied from a
    classified draft; both are worth a second look before release.
    """
    if ctx.rank != 0 or is_record_of_release(ctx.cable.declassification):
        return
    if _has_classified_by(ctx):
        yield (
            f"this {ctx.cable.classification} cable has a Classified By line",
            ctx.front_line("classified_by"),
        )
