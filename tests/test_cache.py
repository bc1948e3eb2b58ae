"""The result cache: hits on unchanged input, misses when document, rules or options change."""

from __future__ import annotations

import dataclasses
import gzip
import json
from pathlib import Path

import pytest

import fakes
from policycheck.extract import ExtractOptions
from policycheck.model import Document, Report, RuleSet, Status
from policycheck.runner import Outcome, RunPlan, execute

RULES = "id: local\ncriteria:\n  - id: LOCAL-OUTREACH\n    keywords: [outreach]\n"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fake engine, recording which documents it actually checked."""
    seen: list[str] = []

    def counting(document: Document, ruleset: RuleSet, model: str | None = None) -> Report:
        seen.append(document.path.name)
        return fakes.check(document, ruleset)

    monkeypatch.setattr("policycheck.rules.load_rulesets", fakes.load_rulesets)
    monkeypatch.setattr("policycheck.engine.check", counting)
    return seen


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("We do outreach with communities.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Nothing relevant.\n", encoding="utf-8")
    (tmp_path / "local.yaml").write_text(RULES, encoding="utf-8")
    return tmp_path


def _run(root: Path, **changes: object) -> Outcome:
    plan = RunPlan(inputs=(".",), root=root, rules=("local.yaml",),
                   cache_dir=root / ".policycheck_cache")
    return execute(dataclasses.replace(plan, **changes))  # type: ignore[arg-type]


def test_second_run_comes_from_the_cache(project: Path, calls: list[str]) -> None:
    first = _run(project)
    assert (first.cached, calls) == (0, ["a.md", "b.md"])
    second = _run(project)
    assert (second.cached, calls) == (2, ["a.md", "b.md"])
    assert second.results == first.results


def test_a_changed_document_is_checked_again(project: Path, calls: list[str]) -> None:
    _run(project)
    (project / "b.md").write_text("We now do outreach.\n", encoding="utf-8")
    again = _run(project)
    assert (again.cached, calls[2:]) == (1, ["b.md"])
    assert again.results[1].findings[0].status is Status.MET


def test_changed_rules_or_options_invalidate_the_cache(project: Path, calls: list[str]) -> None:
    _run(project)
    (project / "local.yaml").write_text(RULES.replace("[outreach]", "[outreach, annual]"), "utf-8")
    assert _run(project).cached == 0
    assert _run(project, options=ExtractOptions(pdf_engine="pdfplumber")).cached == 0
    assert _run(project).cached == 2


def test_corrupted_entries_are_misses_and_get_rewritten(project: Path, calls: list[str]) -> None:
    _run(project)
    entries = sorted((project / ".policycheck_cache").rglob("*.json.gz"))
    assert len(entries) == 2
    entries[0].write_bytes(gzip.compress(b"{not json"))
    key = entries[1].name.removesuffix(".json.gz")
    wrong_shape = json.dumps({"key": key, "result": {"reports": 3}}).encode()
    entries[1].write_bytes(gzip.compress(wrong_shape))
    assert _run(project).cached == 0
    assert _run(project).cached == 2


def test_cache_folder_is_tagged_ignored_and_safe_to_delete(project: Path, calls: list[str]) -> None:
    _run(project)
    folder = project / ".policycheck_cache"
    assert (folder / "CACHEDIR.TAG").read_text().startswith(
        "Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    entry = next(folder.rglob("*.json.gz"))
    data = json.loads(gzip.decompress(entry.read_bytes()))  # plain JSON: nothing executable
    assert data["key"] == entry.name.removesuffix(".json.gz")
    entry.write_bytes(entry.read_bytes()[:20])  # truncated: a miss, not a crash
    assert _run(project).cached == 1
    for path in sorted(folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    folder.rmdir()
    assert _run(project).cached == 0


def test_no_cache_dir_means_nothing_is_written(project: Path, calls: list[str]) -> None:
    _run(project, cache_dir=None)
    assert not (project / ".policycheck_cache").exists()


def test_an_unwritable_cache_is_reported_not_fatal(project: Path, calls: list[str]) -> None:
    (project / "blocked").write_text("a file where the folder should be", encoding="utf-8")
    outcome = _run(project, cache_dir=project / "blocked" / "cache")
    assert outcome.cache_writable is False
    assert [r.error for r in outcome.results] == [None, None]


def test_cached_results_keep_the_path_they_are_found_at(project: Path, calls: list[str]) -> None:
    _run(project)
    (project / "copy").mkdir()
    (project / "copy/a.md").write_text((project / "a.md").read_text(), encoding="utf-8")
    outcome = _run(project)
    assert (outcome.cached, calls) == (3, ["a.md", "b.md"])
    assert [r.display_path for r in outcome.results] == ["a.md", "b.md", "copy/a.md"]
    assert outcome.results[2].path == Path("copy/a.md")


def test_a_change_to_the_tool_code_invalidates_the_cache(
    project: Path, calls: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    _run(project)
    assert _run(project).cached == 2
    monkeypatch.setattr("policycheck.cache.code_digest", lambda: "an edited engine")
    assert _run(project).cached == 0
