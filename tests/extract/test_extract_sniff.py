"""Format detection by content first, suffix second; clear errors for what cannot be read."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest
from extract_builders import CORPUS, write_policy_docx

from policycheck.errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    InputError,
    UnsupportedFormatError,
)
from policycheck.extract import extract, sniff_format

MINIMAL_PDF = CORPUS / "pdf" / "issue-33-lorem-ipsum.pdf"


def test_pdf_named_docx_is_read_as_pdf(tmp_path: Path) -> None:
    if not MINIMAL_PDF.exists():
        pytest.skip("corpus not present")
    fake = tmp_path / "policy.docx"
    shutil.copy(MINIMAL_PDF, fake)
    doc = extract(fake)
    assert doc.format == "pdf"
    assert doc.blocks and doc.blocks[0].location.page == 1


def test_docx_without_suffix_is_read_as_docx(tmp_path: Path) -> None:
    source = write_policy_docx(tmp_path / "p.docx")
    bare = tmp_path / "policy"
    source.rename(bare)
    doc = extract(bare)
    assert doc.format == "docx"
    assert doc.blocks[0].text == "Migrant Victims and Witnesses Policy"


def test_text_without_suffix_is_read_as_text(tmp_path: Path) -> None:
    bare = tmp_path / "README"
    bare.write_text("1. Scope\n\nThis policy applies to all staff.\n", encoding="utf-8")
    doc = extract(bare)
    assert doc.format == "text"
    assert [b.text for b in doc.blocks] == ["1. Scope", "This policy applies to all staff."]


def test_html_is_sniffed_from_content(tmp_path: Path) -> None:
    page = tmp_path / "policy.txt"
    page.write_text("<!DOCTYPE html><html><body><p>Victims first.</p></body></html>")
    assert sniff_format(page) == "html"


@pytest.mark.parametrize(
    ("name", "content", "error", "reason"),
    [
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, UnsupportedFormatError,
         "is a legacy Microsoft Office file (OLE2, e.g. Word 97-2003 .doc): "
         "save it as .docx or PDF"),
        ("policy.rtf", b"{\\rtf1\\ansi Victims first.}", UnsupportedFormatError,
         "is a Rich Text Format (.rtf) file: save it as .docx or PDF"),
        ("blob.bin", bytes(range(256)) * 4, UnsupportedFormatError,
         "is an unrecognised binary file (suffix '.bin')"),
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnsupportedFormatError,
         "is a PNG image; run OCR and save the text as PDF or .docx"),
        ("policy.pdf", b"Just some text pretending to be a PDF.\n", CorruptDocumentError,
         "is named .pdf but holds plain text, not PDF"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode(
            "utf-16-le"), EncryptedDocumentError,
         "is a password-protected Office document; remove the password or save it as PDF"),
    ],
)
def test_unreadable_content_names_the_reason(
    tmp_path: Path, name: str, content: bytes, error: type[Exception], reason: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as info:
        extract(path)
    assert str(info.value) == f"{path}: {reason}"


def test_zip_that_is_a_spreadsheet_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "sheet.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(UnsupportedFormatError, match="an Excel workbook"):
        extract(path)


def test_truncated_docx_is_corrupt(tmp_path: Path) -> None:
    source = write_policy_docx(tmp_path / "p.docx")
    data = source.read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocumentError):
        extract(broken)


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.touch()
    with pytest.raises(InputError, match=r"empty\.docx: is empty \(0 bytes\)$"):
        extract(path)


def test_directory_named_like_a_pdf(tmp_path: Path) -> None:
    folder = tmp_path / "x.pdf"
    folder.mkdir()
    with pytest.raises(InputError, match=r"x\.pdf: is a directory, not a document$"):
        extract(folder)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        extract(tmp_path / "nowhere.docx")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permissions are not enforced for root or on this platform")
def test_unreadable_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("Victims first.")
    path.chmod(0)
    try:
        with pytest.raises(InputError, match="permission denied"):
            extract(path)
    finally:
        path.chmod(0o600)


def test_markdown_that_mentions_html_tags_stays_markdown(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Web pages\n\nThe intranet page uses a <body> tag and <html> root.\n")
    assert sniff_format(path) == "markdown"


def test_html_after_a_bom_and_comment_is_html(tmp_path: Path) -> None:
    path = tmp_path / "saved"
    path.write_bytes(b"\xef\xbb\xbf\n<!-- saved from url -->\n<html><body><p>Hi.</p></body></html>")
    assert sniff_format(path) == "html"
