"""The Classified By line: who classified a cable, and under which reasons.

The people are invented; the shapes of the lines are the ones real cables use.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Person, Reason
from cablegram.parser.classified import extract_classified_by

MEANING_B = "Foreign government information"


def read(*lines: str, first_line: int = 1) -> tuple[tuple[Person, ...], tuple[Reason, ...], list]:
    return extract_classified_by(list(lines), first_line=first_line)


def letters(reasons: tuple[Reason, ...]) -> list[str]:
    return [f"{r.section}{r.letter}" for r in reasons]


def test_title_name_and_reasons_in_parentheses() -> None:
    people, reasons, diags = read(
        "Classified By: Ambassador Rupert K. Hallam for Reasons 1.4 (b, d)"
    )
    assert people == (Person(name="Rupert K. Hallam", title="Ambassador"),)
    assert letters(reasons) == ["1.4b", "1.4d"]
    assert diags == []


def test_reasons_carry_their_meaning() -> None:
    _people, reasons, _diags = read("Classified By: DCM Ana Ferro, reason 1.4 (b)")
    assert reasons == (Reason(section="1.4", letter="b", meaning=MEANING_B),)


def test_name_then_title_after_a_comma() -> None:
    people, reasons, _ = read("CLASSIFIED BY: Ines T. Varga, Ambassador; REASON: 1.4(B), (D)")
    assert people == (Person(name="Ines T. Varga", title="Ambassador"),)
    assert letters(reasons) == ["1.4b", "1.4d"]


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ("1.4(B) AND (D)", ["1.4b", "1.4d"]),
        ("REASONS 1.4 B/D", ["1.4b", "1.4d"]),
        ("E.O. 12958, REASONS 1.4 (B) AND (D)", ["1.4b", "1.4d"]),
        ("reasons 1.5 (D)", ["1.5d"]),
        ("reasons 1.4 (b) and (d).", ["1.4b", "1.4d"]),
        ("reason 1.4(b)(d)", ["1.4b", "1.4d"]),
        ("for reasons 1.4 (a), (b), and (c)", ["1.4a", "1.4b", "1.4c"]),
        ("per 1.4 (B and D).", ["1.4b", "1.4d"]),
        ("Reasons: 1.4 (b) an\nd (d)", ["1.4b", "1.4d"]),
        ("reasons 1 .4 (b,d)", ["1.4b", "1.4d"]),
        ("Reasons 1:4 b,d", ["1.4b", "1.4d"]),
    ],
)
def test_reasons_written_every_way(tail: str, expected: list[str]) -> None:
    _people, reasons, _ = read(*f"Classified By: DCM Ana Ferro, {tail}".split("\n"))
    assert letters(reasons) == expected


def test_two_people() -> None:
    people, _reasons, _ = read(
        "Classified By: Ambassador Rupert Hallam and DCM Ana Ferro, reasons 1.4 (b) and (d)"
    )
    assert people == (
        Person(name="Rupert Hallam", title="Ambassador"),
        Person(name="Ana Ferro", title="DCM"),
    )


def test_upper_case_name_is_title_cased_with_care() -> None:
    people, _reasons, _ = read("CLASSIFIED BY AMBASSADOR TOM MCKINNEY FOR REASONS 1.5 (B) AND (D).")
    assert people == (Person(name="Tom McKinney", title="Ambassador"),)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Classified By: POLOFF SEAN O'DWYER, REASONS 1.4 (B)", "Sean O'Dwyer"),
        ("Classified By: CHARGE LENA E.MARKS, REASONS 1.4 (B)", "Lena E. Marks"),
        ("Classified By: AMBASSADOR CARLA VAN DER BERG, REASON 1.4 (D)", "Carla van der Berg"),
        (
            "Classified By: AMBASSADOR PAUL J. TREMAINE, JR., REASONS 1.4 B AND D.",
            "Paul J. Tremaine, Jr.",
        ),
        ("Classified By: DCM Luis G, Amaro, Reason 1.4 (b) (d)", "Luis G. Amaro"),
    ],
)
def test_names_as_a_person_would_write_them(line: str, name: str) -> None:
    people, _reasons, _ = read(line)
    assert people[0].name == name


@pytest.mark.parametrize(
    ("line", "title"),
    [
        (
            "Classified By: POLITICAL COUNSELOR NORA BLYTHE FOR REASONS 1.4 (B)",
            "Political Counselor",
        ),
        (
            "Classified By: Deputy Chief of Mission Ana Ferro, reasons 1.4 (b)",
            "Deputy Chief of Mission",
        ),
        ("Classified By: Charge d'Affaires Ana Ferro, reasons 1.4 (b)", "Charge d'Affaires"),
        ("Classified By: Charge d’Affaires Ana Ferro, reasons 1.4 (b)", "Charge d'Affaires"),
        ("Classified By: A/S Marcus Olu for reasons 1.4 (b)", "A/S"),
        ("Classified By: Econ Counselor Ana Ferro for reasons 1.4 (b)", "Econ Counselor"),
        ("Classified By: PolOff Ana Ferro, reasons 1.4 (b)", "PolOff"),
        ("Classified By: Consul General Ana Ferro, reasons 1.4 (b)", "Consul General"),
        ("Classified By: Acting EUR DAS Ana Ferro, reasons 1.4 (b)", "Acting EUR DAS"),
        ("Classified By: ADCM Ana Ferro for reasons 1.4 (b)", "ADCM"),
    ],
)
def test_titles(line: str, title: str) -> None:
    people, _reasons, _ = read(line)
    assert people[0].title == title
    assert people[0].name is not None


def test_agency_after_the_name() -> None:
    people, _reasons, _ = read(
        "Classified By: Political Counselor Jane Doe, Department of State, POL. Reason 1.4 (d)"
    )
    assert people == (
        Person(name="Jane Doe", title="Political Counselor", agency="Department of State, POL"),
    )


def test_name_title_and_office_after_commas() -> None:
    people, reasons, _ = read("Classified By: NORA BLYTHE, DIRECTOR, INR/OPS. REASON: 1.4(C).")
    assert people == (Person(name="Nora Blythe", title="Director", agency="INR/OPS"),)
    assert letters(reasons) == ["1.4c"]


def test_name_without_title() -> None:
    people, _reasons, _ = read("Classified By: Ana Ferro, reasons 1.4 (b) and (d)")
    assert people == (Person(name="Ana Ferro"),)


def test_title_without_name() -> None:
    people, reasons, _ = read("Classified By: Charge d'Affaires, a.i., for reasons 1.4 (b) and (d)")
    assert people == (Person(name=None, title="Charge d'Affaires, a.i."),)
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_line_that_wraps_onto_the_next_line() -> None:
    people, reasons, _ = read(
        "Classified By: Acting Deputy Chief of Mission Ana Ferro,",
        "reasons 1.4(B) and (D).",
        "",
        "1. (C) Summary: Text.",
    )
    assert people[0].name == "Ana Ferro"
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_reasons_after_a_blank_line() -> None:
    _people, reasons, _ = read("Classified By: AMBASSADOR NORA BLYTHE, FOR REASON", "", "1.4(C).")
    assert letters(reasons) == ["1.4c"]


def test_reasons_wrapped_mid_section_number() -> None:
    _people, reasons, _ = read(
        "Classified By: Political Counselor Nora Blythe for reasons 1.", "4 (b,d).", ""
    )
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_heading_after_the_line_is_not_part_of_the_name() -> None:
    people, _reasons, diags = read("Classified By: Ambassador Nora Blythe", "SUMMARY", "-------")
    assert people == (Person(name="Nora Blythe", title="Ambassador"),)
    assert [d.code for d in diags] == ["classification-reason-missing"]


def test_label_run_into_the_subject_line() -> None:
    people, reasons, _ = read(
        "SUBJECT: PORT TALKS Classified By: Charge d'Affaires Ana Ferro, Reasons 1.4 (b) and (d)."
    )
    assert people[0].name == "Ana Ferro"
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_label_followed_by_the_first_paragraph_on_the_same_line() -> None:
    people, reasons, _ = read(
        "CLASSIFIED BY: Ines Varga, Ambassador, U.S. Embassy, Department of State. "
        "REASON: 1.4 (b), (d) 1. (C/NF) Summary: The minister agreed."
    )
    assert people == (
        Person(name="Ines Varga", title="Ambassador", agency="U.S. Embassy, Department of State"),
    )
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_label_inside_a_numbered_paragraph() -> None:
    people, _reasons, _ = read("1. (U) Classified by Ambassador Nora Blythe for reasons 1.5 (B).")
    assert people[0].name == "Nora Blythe"


def test_label_repeated() -> None:
    people, _reasons, _ = read("Classified By: Classified by CDA Ana Ferro for reason 1.4(d.)")
    assert people == (Person(name="Ana Ferro", title="CDA"),)


@pytest.mark.parametrize(
    "lines",
    [
        ("Classified By:", "Classified by Political Officer Ana Ferro; reasons", "1.4 (B) and (D)"),
        ("Classified By:", "CLASSIFIED BY POLITICAL OFFICER ANA FERRO, REASON 1.4 (D)"),
        ("Classified By: (U) CLASSIFIED BY POLITICAL OFFICER ANA FERRO, REASON: 1.4 (B).",),
        ("Classified By: CLASSIFIED CONFIDENTIAL BY POLITICAL OFFICER ANA FERRO, 1.4 (d).",),
    ],
)
def test_label_repeated_on_the_next_line_or_with_a_level(lines: tuple[str, ...]) -> None:
    people, reasons, diags = read(*lines)
    assert people == (Person(name="Ana Ferro", title="Political Officer"),)
    assert reasons
    assert diags == []


def test_reason_letters_without_a_section_are_read_as_1_4() -> None:
    _people, reasons, diags = read("Classified By: DCM Ana Ferro for reasons b, d.")
    assert letters(reasons) == ["1.4b", "1.4d"]
    assert [d.code for d in diags] == ["classification-reason-section-missing"]


def test_no_label_no_people_no_diagnostics() -> None:
    assert read("SUBJECT: NOTHING CLASSIFIED", "1. (U) Text.") == ((), (), [])


def test_classified_in_running_text_is_not_a_label() -> None:
    people, reasons, _ = read("5. (C) The report remains highly classified by the government.")
    assert (people, reasons) == ((), ())


def test_derived_classification_names_no_person() -> None:
    assert read("Classified By: Derived from Multiple Sources") == ((), (), [])


def test_redacted_classifier_keeps_the_reasons() -> None:
    people, reasons, _ = read("Classified By: XXXXXXXXXXXX for Reasons 1.4 (b) and (d)")
    assert people == ()
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_unreadable_line_is_reported_with_its_line_number() -> None:
    people, reasons, diags = read("TAGS: PREL", "Classified By: ...", first_line=30)
    assert (people, reasons) == ((), ())
    assert [(d.code, d.line) for d in diags] == [("classified-by-unreadable", 31)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=8))
def test_never_raises(lines: list[str]) -> None:
    people, reasons, diags = extract_classified_by(["Classified By: ", *lines], first_line=1)
    assert all(r.letter in "abcdefgh" for r in reasons)
    assert isinstance(diags, list)
    assert isinstance(people, tuple)


def test_label_found_after_many_lines_and_after_a_long_paragraph_line() -> None:
    long_line = "1. (C) " + "The port authority expanded its free zone. " * 60
    lines = ["SUBJECT: PORT", *[""] * 20, long_line, "Classified By: DCM Ana Ferro, reason 1.4 (b)"]
    people, reasons, _ = read(*lines)
    assert people == (Person(name="Ana Ferro", title="DCM"),)
    assert letters(reasons) == ["1.4b"]


def test_line_holding_a_newline_does_not_mislead_the_search() -> None:
    people, _reasons, diags = extract_classified_by(
        ["x\nclassified", "Classified By: DCM Ana Ferro, reason 1.4 (b)"], first_line=1
    )
    assert people == (Person(name="Ana Ferro", title="DCM"),)
    assert diags == []


def test_reasons_under_two_sections_keep_both() -> None:
    _people, reasons, _ = read(
        "Classified By: Ambassador Ines Varga", "for reasons 1.4 (b) and 1.5 (d)"
    )
    assert letters(reasons) == ["1.4b", "1.5d"]


def test_repeated_reason_letter_counts_once() -> None:
    _people, reasons, _ = read("Classified By: DCM Ana Ferro, reasons 1.4 (b), (d) and (b)")
    assert letters(reasons) == ["1.4b", "1.4d"]


@pytest.mark.parametrize("word", ["reaons", "resaons", "reasosn", "raesons"])
def test_a_misspelt_reasons_word_before_the_section_is_not_part_of_the_title(word: str) -> None:
    people, reasons, _ = read(f"Classified By: DCM Hugo Lanza for {word} 1.4 (b) & (d)")
    assert people == (Person(name="Hugo Lanza", title="DCM"),)
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_a_line_cut_in_mid_word_is_mended() -> None:
    people, reasons, _ = read(
        "Classified By: Interagency Provincial Affairs Deputy Coordinator Hoyt Y",
        "ee for reasons 1.4 (b) and (d)",
    )
    assert people == (
        Person(name="Hoyt Yee", title="Interagency Provincial Affairs Deputy Coordinator"),
    )
    assert letters(reasons) == ["1.4b", "1.4d"]
    people, reasons, _ = read(
        "Classified By: Political Counselor Pete Okafor for reasons 1.4 b and",
        " d",
    )
    assert people == (Person(name="Pete Okafor", title="Political Counselor"),)
    assert letters(reasons) == ["1.4b", "1.4d"]


def test_reasons_wrapped_in_capitals_and_a_word_cut_after_a_letter_are_read() -> None:
    people, reasons, _ = read(
        "Classified By: Principal Officer Ama Grey for reasons 1.4 (B)", "AND (D)"
    )
    assert people == (Person(name="Ama Grey", title="Principal Officer"),)
    assert letters(reasons) == ["1.4b", "1.4d"]
    people, reasons, _ = read(
        "Classified By:",
        "Classified By: Kathleen Amari, Minister Counselor, r",
        "eason 1.4, b and d.",
    )
    assert people == (Person(name="Kathleen Amari", title="Minister Counselor"),)
    assert letters(reasons) == ["1.4b", "1.4d"]
