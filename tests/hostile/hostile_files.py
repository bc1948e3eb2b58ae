"""Build hostile and broken input files in a folder: bombs, entity tricks, odd files, odd text."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

GOOD_POLICY = """\
Migrant Victims and Witnesses Policy

PURPOSE

Victims are treated as victims first and foremost, whatever their immigration status.
Safeguarding always comes before any question of status. Officers must not check a victim's
immigration status solely to establish it.

INFORMATION SHARING

Officers will not share a victim's information with Immigration Enforcement where the only
concern is doubt about their status. Any sharing must be necessary and proportionate under
Part 3 of the Data Protection Act 2018, and the decision must be recorded.

Officers refer the victim to an independent specialist support service and explain to the
victim whether, when and why their information may be shared.
"""

# Text that is harmless only if every output format carries it inert.
HOSTILE_TEXT = (
    "<script>alert('x')</script> &amp; &lt;b&gt; {0}{name}%s%n "
    "\x1b]0;pwned-title\x07\x1b[2J\x1b[31m red \x00\x01\x07\x08 "
    "\u202eevil\u202c [bold red]rich markup[/bold red] "
    "=HYPERLINK(\"http://evil.example/\",\"click\")"
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
ODT_MIME = "application/vnd.oasis.opendocument.text"
ODT_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
    '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="' + ODT_MIME + '"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '</manifest:manifest>'
)
ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
              for i in range(1, 10))
    + "]>"
)
XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def docx_xml(body: str, prolog: str = "") -> str:
    """A document.xml with `body` paragraphs' XML and an optional DTD prolog."""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


def para(text: str) -> str:
    """One Word paragraph of plain text (XML-escaped)."""
    from xml.sax.saxutils import escape

    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def write_docx(path: Path, document_xml: str | bytes, extra: dict[str, bytes] | None = None,
               compress: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal DOCX package around `document_xml`, with extra members."""
    with zipfile.ZipFile(path, "w", compress) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def write_odt(path: Path, content_xml: str | bytes) -> Path:
    """A minimal ODT package around `content_xml`."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), ODT_MIME)  # stored, first, as ODF requires
        zf.writestr("META-INF/manifest.xml", ODT_MANIFEST)
        zf.writestr("content.xml", content_xml)
    return path


def odt_xml(body: str, prolog: str = "") -> str:
    """A content.xml with `body` text and an optional DTD prolog."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODT_NS}>'
            f"<office:body><office:text>{body}</office:text></office:body>"
            "</office:document-content>")


def _zeros_xml(size: int) -> bytes:
    """A well-formed document.xml padded with `size` bytes of spaces: compresses ~1000:1."""
    head = docx_xml(para("Victims first.")).encode()
    return head.replace(b"<w:body>", b"<w:body>" + b" " * size)


def docx_bomb_ratio(path: Path) -> Path:
    """document.xml inflates 1000:1 (16 MB from ~16 KB)."""
    return write_docx(path, _zeros_xml(16 * 1024 * 1024))


def docx_bomb_declared(path: Path) -> Path:
    """A member that declares 600 MB uncompressed (over every size limit)."""
    path = write_docx(path, docx_xml(para("Victims first.")), {"word/media/x.bin": b"x" * 1024})
    data = bytearray(path.read_bytes())
    _patch_size(data, b"word/media/x.bin", 600 * 1024 * 1024)
    path.write_bytes(bytes(data))
    return path


def docx_bomb_lying(path: Path) -> Path:
    """document.xml declares 2 KB but inflates to 8 MB: the declared size is a lie."""
    real = _zeros_xml(8 * 1024 * 1024)
    path = write_docx(path, real)
    data = bytearray(path.read_bytes())
    _patch_size(data, b"word/document.xml", 2048)
    path.write_bytes(bytes(data))
    return path


def _patch_size(data: bytearray, name: bytes, size: int) -> None:
    """Rewrite a member's uncompressed size in its local header and central directory entry."""
    local = data.find(b"PK\x03\x04" + data[4:4])  # first local header
    while local != -1:
        name_len = int.from_bytes(data[local + 26:local + 28], "little")
        if data[local + 30:local + 30 + name_len] == name:
            data[local + 22:local + 26] = size.to_bytes(4, "little")
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(data[central + 28:central + 30], "little")
        if data[central + 46:central + 46 + name_len] == name:
            data[central + 24:central + 28] = size.to_bytes(4, "little")
        central = data.find(b"PK\x01\x02", central + 4)


def docx_many_members(path: Path) -> Path:
    """6,000 tiny members: over the member-count limit."""
    extra = {f"word/media/m{i}.bin": b"" for i in range(6000)}
    return write_docx(path, docx_xml(para("Victims first.")), extra, zipfile.ZIP_STORED)


def docx_nested_zip(path: Path) -> Path:
    """A .docx that is only a zip holding another zip bomb: no Word document inside."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.bin", b"\x00" * (16 * 1024 * 1024))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("inner.zip", inner.getvalue())
    return path


def odt_bomb(path: Path) -> Path:
    """content.xml inflates 1000:1."""
    body = "<text:p>Victims first.</text:p>" + " " * (16 * 1024 * 1024)
    return write_odt(path, odt_xml(body))


def docx_laughs(path: Path) -> Path:
    """document.xml with a billion-laughs DTD."""
    return write_docx(path, docx_xml(para("&lol9;").replace("&amp;", "&"), LAUGHS))


def docx_xxe(path: Path) -> Path:
    """document.xml pulling /etc/passwd through an external entity."""
    return write_docx(path, docx_xml(para("&xxe;").replace("&amp;", "&"), XXE))


def odt_laughs(path: Path) -> Path:
    """content.xml with a billion-laughs DTD."""
    return write_odt(path, odt_xml("<text:p>&lol9;</text:p>", LAUGHS))


def odt_xxe(path: Path) -> Path:
    """content.xml pulling /etc/passwd through an external entity."""
    return write_odt(path, odt_xml("<text:p>&xxe;</text:p>", XXE))


def html_laughs(path: Path) -> Path:
    """An XHTML page with a billion-laughs DTD and the entity in its body."""
    path.write_text(f'<?xml version="1.0"?>{LAUGHS}<html><body><p>Victims first. &lol9;</p>'
                    "</body></html>", encoding="utf-8")
    return path


def html_xxe(path: Path) -> Path:
    """An XHTML page referencing file:///etc/passwd as an entity, an iframe and an image."""
    path.write_text(
        f'<?xml version="1.0"?>{XXE}<html><body><p>Victims first. &xxe;</p>'
        '<iframe src="file:///etc/passwd"></iframe><img src="file:///etc/passwd">'
        '<object data="file:///etc/passwd"></object></body></html>', encoding="utf-8")
    return path


def html_deep(path: Path, depth: int = 100_000) -> Path:
    """Divs nested `depth` deep around a paragraph."""
    path.write_text("<html><body>" + "<div>" * depth + "<p>Victims first.</p>"
                    + "</div>" * depth + "</body></html>", encoding="utf-8")
    return path


def html_deep_tables(path: Path, depth: int = 200) -> Path:
    """Tables nested `depth` deep, each in the previous one's cell."""
    path.write_text("<html><body>" + "<table><tr><td>cell" * depth
                    + "</td></tr></table>" * depth + "</body></html>", encoding="utf-8")
    return path


def long_line(path: Path, size: int = 10 * 1024 * 1024) -> Path:
    """One 10 MB line without a space."""
    path.write_bytes(b"Victims" + b"x" * size + b"\n")
    return path


def sparse(path: Path, size: int) -> Path:
    """A sparse file of `size` bytes: 16 KB of policy text, then a hole that reads as NULs."""
    with path.open("wb") as fh:
        fh.write((GOOD_POLICY.encode() + b"\n") * 24)
        fh.truncate(size)
    return path


def pdf_pages(path: Path, pages: int, width: float = 612, height: float = 792) -> Path:
    """A PDF of blank pages, made with pypdfium2."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(width, height)
    pdf.save(str(path))
    pdf.close()
    return path


def text_pdf(path: Path, text: str = "Victims are treated as victims first.") -> Path:
    """A one-page PDF with a text layer, written by hand."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    return _pdf_with_stream(path, stream, b"/Font << /F1 5 0 R >>")


def pdf_truncated(path: Path) -> Path:
    """The first 40% of a text PDF."""
    data = text_pdf(path).read_bytes()
    path.write_bytes(data[: len(data) * 2 // 5])
    return path


def pdf_garbage_xref(path: Path) -> Path:
    """A PDF whose xref table and trailer are replaced by junk."""
    data = text_pdf(path).read_bytes()
    cut = data.rindex(b"xref")
    path.write_bytes(data[:cut] + b"xref\nGARBAGE \xff\xfe 0 0 n\ntrailer\n<< /Root 99 0 R >>\n"
                     b"startxref\n999999\n%%EOF\n")
    return path


def pdf_giant_page(path: Path) -> Path:
    """One page of 200,000 x 200,000 points."""
    return pdf_pages(path, 1, 200_000, 200_000)


def special_fifo(path: Path) -> Path:
    """A named pipe: opening it for reading would block for ever."""
    os.mkfifo(path)
    return path


def symlink_loop(path: Path) -> Path:
    """`path` -> loop-b.txt -> `path`: a symbolic link loop."""
    other = path.with_name("loop-b.txt")
    path.symlink_to(other.name)
    other.symlink_to(path.name)
    return path


def dangling(path: Path) -> Path:
    """A symlink to nothing."""
    path.symlink_to("does-not-exist.txt")
    return path


Builder = Callable[[Path], Path]


def docx_declares_huge(path: Path) -> Path:
    """document.xml declares 600 MB uncompressed: refused before anything is inflated."""
    path = write_docx(path, docx_xml(para("Victims first.")))
    data = bytearray(path.read_bytes())
    _patch_size(data, b"word/document.xml", 600 * 1024 * 1024)
    path.write_bytes(bytes(data))
    return path


def docx_declares_total(path: Path) -> Path:
    """Five media members declaring 300 MB each: over the package's total size limit."""
    extra = {f"word/media/m{i}.bin": b"x" for i in range(5)}
    path = write_docx(path, docx_xml(para("Victims first.")), extra)
    data = bytearray(path.read_bytes())
    for i in range(5):
        _patch_size(data, f"word/media/m{i}.bin".encode(), 300 * 1024 * 1024)
    path.write_bytes(bytes(data))
    return path


def pdf_image_only(path: Path) -> Path:
    """A page with one grey inline image and no text layer."""
    stream = b"q 200 0 0 200 100 400 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x80\x40\x40\x80 EI Q"
    return _pdf_with_stream(path, stream, b"")


def _pdf_with_stream(path: Path, stream: bytes, resources: bytes) -> Path:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << " + resources + b" >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    path.write_bytes(bytes(out) + trailer.encode())
    return path


def docx_deep(path: Path) -> Path:
    """Content controls nested 5,000 deep around one paragraph."""
    body = "<w:sdt><w:sdtContent>" * 5000 + para("Victims first.")
    return write_docx(path, docx_xml(body + "</w:sdtContent></w:sdt>" * 5000))


def docx_deep_tables(path: Path) -> Path:
    """Tables nested 40 deep, each in the previous one's cell."""
    body = "<w:tbl><w:tr><w:tc>" * 40 + para("Victims first.")
    return write_docx(path, docx_xml(body + "</w:tc></w:tr></w:tbl>" * 40))
