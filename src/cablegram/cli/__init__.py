"""The command line: thin Typer commands over the library, Rich output.

One module per group of commands; each registers on the shared ``app``.
"""

from cablegram.cli import (  # noqa: F401  (each module registers its commands)
    analysis,
    archive,
    lint,
    parsing,
    reference,
)
from cablegram.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
