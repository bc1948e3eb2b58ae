"""One policy in six renderings reads as the same sentences, with the same headings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from extract_builders import POLICY, policy_html, policy_markdown, sentences_of

from policycheck.extract import ExtractOptions, extract
from policycheck.model import BlockKind, Document


def sentences(texts: list[str]) -> list[str]:
    joined = " ".join(texts).lower()
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(joined.split())) if s]


def headings(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if b.kind is BlockKind.HEADING]


EXPECTED = sentences(sentences_of(POLICY))
EXPECTED_HEADINGS = [str(v) for k, v in POLICY if k in ("h1", "h2")]


def check(doc: Document) -> None:
    assert sentences([b.text for b in doc.blocks]) == EXPECTED
    assert headings(doc) == EXPECTED_HEADINGS
    items = [b.text for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [str(v) for k, v in POLICY if k == "li"]


def test_docx(single_policy_docx: Path) -> None:
    check(extract(single_policy_docx))


def test_html(tmp_path: Path) -> None:
    check(extract(policy_html(tmp_path / "policy.html")))


def test_markdown(tmp_path: Path) -> None:
    check(extract(policy_markdown(tmp_path / "policy.md")))


def test_odt(single_policy_odt: Path) -> None:
    check(extract(single_policy_odt))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_pdf(single_policy_pdf: Path, engine: str) -> None:
    check(extract(single_policy_pdf, ExtractOptions(pdf_engine=engine)))


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_multi_page_pdf_matches_docx(policy_docx: Path, policy_pdf: Path, engine: str) -> None:
    """Across page breaks too, with running headers and 'Page N of M' footers removed."""
    want = sentences([b.text for b in extract(policy_docx).blocks])
    got = sentences([b.text for b in extract(policy_pdf, ExtractOptions(pdf_engine=engine))
                     .blocks])
    assert got == want
