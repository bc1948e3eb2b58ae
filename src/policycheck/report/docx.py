"""Word feedback for scrutiny: summary table per policy, then evidence and what to add."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policycheck.model import DocumentResult, Finding, RenderOptions, Report, Status
from policycheck.report.display import (
    GAPS,
    LABELS,
    clean,
    count,
    describe,
    notices,
    ruleset_summary,
    shown_evidence,
    totals,
    waiver_line,
)

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

# XML 1.0 forbids these even after clean(): lone surrogates and the two non-characters.
_XML_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
FILLS: dict[Status, str] = {
    Status.MET: "DAFBE1", Status.PARTIAL: "FFF8C5", Status.MISSING: "FFEBE9",
    Status.NOT_ASSESSABLE: "FBEFFF", Status.WAIVED: "DDF4FF",
}


def xml_text(text: str) -> str:
    """Document text that Word can store: cleaned, with XML-invalid characters removed."""
    return _XML_INVALID.sub("", clean(text))


def render(results: Sequence[DocumentResult], options: RenderOptions) -> bytes:
    """Build the feedback document and return its .docx bytes."""
    from docx import Document

    doc = Document()
    day = str(options.extras.get("date") or dt.date.today().isoformat())
    doc.core_properties.title = "Policy scrutiny feedback"
    doc.core_properties.author = "policycheck"
    doc.add_heading("Policy scrutiny feedback", level=0)
    doc.add_paragraph(f"Date: {day}. Checked against “Safe to share?” (HMICFRS, IOPC and "
                      "College of Policing, December 2020).")
    doc.add_paragraph(totals(results))
    for result in results:
        _policy(doc, result, options)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _policy(doc: WordDocument, result: DocumentResult, options: RenderOptions) -> None:
    doc.add_heading(xml_text(result.display_path), level=1)
    if result.error:
        doc.add_paragraph(f"Could not be checked: {xml_text(result.error)}")
        return
    facts = xml_text(result.format or "")
    if result.pages:
        facts += f", {result.pages} pages"
    doc.add_paragraph(f"Format: {facts}. {describe(count(result.findings))}.")
    for notice in notices(result):
        doc.add_paragraph(f"Note: {xml_text(notice)}", style="Intense Quote")
    for report in result.reports:
        doc.add_heading(f"{xml_text(report.ruleset.id)}: {xml_text(report.ruleset.title)}",
                        level=2)
        doc.add_paragraph(ruleset_summary(report))
        _summary_table(doc, report)
        _details(doc, report, options)


def _summary_table(doc: WordDocument, report: Report) -> None:
    table = doc.add_table(rows=1, cols=3)
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, ("Criterion", "Status", "Evidence"), strict=True):
        cell.text = text
    for finding in report.findings:
        cells = table.add_row().cells
        cells[0].text = f"{finding.criterion.id}\n{xml_text(finding.criterion.title)}"
        cells[1].text = LABELS[finding.status]
        _shade(cells[1], FILLS[finding.status])
        cite = "; ".join(xml_text(ev.location.cite()) for ev in finding.evidence[:3])
        cells[2].text = cite or "—"


def _shade(cell: object, fill: str) -> None:
    """Colour a table cell's background (status stays readable as text without it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[attr-defined]


def _details(doc: WordDocument, report: Report, options: RenderOptions) -> None:
    gaps = [f for f in report.findings if f.status in GAPS]
    met = [f for f in report.findings if f.status is Status.MET and f.evidence]
    waived = [f for f in report.findings if f.status is Status.WAIVED]
    if gaps:
        doc.add_heading("What to add", level=3)
        for finding in gaps:
            _gap(doc, finding, options)
    if met and not options.quiet:
        doc.add_heading("Evidence found", level=3)
        for finding in met:
            doc.add_paragraph(f"{finding.criterion.id}: {xml_text(finding.criterion.title)}",
                              style="List Bullet")
            _quotes(doc, finding, options)
    for finding in waived:
        doc.add_paragraph(f"{finding.criterion.id} {xml_text(waiver_line(finding))}")


def _gap(doc: WordDocument, finding: Finding, options: RenderOptions) -> None:
    para = doc.add_paragraph(style="List Bullet")
    para.add_run(f"{finding.criterion.id} ({LABELS[finding.status]}): ").bold = True
    para.add_run(xml_text(finding.criterion.title))
    if finding.reason:
        doc.add_paragraph(f"Finding: {xml_text(finding.reason)}")
    if finding.missing_parts:
        parts = "; ".join(xml_text(p) for p in finding.missing_parts)
        doc.add_paragraph(f"Still missing: {parts}")
    _quotes(doc, finding, options)
    guidance = doc.add_paragraph()
    guidance.add_run("What to add: ").bold = True
    guidance.add_run(xml_text(finding.criterion.guidance))


def _quotes(doc: WordDocument, finding: Finding, options: RenderOptions) -> None:
    for ev in shown_evidence(finding, options):
        quote = doc.add_paragraph(f"“{xml_text(ev.text)}”", style="Quote")
        quote.add_run(f" ({xml_text(ev.location.cite())})").italic = False
