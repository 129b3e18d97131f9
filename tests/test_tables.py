"""Behaviour of the reference tables: posts, TAGS, routing indicators and format codes.

The corpus tests at the end read ../shared (the real Cablegate sample and its gold file)
and skip when it is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cablegram.tables import codes, posts, routes, tags

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "corpus" / "cablegate-html.gold.jsonl"
REF_ID = re.compile(r"^\d{2}([A-Z]+?)\d+$")


# --- posts -------------------------------------------------------------------------


def test_origin_tokens_include_department_missions_and_embassies() -> None:
    tokens = posts.origin_tokens()
    for token in ("ABUDHABI", "STATE", "USUNNEWYORK", "RIODEJANEIRO", "USNATO", "UNVIEVIENNA"):
        assert token in tokens
    assert "SECSTATE" not in tokens  # a variant, not a canonical token


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        ("SECSTATE", "STATE"),
        ("USUN", "USUNNEWYORK"),
        ("RIO", "RIODEJANEIRO"),
        ("ABU DHABI", "ABUDHABI"),
        ("KIEV", "KIEV"),
        ("abudhabi", "ABUDHABI"),
        ("BRUSELS", "BRUSSELS"),
        ("NOFORNMOGADISHU", "MOGADISHU"),
    ],
)
def test_token_alias_maps_variants_to_the_canonical_token(variant: str, canonical: str) -> None:
    assert posts.token_alias(variant) == canonical


def test_token_alias_returns_canonical_token_unchanged() -> None:
    assert posts.token_alias("MUSCAT") == "MUSCAT"


@pytest.mark.parametrize("junk", ["", "ZZQQXX", "ECTION", "BAU", "   "])
def test_token_alias_is_none_for_unknown_tokens(junk: str) -> None:
    assert posts.token_alias(junk) is None


def test_lookup_by_token_gives_release_name_country_and_route() -> None:
    post = posts.lookup("MUSCAT")
    assert post is not None
    assert post.name == "Embassy Muscat"
    assert (post.fips, post.iso) == ("MU", "OM")
    assert "RUEHMS" in post.routes
    assert post.lat is not None
    assert post.lon is not None
    assert 20 < post.lat < 27
    assert 55 < post.lon < 60


@pytest.mark.parametrize("query", ["MUSCAT", "Embassy Muscat", "AMEMBASSY MUSCAT", "muscat"])
def test_lookup_accepts_token_release_name_or_sender(query: str) -> None:
    post = posts.lookup(query)
    assert post is not None
    assert post.name == "Embassy Muscat"


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("STATE", "Secretary of State"),
        ("USUNNEWYORK", "USUN New York"),
        ("TAIPEI", "American Institute Taiwan, Taipei"),
        ("HAVANA", "US Interests Section Havana"),
        ("UNVIEVIENNA", "UNVIE"),
        ("USNATO", "Mission USNATO"),
        ("JEDDAH", "Consulate Jeddah"),
        ("HONGKONG", "Consulate Hong Kong"),
        ("BONN", "Embasy Bonn"),  # the release's own spelling
    ],
)
def test_release_names_use_the_wikileaks_vocabulary(token: str, name: str) -> None:
    post = posts.lookup(token)
    assert post is not None
    assert post.name == name


def test_by_route_finds_department_and_posts() -> None:
    department = posts.by_route("RUEHC")
    madrid = posts.by_route(" ruehmd ")
    assert department is not None
    assert department.token == "STATE"
    assert madrid is not None
    assert madrid.name == "Embassy Madrid"
    assert posts.by_route("RUEHQQQ") is None


@pytest.mark.parametrize(
    ("fm_line", "name"),
    [
        ("AMEMBASSY MUSCAT", "Embassy Muscat"),
        ("FM AMCONSUL JEDDAH", "Consulate Jeddah"),
        ("USMISSION USUN NEW YORK", "USUN New York"),
        ("SECSTATE WASHDC", "Secretary of State"),
        ("USMISSION GENEVA", "Mission Geneva"),
        ("AIT TAIPEI", "American Institute Taiwan, Taipei"),
        ("USINT HAVANA", "US Interests Section Havana"),
        ("USEU BRUSSELS", "USEU Brussels"),
        ("AMEMBASSY BRUSSELS", "Embassy Brussels"),
        ("AMEMBASSY  PORT-AU-PRINCE", "Embassy Port Au Prince"),
        ("RUEHMS/AMEMBASSY MUSCAT", "Embassy Muscat"),
        ("USMISSION USNATO BRUSSELS BE", "Mission USNATO"),
        ("AMEMBASSY KIEV", "Embassy Kyiv"),
        ("AMEMBASSY PARIS//ECON//", "Embassy Paris"),
    ],
)
def test_by_sender_normalises_fm_names(fm_line: str, name: str) -> None:
    post = posts.by_sender(fm_line)
    assert post is not None
    assert post.name == name


@pytest.mark.parametrize("fm_line", ["USDAO MADRID SP", "", "SOMEWHERE ELSE", "FM"])
def test_by_sender_returns_none_for_non_posts(fm_line: str) -> None:
    assert posts.by_sender(fm_line) is None


def test_every_post_has_a_token_a_name_and_a_known_kind() -> None:
    kinds = {"embassy", "consulate", "mission", "department", "office", "institute"}
    kinds |= {"interests section", "delegation", "reo"}
    for post in posts.all_posts():
        assert post.token.isalnum()
        assert post.token.isupper()
        assert post.name
        assert post.kind in kinds
        assert (post.lat is None) == (post.lon is None)


# --- TAGS --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "country", "iso"),
    [
        ("MU", "Oman", "OM"),
        ("IS", "Israel", "IL"),
        ("GM", "Germany", "DE"),
        ("SF", "South Africa", "ZA"),
        ("CH", "China", "CN"),
        ("RS", "Russia", "RU"),
        ("IZ", "Iraq", "IQ"),
    ],
)
def test_fips_tag_decodes_to_country_with_iso_code(code: str, country: str, iso: str) -> None:
    info = tags.describe(code)
    assert info.kind == "geo"
    assert info.meaning == country
    assert info.iso == iso


@pytest.mark.parametrize(
    ("code", "kind", "word"),
    [
        ("PREL", "subject", "political"),
        ("PGOV", "subject", "government"),
        ("ETRD", "subject", "trade"),
        ("KNNP", "program", "non-proliferation"),
        ("KPAL", "program", "Palestinian"),
        ("UNSC", "org", "Security Council"),
        ("NATO", "org", "North Atlantic"),
        ("EUN", "org", "European Union"),
    ],
)
def test_known_tags_decode_to_kind_and_meaning(code: str, kind: str, word: str) -> None:
    info = tags.describe(code)
    assert info.kind == kind
    assert info.meaning is not None
    assert word.lower() in info.meaning.lower()


def test_misspelt_tag_resolves_to_the_real_code() -> None:
    info = tags.describe("MOPPS")
    assert info.code == "MOPPS"
    assert info.canonical == "MOPS"
    assert info.kind == "subject"
    assert info.meaning == tags.describe("MOPS").meaning


def test_lower_case_tag_is_upper_cased() -> None:
    assert tags.describe("parm").canonical == "PARM"


@pytest.mark.parametrize("written", ["CLINTON, HILLARY", "CLINTON HILLARY", "Clinton, Hillary"])
def test_person_tag_is_a_person(written: str) -> None:
    info = tags.describe(written)
    assert info.kind == "person"
    assert info.canonical == "CLINTON, HILLARY"
    assert info.meaning == "Hillary Clinton"


def test_free_text_pair_is_not_a_person() -> None:
    assert tags.describe("COUNTER TERRORISM").kind == "unknown"


@pytest.mark.parametrize("code", ["QQQZ", "GOI", "ZZ9", "", "!!"])
def test_unknown_tag_is_reported_not_guessed(code: str) -> None:
    info = tags.describe(code)
    assert info.kind == "unknown"
    assert info.meaning is None
    assert info.iso is None


def test_unlisted_k_tag_is_a_program_without_a_guessed_meaning() -> None:
    info = tags.describe("KQQQ")
    assert info.kind == "program"
    assert info.meaning is None


def test_regional_x_code_is_geographic() -> None:
    africa = tags.describe("XA")
    assert africa.kind == "geo"
    assert africa.meaning is not None
    assert "Africa" in africa.meaning
    assert tags.describe("XQ").kind == "geo"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("KNNPMNUC", ["KNNP", "MNUC"]),
        ("ECONEFIN ETRD", ["ECON", "EFIN", "ETRD"]),
        ("PRELPGOVPHUM", ["PREL", "PGOV", "PHUM"]),
        ("PREL, PGOV,KNNPMNUC; IR", ["PREL", "PGOV", "KNNP", "MNUC", "IR"]),
    ],
)
def test_run_together_tags_are_split(line: str, expected: list[str]) -> None:
    assert tags.split_tags(line) == expected


def test_run_together_token_with_an_unknown_piece_is_kept_whole() -> None:
    assert tags.split_tags("PRELQQQQ") == ["PRELQQQQ"]


@pytest.mark.parametrize(
    "line",
    ["OVIP (CLINTON, HILLARY) PREL", "OVIP CLINTON HILLARY PREL", "OVIP, CLINTON, HILLARY, PREL"],
)
def test_split_tags_keeps_a_person_as_one_item(line: str) -> None:
    assert tags.split_tags(line) == ["OVIP", "CLINTON, HILLARY", "PREL"]


def test_split_tags_upper_cases_and_keeps_unknown_tokens() -> None:
    assert tags.split_tags("mtcre, parm, zzqx") == ["MTCRE", "PARM", "ZZQX"]


def test_split_tags_drops_label_punctuation_and_duplicates() -> None:
    assert tags.split_tags("TAGS: PREL, PGOV, SY. PREL") == ["PREL", "PGOV", "SY"]


def test_split_tags_keeps_free_text_words() -> None:
    assert tags.split_tags("PTER COUNTER TERRORISM") == ["PTER", "COUNTER", "TERRORISM"]


# --- routing indicators -----------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator", "kind"),
    [
        ("RUEHC", "department"),
        ("RUEHMD", "post"),
        ("RUCNDT", "post"),
        ("RHMFISS", "military"),
        ("RUEKJCS", "military"),
        ("RHEHNSC", "agency"),
        ("RUEAIIA", "agency"),
        ("RUEHXK", "collective"),
    ],
)
def test_routing_indicator_has_a_kind(indicator: str, kind: str) -> None:
    info = routes.describe(indicator)
    assert info is not None
    assert info.kind == kind
    assert info.name


def test_post_indicator_carries_the_post() -> None:
    info = routes.describe("RUEHMS")
    assert info is not None
    assert info.post is not None
    assert info.post.name == "Embassy Muscat"


def test_unknown_indicator_is_none() -> None:
    assert routes.describe("RZZZZZ") is None


def test_any_collective_name_is_a_collective() -> None:
    info = routes.by_name("ATLANTIS POSTS COLLECTIVE")
    assert info is not None
    assert info.kind == "collective"
    assert info.indicator is None


@pytest.mark.parametrize(
    ("name", "indicator"),
    [("SECDEF WASHINGTON DC", "RUEKJCS"), ("SECDEF WASHDC", "RUEKJCS"), ("CIA WASHDC", "RUEAIIA")],
)
def test_agency_names_resolve_whatever_the_capital_spelling(name: str, indicator: str) -> None:
    info = routes.by_name(name)
    assert info is not None
    assert info.indicator == indicator


# --- codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "word"),
    [
        ("Z", "FLASH"),
        ("OO", "IMMEDIATE"),
        ("P", "PRIORITY"),
        ("RR", "ROUTINE"),
        ("NIACT IMMEDIATE", "NIACT IMMEDIATE"),
        ("PIORITY", "PRIORITY"),
        ("IMMEDAITE", "IMMEDIATE"),
        ("routine", "ROUTINE"),
    ],
)
def test_precedence_prosigns_and_typos_give_the_word(token: str, word: str) -> None:
    assert codes.precedence_word(token) == word


@pytest.mark.parametrize("token", ["", "X", "PR", "0019", "PRIZE"])
def test_precedence_word_rejects_other_tokens(token: str) -> None:
    assert codes.precedence_word(token) is None


def test_security_warning_reads_code_or_line() -> None:
    assert codes.security_warning("CCCCC") == "Confidential"
    assert codes.security_warning("ZNY SSSSS ZZH") == "Secret"
    assert codes.security_warning("EEEEE") is not None
    assert codes.security_warning("ZNR") is None


@pytest.mark.parametrize(
    "word", ["NOFORN", "//noforn", "SIPDIS", "EXDIS", "NODIS", "REL TO USA, GBR"]
)
def test_caveats_have_meanings(word: str) -> None:
    assert codes.caveat(word)


def test_unknown_caveat_is_none() -> None:
    assert codes.caveat("BANANADIS") is None


@pytest.mark.parametrize(
    ("number", "in_force"),
    [
        (11652, dt.date(1972, 6, 1)),
        (12065, dt.date(1978, 12, 1)),
        (12356, dt.date(1982, 8, 1)),
        (12958, dt.date(1995, 10, 14)),
        (13292, dt.date(2003, 3, 25)),
        (13526, dt.date(2009, 12, 29)),
    ],
)
def test_executive_orders_carry_their_dates(number: int, in_force: dt.date) -> None:
    order = codes.executive_order(number)
    assert order is not None
    assert order.in_force == in_force


def test_executive_order_accepts_written_form_and_rejects_unknown() -> None:
    order = codes.executive_order("E.O. 12958")
    assert order is not None
    assert order.number == 12958
    assert codes.executive_order("E.O. 99999") is None
    assert codes.executive_order("none") is None


def test_order_in_force_follows_the_calendar() -> None:
    assert codes.order_in_force(dt.date(1990, 1, 1)).number == 12356  # type: ignore[union-attr]
    assert codes.order_in_force(dt.date(2007, 5, 1)).number == 12958  # type: ignore[union-attr]
    assert codes.order_in_force(dt.date(2010, 2, 1)).number == 13526  # type: ignore[union-attr]
    assert codes.order_in_force(dt.date(1950, 1, 1)) is None


@pytest.mark.parametrize(
    ("letter", "word"),
    [("a", "military"), ("(B)", "foreign government"), ("1.4(d)", "foreign relations")],
)
def test_reason_letters_have_meanings(letter: str, word: str) -> None:
    meaning = codes.reason_meaning(letter)
    assert meaning is not None
    assert word in meaning.lower()


def test_unknown_reason_letter_is_none() -> None:
    assert codes.reason_meaning("z") is None
    assert codes.reason_meaning("") is None


# --- the real corpus (skipped when ../shared is absent) -----------------------------


def _gold() -> Iterator[dict[str, object]]:
    if not GOLD.is_file():
        pytest.skip(f"gold corpus not found at {GOLD}")
    with GOLD.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


@pytest.mark.corpus
def test_gold_origins_follow_from_the_reference_id_token() -> None:
    records = list(_gold())
    good = 0
    for record in records:
        match = REF_ID.match(str(record["reference_id"]))
        assert match is not None
        post = posts.lookup(match.group(1))
        good += post is not None and post.name == record["origin"]
    assert good / len(records) >= 0.99


@pytest.mark.corpus
def test_every_gold_origin_name_is_in_the_posts_table() -> None:
    names = {post.name for post in posts.all_posts()}
    missing = {str(record["origin"]) for record in _gold()} - names
    assert not missing


@pytest.mark.corpus
def test_gold_tags_decode_to_kind_and_meaning() -> None:
    total = good = 0
    for record in _gold():
        listed = record.get("tags")
        if not isinstance(listed, list):
            continue
        decoded: set[str] = set()
        for item in tags.split_tags(" ".join(str(tag) for tag in listed)):
            info = tags.describe(item)
            if info.kind == "person":
                decoded.update(item.replace(",", " ").split())
            elif info.meaning is not None:
                decoded.add(item)
        for tag in listed:
            total += 1
            pieces = tags.split_tags(str(tag))
            split_ok = len(pieces) > 1 and all(tags.describe(p).meaning for p in pieces)
            good += tag in decoded or split_ok
    assert total > 3000
    assert good / total >= 0.98


def test_unknown_tag_in_a_cable_is_a_diagnostic_on_the_tags_line() -> None:
    import cablegram

    cable = cablegram.parse(
        "C O N F I D E N T I A L OSLO 000012\n\nE.O. 12958: DECL: 01/01/2019\n"
        "TAGS: PREL QQXZ NO\nSUBJECT: A TEST\n\n1. (C) Text.\n"
    )
    assert cable.tags == ("PREL", "QQXZ", "NO")
    [unknown] = [d for d in cable.diagnostics if d.code == "tag-unknown"]
    assert "QQXZ" in unknown.message
    assert unknown.line == 4
