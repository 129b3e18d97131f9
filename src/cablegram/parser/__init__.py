"""The telegram parser: one module per part of the cable.

``parse`` is the entry point; ``parse_source`` takes text a reader already split.
"""

from cablegram.parser.telegram import parse, parse_source

__all__ = ["parse", "parse_source"]
