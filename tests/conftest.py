"""Shared fixtures: where ../shared is, and the skip for tests that need it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real Cablegate HTML sample; the test is skipped when ../shared is absent."""
    pages = CORPUS / "cablegate-html"
    if not pages.is_dir():
        pytest.skip(f"the real-cable corpus is not here ({pages} is absent)")
    return pages


@pytest.fixture(scope="session")
def gold_path(corpus_dir: Path) -> Path:
    """The gold metadata of the corpus."""
    path = corpus_dir.parent / "cablegate-html.gold.jsonl"
    if not path.exists():
        pytest.skip(f"the gold file is not here ({path} is absent)")
    return path
