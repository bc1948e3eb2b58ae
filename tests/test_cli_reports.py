"""`check --format/--output` through the CLI: every report format, written safely."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policycheck.cli import app, terminal_options
from report_fixture import FORCE_A, REC1, REC4

runner = CliRunner()
# The stand-in engine lives only in this process: no workers, no cache, no config.
LOCAL = ["--jobs", "1", "--timeout", "0", "--no-cache", "--isolated"]


@pytest.fixture()
def policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A policy file, with the rule loader and engine stood in by the fixture's result."""
    source = tmp_path / "policy.md"
    source.write_text("# Policy\n")
    from policycheck.runner import Outcome

    monkeypatch.setattr("policycheck.rules.load_rulesets", lambda specs: (REC4, REC1))
    monkeypatch.setattr(
        "policycheck.runner.execute",
        lambda plan, *hooks: Outcome(results=(replace(FORCE_A, path=Path(plan.inputs[0])),)),
    )
    return source


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("text", "rec4: 3 of 6 met"), ("markdown", "# policycheck report"),
     ("html", "<!DOCTYPE html>"), ("csv", "path,format,pages"), ("json", '"schema_version"')],
)
def test_each_text_format_goes_to_stdout_with_the_findings_exit_code(
    policy: Path, fmt: str, marker: str,
) -> None:
    result = runner.invoke(app, ["check", *LOCAL, str(policy), "--format", fmt])
    assert result.exit_code == 1  # force-a has required criteria missing
    assert marker in result.output


@pytest.mark.parametrize("fmt", ["html", "docx", "csv"])
def test_output_option_writes_the_file(policy: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["check", *LOCAL, str(policy), "-f", fmt, "-o", str(target)])
    assert result.exit_code == 1, result.output
    data = target.read_bytes()
    assert data[:2] == b"PK" if fmt == "docx" else b"REC4-INFORM-VICTIMS" in data


def test_binary_format_needs_an_output_file(policy: Path) -> None:
    result = runner.invoke(app, ["check", *LOCAL, str(policy), "-f", "docx"])
    assert result.exit_code == 2
    assert "the docx format is binary: give --output FILE" in result.output


def test_output_never_overwrites_an_input(policy: Path) -> None:
    result = runner.invoke(app, ["check", *LOCAL, str(policy), "-f", "json", "-o", str(policy)])
    assert result.exit_code == 2
    assert "refusing to overwrite an input document" in result.output
    assert policy.read_text() == "# Policy\n"


def test_json_written_to_a_file_is_complete(policy: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    runner.invoke(app, ["check", *LOCAL, str(policy), "-f", "json", "-o", str(target)])
    assert json.loads(target.read_text())["summary"]["documents"] == 1


def test_colour_follows_the_terminal_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty:
        encoding = "utf-8"

        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert terminal_options(None, verbose=False, quiet=False).color
    assert not terminal_options(Path("r.txt"), verbose=False, quiet=False).color
    monkeypatch.setenv("NO_COLOR", "1")
    assert not terminal_options(None, verbose=False, quiet=False).color


def test_ascii_marks_when_the_terminal_encoding_cannot_show_symbols(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Latin1:
        encoding = "latin-1"

        def isatty(self) -> bool:
            return False

    monkeypatch.setattr("sys.stdout", Latin1())
    assert terminal_options(None, verbose=False, quiet=False).extras["ascii"] is True
    assert terminal_options(Path("r.txt"), verbose=False, quiet=False).extras["ascii"] is False
