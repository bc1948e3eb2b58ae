"""The `extract` command: blocks with citations, notices, comments; errors per file, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from extract_builders import W, docx_with_body, p, scanned_pdf
from typer.testing import CliRunner

from policycheck.cli import app

runner = CliRunner()


def revised_docx(tmp_path: Path) -> Path:
    body = (p("Information sharing", style="Heading1")
            + '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve">Officers '
            '</w:t></w:r><w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">will not '
            '</w:t></w:r></w:ins><w:r><w:t>share status.</w:t></w:r><w:commentRangeEnd '
            'w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>')
    comments = (f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Reviewer">'
                + p("Check with legal.") + "</w:comment></w:comments>")
    return docx_with_body(tmp_path / "policy.docx", body, {"word/comments.xml": comments})


def test_text_listing_shows_kinds_citations_notices_and_comments(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(revised_docx(tmp_path))])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("policy.docx (docx, 2 blocks)")
    assert lines[1:] == [
        "title: Information sharing",
        "notice: tracked changes were present; checked as if all were accepted",
        "[heading 1] § Information sharing, para 1",
        "    Information sharing",
        "[paragraph] § Information sharing, para 2",
        "    Officers will not share status.",
        "comments (not checked):",
        '  - Reviewer on "Officers will not share status.": Check with legal.',
    ]


def test_json_listing(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", "--format", "json", str(revised_docx(tmp_path))])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["errors"] == []
    (doc,) = data["documents"]
    assert doc["format"] == "docx" and doc["had_revisions"] is True
    assert doc["comments"] == [{"author": "Reviewer", "text": "Check with legal.",
                                "anchor": "Officers will not share status."}]
    assert doc["blocks"][1] == {
        "kind": "paragraph", "level": 0, "text": "Officers will not share status.",
        "quoted": False, "cite": "§ Information sharing, para 2",
        "location": {"heading_path": ["Information sharing"], "paragraph": 2, "part": "body"},
    }


def test_bad_files_are_reported_and_the_rest_still_read(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.touch()
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    good = tmp_path / "good.md"
    good.write_text("# Scope\n\nAll staff.\n")
    result = runner.invoke(app, ["extract", str(empty), str(good), str(old)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"policycheck: {empty}: is empty (0 bytes)",
        f"policycheck: {old}: is a legacy Microsoft Office file (OLE2, e.g. Word 97-2003 "
        ".doc): save it as .docx or PDF",
    ]
    assert "    All staff." in result.stdout


def test_scanned_pdf_notice_is_shown(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(scanned_pdf(tmp_path / "scan.pdf"))])
    assert result.exit_code == 0
    assert "notice: no text layer (needs OCR)" in result.stdout.splitlines()


def test_unknown_format_or_engine_is_a_usage_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("All staff.")
    result = runner.invoke(app, ["extract", "--format", "xml", str(good)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "policycheck: error: unknown format 'xml' (choose from text, json)")
    result = runner.invoke(app, ["extract", "--pdf-engine", "poppler", str(good)])
    assert result.exit_code == 2
    assert "unknown PDF engine 'poppler' (choose from pdfium, pdfplumber)" in result.stderr


def test_a_file_over_the_time_limit_is_stopped_and_the_next_is_read(tmp_path: Path) -> None:
    slow = revised_docx(tmp_path)
    result = runner.invoke(app, ["extract", "--timeout", "0.001", str(slow)])
    assert result.exit_code == 2
    assert "took longer than 0.001 s (per-document time limit); stopped" in result.stderr
    # Without a limit the same file is read in this process, as before.
    result = runner.invoke(app, ["extract", "--timeout", "0", str(slow)])
    assert result.exit_code == 0, result.output
    assert "will not share status." in result.stdout
