"""The batch runner: input order kept, hung documents stopped, crashes contained, Ctrl-C."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

import fakes
from policycheck.batch import Interrupted, Setup, Task, WorkerStartError, run_batch
from policycheck.extract import ExtractOptions
from policycheck.model import DocumentResult

pytestmark = pytest.mark.slow

SPECS = ("rec4",)
RULESETS = {SPECS: fakes.load_rulesets(SPECS)}
SETUP = Setup(groups=(SPECS,), options=ExtractOptions(), loader=fakes.load_rulesets,
              checker=fakes.check_document, warmer=None)


def _tasks(tmp_path: Path, names: list[str]) -> list[Task]:
    tasks = []
    for i, name in enumerate(names):
        path = tmp_path / name
        path.write_text(f"{name}: we do outreach with communities.\n", encoding="utf-8")
        tasks.append(Task(i, path, SPECS))
    return tasks


def test_results_come_back_in_input_order(tmp_path: Path) -> None:
    # The first document is slow, so the others finish first in the other worker.
    tasks = _tasks(tmp_path, ["a-slow.md", "b.md", "c.md", "d.md"])
    finished: list[str] = []
    results = run_batch(tasks, SETUP, RULESETS, jobs=2, timeout=60,
                        on_done=lambda r: finished.append(r.path.name))
    assert [r.path.name for r in results] == ["a-slow.md", "b.md", "c.md", "d.md"]
    assert finished[0] != "a-slow.md"
    assert all(r.error is None and r.findings[0].status.value == "met" for r in results)


def test_a_hung_document_is_stopped_and_the_batch_goes_on(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a.md", "b-hang.md", "c.md"])
    start = time.monotonic()
    results = run_batch(tasks, SETUP, RULESETS, jobs=1, timeout=1.5)
    assert time.monotonic() - start < 30  # the hung worker sleeps 300 s unless killed
    assert [r.error for r in results] == [
        None, "took longer than 1.5 s (per-document time limit); stopped", None,
    ]
    assert results[2].findings[0].status.value == "met"
    assert multiprocessing.active_children() == []


def test_a_crashing_parser_is_reported_for_its_document_only(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a-crash.md", "b.md"])
    results = run_batch(tasks, SETUP, RULESETS, jobs=2, timeout=60)
    assert results[0].error == "the checking process crashed (exit code 3)"
    assert results[1].error is None


def test_without_timeout_one_job_runs_in_this_process(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a.md", "b.md"])
    results = run_batch(tasks, SETUP, RULESETS, jobs=1, timeout=None)
    assert [r.display_path for r in results] == [r.path.as_posix() for r in results]
    assert multiprocessing.active_children() == []


def _interrupt(result: DocumentResult) -> None:
    raise KeyboardInterrupt


@pytest.mark.parametrize(("jobs", "timeout"), [(1, None), (2, 60.0)])
def test_ctrl_c_stops_workers_and_says_how_far_it_got(
    tmp_path: Path, jobs: int, timeout: float | None,
) -> None:
    tasks = _tasks(tmp_path, ["a.md", "b-slow.md", "c-slow.md", "d-slow.md"])
    with pytest.raises(Interrupted) as caught:
        run_batch(tasks, SETUP, RULESETS, jobs=jobs, timeout=timeout, on_done=_interrupt)
    assert str(caught.value) == "interrupted after 1 of 4 documents"
    assert multiprocessing.active_children() == []


def test_a_worker_that_cannot_load_the_rules_stops_the_run_with_a_reason(tmp_path: Path) -> None:
    tasks = [Task(0, _tasks(tmp_path, ["a.md"])[0].path, ("nope",))]
    setup = Setup(groups=(("nope",),), options=ExtractOptions(), loader=fakes.load_rulesets,
                  checker=fakes.check_document, warmer=None)
    with pytest.raises(WorkerStartError) as caught:
        run_batch(tasks, setup, {("nope",): ()}, jobs=1, timeout=10)
    assert str(caught.value) == (
        "a worker process could not load the rules: <rules>: unknown rule set 'nope'"
    )
    assert multiprocessing.active_children() == []
