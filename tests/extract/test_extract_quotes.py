"""A passage set off as a quotation is marked quoted in every format that can say so."""

from __future__ import annotations

from pathlib import Path

from docx import Document as WordDocument

from policycheck.extract import extract

QUOTED = "Chief constables should stop sharing victims' data with Immigration Enforcement."
OWN = "We have stopped sharing victims' data on doubt alone."


def quoted_of(path: Path) -> list[tuple[str, bool]]:
    return [(b.text, b.quoted) for b in extract(path).blocks if b.text in (QUOTED, OWN)]


def test_markdown_blockquote(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    path.write_text(f"# Response\n\n> {QUOTED}\n\n{OWN}\n", encoding="utf-8")
    assert quoted_of(path) == [(QUOTED, True), (OWN, False)]


def test_html_blockquote(tmp_path: Path) -> None:
    path = tmp_path / "letter.html"
    path.write_text(f"<html><body><main><h1>Response</h1><blockquote><p>{QUOTED}</p>"
                    f"</blockquote><p>{OWN}</p></main></body></html>", encoding="utf-8")
    assert quoted_of(path) == [(QUOTED, True), (OWN, False)]


def test_word_quote_style(tmp_path: Path) -> None:
    doc = WordDocument()
    doc.add_heading("Response", 1)
    doc.add_paragraph(QUOTED, style="Quote")
    doc.add_paragraph(OWN)
    path = tmp_path / "letter.docx"
    doc.save(str(path))
    assert quoted_of(path) == [(QUOTED, True), (OWN, False)]
