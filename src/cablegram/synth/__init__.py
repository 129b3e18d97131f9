"""Synthetic cables: fictional but realistic telegrams, for demos and benchmarks.

The generator writes raw telegram text that looks like Cablegate's and that
the parser reads back exactly::

    from cablegram import synth
    for text in synth.generate(100, seed=1):           # raw telegram texts, oldest first
        ...
    for cable in synth.generate_cables(100, seed=1):   # the same, with what each holds
        cable.reference_id, cable.text, cable.cited_ids
    stats = synth.write("out/", 251_287, fmt="csv")    # Cablegate scale, cables.csv shards
    stats = synth.write("demo/", 200)                  # demo/2008/04/08ANKARA691.txt ...

What makes it realistic: the Department sends a fifth of the cables and big
embassies far more than small ones (a Zipf-like weight over the posts table);
traffic grows towards 2008-2009 and follows the working week; classifications
follow Cablegate's counts; serials rise through each year at each post's real
pace; headers carry relay routes, DE lines that agree with the DTG, collectives
with XMT lists, agencies and commands; REF blocks cite earlier generated cables
with a power-law in-degree; bodies have summaries, comments, headings, portion
marks that agree with the banner, inline ``(ref A)`` citations, sections with
page markers, and the same chief of mission signing a post's cables for years.

Everything is invented: people, parties, quotes. The same seed (and count and
years) gives the same bytes in any process; memory stays constant however many
cables are made.
"""

from __future__ import annotations

from collections.abc import Iterator

from cablegram.synth._generator import CLASSIFICATIONS, generate_cables
from cablegram.synth._model import (
    SynthAddressee,
    SynthCable,
    SynthMention,
    SynthParagraph,
    SynthReference,
)
from cablegram.synth._output import Format, SynthStats, csv_line, csv_row, write

__all__ = [
    "CLASSIFICATIONS",
    "Format",
    "SynthAddressee",
    "SynthCable",
    "SynthMention",
    "SynthParagraph",
    "SynthReference",
    "SynthStats",
    "csv_line",
    "csv_row",
    "generate",
    "generate_cables",
    "write",
]


def generate(
    count: int, *, seed: int = 0, start_year: int = 2003, end_year: int = 2010
) -> Iterator[str]:
    """Yield ``count`` raw telegram texts in chronological order.

    Deterministic: the same arguments give the same texts, byte for byte.
    :func:`generate_cables` yields the same cables with what each holds.
    """
    for cable in generate_cables(count, seed=seed, start_year=start_year, end_year=end_year):
        yield cable.text
