"""CG4xx: the front matter a reader files and finds the cable by: SUBJECT and TAGS."""

from __future__ import annotations

import functools

from cablegram.linter._context import Context
from cablegram.linter._core import Hits, rule
from cablegram.tables.tags import describe


@functools.lru_cache(maxsize=4096)
def _unknown(tag: str) -> bool:
    return describe(tag).kind == "unknown"


@rule("CG401", "subject-missing", "warning", "No SUBJECT line")
def subject_missing(ctx: Context) -> Hits:
    """The cable has no SUBJECT line.

    The subject is how the cable is listed, searched and answered
    (``SUBJECT: RE ...``); every State cable carries one.
    """
    cable = ctx.cable
    if not (cable.subject or "").strip() and (cable.body_text or cable.header_text):
        yield "no SUBJECT line", None


@rule("CG402", "tags-missing", "warning", "No TAGS line")
def tags_missing(ctx: Context) -> Hits:
    """The cable has no TAGS line.

    TAGS (Traffic Analysis by Geography and Subject) route the cable to the
    offices that follow its subject and country, and file it; a cable without
    them reaches only its addressees and is hard to find later.
    """
    cable = ctx.cable
    if not cable.tags and (cable.body_text or cable.header_text):
        yield "no TAGS line", None


@rule("CG403", "tag-unknown", "warning", "TAGS code not in the table")
def tag_unknown(ctx: Context) -> Hits:
    """A TAGS code is none that cablegram's TAGS table knows.

    Usually a misspelling or free text on the TAGS line (``POL``, ``COUNTER
    TERRORISM``); the cable is then missing from the subject's distribution.
    The table (:mod:`cablegram.tables.tags`) may also simply lack a rare code.
    """
    unknown = [tag for tag in ctx.cable.tags if _unknown(tag)]
    for tag in dict.fromkeys(unknown):
        yield (
            f"TAGS code {tag!r} is not a known subject, program, country or organisation tag",
            (ctx.front_line("tags")),
        )
