"""Acceptance on real cables: the parser agrees with the release's own metadata.

Runs ``scripts/corpus_accuracy.py`` over ``../shared/corpus`` (skipped when it is
absent). Fields come from the cable text, never the page's table.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "corpus_accuracy.py"

THRESHOLDS = {
    "reference_id": 99.5,
    "created": 99.0,
    "classification": 98.5,
    "tags": 98.0,
    "origin": 99.0,
}


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("corpus_accuracy", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(corpus_dir: Path, gold_path: Path) -> object:
    return load_script().score(corpus_dir.parent)


def test_no_page_raises(report: object) -> None:
    assert report.exceptions == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("field", sorted(THRESHOLDS))
def test_field_agrees_with_gold(report: object, field: str) -> None:
    share = report.share(field)  # type: ignore[attr-defined]
    misses = report.misses[field][:10]  # type: ignore[attr-defined]
    assert share >= THRESHOLDS[field], f"{field}: {share:.2f}% ; first misses: {misses}"
