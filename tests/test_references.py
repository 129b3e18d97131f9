"""REF blocks (``extract_references``) and inline citations (``extract_mentions``).

Every fixture is an invented cable front matter: realistic layout, fictional content.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Paragraph, Reference
from cablegram.parser.references import extract_mentions, extract_references

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cablegate-html"

FRONT = """\
C O N F I D E N T I A L MUSCAT 000154

SIPDIS

E.O. 12958: DECL: 02/14/2017
TAGS: PREL ECON MU
SUBJECT: OMANI PORT AUTHORITY PLANS NEW FREE ZONE
"""

BODY = """\
Classified By: Ambassador Jane Q. Doe for Reasons 1.4 (b, d)

1. (C) Summary: The port authority briefed econoff on a new zone. End Summary.
"""


def refs(
    block: str, *, year: int | None = 2007, self_id: str | None = "07MUSCAT154"
) -> tuple[Reference, ...]:
    """The references of an invented cable whose REF block is ``block``."""
    found, _ = extract_references(
        (FRONT + block + BODY).split("\n"), first_line=1, year=year, self_id=self_id
    )
    return found


def ids(block: str) -> list[str | None]:
    return [r.reference_id for r in refs(block)]


# --- years and ids -------------------------------------------------------------


def test_ref_without_year_takes_year_of_cable() -> None:
    assert ids("REF: STATE 16868\n") == ["07STATE16868"]


def test_ref_to_own_post_well_past_own_serial_without_year_is_of_the_year_before() -> None:
    assert ids("REF: A. MUSCAT 1735\nB. MUSCAT 160\nC. 07 MUSCAT 1735\nD. 07MUSCAT 1736\n") == [
        "06MUSCAT1735",  # serials start again each year: 1735 came before 154 of 2007
        "07MUSCAT160",  # close to 154: left in the cable's year
        "07MUSCAT1735",  # a year written is kept
        "07MUSCAT1736",  # a year glued to the post, serial apart
    ]


def test_ref_with_two_digit_year_keeps_its_year_and_drops_leading_zeros() -> None:
    assert ids("REF: 06 MUSCAT 01735\n") == ["06MUSCAT1735"]


def test_ref_with_four_digit_year_keeps_its_year() -> None:
    assert ids("REF: 2005 MANAGUA 2135\n") == ["05MANAGUA2135"]


def test_ref_with_year_in_brackets_after_serial_keeps_that_year() -> None:
    assert ids("REF: ROME 1234 (06)\n") == ["06ROME1234"]


def test_ref_with_year_in_brackets_before_the_post_keeps_that_year() -> None:
    assert ids("REF: A. BRASILIA 1250\nB. (06) SAO PAULO 581\nC. (C) ROME 12\n") == [
        "07BRASILIA1250",
        "06SAOPAULO581",
        "07ROME12",  # a portion mark in brackets is no year
    ]


def test_a_ref_block_repeated_with_a_repeated_header_counts_once() -> None:
    block = "REF: 07 STATE 122115; 07 MUSCAT 148\n\nRef: 07 state 122115; 07 muscat 148\n"
    assert ids(block) == ["07STATE122115", "07MUSCAT148"]
    # two blocks that cite different cables both count
    assert ids("REF: A. STATE 11\n\nREF: B. STATE 12\n") == ["07STATE11", "07STATE12"]


def test_ref_naming_two_serials_gives_one_reference_per_id() -> None:
    found = refs("REF: A. 06 BERLIN 12 AND 13\n")
    assert [r.reference_id for r in found] == ["06BERLIN12", "06BERLIN13"]
    assert {(r.bullet, r.text) for r in found} == {("A", "06 BERLIN 12 AND 13")}


def test_ref_joins_spaced_origins() -> None:
    block = (
        "REF: A. ABU DHABI 123\n"
        "     B. SAO PAULO 12\n"
        "     C. USUN NEW YORK 55\n"
        "     D. ADDIS ABABA 9\n"
    )
    assert ids(block) == [
        "07ABUDHABI123",
        "07SAOPAULO12",
        "07USUNNEWYORK55",
        "07ADDISABABA9",
    ]


def test_ref_writes_secstate_as_state_and_usun_as_usunnewyork() -> None:
    assert ids("REF: A. SECSTATE 4411 B. USUN 87\n") == ["07STATE4411", "07USUNNEWYORK87"]


def test_ref_reads_compact_release_ids() -> None:
    assert ids("REF: 06CAIRO0561\n") == ["06CAIRO561"]


def test_ref_without_any_year_is_a_cable_without_id() -> None:
    found = refs("REF: STATE 16868\n", year=None)
    assert [(r.kind, r.reference_id) for r in found] == [("cable", None)]


def test_ref_is_mixed_case_in_sentence_cased_cables() -> None:
    assert ids("Ref: a. State 77660\nb. Berlin 1000\n") == ["07STATE77660", "07BERLIN1000"]


def test_word_and_number_that_name_no_post_is_not_a_cable() -> None:
    found = refs("REF: A. UNSCR 1701\n     B. PARA 3 OF STATE 5510\n")
    assert [(r.bullet, r.kind, r.reference_id) for r in found] == [
        ("A", "document", None),
        ("B", "cable", "07STATE5510"),
    ]


# --- labels -------------------------------------------------------------------


@pytest.mark.parametrize("label", ["REF:", "REFS:", "REFTEL:", "REFERENCE:", "Ref:", "REF :"])
def test_every_ref_label_opens_a_block(label: str) -> None:
    assert ids(f"{label} STATE 16868\n") == ["07STATE16868"]


def test_lettered_labels_give_their_letter_as_bullet() -> None:
    found = refs("REF A: STATE 16868\nREF B: MUSCAT 73\n")
    assert [(r.bullet, r.reference_id) for r in found] == [
        ("A", "07STATE16868"),
        ("B", "07MUSCAT73"),
    ]


def test_ref_label_run_into_the_subject_line_is_found() -> None:
    lines = [
        "C O N F I D E N T I A L MUSCAT 000154",
        "SUBJECT: PORT TALKS RESUME REF: MUSCAT 00079  Classified By: Jane Q. Doe, 1.4 (b)",
        "",
        "1. (C) Text.",
    ]
    found, _ = extract_references(lines, first_line=1, year=2007, self_id=None)
    assert [(r.text, r.reference_id) for r in found] == [("MUSCAT 00079", "07MUSCAT79")]


def test_label_repeated_inside_the_block_is_dropped() -> None:
    assert ids("REF: REFTEL KABUL 02245\n") == ["07KABUL2245"]


def test_ref_none_gives_no_references_and_no_diagnostic() -> None:
    found, diagnostics = extract_references(
        (FRONT + "REF: NONE\n" + BODY).split("\n"), first_line=1, year=2007, self_id=None
    )
    assert found == ()
    assert diagnostics == []


# --- bullets -------------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    [
        "REF: A. STATE 16868\n     B. MUSCAT 73\n",
        "REF: A) STATE 16868\n     B) MUSCAT 73\n",
        "REF: (A) STATE 16868\n     (B) MUSCAT 73\n",
        "REF: A: STATE 16868\n     B: MUSCAT 73\n",
        "REF: a. STATE 16868\n     b. MUSCAT 73\n",
    ],
)
def test_every_bullet_style_gives_lettered_references(block: str) -> None:
    found = refs(block)
    assert [(r.bullet, r.reference_id) for r in found] == [
        ("A", "07STATE16868"),
        ("B", "07MUSCAT73"),
    ]


def test_several_bulleted_refs_on_one_line_are_split() -> None:
    found = refs("REF: A) STATE 123 B) MUSCAT 45 C) 06 MUSCAT 1735\n")
    assert [(r.bullet, r.text, r.reference_id) for r in found] == [
        ("A", "STATE 123", "07STATE123"),
        ("B", "MUSCAT 45", "07MUSCAT45"),
        ("C", "06 MUSCAT 1735", "06MUSCAT1735"),
    ]


def test_dotted_bullets_on_one_line_need_a_gap_so_initials_stay_text() -> None:
    found = refs("REF: A. STATE 123  B. JOHN C. DOE E-MAIL OF MAY 3\n")
    assert [(r.bullet, r.kind, r.text) for r in found] == [
        ("A", "cable", "STATE 123"),
        ("B", "email", "JOHN C. DOE E-MAIL OF MAY 3"),
    ]


def test_doubled_bullets_of_the_release_count_once() -> None:
    found = refs("REF: A. A) STATE 123\n     B. (B) MUSCAT 45\n")
    assert [(r.bullet, r.text) for r in found] == [("A", "STATE 123"), ("B", "MUSCAT 45")]


def test_wikileaks_anchor_before_bullet_is_ignored() -> None:
    found = refs("REF: A. STATE 123\n\u00b6B. MUSCAT 45\n     \u00b6C. 06 MUSCAT 99\n")
    assert [r.bullet for r in found] == ["A", "B", "C"]


def test_unbulleted_refs_separated_by_semicolons_are_separate_references() -> None:
    found = refs("REF: MUSCAT 101; MUSCAT 99; 06 MUSCAT 1735\n")
    assert [(r.bullet, r.text) for r in found] == [
        (None, "MUSCAT 101"),
        (None, "MUSCAT 99"),
        (None, "06 MUSCAT 1735"),
    ]


def test_unbulleted_ref_with_and_previous_stays_one_reference() -> None:
    found = refs("REF: MUSCAT 101 AND PREVIOUS\n")
    assert [(r.text, r.reference_id) for r in found] == [("MUSCAT 101 AND PREVIOUS", "07MUSCAT101")]


def test_bulleted_item_wrapped_over_lines_is_one_reference() -> None:
    block = (
        "REF: A) MUSCAT 182 -- PORT AUTHORITY ASKS FOR CUSTOMS\n"
        "TRAINING\n"
        "B) MUSCAT 49 -- FREE ZONE LAW PASSES\n"
    )
    found = refs(block)
    assert [(r.bullet, r.text) for r in found] == [
        ("A", "MUSCAT 182 -- PORT AUTHORITY ASKS FOR CUSTOMS TRAINING"),
        ("B", "MUSCAT 49 -- FREE ZONE LAW PASSES"),
    ]


def test_id_cut_by_a_line_break_is_joined() -> None:
    assert ids("REF: (A) STATE 071143, (B) MUSCAT\n0136\n") == ["07STATE71143", "07MUSCAT136"]


def test_notal_and_similar_notes_stay_in_the_text() -> None:
    found = refs("REF: A. MUSCAT 248 (NOTAL)\n")
    assert [(r.text, r.reference_id) for r in found] == [("MUSCAT 248 (NOTAL)", "07MUSCAT248")]


# --- where a block ends ----------------------------------------------------------


def test_block_ends_at_classified_by() -> None:
    found = refs("REF: STATE 16868\n")
    assert len(found) == 1


def test_block_ends_at_classified_by_on_the_same_line() -> None:
    front = FRONT + "REF: STATE 16868 Classified By: Ambassador Jane Q. Doe, reasons 1.4 (b)\n"
    found, _ = extract_references(front.split("\n"), first_line=1, year=2007, self_id=None)
    assert [(r.text, r.reference_id) for r in found] == [("STATE 16868", "07STATE16868")]


def test_block_ends_at_first_numbered_paragraph() -> None:
    lines = (FRONT + "REF: STATE 16868\n1. (U) MUSCAT 45 is not a reference here.\n").split("\n")
    found, _ = extract_references(lines, first_line=1, year=2007, self_id=None)
    assert [r.reference_id for r in found] == ["07STATE16868"]


def test_block_ends_at_blank_line_followed_by_text() -> None:
    lines = (
        FRONT + "REF: STATE 16868\n\nSensitive but unclassified, MUSCAT 45 aside.\n" + BODY
    ).split("\n")
    found, _ = extract_references(lines, first_line=1, year=2007, self_id=None)
    assert [r.reference_id for r in found] == ["07STATE16868"]


def test_block_goes_on_after_blank_line_with_the_next_bullet() -> None:
    assert ids("REF: A. STATE 16868\n\n     B. MUSCAT 73\n") == ["07STATE16868", "07MUSCAT73"]


def test_block_ends_at_tags_line() -> None:
    text = (
        "C O N F I D E N T I A L MUSCAT 000154\n"
        "REF: STATE 16868\n"
        "TAGS: PREL MUSCAT 45\n"
        "SUBJECT: PORT TALKS\n"
    )
    found, _ = extract_references(text.split("\n"), first_line=1, year=2007, self_id=None)
    assert [r.reference_id for r in found] == ["07STATE16868"]


def test_block_ends_at_portion_marked_line() -> None:
    lines = (FRONT + "REF: STATE 16868\n(SBU) Econoff delivered MUSCAT 45 points.\n").split("\n")
    found, _ = extract_references(lines, first_line=1, year=2007, self_id=None)
    assert [r.reference_id for r in found] == ["07STATE16868"]


def test_portion_mark_c_is_not_taken_for_bullet_c() -> None:
    block = "REF: A. STATE 16868\n     B. MUSCAT 73\n(C) Econoff met the minister.\n"
    assert ids(block) == ["07STATE16868", "07MUSCAT73"]


def test_ref_block_after_classified_by_is_found() -> None:
    text = FRONT + "Classified By: Ambassador Jane Q. Doe, reasons 1.4 (d)\n\nREF: STATE 16868\n\n"
    found, _ = extract_references(
        (text + "1. (C) Text.\n").split("\n"), first_line=1, year=2007, self_id=None
    )
    assert [r.reference_id for r in found] == ["07STATE16868"]


def test_every_ref_block_counts() -> None:
    text = FRONT + "REF: STATE 16868\n\nClassified By: Jane Q. Doe, 1.4 (d)\n\nREFS: MUSCAT 73\n\n"
    found, _ = extract_references(
        (text + "1. (C) Text.\n").split("\n"), first_line=1, year=2007, self_id=None
    )
    assert [r.reference_id for r in found] == ["07STATE16868", "07MUSCAT73"]


def test_ref_label_in_the_body_is_not_a_block() -> None:
    text = FRONT + BODY + "2. (C) More.\nREF: STATE 99\n"
    found, _ = extract_references(text.split("\n"), first_line=1, year=2007, self_id=None)
    assert found == ()


def test_page_header_inside_block_is_skipped() -> None:
    block = "REF: A. MUSCAT 101\n\nMUSCAT 00000154  001.2 OF 003\n\n     B. MUSCAT 99\n"
    assert ids(block) == ["07MUSCAT101", "07MUSCAT99"]


def test_cable_does_not_cite_itself() -> None:
    assert ids("REF: A. MUSCAT 154 B. MUSCAT 150\n") == ["07MUSCAT150"]


# --- kinds and diagnostics -------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("STATE 16868", "cable"),
        ("DOE-ROE E-MAIL OF 3/14/07", "email"),
        ("PORT AUTHORITY MEMO OF JUNE 2", "memo"),
        ("FEB 24 DOE-ROE TELCON", "telcon"),
        ("MARCH 3 MEETING WITH PORT AUTHORITY", "meeting"),
        ("SECDEF MSG DTG 301601Z SEP 06", "message"),
        ("IIR 6 832 0617 07", "report"),
        ("MINISTRY DIPLOMATIC NOTE 277/31", "document"),
        ("XXXXXXXXXXXX", "other"),
    ],
)
def test_reference_kind_follows_what_the_item_is(item: str, kind: str) -> None:
    found = refs(f"REF: A. {item}\n")
    assert [(r.kind, r.text) for r in found] == [(kind, item)]


def test_item_not_understood_gets_info_diagnostic_with_its_line() -> None:
    lines = (FRONT + "REF: A. STATE 16868\n     B. ZORBLAT QUIMBY\n" + BODY).split("\n")
    found, diagnostics = extract_references(lines, first_line=10, year=2007, self_id=None)
    assert [r.kind for r in found] == ["cable", "other"]
    assert [(d.code, d.severity, d.line) for d in diagnostics] == [
        ("ref-unparsed", "info", 10 + lines.index("     B. ZORBLAT QUIMBY"))
    ]


def test_no_ref_block_gives_nothing() -> None:
    found, diagnostics = extract_references(
        (FRONT + BODY).split("\n"), first_line=1, year=2007, self_id=None
    )
    assert (found, diagnostics) == ((), [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=30))
def test_references_and_mentions_never_raise(lines: list[str]) -> None:
    lines = ["REF: A. " + lines[0], *lines[1:]] if lines else lines
    found, _ = extract_references(lines, first_line=1, year=2007, self_id=None)
    paragraphs = [Paragraph(number=i, text=line) for i, line in enumerate(lines)]
    extract_mentions(paragraphs, year=2007, self_id=None, references=found)


# --- mentions ---------------------------------------------------------------------

REFERENCES = (
    Reference(bullet="A", text="STATE 16868", kind="cable", reference_id="07STATE16868"),
    Reference(bullet="B", text="MUSCAT 73", kind="cable", reference_id="07MUSCAT73"),
    Reference(bullet="C", text="DOE-ROE E-MAIL", kind="email"),
    Reference(bullet="D", text="MUSCAT 80", kind="cable", reference_id="07MUSCAT80"),
)


def mentions(
    *texts: str, references: tuple[Reference, ...] = REFERENCES
) -> list[tuple[int | None, str, str | None]]:
    paragraphs = [Paragraph(number=n, text=t) for n, t in enumerate(texts, start=1)]
    found = extract_mentions(paragraphs, year=2007, self_id="07MUSCAT154", references=references)
    return [(m.paragraph, m.text, m.reference_id) for m in found]


def test_ref_letter_mention_resolves_to_that_bullets_id() -> None:
    assert mentions("The minister repeated (ref B) his view.") == [(1, "ref B", "07MUSCAT73")]


def test_mention_of_a_non_cable_item_has_no_id() -> None:
    assert mentions("As ref C said, the zone opens soon.") == [(1, "ref C", None)]


def test_mention_of_several_letters_gives_one_mention_each() -> None:
    assert mentions("See refs A and B.") == [
        (1, "refs A and B", "07STATE16868"),
        (1, "refs A and B", "07MUSCAT73"),
    ]


def test_mention_of_a_letter_range_covers_the_range() -> None:
    assert [m[2] for m in mentions("(REFS B-D)")] == ["07MUSCAT73", None, "07MUSCAT80"]


def test_a_lower_case_letter_in_brackets_cites_a_block_without_bullets() -> None:
    unlettered = tuple(msgspec.structs.replace(r, bullet=None) for r in REFERENCES[:2])
    assert mentions("The talks (ref a) went well.", references=unlettered) == [
        (1, "ref a", "07STATE16868")
    ]
    assert mentions("See ref b request.", references=unlettered) == [(1, "ref", None)]


def test_plural_refs_alone_cite_every_cable_of_the_block() -> None:
    assert mentions("As reported (refs), the zone opens soon.") == [
        (1, "refs", "07STATE16868"),
        (1, "refs", "07MUSCAT73"),
        (1, "refs", "07MUSCAT80"),
    ]
    assert [m[2] for m in mentions("Reftels described the talks.")] == [
        "07STATE16868",
        "07MUSCAT73",
        "07MUSCAT80",
    ]


def test_reftel_resolves_when_there_is_exactly_one_reference() -> None:
    one = (REFERENCES[0],)
    assert mentions("Post delivered reftel points.", references=one) == [
        (1, "reftel", "07STATE16868")
    ]


def test_reftel_stays_unresolved_with_several_references() -> None:
    assert mentions("Post delivered reftel points.") == [(1, "reftel", None)]


def test_lower_case_letter_that_is_no_bullet_is_read_as_a_word() -> None:
    one = (Reference(bullet=None, text="STATE 16868", kind="cable", reference_id="07STATE16868"),)
    assert mentions("Per ref a request came in.", references=one) == [(1, "ref", "07STATE16868")]


def test_letters_cite_a_block_without_bullets_in_the_order_written() -> None:
    unlettered = (
        Reference(bullet=None, text="MUSCAT 73", kind="cable", reference_id="07MUSCAT73"),
        Reference(bullet=None, text="MUSCAT 80", kind="cable", reference_id="07MUSCAT80"),
    )
    assert mentions("As Ref B said, and ref(a) before it.", references=unlettered) == [
        (1, "Ref B", "07MUSCAT80"),
        (1, "ref(a)", "07MUSCAT73"),
    ]


def test_letter_in_brackets_after_ref() -> None:
    assert mentions("He told us (Ref (D)) that it would.") == [(1, "Ref (D)", "07MUSCAT80")]


def test_cable_id_written_in_a_paragraph_is_a_mention() -> None:
    assert mentions("Unlike STATE 12345, and as in 06 MUSCAT 1735, the port grew.") == [
        (1, "STATE 12345", "07STATE12345"),
        (1, "06 MUSCAT 1735", "06MUSCAT1735"),
    ]


def test_numbers_after_words_that_name_no_post_are_not_mentions() -> None:
    assert mentions("Under UNSCR 1701 (see PARA 3 and SECTION 2) the port opened.") == []


def test_reftel_followed_by_an_id_is_that_id() -> None:
    assert mentions("The tanks (REFTEL MUSCAT 00078) arrived.") == [
        (1, "MUSCAT 00078", "07MUSCAT78")
    ]


def test_mentions_carry_their_paragraph_number_and_repeat_once_per_paragraph() -> None:
    assert mentions("Ref A and ref A again.", "Ref A once more.") == [
        (1, "Ref A", "07STATE16868"),
        (2, "Ref A", "07STATE16868"),
    ]


def test_own_id_in_a_paragraph_is_not_a_mention() -> None:
    assert mentions("This corrects MUSCAT 154 of this week.") == []


def test_ref_block_kept_in_an_unnumbered_paragraph_is_not_mentioned_again() -> None:
    paragraphs = [
        Paragraph(number=None, text="PORT TALKS REF: A. STATE 16868 B. MUSCAT 73"),
        Paragraph(number=1, text="The minister agreed (ref A)."),
    ]
    found = extract_mentions(paragraphs, year=2007, self_id="07MUSCAT154", references=REFERENCES)
    assert [(m.paragraph, m.text) for m in found] == [(1, "ref A")]


# --- the real corpus ----------------------------------------------------------------

_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A REF label at a line start, not followed by NONE or N/A.
_HAS_REF = re.compile(
    r"(?im)^[\s\u00b6]*(?:REFERENCES?|REFTELS?|REFS?)(?:[ \t]+[A-Z])?[ \t]*:"
    r"(?![ \t]*(?:NONE|N/A)\b)"
)


def _body(page: str) -> str:
    blocks = _PRE.findall(page)
    return html.unescape(_TAG.sub("", blocks[1])) if len(blocks) > 1 else ""


@pytest.mark.corpus
def test_corpus_cables_with_a_ref_line_yield_references() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS} (../shared is absent)")
    with_ref: list[str] = []
    misses: list[str] = []
    for path in sorted(CORPUS.glob("*.html")):
        body = _body(path.read_text(encoding="utf-8"))
        if not _HAS_REF.search(body):
            continue
        ref_id = path.stem
        yy = int(ref_id[:2])
        year = 1900 + yy if yy >= 66 else 2000 + yy
        found, _ = extract_references(body.split("\n"), first_line=1, year=year, self_id=ref_id)
        with_ref.append(ref_id)
        if not found:
            misses.append(ref_id)
    hit = len(with_ref) - len(misses)
    print(f"\ncables with a REF line: {len(with_ref)}, with >= 1 reference: {hit}")
    print(f"misses: {misses}")
    assert with_ref
    assert hit / len(with_ref) >= 0.98, misses


def test_ref_mention_after_a_letter_whose_lower_case_is_longer_is_found() -> None:
    # "İ".lower() is two characters: offsets into a lower-cased copy would drift
    assert mentions("\u0130zmir traders (REF A) complained.") == [(1, "REF A", "07STATE16868")]


def test_ref_mention_in_odd_case_is_found_even_alone() -> None:
    assert mentions("The governor (rEf A) agreed.") == [(1, "rEf A", "07STATE16868")]


def test_mixed_case_post_with_a_zero_padded_serial_is_a_mention() -> None:
    assert mentions("About 300 trucks, per Harare 0885, left.") == [
        (1, "Harare 0885", "07HARARE885")
    ]


def test_words_that_merely_contain_ref_are_not_mentions() -> None:
    assert mentions("The reform of the refinery preferred refugees.") == []
