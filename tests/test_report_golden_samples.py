"""Reports of real sample policies, end to end, match their golden files.

The checker's verdicts and evidence on three samples (text, HTML and Markdown sources) are
rendered in every human format; POLICYCHECK_UPDATE_GOLDEN=1 rewrites the files after a
deliberate change to the rules, the engine or a format (review the diff before committing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policycheck.model import DocumentResult, RenderOptions
from policycheck.pipeline import check_document
from policycheck.report import render
from policycheck.rules import DEFAULT_RULESETS, load_rulesets

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden" / "samples"
SAMPLES = (
    "samples/westmarch-rec1-direction.txt",
    "samples/kestrel-bay-reporting-immigration-status.html",
    "samples/lowmoor-insecure-status-staff-guidance.md",
)
OPTIONS = RenderOptions(color=False, width=100, tool_version="0.1.0")
FORMATS = {"report.txt": "text", "report.md": "markdown", "report.html": "html",
           "report.csv": "csv", "report.json": "json"}


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    rulesets = load_rulesets(DEFAULT_RULESETS)
    cwd = Path.cwd()
    os.chdir(ROOT)  # display paths are relative to where the command runs
    try:
        return [check_document(Path(s), rulesets) for s in SAMPLES]
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_sample_report_matches_golden_file(results: list[DocumentResult], name: str) -> None:
    actual = render(FORMATS[name], results, OPTIONS)
    assert isinstance(actual, str)
    path = GOLDEN / name
    if os.environ.get("POLICYCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs; rerun with POLICYCHECK_UPDATE_GOLDEN=1 to update"
