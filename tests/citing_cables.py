"""Test support: a small web of fictional cables that cite one another.

Six invented telegrams from 2008, written the way posts wrote them (routing
header, banner, REF block, numbered paragraphs), whose citations are known in
advance::

    08ANKARA100  <- 08STATE2000 <- 08ANKARA150 <- 08ATHENS300 <- 08ANKARA200
         ^---------------------------'                ^
    07STATE999 (not in the archive) <- 08ATHENS300, 08ANKARA200, 08MOSCOW400
    06MOSCOW55 (not in the archive) <- 08ANKARA200

08ANKARA200 also names STATE 2000 in its text without listing it under REF: an
inline mention only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_POSTS = {
    "ANKARA": ("RUEHAK", "AMEMBASSY ANKARA", "TU"),
    "ATHENS": ("RUEHTH", "AMEMBASSY ATHENS", "GR"),
    "MOSCOW": ("RUEHMO", "AMEMBASSY MOSCOW", "RS"),
    "STATE": ("RUEHC", "SECSTATE WASHDC", "XX"),
}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


@dataclass(frozen=True)
class Sketch:
    """What one fictional cable says: who, when, what it cites."""

    post: str
    serial: int
    day: tuple[int, int]  # (month, day) of 2008
    subject: str
    refs: tuple[str, ...] = ()
    text: str = "Officials described the talks as useful but inconclusive."
    tags: str = "PREL PGOV"
    classification: str = "CONFIDENTIAL"

    @property
    def reference_id(self) -> str:
        return f"08{self.post}{self.serial}"


SKETCHES = (
    Sketch("ANKARA", 100, (1, 10), "TURKEY: FERRY SAFETY REVIEW OPENS", tags="EWWT TU"),
    Sketch("STATE", 2000, (1, 15), "GUIDANCE ON FERRY SAFETY REVIEW", refs=("ANKARA 100",)),
    Sketch(
        "ANKARA",
        150,
        (1, 20),
        "TURKEY: FERRY REVIEW MEETS GUIDANCE",
        refs=("STATE 2000", "ANKARA 100"),
        tags="EWWT PREL TU",
    ),
    Sketch(
        "ATHENS",
        300,
        (2, 1),
        "GREECE: ATHENS WATCHES THE FERRY REVIEW",
        refs=("ANKARA 150", "07 STATE 999"),
        classification="SECRET",
    ),
    Sketch(
        "ANKARA",
        200,
        (2, 10),
        "TURKEY: FERRY REVIEW CONCLUDES",
        refs=("ATHENS 300", "07 STATE 999", "06 MOSCOW 55"),
        text="As instructed per STATE 2000, we delivered the points again (ref A).",
        tags="EWWT PREL TU",
    ),
    Sketch(
        "MOSCOW",
        400,
        (3, 1),
        "RUSSIA: NO VIEW ON THE FERRY REVIEW",
        refs=("07 STATE 999",),
        classification="UNCLASSIFIED",
    ),
)
HELD = tuple(s.reference_id for s in SKETCHES)


def telegram(sketch: Sketch) -> str:
    """The raw telegram text of a sketch."""
    route, sender, _ = _POSTS[sketch.post]
    month, day = sketch.day
    banner = {"UNCLASSIFIED": "UNCLAS"}.get(sketch.classification, sketch.classification)
    to = "RUEHAK/AMEMBASSY ANKARA" if sketch.post == "STATE" else "RUEHC/SECSTATE WASHDC"
    letters = "ABCDEFGH"
    refs = ""
    if sketch.refs:
        lines = [f"{letters[i]}. {ref}" for i, ref in enumerate(sketch.refs)]
        refs = "REF: " + "\n     ".join(lines) + "\n\n"
    classified = (
        "Classified By: Political Counselor Dana R. Whitcombe for reasons 1.4 (b) and (d)\n\n"
        if sketch.classification != "UNCLASSIFIED"
        else ""
    )
    return (
        f"VZCZCXRO{sketch.serial:04d}\n"
        f"RR RUEHWEB\n"
        f"DE {route} #{sketch.serial:04d} {month * 30 + day:03d}0900\n"
        f"ZNY CCCCC ZZH\n"
        f"R {day:02d}0900Z {_MONTHS[month - 1]} 08\n"
        f"FM {sender}\n"
        f"TO {to} 1234\n"
        f"BT\n"
        f"{banner} {sketch.post} {sketch.serial:06d}\n\n"
        f"E.O. 12958: DECL: 01/01/2018\n"
        f"TAGS: {sketch.tags}\n"
        f"SUBJECT: {sketch.subject}\n\n"
        f"{refs}"
        f"{classified}"
        f"1. ({banner[0]}) {sketch.text}\n\n"
        f"2. ({banner[0]}) Embassy will continue to follow the review.\n\n"
        f"JONES\n"
    )


def write(folder: Path) -> Path:
    """The six cables as ``<id>.txt`` files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for sketch in SKETCHES:
        (folder / f"{sketch.reference_id}.txt").write_text(telegram(sketch))
    return folder
