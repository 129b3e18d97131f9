"""The generator: one pass over time, one cable per sending minute, in order.

A run owns a single :class:`random.Random`, seeded once, and draws from it in a
fixed order, so the same seed, count and years give byte-identical cables.
Nothing depends on ``hash()`` of strings (which changes between processes) or
on set order. State that must run on between cables (serial numbers per post
and year, circuit counters, the citation pools) is bounded, so the memory a run
needs does not grow with the number of cables.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
from collections.abc import Iterator, Sequence

from cablegram.synth import _body, _calendar, _vocab
from cablegram.synth._body import Bodies, Request
from cablegram.synth._citations import Citations, Cited
from cablegram.synth._header import WORDS, Headers, Routing, dtg_line
from cablegram.synth._model import SynthCable
from cablegram.synth._text import Prose
from cablegram.synth._world import Chiefs, Sender, senders

# Cablegate's classifications and their counts (251,287 cables).
CLASSIFICATIONS = (
    ("UNCLASSIFIED", 75_792),
    ("UNCLASSIFIED//FOR OFFICIAL USE ONLY", 58_095),
    ("CONFIDENTIAL", 97_070),
    ("CONFIDENTIAL//NOFORN", 4_678),
    ("SECRET", 11_322),
    ("SECRET//NOFORN", 4_330),
)
# Action precedence: routine, priority, immediate, flash (rare), by cumulative share.
_ACTIONS = ("R", "P", "O", "Z")
_ACTION_EDGES = (0.42, 0.78, 0.997, 1.0)
_LOWER = {"Z": "O", "O": "P", "P": "R"}
_SPLIT_PRECEDENCE = 0.15
_CHARGE_SIGNS = 0.1
_MAX_SERIAL = 999_999
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _cumulative(weights: Sequence[float]) -> list[float]:
    total = sum(weights)
    out = [w / total for w in itertools.accumulate(weights)]
    out[-1] = 1.0
    return out


class _Run:
    """Everything one run of the generator keeps between cables."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self._rnd = rng.random
        self._prose = Prose()
        self._bodies = Bodies(rng, self._prose, seed)
        self._headers = Headers(rng)
        self._citations = Citations(rng)
        self._chiefs = Chiefs(seed)
        self._senders = senders()
        self._sender_cumulative = _cumulative([s.weight for s in self._senders])
        self._focus = [s for s in self._senders if s.kind in ("embassy", "consulate")]
        self._focus_cumulative = _cumulative([s.weight for s in self._focus])
        self._topics = _vocab.topics()
        self._topic_cumulative = _cumulative([t.weight for t in self._topics])
        self._class_cumulative = _cumulative([float(n) for _, n in CLASSIFICATIONS])
        self._serials: dict[str, tuple[int, int]] = {}
        self._spans: dict[int, tuple[dt.datetime, float]] = {}
        self._org_tags = {
            region: tuple(self._prose.section(f"orgtags.{region}")[0].split())
            for region in ("EUR", "NEA", "AF", "EAP", "SCA", "WHA")
        }
        self._fips_by_region: dict[str, list[str]] = {}
        for code, country in self._prose.countries.items():
            self._fips_by_region.setdefault(country.region, []).append(code)
        names = self._prose.names
        self._given = tuple(name.rstrip("*") for name in names["american.given"])
        self._surnames = names["american.surname"]

    def pick(self, items: Sequence[str]) -> str:
        return items[int(self._rnd() * len(items))]

    def cable(self, created: dt.datetime) -> SynthCable:
        """The next cable, sent at ``created``."""
        rnd = self._rnd
        sender = self._senders[bisect.bisect_left(self._sender_cumulative, rnd())]
        serial = self._serial(sender, created)
        topic = self._topics[bisect.bisect_left(self._topic_cumulative, rnd())]
        classification = CLASSIFICATIONS[bisect.bisect_left(self._class_cumulative, rnd())][0]
        marking = _body.marking(classification, created, rnd)
        action = _ACTIONS[bisect.bisect_left(_ACTION_EDGES, rnd())]
        info = _LOWER[action] if action != "R" and rnd() < _SPLIT_PRECEDENCE else None
        focus = sender
        if sender.kind not in ("embassy", "consulate"):
            focus = self._focus[bisect.bisect_left(self._focus_cumulative, rnd())]
        cast = self._prose.cast(
            fips=focus.fips,
            city=focus.city,
            topic=topic.name,
            created=created,
            rnd=rnd,
        )
        if sender.token == "STATE" and rnd() < 0.7:
            subject = self._prose.state_subject(cast, self.pick)
        else:
            subject = self._prose.subject(topic.name, cast, self.pick)
        tags = self._tags(topic, sender, focus)
        minute = int((created - _EPOCH).total_seconds()) // 60
        cited = tuple(self._citations.choose(sender.token, sender.region, minute))
        signer, classifier = self._people(sender, created, marking.level)
        dtg = dtg_line(created, action, info)
        body = self._bodies.write(
            Request(
                sender=sender,
                serial=serial,
                created=created,
                marking=marking,
                topic=topic.name,
                tags=tags,
                subject=subject,
                cast=cast,
                cited=cited,
                signer=signer,
                classifier=classifier,
                dtg=dtg,
            )
        )
        header, to, info_lines = self._headers.render(
            Routing(sender, serial, created, action, info, marking.level, body.sections),
            focus=focus,
        )
        reference_id = f"{created.year % 100:02d}{sender.token}{serial}"
        self._citations.add(
            Cited(reference_id, created.year, sender.banner, serial, minute, sender.token),
            sender.region,
        )
        return SynthCable(
            reference_id=reference_id,
            created=created,
            origin_token=sender.token,
            origin=sender.name,
            classification=classification,
            caveats=marking.caveats,
            precedence=(WORDS[action], WORDS[info or action]),
            sender=sender.fm,
            recipients=to,
            info_recipients=info_lines,
            executive_order=body.executive_order,
            declassification=body.declassification,
            declassify_on=body.declassify_on,
            tags=body.tags,
            subject=body.subject,
            references=body.references,
            mentions=body.mentions,
            classified_by=body.classified_by,
            reasons=body.reasons,
            paragraphs=body.paragraphs,
            summary=body.summary,
            comment=body.comment,
            signers=body.signers,
            sections=body.sections,
            header=header,
            body=body.text,
        )

    def _people(
        self, sender: Sender, created: dt.datetime, level: str
    ) -> tuple[str, tuple[str, str] | None]:
        """Who signs (the chief of mission, now and then the charge) and who classified.

        Both come from the post's holders of office at the time, so a post's
        signature stays the same for a term, as real signer counts do.
        """
        rnd = self._rnd
        token = sender.token
        chief = self._chiefs.person(token, "chief", created.year, created.month)
        charge = token != "STATE" and rnd() < _CHARGE_SIGNS
        if not charge and level == "U":
            return chief[2].upper(), None
        dcm = self._chiefs.person(token, "dcm", created.year, created.month)
        signer = (dcm if charge else chief)[2].upper()
        if level == "U":
            return signer, None
        other = (self.pick(self._given), chr(65 + int(rnd() * 26)), self.pick(self._surnames))
        return signer, _body.classifier(sender, chief, dcm, other, rnd, self.pick)

    def _serial(self, sender: Sender, created: dt.datetime) -> int:
        """The next serial of ``sender`` in the year of ``created``.

        A post numbers every telegram it sends, and an archive holds only some
        of them, so serials follow the calendar: a cable sent a third of the way
        through the year carries about a third of the post's yearly count.
        They never repeat and never fall, however many cables are generated.
        """
        year = created.year
        last_year, last = self._serials.get(sender.token, (year, 0))
        if last_year != year:
            last = 0
        start, length = self._year_span(year)
        elapsed = (created - start).total_seconds() / length
        target = int(sender.serials * elapsed * (0.98 + 0.04 * self._rnd()))
        serial = min(max(target, last + 1), _MAX_SERIAL)
        if serial <= last:  # the six-digit serials are used up: never repeat one
            serial = last + 1
        self._serials[sender.token] = (year, serial)
        return serial

    def _year_span(self, year: int) -> tuple[dt.datetime, float]:
        """The start of ``year`` and its length in seconds."""
        found = self._spans.get(year)
        if found is None:
            start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
            length = (dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) - start).total_seconds()
            found = self._spans[year] = (start, length)
        return found

    def _tags(self, topic: _vocab.Topic, sender: Sender, focus: Sender) -> tuple[str, ...]:
        """3-7 TAGS: subject tags, program tags, an organisation, a person, places."""
        rnd = self._rnd
        codes = topic.tags
        subjects = [c for c in codes if not (c[0] == "K" and len(c) == 4)]
        programs = [c for c in codes if c[0] == "K" and len(c) == 4]
        out: list[str] = []
        if rnd() < 0.6:
            out.append(subjects[0])
        for _ in range(1 + int(rnd() * 3)):
            code = self.pick(subjects)
            if code not in out:
                out.append(code)
        for _ in range(int(rnd() ** 1.5 * 3)):
            if programs:
                code = self.pick(programs)
                if code not in out:
                    out.append(code)
        if sender.org_tag and sender.org_tag not in out:
            out.append(sender.org_tag)
        elif rnd() < 0.15:
            region = self._prose.countries[focus.fips].region
            code = self.pick(self._org_tags[region])
            if code not in out:
                out.append(code)
        if "OVIP" in out and rnd() < 0.5:
            person = f"{self.pick(self._surnames).upper()}, {self.pick(self._given).upper()}"
            out.insert(out.index("OVIP") + 1, person)
        places = [focus.fips]
        if rnd() < 0.2:
            region = self._prose.countries[focus.fips].region
            other = self.pick(self._fips_by_region[region])
            if other != focus.fips:
                places.append(other)
        for code in subjects:  # at least three TAGS in all
            if len(out) + len(places) >= 3:
                break
            if code not in out:
                out.append(code)
        return tuple(out[: 7 - len(places)] + places)


def generate_cables(
    count: int, *, seed: int = 0, start_year: int = 2003, end_year: int = 2010
) -> Iterator[SynthCable]:
    """Yield ``count`` synthetic cables, with what each was written from, oldest first."""
    if count < 0:
        raise ValueError(f"count must not be negative, not {count}")
    if end_year < start_year:
        raise ValueError(f"end_year {end_year} is before start_year {start_year}")
    rng = random.Random(seed)
    run = _Run(rng, seed)
    for created in _calendar.times(count, start_year, end_year, rng):
        yield run.cable(created)
