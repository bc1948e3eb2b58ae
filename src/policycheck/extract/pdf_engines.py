"""Read PDF pages into positioned text lines, with pypdfium2 (fast) or pdfplumber (tables)."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError, ResourceLimitError
from policycheck.extract.limits import Limits, detail
from policycheck.extract.normalize import HARD_HYPHEN

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
    gutters: tuple[float, ...] = ()  # where text resumes after a column-wide gap

    @property
    def height(self) -> float:
        """Line height, never less than the type size."""
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
    table_hint: bool = False  # several lines with column-wide gaps: probably a table


def check_page(path: Path, number: int, width: float, height: float, chars: int,
                limits: Limits) -> None:
    """Raise ResourceLimitError for a giant page or one with too many characters."""
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


def check_pages(path: Path, count: int, limits: Limits) -> None:
    """Raise ResourceLimitError when the PDF has too many pages."""
    if count > limits.max_pdf_pages:
        raise ResourceLimitError(
            f"{count} pages, over the limit of {limits.max_pdf_pages} (max_pdf_pages)", path
        )


def table_hint(lines: list[Line]) -> bool:
    """True when three or more lines resume text after a wide gap at the same x: columns."""
    starts = Counter(round(x / 8) for ln in lines for x in set(ln.gutters))
    return any(count >= 3 for count in starts.values())


def _merge_segments(segments: list[Line]) -> list[Line]:
    """Join text segments that sit on the same baseline into lines, keeping stream order.

    A gap wider than two type sizes is joined with a tab (the normaliser turns it into a
    space) and remembered in `gutters`, so that `table_hint` can spot aligned columns.
    """
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
                size = max(seg.size, last.size, 1.0)
                visible = gap > 0.5 * size
                sep = " " if visible and not last.text.endswith(" ") else ""
                sep = "\t" if gap > 2 * size else sep
                gutters = (*last.gutters, seg.x0) if sep == "\t" else last.gutters
                lines[-1] = Line(last.text + sep + seg.text, last.x0, min(last.top, seg.top),
                                 seg.x1, max(last.bottom, seg.bottom),
                                 max(last.size, seg.size), last.bold and seg.bold, gutters)
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
        check_pages(path, len(pdf), limits)
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                textpage = page.get_textpage()
                try:
                    chars = textpage.count_chars()
                    check_page(path, index + 1, width, height, chars, limits)
                    lines = _pdfium_lines(textpage, height, raw) if chars else []
                finally:
                    textpage.close()
                hint = table_hint(lines) and _has_paths(page, raw)
            finally:
                page.close()
            yield Page(index + 1, width, height, lines, chars=chars, table_hint=hint)
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(f"PDF page cannot be read ({detail(exc)})", path) from exc
    finally:
        pdf.close()


def _has_paths(page: Any, raw: Any) -> bool:
    """Whether the page draws any path (forms searched too): ruled tables need one."""
    import pypdfium2 as pdfium

    try:
        return any(True for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=16))
    except pdfium.PdfiumError:
        return True  # cannot tell: let the table finder look, as it would have


def _pdfium_lines(textpage: Any, height: float, raw: Any) -> list[Line]:
    segments: list[Line] = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = text.replace("\r", " ").replace("\n", " ")
        if not text.strip():
            continue
        idx = textpage.get_index(left + 0.5, (bottom + top) / 2, 2.0, 2.0)
        idx = -1 if idx is None else idx
        size = _pdfium_size(textpage, idx, raw) if idx >= 0 else 0.0
        segments.append(Line(text.rstrip() + (" " if text.endswith(" ") else ""), left,
                             height - top, right, height - bottom, float(size),
                             idx >= 0 and _pdfium_bold(textpage, idx, raw)))
    return [_line_end_hyphen(ln) for ln in _merge_segments(segments)]


def _line_end_hyphen(line: Line) -> Line:
    """PDFium flags a line-end hyphen it takes for hyphenation as U+0002 / U+FFFE.

    Those stay ambiguous ('-', for the joiner's heuristic); a plain '-' ending a line that PDFium
    did not flag was typed, so it is marked hard and kept when the lines are joined. A soft
    hyphen (U+00AD) is left for the joiner to drop.
    """
    text = line.text.rstrip()
    if len(text) >= 2 and text[-1] == "-" and text[-2].isalpha():
        text = text[:-1] + HARD_HYPHEN
    text = text.replace("\x02", "-").replace("\ufffe", "-")
    return dataclasses.replace(line, text=text) if text != line.text.rstrip() else line


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
