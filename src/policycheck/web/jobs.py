"""The checks people start from the page: their uploads, progress, results and clean-up.

Each check runs the `check` command's own run (`runner.execute`: the worker pool, the time
limit, every safety limit) in a thread of its own, one check at a time, since each already uses
every CPU. Uploads live in one private folder per server, removed when the server stops.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path

from policycheck.batch import Hooks, Interrupted
from policycheck.errors import PolicycheckError
from policycheck.model import DocumentResult
from policycheck.pipeline import printable_name
from policycheck.runner import RunPlan, execute
from policycheck.verdict import FailOn
from policycheck.web.uploads import (
    MAX_JOB_BYTES,
    MAX_JOB_FILES,
    Receiver,
    UploadRefused,
    accepted_suffix,
    safe_parts,
    size_limit,
)

IDLE_SECONDS = 30 * 60  # a finished check nobody has looked at for this long is removed


class State(StrEnum):
    """Where a check stands."""

    UPLOADING = "uploading"
    WAITING = "waiting"  # for another check to finish
    CHECKING = "checking"
    DONE = "done"
    FAILED = "failed"
    STOPPED = "stopped"


@dataclass(slots=True, eq=False)
class Upload:
    """One stored document of a check, and how far its checking has got."""

    index: int
    name: str  # the name the person gave, made safe: shown in every output
    path: Path
    declared: int = 0  # bytes the browser said it would send, held against the check's total
    state: str = "waiting"  # waiting -> checking -> done | error
    result: DocumentResult | None = None


@dataclass(eq=False)
class Job:
    """One check: the documents of one drop, the choices made, and what came of it."""

    id: str
    folder: Path
    rules: tuple[str, ...]
    fail_on: FailOn
    uploads: list[Upload] = field(default_factory=list)
    refused: list[DocumentResult] = field(default_factory=list)  # never stored
    state: State = State.UPLOADING
    received: int = 0  # bytes stored, or announced by uploads still arriving
    counter: int = 0  # the next upload's number (numbers are never reused)
    results: tuple[DocumentResult, ...] = ()
    notices: tuple[str, ...] = ()
    error: str = ""
    touched: float = field(default_factory=time.monotonic)
    cancel: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def names(self) -> set[str]:
        return {u.name for u in self.uploads} | {r.display_path for r in self.refused}


def annotatable(upload: Upload) -> bool:
    """A Word draft that was read: it can have an annotated copy."""
    result = upload.result
    return (result is not None and not result.error and result.format == "docx"
            and upload.path.suffix.lower() == ".docx" and upload.path.is_file())


class Jobs:
    """Every check of one server, under one private temporary folder."""

    def __init__(self, plan: RunPlan, choices: Sequence[str]) -> None:
        self.plan = plan
        self.choices = tuple(choices)  # the rule-set specs the page offers; no others run
        self.folder = Path(tempfile.mkdtemp(prefix="policycheck-web-"))  # mode 0700
        self._jobs: dict[str, Job] = {}
        self._threads: list[threading.Thread] = []
        self._one_at_a_time = threading.Lock()
        self._lock = threading.Lock()

    def create(self, rules: Sequence[str], fail_on: str) -> Job:
        """A new, empty check; refuses rule sets the page does not offer."""
        chosen = tuple(dict.fromkeys(rules))
        unknown = [r for r in chosen if r not in self.choices]
        if unknown or not chosen:
            raise UploadRefused(f"choose rule sets from: {', '.join(self.choices)}")
        try:
            threshold = FailOn(fail_on)
        except ValueError:
            raise UploadRefused(
                f"fail-on must be one of {', '.join(f.value for f in FailOn)}") from None
        job_id = secrets.token_urlsafe(12)
        folder = self.folder / job_id
        folder.mkdir(mode=0o700)
        job = Job(id=job_id, folder=folder, rules=chosen, fail_on=threshold)
        with self._lock:
            self._jobs[job_id] = job
        return job

    def get(self, job_id: str) -> Job | None:
        """The check with this id, marked as just used."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            job.touched = time.monotonic()
        return job

    def receive(self, job: Job, raw_name: str, declared: int | None) -> tuple[Upload, Receiver]:
        """Check one upload against every limit before a byte is stored, and open its file."""
        name = "/".join(safe_parts(raw_name))
        limit, refusal = size_limit(name, self.plan.options.limits)
        with job.lock:
            if job.state is not State.UPLOADING:
                raise UploadRefused("this check has already started", name, status=409)
            if len(job.uploads) + len(job.refused) >= MAX_JOB_FILES:
                raise UploadRefused(f"more than {MAX_JOB_FILES} files in one check", name, 413)
            name = _unique(name, job.names())
            if not accepted_suffix(name):
                raise self._refuse(job, name, f"unsupported file type '{Path(name).suffix}' "
                                   "(policycheck reads Word, PDF, ODT, HTML, Markdown and text)")
            if declared is not None and declared > limit:
                raise self._refuse(job, name, refusal, 413)
            if declared is not None and job.received + declared > MAX_JOB_BYTES:
                raise self._refuse(job, name, "the files of one check are over 4 GB together",
                                   413)
            index, job.counter = job.counter, job.counter + 1
            # One folder per upload: the stored name is the last part only, so names never
            # clash and never climb out; the full relative name is what people see.
            path = job.folder / str(index) / name.rsplit("/", 1)[-1]
            upload = Upload(index=index, name=name, path=path, declared=declared or 0)
            job.uploads.append(upload)
            remaining = MAX_JOB_BYTES - job.received
            job.received += upload.declared
        if remaining < limit:
            limit, refusal = remaining, "the files of one check are over 4 GB together"
        try:
            return upload, Receiver.open(path, limit, refusal)
        except OSError as exc:
            with job.lock:
                job.uploads.remove(upload)
                job.received -= upload.declared
            raise UploadRefused(f"cannot be stored ({exc.strerror or exc})", name, 500) from None

    def _refuse(self, job: Job, name: str, reason: str, status: int = 415) -> UploadRefused:
        """Record a refused upload (it is listed with its reason) and return the error."""
        job.refused.append(DocumentResult(path=Path(name), display_path=name, format=None,
                                          error=reason))
        return UploadRefused(reason, name, status)

    def stored(self, job: Job, upload: Upload, receiver: Receiver) -> None:
        """The upload is complete."""
        receiver.close()
        with job.lock:
            job.received += receiver.size - upload.declared

    def dropped(self, job: Job, upload: Upload, receiver: Receiver, reason: str) -> None:
        """The upload was refused part-way (or the browser went away): remove every trace."""
        receiver.discard()
        with contextlib.suppress(OSError):
            receiver.path.parent.rmdir()
        with job.lock:
            job.received -= upload.declared
            if upload in job.uploads:
                job.uploads.remove(upload)
                job.refused.append(DocumentResult(path=Path(upload.name),
                                                  display_path=upload.name, format=None,
                                                  error=reason))

    def start(self, job: Job) -> None:
        """Start checking the stored documents, after any check already running."""
        with job.lock:
            if job.state is not State.UPLOADING:
                raise UploadRefused("this check has already started", status=409)
            job.state = State.WAITING
        thread = threading.Thread(target=self._run, args=(job,), name=f"check-{job.id}",
                                  daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _run(self, job: Job) -> None:
        with self._one_at_a_time:
            if job.cancel.is_set():
                job.state = State.STOPPED
                return
            job.state = State.CHECKING
            try:
                results, notices = self._check(job)
            except Interrupted:
                job.state = State.STOPPED
                return
            except PolicycheckError as exc:
                job.error, job.state = str(exc), State.FAILED
                return
            except Exception as exc:  # a server thread must not die unseen: the page would wait
                job.error = f"the check stopped unexpectedly ({type(exc).__name__}: {exc})"
                job.state = State.FAILED
                return
        with job.lock:
            job.results, job.notices = results, notices
            job.state = State.DONE
        for upload in job.uploads:  # only Word drafts are still needed, for annotated copies
            if not annotatable(upload):
                shutil.rmtree(upload.path.parent, ignore_errors=True)

    def _check(self, job: Job) -> tuple[tuple[DocumentResult, ...], tuple[str, ...]]:
        by_path = {str(u.path): u for u in job.uploads}

        def begin(path: Path) -> None:
            with job.lock:
                by_path[str(path)].state = "checking"

        def done(result: DocumentResult) -> None:
            upload = by_path[str(result.path)]
            with job.lock:
                upload.result = _shown_as(result, upload.name, job.folder)
                upload.state = "error" if result.error else "done"

        plan = replace(self.plan, inputs=tuple(by_path), rules=job.rules)
        outcome = execute(plan, on_done=done, hooks=Hooks(on_begin=begin, cancel=job.cancel))
        results = [_shown_as(r, by_path[str(r.path)].name, job.folder)
                   if str(r.path) in by_path else r for r in outcome.results]
        with job.lock:  # a document that never reached a worker (not found) is done too
            for result in results:
                upload = next((u for u in job.uploads if u.name == result.display_path), None)
                if upload is not None and upload.result is None:
                    upload.result, upload.state = result, "error" if result.error else "done"
        results += job.refused
        ordered = tuple(sorted(results, key=lambda r: r.display_path))
        notices = tuple(n.replace(f"{job.folder}{os.sep}", "") for n in outcome.notices)
        return ordered, notices

    def remove(self, job: Job) -> None:
        """Stop the check if it is running, forget it and delete its files."""
        job.cancel.set()
        with self._lock:
            self._jobs.pop(job.id, None)
        shutil.rmtree(job.folder, ignore_errors=True)

    def sweep(self, idle: float = IDLE_SECONDS) -> None:
        """Remove checks that are over and that nobody has used for `idle` seconds."""
        now = time.monotonic()
        with self._lock:
            stale = [j for j in self._jobs.values() if now - j.touched > idle
                     and j.state not in (State.WAITING, State.CHECKING)]
        for job in stale:
            self.remove(job)

    def close(self, wait: float = 10.0) -> None:
        """Stop every check, wait for them to stop, and delete the whole folder."""
        with self._lock:
            jobs, threads = list(self._jobs.values()), list(self._threads)
        for job in jobs:
            job.cancel.set()
        deadline = time.monotonic() + wait
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        shutil.rmtree(self.folder, ignore_errors=True)


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or 'name (2).docx' and so on when a document of that name is already here."""
    if name not in taken:
        return name
    stem, suffix = os.path.splitext(name)
    number = 2
    while f"{stem} ({number}){suffix}" in taken:
        number += 1
    return f"{stem} ({number}){suffix}"


def _shown_as(result: DocumentResult, name: str, folder: Path) -> DocumentResult:
    """The result under the name the person gave, with no trace of the private folder."""
    error = result.error.replace(f"{folder}{os.sep}", "") if result.error else result.error
    return replace(result, display_path=printable_name(name), error=error)
