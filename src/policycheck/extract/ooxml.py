"""The parts of a DOCX package: main document, styles, notes, comments, core properties."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from policycheck.errors import CorruptDocumentError
from policycheck.extract.limits import Package, parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DC_NS = "http://purl.org/dc/elements/1.1/"
# Strict OOXML (ISO 29500 strict) uses other namespace URIs for the same vocabulary.
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W_NS.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships":
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/drawingml/main":
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
}
_HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)
_LIST_NAME = re.compile(r"^list(?: bullet| number| continue)?\s*([2-9])$", re.IGNORECASE)
_TOC = re.compile(r"^(toc\s*\d|table of contents|toc heading)", re.IGNORECASE)
_QUOTE = re.compile(r"^(intense )?quot(e|ation|ations)$", re.IGNORECASE)


def w(tag: str) -> str:
    """Clark notation for a WordprocessingML tag."""
    return f"{{{W_NS}}}{tag}"


@dataclass(frozen=True, slots=True)
class ParaStyle:
    """What a paragraph style contributes: its name, heading level and list membership."""

    name: str
    based_on: str | None
    outline: int | None  # 0-based outline level, 9 = body text
    numbered: bool
    list_level: int | None = None  # explicit list depth (1 = top) from ilvl or the style name
    num_id: str | None = None  # the list a style numbers its paragraphs in
    ilvl: int | None = None


@dataclass(slots=True)
class Parts:
    """Parsed XML roots of the parts a DOCX reader needs."""

    document: Any
    styles: dict[str, ParaStyle] = field(default_factory=dict)
    notes: dict[tuple[str, str], Any] = field(default_factory=dict)  # (kind, id) -> element
    comments: Any = None
    numbering: Any = None
    title: str | None = None
    strict: bool = False


def _xml(package: Package, name: str) -> tuple[Any, bool]:
    data = package.read(name)
    strict = b"purl.oclc.org/ooxml" in data
    for old, new in _STRICT.items():
        data = data.replace(old, new)
    return parse_xml(data, package.path, name), strict


def _rels(package: Package, source: str) -> dict[str, str]:
    """Relationship type suffix -> target part name, for the part `source` ('' = package)."""
    folder, base = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if not package.has(rels_name):
        return {}
    root, _ = _xml(package, rels_name)
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        found.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
    return found


def _styles(root: Any) -> dict[str, ParaStyle]:
    styles: dict[str, ParaStyle] = {}
    for style in root.iter(w("style")):
        if style.get(w("type"), "paragraph") != "paragraph":
            continue
        name_el, based_el = style.find(w("name")), style.find(w("basedOn"))
        outline_el = style.find(f"{w('pPr')}/{w('outlineLvl')}")
        num_el = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
        ilvl_el = style.find(f"{w('pPr')}/{w('numPr')}/{w('ilvl')}")
        outline = outline_el.get(w("val")) if outline_el is not None else None
        name = name_el.get(w("val"), "") if name_el is not None else ""
        ilvl = ilvl_el.get(w("val"), "") if ilvl_el is not None else ""
        by_name = _LIST_NAME.match(name.strip())
        styles[style.get(w("styleId"), "")] = ParaStyle(
            name=name,
            based_on=based_el.get(w("val")) if based_el is not None else None,
            outline=int(outline) if outline and outline.isdigit() else None,
            numbered=num_el is not None and num_el.get(w("val")) != "0",
            list_level=int(ilvl) + 1 if ilvl.isdigit() else (
                int(by_name.group(1)) if by_name else None),
            num_id=num_el.get(w("val")) if num_el is not None else None,
            ilvl=int(ilvl) if ilvl.isdigit() else None,
        )
    return styles


def style_heading(styles: dict[str, ParaStyle], style_id: str | None) -> int | None:
    """Heading level (1 = top) a paragraph style gives, following basedOn; None for body."""
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        match = _HEADING_NAME.match(style.name.strip())
        if match:
            return int(match.group(1))
        if style.name.strip().lower() == "title":
            return 1
        if style.outline is not None:
            return style.outline + 1 if style.outline < 9 else None
        style_id = style.based_on
    return None


def style_list_level(styles: dict[str, ParaStyle], style_id: str | None) -> int | None:
    """The list depth a paragraph style implies, following basedOn; None when it says none."""
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        if styles[style_id].list_level is not None:
            return styles[style_id].list_level
        style_id = styles[style_id].based_on
    return None


def style_numbering(styles: dict[str, ParaStyle], style_id: str | None) -> tuple[str | None, int]:
    """The (numId, ilvl) a paragraph style numbers its paragraphs with, following basedOn."""
    seen: set[str] = set()
    ilvl: int | None = None
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        ilvl = style.ilvl if ilvl is None else ilvl
        if style.num_id is not None:
            return style.num_id, ilvl or 0
        style_id = style.based_on
    return None, 0


def style_flag(styles: dict[str, ParaStyle], style_id: str | None, what: str) -> bool:
    """True when the style or one it is based on is numbered ('numbered'), a TOC ('toc') or a
    quotation ('quote': Word's Quote and Intense Quote)."""
    if what == "toc" and style_id and _TOC.match(style_id):
        return True
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        style = styles[style_id]
        if what == "numbered" and style.numbered:
            return True
        if what == "toc" and _TOC.match(style.name.strip()):
            return True
        if what == "quote" and _QUOTE.match(style.name.strip()):
            return True
        style_id = style.based_on
    return False


def load_parts(package: Package) -> Parts:
    """Find the main document through the package relationships and parse what it needs."""
    root_rels = _rels(package, "")
    main = root_rels.get("officeDocument")
    if main is None or not package.has(main):
        main = "word/document.xml" if package.has("word/document.xml") else None
    if main is None:
        raise CorruptDocumentError("DOCX package has no main document part", package.path)
    document, strict = _xml(package, main)
    if document.find(w("body")) is None:
        raise CorruptDocumentError(f"{main} has no body (unrecognised WordprocessingML)",
                                   package.path)
    parts = Parts(document=document, strict=strict)
    rels = _rels(package, main)
    if package.has(rels.get("styles", "")):
        parts.styles = _styles(_xml(package, rels["styles"])[0])
    for kind in ("footnote", "endnote"):
        name = rels.get(kind + "s", "")
        if package.has(name):
            for note in _xml(package, name)[0].iter(w(kind)):
                if note.get(w("type"), "normal") == "normal":
                    parts.notes[(kind, note.get(w("id"), ""))] = note
    if package.has(rels.get("numbering", "")):
        parts.numbering = _xml(package, rels["numbering"])[0]
    if package.has(rels.get("comments", "")):
        parts.comments = _xml(package, rels["comments"])[0]
    core = root_rels.get("core-properties")
    if core and package.has(core):
        title = _xml(package, core)[0].find(f"{{{DC_NS}}}title")
        if title is not None and title.text and title.text.strip():
            parts.title = " ".join(title.text.split())
    return parts

