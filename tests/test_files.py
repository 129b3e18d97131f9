"""Reading files and directory trees: every kind of file, and bad records skipped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from cablegram.errors import ReadError
from cablegram.files import decode, read
from cablegram.model import Cable
from tests import renderings as r


def collect(path: Path) -> tuple[list[Cable], list[ReadError]]:
    errors: list[ReadError] = []
    cables = list(read(path, on_error=errors.append))
    return cables, errors


def csv_rows(names: list[str], start: int = 1) -> str:
    return "".join(
        r.to_csv_row(r.load(name), r.METADATA[name], number)
        for number, name in enumerate(names, start=start)
    )


def lines_in(text: str) -> int:
    return text.count("\n")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "nested").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text(r.load("consulate_sbu"), encoding="utf-8")
    meta = r.METADATA["two_signers"]
    (tmp_path / "b" / "page.html").write_text(r.to_html(r.load("two_signers"), meta), "utf-8")
    meta = r.METADATA["state_collective"]
    (tmp_path / "b" / "nested" / "c.md").write_text(
        r.to_markdown(r.load("state_collective"), meta), encoding="utf-8"
    )
    (tmp_path / "b" / "z.txt").write_text(
        r.to_preamble(r.load("no_header"), r.METADATA["no_header"]), encoding="utf-8"
    )
    (tmp_path / ".hidden" / "skip.txt").write_text(r.load("ref_snippet"), encoding="utf-8")
    (tmp_path / ".skip.txt").write_text(r.load("ref_snippet"), encoding="utf-8")
    return tmp_path


def test_tree_is_read_in_name_order_skipping_hidden_entries(tree: Path) -> None:
    cables, errors = collect(tree)
    assert errors == []
    # a.txt, b/nested/c.md, b/page.html, b/z.txt
    assert [c.rendering for c in cables] == ["telegram", "markdown", "html", "preamble"]
    assert [c.body_text.split("\n", 1)[0] for c in cables] == [
        "UNCLAS MONTERREY 000212",
        "C O N F I D E N T I A L STATE 044417",
        "C O N F I D E N T I A L AMMAN 002290",
        "C O N F I D E N T I A L SECTION 01 OF 02 LUSAKA 000388",
    ]


def test_a_single_file_can_be_read(tree: Path) -> None:
    cables, errors = collect(tree / "b" / "page.html")
    assert errors == []
    assert len(cables) == 1
    assert cables[0].source_metadata["reference_id"] == "08AMMAN2290"


def test_missing_path_raises_read_error(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as caught:
        list(read(tmp_path / "nope"))
    assert caught.value.path == str(tmp_path / "nope")


# --- cables.csv ---------------------------------------------------------------------


def test_csv_rows_become_cables_with_row_metadata(tmp_path: Path) -> None:
    names = ["consulate_sbu", "secret_noforn_sections", "split_precedence"]
    path = tmp_path / "cables.csv"
    path.write_text(csv_rows(names), encoding="utf-8")
    cables, errors = collect(path)
    assert errors == []
    assert [c.rendering for c in cables] == ["csv", "csv", "csv"]
    first = cables[0]
    assert first.source_metadata == {
        "record": "1",
        "created": "2008-03-28 15:30",
        "reference_id": "08MONTERREY212",
        "origin": "Consulate Monterrey",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
    }
    header, body = r.split_telegram(r.load("consulate_sbu"))
    assert r.squash(first.header_text) == r.squash(header)
    assert r.squash(first.body_text) == r.squash(body)
    assert '"would rather pay overtime in\nJune than severance in April."' in first.body_text


def test_csv_referenced_ids_are_space_separated_metadata(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    row = r.to_csv_row(r.load("two_signers"), r.METADATA["two_signers"], 7, "08AMMAN11|08STATE2")
    path.write_text(row, encoding="utf-8")
    cables, _ = collect(path)
    assert cables[0].source_metadata["references"] == "08AMMAN11 08STATE2"


def test_bad_csv_rows_are_reported_with_their_line_and_skipped(tmp_path: Path) -> None:
    good_before = csv_rows(["consulate_sbu"])
    short_row = '"2","3/28/2008 15:30","08MONTERREY213","Consulate Monterrey","UNCLASSIFIED"\n'
    bad_date = r.to_csv_row(r.load("no_header"), r.METADATA["no_header"], 3).replace(
        '"4/22/2009 9:15"', '"22 April 2009"'
    )
    good_after = csv_rows(["two_signers"], start=4)
    path = tmp_path / "cables.csv"
    path.write_text(good_before + short_row + bad_date + good_after, encoding="utf-8")
    cables, errors = collect(path)
    assert [c.source_metadata["record"] for c in cables] == ["1", "4"]
    assert [(e.path, e.line) for e in errors] == [
        (str(path), lines_in(good_before) + 1),
        (str(path), lines_in(good_before + short_row) + 1),
    ]
    assert "columns" in errors[0].reason
    assert "created" in errors[1].reason


def test_csv_row_with_empty_header_has_its_header_split_from_the_body(tmp_path: Path) -> None:
    text = r.load("split_precedence")
    row = r.to_csv_row(text, r.METADATA["split_precedence"], 1)
    fields = row.split('","')
    fields[6] = ""
    fields[7] = text.replace('"', '\\"')
    path = tmp_path / "cables.csv"
    path.write_text('","'.join(fields) + '"\n', encoding="utf-8")
    cables, errors = collect(path)
    assert errors == []
    assert cables[0].header_text.startswith("VZCZCXYZ0007")
    assert cables[0].header_text.endswith("RUEKJCS/SECDEF WASHDC PRIORITY")
    assert "VZCZC" not in cables[0].body_text


def test_csv_bodies_larger_than_the_default_field_limit_are_read(tmp_path: Path) -> None:
    body = "UNCLAS ROME 000012\n\n" + "1. (U) Long text.\n" * 20000
    row = f'"1","1/2/2009 3:04","09ROME12","Embassy Rome","UNCLASSIFIED","","","{body}"\n'
    path = tmp_path / "big.csv"
    path.write_text(row, encoding="utf-8")
    cables, errors = collect(path)
    assert errors == []
    assert len(cables[0].body_text) > 300_000


def test_csv_bytes_that_are_not_utf8_are_read_as_cp1252_with_a_diagnostic(tmp_path: Path) -> None:
    row = (
        '"1","1/2/2009 3:04","09ROME12","Embassy Rome","UNCLASSIFIED","",""'
        ',"UNCLAS ROME 12\n\n1. Charg\xe9."\n'
    )
    path = tmp_path / "cables.csv"
    path.write_bytes(row.encode("cp1252"))
    cables, errors = collect(path)
    assert errors == []
    assert cables[0].body_text.endswith("1. Chargé.")
    assert "not-utf8" in [d.code for d in cables[0].diagnostics]


# --- binary and undecodable files ---------------------------------------------------


def test_binary_file_is_reported_and_the_rest_is_read(tree: Path) -> None:
    (tree / "b" / "image.png").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    )
    (tree / "b" / "broken.csv").write_bytes(b"\x00\x01\x02")
    cables, errors = collect(tree)
    assert len(cables) == 4
    assert sorted((Path(e.path).name, e.line) for e in errors) == [
        ("broken.csv", None),
        ("image.png", None),
    ]


def test_cp1252_text_file_is_decoded() -> None:
    assert decode("Chargé d’Affaires".encode("cp1252")) == "Chargé d’Affaires"


def test_utf8_bom_and_utf16_are_decoded() -> None:
    assert decode(b"\xef\xbb\xbfUNCLAS") == "UNCLAS"
    assert decode("UNCLAS ROME".encode("utf-16")) == "UNCLAS ROME"


def test_control_character_soup_is_not_text() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode(bytes(range(1, 32)) * 20)


def test_errors_are_logged_when_no_handler_is_given(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "x.bin").write_bytes(b"\x00" * 10)
    (tmp_path / "y.txt").write_text(r.load("no_header"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="cablegram"):
        cables = list(read(tmp_path))
    assert len(cables) == 1
    assert [record.name for record in caplog.records] == ["cablegram"]
    assert "x.bin" in caplog.records[0].getMessage()


# --- JSON Lines ---------------------------------------------------------------------


def test_json_lines_round_trip_and_bad_lines_are_skipped(tree: Path, tmp_path: Path) -> None:
    originals, _ = collect(tree)
    lines = [cable.to_json() for cable in originals]
    lines.insert(2, '{"reference_id": 12}')
    lines.insert(3, "not json")
    path = tmp_path / "out" / "cables.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    cables, errors = collect(path)
    assert cables == originals
    assert [c.rendering for c in cables] == ["telegram", "markdown", "html", "preamble"]
    assert [(Path(e.path).name, e.line) for e in errors] == [
        ("cables.jsonl", 3),
        ("cables.jsonl", 4),
    ]


def test_json_file_with_a_list_of_records(tree: Path, tmp_path: Path) -> None:
    originals, _ = collect(tree)
    path = tmp_path / "cables.json"
    path.write_text("[" + ",".join(c.to_json() for c in originals) + "]", encoding="utf-8")
    cables, errors = collect(path)
    assert errors == []
    assert cables == originals


def test_reading_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text(csv_rows(["consulate_sbu"]) + "garbage,\n", encoding="utf-8")
    errors: list[ReadError] = []
    cables = read(path, on_error=errors.append)
    assert next(cables).source_metadata["record"] == "1"
    assert errors == []  # the bad record after it is not read yet
    assert list(cables) == []
    assert [e.line for e in errors] == [lines_in(csv_rows(["consulate_sbu"])) + 1]
