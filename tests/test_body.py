"""The body after the front matter: cleaning, paragraphs, summary, comment, signers.

The body is cleaned once (``clean_lines``) and the cleaning is handed to each reader.
Every cable here is invented: the posts are real places, the people and events are not.
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.model import Paragraph
from cablegram.parser.body import clean_lines
from cablegram.parser.openings import normalize_portion_mark
from cablegram.parser.paragraphs import extract_paragraphs
from cablegram.parser.signature import extract_signers
from cablegram.parser.summary import extract_comment, extract_summary


def lines_of(text: str) -> list[str]:
    """A fictional body as its lines, without the indentation of the test source."""
    return textwrap.dedent(text).strip("\n").split("\n")


def texts_of(lines: list[str]) -> list[str]:
    """The text of each row the cleaner keeps."""
    return list(clean_lines(lines).texts)


def paragraphs_of(text: str, first_line: int = 1) -> tuple[Paragraph, ...]:
    return extract_paragraphs(clean_lines(lines_of(text)), first_line=first_line)


def paragraphs_in(lines: list[str]) -> tuple[Paragraph, ...]:
    return extract_paragraphs(clean_lines(lines), first_line=1)


def signers_of(lines: list[str]) -> tuple[str, ...]:
    return extract_signers(clean_lines(lines))


def para(number: int | None, text: str, **kw: str | int | None) -> Paragraph:
    """A paragraph for summary/comment tests, which only read the text."""
    return Paragraph(number=number, text=text, **kw)  # type: ignore[arg-type]


MUSCAT = """
    C O N F I D E N T I A L SECTION 01 OF 02 MUSCAT 000212

    SIPDIS

    E.O. 12958: DECL: 03/02/2018
    TAGS: PREL ETRD MU
    SUBJECT: OMANI MINISTER PREVIEWS FISHERIES TALKS
    WITH THE EU

    REF: A. STATE 11111
         B. MUSCAT 00099

    Classified By: Ambassador Rupert K. Hallam for Reasons 1.4 (b, d)

    1. (C) Summary: Minister of Fisheries Salim al-Nadri told the
    Ambassador on March 1 that Oman will seek a quota deal with the
    EU before summer. End Summary.

    FISHERIES FIRST
    ---------------
    2. (C) Al-Nadri said the ministry had drafted three options:
    A. a seasonal quota;
    B. a licensing fee;
    C. a joint inspection board.

    3. (SBU) The minister's deputy, Huda al-Rawahi, added that the
    self-
    financing scheme would need cabinet approval.

    MUSCAT 00000212  002 OF 002

    4. ( c ) Comment: The minister was upbeat but short on detail.
    End Comment.
    HALLAM
    """


class TestCleanLines:
    def test_page_break_and_transmission_lines_are_removed(self) -> None:
        body = lines_of(
            """
            1. (C) The delegation arrived on Monday.
            PAGE 02 STATE 045678
            BT
            #0212
            NNNN
            """
        )
        assert texts_of(body) == ["1. (C) The delegation arrived on Monday."]

    def test_cablegate_page_marker_is_removed(self) -> None:
        body = lines_of(
            """
            the talks went on.
            MUSCAT 00000212  002 OF 002
            Beijing 00004411 003 of 005
            The next day
            """
        )
        assert texts_of(body) == ["the talks went on.", "The next day"]

    def test_old_page_header_keeps_the_text_after_its_date_time_group(self) -> None:
        body = lines_of(
            """
            IT WAS A LONG MEETING WITH A
            PAGE 03 LUSAKA 04411 01 OF 02 121314Z SHORT BREAK FOR LUNCH.
            """
        )
        assert texts_of(body) == [
            "IT WAS A LONG MEETING WITH A",
            "SHORT BREAK FOR LUNCH.",
        ]

    def test_page_footer_glued_to_the_line_before_a_page_break_is_removed(self) -> None:
        body = lines_of(
            """
            THE MINISTER SAID THAT A  CONFIDENTIAL
            PAGE 04 LUSAKA 04411 01 OF 02 121314Z DECISION WAS NEAR.
            """
        )
        assert texts_of(body) == [
            "THE MINISTER SAID THAT A",
            "DECISION WAS NEAR.",
        ]

    def test_distribution_block_and_classification_footers_are_removed(self) -> None:
        body = lines_of(
            """
            MORE TEXT.
             CONFIDENTIAL
             CONFIDENTIAL PTQ4411
            INFO LOG-00 NP-00 AID-00 CIAE-00 DODE-00 /012W
            EVEN MORE TEXT.
            """
        )
        assert texts_of(body) == ["MORE TEXT.", "EVEN MORE TEXT."]

    def test_a_closing_banner_with_several_caveats_is_removed(self) -> None:
        body = lines_of(
            """
            The team left on foot. (SIMAS Event: Lakeside-00195-2008)

            SECRET//FGI//NOFORN//MR
            Full appendix available upon request.
            """
        )
        assert "SECRET//FGI//NOFORN//MR" not in texts_of(body)

    def test_repeated_header_of_a_later_section_is_removed(self) -> None:
        body = lines_of(
            """
            C O N F I D E N T I A L SECTION 01 OF 02 LUSAKA 004411
            SIPDIS
            E.O. 12958: DECL: 05/05/2015
            TAGS: PGOV ZA
            SUBJECT: ZAMBIAN OPPOSITION REGROUPS
            1. (C) The opposition met in Ndola.
            C O N F I D E N T I A L SECTION 02 OF 02 LUSAKA 004411
            SIPDIS
            E.O. 12958: DECL: 05/05/2015
            TAGS: PGOV ZA
            SUBJECT: ZAMBIAN OPPOSITION REGROUPS

            2. (C) Its leaders agreed on a platform.
            """
        )
        texts = texts_of(body)
        assert texts.count("TAGS: PGOV ZA") == 1
        assert "2. (C) Its leaders agreed on a platform." in texts
        assert not any("SECTION 02" in t for t in texts)

    def test_routing_lines_before_a_repeated_header_are_removed(self) -> None:
        body = lines_of(
            """
            C O N F I D E N T I A L SECTION 01 OF 02 CAPE TOWN 00411
            SUBJECT: A VISIT TO THE PROVINCE
            9. THE MAYOR WAS RELAXED.
            CONFIDENTIAL

            R 171512Z JAN 90
            FM AMCONSUL CAPE TOWN
            TO SECSTATE WASHDC 5366
            INFO AMEMBASSY PRETORIA
            C O N F I D E N T I A L SECTION 02 OF 02 CAPE TOWN 00411
            E.O. 12356: DECL: OADR
            SUBJECT: A VISIT TO THE PROVINCE

            10. HE EXPECTS NO TROUBLE.
            """
        )
        texts = texts_of(body)
        assert "FM AMCONSUL CAPE TOWN" not in texts
        assert texts[-1] == "10. HE EXPECTS NO TROUBLE."
        assert texts.count("SUBJECT: A VISIT TO THE PROVINCE") == 1

    def test_rows_keep_their_index_in_the_input(self) -> None:
        body = ["Text one.", "BT", "", "Text two."]
        assert clean_lines(body).rows() == [(0, "Text one."), (2, ""), (3, "Text two.")]


class TestPortionMarks:
    @pytest.mark.parametrize(
        ("raw", "mark"),
        [
            ("C", "C"),
            (" c ", "C"),
            ("SBU", "SBU"),
            ("S / NF", "S/NF"),
            ("S//NF", "S//NF"),
            ("C//Rel  UK", "C//REL UK"),
            ("U//FOUO", "U//FOUO"),
            ("TS", "TS"),
        ],
    )
    def test_mark_spacing_and_case_are_normalised(self, raw: str, mark: str) -> None:
        assert normalize_portion_mark(raw) == mark

    @pytest.mark.parametrize("raw", ["U.S.", "Iran", "Reftel", ""])
    def test_words_in_parentheses_are_not_marks(self, raw: str) -> None:
        assert normalize_portion_mark(raw) is None


class TestParagraphs:
    def test_front_matter_is_not_a_paragraph(self) -> None:
        paras = paragraphs_of(MUSCAT)
        assert [p.number for p in paras] == [1, 2, 3, 4]
        assert not any("TAGS" in p.text or "Classified" in p.text for p in paras)

    def test_number_and_portion_mark_are_removed_from_the_text(self) -> None:
        first = paragraphs_of(MUSCAT)[0]
        assert first.portion_mark == "C"
        assert first.text.startswith("Summary: Minister of Fisheries")

    def test_wrapped_lines_are_joined_with_a_space(self) -> None:
        first = paragraphs_of(MUSCAT)[0]
        assert "told the Ambassador on March 1" in first.text
        assert "\n" not in first.text

    def test_sub_items_stay_in_their_paragraph_on_lines_of_their_own(self) -> None:
        second = paragraphs_of(MUSCAT)[1]
        assert second.text == (
            "Al-Nadri said the ministry had drafted three options:\n"
            "A. a seasonal quota;\nB. a licensing fee;\nC. a joint inspection board."
        )

    def test_word_hyphenated_across_lines_is_mended(self) -> None:
        third = paragraphs_of(MUSCAT)[2]
        assert "self-financing scheme" in third.text

    def test_page_marker_does_not_split_or_leak_into_a_paragraph(self) -> None:
        paras = paragraphs_of(MUSCAT)
        assert not any("00000212" in p.text for p in paras)

    def test_spaced_portion_mark_is_read(self) -> None:
        assert paragraphs_of(MUSCAT)[3].portion_mark == "C"

    def test_signature_is_not_part_of_the_last_paragraph(self) -> None:
        last = paragraphs_of(MUSCAT)[-1]
        assert last.text == "Comment: The minister was upbeat but short on detail. End Comment."

    def test_underlined_heading_applies_to_the_paragraphs_after_it(self) -> None:
        paras = paragraphs_of(MUSCAT)
        assert paras[0].heading is None
        assert paras[1].heading == "FISHERIES FIRST"
        assert paras[2].heading == "FISHERIES FIRST"
        assert not any("FISHERIES FIRST" in p.text for p in paras)

    def test_standalone_upper_case_line_before_a_paragraph_is_a_heading(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The first point.

            BILATERAL TRADE

            2. (U) The second point.
            """
        )
        assert [p.heading for p in paras] == [None, "BILATERAL TRADE"]
        assert paras[0].text == "The first point."

    def test_heading_boxed_in_dashes_over_two_lines_is_one_heading(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The first point.

            ----------------------------
            Fisheries Relations Strong
              but Could Be Better
            ----------------------------

            2. (U) The second point.
            """
        )
        assert paras[1].heading == "Fisheries Relations Strong but Could Be Better"
        assert paras[0].text == "The first point."

    def test_underlined_heading_may_end_in_a_full_stop_or_open_with_begin(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The first point.

            Fisheries Talks: Support from the U.S.
            --------------------------------------

            2. (U) The second point.

            Background: Trawlers Seen Off the Coast Near Sur and Masirah.
            -------------------------------------------------------------

            3. (U) The third point.

            ------------------------------------------
            BEGIN NON-PAPER FOR DELIVERY BY AMBASSADOR
            ------------------------------------------

            4. (U) The fourth point.
            """
        )
        assert [p.heading for p in paras] == [
            None,
            "Fisheries Talks: Support from the U.S.",
            "Background: Trawlers Seen Off the Coast Near Sur and Masirah.",
            "BEGIN NON-PAPER FOR DELIVERY BY AMBASSADOR",
        ]
        assert [p.text for p in paras] == [
            "The first point.",
            "The second point.",
            "The third point.",
            "The fourth point.",
        ]

    def test_long_title_between_blank_lines_is_a_heading_a_quotation_end_is_not(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The first point, with a quotation: "we will block the

            main roads of the city to bring all traffic to a complete halt."

            2. (U) The second point.

            The Reason: To Raise the Cost of Doing Business in the Islands

            3. (U) The third point.
            """
        )
        assert [p.heading for p in paras] == [
            None,
            None,
            "The Reason: To Raise the Cost of Doing Business in the Islands",
        ]

    def test_underlined_title_on_the_numbered_line_is_the_paragraphs_heading(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (S) The Fishing Fleet Is Shrinking
            -------------------------------------
            Catches fell by a third.

            2. (U) This is an action request.
            ---------------------------------
            Please reply by May 1.
            """
        )
        assert [(p.number, p.heading, p.text) for p in paras] == [
            (1, "The Fishing Fleet Is Shrinking", "Catches fell by a third."),
            (
                2,
                "The Fishing Fleet Is Shrinking",
                "This is an action request.\nPlease reply by May 1.",
            ),
        ]

    def test_a_quoted_sentence_alone_before_a_paragraph_is_no_heading(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The delays were described

            as a "lack of coordination within the ministry."

            2. (U) The second point.
            """
        )
        assert [p.heading for p in paras] == [None, None]

    def test_heading_with_a_blank_line_before_its_rule(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) The first point.

            -----

            Fraud indicators

            -----

            2. (U) The second point.
            """
        )
        assert [p.heading for p in paras] == [None, "Fraud indicators"]
        assert paras[0].text == "The first point."

    def test_a_lone_abbreviation_over_a_list_is_no_heading(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (U) Participants:

            U.S.
            ----
            Ambassador Rupert Hallam
            """
        )
        assert [p.heading for p in paras] == [None]

    def test_line_is_one_based_in_the_telegram(self) -> None:
        paras = paragraphs_of(MUSCAT, first_line=40)
        # "1. (C) Summary" is the 15th line of the body, whose first line is line 40.
        assert paras[0].line == 40 + 14

    @pytest.mark.parametrize(
        ("opening", "number"),
        [("1.", 1), ("1)", 1), ("(1)", 1), ("Para 1.", 1), ("1.(C)", 1), ("1, (C)", 1)],
    )
    def test_numbering_styles_are_read(self, opening: str, number: int) -> None:
        paras = paragraphs_of(f"SUBJECT: TEST\n\n{opening} The point is made.\n")
        assert paras[0].number == number
        assert paras[0].text == "The point is made."

    def test_mark_that_lost_its_opening_parenthesis_is_still_a_mark(self) -> None:
        paras = paragraphs_of("SUBJECT: TEST\n\n1. C) Summary: The point.\n")
        assert paras[0].portion_mark == "C"
        assert paras[0].text == "Summary: The point."

    def test_list_letter_after_the_number_is_text_not_a_mark(self) -> None:
        paras = paragraphs_of("SUBJECT: TEST\n\n1. A) the first option.\n")
        assert paras[0].portion_mark is None
        assert paras[0].text == "A) the first option."

    def test_list_inside_a_paragraph_does_not_start_new_paragraphs(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (C) The minister listed his demands:
            1) a new port;
            2) a rail link.

            2. (C) He did not say how to pay.
            """
        )
        assert [p.number for p in paras] == [1, 2]
        assert paras[0].text.endswith("1) a new port;\n2) a rail link.")

    def test_wrapped_line_starting_with_a_number_stays_in_its_paragraph(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (C) The vote is set for November
            11. The opposition will boycott it.

            2. (C) Turnout may be low.
            """
        )
        assert [p.number for p in paras] == [1, 2]
        assert "November 11. The opposition" in paras[0].text

    def test_unnumbered_text_before_the_first_numbered_paragraph_has_no_number(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            This cable responds to the Department's request.

            1. (U) Embassy contacted the ministry.
            """
        )
        assert paras[0] == Paragraph(
            number=None, text="This cable responds to the Department's request.", line=3
        )
        assert paras[1].number == 1

    def test_cable_without_numbering_has_one_paragraph_per_block(self) -> None:
        paras = paragraphs_of(
            """
            UNCLAS LUSAKA 004412

            SUBJECT: THANK YOU NOTE

            The Ambassador thanks the minister for his
            hospitality.

            He looks forward to the next visit.
            """
        )
        assert [(p.number, p.text) for p in paras] == [
            (None, "The Ambassador thanks the minister for his hospitality."),
            (None, "He looks forward to the next visit."),
        ]

    def test_unnumbered_paragraph_with_a_portion_mark_keeps_the_mark(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (S) First.

            (S//NF) Second, without a number.
            """
        )
        assert paras[1].number is None
        assert paras[1].portion_mark == "S//NF"
        assert paras[1].text == "Second, without a number."

    def test_paragraph_on_the_classified_by_line_is_found(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST
            CLASSIFIED BY: Ines Varga, Ambassador; REASON: 1.4 (b) 1. (C/NF) Summary: Talks.
            2. (C) More.
            """
        )
        assert [p.number for p in paras] == [1, 2]
        assert paras[0].portion_mark == "C/NF"
        assert paras[0].text == "Summary: Talks."

    def test_sipdis_glued_to_a_line_is_removed(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (C) THE MINISTER SAID THE PLAN WAS
            SIPDIS READY.
            SIPDIS
            """
        )
        assert paras[0].text == "THE MINISTER SAID THE PLAN WAS READY."

    def test_dash_starting_a_wrapped_line_is_not_a_sub_item(self) -> None:
        paras = paragraphs_of(
            """
            SUBJECT: TEST

            1. (C) We have an opportunity
            -- again -- to reset relations.
            """
        )
        assert paras[0].text == "We have an opportunity -- again -- to reset relations."

    def test_empty_body_has_no_paragraphs(self) -> None:
        assert paragraphs_in([]) == ()


class TestSummary:
    def test_summary_between_markers_in_one_paragraph(self) -> None:
        assert extract_summary(paragraphs_of(MUSCAT)) == (
            "Minister of Fisheries Salim al-Nadri told the Ambassador on March 1 that "
            "Oman will seek a quota deal with the EU before summer."
        )

    def test_summary_running_over_paragraphs_ends_at_its_end_marker(self) -> None:
        paras = [
            para(1, "Summary: First half."),
            para(2, "Second half. End Summary."),
            para(3, "Body."),
        ]
        assert extract_summary(paras) == "First half.\n\nSecond half."

    def test_summary_and_background_is_a_label(self) -> None:
        paras = [para(1, "Summary and Background: Talks resumed. End Summary and Background.")]
        assert extract_summary(paras) == "Talks resumed."

    def test_later_paragraphs_of_a_summary_lose_their_continued_labels(self) -> None:
        paras = [
            para(1, "Summary: First half."),
            para(2, "Summary contd.: Second half."),
            para(3, "Contd.: Third part. End Summary."),
        ]
        assert extract_summary(paras) == "First half.\n\nSecond half.\n\nThird part."

    def test_summary_paragraph_without_end_marker_ends_with_the_paragraph(self) -> None:
        paras = [para(1, "Summary: Only this."), para(2, "Not this.")]
        assert extract_summary(paras) == "Only this."

    def test_summary_and_comment_marker(self) -> None:
        paras = [
            para(1, "SUMMARY AND COMMENT: THE TALKS FAILED. END SUMMARY AND COMMENT."),
            para(2, "DETAILS."),
        ]
        assert extract_summary(paras) == "THE TALKS FAILED."
        assert extract_comment(paras) is None

    def test_begin_summary_inside_a_paragraph(self) -> None:
        paras = [para(None, "Participants are listed below. Begin Summary: Short. End Summary.")]
        assert extract_summary(paras) == "Short."

    def test_summary_heading_that_nothing_closes_is_its_first_paragraph(self) -> None:
        paras = [
            para(1, "The visit went well.", heading="SUMMARY"),
            para(2, "Details follow.", heading="SUMMARY"),
            para(3, "Later.", heading="SUMMARY"),
        ]
        assert extract_summary(paras) == "The visit went well."

    def test_summary_section_closed_by_the_next_heading_is_the_summary_whole(self) -> None:
        paras = [
            para(2, "The visit went well.", heading="SUMMARY"),
            para(3, "Trade came first.", heading="SUMMARY"),
            para(4, "Later.", heading="TRADE"),
        ]
        assert extract_summary(paras) == "The visit went well.\n\nTrade came first."

    @pytest.mark.parametrize(
        "opening",
        ["Summary/Introduction.", "Summary continued:", "Summary contd.:", "SUMMARY CONT."],
    )
    def test_summary_labels_that_carry_more_words(self, opening: str) -> None:
        paras = [para(1, f"{opening} Talks resumed. End Summary."), para(2, "Body.")]
        assert extract_summary(paras) == "Talks resumed."

    def test_no_marker_no_summary(self) -> None:
        assert extract_summary([para(1, "The summary of the report was read out.")]) is None
        assert extract_summary([]) is None


class TestComment:
    def test_comment_between_markers(self) -> None:
        assert (
            extract_comment(paragraphs_of(MUSCAT)) == "The minister was upbeat but short on detail."
        )

    def test_comment_paragraph_without_end_marker_ends_with_the_paragraph(self) -> None:
        paras = [para(5, "COMMENT. THE MOOD WAS GRIM."), para(6, "ANOTHER POINT.")]
        assert extract_comment(paras) == "THE MOOD WAS GRIM."

    def test_several_comments_are_joined_with_a_blank_line(self) -> None:
        paras = [
            para(2, "He spoke at length. (Comment: He often does. End Comment.)"),
            para(3, "Facts."),
            para(4, "Comment: The visit helped. End Comment."),
        ]
        assert extract_comment(paras) == "He often does.\n\nThe visit helped."

    def test_embassy_comment_inside_a_paragraph(self) -> None:
        paras = [para(2, "Turnout was low. (Embassy comment: Rain kept voters away. End comment.)")]
        assert extract_comment(paras) == "Rain kept voters away."

    def test_comment_under_a_comment_heading(self) -> None:
        paras = [para(7, "We doubt the plan will work.", heading="Comment")]
        assert extract_comment(paras) == "We doubt the plan will work."

    def test_continued_comment_is_one_more_comment_without_the_label(self) -> None:
        paras = [para(7, "COMMENT: FIRST PART."), para(8, "COMMENT CONTINUED: SECOND PART.")]
        assert extract_comment(paras) == "FIRST PART.\n\nSECOND PART."

    def test_comment_cont_is_a_continued_comment_too(self) -> None:
        paras = [para(7, "Comment: First part."), para(8, "Comment cont. Second part.")]
        assert extract_comment(paras) == "First part.\n\nSecond part."

    def test_comment_in_parentheses_ends_where_they_close(self) -> None:
        paras = [
            para(4, "Reform is stalled. (Comment: This is true of customs (and ports).) He left."),
            para(5, "Officials met. Comment: Both sides gave ground. End Comment."),
        ]
        assert extract_comment(paras) == (
            "This is true of customs (and ports).\n\nBoth sides gave ground."
        )

    def test_a_spaced_parenthesis_in_a_comment_is_a_dash(self) -> None:
        paras = [
            para(4, "(Comment: Pressure ) or the courts ) would free them. End Comment.) Next."),
        ]
        assert extract_comment(paras) == "Pressure ) or the courts ) would free them."

    def test_comment_labelled_with_two_upper_case_words(self) -> None:
        paras = [
            para(5, "EUR CTAD comment: The ministry has no plan."),
            para(6, "Expanding his comments to include the camps, he left."),
        ]
        assert extract_comment(paras) == "The ministry has no plan."

    def test_a_redacted_source_commenting_is_not_a_comment(self) -> None:
        paras = [para(6, "XXXXXXXXXXXX comments indicate that the message was well received.")]
        assert extract_comment(paras) is None

    def test_declining_to_comment_is_not_a_comment(self) -> None:
        paras = [para(3, "The spokesman declined to comment. Officials would not comment further.")]
        assert extract_comment(paras) is None


class TestSigners:
    def test_signature_after_the_last_paragraph(self) -> None:
        assert signers_of(lines_of(MUSCAT)) == ("HALLAM",)

    @pytest.mark.parametrize("name", ["VAN DER BERG", "O'DWYER", "LeMarchand", "Okafor"])
    def test_surname_is_kept_as_written(self, name: str) -> None:
        assert signers_of(["1. (U) Text of the cable.", name]) == (name,)

    def test_two_signers_on_successive_lines(self) -> None:
        body = ["1. (U) Joint message of both departments.", "", "PELLINGTON", "DRAKEFORD"]
        assert signers_of(body) == ("PELLINGTON", "DRAKEFORD")

    def test_signature_followed_by_transmission_lines(self) -> None:
        body = ["1. (U) Text.", "HALLAM", "BT", "#0212", "NNNN", ""]
        assert signers_of(body) == ("HALLAM",)

    def test_signature_on_the_last_text_line(self) -> None:
        body = ["4. (U) The delegation has cleared this cable. HALLAM"]
        assert signers_of(body) == ("HALLAM",)
        paras = paragraphs_in(body)
        assert paras[-1].text == "The delegation has cleared this cable."

    def test_signature_after_the_posts_website_blurb(self) -> None:
        body = [
            "5. (C) The end.",
            "Visit Lusaka's Classified Website: http://example.invalid/lusaka",
            "MWANZA",
        ]
        assert signers_of(body) == ("MWANZA",)
        assert paragraphs_in(body)[-1].text == "The end."

    def test_an_archive_trailer_after_end_cable_text_is_no_signature(self) -> None:
        body = [
            "4. (U) This cable has been cleared by the NSC.",
            "MURRAY",
            "End Cable Text",
            "Ana X Reyes 07/30/2008 04:04:14 PM From DB/Inbox: TRANS",
            ".",
        ]
        assert signers_of(body) == ("MURRAY",)
        assert paragraphs_in(body)[-1].text == "This cable has been cleared by the NSC."

    def test_repeated_signature_counts_once(self) -> None:
        assert signers_of(["1. (U) Text.", "HALLAM HALLAM"]) == ("HALLAM",)
        assert signers_of(["1. (U) Text.", "Hallam", "hallam"]) == ("Hallam",)

    @pytest.mark.parametrize(
        "last",
        ["END SUMMARY", "END COMMENT.", "SIPDIS", "NNNN", "XXXXXXXXXXXX", "CONFIDENTIAL", "UNCLAS"],
    )
    def test_markers_banners_and_redactions_are_not_signers(self, last: str) -> None:
        assert signers_of(["1. (U) Text of the cable.", last]) == ()

    def test_no_signature_when_the_cable_ends_in_text(self) -> None:
        body = ["1. (U) The report continues", "into the next year and", "of the country."]
        assert signers_of(body) == ()

    def test_end_of_a_sentence_in_capitals_is_not_a_signer(self) -> None:
        body = ["3. PLEASE CABLE CONCURRENCE. LUSAKA APPRECIATES HARARE'S", "ASSISTANCE."]
        assert signers_of(body) == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=80), max_size=30))
def test_body_functions_never_raise(lines: list[str]) -> None:
    body = clean_lines(lines)
    paras = extract_paragraphs(body, first_line=1)
    extract_summary(paras)
    extract_comment(paras)
    extract_signers(body)


def test_a_heading_typed_right_under_a_paragraph_opens_a_section() -> None:
    paras = paragraphs_of("""
        1. (C) The minister listed his concerns.
        NEXT STEPS
        2. (C) We will follow up.
        """)
    assert [(p.number, p.heading, p.text) for p in paras] == [
        (1, None, "The minister listed his concerns."),
        (2, "NEXT STEPS", "We will follow up."),
    ]


def test_a_note_pointing_to_the_posts_classified_website_is_not_text() -> None:
    paras = paragraphs_of("""
        1. (C) The minister listed his concerns.

        2. (C) We will follow up.
        ****************************************
        For more reporting from Embassy Muscat, visit:
        http://www.example.sgov.gov/p/nea/muscat

        Visit Embassy Muscat's Classified Website:
        http://www.example.sgov.gov/p/nea/muscat

        You can also access this site through the
        State Department's Classified SIPRNET website.

        HALLAM
        """)
    assert [p.text for p in paras] == [
        "The minister listed his concerns.",
        "We will follow up.",
    ]


def test_a_marked_paragraph_that_repeats_the_number_is_a_paragraph() -> None:
    paras = paragraphs_of("""
        12. (C) The minister listed his concerns.

        13. (C) We will follow up.

        13. (S/NF) The palace agreed.

        3) (U) A sub-item stays inside.
        """)
    assert [(p.number, p.portion_mark) for p in paras] == [(12, "C"), (13, "C"), (13, "S/NF")]
    assert paras[2].text == "The palace agreed.\n3) (U) A sub-item stays inside."


def test_a_heading_typed_right_under_a_paragraph_with_a_blank_line_after_it() -> None:
    paras = paragraphs_of("""
        1. (C) The minister listed his concerns.
        NEXT STEPS

        2. (C) We will follow up.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "The minister listed his concerns."),
        ("NEXT STEPS", "We will follow up."),
    ]


def test_an_upper_case_line_ending_a_mixed_case_sentence_stays_in_its_paragraph() -> None:
    paras = paragraphs_of("""
        1. (C) The minister met the delegation from
        NATO AND THE EU
        2. (C) We will follow up.
        """)
    assert paras[0].text == "The minister met the delegation from NATO AND THE EU"
    assert paras[1].heading is None


def test_a_comment_heading_ends_at_its_end_comment() -> None:
    paras = paragraphs_of("""
        1. (C) The talks went well.

        COMMENT

        2. (C) We think the talks will go on. End Comment.

        3. (U) Ambassador Grey cleared this cable.
        """)
    assert [p.heading for p in paras] == [None, "COMMENT", None]
    assert extract_comment(paras) == "We think the talks will go on."


def test_the_next_paragraph_typed_on_the_same_line_is_a_paragraph_of_its_own() -> None:
    paras = paragraphs_of("""
        10. (C) The case may go to trial next year. End Comment. 11. (U) This
        message was drafted by PRT Lakeside.

        12. (U) Ambassador Grey cleared this cable. 14. (C) A later number is no opening.
        """)
    assert [(p.number, p.portion_mark, p.line) for p in paras] == [
        (10, "C", 1),
        (11, "U", 1),
        (12, "U", 4),
    ]
    assert paras[0].text == "The case may go to trial next year. End Comment."
    assert paras[1].text == "This message was drafted by PRT Lakeside."
    assert paras[2].text.endswith("14. (C) A later number is no opening.")


def test_a_number_in_mid_sentence_opens_no_paragraph() -> None:
    paras = paragraphs_of("""
        1. (C) The minister cited clause 2. (U) markings were not discussed.
        """)
    assert [p.number for p in paras] == [1]


def test_summary_continued_under_a_summary_heading_joins_the_section() -> None:
    paras = paragraphs_of("""
        TAGS: PREL MU
        SUBJECT: THE MINISTER'S VISIT

        SUMMARY
        -------

        1. (C) The minister welcomes the visit.

        2. (C) Summary continued: He will raise the fisheries talks.

        BACKGROUND
        ----------

        3. (U) The talks began in 2006.
        """)
    assert extract_summary(paras) == (
        "The minister welcomes the visit.\n\nHe will raise the fisheries talks."
    )


def test_summary_continued_alone_is_still_the_summary() -> None:
    paras = (
        para(1, "The minister welcomes the visit."),
        para(2, "Summary continued: He will raise the fisheries talks."),
    )
    assert extract_summary(paras) == "He will raise the fisheries talks."


@pytest.mark.parametrize(
    ("paragraphs", "summary", "comment"),
    [
        (
            ["Comment: Talks will resume. END EMBASSY LAKESIDE COMMENT.", "Back to work."],
            None,
            "Talks will resume.",
        ),
        (
            ["Summary: The talks went well. Comment: They will go on. End Summary and comment."],
            "The talks went well. Comment: They will go on.",
            "They will go on.",
        ),
        (
            ["The minister spoke. (Comment: He was tired. End Note.) He left at noon."],
            None,
            "He was tired.",
        ),
        (
            ["Summary: The talks went well, as we hoped. End Comment.", "The minister spoke."],
            "The talks went well, as we hoped.",
            None,
        ),
    ],
)
def test_an_end_marker_of_another_form_is_not_part_of_the_text(
    paragraphs: list[str], summary: str | None, comment: str | None
) -> None:
    paras = tuple(para(i + 1, text) for i, text in enumerate(paragraphs))
    assert extract_summary(paras) == summary
    assert extract_comment(paras) == comment


def test_a_note_closed_at_the_end_of_a_summary_stays_in_it() -> None:
    paras = (para(1, "Summary: The talks went well (Note: see para 9. End note.) End summary."),)
    assert extract_summary(paras) == "The talks went well (Note: see para 9. End note.)"


def test_the_end_of_ones_comments_in_prose_is_no_end_marker() -> None:
    paras = (para(1, "Comment: At the end of his Public comments he left. End Comment."),)
    assert extract_comment(paras) == "At the end of his Public comments he left."


def test_a_sentence_broken_by_a_page_break_after_a_function_word_is_joined() -> None:
    paras = paragraphs_of("""
        1. (C) The delegation was led by the

        LAKESIDE 00000412  002 OF 003

        Crown Prince and the oil minister.

        2. (C) Participants:

        Minister Ama Grey

        Tom Reed, notetaker

        Both sides spoke frankly.

        3. (U) The talks will resume in June.
        """)
    assert paras[0].text == "The delegation was led by the Crown Prince and the oil minister."
    # a name ends no sentence mid-way: the list keeps its lines
    assert paras[1].text == (
        "Participants:\nMinister Ama Grey\nTom Reed, notetaker\nBoth sides spoke frankly."
    )


def test_a_sentence_broken_by_a_page_break_before_a_capital_is_joined() -> None:
    paras = paragraphs_of("""
        1. (C) The paper ran "Minister Grey Elected Party

        LAKESIDE 00000412  002 OF 003

        Leader" as its headline, and the radio followed.

        2. (C) The meeting of the party's national committee

        LAKESIDE 00000412  003 OF 003

        BACKGROUND

        3. (C) The party was founded in 1961.
        """)
    assert paras[0].text == (
        'The paper ran "Minister Grey Elected Party Leader" as its headline, and the radio '
        "followed."
    )
    # a heading in capitals after the page break stays a heading
    assert paras[2].heading == "BACKGROUND"


def test_an_underlined_heading_wrapped_over_lines_is_one_heading() -> None:
    paras = paragraphs_of("""
        1. (C) The minister met the delegation.

        MIDDLE EAST PEACE:
        NOT AT THE EXPENSE
        OF LAKESIDE
        ------------------

        2. (C) The minister spoke of the talks.

        NO PROSECUTOR FOR MONTHS, MINISTER OF
        JUSTICE MAY RESIGN ------------------------------------------------ -----

        3. (C) The courts are idle.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "The minister met the delegation."),
        ("MIDDLE EAST PEACE: NOT AT THE EXPENSE OF LAKESIDE", "The minister spoke of the talks."),
        ("NO PROSECUTOR FOR MONTHS, MINISTER OF JUSTICE MAY RESIGN", "The courts are idle."),
    ]


def test_a_heading_with_its_rule_broken_on_its_own_line_is_a_heading() -> None:
    title = "Laying Societal Problems On the Doorstep of the Police and the Courts"
    paras = paragraphs_of(f"""
        1. (C) Murders fell last year.

        {title} ------------------------------- --------------------------

        2. (SBU) The courts are slow.

        ---------------- Stress Our Winning Formula ----------------

        3. (SBU) The police are slower.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "Murders fell last year."),
        (title, "The courts are slow."),
        ("Stress Our Winning Formula", "The police are slower."),
    ]


def test_a_short_title_with_a_portion_mark_before_a_paragraph_is_a_heading() -> None:
    paras = paragraphs_of("""
        1. (S/NF) The minister listed the groups of concern. END SUMMARY.
        (U) Lakeside Liberation Front

        2. (S/NF) The Front recruits in the north.

        (S/NF) Friends of the Lake

        3. (S/NF) The Friends raise money abroad.
        (C) The minister will write to us.

        4. (C) We will follow up.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "The minister listed the groups of concern. END SUMMARY."),
        ("Lakeside Liberation Front", "The Front recruits in the north."),
        (
            "Friends of the Lake",
            "The Friends raise money abroad.\n(C) The minister will write to us.",
        ),
        ("Friends of the Lake", "We will follow up."),
    ]


def test_a_portion_mark_after_a_summary_label_is_the_paragraphs_mark() -> None:
    paras = paragraphs_of("""
        1. Summary and comment. (C) The party conference ended quietly. End summary and
        comment.

        2. (C) The leader spoke for an hour.
        """)
    assert (paras[0].number, paras[0].portion_mark) == (1, "C")
    assert paras[0].text.startswith("Summary and comment. The party conference")
    assert extract_summary(paras) == "The party conference ended quietly."
    unnumbered = (para(None, "Summary: (C) The party conference ended quietly."),)
    assert extract_summary(unnumbered) == "The party conference ended quietly."


def test_a_heading_the_release_redacted_is_still_a_heading() -> None:
    paras = paragraphs_of("""
        4. (C) The papers ran the story.

        XXXXXXXXXXXX
        --------------------------------

        5. (C) Credentials were easier to obtain.

        XXXXXXXXXXXX
        ==============
        PRESS FREEDOM
        ==============

        6. (C) The journalists were detained.
        """)
    assert [(p.number, p.heading) for p in paras] == [
        (4, None),
        (5, "XXXXXXXXXXXX"),
        (6, "PRESS FREEDOM"),
    ]
    assert paras[0].text == "The papers ran the story."
    # a redacted line over the top rule of a box is text, not a heading
    assert paras[1].text == "Credentials were easier to obtain.\nXXXXXXXXXXXX"


def test_a_heading_under_a_summary_end_marker_line_is_a_heading() -> None:
    paras = paragraphs_of("""
        2. (S/NF) The minister listened closely. END

        LAKESIDE 00000159  002 OF 003

        SUMMARY.
        SURPRISE GUEST AT THE MEETING

        3. (S/NF) The intelligence chief came too.
        """)
    assert [(p.number, p.heading) for p in paras] == [
        (2, None),
        (3, "SURPRISE GUEST AT THE MEETING"),
    ]
    assert paras[0].text == "The minister listened closely. END SUMMARY."


def test_a_compound_broken_before_a_capital_keeps_its_hyphen_and_no_space() -> None:
    paras = paragraphs_of("""
        1. (C) The United Self-
        Defense Forces met US-
        French officers in Baden-
        Wuerttemberg.
        """)
    assert paras[0].text == (
        "The United Self-Defense Forces met US-French officers in Baden-Wuerttemberg."
    )


def test_comment_paragraphs_keep_their_order_under_a_comment_heading() -> None:
    paras = paragraphs_of("""
        1. (C) The minister spoke. (Comment: He was tired. End Comment.)

        COMMENT
        -------

        2. (C) Our meetings reflect a broad trend.

        3. (C) Comment continued. The coming change makes the city pivotal.
        End comment.
        """)
    assert extract_comment(paras) == (
        "He was tired.\n\nOur meetings reflect a broad trend.\n\n"
        "The coming change makes the city pivotal."
    )


def test_a_heading_fused_with_its_rule_right_under_a_paragraph_is_a_heading() -> None:
    paras = paragraphs_of("""
        21. (C/NF) He is said to be thinking of the private sector.
        Comment-------
        22. (C/NF) He will not step down of his own accord.
        """)
    assert [(p.number, p.heading) for p in paras] == [(21, None), (22, "Comment")]
    assert paras[0].text == "He is said to be thinking of the private sector."
    assert extract_comment(paras) == "He will not step down of his own accord."


def test_a_number_without_a_stop_opens_a_paragraph_before_a_portion_mark() -> None:
    paras = paragraphs_of("""
        9. (C) The deficit is large.

        10  (C) On the deficit, the minister said little.

        11. (C) The budget follows 2 (two) rounds of cuts.
        """)
    assert [(p.number, p.portion_mark, p.text) for p in paras] == [
        (9, "C", "The deficit is large."),
        (10, "C", "On the deficit, the minister said little."),
        (11, "C", "The budget follows 2 (two) rounds of cuts."),
    ]


def test_the_reasons_of_a_classified_by_line_going_on_open_no_paragraph() -> None:
    paras = paragraphs_of("""
        SUBJECT: THE MINISTER'S VISIT

        Classified By: Ambassador Ama Grey for reasons 1.4(b),
        (c), and (d).

        1. (S/NF) SUMMARY. The minister will visit in May.
        """)
    assert [(p.number, p.portion_mark, p.text) for p in paras] == [
        (1, "S/NF", "SUMMARY. The minister will visit in May.")
    ]


def test_headings_of_three_more_shapes() -> None:
    paras = paragraphs_of("""
        3. (C) The minister blamed the press. End Summary.
        Grey Briefs the Diplomatic Corps

        4. (C) The minister briefed the corps.

        Relations with the United States: Can Lakeside Overcome Its
        Inferiority Complex?

        5. (SBU) The mission has been saying so for years.

        The Spokesman on the Media: Feed the Beast or Else

        LAKESIDE 00001643  002 OF 002

        ----------------------------------------- ------------
        6. (C) The spokesman contends that the press is hostile.
        """)
    assert [(p.number, p.heading) for p in paras] == [
        (3, None),
        (4, "Grey Briefs the Diplomatic Corps"),
        (5, "Relations with the United States: Can Lakeside Overcome Its Inferiority Complex?"),
        (6, "The Spokesman on the Media: Feed the Beast or Else"),
    ]
    assert paras[0].text == "The minister blamed the press. End Summary."
    assert paras[2].text == "The mission has been saying so for years."


def test_a_sentence_or_a_note_under_a_paragraph_is_no_heading() -> None:
    paras = paragraphs_of("""
        3. (C) The minister blamed the press.
        (SIMAS Event: Lakeside-00194-2008)

        4. (C) The minister briefed the corps.
        The minister went on at length

        5. (C) The corps listened.
        """)
    assert [p.heading for p in paras] == [None, None, None]


def test_items_after_blank_lines_and_bullets_after_and_keep_their_lines() -> None:
    paras = paragraphs_of("""
        2. (C) The team gave an update (TDY from Embassy Lakeside):

        a) The minister is triple-hatted.

        b) The ship is a former survey vessel.

        3. (C) The goals are to:
        -- Energize engagement in the face of fatigue; and
        -- Entice neighbours to embrace reform.

        4. (C) Goals include (1) trade; (2) energy; and
        (3) security, in that order.
        """)
    assert paras[0].text == (
        "The team gave an update (TDY from Embassy Lakeside):\n"
        "a) The minister is triple-hatted.\nb) The ship is a former survey vessel."
    )
    assert paras[1].text == (
        "The goals are to:\n-- Energize engagement in the face of fatigue; and\n"
        "-- Entice neighbours to embrace reform."
    )
    # an enumeration in running text wrapped after "and" stays running text
    assert paras[2].text == "Goals include (1) trade; (2) energy; and (3) security, in that order."


def test_a_page_break_before_a_number_inside_a_sentence_is_joined() -> None:
    paras = paragraphs_of("""
        6. (C) He said the Qataris now appear to be siding with March

        LAKESIDE 00000586  002 OF 003
        14, "slowly but surely."
        """)
    assert (
        paras[0].text
        == 'He said the Qataris now appear to be siding with March 14, "slowly but surely."'
    )


def test_a_title_glued_to_the_end_of_a_paragraphs_last_line_is_a_heading() -> None:
    paras = paragraphs_of("""
        1. (C) The talks went well. See requests at para 8. End Summary. Afghanistan -----------

        2. (C) Lakeside will send troops to the north.

        3. (C) The minister urged bankers not to be stupid. U.S. Committed to Climate Talks
        -----------------------------

        4. (C) The minister welcomed the U.S. position.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "The talks went well. See requests at para 8. End Summary."),
        ("Afghanistan", "Lakeside will send troops to the north."),
        ("Afghanistan", "The minister urged bankers not to be stupid."),
        ("U.S. Committed to Climate Talks", "The minister welcomed the U.S. position."),
    ]


def test_summary_alone_after_a_paragraph_ending_in_end_closes_the_summary() -> None:
    paras = paragraphs_of("""
        1. (SBU) Summary: The working group meets in May. End

        Summary

        2. (SBU) The group is part of our strategy.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "Summary: The working group meets in May. End Summary"),
        (None, "The group is part of our strategy."),
    ]
    assert extract_summary(paras) == "The working group meets in May."


def test_dashed_items_of_a_list_keep_their_lines() -> None:
    paras = paragraphs_of("""
        3. (C) The areas of cooperation are:
        -- Money laundering;
        -- Counterfeiting
        -- Intellectual property
        -- Cybercrimes

        4. (C) He spoke of the city's business community
        -- the big and the small -- and of its mayor.

        5. (C) Text. 6. ( C) A mark written with a space opens the next one.
        """)
    assert paras[0].text == (
        "The areas of cooperation are:\n-- Money laundering;\n-- Counterfeiting\n"
        "-- Intellectual property\n-- Cybercrimes"
    )
    assert paras[1].text == (
        "He spoke of the city's business community -- the big and the small -- and of its mayor."
    )
    assert [(p.number, p.portion_mark) for p in paras[2:]] == [(5, "C"), (6, "C")]


def test_a_lone_full_stop_and_a_trailing_rule_are_no_text() -> None:
    paras = paragraphs_of("""
        4. (C) The launch of a second missile is likely.
        .

        5. (C) The talks will go on with the new government
        .

        6. (C) Plans go forward. END SUMMARY ---------------------------------------

        HISTORY OF THE TALKS ---------------------------------------

        7. (U) The talks began in 2006.
        """)
    assert [p.text for p in paras] == [
        "The launch of a second missile is likely.",
        "The talks will go on with the new government.",
        "Plans go forward. END SUMMARY",
        "The talks began in 2006.",
    ]
    assert paras[3].heading == "HISTORY OF THE TALKS"


def test_a_title_at_the_end_of_a_flattened_paragraph_before_the_next_is_a_heading() -> None:
    paras = paragraphs_of("""
        1. (U) Both candidates court the churches. End Summary. Dilma on the Rise Again

        2. (U) Despite strong support, she trails.

        3. (U) The delegation met Desk Director Dr. Muhammad Khafif

        4. (U) Totals ran high. TOTAL 975 to 1,052 Votes

        5. (U) The count went on.
        """)
    assert [p.heading for p in paras] == [
        None,
        "Dilma on the Rise Again",
        "Dilma on the Rise Again",
        "Dilma on the Rise Again",
        "Dilma on the Rise Again",
    ]
    assert paras[0].text == "Both candidates court the churches. End Summary."
    assert paras[2].text.endswith("Dr. Muhammad Khafif")
    assert paras[3].text.endswith("TOTAL 975 to 1,052 Votes")


def test_a_marked_title_boxed_in_rules_is_a_heading() -> None:
    paras = paragraphs_of("""
        SUBJECT: THE AMIR'S VIEWS

        --------------
        (C) KEY POINTS
        --------------

        -- The Amir urged the U.S. to press on.

        1. (C) The Senator met the Amir.
        """)
    assert [(p.number, p.heading) for p in paras] == [(None, "KEY POINTS"), (1, "KEY POINTS")]
    assert paras[0].text == "-- The Amir urged the U.S. to press on."


def test_end_key_points_and_comments_closes_a_comments_section() -> None:
    paras = paragraphs_of("""
        SUBJECT: THE AMIR'S VIEWS

        ------------
        (C) COMMENTS
        ------------

        -- The Amir responds to personal appeals. End Key Points and Comments.

        1. (C) During an October meeting the minister explained the release.
        """)
    assert extract_comment(paras) == "The Amir responds to personal appeals."
    assert paras[1].heading is None


def test_a_heading_under_end_summary_without_a_stop_is_a_heading() -> None:
    paras = paragraphs_of("""
        1. (C) Opportunities abound in our relations. End Summary
        PART ONE: THE PRESIDENT FIVE MONTHS IN

        2. (C) For a politician long called a divider, this was no small feat.
        """)
    assert [(p.heading, p.text) for p in paras] == [
        (None, "Opportunities abound in our relations. End Summary"),
        (
            "PART ONE: THE PRESIDENT FIVE MONTHS IN",
            "For a politician long called a divider, this was no small feat.",
        ),
    ]


def test_marked_sub_items_numbered_with_a_bracket_stay_in_their_paragraph() -> None:
    paras = paragraphs_of("""
        1. (C/NF) Analysts would welcome answers to these questions:

        1) (U) Who ordered the murals replaced?

        2) (U) How many murals will be replaced?

        2. (U) Please cite the request number in the subject line.
        """)
    assert [(p.number, p.portion_mark) for p in paras] == [(1, "C/NF"), (2, "U")]
    assert paras[0].text == (
        "Analysts would welcome answers to these questions:\n"
        "1) (U) Who ordered the murals replaced?\n2) (U) How many murals will be replaced?"
    )
