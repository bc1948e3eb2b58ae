"""Hostile text in a good policy (and in its file name) is carried inert by every output format."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import hostile_files as h
import pytest
from lxml import etree
from typer.testing import CliRunner

from policycheck.cli import app

# A file name a spreadsheet, a terminal and a Markdown viewer would each like to act on.
NAME = '=HYPERLINK("x")<b>[bold red]{0}%s\x1b[2J\u202e.txt'
SENTENCE = "whatever their immigration status."
DANGEROUS = ("\x1b", "\x07", "\x00", "\u202e", "\u202c")

runner = CliRunner()


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The good policy with the hostile text inside a sentence that is quoted as evidence."""
    folder = tmp_path_factory.mktemp("hostile-text")
    path = folder / NAME
    text = h.GOOD_POLICY.replace(SENTENCE, SENTENCE[:-1] + " " + h.HOSTILE_TEXT + ".")
    path.write_text(text, encoding="utf-8")
    return path


def render(policy: Path, fmt: str) -> bytes:
    """Check the policy through the CLI (in this process) and return the report's bytes."""
    target = policy.parent / f"report.{fmt}"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(policy.parent)  # paths in reports are relative to the current folder
        result = runner.invoke(app, [
            "check", policy.name, "--isolated", "--no-cache", "--timeout", "0", "--jobs", "1",
            "--verbose", "--format", fmt, "--output", target.name,
        ])
    assert result.exit_code in (0, 1), result.output
    assert not any(ch in result.output for ch in DANGEROUS)
    return target.read_bytes()


@pytest.mark.parametrize(
    "fmt", ["text", "markdown", "html", "csv", "json", "sarif", "junit", "github"],
)
def test_no_terminal_escape_control_or_bidi_character_survives(policy: Path, fmt: str) -> None:
    output = render(policy, fmt).decode("utf-8")
    for ch in DANGEROUS:
        assert ch not in output, f"{fmt} carries {ch!r}"


def test_text_shows_markup_and_format_strings_literally(policy: Path) -> None:
    output = " ".join(render(policy, "text").decode().split())
    assert "[bold red]rich markup[/bold red]" in output
    assert "{0}{name}%s" in output


def test_html_escapes_the_script_and_the_name(policy: Path) -> None:
    output = render(policy, "html").decode()
    assert "<script>alert(" not in output
    assert "&lt;script&gt;alert(" in output
    assert "<b>[bold red]" not in output


def test_markdown_escapes_html(policy: Path) -> None:
    output = render(policy, "markdown").decode()
    assert "<script>" not in output and "<b>" not in output
    assert "script" in output


def test_csv_cells_never_start_a_formula(policy: Path) -> None:
    rows = list(csv.reader(io.StringIO(render(policy, "csv").decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert rows[1][0].startswith("'=HYPERLINK")


def test_json_round_trips_the_text_as_data(policy: Path) -> None:
    report = json.loads(render(policy, "json"))
    quoted = json.dumps(report)
    assert "<script>alert('x')</script>" in quoted
    assert "{0}{name}%s" in quoted


def test_sarif_and_junit_are_well_formed(policy: Path) -> None:
    sarif = json.loads(render(policy, "sarif"))
    assert sarif["runs"][0]["results"]
    junit = etree.fromstring(render(policy, "junit"))
    # The hostile file name travels in attributes, escaped by the XML writer, read back intact.
    assert any("<b>[bold red]{0}%s" in str(case.attrib) for case in junit.iter())


def test_github_annotations_cannot_inject_commands(policy: Path) -> None:
    lines = render(policy, "github").decode().splitlines()
    assert lines and all(line.startswith("::") for line in lines if line.strip())
    assert all("%s" not in line for line in lines)  # '%' is escaped as %25


def test_docx_report_opens_with_the_text_literal(policy: Path) -> None:
    from docx import Document

    target = policy.parent / "report.docx"
    result = runner.invoke(app, [
        "check", str(policy), "--isolated", "--no-cache", "--timeout", "0", "--verbose",
        "--format", "docx", "--output", str(target),
    ])
    assert result.exit_code in (0, 1), result.output
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    text += "\n".join(c.text for t in Document(str(target)).tables for r in t.rows for c in r.cells)
    assert "<script>alert('x')</script>" in text
    assert not any(ch in text for ch in DANGEROUS)
