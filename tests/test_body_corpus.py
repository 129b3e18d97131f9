"""How well the body readers do on the real WikiLeaks pages in ../shared/corpus.

Run with ``-s`` to see the figures. The pages are read here the simplest way a
reader could: the second ``<pre>`` block, tags (and the ``¶`` paragraph anchors)
stripped, entities unescaped. Skipped when the shared corpus is absent.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cablegram.parser import classified
from cablegram.parser.body import clean_lines
from cablegram.parser.paragraphs import extract_paragraphs
from cablegram.parser.signature import extract_signers
from cablegram.parser.summary import extract_summary

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "cablegate-html"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}"),
]

_PRE_RE = re.compile(r"<pre[^>]*>(.*?)</pre>", re.DOTALL)
_ANCHOR_RE = re.compile(r"<a id='par\d+'[^>]*>¶</a>")
_TAG_RE = re.compile(r"<[^>]+>")
# What a reader would call a summary marker or a Classified By line in the text.
_SUMMARY_MARK_RE = re.compile(
    r"\bsummary\s*[:.\-]|\bbegin summary|\bend summary|^\s*summary\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_LABEL_RE = re.compile(r"(?<![a-z])clas+i?fi?e?d\s+by\b", re.IGNORECASE)


def _bodies() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(CORPUS.glob("*.html")):
        blocks = _PRE_RE.findall(path.read_text(encoding="utf-8"))
        if not blocks:
            continue
        text = _TAG_RE.sub("", _ANCHOR_RE.sub("", blocks[-1] if len(blocks) < 2 else blocks[1]))
        out[path.stem] = html.unescape(text)
    return out


@pytest.fixture(scope="module")
def bodies() -> dict[str, str]:
    return _bodies()


def _share(hits: int, total: int) -> float:
    return 100.0 * hits / total if total else 100.0


def test_corpus_signers_classified_by_and_summaries(bodies: dict[str, str]) -> None:
    no_signer: list[str] = []
    no_summary: list[str] = []
    no_classifier: list[str] = []
    with_summary = with_label = 0
    for name, text in bodies.items():
        lines = text.split("\n")
        cleaned = clean_lines(lines)
        paras = extract_paragraphs(cleaned, first_line=1)
        if not extract_signers(cleaned):
            no_signer.append(name)
        if _SUMMARY_MARK_RE.search(text):
            with_summary += 1
            if extract_summary(paras) is None:
                no_summary.append(name)
        if _LABEL_RE.search(text):
            with_label += 1
            people, reasons, _diags = classified.extract_classified_by(lines, first_line=1)
            if not people and not reasons:
                no_classifier.append(name)
    total = len(bodies)
    signers = _share(total - len(no_signer), total)
    summaries = _share(with_summary - len(no_summary), with_summary)
    classifiers = _share(with_label - len(no_classifier), with_label)
    print(f"\n{total} cables")
    print(f"signers: {signers:.1f}% of all cables; none in {len(no_signer)}: {' '.join(no_signer)}")
    print(f"summary: {summaries:.1f}% of {with_summary} with a marker; misses: {no_summary}")
    print(
        f"classified by: {classifiers:.1f}% of {with_label} with a label; misses: {no_classifier}"
    )
    # Some bodies have no signature at all (stubs, redactions, press excerpts that
    # end in text), so the signer figure is over all cables.
    assert signers >= 95.0
    assert summaries >= 98.0
    assert classifiers >= 98.0


def test_corpus_paragraphs_are_found(bodies: dict[str, str]) -> None:
    numbered = without = 0
    for text in bodies.values():
        paras = extract_paragraphs(clean_lines(text.split("\n")), first_line=1)
        if any(p.number is not None for p in paras):
            numbered += 1
        if not paras:
            without += 1
    print(f"\nparagraphs: {numbered} of {len(bodies)} cables numbered, {without} with none")
    assert numbered >= 0.95 * len(bodies)
