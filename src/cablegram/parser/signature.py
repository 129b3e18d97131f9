"""The signature at the end of the body: the surname(s) of who signed the cable.

The signature is the last name line, or consecutive lines for a cable with
two signers, after which only ``BT``, ``NNNN``, serials, footers, website
blurbs and archive stamps follow; or a name at the end of the last text line
after a full stop, ``END COMMENT`` or a URL (``... has cleared this
cable. HALLAM``).

It is found by walking back from the last row, never by scanning the body:
the signature lives at the end, and a cable may be long. :func:`find_signature`
also says where the signature (and the website blurb before it) starts, so
that the paragraph reader can stop there; the cleaner
(:func:`~cablegram.parser.body.clean_lines`) calls it once and keeps the
answer on the :class:`~cablegram.parser.body.CleanBody` it returns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the cleaner finds the signature, so it imports this module
    from cablegram.parser.body import CleanBody

_TRAILER_ROWS = 8  # an archive trailer stands in the last rows
_NAME_UPPER_RE = re.compile(r"[A-Z][A-Z'’\-]*[A-Z]|[A-Z]")
_NAME_MIXED_RE = re.compile(r"(?:[A-Z][a-z'’]*){1,3}(?:-[A-Z][a-z]+)?|[A-Z]'[A-Z][a-z]+")
_PARTICLES = frozenset({"van", "von", "de", "da", "del", "della", "der", "den", "du", "la", "le"})
_SUFFIX_WORDS = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NOT_NAMES = frozenset(
    {
        "END", "BEGIN", "SUMMARY", "COMMENT", "COMMENTS", "TEXT", "NOTE", "SIPDIS", "NNNN", "BT",
        "UNCLAS", "UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "NOFORN", "LIMDIS", "EXDIS", "NODIS",
        "STADIS", "SENSITIVE", "QUOTE", "UNQUOTE", "ENDQUOTE", "MINIMIZE", "CONSIDERED", "REPEAT",
        "TAGS", "SUBJECT", "FOUO", "PAGE", "SECTION", "ACTION", "INFO", "FOR", "OF", "THE", "AND",
        "TO", "IN", "ON", "AT", "BY", "A", "AN", "OR", "IS", "NO", "NOT", "PARA", "PARAGRAPH",
        "REFTEL", "REF", "OK", "THANKS", "REGARDS", "EMBASSY", "CONSULATE", "MISSION", "POST",
        "DEPARTMENT", "STATE", "USG", "US", "USA", "UN", "EU", "NATO", "CABLE", "MESSAGE",
        "CLASSIFIED", "DECL", "DECLASSIFIED", "PASS", "DRAFTED", "CLEARED", "APPROVED", "ALSO",
        "BACKGROUND", "UPDATE", "CONCLUSION", "SIGNATURE", "FYI", "BEST", "SINCERELY", "PART",
    }
)  # fmt: skip
# Words that may stand before the name on the signature line: ``MINIMIZE CONSIDERED HALLAM``,
# ``END COMMENT HALLAM``, ``MWANZA UNQUOTE MWANZA``.
_LEAD_WORDS = frozenset(
    {"MINIMIZE", "CONSIDERED", "END", "TEXT", "COMMENT", "UNQUOTE", "ENDQUOTE", "QUOTE"}
)
_PUNCT_BEFORE_NAME = '.!?)"”’:;*'
_TRAILING_NAME_RE = re.compile(
    r"(?P<pre>.*?)\s*(?P<name>[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2})"
    r"(?:\s+\d{4}-\d{2}-\d{2})?\s*\.?$"
)
_PAGE_MARK_TAIL_RE = re.compile(
    r"\s[A-Za-z][A-Za-z '-]{0,30}\s0\d{3,9}\s+\d{1,3}(?:\.\d)?\s+OF\s+\d{1,3}$", re.IGNORECASE
)
_DATE_SUFFIX_RE = re.compile(r"\s+\d{4}-\d{2}-\d{2}$")
_END_BEFORE_RE = re.compile(r"\bEND\b[\w ]{0,20}$", re.IGNORECASE)
_ABBREV_END_RE = re.compile(r"(?:\b[A-Z]\.){1,3}$")

_ALNUM_RE = re.compile(r"[^\W_]")
# Lines that follow the signature in some copies: website blurbs, a newspaper's
# print trailer, archive stamps, database residue.
_TAIL_JUNK_RE = re.compile(
    r"(?:\"?(?:Please\s+)?visit\b|You can also access|Track\b|ID:\s*\d|SELECT\s|"
    r"Declassified/Released|Systematic Review|End Cable Text|End text of cable|EPET\b)",
    re.IGNORECASE,
)
_MAX_SIGNERS = 3
# How much of a long last line is searched for a trailing signature.
_TAIL_WINDOW = 160
_BLURB_START_RE = re.compile(
    r"(?:\(U\)\s*)?[\"“]?(?:Please\s+)?visit\b.{0,40}\b(?:web\s?site|site|page|portal)"
    r"|You can also access|\*{5,}",
    re.IGNORECASE,
)


@dataclass(slots=True, frozen=True)
class Signature:
    """The signers, and where the signature starts among the rows it was read from.

    ``cut_row`` is the first row that is not text (the signature, or the
    website blurb before it); when the signature ends the last text line,
    ``cut_col`` is where it starts on row ``cut_row``, and the text before it
    still belongs to the last paragraph.
    """

    signers: tuple[str, ...]
    cut_row: int
    cut_col: int | None = None


def extract_signers(body: CleanBody) -> tuple[str, ...]:
    """The signature surname(s) at the end of the body, as written (``HALLAM``, ``VAN DER BERG``).

    Headings, ``END SUMMARY``, banners, caveats and redactions
    (``XXXXXXXXXXXX``) are not names. The body has no signature when it ends in
    text.
    """
    return body.signature.signers


def find_signature(clean: Sequence[str]) -> Signature:
    """Find the signature by walking back from the last row (or from above an ``End Cable
    Text`` line: what follows it is an archive's trailer, ``... From DB/Inbox: TRANS``)."""
    k = len(clean) - 1
    for j in range(k, max(-1, k - _TRAILER_ROWS), -1):
        if clean[j][:14].upper() == "END CABLE TEXT":
            k = j - 1
            break
    while k >= 0:
        s = clean[k]
        if not s:
            k -= 1
            continue
        blurb = _is_blurb(s)
        if blurb and _trailing_name(s) is not None:
            break
        if blurb or _is_tail_junk(s):
            k -= 1
            continue
        break
    if k < 0:
        return Signature((), len(clean))
    names: list[str] = []
    start = k + 1
    while k >= 0 and len(names) < _MAX_SIGNERS:
        s = clean[k]
        if not s:
            break
        found = _name_line(s)
        if found is None and not names and _lone_lower(s, clean, k):
            found = [s]
        if found is not None and not _signer_fits(s, names, clean, k):
            found = None
        if found is None:
            if _lower_echo(s, clean, k):
                k -= 1
                continue
            break
        names[:0] = found
        start = k
        k -= 1
    if names:
        return Signature(_dedupe(names), _blurb_start(clean, start), None)
    s = clean[start - 1]
    trailing = _trailing_name(s)
    if trailing is not None:
        if _BLURB_START_RE.match(s) is not None:
            return Signature((trailing[0],), _blurb_start(clean, start - 1), None)
        return Signature((trailing[0],), _blurb_start(clean, start - 1), trailing[1])
    return Signature((), _blurb_start(clean, len(clean)))


def _blurb_start(clean: Sequence[str], row: int) -> int:
    """Where the post's website blurb before the signature starts (or ``row`` if none).

    ``Visit Lusaka's Classified Website: http://...`` is boilerplate, not the
    last paragraph's text.
    """
    k = row - 1
    found = row
    while k >= 0 and row - k <= 8:
        s = clean[k]
        if _BLURB_START_RE.match(s) is not None:
            found = k
        elif s and _has_alnum(s) and not _has_url(s):
            break
        k -= 1
    return found


def _has_url(s: str) -> bool:
    """Whether a line holds a web address or a piece of one (``index.c fm``, ``Portal:``)."""
    return "http" in s or "www." in s or ".gov" in s or "cfm" in s or "Portal:" in s


def _has_alnum(s: str) -> bool:
    """Whether a line holds any letter or digit (most lines start with one)."""
    return s[:1].isalnum() or _ALNUM_RE.search(s) is not None


def _is_tail_junk(s: str) -> bool:
    """What may follow a signature: blanks, dots, ``>``, stamps, a print trailer."""
    if not s or not _has_alnum(s):
        return True
    if s.endswith(("...", "…")) or "@" in s:
        return True
    return _TAIL_JUNK_RE.match(s) is not None


def _is_blurb(s: str) -> bool:
    """A line of the post's website blurb (``Visit Lusaka's Classified Website: http...``)."""
    return _has_url(s) or _TAIL_JUNK_RE.match(s) is not None


def _name_line(s: str) -> list[str] | None:
    """The name(s) a line holds when it is nothing but a name, else None."""
    if len(s) > 50:
        return None
    text = (_DATE_SUFFIX_RE.sub("", s) if s[-1:].isdecimal() else s).rstrip(" .")
    tokens = text.split()
    while tokens and tokens[0].upper() in _LEAD_WORDS:
        tokens = tokens[1:]
    if "UNQUOTE" in tokens:
        cut = tokens.index("UNQUOTE")
        tokens = tokens[cut + 1 :] or tokens[:cut]
    if not tokens or len(tokens) > 6:
        return None
    half = len(tokens) // 2
    if len(tokens) % 2 == 0 and [t.casefold() for t in tokens[:half]] == [
        t.casefold() for t in tokens[half:]
    ]:
        tokens = tokens[:half]
    if len(tokens) > 3:
        return None
    return [" ".join(tokens)] if _name_tokens(tokens) else None


def _name_tokens(tokens: Sequence[str]) -> bool:
    """Whether tokens make a surname: ``HALLAM``, ``VAN DER BERG``, ``LeMarchand``, ``Ray jr``."""
    core = [t for t in tokens if t.lower() not in _SUFFIX_WORDS]
    if not core:
        return False
    upper = all(t.isupper() for t in core if t.lower() not in _PARTICLES)
    for tok in core:
        if tok.upper() in _NOT_NAMES or set(tok.upper()) <= {"X"}:
            return False
        if upper:
            if _NAME_UPPER_RE.fullmatch(tok) is None and tok.lower() not in _PARTICLES:
                return False
        elif tok not in _PARTICLES and _NAME_MIXED_RE.fullmatch(tok) is None:
            return False
    return not (len(core) == 1 and len(core[0]) < 2)


def _closes(clean: Sequence[str], k: int) -> bool:
    """Whether the row before ``k`` ends a sentence, so that row ``k`` can start a signature."""
    if k == 0:
        return True
    prev = clean[k - 1]
    return (
        not prev
        or prev[-1] in _PUNCT_BEFORE_NAME
        or prev[-1] == ","
        or not _has_alnum(prev)
        or _END_BEFORE_RE.search(prev[-40:]) is not None
        or _is_blurb(prev)
        or (prev.isupper() and all(w in _LEAD_WORDS for w in prev.split()))
    )


def _signer_fits(s: str, later: Sequence[str], clean: Sequence[str], k: int) -> bool:
    """Whether a name line at row ``k`` is a signer, given the signers found below it.

    The last signer may follow a sentence that lost its full stop; a name line
    ending in a full stop, and any earlier (second) signer, must follow a
    finished sentence, and a second signer is written like the first.
    """
    if not later:
        return not s.endswith(".") or _closes(clean, k)
    if s.endswith(".") or s.isupper() != later[0].isupper():
        return False
    return _closes(clean, k)


def _lone_lower(s: str, clean: Sequence[str], k: int) -> bool:
    """A lower-case surname alone on the last line after a finished sentence (``hallam``)."""
    if not s.isalpha() or not s.islower() or len(s) < 3 or s.upper() in _NOT_NAMES:
        return False
    j = k - 1
    while j >= 0 and not clean[j]:
        j -= 1
    if j < 0:
        return False
    prev = clean[j]
    return (
        prev[-1] in _PUNCT_BEFORE_NAME
        or not _has_alnum(prev)
        or _END_BEFORE_RE.search(prev[-40:]) is not None
        or _is_blurb(prev)
    )


def _lower_echo(s: str, clean: Sequence[str], k: int) -> bool:
    """A lower-case repeat of the signature line above it (``Hallam`` / ``hallam``)."""
    if not s.islower() or " " in s.strip() or k == 0:
        return False
    return clean[k - 1].casefold() == s.casefold()


def _trailing_name(line: str) -> tuple[str, int] | None:
    """A signature at the end of the last text line, and where it starts."""
    base = max(0, len(line) - _TAIL_WINDOW)
    if base:
        found = _trailing_name(line[base:])
        return None if found is None else (found[0], found[1] + base)
    s = line
    # The name (three words at most), a date and a full stop are the last five
    # words: the pattern starts there, not at each position of the line.
    words = s.rsplit(None, 5)
    m = _TRAILING_NAME_RE.match(s, s.find(words[1], len(words[0])) if len(words) == 6 else 0)
    if m is None:
        return None
    pre = s[: m.start("name")].rstrip()
    name = m.group("name")
    tokens = name.split()
    if not name.isupper():
        upper_tail = len(tokens)
        while upper_tail > 0 and tokens[upper_tail - 1].isupper():
            upper_tail -= 1
        if upper_tail < len(tokens):
            tokens = tokens[upper_tail:]
    while tokens and tokens[0].upper() in _LEAD_WORDS and pre:
        tokens = tokens[1:]
    if not tokens or not pre:
        return None
    start = m.end("name") - len(" ".join(tokens))
    name = s[start : m.end("name")]
    if not _name_tokens(tokens):
        return None
    upper = name.isupper()
    if not upper and len(tokens) > 1:
        return None
    pre = s[:start].rstrip()
    if pre[-1:].isdecimal():
        page = _PAGE_MARK_TAIL_RE.search(pre)
        if page is not None:
            pre = pre[: page.start()].rstrip()
    if not pre:
        return None
    if (
        pre[-1] not in _PUNCT_BEFORE_NAME
        and not _END_BEFORE_RE.search(pre[-40:])
        and not _has_url(pre)
    ):
        return None
    if not upper and _ABBREV_END_RE.search(pre) is not None:
        return None
    if pre.isupper() and len(tokens) > 1 and not _END_BEFORE_RE.search(pre[-40:]):
        return None
    return name, start


def _dedupe(names: Sequence[str]) -> tuple[str, ...]:
    """Names in order, case-insensitively without repeats."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return tuple(out)
