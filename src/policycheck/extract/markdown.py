"""Markdown via markdown-it-py tokens: headings, paragraphs, nested lists, tables, quotes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from policycheck.extract.assemble import Piece, assemble, first_heading
from policycheck.extract.decode import decode, read_bounded
from policycheck.extract.furniture import furniture_notice, links_only, without_furniture
from policycheck.model import BlockKind, Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions


def _inline_text(token: Any) -> str:
    """Plain text of an inline token: link text kept, markup and raw HTML dropped."""
    parts: list[str] = []
    for child in token.children or ():
        match child.type:
            case "text" | "code_inline":
                parts.append(child.content)
            case "softbreak" | "hardbreak":
                parts.append("\n")
            case "image":
                parts.append(child.content)
    return "".join(parts)


def _heading_line(lines: list[str], i: int) -> bool:
    """An ATX or underlined heading: where a captured page's own text begins."""
    following = lines[i + 1].strip() if i + 1 < len(lines) else ""
    underlined = bool(following) and set(following) <= {"=", "-"}
    return lines[i].lstrip().startswith("#") or underlined


def _line(token: Any) -> int | None:
    return token.map[0] + 1 if token.map else None


def _strip_front_matter(text: str) -> str:
    """Blank out a leading YAML front-matter block, keeping line numbers right."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, min(len(lines), 200)):
            if lines[i].strip() in ("---", "..."):
                return "\n" * (i + 1) + "\n".join(lines[i + 1:])
    return text


def _pieces(tokens: list[Any]) -> list[Piece]:
    pieces: list[Piece] = []
    list_depth = 0
    heading: int | None = None
    table = row = cell = 0
    tables = 0
    table_stack: list[tuple[int, int, int]] = []
    item_line: int | None = None
    quoting = 0  # depth of '>' blockquotes around the current token
    for token in tokens:
        match token.type:
            case "heading_open":
                heading, item_line = int(token.tag[1]), _line(token)
            case "heading_close":
                heading = None
            case "bullet_list_open" | "ordered_list_open":
                list_depth += 1
            case "bullet_list_close" | "ordered_list_close":
                list_depth -= 1
            case "list_item_open":
                item_line = _line(token)
            case "table_open":
                table_stack.append((table, row, cell))
                tables += 1
                table, row, cell = tables, 0, 0
            case "table_close":
                table, row, cell = table_stack.pop()
            case "tr_open":
                row, cell, item_line = row + 1, 0, _line(token)
            case "th_open" | "td_open":
                cell += 1
            case "blockquote_open":
                quoting += 1
            case "blockquote_close":
                quoting -= 1
            case "paragraph_open":
                item_line = _line(token)
            case "inline":
                text = _inline_text(token)
                line = item_line if item_line is not None else _line(token)
                if heading is not None:
                    pieces.append(Piece(BlockKind.HEADING, text, level=heading, line=line))
                elif table:
                    pieces.append(Piece(BlockKind.TABLE_CELL, text, table=table, row=row,
                                        cell=cell, line=line))
                elif list_depth:
                    pieces.append(Piece(BlockKind.LIST_ITEM, text, level=list_depth, line=line))
                else:
                    pieces.append(Piece(BlockKind.PARAGRAPH, text, line=line,
                                        quoted=quoting > 0))
            case "fence" | "code_block":
                pieces.append(Piece(BlockKind.PARAGRAPH, token.content, line=_line(token)))
    return pieces


def extract_markdown(path: Path, options: ExtractOptions) -> Document:
    """Read a Markdown policy into blocks with line numbers."""
    from markdown_it import MarkdownIt

    text = decode(read_bounded(path, options.limits), path).replace("\r\n", "\n")
    text = _strip_front_matter(text)
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    raw = text.split("\n")
    lines, dropped = without_furniture(raw, lambda i: _heading_line(raw, i), links_only)
    blocks = assemble(_pieces(parser.parse("\n".join(lines))))
    notices = (furniture_notice(dropped),) if dropped else ()
    return Document(path=path, format="markdown", blocks=blocks, title=first_heading(blocks),
                    notices=notices)
