"""The synthetic cable generator: deterministic, realistic, and read back exactly.

A module-scoped sample of generated cables feeds the distribution checks; a
smaller sample over several seeds is parsed back field by field.
"""

from __future__ import annotations

import collections
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

import cablegram
from cablegram import synth
from cablegram.readers import csv_release, telegram
from cablegram.synth import SynthCable
from cablegram.synth._world import senders

SAMPLE = 3000
CABLEGATE_TOTAL = sum(count for _, count in synth.CLASSIFICATIONS)
MARK_RANK = {None: 0, "U": 0, "SBU": 0, "C": 2, "C/NF": 2, "S": 3, "S/NF": 3}
BANNER_RANK = {"UNCLASSIFIED": 0, "CONFIDENTIAL": 2, "SECRET": 3}


@pytest.fixture(scope="module")
def sample() -> list[SynthCable]:
    """A few thousand cables of one seed, 2003-2010."""
    return list(synth.generate_cables(SAMPLE, seed=11))


def _words(text: str | None) -> str | None:
    return " ".join(text.split()) if text is not None else None


# -- determinism and layout ------------------------------------------------------------


def test_same_seed_gives_byte_identical_cables() -> None:
    first = list(synth.generate(60, seed=7))
    again = list(synth.generate(60, seed=7))
    other = list(synth.generate(60, seed=8))
    assert first == again
    assert first != other
    assert len(first) == 60


def test_output_does_not_depend_on_hash_randomisation() -> None:
    script = (
        "import hashlib; from cablegram import synth; "
        "print(hashlib.sha256(''.join(synth.generate(40, seed=4)).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1


def test_write_is_byte_identical_for_a_seed(tmp_path: Path) -> None:
    for run in ("a", "b"):
        synth.write(tmp_path / run / "csv", 120, seed=3, fmt="csv", shard_size=50)
        synth.write(tmp_path / run / "txt", 40, seed=3, fmt="txt")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    assert files_a == files_b
    for name in files_a:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_cables_come_oldest_first_within_the_years(sample: list[SynthCable]) -> None:
    times = [cable.created for cable in sample]
    assert times == sorted(times)
    assert times[0].year == 2003
    assert times[-1].year == 2010
    assert all(t.tzinfo is dt.UTC for t in times)


def test_reference_ids_are_unique(sample: list[SynthCable]) -> None:
    ids = [cable.reference_id for cable in sample]
    assert len(set(ids)) == len(ids)


def test_header_and_body_split_where_the_reader_splits(sample: list[SynthCable]) -> None:
    for cable in sample[:200]:
        assert telegram.split(telegram.normalize(cable.text)) == (cable.header, cable.body)


def test_csv_shards_read_back_through_cablegram_read(tmp_path: Path) -> None:
    stats = synth.write(tmp_path, 230, seed=5, fmt="csv", shard_size=100)
    assert stats.files == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cables-00001.csv",
        "cables-00002.csv",
        "cables-00003.csv",
    ]
    errors: list[cablegram.ReadError] = []
    cables = list(cablegram.read(tmp_path, on_error=errors.append))
    truth = list(synth.generate_cables(230, seed=5))
    assert errors == []
    assert [c.reference_id for c in cables] == [t.reference_id for t in truth]
    assert [c.rendering for c in cables] == ["csv"] * 230
    for cable, made in zip(cables, truth, strict=True):
        assert cable.diagnostics == ()
        assert cable.source_metadata["classification"] == made.classification
        assert cable.source_metadata["origin"] == made.origin
        assert cable.source_metadata.get("references", "") == " ".join(made.cited_ids)
        assert cable.subject == made.subject


def test_csv_rows_use_the_release_columns(sample: list[SynthCable]) -> None:
    cable = next(c for c in sample if c.cited_ids)
    row = synth.csv_row(17, cable)
    created = cable.created
    assert len(row) == 8
    assert row[0] == "17"
    assert (
        row[1]
        == f"{created.month}/{created.day}/{created.year} {created.hour}:{created.minute:02d}"
    )
    assert row[2:6] == [
        cable.reference_id,
        cable.origin,
        cable.classification,
        " ".join(cable.cited_ids),
    ]
    assert row[6:] == [cable.header, cable.body]


def test_csv_lines_escape_quotes_and_backslashes_as_the_release_does(
    sample: list[SynthCable],
) -> None:
    cable = msgspec.structs.replace(sample[0], body=sample[0].body + '\nA "quoted" C:\\path')
    line = synth.csv_line(4, cable)
    assert '\\"quoted\\"' in line
    assert "C:\\\\path" in line
    [(_, source)] = list(csv_release.sources(io.StringIO(line, newline=""), path="x.csv"))
    assert not isinstance(source, cablegram.ReadError)
    assert source.body.endswith('A "quoted" C:\\path')
    assert source.metadata["reference_id"] == cable.reference_id


def test_txt_files_are_laid_out_by_year_and_month(tmp_path: Path) -> None:
    stats = synth.write(tmp_path, 25, seed=9, fmt="txt")
    truth = list(synth.generate_cables(25, seed=9))
    for cable in truth:
        path = (
            tmp_path / f"{cable.created:%Y}" / f"{cable.created:%m}" / f"{cable.reference_id}.txt"
        )
        assert path.read_text("utf-8") == cable.text
    assert stats.files == 25
    assert sorted(str(c.reference_id) for c in cablegram.read(tmp_path)) == sorted(
        c.reference_id for c in truth
    )


def test_stats_count_what_was_written(tmp_path: Path) -> None:
    stats = synth.write(tmp_path, 90, seed=2, fmt="csv")
    truth = list(synth.generate_cables(90, seed=2))
    assert stats.cables == 90
    assert stats.bytes == sum(len(c.text.encode("utf-8")) for c in truth)
    assert stats.file_bytes == sum(p.stat().st_size for p in tmp_path.iterdir())
    assert stats.by_classification == dict(collections.Counter(c.classification for c in truth))
    assert stats.by_year == dict(collections.Counter(c.created.year for c in truth))
    assert stats.to_dict()["cables"] == 90


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fmt": "jsonl"}, "fmt"),
        ({"shard_size": 0}, "shard_size"),
        ({"start_year": 2009, "end_year": 2004}, "end_year"),
    ],
)
def test_write_rejects_bad_arguments(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        synth.write(tmp_path, 5, **kwargs)  # type: ignore[arg-type]


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count"):
        list(synth.generate(-1))


# -- parse-back ---------------------------------------------------------------------------


def _parse_back_mismatches(made: SynthCable) -> list[str]:
    """Every field where the parser's record differs from what was generated."""
    cable = cablegram.parse(made.text)
    found: dict[str, tuple[object, object]] = {
        "reference_id": (made.reference_id, cable.reference_id),
        "created": (made.created, cable.created),
        "classification": (made.classification, cable.classification),
        "caveats": (made.caveats, cable.caveats),
        "tags": (made.tags, cable.tags),
        "subject": (made.subject, cable.subject),
        "origin": (made.origin, cable.origin),
        "sender": (made.sender, cable.sender),
        "precedence": (made.precedence, (cable.precedence.action, cable.precedence.info)),
        "references": (
            [(r.bullet, r.text, r.reference_id) for r in made.references],
            [(r.bullet, r.text, r.reference_id) for r in cable.references],
        ),
        "mentions": (
            [tuple(m) for m in made.mentions],
            [(m.text, m.paragraph, m.reference_id) for m in cable.mentions],
        ),
        "signers": (made.signers, cable.signers),
        "portion_marks": (
            [(p.number, p.portion_mark) for p in made.paragraphs],
            [(p.number, p.portion_mark) for p in cable.paragraphs],
        ),
        "paragraph_text": (
            [_words(p.text) for p in made.paragraphs],
            [_words(p.text) for p in cable.paragraphs],
        ),
        "headings": (
            [p.heading for p in made.paragraphs],
            [p.heading for p in cable.paragraphs],
        ),
        "summary": (_words(made.summary), _words(cable.summary)),
        "comment": (_words(made.comment), _words(cable.comment)),
        "declassification": (
            (made.executive_order, made.declassification, made.declassify_on),
            (cable.executive_order, cable.declassification, cable.declassify_on),
        ),
        "classified_by": (
            made.classified_by,
            (cable.classified_by[0].name, cable.classified_by[0].title)
            if cable.classified_by
            else None,
        ),
        "reasons": (made.reasons, tuple(r.letter for r in cable.classification_reasons)),
        "recipients": (
            [tuple(a) for a in made.recipients],
            [(r.route, r.name, r.precedence, r.mcn, r.excluded) for r in cable.recipients],
        ),
        "info_recipients": (
            [tuple(a) for a in made.info_recipients],
            [(r.route, r.name, r.precedence, r.mcn, r.excluded) for r in cable.info_recipients],
        ),
        "diagnostics": ((), tuple(f"{d.code}: {d.message}" for d in cable.diagnostics)),
    }
    return [
        f"{made.reference_id} {name}: made {want!r}, parsed {got!r}"
        for name, (want, got) in found.items()
        if want != got
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_parser_reads_back_every_generated_field(seed: int) -> None:
    problems = [
        p for made in synth.generate_cables(120, seed=seed) for p in _parse_back_mismatches(made)
    ]
    assert problems == []


def test_parser_resolves_every_addressee(sample: list[SynthCable]) -> None:
    for made in sample[:150]:
        cable = cablegram.parse(made.text)
        unresolved = [r.name for r in (*cable.recipients, *cable.info_recipients) if r.kind is None]
        assert unresolved == [], made.reference_id


def test_de_line_agrees_with_the_date_time_group(sample: list[SynthCable]) -> None:
    for made in sample[:150]:
        cable = cablegram.parse(made.text)
        assert cable.station_time is not None
        late = cable.station_time - made.created
        assert dt.timedelta(0) <= late <= dt.timedelta(minutes=10), made.reference_id
        assert cable.station_time.date() == made.created.date()


def test_long_cables_come_in_sections_that_parse_whole(sample: list[SynthCable]) -> None:
    long = [c for c in sample if c.sections > 1][:40]
    assert len(long) >= 20
    for made in long:
        assert f"SECTION 01 OF {made.sections:02d}" in made.body
        assert _parse_back_mismatches(made) == []


# -- distributions ------------------------------------------------------------------------


def test_department_sends_about_a_fifth(sample: list[SynthCable]) -> None:
    share = sum(c.origin_token == "STATE" for c in sample) / len(sample)
    assert 0.17 <= share <= 0.23


def test_classifications_follow_cablegate_shares(sample: list[SynthCable]) -> None:
    counts = collections.Counter(c.classification for c in sample)
    for name, total in synth.CLASSIFICATIONS:
        expected = total / CABLEGATE_TOTAL
        assert abs(counts[name] / len(sample) - expected) < 0.03, name


def test_big_posts_send_far_more_than_small_ones(sample: list[SynthCable]) -> None:
    counts = collections.Counter(c.origin_token for c in sample if c.origin_token != "STATE")
    ranked = [n for _, n in counts.most_common()]
    assert counts["BAGHDAD"] >= 5 * max(counts["LUSAKA"], 1)
    assert sum(ranked[:20]) > sum(ranked[-100:])
    assert len(counts) > 150


def test_traffic_grows_towards_2008_and_2009(sample: list[SynthCable]) -> None:
    years = collections.Counter(c.created.year for c in sample)
    assert years[2009] > 2 * years[2004]
    assert years[2008] > years[2005] > years[2003]


def test_weekends_are_quiet(sample: list[SynthCable]) -> None:
    days = collections.Counter(c.created.weekday() for c in sample)
    assert days[6] * 2 < days[2]


def test_serials_rise_through_the_year_at_each_post(sample: list[SynthCable]) -> None:
    last: dict[tuple[str, int], int] = {}
    state_max = 0
    for cable in sample:
        serial = int(cable.reference_id[2 + len(cable.origin_token) :])
        key = (cable.origin_token, cable.created.year)
        assert serial > last.get(key, 0), cable.reference_id
        last[key] = serial
        if cable.origin_token == "STATE" and cable.created.year == 2008:
            state_max = max(state_max, serial)
    assert 60_000 < state_max <= 150_000
    assert last[("BAGHDAD", 2008)] > 1_000


def test_references_point_to_earlier_generated_cables(sample: list[SynthCable]) -> None:
    when = {c.reference_id: c.created for c in sample}
    cited = 0
    for cable in sample:
        assert len(cable.references) <= 5
        for ref_id in cable.cited_ids:
            assert ref_id in when, (cable.reference_id, ref_id)
            assert when[ref_id] < cable.created, (cable.reference_id, ref_id)
            cited += 1
    assert cited > len(sample) // 2


def test_citations_concentrate_on_a_few_cables(sample: list[SynthCable]) -> None:
    indegree = collections.Counter(ref for c in sample for ref in c.cited_ids)
    mean = sum(indegree.values()) / len(indegree)
    assert max(indegree.values()) >= 8 * mean
    assert indegree.most_common(1)[0][1] >= 10


def test_most_references_cite_the_same_post_or_the_department(sample: list[SynthCable]) -> None:
    near = total = 0
    for cable in sample:
        for ref_id in cable.cited_ids:
            total += 1
            near += ref_id[2:].startswith((cable.origin_token, "STATE"))
    assert near / total > 0.5


def test_portion_marks_agree_with_the_banner(sample: list[SynthCable]) -> None:
    for cable in sample:
        banner = BANNER_RANK[cable.classification.split("//")[0]]
        marks = [MARK_RANK[p.portion_mark] for p in cable.paragraphs]
        assert max(marks) == banner, cable.reference_id
        if cable.classification.endswith("NOFORN"):
            assert any(p.portion_mark and p.portion_mark.endswith("/NF") for p in cable.paragraphs)


def test_sipdis_appears_from_2006(sample: list[SynthCable]) -> None:
    before = [c for c in sample if c.created.year < 2006]
    after = [c for c in sample if c.created.year >= 2006]
    assert not any("SIPDIS" in c.caveats for c in before)
    assert sum("SIPDIS" in c.caveats for c in after) > 0.9 * len(after)


def test_new_executive_order_from_the_end_of_2009(sample: list[SynthCable]) -> None:
    for cable in sample:
        new = cable.created >= dt.datetime(2009, 12, 29, tzinfo=dt.UTC)
        assert cable.executive_order == ("13526" if new else "12958")
        if cable.declassify_on is not None:
            assert cable.declassify_on.year - cable.created.year in (9, 10, 24, 25)


def test_cables_before_1995_use_the_older_executive_order() -> None:
    for cable in synth.generate_cables(40, seed=1, start_year=1993, end_year=1994):
        assert cable.executive_order == "12356"
        assert cable.declassification in ("N/A", "DECL: OADR")
        assert cable.declassify_on is None


def test_text_is_plain_ascii_without_backslashes(sample: list[SynthCable]) -> None:
    for cable in sample:
        assert cable.text.isascii(), cable.reference_id
        assert "\\" not in cable.text
        assert "{" not in cable.text
        assert "}" not in cable.text
        assert not any(line != line.rstrip() for line in cable.text.split("\n"))


def test_a_post_keeps_its_signer_for_a_term(sample: list[SynthCable]) -> None:
    by_month: dict[tuple[str, int, int], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    for cable in sample:
        if cable.origin_token in ("BAGHDAD", "TOKYO", "STATE"):
            by_month[(cable.origin_token, cable.created.year, cable.created.month)][
                cable.signers[0]
            ] += 1
    shares = [c.most_common(1)[0][1] / sum(c.values()) for c in by_month.values()]
    assert sum(shares) / len(shares) > 0.8


def test_sizes_are_those_of_cablegate(sample: list[SynthCable]) -> None:
    mean = sum(len(c.text) for c in sample) / len(sample)
    assert 4_500 < mean < 8_000
    counts = [len(c.paragraphs) for c in sample]
    assert min(counts) >= 3
    assert max(counts) <= 15


def test_every_tag_is_one_the_tables_know(sample: list[SynthCable]) -> None:
    unknown = {
        tag
        for cable in sample
        for tag in cable.tags
        if cablegram.tags.describe(tag).kind == "unknown"
    }
    assert unknown == set()
    assert all(3 <= len(cable.tags) <= 7 for cable in sample)


def test_the_sending_posts_cover_the_posts_table() -> None:
    tokens = {sender.token for sender in senders()}
    assert senders()[0].token == "STATE"
    assert {"BAGHDAD", "TOKYO", "USUNNEWYORK", "USNATO", "HONGKONG", "MUSCAT"} <= tokens
    assert len(tokens) > 200
