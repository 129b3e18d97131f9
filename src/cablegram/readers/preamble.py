"""Plain text under a metadata preamble: a few ``KEY: value`` lines, or a record dump.

Databases and scrapers print cables with their own metadata on top::

    ID: 07MUSCAT154                   <<218634>>
    SUBJECT: OMANI FOREIGN ...        7/29/2009 14:42
    DATE: 2007-02-14 14:12            09KHARTOUM881
    CLASSIFICATION: CONFIDENTIAL      Embassy Khartoum
    ORIGIN: Embassy Muscat            CONFIDENTIAL
                                      09KHARTOUM378|09STATE12345

The preamble is not the cable: it goes into ``metadata`` and the rest is read
as a telegram. Keys mean different things in different dumps (``ORIGIN`` holds
the reference id in one and the post in another), so a value is filed by its
shape as well as its key. ``SUBJECT:`` and ``TAGS:`` are also real cable lines,
so a block of ``KEY: value`` lines is a preamble only when it starts the text
and holds at least one key a cable never writes (``ID``, ``DATE``, ``ORIGIN``,
``CLASSIFICATION`` ...).
"""

from __future__ import annotations

import datetime as dt
import re

from cablegram.readers import telegram
from cablegram.readers.base import Source

_KEY_LINE = re.compile(r"\s*([A-Za-z][A-Za-z ._-]{0,24}?)\s*:\s?(.*)$")
_RECORD_LINE = re.compile(r"\s*<<\s*(\d+)\s*>>\s*$")
_REFERENCE_ID = re.compile(r"\d{2}[A-Z][A-Z0-9]*?\d+$")
_REFERENCE_LIST = re.compile(r"\d{2}[A-Z][A-Z0-9]*?\d+(?:[|,; ]+\d{2}[A-Z][A-Z0-9]*?\d+)*$")
_DIGITS = re.compile(r"\d+$")
_REDACTED = re.compile(r"[Xx]{4,}$")
_CLASSIFICATION = re.compile(
    r"(?:UNCLASSIFIED|CONFIDENTIAL|SECRET|TOP SECRET|LIMITED OFFICIAL USE)(?://[A-Z /]+)?$",
    re.IGNORECASE,
)
_NUMERIC_DATETIME = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d\d)(?::\d\d)?$"  # 7/29/2009 14:42
)
# The form every reader writes; a year with a leading zero is written without it.
_TABLE_DATETIME = re.compile(r"[1-9]\d{3}-\d\d-\d\d \d\d:\d\d", re.ASCII)
_ISO_DATETIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[ T](\d{1,2}):(\d\d)(?::\d\d)?)?")
# A telegram line that ends a record dump early (the dump's origin line is missing).
_HEADERISH = re.compile(r"VZCZC|[ZOPR]{1,2}\s+\d{6}Z|\d{6}Z")

# Preamble key (lower case, spaces and punctuation as written) -> metadata key.
_KEYS = {
    "id": "id",
    "reference id": "reference_id",
    "reference_id": "reference_id",
    "ref id": "reference_id",
    "refid": "reference_id",
    "cable id": "reference_id",
    "cable": "reference_id",
    "mrn": "reference_id",
    "subject": "subject",
    "title": "subject",
    "date": "created",
    "created": "created",
    "date created": "created",
    "released": "released",
    "release date": "released",
    "classification": "classification",
    "origin": "origin",
    "source": "origin",
    "tags": "tags",
    "misc": "references",
    "references": "references",
    "referenced": "references",
    "destination": "destination",
}
# Keys that a cable itself writes; a preamble needs at least one key besides these.
_CABLE_KEYS = frozenset({"subject", "tags"})
_MIN_KEY_LINES = 2
# Lines split off the top to look for a preamble; the rest stays one string.
_TOP_LINES = 40


def extract(text: str) -> Source:
    """Read text under a metadata preamble into a :class:`Source`."""
    clean = telegram.normalize(text)
    metadata, rest = split_preamble(clean)
    header, body = telegram.split(rest)
    source = Source(header=header, body=body, rendering="preamble", metadata=metadata)
    if not header and not body and not metadata:
        source.diagnostics.append(telegram.empty_text_diagnostic())
    return source


def has_preamble(text: str) -> bool:
    """Whether normalised text opens with a preamble (cheap: reads the first lines)."""
    lines = text.lstrip("\n").split("\n", _TOP_LINES)
    return _record_dump_length(lines) > 0 or _key_block_length(lines) > 0


def is_record_dump(text: str) -> bool:
    """Whether normalised text opens with a ``<<218634>>`` record-dump line."""
    end = text.find("\n")
    return _RECORD_LINE.match(text[: end if end >= 0 else len(text)]) is not None


def is_preamble_start(line: str) -> bool:
    """Whether one line can open a preamble (``<<n>>`` or a key a cable never writes)."""
    if _RECORD_LINE.match(line):
        return True
    key = _known_key(line)
    return key is not None and key not in _CABLE_KEYS


def split_preamble(text: str) -> tuple[dict[str, str], str]:
    """Take a preamble off the top of normalised text: ``(metadata, rest)``.

    Text without a preamble comes back unchanged with empty metadata.
    """
    top_text = text.lstrip("\n")
    if not _opens_preamble(top_text):  # most texts: decided without splitting
        return {}, text
    top = top_text.split("\n", _TOP_LINES)
    count = _record_dump_length(top)
    if count:
        return _record_dump_metadata(top[:count]), _rest(top, count)
    count = _key_block_length(top)
    if count:
        return _key_block_metadata(top[:count]), _rest(top, count)
    return {}, text


def _opens_preamble(text: str) -> bool:
    """Whether the first line can open a record dump or a block of known keys."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    return _RECORD_LINE.match(first) is not None or _known_key(first) is not None


def _rest(top: list[str], count: int) -> str:
    """The text after the preamble (``top``'s last item is the unsplit remainder)."""
    return "\n".join(top[count:]).strip("\n")


def absorb_body_preamble(source: Source) -> None:
    """Move a preamble atop ``source.body`` into ``source.metadata``.

    Some WikiLeaks pages' body starts with the database record the cable came
    from and then repeats the routing header. Values already in the metadata
    (the page's own table) win over the dump's; the repeated header replaces
    ``source.header`` when the two are the same text (or there was none) and
    otherwise stays in the body.
    """
    found, rest = split_preamble(source.body)
    if not found:
        return
    for key, value in found.items():
        source.metadata.setdefault(key, value)
    inner_header, inner_body = telegram.split(rest)
    if inner_header and (not source.header or inner_header.split() == source.header.split()):
        source.header, source.body = inner_header, inner_body
    else:
        source.body = rest


def put_metadata(metadata: dict[str, str], key: str, value: str, *, replace: bool = False) -> None:
    """File a value a rendering gave into ``metadata`` (dates normalised); an empty value
    is not filed, and an existing one is kept unless ``replace``."""
    if not value:
        return
    if key in ("created", "released"):
        value = normalize_datetime(value)
    if replace:
        metadata[key] = value
    else:
        metadata.setdefault(key, value)


def normalize_datetime(value: str) -> str:
    """``7/29/2009 14:42`` or ``2009-07-29 14:42:00`` -> ``2009-07-29 14:42``.

    Every reader writes dates in the WikiLeaks table's form so that metadata from
    different renderings compares equal; anything else is kept as written.
    """
    value = value.strip()
    if _TABLE_DATETIME.fullmatch(value):  # already in that form (a date or not, it stays)
        return value
    match = _NUMERIC_DATETIME.match(value)
    if match:
        month, day, year, hour, minute = map(int, match.groups())
        return _format(year, month, day, hour, minute) or value
    match = _ISO_DATETIME.match(value)
    if match and match.end() == len(value):
        year, month, day = map(int, match.group(1, 2, 3))
        hour, minute = (int(g) if g else 0 for g in match.group(4, 5))
        return _format(year, month, day, hour, minute) or value
    return value


def _format(year: int, month: int, day: int, hour: int, minute: int) -> str | None:
    """``%Y-%m-%d %H:%M`` for a real date and time, else None (``strftime`` is slow)."""
    try:
        stamp = dt.datetime(year, month, day, hour, minute)
    except ValueError:
        return None
    # isoformat pads the year to four digits, ``%Y`` does not
    return stamp.isoformat(" ", "minutes").lstrip("0")


def _record_dump_length(lines: list[str]) -> int:
    """Lines of a ``<<n>>`` / date / id / origin / classification / refs dump."""
    if not lines or not _RECORD_LINE.match(lines[0]):
        return 0
    checks = (_is_datetime, _is_reference_id, _is_origin, _is_classification, _is_reference_list)
    count = 1
    for check in checks:
        if count >= len(lines) or not check(lines[count].strip()):
            break
        count += 1
    return count


def _record_dump_metadata(lines: list[str]) -> dict[str, str]:
    first = _RECORD_LINE.match(lines[0])
    metadata = {"record": first.group(1)} if first else {}
    keys = ("created", "reference_id", "origin", "classification", "references")
    for key, line in zip(keys, lines[1:], strict=False):
        _store(metadata, key, line.strip())
    return metadata


def _key_block_length(lines: list[str]) -> int:
    """Consecutive known ``KEY: value`` lines at the top, if they make a preamble."""
    count = 0
    own_key = False
    for line in lines:
        key = _known_key(line)
        if key is None:
            break
        own_key = own_key or key not in _CABLE_KEYS
        count += 1
    return count if count >= _MIN_KEY_LINES and own_key else 0


def _key_block_metadata(lines: list[str]) -> dict[str, str]:
    metadata: dict[str, str] = {}
    for line in lines:
        match = _KEY_LINE.match(line)
        if match is None:  # pragma: no cover - lines were checked by _key_block_length
            continue
        key = _KEYS[_key_name(match.group(1))]
        _store(metadata, key, match.group(2).strip())
    return metadata


def _known_key(line: str) -> str | None:
    match = _KEY_LINE.match(line)
    if match is None:
        return None
    return _KEYS.get(_key_name(match.group(1)))


def _key_name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").replace(".", " ").lower().split())


def _store(metadata: dict[str, str], key: str, value: str) -> None:
    """File a value under the key its shape says, first value wins, no redactions."""
    if not value or _REDACTED.match(value):
        return
    if key in ("id", "origin", "reference_id"):
        if _REFERENCE_ID.match(value):
            key = "reference_id"
        elif _DIGITS.match(value):
            key = "record"
        elif key == "id":
            key = "reference_id"
    if key in ("created", "released"):
        value = normalize_datetime(value)
    elif key in ("references", "tags"):
        value = " ".join(value.replace("|", " ").replace(",", " ").replace(";", " ").split())
    metadata.setdefault(key, value)


def _is_datetime(value: str) -> bool:
    return _NUMERIC_DATETIME.match(value) is not None or _ISO_DATETIME.match(value) is not None


def _is_reference_id(value: str) -> bool:
    return _REFERENCE_ID.match(value) is not None or _REDACTED.match(value) is not None


def _is_origin(value: str) -> bool:
    return bool(value) and not _is_classification(value) and _HEADERISH.match(value) is None


def _is_classification(value: str) -> bool:
    return _CLASSIFICATION.match(value) is not None


def _is_reference_list(value: str) -> bool:
    return _REFERENCE_LIST.match(value) is not None
