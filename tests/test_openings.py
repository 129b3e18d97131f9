"""How a paragraph opens: its number, numbering style and portion mark.

The lines are invented; the forms are the ones cables use.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parser.openings import mark_start, normalize_portion_mark, para_start
from cablegram.parser.paragraphs import _has_letters


@pytest.mark.parametrize(
    ("line", "opening"),
    [
        ("12. (S/NF) The minister agreed.", (12, "S/NF", "The minister agreed.")),
        ("3) (C) Turnout was low.", (3, "C", "Turnout was low.")),
        ("(4) (U) Details follow.", (4, "U", "Details follow.")),
        ("Para 5. (SBU) The plan.", (5, "SBU", "The plan.")),
        ("2. ( c ) Spaced mark.", (2, "C", "Spaced mark.")),
        ("7. The point, unmarked.", (7, None, "The point, unmarked.")),
    ],
)
def test_numbered_opening_gives_number_mark_and_text(
    line: str, opening: tuple[int, str | None, str]
) -> None:
    found = para_start(line)
    assert found is not None
    number, _style, mark, rest = found
    assert (number, mark, rest) == opening


def test_numbering_styles_differ_so_a_list_in_another_style_is_not_a_paragraph() -> None:
    styles = {para_start(line)[1] for line in ("1. Text.", "1) Text.", "(1) Text.")}  # type: ignore[index]
    assert len(styles) == 3


@pytest.mark.parametrize(
    "line", ["1984-1993, he served abroad.", "PARIS FOR THE DELEGATION", "(about $15 million)"]
)
def test_years_words_and_asides_are_not_openings(line: str) -> None:
    assert para_start(line) is None


def test_parenthesis_that_is_not_a_mark_stays_in_the_text() -> None:
    assert para_start("1) (Reftel) The request.") == (1, ")", None, "(Reftel) The request.")


def test_mark_alone_opens_an_unnumbered_paragraph() -> None:
    assert mark_start("(S//NF) We have learned.") == (None, "mark", "S//NF", "We have learned.")
    assert mark_start("(Iran) is not a mark.") is None


def test_normalised_marks_are_cached_without_changing_the_answer() -> None:
    first = normalize_portion_mark("s / nf")
    assert first == "S/NF"
    assert normalize_portion_mark("s / nf") == first


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_ascii_letter_test_agrees_with_case_mapping(s: str) -> None:
    assert _has_letters(s) == (s.upper() != s.lower())


def test_a_long_release_mark_is_one_portion_mark() -> None:
    line = "3. (S/REL TO USA, AUS, CAN, GBR, NZL, ISAF AND NATO) The convoy moved."
    assert para_start(line) == (
        3,
        ".",
        "S/REL TO USA, AUS, CAN, GBR, NZL, ISAF AND NATO",
        "The convoy moved.",
    )
