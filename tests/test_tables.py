"""Behaviour of the reference tables: posts, TAGS, routing indicators and format codes.

The corpus tests at the end read ../shared (the real Cablegate sample and its gold file)
and skip when it is absent.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest

import cablegram
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


def test_transposed_mops_resolves() -> None:
    info = tags.describe("MPOS")
    assert info.canonical == "MOPS"
    assert info.kind == "subject"


def test_dea_office_tag_is_an_organisation() -> None:
    info = tags.describe("DEAX")
    assert info.kind == "org"
    assert info.meaning is not None
    assert "Drug Enforcement" in info.meaning


@pytest.mark.parametrize("code", ["ECUN", "TFIN", "KFIN", "HURI", "ENVR"])
def test_misspelling_with_more_than_one_reading_is_not_guessed(code: str) -> None:
    assert tags.describe(code).meaning is None


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
        ("PGOV KDEMAF", ["PGOV", "KDEM", "AF"]),
        ("PRELIZ", ["PREL", "IZ"]),
    ],
)
def test_run_together_tags_are_split(line: str, expected: list[str]) -> None:
    assert tags.split_tags(line) == expected


def test_run_together_token_with_an_unknown_piece_is_kept_whole() -> None:
    assert tags.split_tags("PRELQQQQ") == ["PRELQQQQ"]


def test_words_are_not_cut_into_country_codes() -> None:
    assert tags.split_tags("PGOV BRUSSELS POLITICS") == ["PGOV", "BRUSSELS", "POLITICS"]


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


@pytest.mark.parametrize(
    ("indicator", "token", "name"),
    [
        ("RUEHKUK", "KIRKUK", "REO Kirkuk"),
        ("RUEHIHL", "HILLAH", "REO Hillah"),
        ("RUEHMOS", "MOSUL", "REO Mosul"),
        ("RUEHBC", "BASRAH", "REO Basrah"),
    ],
)
def test_reo_indicators_resolve_to_their_reo(indicator: str, token: str, name: str) -> None:
    info = routes.describe(indicator)
    assert info is not None
    assert info.kind == "post"
    assert info.post is not None
    assert (info.post.token, info.post.name, info.post.kind) == (token, name, "reo")
    assert posts.by_route(indicator) is info.post  # a DE line with it names the REO


def test_reo_kirkuk_indicator_resolves_to_the_reo() -> None:
    info = routes.describe("ruehkuk")
    assert info is not None
    assert info.name == "REO Kirkuk"
    assert "inferred" in info.note  # no address line names it; the row says so


def test_web_relay_indicator_is_a_relay_not_an_addressee() -> None:
    info = routes.describe("RUEHWEB")
    assert info is not None
    assert info.kind == "relay"
    assert info.post is None
    assert "VZCZCXYZ" in info.note


@pytest.mark.parametrize(
    ("indicator", "token"),
    [("RUSBPW", "PESHAWAR"), ("RUEHDIA", "DUBAI"), ("RUEHFRA", "PARIS"), ("RUEHED", "EDINBURGH")],
)
def test_extra_indicator_of_a_post_gives_the_post(indicator: str, token: str) -> None:
    info = routes.describe(indicator)
    assert info is not None
    assert info.kind == "post"
    assert info.post is not None
    assert info.post.token == token
    assert info.name == info.post.name


def test_second_station_of_an_embassy_names_it_on_a_de_line() -> None:
    paris = posts.by_route("RUEHFRA")
    assert paris is not None
    assert paris.name == "Embassy Paris"
    assert paris.routes[0] == "RUEHFR"  # the usual station stays first


def test_addressee_only_indicator_is_not_a_sending_station() -> None:
    assert routes.describe("RUSBPW") is not None
    assert posts.by_route("RUSBPW") is None


def test_unidentified_addressee_keeps_the_name_the_cables_give_it() -> None:
    info = routes.describe("RUESEN")
    assert info is not None
    assert info.kind == "unknown"
    assert info.name == "SKOPJE BETA"
    assert "not known" in info.note


def test_unidentified_state_station_is_a_post_without_a_post_record() -> None:
    info = routes.describe("RUEHAST")
    assert info is not None
    assert info.kind == "post"
    assert info.post is None
    assert info.note


@pytest.mark.parametrize(
    ("indicator", "kind", "word"),
    [
        ("RUCJACC", "military", "Central Command"),
        ("RULSSGG", "military", "Coast Guard"),
        ("RUCOWCV", "military", "Coast Guard"),
        ("RHRMAKS", "military", "Naval Forces Central"),
        ("RUCBCLF", "military", "Atlantic Command"),
        ("RUEAWJL", "agency", "Justice"),
        ("RULSJGA", "agency", "Transportation"),
        ("RHEFDHN", "agency", "Defense Intelligence"),
        ("RUEHMI", "department", "Fort Lauderdale"),
        ("RUEHSD", "department", "service desk"),
    ],
)
def test_agency_and_military_indicators_from_address_lines(
    indicator: str, kind: str, word: str
) -> None:
    info = routes.describe(indicator)
    assert info is not None
    assert info.kind == kind
    assert word.lower() in info.name.lower()


@pytest.mark.parametrize(
    ("name", "indicator"),
    [
        ("CCGDSEVEN MIAMI FL", "RUCOWCV"),
        ("COMDT COGARD WASHINGTON DC", "RULSSGG"),
        ("USOFFICE FRC FT LAUDERDALE", "RUEHMI"),
        ("SKOPJE BETA", "RUESEN"),
    ],
)
def test_new_address_names_resolve_by_name(name: str, indicator: str) -> None:
    info = routes.by_name(name)
    assert info is not None
    assert info.indicator == indicator


def test_every_route_kind_is_a_declared_kind() -> None:
    declared = set(typing.get_args(routes.RouteKind))
    kinds = {info.kind for info in routes.all_routes()}
    assert kinds <= declared
    assert {"relay", "unknown"} <= kinds


def test_every_post_column_of_the_routes_table_names_a_known_post() -> None:
    path = Path(routes.__file__).parent / "data" / "routes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["post"]]
    assert rows
    for row in rows:
        info = routes.describe(row["indicator"])
        assert info is not None
        assert info.post is not None, row["indicator"]
        assert info.post.token == row["post"]


def test_relay_and_extra_indicators_in_a_cable_header() -> None:
    cable = cablegram.parse(
        "VZCZCXYZ0007\nRR RUEHWEB\n\nDE RUEHKUK #0012 0451200\nZNY CCCCC ZZH\n"
        "R 141200Z FEB 08\nFM REO KIRKUK\nTO RUEHGB/AMEMBASSY BAGHDAD 0031\n"
        "INFO RUSBPW/AMCONSUL PESHAWAR 0002\nRUESEN/SKOPJE BETA\nBT\n"
        "C O N F I D E N T I A L KIRKUK 000012\n\nE.O. 12958: DECL: 02/14/2018\n"
        "TAGS: PGOV PREL IZ\nSUBJECT: PROVINCIAL COUNCIL MEETS ON BUDGET\n\n"
        "1. (C) The council met.\n"
    )
    assert cable.relay_routes == ("RUEHWEB",)
    assert cable.originating_station == "RUEHKUK"
    assert cable.origin == "REO Kirkuk"
    peshawar, beta = cable.info_recipients
    assert (peshawar.kind, peshawar.post) == ("post", "PESHAWAR")
    assert (beta.kind, beta.organisation) == ("unknown", "SKOPJE BETA")
    assert not [d for d in cable.diagnostics if d.code == "addressee-unknown"]


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


# --- routing indicators and origin tokens of the corpus headers ------------------------


@pytest.fixture(scope="module")
def corpus_cables(corpus_dir: Path) -> list[cablegram.Cable]:
    """Every corpus page, parsed once for the header tests below."""
    return [cablegram.parse(page.read_text("utf-8")) for page in sorted(corpus_dir.glob("*.html"))]


def _header_indicators(cable: cablegram.Cable) -> list[str]:
    found = [*cable.relay_routes, *filter(None, [cable.originating_station])]
    # ZEN (an addressee served by other means) stands where an indicator would, but is none
    addressees = cable.recipients + cable.info_recipients
    found.extend(r.route for r in addressees if r.route and r.route != "ZEN")
    return found


@pytest.mark.corpus
def test_every_routing_indicator_in_the_corpus_headers_resolves(
    corpus_cables: list[cablegram.Cable],
) -> None:
    seen = [code for cable in corpus_cables for code in _header_indicators(cable)]
    assert len(seen) > 10_000
    assert sorted({code for code in seen if routes.describe(code) is None}) == []


@pytest.mark.corpus
def test_every_origin_token_in_the_corpus_resolves(
    corpus_cables: list[cablegram.Cable], gold_path: Path
) -> None:
    tokens = {cable.origin_token for cable in corpus_cables if cable.origin_token}
    with gold_path.open(encoding="utf-8") as handle:
        for line in handle:
            match = REF_ID.match(json.loads(line)["reference_id"])
            assert match is not None
            tokens.add(match.group(1))
    assert len(tokens) > 100
    assert sorted(token for token in tokens if posts.token_alias(token) is None) == []
    senders = {cable.sender for cable in corpus_cables if cable.sender}
    assert sorted(name for name in senders if posts.by_sender(name) is None) == []
