"""Word list numbering: headings carry the numbers Word shows, as the PDF rendering does."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_builders import SOFFICE, W, convert, docx_with_body, p, rewrite_member

from policycheck.extract import extract
from policycheck.extract.numbering import format_number
from policycheck.model import BlockKind

NUMBERING = (
    f'<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}">'
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
    '<w:startOverride w:val="7"/></w:lvlOverride></w:num>'
    '</w:numbering>'
)


def numbered(num: int, ilvl: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'


def numbered_docx(path: Path) -> Path:
    body = (p("Scope", "Heading1", numbered(1, 0))
            + p("All staff.")
            + p("Information sharing", "Heading1", numbered(1, 0))
            + p("With Immigration Enforcement", "Heading2", numbered(1, 1))
            + p("Refer to a specialist service.", "ListParagraph", numbered(2, 0))
            + p("Record the decision.", "ListParagraph", numbered(2, 0))
            + p("With partners", "Heading2", numbered(1, 1))
            + p("Review", "Heading1", numbered(1, 0))
            + p("Annex", "Heading1", numbered(3, 0)))
    path = docx_with_body(path, body)
    rewrite_member(path, "word/numbering.xml", NUMBERING.encode())
    return path


EXPECTED_HEADINGS = ["1. Scope", "2. Information sharing", "2.1 With Immigration Enforcement",
                     "2.2 With partners", "3. Review", "7. Annex"]


def test_heading_numbers_and_list_items(tmp_path: Path) -> None:
    doc = extract(numbered_docx(tmp_path / "n.docx"))
    assert [b.text for b in doc.blocks if b.kind is BlockKind.HEADING] == EXPECTED_HEADINGS
    items = [b for b in doc.blocks if b.kind is BlockKind.LIST_ITEM]
    assert [b.text for b in items] == ["Refer to a specialist service.", "Record the decision."]
    assert items[0].location.heading_path == ("2. Information sharing",
                                              "2.1 With Immigration Enforcement")


def test_pdf_rendering_shows_the_same_heading_numbers(tmp_path: Path) -> None:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    pdf = convert(numbered_docx(tmp_path / "n.docx"), "pdf", tmp_path)
    doc = extract(pdf)
    assert [b.text for b in doc.blocks if b.kind is BlockKind.HEADING] == EXPECTED_HEADINGS


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [(4, "decimal", "4"), (4, "lowerLetter", "d"), (28, "upperLetter", "BB"),
     (14, "lowerRoman", "xiv"), (1999, "upperRoman", "MCMXCIX"), (3, "decimalZero", "03"),
     (3, "bullet", ""), (3, "ordinalText", "3")],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown
