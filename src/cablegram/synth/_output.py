"""Writing a synthetic archive to disk: one text file per cable, or CSV shards.

``txt`` suits demos: ``out/2008/04/08ANKARA691.txt``, the file name being the
reference id, as :func:`cablegram.read` expects. ``csv`` suits archive scale:
Cablegate's 251,287 cables as a few dozen files in the release's
``cables.csv`` layout (eight quoted columns, no header row, quotes escaped with
a backslash), ``shard_size`` rows each, row numbers running on across shards.
Either way the cables stream from the generator to the file: nothing is held.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from cablegram.synth._generator import generate_cables
from cablegram.synth._model import SynthCable

Format = Literal["txt", "csv"]
_FORMATS = ("txt", "csv")


@dataclass(slots=True)
class SynthStats:
    """What :func:`write` wrote: counts, sizes, and how long it took.

    ``bytes`` counts the cables' telegram text (UTF-8), the same for both
    formats; ``file_bytes`` what landed on disk, CSV quoting included.
    """

    cables: int = 0
    bytes: int = 0
    file_bytes: int = 0
    files: int = 0
    seconds: float = 0.0
    by_classification: dict[str, int] = field(default_factory=dict)
    by_year: dict[int, int] = field(default_factory=dict)

    @property
    def cables_per_second(self) -> float:
        """Generation and writing speed."""
        return self.cables / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The numbers as JSON-ready builtins."""
        return {
            "cables": self.cables,
            "bytes": self.bytes,
            "file_bytes": self.file_bytes,
            "files": self.files,
            "seconds": round(self.seconds, 3),
            "cables_per_second": round(self.cables_per_second, 1),
            "by_classification": dict(sorted(self.by_classification.items())),
            "by_year": {str(year): n for year, n in sorted(self.by_year.items())},
        }


class _Tally:
    """Counts as cables go by."""

    def __init__(self) -> None:
        self.cables = 0
        self.bytes = 0
        self.classes: Counter[str] = Counter()
        self.years: Counter[int] = Counter()

    def add(self, cable: SynthCable) -> None:
        self.cables += 1
        self.bytes += _utf8_size(cable.header) + _utf8_size(cable.body) + 2  # text's newlines
        self.classes[cable.classification] += 1
        self.years[cable.created.year] += 1


def _utf8_size(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def write(
    out_dir: Path | str,
    count: int,
    *,
    seed: int = 0,
    shard_size: int = 10_000,
    fmt: Format = "txt",
    start_year: int = 2003,
    end_year: int = 2010,
) -> SynthStats:
    """Generate ``count`` cables into ``out_dir`` as text files or CSV shards.

    The directory is created if needed; files already there with the same
    names are overwritten. Returns what was written.
    """
    if fmt not in _FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(_FORMATS)}, not {fmt!r}")
    if shard_size < 1:
        raise ValueError(f"shard_size must be at least 1, not {shard_size}")
    root = Path(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    tally = _Tally()
    cables = generate_cables(count, seed=seed, start_year=start_year, end_year=end_year)
    if fmt == "txt":
        files, file_bytes = _write_txt(root, cables, tally)
    else:
        files, file_bytes = _write_csv(root, cables, tally, shard_size)
    return SynthStats(
        cables=tally.cables,
        bytes=tally.bytes,
        file_bytes=file_bytes,
        files=files,
        seconds=time.perf_counter() - started,
        by_classification=dict(tally.classes),
        by_year=dict(tally.years),
    )


def _write_txt(root: Path, cables: Iterator[SynthCable], tally: _Tally) -> tuple[int, int]:
    made: set[Path] = set()
    files = total = 0
    for cable in cables:
        folder = root / f"{cable.created.year:04d}" / f"{cable.created.month:02d}"
        if folder not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(folder)
        data = cable.text.encode("utf-8")
        (folder / f"{cable.reference_id}.txt").write_bytes(data)
        tally.add(cable)
        files += 1
        total += len(data)
    return files, total


def csv_row(number: int, cable: SynthCable) -> list[str]:
    """A cable as a row of the release's ``cables.csv``."""
    created = cable.created
    stamp = f"{created.month}/{created.day}/{created.year} {created.hour}:{created.minute:02d}"
    return [
        str(number),
        stamp,
        cable.reference_id,
        cable.origin,
        cable.classification,
        " ".join(cable.cited_ids),
        cable.header,
        cable.body,
    ]


def csv_line(number: int, cable: SynthCable) -> str:
    """:func:`csv_row` as one line of the file: every field quoted, ``"`` and ``\\``
    escaped with a backslash, a newline at the end.

    Written by hand rather than by :mod:`csv`, which scans each character of a
    6 KB row in turn; ``str.replace`` skips to the few quotes there are.
    """
    return ",".join([_quote(field) for field in csv_row(number, cable)]) + "\n"


def _quote(field: str) -> str:
    if "\\" in field:
        field = field.replace("\\", "\\\\")
    if '"' in field:
        field = field.replace('"', '\\"')
    return f'"{field}"'


def _write_csv(
    root: Path, cables: Iterator[SynthCable], tally: _Tally, shard_size: int
) -> tuple[int, int]:
    files = total = 0
    handle: BinaryIO | None = None
    try:
        for number, cable in enumerate(cables, start=1):
            if handle is None or (number - 1) % shard_size == 0:
                if handle is not None:
                    handle.close()
                files += 1
                handle = (root / f"cables-{files:05d}.csv").open("wb")
            data = csv_line(number, cable).encode("utf-8")
            handle.write(data)
            tally.add(cable)
            total += len(data)
    finally:
        if handle is not None:
            handle.close()
    return files, total
