"""Render extracted documents block by block, for the `extract` command (text or JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from policycheck.extract.batch import Extracted
from policycheck.model import Block, Document

FORMATS = ("text", "json")


def _location(block: Block) -> dict[str, Any]:
    loc = block.location
    data: dict[str, Any] = {
        "page": loc.page, "heading_path": list(loc.heading_path), "paragraph": loc.paragraph,
        "table": loc.table, "row": loc.row, "cell": loc.cell, "line": loc.line, "part": loc.part,
    }
    return {k: v for k, v in data.items() if v is not None and v != []}


def _document_json(shown: str, doc: Document) -> dict[str, Any]:
    return {
        "path": shown,
        "format": doc.format,
        "title": doc.title,
        "pages": doc.pages,
        "has_text_layer": doc.has_text_layer,
        "had_revisions": doc.had_revisions,
        "notices": list(doc.notices),
        "comments": [{"author": c.author, "text": c.text, "anchor": c.anchor}
                     for c in doc.comments],
        "blocks": [{"kind": str(b.kind), "level": b.level, "text": b.text, "quoted": b.quoted,
                    "cite": b.location.cite(), "location": _location(b)} for b in doc.blocks],
    }


def render_json(results: Sequence[Extracted]) -> str:
    """Every document with its blocks, notices and comments; failed files under 'errors'."""
    data = {
        "documents": [_document_json(r.display_path, r.document) for r in results
                      if r.document is not None],
        "errors": [{"path": r.display_path, "error": r.error} for r in results if r.error],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _kind(block: Block) -> str:
    kind = f"{block.kind} {block.level}" if block.level else str(block.kind)
    return f"{kind}, quoted" if block.quoted else kind


def _document_text(shown: str, doc: Document) -> list[str]:
    facts = [doc.format, f"{len(doc.blocks)} blocks"]
    if doc.pages is not None:
        facts.append(f"{doc.pages} pages")
    out = [f"== {shown} ({', '.join(facts)})"]
    if doc.title:
        out.append(f"title: {doc.title}")
    out.extend(f"notice: {notice}" for notice in doc.notices)
    for block in doc.blocks:
        out.append(f"[{_kind(block)}] {block.location.cite()}")
        out.append(f"    {block.text}")
    if doc.comments:
        out.append("comments (not checked):")
        for comment in doc.comments:
            anchor = f' on "{comment.anchor}"' if comment.anchor else ""
            out.append(f"  - {comment.author or 'unknown'}{anchor}: {comment.text}")
    return out


def render_text(results: Sequence[Extracted]) -> str:
    """A readable listing: each block's kind and citation, then its text."""
    lines: list[str] = []
    for result in results:
        if result.document is not None:
            if lines:
                lines.append("")
            lines.extend(_document_text(result.display_path, result.document))
    return "\n".join(lines) + ("\n" if lines else "")


def render(results: Sequence[Extracted], fmt: str) -> str:
    """Render in `fmt` ('text' or 'json')."""
    return render_json(results) if fmt == "json" else render_text(results)
