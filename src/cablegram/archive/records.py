"""A parsed cable as rows: the one flattening that every backend stores.

The archive keeps each cable whole (its text and its parsed record) and, beside
it, the fields people filter and count on, in plain columns and child tables
(tags, caveats, addressees, references, signers, classifiers). This module
turns a :class:`~cablegram.model.Cable` into those rows, so that the SQLite and
PostgreSQL backends store exactly the same thing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import zlib
from dataclasses import dataclass

import msgspec
import zstandard

from cablegram.archive.query import CLASS_RANKS
from cablegram.model import Cable

_encoder = msgspec.json.Encoder()


def class_rank(classification: str | None) -> int | None:
    """The level of a release classification (``SECRET//NOFORN`` -> 3), None if unknown."""
    if not classification:
        return None
    if classification in CLASS_RANKS:
        return CLASS_RANKS[classification]
    return CLASS_RANKS.get(classification.split("//", 1)[0])


def text_hash(cable: Cable) -> str:
    """The first 128 bits of the SHA-256 of the telegram text, in hex: two copies of a
    cable are the same version when these are equal."""
    return hashlib.sha256(cable.text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def archive_key(cable: Cable, digest: str) -> str:
    """The key a cable is filed under: its reference id, or a stand-in for one it lacks."""
    return cable.reference_id or f"UNIDENTIFIED-{digest[:16]}"


DICTIONARY_SIZE = 64 * 1024


def record_json(cable: Cable) -> bytes:
    """The parsed record as JSON, without the telegram text: the ``header`` and ``body``
    columns hold that, and :func:`unpack_record` puts it back."""
    return _encoder.encode(msgspec.structs.replace(cable, header_text="", body_text=""))


@dataclass(frozen=True, slots=True)
class RecordCodec:
    """How an archive compresses its records: the algorithm and its dictionary.

    Records of one corpus share most of their structure (field names, addressees,
    stock phrases); compressing each small record against a dictionary of what they
    share makes it a sixth of its size. Archives are made with Zstandard
    (``zstd``, a dictionary trained on the first records); archives made before
    it keep ``zlib`` and a preset dictionary, and read as they are.
    """

    name: str
    dictionary: bytes

    def pack(self, data: bytes) -> bytes:
        if self.name == "zstd":
            return _zstd(self.dictionary)[0].compress(data)
        packer = (
            zlib.compressobj(6, zdict=self.dictionary) if self.dictionary else zlib.compressobj(6)
        )
        return packer.compress(data) + packer.flush()

    def unpack(self, blob: bytes) -> bytes:
        if self.name == "zstd":
            return _zstd(self.dictionary)[1].decompress(bytes(blob))
        unpacker = (
            zlib.decompressobj(zdict=self.dictionary) if self.dictionary else zlib.decompressobj()
        )
        return unpacker.decompress(bytes(blob)) + unpacker.flush()


_zstd_local = threading.local()


def _zstd(dictionary: bytes) -> tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]:
    """This thread's compressor and decompressor for ``dictionary``: zstandard's objects
    must not be used by two threads at once, and making one costs more than a record."""
    made: dict[bytes, tuple[zstandard.ZstdCompressor, zstandard.ZstdDecompressor]] | None
    made = getattr(_zstd_local, "made", None)
    if made is None:
        made = _zstd_local.made = {}
    pair = made.get(dictionary)
    if pair is None:
        data = zstandard.ZstdCompressionDict(dictionary) if dictionary else None
        pair = (
            zstandard.ZstdCompressor(level=3, dict_data=data),
            zstandard.ZstdDecompressor(dict_data=data),
        )
        if len(made) >= 4:
            made.clear()
        made[dictionary] = pair
    return pair


def train_dictionary(samples: list[bytes]) -> bytes:
    """A Zstandard dictionary trained on an archive's first records; with too few
    records to train on, their own text serves as one (raw content)."""
    if not samples:
        return b""
    try:
        chosen: list[bytes | bytearray | memoryview] = list(samples)
        return zstandard.train_dictionary(DICTIONARY_SIZE, chosen).as_bytes()
    except zstandard.ZstdError:
        return b"".join(samples)[-DICTIONARY_SIZE:]


def unpack_record(blob: bytes, header: str, body: str, codec: RecordCodec) -> Cable:
    """The stored record, with its header and body put back."""
    data = msgspec.json.decode(codec.unpack(blob))
    data["header_text"], data["body_text"] = header, body
    return Cable.from_dict(data)


@dataclass(slots=True)
class Rows:
    """One cable, flattened for storage."""

    key: str
    digest: str
    columns: dict[str, object]
    tags: list[tuple[int, str]]
    caveats: list[str]
    addressees: list[tuple[str, int, str | None, str, str | None, str | None]]
    references: list[tuple[int, str | None, str, str, str | None]]
    signers: list[str]
    classifiers: list[tuple[int, str | None, str | None]]
    record: bytes  # JSON; compressed against the archive's dictionary once ``packed``
    packed: bool = False


def to_rows(cable: Cable) -> Rows:
    """Flatten a cable into the archive's columns and child rows."""
    sha = text_hash(cable)
    key = archive_key(cable, sha)
    created = cable.created.astimezone(dt.UTC) if cable.created else None
    columns: dict[str, object] = {
        "reference_id": key,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ") if created else None,
        "year": created.year if created else None,
        "month": created.strftime("%Y-%m") if created else None,
        "origin_token": cable.origin_token,
        "origin": cable.origin,
        "country": cable.country,
        "classification": cable.classification,
        "class_rank": class_rank(cable.classification),
        "noforn": int("NOFORN" in cable.caveats or "//NOFORN" in (cable.classification or "")),
        "precedence": cable.precedence.action,
        "subject": cable.subject or "",
        "sender": cable.sender,
        "signers": " / ".join(cable.signers) or None,
        "classified_by": " / ".join(p.name for p in cable.classified_by if p.name) or None,
        "header": cable.header_text,
        "body": cable.body_text,
        "rendering": cable.rendering,
        "digest": sha,
    }
    addressees = [
        ("to", i, r.route, r.name, r.post, r.precedence) for i, r in enumerate(cable.recipients)
    ] + [
        ("info", i, r.route, r.name, r.post, r.precedence)
        for i, r in enumerate(cable.info_recipients)
    ]
    references = [
        (i, r.bullet, r.text, r.kind, r.reference_id) for i, r in enumerate(cable.references)
    ]
    # inline citations count as citations too (kind "mention"), after the REF items
    references += [
        (len(cable.references) + i, None, m.text, "mention", m.reference_id)
        for i, m in enumerate(cable.mentions)
        if m.reference_id
    ]
    return Rows(
        key=key,
        digest=sha,
        columns=columns,
        tags=list(enumerate(cable.tags)),
        caveats=list(dict.fromkeys(cable.caveats)),  # a caveat once per cable
        addressees=addressees,
        references=references,
        signers=list(dict.fromkeys(cable.signers)),
        classifiers=[(i, p.name, p.title) for i, p in enumerate(cable.classified_by)],
        record=record_json(cable),
    )
