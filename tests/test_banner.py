"""The banner and front matter: classification, caveats, E.O., TAGS, SUBJECT."""

from __future__ import annotations

import datetime as dt

import pytest

from cablegram.parser.banner import parse_banner, parse_front_matter

FRONT = """\
C O N F I D E N T I A L SECTION 01 OF 02 VALLETTA 000412

NOFORN
SIPDIS

E.O. 12958: DECL: 06/30/2019
TAGS: PREL PGOV MT LY
SUBJECT: MALTESE PRIME MINISTER WEIGHS IN ON LIBYAN
MIGRATION TALKS

REF: STATE 65432

1. (C) Summary: ..."""


def fm():
    return parse_front_matter(FRONT.split("\n"), first_line=1)


def test_spaced_banner_gives_marking_section_origin_and_serial() -> None:
    front = fm()
    assert front.marking == "CONFIDENTIAL"
    assert front.section is not None
    assert (front.section.number, front.section.total) == (1, 2)
    assert front.origin_words == "VALLETTA"
    assert front.serial == 412


def test_noforn_under_the_banner_makes_release_classification() -> None:
    front = fm()
    assert front.caveats == ["NOFORN", "SIPDIS"]
    assert front.classification == "CONFIDENTIAL//NOFORN"


def test_eo_line_gives_order_instruction_and_date() -> None:
    front = fm()
    assert front.executive_order == "12958"
    assert front.declassification == "DECL: 06/30/2019"
    assert front.declassify_on == dt.date(2019, 6, 30)


def test_tags_are_read_in_order() -> None:
    assert fm().tags == ["PREL", "PGOV", "MT", "LY"]


def test_wrapped_subject_is_one_line() -> None:
    assert fm().subject == "MALTESE PRIME MINISTER WEIGHS IN ON LIBYAN MIGRATION TALKS"


@pytest.mark.parametrize(
    ("line", "marking", "origin", "serial"),
    [
        ("S E C R E T ABU DHABI 000033", "SECRET", "ABU DHABI", 33),
        ("SS E C R E T TUNIS 000679", "SECRET", "TUNIS", 679),
        ("CSE C R E T BAKU 000744", "SECRET", "BAKU", 744),
        ("E C R E T SANAA 000473", "SECRET", "SANAA", 473),
        ("O N F I D E N T I A L BAGHDAD 000290", "CONFIDENTIAL", "BAGHDAD", 290),
        ("C ONFIDENTIAL PARIS 001501", "CONFIDENTIAL", "PARIS", 1501),
        ("UUNCLAS SAO PAULO 000104", "UNCLASSIFIED", "SAO PAULO", 104),
        ("S e c r e t state 068250", "SECRET", "STATE", 68250),
        ("SECRET ISLAMABAD 003418", "SECRET", "ISLAMABAD", 3418),
        ("UNCLAS SECTION 01 OF 04 PARIS 007884", "UNCLASSIFIED", "PARIS", 7884),
        ("T O P S E C R E T STATE 000012", "TOP SECRET", "STATE", 12),
        ("LIMITED OFFICIAL USE STATE 123456", "LIMITED OFFICIAL USE", "STATE", 123456),
    ],
)
def test_damaged_banners_are_read(line: str, marking: str, origin: str, serial: int) -> None:
    banner = parse_banner(line)
    assert banner is not None
    assert (banner.marking, banner.origin_words, banner.serial) == (marking, origin, serial)


@pytest.mark.parametrize(
    "line",
    ["SECRETARY RICE MET THE KING", "SUBJECT: SECRET TALKS", "1. (C) SECRET", ""],
)
def test_prose_is_not_a_banner(line: str) -> None:
    assert parse_banner(line) is None


def test_unclas_sensitive_is_for_official_use_only() -> None:
    front = parse_front_matter(
        ["UNCLAS SECTION 01 OF 03 LAGOS 000101", "", "SENSITIVE", "SIPDIS"], first_line=1
    )
    assert front.classification == "UNCLASSIFIED//FOR OFFICIAL USE ONLY"


def test_unclas_efto_is_kept_as_a_caveat() -> None:
    banner = parse_banner("UNCLAS E F T O STATE 201234")
    assert banner is not None
    assert banner.modifiers == ["EFTO"]
    assert banner.origin_words == "STATE"


def test_press_dateline_before_banner_is_read() -> None:
    front = parse_front_matter(
        ["Tuesday, 02 March 2010, 11:05", "S E C R E T OSLO 000088", "SIPDIS"], first_line=1
    )
    assert front.dateline == dt.datetime(2010, 3, 2, 11, 5, tzinfo=dt.UTC)
    assert front.banner_line == 2


def test_press_edited_tags_with_commas() -> None:
    front = parse_front_matter(
        ["S E C R E T OSLO 000088", "EO 12958 DECL: 2020/01/25", "TAGS PGOV, PREL, NO"],
        first_line=1,
    )
    assert front.tags == ["PGOV", "PREL", "NO"]
    assert front.declassify_on == dt.date(2020, 1, 25)


def test_wrapped_tags_line_continues() -> None:
    front = parse_front_matter(
        ["C O N F I D E N T I A L OSLO 000088", "TAGS: PREL PGOV ECON", "EFIN NO", "SUBJECT: X"],
        first_line=1,
    )
    assert front.tags == ["PREL", "PGOV", "ECON", "EFIN", "NO"]
    assert front.subject == "X"


def test_subject_stops_at_classified_by() -> None:
    front = parse_front_matter(
        [
            "SUBJECT: UAE FM DISCUSSES FINANCE",
            "WITH VISITING DELEGATION",
            "CLASSIFIED BY: Jane Roe, Ambassador; REASON: 1.4(B), (D)",
        ],
        first_line=1,
    )
    assert front.subject == "UAE FM DISCUSSES FINANCE WITH VISITING DELEGATION"


def test_subject_stops_at_a_page_marker_under_it() -> None:
    front = parse_front_matter(
        [
            "SUBJECT: MALTESE PRIME MINISTER WEIGHS IN ON LIBYAN",
            "MIGRATION TALKS",
            "VALLETTA 00000412 001.2 OF 002",
            "Classified By: Ambassador Jane Roe, reasons 1.4 (b) and (d)",
        ],
        first_line=1,
    )
    assert front.subject == "MALTESE PRIME MINISTER WEIGHS IN ON LIBYAN MIGRATION TALKS"


@pytest.mark.parametrize(
    ("line", "subject", "mark"),
    [
        ("SUBJECT: (C) EXILED BUSINESSMEN FLOAT A PLAN", "EXILED BUSINESSMEN FLOAT A PLAN", "C"),
        ("SUBJECT: (S//NF) LAKESIDE: THE FRONT REGROUPS", "LAKESIDE: THE FRONT REGROUPS", "S//NF"),
        ("SUBJECT: (U.S.) TRADE TALKS RESUME", "(U.S.) TRADE TALKS RESUME", None),
    ],
)
def test_the_subjects_portion_mark_is_kept_apart(line: str, subject: str, mark: str | None) -> None:
    front = parse_front_matter(["TAGS: PREL XX", line], first_line=1)
    assert (front.subject, front.subject_mark) == (subject, mark)
