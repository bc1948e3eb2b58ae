"""What a sentence is about beyond its own words: its paragraph, list, row, headings and section.

A procedure says "victims whose immigration status is in doubt" once, at the head of a
paragraph or list, and the instructions that follow ("Instead, offer to put the victim in contact
with an independent adviser") do not repeat it. A careful reader carries the population over;
`about:` conditions do the same, through the units a reader would.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from policycheck.engine.nlp import Analysis
from policycheck.model import BlockKind

SHORT_SECTION = 6  # body blocks: a section this short is read as one unit
# A sentence that opens with one of these refers back to the paragraph before it.
REFERS_BACK = frozenset({"instead", "such", "these", "those", "this", "that", "then", "here",
                         "there", "they", "otherwise", "similarly", "likewise", "also"})


@dataclass(frozen=True, slots=True)
class Units:
    """For every block of a document, the blocks whose words it inherits."""

    inherits: tuple[frozenset[int], ...]  # block -> blocks (itself included) it reads with
    headings: tuple[tuple[str, ...], ...]  # block -> the headings above it (and the title)
    refers_back: tuple[int | None, ...]  # block -> the block before, for referring sentences
    passage: tuple[int, ...]  # block -> its passage: a list with its lead-in, or itself


@functools.lru_cache(maxsize=8)
def units(analysis: Analysis) -> Units:
    """Work out each block's context once per document."""
    blocks = analysis.document.blocks
    inherits: list[set[int]] = [{i} for i in range(len(blocks))]
    passage = list(range(len(blocks)))
    _lists(analysis, inherits, passage)
    _rows(analysis, inherits)
    _sections(analysis, inherits)
    title = analysis.document.title
    headings = tuple(
        (*b.location.heading_path, *((title,) if title else ())) for b in blocks
    )
    back: list[int | None] = []
    previous: int | None = None
    for i, block in enumerate(blocks):
        back.append(previous if block.kind is not BlockKind.HEADING else None)
        if block.kind is BlockKind.HEADING:
            previous = None
        elif block.kind is not BlockKind.TABLE_CELL:
            previous = i
    return Units(tuple(frozenset(s) for s in inherits), headings, tuple(back), tuple(passage))


def _join(inherits: list[set[int]], group: Iterable[int]) -> None:
    members = set(group)
    for i in members:
        inherits[i] |= members


def _lists(analysis: Analysis, inherits: list[set[int]], passage: list[int]) -> None:
    """The items of one list, and the paragraph that leads into it, read together; so too a
    quotation set off after a lead-in that ends in ':' ('Tell them, in these words:' and the
    script)."""
    blocks = analysis.document.blocks
    run: list[int] = []
    for i, block in enumerate([*blocks, None]):
        if block is not None and block.kind is BlockKind.LIST_ITEM:
            run.append(i)
            continue
        if block is not None and block.kind is BlockKind.PARAGRAPH and block.quoted and (
                run or (i > 0 and blocks[i - 1].kind is BlockKind.PARAGRAPH
                        and not blocks[i - 1].quoted
                        and blocks[i - 1].text.rstrip().endswith(":"))):
            run.append(i)
            continue
        if run:
            lead = run[0] - 1
            led = lead >= 0 and blocks[lead].kind is BlockKind.PARAGRAPH
            for item in run:
                passage[item] = lead if led else run[0]
                if led:
                    inherits[item].add(lead)
            _join(inherits, run)
            run = []


def _rows(analysis: Analysis, inherits: list[set[int]]) -> None:
    """The cells of one table row read together, and with the table's header row."""
    rows: dict[tuple[int | None, int | None, str | None], list[int]] = {}
    for i, block in enumerate(analysis.document.blocks):
        loc = block.location
        if block.kind is BlockKind.TABLE_CELL and loc.table is not None:
            rows.setdefault((loc.table, loc.row, loc.part), []).append(i)
    for (table, row, part), cells in rows.items():
        _join(inherits, cells)
        header = rows.get((table, 1, part), [])
        if row != 1:
            for cell in cells:
                inherits[cell].update(header)


def _sections(analysis: Analysis, inherits: list[set[int]]) -> None:
    """A short section (a few paragraphs under one heading) reads as one unit."""
    sections: dict[tuple[str, ...], list[int]] = {}
    for i, block in enumerate(analysis.document.blocks):
        if block.kind is not BlockKind.HEADING and block.location.heading_path:
            sections.setdefault(block.location.heading_path, []).append(i)
    for members in sections.values():
        if len(members) <= SHORT_SECTION:
            _join(inherits, members)


def in_context(
    analysis: Analysis, said: set[int], heading_texts: set[str],
) -> set[int]:
    """The sentences whose context says something that the sentences `said` (and the headings
    `heading_texts`) say."""
    if not said and not heading_texts:
        return set()
    ctx = units(analysis)
    blocks_said = {analysis.sentences[s].block for s in said}
    blocks = analysis.document.blocks
    out: set[int] = set()
    docs = analysis.docs
    for sent in analysis.sentences:
        b = sent.block
        if blocks[b].kind is BlockKind.HEADING:
            continue
        if ctx.inherits[b] & blocks_said or heading_texts.intersection(ctx.headings[b]):
            out.add(sent.index)
            continue
        back = ctx.refers_back[b]
        if back is not None and back in blocks_said \
                and docs[b][sent.tok_start].norm_ in REFERS_BACK:
            out.add(sent.index)
    return out
