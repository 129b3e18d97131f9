"""Canonical cable ids: ``canonical_id``, ``split_id`` and the id scanner."""

from __future__ import annotations

import pytest

from cablegram.parser.ids import IdHit, canonical_id, char_classes, scan_ids, split_id

# (as written, citing cable's year, canonical id)
CANONICAL_CASES = [
    # spaced forms written in cables
    ("STATE 16868", 2007, "07STATE16868"),
    ("06 MUSCAT 01735", 2007, "06MUSCAT1735"),
    ("2007 MANAGUA 2135", 2009, "07MANAGUA2135"),
    ("ROME 1234 (08)", 2009, "08ROME1234"),
    ("ROME 1234 (2008)", 2009, "08ROME1234"),
    ("ABU DHABI 123", 2009, "09ABUDHABI123"),
    ("SAO PAULO 12", 2009, "09SAOPAULO12"),
    ("USUN NEW YORK 55", 2009, "09USUNNEWYORK55"),
    ("ADDIS ABABA 7", 2009, "09ADDISABABA7"),
    ("SECSTATE 134796", 2005, "05STATE134796"),
    ("USUN 88", 2006, "06USUNNEWYORK88"),
    ("MADRID 00001914", 2006, "06MADRID1914"),
    ("07 state 75839", 2008, "07STATE75839"),
    ("Abu Dhabi 1384", 2003, "03ABUDHABI1384"),
    ("EMBASSY VIENNA 1", 2005, "05VIENNA1"),
    ("10SHENYANG 003", None, "10SHENYANG3"),
    ("09RIYADH 1302", 2010, "09RIYADH1302"),
    ("STATE 16868", 7, "07STATE16868"),
    # compact forms of the release, malformed ones included
    ("09CAIRO0561", None, "09CAIRO561"),
    ("06SECSTATE123", None, "06STATE123"),
    ("05RIO123", None, "05RIODEJANEIRO123"),
    ("09SECION02OF02NAIROBI417", None, "09NAIROBI417"),
    ("09SECTION02OF02NAIROBI417", None, "09NAIROBI417"),
    ("05EMBASSYVIENNA1", None, "05VIENNA1"),
    ("06BRUSELS12", None, "06BRUSSELS12"),
    ("  07MUSCAT154. ", None, "07MUSCAT154"),
]

NOT_IDS = [
    ("PARA 3", 2009),
    ("UNSCR 1701", 2009),
    ("SECTION 2", 2009),
    ("PARAS 3", 2009),  # one letter from PARIS: a typo is forgiven in compact ids only
    ("A. STATE 123", 2009),
    ("STATE 0", 2009),
    ("STATE 1234567", 2009),
    ("STATE", 2009),
    ("12345", 2009),
    ("", 2009),
    ("hello world", 2009),
    ("STATE 16868", None),  # no year written and none given
    ("WHITE HOUSE 853", 2009),
]


@pytest.mark.parametrize(("written", "year", "expected"), CANONICAL_CASES)
def test_canonical_id_turns_written_id_into_release_id(
    written: str, year: int | None, expected: str
) -> None:
    assert canonical_id(written, year=year) == expected


@pytest.mark.parametrize(("written", "year"), NOT_IDS)
def test_canonical_id_is_none_for_text_that_is_no_cable_id(written: str, year: int | None) -> None:
    assert canonical_id(written, year=year) is None


def test_canonical_id_prefers_the_written_year_over_the_citing_cables() -> None:
    assert canonical_id("06 MUSCAT 1735", year=2009) == "06MUSCAT1735"


def test_canonical_id_is_idempotent_on_canonical_ids() -> None:
    for _, _, expected in CANONICAL_CASES:
        assert canonical_id(expected) == expected


@pytest.mark.parametrize(
    ("ref_id", "expected"),
    [
        ("07MUSCAT154", (2007, "MUSCAT", 154)),
        ("88BAGHDAD28", (1988, "BAGHDAD", 28)),
        ("66STATE1", (1966, "STATE", 1)),
        ("99PRETORIA12315", (1999, "PRETORIA", 12315)),
        ("00HARARE6677", (2000, "HARARE", 6677)),
        ("10ABUDHABI33", (2010, "ABUDHABI", 33)),
        ("65STATE7", (2065, "STATE", 7)),
        ("07MUSCAT0154", (2007, "MUSCAT", 154)),
    ],
)
def test_split_id_gives_full_year_token_and_serial(
    ref_id: str, expected: tuple[int, str, int]
) -> None:
    assert split_id(ref_id) == expected


@pytest.mark.parametrize(
    "bad", ["", "MUSCAT154", "07MUSCAT", "7MUSCAT154", "07 MUSCAT 154", "07MUSCAT0"]
)
def test_split_id_is_none_for_other_shapes(bad: str) -> None:
    assert split_id(bad) is None


def _ids(text: str, *, year: int | None = 2009, in_context: bool = True) -> list[str | None]:
    return [hit.reference_id for hit in scan_ids(text, year=year, in_context=in_context)]


def test_scan_finds_every_id_of_a_list_in_order() -> None:
    text = "A. 99 PRETORIA 12315  B. 00 CAPE TOWN 2150  C. PRETORIA 425"
    assert _ids(text, year=2001) == ["99PRETORIA12315", "00CAPETOWN2150", "01PRETORIA425"]


def test_scan_splits_serials_sharing_post_and_year() -> None:
    assert _ids("09 BERLIN 12 AND 13") == ["09BERLIN12", "09BERLIN13"]


def test_scan_reads_a_number_before_a_post_as_that_ids_year() -> None:
    assert _ids("LAHORE 25 07 ISLAMABAD 5138", year=2008) == ["08LAHORE25", "07ISLAMABAD5138"]


def test_scan_does_not_take_the_next_ids_year_as_a_second_serial() -> None:
    assert _ids("07 ALGIERS 1807 AND 08 ALGIERS 0075") == ["07ALGIERS1807", "08ALGIERS75"]


def test_scan_skips_page_headers_of_the_cable() -> None:
    assert _ids("MADRID 00001914 001.2 OF 003") == []


def test_scan_ignores_intelligence_report_numbers() -> None:
    assert _ids("USDAO NAIROBI IIR 6 854 0108 08 291553Z JAN 08") == []


def test_scan_in_prose_takes_upper_case_ids_and_written_years() -> None:
    text = "As reported in STATE 12345 and 06 MUSCAT 1735, the talks resumed."
    assert _ids(text, in_context=False) == ["09STATE12345", "06MUSCAT1735"]


def test_scan_in_prose_rejects_years_counts_and_typos() -> None:
    text = "See PARAS 3 AND 4. In London 2012, the G8 met; Toronto 11 (down from 18)."
    assert _ids(text, in_context=False) == []


def test_scan_in_prose_takes_mixed_case_ids_only_when_cited() -> None:
    assert _ids("as before (Bamako 538), he said", in_context=False) == ["09BAMAKO538"]
    assert _ids("see Harare 885 for details", in_context=False) == ["09HARARE885"]
    assert _ids("the Harare 885 delegates", in_context=False) == []


def test_scan_in_prose_takes_compact_ids_with_their_year() -> None:
    assert _ids("per 08CAIRO0561 the office", in_context=False) == ["08CAIRO561"]


def test_scan_ignores_section_counts_before_a_post() -> None:
    assert _ids("section 01 of 02 khartoum 000881", year=2009, in_context=False) == [
        "09KHARTOUM881"
    ]


def test_scan_leaves_id_unresolved_without_any_year() -> None:
    assert _ids("STATE 12345", year=None) == [None]


def test_scan_in_prose_skips_page_headers_of_older_cables() -> None:
    text = "CONFIDENTIAL PTQ1865 PAGE 01 HARARE 06677 02 OF 03 161457Z and PAGE 02 STATE 123456"
    assert _ids(text, year=2000, in_context=False) == []


def test_scan_in_prose_skips_other_agencies_numbering() -> None:
    assert _ids("This is a re-transmission of USDAO TEL AVIV 3188.", in_context=False) == []


# --- the fast readings: same answers as the general one ----------------------------


def test_id_alone_with_a_note_after_it_ends_at_the_serial() -> None:
    assert scan_ids("2007 BUENOS AIRES 311 (NOTAL)", year=2009) == [
        IdHit(0, 21, "07BUENOSAIRES311", dated=True)
    ]


def test_four_digit_number_out_of_the_year_window_is_not_the_ids_year() -> None:
    assert scan_ids("1955 STATE 12", year=2009) == [IdHit(5, 13, "09STATE12")]


def test_three_word_post_after_a_year_is_one_id() -> None:
    assert scan_ids("05 RIO DE JANEIRO 404", year=2009) == [
        IdHit(0, 21, "05RIODEJANEIRO404", dated=True)
    ]


def test_id_in_running_text_after_a_common_word_and_a_date_is_found() -> None:
    text = "On 12 March STATE 12345 reached the ministry."
    assert scan_ids(text, year=2007, in_context=False) == [IdHit(12, 23, "07STATE12345")]


def test_compact_id_after_a_common_word_is_found_in_running_text() -> None:
    text = "As reported in March 09CAIRO0561, the talks stalled."
    assert [h.reference_id for h in scan_ids(text, year=2009, in_context=False)] == ["09CAIRO561"]


@pytest.mark.parametrize("word", ["March", "about", "the", "paragraph", "USD"])
def test_numbers_after_common_words_are_no_ids(word: str) -> None:
    assert scan_ids(f"The talks ({word} 0885) went on.", year=2009, in_context=False) == []


def test_class_map_keeps_offsets_of_non_ascii_text() -> None:
    classes = char_classes("\u2018State 12\u2019 ref")
    assert classes == b".STATE 00. REF"
