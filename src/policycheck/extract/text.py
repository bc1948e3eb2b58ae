"""Plain text: encoding detection, paragraphs on blank lines, list items, heading heuristics."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from policycheck.extract.assemble import Piece, assemble, first_heading
from policycheck.extract.decode import decode, read_bounded
from policycheck.extract.furniture import furniture_notice, without_furniture
from policycheck.extract.headings import caps_heading, numbered_heading, strip_marker
from policycheck.extract.normalize import join_lines
from policycheck.model import BlockKind, Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")


def _paragraphs(lines: list[str]) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines with the 1-based number of their first line."""
    runs: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            runs.append((start, current))
            current = []
    if current:
        runs.append((start, current))
    return runs


def _heading_level(line: str, next_line: str | None) -> int | None:
    if next_line is not None and _UNDERLINE.match(next_line):
        return 1 if next_line.strip()[0] == "=" else 2
    level = numbered_heading(line)
    if level is not None and (next_line is None or not strip_marker(next_line)[1]):
        return level
    if caps_heading(line):
        return 1
    return None


def _looks_like_heading(lines: list[str], i: int) -> bool:
    """A capitalised, numbered or underlined heading: where a captured page's own text begins."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    return _heading_level(lines[i], following) is not None


# A front-matter or minutes line: 'Report of: Chair of the Task and Finish Group', 'Status: Public'
_FIELD_LINE = re.compile(r"^[A-Z][\w()/'\u2019&-]*(?: [\w()/'\u2019&-]+){0,3}:\s+\S")
TITLE_WORDS = 30  # an ALL CAPS first line this long is still the document's title


def _title_line(lines: list[str]) -> bool:
    """The document's first paragraph: one ALL CAPS line, however long ('COMMUNITY SAFETY
    SCRUTINY COMMITTEE – MIGRANT VICTIMS' CONFIDENCE TO REPORT CRIME: REPORT OF ...')."""
    return len(lines) == 1 and caps_heading(lines[0], max_words=TITLE_WORDS)


def _pieces(start: int, lines: list[str], first_run: bool = False) -> list[Piece]:
    """Split one blank-line paragraph into a heading, body text and list items."""
    if len(lines) >= 2 and all(_FIELD_LINE.match(line.strip()) for line in lines):
        # a block of 'Label: value' lines (front matter, a minute's 'Action:' and 'Owner:')
        # is one line each, not one run-on paragraph
        return [Piece(BlockKind.PARAGRAPH, join_lines([line]), line=start + i)
                for i, line in enumerate(lines)]
    pieces: list[Piece] = []
    first = lines[0]
    level = _heading_level(first, lines[1] if len(lines) > 1 else None)
    if level is None and first_run and _title_line(lines):
        level = 1
    if level is not None:
        pieces.append(Piece(BlockKind.HEADING, first, level=level, line=start))
        skip = 2 if len(lines) > 1 and _UNDERLINE.match(lines[1]) else 1
        lines, start = lines[skip:], start + skip
    body: list[str] = []
    body_start, kind, depth = start, BlockKind.PARAGRAPH, 0
    for offset, line in enumerate(lines):
        text, is_item = strip_marker(line)
        if is_item:
            if body:
                pieces.append(Piece(kind, join_lines(body), level=depth, line=body_start))
            indent = len(line) - len(line.lstrip())
            body, body_start = [text], start + offset
            kind, depth = BlockKind.LIST_ITEM, 1 + indent // 2
        else:
            if not body:
                body_start = start + offset
            body.append(line)
    if body:
        pieces.append(Piece(kind, join_lines(body), level=depth, line=body_start))
    return pieces


def extract_text(path: Path, options: ExtractOptions) -> Document:
    """Read a plain-text policy into blocks with line numbers."""
    text = decode(read_bounded(path, options.limits), path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    raw = lines
    lines, dropped = without_furniture(raw, lambda i: _looks_like_heading(raw, i),
                                       lambda line: False)
    pieces = [p for n, (start, run) in enumerate(_paragraphs(lines))
              for p in _pieces(start, run, first_run=n == 0)]
    blocks = assemble(pieces)
    notices = (furniture_notice(dropped),) if dropped else ()
    return Document(path=path, format="text", blocks=blocks, title=first_heading(blocks),
                    notices=notices)
