"""Hostile rule and configuration files: one clear line each, quickly, and nothing run."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import hostile_files as h
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policycheck.cli import app
from policycheck.errors import RuleFileError
from policycheck.model import RuleSet
from policycheck.rules import bundled_dir
from policycheck.rules.loader import load_file

runner = CliRunner()
REC5 = (bundled_dir() / "rec5.yaml").read_text(encoding="utf-8")


def _bomb(levels: int = 9) -> str:
    """A YAML 'billion laughs': nine anchors, each a list of nine aliases of the one before."""
    lines = ["x-0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x-{i + 1}: &x{i + 1} [{', '.join([f'*x{i}'] * 9)}]" for i in range(levels - 1)]
    return "\n".join(lines) + "\n"


def run_rules(folder: Path, rules: Path, *extra: str) -> tuple[int, str]:
    """`policycheck check` of a good policy with `rules`; (exit code, output)."""
    policy = folder / "good.txt"
    policy.write_text(h.GOOD_POLICY, encoding="utf-8")
    result = runner.invoke(app, ["check", str(policy), "--rules", str(rules), "--no-cache",
                                 "--timeout", "0", *extra])
    return result.exit_code, result.output


@pytest.mark.parametrize(("content", "reason"), [
    ('!!python/object/apply:os.system ["touch PWNED"]\n',
     "could not determine a constructor for the tag 'tag:yaml.org,2002:python/object/apply"),
    (REC5.replace('version: "1.0"', 'version: !!python/object/new:os.system [touch PWNED]'),
     "could not determine a constructor for the tag"),
    (_bomb() + REC5, "expands to more than 200,000 values (an alias bomb?)"),
    ("id: " + "[" * 50_000 + "]" * 50_000 + "\n", "is nested too deeply"),
    (REC5 + "\n# " + "x" * (3 * 1024 * 1024) + "\n", "is over the 2 MB limit for a rule file"),
    (REC5.replace('"can tell us"]', '"can tell us", "(a+)+$"]'),
     "phrase '(a+)+$' looks like a regular expression: write plain words"),
    (REC5.replace('"can tell us"]', '"can tell us", "' + " ... ".join(["a"] * 40) + '"]'),
     "is longer than 12 words"),
])
def test_hostile_rule_file_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, reason: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "vocabulary.yaml").write_text(
        (bundled_dir() / "vocabulary.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    rules = tmp_path / "hostile.yaml"
    rules.write_text(content, encoding="utf-8")
    code, output = run_rules(tmp_path, rules, "--isolated")
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("policycheck: error: ")
    assert "hostile.yaml" in lines[0] and reason in lines[0]
    assert not (tmp_path / "PWNED").exists()


def test_a_fifo_as_rule_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)
    with pytest.raises(RuleFileError, match="is not a regular file"):
        load_file(fifo)


def test_config_rule_path_may_not_escape_its_folder(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "evil.yaml").write_text(REC5, encoding="utf-8")
    config = project / "policycheck.toml"
    config.write_text('rules = ["../evil.yaml"]\n', encoding="utf-8")
    code, output = run_rules(project, Path("rec5"), "--config", str(config))
    assert code == 2
    assert "'../evil.yaml' is outside the folder of the configuration" in output


def test_config_limits_are_validated_by_name_and_value(tmp_path: Path) -> None:
    config = tmp_path / "policycheck.toml"
    config.write_text('[limits]\nmax-pdf-pages = "lots"\n', encoding="utf-8")
    code, output = run_rules(tmp_path, Path("rec5"), "--config", str(config))
    assert code == 2
    assert "limits: limit 'max-pdf-pages' must be a number, not 'lots'" in output


# YAML-ish text: the bundled rule file cut, spliced and salted with YAML's own syntax.
_SYNTAX = st.sampled_from(["&a ", "*a", "!!str ", "!!python/name:os.system", "{", "}", "[", "]",
                           ": ", "- ", "\n", "  ", "'", '"', "? ", "|", ">", "%YAML 1.2\n",
                           "---\n", "...", "\t", "\x00", "\ufeff", "<<: *a\n", "#"])


@st.composite
def yamlish(draw: st.DrawFn) -> str:
    """REC5 with a few random cuts and insertions of YAML syntax."""
    text = REC5
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        insert = "".join(draw(st.lists(_SYNTAX | st.text(max_size=5), max_size=4)))
        text = text[:at] + insert + text[at + cut:]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish())
def test_rule_loader_gives_a_ruleset_or_a_rule_file_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "vocabulary.yaml").write_text(
            (bundled_dir() / "vocabulary.yaml").read_text(encoding="utf-8"), encoding="utf-8")
        path = Path(folder) / "rules.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            assert isinstance(load_file(path), RuleSet)
        except RuleFileError as exc:
            assert str(exc).count("\n") == 0
