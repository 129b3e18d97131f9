"""The body of a synthetic cable: front matter, numbered paragraphs, signature.

The paragraphs are written first, because their length decides whether the
cable comes in sections, and the banner must say ``SECTION 01 OF 03`` before
any of them. Then the front matter (banner, caveats, E.O., TAGS, SUBJECT, REF,
Classified By) goes on top, section breaks go in (a Cablegate page marker such
as ``MUSCAT 00000154  002 OF 003``, or the banner and front matter repeated),
occasional ``PAGE 02`` lines of a printed copy, and the signature at the end.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from cablegram.synth._citations import Cited
from cablegram.synth._model import SynthMention, SynthParagraph, SynthReference
from cablegram.synth._text import Cast, Prose, Sentences, capital_first, pieces, wrap_lines
from cablegram.synth._world import Sender

_SECTION_CHARS = 7000
_LONG_SHARE = 0.08
_MAX_SECTIONS = 9
_PAGE_LINES = 55
_LONG_ORIGIN_SPACES = 3
_BANNERS = {"U": "UNCLAS", "C": "C O N F I D E N T I A L", "S": "S E C R E T"}
_MONTHS = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
]
_NEW_ORDER = dt.datetime(2009, 12, 29, tzinfo=dt.UTC)  # E.O. 13526 replaces E.O. 12958
_OLD_ORDER_END = dt.datetime(1995, 10, 14, tzinfo=dt.UTC)  # E.O. 12958 replaces E.O. 12356

# Portion marks by release classification: (mark, cumulative probability) per paragraph,
# the mark that at least one paragraph must carry, and the share of cables without marks.
_MARKS: dict[str, tuple[tuple[tuple[str, float], ...], str, float]] = {
    "UNCLASSIFIED": ((("U", 1.0),), "U", 0.3),
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": ((("SBU", 0.75), ("U", 1.0)), "SBU", 0.2),
    "CONFIDENTIAL": ((("C", 0.8), ("U", 0.95), ("SBU", 1.0)), "C", 0.0),
    "CONFIDENTIAL//NOFORN": ((("C/NF", 0.55), ("C", 0.9), ("U", 1.0)), "C/NF", 0.0),
    "SECRET": ((("S", 0.55), ("C", 0.9), ("U", 1.0)), "S", 0.0),
    "SECRET//NOFORN": ((("S/NF", 0.5), ("S", 0.7), ("C", 0.95), ("U", 1.0)), "S/NF", 0.0),
}
_MARK_EDGES = {
    key: (tuple(mark for mark, _ in table), tuple(edge for _, edge in table))
    for key, (table, _, _) in _MARKS.items()
}
_REASONS = (
    (("b", "d"), 0.68),
    (("d",), 0.78),
    (("b",), 0.83),
    (("b", "c", "d"), 0.88),
    (("c", "d"), 0.92),
    (("a", "b", "d"), 0.95),
    (("b", "d", "h"), 0.97),
    (("c",), 0.985),
    (("b", "d", "e"), 1.0),
)
_POST_TITLES = (
    ("Ambassador", "chief", 0.4),
    ("DCM", "dcm", 0.52),
    ("Charge d'Affaires", "dcm", 0.58),
    ("Political Counselor", None, 0.72),
    ("Economic Counselor", None, 0.8),
    ("PolOff", None, 0.88),
    ("Pol/Econ Chief", None, 0.93),
    ("Acting DCM", None, 1.0),
)
_STATE_TITLES = (
    "EUR Assistant Secretary",
    "NEA Acting A/S",
    "ISN Director",
    "EAP Deputy Assistant Secretary",
    "WHA Office Director",
    "AF Acting Assistant Secretary",
    "SCA Deputy Assistant Secretary",
    "Under Secretary for Political Affairs",
)


class Marking(NamedTuple):
    """How a cable is marked: the banner level and the caveat lines under it."""

    classification: str
    level: str  # U C S
    caveats: tuple[str, ...]


class Body(NamedTuple):
    """The body text and what it holds."""

    text: str
    executive_order: str
    declassification: str
    declassify_on: dt.date | None
    tags: tuple[str, ...]
    subject: str
    references: tuple[SynthReference, ...]
    mentions: tuple[SynthMention, ...]
    classified_by: tuple[str, str] | None
    reasons: tuple[str, ...]
    paragraphs: tuple[SynthParagraph, ...]
    summary: str | None
    comment: str | None
    signers: tuple[str, ...]
    sections: int


@dataclass(slots=True)
class _Para:
    """A paragraph while it is written: its lines are rendered later."""

    number: int
    mark: str | None
    heading: str | None
    lead: str  # the sentences, two spaces apart
    bullets: tuple[str, ...] = ()
    plain: bool = False  # ordinary reporting, where an inline citation may go

    def truth(self) -> str:
        """The paragraph's text, unwrapped (sentences still two spaces apart)."""
        if not self.bullets:
            return self.lead
        return " ".join([self.lead, *(f"-- {b}" for b in self.bullets)])


class Request(NamedTuple):
    """Everything the body of one cable depends on."""

    sender: Sender
    serial: int
    created: dt.datetime
    marking: Marking
    topic: str
    tags: tuple[str, ...]
    subject: str
    cast: Cast
    cited: tuple[Cited, ...]
    signer: str
    classifier: tuple[str, str] | None  # name, title
    dtg: str


class Bodies:
    """Writes bodies; one per generator run, sharing its random stream."""

    def __init__(self, rng: random.Random, prose: Prose, seed: int) -> None:
        self._rnd = rng.random
        self._prose = prose
        self._sentences = Sentences(prose, seed)
        state = prose.state_sentences
        self._state_points = tuple(s[3:] for s in state if s.startswith("-- "))
        self._state_plain = tuple(s for s in state if not s.startswith("-- "))
        self._leads = prose.section("bullet.leads")
        self._nocable = prose.section("nocable.refs")

    def pick(self, items: Sequence[str]) -> str:
        """One item of ``items``, uniformly."""
        return items[int(self._rnd() * len(items))]

    def write(self, req: Request) -> Body:
        """The whole body of one cable."""
        rnd = self._rnd
        references = self._references(req)
        paras, summary, comment, mentions = self._paragraphs(req, references)
        para_lines = _render_paragraphs(paras, self._rnd)
        size = sum(map(len, para_lines)) + len(para_lines)
        sections = min(1 + size // _SECTION_CHARS, _MAX_SECTIONS)
        eo, decl_text, decl_on = self._eo(req)
        classified, reasons = self._classified_by(req.classifier)
        front = self._front(req, sections, eo, references, classified)
        lines = front + para_lines
        if sections > 1:
            lines = self._sectioned(req, front, para_lines, sections, eo)
        if rnd() < 0.06 and len(lines) > _PAGE_LINES:
            lines = _with_pages(lines, req, sections)
        lines += ["", req.signer]
        if rnd() < 0.08:
            lines += ["BT", f"#{req.serial % 10000:04d}", "NNNN"]
        return Body(
            text="\n".join(lines),
            executive_order=eo.split(":", 1)[0].removeprefix("E.O. "),
            declassification=decl_text,
            declassify_on=decl_on,
            tags=req.tags,
            subject=req.subject,
            references=references,
            mentions=mentions,
            classified_by=req.classifier,
            reasons=reasons,
            paragraphs=tuple(SynthParagraph(p.number, p.mark, p.heading, p.truth()) for p in paras),
            summary=summary,
            comment=comment,
            signers=(req.signer,),
            sections=sections,
        )

    # -- front matter -----------------------------------------------------------------

    def _eo(self, req: Request) -> tuple[str, str, dt.date | None]:
        """The E.O. line, the declassification instruction as the parser reads it, its date."""
        order = "13526" if req.created >= _NEW_ORDER else "12958"
        if req.created < _OLD_ORDER_END:
            order = "12356"
        if req.marking.level == "U":
            return f"E.O. {order}: N/A", "N/A", None
        if order == "12356":  # before 1995: declassify on the originating agency's say
            return "E.O. 12356: DECL: OADR", "DECL: OADR", None
        years = 25 if self._rnd() < (0.08 if req.marking.level == "S" else 0.02) else 10
        day = req.created.date()
        try:
            when = day.replace(year=day.year + years)
        except ValueError:  # February 29th
            when = day.replace(year=day.year + years, day=28)
        if self._rnd() < 0.5:
            when -= dt.timedelta(days=1)
        text = f"DECL: {when:%Y/%m/%d}" if order == "13526" else f"DECL: {when:%m/%d/%Y}"
        return f"E.O. {order}: {text}", text, when

    def _banner(self, req: Request, sections: int, number: int) -> str:
        section = f"SECTION {number:02d} OF {sections:02d} " if sections > 1 else ""
        level = _BANNERS[req.marking.level]
        return f"{level} {section}{req.sender.banner} {req.serial:06d}"

    def _front(
        self,
        req: Request,
        sections: int,
        eo: str,
        references: Sequence[SynthReference],
        classified: str | None,
    ) -> list[str]:
        lines = [self._banner(req, sections, 1), ""]
        if req.marking.caveats:
            lines += [*req.marking.caveats, ""]
        lines.append(eo)
        lines.append(f"TAGS: {_tags_line(req.tags)}")
        lines += wrap_lines(f"SUBJECT: {req.subject}")
        lines.append("")
        if references:
            lines += [*_ref_lines(references, self._rnd), ""]
        if classified is not None:
            lines += [classified, ""]
        return lines

    def _classified_by(
        self, classifier: tuple[str, str] | None
    ) -> tuple[str | None, tuple[str, ...]]:
        """The Classified By line and its reason letters (none for an unclassified cable)."""
        if classifier is None:
            return None, ()
        name, title = classifier
        roll = self._rnd()
        letters = next(found for found, edge in _REASONS if roll <= edge)
        if len(letters) == 1:
            reasons = f"1.4 ({letters[0]})"
        elif self._rnd() < 0.6:
            reasons = f"1.4 ({'), ('.join(letters[:-1])}) and ({letters[-1]})"
        else:
            reasons = f"1.4 ({', '.join(letters)})"
        style = self._rnd()
        if style < 0.5:
            line = f"Classified By: {title} {name} for reasons {reasons}."
        elif style < 0.8:
            line = f"Classified By: {title} {name}, reasons {reasons}"
        else:
            line = f"Classified By: {title} {name}, for Reasons {reasons}."
        return line, letters

    def _references(self, req: Request) -> tuple[SynthReference, ...]:
        cited = req.cited
        items: list[tuple[str, str | None]] = [
            (_ref_text(c, req.created.year, self._rnd), c.reference_id) for c in cited
        ]
        if cited and self._rnd() < 0.05:
            before = req.created - dt.timedelta(days=2 + int(self._rnd() * 20))
            text = self.pick(self._nocable).format(MONTH=_MONTHS[before.month - 1], DAY=before.day)
            items.append((text, None))
        if len(items) == 1:
            return (SynthReference(None, items[0][0], items[0][1]),)
        return tuple(
            SynthReference(chr(ord("A") + i), text, ref_id)
            for i, (text, ref_id) in enumerate(items)
        )

    # -- paragraphs -------------------------------------------------------------------

    def _paragraphs(
        self, req: Request, references: Sequence[SynthReference]
    ) -> tuple[list[_Para], str | None, str | None, tuple[SynthMention, ...]]:
        rnd = self._rnd
        state = req.sender.token == "STATE"
        if rnd() < _LONG_SHARE:  # the long report: the tail of the size distribution
            count = 8 + int(8 * rnd())
            sizes = [5 + int(8 * rnd()) for _ in range(count)]
        else:
            count = 3 + int(13 * rnd() ** 0.9)
            sizes = [3 + int(7 * rnd()) for _ in range(count)]
        marks = self._marks(req.marking.classification, count, state)
        pool = self._sentences.draw(req.topic, sum(sizes), rnd)
        cast = req.cast
        paras: list[_Para] = []
        summary = comment = None
        first = 1
        instructions = pieces(self._state_plain, len(self._state_plain), rnd) if state else []
        if state:
            cast["n"] = str(count)
            paras.append(_Para(1, marks[0], None, self.pick(self._prose.state_openings)))
            first = 2
        elif count >= 4 and rnd() < 0.7:
            sentences = "  ".join(pool[: min(sizes[0], 4)])
            summary = sentences.format_map(cast).replace("  ", " ")
            paras.append(_Para(1, _top_mark(marks), None, f"Summary: {sentences}  End Summary."))
            first = 2
        with_comment = not state and count - first >= 2 and rnd() < 0.4
        last_plain = count - (1 if with_comment else 0)
        at = sizes[0] if summary is not None else 0
        for number in range(first, last_plain + 1):
            mark = marks[number - 1]
            size = sizes[number - 1]
            chunk = pool[at : at + size]
            at += size
            if state and number == count:
                points = tuple(dict.fromkeys(self.pick(self._state_points) for _ in range(3)))
                lead = instructions.pop()
                paras.append(_Para(number, mark, None, lead, points))
            elif not state and rnd() < 0.1:
                paras.append(_Para(number, mark, None, self.pick(self._leads), tuple(chunk[:4])))
            else:
                if state and len(instructions) > 3 and rnd() < 0.5:
                    chunk[:2] = [instructions.pop(), instructions.pop()]
                paras.append(_Para(number, mark, None, "  ".join(chunk), plain=True))
        if with_comment:
            comments = "  ".join(pieces(self._prose.comments, 2 + int(rnd() * 2), rnd))
            comment = comments.format_map(cast).replace("  ", " ")
            paras.append(_Para(count, marks[count - 1], None, f"Comment: {comments}  End Comment."))
        mentions = self._mentions(paras, references)
        for para in paras:
            para.lead = para.lead.format_map(cast)
            if para.bullets:
                para.bullets = tuple([b.format_map(cast) for b in para.bullets])
        self._headings(paras, cast, summary is not None, comment is not None)
        return paras, summary, comment, mentions

    def _marks(self, classification: str, count: int, state: bool) -> list[str | None]:
        """Portion marks that agree with the banner: at least one paragraph at its level.

        A Department instruction opens with an unclassified ``This is an action
        request`` paragraph.
        """
        rnd = self._rnd
        _, required, unmarked = _MARKS[classification]
        if unmarked and rnd() < unmarked:
            return [None] * count
        names, edges = _MARK_EDGES[classification]
        last = len(names) - 1
        marks: list[str | None] = [
            names[min(bisect.bisect_left(edges, rnd()), last)] for _ in range(count)
        ]
        first = 0
        if state:
            marks[0] = "SBU" if classification.startswith("UNCLASSIFIED//") else "U"
            first = 1
        if required not in marks[first:]:
            marks[first + int(rnd() * (count - first))] = required
        return marks

    def _mentions(
        self, paras: list[_Para], references: Sequence[SynthReference]
    ) -> tuple[SynthMention, ...]:
        """Cite the REF items inline now and then: ``(reftel)``, ``(ref B)``."""
        cables = [ref for ref in references if ref.reference_id]
        if not cables or self._rnd() < 0.4:
            return ()
        candidates = [p for p in paras if p.plain]
        if not candidates:
            return ()
        para = candidates[int(self._rnd() * len(candidates))]
        ref = cables[int(self._rnd() * len(cables))]
        text = "reftel" if len(references) == 1 else f"ref {ref.bullet}"
        sentences = para.lead.split("  ")
        at = int(self._rnd() * len(sentences))
        sentence = sentences[at]
        if sentence.endswith("."):
            sentences[at] = f"{sentence[:-1]} ({text})."
        else:
            sentences[at] = f"{sentence} ({text})"
        para.lead = "  ".join(sentences)
        return (SynthMention(text, para.number, ref.reference_id),)

    def _headings(self, paras: list[_Para], cast: Cast, summary: bool, comment: bool) -> None:
        """Section headings over a few paragraphs of longer cables; a heading holds
        until the next one."""
        if len(paras) < 6 or self._rnd() >= 0.3:
            return
        first = 1 if summary else 0
        last = len(paras) - (1 if comment else 0)
        if last - first < 3:
            return
        starts = {first + int(self._rnd() * (last - first)) for _ in range(2)} | {first}
        heading: str | None = None
        for i, para in enumerate(paras):
            if i in starts:
                text = self.pick(self._prose.headings)
                if self._rnd() < 0.3:
                    text = capital_first(cast["thing"])
                heading = text.upper() if self._rnd() < 0.45 else text
            para.heading = heading

    # -- sections ---------------------------------------------------------------------

    def _sectioned(
        self,
        req: Request,
        front: list[str],
        para_lines: list[str],
        sections: int,
        eo: str,
    ) -> list[str]:
        """Break the paragraphs into ``sections`` parts, each opened by a marker or banner."""
        repeat = self._rnd() < 0.25
        out = list(front)
        size = max(len(para_lines) // sections, 1)
        start = 0
        for number in range(2, sections + 1):
            cut = _cut_point(para_lines, number - 1, size, need_gap=repeat)
            if cut <= start:
                continue
            out += para_lines[start:cut]
            start = cut
            if repeat:
                out += ["", *self._repeated(req, sections, number, eo), ""]
            else:
                mark = f"{req.sender.banner} {req.serial:08d}  {number:03d} OF {sections:03d}"
                out += ["", mark, "", ""]
        out += para_lines[start:]
        return out

    def _repeated(self, req: Request, sections: int, number: int, eo: str) -> list[str]:
        lines = [self._banner(req, sections, number), ""]
        if req.marking.caveats:
            lines += [*req.marking.caveats, ""]
        lines += [eo, f"TAGS: {_tags_line(req.tags)}"]
        lines += wrap_lines(f"SUBJECT: {req.subject}")
        return lines


def _top_mark(marks: Sequence[str | None]) -> str | None:
    order = ("S/NF", "S", "C/NF", "C", "SBU", "U")
    for mark in order:
        if mark in marks:
            return mark
    return None


def _render_paragraphs(paras: Sequence[_Para], rnd: Callable[[], float]) -> list[str]:
    """Paragraph lines: headings (underlined or not), wrapped text, blank lines between."""
    lines: list[str] = []
    append = lines.append
    heading: str | None = None
    for para in paras:
        if para.heading is not None and para.heading != heading:
            append(para.heading)
            if para.heading != para.heading.upper() or rnd() < 0.6:
                append("-" * len(para.heading))
            append("")
        heading = para.heading
        if para.mark:
            append(f"{para.number}. ({para.mark}) {para.lead}")
        else:
            append(f"{para.number}. {para.lead}")
        for bullet in para.bullets:
            append(f"-- {bullet}")
        append("")
    lines.pop()
    return wrap_lines("\n".join(lines))


def _cut_point(lines: Sequence[str], k: int, size: int, *, need_gap: bool) -> int:
    """Where the ``k``-th section starts: near ``k * size``, inside running text
    (between two text lines) or, for a repeated banner, at a blank line between
    paragraphs."""
    target = min(k * size, len(lines) - 1)
    for offset in range(len(lines)):
        for at in (target + offset, target - offset):
            if 0 < at < len(lines) and _fits(lines, at, need_gap):
                return at
    return target


def _fits(lines: Sequence[str], at: int, need_gap: bool) -> bool:
    before, here = lines[at - 1], lines[at]
    if need_gap:
        return not before and here[:1].isdigit()
    after = lines[at + 1] if at + 1 < len(lines) else ""
    # inside running text, with at least two lines of the paragraph still to come
    return (
        bool(before and here and after)
        and not here.startswith("-")
        and not after.startswith("-")
        and not _is_heading(before)
    )


def _is_heading(line: str) -> bool:
    return (
        not line[:1].isdigit()
        and not line.startswith(" ")
        and len(line) < 70
        and (line.isupper() or set(line) == {"-"})
    )


def _with_pages(lines: list[str], req: Request, sections: int) -> list[str]:
    """A printed copy's ``PAGE 02 ...`` lines every so many lines, inside the text."""
    out: list[str] = []
    page = 2
    origin = req.sender.banner
    stamp = req.dtg.split()[-3]
    for i, line in enumerate(lines):
        before = lines[i - 1] if i else ""
        if i % _PAGE_LINES == 0 and line and before and not _is_heading(before):
            out.append(f"PAGE {page:02d}  {origin} {req.serial:05d}  01 OF {sections:02d}  {stamp}")
            page += 1
        out.append(line)
    return out


def _tags_line(tags: Sequence[str]) -> str:
    """TAGS as written: a person tag after OVIP goes in parentheses."""
    return " ".join(f"({tag})" if ", " in tag else tag for tag in tags)


def _ref_text(cited: Cited, year: int, rnd: Callable[[], float]) -> str:
    """``STATE 16868``, ``MUSCAT 00073``, ``06 MUSCAT 1735``, ``MUSCAT 1735 (06)``."""
    yy = f"{cited.year % 100:02d}"
    roll = rnd()
    if cited.banner.count(" ") >= _LONG_ORIGIN_SPACES and cited.year != year:
        # The parser does not yet read a year before a four-word origin
        # (``07 HO CHI MINH CITY 123``); the year after it is as real.
        return f"{cited.banner} {cited.serial} ({yy})"
    if cited.year == year:
        if roll < 0.6:
            return f"{cited.banner} {cited.serial}"
        if roll < 0.85:
            return f"{yy} {cited.banner} {cited.serial}"
        return f"{cited.banner} {cited.serial:05d}"
    if roll < 0.85:
        return f"{yy} {cited.banner} {cited.serial}"
    return f"{cited.banner} {cited.serial} ({yy})"


def _ref_lines(references: Sequence[SynthReference], rnd: Callable[[], float]) -> list[str]:
    if len(references) == 1:
        return [f"REF: {references[0].text}"]
    close = ")" if rnd() < 0.2 else "."
    lines = []
    for i, ref in enumerate(references):
        label = "REF: " if i == 0 else "     "
        lines.append(f"{label}{ref.bullet}{close} {ref.text}")
    return lines


def marking(classification: str, created: dt.datetime, rnd: Callable[[], float]) -> Marking:
    """The banner level and caveat lines of a cable of a release classification."""
    level = "U" if classification.startswith("UNCLAS") else classification[0]
    caveats: list[str] = []
    if classification.endswith("NOFORN"):
        caveats.append("NOFORN")
    elif classification.endswith("ONLY"):
        caveats.append("SENSITIVE")
    if level != "U":
        roll = rnd()
        if roll < 0.002:
            caveats.append("NODIS")
        elif roll < 0.017:
            caveats.append("EXDIS")
    if created.year >= 2006 and rnd() < 0.97:
        caveats.append("SIPDIS")
    return Marking(classification, level, tuple(caveats))


def classifier(
    sender: Sender,
    chief: tuple[str, str, str],
    dcm: tuple[str, str, str],
    other: tuple[str, str, str],
    rnd: Callable[[], float],
    pick: Callable[[Sequence[str]], str],
) -> tuple[str, str]:
    """Who classified the cable: ``(name, title)``."""
    if sender.token == "STATE":
        given, initial, surname = other
        return f"{given} {initial}. {surname}", pick(_STATE_TITLES)
    roll = rnd()
    title, role = next((t, r) for t, r, edge in _POST_TITLES if roll <= edge)
    if sender.kind == "consulate" and title == "Ambassador":
        title = "Consul General"
    elif sender.kind == "consulate" and role == "dcm":
        title, role = "Deputy Principal Officer", None
    given, initial, surname = chief if role == "chief" else dcm if role == "dcm" else other
    return f"{given} {initial}. {surname}", title
