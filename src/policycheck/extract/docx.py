"""DOCX: body in order, headings, lists, tables, text boxes, notes, tracked changes, comments."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from policycheck.extract.assemble import BODY, Piece, assemble, first_heading
from policycheck.extract.limits import Package, check_table_depth
from policycheck.extract.numbering import load_numbering
from policycheck.extract.ooxml import (
    Parts,
    load_parts,
    style_flag,
    style_heading,
    style_list_level,
    style_numbering,
    w,
)
from policycheck.model import BlockKind, Comment, Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions
    from policycheck.extract.limits import Limits

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REVISION_NOTICE = "tracked changes were present; checked as if all were accepted"
# Subtrees whose text is not part of the accepted document, or is not text at all.
_SKIP = {w(t) for t in ("del", "moveFrom", "delText", "instrText", "delInstrText", "rPr", "pPr",
                        "tblPr", "tcPr", "trPr", "sectPr", "commentReference")}
_SKIP.add(f"{{{MC_NS}}}Fallback")
_BREAKS = {w("br"), w("cr"), w("tab"), w("ptab")}
_CONTAINERS = {w(t) for t in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag")}
_MC_KEEP = {f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"}
_REVISIONS = (w("ins"), w("del"), w("moveFrom"), w("moveTo"))


class _Reader:
    """Walks the document body once, emitting pieces in reading order."""

    def __init__(self, parts: Parts, limits: Limits, path: Path) -> None:
        self.parts = parts
        self.limits = limits
        self.path = path
        self.pieces: list[Piece] = []
        self.tables = 0
        self.depth = 0
        self.emitted_notes: set[tuple[str, str]] = set()
        self.title: str | None = None
        self.carry = ""  # text of paragraphs whose mark was deleted, waiting for the next
        self.numbering = load_numbering(parts.numbering)

    def text(self, el: Any, boxes: list[Any], notes: list[tuple[str, str]]) -> str:
        """Accepted text of a paragraph-level element; text boxes and note refs collected."""
        out: list[str] = []
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == w("t"):
                out.append(child.text or "")
            elif tag in _BREAKS:
                out.append(" ")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            elif tag == w("txbxContent"):
                boxes.append(child)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                notes.append((kind, child.get(w("id"), "")))
            else:
                out.append(self.text(child, boxes, notes))
        return "".join(out)

    def blocks(self, container: Any, part: str) -> None:
        """Emit the block-level children of a body, cell, text box or note."""
        for child in container:
            tag = child.tag
            if tag == w("p"):
                self.paragraph(child, part)
            elif tag == w("tbl"):
                self.flush(part)
                self.table(child, part)
            elif tag in _CONTAINERS or tag in _MC_KEEP:
                self.blocks(child, part)
        self.flush(part)

    def flush(self, part: str) -> None:
        """Emit text carried from a paragraph whose mark was deleted, when nothing follows it."""
        if self.carry:
            self.pieces.append(Piece(BlockKind.PARAGRAPH, self.carry, part=part))
            self.carry = ""

    def paragraph(self, p: Any, part: str) -> None:
        """Emit one paragraph, then the text boxes and notes anchored in it.

        A paragraph whose mark is a tracked deletion runs on into the next one, as it does
        when the change is accepted; the joined paragraph takes the next one's style.
        """
        boxes: list[Any] = []
        notes: list[tuple[str, str]] = []
        text, self.carry = self.carry + self.text(p, boxes, notes), ""
        if p.find(f"{w('pPr')}/{w('rPr')}/{w('del')}") is not None:
            self.carry = text
            self.extras(boxes, notes)
            return
        kind, level, label = self.classify(p)
        if kind is BlockKind.HEADING and label and text.strip():
            text = f"{label} {text.strip()}"  # "4.2 Information sharing", as Word shows it
        if kind is not None:
            quoted = kind is BlockKind.PARAGRAPH and self.quoted(p)
            self.pieces.append(Piece(kind, text, level=level, part=part, quoted=quoted))
        self.extras(boxes, notes)

    def extras(self, boxes: list[Any], notes: list[tuple[str, str]]) -> None:
        """Emit text boxes and (first-referenced) notes after the block that holds them."""
        for box in boxes:
            self.blocks(box, "textbox")
        for key in notes:
            note = self.parts.notes.get(key)
            if note is not None and key not in self.emitted_notes:
                self.emitted_notes.add(key)
                self.blocks(note, key[0])

    def classify(self, p: Any) -> tuple[BlockKind | None, int, str]:
        """Kind and level (heading level or list depth) and the list label Word would show.

        The kind is None for a table-of-contents entry, which is not read.
        """
        ppr = p.find(w("pPr"))
        style_id = outline = num_id = None
        ilvl = ""
        if ppr is not None:
            style_el, outline_el = ppr.find(w("pStyle")), ppr.find(w("outlineLvl"))
            num_el, ilvl_el = ppr.find(f"{w('numPr')}/{w('numId')}"), ppr.find(
                f"{w('numPr')}/{w('ilvl')}")
            style_id = style_el.get(w("val")) if style_el is not None else None
            outline = outline_el.get(w("val")) if outline_el is not None else None
            num_id = num_el.get(w("val")) if num_el is not None else None
            ilvl = ilvl_el.get(w("val"), "") if ilvl_el is not None else ""
        styles = self.parts.styles
        if style_flag(styles, style_id, "toc"):
            return None, 0, ""
        label = self.label(style_id, num_id, ilvl)
        level = style_heading(styles, style_id)
        if outline is not None and outline.isdigit():
            level = int(outline) + 1 if int(outline) < 9 else None
        if level is not None:
            if self.title is None and style_id and styles.get(style_id) and \
                    styles[style_id].name.lower() == "title":
                self.title = "".join(t.text or "" for t in p.iter(w("t")))
            return BlockKind.HEADING, level, label
        numbered = num_id != "0" if num_id is not None else style_flag(styles, style_id,
                                                                        "numbered")
        if numbered:
            depth = int(ilvl) + 1 if ilvl.isdigit() else style_list_level(styles, style_id)
            return BlockKind.LIST_ITEM, min(depth or 1, 9), label
        return BlockKind.PARAGRAPH, 0, ""

    def quoted(self, p: Any) -> bool:
        """Is the paragraph in a quotation style (Quote, Intense Quote)?"""
        style_el = p.find(f"{w('pPr')}/{w('pStyle')}")
        style_id = style_el.get(w("val")) if style_el is not None else None
        return style_flag(self.parts.styles, style_id, "quote")

    def label(self, style_id: str | None, num_id: str | None, ilvl: str) -> str:
        """Advance the paragraph's list counter (if it is numbered) and return its label."""
        style_num, style_ilvl = style_numbering(self.parts.styles, style_id)
        num = num_id if num_id is not None else style_num
        if not num or num == "0":
            return ""
        return self.numbering.label(num, int(ilvl) if ilvl.isdigit() else style_ilvl)

    def table(self, tbl: Any, part: str) -> None:
        """Emit a table's cells row by row, skipping merge continuations and deleted rows."""
        self.depth += 1
        check_table_depth(self.depth, self.limits, self.path)
        self.tables += 1
        number = self.tables
        rows = [tr for tr in _children(tbl, w("tr"))
                if tr.find(f"{w('trPr')}/{w('del')}") is None]  # a deleted row is gone
        for r, tr in enumerate(rows, 1):
            for c, tc in enumerate(_children(tr, w("tc")), 1):
                if _merged_continuation(tc):
                    continue
                self.cell(tc, number, r, c, part)
        self.depth -= 1

    def cell(self, tc: Any, table: int, row: int, col: int, part: str) -> None:
        """Emit one cell as a block, then any tables nested in it."""
        texts: list[str] = []
        boxes: list[Any] = []
        notes: list[tuple[str, str]] = []
        nested: list[Any] = []
        for child in _children(tc, w("p"), w("tbl")):
            if child.tag == w("tbl"):
                nested.append(child)
            else:
                texts.append(self.text(child, boxes, notes))
        self.pieces.append(Piece(BlockKind.TABLE_CELL, "\n".join(texts), table=table, row=row,
                                 cell=col, part=part))
        for inner in nested:
            self.table(inner, part)
        self.extras(boxes, notes)


def _children(el: Any, *tags: str) -> list[Any]:
    """Children with one of `tags`, looking through content controls and insertions."""
    found: list[Any] = []
    for child in el:
        if child.tag in tags:
            found.append(child)
        elif child.tag in _CONTAINERS:
            found.extend(_children(child, *tags))
    return found


def _merged_continuation(tc: Any) -> bool:
    """True for a cell that continues a vertical or legacy horizontal merge."""
    tcpr = tc.find(w("tcPr"))
    if tcpr is None:
        return False
    for tag in ("vMerge", "hMerge"):
        merge = tcpr.find(w(tag))
        if merge is not None and merge.get(w("val"), "continue") != "restart":
            return True
    return False


def _comments(parts: Parts) -> tuple[Comment, ...]:
    """Reviewer comments with the document text they are anchored to."""
    if parts.comments is None:
        return ()
    anchors: dict[str, list[str]] = {}
    active: set[str] = set()
    for el in parts.document.iter(w("commentRangeStart"), w("commentRangeEnd"), w("t")):
        if el.tag == w("commentRangeStart"):
            active.add(el.get(w("id"), ""))
        elif el.tag == w("commentRangeEnd"):
            active.discard(el.get(w("id"), ""))
        elif active and next(el.iterancestors(w("del"), w("moveFrom")), None) is None:
            for cid in active:
                anchors.setdefault(cid, []).append(el.text or "")
    found: list[Comment] = []
    for comment in parts.comments.iter(w("comment")):
        cid = comment.get(w("id"), "")
        text = " ".join("".join(t.text or "" for t in p.iter(w("t")))
                        for p in comment.iter(w("p")))
        found.append(Comment(author=comment.get(w("author"), ""), text=" ".join(text.split()),
                             anchor=" ".join("".join(anchors.get(cid, [])).split())))
    return tuple(found)


def _had_revisions(parts: Parts) -> bool:
    roots = [parts.document, *parts.notes.values()]
    return any(next(root.iter(*_REVISIONS), None) is not None for root in roots)


def extract_docx(path: Path, options: ExtractOptions) -> Document:
    """Read a Word document into blocks, accepting tracked changes."""
    with Package(path, options.limits, "DOCX") as package:
        parts = load_parts(package)
    reader = _Reader(parts, options.limits, path)
    reader.blocks(parts.document.find(w("body")), BODY)
    for key, note in parts.notes.items():
        if key not in reader.emitted_notes:
            reader.blocks(note, key[0])
    blocks = assemble(reader.pieces)
    revised = _had_revisions(parts)
    notices = [REVISION_NOTICE] if revised else []
    if parts.strict:
        notices.append("Strict Open XML document read with its transitional equivalents")
    title = parts.title or (" ".join(reader.title.split()) if reader.title else None)
    return Document(
        path=path, format="docx", blocks=blocks, title=title or first_heading(blocks),
        had_revisions=revised, comments=_comments(parts), notices=tuple(notices),
    )
