"""From text to :class:`~cablegram.model.Cable`: the parser's entry point.

``parse`` detects the rendering (readers), then reads the telegram text: the
routing header (:mod:`.header`), the front matter (:mod:`.banner`), the
references (:mod:`.references`), Classified By (:mod:`.classified`) and the
body (:mod:`.body`). Fields come from the telegram text only; what the
rendering itself said (an HTML table, CSV columns, a preamble) is kept in
``source_metadata`` and a disagreement becomes a diagnostic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from cablegram.model import Cable, Diagnostic, Precedence, Recipient, Section
from cablegram.parser.banner import (
    FrontMatter,
    parse_front_matter,
    release_classification,
    split_front_matter,
)
from cablegram.parser.body import clean_lines
from cablegram.parser.classified import extract_classified_by
from cablegram.parser.dates import station_time
from cablegram.parser.header import Header, parse_header
from cablegram.parser.ids import canonical_id, split_id
from cablegram.parser.paragraphs import extract_paragraphs
from cablegram.parser.references import extract_mentions, extract_references
from cablegram.parser.signature import extract_signers
from cablegram.parser.summary import extract_comment, extract_summary
from cablegram.readers.base import Source
from cablegram.readers.detect import extract
from cablegram.tables import posts, routes
from cablegram.tables import tags as tag_table
from cablegram.tables.codes import PROSIGNS

_WARNING_MARKINGS = {
    "UUUUU": "UNCLASSIFIED",
    "EEEEE": "UNCLASSIFIED",
    "CCCCC": "CONFIDENTIAL",
    "SSSSS": "SECRET",
    "TTTTT": "TOP SECRET",
}


def parse(
    text: str, *, reference_id: str | None = None, created: dt.datetime | None = None
) -> Cable:
    """Parse one cable in any rendering. Never raises on text.

    ``reference_id`` and ``created`` are what the caller knows from elsewhere
    (a file name, a catalogue): they fill in what the text lacks, and a
    disagreement with the text is recorded as a diagnostic.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes a str, not {type(text).__name__}")
    try:
        source = extract(text)
        return parse_source(source, reference_id=reference_id, created=created)
    except RecursionError:  # pragma: no cover - pathological nesting
        return _failed(text, "input too deeply nested to read")
    except Exception as exc:
        return _failed(text, f"internal parser error: {type(exc).__name__}: {exc}")


def _failed(text: str, message: str) -> Cable:
    return Cable(
        body_text=text,
        diagnostics=(Diagnostic(code="parser-error", message=message, severity="error"),),
    )


def parse_source(
    source: Source, *, reference_id: str | None = None, created: dt.datetime | None = None
) -> Cable:
    """Parse the telegram text that a reader recovered."""
    diagnostics: list[Diagnostic] = list(source.diagnostics)
    header_text = source.header.strip("\n")
    head = parse_header(header_text, first_line=1)
    diagnostics.extend(head.diagnostics)
    body_first = header_text.count("\n") + 3 if header_text else 1
    body_lines = split_front_matter(source.body.strip("\n"))
    fm = parse_front_matter(body_lines, first_line=body_first)
    diagnostics.extend(fm.diagnostics)

    when, when_source = _created(head, fm, created, source.metadata, diagnostics)
    year = when.year if when else None
    token, serial = _identity(head, fm, diagnostics)
    ref_id = f"{year % 100:02d}{token}{serial}" if year and token and serial is not None else None
    if ref_id is None and reference_id:
        ref_id = canonical_id(reference_id) or reference_id
        parts = split_id(ref_id)
        if parts:
            year = year or parts[0]
            token = token or parts[1]
            serial = serial if serial is not None else parts[2]
        diagnostics.append(
            Diagnostic(
                code="id-from-caller",
                message="reference id not in the text; taken from the caller",
                severity="info",
            )
        )
    elif reference_id and ref_id and canonical_id(reference_id) not in (ref_id, None):
        diagnostics.append(
            Diagnostic(
                code="id-mismatch",
                message=f"the text says {ref_id}, the caller {reference_id}",
                severity="warning",
            )
        )

    classification = fm.classification
    body_is_other = any(d.code == "header-body-mismatch" for d in diagnostics)
    if body_is_other and head.security_warning in _WARNING_MARKINGS:
        classification = _WARNING_MARKINGS[head.security_warning]
    elif classification is None and head.security_warning in _WARNING_MARKINGS:
        classification = release_classification(
            _WARNING_MARKINGS[head.security_warning], fm.caveats
        )
        diagnostics.append(
            Diagnostic(
                code="classification-from-header",
                message=f"no classification banner; taken from the security warning "
                f"{head.security_warning}",
                severity="info",
            )
        )
    if classification is None:
        diagnostics.append(
            Diagnostic(code="no-classification", message="no classification marking found")
        )

    for code in fm.tags:
        if tag_table.describe(code).kind == "unknown":
            diagnostics.append(
                Diagnostic(
                    code="tag-unknown",
                    message=f"TAGS code {code!r} is not in the TAGS table",
                    line=fm.tags_line,
                    severity="info",
                )
            )
    written_subject = f"({fm.subject_mark}) {fm.subject}" if fm.subject_mark else fm.subject
    cleaned = clean_lines(body_lines, origin=token, subject=written_subject)
    # The body as the telegram has it (rendering removed, nothing else): line numbers of
    # diagnostics and paragraphs count in Cable.text; paragraphs carry the cleaned text.
    body_text = "\n".join(body_lines).rstrip("\n")
    paragraphs = extract_paragraphs(cleaned, first_line=body_first)
    references, ref_diags = extract_references(
        body_lines, first_line=body_first, year=year, self_id=ref_id
    )
    diagnostics.extend(ref_diags)
    classified_by, reasons, cb_diags = extract_classified_by(body_lines, first_line=body_first)
    diagnostics.extend(cb_diags)
    post = _post(head, token)

    cable = Cable(
        reference_id=ref_id,
        origin_token=token,
        serial=serial,
        year=year,
        transmission_id=head.transmission_id,
        precedence=head.precedence if head.date_time_group else _routing_precedence(head),
        relay_routes=tuple(head.relay_routes),
        originating_station=head.originating_station,
        station_serial=head.station_serial,
        section=fm.section
        or (Section(number=head.section_number) if head.section_number else None),
        station_time=_station_time(head, when),
        security_warning=head.security_warning,
        date_time_group=head.date_time_group,
        created=when,
        created_source=when_source,
        sender=head.sender,
        recipients=_resolve(head.recipients, diagnostics),
        info_recipients=_resolve(head.info_recipients, diagnostics),
        classification=classification,
        caveats=tuple(fm.caveats),
        executive_order=fm.executive_order,
        declassify_on=fm.declassify_on,
        declassification=fm.declassification,
        tags=tuple(fm.tags),
        subject=fm.subject,
        subject_mark=fm.subject_mark,
        origin=post.name if post else None,
        country=post.iso if post else None,
        references=references,
        mentions=extract_mentions(paragraphs, year=year, self_id=ref_id, references=references),
        classified_by=classified_by,
        classification_reasons=reasons,
        paragraphs=paragraphs,
        summary=extract_summary(paragraphs),
        comment=extract_comment(paragraphs),
        signers=extract_signers(cleaned),
        header_text=header_text,
        body_text=body_text,
        rendering=source.rendering,
        source_metadata=dict(source.metadata),
        diagnostics=(),
    )
    diagnostics.extend(_compare_metadata(cable, source.metadata))
    return _with_diagnostics(cable, diagnostics)


def _resolve(
    recipients: Sequence[Recipient], diagnostics: list[Diagnostic]
) -> tuple[Recipient, ...]:
    """Each addressee as the reference tables know it: by name first (a shared
    military indicator such as RHMFISS serves many commands), then by indicator."""
    out: list[Recipient] = []
    for recipient in recipients:
        info = routes.by_name(recipient.name) if recipient.name else None
        if info is None and recipient.route:
            info = routes.describe(recipient.route)
        if info is None:
            diagnostics.append(
                Diagnostic(
                    code="addressee-unknown",
                    message=f"addressee {recipient.route or ''}/{recipient.name} is not in "
                    "the routing tables",
                    severity="info",
                )
            )
            out.append(recipient)
            continue
        out.append(
            msgspec.structs.replace(
                recipient,
                kind=info.kind,
                post=info.post.token if info.post else None,
                organisation=info.post.name if info.post else info.name,
            )
        )
    return tuple(out)


def _with_diagnostics(cable: Cable, diagnostics: Sequence[Diagnostic]) -> Cable:
    return msgspec.structs.replace(cable, diagnostics=tuple(diagnostics))


def _routing_precedence(head: Header) -> Precedence:
    """Without a date-time group, the routing line's doubled prosign (PP, OO) speaks."""
    if head.routing_precedence:
        word = PROSIGNS.get(head.routing_precedence[0])
        return Precedence(action=word, info=word)
    return Precedence()


def _created(
    head: Header,
    fm: FrontMatter,
    created: dt.datetime | None,
    metadata: dict[str, str],
    diagnostics: list[Diagnostic],
) -> tuple[dt.datetime | None, str | None]:
    """The cable's date: the date-time group, else the best other source (with a diagnostic)."""
    if head.dtg is not None:
        return head.dtg, "dtg"
    if fm.dateline is not None:
        diagnostics.append(
            Diagnostic(
                code="date-from-dateline",
                message="no date-time group; date taken from the press dateline",
                severity="info",
            )
        )
        return fm.dateline, "dateline"
    if created is not None:
        when = created if created.tzinfo else created.replace(tzinfo=dt.UTC)
        diagnostics.append(
            Diagnostic(
                code="date-from-caller",
                message="no date in the text; date taken from the caller",
                severity="info",
            )
        )
        return when.astimezone(dt.UTC), "caller"
    from_metadata = _metadata_time(metadata.get("created", ""))
    if from_metadata is not None:
        diagnostics.append(
            Diagnostic(
                code="date-from-metadata",
                message="no date in the text; date taken from the rendering's metadata",
                severity="info",
            )
        )
        return from_metadata, "metadata"
    diagnostics.append(Diagnostic(code="no-date", message="no date-time group or dateline found"))
    return None, None


def _metadata_time(text: str) -> dt.datetime | None:
    """``2010-01-25 09:09`` or ``1/25/2010 9:09``, as releases write dates, in UTC."""
    text = text.strip()
    for layout in ("%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S%z"):
        try:
            when = dt.datetime.strptime(text, layout)
        except ValueError:
            continue
        return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    return None


def _station_time(head: Header, when: dt.datetime | None) -> dt.datetime | None:
    if head.station_day is None or when is None:
        return None
    day, hour, minute = head.station_day
    return station_time(day, hour, minute, when)


def _identity(
    head: Header, fm: FrontMatter, diagnostics: list[Diagnostic]
) -> tuple[str | None, int | None]:
    """Origin token and serial: the banner first, then the DE line, then the FM line.

    A banner token that names a post is kept as written (``KIEV`` in 2006,
    ``KYIV`` later: the release's ids follow the banner). A variant or typo
    (``SECSTATE``, ``BRUSELS``) is corrected, and a redacted or unknown one
    (``XXXXXXXXXXXX``) gives way to the header.
    """
    token: str | None = None
    serial = fm.serial
    if fm.origin_words:
        squeezed = fm.origin_words.replace(" ", "")
        if squeezed in posts.origin_tokens():
            token = squeezed
        else:
            token = posts.token_alias(squeezed)
            if token is not None and token != squeezed:
                diagnostics.append(
                    Diagnostic(
                        code="origin-token-corrected",
                        message=f"banner origin {fm.origin_words!r} read as {token}",
                        line=fm.banner_line,
                        severity="info",
                    )
                )
            elif token is None:
                diagnostics.append(
                    Diagnostic(
                        code="origin-token-unknown",
                        message=f"banner origin {fm.origin_words!r} names no known post",
                        line=fm.banner_line,
                    )
                )
    header_post = None
    if head.originating_station:
        header_post = posts.by_route(head.originating_station)
    if header_post is None and head.sender:
        header_post = posts.by_sender(head.sender)
    if token is None and header_post is not None:
        token = header_post.token
        if fm.origin_words is not None:
            serial = None  # the banner's serial belongs to an unreadable origin
    elif token is not None and (envelope := _other_cable(head, token, serial)) is not None:
        # The routing header and the body name two different cables (pages of the
        # release glued one cable's body under another's header). The header is
        # the envelope the cable travelled in, and the release filed it by that.
        post, station_serial = envelope
        diagnostics.append(
            Diagnostic(
                code="header-body-mismatch",
                message=f"the header is {post.token} {station_serial}, "
                f"the body's banner {token} {serial}: the body is another cable's",
                line=fm.banner_line,
            )
        )
        token, serial = post.token, int(station_serial)
    if token is None and fm.origin_words:
        token = fm.origin_words.replace(" ", "")
    if serial is None and head.station_serial and token is not None:
        serial = int(head.station_serial)
    return token, serial


def _other_cable(head: Header, token: str, serial: int | None) -> tuple[posts.Post, str] | None:
    """The header's post and serial when the DE line and the FM line agree on them and
    the banner contradicts both (not a consulate relayed through its embassy)."""
    if not (head.originating_station and head.sender and head.station_serial):
        return None
    by_station = posts.by_route(head.originating_station)
    by_sender = posts.by_sender(head.sender)
    if by_station is None or by_sender is None or by_station.token != by_sender.token:
        return None
    if by_station.token == token or posts.lookup(token) is by_station:
        return None
    if serial is not None and serial % 10000 == int(head.station_serial) % 10000:
        return None
    return by_station, head.station_serial


def _post(head: Header, token: str | None) -> posts.Post | None:
    """The sending post: the FM line names it best (it tells USEU from Embassy Brussels)."""
    if head.sender:
        post = posts.by_sender(head.sender)
        if post is not None:
            return post
    if token:
        post = posts.lookup(token)
        if post is not None:
            return post
    if head.originating_station:
        return posts.by_route(head.originating_station)
    return None


def _compare_metadata(cable: Cable, metadata: dict[str, str]) -> list[Diagnostic]:
    """What the rendering said against what the text says: disagreements, never overrides."""
    out: list[Diagnostic] = []
    meta_id = metadata.get("reference_id")
    if meta_id and cable.reference_id and canonical_id(meta_id) not in (cable.reference_id, None):
        out.append(
            Diagnostic(
                code="metadata-id-mismatch",
                message=f"the rendering says {meta_id}, the text {cable.reference_id}",
            )
        )
    meta_class = metadata.get("classification")
    if meta_class and cable.classification and meta_class.upper() != cable.classification:
        out.append(
            Diagnostic(
                code="metadata-classification-mismatch",
                message=f"the rendering says {meta_class}, the text {cable.classification}",
            )
        )
    meta_created = metadata.get("created")
    if meta_created and cable.created:
        when = cable.created
        stamp = f"{when.year}-{when.month:02d}-{when.day:02d} {when.hour:02d}"  # %Y-%m-%d %H
        if not _same_hour(meta_created, stamp):
            out.append(
                Diagnostic(
                    code="metadata-date-mismatch",
                    message=f"the rendering says {meta_created}, the text {stamp}:00Z",
                    severity="info",
                )
            )
    return out


def _same_hour(meta: str, stamp: str) -> bool:
    """``2010-01-25 09:09`` against ``2010-01-25 09``; other layouts are not compared."""
    meta = meta.strip()
    if len(meta) >= 13 and meta[4] == "-" and meta[10] == " ":
        return meta[:13] == stamp
    return True
