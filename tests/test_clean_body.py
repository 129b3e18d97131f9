"""The cleaned body handed from the cleaner to the readers: its columns, caveats and signature.

Every line here is invented. The checks that compare the cleaner's quick tests with the
patterns they stand in for are property tests: a quick test may let a plain line through
to the slow path, never hide a line the slow path would change.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.parser import body
from cablegram.parser.body import clean_lines
from cablegram.parser.paragraphs import extract_paragraphs
from cablegram.parser.signature import extract_signers

BODY = [
    "C O N F I D E N T I A L LUSAKA 000412",
    "",
    "SIPDIS",
    "",
    "E.O. 12958: DECL: 05/05/2019",
    "TAGS: PGOV ZA",
    "SUBJECT: A QUIET WEEK IN THE COPPERBELT",
    "",
    "1. (C) The governor of Ndola reported",
    "SIPDIS no unrest at the mines.",
    "LUSAKA 00000412  002 OF 002",
    "",
    "2. (C) The unions will meet in June.",
    "",
    "OKAFOR",
]


def test_body_text_keeps_the_caveat_and_the_prose_drops_it() -> None:
    cleaned = clean_lines(BODY)
    assert "SIPDIS" in cleaned.texts
    assert "SIPDIS" not in cleaned.prose
    assert "no unrest at the mines." in cleaned.prose
    assert "SIPDIS no unrest at the mines." in cleaned.texts


def test_columns_stay_aligned_with_the_input_lines() -> None:
    cleaned = clean_lines(BODY)
    assert len(cleaned.texts) == len(cleaned.lines)
    assert len(cleaned.prose) == len(cleaned.prose_lines)
    for k, i in enumerate(cleaned.prose_lines):
        original = BODY[i].strip()
        assert original.endswith(cleaned.prose[k]), (i, original, cleaned.prose[k])


def test_page_marker_has_no_row() -> None:
    cleaned = clean_lines(BODY)
    assert BODY.index("LUSAKA 00000412  002 OF 002") not in cleaned.lines


def test_page_marker_run_into_a_line_is_cut_out_when_it_names_the_origin() -> None:
    lines = [
        "1. (C) The mayor of LA PAZ 00000906 002 OF 003 El Alto spoke; the",
        "ministry will answer in May RIO DE JAN 00000412 003.2 OF 003",
        "2. (C) Wages rose 00001234 002 OF 004 on paper.",
    ]
    assert clean_lines(lines, origin="LAPAZ").texts[0] == ("1. (C) The mayor of El Alto spoke; the")
    assert clean_lines(lines, origin="RIODEJANEIRO").texts[1] == ("ministry will answer in May")
    # a number that looks like a marker but names no origin stays
    assert clean_lines(lines, origin="LAPAZ").texts[2] == lines[2]
    assert clean_lines(lines).texts == tuple(lines)


def test_the_subject_repeated_as_a_page_header_is_removed() -> None:
    subject = "A QUIET WEEK IN THE COPPERBELT AND THE NORTHWESTERN PROVINCE"
    lines = [
        "E.O. 12958: DECL: 05/05/2019",
        f"SUBJECT: {subject}",
        "",
        "1. (C) The governor of Ndola reported",
        "LUSAKA 00000412  002 OF 003",
        f"SUBJECT: {subject}",
        "",
        "no unrest at the mines.",
        "LUSAKA 00000412  003 OF 003",
        "SUBJECT: A QUIET WEEK IN THE COPPERBELT AND THE NORTHWE unions will",
        "meet in June.",
        "SUBJECT: A QUIET WEEK was the title of his talk.",
    ]
    texts = clean_lines(lines, subject=subject).texts
    assert texts.count(f"SUBJECT: {subject}") == 1  # the front matter's own stays
    assert "unions will" in texts
    # less than the first 30 characters of the subject is no repeat
    assert texts[-1] == lines[-1]
    paras = extract_paragraphs(clean_lines(lines, subject=subject), first_line=1)
    assert paras[0].text == (
        "The governor of Ndola reported no unrest at the mines. unions will meet in June. "
        "SUBJECT: A QUIET WEEK was the title of his talk."
    )


def test_signature_is_read_once_and_shared_by_both_readers() -> None:
    cleaned = clean_lines(BODY)
    assert cleaned.signature.signers == ("OKAFOR",)
    assert extract_signers(cleaned) == ("OKAFOR",)
    paras = extract_paragraphs(cleaned, first_line=1)
    assert paras[-1].text == "The unions will meet in June."
    assert cleaned.signature.cut_row == len(cleaned.prose) - 1


def test_paragraph_line_counts_from_the_first_line_given() -> None:
    paras = extract_paragraphs(clean_lines(BODY), first_line=30)
    assert [p.line for p in paras] == [30 + 8, 30 + 12]


def test_a_body_without_special_lines_is_kept_whole() -> None:
    lines = ["the talks went on", "", "and on"]
    cleaned = clean_lines(lines)
    assert cleaned.rows() == [(0, "the talks went on"), (1, ""), (2, "and on")]
    assert cleaned.prose == cleaned.texts


_STARTS = st.sampled_from(
    [
        *("PAGE", "P", "TOP ", "SIPDIS", "S", "C", "U", "L", "INFO", "ACTION", "ORIGIN", "O"),
        *("Z", "R", "M", "A", "I", "T", "#", "¶", "1", "12", "2004", "(", "S E", "C O", "UN"),
        *("OO", "RR", "P\t", "M\x0b"),
    ]
)


@settings(max_examples=400, deadline=None)
@given(_STARTS, st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_quick_first_character_test_never_hides_a_special_start(start: str, tail: str) -> None:
    s = start + tail
    if len(s) <= 5 or body._SPECIAL_START_RE.match(s) is None:
        return
    assert s[0] not in body._NEVER_SPECIAL
    assert s[:2] in body._REGEX_PAIRS or s[0] not in body._PAIR_FIRST or s[1] >= "\x80"
