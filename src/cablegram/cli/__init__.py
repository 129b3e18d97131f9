"""The command line: thin Typer commands over the library, Rich output.

One module per group of commands; each registers on the shared ``app``.
"""

from cablegram.cli import archive, lint, parsing, reference  # noqa: F401  (registers commands)
from cablegram.cli.common import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
