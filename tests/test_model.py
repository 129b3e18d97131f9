"""The cable record: immutable, typed, and round-trips through dicts and JSON exactly."""

from __future__ import annotations

import datetime as dt
import json

import msgspec
import pytest

from cablegram.model import (
    SCHEMA_VERSION,
    Cable,
    Diagnostic,
    Mention,
    Paragraph,
    Person,
    Precedence,
    Reason,
    Recipient,
    Reference,
    Section,
    json_schema,
)


def full_cable() -> Cable:
    return Cable(
        reference_id="08VALLETTA412",
        origin_token="VALLETTA",
        serial=412,
        year=2008,
        transmission_id="XRO1234",
        precedence=Precedence(action="IMMEDIATE", info="PRIORITY"),
        relay_routes=("RUEHROV",),
        originating_station="RUEHVL",
        station_serial="0412",
        section=Section(number=1, total=2),
        station_time=dt.datetime(2008, 6, 30, 14, 5, tzinfo=dt.UTC),
        security_warning="CCCCC",
        date_time_group="O P 301405Z JUN 08",
        created=dt.datetime(2008, 6, 30, 14, 5, tzinfo=dt.UTC),
        created_source="dtg",
        sender="AMEMBASSY VALLETTA",
        recipients=(Recipient(route="RUEHC", name="SECSTATE WASHDC", precedence="IMMEDIATE"),),
        info_recipients=(
            Recipient(route="RUEHXK", name="ARAB ISRAELI COLLECTIVE", excluded=("AMEMBASSY X",)),
        ),
        classification="CONFIDENTIAL//NOFORN",
        caveats=("NOFORN", "SIPDIS"),
        executive_order="12958",
        declassify_on=dt.date(2018, 6, 30),
        declassification="DECL: 06/30/2018",
        tags=("PREL", "MT"),
        subject="A SUBJECT",
        references=(Reference(bullet="A", text="STATE 1", kind="cable", reference_id="08STATE1"),),
        mentions=(Mention(text="REF A", paragraph=2, reference_id="08STATE1"),),
        classified_by=(Person(name="Jane Roe", title="Ambassador"),),
        classification_reasons=(Reason(section="1.4", letter="b", meaning="foreign government"),),
        paragraphs=(Paragraph(number=1, text="Text.", portion_mark="C", line=20),),
        summary="Text.",
        signers=("ROE",),
        header_text="VZCZCXRO1234",
        body_text="C O N F I D E N T I A L VALLETTA 000412",
        rendering="html",
        source_metadata={"reference_id": "08VALLETTA412"},
        diagnostics=(Diagnostic(code="x", message="y", line=3, severity="info"),),
    )


def test_to_dict_from_dict_round_trips_exactly() -> None:
    cable = full_cable()
    assert Cable.from_dict(cable.to_dict()) == cable


def test_json_round_trips_exactly() -> None:
    cable = full_cable()
    line = cable.to_json()
    assert "\n" not in line
    assert Cable.from_json(line) == cable


def test_dict_is_plain_json_with_schema_version() -> None:
    data = full_cable().to_dict()
    assert data["schema"] == SCHEMA_VERSION
    assert data["created"] == "2008-06-30T14:05:00Z"
    assert data["declassify_on"] == "2018-06-30"
    json.dumps(data)  # only builtins


def test_records_are_immutable() -> None:
    cable = full_cable()
    with pytest.raises(AttributeError):
        cable.subject = "changed"  # type: ignore[misc]


def test_unknown_field_is_rejected_on_load() -> None:
    data = full_cable().to_dict() | {"no_such_field": 1}
    with pytest.raises(msgspec.ValidationError):
        Cable.from_dict(data)


def test_empty_cable_has_empty_defaults() -> None:
    cable = Cable()
    assert cable.tags == ()
    assert cable.precedence == Precedence()
    assert Cable.from_dict(cable.to_dict()) == cable


def test_json_schema_names_every_field() -> None:
    schema = json_schema()
    props = schema["$defs"]["Cable"]["properties"]
    for name in ("reference_id", "created", "recipients", "diagnostics", "paragraphs"):
        assert name in props
