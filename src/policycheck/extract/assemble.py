"""Turn the pieces an extractor found into Blocks: clean text, heading paths, paragraph numbers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from policycheck.extract.headings import protective_marking
from policycheck.extract.normalize import clean
from policycheck.model import Block, BlockKind, Location

BODY = "body"


@dataclass(frozen=True, slots=True)
class Piece:
    """One block as an extractor sees it, before numbering and heading paths."""

    kind: BlockKind
    text: str
    level: int = 0
    page: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    line: int | None = None
    part: str = BODY
    quoted: bool = False


def assemble(pieces: Iterable[Piece]) -> tuple[Block, ...]:
    """Number blocks per part (1-based, document order) and give each its heading path.

    Headings in the body open sections: a heading of level N closes every open heading of
    level N or deeper. Footnotes, endnotes and text boxes take the heading path of the place
    they stand but never open sections themselves.
    """
    stack: list[tuple[int, str]] = []
    counters: dict[str, int] = {}
    blocks: list[Block] = []
    for piece in pieces:
        text = clean(piece.text)
        if not text:
            continue
        if piece.kind is BlockKind.HEADING and piece.part == BODY:
            level = max(piece.level, 1)
            while stack and stack[-1][0] >= level:
                stack.pop()
            stack.append((level, text))
        counters[piece.part] = counters.get(piece.part, 0) + 1
        location = Location(
            page=piece.page,
            heading_path=tuple(t for _, t in stack),
            paragraph=counters[piece.part],
            table=piece.table,
            row=piece.row,
            cell=piece.cell,
            line=piece.line,
            part=piece.part,
        )
        blocks.append(Block(piece.kind, text, location, piece.level, piece.quoted))
    return tuple(blocks)


def first_heading(blocks: Iterable[Block]) -> str | None:
    """The text of the first top-most heading, used as a title when the file names none."""
    headings = [b for b in blocks if b.kind is BlockKind.HEADING and b.location.part == BODY
                and not protective_marking(b.text)]
    if not headings:
        return None
    top = min(h.level for h in headings)
    return next(h.text for h in headings if h.level == top)
