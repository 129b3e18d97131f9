"""The exception hierarchy. One root, branches named for what the caller does next::

    CablegramError            anything cablegram raises on purpose
    +-- ReadError             a file, or one row or line of it, could not be read;
    |                         carries ``path`` and ``line``: report it and go on
    +-- ArchiveError          the archive could not do what was asked
        +-- QuerySyntaxError  a search query is malformed; carries ``position``

A flawed cable raises nothing: its problems become :class:`~cablegram.model.Diagnostic`
records on the parsed :class:`~cablegram.model.Cable`.
"""

from __future__ import annotations

from pathlib import Path


class CablegramError(Exception):
    """The root of every error cablegram raises on purpose."""


class ReadError(CablegramError):
    """A file, or one record of it, could not be read.

    ``path`` names the file and ``line`` the 1-based line where the bad record
    starts (None when the whole file is unreadable). Readers that meet one
    yield it or report it and carry on with the rest of the input.
    """

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        self.reason = message
        where = self.path or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")


class ArchiveError(CablegramError):
    """The archive could not do what was asked (missing database, bad URL, ...)."""


class QuerySyntaxError(ArchiveError):
    """A search query is malformed. ``position`` is the 0-based offset of the problem."""

    def __init__(self, message: str, *, query: str, position: int):
        self.query = query
        self.position = position
        self.reason = message
        super().__init__(f"{message} (at position {position})")

    def pointer(self) -> str:
        """The query with a caret under the problem, for terminals."""
        return f"{self.query}\n{' ' * self.position}^"
