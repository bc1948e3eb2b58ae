"""PDF: pages through the chosen engine, layout rebuilt into blocks with page numbers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from policycheck.extract.assemble import assemble, first_heading
from policycheck.extract.pdf_engines import Page, pdfium_pages
from policycheck.extract.pdf_layout import pieces
from policycheck.extract.pdf_plumber import add_tables, plumber_pages
from policycheck.model import Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions

NO_TEXT_LAYER = "no text layer (needs OCR)"


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def extract_pdf(path: Path, options: ExtractOptions) -> Document:
    """Read a PDF into blocks; a PDF without any text layer is returned as not assessable."""
    read = plumber_pages if options.pdf_engine == "pdfplumber" else pdfium_pages
    pages: list[Page] = list(read(path, options.password, options.limits))
    if options.pdf_engine != "pdfplumber" and options.pdf_tables:
        add_tables(path, options.password, pages)
    blank = [p.number for p in pages if not any(ln.text.strip() for ln in p.lines)
             and not p.tables]
    if len(blank) == len(pages):
        return Document(path=path, format="pdf", blocks=(), pages=len(pages),
                        has_text_layer=False, notices=(NO_TEXT_LAYER,))
    notices: tuple[str, ...] = ()
    if blank:
        notices = (f"page(s) {_page_list(blank)} have no text layer (needs OCR); "
                   "their content was not checked",)
    blocks = assemble(pieces(pages))
    return Document(path=path, format="pdf", blocks=blocks, title=first_heading(blocks),
                    pages=len(pages), notices=notices)
