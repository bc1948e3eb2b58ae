"""Rebuild paragraphs from PDF lines: furniture removed, lines joined, headings and lists found."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import median

from policycheck.extract.assemble import Piece
from policycheck.extract.headings import (
    caps_heading,
    numbered_heading,
    protective_marking,
    strip_marker,
    title_case_heading,
)
from policycheck.extract.normalize import join_lines
from policycheck.extract.pdf_engines import Line, Page
from policycheck.model import BlockKind

_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—\s]*(?:\d{1,5}|[ivxlcdm]{1,7})[-–—\s]*(?:(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_TERMINAL = (".", "!", "?", ":", ";", "”", '"', ")")
EDGE_LINES = 3  # lines at the top and bottom of a page that may be running heads or feet
EDGE_BAND = 0.15  # ... and only when they sit within this fraction of the page height


@dataclass(slots=True)
class _Para:
    page: int
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraph's lines joined, hyphenated breaks undone."""
        return join_lines([ln.text for ln in self.lines])


def _edge_lines(page: Page) -> list[Line]:
    ordered = sorted(page.lines, key=lambda ln: ln.top)
    top = [ln for ln in ordered[:EDGE_LINES] if ln.bottom < page.height * EDGE_BAND]
    bottom = [ln for ln in ordered[-EDGE_LINES:] if ln.top > page.height * (1 - EDGE_BAND)]
    return top + [ln for ln in bottom if ln not in top]


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def remove_furniture(pages: Sequence[Page]) -> None:
    """Drop running heads and feet from the page edges: lines repeating on most pages (digits
    masked), bare page numbers ('3', 'Page 3 of 12', '- iv -') and protective markings."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_mask(ln.text) for ln in _edge_lines(page)})
    with_text = sum(1 for p in pages if p.lines)
    threshold = max(2, (with_text + 1) // 2)
    for page in pages:
        doomed = {id(ln) for ln in _edge_lines(page)
                  if _PAGE_NUMBER.match(ln.text.strip()) or protective_marking(ln.text)
                  or (with_text >= 2 and counts[_mask(ln.text)] >= threshold)}
        page.lines = [ln for ln in page.lines if id(ln) not in doomed]


@dataclass(frozen=True, slots=True)
class _Metrics:
    """Document-wide measures the paragraph splitter compares lines against."""

    body: float  # the commonest font size
    pitch: float  # typical baseline-to-baseline distance as a multiple of the font size


def _metrics(pages: Sequence[Page]) -> _Metrics:
    sizes: Counter[float] = Counter()
    ratios: list[float] = []
    for page in pages:
        for prev, line in zip(page.lines, page.lines[1:], strict=False):
            size = max(line.size, 1.0)
            ratio = (line.top - prev.top) / size
            if abs(line.size - prev.size) < 0.5 and 0.9 < ratio < 2.6:
                ratios.append(ratio)
        for ln in page.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    body = sizes.most_common(1)[0][0] if sizes else 0.0
    return _Metrics(body, median(ratios) if ratios else 1.2)


def _right_edges(lines: Sequence[Line]) -> dict[int, float]:
    """Rightmost line end per 20-point band of line starts: each column's right margin."""
    edges: dict[int, float] = {}
    for ln in lines:
        band = int(ln.x0 // 20)
        edges[band] = max(edges.get(band, 0.0), ln.x1)
    return edges


def _right_of(line: Line, edges: dict[int, float]) -> float:
    band = int(line.x0 // 20)
    return max(edges.get(band - 1, 0.0), edges.get(band, 0.0), edges.get(band + 1, 0.0))


_BROKEN_WORD = re.compile(r"[\w(]-$")
_REFERENCE_END = re.compile(r"\w\(\w{1,4}\)$")
_REFERENCE_GOES_ON = re.compile(r"\(\w{1,4}\)")


def _breaks(prev: Line, line: Line, metrics: _Metrics, right: float) -> bool:
    """True when `line` starts a new paragraph after `prev` on the same page."""
    size = max(line.size, prev.size, 1.0)
    step = line.top - prev.top
    if step < -0.5 * prev.height:  # moved up: a new column, or a float
        # A sentence running on into the next column continues the paragraph.
        return prev.text.rstrip().endswith(_TERMINAL) or not line.text.lstrip()[:1].islower()
    if step > size * metrics.pitch + 0.35 * size:
        return True
    if abs(line.size - prev.size) > 0.9 or line.bold != prev.bold:
        return True
    # a word broken at a hyphen goes on: '(PP-' then '031) and are not repeated here.' is no
    # numbered item
    if _BROKEN_WORD.search(prev.text.rstrip()) and line.text[:1].isalnum():
        return False
    # a legal reference broken between its brackets: 'under Article 6(1)' then '(e) UK GDPR and'
    # is no lettered item
    if _REFERENCE_END.search(prev.text.rstrip()) and _REFERENCE_GOES_ON.match(line.text):
        return False
    if strip_marker(line.text)[1] or numbered_heading(line.text) is not None:
        return True
    # A short line that ends a sentence, or looks like a heading, closes its paragraph even
    # without extra spacing: inside a paragraph only the last line stops well short.
    short = right - prev.x1 > 0.2 * max(right - prev.x0, 1.0)
    # A numbered heading in large type ends at its line, unless it runs to the margin and
    # wraps ('7.3 Information sharing with Home Office Immigration' / 'Enforcement').
    if numbered_heading(prev.text) is not None and prev.size > metrics.body and short:
        return True
    ending = prev.text.rstrip().endswith((".", "!", "?", ":"))
    return short and (ending or numbered_heading(prev.text) is not None
                      or caps_heading(prev.text))


def _paragraphs(pages: Sequence[Page], metrics: _Metrics) -> list[_Para]:
    paras: list[_Para] = []
    for page in pages:
        edges = _right_edges(page.lines)
        prev: Line | None = None
        for line in page.lines:
            if prev is None or _breaks(prev, line, metrics, _right_of(prev, edges)):
                paras.append(_Para(page.number))
            paras[-1].lines.append(line)
            prev = line
    return paras


def _heading_level(para: _Para, body: float, sizes: list[float]) -> int | None:
    text = para.text
    if text.endswith((".", ",", ";")):
        return None
    size = round(max(ln.size for ln in para.lines) * 2) / 2
    if body and size >= body + 1.0 and size in sizes and len(text.split()) <= 24:
        return sizes.index(size) + 1  # large type: a title may run over a few lines
    if len(para.lines) > 2 or len(text.split()) > 14:
        return None
    level = numbered_heading(text)
    if level is not None:
        return level
    bold = all(ln.bold for ln in para.lines)
    if len(para.lines) == 1 and (bold or caps_heading(text) or title_case_heading(text)):
        return len(sizes) + 1
    return None


def _continues(prev: _Para, para: _Para) -> bool:
    """A paragraph broken by a page end: no closing punctuation before it, same type size,
    and the next page does not open with a list item or a numbered heading."""
    last = prev.lines[-1].text.rstrip()
    first = para.lines[0].text
    return (para.page == prev.page + 1 and len(prev.lines) > 1 and not last.endswith(_TERMINAL)
            and abs(para.lines[0].size - prev.lines[-1].size) < 0.9
            and not strip_marker(first)[1] and numbered_heading(first) is None)


def pieces(pages: Sequence[Page]) -> list[Piece]:
    """Blocks of a PDF's text in reading order, each with its page number."""
    remove_furniture(pages)
    metrics = _metrics(pages)
    body = metrics.body
    paras = _paragraphs(pages, metrics)
    sizes = sorted({round(ln.size * 2) / 2 for p in paras for ln in p.lines
                    if body and ln.size >= body + 1.0 and len(p.lines) <= 6}, reverse=True)
    merged: list[_Para] = []
    for para in paras:
        if merged and _continues(merged[-1], para):
            merged[-1].lines.extend(para.lines)
        else:
            merged.append(para)
    out: list[Piece] = []
    base: tuple[int, float] = (0, 0.0)  # page and left edge of the last ordinary paragraph
    tables = TableCursor(pages)
    for para in merged:
        out.extend(tables.pop_before(para))
        level = _heading_level(para, body, sizes)
        if level is not None:
            out.append(Piece(BlockKind.HEADING, para.text, level=level, page=para.page))
            continue
        first, is_item = strip_marker(para.lines[0].text)
        x0 = para.lines[0].x0
        if is_item:
            text = join_lines([first] + [ln.text for ln in para.lines[1:]])
            same_column = base[0] == para.page and 0 <= x0 - base[1] < 90
            left = base[1] if same_column else x0
            depth = 1 + int((x0 - left) // 18)
            out.append(Piece(BlockKind.LIST_ITEM, text, level=min(depth, 9), page=para.page))
        else:
            base = (para.page, x0)
            out.append(Piece(BlockKind.PARAGRAPH, para.text, page=para.page))
    out.extend(tables.rest())
    return out


class TableCursor:
    """Table cells (pdfplumber only) released in page order as paragraphs pass them."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self.pending = [(page.number, table) for page in pages for table in page.tables]
        self.count = 0

    def _cells(self, page: int, rows: Sequence[Sequence[str]]) -> list[Piece]:
        self.count += 1
        return [Piece(BlockKind.TABLE_CELL, join_lines(cell.split("\n")), page=page,
                      table=self.count, row=r, cell=c)
                for r, row in enumerate(rows, 1) for c, cell in enumerate(row, 1)]

    def pop_before(self, para: _Para) -> list[Piece]:
        """Cells of the tables that stand before `para` on the page, in order."""
        out: list[Piece] = []
        top = para.lines[0].top
        while self.pending and (self.pending[0][0], self.pending[0][1].top) < (para.page, top):
            page, table = self.pending.pop(0)
            out.extend(self._cells(page, table.rows))
        return out

    def rest(self) -> list[Piece]:
        """Cells of the tables not yet released."""
        out: list[Piece] = []
        for page, table in self.pending:
            out.extend(self._cells(page, table.rows))
        self.pending = []
        return out
