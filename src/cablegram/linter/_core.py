"""The linter's machinery: rules, findings, the registry and :func:`lint`.

A rule is a small function registered with :func:`rule`; it reads a
:class:`Context` (the cable plus a few things computed once and only on demand)
and yields ``(message, line)`` pairs. :func:`lint` runs the selected rules and
turns their pairs into :class:`Finding` records. The rule's docstring is its
explanation, so the reason a rule exists is written once, where it is coded.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

import msgspec

from cablegram.errors import CablegramError
from cablegram.linter._context import Context
from cablegram.model import Cable

__all__ = [
    "RULES",
    "Finding",
    "Hits",
    "Rule",
    "Severity",
    "UnknownRuleError",
    "format_finding",
    "lint",
    "rule",
]

Severity = Literal["error", "warning", "info"]

Hits = Iterator[tuple[str, int | None]]
"""What a rule yields: a message and the 1-based line it points at (None: no one line)."""

Check = Callable[[Context], Hits]

_SEVERITIES: frozenset[str] = frozenset({"error", "warning", "info"})


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    """One problem a rule found in one cable.

    ``line`` is 1-based in the telegram text and counted as the parser counts
    :attr:`~cablegram.model.Diagnostic.line` and
    :attr:`~cablegram.model.Paragraph.line`; None when the problem has no single
    line (or the line could not be found in the cleaned text).
    """

    code: str
    name: str
    severity: Severity
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready builtins."""
        data: dict[str, Any] = msgspec.to_builtins(self)
        return data


@dataclass(frozen=True, slots=True)
class Rule:
    """A lint rule: a stable code (``CG101``), a kebab-case name, a severity, a
    one-line summary, the explanation (why a reviewer cares) and the check itself."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    check: Check = field(repr=False, compare=False)


RULES: dict[str, Rule] = {}
"""Every rule, by code, in code order once :mod:`cablegram.linter` is imported."""


class UnknownRuleError(CablegramError, ValueError):
    """A ``select`` or ``ignore`` entry names no rule: the caller mistyped a code.

    ``selector`` is the entry. The CLI reports it and exits with status 2.
    """

    def __init__(self, selector: str) -> None:
        self.selector = selector
        super().__init__(f"no lint rule matches {selector!r}")


def rule(code: str, name: str, severity: Severity, summary: str) -> Callable[[Check], Check]:
    """Register the decorated check as rule ``code``; its docstring is the explanation."""
    if severity not in _SEVERITIES:  # pragma: no cover - a programming error
        raise ValueError(f"bad severity {severity!r} for {code}")

    def register(check: Check) -> Check:
        if code in RULES:  # pragma: no cover - a programming error
            raise ValueError(f"lint rule {code} registered twice")
        explanation = inspect.cleandoc(check.__doc__ or summary)
        RULES[code] = Rule(code, name, severity, summary, explanation, check)
        return check

    return register


def _matches(code: str, selectors: Collection[str]) -> bool:
    return any(sel == "ALL" or code.startswith(sel) for sel in selectors)


def selected_rules(
    select: Collection[str] | None = None, ignore: Collection[str] | None = None
) -> tuple[Rule, ...]:
    """The rules that ``select`` and ``ignore`` leave, in code order.

    Entries are codes or code prefixes, as in ruff (``CG1`` is every CG1xx
    rule; ``ALL`` is every rule). ``select=None`` means all rules; ``ignore``
    wins over ``select``; a lone string is one entry. An entry that matches no
    rule raises :class:`UnknownRuleError`.
    """
    if isinstance(select, str):
        select = [select]
    if isinstance(ignore, str):
        ignore = [ignore]
    normal_select = None if select is None else tuple(sorted({s.strip().upper() for s in select}))
    normal_ignore = tuple(sorted({s.strip().upper() for s in ignore or ()}))
    return _selected(normal_select, normal_ignore, len(RULES))


@functools.lru_cache(maxsize=64)
def _selected(
    normal_select: tuple[str, ...] | None, normal_ignore: tuple[str, ...], _count: int
) -> tuple[Rule, ...]:
    """:func:`selected_rules` on normalised selectors, cached (``_count`` keys the cache
    to the registry's size, so a rule registered later is not missed)."""
    for selector in (*(normal_select or ()), *normal_ignore):
        if selector != "ALL" and not any(code.startswith(selector) for code in RULES):
            raise UnknownRuleError(selector)
    return tuple(
        r
        for code, r in sorted(RULES.items())
        if (normal_select is None or _matches(code, normal_select))
        and not _matches(code, normal_ignore)
    )


def lint(
    cable: Cable,
    *,
    select: Collection[str] | None = None,
    ignore: Collection[str] | None = None,
) -> list[Finding]:
    """Check a parsed cable as a drafting officer or declassification reviewer would.

    Returns the findings sorted by line (findings without a line first), then
    code. ``select`` and ``ignore`` take codes or prefixes (see
    :func:`selected_rules`). Rules read only the parsed record, so a field the
    parser could not read silences the rules that need it instead of firing them.
    """
    ctx = Context(cable)
    findings: list[Finding] = []
    for r in selected_rules(select, ignore):
        for message, line in r.check(ctx):
            findings.append(
                Finding(code=r.code, name=r.name, severity=r.severity, message=message, line=line)
            )
    findings.sort(key=_order)
    return findings


def _order(finding: Finding) -> tuple[int, str, str]:
    return (finding.line or 0, finding.code, finding.message)


def format_finding(path: str, finding: Finding) -> str:
    """``path:line: CODE message``, ruff's concise style; a finding without a line
    is printed at line 1, where ruff puts file-level findings."""
    return f"{path}:{finding.line or 1}: {finding.code} {finding.message}"
