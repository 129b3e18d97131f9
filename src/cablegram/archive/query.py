"""The archive's search language: a query string parsed into a typed syntax tree.

A researcher types ``tag:PTER country:PK date:2008..2009 -origin:STATE`` or
``"nuclear program" class>=secret``; :func:`parse_query` turns that into a small tree
of frozen nodes (:class:`And`, :class:`Or`, :class:`Not`, :class:`Term`,
:class:`Phrase`, :class:`Filter`, :class:`ClassFilter`, :class:`DateRange`,
:class:`All`) and the backends compile the tree, to FTS5 ``MATCH`` plus SQL for
SQLite and to ``tsquery`` plus SQL for PostgreSQL. The language itself is
documented, with examples, in ``docs/search.md``.

The tree is made for those compilers:

* full-text nodes hold only what both engines tokenise alike: a :class:`Term` is
  one lower-cased run of letters and digits, and a word written with punctuation
  (``al-Qaida``, ``U.S.``) becomes a :class:`Phrase` of its parts, as FTS5's
  tokenizer splits it, so neither compiler has to quote or escape;
* filter values are already normalised to what the archive stores (origin tokens,
  ISO country codes, canonical reference ids, precedence words), so a compiler
  binds ``Filter.value`` as a parameter and compares;
* :class:`ClassFilter` carries a SQL comparison operator and a rank from
  :data:`CLASS_RANKS`; :class:`DateRange` a half-open ``[start, end_exclusive)``;
* the tree is normalised (nested And/Or flattened, duplicates dropped, double
  negations removed) and every Not stands in a group that also has something to
  match, so FTS5's binary ``NOT`` always has a left side.

A malformed query raises :class:`~cablegram.errors.QuerySyntaxError` with the
0-based offset of the problem; it is never silently read as another query.
Node constructors check their own invariants (raising ValueError), so every tree
that can be built can be written back by :func:`unparse`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import operator
import re
from collections.abc import Callable, Iterator
from typing import Literal, NamedTuple, TypeAlias

from cablegram.errors import QuerySyntaxError
from cablegram.parser.ids import canonical_id
from cablegram.tables import posts, tags
from cablegram.tables.codes import within_one_edit

__all__ = [
    "CLASS_RANKS",
    "FIELDS",
    "FILTER_FIELDS",
    "MAX_DEPTH",
    "MAX_QUERY_LENGTH",
    "MAX_TERMS",
    "TEXT_FIELDS",
    "All",
    "And",
    "ClassFilter",
    "ClassOp",
    "DateRange",
    "Filter",
    "Node",
    "Not",
    "Or",
    "Phrase",
    "Term",
    "parse_query",
    "unparse",
    "walk",
]

MAX_QUERY_LENGTH = 2000
"""Longest query accepted, in characters."""
MAX_DEPTH = 32
"""Deepest nesting of parentheses (field groups included)."""
MAX_TERMS = 200
"""Most words, phrases and field values in one query."""

CLASS_RANKS: dict[str, int] = {
    "UNCLASSIFIED": 0,
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": 1,
    "LIMITED OFFICIAL USE": 1,
    "CONFIDENTIAL": 2,
    "SECRET": 3,
    "TOP SECRET": 4,
}
"""Classification levels, lowest first. Levels of equal rank match each other:
LIMITED OFFICIAL USE is the older name of the FOR OFFICIAL USE ONLY tier."""

FILTER_FIELDS = (
    "origin",
    "country",
    "tag",
    "caveat",
    "signer",
    "classifiedby",
    "recipient",
    "precedence",
    "cites",
    "citedby",
    "id",
)
"""Fields matched exactly against a stored, normalised value (:class:`Filter`)."""
TEXT_FIELDS = ("subject",)
"""Fields searched as full text, like bare words (:class:`Term`, :class:`Phrase`)."""
FIELDS = (*TEXT_FIELDS, *FILTER_FIELDS, "class", "date")
"""Every field name the language knows (case-insensitive when typed)."""

ClassOp = Literal["=", "<", "<=", ">", ">="]

# ---------------------------------------------------------------------------- nodes

_WORD_RUN = re.compile(r"[^\W_]+")
_QUOTE = re.compile('["“”]')


def _words(text: str) -> list[str]:
    """The searchable words of ``text``: lower-cased runs of letters and digits."""
    return _WORD_RUN.findall(text.lower())


def _check_word(word: str) -> None:
    if not word.isalnum() or word.lower() != word:  # isalnum() is what [^\W_] matches
        raise ValueError(f"{word!r} is not one lower-case run of letters and digits")


def _check_text_field(name: str | None) -> None:
    if name is not None and name not in TEXT_FIELDS:
        raise ValueError(f"{name!r} is not a full-text field")


@dataclasses.dataclass(frozen=True, slots=True)
class All:
    """The empty query: matches every cable."""

    position: int = dataclasses.field(default=0, compare=False, kw_only=True)


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    """One word of full text, anywhere (``field=None``: subject and body) or in ``subject``.

    ``text`` is one lower-case run of letters and digits; ``prefix`` matches every
    word that starts with it (``nucl*``).
    """

    text: str
    field: str | None = None
    prefix: bool = False
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _check_word(self.text)
        _check_text_field(self.field)


@dataclasses.dataclass(frozen=True, slots=True)
class Phrase:
    """Two or more words in this order; ``prefix`` applies to the last (``"nuclear prog"*``)."""

    words: tuple[str, ...]
    field: str | None = None
    prefix: bool = False
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if len(self.words) < 2:
            raise ValueError("a phrase has two or more words; one word is a Term")
        for word in self.words:
            _check_word(word)
        _check_text_field(self.field)


@dataclasses.dataclass(frozen=True, slots=True)
class Filter:
    """An exact-valued field: ``tag:PREL``, ``origin:MUSCAT``, ``cites:07STATE16868``.

    ``value`` is normalised to what the archive stores (see ``docs/search.md``);
    ``raw`` is the value as typed, for messages. Neither ``raw`` nor ``position``
    takes part in equality.
    """

    field: str
    value: str
    raw: str = dataclasses.field(default="", compare=False, kw_only=True)
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if self.field not in FILTER_FIELDS:
            raise ValueError(f"{self.field!r} is not a filter field")
        if not self.value or self.value != self.value.strip():
            raise ValueError("a filter value is non-empty and has no outer blanks")
        if _QUOTE.search(self.value):
            raise ValueError("a filter value holds no quotes")


@dataclasses.dataclass(frozen=True, slots=True)
class ClassFilter:
    """A classification test: ``class_rank <op> rank`` and, unless None, the NOFORN flag.

    ``class:secret`` is ``op="="``; ``class>=confidential`` is ``op=">="``;
    ``class:secret//noforn`` sets ``noforn=True`` and ``class:secret//-noforn``
    ``noforn=False`` (SECRET without NOFORN).
    """

    op: ClassOp
    level: str
    noforn: bool | None = None
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if self.op not in _CLASS_TESTS:
            raise ValueError(f"unknown comparison {self.op!r}")
        if self.level not in CLASS_RANKS:
            raise ValueError(f"unknown classification level {self.level!r}")
        if not self.levels():
            raise ValueError(f"no level is {self.op} {self.level}")

    @property
    def rank(self) -> int:
        """The rank of ``level`` in :data:`CLASS_RANKS`, for ``class_rank <op> rank``."""
        return CLASS_RANKS[self.level]

    def levels(self) -> tuple[str, ...]:
        """Every level name the comparison admits, lowest first."""
        test = _CLASS_TESTS[self.op]
        return tuple(name for name, rank in CLASS_RANKS.items() if test(rank, self.rank))


_CLASS_TESTS: dict[str, Callable[[int, int], bool]] = {
    "=": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}


@dataclasses.dataclass(frozen=True, slots=True)
class DateRange:
    """Cables created on or after ``start`` and before ``end_exclusive`` (None: open)."""

    start: dt.date | None
    end_exclusive: dt.date | None
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if self.start is None and self.end_exclusive is None:
            raise ValueError("a date range needs a start or an end")
        if self.start and self.end_exclusive and self.end_exclusive <= self.start:
            raise ValueError("a date range ends after it starts")


def _check_items(kind: type, items: tuple[Node, ...]) -> None:
    if len(items) < 2:
        raise ValueError(f"{kind.__name__} holds two or more items")
    if len(set(items)) != len(items):
        raise ValueError(f"{kind.__name__} holds no duplicate items")
    for item in items:
        if isinstance(item, (kind, All)):
            raise ValueError(f"{kind.__name__} holds no {type(item).__name__} (flatten it)")


@dataclasses.dataclass(frozen=True, slots=True)
class And:
    """Every item matches (words side by side, or ``AND``)."""

    items: tuple[Node, ...]
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _check_items(And, self.items)


@dataclasses.dataclass(frozen=True, slots=True)
class Or:
    """At least one item matches (``OR``)."""

    items: tuple[Node, ...]
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        _check_items(Or, self.items)


@dataclasses.dataclass(frozen=True, slots=True)
class Not:
    """The item does not match (``-word``, ``NOT word``)."""

    item: Node
    position: int = dataclasses.field(default=0, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        if isinstance(self.item, Not | All):
            raise ValueError(f"Not holds no {type(self.item).__name__}")


Node: TypeAlias = And | Or | Not | Term | Phrase | Filter | ClassFilter | DateRange | All


def walk(node: Node) -> Iterator[Node]:
    """Every node of the tree, depth first, parents before children, in order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, And | Or):
            stack.extend(reversed(current.items))
        elif isinstance(current, Not):
            stack.append(current.item)


# ------------------------------------------------------------------------ tokenizer


class _Token(NamedTuple):
    kind: str  # WORD PHRASE FIELD ( ) OR AND NOT END
    pos: int
    text: str = ""  # the word, the phrase's content, the field name, "NOT" or "-"
    op: str = ""  # a field's operator
    prefix: bool = False  # a phrase followed by *


# One pass of finditer: every non-blank character starts one of these, so only
# blanks fall between matches.
_TOKEN = re.compile(
    r"""
    (?P<paren>[()])
    | ["“”](?P<phrase>[^"“”]*)["“”](?P<star>\*)?
    | (?P<open>["“”])
    | (?P<minus>-)(?P<lone>(?=[\s)]|$))?
    | (?P<name>[A-Za-z]+)(?P<op>>=|<=|[:<>=])(?P<value>[^\s()"“”]*)
    | (?P<word>[^\s()"“”]+)
    """,
    re.VERBOSE,
)
_KEYWORDS = frozenset(("OR", "AND", "NOT"))
_ENDS = frozenset(("OR", "AND", ")", "END"))  # tokens after which a term is missing
_AND_ENDS = frozenset(("OR", ")", "END"))  # tokens that end a run of ANDed terms


class _Error(Exception):
    """A parse failure before the query text is attached (see :func:`parse_query`)."""

    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.message = message
        self.position = position


def _tokenize(query: str) -> list[_Token]:
    """The tokens of ``query``; a field token is followed by its value token."""
    tokens: list[_Token] = []
    for match in _TOKEN.finditer(query):
        kind, start = match.lastgroup, match.start()
        if kind == "word":
            word = match.group(kind)
            tokens.append(_Token(word if word in _KEYWORDS else "WORD", start, word))
        elif kind == "paren":
            tokens.append(_Token(match.group(kind), start))
        elif kind in ("phrase", "star"):
            tokens.append(_Token("PHRASE", start, match.group("phrase"), "", kind == "star"))
        elif kind in ("value", "op"):
            _field_tokens(query, match, tokens)
        elif kind == "minus":
            tokens.append(_Token("NOT", start, "-"))
        elif kind == "lone":
            raise _Error("'-' excludes what follows it directly: write -word", start)
        else:
            raise _Error("this quote is never closed", start)
    tokens.append(_Token("END", len(query)))
    return tokens


def _field_tokens(query: str, match: re.Match[str], tokens: list[_Token]) -> None:
    """``name:value``: a FIELD token, then the value (a word here, or a phrase or group next)."""
    tokens.append(_Token("FIELD", match.start(), match.group("name"), match.group("op")))
    value_at = match.start("value")
    if match.group("value"):
        tokens.append(_Token("WORD", value_at, match.group("value")))
    elif value_at == len(query) or query[value_at] not in '("“”':
        raise _Error(f"{query[match.start() : value_at]} has no value after it", value_at)


# --------------------------------------------------------------------------- parser


class _Group(NamedTuple):
    """Inside ``field:( ... )``: words and phrases are values of ``field``."""

    field: str
    op: str


class _Parser:
    """Recursive descent over the tokens: OR binds loosest, then AND, then NOT."""

    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.kinds = [token.kind for token in tokens]  # peeked at often: a plain list
        self.at = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def parse(self) -> Node:
        if self.kinds[0] == "END":
            return All()
        node = self.or_(None)
        if self.kinds[self.at] == ")":
            raise _Error("this parenthesis closes nothing", self.peek().pos)
        return node

    def or_(self, group: _Group | None) -> Node:
        if self.kinds[self.at] == "OR":
            raise _Error("OR needs a term on its left", self.peek().pos)
        node = self.and_(group)
        if self.kinds[self.at] != "OR":
            return node
        items = [node]
        while self.kinds[self.at] == "OR":
            keyword = self.take()
            if self.kinds[self.at] in _ENDS:
                raise _Error("OR needs a term on its right", keyword.pos)
            items.append(self.and_(group))
        return _combine(Or, items)

    def and_(self, group: _Group | None) -> Node:
        kinds = self.kinds
        if kinds[self.at] == "AND":
            raise _Error("AND needs a term on its left", self.peek().pos)
        items = [self.unary(group)]
        while (kind := kinds[self.at]) not in _AND_ENDS:
            if kind == "AND":
                keyword = self.take()
                if kinds[self.at] in _ENDS:
                    raise _Error("AND needs a term on its right", keyword.pos)
            items.append(self.unary(group))
        return _combine(And, items)

    def unary(self, group: _Group | None) -> Node:
        if self.kinds[self.at] != "NOT":
            return self.primary(group)
        first = last = self.take()
        count = 1
        while self.kinds[self.at] == "NOT":
            last = self.take()
            count += 1
        if self.kinds[self.at] in _ENDS:
            raise _Error(f"{last.text} needs a term after it", last.pos)
        node = self.primary(group)
        if count % 2 == 0:
            return node
        if isinstance(node, Not):  # -(-word)
            return node.item
        return Not(node, position=first.pos)

    def primary(self, group: _Group | None) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.parenthesised(token, group)
        if token.kind in ("WORD", "PHRASE"):
            if group is None:
                return self.text(token, None, token.pos)
            return self.value(group.field, group.op, token, token.pos)
        if token.kind == "FIELD":
            return self.field(token, group)
        raise _Error("this parenthesis closes nothing", token.pos)  # only ")" gets here

    def parenthesised(self, opening: _Token, group: _Group | None) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Error(f"parentheses nest deeper than {MAX_DEPTH} levels", opening.pos)
        if self.peek().kind == ")":
            what = f"{group.field}:() has no values" if group else "empty parentheses"
            raise _Error(what, opening.pos)
        node = self.or_(group)
        if self.peek().kind != ")":
            raise _Error("this parenthesis is never closed", opening.pos)
        self.take()
        self.depth -= 1
        return node

    def field(self, token: _Token, group: _Group | None) -> Node:
        name = _field_name(token)
        if group is not None:
            raise _Error(f"a {group.field}: group holds values, not other fields", token.pos)
        op_at = token.pos + len(token.text)
        if token.op != ":" and name not in ("class", "date"):
            raise _Error(f"{name}: takes no comparison; write {name}:VALUE", op_at)
        value = self.take()
        if value.kind == "(":
            if token.op != ":":
                raise _Error(f"write {name}{token.op}VALUE, with one value", value.pos)
            return self.parenthesised(value, _Group(name, token.op))
        return self.value(name, token.op, value, token.pos)

    def count(self, position: int) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise _Error(f"more than {MAX_TERMS} terms in one query", position)

    def text(self, token: _Token, field: str | None, position: int) -> Term | Phrase:
        """A word or phrase of full text; punctuation splits a word into a phrase."""
        self.count(token.pos)
        text, prefix = token.text, token.prefix
        if token.kind == "WORD" and "*" in text:
            star = text.index("*")
            if star != len(text) - 1:
                raise _Error("'*' marks a prefix and goes only at the end of a word",
                             token.pos + star)  # fmt: skip
            text, prefix = text[:-1], True
        words = _words(text)
        if not words:
            what = "'*' needs a word before it" if prefix and not text else "nothing to search for"
            where = "in this phrase" if token.kind == "PHRASE" else f"in {token.text!r}"
            raise _Error(f"{what} {where}: no letters or digits", token.pos)
        if len(words) == 1:
            return Term(words[0], field, prefix, position=position)
        return Phrase(tuple(words), field, prefix, position=position)

    def value(self, name: str, op: str, token: _Token, position: int) -> Node:
        """The node for ``name<op>value``; ``position`` is where it starts."""
        quoted = token.kind == "PHRASE"
        start = token.pos + quoted
        if not quoted and token.text.startswith("-"):
            raise _Error(f"to exclude a value, put the minus first: -{name}:...", token.pos)
        if name in TEXT_FIELDS:
            return self.text(token, name, position)
        self.count(token.pos)
        if token.prefix or (not quoted and token.text.endswith("*")):
            star = start + len(token.text) + (1 if quoted else -1)
            raise _Error(f"'*' prefix search works on words and subject:, not {name}:", star)
        if not token.text.strip():
            raise _Error(f"{name}: has an empty value", token.pos)
        if name == "class":
            return _class_filter(op, token.text, start, position)
        if name == "date":
            return _date_range(op, token.text, start, position)
        value = _FILTER_VALUES[name](token.text, start)
        return Filter(name, value, raw=token.text, position=position)


def _field_name(token: _Token) -> str:
    name = token.text.lower()
    if name in FIELDS:
        return name
    hint = _did_you_mean(name, FIELDS, suffix=":")
    raise _Error(
        f"unknown field {token.text}:{hint} (quote the text to search for it as words)",
        token.pos,
    )


def _did_you_mean(word: str, choices: tuple[str, ...] | list[str], suffix: str = "") -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]}{suffix}?" if close else ""


def _combine(kind: type[And] | type[Or], items: list[Node]) -> Node:
    """One And or Or of ``items``: nested ones flattened, duplicates dropped, order kept."""
    if len(items) == 1:
        return items[0]
    flat: list[Node] = []
    for item in items:
        flat.extend(item.items if isinstance(item, kind) else (item,))
    unique = list(dict.fromkeys(flat))
    if len(unique) == 1:
        return unique[0]
    return kind(tuple(unique), position=items[0].position)


def _positive(node: Node) -> bool:
    """Whether ``node`` finds something, not only excludes; raises on a group that only
    excludes, since FTS5 has no NOT without a left side and nothing is to be found."""
    if isinstance(node, Not):
        _positive(node.item)
        return False
    if isinstance(node, And):
        found = [_positive(item) for item in node.items]  # each item checked, not any()
        if not any(found):
            raise _Error("nothing to match: every term of this group is negated", node.position)
    elif isinstance(node, Or):
        for item in node.items:
            if not _positive(item):
                raise _Error("each side of OR needs a term that is not negated", item.position)
    return True


def parse_query(text: str) -> Node:
    """The syntax tree of a search query; an empty query is :class:`All`.

    Raises :class:`~cablegram.errors.QuerySyntaxError` with the offset of the first
    problem: a syntax error, a bad value or a query beyond the limits
    (:data:`MAX_QUERY_LENGTH`, :data:`MAX_DEPTH`, :data:`MAX_TERMS`).
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            f"the query is {len(text):,} characters long; the limit is {MAX_QUERY_LENGTH:,}",
            query=text,
            position=MAX_QUERY_LENGTH,
        )
    try:
        tree = _Parser(_tokenize(text)).parse()
        if not _positive(tree):
            raise _Error("nothing to match: add a term that is not negated", tree.position)
    except _Error as error:
        raise QuerySyntaxError(error.message, query=text, position=error.position) from None
    return tree


# ---------------------------------------------------------------- field values

_CLASS_ALIASES: dict[str, str] = {
    "UNCLASSIFIED": "UNCLASSIFIED",
    "UNCLAS": "UNCLASSIFIED",
    "U": "UNCLASSIFIED",
    "UNCLASSIFIED//FOR OFFICIAL USE ONLY": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "UNCLASSIFIED//FOUO": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "UNCLAS//FOUO": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "FOR OFFICIAL USE ONLY": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "FOUO": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "SBU": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    "LIMITED OFFICIAL USE": "LIMITED OFFICIAL USE",
    "LOU": "LIMITED OFFICIAL USE",
    "CONFIDENTIAL": "CONFIDENTIAL",
    "C": "CONFIDENTIAL",
    "SECRET": "SECRET",
    "S": "SECRET",
    "TOP SECRET": "TOP SECRET",
    "TOPSECRET": "TOP SECRET",
    "TS": "TOP SECRET",
}
_CLASS_OPS: dict[str, ClassOp] = {":": "=", "=": "=", "<": "<", "<=": "<=", ">": ">", ">=": ">="}
_SEPARATORS = re.compile(r"[\s_-]+")


def _class_key(text: str) -> str:
    parts = (" ".join(_SEPARATORS.split(part.strip().upper())).strip() for part in text.split("//"))
    return "//".join(parts)


def _class_filter(op: str, text: str, start: int, position: int) -> ClassFilter:
    """``class:secret``, ``class>=confidential``, ``class:secret//noforn``."""
    level_text, noforn = text, None
    head, sep, tail = text.rpartition("//")
    if sep and tail.strip().upper() in ("NOFORN", "-NOFORN"):
        level_text, noforn = head, not tail.strip().startswith("-")
    level = _CLASS_ALIASES.get(_class_key(level_text))
    if level is None and _class_key(level_text) == "NOFORN":
        raise _Error("NOFORN is a caveat: write caveat:NOFORN or class:secret//noforn", start)
    if level is None:
        hint = _did_you_mean(_class_key(level_text).lower(), [k.lower() for k in _CLASS_ALIASES])
        levels = ", ".join(CLASS_RANKS)
        raise _Error(f"unknown classification {level_text!r}{hint} (levels: {levels})", start)
    filter_op = _CLASS_OPS[op]
    try:
        return ClassFilter(filter_op, level, noforn, position=position)
    except ValueError:
        raise _Error(f"no classification is {filter_op} {level}", start) from None


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def _period(text: str, start: int) -> tuple[dt.date, dt.date]:
    """The first day of a year, month or day written ``text``, and the day after it ends."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise _Error(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD", start)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None  # the pattern requires it
    if not 1 <= year <= 9998:
        raise _Error(f"year {year} is out of range", start)
    if month is not None and not 1 <= month <= 12:
        raise _Error(f"{month} is not a month (01-12)", start + match.start(2))
    if month is None:
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    if day is None:
        after = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
        return dt.date(year, month, 1), after
    try:
        first = dt.date(year, month, day)
    except ValueError:
        raise _Error(f"{text} is not a day of the calendar", start + match.start(3)) from None
    return first, first + dt.timedelta(days=1)


def _date_range(op: str, text: str, start: int, position: int) -> DateRange:
    """``date:2007``, ``date:2007-01..2007-03``, ``date:..2008-06``, ``date>=2007-05``."""
    if ".." not in text:
        first, after = _period(text, start)
        bounds = {
            ":": (first, after),
            "=": (first, after),
            ">=": (first, None),
            ">": (after, None),
            "<": (None, first),
            "<=": (None, after),
        }[op]
        return DateRange(*bounds, position=position)
    if op not in (":", "="):
        raise _Error(f"date{op} takes one date, not a range", start)
    left, _, right = text.partition("..")
    right_at = start + len(left) + 2
    if not left and not right:
        raise _Error("a date range needs a start or an end", start)
    begin = _period(left, start)[0] if left else None
    end = _period(right, right_at)[1] if right else None
    if begin is not None and end is not None and end <= begin:
        raise _Error(f"the range ends ({right}) before it starts ({left})", right_at)
    return DateRange(begin, end, position=position)


def _spaced_upper(text: str) -> str:
    return " ".join(text.upper().split())


@functools.cache
def _origin_tokens() -> frozenset[str]:
    return posts.origin_tokens()


def _post_token(text: str, start: int) -> str | None:
    """The origin token of the post ``text`` names (token, release name or sender line).

    The posts table forgives one-letter typos, which suits cable text but would
    silently change a query: a typo here is an error with the right spelling.
    """
    key = posts.squeeze(text)
    if key in _origin_tokens():
        return key
    post = posts.lookup(text)
    if post is None:
        return None
    if key != post.token and within_one_edit(key, post.token) and key not in post.senders:
        raise _Error(f"no post is called {text!r}; did you mean {post.token}?", start)
    return post.token


def _origin(text: str, start: int) -> str:
    """The origin token of a post; an unknown single word is taken as a token."""
    token = _post_token(text, start)
    if token is not None:
        return token
    if len(text.split()) > 1:  # a name, not a token the tables may simply not know
        hint = _did_you_mean(text, [p.name for p in posts.all_posts()])
        raise _Error(f"no post is named {text!r}{hint}", start)
    token = posts.squeeze(text)
    if not token:
        raise _Error("origin: needs a post's token or name", start)
    return token


class _Countries(NamedTuple):
    iso: frozenset[str]
    fips: dict[str, str]
    names: dict[str, str]  # squeezed name -> ISO
    display: list[str]  # names for suggestions


# Other names people use for countries, beside those of the TAGS table.
_COUNTRY_NAMES = {
    "USA": "US",
    "UAE": "AE",
    "BRITAIN": "GB",
    "GREAT BRITAIN": "GB",
    "MYANMAR": "MM",
    "IVORY COAST": "CI",
    "CZECHIA": "CZ",
    "NORTH MACEDONIA": "MK",
    "ESWATINI": "SZ",
    "CABO VERDE": "CV",
    "EAST TIMOR": "TL",
    "VATICAN": "VA",
    "DRC": "CD",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "CD",
    "REPUBLIC OF THE CONGO": "CG",
    "RUSSIAN FEDERATION": "RU",
    "TURKIYE": "TR",
    "BOSNIA": "BA",
    "VIET NAM": "VN",
}
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


@functools.cache
def _countries() -> _Countries:
    """ISO and FIPS codes and names of countries, from the TAGS table (geographic rows)."""
    fips: dict[str, str] = {}
    names: dict[str, str] = {}
    display: list[str] = []
    for info in tags.all_tags():
        if info.kind != "geo" or info.iso is None or info.meaning is None:
            continue
        fips[info.code] = info.iso
        for name in (info.meaning, _PARENTHESIS.sub("", info.meaning)):
            names.setdefault(posts.squeeze(name), info.iso)
        display.append(_PARENTHESIS.sub("", info.meaning))
    iso = frozenset(fips.values())
    for name, code in _COUNTRY_NAMES.items():
        if code in iso:
            names.setdefault(posts.squeeze(name), code)
    return _Countries(iso, fips, names, display)


def _country(text: str, start: int) -> str:
    """The ISO 3166-1 code of a country given by ISO code, FIPS code or name.

    A two-letter code that is ISO for one country and FIPS for another is read as
    ISO (``CH`` is Switzerland; China is ``CN``, ``China`` or ``tag:CH``).
    """
    table = _countries()
    key = posts.squeeze(text)
    if len(key) == 2 and key in table.iso:
        return key
    if len(key) == 2 and key in table.fips:
        return table.fips[key]
    if key in table.names:
        return table.names[key]
    hint = _did_you_mean(text.title(), table.display)
    raise _Error(f"unknown country {text!r}{hint} (use an ISO or FIPS code or a name)", start)


def _tag(text: str, start: int) -> str:
    info = tags.describe(text)
    code = info.canonical if info.kind == "person" else info.code
    if not code:
        raise _Error("tag: needs a code", start)
    return code


def _caveat(text: str, start: int) -> str:
    value = _spaced_upper(text.replace("/", " "))
    if not value:
        raise _Error("caveat: needs a caveat such as NOFORN", start)
    return value


_PRECEDENCES = {
    **dict.fromkeys(("FLASH", "Z", "ZZ"), "FLASH"),
    **dict.fromkeys(("NIACT IMMEDIATE", "NIACT"), "NIACT IMMEDIATE"),
    **dict.fromkeys(("IMMEDIATE", "O", "OO"), "IMMEDIATE"),
    **dict.fromkeys(("PRIORITY", "P", "PP"), "PRIORITY"),
    **dict.fromkeys(("ROUTINE", "R", "RR"), "ROUTINE"),
}


def _precedence(text: str, start: int) -> str:
    """The precedence word of a word or prosign (``niact``, ``O``); typos are errors."""
    word = _PRECEDENCES.get(_spaced_upper(text))
    if word is None:
        hint = _did_you_mean(_spaced_upper(text), list(_PRECEDENCES))
        choices = "FLASH, NIACT IMMEDIATE, IMMEDIATE, PRIORITY, ROUTINE"
        raise _Error(f"unknown precedence {text!r}{hint} ({choices})", start)
    return word


def _name(text: str, start: int) -> str:
    return _spaced_upper(text)


def _recipient(text: str, start: int) -> str:
    """A post's origin token when the value names a post, else the name upper-cased."""
    return _post_token(text, start) or _spaced_upper(text)


def _reference_id(text: str, start: int) -> str:
    ref_id = canonical_id(text)
    if ref_id is None:
        raise _Error(
            f"{text!r} is not a cable reference id (write it as 07STATE16868, with the year)",
            start,
        )
    return ref_id


_FILTER_VALUES = {
    "origin": _origin,
    "country": _country,
    "tag": _tag,
    "caveat": _caveat,
    "signer": _name,
    "classifiedby": _name,
    "recipient": _recipient,
    "precedence": _precedence,
    "cites": _reference_id,
    "citedby": _reference_id,
    "id": _reference_id,
}

# ------------------------------------------------------------------------ unparse

_NEEDS_QUOTES = re.compile(r"[\s()\"“”]|\*$|^-")


def _quoted(value: str) -> str:
    return f'"{value}"' if _NEEDS_QUOTES.search(value) or not value else value


def _text_unparse(node: Term | Phrase) -> str:
    body = node.text if isinstance(node, Term) else '"' + " ".join(node.words) + '"'
    field = f"{node.field}:" if node.field else ""
    return f"{field}{body}{'*' if node.prefix else ''}"


def _date_text(day: dt.date, precision: int) -> str:
    return day.isoformat()[: (4, 7, 10)[precision]]


def _precision(day: dt.date) -> int:
    """0 when ``day`` starts a year, 1 when it starts a month, else 2."""
    return 0 if day.month == day.day == 1 else 1 if day.day == 1 else 2


def _date_unparse(node: DateRange) -> str:
    """The shortest ``date:`` text for the range, both ends at the same precision."""
    start, end = node.start, node.end_exclusive
    precision = max(_precision(day) for day in (start, end) if day is not None)
    left = _date_text(start, precision) if start else ""
    right = ""
    if end is not None:
        last = end - dt.timedelta(days=1)
        right = _date_text(last, precision)
        if left == right:
            return f"date:{left}"
    return f"date:{left}..{right}"


def _class_unparse(node: ClassFilter) -> str:
    op = ":" if node.op == "=" else node.op
    suffix = {None: "", True: "//NOFORN", False: "//-NOFORN"}[node.noforn]
    return f"class{op}{_quoted(node.level + suffix)}"


def unparse(node: Node) -> str:
    """The canonical text of a tree: ``parse_query(unparse(tree)) == tree``.

    Canonical means upper-case keywords and codes, lower-case words, ``-`` for
    negation, parentheses only where OR stands inside AND or NOT, dates at the
    coarsest precision that is exact.
    """
    if isinstance(node, All):
        return ""
    if isinstance(node, Or):
        return " OR ".join(unparse(item) for item in node.items)
    if isinstance(node, And):
        return " ".join(
            f"({unparse(item)})" if isinstance(item, Or) else unparse(item) for item in node.items
        )
    if isinstance(node, Not):
        inner = unparse(node.item)
        return f"-({inner})" if isinstance(node.item, And | Or) else f"-{inner}"
    if isinstance(node, Term | Phrase):
        return _text_unparse(node)
    if isinstance(node, Filter):
        return f"{node.field}:{_quoted(node.value)}"
    if isinstance(node, ClassFilter):
        return _class_unparse(node)
    return _date_unparse(node)
