"""Plain text and Markdown: paragraphs split on blank lines (placeholder until the full reader)."""

from __future__ import annotations

from pathlib import Path

from policycheck.model import Block, BlockKind, Document, Location


def extract_text(path: Path, options: object) -> Document:
    raw = path.read_bytes().decode("utf-8", errors="replace")
    blocks: list[Block] = []
    heading: tuple[str, ...] = ()
    para = 0
    for chunk in raw.split("\n\n"):
        text = " ".join(chunk.split())
        if not text:
            continue
        if text.startswith("#"):
            heading = (text.lstrip("# "),)
            blocks.append(Block(BlockKind.HEADING, heading[0], Location(heading_path=heading)))
            continue
        para += 1
        loc = Location(heading_path=heading, paragraph=para)
        blocks.append(Block(BlockKind.PARAGRAPH, text, loc))
    return Document(path=path, format="text", blocks=tuple(blocks))
