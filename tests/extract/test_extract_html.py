"""HTML: page furniture dropped, main content preferred, structure and entities kept."""

from __future__ import annotations

from pathlib import Path

from policycheck.extract import extract
from policycheck.model import BlockKind


def html(tmp_path: Path, markup: str, name: str = "p.html", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(markup.encode(encoding))
    return path


def test_furniture_dropped_and_main_preferred(tmp_path: Path) -> None:
    page = html(tmp_path, """<!doctype html><html><head><title>Safe reporting | Northshire</title>
<style>p { color: red }</style></head><body>
<div role="banner">Skip to content</div><nav><ul><li>Home</li></ul></nav>
<header>Northshire Police</header><aside>Related: parking fines</aside>
<div class="sidebar">Outside main.</div>
<main><h1>Safe reporting</h1><p>Victims can report without fear of immigration
enforcement.</p><form><label>Search</label></form><noscript>Enable JS</noscript>
<template><p>Hidden template.</p></template><script>var shared = 1;</script>
<div role="navigation">Breadcrumbs</div></main>
<footer role="contentinfo">Copyright</footer></body></html>""")
    doc = extract(page)
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Safe reporting"),
        (BlockKind.PARAGRAPH, "Victims can report without fear of immigration enforcement."),
    ]
    assert doc.title == "Safe reporting | Northshire"


def test_structure_lists_tables_quotes_and_entities(tmp_path: Path) -> None:
    page = html(tmp_path, """<html><body><article>
<h2>Sharing</h2><p>Officers&nbsp;will <b>not</b> share &ldquo;status&rdquo; data &amp; more.</p>
<ul><li>Refer to IDVA<ul><li>Within 24 hours</li></ul></li><li>Record it</li></ul>
<blockquote>Victims first and foremost.</blockquote>
<table><tr><th>Role</th><th>Duty</th></tr><tr><td>Officer</td><td>Refers
<table><tr><td>Nested</td></tr></table></td></tr></table>
<h3>Review</h3><div>Loose text in a div.<p>Para in div.</p></div>
</article></body></html>""")
    doc = extract(page)
    shape = [(b.kind, b.text, b.level, b.location.heading_path) for b in doc.blocks]
    sharing = ("Sharing",)
    assert shape == [
        (BlockKind.HEADING, "Sharing", 2, sharing),
        (BlockKind.PARAGRAPH, "Officers will not share \u201cstatus\u201d data & more.", 0,
         sharing),
        (BlockKind.LIST_ITEM, "Refer to IDVA", 1, sharing),
        (BlockKind.LIST_ITEM, "Within 24 hours", 2, sharing),
        (BlockKind.LIST_ITEM, "Record it", 1, sharing),
        (BlockKind.PARAGRAPH, "Victims first and foremost.", 0, sharing),
        (BlockKind.TABLE_CELL, "Role", 0, sharing),
        (BlockKind.TABLE_CELL, "Duty", 0, sharing),
        (BlockKind.TABLE_CELL, "Officer", 0, sharing),
        (BlockKind.TABLE_CELL, "Refers", 0, sharing),
        (BlockKind.TABLE_CELL, "Nested", 0, sharing),
        (BlockKind.HEADING, "Review", 3, ("Sharing", "Review")),
        (BlockKind.PARAGRAPH, "Loose text in a div.", 0, ("Sharing", "Review")),
        (BlockKind.PARAGRAPH, "Para in div.", 0, ("Sharing", "Review")),
    ]
    tables = [(b.location.table, b.location.row, b.location.cell) for b in doc.blocks
              if b.kind is BlockKind.TABLE_CELL]
    assert tables == [(1, 1, 1), (1, 1, 2), (1, 2, 1), (1, 2, 2), (2, 1, 1)]


def test_declared_legacy_encoding_is_honoured(tmp_path: Path) -> None:
    page = html(tmp_path, '<html><head><meta charset="windows-1252"></head><body>'
                "<p>Victims\u2019 Code \u2013 right 4</p></body></html>", encoding="cp1252")
    assert extract(page).blocks[0].text == "Victims\u2019 Code \u2013 right 4"
