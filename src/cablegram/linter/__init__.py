"""The cable linter: check a parsed cable the way a careful drafting officer or a
declassification reviewer would.

::

    from cablegram.linter import RULES, format_finding, lint
    for finding in lint(cablegram.parse(text), ignore=["CG4"]):
        print(format_finding("cable.txt", finding))

Rules are grouped by theme, like ruff's: CG1xx classification and handling
markings (:mod:`.markings`), CG2xx dates and declassification (:mod:`.dates`),
CG3xx executive order, Classified By and reasons (:mod:`.authority`), CG4xx
SUBJECT and TAGS (:mod:`.front`), CG5xx paragraph numbering and sections
(:mod:`.structure`), CG6xx references (:mod:`.refs`). ``docs/lint-rules.md``
documents each.

Lint findings are not the parser's :class:`~cablegram.model.Diagnostic` records:
a diagnostic says the parser could not read something (or read it from a
fallback); a finding says the cable, as read, breaks a drafting or
classification rule. Where the parser could not read a field, the rules that
need it stay silent.
"""

from cablegram.linter import authority, dates, front, markings, refs, structure
from cablegram.linter._core import (
    RULES,
    Finding,
    Rule,
    Severity,
    UnknownRuleError,
    format_finding,
    lint,
    selected_rules,
)

__all__ = [
    "RULES",
    "Finding",
    "Rule",
    "Severity",
    "UnknownRuleError",
    "format_finding",
    "lint",
    "selected_rules",
]

_MODULES = (authority, dates, front, markings, refs, structure)  # imported to register rules
