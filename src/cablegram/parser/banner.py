"""The front matter: classification banner, caveats, E.O. line, TAGS and SUBJECT.

The banner is the first body line: spaced classification, optional section,
origin and serial (``C O N F I D E N T I A L SECTION 01 OF 02 MUSCAT 000154``).
Real banners are damaged in every way a typist or a converter can damage them:
doubled or lost first letters (``SS E C R E T``, ``E C R E T``), the letters run
together (``C ONFIDENTIAL``), sentence case (``S e c r e t state 068250``). The
classification is matched on its letters with the first letter allowed to be
doubled, merged or lost.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from cablegram.model import Diagnostic, Section
from cablegram.parser.body import is_page_marker
from cablegram.parser.dates import parse_date, parse_dateline
from cablegram.parser.openings import mark_start
from cablegram.tables.tags import split_tags

# Letters of each marking, longest first so that TOPSECRET wins over SECRET.
_MARKINGS = (
    ("TOPSECRET", "TOP SECRET"),
    ("LIMITEDOFFICIALUSE", "LIMITED OFFICIAL USE"),
    ("UNCLASSIFIED", "UNCLASSIFIED"),
    ("CONFIDENTIAL", "CONFIDENTIAL"),
    ("UNCLAS", "UNCLASSIFIED"),
    ("SECRET", "SECRET"),
)
# First letters a damaged marking can start with: its own, a doubled one, or
# the second letter when the first is lost (E C R E T, O N F I D, N C L A S).
_BANNER_INITIALS = frozenset("SCUTLEONIP")
_WEEKDAY_INITIALS = frozenset("MTWFS")
RANKS = {
    "UNCLASSIFIED": 0,
    "LIMITED OFFICIAL USE": 1,
    "CONFIDENTIAL": 2,
    "SECRET": 3,
    "TOP SECRET": 4,
}

CAVEAT_WORDS = frozenset(
    {
        "SIPDIS",
        "NOFORN",
        "EXDIS",
        "NODIS",
        "LIMDIS",
        "STADIS",
        "SPECAT",
        "ORCON",
        "PROPIN",
        "NOCONTRACT",
        "ROGER",
        "CHEROKEE",
        "SENSITIVE",
        "SBU",
        "FOUO",
        "EFTO",
        "NOFORN/SIPDIS",
        "WNINTEL",
        "DISSENT",
        "NOINTERNET",
        "NODISTRIBUTION",
    }
)
_SBU_WORDS = frozenset({"SENSITIVE", "SBU", "FOUO", "EFTO"})
# First letters of caveat lines: the words above and the phrases below.
_CAVEAT_INITIALS = frozenset(word[0] for word in CAVEAT_WORDS) | frozenset("FN")

_SECTION_RE = re.compile(r"\bSECTION\s*(\d{1,3})\s*OF\s*(\d{1,3})\b")
_SERIAL_RE = re.compile(r"^0*(\d{1,7})[.,;:]*$")
_WORD_RE = re.compile(r"^[A-Z][A-Z'.&-]*$")
_EO_RE = re.compile(
    r"^\s*E\s*[.,]?\s*[O0]\s*[.,]?\s*:?\s*(\d{5})\b[\s:;,.]*(?:AS\s+AMENDED[\s:;,.]*)?(.*)$",
    re.IGNORECASE,
)
_TAGS_RE = re.compile(r"^\s*(?:TAGS?|TAGE|TGS|TAS|TAFS)\s*[:;.]?\s+(.*)$", re.IGNORECASE)
_TAGS_BARE_RE = re.compile(r"^\s*(?:TAGS?|TAGE|TGS)\s*:\s*(.*)$", re.IGNORECASE)
_SUBJECT_RE = re.compile(
    r"^\s*(?:SUBJECT|SUBJ|SUBJET|SUBECT|SUJECT)\s*[:.-]?\s+(.*)$", re.IGNORECASE
)
_SUBJECT_COLON_RE = re.compile(r"^\s*(?:SUBJECT|SUBJ)\s*:\s*(.*)$", re.IGNORECASE)
_PARAGRAPH_RE = re.compile(r"^\s*(?:\(\d{1,2}\)|\d{1,2}\s*[.)])\s+\S")
_STOP_LABEL_RE = re.compile(
    r"^\s*(?:REF(?:S|TEL|TELS|ERENCE|ERENCES)?\b|CLASSIFIED\s+BY|CLASSIFIED\s*:|"
    r"DERIVED\s+FROM|E\s*\.?\s*O\s*\.?\s*\d|TAGS?\b|SUBJ|SUMMARY|BEGIN\s+SUMMARY|"
    r"\(?[A-Z]{1,3}(?:/[A-Z]{1,3})?\)\s|\d{1,2}\s*[.)]\s|\(\d{1,2}\)|PAGE\s+\d|SIPDIS\b|"
    r"-{3,}|={3,})",
    re.IGNORECASE,
)
_FRONT_MATTER_LIMIT = 60
# Labels that converters and press editors run into the line before them:
# "DEPARTMENT FOR WHA E.O. 12958: DECL: 03/26/2018 TAGS: PREL BR".
_EMBEDDED_LABEL_RE = re.compile(
    r"(?<=\S)\s+(?=(?:E\.\s?O\.\s?\d{5}|EO\s\d{5}\b|TAGS?\s*:\s*[A-Za-z]|SUBJ(?:ECT)?\s*:\s|"
    r"REF(?:S|TEL|TELS)?\s*:\s|CLASSIFIED\s+BY\b))",
    re.IGNORECASE,
)
# The two patterns above for a whole text rather than one line: a blank is any
# white space but a line break. The second leaves out the look back at the word
# before the blanks and opens with a single blank, so that the search can skip
# from blank to blank.
_PARAGRAPH_LINE_RE = re.compile(
    r"^[^\S\n]*(?:\(\d{1,2}\)|\d{1,2}[^\S\n]*[.)])[^\S\n]+\S", re.MULTILINE
)
_LABEL_AHEAD = (
    r"(?=(?i:E\.[^\S\n]?O\.[^\S\n]?\d{5}|EO[^\S\n]\d{5}\b|"
    r"TAGS?[^\S\n]*:[^\S\n]*[A-Za-z]|SUBJ(?:ECT)?[^\S\n]*:[^\S\n]|"
    r"REF(?:S|TEL|TELS)?[^\S\n]*:[^\S\n]|CLASSIFIED[^\S\n]+BY\b))"
)
_BLANKS_BEFORE_LABEL_RE = re.compile(r"[^\S\n][^\S\n]*" + _LABEL_AHEAD)
# The same where every blank is a space: a literal first character is found faster.
_SPACES_BEFORE_LABEL_RE = re.compile(r" [^\S\n]*" + _LABEL_AHEAD)
# White space other than a space or a line break, in an ASCII text.
_OTHER_ASCII_BLANKS = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_PHRASES = (
    ("SENSITIVE BUT UNCLASSIFIED", "SBU"),
    ("FOR OFFICIAL USE ONLY", "FOUO"),
    ("NOT FOR INTERNET DISTRIBUTION", "NOINTERNET"),
    ("NOT FOR DISTRIBUTION", "NODISTRIBUTION"),
)

# A line of nothing but caveat words and phrases between blanks, slashes and
# punctuation: every line that _caveat_line's first rule accepts matches it.
_CAVEATS_ONLY_RE = re.compile(
    r"[\s/.,;:-]*(?:(?:{})[\s/.,;:-]*)+".format(
        "|".join(
            sorted(
                [word for word in CAVEAT_WORDS if "/" not in word]
                + [phrase for phrase, _ in _PHRASES],
                key=lambda alternative: (-len(alternative), alternative),
            )
        )
    )
)


@dataclass(slots=True)
class FrontMatter:
    """What the banner and the lines under it say."""

    dateline: dt.datetime | None = None
    banner_line: int | None = None
    marking: str | None = None  # UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET, ...
    classification: str | None = None  # as release metadata writes it
    caveats: list[str] = field(default_factory=list)
    section: Section | None = None
    origin_words: str | None = None
    serial: int | None = None
    executive_order: str | None = None
    declassification: str | None = None
    declassify_on: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    tags_line: int | None = None
    subject: str | None = None
    subject_mark: str | None = None
    subject_line: int | None = None
    end: int = 0  # index of the first line after the front matter
    diagnostics: list[Diagnostic] = field(default_factory=list)


def _marking_pattern() -> re.Pattern[str]:
    """Every marking's letters, and the same without its first letter, longest first,
    after one optional stray letter: a doubled (SSECRET), merged (CSECRET) or lost
    (ECRET) first letter all match."""
    cores: dict[str, str] = {}
    for key, marking in _MARKINGS:
        cores.setdefault(key, marking)
        cores.setdefault(key[1:], marking)
    alternatives = "|".join(sorted(cores, key=len, reverse=True))
    return re.compile(rf"[A-Z]?({alternatives})")


_MARKING_RE = _marking_pattern()
_CORE_MARKINGS = {key[skip:]: marking for key, marking in _MARKINGS for skip in (0, 1)}


def classify_letters(letters: str) -> tuple[str, str] | None:
    """Match the letters of a marking, tolerating a doubled, merged or lost first letter.

    Returns the marking and the letters left over (``SECRETNOFORN`` -> SECRET, NOFORN).
    """
    m = _MARKING_RE.match(letters)
    if m is None:
        return None
    return _CORE_MARKINGS[m.group(1)], letters[m.end() :]


@dataclass(slots=True)
class Banner:
    marking: str
    modifiers: list[str]
    section: Section | None
    origin_words: str | None
    serial: int | None


def parse_banner(line: str) -> Banner | None:
    """Read a classification banner line; None when the line is not one."""
    upper = line.upper().replace("//", " ").replace("/", " ").strip()
    if not upper or upper[0] not in _BANNER_INITIALS:
        return None
    tokens = upper.split()
    best: tuple[str, str, int] | None = None
    letters = ""
    count = min(len(tokens), 14)
    for i in range(count):
        tok = tokens[i]
        if not tok.isalpha() or len(letters) > 24:
            break
        if len(tok) > 1 and best is not None:
            break  # a word after the marking: the origin
        letters += tok
        if len(letters) < 5 or (i + 1 < count and len(tokens[i + 1]) == 1 and len(tok) == 1):
            continue  # inside a run of spaced letters: wait for its end
        matched = classify_letters(letters)
        if matched is not None and (not matched[1] or matched[1] in CAVEAT_WORDS):
            best = (matched[0], matched[1], i + 1)
    if best is None:
        return None
    marking, leftover, i = best
    modifiers: list[str] = [leftover] if leftover else []
    rest = tokens[i:]
    # spaced modifiers: E F T O, N O F O R N
    j = 0
    spaced = ""
    while j < len(rest) and len(rest[j]) == 1 and rest[j].isalpha():
        spaced += rest[j]
        j += 1
    if spaced in CAVEAT_WORDS:
        modifiers.append(spaced)
        rest = rest[j:]
    text = " ".join(rest)
    section: Section | None = None
    m = _SECTION_RE.search(text)
    if m:
        section = Section(number=int(m.group(1)), total=int(m.group(2)))
        text = (text[: m.start()] + " " + text[m.end() :]).strip()
    words: list[str] = []
    serial: int | None = None
    for tok in text.split():
        word = tok.strip(",;:")
        if word in CAVEAT_WORDS or word in ("FOR", "OFFICIAL", "USE", "ONLY"):
            modifiers.append(word)
            continue
        sm = _SERIAL_RE.match(tok)
        if sm and words:
            serial = int(sm.group(1))
            break
        if sm and not words:
            continue
        if _WORD_RE.match(word):
            words.append(word)
        else:
            break
    if words and serial is None:
        # "UNCLAS FOR ALL POSTS": words but no serial -- not an origin
        words = []
    if "OFFICIAL" in modifiers and "USE" in modifiers:
        modifiers = [w for w in modifiers if w not in ("FOR", "OFFICIAL", "USE", "ONLY")]
        modifiers.append("FOUO")
    else:
        modifiers = [w for w in modifiers if w not in ("FOR", "OFFICIAL", "USE", "ONLY")]
    origin = " ".join(words) if words else None
    return Banner(marking, modifiers, section, origin, serial)


def release_classification(marking: str, caveats: Sequence[str]) -> str:
    """The classification as release metadata writes it.

    ``SECRET`` with NOFORN -> ``SECRET//NOFORN``; ``UNCLAS`` with SENSITIVE, SBU or
    FOUO -> ``UNCLASSIFIED//FOR OFFICIAL USE ONLY``.
    """
    if marking == "UNCLASSIFIED" and any(
        c in _SBU_WORDS or c.endswith(" SENSITIVE") for c in caveats
    ):
        return "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
    if "NOFORN" in caveats and marking != "UNCLASSIFIED":
        return f"{marking}//NOFORN"
    return marking


def _caveat_line(line: str) -> list[str] | None:
    """The caveats of a line that holds nothing else (``NOFORN``, ``SIPDIS``, ``EXDIS``)."""
    upper = line.upper()
    if _CAVEATS_ONLY_RE.fullmatch(upper) is None and "SENSITIVE" not in upper:
        return None  # neither caveats alone nor an agency's own marking
    for phrase, word in _PHRASES:
        upper = upper.replace(phrase, word)
    words = [w.strip(" .,;:/-") for w in upper.replace("/", " ").split()]
    words = [w for w in words if w]
    if words and all(w in CAVEAT_WORDS for w in words):
        return words
    if 2 <= len(words) <= 3 and words[-1] == "SENSITIVE" and all(w.isalpha() for w in words):
        return [" ".join(words)]  # an agency's own marking: DEA SENSITIVE
    return None


def split_front_matter(body: str) -> list[str]:
    """The body's lines with labels that were run into a previous line put on their own line.

    Only the front matter (up to the first numbered paragraph) is touched.
    """
    lines = body.split("\n")
    # The front matter's text, up to its line limit and the first numbered paragraph;
    # most have no label run into another line, and one search over it says so.
    end = len(body)
    if len(lines) > _FRONT_MATTER_LIMIT:
        end = len("\n".join(lines[:_FRONT_MATTER_LIMIT]))
    paragraph = _PARAGRAPH_LINE_RE.search(body, 0, end)
    if paragraph is not None:
        end = paragraph.start()
    if not _label_after_word(body, end):
        return lines
    out: list[str] = []
    for i, line in enumerate(lines):
        if i >= _FRONT_MATTER_LIMIT or _PARAGRAPH_RE.match(line):
            out.extend(lines[i:])
            break
        if len(line) > 12 and _EMBEDDED_LABEL_RE.search(line):
            out.extend(_EMBEDDED_LABEL_RE.split(line))
        else:
            out.append(line)
    return out


def _label_after_word(body: str, end: int) -> bool:
    """Whether a label follows blanks after a word in ``body[:end]``: a line's
    label run into the line before it."""
    only_spaces = body.isascii() and not any(
        body.find(blank, 0, end) >= 0 for blank in _OTHER_ASCII_BLANKS
    )
    pattern = _SPACES_BEFORE_LABEL_RE if only_spaces else _BLANKS_BEFORE_LABEL_RE
    return any(
        blanks.start() and not body[blanks.start() - 1].isspace()
        for blanks in pattern.finditer(body, 0, end)
    )


def parse_front_matter(lines: Sequence[str], *, first_line: int) -> FrontMatter:
    """Read the front matter from the first lines of the body."""
    fm = FrontMatter()
    n = min(len(lines), _FRONT_MATTER_LIMIT)
    i = 0
    while i < n:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        # Dispatch on the first letter: each label is tried only where it can start.
        first = line[0].upper()
        if fm.banner_line is None:
            if fm.dateline is None and fm.subject is None and first in _WEEKDAY_INITIALS:
                when = parse_dateline(line)
                if when is not None:
                    fm.dateline = when
                    i += 1
                    continue
            banner = parse_banner(line) if first in _BANNER_INITIALS else None
            if banner is not None and (
                (fm.subject is None and fm.tags_line is None) or banner.serial is not None
            ):
                if fm.subject is not None or fm.tags_line is not None:
                    # a record dump repeats TAGS and SUBJECT above the real banner:
                    # the telegram's own front matter starts here
                    _restart(fm)
                _take_banner(fm, banner, first_line + i)
                i += 1
                continue
        if fm.subject is None and (first in _CAVEAT_INITIALS or line[-1] in "Ee"):
            caveats = _caveat_line(line)
            if caveats is not None:
                _add_caveats(fm, caveats)
                i += 1
                continue
        if first == "E" and fm.executive_order is None and (m := _EO_RE.match(line)):
            _take_eo(fm, m.group(1), m.group(2), first_line + i)
            i += 1
            continue
        if (
            first == "T"
            and fm.tags_line is None
            and (m := (_TAGS_BARE_RE.match(line) or _TAGS_RE.match(line)))
        ):
            i = _take_tags(fm, lines, i, m.group(1), first_line)
            continue
        if (
            first == "S"
            and fm.subject is None
            and (m := (_SUBJECT_COLON_RE.match(line) or _SUBJECT_RE.match(line)))
        ):
            i = _take_subject(fm, lines, i, m.group(1), first_line)
            fm.end = i
            if _all_found(fm):
                break
            continue
        if (first.isdigit() or first == "(") and _PARAGRAPH_RE.match(line):
            break
        i += 1
    if fm.end == 0:
        fm.end = i
    _finish(fm)
    return fm


def _all_found(fm: FrontMatter) -> bool:
    """Whether the banner, E.O., TAGS and subject are all in: below the subject the
    loop looks for nothing else."""
    return (
        fm.subject is not None
        and fm.banner_line is not None
        and fm.executive_order is not None
        and fm.tags_line is not None
    )


def _restart(fm: FrontMatter) -> None:
    fm.caveats.clear()
    fm.executive_order = fm.declassification = None
    fm.declassify_on = None
    fm.tags = []
    fm.tags_line = None
    fm.subject = None
    fm.subject_line = None
    fm.end = 0


def _take_banner(fm: FrontMatter, banner: Banner, line_no: int) -> None:
    fm.banner_line = line_no
    fm.marking = banner.marking
    fm.section = banner.section
    fm.origin_words = banner.origin_words
    fm.serial = banner.serial
    _add_caveats(fm, banner.modifiers)


def _add_caveats(fm: FrontMatter, words: Sequence[str]) -> None:
    for word in words:
        for part in word.split("/"):
            if part and part not in fm.caveats:
                fm.caveats.append(part)


def _take_eo(fm: FrontMatter, number: str, rest: str, line_no: int) -> None:
    fm.executive_order = number
    instruction = " ".join(rest.split()).strip(" :;,.") or None
    fm.declassification = instruction
    if instruction:
        upper = instruction.upper()
        if "N/A" not in upper and "OADR" not in upper:
            fm.declassify_on = parse_date(instruction)
            if fm.declassify_on is None and any(ch.isdigit() for ch in instruction):
                has_exemption = re.search(r"X\d|1\.[456]|25X", upper) is not None
                if not has_exemption:
                    fm.diagnostics.append(
                        Diagnostic(
                            code="declassification-unparsed",
                            message=f"declassification instruction {instruction!r} has no date",
                            line=line_no,
                            severity="info",
                        )
                    )


def _take_tags(fm: FrontMatter, lines: Sequence[str], i: int, content: str, first: int) -> int:
    fm.tags_line = first + i
    parts = [content]
    i += 1
    while i < len(lines) and len(parts) < 4:
        nxt = lines[i].strip()
        if not nxt or _STOP_LABEL_RE.match(nxt) or not _looks_like_tags(nxt):
            break
        parts.append(nxt)
        i += 1
    fm.tags = split_tags(" ".join(parts))
    return i


def _looks_like_tags(line: str) -> bool:
    """A continuation of a TAGS line: short upper-case codes, commas, a person's name."""
    if len(line) > 80 or not line.isupper():
        return False
    words = line.replace(",", " ").replace("(", " ").replace(")", " ").split()
    return bool(words) and all(len(w) <= 14 and w.replace("-", "").isalpha() for w in words)


def _take_subject(fm: FrontMatter, lines: Sequence[str], i: int, content: str, first: int) -> int:
    fm.subject_line = first + i
    parts = [content.strip()]
    upper_case = content.isupper() or not any(c.isalpha() for c in content)
    i += 1
    while i < len(lines) and len(parts) < 6:
        nxt = lines[i].strip()
        if not nxt or _STOP_LABEL_RE.match(nxt) or _PARAGRAPH_RE.match(nxt):
            break
        if i + 1 < len(lines) and lines[i + 1].strip().startswith("---"):
            break  # a section heading underlined with dashes
        if upper_case and not nxt.isupper() and any(c.isalpha() for c in nxt):
            break
        if parse_dateline(nxt) is not None or is_page_marker(nxt):
            break
        parts.append(nxt)
        i += 1
    subject = " ".join(" ".join(parts).split())
    if subject[:1] == "(":
        marked = mark_start(subject)
        if marked is not None:  # ``SUBJECT: (C) EXILED ...``: the subject's portion mark
            fm.subject_mark, subject = marked[2], marked[3]
    fm.subject = subject or None
    return i


def _finish(fm: FrontMatter) -> None:
    if fm.marking is not None:
        fm.classification = release_classification(fm.marking, fm.caveats)
