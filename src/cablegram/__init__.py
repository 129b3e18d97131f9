"""cablegram: parse, decode, store, search and serve US diplomatic cables.

The public API::

    import cablegram
    cable = cablegram.parse(text)          # any rendering, never raises on text
    for cable in cablegram.read("dir/"):   # files, directory trees, cables.csv, JSON Lines
        ...
"""

from cablegram.errors import ArchiveError, CablegramError, QuerySyntaxError, ReadError
from cablegram.files import read
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
from cablegram.parser import parse
from cablegram.parser.ids import canonical_id
from cablegram.tables import posts, tags

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
    "canonical_id",
    "parse",
    "posts",
    "read",
    "tags",
]

__version__ = "0.1.0"
