"""Summary and comment: the drafter's own digest and opinion, marked in the text.

A summary is written ``Summary: ... End Summary.`` (or ``BEGIN SUMMARY``,
``Executive Summary``), usually in the first paragraph or two; a comment is
``Comment: ... End Comment.`` anywhere, often more than once. Either may
instead be the paragraphs under a ``Summary`` or ``Comment`` heading. The
readers work on the paragraphs (:mod:`.paragraphs`), whose numbers, portion
marks and wrapped lines are already gone, so the markers are found with a
substring test per paragraph and short anchored patterns at the few places
the word occurs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cablegram.model import Paragraph
from cablegram.parser.openings import mark_start

_SUMMARY_START_RE = re.compile(
    r"(?:(?:BEGIN|EXECUTIVE|INTRODUCTION\s+AND)\s+)?SUMMARY"
    r"(?:\s+AND\s+(?:COMMENTS?|ACTION\s+REQUESTS?|INTRODUCTION|RECOMMENDATIONS?|KEY\s+POINTS"
    r"|BACKGROUND))?"
    r"(?:\s*/\s*(?:COMMENTS?|INTRODUCTION))?(?:\s+(?:CONTINUED|CONTD?\.?))?"
    r"\s*(?:[:.\-]+|(?=\s+[A-Z(\"“]))\s*",
    re.IGNORECASE,
)
# What must follow the word at a marker that opens mid-paragraph: ``Summary:``, ``SUMMARY.``.
_SUMMARY_MID_RE = re.compile(r"SUMMARY(?:\s+AND\s+COMMENTS?)?\s*[:.\-]+\s*", re.IGNORECASE)
# ``Embassy comment:``, ``Riyadh comment:``, ``EUR CTAD comment:``; a redacted source
# (``XXXXXXXXXXXX comments indicate ...``) opens no comment.
_COMMENT_START_RE = re.compile(
    r"(?:(?:BEGIN|EMBASSY|POST|MISSION|USUN|USNATO|USEU|CONSULATE|DEPARTMENT|DEPT|AMBASSADOR'?S?"
    r"|(?-i:[A-Z]{2,12}\s+[A-Z]{3,12})(?=\s+COMMENT\s*:)"
    r"|(?!X+\s)[A-Z]{3,12}(?=\s+COMMENT))\s+)?COMMENTS?(?:\s+AND\s+(?:ACTION\s+REQUESTS?|"
    r"RECOMMENDATIONS?|ANALYSIS)|\s+(?:CONTINUED|CONTD?\.?))?\s*(?:[:.\-]+|(?=\s+[A-Z(\"“]))\s*",
    re.IGNORECASE,
)
_COMMENT_MID_RE = re.compile(r"COMMENTS?\s*[:.\-]+\s*", re.IGNORECASE)
# An end marker seen from its key word back: ``END SUMMARY``, ``End Riyadh Comment``,
# ``(END OF EXECUTIVE SUMMARY``; only the few characters before the word are searched.
# ``End Embassy Harare Comment`` (a second word only capitalised), ``End Summary and comment``.
_END_BEFORE_WORD_RE = re.compile(
    r"\(?\s*\bEND\s+(?:(?:OF\s+)?(?:SUMMARY\s+AND\s+)?(?:[A-Z]{2,12}\s+)?"
    r"|(?-i:[A-Z][A-Za-z]{1,11}\s+[A-Z][A-Za-z]{1,11})\s+"
    r"|(?-i:[A-Z][A-Za-z]{1,11}\s+){1,2}AND\s+)$",  # ``End Key Points and Comments``
    re.IGNORECASE,
)
# An end marker left at the end of a marked text: the wrong one (``Comment: ... End Note.)``,
# ``Summary: ... End Comment.``), or a summary's paragraph ended by ``End Summary and comment``.
_TRAILING_END_RE = re.compile(
    r"\(?\bEND\s+(?:OF\s+)?(?:[A-Z]+\s+){0,3}(?:SUMMARY|COMMENTS?|NOTE)\s*[.:]?\s*\)?$",
    re.IGNORECASE,
)
_TRAILING_END_LOOKBACK = 48
_END_LOOKBACK = 28
# Characters after which a marker may open mid-paragraph: ``End Summary. Comment: ...``,
# ``(Comment: ...``.
_MARKER_BEFORE = frozenset('.:;)(\n"”')
_SPAN = 12
_CONTINUED_LABEL_RE = re.compile(
    r"(?:(?:SUMMARY|COMMENTS?)\s+(?:CONTINUED|CONTD?\.?)|CONTINUED|CONTD?\.?)\s*[:.\-]+\s*",
    re.IGNORECASE,
)
_CONTINUED_FIRST = frozenset("SsCc")
# A ")" with a space before it is a dash in some copies (``pressure ) or the courts )``).
_PAREN_RE = re.compile(r"\(|(?<! )\)")
# Words that may stand before ``Comment``/``Summary`` without making it an opening marker.
_NOT_OPENERS = frozenset({"END", "NO", "OF", "TO", "THE", "A", "HIS", "HER", "ANY"})


def extract_summary(paragraphs: Sequence[Paragraph]) -> str | None:
    """The text between ``Summary:`` and ``End Summary.``, without numbers or marks.

    A summary with no end marker ends with its paragraph. A summary may also be
    the paragraphs under a ``Summary`` heading, or, with only ``End Summary``
    written, the text before that marker.
    """
    texts = [p.text for p in paragraphs]
    continued: str | None = None
    for k, text in enumerate(texts):
        if "ummar" not in text and "UMMAR" not in text:
            continue
        m = _SUMMARY_START_RE.match(text)
        if m is not None and not text[: m.end()].upper().startswith("SUMMARY OF"):
            found, _last = _span(texts, k, m.end(), "summary", require_end=False)
            if found and k and "CONT" in text[: m.end()].upper():
                # ``Summary continued:``: the summary opened before, under a heading
                continued = continued or found
                continue
            if found:
                return found
        for offset, in_parens in _mid_markers(text, "summary", _SUMMARY_MID_RE):
            found, _last = _span(texts, k, offset, "summary", require_end=True, in_parens=in_parens)
            if found:
                return found
    at = _headed(paragraphs, "SUMMARY")
    headed = [paragraphs[i] for i in at]
    # a section that another heading closes is the summary whole, End Summary or not
    closed = (
        bool(at) and at[-1] + 1 < len(paragraphs) and paragraphs[at[-1] + 1].heading is not None
    )
    under = _under_heading(headed, "summary", _SUMMARY_START_RE, closed=closed) if headed else None
    if under:
        return under
    return _before_end_marker(texts) or continued


def extract_comment(paragraphs: Sequence[Paragraph]) -> str | None:
    """Every ``Comment: ... End Comment.`` block, joined with a blank line.

    A comment that opens its paragraph and has no end marker ends with that
    paragraph; one that opens mid-paragraph counts only when it is closed.
    Paragraphs under a ``Comment`` heading count too.
    """
    texts = [p.text for p in paragraphs]
    found: list[tuple[int, str]] = []  # (paragraph, text): pieces in reading order
    used: set[int] = set()
    k = 0
    while k < len(texts):
        text = texts[k]
        last = k
        if "omment" in text or "OMMENT" in text:
            pieces, last = _comments_at(texts, k)
            if pieces:
                found.extend((k, piece) for piece in pieces)
                used.update(range(k, last + 1))
        k = last + 1
    at = [i for i in _headed(paragraphs, "COMMENT") if i not in used]
    under = [paragraphs[i] for i in at]
    heading_part = _under_heading(under, "comment", _COMMENT_START_RE) if under else None
    if heading_part:
        found.append((at[0], heading_part))
        found.sort(key=lambda piece: piece[0])  # ``Comment continued`` after the heading's
    return "\n\n".join(text for _, text in found) if found else None


def _comments_at(texts: Sequence[str], k: int) -> tuple[list[str], int]:
    """The comments that paragraph ``k`` opens or holds, and the last paragraph they reach."""
    text = texts[k]
    m = _COMMENT_START_RE.match(text)
    if m is not None and not text[:12].upper().startswith("SUMMARY"):
        piece, last = _span(texts, k, m.end(), "comment", require_end=False)
        return ([piece] if piece else []), last
    pieces: list[str] = []
    done = 0
    for offset, in_parens in _mid_markers(text, "comment", _COMMENT_MID_RE):
        if offset < done:
            continue
        piece, last = _span(texts, k, offset, "comment", require_end=True, in_parens=in_parens)
        if piece:
            pieces.append(piece)
            if last > k:
                return pieces, last
            done = offset + len(piece)
    return pieces, k


def _mid_markers(text: str, word: str, marker_re: re.Pattern[str]) -> list[tuple[int, bool]]:
    """Markers that open inside a paragraph (``... End Summary. Comment: ``): the offset
    just after each, and whether it opens a parenthesis (``(Comment: ...)``).

    The marker must follow the start of a sentence or a parenthesis, perhaps
    with one word between (``(Embassy comment:``, ``BEGIN SUMMARY.``).
    """
    out: list[tuple[int, bool]] = []
    for pos in _word_positions(text, word):
        if pos == 0:
            continue
        m = marker_re.match(text, pos)
        if m is None:
            continue
        before = text[max(0, pos - 20) : pos].rstrip()
        if before and before[-1] not in _MARKER_BEFORE:
            word_start = max(before.rfind(" "), before.rfind("(")) + 1
            word = before[word_start:]
            if not word.isalpha() or not word[0].isupper() or word.upper() in _NOT_OPENERS:
                continue
            before = before[:word_start].rstrip()
        if not before or before[-1] in _MARKER_BEFORE:
            out.append((m.end(), before[-1:] == "("))
    return out


def _word_positions(text: str, word: str) -> list[int]:
    """Where ``word`` (lower case, e.g. ``summary``) starts in ``text``, in any common case."""
    tail_lower, tail_upper = word[1:], word[1:].upper()
    out: list[int] = []
    for tail in (tail_lower, tail_upper):
        pos = text.find(tail, 1)
        while pos >= 0:
            if text[pos - 1] in (word[0], word[0].upper()):
                out.append(pos - 1)
            pos = text.find(tail, pos + 1)
    out.sort()
    return out


def _span(
    texts: Sequence[str],
    k: int,
    offset: int,
    word: str,
    *,
    require_end: bool,
    in_parens: bool = False,
) -> tuple[str | None, int]:
    """The marked text starting at ``texts[k][offset:]`` and the index of its last paragraph.

    It ends at an ``End <word>`` marker in the same paragraph or one of the
    next few. A marker that opened a parenthesis (``(Comment: ...)``) ends at
    the parenthesis that closes it when no end marker comes first. With no end
    marker it is the rest of its paragraph, or nothing if ``require_end``.
    """
    first = texts[k][offset:]
    end = end_marker(first, word)
    close = _closing_paren(first) if in_parens else None
    if close is not None and (end is None or close < end):
        return _tidy(first[:close]), k
    if end is not None:
        return _tidy(first[:end]), k
    pieces = [first]
    for j in range(k + 1, min(len(texts), k + _SPAN)):
        text = _without_continued_label(texts[j])
        end = end_marker(text, word)
        if end is not None:
            pieces.append(text[:end])
            return _tidy("\n\n".join(pieces)), j
        pieces.append(text)
    if require_end:
        return None, k
    return _tidy(first), k


def _without_continued_label(text: str) -> str:
    """A later paragraph of a summary or comment without its ``Comment continued:``,
    ``Summary contd.:`` or ``Contd.:`` label."""
    if text[:1] not in _CONTINUED_FIRST:
        return text
    m = _CONTINUED_LABEL_RE.match(text)
    return text if m is None else text[m.end() :]


def _closing_paren(text: str) -> int | None:
    """Where the parenthesis open before ``text`` closes in it (nested pairs skipped; a ")"
    after a space is a dash)."""
    depth = 1
    for m in _PAREN_RE.finditer(text):
        depth += 1 if m.group() == "(" else -1
        if depth == 0:
            return m.start()
    return None


def end_marker(text: str, word: str) -> int | None:
    """Where the first ``End <word>`` marker in ``text`` starts (``word``: ``summary``, ...)."""
    for pos in _word_positions(text, word):
        if pos < 4:
            continue
        lo = max(0, pos - _END_LOOKBACK)
        m = _END_BEFORE_WORD_RE.search(text, lo, pos)
        if m is not None:
            return m.start()
    return None


def _tidy(text: str) -> str | None:
    """Strip the separators a marker leaves behind; None when nothing is left."""
    text = text.strip().strip("-").strip()
    tail = max(0, len(text) - _TRAILING_END_LOOKBACK)
    if "nd " in text[tail:] or "ND " in text[tail:]:
        m = _TRAILING_END_RE.search(text, tail)
        # ``(Note: ... End note.)`` inside the text is the text's own: it stays
        if m is not None and not (m.group().endswith(")") and _opens_paren(text[: m.start()])):
            text = text[: m.start()].rstrip()
    if text.endswith("("):
        text = text[:-1].rstrip()
    if text[:1] == "(":  # ``Summary: (C) In a meeting ...``: the paragraph's mark
        marked = mark_start(text)
        if marked is not None:
            text = marked[3]
    return text or None


def _opens_paren(text: str) -> bool:
    """Whether ``text`` leaves a parenthesis open (a ")" after a space being a dash)."""
    depth = 0
    for m in _PAREN_RE.finditer(text):
        depth += 1 if m.group() == "(" else -1
    return depth > 0


def _headed(paragraphs: Sequence[Paragraph], key: str) -> list[int]:
    """The indexes of the paragraphs standing under a heading that starts with ``key`` (upper
    case); most paragraphs have no heading, so most are passed over at the first test."""
    return [i for i, p in enumerate(paragraphs) if p.heading and p.heading.upper().startswith(key)]


def _under_heading(
    under: Sequence[Paragraph], word: str, start_re: re.Pattern[str], *, closed: bool = False
) -> str | None:
    """The text of ``under``, the paragraphs headed ``word`` (``Comment``, ``Summary: ...``).

    Under a ``Summary`` heading the summary runs to its ``End Summary``; when
    there is none, it is the whole section if another heading ``closed`` it,
    else the first paragraph (a heading that nothing closes may head the cable).
    """
    ends = [end_marker(p.text, word) for p in under]
    if word == "summary" and under:
        whole = len(under) - 1 if closed else 0
        closing = next((i for i, e in enumerate(ends) if e is not None), whole)
        under, ends = under[: closing + 1], ends[: closing + 1]
    pieces: list[str] = []
    for p, e in zip(under, ends, strict=True):
        text = p.text if e is None else p.text[:e]
        m = start_re.match(text)
        if m is not None:
            text = text[m.end() :]
        cleaned = _tidy(text)
        if cleaned:
            pieces.append(cleaned)
    return "\n\n".join(pieces) if pieces else None


def _before_end_marker(texts: Sequence[str]) -> str | None:
    """With only an ``End Summary`` marker: the text before it, from its paragraph's start."""
    for text in texts[:6]:
        end = end_marker(text, "summary")
        if end is not None:
            return _tidy(text[:end])
    return None
