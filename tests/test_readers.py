"""Readers: every rendering of a cable gives back the same telegram text."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablegram.readers import detect, markdown, preamble, telegram, wikileaks_html
from cablegram.readers.base import Source
from tests import renderings as r

HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")

Render = Callable[[str, dict[str, str]], str]
RENDERINGS: dict[str, tuple[str, Render]] = {
    "telegram": ("telegram", lambda text, meta: text),
    "html": ("html", lambda text, meta: r.to_html(text, meta)),
    "html-escaped": ("html", lambda text, meta: r.to_html(text, meta, escape=True)),
    "markdown-scraped": ("markdown", lambda text, meta: r.to_markdown(text, meta)),
    "markdown-converted": (
        "markdown",
        lambda text, meta: r.to_markdown(text, meta, style="markdownify"),
    ),
    "preamble-keys": ("preamble", lambda text, meta: r.to_preamble(text, meta)),
    "preamble-record": ("preamble", lambda text, meta: r.to_preamble(text, meta, style="record")),
}
FIXTURES = r.fixture_names()

# Where each fixture's header ends and its body starts, written down by hand.
BOUNDARIES = {
    "consulate_sbu": ("RUCPDOC/DEPT OF COMMERCE WASHDC", "UNCLAS MONTERREY 000212"),
    "no_header": ("", "C O N F I D E N T I A L SECTION 01 OF 02 LUSAKA 000388"),
    "press_dateline": ("RUEHMO/AMEMBASSY MOSCOW 0731", "Tuesday, 16 March 2010, 07:45"),
    "ref_snippet": ("", "REF: A. STATE 16868"),
    "secret_noforn_sections": (
        "RUEKJCS/SECDEF WASHDC PRIORITY",
        "S E C R E T SECTION 01 OF 02 ANKARA 000731",
    ),
    "split_precedence": ("RUEKJCS/SECDEF WASHDC PRIORITY", "BT"),
    "state_collective": ("RUEKJCS/SECDEF WASHDC", "C O N F I D E N T I A L STATE 044417"),
    "two_signers": ("RUEATRS/DEPT OF TREASURY WASHDC", "C O N F I D E N T I A L AMMAN 002290"),
}


def last_line(text: str) -> str:
    return text.rsplit("\n", 1)[-1] if text else ""


def first_line(text: str) -> str:
    return text.split("\n", 1)[0]


# --- every rendering, every fixture ------------------------------------------------


def test_every_fixture_has_a_written_down_boundary() -> None:
    assert sorted(BOUNDARIES) == FIXTURES
    assert 6 <= len(FIXTURES) <= 10


@pytest.mark.parametrize("name", FIXTURES)
def test_raw_telegram_splits_where_the_header_ends(name: str) -> None:
    source = telegram.extract(r.load(name))
    assert (last_line(source.header), first_line(source.body)) == BOUNDARIES[name]


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
@pytest.mark.parametrize("name", FIXTURES)
def test_each_rendering_gives_back_the_raw_header_and_body(name: str, rendering: str) -> None:
    text = r.load(name)
    expected, render = RENDERINGS[rendering]
    raw = telegram.extract(text)
    source = detect.extract(render(text, r.METADATA[name]))
    assert source.rendering == expected
    assert r.squash(source.header) == r.squash(raw.header)
    assert r.squash(source.body) == r.squash(raw.body)
    assert source.diagnostics == []


@pytest.mark.parametrize("rendering", sorted(RENDERINGS))
def test_detection_picks_the_rendering(rendering: str) -> None:
    expected, render = RENDERINGS[rendering]
    for name in FIXTURES:
        assert detect.detect(render(r.load(name), r.METADATA[name])) == expected, name


@pytest.mark.parametrize(
    "rendering", ["html", "html-escaped", "markdown-scraped", "markdown-converted"]
)
@pytest.mark.parametrize("name", FIXTURES)
def test_page_metadata_lands_in_metadata_only(name: str, rendering: str) -> None:
    meta = r.METADATA[name]
    source = detect.extract(RENDERINGS[rendering][1](r.load(name), meta))
    assert source.metadata == {key: value for key, value in meta.items() if value}
    assert meta["released"] not in source.header + source.body
    assert "Reference ID" not in source.header + source.body
    assert "Viewing cable" not in source.header + source.body


@pytest.mark.parametrize("name", FIXTURES)
def test_preamble_keys_land_in_metadata(name: str) -> None:
    meta = r.METADATA[name]
    source = detect.extract(r.to_preamble(r.load(name), meta))
    wanted = {k: v for k, v in meta.items() if k != "released" and v}
    assert source.metadata == wanted
    assert not source.header.startswith("ID:")


def test_record_dump_lands_in_metadata() -> None:
    meta = r.METADATA["two_signers"]
    source = detect.extract(r.to_preamble(r.load("two_signers"), meta, style="record"))
    assert source.metadata == {
        "record": "218634",
        "created": "2008-08-15 14:10",
        "reference_id": "08AMMAN2290",
        "origin": "Embassy Amman",
        "classification": "CONFIDENTIAL",
    }
    assert source.header.startswith("VZCZCXRO3310")


# --- HTML ---------------------------------------------------------------------------


def page(header: str, body: str, extra: str = "") -> str:
    return (
        "<html><body><div class='pane big'><h3>Viewing cable 09ROME12, A SUBJECT</h3>"
        f"{extra}<code><pre>{header}</pre></code>\n<code><pre>{body}</pre></code></div></body></html>"
    )


def test_paragraph_anchor_vanishes_with_its_pilcrow() -> None:
    source = wikileaks_html.extract(
        page("R 011200Z JAN 09", "UNCLAS ROME 000012&#x000A;<a id='par1' href='#par1'>¶</a>1. Hi")
    )
    assert source.body == "UNCLAS ROME 000012\n1. Hi"


def test_tag_links_become_plain_tags() -> None:
    body = "TAGS: <a href='/tag/PREL_0.html'>PREL</a> <a href='/tag/IT_0.html'>IT</a>"
    assert wikileaks_html.extract(page("", body)).body == "TAGS: PREL IT"


def test_unescaped_ampersand_and_record_brackets_survive() -> None:
    body = "UNCLAS ROME 000012&#x000A;1. R&D; and AT&T and <<NOTE>> stay."
    assert wikileaks_html.extract(page("", body)).body.endswith("R&D; and AT&T and <<NOTE>> stay.")


def test_entities_are_decoded() -> None:
    body = "UNCLAS ROME 000012&#10;1. Q&amp;A &quot;fine&quot; &#39;ok&#39; &lt;b&gt; &#x2019;"
    assert wikileaks_html.extract(page("", body)).body == (
        "UNCLAS ROME 000012\n1. Q&A \"fine\" 'ok' <b> \u2019"
    )


def test_break_tags_do_not_double_newlines() -> None:
    body = "UNCLAS ROME 000012 <br>&#x000A;<br>&#x000A;1. One<br/>2. Two"
    assert wikileaks_html.extract(page("", body)).body == "UNCLAS ROME 000012\n\n1. One\n2. Two"


def test_one_pre_block_is_split_by_its_content() -> None:
    text = "<pre>R 011200Z JAN 09&#x000A;FM AMEMBASSY ROME&#x000A;UNCLAS ROME 000012</pre>"
    source = wikileaks_html.extract(text)
    assert (source.header, source.body) == (
        "R 011200Z JAN 09\nFM AMEMBASSY ROME",
        "UNCLAS ROME 000012",
    )


def test_body_record_dump_is_metadata_and_its_repeated_header_is_not_body() -> None:
    header = "P 011200Z JAN 09&#x000A;FM AMEMBASSY ROME&#x000A;TO SECSTATE WASHDC"
    body = (
        "<<123456>>&#x000A;1/1/2009 12:12&#x000A;09ROME12&#x000A;Embassy Rome&#x000A;SECRET"
        "&#x000A;09ROME7|09STATE99&#x000A;" + header + "&#x000A;S E C R E T ROME 000012"
    )
    source = wikileaks_html.extract(page(header, body))
    assert source.header == "P 011200Z JAN 09\nFM AMEMBASSY ROME\nTO SECSTATE WASHDC"
    assert source.body == "S E C R E T ROME 000012"
    assert source.metadata["record"] == "123456"
    assert source.metadata["references"] == "09ROME7 09STATE99"
    assert source.metadata["reference_id"] == "09ROME12"  # the title's


def test_body_id_block_goes_to_metadata_and_redactions_are_dropped() -> None:
    body = (
        "ID: 245489&#x000A;ORIGIN: XXXXXXXXXXXX&#x000A;DATE: 2010-01-26 10:55:00&#x000A;"
        "SOURCE: Embassy Rome&#x000A;CLASSIFICATION: SECRET&#x000A;&#x000A;S E C R E T ROME 000012"
    )
    source = wikileaks_html.extract(page("O 261055Z JAN 10", body))
    assert source.body == "S E C R E T ROME 000012"
    assert source.metadata["origin"] == "Embassy Rome"
    assert source.metadata["record"] == "245489"
    assert "XXXX" not in "".join(source.metadata.values())


def test_page_without_pre_reads_its_visible_text_and_says_so() -> None:
    text = (
        "<html><head><title>x</title></head>"
        "<body><p>UNCLAS ROME 000012</p>\n<p>1. Hi</p></body></html>"
    )
    source = wikileaks_html.extract(text)
    assert source.body == "UNCLAS ROME 000012\n1. Hi"
    assert [d.code for d in source.diagnostics] == ["html-without-pre"]
    assert "<" not in source.body


# --- Markdown -----------------------------------------------------------------------


def test_header_run_together_with_the_banner_is_cut_at_the_banner() -> None:
    text = (
        "### Viewing cable 09ROME12, X\n\n"
        "VZCZCXRO1 PP RUEHRO DE RUEHRO #0012 0011200 ZNY CCCCC ZZH P 011200Z JAN 09 "
        "FM AMEMBASSY ROME TO RUEHC/SECSTATE WASHDC PRIORITY 1 "
        "C O N F I D E N T I A L ROME 000012  \nSIPDIS  \n[1](#)1. (C) Text.  \n"
    )
    source = markdown.extract(text)
    assert source.header.endswith("PRIORITY 1")
    assert source.body == "C O N F I D E N T I A L ROME 000012\nSIPDIS\n1. (C) Text."


def test_backslash_escapes_and_hard_breaks_are_undone() -> None:
    text = (
        "Viewing cable 09ROME12, X\n\n"
        "UNCLAS ROME 000012\\\n1\\. The \\*only\\* \\_case\\_ \\#12  \n"
    )
    assert markdown.extract(text).body == "UNCLAS ROME 000012\n1. The *only* _case_ #12"


def test_anchor_links_keep_the_paragraph_number_and_tag_links_their_text() -> None:
    text = (
        "Viewing cable 09ROME12, X\n\nUNCLAS ROME 000012\nTAGS: [PREL](#) [IT](/tag/IT_0.html)\n"
        "[¶](#par1)1. One\n[1](#)2. Two\n[](#par3)3. Three\n"
    )
    assert markdown.extract(text).body == (
        "UNCLAS ROME 000012\nTAGS: PREL IT\n1. One\n2. Two\n3. Three"
    )


def test_indented_code_blocks_are_dedented() -> None:
    text = (
        "### Viewing cable 09ROME12, X\n\n    R 011200Z JAN 09\n    FM AMEMBASSY ROME\n\n"
        "    UNCLAS ROME 000012\n    REF: A. ROME 11\n         B. STATE 4\n"
    )
    source = markdown.extract(text)
    assert source.header == "R 011200Z JAN 09\nFM AMEMBASSY ROME"
    assert source.body == "UNCLAS ROME 000012\nREF: A. ROME 11\n     B. STATE 4"


def test_table_scraped_as_text_goes_to_metadata() -> None:
    text = (
        "Viewing cable 09ROME12, A SUBJECT\n\n"
        "Reference ID\tCreated\tReleased\tClassification\tOrigin\n"
        "09ROME12\t2009-01-01 12:12\t2010-12-01 21:09\tUNCLASSIFIED//FOR OFFICIAL USE ONLY\t"
        "Embassy Rome\n\nAppears in these articles:\nnytimes.com\n\nR 011200Z JAN 09\n"
        "FM AMEMBASSY ROME\nUNCLAS ROME 000012\n"
    )
    source = markdown.extract(text)
    assert source.metadata == {
        "reference_id": "09ROME12",
        "subject": "A SUBJECT",
        "created": "2009-01-01 12:12",
        "released": "2010-12-01 21:09",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "origin": "Embassy Rome",
    }
    assert (source.header, source.body) == (
        "R 011200Z JAN 09\nFM AMEMBASSY ROME",
        "UNCLAS ROME 000012",
    )


def test_prose_quoting_html_tags_is_not_taken_for_html() -> None:
    text = "# Notes\n\nThe page holds two `<code><pre>` blocks; newlines are `&#x000A;`.\n"
    assert detect.detect(text) == "telegram"
    assert detect.detect("<pre>UNCLAS ROME 000012</pre>") == "html"


def test_backticks_typed_as_apostrophes_are_kept() -> None:
    text = "Viewing cable 09ROME12, X\n\nUNCLAS ROME 000012\n1. The minister`s view.\n"
    assert markdown.extract(text).body.endswith("The minister`s view.")


# --- preamble -----------------------------------------------------------------------


def test_subject_and_ref_opening_a_snippet_are_not_a_preamble() -> None:
    text = "SUBJECT: TALKS IN ROME\nREF: STATE 1234\n\n1. (C) Text."
    assert detect.detect(text) == "telegram"
    assert detect.extract(text).body.startswith("SUBJECT: TALKS IN ROME")


def test_preamble_keys_in_any_order_and_case() -> None:
    text = "origin: Embassy Rome\nReference ID: 09ROME12\nCreated: 1/2/2009 3:04\n\nUNCLAS ROME 12"
    source = detect.extract(text)
    assert source.rendering == "preamble"
    assert source.metadata == {
        "origin": "Embassy Rome",
        "reference_id": "09ROME12",
        "created": "2009-01-02 03:04",
    }
    assert source.body == "UNCLAS ROME 12"


def test_preamble_value_is_filed_by_its_shape() -> None:
    metadata, rest = preamble.split_preamble(
        "ID: 190648\nORIGIN: 09KUWAIT110\nSOURCE: Embassy Kuwait\nx"
    )
    assert metadata == {
        "record": "190648",
        "reference_id": "09KUWAIT110",
        "origin": "Embassy Kuwait",
    }
    assert rest == "x"


# --- telegram text ------------------------------------------------------------------


def test_crlf_tabs_form_feeds_bom_and_nul_are_cleaned() -> None:
    text = "\ufeffR 011200Z JAN 09\r\nFM AMEMBASSY\x00 ROME\r\n\x0cUNCLAS\tROME 000012\r\n1. Hi\r"
    source = detect.extract(text)
    assert source.header == "R 011200Z JAN 09\nFM AMEMBASSY ROME"
    assert source.body == "UNCLAS  ROME 000012\n1. Hi"


def test_marking_line_over_a_header_is_a_printout_heading() -> None:
    text = (
        "UNCLASSIFIED   STATE   00100153\nO 251814Z SEP 09\nFM SECSTATE WASHDC\nUNCLAS STATE 100153"
    )
    source = telegram.extract(text)
    assert first_line(source.header) == "UNCLASSIFIED   STATE   00100153"
    assert source.body == "UNCLAS STATE 100153"


def test_header_cut_in_its_address_list_is_still_a_header() -> None:
    text = "AMEMBASSY TRIPOLI\nNSC WASHDC\n\nC O N F I D E N T I A L LONDON 002673\n\n1. Text"
    source = telegram.extract(text)
    assert source.header == "AMEMBASSY TRIPOLI\nNSC WASHDC"


def test_sentence_cased_marking_starts_the_body() -> None:
    source = telegram.extract(
        "201247Z Jan 04\n\nC o n f i d e n t i a l section 01 of 04 ankara 000348"
    )
    assert source.header == "201247Z Jan 04"
    assert source.body.startswith("C o n f i d e n t i a l")


def test_editor_note_after_the_header_starts_the_body() -> None:
    text = (
        "O 022330Z SEP 08\nFM SECSTATE WASHDC\n\n"
        "NOTE - DO NOT PUBLISH\n\nC O N F I D E N T I A L STATE 1"
    )
    assert first_line(telegram.extract(text).body) == "NOTE - DO NOT PUBLISH"


def test_header_without_body_line_ends_at_a_blank_line() -> None:
    source = telegram.extract("R 011200Z JAN 09\nFM AMEMBASSY ROME\n\nsome text without markings")
    assert (source.header, source.body) == (
        "R 011200Z JAN 09\nFM AMEMBASSY ROME",
        "some text without markings",
    )


def test_empty_text_gives_an_empty_source_with_a_diagnostic() -> None:
    source = detect.extract(" \n\x00\n")
    assert (source.header, source.body) == ("", "")
    assert [d.code for d in source.diagnostics] == ["empty-text"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_extract_never_raises_and_keeps_the_words(text: str) -> None:
    source = detect.extract(text)
    assert isinstance(source, Source)
    if source.rendering == "telegram" and not source.diagnostics:
        kept = r.squash(source.header + " " + source.body)
        assert set(kept.split()) <= set(telegram.normalize(text).split())


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<pre>",
                "</pre>",
                "<a href='#par1'>",
                "</a>",
                "&#x000A;",
                "&amp",
                "[x](#)",
                "```",
                "<<1>>",
                "ID: 1",
                "VZCZC",
                "S E C R E T",
                "\n",
                "TAGS:",
                "| Reference ID |",
                "\\",
            ]
        ),
        max_size=30,
    )
)
def test_markup_fragments_never_make_a_reader_raise(parts: list[str]) -> None:
    text = "".join(parts)
    for reader in (detect.extract, wikileaks_html.extract, markdown.extract, preamble.extract):
        assert isinstance(reader(text), Source)


# --- the real corpus ----------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_pages(corpus_dir: Path) -> list[tuple[str, str]]:
    return [
        (path.name, path.read_text(encoding="utf-8")) for path in sorted(corpus_dir.glob("*.html"))
    ]


@pytest.mark.corpus
def test_every_real_page_gives_a_body_without_html(corpus_pages: list[tuple[str, str]]) -> None:
    assert len(corpus_pages) > 1000
    for name, text in corpus_pages:
        source = detect.extract(text)
        assert source.rendering == "html", name
        assert source.body.strip(), name
        assert not HTML_TAG.search(source.body), name
        assert not HTML_TAG.search(source.header), name
        assert "¶" not in source.body, name
        assert "&#x000A;" not in source.body, name


@pytest.mark.corpus
def test_real_page_table_matches_the_gold(
    corpus_pages: list[tuple[str, str]], gold_path: Path
) -> None:
    gold = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["file"]] = record
    for name, text in corpus_pages:
        meta = wikileaks_html.extract(text).metadata
        want = gold[name]
        assert meta["reference_id"] == want["reference_id"], name
        assert meta["created"] == want["created"], name
        assert meta["classification"] == want["classification"], name
        assert meta["origin"] == want["origin"], name


@pytest.mark.corpus
def test_real_cables_survive_the_markdown_rendering(corpus_pages: list[tuple[str, str]]) -> None:
    for name, text in corpus_pages:
        page_source = wikileaks_html.extract(text)
        parts = (page_source.header, page_source.body)
        for style in ("scraped", "markdownify"):
            rendered = r.to_markdown("", page_source.metadata, style=style, parts=parts)
            source = detect.extract(rendered)
            assert source.rendering == "markdown", name
            assert r.squash(source.header + " " + source.body) == r.squash(" ".join(parts)), (
                name,
                style,
            )
