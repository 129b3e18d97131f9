"""The telegram parser: one module per part of the cable."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:  # TEMPORARY while the parser modules land
    if name == "parse":
        from cablegram.parser.telegram import parse

        return parse
    raise AttributeError(name)
