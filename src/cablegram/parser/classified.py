"""The ``Classified By`` line: who classified the cable, and under which reasons.

Real lines are written every way a drafter could think of::

    Classified By: Ambassador Rupert K. Hallam for Reasons 1.4 (b, d)
    CLASSIFIED BY: Ines T. Varga, Ambassador; REASON: 1.4(B), (D)
    Classified By: PolCouns Nora Blythe, E.O. 12958, reasons
    1.4 (b) and (d).
    Classified By: Charge d'Affaires, a.i., for reasons 1.4 (b) and (d)

The line is cut into a person part and a reasons part at the first reasons
word (``for reasons``, ``REASON:``, ``per``, ``E.O. 12958``, ``1.4``). The
person part names one or two people (``Ambassador X and DCM Y``); each is a
title (words from a vocabulary of diplomatic titles), a name (the run of
capitalised words and initials that is not a title) and, after commas, an
agency or office. UPPER-CASE names are title-cased.

Reasons are E.O. 12958 section 1.4 (1.5 before 2003) and letters ``a``-``h``.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence

from cablegram.model import Diagnostic, Person, Reason
from cablegram.parser.paragraphs import GOES_ON_WORDS
from cablegram.tables.codes import reason_meaning

# Case spelled out in character classes (not IGNORECASE) so that the engine can
# skip ahead to a ``C``; the label may be misspelt (``Classfied``, ``Clasified``).
_LABEL_RE = re.compile(
    r"[Cc][Ll][Aa][Ss][Ss]?[Ii]?[Ff][Ii]?[Ee]?[Dd]\s+[Bb][Yy](?![A-Za-z])(?P<colon>\s*:)?\s*"
    r"(?:(?:\(U\)\s*)?[Cc][Ll][Aa][Ss]+[Ii]?[Ff][Ii]?[Ee]?[Dd]\s+[Bb][Yy]\s*:?\s*)?"
)
# The label again at the start of the text, where the release put its own ``Classified
# By:`` line above the one the cable had (``Classified By:`` / ``Classified by
# Ambassador ...``, ``(U) CLASSIFIED BY``, ``CLASSIFIED CONFIDENTIAL BY``).
_REPEATED_LABEL_RE = re.compile(
    r"(?:\(U\)\s*)?CLAS+I?FI?E?D(?:\s+(?:CONFIDENTIAL|SECRET))?\s+BY\b\s*:?\s*", re.IGNORECASE
)
# How far into the body a Classified By line is looked for, and how many lines
# are joined to test for it at once.
_LABEL_LINES = 100
_LABEL_CHUNK = 16
_CUT_LINE = 60  # a line at least this long may have been cut in mid-word
_REASON_LETTERS = frozenset("abcdefgh")
_LABEL_FIRST = frozenset("Cc")
# Where the reasons part begins. The separators before it (``[\s,;.:(-]``) are
# taken along by :func:`_split` with a backward scan: a leading ``[...]*`` in the
# pattern would be tried, and backtracked, at every position of the text.
# It opens with the first letter of each (with ``ſ``, which IGNORECASE reads as ``s``)
# so that the engine skips to those; what follows depends on which one it is, and
# ``(?<!\w.)`` is the ``\b`` before it.
_REASON_SPLIT_RE = re.compile(
    r"[FfPpUuRrEeSs\u017f1](?<!\w.)(?:"
    r"(?<=[Ff])(?i:\s?or\s+(?=1\s?[./])|\s?or\s+(?:reasons?|reaso|reas|rea|rsns?)\b"
    r"|\s?or\s+r[a-z]{2,8}\s+(?=1\s?[./]))"  # ``for reaons 1.4``: misspelt before the section
    r"|(?<=[Pp])(?i:\s?er\s+(?=1\s?[./]))"
    r"|(?<=[Uu])(?i:nder\s+(?=1\s?[./]))"
    r"|(?<=[Rr])(?i:(?:easons?|easo|eas|ea|sns?)\b)"
    r"|(?<=[Ee])(?i:\s?\.?\s?O\s?\.?\s*\d{5})"
    r"|(?<=1)(?:\s?[./:]\s?[45]\b)"
    r"|(?<=[Ss\u017f])(?i:ection\s+1\b))"
)
_SPLIT_SEPARATORS = ",;.:(-"
# Patterns open with a character or class where they can (the ``\b`` before it
# moved into a lookbehind), so that the engine skips ahead to that character.
_SECTION_RE = re.compile(r"1(?<!\w1)\s?[./:]\s?([45])(?!\d)")
# The run of reason letters and the words that join them (``(b), (d)``, ``B AND D``,
# ``b/d``) at the start of a text; the single letters in it are the reasons.
# (ASCII letters only, spelt out: IGNORECASE would also take ``ſ`` for ``s``.)
_LETTER_RUN_RE = re.compile(
    r"(?:[^A-Za-z]*(?:[A-Ha-h]|[Aa][Nn][Dd]|[Oo][Rr]|[Aa][Nn]|[Nn][Dd]|[Aa][Mm][Pp]"
    r"|[Rr][Ee][Aa][Ss][Oo][Nn][Ss]?)(?![A-Za-z]))*"
)
_SINGLE_LETTER_RE = re.compile(r"(?<![A-Za-z])[A-Ha-h](?![A-Za-z])")
_SECTIONS = {"4": "1.4", "5": "1.5"}
_NO_SECTION_RE = re.compile(r"\brea?s\w*\W*", re.IGNORECASE)
_EMBEDDED_PARA_RE = re.compile(r"\s(?:\d{1,2}\s?[.)]|\(\d{1,2}\))\s*\(\s*[A-Z]")
_EMBEDDED_REF_RE = re.compile(r"\s(?:REF(?:TEL)?S?|SUBJECT)\s*:", re.IGNORECASE)
_BROKEN_AND_RE = re.compile(r"[Aa](?<!\w[Aa])(?:\s+[Nn][Dd]|[Nn]\s+[Dd])(?!\w)")
_DERIVED_RE = re.compile(r"DERIVED\s+FROM\b", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
_AND_RE = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_SEGMENT_RE = re.compile(r"\s*[,;]\s*")
_GLUED_INITIAL_RE = re.compile(r"\.(?<![A-Za-z][A-Z]\.)(?<=[A-Z]\.)(?=[A-Z][a-z]|[A-Z]{2,})")
_AFFAIRES_RE = re.compile(r"[dD](?<!\w[dD])\s?[,’`']\s?(A[Ff][Ff][Aa][Ii][Rr][A-Za-z]*)")
_NAME_TOKEN_RE = re.compile(r"(?:[A-Z]\.?|[A-Z][A-Za-z'’\-]*[A-Za-z]\.?|[A-Z]{1,2}\.[A-Z]\.?)")
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_AI_RE = re.compile(r"^\(?a\.?\s?i\.?\)?", re.IGNORECASE)
_PARTICLES = frozenset({"van", "von", "de", "da", "del", "della", "der", "den", "du", "la", "le"})
_CONTINUATION_LIMIT = 3
_DANGLING_RE = re.compile(
    r"(?:\b(?:for|per|reasons?|rea\w*|E\.?\s?O\.?(?:\s*\d{5})?|and)|[,&(]|1\s?\.)\W*$",
    re.IGNORECASE,
)
_REASON_START_RE = re.compile(
    r"(?:for\b|per\b|\(?[a-hA-H]\)|1\s?[./]|4\b|rea|E\.?\s?O|and|&|\d{5})", re.IGNORECASE
)
_REASON_TAIL_RE = re.compile(
    r"(?:n?d\b|and\b|or\b|&|\(\s*[a-hA-H]\s*\)|[a-hA-H]\)|\))", re.IGNORECASE
)
_GLUE_WORDS = frozenset({"of", "for", "the", "and"})

# Words that make up diplomatic titles (compared case-folded). A token that
# contains a slash (A/S, P/E, POL/MC, INR/OPS) is always a title word.
_TITLE_WORDS = frozenset(
    {
        "ambassador", "amb", "amb.", "ambassadors", "charge", "chargé", "d'affaires", "d'affairs",
        "affaires", "a.i.", "a.i", "dcm", "adcm", "cda", "deputy", "chief", "chiefs", "of", "the",
        "mission", "political", "politcal", "pol", "pol.", "econ", "economic", "economics",
        "counselor", "counsellor", "couns", "minister", "minster", "minister-counselor",
        "counselor,", "consul", "general", "officer", "off", "poloff", "econoff", "poleconoff",
        "polcouns", "econcouns", "polecon", "ecopol", "ecpol", "polmc", "econmc", "mc", "pe",
        "assistant", "secretary", "acting", "section", "head", "director", "principal", "pol-mil",
        "polmil", "political-military", "military", "attache", "defense", "defence", "cg", "rso",
        "pao", "special", "envoy", "senior", "advisor", "adviser", "coordinator", "public",
        "affairs", "management", "regional", "security", "legal", "consular", "environment",
        "science", "technology", "labor", "labour", "refugee", "under", "executive", "office",
        "permanent", "representative", "alternate", "unit", "internal", "external", "global",
        "interagency", "provincial", "das", "dep", "dep.", "for", "and", "officer-in-charge",
        "com", "econmincouns", "polmincouns", "mincouns", "councelor", "minister-councelor",
        "esth", "estoff", "pdas", "sca", "eur", "nea", "wha", "eap", "af", "isn", "io", "inr",
        "pm", "drl", "eeb", "oes", "ca", "ds", "vci", "ct", "usun", "useu", "usnato", "prt",
        "charg", "chargee", "consul-general", "counselor-general", "emboff", "poloffs",
        "pol/econ", "econ/pol", "intern", "desk", "spokesman", "spokesperson", "commercial",
        "agricultural", "attaché", "press", "cultural", "political/economic",
        "political-economic", "economic/political", "officers", "staff", "team", "leader", "lead",
        "chairman", "chair",
    }
)  # fmt: skip
_AGENCY_WORDS = frozenset(
    {
        "department", "dept", "dept.", "dos", "state", "embassy", "consulate", "u.s.", "us",
        "usg", "bureau", "exec", "office",
    }
)  # fmt: skip
# How an UPPER-CASE title word is written in mixed case, where it is not plain
# capitalisation.
_TITLE_SPELLING = {
    "D'AFFAIRES": "d'Affaires",
    "D'AFFAIRS": "d'Affairs",
    "A.I.": "a.i.",
    "OF": "of",
    "FOR": "for",
    "THE": "the",
    "AND": "and",
    "POLOFF": "PolOff",
    "ECONOFF": "EconOff",
    "POLCOUNS": "PolCouns",
    "POLECON": "PolEcon",
    "EMBOFF": "EmbOff",
    "POLMC": "PolMC",
    "ECONMC": "EconMC",
}
_ACRONYMS = frozenset(
    {
        "DCM", "ADCM", "CDA", "CG", "RSO", "PAO", "DAS", "PDAS", "MC", "PE", "SCA", "EUR", "NEA",
        "WHA", "EAP", "AF", "ISN", "IO", "INR", "PM", "DRL", "EEB", "OES", "CA", "DS", "VCI", "CT",
        "USUN", "USEU", "USNATO", "PRT", "ESTH",
    }
)  # fmt: skip


# Every reason there is, built once: section 1.4 or 1.5, letter a-h.
_REASON_OBJECTS = {
    (section, letter): Reason(section=section, letter=letter, meaning=reason_meaning(letter))
    for section in ("1.4", "1.5")
    for letter in "abcdefgh"
}


def extract_classified_by(
    lines: Sequence[str], *, first_line: int
) -> tuple[tuple[Person, ...], tuple[Reason, ...], list[Diagnostic]]:
    """The classifying people and reasons from the first ``Classified By`` line.

    ``lines`` are the body lines in order, ``first_line`` the 1-based telegram
    line of ``lines[0]``. A cable without such a line yields empty tuples and
    no diagnostic; a line that cannot be read yields a diagnostic.
    """
    found = _find_label(lines)
    if found is None:
        return (), (), []
    k, start = found
    text = _gather(lines, k, start)
    people, reasons, problem = _read(text)
    diagnostics = [] if problem is None else [_diagnostic(problem, text, first_line + k)]
    return people, reasons, diagnostics


def _read(text: str) -> tuple[tuple[Person, ...], tuple[Reason, ...], str | None]:
    """People, reasons and the code of the problem, if any, of a gathered Classified By text."""
    person_part, reason_part = _split(text)
    people = tuple(_people(person_part))
    reasons, missing_section = _reasons(reason_part)
    if _derived(person_part.strip()):
        problem = None  # ``Derived from Multiple Sources``: a source, not a person
    elif not people and not reasons:
        problem = "classified-by-unreadable"
    elif not reasons:
        problem = "classification-reason-missing"
    elif missing_section:
        problem = "classification-reason-section-missing"
    else:
        problem = None
    return people, tuple(reasons), problem


def _derived(text: str) -> bool:
    """``Derived from ...``: a classification source, not a person."""
    return text[:1] in ("D", "d") and _DERIVED_RE.match(text) is not None


def _diagnostic(code: str, text: str, line: int) -> Diagnostic:
    """The diagnostic for a Classified By line with a problem."""
    if code == "classified-by-unreadable":
        message = f"could not read the Classified By line {text[:80]!r}"
        return Diagnostic(code=code, message=message, line=line)
    if code == "classification-reason-missing":
        message = "the Classified By line gives no classification reason"
    else:
        message = "classification reasons without a section number; read as 1.4"
    return Diagnostic(code=code, message=message, line=line, severity="info")


def _find_label(lines: Sequence[str]) -> tuple[int, int] | None:
    """The index of the first Classified By line and where its content starts.

    Only a line that holds ``las`` or ``LAS`` can; lines are joined a chunk at a
    time, searched for those, and a hit's line told by the newlines before it.
    """
    limit = min(len(lines), _LABEL_LINES)
    for lo in range(0, limit, _LABEL_CHUNK):
        hi = min(lo + _LABEL_CHUNK, limit)
        chunk = "\n".join(lines[lo:hi])
        at = _next_las(chunk, 0)
        while at >= 0:
            k = lo + chunk.count("\n", 0, at)
            line_end = chunk.find("\n", at)
            if line_end < 0:
                line_end = len(chunk)
            if sum(map(len, lines[lo : k + 1])) + k - lo != line_end:
                # a line with a newline of its own: the count is off, go line by line
                found = _find_label_by_line(lines, lo, hi)
                if found is not None:
                    return found
                break
            start = _label_end(lines[k])
            if start is not None:
                return k, start
            at = _next_las(chunk, line_end)
    return None


def _next_las(chunk: str, pos: int) -> int:
    """The first ``las`` or ``LAS`` in ``chunk`` from ``pos``, or -1."""
    lower = chunk.find("las", pos)
    upper = chunk.find("LAS", pos, lower if lower >= 0 else len(chunk))
    return lower if upper < 0 else upper


def _find_label_by_line(lines: Sequence[str], lo: int, hi: int) -> tuple[int, int] | None:
    for k in range(lo, hi):
        line = lines[k]
        if "las" in line or "LAS" in line:
            start = _label_end(line)
            if start is not None:
                return k, start
    return None


def _label_end(line: str) -> int | None:
    """Where the content after a Classified By label in ``line`` starts, if it has one.

    The label is tried only where ``clas`` stands in any case: found with
    ``bytes.find`` on the line lower-cased as ASCII (one byte per character, so
    the offsets hold), which in a long paragraph line is cheaper than letting the
    pattern try every ``c``. Skipping what a rejected label covered keeps the
    matches those of ``finditer``.
    """
    if line[:1] in _LABEL_FIRST:
        m = _LABEL_RE.match(line)
        if m is not None:
            return m.end()  # at the start of the line: the first match, and nothing before it
    lowered = line.encode("ascii", "replace").lower()
    at = lowered.find(b"clas")
    covered = 0
    while at >= 0:
        m = _LABEL_RE.match(line, at) if at >= covered else None
        at = lowered.find(b"clas", at + 1)
        if m is None:
            continue
        covered = m.end()
        if m.start() and line[m.start() - 1].isalpha():
            continue
        before = line[: m.start()].rstrip()
        at_start = not before.strip(" \t0123456789.()Uu")
        if at_start or m.group("colon") or before.endswith((".", ")")):
            return m.end()
    return None


def _gather(lines: Sequence[str], k: int, start: int) -> str:
    """The label's text, with the continuation lines a wrapped line needs."""
    text = _cut_embedded(lines[k][start:].strip())
    j = k + 1
    taken = 0
    while j < len(lines) and taken < _CONTINUATION_LIMIT:
        nxt = lines[j].strip()
        broken = bool(nxt) and _word_broken(lines[j - 1].strip(), nxt)
        if _complete(text) and _REASON_TAIL_RE.match(nxt) is None and not broken:
            break
        if not nxt and _DANGLING_RE.search(text) is not None and j + 1 < len(lines):
            # ``FOR REASON`` / blank line / ``1.4(C).``: the reasons went on after a gap.
            j += 1
            continue
        if not nxt or nxt.startswith("--") or _EMBEDDED_PARA_RE.match(" " + nxt):
            break
        # the label alone on its line, and the cable's own label under it (in capitals,
        # so that it looks like a heading): ``Classified By:`` / ``CLASSIFIED BY ...``
        relabelled = not text and _REPEATED_LABEL_RE.match(nxt) is not None
        if (
            not relabelled
            and not broken
            and not _DANGLING_RE.search(text)
            and _REASON_START_RE.match(nxt) is None
            and (taken or _heading_like(lines, j, text))
        ):
            break
        glue = "" if broken else " "
        text = f"{text}{glue}{_cut_embedded(nxt)}"
        taken += 1
        j += 1
    text = text.lstrip()
    repeated = _REPEATED_LABEL_RE.match(text)
    return text if repeated is None else text[repeated.end() :]


def _word_broken(line: str, nxt: str) -> bool:
    """Whether a long line was cut in mid-word: ``... for Economic Affai`` / ``rs for
    Reasons``, ``... Coordinator Hoyt Y`` / ``ee for reasons``. The line after opens with
    a few small letters that are no word of their own."""
    if not line[-1:].isalpha():
        return False
    last = line.rsplit(None, 1)[-1]
    if len(last) == 1 and last.islower() and last not in _REASON_LETTERS and nxt[:1].islower():
        return True  # ``... Minister Counselor, r`` / ``eason 1.4``: a letter alone
    if len(line) < _CUT_LINE:
        return False
    head = nxt.split(" ", 1)[0]
    if not (len(head) <= 3 and head.isalpha() and head.islower()) or head in _REASON_LETTERS:
        return False  # a letter a-h alone is a reason (``1.4 b and`` / ``d``)
    return head not in GOES_ON_WORDS and last not in GOES_ON_WORDS


def _heading_like(lines: Sequence[str], j: int, text: str) -> bool:
    """Whether line ``j`` is a heading rather than the rest of a wrapped Classified By line."""
    nxt = lines[j].strip()
    if j + 1 < len(lines) and lines[j + 1].strip().startswith("--"):
        return True
    return nxt.isupper() and not text.isupper()


def _cut_embedded(text: str) -> str:
    """Cut off a paragraph or REF block that a converter joined onto the line.

    A joined paragraph opens with a portion mark (``(`` after its number) and a
    REF block or subject with a colon, so lines without those skip the patterns.
    """
    if "(" in text:
        m = _EMBEDDED_PARA_RE.search(text)
        if m is not None and _SECTION_RE.search(text, 0, m.start()) is not None:
            text = text[: m.start()]
    if ":" in text:
        folded = text.casefold()  # as the pattern's IGNORECASE, which reads "ſ" as "s"
        if "ref" in folded or "subject" in folded:
            m = _EMBEDDED_REF_RE.search(text)
            if m is not None:
                text = text[: m.start()]
    return text.strip()


def _complete(text: str) -> bool:
    """Whether a gathered line already holds its reasons, with nothing left hanging."""
    m = _SECTION_RE.search(text)
    if m is None:
        return False
    tail = text[m.end() :].rstrip(" .")
    if not _letters(tail):
        return False
    return not (tail.endswith(("and", "&", ",", "(", "AND")))


def _split(text: str) -> tuple[str, str]:
    """The person part and the reasons part of a Classified By text."""
    m = _REASON_SPLIT_RE.search(text)
    if m is None:
        return text, ""
    start = m.start()
    while start and (text[start - 1] in _SPLIT_SEPARATORS or text[start - 1].isspace()):
        start -= 1
    return text[:start], text[start:]


def _letters(text: str) -> list[str]:
    """The reason letters at the start of ``text``: ``(b, d)``, ``(B) AND (D)``, ``B/D``."""
    run = _LETTER_RUN_RE.match(text)
    end = 0 if run is None else run.end()
    if not end:
        return []
    return list("".join(_SINGLE_LETTER_RE.findall(text, 0, end)).lower())


def _reasons(text: str) -> tuple[list[Reason], bool]:
    """The reasons in the reasons part, and whether the section number had to be assumed."""
    if "a" in text or "A" in text:
        text = _BROKEN_AND_RE.sub("and", text)
    first = _SECTION_RE.search(text)
    if first is not None and _SECTION_RE.search(text, first.end()) is None:
        # the usual one section: its letters in order, each once
        section = _SECTIONS[first.group(1)]
        letters = dict.fromkeys(_letters(text[first.end() :]))
        return [_REASON_OBJECTS[section, letter] for letter in letters], False
    out: list[Reason] = []
    seen: set[tuple[str, str]] = set()
    sections = list(_SECTION_RE.finditer(text))
    spans: list[tuple[str, str]] = []
    missing = False
    if sections:
        for i, m in enumerate(sections):
            stop = sections[i + 1].start() if i + 1 < len(sections) else len(text)
            spans.append((_SECTIONS[m.group(1)], text[m.end() : stop]))
    else:
        word = _NO_SECTION_RE.search(text)
        if word is not None:
            spans.append(("1.4", text[word.end() :]))
            missing = True
    for section, tail in spans:
        for letter in _letters(tail):
            if (section, letter) not in seen:
                seen.add((section, letter))
                out.append(_REASON_OBJECTS[section, letter])
    return out, missing and bool(out)


# --------------------------------------------------------------------------
# people


def _people(text: str) -> list[Person]:
    """One or two people from the person part (``Ambassador X and DCM Y``)."""
    text = _normalise(text)
    if not text or _derived(text) or (text[0] in "xX" and not text.lower().strip("x ")):
        return []
    # ``text`` is normalised: its only blanks are single spaces.
    joined = " & " in text or " and " in text.lower()
    halves = _AND_RE.split(text) if joined else [text]
    if len(halves) == 2:
        both = [_person(h) for h in halves]
        if all(p is not None and p.name for p in both):
            return [p for p in both if p is not None]
    person = _person(text)
    return [person] if person is not None else []


def _normalise(text: str) -> str:
    """Tidy a person part: spacing, ``d,Affaires``, glued initials, stray punctuation."""
    if "AF" in text or "Af" in text:
        text = _AFFAIRES_RE.sub(lambda m: m.group(0)[0] + "'" + m.group(1), text)
    if "." in text:
        text = _GLUED_INITIAL_RE.sub(". ", text)
    text = " ".join(text.replace("?", " ").split())
    return text.strip(" ,;:-.(")


def _person(text: str) -> Person | None:
    """Title, name and agency from one person's text."""
    agency: list[str] = []
    office = _PAREN_RE.search(text) if "(" in text else None
    if office is not None and not _AI_RE.fullmatch(office.group(0).strip()):
        agency.append(office.group(1).strip())
        text = text[: office.start()] + text[office.end() :]
    pieces = _SEGMENT_RE.split(text) if "," in text or ";" in text else [text]
    segments = [_strip_segment(s) for s in pieces if s.strip(" .-")]
    if not segments:
        return None
    title, name = _title_and_name(segments[0])
    for seg in segments[1:]:
        low = seg.lower()
        ai = _AI_RE.match(seg)
        if ai is not None and (ai.end() == len(seg) or seg[ai.end()] == " "):
            title = f"{title}, a.i." if title else "a.i."
            seg = seg[ai.end() :].strip()
            if not seg:
                continue
            low = seg.lower()
        if low in _SUFFIXES and name:
            name = f"{name}, {_suffix(seg)}"
        elif name and len(name.split()[-1].rstrip(".")) == 1 and _NAME_TOKEN_RE.fullmatch(seg):
            # ``Luis G, Amaro``: a comma typed for the initial's full stop.
            name = f"{name.rstrip('.')}. {_name_case([seg])}"
        elif name is None:
            more_title, more_name = _title_and_name(seg)
            name = more_name
            if more_title:
                title = f"{title}, {more_title}" if title else more_title
        elif title is None and _title_like(seg):
            title = _title_case_title(seg)
        else:
            agency.append(seg)
    if title is None and name is None:
        return None
    return Person(name=name, title=title, agency=", ".join(agency) or None)


def _strip_segment(segment: str) -> str:
    """A comma-separated piece without edge punctuation, keeping ``Jr.`` and initials whole."""
    text = segment.strip(" -")
    last = text.rsplit(" ", 1)[-1]
    if last.lower() in _SUFFIXES or len(last.rstrip(".")) == 1:
        return text.strip(" ")
    return text.strip(" .")


def _suffix(word: str) -> str:
    """``JR`` -> ``Jr.``, ``iii`` -> ``III``."""
    low = word.lower().rstrip(".")
    return low.upper() if low.startswith("i") else low.capitalize() + "."


def _title_like(text: str) -> bool:
    """Whether a segment after the name is a title (``Director``), not an office or agency."""
    tokens = text.split()
    if any(t.lower() in _AGENCY_WORDS for t in tokens):
        return False
    return any(_is_title_word(t) and t.lower() not in _GLUE_WORDS for t in tokens)


def _is_title_word(token: str) -> bool:
    """A word that belongs to a title (``Ambassador``, ``DCM``, ``A/S``), not to a name."""
    low = token.lower().strip("(),")
    if "/" in low or low in _TITLE_WORDS:
        return True
    # Office shorthand written in camel case: PolOff, ESTOff, PolMinCouns.
    return low.endswith(("off", "offs", "couns")) and sum(c.isupper() for c in token) >= 2


def _title_and_name(segment: str) -> tuple[str | None, str | None]:
    """Split ``Ambassador Rupert K. Hallam`` into title and name at the first name word."""
    tokens = segment.split()
    size = k = len(tokens)
    for kind in reversed(list(map(_word_kind, tokens))):
        if kind != _NAME and (kind != _PARTICLE or not 1 < k < size):
            break
        k -= 1
    name_tokens = tokens[k:]
    while name_tokens and name_tokens[0].lower() in _PARTICLES:
        k += 1
        name_tokens = tokens[k:]
    if len(name_tokens) > 5:
        k = len(tokens) - 5
        name_tokens = tokens[k:]
    title_tokens = tokens[:k]
    if name_tokens and all(map((1).__eq__, map(len, map(_NO_DOTS, name_tokens)))):
        if not title_tokens:
            return None, None
        title_tokens, name_tokens = tokens, []
    title = _title_case_title(" ".join(title_tokens)) if title_tokens else None
    name = _name_case(name_tokens) if name_tokens else None
    return title, name


_PARTICLE, _NAME, _OTHER = 0, 1, 2
_NO_DOTS = operator.methodcaller("rstrip", ".")


@functools.lru_cache(maxsize=4096)
def _word_kind(token: str) -> int:
    """What one word can be in a name: a particle (``van``), a name word, or neither.

    A name word may be a particle only between other name words; titles and
    agency words are never name words. Cached: the same titles and names recur.
    """
    low = token.lower()
    if low in _PARTICLES:
        return _PARTICLE
    if _is_title_word(token) or low in _AGENCY_WORDS:
        return _OTHER
    return _NAME if _NAME_TOKEN_RE.fullmatch(token) is not None else _OTHER


def _name_case(tokens: Sequence[str]) -> str:
    """A name as a person would write it: UPPER-CASE words title-cased, initials kept."""
    if not any(len(t.rstrip(".")) > 1 for t in filter(str.isupper, tokens)):
        return " ".join(tokens)
    out: list[str] = []
    for i, tok in enumerate(tokens):
        if not tok.isupper() or len(tok.rstrip(".")) <= 1:
            out.append(tok)
            continue
        low = tok.lower()
        if low in _SUFFIXES:
            out.append(_suffix(tok))
        elif low in _PARTICLES and 0 < i < len(tokens) - 1:
            out.append(low)
        else:
            out.append(_cap_word(tok))
    return " ".join(out)


def _cap_word(word: str) -> str:
    """One UPPER-CASE name word in mixed case.

    ``MCDONALD`` -> ``McDonald``, ``O'BRIEN`` -> ``O'Brien``, ``SMITH-JONES`` -> ``Smith-Jones``.
    """
    parts = re.split(r"([-'’])", word)
    out = []
    for part in parts:
        if part in ("-", "'", "’") or not part:
            out.append(part)
            continue
        cap = part[:1].upper() + part[1:].lower()
        if cap.startswith("Mc") and len(cap) > 2:
            cap = "Mc" + cap[2:].capitalize()
        out.append(cap)
    return "".join(out)


def _title_case_title(text: str) -> str:
    """A title in mixed case: ``POLITICAL COUNSELOR`` -> ``Political Counselor``, acronyms kept."""
    if not text.isupper():
        return text
    words: list[str] = []
    for tok in text.split():
        up = tok.upper()
        if up in _TITLE_SPELLING:
            words.append(_TITLE_SPELLING[up])
        elif "/" in tok or up in _ACRONYMS or tok.lower() not in _TITLE_WORDS:
            words.append(tok)
        else:
            words.append("-".join(p.capitalize() for p in tok.lower().split("-")))
    return " ".join(words)
