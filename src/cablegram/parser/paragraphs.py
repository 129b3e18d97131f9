"""The body's paragraphs: their numbers, portion marks, headings and text.

Paragraphs are numbered (``1.``, ``1)``, ``(1)``, ``Para 1.``) and carry a
portion mark (``(C)``, ``( C )``, ``(S//NF)``); :mod:`.openings` reads an
opening. Numbers are accepted only in sequence, so lists inside a paragraph
(``1) ... 2) ...``) and wrapped lines that happen to begin with a number stay
in their paragraph. Headings are short lines, upper-case or underlined with
dashes, that stand alone before a paragraph. The text runs from the end of the
front matter to the signature (:mod:`.signature`).

The reader takes a :class:`~cablegram.parser.body.CleanBody`, so the body is
cleaned once by the caller. It labels every row in one pass with first-character
tests (a regex meets only the rows that may open a paragraph), then cuts the
paragraphs at the openings and joins each one's rows with a few whole-string
operations, never line by line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cablegram.model import Paragraph
from cablegram.parser.body import CleanBody
from cablegram.parser.openings import Opening, mark_start, normalize_portion_mark, para_start
from cablegram.parser.summary import end_marker

_DASH_CHARS = "-=_* "
# Patterns start with a literal so that the regex engine can skip ahead to it.
# A paragraph opening (``11. (U) ``) after the end of a sentence, in mid-line.
_MAX_NUMBER = 199
_OPENINGS = tuple(f"{n}. (" for n in range(_MAX_NUMBER + 1))
_RUN_ON_RE = re.compile(r"[.?!][\"')]? (\d{1,2})\. \( ?([A-Za-z][A-Za-z/ ]{0,14}?) ?\) (?=\S)")
_HYPHEN_WRAP_RE = re.compile(r"-\n(?<=[A-Za-z]-\n)(?=[A-Za-z])")
# (not before a lettered item: ``a) Hassan said ...`` after a blank line stays an item)
_GAP_LOWER_RE = re.compile(r"\n\n+(?=[a-z])(?![a-z][.)]\s)")
# ``END`` / blank line / ``SUMMARY.``: an end marker broken by a page break.
_END_GAP_RE = re.compile(
    r"\n(?<=[Ee][Nn][Dd]\n)\n+(?=SUMMARY|COMMENT|Summary|Comment|summary|comment)"
)
# A blank line (a page break taken out) after a word that cannot end a sentence, a title or a
# name: the sentence goes on after it (``were the`` / ``Crown Prince and the minister``).
_GAP_BEFORE_CAPITAL_RE = re.compile(r"\n\n+(?=[A-Z])")
_GOES_ON = (
    "a an the of to in and or for with at by from on as that which whose his her their its"
    " our is are was were be been has have had will would said told between than into under"
    " over about after before during including such this these those not but if when while"
    " where both either nor whether toward towards against among via per"
)
GOES_ON_WORDS = frozenset(_GOES_ON.split())
_LONGEST_GOES_ON = max(map(len, GOES_ON_WORDS))
_GAP_RE = re.compile(r"\n\n+")
_ITEM_BREAK_RE = re.compile(
    r"\n(?:(?<=[.:;!?)\"”’]\n)"
    r"(?=--|-\s|\*|•|o\s|\(?[A-Za-z0-9]{1,2}\)\s|[A-Za-z]\.\s|\d{1,2}\.\s)"
    r"|(?:(?<=; and\n)|(?<=; or\n))(?=--|-\s|\*|•))"  # a bullet after ``...; and``
)
_LONE_STOP_RE = re.compile(r"\n+\.(?=\n|$)")
# A dashed item of a list, opening with a capital, digit or quote (``-- the`` is a dash).
_DASHED_ITEM_RE = re.compile(r"\n(?=-- [A-Z0-9\"“(])")
# What the line before a sub-item ends with: a sub-item after ``... in the`` is a wrapped dash.
_ITEM_BEFORE = frozenset('.:;!?)"”’')
_CLASSIFIED_BY_RE = re.compile(r"(?:\(U\)\s*)?CLAS+I?FI?E?D\s+BY\b", re.IGNORECASE)
_EMBEDDED_PARA_RE = re.compile(
    r"\s(?:1\s?[.)]|\(1\))\s*\(\s*(?:U|SBU|C|S|TS|[CS]\s?/\s?/?\s?[A-Z]+)\s*\)", re.IGNORECASE
)
# The front-matter labels; ``Classified By`` in the spellings of _CLASSIFIED_BY_RE too.
_FRONT_ANCHOR_RE = re.compile(
    r"(?:E\s?\.?\s?O\s?\.?\s*\d{5}|TAGS?\b|TAGE|SUBJ(?:ECT)?\b|REF(?:S|TEL|TELS|ERENCES?)?\b"
    r"|CLAS+I?FI?E?D\s+BY|\(U\)\s*(?:CLASSIFIED\s+BY|CLAS+I?FI?E?D\s+BY\b))",
    re.IGNORECASE,
)
# The first letters of the front-matter labels: E.O., TAGS, SUBJECT, REF, Classified By, (U).
_ANCHOR_FIRST = frozenset("EeTtSsRrCc(")
# An item of a REF block standing after a blank line: ``B. PARIS 7425``, ``(C) STATE 1234``.
_REF_ITEM_RE = re.compile(r"\(?[A-Z]\s?[.)]\s+\S")
_END_TOKENS = frozenset({"END", "BEGIN", "XXXXXXXXXXXX"})
_MAX_HEADING = 80
# An underlined or boxed line is a heading on that evidence: it may be longer, end in a
# full stop and open with ``BEGIN`` (``BEGIN NON-PAPER FOR DELIVERY BY AMBASSADOR``).
_MAX_UNDERLINED_HEADING = 100
_HEADING_RULE = " -=_*/"  # what a heading row's words are boxed or underlined with
_HEADING_LINES = 3  # an underlined heading may wrap over this many lines
_RULE_MIN = 5  # the rule typed on a heading's own line, after its words
_MARKED_HEADING_WORDS = 8  # a title with a portion mark is no longer than this
# The end of a sentence in a line (``... months. ``, ``... Afghanistan,) ``).
# (after a small letter or a digit: ``U.S. Policy`` is no sentence's end).
_SENTENCE_END_RE = re.compile(r"(?:[.?!](?<=[a-z0-9][.?!])[\"”’)]*|\)(?<=[a-z0-9,]\)))\s+")
_MAX_GLUED_TITLE = 60
_GLUED_HEAD = 30  # the text before a glued title: a paragraph's, not a heading's
_ABBREVIATED = "Dr Mr Mrs Ms St Gen Col Amb Lt Maj Capt Sen Rep Gov Prof Jr Sr No Sgt Adm Hon"
_TITLE_ABBREVIATIONS = frozenset(_ABBREVIATED.split())  # ``Dr.`` ends no sentence
# The end of a summary or comment on a line of its own (``END SUMMARY.``, ``SUMMARY.``).
_END_MARKER_LINE_RE = re.compile(r"(?:END\s+)?(?:SUMMARY|COMMENT)\s*[.:]?\)?$", re.IGNORECASE)
_ABBREVIATION_END_RE = re.compile(r"\s(?:[A-Za-z]\.){2,}$")
_FRONT_LIMIT = 120
_SIPRNET_NOTE = "You can also access this site"
_NOTE_ROWS = 12  # the notes stand at the end of the text, above the signature
_WEBSITE_NOTE_RE = re.compile(
    r"(?:\*[\s*]*)?(?:(?:please\s+)?visit\s+\S.{0,60}?classified\s+web\s?site"
    r"|for\s+more\s+reporting\s+from\s+.{0,60}?visit\s*:)",
    re.IGNORECASE,
)

# Row kinds, one byte per row.
_BLANK, _DASH, _TEXT, _PARA, _MARK, _HEADING, _HEADING_MORE = range(7)
_IN_TEXT = frozenset({_TEXT, _PARA})  # the kinds of a paragraph's rows
# First characters of rows that may be a dash line or a paragraph opening.
_OPENING_FIRST = frozenset("0123456789(-=_*Pp")


def extract_paragraphs(body: CleanBody, *, first_line: int) -> tuple[Paragraph, ...]:
    """The body's paragraphs, in order, from the first paragraph to the signature.

    Front matter (banner, caveats, E.O., TAGS, SUBJECT, REF, Classified By) is
    skipped; unnumbered text between it and the first numbered paragraph
    becomes a paragraph numbered None. A cable with no numbering at all has one
    None paragraph per block of text. Each paragraph's ``line`` is 1-based in
    the telegram: ``first_line`` is the number of the first line given to
    :func:`~cablegram.parser.body.clean_lines`.
    """
    prose = body.prose
    sig = body.signature
    end = sig.cut_row
    texts = list(prose[:end])  # row k is still line body.prose_lines[k]
    if sig.cut_col is not None and 0 <= end < len(prose):
        tail = prose[end][: sig.cut_col].rstrip()
        if tail:
            texts.append(tail)
    start, embedded = _front_end(texts)
    if embedded is not None:
        texts[start] = embedded
    _drop_website_notes(texts, start)
    return _paragraphs(texts[start:], body.prose_lines[start:], first_line)


def _drop_website_notes(texts: list[str], start: int) -> None:
    """Blank out the notes that send readers to the post's classified website
    (``Visit Embassy Cairo's Classified Website: http://...``, ``For more reporting
    from Embassy Kuwait, visit: ...``), from where one opens to the next blank row,
    with the asterisks that box them: the post's boilerplate, not the drafter's text.
    Only the last rows are searched: a note stands at the end."""
    for k in range(max(start, len(texts) - _NOTE_ROWS), len(texts)):
        s = texts[k]
        if not ("ebsite" in s or "EBSITE" in s or "isit:" in s or "ISIT:" in s):
            continue  # the pattern would be tried at every character of a long row
        m = _WEBSITE_NOTE_RE.search(s)
        if m is None:
            continue
        texts[k] = s[: m.start()].rstrip(" *")
        j = k - 1  # a row of asterisks above the note belongs to it
        while j >= start and texts[j] and not texts[j].strip(" *"):
            texts[j] = ""
            j -= 1
        j = k + 1  # the rest of the note, and the SIPRNET sentence after a blank row
        while j < len(texts) and (texts[j] or _opens_siprnet_note(texts, j + 1)):
            texts[j] = ""
            j += 1


def _opens_siprnet_note(texts: Sequence[str], j: int) -> bool:
    return j < len(texts) and texts[j].startswith(_SIPRNET_NOTE)


# --------------------------------------------------------------------------
# where the front matter ends


def _front_end(texts: Sequence[str]) -> tuple[int, str | None]:
    """Where the front matter ends, and the first paragraph if it shares a front-matter line.

    The front matter runs to the first numbered paragraph, or, in a cable
    without numbering, to the first block of text after the last front-matter
    label (E.O., TAGS, SUBJECT, REF, Classified By) and its continuation lines.
    """
    labels_seen = False
    in_block = False
    last_ref = False
    limit = min(len(texts), _FRONT_LIMIT)
    for k in range(limit):
        s = texts[k]
        if not s:
            in_block = False
            continue
        first = s[0]
        if first.isdigit() or first == "(" or first in "Pp":
            st = para_start(s)
            if (
                st is not None
                and (st[2] is not None or not in_block)
                and (st[0] or 0) <= 30
                and _CLASSIFIED_BY_RE.match(st[3]) is None
            ):
                return k, None
        if labels_seen and first in "-=_" and _is_dash_line(s):
            return k, None
        if first == "(" and labels_seen and _opens_marked_text(s):
            return k, None
        if first in _ANCHOR_FIRST and _FRONT_ANCHOR_RE.match(s) is not None:
            labels_seen = True
            in_block = True
            last_ref = s[:3].upper() == "REF"
            if "lassif" in s or "LASSIF" in s:
                emb = _EMBEDDED_PARA_RE.search(s)
                if emb is not None and "lassif" in s[: emb.start()].lower():
                    return k, s[emb.start() :].strip()
            continue
        if in_block or not labels_seen:
            continue
        if last_ref and _REF_ITEM_RE.match(s) is not None:
            in_block = True
            continue
        return k, None
    if labels_seen:
        return limit, None
    return _first_text_block(texts), None


def _opens_marked_text(s: str) -> bool:
    """``(SBU) Poloff delivered ...`` opens a marked paragraph; ``(C) STATE 1234`` is a REF
    item, ``(c), and (d).`` the reasons of a Classified By line going on."""
    st = mark_start(s)
    if st is None or not (st[3][0].isalnum() or st[3][0] in "\"'“‘"):
        return False
    return len(st[3]) > 40 or st[3].upper() != st[3]


def _first_text_block(texts: Sequence[str]) -> int:
    """Without front-matter labels: the first line that reads like prose (has lower case)."""
    for k, s in enumerate(texts[:60]):
        if len(s) > 30 and s.upper() != s and k > 0:
            return k
    return min(len(texts), 1)


# --------------------------------------------------------------------------
# labelling the rows


def _classify(texts: list[str]) -> tuple[bytearray, dict[int, Opening], list[int], bool]:
    """Label each row (blank, dash, para, mark or text) and find where paragraphs may open.

    Returns the kinds, the paragraph openings by row, the rows that open or may
    open a paragraph (numbered or marked openings and text after a blank or
    dash line; a text row right above a dash line too: it may be an underlined
    heading), and whether the cable numbers its paragraphs. Dash lines are
    blanked in ``texts``: inside a paragraph they separate blocks, as blank
    lines do. Most rows are settled by their first character.
    """
    kinds = bytearray([_TEXT]) * len(texts)
    starts: dict[int, Opening] = {}
    events: list[int] = []
    after_gap = True
    prev: int | None = None  # the last paragraph number accepted
    style = ""  # how the first accepted paragraph was numbered
    marked = False  # whether it carried a portion mark
    for k, s in enumerate(texts):
        if not s:
            kinds[k] = _BLANK
            after_gap = True
            continue
        first = s[0]
        if first not in _OPENING_FIRST or (first in "Pp" and s[:4].upper() != "PARA"):
            if after_gap:
                events.append(k)
                after_gap = False
            continue
        if first in "-=_*":
            if _is_dash_line(s):
                kinds[k] = _DASH
                texts[k] = ""
                if k and kinds[k - 1] == _TEXT and (not events or events[-1] != k - 1):
                    events.append(k - 1)
                after_gap = True
                continue
            st = None
        else:
            st = para_start(s)
        if st is not None and _accept(st, prev, style, marked, after_gap):
            if prev is None:
                style = st[1]
                marked = st[2] is not None
            prev = st[0]
            kinds[k] = _PARA
            starts[k] = st
            if k and kinds[k - 1] == _TEXT and (not events or events[-1] != k - 1):
                events.append(k - 1)  # a heading run on under the paragraph before?
            elif k > 1 and kinds[k - 1] == _BLANK and kinds[k - 2] == _TEXT and events[-1] != k - 2:
                events.append(k - 2)  # the same, with a blank line under it
            events.append(k)
        elif after_gap:
            st = mark_start(s) if first == "(" else None
            if st is not None:
                kinds[k] = _MARK
                starts[k] = st
            events.append(k)
        after_gap = False
    return kinds, starts, events, prev is not None


def _accept(st: Opening, prev: int | None, style: str, marked: bool, after_gap: bool) -> bool:
    """Whether a numbered opening continues the cable's paragraph sequence.

    ``prev``, ``style`` and ``marked`` describe the paragraphs accepted so far.
    """
    n = st[0]
    if n is None:
        return False
    has_mark = st[2] is not None
    if prev is None:
        return has_mark or n <= 5 or (after_gap and n <= 30)
    if n < prev or (n == prev and not (has_mark and after_gap and st[1] == style)):
        return False  # a marked paragraph after a blank line may repeat the number by mistake
    if has_mark:
        # ``2) (C/NF)`` in a cable numbered ``1.``: a sub-item with a mark of its own
        return n <= prev + 10 and not (st[1] == ")" and style == ".")
    if st[1] != style:
        return False
    if marked:
        return n == prev + 1 and after_gap
    return n == prev + 1 or (after_gap and n <= prev + 3)


def _is_dash_line(s: str) -> bool:
    """A line of dashes (or ``=``/``_``), as underlines and boxes use: ``-----``, ``- - -``."""
    if s == "--" or s == "==":
        return True
    return (
        len(s) >= 3 and not s.strip(_DASH_CHARS) and s.count("-") + s.count("=") + s.count("_") >= 3
    )


# --------------------------------------------------------------------------
# headings


def _mark_headings(
    texts: list[str],
    kinds: bytearray,
    candidates: Sequence[int],
    starts: dict[int, Opening],
    *,
    numbered: bool,
) -> list[int]:
    """Turn candidate rows into headings; return the rows that became headings besides.

    A heading is a short line underlined with dashes, or boxed in them, or one
    standing alone between blank lines before a paragraph. A title glued to the
    end of a paragraph's last line is moved to the rule or blank row under it.
    """
    n = len(texts)
    moved: list[int] = []
    for k in candidates:
        kind = kinds[k]
        if k + 1 < n and (kind == _PARA or (kind == _TEXT and k and kinds[k - 1] in _IN_TEXT)):
            # the last line of a paragraph, a title glued to its end?
            after = kinds[k + 1]
            row = texts[k]
            if (after == _DASH or (after == _BLANK and numbered)) and _glued_title(texts, kinds, k):
                opening = starts.get(k)
                if opening is not None:  # the paragraph's first row: its text loses the title
                    rest = opening[3][: len(opening[3]) - len(row) + len(texts[k])].rstrip()
                    starts[k] = (opening[0], opening[1], opening[2], rest)
                moved.append(k + 1)
                continue
        if kind != _TEXT:
            if kind == _MARK and numbered and _marked_heading(texts, kinds, k):
                kinds[k] = _HEADING
            continue
        s = texts[k]
        if len(s) <= 9 and s[0] in "SsCc" and _end_marker_goes_on(texts, k):
            continue
        if s[-1] in "-=_" and _rule_on_the_line(texts, kinds, k):
            continue
        if len(s) > _MAX_UNDERLINED_HEADING:
            continue
        nxt = kinds[k + 1] if k + 1 < n else -1
        prev_kind = kinds[k - 1] if k > 0 else _BLANK
        if nxt == _DASH and prev_kind == _TEXT and _wrapped_heading(texts, kinds, k):
            continue
        if prev_kind not in (_BLANK, _DASH, _HEADING) and (
            nxt != _DASH or texts[k - 1][-1] not in _ITEM_BEFORE
        ):
            if (nxt == _PARA or (nxt == _BLANK and _next_content(kinds, k + 1) == _PARA)) and (
                _run_on_heading(texts[k - 1], s) or _marked_heading(texts, kinds, k)
            ):
                kinds[k] = _HEADING
            continue
        # The shape around the row first: it rules out most rows, the text test is dearer.
        if nxt == _DASH:
            redacted = s[0] in "Xx" and not s.strip("Xx ")
            if redacted and k + 2 < n and kinds[k + 2] == _TEXT:
                continue  # a redacted paragraph over the top rule of a boxed heading
            if _heading_text(s, underlined=True) is not None:
                kinds[k] = _HEADING
            continue
        if (
            prev_kind == _DASH
            and nxt == _TEXT
            and k + 2 < n
            and kinds[k + 2] == _DASH
            and _heading_text(texts[k + 1], underlined=True) is not None
        ):
            # A heading boxed in dashes over two lines.
            if _heading_text(s, underlined=True) is not None:
                kinds[k] = _HEADING
                kinds[k + 1] = _HEADING_MORE
            continue
        if nxt == _BLANK and _next_content(kinds, k + 1) == _DASH:
            # Underlined with a blank line between (a page marker taken out, or a box with
            # blank lines inside): a heading when the line could be one without the rule.
            if _heading_text(s) is not None:
                kinds[k] = _HEADING
            continue
        if nxt == _TEXT and numbered and _two_line_title(texts, kinds, k):
            continue
        if nxt not in (_BLANK, _PARA, _MARK):
            continue
        following = _next_content(kinds, k + 1)
        if following in (_PARA, _MARK) or (following == _DASH and prev_kind == _DASH):
            shaped = _looks_upper_heading(s) or len(s) <= 60 or _long_title(s)
            if shaped and _heading_text(s) is not None and not _marked_item(s):
                kinds[k] = _HEADING
        elif (
            not numbered
            and following == _TEXT
            and _looks_upper_heading(s)
            and len(s) <= 60
            and _heading_text(s) is not None
        ):
            kinds[k] = _HEADING
    return moved


def _marked_item(s: str) -> bool:
    """``2) (U) How many murals?``: a numbered item with a mark, not a title."""
    if not s[0].isdigit():
        return False
    opening = para_start(s)
    return opening is not None and opening[2] is not None


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _end_marker_goes_on(texts: Sequence[str], k: int) -> bool:
    """``... military in the region. End`` / blank line / ``Summary.``: the second half of
    an end marker, not a heading."""
    if texts[k].rstrip(".:)").upper() not in ("SUMMARY", "COMMENT"):
        return False
    j = k - 1
    while j >= 0 and not texts[j]:
        j -= 1
    return j >= 0 and (texts[j][-4:].upper() in (" END", "(END") or texts[j].upper() == "END")


def _glued_title(texts: list[str], kinds: bytearray, k: int) -> bool:
    """Move a title glued to the end of a paragraph's last line to the row under it (a
    rule or a blank row) as a heading; say whether it did. The title stands over a rule
    (``... in the coming months. Cautious Optimism on Recovery``), ends in one (``... End
    Summary. Afghanistan -----------``), or, with no rule, is a title of two words and
    more before the next paragraph (a rendering that lost the line break)."""
    s = texts[k]
    words = s.rstrip(_HEADING_RULE) if s[-1] in "-=_" else s
    ruled = words is not s or kinds[k + 1] == _DASH
    if not ruled and (s[-1] in ".,;:" or not s[s.rfind(" ") + 1 :].lstrip("\"“'(")[:1].isupper()):
        return False  # most paragraphs end in a full stop, and a title in a capitalised word
    if len(s) - len(words) and len(s) - len(words) < _RULE_MIN:
        return False
    offset = max(0, len(words) - _MAX_GLUED_TITLE - 4)  # the title is short: look at the end
    stops = list(_SENTENCE_END_RE.finditer(words, offset))
    if not stops:
        return False
    stop = stops[-1]
    before = words[: stop.start()].rsplit(None, 1)
    if not before or before[-1] in _TITLE_ABBREVIATIONS:
        return False  # ``... Director Dr. Muhammad Khafif``: no sentence ends at ``Dr.``
    cut = stop.end()
    head, title = words[:cut].rstrip(), words[cut:]
    if len(head) < _GLUED_HEAD or len(title) > _MAX_GLUED_TITLE:
        return False
    if len(title.split()) > _MARKED_HEADING_WORDS:
        return False
    if _next_content(kinds, k + 2) not in (_PARA, _MARK):
        return False
    if not _title_like(title) or _heading_text(title) is None:
        return False
    if not ruled and (len(title.split()) < 2 or title[-1] in ":-" or _has_digit(title)):
        return False  # with no rule, a title of two words and more, without figures, only
    texts[k], texts[k + 1] = head, title
    kinds[k + 1] = _HEADING
    return True


def _wrapped_heading(
    texts: Sequence[str], kinds: bytearray, k: int, last: str | None = None
) -> bool:
    """Mark an underlined heading wrapped over two or three lines (``MIDDLE EAST PEACE:`` /
    ``NOT AT THE EXPENSE`` / ``OF LEBANON`` over a rule) when ``k``, the row above the rule,
    ends a block of such lines standing after a blank line; say whether it did. ``last``
    is the words of row ``k`` when its rule is on the row itself."""
    j = k
    while j > 0 and kinds[j - 1] == _TEXT:
        j -= 1
        if k - j >= _HEADING_LINES:
            return False
    if j == k or (j > 0 and kinds[j - 1] not in (_BLANK, _DASH)):
        return False
    block = [*texts[j:k], texts[k] if last is None else last]
    if sum(map(len, block)) + len(block) > _MAX_UNDERLINED_HEADING:
        return False
    if any(_heading_text(row.rstrip(",")) is None for row in block[:-1]):
        return False
    if _heading_text(block[-1], underlined=True) is None:
        return False
    kinds[j] = _HEADING
    for i in range(j + 1, k + 1):
        kinds[i] = _HEADING_MORE
    return True


def _rule_on_the_line(texts: Sequence[str], kinds: bytearray, k: int) -> bool:
    """Mark a heading followed by its rule on the same line, before a paragraph, the rule
    perhaps broken by a space (``Widespread Drug Use Makes Matters Worse ------ -------``),
    the heading perhaps wrapped over the lines above; say whether it did."""
    s = texts[k]
    words = s.rstrip(_HEADING_RULE)
    if len(s) - len(words) < _RULE_MIN or not words or words[-1] in "-=_":
        return False
    if not words.strip("Xx "):
        return False  # a redaction run into a rule
    if _next_content(kinds, k + 1) not in (_PARA, _MARK):
        return False
    if k > 0 and kinds[k - 1] == _TEXT and texts[k - 1][-1] not in _ITEM_BEFORE:
        return _wrapped_heading(texts, kinds, k, last=words)
    if _heading_text(words, underlined=True) is None:
        return False
    kinds[k] = _HEADING
    return True


def _heading_text(s: str, *, underlined: bool = False) -> str | None:
    """The heading a short line would be, or None when it cannot be one (no letters, a
    sentence, an ``END ...`` marker, a redaction). An ``underlined`` line is held to
    less: see _MAX_UNDERLINED_HEADING."""
    if len(s) > (_MAX_UNDERLINED_HEADING if underlined else _MAX_HEADING) or not _has_letters(s):
        return None
    text = s.strip(_HEADING_RULE)
    if not text:
        return None
    if text.rstrip("\"”’'")[-1:] in (".", ",", ";") and not (
        _ends_in_abbreviation(text) or (underlined and " " in text)
    ):
        return None  # a sentence (``... the GoO."`` too), or a lone ``U.S.`` over a list
    opening = text.split(" ", 1)[0].upper() if text[0] in "EeBbXx" else ""
    if opening in _END_TOKENS and not (underlined and opening in ("BEGIN", "XXXXXXXXXXXX")):
        return None
    if (
        not underlined
        and text[0] in "Xx"
        and text.upper().startswith("XXXX")
        and set(text.upper()) <= {"X", " "}
    ):
        return None  # a redaction alone; underlined, it is a heading the release redacted
    return text


def _heading_words(s: str) -> str:
    """The words of a row already taken for a heading (it passed _heading_text), without
    a portion mark (``(U) Taliban/Haqqani Network``)."""
    if s[0] == "(":
        marked = mark_start(s)
        if marked is not None:
            s = marked[3]
    return s.strip(_HEADING_RULE)


def _marked_heading(texts: Sequence[str], kinds: bytearray, k: int) -> bool:
    """A short title with a portion mark, alone before a numbered paragraph, after the
    end of a sentence or a blank line: ``(U) Taliban/Haqqani Network``."""
    s = texts[k]
    if s[0] != "(" or (k > 0 and texts[k - 1] and texts[k - 1][-1] not in _ITEM_BEFORE):
        return False
    marked = mark_start(s)
    if marked is None:
        return False
    title = marked[3]
    if not title[0].isupper() or len(title) > 60 or len(title.split()) > _MARKED_HEADING_WORDS:
        return False
    nxt = kinds[k + 1] if k + 1 < len(kinds) else -1
    underlined = nxt == _DASH  # ``(C) KEY POINTS`` boxed in rules
    if not underlined and nxt != _PARA and (nxt != _BLANK or _next_content(kinds, k + 1) != _PARA):
        return False
    return title[-1] not in ":" and _heading_text(title, underlined=underlined) is not None


def _ends_in_abbreviation(text: str) -> bool:
    """Whether ``text`` of more than one word ends in ``...`` or a dotted abbreviation
    (``Implications for the U.S.``) rather than a full stop."""
    return text.endswith("...") or (" " in text and _ABBREVIATION_END_RE.search(text) is not None)


def _has_letters(s: str) -> bool:
    """Whether ``s`` has a cased letter; for ASCII text, without building two copies."""
    if s.isascii():
        return s.isupper() or s.islower() or s.upper() != s
    return s.upper() != s.lower()


def _run_on_heading(before: str, s: str) -> bool:
    """A heading typed with no blank line between it and the paragraph above: an
    upper-case line of a few words after a mixed-case line that ends a sentence,
    before a numbered paragraph."""
    return (
        len(s) <= 60
        and not s[0].isdigit()  # ``7. XXXXXXXX``: a paragraph whose opening was redacted
        and (before[-1] in _ITEM_BEFORE or before[-11:].upper() in ("END SUMMARY", "END COMMENT"))
        and (before.upper() != before or _END_MARKER_LINE_RE.match(before) is not None)
        and s[-1] not in ".,;"
        and (_looks_upper_heading(s) or (before[-1] == "." and _title_like(s)))
        and _heading_text(s) is not None
    )


def _two_line_title(texts: Sequence[str], kinds: bytearray, k: int) -> bool:
    """Mark a title wrapped over two lines, standing alone before a numbered paragraph
    (``Relations with the United States: Can Brazil Overcome Its`` / ``Inferiority
    Complex?``); say whether it did."""
    if k + 2 < len(kinds) and kinds[k + 2] not in (_BLANK, _PARA):
        return False
    if _next_content(kinds, k + 2) != _PARA:
        return False
    first, second = texts[k], texts[k + 1]
    if len(first) + len(second) > _MAX_UNDERLINED_HEADING:
        return False
    if not (_title_like(first) and _title_like(second)):
        return False
    if _heading_text(first) is None or _heading_text(second) is None:
        return False
    kinds[k] = _HEADING
    kinds[k + 1] = _HEADING_MORE
    return True


def _title_like(s: str) -> bool:
    """Title case: every word but the small ones (the, of, with, ...) opens with a capital,
    a digit or a sign (``Qureshi Briefs the Diplomatic Corps``); a bracketed note
    (``(SIMAS Event: ...)``) and a Classified By line are none."""
    words = s.split()
    if not words or not (s[0].isupper() or s[0].isdigit() or s[0] in "\"“'/"):
        return False
    if words[-1] in GOES_ON_WORDS or _CLASSIFIED_BY_RE.match(s) is not None:
        return False
    return all(not w[0].islower() or w in GOES_ON_WORDS for w in words)


def _long_title(s: str) -> bool:
    """A mixed-case line too long for a heading by its length alone that reads as a
    title: capitalised, no sentence break, not the end of a quotation, not a
    classification or declassification line."""
    return s[0].isupper() and ". " not in s and s[-1] not in "\"”'" and "lassif" not in s


def _looks_upper_heading(s: str) -> bool:
    """An upper-case heading candidate: no lower-case letters, a few words at most."""
    return s.upper() == s and len(s) <= 70 and len(s.split()) <= 12


def _next_content(kinds: bytearray, k: int) -> int:
    """The kind of the next non-blank row at or after ``k`` (-1 at the end)."""
    for j in range(k, len(kinds)):
        if kinds[j] != _BLANK:
            return kinds[j]
    return -1


# --------------------------------------------------------------------------
# assembling the paragraphs

# A paragraph being read: number, mark, heading, line, first row, text of the first row.
_Open = tuple[int | None, str | None, str | None, int, int, str]


def _paragraphs(texts: list[str], lines: Sequence[int], first_line: int) -> tuple[Paragraph, ...]:
    """Assemble paragraphs from the rows after the front matter (row ``k`` is line ``lines[k]``).

    A first pass labels the rows; paragraphs are then cut at the rows that open
    one (numbered or marked openings, headings, and in an unnumbered cable any
    text after a blank line), and each paragraph's lines are joined at once.
    """
    kinds, starts, events, numbered = _classify(texts)
    events.extend(_mark_headings(texts, kinds, events, starts, numbered=numbered))
    events.sort()
    out: list[Paragraph] = []
    heading: str | None = None
    closes: str | None = None  # a Summary or Comment section ends at its End Summary/Comment
    cur: _Open | None = None
    for k in events:
        kind = kinds[k]
        if (kind == _TEXT and cur is not None and numbered) or kind == _HEADING_MORE:
            continue
        start = None
        if kind in (_PARA, _MARK):
            start = starts.get(k)
            if start is None:
                continue
        if (
            _finish(out, cur, texts, k, lines, first_line)
            and closes
            and _section_closed(out, closes)
        ):
            heading = None
            closes = None
        if kind == _TEXT:
            cur = (None, None, heading, first_line + lines[k], k, texts[k])
        elif kind == _HEADING:
            cur = None
            heading = _heading_words(texts[k])
            more = k + 1
            while more < len(kinds) and kinds[more] == _HEADING_MORE:
                heading = f"{heading} {_heading_words(texts[more])}"
                more += 1
            closes = _closing_word(heading)
        elif start is not None:
            first = start[3]
            if kind == _PARA and k + 1 < len(kinds) and kinds[k + 1] == _DASH:
                titled = _title_on_the_number(first)
                if titled is not None:  # ``2. (S) The Regime Is Tanking`` over a rule
                    heading, first = titled, ""
                    closes = _closing_word(heading)
            cur = (start[0], start[2], heading, first_line + lines[k], k, first)
    _finish(out, cur, texts, len(texts), lines, first_line)
    return tuple(out)


def _title_on_the_number(text: str) -> str | None:
    """The heading a numbered paragraph's underlined first line carries, when that line is
    a title (no sentence, no release note such as ``[Content removed]``)."""
    if not text or text[0] == "[":
        return None
    return _heading_text(text)


def _closing_word(heading: str | None) -> str | None:
    """``summary`` or ``comment`` when a heading opens a section that its ``End Summary``
    or ``End Comment`` closes (``SUMMARY``, ``COMMENT``, ``EMBASSY COMMENT``)."""
    if heading is None:
        return None
    upper = heading.upper()
    if upper.startswith("SUMMARY"):
        return "summary"
    words = upper.replace(":", " ").split()
    if words and words[-1] in ("COMMENT", "COMMENTS") and len(words) <= 3:
        return "comment"
    return None


def _section_closed(out: Sequence[Paragraph], word: str) -> bool:
    """Whether the last paragraph ends the section its heading opened (``End Comment``)."""
    return end_marker(out[-1].text, word) is not None


def _finish(
    out: list[Paragraph],
    cur: _Open | None,
    texts: list[str],
    end: int,
    lines: Sequence[int],
    first_line: int,
) -> bool:
    """Add the paragraph ``cur`` (opened at row ``cur[4]``, ending before ``end``) to ``out``."""
    if cur is None:
        return False
    number, mark, heading, line, row, first = cur
    text = _join_rows(first, texts, row + 1, end)
    while number is not None and number < _MAX_NUMBER and _OPENINGS[number + 1] in text:
        # ``... the country. 11. (U) This message was drafted``: the next paragraph's
        # opening typed on the same line as the end of this one.
        run_on = _run_on_opening(text, number + 1)
        if run_on is None:
            break
        at, rest, next_mark = run_on
        out.append(Paragraph(number, text[:at], mark, heading, line))
        opening = _OPENINGS[number + 1]
        for r in range(row, end):
            if opening in texts[r]:
                row, line = r, first_line + lines[r]
                break
        number, mark, text = number + 1, next_mark, rest
    if text[-5:] == "-----":  # ``END SUMMARY ------``: the top rule of the box below
        text = text.rstrip(" -")
    if text or number is not None:
        out.append(Paragraph(number, text, mark, heading, line))
        return True
    return False


def _run_on_opening(text: str, number: int) -> tuple[int, str, str] | None:
    """Where paragraph ``number`` opens after a sentence's end in the text of the one
    before (``... country. 11. (U) This``): the end of that text, the rest, the mark."""
    for m in _RUN_ON_RE.finditer(text):
        if int(m.group(1)) != number:
            continue
        mark = normalize_portion_mark(m.group(2))
        if mark is not None:
            return m.start(1) - 1, text[m.end() :], mark
    return None


def _join_rows(first: str, texts: list[str], lo: int, hi: int) -> str:
    """A paragraph's text: ``first`` and the rows ``texts[lo:hi]`` after it, as one string.

    Wrapped lines are joined with a space and words hyphenated across lines
    mended; sub-items (``A.``, ``--``) and blocks after a blank line (``""``)
    stay on lines of their own, and runs of spaces are squeezed. Blank rows at
    either end are dropped first, so most paragraphs need no blank-line
    handling at all.
    """
    while hi > lo and not texts[hi - 1]:
        hi -= 1
    if not first:
        while lo < hi and not texts[lo]:
            lo += 1
        if lo == hi:
            return ""
        first = texts[lo]
        lo += 1
    if lo == hi:
        return _squeeze(first)
    rows = texts[lo - 1 : hi]  # one join, with the first row's text in its place
    rows[0] = first
    joined = "\n".join(rows)
    if "-" in joined and "-\n" in joined:
        joined = _HYPHEN_WRAP_RE.sub("-", joined)
    if "" in rows:
        joined = _GAP_LOWER_RE.sub(" ", joined)
        if "nd\n\n" in joined or "ND\n\n" in joined:
            joined = _END_GAP_RE.sub(" ", joined)
        joined = _GAP_BEFORE_CAPITAL_RE.sub(_join_after_word, joined)
        joined = _GAP_RE.sub("\x00", joined)
    if "\n." in joined:  # a full stop alone on a line ends the line before
        joined = _LONE_STOP_RE.sub(_lone_stop, joined)
    joined = _ITEM_BREAK_RE.sub("\x00", joined)
    if joined.count("\n-- ") > 1:  # a list of dashed items: each on its own line
        joined = _DASHED_ITEM_RE.sub("\x00", joined)
    joined = joined.replace("\n", " ")
    if "\x00" in joined:
        joined = joined.replace("\x00", "\n")
    return _squeeze(joined)


def _lone_stop(m: re.Match[str]) -> str:
    """A full stop alone on its line: the stop of the line before, unless it has one."""
    return "" if m.string[m.start() - 1 : m.start()] in ".?!" else "."


def _join_after_word(m: re.Match[str]) -> str:
    """A space for the blank lines ``m`` when the word before them cannot end a sentence."""
    start = m.start()
    before = m.string[max(0, start - _LONGEST_GOES_ON - 1) : start].rsplit(None, 1)
    return " " if before and before[-1] in GOES_ON_WORDS else m.group()


def _squeeze(text: str) -> str:
    """Collapse runs of spaces inside lines, keep the newlines between them."""
    if "\t" in text:
        text = text.replace("\t", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text.strip()
