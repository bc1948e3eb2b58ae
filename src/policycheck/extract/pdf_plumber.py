"""pdfplumber: pages with tables found by geometry, for the pdfplumber engine and table pages."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError
from policycheck.extract.limits import Limits, detail
from policycheck.extract.pdf_engines import (
    NEEDS_PASSWORD,
    WRONG_PASSWORD,
    Line,
    Page,
    Table,
    check_page,
    check_pages,
)


def _broken() -> tuple[type[BaseException], ...]:
    """The exceptions pdfminer raises for a damaged file (it has no single base class)."""
    import struct
    import zlib

    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    return (PdfminerException, MalformedPDFException, PDFException, PSException, KeyError,
            ValueError, TypeError, IndexError, AttributeError, AssertionError, struct.error,
            zlib.error)


def _open(path: Path, password: str | None) -> Any:
    import logging

    import pdfplumber

    # pdfminer logs every damaged stream it recovers from; the reader only wants the text.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        return pdfplumber.open(path, password=password or "")
    except _broken() as exc:
        raise _plumber_error(path, exc, password) from exc


def _plumber_error(path: Path, exc: BaseException, password: str | None) -> Exception:
    """Translate pdfminer's exceptions (often wrapped by pdfplumber) into typed errors."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, PDFPasswordIncorrect | PDFEncryptionError):
        return EncryptedDocumentError(WRONG_PASSWORD if password else NEEDS_PASSWORD, path)
    return CorruptDocumentError(f"not a readable PDF ({detail(inner)})", path)


def plumber_pages(path: Path, password: str | None, limits: Limits) -> Iterator[Page]:
    """Pages through pdfplumber: slower, but finds ruled tables by their geometry."""
    import contextlib

    broken = _broken()
    pdf = _open(path, password)
    try:
        check_pages(path, len(pdf.pages), limits)
        for page in pdf.pages:
            try:
                yield _plumber_page(path, page, limits)
            finally:
                page.close()
    except broken as exc:
        raise _plumber_error(path, exc, password) from exc
    finally:
        # Closing re-reads a damaged page tree; its error has been reported already.
        with contextlib.suppress(*broken):
            pdf.close()


def _plumber_page(path: Path, page: Any, limits: Limits) -> Page:
    number = page.page_number
    chars = len(page.chars)
    check_page(path, number, float(page.width), float(page.height), chars, limits)
    tables = _tables(page)
    lines: list[Line] = []
    for raw_line in page.extract_text_lines(return_chars=True):
        if _inside(raw_line["x0"], raw_line["top"], raw_line["x1"], raw_line["bottom"], tables):
            continue
        first = raw_line["chars"][0] if raw_line["chars"] else {}
        fontname = str(first.get("fontname", ""))
        lines.append(Line(raw_line["text"], float(raw_line["x0"]), float(raw_line["top"]),
                          float(raw_line["x1"]), float(raw_line["bottom"]),
                          float(first.get("size", 0.0)), "bold" in fontname.lower()))
    return Page(number, float(page.width), float(page.height), lines, tables, chars)


def _tables(page: Any) -> list[Table]:
    """Ruled tables on a pdfplumber page, each as rows of cell texts."""
    tables: list[Table] = []
    for found in page.find_tables():
        rows = tuple(tuple(cell or "" for cell in row) for row in found.extract())
        if len(rows) > 1 or (rows and len(rows[0]) > 1):
            x0, top, x1, bottom = (float(v) for v in found.bbox)
            tables.append(Table(top, rows, (x0, top, x1, bottom)))
    return tables


def _inside(x0: float, top: float, x1: float, bottom: float, tables: Sequence[Table]) -> bool:
    mid_x, mid_y = (x0 + x1) / 2, (top + bottom) / 2
    return any(t.bbox[0] <= mid_x <= t.bbox[2] and t.bbox[1] <= mid_y <= t.bbox[3]
               for t in tables)


def add_tables(path: Path, password: str | None, pages: Sequence[Page]) -> None:
    """Give pages that look tabular their ruled tables, read cell by cell with pdfplumber.

    Only pages with a table hint are parsed, so text-only pages keep PDFium's speed. Lines
    inside a table are replaced by its cells. Where pdfplumber cannot parse a page, or measures
    it differently, the page keeps its lines: the text is still all there.
    """
    import contextlib

    hinted = [page for page in pages if page.table_hint]
    if not hinted:
        return
    broken = _broken()
    try:
        pdf = _open(path, password)
    except (CorruptDocumentError, EncryptedDocumentError):
        return
    try:
        for page in hinted:
            with contextlib.suppress(*broken):
                plumber_page = pdf.pages[page.number - 1]
                same = (abs(float(plumber_page.width) - page.width) < 1
                        and abs(float(plumber_page.height) - page.height) < 1)
                tables = _tables(plumber_page) if same else []
                plumber_page.close()
                if tables:
                    page.tables = tables
                    page.lines = [ln for ln in page.lines
                                  if not _inside(ln.x0, ln.top, ln.x1, ln.bottom, tables)]
    finally:
        with contextlib.suppress(*broken):
            pdf.close()
