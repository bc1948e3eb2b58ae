"""docs/ci.md and the pre-commit hook stay true: examples parse and are accepted as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from policycheck.config import load_config
from policycheck.discover import SUPPORTED_SUFFIXES
from policycheck.waivers import load_waivers

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs/ci.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.DOTALL)


def test_yaml_examples_parse() -> None:
    blocks = _blocks("yaml")
    assert len(blocks) == 2
    workflow, precommit = (yaml.safe_load(b) for b in blocks)
    steps = workflow["jobs"]["policycheck"]["steps"]
    assert any("upload-sarif" in s.get("uses", "") for s in steps)
    assert precommit["repos"][0]["hooks"][0]["id"] == "policycheck"


@pytest.mark.parametrize("index", range(2))
def test_toml_examples_are_valid_configuration(tmp_path: Path, index: int) -> None:
    text = _blocks("toml")[index]
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules/force-extra.yaml").write_text("id: extra\n", encoding="utf-8")
    path = tmp_path / "policycheck.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    if "[[waivers]]" in text:
        assert load_waivers(path)[0].criterion == config.waivers[0].criterion == "REC4-OUTREACH"
    else:
        assert [p.replace for p in config.per_path] == [True, False]


def test_pre_commit_hook_selects_the_documents_policycheck_reads() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "policycheck")
    assert hook["entry"] == "policycheck check"
    assert hook["require_serial"] is True
    pattern = re.compile(hook["files"])
    for suffix in (".docx", ".pdf", ".odt", ".html", ".htm", ".md", ".txt"):
        assert suffix in SUPPORTED_SUFFIXES and pattern.search(f"policies/custody{suffix}")
    for name in ("budget.xlsx", "notes.md.bak", "policy.docx.old"):
        assert not pattern.search(name)
    assert 'policycheck = "policycheck.server:main"' in (ROOT / "pyproject.toml").read_text()
