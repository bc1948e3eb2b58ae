"""A policy repository in CI: config, waivers (live, expired, stale), baseline, outputs, exits.

Runs with the stand-in engine always, and with the real engine once its rule loader exists.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import fakes
from policycheck.cli import app

pytestmark = pytest.mark.slow

CUSTODY = """\
# Migrant victims and witnesses

This procedure applies to all officers and staff who may meet victims with insecure or uncertain
immigration status.

Victims can report safely: officers will not share a victim's information with Immigration
Enforcement for the purpose of immigration control, and they can report without fear of
immigration enforcement. Victims are treated as victims first and foremost.

The force carries out regular outreach and engagement with migrant communities, with
specialist organisations, at least every quarter.

Officers are trained to tell apart the response to victims of trafficking and modern slavery
(National Referral Mechanism) from the response to victims of domestic abuse.
"""
BLANK = "This page is intentionally left blank.\n"

CONFIG = """\
exclude = ["drafts/**"]

[[waivers]]
criterion = "REC4-OUTREACH"
paths = ["policies/blank.md"]
reason = "Placeholder page: outreach is in the engagement strategy"
approved-by = "Head of Public Protection"
expires = 2099-12-31

[[waivers]]
criterion = "REC4-MSHT-DA"
paths = ["policies/blank.md"]
reason = "Awaiting the new MSHT procedure"
approved-by = "Head of Public Protection"
expires = 2020-01-31

[[waivers]]
criterion = "REC4-OUTREACH"
paths = ["retired/**"]
reason = "Old policy"
approved-by = "Head of Public Protection"
expires = 2099-12-31
"""


def _real_engine_ready() -> bool:
    from policycheck.rules import load_rulesets

    try:
        load_rulesets(["rec4"])
    except NotImplementedError:
        return False
    return True


@pytest.fixture(params=["stand-in engine", "real engine"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Extra options for the run: the stand-in engine must stay in this process."""
    if request.param == "stand-in engine":
        monkeypatch.setattr("policycheck.rules.load_rulesets", fakes.load_rulesets)
        monkeypatch.setattr("policycheck.engine.check", fakes.check)
        yield ["--rules", "rec4", "--rules", "rec5", "--jobs", "1", "--timeout", "0"]
    elif not _real_engine_ready():
        pytest.skip("the rule loader is not available yet")
    else:
        yield ["--rules", "rec4", "--jobs", "1"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "policies").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "policies/custody.md").write_text(CUSTODY, encoding="utf-8")
    (tmp_path / "policies/blank.md").write_text(BLANK, encoding="utf-8")
    (tmp_path / "drafts/wip.md").write_text("Work in progress.\n", encoding="utf-8")
    (tmp_path / "policies/budget.xlsx").write_bytes(b"PK\x03\x04")
    (tmp_path / "policycheck.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", *args])


def _statuses(payload: dict) -> dict[tuple[str, str], str]:  # type: ignore[type-arg]
    return {(d["path"], r["criterion"]): r["status"] for d in payload["documents"]
            for r in d["results"]}


def test_policy_repository_in_ci(repo: Path, engine: list[str]) -> None:
    first = _check(".", *engine, "--write-baseline", "baseline.json", "--output-sarif",
                   "out/policycheck.sarif", "--output-junit", "out/junit.xml",
                   "--output-json", "out/result.json", "--format", "github")
    assert first.exit_code == 0, first.output  # writing a baseline accepts today's gaps
    assert "policycheck: skipped policies/budget.xlsx: unsupported file type '.xlsx'" \
        in first.stderr
    assert ("policycheck: policies/blank.md: REC4-MSHT-DA: waiver expired on 2020-01-31"
            in first.stderr)
    assert ("policycheck: stale waiver for REC4-OUTREACH on retired/**: matches no checked "
            "document and criterion") in first.stderr
    payload = json.loads((repo / "out/result.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in payload["documents"]] == ["policies/blank.md", "policies/custody.md"]
    statuses = _statuses(payload)
    assert statuses[("policies/blank.md", "REC4-OUTREACH")] == "waived"
    assert statuses[("policies/blank.md", "REC4-MSHT-DA")] == "missing"
    assert payload["stale_waivers"][0]["paths"] == ["retired/**"]
    sarif = json.loads((repo / "out/policycheck.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["invocations"][0]["toolConfigurationNotifications"]
    assert (repo / "out/junit.xml").read_text(encoding="utf-8").startswith("<?xml")
    baseline = json.loads((repo / "baseline.json").read_text(encoding="utf-8"))
    assert {"path": "policies/blank.md", "criterion": "REC4-MSHT-DA", "status": "missing"} \
        in baseline
    assert "::warning title=policycheck%3A stale waiver::" in first.stdout
    met = sorted(c for (p, c), s in statuses.items() if p == "policies/custody.md" and s == "met")
    assert met, "the custody policy should meet at least one criterion"

    # Unchanged documents with the baseline: only known gaps, so CI passes.
    assert _check(".", *engine, "--baseline", "baseline.json").exit_code == 0
    # Without the baseline the gaps fail the build; --fail-on never reports without failing.
    assert _check(".", *engine).exit_code == 1
    assert _check(".", *engine, "--fail-on", "never").exit_code == 0

    # The custody policy loses its content: its met criteria are now new gaps.
    (repo / "policies/custody.md").write_text(BLANK, encoding="utf-8")
    after = _check(".", *engine, "--baseline", "baseline.json", "--format", "json")
    assert after.exit_code == 1
    new = {(d["path"], r["criterion"]) for d in json.loads(after.stdout)["documents"]
           for r in d["results"] if r.get("new_since_baseline")}
    assert new >= {("policies/custody.md", c) for c in met}

    # A named file that does not exist: exit 2, and the other documents are still reported.
    missing = _check("policies", "gone.md", *engine, "--format", "json")
    assert missing.exit_code == 2
    assert "policycheck: gone.md: file not found" in missing.stderr
    documents = json.loads(missing.stdout)["documents"]
    assert [(d["path"], d["error"]) for d in documents] == [
        ("gone.md", "file not found"), ("policies/blank.md", None),
        ("policies/custody.md", None),
    ]

    # Files named one by one (a pre-commit hook): waivers for other documents are not stale.
    named = _check("policies/custody.md", *engine)
    assert "retired/**" not in named.stderr

    # The cache folder never shows up in git.
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            capture_output=True, text=True, check=True).stdout
    assert ".policycheck_cache" not in status
    assert (repo / ".policycheck_cache/CACHEDIR.TAG").is_file()


def test_init_writes_a_starter_config_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = CliRunner().invoke(app, ["init"])
    assert first.exit_code == 0 and first.stdout == "wrote policycheck.toml\n"
    from policycheck.config import load_config

    assert load_config(tmp_path / "policycheck.toml").rules == ("rec1", "rec4", "rec5")
    again = CliRunner().invoke(app, ["init"])
    assert again.exit_code == 2
    assert again.stderr == "policycheck: error: policycheck.toml: already exists; not overwritten\n"
