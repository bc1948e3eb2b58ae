"""Run many documents: in this process, or in worker processes with a per-document time limit."""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from policycheck import server
from policycheck.cache import decode, encode
from policycheck.errors import PolicycheckError
from policycheck.extract import ExtractOptions
from policycheck.headstart import HeadStart, too_long
from policycheck.model import Block, BlockKind, Document, DocumentResult, Location, RuleSet
from policycheck.pipeline import check_document, check_read, display_path

Specs = tuple[str, ...]
Loader = Callable[[Sequence[str]], tuple[RuleSet, ...]]
Checker = Callable[[Path, Sequence[RuleSet], ExtractOptions], DocumentResult]
Warmer = Callable[[Sequence[RuleSet]], None]


@dataclass(frozen=True, slots=True)
class Task:
    """One document to check with the rule sets its specs name."""

    index: int
    path: Path
    specs: Specs
    document: Document | None = None  # already extracted, by the head start


class Interrupted(Exception):
    """The user pressed Ctrl-C; `done` of `total` documents had finished."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"interrupted after {done} of {total} documents")
        self.done = done
        self.total = total


class WorkerStartError(PolicycheckError):
    """A worker process died before it could take any document."""


def warm_engine(rulesets: Sequence[RuleSet]) -> None:
    """Load the NLP pipeline and compile the matchers of rule sets checked together, once,
    before the first real document."""
    from policycheck.engine import check_all
    from policycheck.engine.assess import stances
    from policycheck.engine.nlp import analyse

    block = Block(BlockKind.PARAGRAPH, "Victims are supported first.", Location(paragraph=1))
    document = Document(path=Path("warm-up.txt"), format="text", blocks=(block,))
    with contextlib.suppress(Exception):  # a failing warm-up must not stop the batch
        stances(analyse(document))  # the pipeline and the sentence-cue matchers
        check_all(document, rulesets)


@dataclass(frozen=True, slots=True)
class Setup:
    """What every worker needs: pickled by reference, so functions must be module-level."""

    groups: tuple[Specs, ...]
    options: ExtractOptions
    loader: Loader
    checker: Checker = check_document
    warmer: Warmer | None = warm_engine
    # The rule sets the caller already loaded, sent along (pickled: plain frozen dataclasses),
    # so that a worker starts checking without reading and validating the rule files again.
    rulesets: dict[Specs, tuple[RuleSet, ...]] | None = None


def _worker_main(conn: Connection, setup: Setup) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    try:
        given = setup.rulesets or {}
        rulesets = {group: given.get(group) or setup.loader(group) for group in setup.groups}
    except PolicycheckError as exc:
        conn.send(("failed", str(exc)))
        return
    if setup.warmer is not None:
        for group in dict.fromkeys(rulesets.values()):
            setup.warmer(group)
    gc.freeze()  # rules and matchers live as long as the worker: collections need not walk them
    conn.send(("ready",))
    try:
        while (task := conn.recv()) is not None:
            if task.document is not None:
                result = check_read(task.path, task.document, rulesets[task.specs], setup.options)
            else:
                result = setup.checker(task.path, rulesets[task.specs], setup.options)
            # Results travel as JSON-ready dicts: compiled rules need not be picklable.
            conn.send(("done", task.index, encode(result)))
    except (EOFError, OSError):
        return  # the parent has gone: nothing left to do


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: Task | None = None
    started: float = 0.0


def _context(setup: Setup | None = None) -> Any:
    """Forkserver where there is one; with the real engine (or none named), its server preloads
    spaCy."""
    return server.context(setup is None or setup.warmer is warm_engine)


def prestart_engine() -> None:
    """Start the real engine's preloading server now, if this platform has one."""
    server.prestart()


def prestart(setup: Setup, jobs: int, timeout: float | None) -> None:
    """Start the forkserver now, so that it preloads while the caller still loads rules."""
    if jobs > 1 or timeout:
        server.ensure_running(_context(setup))


def _start(ctx: Any, setup: Setup) -> _Worker:
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_worker_main, args=(child, setup), daemon=True)
    process.start()
    child.close()
    return _Worker(process=process, conn=parent)


def _stop(workers: Sequence[_Worker]) -> None:
    for worker in workers:
        if worker.task is None and worker.process.is_alive():
            with contextlib.suppress(OSError):
                worker.conn.send(None)
    deadline = time.monotonic() + 2
    for worker in workers:
        worker.process.join(max(0.0, deadline - time.monotonic()))
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


def _failed(task: Task, reason: str) -> DocumentResult:
    return DocumentResult(
        path=task.path, display_path=display_path(task.path), format=None, error=reason,
    )


@dataclass(frozen=True, slots=True)
class Hooks:
    """What a caller other than the command line follows or controls while a batch runs.

    `on_begin` is told when a document starts being read or checked; setting `cancel` stops
    the batch as Ctrl-C does (workers killed, `Interrupted` raised) within a fraction of a second.
    """

    on_begin: Callable[[Path], None] | None = None
    cancel: threading.Event | None = None

    def begin(self, path: Path) -> None:
        if self.on_begin is not None:
            self.on_begin(path)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise KeyboardInterrupt  # stopped from outside: the same clean-up as Ctrl-C


CANCEL_POLL = 0.2  # seconds: how soon a set `Hooks.cancel` is noticed while workers are busy


def run_batch(
    tasks: Sequence[Task], setup: Setup, rulesets: dict[Specs, tuple[RuleSet, ...]],
    jobs: int = 1, timeout: float | None = None,
    on_done: Callable[[DocumentResult], None] | None = None, hooks: Hooks | None = None,
) -> list[DocumentResult]:
    """Check every task; results come back in task order whatever finishes first.

    Without a timeout and with one job, documents run in this process. Otherwise each runs in
    a worker process; one that exceeds `timeout` seconds is killed and reported as timed out.
    """
    notify = on_done or (lambda result: None)
    hooks = hooks or Hooks()
    previous = _interrupt_on_sigterm()
    try:
        if jobs > 1 or timeout:
            return _run_pool(tasks, setup, rulesets, max(1, jobs), timeout, notify, hooks)
        out: list[DocumentResult] = []
        try:
            for task in tasks:
                hooks.check_cancel()
                hooks.begin(task.path)
                out.append(setup.checker(task.path, rulesets[task.specs], setup.options))
                notify(out[-1])
        except KeyboardInterrupt:
            raise Interrupted(len(out), len(tasks)) from None
        return out
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run_pool(
    tasks: Sequence[Task], setup: Setup, rulesets: dict[Specs, tuple[RuleSet, ...]], jobs: int,
    timeout: float | None, notify: Callable[[DocumentResult], None], hooks: Hooks,
) -> list[DocumentResult]:
    ctx = _context(setup)
    # Largest files first, so that no worker is left with a big document at the end.
    pending = deque(sorted(tasks, key=_size, reverse=True) if jobs > 1 else tasks)
    results: dict[int, DocumentResult] = {}

    def finish(task: Task, result: DocumentResult) -> None:
        results[task.index] = result
        notify(result)

    workers: list[_Worker] = []
    head: HeadStart | None = None
    begun: dict[int, float] = {}  # when a head-started document's time began
    try:
        worker_count = min(jobs, len(tasks))
        head = _head_start(setup, pending)  # first: starting a worker waits for its server
        if head is not None:
            hooks.begin(head.task.path)
        workers = [_start(ctx, setup) for _ in range(worker_count)]
        while len(results) < len(tasks):
            hooks.check_cancel()
            now = time.monotonic()
            for worker in workers:
                if worker.ready and worker.task is None and pending:
                    worker.task = pending.popleft()
                    worker.started = begun.pop(worker.task.index, now)
                    if worker.task.document is None:  # a head-started one has begun already
                        hooks.begin(worker.task.path)
                    worker.conn.send(worker.task)
            busy = [w.started + timeout - now for w in workers if w.task and timeout]
            busy += [head.started + timeout - now] if head and timeout else []
            busy += [CANCEL_POLL] if hooks.cancel is not None else []
            wait_for = max(0.0, min(busy)) if busy else None
            waitables: list[Any] = [w.conn for w in workers]
            waitables += [w.process.sentinel for w in workers] + ([head.fileno] if head else [])
            wait(waitables, wait_for)
            if head is not None and _head_done(head, pending, begun, finish, timeout):
                head = None
            for i, worker in enumerate(workers):
                if not _collect(worker, rulesets, finish):
                    _crashed(worker, finish)
                    workers[i] = _replace(ctx, setup, worker)
                elif timeout and worker.task and time.monotonic() - worker.started > timeout:
                    finish(worker.task, _failed(worker.task, too_long(timeout)))
                    worker.process.kill()
                    workers[i] = _replace(ctx, setup, worker)
    except KeyboardInterrupt:
        for worker in workers:
            worker.process.kill()
        raise Interrupted(len(results), len(tasks)) from None
    finally:
        if head is not None:
            head.end(kill=True)
        _stop(workers)
    return [results[task.index] for task in tasks]


def _head_start(setup: Setup, pending: deque[Task]) -> HeadStart | None:
    """Extract the first document now, beside the workers that are still loading spaCy.

    Only with the real pipeline and at least two CPUs: on one, the two would take turns.
    """
    if setup.checker is not check_document or not pending or (os.cpu_count() or 1) < 2:
        return None
    task = pending.popleft()
    return HeadStart.begin(task, task.path, setup.options)


def _head_done(
    head: HeadStart, pending: deque[Task], begun: dict[int, float],
    finish: Callable[[Task, DocumentResult], None], timeout: float | None,
) -> bool:
    """Queue the head start's document for the next free worker (first in line, its clock
    still running), or record its error, crash or timeout; False while it is still working."""
    read = head.poll(timeout)
    if read is None:
        return False
    task: Task = head.task
    if isinstance(read, Document):
        pending.appendleft(Task(task.index, task.path, task.specs, read))
        begun[task.index] = head.started
    elif isinstance(read, DocumentResult):
        finish(task, read)
    else:
        finish(task, _failed(task, read))
    return True


def _size(task: Task) -> int:
    try:
        return task.path.stat().st_size
    except OSError:
        return 0


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _interrupt_on_sigterm() -> Any:
    """A cancelled CI job (SIGTERM) stops the workers like Ctrl-C does."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _raise_interrupt)


def _crashed(worker: _Worker, finish: Callable[[Task, DocumentResult], None]) -> None:
    """A worker died: its document (if any) gets the error; dying before work stops the run."""
    worker.process.join(5)  # reap it, so that its exit code is known
    code = worker.process.exitcode
    if not worker.ready:
        raise WorkerStartError(f"a worker process failed to start (exit code {code})")
    if worker.task is not None:
        reason = f"the checking process crashed (exit code {code})"
        finish(worker.task, _failed(worker.task, reason))


def _replace(ctx: Any, setup: Setup, worker: _Worker) -> _Worker:
    worker.task = None
    _stop([worker])
    return _start(ctx, setup)


def _collect(
    worker: _Worker, rulesets: dict[Specs, tuple[RuleSet, ...]],
    finish: Callable[[Task, DocumentResult], None],
) -> bool:
    """Read every message the worker sent; False when the worker is gone."""
    try:
        while worker.conn.poll():
            message = worker.conn.recv()
            if message[0] == "ready":
                worker.ready = True
            elif message[0] == "failed":
                raise WorkerStartError(f"a worker process could not load the rules: {message[1]}")
            elif worker.task is not None:
                task, worker.task = worker.task, None
                finish(task, decode(message[2], task.path, display_path(task.path),
                                    rulesets[task.specs]))
    except (EOFError, OSError):
        return False
    return worker.process.is_alive() or worker.process.exitcode == 0
