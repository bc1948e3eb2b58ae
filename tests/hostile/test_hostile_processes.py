"""Real processes, real engine: a document that runs too long, Ctrl-C, and bounded memory."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile_files as h
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX")]

SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC), "NO_COLOR": "1"}
# Thousands of copies of a policy: a legitimate document that takes the real engine minutes.
SLOW = (h.GOOD_POLICY + "\n") * 6000


def _command(*args: str) -> list[str]:
    return [sys.executable, "-m", "policycheck", "check", "--isolated", "--no-cache", *args]


def test_a_document_over_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a-good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    (tmp_path / "b-slow.txt").write_text(SLOW, encoding="utf-8")
    (tmp_path / "c-good.md").write_text(h.GOOD_POLICY, encoding="utf-8")
    run = subprocess.run(
        _command(".", "--jobs", "1", "--timeout", "4", "--output-json", "out/r.json",
                 "--output-junit", "out/r.xml"),
        cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=180,
    )
    assert run.returncode == 2
    assert run.stderr == (
        "policycheck: b-slow.txt: took longer than 4 s (per-document time limit); stopped\n")
    documents = json.loads((tmp_path / "out" / "r.json").read_text(encoding="utf-8"))["documents"]
    assert [(d["path"], d["error"] is None) for d in documents] == [
        ("a-good.txt", True), ("b-slow.txt", False), ("c-good.md", True)]
    assert "per-document time limit" in (tmp_path / "out" / "r.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", [["--jobs", "1"], ["--jobs", "1", "--timeout", "0"]],
                         ids=["worker", "in-process"])
def test_ctrl_c_leaves_no_report_and_says_how_far_it_got(tmp_path: Path, mode: list[str]) -> None:
    (tmp_path / "a-good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    (tmp_path / "b-slow.txt").write_text(SLOW, encoding="utf-8")
    (tmp_path / "c-slow.txt").write_text(SLOW, encoding="utf-8")
    proc = subprocess.Popen(
        _command(".", *mode, "-o", "report.txt", "--output-json", "r.json",
                 "--output-sarif", "r.sarif"),
        cwd=tmp_path, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    time.sleep(8)  # the engine loads, checks the good policy, and is deep in the slow one
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert re.fullmatch(r"policycheck: interrupted after [01] of 3 documents\n", err), err
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == ["a-good.txt", "b-slow.txt", "c-slow.txt"]  # no report, no temporary file


def test_worst_inputs_stay_within_memory_and_time(tmp_path: Path) -> None:
    """The heaviest refusals and the heaviest accepted odd file, all in one process."""
    h.long_line(tmp_path / "long-line.txt")
    h.sparse(tmp_path / "sparse.txt", 19 * 1024 * 1024)  # under the text limit: read, then refused
    h.sparse(tmp_path / "sparse-3gb.txt", 3 * 1024**3)
    h.docx_bomb_ratio(tmp_path / "bomb.docx")
    h.html_deep(tmp_path / "deep.html")
    h.pdf_pages(tmp_path / "pages.pdf", 2500)
    (tmp_path / "good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.monotonic()\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024\n"
        "print(code, peak, round(time.monotonic() - start, 1))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe, *_command(".", "--timeout", "0", "--jobs", "1", "-f",
                                                "json", "-o", "r.json")],
        cwd=tmp_path, env=ENV, capture_output=True, text=True, timeout=180,
    )
    code, peak_mb, seconds = run.stdout.split()
    assert int(code) == 2
    print(f"worst inputs: peak {peak_mb} MB, {seconds} s")  # shown with -s, for the record
    assert int(peak_mb) < 1024, f"peak memory {peak_mb} MB"
    assert float(seconds) < 120
    documents = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["documents"]
    errors = {d["path"]: d["error"] for d in documents}
    assert errors["good.txt"] is None
    assert "(max_block_chars)" in errors["long-line.txt"]
    assert errors["sparse.txt"] == "binary content, not a text document"
