"""cablegram: parse, decode, store, search and serve US diplomatic cables.

The public API::

    import cablegram
    cable = cablegram.parse(text)          # any rendering, never raises on text
    for cable in cablegram.read("dir/"):   # files, directory trees, cables.csv, JSON Lines
        ...
"""

from cablegram.errors import ArchiveError, CablegramError, QuerySyntaxError, ReadError
from cablegram.model import (
    SCHEMA_VERSION,
    Cable,
    Diagnostic,
    Mention,
    Paragraph,
    Person,
    Precedence,
    Reason,
    Recipient,
    Reference,
    Section,
)

__all__ = [
    "SCHEMA_VERSION",
    "ArchiveError",
    "Cable",
    "CablegramError",
    "Diagnostic",
    "Mention",
    "Paragraph",
    "Person",
    "Precedence",
    "QuerySyntaxError",
    "ReadError",
    "Reason",
    "Recipient",
    "Reference",
    "Section",
    "parse",
]

__version__ = "0.1.0"


def __getattr__(name: str) -> object:  # TEMPORARY while the parser modules land
    if name == "parse":
        from cablegram.parser import parse

        return parse
    raise AttributeError(name)
