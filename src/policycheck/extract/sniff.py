"""Name a file's format from its first bytes, falling back to its suffix for text files."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from policycheck.errors import CorruptDocumentError, EncryptedDocumentError, UnsupportedFormatError
from policycheck.extract.decode import looks_binary, utf16_without_bom
from policycheck.extract.limits import detail

SUFFIXES: dict[str, str] = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}

SAVE_AS = "save it as .docx or PDF"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ODT_MIME = b"application/vnd.oasis.opendocument.text"
# HTML opens (after a BOM, whitespace, an XML declaration or comments) with one of these.
_HTML = re.compile(
    rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)
_IMAGES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
}
_ZIP_KINDS = {
    "xl/workbook.xml": "an Excel workbook (.xlsx)",
    "ppt/presentation.xml": "a PowerPoint presentation (.pptx)",
}


def _zip_format(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                mime = zf.read("mimetype") if info.file_size < 256 else b""
                if mime.strip() in (ODT_MIME, ODT_MIME + b"-template"):
                    return "odt"
                kind = mime.decode("ascii", "replace").strip() or "unknown"
                raise UnsupportedFormatError(f"is an OpenDocument file of type '{kind}'", path)
            types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
        raise CorruptDocumentError(f"is a damaged zip package ({detail(exc)})", path) from exc
    if b"wordprocessingml" in types or "word/document.xml" in names:
        return "docx"
    for member, kind in _ZIP_KINDS.items():
        if member in names:
            raise UnsupportedFormatError(f"is {kind}, not a text document", path)
    raise UnsupportedFormatError("is a zip archive, not a document", path)


def _ole2(path: Path, head: bytes) -> None:
    with path.open("rb") as fh:
        data = head + fh.read(4 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise EncryptedDocumentError(
            "is a password-protected Office document; remove the password or save it as PDF", path
        )
    raise UnsupportedFormatError(
        f"is a legacy Microsoft Office file (OLE2, e.g. Word 97-2003 .doc): {SAVE_AS}", path
    )


def _is_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = head[:4096]
    if b"\x00" not in sample:
        return True
    if utf16_without_bom(sample):
        return True
    return not looks_binary(sample)


def _html_head(head: bytes) -> bool:
    text = head
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:200]:
        text = head[2:].replace(b"\x00", b"")
    text = text.removeprefix(b"\xef\xbb\xbf")
    return _HTML.match(text[:4096]) is not None


def sniff_format(path: Path) -> str:
    """Name the format of `path` from its content first, its suffix second."""
    with path.open("rb") as fh:
        head = fh.read(8192)
    suffix = path.suffix.lower()
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(path)
    if head.startswith(OLE2):
        _ole2(path, head)
    if head.lstrip()[:5] == b"{\\rtf":
        raise UnsupportedFormatError(f"is a Rich Text Format (.rtf) file: {SAVE_AS}", path)
    for magic, kind in _IMAGES.items():
        if head.startswith(magic):
            raise UnsupportedFormatError(
                f"is {kind}; run OCR and save the text as PDF or .docx", path)
    if not _is_text(head):
        shown = suffix or "none"
        raise UnsupportedFormatError(f"is an unrecognised binary file (suffix '{shown}')", path)
    if _html_head(head):
        return "html"
    fmt = SUFFIXES.get(suffix)
    if fmt in ("pdf", "docx", "odt"):
        raise CorruptDocumentError(
            f"is named {suffix} but holds plain text, not {fmt.upper()}", path)
    return fmt or "text"
