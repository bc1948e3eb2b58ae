"""DOCX: headings, lists, tables, text boxes, notes, tracked changes, comments, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_builders import CORPUS, W, docx_with_body, notes_part, p

from policycheck.extract import extract
from policycheck.model import BlockKind, Document

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"


def texts(doc: Document, part: str = "body") -> list[str]:
    return [b.text for b in doc.blocks if b.location.part == part]


def test_headings_lists_and_heading_paths(tmp_path: Path) -> None:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import parse_xml

    d = docx.Document()
    d.add_paragraph("Safe Reporting Policy", style="Title")
    d.add_heading("Scope", 1)
    d.add_paragraph("Applies to all staff.")
    d.add_heading("Information sharing", 1)
    d.add_heading("With Immigration Enforcement", 2)
    d.add_paragraph("Victims first.")
    d.add_paragraph("Refer to a specialist service.", style="List Bullet")
    d.add_paragraph("Record the referral.", style="List Bullet 2")
    d.add_paragraph("First step.", style="List Number")
    section = d.styles.add_style("Policy Section", WD_STYLE_TYPE.PARAGRAPH)
    section.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="0"/>'))
    d.add_paragraph("Training", style="Policy Section")
    para = d.add_paragraph("Outline heading")
    para._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl xmlns:w="{W}" w:val="1"/>'))
    d.add_paragraph("Briefings every year.")
    d.save(str(tmp_path / "h.docx"))

    doc = extract(tmp_path / "h.docx")
    shape = [(b.kind, b.level, b.text, b.location.heading_path) for b in doc.blocks]
    assert shape == [
        (BlockKind.HEADING, 1, "Safe Reporting Policy", ("Safe Reporting Policy",)),
        (BlockKind.HEADING, 1, "Scope", ("Scope",)),
        (BlockKind.PARAGRAPH, 0, "Applies to all staff.", ("Scope",)),
        (BlockKind.HEADING, 1, "Information sharing", ("Information sharing",)),
        (BlockKind.HEADING, 2, "With Immigration Enforcement",
         ("Information sharing", "With Immigration Enforcement")),
        (BlockKind.PARAGRAPH, 0, "Victims first.",
         ("Information sharing", "With Immigration Enforcement")),
        (BlockKind.LIST_ITEM, 1, "Refer to a specialist service.",
         ("Information sharing", "With Immigration Enforcement")),
        (BlockKind.LIST_ITEM, 2, "Record the referral.",
         ("Information sharing", "With Immigration Enforcement")),
        (BlockKind.LIST_ITEM, 1, "First step.",
         ("Information sharing", "With Immigration Enforcement")),
        (BlockKind.HEADING, 1, "Training", ("Training",)),
        (BlockKind.HEADING, 2, "Outline heading", ("Training", "Outline heading")),
        (BlockKind.PARAGRAPH, 0, "Briefings every year.", ("Training", "Outline heading")),
    ]
    assert [b.location.paragraph for b in doc.blocks] == list(range(1, 13))
    assert doc.title == "Safe Reporting Policy"
    assert doc.blocks[5].location.cite() == "§ With Immigration Enforcement, para 6"


def test_title_comes_from_core_properties(tmp_path: Path) -> None:
    doc = extract(docx_with_body(tmp_path / "t.docx", p("Body text."), title="Northshire Policy"))
    assert doc.title == "Northshire Policy"


def test_tables_with_merged_and_nested_cells(tmp_path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("Before the table.")
    table = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r + 1}c{c + 1}"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Wide header"
    table.cell(1, 2).merge(table.cell(2, 2)).text = "Tall cell"
    inner = table.cell(2, 0).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "Inner left"
    inner.cell(0, 1).text = "Inner right"
    d.add_paragraph("After the table.")
    d.save(str(tmp_path / "t.docx"))

    doc = extract(tmp_path / "t.docx")
    cells = [(b.text, b.location.table, b.location.row, b.location.cell)
             for b in doc.blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [
        ("Wide header", 1, 1, 1), ("r1c3", 1, 1, 2),
        ("r2c1", 1, 2, 1), ("r2c2", 1, 2, 2), ("Tall cell", 1, 2, 3),
        ("r3c1", 1, 3, 1), ("Inner left", 2, 1, 1), ("Inner right", 2, 1, 2), ("r3c2", 1, 3, 2),
    ]
    assert sum("Tall cell" in b.text for b in doc.blocks) == 1
    assert texts(doc)[0] == "Before the table." and texts(doc)[-1] == "After the table."


def test_text_box_read_once_with_its_part(tmp_path: Path) -> None:
    box = (f'<w:p><w:r><mc:AlternateContent xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="{V}">'
           '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
           + p("Call 999 in an emergency.") +
           '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
           '<v:shape><v:textbox><w:txbxContent>' + p("Call 999 in an emergency.") +
           '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent>'
           '</w:r><w:r><w:t>Main paragraph.</w:t></w:r></w:p>')
    doc = extract(docx_with_body(tmp_path / "b.docx", box))
    assert texts(doc) == ["Main paragraph."]
    assert texts(doc, "textbox") == ["Call 999 in an emergency."]
    assert doc.blocks[1].location.cite() == "para 1, textbox"


def test_footnotes_and_endnotes_are_blocks_of_their_part(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:t>See the protocol.</w:t></w:r><w:r><w:footnoteReference w:id="1"/>'
            '</w:r></w:p>' + p("Next paragraph.")
            + '<w:p><w:r><w:t>End.</w:t></w:r><w:r><w:endnoteReference w:id="1"/></w:r></w:p>')
    parts = {"word/footnotes.xml": notes_part("footnote", {1: "Home Office migrant victims "
                                                            "protocol, 2020."}),
             "word/endnotes.xml": notes_part("endnote", {1: "Reviewed annually."})}
    doc = extract(docx_with_body(tmp_path / "n.docx", body, parts))
    assert texts(doc) == ["See the protocol.", "Next paragraph.", "End."]
    assert texts(doc, "footnote") == ["Home Office migrant victims protocol, 2020."]
    assert texts(doc, "endnote") == ["Reviewed annually."]
    order = [b.text for b in doc.blocks]
    assert order.index("Home Office migrant victims protocol, 2020.") == 1


def test_headers_and_footers_are_not_body_text(single_policy_docx: Path) -> None:
    doc = extract(single_policy_docx)
    joined = " ".join(b.text for b in doc.blocks)
    assert "OFFICIAL SENSITIVE" not in joined
    assert "Page 1 of" not in joined
    assert doc.blocks[0].text == "Migrant Victims and Witnesses Policy"


def test_tracked_changes_are_accepted(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:t xml:space="preserve">Officers </w:t></w:r>'
            '<w:del w:id="1" w:author="A"><w:r><w:delText xml:space="preserve">may share '
            '</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t xml:space='
            '"preserve">will not share </w:t></w:r></w:ins><w:r><w:t>status information.</w:t>'
            '</w:r></w:p>'
            '<w:p><w:moveFrom w:id="3" w:author="A"><w:r><w:t>Victims come first.</w:t></w:r>'
            '</w:moveFrom></w:p>' + p("Middle.") +
            '<w:p><w:moveTo w:id="4" w:author="A"><w:r><w:t>Victims come first.</w:t></w:r>'
            '</w:moveTo></w:p>')
    doc = extract(docx_with_body(tmp_path / "r.docx", body))
    assert texts(doc) == ["Officers will not share status information.", "Middle.",
                          "Victims come first."]
    assert doc.had_revisions
    assert doc.notices == ("tracked changes were present; checked as if all were accepted",)


def test_deleted_paragraph_mark_joins_paragraphs(tmp_path: Path) -> None:
    deleted_mark = '<w:rPr><w:del w:id="9" w:author="A"/></w:rPr>'
    body = (p("Officers will not share ", extra_ppr=deleted_mark)
            + p("status information.", "Heading2") + p("Next paragraph.")
            + p("Trailing text before a table.", extra_ppr=deleted_mark)
            + "<w:tbl><w:tr><w:tc>" + p("Cell.") + "</w:tc></w:tr></w:tbl>")
    doc = extract(docx_with_body(tmp_path / "marks.docx", body))
    assert [(b.kind, b.text) for b in doc.blocks] == [
        (BlockKind.HEADING, "Officers will not share status information."),
        (BlockKind.PARAGRAPH, "Next paragraph."),
        (BlockKind.PARAGRAPH, "Trailing text before a table."),
        (BlockKind.TABLE_CELL, "Cell."),
    ]


def test_deleted_table_row_is_dropped(tmp_path: Path) -> None:
    row = "<w:tr>{}<w:tc>{}</w:tc></w:tr>"
    body = ("<w:tbl>" + row.format("", p("Kept row."))
            + row.format('<w:trPr><w:del w:id="5" w:author="A"/></w:trPr>', p("Deleted row."))
            + row.format("", p("Last row.")) + "</w:tbl>")
    doc = extract(docx_with_body(tmp_path / "rows.docx", body))
    assert [(b.text, b.location.row) for b in doc.blocks] == [("Kept row.", 1), ("Last row.", 2)]
    assert doc.had_revisions


def test_no_revisions_no_notice(tmp_path: Path) -> None:
    doc = extract(docx_with_body(tmp_path / "plain.docx", p("Plain.")))
    assert not doc.had_revisions and doc.notices == ()


def test_comments_are_kept_apart_from_text(tmp_path: Path) -> None:
    body = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Officers will '
            'not share data.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference '
            'w:id="0"/></w:r><w:r><w:t xml:space="preserve"> Other text.</w:t></w:r></w:p>')
    comments = (f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="J. Reviewer">'
                + p("Is this too absolute?") + '</w:comment></w:comments>')
    doc = extract(docx_with_body(tmp_path / "c.docx", body, {"word/comments.xml": comments}))
    assert texts(doc) == ["Officers will not share data. Other text."]
    assert len(doc.comments) == 1
    comment = doc.comments[0]
    assert (comment.author, comment.text, comment.anchor) == (
        "J. Reviewer", "Is this too absolute?", "Officers will not share data.")


def test_field_codes_and_tables_of_contents_are_not_text(tmp_path: Path) -> None:
    body = ('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK '
            '"https://example.org"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
            '</w:r><w:r><w:t>the protocol</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/>'
            '</w:r></w:p>' + p("1 Scope 3", style="TOC1"))
    doc = extract(docx_with_body(tmp_path / "f.docx", body))
    assert texts(doc) == ["the protocol"]


def test_strict_ooxml_is_read(tmp_path: Path) -> None:
    strict = CORPUS / "docx" / "d2p-strict.docx"
    if not strict.exists():
        pytest.skip("corpus not present")
    doc = extract(strict)
    kinds = {b.text: b.kind for b in doc.blocks}
    assert kinds["Bullet1"] is BlockKind.LIST_ITEM
    assert kinds["Cellaa"] is BlockKind.TABLE_CELL
    assert "Strict Open XML document read with its transitional equivalents" in doc.notices
