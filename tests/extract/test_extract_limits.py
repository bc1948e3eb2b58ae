"""Safety limits: zip bombs, entity expansion, deep nesting, oversized inputs, page counts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from extract_builders import docx_with_body, p, rewrite_member

from policycheck.errors import CorruptDocumentError, ResourceLimitError
from policycheck.extract import ExtractOptions, Limits, extract

W_DECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_zip_bomb_member_refused_before_inflating(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "bomb.docx", p("Victims first."))
    padding = b" " * (20 * 1024 * 1024)  # 20 MB of spaces deflates to about 20 KB
    document = (f'<w:document {W_DECL}><w:body>'.encode() + padding
                + p("Hidden.").encode() + b"</w:body></w:document>")
    rewrite_member(path, "word/document.xml", document)
    with pytest.raises(ResourceLimitError) as info:
        extract(path)
    assert "member word/document.xml has compression ratio" in str(info.value)
    assert "(max_compression_ratio)" in str(info.value)


def test_declared_total_size_is_checked_from_the_directory(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "big.docx", p("Victims first."))
    options = ExtractOptions(limits=Limits(max_total_bytes=10_000))
    with pytest.raises(ResourceLimitError, match=r"over the 10 KB limit \(max_total_bytes\)"):
        extract(path, options)


def test_member_size_limit(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "m.docx", p("Victims first. " * 200))
    options = ExtractOptions(limits=Limits(max_member_bytes=2_000))
    with pytest.raises(ResourceLimitError, match=r"\(max_member_bytes\)"):
        extract(path, options)


def test_too_many_zip_members(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "many.docx", p("Victims first."))
    with zipfile.ZipFile(path, "a") as zf:
        for i in range(30):
            zf.writestr(f"customXml/extra{i}.xml", "<x/>")
    options = ExtractOptions(limits=Limits(max_zip_members=20))
    with pytest.raises(ResourceLimitError, match=r"members, over the limit of 20"):
        extract(path, options)


def test_billion_laughs_is_never_expanded(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "lol.docx", p("Victims first."))
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [{entities}]>'
                f'<w:document {W_DECL}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
                '</w:body></w:document>')
    rewrite_member(path, "word/document.xml", document.encode())
    with pytest.raises(CorruptDocumentError) as info:
        extract(path)
    reason = "word/document.xml declares a DTD, which this format never uses"
    assert str(info.value) == f"{path}: {reason}"


def test_nested_tables_past_the_depth_limit(tmp_path: Path) -> None:
    inner = p("Deepest cell.")
    for _ in range(20):
        inner = f"<w:tbl><w:tr><w:tc>{inner}{p('')}</w:tc></w:tr></w:tbl>"
    path = docx_with_body(tmp_path / "deep.docx", inner + p("After."))
    with pytest.raises(ResourceLimitError, match=r"tables nested more than 16 deep"):
        extract(path)
    shallow = ExtractOptions(limits=Limits(max_table_depth=32))
    doc = extract(path, shallow)
    assert doc.blocks[-2].text == "Deepest cell." and doc.blocks[-2].location.table == 20


def test_text_file_read_within_a_bound(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Victims first. " * 1000)
    options = ExtractOptions(limits=Limits(max_text_bytes=4096))
    with pytest.raises(ResourceLimitError, match=r"text file is over the 4 KB limit"):
        extract(path, options)


def test_pdf_page_count_limit(single_policy_pdf: Path) -> None:
    options = ExtractOptions(limits=Limits(max_pdf_pages=0))
    with pytest.raises(ResourceLimitError, match=r"over the limit of 0 \(max_pdf_pages\)"):
        extract(single_policy_pdf, options)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_giant_page_guard(single_policy_pdf: Path, engine: str) -> None:
    options = ExtractOptions(pdf_engine=engine, limits=Limits(max_page_area=1000.0))
    with pytest.raises(ResourceLimitError, match=r"page 1 measures 612 x 792 pt"):
        extract(single_policy_pdf, options)


def test_damaged_deflate_stream_is_corrupt(tmp_path: Path) -> None:
    path = docx_with_body(tmp_path / "damaged.docx", p("Victims first. " * 400))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 20, start + info.compress_size - 20, 7):
        data[offset] ^= 0x5A
    path.write_bytes(bytes(data))
    with pytest.raises(CorruptDocumentError, match=r"member word/document\.xml cannot be read"):
        extract(path)
