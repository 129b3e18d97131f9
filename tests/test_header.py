"""The routing header: transmission id, routing, DE line, warning, DTG, FM, TO, INFO, XMT."""

from __future__ import annotations

import datetime as dt

import cablegram
from cablegram.model import Precedence
from cablegram.parser.header import parse_header

HEADER = """\
VZCZCXRO4411
PP RUEHDE RUEHROV
DE RUEHLB #0231/01 0561530
ZNY CCCCC ZZH
P 251530Z FEB 08
FM AMEMBASSY BEIRUT
TO RUEHC/SECSTATE WASHDC PRIORITY 1207
INFO RUEHXK/ARAB ISRAELI COLLECTIVE PRIORITY
XMT AMCONSUL JERUSALEM
RUEHDM/AMEMBASSY DAMASCUS PIORITY 0544
RHMFISS/CDR USCENTCOM MACDILL AFB FL
RHEHNSC/NSC WASHDC"""


def test_transmission_id_is_channel_and_sequence() -> None:
    assert parse_header(HEADER).transmission_id == "XRO4411"


def test_routing_line_gives_relay_routes() -> None:
    head = parse_header(HEADER)
    assert head.routing_precedence == "PP"
    assert head.relay_routes == ["RUEHDE", "RUEHROV"]


def test_de_line_gives_station_serial_section_and_day_of_year() -> None:
    head = parse_header(HEADER)
    assert head.originating_station == "RUEHLB"
    assert head.station_serial == "0231"
    assert head.section_number == 1
    assert head.station_day == (56, 15, 30)


def test_security_warning_code_is_kept() -> None:
    assert parse_header(HEADER).security_warning == "CCCCC"


def test_date_time_group_is_utc() -> None:
    head = parse_header(HEADER)
    assert head.dtg == dt.datetime(2008, 2, 25, 15, 30, tzinfo=dt.UTC)
    assert head.date_time_group == "P 251530Z FEB 08"
    assert head.precedence == Precedence(action="PRIORITY", info="PRIORITY")


def test_split_precedence_gives_action_and_info() -> None:
    head = parse_header("O P 180800Z MAR 09\nFM AMEMBASSY SANAA\nTO RUEHC/SECSTATE WASHDC")
    assert head.precedence == Precedence(action="IMMEDIATE", info="PRIORITY")
    assert head.dtg == dt.datetime(2009, 3, 18, 8, 0, tzinfo=dt.UTC)


def test_sender_and_action_addressee() -> None:
    head = parse_header(HEADER)
    assert head.sender == "AMEMBASSY BEIRUT"
    [to] = head.recipients
    assert (to.route, to.name, to.precedence, to.mcn) == (
        "RUEHC",
        "SECSTATE WASHDC",
        "PRIORITY",
        "1207",
    )


def test_collective_exclusions_are_kept() -> None:
    info = parse_header(HEADER).info_recipients
    assert info[0].name == "ARAB ISRAELI COLLECTIVE"
    assert info[0].excluded == ("AMCONSUL JERUSALEM",)


def test_misspelled_precedence_word_is_normalised() -> None:
    damascus = parse_header(HEADER).info_recipients[1]
    assert damascus.name == "AMEMBASSY DAMASCUS"
    assert damascus.precedence == "PRIORITY"
    assert damascus.mcn == "0544"


def test_every_info_addressee_is_read() -> None:
    names = [r.name for r in parse_header(HEADER).info_recipients]
    assert names == [
        "ARAB ISRAELI COLLECTIVE",
        "AMEMBASSY DAMASCUS",
        "CDR USCENTCOM MACDILL AFB FL",
        "NSC WASHDC",
    ]


def test_run_together_header_reads_like_the_lined_one() -> None:
    lined = parse_header(HEADER)
    flat = parse_header(" ".join(HEADER.split("\n")))
    assert flat.transmission_id == lined.transmission_id
    assert flat.relay_routes == lined.relay_routes
    assert flat.originating_station == lined.originating_station
    assert flat.dtg == lined.dtg
    assert flat.sender == lined.sender
    assert flat.recipients == lined.recipients
    assert [r.route for r in flat.info_recipients] == [r.route for r in lined.info_recipients]


def test_impossible_dtg_is_a_diagnostic_not_an_error() -> None:
    head = parse_header("R 311200Z FEB 09\nFM AMEMBASSY OSLO")
    assert head.dtg is None
    assert [d.code for d in head.diagnostics] == ["dtg-invalid"]


def test_partial_extract_sentence_gives_empty_header() -> None:
    head = parse_header(
        "This record is a partial extract of the original cable. The full text of the "
        "original cable is not available."
    )
    assert head.dtg is None
    assert head.sender is None
    assert head.recipients == []


def test_a_range_of_message_control_numbers_is_one_mcn() -> None:
    head = parse_header(HEADER.replace("PRIORITY 1207", "PRIORITY 1207-1208"))
    to = head.recipients[0]
    assert (to.name, to.precedence, to.mcn) == ("SECSTATE WASHDC", "PRIORITY", "1207-1208")


def test_an_agency_addressed_through_the_departments_indicator_is_that_agency() -> None:
    text = HEADER.replace("RHEHNSC/NSC WASHDC", "RUEHC/DEPT OF LABOR WASHDC")
    text += "\nBT\nC O N F I D E N T I A L BEIRUT 000231\n\nSUBJECT: TEST\n\n1. (C) Text.\n"
    labor = cablegram.parse(text).info_recipients[-1]
    assert (labor.route, labor.kind, labor.organisation) == (
        "RUEHC",
        "agency",
        "Department of Labor",
    )
    assert labor.post is None


def test_a_bare_date_time_group_of_a_partial_extract_is_read() -> None:
    head = parse_header(
        "This record is a partial extract of the original cable. The full text of the\n"
        "original cable is not available.\n\n150613Z Dec 05"
    )
    assert head.date_time_group == "150613Z Dec 05"
    assert head.dtg == dt.datetime(2005, 12, 15, 6, 13, tzinfo=dt.UTC)
    assert head.precedence == Precedence()
    # a group inside a sentence is not one
    assert parse_header("It was sent at 150613Z Dec 05 we think.").dtg is None


def test_an_addressee_served_by_other_means_has_the_zen_route() -> None:
    head = parse_header(
        "O 270333Z SEP 08\nFM SECSTATE WASHDC\nTO ZEN/AMEMBASSY LAKESIDE IMMEDIATE 2276\n"
        "RUEHKV/AMEMBASSY KYIV IMMEDIATE 7881\nINFO ZEN/JOINT STAFF WASHINGTON DC IMMEDIATE"
    )
    assert [(r.route, r.name) for r in head.recipients] == [
        ("ZEN", "AMEMBASSY LAKESIDE"),
        ("RUEHKV", "AMEMBASSY KYIV"),
    ]
    assert [(r.route, r.name) for r in head.info_recipients] == [
        ("ZEN", "JOINT STAFF WASHINGTON DC")
    ]


def test_a_page_break_on_the_to_line_is_no_addressee() -> None:
    head = parse_header(
        "P 182318Z FEB 09\nFM SECSTATE WASHDC\nTO PAGE 02        STATE   015113  182333Z\n"
        "ALL DIPLOMATIC POSTS COLLECTIVE PRIORITY\nAMEMBASSY LAKESIDE PRIORITY"
    )
    assert [r.name for r in head.recipients] == [
        "ALL DIPLOMATIC POSTS COLLECTIVE",
        "AMEMBASSY LAKESIDE",
    ]


def test_an_exclusion_at_the_end_of_the_list_belongs_to_the_collective() -> None:
    head = parse_header(
        "P 182318Z FEB 09\nFM SECSTATE WASHDC\nTO SECURITY OFFICER COLLECTIVE PRIORITY\n"
        "AMEMBASSY LAKESIDE PRIORITY\nINFO AMCONSUL HILLSIDE PRIORITY\nXMT AMCONSUL RIVERSIDE"
    )
    assert [(r.name, r.excluded) for r in head.recipients] == [
        ("SECURITY OFFICER COLLECTIVE", ("AMCONSUL RIVERSIDE",)),
        ("AMEMBASSY LAKESIDE", ()),
    ]
    assert [(r.name, r.excluded) for r in head.info_recipients] == [("AMCONSUL HILLSIDE", ())]
