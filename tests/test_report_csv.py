"""CSV: one row per document, a status column per criterion, nothing Excel would execute."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from policycheck.model import RenderOptions
from policycheck.report.csv import render, safe_cell
from report_fixture import BROKEN, FORCE_A, RESULTS


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_one_row_per_document_with_statuses_and_counts() -> None:
    rows = _rows(render(RESULTS, RenderOptions()))
    assert [r["path"] for r in rows] == [r.display_path for r in RESULTS]
    force_a = rows[0]
    assert force_a["REC4-DATA-PROTECTION"] == "partial"
    assert force_a["REC4-OUTREACH"] == "waived"
    assert (force_a["met"], force_a["missing"], force_a["had_revisions"]) == ("4", "2", "yes")
    assert rows[1]["REC1-THIRD-PARTY"] == ""  # rule set not run on that document
    assert rows[3]["error"] == "file is corrupt: truncated zip archive"


def test_column_order_is_fixed_metadata_then_criteria_in_rule_order() -> None:
    header = render(RESULTS, RenderOptions()).splitlines()[0].split(",")
    assert header[:10] == ["path", "format", "pages", "error", "had_revisions", "met",
                           "partial", "missing", "not-assessable", "waived"]
    assert header[10:12] == ["REC4-FRAMEWORK", "REC4-VICTIMS-CODE"]
    reversed_header = render(list(reversed(RESULTS)), RenderOptions()).splitlines()[0]
    assert reversed_header.split(",")[:10] == header[:10]


def test_formula_injection_is_defused() -> None:
    for value in ("=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)"):
        assert safe_cell(value) == "'" + value
    assert safe_cell("policies/a.docx") == "policies/a.docx"
    hostile = replace(BROKEN, display_path="=cmd|' /C calc'!A0", error="@evil")
    row = _rows(render([hostile, FORCE_A], RenderOptions()))[0]
    assert row["path"].startswith("'=") and row["error"] == "'@evil"
