"""PDF: page numbers, furniture removal, headings, lists, scanned pages, passwords, damage."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_builders import CORPUS, scanned_pdf

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError
from policycheck.extract import ExtractOptions, extract
from policycheck.extract.pdf import NO_TEXT_LAYER
from policycheck.model import BlockKind

ENGINES = ["pdfium", "pdfplumber"]
PASSWORD_PDF = CORPUS / "pdf" / "password-example.pdf"


@pytest.mark.parametrize("engine", ENGINES)
def test_running_headers_footers_and_page_numbers_are_removed(policy_pdf: Path,
                                                               engine: str) -> None:
    doc = extract(policy_pdf, ExtractOptions(pdf_engine=engine))
    text = " ".join(b.text for b in doc.blocks)
    assert "OFFICIAL SENSITIVE" not in text
    assert "Page 1 of" not in text and "Page 2 of" not in text
    assert doc.pages is not None and doc.pages >= 2
    assert {b.location.page for b in doc.blocks} == set(range(1, doc.pages + 1))


@pytest.mark.parametrize("engine", ENGINES)
def test_headings_paths_and_list_items(single_policy_pdf: Path, engine: str) -> None:
    doc = extract(single_policy_pdf, ExtractOptions(pdf_engine=engine))
    by_text = {b.text: b for b in doc.blocks}
    heading = by_text["Information sharing"]
    assert heading.kind is BlockKind.HEADING
    sharing = next(b for b in doc.blocks if b.text.startswith("Officers will not share"))
    assert sharing.kind is BlockKind.PARAGRAPH
    assert sharing.location.heading_path == ("Migrant Victims and Witnesses Policy",
                                             "Information sharing")
    assert sharing.location.cite().startswith("p. 1, § Information sharing, para ")
    assert sharing.text.endswith("and the decision must be recorded.")
    item = by_text["Refer the victim to an independent specialist support service."]
    assert item.kind is BlockKind.LIST_ITEM and item.level == 1
    assert doc.title == "Migrant Victims and Witnesses Policy"


@pytest.mark.parametrize("engine", ENGINES)
def test_table_cells_are_read_cell_by_cell(single_policy_pdf: Path, engine: str) -> None:
    """pdfplumber finds the ruled table; PDFium hands pages that look tabular to it."""
    doc = extract(single_policy_pdf, ExtractOptions(pdf_engine=engine))
    cells = [(b.text, b.location.row, b.location.cell) for b in doc.blocks
             if b.kind is BlockKind.TABLE_CELL]
    assert cells == [("Role", 1, 1), ("Duty", 1, 2), ("Officer", 2, 1),
                     ("Records the referral.", 2, 2), ("Supervisor", 3, 1),
                     ("Reviews the decision.", 3, 2)]


@pytest.mark.parametrize("engine", ENGINES)
def test_pdf_without_text_layer_is_not_assessable(tmp_path: Path, engine: str) -> None:
    doc = extract(scanned_pdf(tmp_path / "scan.pdf", pages=2), ExtractOptions(pdf_engine=engine))
    assert doc.has_text_layer is False
    assert doc.notices == (NO_TEXT_LAYER,)
    assert doc.pages == 2 and doc.blocks == ()
    assert not doc.assessable


def test_some_scanned_pages_are_reported(single_policy_pdf: Path, tmp_path: Path) -> None:
    mixed = scanned_pdf(tmp_path / "mixed.pdf", pages=1, base=single_policy_pdf)
    doc = extract(mixed)
    assert doc.has_text_layer
    last = doc.pages
    assert doc.notices == (f"page(s) {last} have no text layer (needs OCR); their content "
                           "was not checked",)


@pytest.mark.parametrize("engine", ENGINES)
def test_password_protected_pdf(engine: str) -> None:
    if not PASSWORD_PDF.exists():
        pytest.skip("corpus not present")
    with pytest.raises(EncryptedDocumentError) as info:
        extract(PASSWORD_PDF, ExtractOptions(pdf_engine=engine))
    assert str(info.value) == f"{PASSWORD_PDF}: password-protected; use --password"
    with pytest.raises(EncryptedDocumentError, match="the password given does not open it"):
        extract(PASSWORD_PDF, ExtractOptions(pdf_engine=engine, password="wrong"))
    doc = extract(PASSWORD_PDF, ExtractOptions(pdf_engine=engine, password="test"))
    assert doc.pages == 4 and doc.blocks


@pytest.mark.parametrize("engine", ENGINES)
def test_malformed_pdf_is_corrupt(tmp_path: Path, engine: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ngarbage")
    with pytest.raises(CorruptDocumentError, match="not a readable PDF"):
        extract(path, ExtractOptions(pdf_engine=engine))


def minimal_pdf(media_box: str) -> bytes:
    """A one-page PDF with a valid cross-reference table and the given MediaBox."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox {media_box} >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"\
        .encode()
    return out


def test_damaged_page_tree_is_corrupt_with_pdfplumber(tmp_path: Path) -> None:
    path = tmp_path / "box.pdf"
    path.write_bytes(minimal_pdf("[0 0 /Oops 612 792]"))
    with pytest.raises(CorruptDocumentError, match="not a readable PDF"):
        extract(path, ExtractOptions(pdf_engine="pdfplumber"))
    path.write_bytes(minimal_pdf("[0 0 612 792]"))
    doc = extract(path, ExtractOptions(pdf_engine="pdfplumber"))
    assert doc.has_text_layer is False and doc.pages == 1


def test_pdfium_without_table_pass_reads_rows_as_text(single_policy_pdf: Path) -> None:
    doc = extract(single_policy_pdf, ExtractOptions(pdf_tables=False))
    assert not any(b.kind is BlockKind.TABLE_CELL for b in doc.blocks)
    text = " ".join(b.text for b in doc.blocks)
    assert "Officer Records the referral." in text


def test_pdfium_line_end_hyphens_keep_typed_ones_and_drop_hyphenation() -> None:
    from policycheck.extract.normalize import join_lines
    from policycheck.extract.pdf_engines import Line, _line_end_hyphen

    def joined(first: str, second: str) -> str:
        lines = [_line_end_hyphen(Line(t, 0, 0, 100, 10, 11)) for t in (first, second)]
        return join_lines([ln.text for ln in lines])

    # PDFium flags the hyphen it takes for hyphenation (U+0002): the joiner decides.
    assert joined("the Detective Superin\x02", "tendent") == "the Detective Superintendent"
    assert joined("decided on a case-by\x02", "case basis") == "decided on a case-by-case basis"
    # A plain '-' PDFium did not flag was typed: kept, with no space.
    assert joined("a well-", "established route") == "a well-established route"
    # A soft hyphen is dropped.
    assert joined("immigra\u00ad", "tion status") == "immigration status"


def test_a_soft_hyphen_across_a_pdf_line_break_joins_the_word() -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    sample = samples / "kingsbarrow-domestic-abuse-policy.pdf"
    if not sample.is_file():
        pytest.skip("the sample corpus is not beside this checkout")
    text = " ".join(b.text for b in extract(sample).blocks)
    assert "owned by the Detective Superintendent, Public Protection" in text
    assert "body-worn video" in text
