"""The real command in a subprocess, with worker processes, using the stand-in engine.

A sitecustomize module installs the stand-in engine in the command and in every worker.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
SITE = """\
import time
import fakes
import policycheck.engine
import policycheck.rules


def check(document, ruleset, model=None):
    if "hang" in document.path.name:
        time.sleep(300)
    if "slow" in document.path.name:
        time.sleep(0.5)
    return fakes.check(document, ruleset)


policycheck.rules.load_rulesets = fakes.load_rulesets
policycheck.engine.check = check
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITE, encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(SRC), str(TESTS)])}


def _docs(folder: Path, names: list[str]) -> None:
    folder.mkdir()
    for name in names:
        (folder / name).write_text("We do outreach with communities. Report safely.\n", "utf-8")


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "policycheck", "check", "--rules", "rec4", "--rules", "rec5",
            "--no-cache", *args]


def test_parallel_results_equal_serial_ones_in_the_same_order(
    tmp_path: Path, env: dict[str, str],
) -> None:
    _docs(tmp_path / "docs", ["a-slow.md", "b.md", "c.md", "d-slow.md", "e.md"])
    runs = [
        subprocess.run(_command("docs", "-f", "json", *extra), cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=120)
        for extra in (["--jobs", "2"], ["--jobs", "1", "--timeout", "0"])
    ]
    assert [r.returncode for r in runs] == [1, 1], runs[0].stderr  # REC4-MSHT-DA is missing
    parallel, serial = (json.loads(r.stdout) for r in runs)
    assert parallel["documents"] == serial["documents"]
    assert [d["path"] for d in parallel["documents"]] == [
        "docs/a-slow.md", "docs/b.md", "docs/c.md", "docs/d-slow.md", "docs/e.md"]


def test_a_hung_document_times_out_even_with_one_job(tmp_path: Path, env: dict[str, str]) -> None:
    _docs(tmp_path / "docs", ["a.md", "b-hang.md", "c.md"])
    start = time.monotonic()
    run = subprocess.run(_command("docs", "-f", "json", "--jobs", "1", "--timeout", "2"),
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert time.monotonic() - start < 60
    assert run.returncode == 2
    assert run.stderr == (
        "policycheck: docs/b-hang.md: took longer than 2 s (per-document time limit); stopped\n")
    docs = json.loads(run.stdout)["documents"]
    assert [(d["path"], d["error"] is None) for d in docs] == [
        ("docs/a.md", True), ("docs/b-hang.md", False), ("docs/c.md", True)]


@pytest.mark.parametrize(("sig", "mode"), [
    (signal.SIGINT, ["--jobs", "2"]), (signal.SIGTERM, ["--jobs", "2"]),
    (signal.SIGTERM, ["--jobs", "1", "--timeout", "0"]),  # in the command's own process
])
def test_interrupt_exits_130_without_a_report(
    tmp_path: Path, env: dict[str, str], sig: signal.Signals, mode: list[str],
) -> None:
    _docs(tmp_path / "docs", ["a.md", "b-hang.md", "c-hang.md"])
    proc = subprocess.Popen(
        _command("docs", *mode, "-o", "report.txt", "--output-sarif", "report.sarif"),
        cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    time.sleep(4)  # long enough for the workers to start and pick up the hung documents
    os.killpg(proc.pid, sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert err == "policycheck: interrupted after 1 of 3 documents\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "site"]
    deadline = time.monotonic() + 10
    while _group(proc.pid) and time.monotonic() < deadline:  # workers go soon after the command
        time.sleep(0.2)
    assert _group(proc.pid) == []


def _group(pgid: int) -> list[int]:
    """Live processes in a process group (Linux /proc; empty elsewhere)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found
