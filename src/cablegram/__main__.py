"""``python -m cablegram``: the command line."""

from cablegram.cli import main

main()
