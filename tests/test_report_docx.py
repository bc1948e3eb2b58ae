"""Word feedback: a real .docx with a summary table per policy, quotes and what to add."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from policycheck.model import RenderOptions
from policycheck.report import BINARY_FORMATS
from policycheck.report.docx import render
from report_fixture import FORCE_A, FORCE_B, RESULTS

OPTIONS = RenderOptions(extras={"date": "2026-11-25"})


def _open(data: bytes):  # type: ignore[no-untyped-def]
    return Document(io.BytesIO(data))


def test_it_is_a_binary_format() -> None:
    assert "docx" in BINARY_FORMATS
    assert render(RESULTS, OPTIONS)[:2] == b"PK"


def test_title_date_and_one_summary_table_per_policy_and_ruleset() -> None:
    doc = _open(render(RESULTS, OPTIONS))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "Policy scrutiny feedback"
    assert texts[1].startswith("Date: 2026-11-25.")
    # force-a has rec4 and rec1, force-b rec4, scanned rec4; broken has none.
    assert len(doc.tables) == 4
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert header == ["Criterion", "Status", "Evidence"]
    rows = {r.cells[0].text.split("\n")[0]: r for r in doc.tables[0].rows[1:]}
    assert rows["REC4-DATA-PROTECTION"].cells[1].text == "partial"
    assert rows["REC4-SPECIALIST-PATHWAYS"].cells[2].text == (
        "§ Appendix B: contacts, table 2 r3c2, appendix")
    assert "Could not be checked: file is corrupt: truncated zip archive" in texts


def test_gaps_have_guidance_and_met_criteria_have_quotes() -> None:
    doc = _open(render([FORCE_A], OPTIONS))
    texts = [p.text for p in doc.paragraphs]
    assert "What to add: Commit to telling victims whether, when and why their information " \
           "will be shared." in texts
    assert "Still missing: necessity and proportionality; a DPIA" in texts
    quotes = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    assert any(q.startswith("“This framework applies to victims") for q in quotes)
    assert any("tracked changes accepted" in t for t in texts)


def test_control_characters_and_escapes_are_stripped() -> None:
    doc = _open(render([FORCE_B], OPTIONS))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "recorded RED with the lawful basis" in body and "bell null" in body
    assert "\x1b" not in body and "\x07" not in body
    assert "<script>document.title='pwned';alert(1)</script>" in body  # text, harmless in Word


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_and_converts_it(tmp_path: Path) -> None:
    source = tmp_path / "feedback.docx"
    source.write_bytes(render(RESULTS, OPTIONS))
    subprocess.run(
        ["soffice", "-env:UserInstallation=file:///tmp/lo-profile-reports", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )
    pdf = tmp_path / "feedback.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "Policy scrutiny feedback" in text and "REC4-INFORM-VICTIMS" in text
