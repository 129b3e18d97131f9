"""Snippets: the passage around the first match, with the matches marked."""

from __future__ import annotations

from cablegram.archive.query import Phrase, Term
from cablegram.archive.search_marks import MARK_END, MARK_START
from cablegram.archive.snippets import ELLIPSIS, SIZE, Matcher, snippet

BODY = (
    "1. (C) Summary: Foreign Minister Arvelo told the Ambassador on 3 May that the\n"
    "Prime Minister would survive the no-confidence\n"
    "vote by a comfortable margin. The electoral commission chairman agreed.\n"
    "Elections are due in the spring. Anticorruption laws wait. End summary."
)


def marked(text: str) -> list[str]:
    parts = text.split(MARK_START)[1:]
    return [part.split(MARK_END)[0] for part in parts]


def test_a_phrase_matches_across_a_line_break_and_a_hyphen() -> None:
    text = snippet("SUBJECT", BODY, [Phrase(("no", "confidence", "vote"))])
    assert text is not None
    assert marked(text) == ["no-confidence vote"]
    assert "\n" not in text


def test_prefixes_match_word_starts_and_every_match_in_the_window_is_marked() -> None:
    text = snippet("SUBJECT", BODY, [Term("elect", prefix=True)])
    assert text is not None
    assert marked(text) == ["electoral", "Elections"]


def test_a_word_inside_a_longer_word_does_not_match() -> None:
    assert snippet("SUBJECT", "Anticorruption laws wait.", [Term("corruption")]) is None
    assert Matcher([Term("corruption")]).spans("(corruption) and anticorruption") == [(1, 11)]


def test_the_passage_is_cut_to_size_with_ellipses_where_text_was_left_out() -> None:
    body = " ".join(f"w{i}" for i in range(100)).replace("w50", "margin")
    text = snippet("SUBJECT", body, [Term("margin")])
    assert text is not None
    words = text.replace(MARK_START, "").replace(MARK_END, "").split()
    assert words == [ELLIPSIS, *(f"w{i}" for i in range(44, 50)), "margin"] + [
        f"w{i}" for i in range(51, 68)
    ] + [ELLIPSIS]
    assert len(words) == SIZE + 2


def test_the_subject_answers_when_the_body_does_not() -> None:
    text = snippet("Elections in Nepal", "Nothing here.", [Term("elections")])
    assert text == f"{MARK_START}Elections{MARK_END} in Nepal"


def test_no_match_gives_no_snippet() -> None:
    assert snippet("Subject", BODY, [Term("zambia")]) is None
    assert snippet("Subject", BODY, []) is None


def test_prose_is_preferred_to_the_subject_line_of_the_front_matter() -> None:
    body = "TAGS: PREL TU\nSUBJECT: TURKISH STAFF TALKS\n\n1. (C) The Turkish side agreed."
    text = snippet("TURKISH STAFF TALKS", body, [Term("turkish")])
    assert text is not None
    assert marked(text) == ["Turkish"]


def test_the_place_holding_more_of_the_query_words_wins() -> None:
    filler = " ".join(["word"] * 60)
    body = f"Oil prices rose. {filler} Oil and gas talks resumed. {filler}"
    text = snippet("S", body, [Term("oil"), Term("gas")])
    assert text is not None
    assert marked(text) == ["Oil", "gas"]
