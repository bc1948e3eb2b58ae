"""OpenDocument text: headings, paragraphs, lists, tables, frames, notes, tracked changes."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError
from policycheck.extract.assemble import BODY, Piece, assemble, first_heading
from policycheck.extract.limits import Package, check_table_depth, parse_xml
from policycheck.model import BlockKind, Comment, Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions
    from policycheck.extract.limits import Limits

NS = {
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
}
REVISION_NOTICE = "tracked changes were present; checked as if all were accepted"


def q(name: str) -> str:
    """Clark notation for a prefixed ODF name like 'text:p'."""
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


_SKIP_BLOCKS = {q(n) for n in ("text:tracked-changes", "text:table-of-content",
                               "text:sequence-decls", "office:forms", "text:index-title",
                               "text:alphabetical-index", "text:illustration-index",
                               "table:table-columns", "table:table-column", "office:annotation")}
_CONTAINERS = {q(n) for n in ("text:section", "table:table-header-rows", "table:table-rows",
                              "table:table-row-group", "text:soft-page-break")}


class _Reader:
    """Walks office:text once, emitting pieces in reading order."""

    def __init__(
        self, titles: set[str], limits: Limits, path: Path, quotes: frozenset[str] = frozenset(),
    ) -> None:
        self.titles = titles
        self.quotes = quotes
        self.limits = limits
        self.path = path
        self.pieces: list[Piece] = []
        self.comments: list[Comment] = []
        self.tables = 0
        self.depth = 0

    def inline(self, el: Any, extras: list[tuple[str, Any]]) -> str:
        """Text of a paragraph-level element; notes, comments and frames collected."""
        out = [el.text or ""]
        for child in el:
            tag = child.tag
            if tag == q("text:s"):
                out.append(" " * min(int(child.get(q("text:c"), "1") or 1), 100))
            elif tag in (q("text:tab"), q("text:line-break")):
                out.append(" ")
            elif tag == q("text:note"):
                kind = child.get(q("text:note-class"), "footnote")
                extras.append((kind, child.find(q("text:note-body"))))
            elif tag == q("office:annotation"):
                self.comment(child, el)
            elif tag == q("draw:frame"):
                extras.extend(("textbox", box) for box in child.iter(q("draw:text-box")))
            elif isinstance(tag, str) and tag not in (q("text:tracked-changes"),):
                out.append(self.inline(child, extras))
            out.append(child.tail or "")
        return "".join(out)

    def comment(self, note: Any, paragraph: Any) -> None:
        """Record an office:annotation as a comment on its paragraph."""
        creator = note.find(f"{{{NS['dc']}}}creator")
        text = " ".join("".join(p.itertext()) for p in note.iter(q("text:p")))
        anchor = "".join(t for t in paragraph.itertext())
        self.comments.append(Comment(author=(creator.text or "") if creator is not None else "",
                                     text=" ".join(text.split()), anchor=" ".join(anchor.split())))

    def blocks(self, container: Any, part: str, list_depth: int = 0) -> None:
        """Emit the block-level children of the body, a list item, a frame or a note."""
        for child in container:
            tag = child.tag
            if tag in _SKIP_BLOCKS or not isinstance(tag, str):
                continue
            if tag == q("text:h"):
                level = int(child.get(q("text:outline-level"), "1") or 1)
                self.emit(child, BlockKind.HEADING, level, part)
            elif tag == q("text:p"):
                if child.get(q("text:style-name"), "") in self.titles:
                    self.emit(child, BlockKind.HEADING, 1, part)
                elif list_depth:
                    self.emit(child, BlockKind.LIST_ITEM, list_depth, part)
                else:
                    quoted = child.get(q("text:style-name"), "") in self.quotes
                    self.emit(child, BlockKind.PARAGRAPH, 0, part, quoted)
            elif tag == q("text:list"):
                for item in child:
                    if item.tag in (q("text:list-item"), q("text:list-header")):
                        self.blocks(item, part, list_depth + 1)
            elif tag == q("table:table"):
                self.table(child, part)
            elif tag == q("draw:frame"):
                for box in child.iter(q("draw:text-box")):
                    self.blocks(box, "textbox")
            elif tag in _CONTAINERS:
                self.blocks(child, part, list_depth)

    def emit(self, el: Any, kind: BlockKind, level: int, part: str, quoted: bool = False) -> None:
        """Emit one paragraph or heading, then the notes and frames anchored in it."""
        extras: list[tuple[str, Any]] = []
        text = self.inline(el, extras)
        self.pieces.append(Piece(kind, text, level=level, part=part, quoted=quoted))
        for extra_part, body in extras:
            if body is not None:
                self.blocks(body, extra_part)

    def table(self, table: Any, part: str) -> None:
        """Emit a table's cells row by row; covered (merged) cells are skipped."""
        self.depth += 1
        check_table_depth(self.depth, self.limits, self.path)
        self.tables += 1
        number = self.tables
        for r, row in enumerate(_rows(table), 1):
            col = 0
            for cell in row:
                if cell.tag not in (q("table:table-cell"), q("table:covered-table-cell")):
                    continue
                col += 1
                repeat = cell.get(q("table:number-columns-repeated"), "1")
                if cell.tag == q("table:table-cell"):
                    self.cell(cell, number, r, col, part)
                col += min(int(repeat) if repeat.isdigit() else 1, 16384) - 1
        self.depth -= 1

    def cell(self, cell: Any, table: int, row: int, col: int, part: str) -> None:
        """Emit one cell as a block, then any tables nested in it."""
        texts: list[str] = []
        extras: list[tuple[str, Any]] = []
        nested: list[Any] = []
        for child in cell:
            if child.tag == q("table:table"):
                nested.append(child)
            elif child.tag in (q("text:p"), q("text:h")):
                texts.append(self.inline(child, extras))
            elif child.tag == q("text:list"):
                texts.extend(self.inline(p, extras) for p in child.iter(q("text:p")))
        self.pieces.append(Piece(BlockKind.TABLE_CELL, "\n".join(texts), table=table, row=row,
                                 cell=col, part=part))
        for inner in nested:
            self.table(inner, part)
        for extra_part, body in extras:
            if body is not None:
                self.blocks(body, extra_part)


def _rows(table: Any) -> list[Any]:
    rows: list[Any] = []
    for child in table:
        if child.tag == q("table:table-row"):
            rows.append(child)
        elif child.tag in _CONTAINERS:
            rows.extend(_rows(child))
    return rows


def _title_styles(*roots: Any) -> set[str]:
    """Names of paragraph styles that are, or derive from, the 'Title' style."""
    return _derived_styles(roots, {"Title"})


QUOTE_STYLES = {"Quotations", "Quote", "Intense_20_Quote", "Intense_20_Quotations"}


def _derived_styles(roots: tuple[Any, ...], bases: set[str]) -> set[str]:
    """Names of paragraph styles that are, or derive from, one of `bases`."""
    parents: dict[str, str] = {}
    for root in roots:
        for style in root.iter(q("style:style")):
            parents[style.get(q("style:name"), "")] = style.get(q("style:parent-style-name"), "")
    found: set[str] = set()
    for name in parents:
        current, seen = name, set()
        while current and current not in seen:
            if current in bases:
                found.add(name)
                break
            seen.add(current)
            current = parents.get(current, "")
    return found


def extract_odt(path: Path, options: ExtractOptions) -> Document:
    """Read an OpenDocument text file into blocks, accepting tracked changes."""
    with Package(path, options.limits, "ODT") as package:
        manifest = package.read("META-INF/manifest.xml") if package.has(
            "META-INF/manifest.xml") else b""
        if b"encryption-data" in manifest:
            raise EncryptedDocumentError("password-protected; save it without a password", path)
        if not package.has("content.xml"):
            raise CorruptDocumentError("ODT package has no content.xml", path)
        content = parse_xml(package.read("content.xml"), path, "content.xml")
        styles = (parse_xml(package.read("styles.xml"), path, "styles.xml")
                  if package.has("styles.xml") else content)
        meta = parse_xml(package.read("meta.xml"), path, "meta.xml") if package.has(
            "meta.xml") else None
    body = content.find(f"{q('office:body')}/{q('office:text')}")
    if body is None:
        raise CorruptDocumentError("content.xml has no office:text body", path)
    quotes = frozenset(_derived_styles((content, styles), QUOTE_STYLES))
    reader = _Reader(_title_styles(content, styles), options.limits, path, quotes)
    reader.blocks(body, BODY)
    blocks = assemble(reader.pieces)
    revised = any(True for _ in body.iter(q("text:changed-region")))
    title_el = meta.find(f".//{{{NS['dc']}}}title") if meta is not None else None
    title = " ".join((title_el.text or "").split()) if title_el is not None else ""
    return Document(
        path=path, format="odt", blocks=blocks, title=title or first_heading(blocks),
        had_revisions=revised, comments=tuple(reader.comments),
        notices=(REVISION_NOTICE,) if revised else (),
    )
