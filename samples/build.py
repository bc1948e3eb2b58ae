"""Build every sample policy in samples/ from its authoring source in samples/src/*.yaml.

Usage: python samples/build.py [NAME...]   (NAME = source stem; default: all)

A source names one output format (docx, pdf, odt, html, md, txt). DOCX is written with
python-docx plus raw WordprocessingML for tracked changes (w:ins / w:del) and list numbering;
PDF and ODT are converted from that DOCX by LibreOffice with a private profile, so running
headers, footers and page numbers come from the DOCX header and footer. HTML, Markdown and
text are rendered directly, with tracked changes accepted.
"""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
PROFILE = os.environ.get("SAMPLES_LO_PROFILE", "file:///tmp/lo-profile-samples")
DATE = "2024-03-11T09:30:00Z"
SOFT_HYPHEN = "\u00ad"


# ---------------------------------------------------------------- inline text

def segments(value: Any) -> list[tuple[str, str]]:
    """A paragraph's text as (kind, text) runs: kind is 'text', 'ins', 'del' or 'b'."""
    if isinstance(value, str):
        return [("text", value)]
    runs: list[tuple[str, str]] = []
    for item in value:
        if isinstance(item, str):
            runs.append(("text", item))
        else:
            ((kind, text),) = item.items()
            runs.append((kind, text))
    return runs


def accepted(value: Any) -> str:
    """The text as it stands with every tracked change accepted (soft hyphens removed)."""
    text = "".join(t for k, t in segments(value) if k != "del")
    return text.replace(SOFT_HYPHEN, "")


def block_parts(block: dict[str, Any]) -> tuple[str, Any]:
    """The kind of a body block ('h1', 'p', 'ul', ...) and its value."""
    kinds = [k for k in block if k not in ("comment",)]
    if len(kinds) != 1:
        raise SystemExit(f"block with unexpected keys: {sorted(block)}")
    return kinds[0], block[kinds[0]]


def source_text(source: dict[str, Any]) -> str:
    """All the document's text as it stands with changes accepted, one block per line."""
    lines = [source["title"], *(f"{k} {v}" for k, v in source.get("meta", []))]
    for block in source["body"]:
        kind, value = block_parts(block)
        if kind in ("ul", "ol"):
            lines += [accepted(item) for item in value]
        elif kind == "table":
            lines += [accepted(str(cell)) for row in value for cell in row]
        else:
            lines.append(accepted(value))
    return "\n".join(lines)


def capture(source: dict[str, Any], where: str) -> list[str]:
    """Lines of a web page's furniture (cookie banner, menu, footer) that survived a capture to
    text or Markdown: `capture: {top: [...], bottom: [...]}`, written as they stand."""
    return [str(line) for line in source.get("capture", {}).get(where, [])]


# ---------------------------------------------------------------- DOCX

def _run_xml(kind: str, text: str, ids: list[int]) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = OxmlElement("w:r")
    if kind == "b":
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        run.append(rpr)
    t = OxmlElement("w:delText" if kind == "del" else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    if kind not in ("ins", "del"):
        return run
    ids[0] += 1
    wrapper = OxmlElement(f"w:{kind}")
    wrapper.set(qn("w:id"), str(ids[0]))
    wrapper.set(qn("w:author"), "Policy Review Team")
    wrapper.set(qn("w:date"), DATE)
    wrapper.append(run)
    return wrapper


def _paragraph(doc: Any, value: Any, style: str | None, ids: list[int]) -> Any:
    para = doc.add_paragraph(style=style)
    for kind, text in segments(value):
        para._p.append(_run_xml(kind, text, ids))
    if style and style.startswith("List"):
        # Real Word files carry w:numPr on the paragraph; copy it from the list style.
        numpr = doc.styles[style].element.pPr.numPr
        if numpr is not None:
            para._p.get_or_add_pPr().append(copy.deepcopy(numpr))
    return para


def _field_paragraph(paragraph: Any, parts: list[str]) -> None:
    """Fill a header/footer paragraph; 'PAGE' and 'NUMPAGES' become live fields."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for part in parts:
        if part in ("PAGE", "NUMPAGES"):
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), part)
            run = OxmlElement("w:r")
            t = OxmlElement("w:t")
            t.text = "1"
            run.append(t)
            field.append(run)
            paragraph._p.append(field)
        else:
            paragraph.add_run(part)


def _table(doc: Any, rows: list[list[Any]], header: bool = True) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = doc.styles["Table Grid"]
    for r, row in enumerate(rows):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = accepted(str(value))
            if header and r == 0:
                for run in cell.paragraphs[0].runs:
                    run.bold = True


def build_docx(source: dict[str, Any], out: Path, keep_soft_hyphens: bool = False) -> None:
    """Write the source as a Word document with real styles, lists, tables and revisions."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = source["title"]
    doc.core_properties.author = source.get("author", "Policy Unit")
    doc.styles["Normal"].font.name = "Liberation Sans"
    doc.styles["Normal"].font.size = Pt(source.get("font_size", 11))
    section = doc.sections[0]
    if source.get("header"):
        _field_paragraph(section.header.paragraphs[0], [source["header"]])
    footer = source.get("footer", "Page {PAGE} of {NUMPAGES}")
    if footer:
        parts = footer.replace("{PAGE}", "\0PAGE\0").replace("{NUMPAGES}", "\0NUMPAGES\0")
        _field_paragraph(section.footer.paragraphs[0], [p for p in parts.split("\0") if p])
    ids = [0]
    if source.get("marking"):
        doc.add_paragraph(source["marking"])
    doc.add_paragraph(source["title"], style="Title")
    if source.get("meta"):
        _table(doc, [["Item", "Detail"], *source["meta"]])
    for block in source["body"]:
        kind, value = block_parts(block)
        if kind in ("h1", "h2", "h3"):
            para = doc.add_paragraph(accepted(value), style=f"Heading {kind[1]}")
        elif kind == "p":
            para = _paragraph(doc, value, None, ids)
        elif kind == "quote":
            para = _paragraph(doc, value, "Quote", ids)
        elif kind in ("ul", "ol"):
            style = "List Bullet" if kind == "ul" else "List Number"
            para = None
            for item in value:
                para = _paragraph(doc, item, style, ids)
        elif kind == "table":
            _table(doc, value)
            para = None
        else:
            raise SystemExit(f"{out.name}: unknown block kind '{kind}'")
        if block.get("comment") and para is not None:
            note = block["comment"]
            doc.add_comment(para.runs or [para.add_run("")], text=note["text"],
                            author=note["by"], initials=note.get("initials", ""))
    if not keep_soft_hyphens:
        for t in doc.element.body.iter():
            if t.text and SOFT_HYPHEN in t.text:
                t.text = t.text.replace(SOFT_HYPHEN, "")
    doc.save(str(out))
    _freeze(out)


def _freeze(path: Path) -> None:
    """Rewrite a zip package with fixed timestamps so rebuilding an unchanged source is a no-op."""
    import zipfile

    with zipfile.ZipFile(path) as old:
        members = [(info, old.read(info)) for info in old.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info, data in members:
            if info.filename == "word/comments.xml":  # python-docx stamps comments with "now"
                data = re.sub(rb'w:date="[^"]*"', f'w:date="{DATE}"'.encode(), data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 3, 11, 9, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            new.writestr(fixed, data)


def convert(docx: Path, fmt: str, outdir: Path) -> Path:
    """Convert a DOCX with LibreOffice (private profile: other users run it at the same time)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed to build PDF and ODT samples")
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={PROFILE}", "--headless", "--convert-to", fmt,
         "--outdir", str(outdir), str(docx)],
        capture_output=True, timeout=180, text=True,
    )
    out = outdir / f"{docx.stem}.{fmt}"
    if done.returncode != 0 or not out.is_file():
        raise SystemExit(f"{docx.name}: LibreOffice could not convert it to {fmt}: {done.stderr}")
    return out


# ---------------------------------------------------------------- HTML, Markdown, text

def _html_inline(value: Any) -> str:
    out = []
    for kind, text in segments(value):
        if kind == "del":
            continue
        escaped = html.escape(text.replace(SOFT_HYPHEN, ""), quote=False)
        out.append(f"<strong>{escaped}</strong>" if kind == "b" else escaped)
    return "".join(out)


def build_html(source: dict[str, Any]) -> str:
    """A public web page: banner, navigation, cookie script and footer around the article."""
    page = source.get("page", {})
    site = html.escape(page.get("site", ""))
    nav = "".join(f'<li><a href="#">{html.escape(n)}</a></li>' for n in page.get("nav", []))
    body: list[str] = [f"<h1>{html.escape(source['title'])}</h1>"]
    for block in source["body"]:
        kind, value = block_parts(block)
        if kind in ("h1", "h2", "h3"):
            level = int(kind[1]) + 1
            body.append(f"<h{level}>{_html_inline(value)}</h{level}>")
        elif kind == "p":
            body.append(f"<p>{_html_inline(value)}</p>")
        elif kind == "quote":
            body.append(f"<blockquote><p>{_html_inline(value)}</p></blockquote>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{_html_inline(i)}</li>" for i in value)
            body.append(f"<{kind}>{items}</{kind}>")
        elif kind == "table":
            head = "".join(f"<th>{_html_inline(c)}</th>" for c in value[0])
            rows = "".join(
                "<tr>" + "".join(f"<td>{_html_inline(c)}</td>" for c in row) + "</tr>"
                for row in value[1:]
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    aside = "".join(f"<li>{html.escape(a)}</li>" for a in page.get("aside", []))
    script = page.get("script", "")
    return (
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{html.escape(source['title'])} | {site}</title>\n"
        f"<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}</style>\n"
        f"<script>{script}</script>\n</head>\n<body>\n"
        f'<header class="site-header"><a class="logo" href="/">{site}</a>'
        f'<nav aria-label="Main"><ul>{nav}</ul></nav></header>\n'
        f'<div class="breadcrumbs" role="navigation"><a href="/">Home</a> &gt; '
        f"{html.escape(page.get('breadcrumb', 'Advice'))}</div>\n"
        "<main>\n<article>\n" + "\n".join(body) + "\n</article>\n</main>\n"
        f'<aside><h2>Related pages</h2><ul>{aside}</ul></aside>\n'
        f"<footer><p>{html.escape(page.get('footer', ''))}</p></footer>\n"
        '<script>window.dataLayer=window.dataLayer||[];'
        "dataLayer.push({event:'pageview'});</script>\n</body>\n</html>\n"
    )


def build_markdown(source: dict[str, Any]) -> str:
    """Markdown as an intranet or repository page would hold it."""
    top = capture(source, "top")
    lines = [*top, *([""] if top else []), f"# {source['title']}", ""]
    for key, value in source.get("meta", []):
        lines.append(f"**{key}:** {value}  ")
    if source.get("meta"):
        lines.append("")
    for block in source["body"]:
        kind, value = block_parts(block)
        if kind in ("h1", "h2", "h3"):
            lines += ["#" * (int(kind[1]) + 1) + " " + accepted(value), ""]
        elif kind == "p":
            lines += [accepted(value), ""]
        elif kind == "quote":
            lines += ["> " + accepted(value), ""]
        elif kind in ("ul", "ol"):
            for n, item in enumerate(value, 1):
                lines.append(("-" if kind == "ul" else f"{n}.") + " " + accepted(item))
            lines.append("")
        elif kind == "table":
            lines.append("| " + " | ".join(accepted(c) for c in value[0]) + " |")
            lines.append("|" + "---|" * len(value[0]))
            for row in value[1:]:
                lines.append("| " + " | ".join(accepted(c) for c in row) + " |")
            lines.append("")
    lines += capture(source, "bottom")
    return "\n".join(lines).rstrip() + "\n"


def build_text(source: dict[str, Any]) -> str:
    """Plain text as a letter or force order pasted out of an email system would look."""
    top = capture(source, "top")
    lines: list[str] = [*top, *([""] if top else [])]
    if source.get("marking"):
        lines += [source["marking"], ""]
    lines += [source["title"].upper(), ""]
    for key, value in source.get("meta", []):
        lines.append(f"{key}: {value}")
    if source.get("meta"):
        lines.append("")
    for block in source["body"]:
        kind, value = block_parts(block)
        if kind in ("h1", "h2", "h3"):
            lines += [accepted(value).upper() if kind == "h1" else accepted(value), ""]
        elif kind == "p":
            lines += [accepted(value), ""]
        elif kind == "quote":
            lines += ["    " + accepted(value), ""]
        elif kind in ("ul", "ol"):
            for n, item in enumerate(value, 1):
                lines.append(("  * " if kind == "ul" else f"  ({chr(96 + n)}) ") + accepted(item))
            lines.append("")
        elif kind == "table":
            for row in value[1:]:
                lines.append(" - ".join(accepted(c) for c in row))
            lines.append("")
    lines += capture(source, "bottom")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------- main

def load_sources(names: list[str]) -> dict[str, dict[str, Any]]:
    """Every source by stem (or only the named ones)."""
    paths = sorted(SRC.glob("*.yaml"))
    if names:
        paths = [SRC / f"{n}.yaml" for n in names]
    sources: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            sources[path.stem] = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise SystemExit(f"{path}: cannot read source ({exc})") from None
    return sources


def build(name: str, source: dict[str, Any], tmp: Path) -> Path:
    """Build one sample into samples/ and return its path."""
    fmt = source["output"]
    out = HERE / f"{name}.{fmt}"
    writers = {"html": build_html, "md": build_markdown, "txt": build_text}
    if fmt in writers:
        out.write_text(writers[fmt](source), encoding="utf-8")
    elif fmt == "docx":
        build_docx(source, out)
    elif fmt in ("pdf", "odt"):
        docx = tmp / f"{name}.docx"
        build_docx(source, docx, keep_soft_hyphens=fmt == "pdf")
        shutil.copyfile(convert(docx, fmt, tmp), out)
    else:
        raise SystemExit(f"{name}: unknown output format '{fmt}'")
    return out


def main(argv: list[str]) -> int:
    sources = load_sources(argv)
    with tempfile.TemporaryDirectory(prefix="policycheck-samples-") as tmp:
        for name, source in sources.items():
            out = build(name, source, Path(tmp))
            print(f"built {out.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
