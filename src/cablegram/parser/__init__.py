"""The telegram parser: one module per part of the cable."""

from cablegram.parser.telegram import parse

__all__ = ["parse"]
