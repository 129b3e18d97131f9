"""The archive's search language: parse_query, unparse and walk (docs/search.md)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablegram.archive.query import (
    CLASS_RANKS,
    FIELDS,
    FILTER_FIELDS,
    MAX_DEPTH,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    All,
    And,
    ClassFilter,
    DateRange,
    Filter,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    parse_query,
    unparse,
    walk,
)
from cablegram.errors import ArchiveError, QuerySyntaxError


def error_of(query: str) -> QuerySyntaxError:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(query)
    return caught.value


# ------------------------------------------------------------------ words and phrases


def test_empty_query_matches_everything() -> None:
    assert parse_query("") == All()
    assert parse_query("   \t\n") == All()


def test_single_word_is_a_lower_case_term_searched_anywhere() -> None:
    assert parse_query("Hezbollah") == Term("hezbollah")


def test_words_side_by_side_must_all_match() -> None:
    assert parse_query("iran nuclear") == And((Term("iran"), Term("nuclear")))


def test_explicit_and_is_the_same_as_words_side_by_side() -> None:
    assert parse_query("iran AND nuclear") == parse_query("iran nuclear")


def test_quoted_phrase_keeps_word_order() -> None:
    assert parse_query('"nuclear program"') == Phrase(("nuclear", "program"))


def test_curly_quotes_pasted_from_a_word_processor_make_a_phrase() -> None:
    assert parse_query("“nuclear program”") == Phrase(("nuclear", "program"))


def test_one_word_in_quotes_is_a_term() -> None:
    assert parse_query('"Muscat"') == Term("muscat")


def test_star_after_a_word_searches_a_prefix() -> None:
    assert parse_query("nucl*") == Term("nucl", prefix=True)


def test_star_after_a_phrase_applies_to_its_last_word() -> None:
    assert parse_query('"nuclear prog"*') == Phrase(("nuclear", "prog"), prefix=True)


def test_word_with_punctuation_becomes_a_phrase_of_its_parts() -> None:
    # FTS5 and to_tsvector split al-Qaida and U.S. the same way
    assert parse_query("al-Qaida") == Phrase(("al", "qaida"))
    assert parse_query("U.S.") == Phrase(("u", "s"))


def test_digits_and_accented_letters_are_word_characters() -> None:
    assert parse_query("Médecins 1701") == And((Term("médecins"), Term("1701")))


def test_lower_case_or_and_not_are_plain_words() -> None:
    assert parse_query("war or peace not") == And(
        (Term("war"), Term("or"), Term("peace"), Term("not"))
    )


# ------------------------------------------------------------------------- operators


def test_or_matches_either_side() -> None:
    assert parse_query("Hamas OR Hezbollah") == Or((Term("hamas"), Term("hezbollah")))


def test_and_binds_tighter_than_or() -> None:
    assert parse_query("a b OR c") == Or((And((Term("a"), Term("b"))), Term("c")))
    assert parse_query("a OR b c") == Or((Term("a"), And((Term("b"), Term("c")))))


def test_parentheses_override_precedence() -> None:
    assert parse_query("(a OR b) c") == And((Or((Term("a"), Term("b"))), Term("c")))


def test_minus_excludes_a_word() -> None:
    assert parse_query("iran -israel") == And((Term("iran"), Not(Term("israel"))))


def test_not_keyword_is_the_same_as_minus() -> None:
    assert parse_query("iran NOT israel") == parse_query("iran -israel")


def test_not_binds_tighter_than_and() -> None:
    assert parse_query("NOT a b") == And((Not(Term("a")), Term("b")))


def test_not_before_parentheses_excludes_the_group() -> None:
    assert parse_query("iran -(israel OR syria)") == And(
        (Term("iran"), Not(Or((Term("israel"), Term("syria")))))
    )


def test_double_negation_cancels() -> None:
    assert parse_query("--iran") == Term("iran")
    assert parse_query("NOT NOT iran") == Term("iran")
    assert parse_query("-(-iran) oil") == And((Term("iran"), Term("oil")))


def test_nested_groups_of_the_same_kind_are_flattened() -> None:
    assert parse_query("a (b (c d))") == And((Term("a"), Term("b"), Term("c"), Term("d")))
    assert parse_query("a OR (b OR c)") == Or((Term("a"), Term("b"), Term("c")))


def test_duplicate_items_are_dropped_keeping_the_first_order() -> None:
    assert parse_query("b a B") == And((Term("b"), Term("a")))
    assert parse_query("tag:prel tag:PREL") == Filter("tag", "PREL")
    assert parse_query("x OR y OR x") == Or((Term("x"), Term("y")))


def test_redundant_parentheses_disappear() -> None:
    assert parse_query("((iran))") == Term("iran")


# ---------------------------------------------------------------------------- fields


def test_origin_accepts_a_token_or_the_release_name_of_a_post() -> None:
    assert parse_query("origin:MUSCAT") == Filter("origin", "MUSCAT")
    tree = parse_query('origin:"Embassy Muscat"')
    assert tree == Filter("origin", "MUSCAT")
    assert isinstance(tree, Filter)
    assert tree.raw == "Embassy Muscat"


def test_origin_resolves_old_and_sender_spellings() -> None:
    assert parse_query("origin:secstate") == Filter("origin", "STATE")
    assert parse_query("origin:USUN") == Filter("origin", "USUNNEWYORK")
    assert parse_query('origin:"AMEMBASSY ABU DHABI"') == Filter("origin", "ABUDHABI")


def test_origin_unknown_single_token_is_kept_upper_case() -> None:
    # the archive may hold origins the posts table does not know
    assert parse_query("origin:zzqx") == Filter("origin", "ZZQX")


def test_country_accepts_iso_fips_or_a_name_and_stores_iso() -> None:
    assert parse_query("country:PK") == Filter("country", "PK")
    assert parse_query("country:IZ") == Filter("country", "IQ")  # FIPS Iraq
    assert parse_query('country:"south korea"') == Filter("country", "KR")
    assert parse_query("country:Germany") == Filter("country", "DE")


def test_country_code_that_is_iso_and_fips_is_read_as_iso() -> None:
    # ISO CH is Switzerland, FIPS CH is China: the archive stores ISO
    assert parse_query("country:CH") == Filter("country", "CH")
    assert parse_query("country:China") == Filter("country", "CN")


def test_tag_is_upper_cased_and_people_take_the_tags_form() -> None:
    assert parse_query("tag:pter") == Filter("tag", "PTER")
    assert parse_query('tag:"Clinton Hillary"') == Filter("tag", "CLINTON, HILLARY")


def test_caveat_drops_slashes() -> None:
    assert parse_query("caveat://noforn") == Filter("caveat", "NOFORN")


def test_names_are_upper_cased_with_blanks_squeezed() -> None:
    assert parse_query('signer:"van   voorst"') == Filter("signer", "VAN VOORST")
    assert parse_query("classifiedby:Grappo") == Filter("classifiedby", "GRAPPO")


def test_recipient_that_names_a_post_becomes_its_token() -> None:
    assert parse_query('recipient:"SECSTATE WASHDC"') == Filter("recipient", "STATE")
    assert parse_query('recipient:"NSC WASHDC"') == Filter("recipient", "NSC WASHDC")


def test_precedence_accepts_words_and_prosigns() -> None:
    assert parse_query("precedence:niact") == Filter("precedence", "NIACT IMMEDIATE")
    assert parse_query("precedence:O") == Filter("precedence", "IMMEDIATE")
    assert parse_query("precedence:Flash") == Filter("precedence", "FLASH")


def test_reference_ids_are_canonicalised() -> None:
    assert parse_query("cites:07STATE16868") == Filter("cites", "07STATE16868")
    assert parse_query('citedby:"06 MUSCAT 01735"') == Filter("citedby", "06MUSCAT1735")
    assert parse_query("id:09cairo0561") == Filter("id", "09CAIRO561")


def test_field_names_are_case_insensitive() -> None:
    assert parse_query("TAG:PREL Origin:MUSCAT") == parse_query("tag:PREL origin:MUSCAT")


def test_subject_field_searches_words_and_phrases_in_the_subject_only() -> None:
    assert parse_query("subject:iran") == Term("iran", field="subject")
    assert parse_query('subject:"nuclear talks"') == Phrase(("nuclear", "talks"), field="subject")
    assert parse_query("subject:nucl*") == Term("nucl", field="subject", prefix=True)


def test_field_filter_can_be_negated() -> None:
    assert parse_query("iran -tag:PREL") == And((Term("iran"), Not(Filter("tag", "PREL"))))
    assert parse_query("iran NOT origin:STATE") == And(
        (Term("iran"), Not(Filter("origin", "STATE")))
    )


def test_field_group_expands_to_one_filter_per_value() -> None:
    assert parse_query("tag:(PREL OR PGOV)") == Or((Filter("tag", "PREL"), Filter("tag", "PGOV")))
    assert parse_query("tag:(PREL PGOV -PHUM)") == And(
        (Filter("tag", "PREL"), Filter("tag", "PGOV"), Not(Filter("tag", "PHUM")))
    )
    assert parse_query('subject:(iran OR "nuclear talks")') == Or(
        (Term("iran", field="subject"), Phrase(("nuclear", "talks"), field="subject"))
    )


def test_date_and_class_groups_expand_too() -> None:
    assert parse_query("date:(2007 OR 2009-02)") == Or(
        (
            DateRange(dt.date(2007, 1, 1), dt.date(2008, 1, 1)),
            DateRange(dt.date(2009, 2, 1), dt.date(2009, 3, 1)),
        )
    )
    assert parse_query("class:(secret OR s)") == ClassFilter("=", "SECRET")


def test_negated_field_group_excludes_every_value() -> None:
    assert parse_query("iran -tag:(PREL OR PGOV)") == And(
        (Term("iran"), Not(Or((Filter("tag", "PREL"), Filter("tag", "PGOV")))))
    )


def test_group_values_keep_their_own_positions() -> None:
    tree = parse_query("tag:(PREL OR PGOV)")
    assert isinstance(tree, Or)
    assert [item.position for item in tree.items] == [5, 13]


# ------------------------------------------------------------------- classification


def test_class_equality_ignores_noforn_unless_asked() -> None:
    assert parse_query("class:secret") == ClassFilter("=", "SECRET")
    assert parse_query("class:secret//noforn") == ClassFilter("=", "SECRET", noforn=True)
    assert parse_query("class:secret//-noforn") == ClassFilter("=", "SECRET", noforn=False)


@pytest.mark.parametrize(
    ("query", "op", "level"),
    [
        ("class>=confidential", ">=", "CONFIDENTIAL"),
        ("class>confidential", ">", "CONFIDENTIAL"),
        ("class<secret", "<", "SECRET"),
        ("class<=c", "<=", "CONFIDENTIAL"),
        ("class=s", "=", "SECRET"),
        ('class:"top secret"', "=", "TOP SECRET"),
        ("class:top_secret", "=", "TOP SECRET"),
        ("class:unclas", "=", "UNCLASSIFIED"),
        ("class:fouo", "=", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ('class:"unclassified//for official use only"', "=", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
        ("class:LOU", "=", "LIMITED OFFICIAL USE"),
    ],
)
def test_class_comparisons_and_level_spellings(query: str, op: str, level: str) -> None:
    assert parse_query(query) == ClassFilter(op, level)  # type: ignore[arg-type]


def test_class_ranks_are_ordered_from_unclassified_to_top_secret() -> None:
    ranks = [CLASS_RANKS[name] for name in ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "TOP SECRET")]
    assert ranks == sorted(ranks)
    assert CLASS_RANKS["UNCLASSIFIED//FOR OFFICIAL USE ONLY"] == 1


def test_class_filter_lists_the_levels_it_admits() -> None:
    node = parse_query("class>=secret")
    assert isinstance(node, ClassFilter)
    assert node.levels() == ("SECRET", "TOP SECRET")
    assert node.rank == 3


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("date:2007", dt.date(2007, 1, 1), dt.date(2008, 1, 1)),
        ("date:2009-02", dt.date(2009, 2, 1), dt.date(2009, 3, 1)),
        ("date:2007-12", dt.date(2007, 12, 1), dt.date(2008, 1, 1)),
        ("date:2008-02-29", dt.date(2008, 2, 29), dt.date(2008, 3, 1)),
        ("date:2007-01..2007-03", dt.date(2007, 1, 1), dt.date(2007, 4, 1)),
        ("date:2008..2009", dt.date(2008, 1, 1), dt.date(2010, 1, 1)),
        ("date:2007..", dt.date(2007, 1, 1), None),
        ("date:..2008-06", None, dt.date(2008, 7, 1)),
        ("date:2007-05-10..2007-05", dt.date(2007, 5, 10), dt.date(2007, 6, 1)),
        ("date>=2007-05", dt.date(2007, 5, 1), None),
        ("date>2007-05", dt.date(2007, 6, 1), None),
        ("date<2007-05", None, dt.date(2007, 5, 1)),
        ("date<=2007-05", None, dt.date(2007, 6, 1)),
        ("date=2007", dt.date(2007, 1, 1), dt.date(2008, 1, 1)),
        ('date:"2007-1-5"', dt.date(2007, 1, 5), dt.date(2007, 1, 6)),
    ],
)
def test_dates_become_half_open_ranges(query: str, start: dt.date, end: dt.date) -> None:
    assert parse_query(query) == DateRange(start, end)


# ------------------------------------------------------------------------- positions


def test_every_node_carries_its_start_offset() -> None:
    tree = parse_query('iran -tag:PREL "oil deal" class>=secret date:2008')
    assert [(type(node).__name__, node.position) for node in walk(tree)] == [
        ("And", 0),
        ("Term", 0),
        ("Not", 5),
        ("Filter", 6),
        ("Phrase", 15),
        ("ClassFilter", 26),
        ("DateRange", 40),
    ]


def test_positions_do_not_take_part_in_equality() -> None:
    assert parse_query("  iran") == parse_query("iran")
    assert Term("iran", position=2) == Term("iran")


# ---------------------------------------------------------------------------- errors

ERRORS = [
    # (query, position, part of the message)
    ("tga:PREL", 0, "did you mean tag:"),
    ("iran classifed:smith", 5, "did you mean classified"),
    ("http://example.org", 0, "unknown field http:"),
    ('iran "nuclear program', 5, "quote is never closed"),
    ("(iran OR iraq", 0, "parenthesis is never closed"),
    ("a (b (c)", 2, "parenthesis is never closed"),
    ("iran)", 4, "closes nothing"),
    (")", 0, "closes nothing"),
    ("()", 0, "empty parentheses"),
    ("OR iran", 0, "OR needs a term on its left"),
    ("iran OR", 5, "OR needs a term on its right"),
    ("iran OR OR iraq", 5, "OR needs a term on its right"),
    ("(iran OR) iraq", 6, "OR needs a term on its right"),
    ("AND iran", 0, "AND needs a term on its left"),
    ("iran AND", 5, "AND needs a term on its right"),
    ("iran AND OR iraq", 5, "AND needs a term on its right"),
    ("iran NOT", 5, "NOT needs a term after it"),
    ("iran - iraq", 5, "'-' excludes what follows it directly"),
    ("iran -", 5, "'-' excludes what follows it directly"),
    ("tag:", 4, "tag: has no value"),
    ("tag: PREL", 4, "tag: has no value"),
    ('tag:""', 4, "empty value"),
    ("tag:()", 4, "tag:() has no values"),
    ("(tag:)", 5, "tag: has no value"),
    ("tag:(PREL OR)", 10, "OR needs a term on its right"),
    ("tag:(PREL country:IR)", 10, "holds values, not other fields"),
    ("tag:-PREL", 4, "put the minus first"),
    ("tag:PREL*", 8, "'*' prefix search works on words"),
    ('tag:"PREL"*', 10, "'*' prefix search works on words"),
    ("tag>=PREL", 3, "takes no comparison"),
    ("class>=(secret OR confidential)", 7, "with one value"),
    ("nu*clear", 2, "'*' marks a prefix"),
    ("*", 0, "'*' needs a word before it"),
    ("iran &", 5, "nothing to search for"),
    ('"..."', 0, "nothing to search for in this phrase"),
    ("date:2007-13", 10, "13 is not a month"),
    ("date:2007-00", 10, "0 is not a month"),
    ("date:2007-02-30", 13, "not a day of the calendar"),
    ("date:07", 5, "is not a date"),
    ("date:2007/05", 5, "is not a date"),
    ("date:2007-03..2007-01", 14, "ends (2007-01) before it starts (2007-03)"),
    ("date:2007..2007-13", 16, "13 is not a month"),
    ("date:..", 5, "needs a start or an end"),
    ("date>=2007..2008", 6, "takes one date, not a range"),
    ("date:0000", 5, "out of range"),
    ("class>=secrett", 7, "did you mean secret"),
    ("class:restricted", 6, "unknown classification"),
    ("class:noforn", 6, "NOFORN is a caveat"),
    ("class<unclassified", 6, "no classification is < UNCLASSIFIED"),
    ('class>"top secret"', 7, "no classification is > TOP SECRET"),
    ("cites:STATE16868", 6, "not a cable reference id"),
    ("id:hello", 3, "not a cable reference id"),
    ("country:Germny", 8, "did you mean Germany"),
    ("country:QQ", 8, "unknown country"),
    ("origin:MUSCATT", 7, "did you mean MUSCAT"),
    ('origin:"Embassy Muscatt"', 8, "did you mean Embassy Muscat"),
    ("precedence:PIORITY", 11, "did you mean PRIORITY"),
    ("-iran", 0, "nothing to match"),
    ("-iran -iraq", 0, "every term of this group is negated"),
    ("NOT tag:PREL", 0, "nothing to match"),
    ("-(iran iraq)", 0, "nothing to match"),
    ("iran OR -iraq", 8, "each side of OR needs a term that is not negated"),
    ("oil (iran OR -iraq)", 13, "each side of OR"),
    ("oil -(-iran -iraq)", 6, "every term of this group is negated"),
    ("tag:(-PREL)", 5, "nothing to match"),
]


@pytest.mark.parametrize(("query", "position", "message"), ERRORS)
def test_malformed_query_is_refused_at_the_exact_position(
    query: str, position: int, message: str
) -> None:
    error = error_of(query)
    assert (error.position, error.query) == (position, query)
    assert message in error.reason


def test_every_construct_in_the_reference_has_an_error_case() -> None:
    # each field and operator of docs/search.md shows up in ERRORS above
    queries = " ".join(query for query, _, _ in ERRORS).lower()
    for name in ("tag", "date", "class", "cites", "id", "country", "origin", "precedence"):
        assert f"{name}:" in queries or f"{name}>" in queries or f"{name}<" in queries


def test_query_error_is_an_archive_error_with_a_caret_pointer() -> None:
    error = error_of("tga:PREL")
    assert isinstance(error, ArchiveError)
    assert error.pointer() == "tga:PREL\n^"
    assert str(error).endswith("(at position 0)")


def test_unknown_field_suggestion_names_real_fields() -> None:
    assert "did you mean signer:?" in error_of("singer:SMITH").reason
    assert "did you mean" not in error_of("zzzzz:SMITH").reason


# ---------------------------------------------------------------------------- limits


def test_query_longer_than_the_limit_is_refused() -> None:
    assert parse_query("a" * MAX_QUERY_LENGTH) == Term("a" * MAX_QUERY_LENGTH)
    error = error_of("a" * (MAX_QUERY_LENGTH + 1))
    assert error.position == MAX_QUERY_LENGTH
    assert "limit is 2,000" in error.reason


def test_nesting_deeper_than_the_limit_is_refused_at_the_first_parenthesis_too_deep() -> None:
    deep_enough = "(" * MAX_DEPTH + "iran" + ")" * MAX_DEPTH
    assert parse_query(deep_enough) == Term("iran")
    too_deep = "(" * (MAX_DEPTH + 1) + "iran" + ")" * (MAX_DEPTH + 1)
    error = error_of(too_deep)
    assert error.position == MAX_DEPTH
    assert "deeper than 32" in error.reason


def test_field_groups_count_towards_the_nesting_limit() -> None:
    query = "(" * MAX_DEPTH + "tag:(PREL)" + ")" * MAX_DEPTH
    assert error_of(query).position == MAX_DEPTH + 4


def test_more_terms_than_the_limit_are_refused_at_the_first_term_too_many() -> None:
    words = [f"w{i}" for i in range(MAX_TERMS + 1)]
    assert isinstance(parse_query(" ".join(words[:MAX_TERMS])), And)
    query = " ".join(words)
    error = error_of(query)
    assert error.position == query.index(" w200") + 1
    assert "more than 200 terms" in error.reason


def test_field_values_count_as_terms() -> None:
    query = "tag:(" + " OR ".join(f"T{i:03d}" for i in range(MAX_TERMS + 1)) + ")"
    assert "more than 200 terms" in error_of(query).reason


def test_long_chain_of_negations_does_not_recurse() -> None:
    assert parse_query("NOT " * 400 + "iran") == Term("iran")
    assert parse_query("-" * 1001 + "iran oil") == And((Not(Term("iran")), Term("oil")))


def test_limits_are_module_constants() -> None:
    assert (MAX_QUERY_LENGTH, MAX_DEPTH, MAX_TERMS) == (2000, 32, 200)


# ------------------------------------------------------------------- unparse and walk


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", ""),
        ("Iran  AND nuclear", "iran nuclear"),
        ("a OR b c", "a OR b c"),
        ("(a OR b) c", "(a OR b) c"),
        ("c NOT (a b)", "c -(a b)"),
        ("-(a OR b) c", "-(a OR b) c"),
        ("al-Qaida nucl*", '"al qaida" nucl*'),
        ('origin:"Embassy Muscat"', "origin:MUSCAT"),
        ("tag:(PREL OR PGOV)", "tag:PREL OR tag:PGOV"),
        ('signer:"van voorst"', 'signer:"VAN VOORST"'),
        ("precedence:niact", 'precedence:"NIACT IMMEDIATE"'),
        ("class>=secret//noforn", "class>=SECRET//NOFORN"),
        ('class:"top secret"', 'class:"TOP SECRET"'),
        ("date:2007-01..2007-03", "date:2007-01..2007-03"),
        ("date:2007..2007", "date:2007"),
        ("date:2007-01..2007-01-31", "date:2007-01"),
        ("date>2007-05", "date:2007-06.."),
        ("date<=2008-06", "date:..2008-06"),
        ("date:2007..2007-03", "date:2007-01..2007-03"),
        ('subject:"nuclear talks"*', 'subject:"nuclear talks"*'),
    ],
)
def test_unparse_writes_the_canonical_query(query: str, canonical: str) -> None:
    assert unparse(parse_query(query)) == canonical


def test_walk_visits_parents_before_children_in_order() -> None:
    tree = parse_query("a (b OR c) -d")
    assert [unparse(node) for node in walk(tree)] == [
        "a (b OR c) -d",
        "a",
        "b OR c",
        "b",
        "c",
        "-d",
        "d",
    ]


# ----------------------------------------------------------- node invariants (ValueError)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Term("Iran"),
        lambda: Term("al-qaida"),
        lambda: Term(""),
        lambda: Term("iran", field="tag"),
        lambda: Phrase(("one",)),
        lambda: Filter("colour", "RED"),
        lambda: Filter("tag", ""),
        lambda: Filter("signer", 'A "B"'),
        lambda: ClassFilter("=", "RESTRICTED"),
        lambda: ClassFilter("!=", "SECRET"),  # type: ignore[arg-type]
        lambda: ClassFilter("<", "UNCLASSIFIED"),
        lambda: DateRange(None, None),
        lambda: DateRange(dt.date(2008, 1, 1), dt.date(2007, 1, 1)),
        lambda: And((Term("a"),)),
        lambda: And((Term("a"), Term("a"))),
        lambda: And((Term("a"), And((Term("b"), Term("c"))))),
        lambda: Or((Term("a"), All())),
        lambda: Not(Not(Term("a"))),
    ],
)
def test_nodes_refuse_to_be_built_in_a_shape_unparse_cannot_write(build: object) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each constructor has its own message
        build()  # type: ignore[operator]


def test_nodes_are_frozen_and_hashable() -> None:
    node = parse_query("iran tag:PREL date:2008")
    assert hash(node) == hash(parse_query("iran  tag:prel date:2008"))
    with pytest.raises(AttributeError):
        node.items = ()  # type: ignore[misc, union-attr]


def test_public_field_lists_cover_every_filter() -> None:
    assert set(FILTER_FIELDS) < set(FIELDS)
    assert {"subject", "class", "date"} <= set(FIELDS)


# ------------------------------------------------------------------- docs/search.md

DOCS = Path(__file__).resolve().parents[1] / "docs" / "search.md"
_ROW = re.compile(r"^\| `([^`]+)` \| (.+) \|$", re.MULTILINE)


def _docs_section(title: str) -> str:
    text = DOCS.read_text("utf-8")
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_every_example_query_in_the_docs_parses() -> None:
    rows = _ROW.findall(_docs_section("Example queries"))
    assert len(rows) >= 20
    for query, _ in rows:
        assert not isinstance(parse_query(query), All), query


def test_every_common_mistake_in_the_docs_gives_the_documented_message() -> None:
    rows = _ROW.findall(_docs_section("Common mistakes"))
    assert len(rows) >= 10
    for query, documented in rows:
        message, position = re.fullmatch(r"(.+) \((\d+)\)", documented).groups()  # type: ignore[union-attr]
        error = error_of(query)
        assert (error.reason, error.position) == (message, int(position)), query


def test_every_field_is_in_the_docs_reference_table() -> None:
    table = _docs_section("Fields")
    for name in FIELDS:
        assert f"| `{name}:` |" in table, name


def test_every_date_form_in_the_docs_parses() -> None:
    rows = _ROW.findall(_docs_section("Dates"))
    assert len(rows) >= 10
    for query, _ in rows:
        assert isinstance(parse_query(query), DateRange), query


# ------------------------------------------------------------------------ properties

_WORD = st.text(st.characters(categories=("L", "N")), min_size=1, max_size=6).map(str.lower)


def _valid(build: object, *args: object) -> Node | None:
    try:
        return build(*args)  # type: ignore[operator, no-any-return]
    except ValueError:
        return None


_TERMS = st.builds(
    lambda text, field, prefix: _valid(Term, text, field, prefix),
    _WORD,
    st.sampled_from([None, "subject"]),
    st.booleans(),
)
_PHRASES = st.builds(
    lambda words, field, prefix: _valid(Phrase, tuple(words), field, prefix),
    st.lists(_WORD, min_size=2, max_size=4),
    st.sampled_from([None, "subject"]),
    st.booleans(),
)
_FILTER_VALUES = {
    "origin": ["MUSCAT", "STATE", "ABUDHABI", "USUNNEWYORK", "KIEV", "ZZQX"],
    "country": ["PK", "IQ", "DE", "CN", "CH", "US"],
    "tag": ["PREL", "PGOV", "KNNP", "PECON", "CLINTON, HILLARY"],
    "caveat": ["NOFORN", "SIPDIS", "EXDIS", "REL TO USA, GBR"],
    "signer": ["GRAPPO", "VAN VOORST"],
    "classifiedby": ["GARY A. GRAPPO", "POLOFF"],
    "recipient": ["STATE", "MADRID", "NSC WASHDC"],
    "precedence": ["FLASH", "NIACT IMMEDIATE", "IMMEDIATE", "PRIORITY", "ROUTINE"],
    "cites": ["07STATE16868", "06MUSCAT1735"],
    "citedby": ["09CAIRO561"],
    "id": ["07MUSCAT154", "10ABUDHABI33"],
}
_FILTERS = st.sampled_from(
    [Filter(field, value) for field, values in _FILTER_VALUES.items() for value in values]
)
# free-text names: any printable text survives the round trip once normalised
_NAMES = st.builds(
    lambda field, text: _valid(Filter, field, " ".join(text.upper().split())),
    st.sampled_from(["signer", "classifiedby", "caveat"]),
    st.text(st.characters(codec="utf-8", exclude_characters='"“”/'), max_size=12),
)
_CLASSES = st.builds(
    lambda op, level, noforn: _valid(ClassFilter, op, level, noforn),
    st.sampled_from(["=", "<", "<=", ">", ">="]),
    st.sampled_from(list(CLASS_RANKS)),
    st.sampled_from([None, True, False]),
)
_DAYS = st.dates(dt.date(1960, 1, 1), dt.date(2030, 12, 31))
_DATES = st.builds(
    lambda a, b: _valid(DateRange, a, b),
    st.one_of(st.none(), _DAYS),
    st.one_of(st.none(), _DAYS),
)
_LEAVES = st.one_of(_TERMS, _PHRASES, _FILTERS, _NAMES, _CLASSES, _DATES).filter(
    lambda node: node is not None
)


def _combine(kind: type[And] | type[Or], items: list[Node]) -> Node:
    """What the parser does: flatten, drop duplicates, unwrap a single item."""
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else [item])
    unique = list(dict.fromkeys(flat))
    return unique[0] if len(unique) == 1 else kind(tuple(unique))


def _negated(node: Node) -> Node:
    return node.item if isinstance(node, Not) else Not(node)


def _extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
    """Trees that find something: an And has a positive item, an Or only positive ones."""
    ands = st.builds(
        lambda first, rest: _combine(And, [first, *rest]),
        children,
        st.lists(st.one_of(children, children.map(_negated)), max_size=3),
    )
    ors = st.builds(lambda items: _combine(Or, items), st.lists(children, min_size=2, max_size=3))
    return st.one_of(ands, ors)


_TREES = st.recursive(_LEAVES, _extend, max_leaves=12)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(_TREES)
def test_unparse_then_parse_gives_the_same_tree(tree: Node) -> None:
    text = unparse(tree)
    assert parse_query(text) == tree
    assert unparse(parse_query(text)) == text


_PIECES = st.sampled_from(
    [
        "iran",
        "Nuclear",
        "or",
        "OR",
        "AND",
        "NOT",
        "-",
        "-tag:PREL",
        "(",
        ")",
        '"oil deal"',
        '"',
        "nucl*",
        "*",
        "al-Qaida",
        "tag:(PREL OR PGOV)",
        "class>=secret",
        "class:secret//noforn",
        "date:2007..2008-06",
        "date:2007-13",
        "country:CH",
        'origin:"Embassy Muscat"',
        "cites:07STATE16868",
        "subject:talks",
        "tga:x",
        ":",
        "é",
    ]
)


def _round_trips_or_fails_cleanly(query: str) -> None:
    """Either a tree that survives unparse, or a QuerySyntaxError inside the query."""
    try:
        tree = parse_query(query)
    except QuerySyntaxError as error:
        failure = error
    else:
        assert parse_query(unparse(tree)) == tree
        return
    assert 0 <= failure.position <= len(query)


@settings(max_examples=400)
@given(st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", "  "])), max_size=10))
def test_any_mix_of_pieces_parses_or_fails_cleanly(pieces: list[tuple[str, str]]) -> None:
    query = "".join(piece + gap for piece, gap in pieces)
    _round_trips_or_fails_cleanly(query)


@settings(max_examples=400)
@given(st.text(max_size=80))
def test_arbitrary_text_parses_or_fails_cleanly(query: str) -> None:
    _round_trips_or_fails_cleanly(query)


# ------------------------------------------------------------------------------ speed
