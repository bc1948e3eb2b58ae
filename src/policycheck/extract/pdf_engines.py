"""Read PDF pages into positioned text lines, with pypdfium2 (fast) or pdfplumber (tables)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError, ResourceLimitError
from policycheck.extract.limits import Limits, detail

NEEDS_PASSWORD = "password-protected; use --password"
WRONG_PASSWORD = "password-protected and the password given does not open it"


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text with its box in points from the top-left of its page."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, self.size, 1.0)


@dataclass(frozen=True, slots=True)
class Table:
    """A table found by geometry: rows of cell texts, and its top edge for ordering."""

    top: float
    rows: tuple[tuple[str, ...], ...]
    bbox: tuple[float, float, float, float]


@dataclass(slots=True)
class Page:
    """The text of one page as lines (and tables, with pdfplumber) in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    chars: int = 0


def _check_page(path: Path, number: int, width: float, height: float, chars: int,
                limits: Limits) -> None:
    if width * height > limits.max_page_area:
        raise ResourceLimitError(
            f"page {number} measures {width:.0f} x {height:.0f} pt, over the page-area limit "
            "(max_page_area)", path,
        )
    if chars > limits.max_page_chars:
        raise ResourceLimitError(
            f"page {number} has {chars} characters, over the limit of {limits.max_page_chars} "
            "(max_page_chars)", path,
        )


def _check_pages(path: Path, count: int, limits: Limits) -> None:
    if count > limits.max_pdf_pages:
        raise ResourceLimitError(
            f"{count} pages, over the limit of {limits.max_pdf_pages} (max_pdf_pages)", path
        )


def _merge_segments(segments: list[Line]) -> list[Line]:
    """Join text segments that sit on the same baseline into lines, keeping stream order."""
    lines: list[Line] = []
    for seg in segments:
        last = lines[-1] if lines else None
        if last is not None:
            overlap = min(last.bottom, seg.bottom) - max(last.top, seg.top)
            boxes = min(last.bottom - last.top, seg.bottom - seg.top)
            same_line = overlap > 0.5 * max(boxes, 0.5) and seg.x0 >= last.x1 - 2
            if same_line:
                # PDFium ends a segment with a space where there is a word gap; a segment
                # boundary without one falls inside a word unless the gap is plainly visible.
                gap = seg.x0 - last.x1
                visible = gap > 0.5 * max(seg.size, last.size, 1.0)
                sep = " " if visible and not last.text.endswith(" ") else ""
                lines[-1] = Line(last.text + sep + seg.text, last.x0, min(last.top, seg.top),
                                 seg.x1, max(last.bottom, seg.bottom),
                                 max(last.size, seg.size), last.bold and seg.bold)
                continue
        lines.append(seg)
    return [ln for ln in lines if ln.text.strip()]


def pdfium_pages(path: Path, password: str | None, limits: Limits) -> Iterator[Page]:
    """Pages through PDFium: each page and text page opened and closed in turn."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(path, password=password)
    except pdfium.PdfiumError as exc:
        if exc.err_code == raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocumentError(WRONG_PASSWORD if password else NEEDS_PASSWORD,
                                         path) from exc
        raise CorruptDocumentError(f"not a readable PDF ({detail(exc)})", path) from exc
    try:
        _check_pages(path, len(pdf), limits)
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    chars = textpage.count_chars()
                    _check_page(path, index + 1, width, height, chars, limits)
                    lines = _pdfium_lines(textpage, height, raw) if chars else []
                finally:
                    textpage.close()
            finally:
                page.close()
            yield Page(index + 1, width, height, lines, chars=chars)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"PDF page cannot be read ({detail(exc)})", path) from exc
    finally:
        pdf.close()


def _pdfium_lines(textpage: Any, height: float, raw: Any) -> list[Line]:
    segments: list[Line] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ").replace("\x02", "-")
        if not text.strip():
            continue
        idx = textpage.get_index(left + 0.5, (bottom + top) / 2, 2.0, 2.0)
        idx = -1 if idx is None else idx
        size = _pdfium_size(textpage, idx, raw) if idx >= 0 else 0.0
        segments.append(Line(text.rstrip() + (" " if text.endswith(" ") else ""), left,
                             height - top, right, height - bottom, float(size),
                             idx >= 0 and _pdfium_bold(textpage, idx, raw)))
    return _merge_segments(segments)


def _pdfium_size(textpage: Any, index: int, raw: Any) -> float:
    """Type size in page space: the font size scaled by the character's text matrix."""
    import ctypes

    size = float(raw.FPDFText_GetFontSize(textpage.raw, index))
    matrix = raw.FS_MATRIX()
    if raw.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix)):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        if scale > 0:
            size *= scale
    return round(size, 2)


def _pdfium_bold(textpage: Any, index: int, raw: Any) -> bool:
    """Bold from the font weight, or from the font name when the weight is not recorded."""
    import ctypes

    if raw.FPDFText_GetFontWeight(textpage.raw, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage.raw, index, buffer, 96, ctypes.byref(flags))
    name = buffer.value.decode("latin-1").lower()
    return "bold" in name or "black" in name or "heavy" in name


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
    import logging
    import struct
    import zlib

    import pdfplumber
    from pdfminer.pdftypes import PDFException
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

    # pdfminer reports damaged files through many exception types; these are the ones a
    # malformed PDF can raise, and each becomes a CorruptDocumentError for this file.
    broken = (PdfminerException, MalformedPDFException, PDFException, PSException, KeyError,
              ValueError, TypeError, IndexError, AttributeError, AssertionError, struct.error,
              zlib.error)
    # pdfminer logs every damaged stream it recovers from; the reader only wants the text.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except broken as exc:
        raise _plumber_error(path, exc, password) from exc
    try:
        _check_pages(path, len(pdf.pages), limits)
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
    _check_page(path, number, float(page.width), float(page.height), chars, limits)
    tables: list[Table] = []
    for found in page.find_tables():
        rows = tuple(tuple(cell or "" for cell in row) for row in found.extract())
        if len(rows) > 1 or (rows and len(rows[0]) > 1):
            x0, top, x1, bottom = (float(v) for v in found.bbox)
            tables.append(Table(top, rows, (x0, top, x1, bottom)))
    lines: list[Line] = []
    for raw_line in page.extract_text_lines(return_chars=True):
        mid_x = (raw_line["x0"] + raw_line["x1"]) / 2
        mid_y = (raw_line["top"] + raw_line["bottom"]) / 2
        if any(t.bbox[0] <= mid_x <= t.bbox[2] and t.bbox[1] <= mid_y <= t.bbox[3]
               for t in tables):
            continue
        first = raw_line["chars"][0] if raw_line["chars"] else {}
        fontname = str(first.get("fontname", ""))
        lines.append(Line(raw_line["text"], float(raw_line["x0"]), float(raw_line["top"]),
                          float(raw_line["x1"]), float(raw_line["bottom"]),
                          float(first.get("size", 0.0)), "bold" in fontname.lower()))
    return Page(number, float(page.width), float(page.height), lines, tables, chars)
