"""The parser never raises on text: random text, damaged cables, huge inputs.

A failure inside the parser would surface as a ``parser-error`` diagnostic (the
safety net in ``parse``); these tests require that it never fires either.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cablegram
from tests.renderings import METADATA, fixture_names, load, to_html, to_markdown

FIXTURES = [load(name) for name in fixture_names()]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like cables: the characters and words the parser keys on.
CABLE_WORDS = st.sampled_from(
    [
        "VZCZCXRO1234",
        "PP",
        "RUEHC",
        "DE",
        "#0154/01",
        "0451412",
        "ZNY",
        "CCCCC",
        "ZZH",
        "P",
        "141412Z",
        "FEB",
        "07",
        "FM",
        "TO",
        "INFO",
        "XMT",
        "BT",
        "S E C R E T",
        "UNCLAS",
        "SECTION 01 OF 02",
        "E.O. 12958:",
        "DECL:",
        "02/14/2017",
        "TAGS:",
        "SUBJECT:",
        "REF:",
        "A.",
        "STATE 16868",
        "Classified By:",
        "1.4 (b, d)",
        "1. (C)",
        "Summary:",
        "End Summary.",
        "PAGE 02",
        "NNNN",
        "<pre>",
        "</pre>",
        "&#x000A;",
        "[1](#)",
        "\n",
        "\n\n",
        "  ",
        "|",
        "<<218634>>",
    ]
)


def assert_clean(cable: cablegram.Cable) -> None:
    assert isinstance(cable, cablegram.Cable)
    assert "parser-error" not in {d.code for d in cable.diagnostics}
    cablegram.Cable.from_json(cable.to_json())  # and the record always serialises


@SETTINGS
@given(st.text())
def test_any_text_parses_without_raising(text: str) -> None:
    assert_clean(cablegram.parse(text))


@SETTINGS
@given(st.lists(CABLE_WORDS, max_size=80).map(" ".join))
def test_cable_shaped_noise_parses_without_raising(text: str) -> None:
    assert_clean(cablegram.parse(text))


@SETTINGS
@given(st.sampled_from(FIXTURES), st.integers(min_value=0, max_value=20_000))
def test_truncated_cables_parse_without_raising(text: str, cut: int) -> None:
    assert_clean(cablegram.parse(text[:cut]))


@SETTINGS
@given(
    st.sampled_from(FIXTURES),
    st.lists(st.tuples(st.integers(0, 20_000), st.text(max_size=12)), max_size=12),
)
def test_mutated_cables_parse_without_raising(text: str, edits: list[tuple[int, str]]) -> None:
    for position, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + len(insert) :]
    assert_clean(cablegram.parse(text))


@SETTINGS
@given(st.sampled_from(fixture_names()), st.integers(0, 60_000))
def test_truncated_pages_parse_without_raising(name: str, cut: int) -> None:
    page = to_html(load(name), METADATA[name])
    assert_clean(cablegram.parse(page[:cut]))
    markdown = to_markdown(load(name), METADATA[name])
    assert_clean(cablegram.parse(markdown[: cut // 4]))


@pytest.mark.parametrize("size", [1_000_000, 5_000_000])
def test_huge_inputs_parse(size: int) -> None:
    cable = cablegram.parse(("A" * 99 + "\n") * (size // 100))
    assert_clean(cable)
    long_cable = FIXTURES[0] + "\n".join(f"{n}. (C) Text." for n in range(1, size // 20))
    assert_clean(cablegram.parse(long_cable))


def test_one_huge_line_parses() -> None:
    assert_clean(cablegram.parse("S E C R E T STATE 000001 " + "WORD " * 400_000))


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\x00\x00", "\ufeff", "\r\n" * 50])
def test_empty_and_blank_text_gives_an_empty_record(text: str) -> None:
    cable = cablegram.parse(text)
    assert_clean(cable)
    assert cable.reference_id is None
