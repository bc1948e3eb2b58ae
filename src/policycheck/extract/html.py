"""HTML via lxml.html: page furniture dropped, main content preferred, block elements kept."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from policycheck.errors import CorruptDocumentError
from policycheck.extract.assemble import Piece, assemble, first_heading
from policycheck.extract.decode import decode, read_bounded
from policycheck.extract.limits import check_table_depth, detail
from policycheck.model import BlockKind, Document

if TYPE_CHECKING:
    from policycheck.extract import ExtractOptions
    from policycheck.extract.limits import Limits

DROP_TAGS = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript",
             "template", "iframe", "svg", "button", "select", "dialog")
DROP_ROLES = ("navigation", "banner", "contentinfo", "search", "complementary")
HEADINGS = {f"h{n}": n for n in range(1, 7)}
TEXT_BLOCKS = {"p", "blockquote", "pre", "dt", "dd", "figcaption", "caption", "address"}
CONTAINERS = {"div", "section", "article", "main", "body", "html", "center", "details",
              "summary", "figure", "dl", "tbody", "thead", "tfoot", "fieldset"}
_BLOCK_TAGS = set(HEADINGS) | TEXT_BLOCKS | CONTAINERS | {"ul", "ol", "li", "table", "tr", "td",
                                                          "th", "hr", "br"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([\w-]+)", re.IGNORECASE)


class _Walker:
    """Collects pieces from an HTML tree in document order."""

    def __init__(self, limits: Limits, path: Path) -> None:
        self.pieces: list[Piece] = []
        self.tables = 0
        self.table_depth = 0
        self.quoting = 0  # depth of <blockquote> elements around the current one
        self.limits = limits
        self.path = path

    def inline(self, el: Any, skip: tuple[str, ...] = ("ul", "ol", "table")) -> str:
        """Text of an element, skipping nested blocks in `skip` (they become their own blocks)."""
        parts = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                parts.append(child.tail or "")
                continue
            tag = child.tag.lower()
            if tag in skip:
                pass
            elif tag == "br":
                parts.append("\n")
            elif tag in _BLOCK_TAGS:
                parts.append("\n" + self.inline(child, skip) + "\n")
            else:
                parts.append(self.inline(child, skip))
            parts.append(child.tail or "")
        return "".join(parts)

    def walk(self, el: Any, depth: int = 0) -> None:
        """Emit the blocks inside a container; loose text between blocks becomes paragraphs."""
        run: list[str] = [el.text or ""]
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag in _BLOCK_TAGS:
                self.flush(run)
                run = []
                self.element(child, tag, depth)
            else:
                run.append(self.inline(child) if tag else "")
            run.append(child.tail or "")
        self.flush(run)

    def flush(self, run: list[str]) -> None:
        """Emit loose text collected between block elements as a paragraph."""
        text = "".join(run)
        if text.strip():
            self.pieces.append(Piece(BlockKind.PARAGRAPH, text, quoted=self.quoting > 0))

    def element(self, el: Any, tag: str, depth: int) -> None:
        """Emit one block-level element by its kind."""
        if tag in HEADINGS:
            self.pieces.append(Piece(BlockKind.HEADING, self.inline(el), level=HEADINGS[tag]))
        elif tag in ("ul", "ol"):
            for item in el:
                if isinstance(item.tag, str) and item.tag.lower() == "li":
                    self.item(item, depth + 1)
                elif isinstance(item.tag, str):
                    self.walk(item, depth)
        elif tag == "li":
            self.item(el, depth + 1)
        elif tag == "table":
            self.table(el)
        elif tag in TEXT_BLOCKS and not _has_blocks(el):
            quoted = tag == "blockquote" or self.quoting > 0
            self.pieces.append(Piece(BlockKind.PARAGRAPH, self.inline(el), quoted=quoted))
        elif tag == "blockquote":
            self.quoting += 1
            self.walk(el, depth)
            self.quoting -= 1
        elif tag not in ("hr", "br", "tr", "td", "th"):
            self.walk(el, depth)

    def item(self, li: Any, depth: int) -> None:
        """Emit a list item, then the lists and tables nested in it."""
        self.pieces.append(Piece(BlockKind.LIST_ITEM, self.inline(li), level=depth))
        for child in li:
            if isinstance(child.tag, str) and child.tag.lower() in ("ul", "ol", "table"):
                self.element(child, child.tag.lower(), depth)

    def table(self, table: Any) -> None:
        """Emit a table's cells row by row, then nested tables after their cell."""
        self.table_depth += 1
        check_table_depth(self.table_depth, self.limits, self.path)
        self.tables += 1
        number = self.tables
        rows = [r for r in table.iter("tr") if _owner(r) is table]
        for r, row in enumerate(rows, 1):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            for c, cell in enumerate(cells, 1):
                text = self.inline(cell, ("table",))
                self.pieces.append(Piece(BlockKind.TABLE_CELL, text, table=number, row=r, cell=c))
                for nested in cell.iter("table"):
                    if _owner(nested) is table:
                        self.table(nested)
        self.table_depth -= 1


def _has_blocks(el: Any) -> bool:
    return any(isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS for c in el)


def _owner(el: Any) -> Any:
    """The nearest enclosing <table> of `el`."""
    node = el.getparent()
    while node is not None and not (isinstance(node.tag, str) and node.tag.lower() == "table"):
        node = node.getparent()
    return node


def _prune(root: Any) -> None:
    doomed = [el for el in root.iter() if isinstance(el.tag, str) and (
        el.tag.lower() in DROP_TAGS or (el.get("role") or "").lower() in DROP_ROLES
        or el.get("hidden") is not None or el.get("aria-hidden") == "true")]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _content_root(root: Any) -> Any:
    for xpath in ("//main", "//*[@role='main']", "//article"):
        found = root.xpath(xpath)
        if found:
            return found[0]
    body = root.find(".//body")
    return body if body is not None else root


def _decode_html(data: bytes, path: Path) -> str:
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return decode(data, path)


def extract_html(path: Path, options: ExtractOptions) -> Document:
    """Read an HTML policy page into blocks, without navigation, scripts or page furniture."""
    import lxml.html
    from lxml import etree

    text = _decode_html(read_bounded(path, options.limits), path)
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    if not text.strip():
        raise CorruptDocumentError("HTML file has no content", path)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocumentError(f"HTML cannot be parsed ({detail(exc)})", path) from exc
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() if title_el is not None else "").split()) or None
    _prune(root)
    walker = _Walker(options.limits, path)
    walker.walk(_content_root(root))
    blocks = assemble(walker.pieces)
    return Document(path=path, format="html", blocks=blocks, title=title or first_heading(blocks))
