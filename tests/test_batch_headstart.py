"""The first document is extracted beside the workers while they load spaCy: its results,
errors and time limit are the same as any other document's."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from policycheck.batch import Setup, Task, run_batch
from policycheck.extract import ExtractOptions
from policycheck.pipeline import check_document
from policycheck.rules import load_rulesets

pytestmark = pytest.mark.slow

SPECS = ("rec4",)
RULESETS = {SPECS: load_rulesets(list(SPECS))}
SETUP = Setup(groups=(SPECS,), options=ExtractOptions(), loader=load_rulesets,
              rulesets=RULESETS)
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
PDF = SAMPLES / "dunmere-migrant-victims-procedure.pdf"


def test_a_head_started_document_gets_the_same_findings(tmp_path: Path) -> None:
    small = tmp_path / "small.md"
    small.write_text("# Outreach\n\nWe engage migrant community groups every quarter.\n",
                     encoding="utf-8")
    tasks = [Task(0, small, SPECS), Task(1, PDF, SPECS)]  # the PDF is larger: it goes first
    pooled = run_batch(tasks, SETUP, RULESETS, jobs=2, timeout=120)
    alone = [check_document(t.path, RULESETS[SPECS], ExtractOptions()) for t in tasks]
    assert pooled == alone
    assert any(f.evidence for f in pooled[1].findings)
    assert multiprocessing.active_children() == []


def test_a_head_started_document_that_cannot_be_read_is_an_error_and_the_rest_go_on(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 20_000)  # the largest: head-started
    tasks = [Task(0, broken, SPECS), Task(1, PDF, SPECS)]
    results = run_batch(tasks, SETUP, RULESETS, jobs=1, timeout=120)
    assert results[0].error is not None and "PDF" in results[0].error
    assert results[1].error is None and results[1].findings
    assert multiprocessing.active_children() == []


def test_the_time_limit_covers_the_head_start(tmp_path: Path) -> None:
    # Starting the extracting process alone takes longer than this limit.
    results = run_batch([Task(0, PDF, SPECS)], SETUP, RULESETS, jobs=1, timeout=0.01)
    assert results[0].error == "took longer than 0.01 s (per-document time limit); stopped"
    assert multiprocessing.active_children() == []


def test_only_the_real_pipeline_on_two_cpus_head_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import policycheck.batch as batch

    started: list[object] = []
    original = batch._head_start

    def recording(setup: Setup, pending: object) -> object:
        started.append(original(setup, pending))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(batch, "_head_start", recording)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 2)
    run_batch([Task(0, PDF, SPECS)], SETUP, RULESETS, jobs=1, timeout=120)
    assert getattr(started[-1], "task", None) == Task(0, PDF, SPECS)
    monkeypatch.setattr(batch.os, "cpu_count", lambda: 1)
    run_batch([Task(0, PDF, SPECS)], SETUP, RULESETS, jobs=1, timeout=120)
    assert started[-1] is None
    assert multiprocessing.active_children() == []

