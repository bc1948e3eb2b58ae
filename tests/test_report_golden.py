"""Each human format renders the fixture exactly as its golden file (POLICYCHECK_UPDATE_GOLDEN=1
rewrites them after a deliberate change: review the diff before committing)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policycheck.model import RenderOptions
from policycheck.report import render
from report_fixture import RESULTS

GOLDEN = Path(__file__).parent / "golden"
OPTIONS = RenderOptions(color=False, width=100, tool_version="0.1.0")
CASES = {
    "report.txt": ("text", OPTIONS),
    "report-quiet.txt": ("text", RenderOptions(quiet=True, width=100, tool_version="0.1.0")),
    "report.md": ("markdown", OPTIONS),
    "report.html": ("html", OPTIONS),
    "report.csv": ("csv", OPTIONS),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden_file(name: str) -> None:
    fmt, options = CASES[name]
    actual = render(fmt, RESULTS, options)
    assert isinstance(actual, str)
    path = GOLDEN / name
    if os.environ.get("POLICYCHECK_UPDATE_GOLDEN"):
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs; rerun with POLICYCHECK_UPDATE_GOLDEN=1 to update"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv"])
def test_rendering_is_deterministic_and_does_not_depend_on_absolute_paths(fmt: str) -> None:
    first = render(fmt, RESULTS, OPTIONS)
    assert first == render(fmt, RESULTS, OPTIONS)
    assert str(Path.cwd()) not in str(first)
