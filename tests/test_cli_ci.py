"""The check command's CI options: configuration precedence, errors, outputs, Ctrl-C."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from policycheck.batch import Interrupted
from policycheck.cli import app

LOCAL = ["--jobs", "1", "--timeout", "0"]  # the stand-in engine only exists in this process


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_engine: None) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "force").mkdir()
    (tmp_path / "pcc").mkdir()
    (tmp_path / "force/custody.md").write_text(
        "We do outreach with communities.\n\nVictims can report safely.\n", encoding="utf-8")
    (tmp_path / "pcc/plan.md").write_text("Victims can report safely.\n", encoding="utf-8")
    return tmp_path


def _check(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", *args, *LOCAL])


def _config(root: Path, text: str) -> None:
    (root / "policycheck.toml").write_text(text, encoding="utf-8")


def test_configuration_is_used_and_options_override_it(project: Path) -> None:
    _config(project, 'rules = ["rec4", "rec5"]\nformat = "json"\nfail-on = "never"\n')
    from_config = _check(".")
    assert from_config.exit_code == 0
    assert json.loads(from_config.stdout)["summary"]["documents"] == 2
    overridden = _check(".", "--format", "text", "--fail-on", "required")
    assert overridden.exit_code == 1
    assert not overridden.stdout.startswith("{") and "force/custody.md" in overridden.stdout


def test_per_path_rule_sets(project: Path) -> None:
    _config(project, 'rules = ["rec4"]\n[[per-path]]\npaths = ["pcc/**"]\nrules = ["rec5"]\n')
    payload = json.loads(_check(".", "-f", "json").stdout)
    assert {d["path"]: [r["criterion"] for r in d["results"]] for d in payload["documents"]} == {
        "force/custody.md": ["REC4-OUTREACH", "REC4-MSHT-DA", "REC4-PATHWAY-AWARENESS"],
        "pcc/plan.md": ["REC5-SAFE-REPORTING"],
    }


def test_config_found_from_a_subfolder_resolves_rule_files_beside_it(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (project / "rules").mkdir()
    (project / "rules/local.yaml").write_text(
        "id: local\ncriteria:\n  - id: LOCAL-SAFE\n    keywords: [safely]\n", encoding="utf-8")
    _config(project, 'rules = ["rules/local.yaml"]\nexclude = ["force/**"]\n')
    monkeypatch.chdir(project / "pcc")
    result = _check(".", "-f", "json")
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)["documents"]
    assert [(d["path"], d["results"][0]["status"]) for d in docs] == [("plan.md", "met")]


def test_an_invalid_config_is_exit_2_with_file_and_key(project: Path) -> None:
    _config(project, "colour = true\n")
    result = _check(".")
    assert result.exit_code == 2
    assert result.stderr == "policycheck: error: policycheck.toml: colour: unknown key\n"
    assert _check(".", "--isolated", "--rules", "rec5").exit_code == 0


def test_cli_excludes_add_to_configured_ones(project: Path) -> None:
    _config(project, 'rules = ["rec5"]\nexclude = ["pcc/**"]\n')
    result = _check(".", "--exclude", "*custody*", "-f", "json")
    assert json.loads(result.stdout)["documents"] == []
    assert result.exit_code == 0


def test_outputs_never_overwrite_an_input(project: Path) -> None:
    result = _check("force", "--rules", "rec5", "--output-json", "force/custody.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "policycheck: error: force/custody.md: refusing to overwrite an input document\n")
    assert "outreach" in (project / "force/custody.md").read_text(encoding="utf-8")


def test_several_outputs_at_once(project: Path) -> None:
    result = _check(".", "--rules", "rec5", "--output-sarif", "r/a.sarif", "--output-junit",
                    "r/a.xml", "--output-json", "r/a.json", "-f", "github")
    assert result.exit_code == 0
    assert json.loads((project / "r/a.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((project / "r/a.json").read_text())["summary"]["met"] == 2
    assert "<testsuites>" in (project / "r/a.xml").read_text()
    assert result.stdout == ""  # nothing to annotate: every criterion met
    assert sorted(p.name for p in (project / "r").iterdir()) == ["a.json", "a.sarif", "a.xml"]


def test_ctrl_c_writes_no_report_and_exits_130(
    project: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise Interrupted(1, 4)

    monkeypatch.setattr("policycheck.runner.execute", interrupted)
    result = _check(".", "--output-json", "out.json", "-o", "report.txt")
    assert result.exit_code == 130
    assert result.stderr == "policycheck: interrupted after 1 of 4 documents\n"
    assert not (project / "out.json").exists() and not (project / "report.txt").exists()


def test_unknown_format_and_bad_baseline_are_usage_errors(project: Path) -> None:
    bad = _check(".", "-f", "pdf")
    assert bad.exit_code == 2 and bad.stderr.startswith("policycheck: error: unknown format 'pdf'")
    missing = _check(".", "--rules", "rec5", "--baseline", "nope.json")
    assert missing.exit_code == 2
    assert missing.stderr == (
        "policycheck: error: nope.json: cannot read baseline: No such file or directory\n")


def test_a_spacy_pipeline_that_is_not_installed_is_a_usage_error(project: Path) -> None:
    result = _check("--model", "en_core_web_nosuch")
    assert result.exit_code == 2
    assert result.stderr == (
        "policycheck: error: spaCy pipeline 'en_core_web_nosuch' is not installed (leave out "
        "--model to use the built-in blank English pipeline)\n")


def test_two_outputs_to_one_file_and_verbose_with_quiet_are_usage_errors(project: Path) -> None:
    same = _check("-f", "sarif", "-o", "out.txt", "--output-junit", "out.txt")
    assert same.exit_code == 2
    assert same.stderr == (
        "policycheck: error: out.txt: named for two outputs; give each output its own file\n")
    assert not (project / "out.txt").exists()
    both = _check("-v", "-q")
    assert both.exit_code == 2
    assert both.stderr == "policycheck: error: --verbose and --quiet cannot be used together\n"


def test_a_waiver_for_a_mistyped_criterion_is_refused_even_for_one_named_file(
    project: Path,
) -> None:
    _config(project, 'rules = ["rec4"]\n\n[[waivers]]\ncriterion = "REC4-OUTRECH"\n'
                     'paths = ["force/*.md"]\nreason = "typo"\napproved-by = "Head of PP"\n'
                     'expires = 2099-12-31\n')
    result = _check("force/custody.md")
    assert result.exit_code == 2
    assert result.stderr == (
        "policycheck: error: waiver for unknown criterion 'REC4-OUTRECH' (not in the rule sets "
        "in use; see policycheck rules list)\n")
