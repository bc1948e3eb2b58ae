"""Configuration: discovery upwards, nearest wins, strict validation with file and key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.config import find_config, load_config, resolve_config, rules_for
from policycheck.errors import ConfigError
from policycheck.report import RENDERERS


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_configuration_wins(tmp_path: Path) -> None:
    _write(tmp_path / "policycheck.toml", 'rules = ["rec4"]\n')
    _write(tmp_path / "force/pyproject.toml", '[tool.policycheck]\nrules = ["rec5"]\n')
    deep = tmp_path / "force/policies/custody"
    deep.mkdir(parents=True)
    config = resolve_config(None, isolated=False, cwd=deep)
    assert config.source == tmp_path / "force/pyproject.toml"
    assert config.rules == ("rec5",)
    assert config.root == tmp_path / "force"


def test_pyproject_without_a_policycheck_table_is_passed_over(tmp_path: Path) -> None:
    _write(tmp_path / "policycheck.toml", "jobs = 3\n")
    _write(tmp_path / "sub/pyproject.toml", '[tool.ruff]\nline-length = 90\n')
    assert find_config(tmp_path / "sub") == tmp_path / "policycheck.toml"


def test_policycheck_toml_beats_pyproject_in_the_same_folder(tmp_path: Path) -> None:
    _write(tmp_path / "pyproject.toml", "[tool.policycheck]\njobs = 2\n")
    _write(tmp_path / "policycheck.toml", "jobs = 4\n")
    assert resolve_config(None, isolated=False, cwd=tmp_path).jobs == 4


def test_explicit_config_and_isolated(tmp_path: Path) -> None:
    _write(tmp_path / "policycheck.toml", "jobs = 4\n")
    other = _write(tmp_path / "elsewhere/ci.toml", "jobs = 1\n")
    assert resolve_config(other, isolated=False, cwd=tmp_path).jobs == 1
    assert resolve_config(None, isolated=True, cwd=tmp_path).jobs is None


def test_all_keys_are_read(tmp_path: Path) -> None:
    _write(tmp_path / "rules/local.yaml", "id: local\n")
    config = load_config(_write(tmp_path / "policycheck.toml", """\
rules = ["rec4", "rules/local.yaml"]
include = ["policies/**"]
exclude = ["drafts/**"]
fail-on = "advisory"
jobs = 2
timeout = 30
format = "json"
pdf-engine = "pdfplumber"
cache-dir = ".cache/pc"
baseline = "baseline.json"
waivers-file = "waivers.toml"

[[per-path]]
paths = ["pcc/**"]
rules = ["rec5"]

[[waivers]]
criterion = "REC4-OUTREACH"
paths = ["custody.md"]
reason = "Covered by the engagement strategy"
approved-by = "Head of Public Protection"
expires = 2026-01-31
"""))
    assert config.rules == ("rec4", str(tmp_path / "rules/local.yaml"))
    assert (config.include, config.exclude, config.fail_on) == (
        ("policies/**",), ("drafts/**",), "advisory")
    assert (config.jobs, config.timeout, config.format, config.pdf_engine) == (
        2, 30.0, "json", "pdfplumber")
    assert config.cache_dir == tmp_path / ".cache/pc"
    assert config.baseline == tmp_path / "baseline.json"
    assert config.waivers_file == tmp_path / "waivers.toml"
    assert config.waivers[0].expires == "2026-01-31"
    assert config.waivers[0].approved_by == "Head of Public Protection"


ERRORS = [
    ('rules = ["rec4", "rec5", "rec1", 3]\n',
     "policycheck.toml: rules.3: Input should be a valid string"),
    ("colour = true\n", "policycheck.toml: colour: unknown key"),
    ("jobs = 0\n", "policycheck.toml: jobs: Input should be greater than or equal to 1"),
    ('fail-on = "sometimes"\n',
     "policycheck.toml: fail-on: Input should be 'required', 'advisory' or 'never'"),
    ('format = "pdf"\n', "policycheck.toml: format: unknown format 'pdf' (choose from "
                          f"{', '.join(sorted(RENDERERS))})"),
    ('[[per-path]]\npaths = ["pcc/**"]\n',
     "policycheck.toml: per-path.0: give exactly one of 'rules' (replace) or 'extend-rules' (add)"),
    ('[[waivers]]\ncriterion = "REC4-OUTREACH"\npaths = ["a.md"]\nreason = "r"\n'
     'expires = 2026-01-31\n', "policycheck.toml: waivers.0.approved-by: required key is missing"),
    ('[[waivers]]\ncriterion = "X"\npaths = ["a.md"]\nreason = "r"\napproved-by = "b"\n'
     'expires = "soon"\n',
     "policycheck.toml: waivers.0.expires: Input should be a valid date or datetime, "
     "input is too short"),
    ('rules = ["../shared/rules.yaml"]\n',
     "policycheck.toml: rules.0: '../shared/rules.yaml' is outside the folder of the "
     "configuration; give an absolute path to use a rule file from elsewhere"),
    ("jobs = \n", "policycheck.toml: invalid TOML: Invalid value (at line 1, column 8)"),
    ('jobs = "many"\ncolour = 1\n',
     "policycheck.toml: jobs: Input should be a valid integer, unable to parse string as an "
     "integer (and 1 more error)"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS)
def test_invalid_configuration_names_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "policycheck.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == message


def test_pyproject_errors_name_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = _write(tmp_path / "pyproject.toml", "[tool.policycheck]\ntimeout = -1\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert str(caught.value) == (
        "pyproject.toml: tool.policycheck.timeout: Input should be greater than or equal to 0"
    )


def test_absolute_rule_paths_outside_the_project_are_allowed(tmp_path: Path) -> None:
    outside = _write(tmp_path / "shared/rules.yaml", "id: shared\n")
    config = load_config(_write(tmp_path / "proj/policycheck.toml", f'rules = ["{outside}"]\n'))
    assert config.rules == (str(outside),)


def test_per_path_rules_replace_or_extend_in_order(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path / "policycheck.toml", """\
rules = ["rec1", "rec4"]
[[per-path]]
paths = ["pcc/**"]
rules = ["rec5"]
[[per-path]]
paths = ["**/victims/*.md"]
extend-rules = ["victims-code"]
"""))
    assert rules_for("force/a.md", config.rules or (), config.per_path) == ("rec1", "rec4")
    assert rules_for("pcc/a.md", config.rules or (), config.per_path) == ("rec5",)
    assert rules_for("pcc/victims/a.md", config.rules or (), config.per_path) == (
        "rec5", "victims-code")
    assert rules_for("force/victims/a.md", config.rules or (), config.per_path) == (
        "rec1", "rec4", "victims-code")
