"""Fictional sample cables shipped with the package, for ``cablegram demo`` and tutorials.

The cables are invented (people, events and serials), written in the real
layouts: raw telegram text, a WikiLeaks-style HTML page and its Markdown copy.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_dir() -> Path:
    """The folder that holds the sample cables."""
    return Path(str(resources.files(__name__) / "cables"))
