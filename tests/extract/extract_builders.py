"""Build small test documents in code: DOCX (python-docx plus raw XML), HTML, Markdown, PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

SOFFICE = shutil.which("soffice")


def _corpus() -> Path:
    """The shared real-world corpus: beside the repository (or beside its worktree folder)."""
    root = Path(__file__).resolve().parents[2]
    candidates = [root / ".." / "shared" / "corpus", root / ".." / ".." / "shared" / "corpus"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


CORPUS = _corpus()

# One policy, written out in every format by the functions below.
POLICY: list[tuple[str, object]] = [
    ("h1", "Migrant Victims and Witnesses Policy"),
    ("p", "This policy sets out how Northshire Police supports victims and witnesses who have "
          "insecure or uncertain immigration status. It applies to every officer and member of "
          "staff who may meet such victims."),
    ("h2", "Purpose"),
    ("p", "Victims are treated as victims first and foremost, whatever their immigration "
          "status. Safeguarding always comes before any question of status. Officers must not "
          "check a victim's status solely to establish it."),
    ("h2", "Information sharing"),
    ("p", "Officers will not share a victim's information with Immigration Enforcement where "
          "the only concern is doubt about their status. Any sharing must be necessary and "
          "proportionate under Part 3 of the Data Protection Act 2018, and the decision must "
          "be recorded."),
    ("li", "Refer the victim to an independent specialist support service."),
    ("li", "Explain to the victim whether, when and why their information may be shared."),
    ("p", "The force works with specialist organisations to keep these pathways current. "
          "Officers can find the referral forms on the intranet."),
    ("h2", "Responsibilities"),
    ("table", [["Role", "Duty"], ["Officer", "Records the referral."],
               ["Supervisor", "Reviews the decision."]]),
    ("p", "This policy is reviewed every year by the Head of Public Protection."),
]


def sentences_of(policy: list[tuple[str, object]]) -> list[str]:
    """Text pieces in order, as a reader would meet them."""
    out: list[str] = []
    for kind, value in policy:
        if kind == "table":
            out.extend(cell for row in value for cell in row)  # type: ignore[attr-defined]
        else:
            out.append(str(value))
    return out


def write_policy_docx(path: Path, *, header: str = "OFFICIAL SENSITIVE - Northshire Police",
                      pages: int = 1) -> Path:
    """The POLICY as a Word document with a running header and a 'Page N of M' footer.

    `pages` > 1 repeats the body so the PDF rendering spans several pages.
    """
    import docx
    from docx.oxml import parse_xml

    doc = docx.Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = header
    footer = section.footer.paragraphs[0]
    footer._p.append(parse_xml(  # "Page <PAGE> of <NUMPAGES>"
        f'<w:r xmlns:w="{W}"><w:t xml:space="preserve">Page </w:t></w:r>'))
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(
        f'<w:r xmlns:w="{W}"><w:t xml:space="preserve"> of </w:t></w:r>'))
    footer._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{W}" w:instr="NUMPAGES"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    for _ in range(pages):
        for kind, value in POLICY:
            if kind == "h1":
                doc.add_heading(str(value), 1)
            elif kind == "h2":
                doc.add_heading(str(value), 2)
            elif kind == "p":
                doc.add_paragraph(str(value))
            elif kind == "li":
                doc.add_paragraph(str(value), style="List Bullet")
            elif kind == "table":
                rows: list[list[str]] = value  # type: ignore[assignment]
                table = doc.add_table(rows=len(rows), cols=len(rows[0]))
                table.style = "Table Grid"
                for r, row in enumerate(rows):
                    for c, text in enumerate(row):
                        table.cell(r, c).text = text
    doc.save(str(path))
    return path


def policy_html(path: Path) -> Path:
    """The POLICY as a web page with navigation, a header, a footer and a script around it."""
    body: list[str] = []
    items: list[str] = []
    for kind, value in [*POLICY, ("end", "")]:
        if kind != "li" and items:
            body.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items = []
        if kind == "h1":
            body.append(f"<h1>{value}</h1>")
        elif kind == "h2":
            body.append(f"<h2>{value}</h2>")
        elif kind == "p":
            body.append(f"<p>{str(value).replace(chr(39), '&#39;')}</p>")  # entity-encoded
        elif kind == "li":
            items.append(str(value))
        elif kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            body.append("<table>" + "".join(
                "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
                + "</table>")
    page = ("<!DOCTYPE html><html><head><title>Policy</title><script>var x = 'Officers "
            "will share everything';</script></head><body><header>Northshire Police home"
            "</header><nav><a href='/'>Home</a> <a href='/p'>Policies</a></nav><main>"
            + "".join(body) + "</main><footer>Copyright Northshire Police</footer></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


def policy_markdown(path: Path) -> Path:
    """The POLICY as Markdown, with a pipe table."""
    lines: list[str] = []
    for kind, value in POLICY:
        if kind == "h1":
            lines += ["", f"# {value}", ""]
        elif kind == "h2":
            lines += ["", f"## {value}", ""]
        elif kind == "p":
            lines += ["", str(value), ""]
        elif kind == "li":
            lines.append(f"- {value}")
        elif kind == "table":
            rows: list[list[str]] = value  # type: ignore[assignment]
            lines += ["", "| " + " | ".join(rows[0]) + " |", "|---|---|"]
            lines += ["| " + " | ".join(row) + " |" for row in rows[1:]] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def convert(source: Path, fmt: str, outdir: Path) -> Path:
    """Convert with LibreOffice using a private profile (callers skip when soffice is absent)."""
    assert SOFFICE is not None
    profile = outdir / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         fmt, "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(outdir)},
    )
    return outdir / (source.stem + "." + fmt)


# --- raw WordprocessingML -------------------------------------------------------------------

def p(text: str, style: str | None = None, extra_ppr: str = "") -> str:
    """A w:p with one run of text (XML-escaped by the caller if needed)."""
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr += extra_ppr
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def docx_with_body(path: Path, body_xml: str, parts: dict[str, str] | None = None,
                   title: str | None = None) -> Path:
    """A real python-docx document whose body is replaced by `body_xml`.

    `parts` adds members such as word/footnotes.xml or word/comments.xml, wired up with
    relationships and content types so Word and LibreOffice could open them too.
    """
    import docx

    base = path.with_suffix(".base.docx")
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.save(str(base))
    parts = parts or {}
    kinds = {"footnotes": "footnotes", "endnotes": "endnotes", "comments": "comments"}
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = data.decode("utf-8")
                start = text.index("<w:body>") + len("<w:body>")
                end = text.index("<w:sectPr")
                data = (text[:start] + body_xml + text[end:]).encode("utf-8")
            elif info.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdX{i}" Type="{REL}/{kinds[Path(n).stem]}" '
                    f'Target="{Path(n).name}"/>' for i, n in enumerate(parts))
                data = data.replace(b"</Relationships>", rels.encode() + b"</Relationships>")
            elif info.filename == "[Content_Types].xml":
                ct = "application/vnd.openxmlformats-officedocument.wordprocessingml"
                over = "".join(f'<Override PartName="/{n}" ContentType="{ct}.{Path(n).stem}'
                               '+xml"/>' for n in parts)
                data = data.replace(b"</Types>", over.encode() + b"</Types>")
            dst.writestr(info, data)
        for name, xml in parts.items():
            dst.writestr(name, f'<?xml version="1.0" encoding="UTF-8"?>{xml}')
    base.unlink()
    return path


def notes_part(kind: str, notes: dict[int, str]) -> str:
    """word/footnotes.xml or word/endnotes.xml with separators and the given notes."""
    body = "".join(f'<w:{kind} w:id="{i}">{p(text)}</w:{kind}>' for i, text in notes.items())
    sep = (f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
           f'</w:{kind}>')
    return f'<w:{kind}s xmlns:w="{W}">{sep}{body}</w:{kind}s>'


def rewrite_member(path: Path, member: str, data: bytes) -> None:
    """Replace one member of a zip package in place."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, data if info.filename == member else src.read(info.filename))
    tmp.replace(path)


def scanned_pdf(path: Path, pages: int = 1, base: Path | None = None) -> Path:
    """A PDF whose pages carry only an image, as a scan without OCR does."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    pdf = pdfium.PdfDocument(base) if base else pdfium.PdfDocument.new()
    for _ in range(pages):
        page = pdf.new_page(595, 842)
        bitmap = pdfium.PdfBitmap.new_native(200, 280, raw.FPDFBitmap_BGR)
        bitmap.fill_rect((40, 40, 40, 255), 0, 0, 200, 280)
        image = pdfium.PdfImage.new(pdf)
        image.set_bitmap(bitmap)
        image.set_matrix(pdfium.PdfMatrix().scale(500, 700).translate(47, 71))
        page.insert_obj(image)
        page.gen_content()
        page.close()
    pdf.save(str(path))
    pdf.close()
    return path
