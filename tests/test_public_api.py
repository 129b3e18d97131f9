"""The public API: what ``import cablegram`` offers, and that ``__all__`` is honest."""

from __future__ import annotations

import cablegram


def test_every_exported_name_exists_once() -> None:
    assert len(set(cablegram.__all__)) == len(cablegram.__all__)
    for name in cablegram.__all__:
        assert hasattr(cablegram, name), name


def test_errors_share_one_root() -> None:
    for err in (cablegram.ReadError, cablegram.ArchiveError, cablegram.QuerySyntaxError):
        assert issubclass(err, cablegram.CablegramError)


def test_read_error_names_file_and_line() -> None:
    err = cablegram.ReadError("row has 5 columns, not 8", path="cables.csv", line=17)
    assert str(err) == "cables.csv:17: row has 5 columns, not 8"
    assert (err.path, err.line) == ("cables.csv", 17)


def test_query_error_points_at_the_problem() -> None:
    err = cablegram.QuerySyntaxError("unclosed quote", query='tag:PREL "oman', position=9)
    assert err.pointer().splitlines()[1] == " " * 9 + "^"


def test_exported_classes_say_they_are_cablegram_s() -> None:
    for name in ("Cable", "ReadError", "parse", "read", "canonical_id"):
        assert getattr(cablegram, name).__module__.startswith("cablegram.")
