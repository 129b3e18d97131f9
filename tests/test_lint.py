"""The cable linter: one fictional fixture per rule, the clean cables, the API, the docs.

Each fixture in ``tests/fixtures/lint/`` is a clean fictional cable with one
oddity; its name starts with the code of the rule it must fire, and it must fire
that rule and no other.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
from pathlib import Path

import msgspec
import pytest

import cablegram
from cablegram.linter import RULES, Finding, UnknownRuleError, format_finding, lint, selected_rules
from cablegram.model import Cable, Paragraph, Reference

LINT_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "lint-rules.md"

# Rules that read later section banners from ``Cable.body_text``: the parser drops
# those, so their fixtures are linted as a record whose body kept them (as a
# JSON Lines record from elsewhere may).
KEEPS_SECTION_BANNERS = frozenset({"CG512", "CG513"})


def fixture_text(name: str) -> str:
    return (LINT_FIXTURES / name).read_text(encoding="utf-8")


def parsed(name: str) -> Cable:
    return cablegram.parse(fixture_text(name))


def with_raw_body(cable: Cable, text: str) -> Cable:
    """The cable with the body as written, repeated section headers included."""
    header_lines = cable.header_text.count("\n") + 1
    body = "\n".join(text.strip("\n").split("\n")[header_lines:])
    return msgspec.structs.replace(cable, body_text=body.strip("\n"))


def fixture_for(code: str) -> Path:
    matches = sorted(LINT_FIXTURES.glob(f"{code.lower()}_*.txt"))
    assert len(matches) == 1, f"{code}: expected one fixture, found {matches}"
    return matches[0]


def cable_for(code: str) -> Cable:
    path = fixture_for(code)
    cable = parsed(path.name)
    if code in KEEPS_SECTION_BANNERS:
        cable = with_raw_body(cable, path.read_text(encoding="utf-8"))
    return cable


def codes(cable: Cable, **kwargs: object) -> list[str]:
    return [f.code for f in lint(cable, **kwargs)]  # type: ignore[arg-type]


def only(code: str) -> Finding:
    findings = lint(cable_for(code))
    assert [f.code for f in findings] == [code], findings
    return findings[0]


# --------------------------------------------------------------------------
# every rule: documented, with a fixture that fires it and nothing else


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_a_fixture_that_fires_it_alone(code: str) -> None:
    assert {f.code for f in lint(cable_for(code))} == {code}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_is_documented_with_its_severity_and_summary(code: str) -> None:
    rule = RULES[code]
    docs = DOCS.read_text(encoding="utf-8")
    section = re.search(rf"^### {code} {re.escape(rule.name)}\n(.*?)(?=^##|\Z)", docs, re.M | re.S)
    assert section is not None, f"{code} {rule.name} has no section in {DOCS.name}"
    assert f"**{rule.severity}**: {rule.summary}." in section.group(1)


def test_every_fixture_names_an_existing_rule() -> None:
    stems = [p.stem for p in LINT_FIXTURES.glob("cg*.txt")]
    assert stems
    assert all(stem[:5].upper() in RULES for stem in stems), stems


def test_rules_have_stable_shapes() -> None:
    names = [r.name for r in RULES.values()]
    assert len(set(names)) == len(names)
    for code, rule in RULES.items():
        assert re.fullmatch(r"CG[1-9]\d\d", code)
        assert rule.code == code
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.name)
        assert rule.severity in ("error", "warning", "info")
        assert rule.summary
        assert "\n" not in rule.summary
        assert len(rule.summary) <= 60
        assert len(rule.explanation) > len(rule.summary)


@pytest.mark.parametrize("name", ["clean.txt", "clean_unclassified.txt"])
def test_clean_cable_draws_no_finding(name: str) -> None:
    cable = parsed(name)
    assert cable.diagnostics == ()
    assert lint(cable) == []


def test_clean_multi_section_cable_with_its_banners_kept_draws_no_finding() -> None:
    cable = with_raw_body(parsed("clean.txt"), fixture_text("clean.txt"))
    assert "SECTION 02 OF 02" in cable.body_text
    assert lint(cable) == []


# --------------------------------------------------------------------------
# CG1xx markings


def test_banner_below_highest_portion_mark_is_an_error() -> None:
    finding = only("CG101")
    assert finding.severity == "error"
    assert "CONFIDENTIAL" in finding.message
    assert "(S)" in finding.message
    assert "at least SECRET" in finding.message


def test_banner_below_portion_mark_points_at_the_paragraph() -> None:
    cable = cable_for("CG101")
    third = next(p for p in cable.paragraphs if p.number == 3)
    assert only("CG101").line == third.line
    assert cable.text.split("\n")[third.line - 1].startswith("3. (S)")  # type: ignore[operator]


def test_noforn_portion_without_noforn_banner_is_a_warning() -> None:
    finding = only("CG102")
    assert finding.severity == "warning"
    assert "(C/NF)" in finding.message


def test_s_nf_portion_ranks_as_secret_and_needs_noforn() -> None:
    cable = parsed("clean.txt")
    paragraphs = list(cable.paragraphs)
    paragraphs[0] = msgspec.structs.replace(paragraphs[0], portion_mark="S//NF")
    found = codes(msgspec.structs.replace(cable, paragraphs=tuple(paragraphs)))
    assert found == ["CG101", "CG102"]


def test_noforn_banner_silences_the_noforn_rule() -> None:
    cable = cable_for("CG102")
    marked = msgspec.structs.replace(
        cable, classification="CONFIDENTIAL//NOFORN", caveats=("NOFORN", "SIPDIS")
    )
    assert lint(marked) == []


def test_sbu_portion_in_plain_unclas_cable_is_a_warning() -> None:
    assert "(SBU)" in only("CG103").message


def test_classified_cable_with_unmarked_paragraph_is_a_warning() -> None:
    finding = only("CG104")
    assert finding.message.startswith("paragraph 4 ")


def test_entire_text_marking_exempts_the_other_paragraphs() -> None:
    cable = cable_for("CG104")
    paragraphs = list(cable.paragraphs)
    paragraphs[0] = msgspec.structs.replace(paragraphs[0], portion_mark="C - ENTIRE TEXT")
    assert lint(msgspec.structs.replace(cable, paragraphs=tuple(paragraphs))) == []


def test_security_warning_disagreeing_with_banner_points_at_the_header_line() -> None:
    finding = only("CG105")
    assert finding.line == 4
    assert "SSSSS" in finding.message


def test_sipdis_on_top_secret_cable_is_an_error() -> None:
    assert only("CG106").severity == "error"


def test_sipdis_with_nodis_contradicts() -> None:
    assert "NODIS" in only("CG107").message


def test_noforn_on_plain_unclassified_cable_is_a_warning() -> None:
    assert only("CG108").severity == "warning"


def test_cable_without_any_classification_is_an_error() -> None:
    cable = cable_for("CG109")
    assert cable.classification is None
    assert only("CG109").severity == "error"


# --------------------------------------------------------------------------
# CG2xx dates and declassification


def test_de_line_three_days_after_dtg_is_flagged_at_the_de_line() -> None:
    finding = only("CG201")
    assert finding.line == 3
    assert "72 hours after" in finding.message


def _shifted_station_time(hours: float) -> Cable:
    cable = parsed("clean.txt")
    assert cable.created is not None
    later = cable.created + dt.timedelta(hours=hours)
    return msgspec.structs.replace(cable, station_time=later)


@pytest.mark.parametrize(
    ("hours", "flagged"), [(3, False), (23.5, False), (24.5, True), (-30, True)]
)
def test_de_line_tolerates_transmission_delay_up_to_a_day(hours: float, flagged: bool) -> None:
    assert ("CG201" in codes(_shifted_station_time(hours))) is flagged


def test_cable_without_date_time_group_is_a_warning() -> None:
    cable = cable_for("CG202")
    assert cable.created_source == "dateline"
    assert "dateline" in only("CG202").message


def test_declassification_before_cable_date_is_an_error_on_the_eo_line() -> None:
    finding = only("CG203")
    assert finding.severity == "error"
    assert cable_for("CG203").text.split("\n")[finding.line - 1].startswith("E.O. 12958")  # type: ignore[operator]


def test_unclassified_cable_with_declassification_date_is_a_warning() -> None:
    assert "N/A" in only("CG204").message


def test_record_of_release_is_not_a_declassification_instruction() -> None:
    cable = msgspec.structs.replace(
        cable_for("CG204"), declassification="DECLASSIFIED BY NARA 09/02/2009"
    )
    assert lint(cable) == []


def test_declassification_thirty_years_on_exceeds_the_limit() -> None:
    assert "30 years" in only("CG205").message


def test_declassification_exactly_twenty_five_years_on_is_fine() -> None:
    cable = msgspec.structs.replace(parsed("clean.txt"), declassify_on=dt.date(2033, 5, 3))
    assert lint(cable) == []


def test_classified_cable_marked_n_a_lacks_a_declassification_instruction() -> None:
    assert "N/A" in only("CG206").message


def test_oadr_after_e_o_12958_is_flagged() -> None:
    assert "OADR" in only("CG207").message


def test_oadr_under_e_o_12356_is_fine() -> None:
    cable = msgspec.structs.replace(
        cable_for("CG207"),
        created=dt.datetime(1989, 5, 3, 11, 30, tzinfo=dt.UTC),
        station_time=dt.datetime(1989, 5, 3, 11, 30, tzinfo=dt.UTC),
        executive_order="12356",
        classification_reasons=(),
    )
    assert "CG207" not in codes(cable)
    assert "CG301" not in codes(cable)


def test_exemption_code_after_2003_is_flagged() -> None:
    assert "X1-X8" in only("CG208").message


# --------------------------------------------------------------------------
# CG3xx executive order, Classified By, reasons


def test_e_o_13526_before_it_existed_is_an_error() -> None:
    finding = only("CG301")
    assert finding.severity == "error"
    assert "2009-12-29" in finding.message


def _citing(order: str, day: dt.date) -> Cable:
    when = dt.datetime(day.year, day.month, day.day, 11, 30, tzinfo=dt.UTC)
    return msgspec.structs.replace(
        parsed("clean.txt"),
        executive_order=order,
        created=when,
        station_time=when,
        declassify_on=dt.date(day.year + 10, day.month, day.day),
        classification_reasons=(),
        classified_by=(),
    )


@pytest.mark.parametrize(
    ("order", "day", "flagged"),
    [
        ("13526", dt.date(2009, 12, 28), True),
        ("13526", dt.date(2010, 1, 15), False),
        ("12958", dt.date(1995, 10, 13), True),
        ("12958", dt.date(1995, 10, 14), False),
        ("12958", dt.date(2010, 3, 1), False),  # 13526 took effect on 2010-06-27
        ("12958", dt.date(2010, 8, 20), False),  # within the 60-day grace
        ("12958", dt.date(2010, 9, 1), True),
        ("12356", dt.date(1996, 2, 1), True),
    ],
)
def test_executive_order_must_be_in_force_on_the_cable_date(
    order: str, day: dt.date, flagged: bool
) -> None:
    assert ("CG301" in codes(_citing(order, day), select=["CG301"])) is flagged


def test_unknown_executive_order_suggests_the_order_meant() -> None:
    assert only("CG302").message.endswith("perhaps E.O. 12958")


def test_classified_cable_without_eo_line_is_a_warning() -> None:
    assert only("CG303").line is None


def test_classified_cable_without_classified_by_is_a_warning() -> None:
    assert only("CG304").severity == "warning"


def test_derivatively_classified_cable_needs_no_classified_by() -> None:
    cable = cable_for("CG304")
    derived = msgspec.structs.replace(
        cable,
        body_text=cable.body_text.replace("REF: A.", "DERIVED FROM: DSCG 05-1 B, D\n\nREF: A."),
    )
    assert "CG304" not in codes(derived)


def test_classified_by_without_reasons_is_a_warning() -> None:
    finding = only("CG305")
    assert cable_for("CG305").text.split("\n")[finding.line - 1].startswith("Classified By")  # type: ignore[operator]


def test_reason_letter_outside_a_to_h_is_an_error() -> None:
    finding = only("CG306")
    assert finding.severity == "error"
    assert "(k)" in finding.message


def test_paragraph_glued_to_classified_by_is_not_read_as_reasons() -> None:
    cable = parsed("clean.txt")
    glued = cable.body_text.replace(
        "reasons 1.4 (b) and (d).\n", "reasons 1.4 (b) and (d). 1. (S) Summary\n"
    )
    assert lint(msgspec.structs.replace(cable, body_text=glued)) == []


def test_reason_h_before_2003_is_flagged() -> None:
    assert "2003-03-25" in only("CG307").message


def test_reasons_under_section_1_5_in_2008_are_an_info() -> None:
    finding = only("CG308")
    assert finding.severity == "info"
    assert "1.4" in finding.message


def test_unclassified_cable_with_classified_by_is_a_warning() -> None:
    assert only("CG309").line is not None


# --------------------------------------------------------------------------
# CG4xx front matter


def test_missing_subject_is_a_warning_without_a_line() -> None:
    finding = only("CG401")
    assert finding.line is None
    assert finding.severity == "warning"


def test_missing_tags_is_a_warning() -> None:
    assert only("CG402").message == "no TAGS line"


def test_unknown_tag_points_at_the_tags_line() -> None:
    finding = only("CG403")
    assert "QZRT" in finding.message
    assert cable_for("CG403").text.split("\n")[finding.line - 1].startswith("TAGS:")  # type: ignore[operator]


# --------------------------------------------------------------------------
# CG5xx paragraphs and sections


def test_skipped_paragraph_number_is_a_gap() -> None:
    assert only("CG501").message == "paragraph 4 follows paragraph 2 (3 missing)"


def test_paragraph_numbering_that_starts_late_is_a_gap() -> None:
    cable = parsed("clean.txt")
    late = tuple(msgspec.structs.replace(p, number=(p.number or 0) + 2) for p in cable.paragraphs)
    assert [f.message for f in lint(msgspec.structs.replace(cable, paragraphs=late))] == [
        "paragraph numbering starts at 3"
    ]


def test_repeated_paragraph_number_is_found_at_the_second_paragraph() -> None:
    finding = only("CG502")
    assert finding.message == "paragraph 3 opens again after paragraph 3"
    # The parser keeps the second marked "3." as a paragraph of its own, with its number.
    threes = [p.line for p in cable_for("CG502").paragraphs if p.number == 3]
    assert len(threes) == 2
    assert finding.line == threes[1]


def test_marked_sub_list_inside_a_paragraph_is_not_a_repeat() -> None:
    cable = parsed("clean.txt")
    listed = cable.body_text.replace(
        "publish the environmental study before the talks.",
        "publish two studies:\n\n1) (C) the environmental study;\n\n2) (C) the resettlement plan.",
    )
    assert lint(msgspec.structs.replace(cable, body_text=listed)) == []


def test_section_above_its_total_is_an_error() -> None:
    finding = only("CG510")
    assert finding.severity == "error"
    assert "SECTION 03 OF 02" in finding.message


def test_copy_starting_at_section_two_misses_section_one() -> None:
    assert only("CG511").message == "section 01 of 03 missing before SECTION 02"


def test_section_banners_with_different_totals_disagree() -> None:
    assert "OF 03" in only("CG512").message


def test_section_banner_seen_twice_is_repeated() -> None:
    finding = only("CG513")
    assert "SECTION 01 OF 02" in finding.message
    assert finding.line is not None
    assert finding.line > 40


def test_de_line_section_disagreeing_with_banner_is_a_warning() -> None:
    finding = only("CG514")
    assert finding.line == 3
    assert "section 02" in finding.message


# --------------------------------------------------------------------------
# CG6xx references


def test_reference_to_a_later_year_is_flagged() -> None:
    assert "2009 cable, cited by a 2008 cable" in only("CG601").message


def test_reference_to_a_later_serial_of_the_same_post_and_year_is_flagged() -> None:
    cable = cable_for("CG601")
    later = Reference(bullet="A", text="VIENTIANE 431", kind="cable", reference_id="08VIENTIANE431")
    earlier = Reference(
        bullet="B", text="VIENTIANE 388", kind="cable", reference_id="08VIENTIANE388"
    )
    other_post = Reference(
        bullet="C", text="STATE 41877", kind="cable", reference_id="08STATE41877"
    )
    refs = (later, earlier, other_post)
    findings = lint(msgspec.structs.replace(cable, references=refs))
    assert [f.message for f in findings] == [
        "REF A (VIENTIANE 431) is 08VIENTIANE431, numbered after this cable (08VIENTIANE412)"
    ]


def test_paragraph_citing_a_ref_letter_not_in_the_block_is_flagged() -> None:
    cable = cable_for("CG602")
    finding = only("CG602")
    third = next(p for p in cable.paragraphs if p.number == 3)
    assert finding.line == third.line
    assert "REF C" in finding.message


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("REF A", ["A"]),
        ("REFTEL", []),
        ("REFS A AND B", ["A", "B"]),
        ("REFS A-C", ["A", "B", "C"]),
        ("REFS A, C, E, F", ["A", "C", "E", "F"]),
        ("REFTELS", []),
        ("REF. B", ["B"]),
    ],
)
def test_cited_ref_letters_are_read_from_a_mention(text: str, letters: list[str]) -> None:
    from cablegram.linter.refs import cited_letters

    assert cited_letters(text) == letters


def test_reftel_without_a_ref_block_is_flagged() -> None:
    assert "no REF block" in only("CG603").message


# --------------------------------------------------------------------------
# the API


def _three_oddities() -> Cable:
    """No SUBJECT, no TAGS (no line), and an SSSSS header on a CONFIDENTIAL cable (line 4)."""
    cable = parsed("clean.txt")
    return msgspec.structs.replace(
        cable,
        subject=None,
        tags=(),
        security_warning="SSSSS",
        header_text=cable.header_text.replace("CCCCC", "SSSSS"),
    )


def test_findings_are_sorted_by_line_with_lineless_ones_first() -> None:
    findings = lint(_three_oddities())
    assert [f.code for f in findings] == ["CG401", "CG402", "CG105"]
    assert [f.line for f in findings] == [None, None, 4]


def test_select_and_ignore_take_codes_and_prefixes() -> None:
    cable = _three_oddities()
    assert codes(cable, select=["CG4"]) == ["CG401", "CG402"]
    assert codes(cable, ignore=["CG40"]) == ["CG105"]
    assert codes(cable, select=["cg401", "CG105"]) == ["CG401", "CG105"]
    assert codes(cable, select=["ALL"], ignore=["CG1", "CG402"]) == ["CG401"]
    assert codes(cable, select=[]) == []
    assert codes(cable, select="CG105") == ["CG105"]  # a lone string is one code, not letters


def test_unknown_selector_raises_a_cablegram_error() -> None:
    with pytest.raises(UnknownRuleError) as info:
        lint(parsed("clean.txt"), ignore=["CG999"])
    assert info.value.selector == "CG999"
    assert isinstance(info.value, cablegram.CablegramError)


def test_selected_rules_come_in_code_order() -> None:
    chosen = [r.code for r in selected_rules(select=["CG5", "CG1"])]
    assert chosen == sorted(chosen)
    assert chosen[0] == "CG101"
    assert chosen[-1].startswith("CG5")


def test_finding_to_dict_is_json_ready() -> None:
    finding = only("CG101")
    data = finding.to_dict()
    assert data == {
        "code": "CG101",
        "name": "banner-below-portion-mark",
        "severity": "error",
        "message": finding.message,
        "line": finding.line,
    }
    assert msgspec.json.decode(msgspec.json.encode(data)) == data


def test_format_finding_is_ruff_concise() -> None:
    finding = Finding(code="CG101", name="x", severity="error", message="banner too low", line=27)
    assert format_finding("a/b.txt", finding) == "a/b.txt:27: CG101 banner too low"
    lineless = Finding(code="CG401", name="x", severity="warning", message="no SUBJECT line")
    assert format_finding("c.txt", lineless) == "c.txt:1: CG401 no SUBJECT line"


def test_finding_is_frozen() -> None:
    finding = only("CG101")
    with pytest.raises(AttributeError):
        finding.line = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "UNCLAS", "S E C R E T SECTION 09 OF 00 X 1\n1. (TS//NF) x", "SECTION 1 OF 2"],
)
def test_lint_never_raises_on_odd_cables(text: str) -> None:
    assert isinstance(lint(cablegram.parse(text)), list)


def test_lint_of_an_empty_record_finds_nothing() -> None:
    assert lint(Cable()) == []


def test_paragraph_lines_in_findings_match_the_parsers_paragraph_lines() -> None:
    cable = cable_for("CG104")
    fourth = next(p for p in cable.paragraphs if p.number == 4)
    assert isinstance(fourth, Paragraph)
    assert only("CG104").line == fourth.line


# --------------------------------------------------------------------------
# the real corpus


@pytest.mark.corpus
def test_corpus_lints_without_exceptions_and_counts_per_rule(corpus_dir: Path) -> None:
    counts: collections.Counter[str] = collections.Counter()
    pages = sorted(corpus_dir.glob("*.html"))
    cables = [cablegram.parse(page.read_text(encoding="utf-8")) for page in pages]
    for cable in cables:
        counts.update(f.code for f in lint(cable))
    print(f"\nlinted {len(cables)} pages")
    for code in sorted(RULES):
        print(f"{code} {RULES[code].name}: {counts[code]}")
    assert len(cables) == len(pages) > 1000
    assert set(counts) <= set(RULES)
    # The sample is real traffic: most cables are clean, and the common oddities show.
    assert counts["CG202"] > 50  # partial extracts without a routing header
    assert counts["CG102"] > 10  # (S/NF) paragraphs under a SECRET banner
    assert counts["CG101"] < 20
    assert counts["CG106"] == 0


def test_a_subject_marked_above_the_banner_is_an_error() -> None:
    cable = parsed("clean.txt")
    assert lint(cable) == []
    marked = msgspec.structs.replace(cable, subject_mark="S")
    findings = [f for f in lint(marked) if f.code == "CG101"]
    assert len(findings) == 1
    assert "the subject is marked (S)" in findings[0].message
    assert cable.text.split("\n")[findings[0].line - 1].startswith("SUBJECT")  # type: ignore[operator,union-attr]
    assert lint(msgspec.structs.replace(cable, subject_mark="U")) == []
