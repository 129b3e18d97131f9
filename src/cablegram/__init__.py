"""cablegram: parse, decode, store, search and serve US diplomatic cables.

The public API::

    import cablegram
    cable = cablegram.parse(text)          # any rendering, never raises on text
    for cable in cablegram.read("dir/"):   # files, directory trees, cables.csv, JSON Lines
        ...
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from cablegram.archive import Archive

__all__ = [
    "SCHEMA_VERSION",
    "Archive",
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


def __getattr__(name: str) -> Any:
    """``cablegram.Archive`` is imported on first use: the archive brings NumPy and the
    database drivers, which parsing alone does not need."""
    if name == "Archive":
        from cablegram.archive import Archive

        return Archive
    raise AttributeError(f"module 'cablegram' has no attribute {name!r}")
