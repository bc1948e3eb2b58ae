"""The rules and explain commands, and check end to end on a small generated policy."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policycheck.cli import app
from policycheck.rules import bundled_dir

runner = CliRunner()

POLICY = """\
# Victims and witnesses with insecure immigration status

Owner: Head of Public Protection

This procedure sets out how officers support victims and witnesses with insecure immigration status.

Where the only concern is the victim's immigration status, officers will not share the victim's
information with Immigration Enforcement.

Officers will refer the victim to Southall Black Sisters for independent immigration advice.
"""


def test_rules_list_names_every_bundled_set_and_criterion() -> None:
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0
    assert result.output.startswith("rec1 (version 1.0, 2 criteria)")
    assert "  REC4-VICTIMS-CODE            required  Applies the Victims' Code" in result.output
    assert "victims-code (version 1.0, 12 criteria)" in result.output


def test_rules_show_gives_source_digest_and_requirements() -> None:
    result = runner.invoke(app, ["rules", "show", "rec5"])
    assert result.exit_code == 0
    assert (
        "source:  Safe to share? (HMICFRS, IOPC and College of Policing, December 2020)"
        in result.output
    )
    assert (
        "REC5-SAFE-REPORTING (required): Safe reporting pathways for migrant victims"
        in result.output
    )
    assert "sha256:  " in result.output


def test_rules_validate_accepts_the_bundled_files() -> None:
    files = [str(bundled_dir() / n) for n in ("rec1.yaml", "vocabulary.yaml")]
    result = runner.invoke(app, ["rules", "validate", *files])
    assert result.exit_code == 0
    assert "rec1.yaml: ok: rule set 'rec1', 2 criteria" in result.output
    assert "vocabulary.yaml: ok: vocabulary, " in result.output


def test_rules_validate_reports_a_bad_file_with_line_and_exits_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (bundled_dir() / "rec5.yaml").read_text(encoding="utf-8")
    (tmp_path / "vocabulary.yaml").write_text(
        (bundled_dir() / "vocabulary.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (tmp_path / "bad.yaml").write_text(text.replace("concept: reassurance", "concept: comfort"))
    result = runner.invoke(app, ["rules", "validate", "bad.yaml"])
    assert result.exit_code == 2
    assert "policycheck: error: bad.yaml:" in result.output
    assert ": criteria[0].any[2].all[1]: unknown concept 'comfort'" in result.output


def test_rules_test_passes_on_the_bundled_sets() -> None:
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == 0
    assert result.output.strip().endswith("examples passed")


def test_rules_test_reports_a_failing_example_as_file_line_criterion_passage(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vocabulary.yaml").write_text(
        (bundled_dir() / "vocabulary.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    text = (bundled_dir() / "rec5.yaml").read_text(encoding="utf-8")
    wrong = text.replace(
        "The force notes Recommendation 5 on safe reporting for migrant victims.",
        "Migrant victims can report safely through Southall Black Sisters.",
    )
    (tmp_path / "rec5.yaml").write_text(wrong, encoding="utf-8")
    result = runner.invoke(app, ["rules", "test", "rec5.yaml"])
    assert result.exit_code == 1
    line = next(ln for ln in result.output.splitlines() if "expected missing" in ln)
    assert line.startswith("rec5.yaml:")
    assert re.search(r": REC5-SAFE-REPORTING: example \d+ expected missing, got met: Migrant "
                     r"victims can ", line), line


def test_explain_shows_requirement_conditions_rejections_and_examples() -> None:
    result = runner.invoke(app, ["explain", "rec4-victims-code"])
    assert result.exit_code == 0
    out = result.output
    assert out.startswith("REC4-VICTIMS-CODE: Applies the Victims' Code to these victims")
    assert "the thing is promised for later ('will be developed', 'under review') (deferral)" in out
    assert "Key terms: Victims' Code, Code of Practice for Victims of Crime, VCOP" in out
    assert "Near misses:" in out and "(deferral: only 'will be reviewed')" in out


def test_explain_says_headings_never_count_and_names_phone_numbers() -> None:
    out = runner.invoke(app, ["explain", "REC4-SPECIALIST-PATHWAYS"]).output
    assert "  - it is a heading, which names a topic and commits to nothing (heading)" in out
    assert "a telephone number [contact-number: a UK telephone number, telephone number" in out


def test_explain_an_unknown_criterion_exits_2() -> None:
    result = runner.invoke(app, ["explain", "REC9-NOPE"])
    assert result.exit_code == 2
    assert "unknown criterion 'REC9-NOPE'" in result.output


def test_check_json_on_a_generated_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    result = runner.invoke(app, ["check", "policy.md", "--format", "json", "--rules", "rec1"])
    assert result.exit_code == 0  # both rec1 criteria are met
    payload = json.loads(result.output)
    (doc,) = payload["documents"]
    assert doc["path"] == "policy.md"
    statuses = {r["criterion"]: r["status"] for r in doc["results"]}
    assert statuses == {"REC1-NO-SHARE-ON-DOUBT": "met", "REC1-THIRD-PARTY": "met"}
    evidence = doc["results"][0]["evidence"][0]
    assert evidence["text"].startswith("Where the only concern is the victim's immigration status")
    assert evidence["section"] == "Victims and witnesses with insecure immigration status"
    assert payload["summary"]["met"] == 2


def test_check_exits_1_when_a_required_criterion_is_missing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    result = runner.invoke(app, ["check", "policy.md", "--format", "json", "--rules", "rec5"])
    assert result.exit_code == 1
    (row,) = json.loads(result.output)["documents"][0]["results"]
    assert row["status"] == "missing" and row["guidance"]


def test_check_with_a_broken_rule_file_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "policy.md").write_text(POLICY, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "policy.md", "--rules", "broken.yaml"])
    assert result.exit_code == 2
    assert "policycheck: error: broken.yaml:1: missing required key 'title'" in result.output
