"""ODT: LibreOffice conversions and hand-written content.xml with changes, notes, comments."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from extract_builders import rewrite_member

from policycheck.extract import extract
from policycheck.model import BlockKind

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odt(path: Path, body: str, title: str = "") -> Path:
    """A minimal but valid ODT package around an office:text body."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
               f'<office:body><office:text>{body}</office:text></office:body>'
               '</office:document-content>')
    meta = (f'<?xml version="1.0"?><office:document-meta {NS}><office:meta>'
            f'<dc:title>{title}</dc:title></office:meta></office:document-meta>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("meta.xml", meta)
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return path


def test_converted_policy_keeps_structure(single_policy_odt: Path) -> None:
    doc = extract(single_policy_odt)
    assert doc.format == "odt"
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["Information sharing"].kind is BlockKind.HEADING
    assert by_text["Information sharing"].level == 2
    item = by_text["Refer the victim to an independent specialist support service."]
    assert item.kind is BlockKind.LIST_ITEM
    assert item.location.heading_path == ("Migrant Victims and Witnesses Policy",
                                          "Information sharing")
    cell = by_text["Records the referral."]
    assert (cell.kind, cell.location.table, cell.location.row, cell.location.cell) == (
        BlockKind.TABLE_CELL, 1, 2, 2)
    assert not any("OFFICIAL SENSITIVE" in b.text for b in doc.blocks)


def test_tracked_changes_accepted_and_notice_given(tmp_path: Path) -> None:
    body = ('<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
            '<text:p>may share </text:p></text:deletion></text:changed-region>'
            '<text:changed-region text:id="c2"><text:insertion/></text:changed-region>'
            '</text:tracked-changes>'
            '<text:h text:outline-level="1">Sharing</text:h>'
            '<text:p>Officers <text:change text:change-id="c1"/><text:change-start '
            'text:change-id="c2"/>will not share<text:change-end text:change-id="c2"/> '
            'status.</text:p>')
    doc = extract(odt(tmp_path / "r.odt", body, title="Sharing Policy"))
    assert [b.text for b in doc.blocks] == ["Sharing", "Officers will not share status."]
    assert doc.had_revisions
    assert doc.notices == ("tracked changes were present; checked as if all were accepted",)
    assert doc.title == "Sharing Policy"


def test_notes_comments_frames_lists_and_merged_cells(tmp_path: Path) -> None:
    body = ('<text:p>See the protocol.<text:note text:note-class="footnote"><text:note-citation>'
            '1</text:note-citation><text:note-body><text:p>Home Office, 2020.</text:p>'
            '</text:note-body></text:note><office:annotation><dc:creator>J. Reviewer'
            '</dc:creator><text:p>Which protocol?</text:p></office:annotation></text:p>'
            '<text:list><text:list-item><text:p>Outer item.</text:p><text:list>'
            '<text:list-item><text:p>Inner item.</text:p></text:list-item></text:list>'
            '</text:list-item></text:list>'
            '<text:p><draw:frame><draw:text-box><text:p>Call 999.</text:p></draw:text-box>'
            '</draw:frame>Body<text:s text:c="2"/>text.</text:p>'
            '<table:table><table:table-row><table:table-cell table:number-columns-spanned="2">'
            '<text:p>Wide</text:p></table:table-cell><table:covered-table-cell/>'
            '</table:table-row><table:table-row><table:table-cell><text:p>A</text:p>'
            '</table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell>'
            '</table:table-row></table:table>')
    doc = extract(odt(tmp_path / "n.odt", body))
    shape = [(b.kind, b.text, b.location.part, b.level) for b in doc.blocks]
    assert shape == [
        (BlockKind.PARAGRAPH, "See the protocol.", "body", 0),
        (BlockKind.PARAGRAPH, "Home Office, 2020.", "footnote", 0),
        (BlockKind.LIST_ITEM, "Outer item.", "body", 1),
        (BlockKind.LIST_ITEM, "Inner item.", "body", 2),
        (BlockKind.PARAGRAPH, "Body text.", "body", 0),
        (BlockKind.PARAGRAPH, "Call 999.", "textbox", 0),
        (BlockKind.TABLE_CELL, "Wide", "body", 0),
        (BlockKind.TABLE_CELL, "A", "body", 0),
        (BlockKind.TABLE_CELL, "B", "body", 0),
    ]
    assert [(b.location.row, b.location.cell) for b in doc.blocks[-3:]] == [(1, 1), (2, 1),
                                                                          (2, 2)]
    assert [(c.author, c.text) for c in doc.comments] == [("J. Reviewer", "Which protocol?")]
    assert not doc.had_revisions


def test_encrypted_odt_and_other_opendocument_types(tmp_path: Path) -> None:
    from policycheck.errors import EncryptedDocumentError, UnsupportedFormatError

    locked = odt(tmp_path / "locked.odt", "<text:p>Secret.</text:p>")
    rewrite_member(locked, "META-INF/manifest.xml",
                   b"<manifest><file-entry><encryption-data/></file-entry></manifest>")
    with pytest.raises(EncryptedDocumentError, match="password-protected"):
        extract(locked)
    sheet = tmp_path / "sheet.odt"
    with zipfile.ZipFile(sheet, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<x/>")
    with pytest.raises(UnsupportedFormatError) as info:
        extract(sheet)
    assert str(info.value).endswith(
        "is an OpenDocument file of type 'application/vnd.oasis.opendocument.spreadsheet'")
