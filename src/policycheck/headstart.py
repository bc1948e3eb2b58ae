"""The first document of a run, extracted in a light process while the workers load spaCy.

Starting a worker waits for the server that preloads spaCy (about half a second). Reading the
first document meanwhile, in a process of its own, takes its extraction off that wait; the
worker then gets the document already read. The process can be killed like a worker, so the
document keeps its time limit, and a crash while reading it is that document's error only.

The process is a plain `python -c` child that imports only the extractors, so it costs no
command-line start-up (multiprocessing's `spawn` would import the caller's main module again).
The job and the result travel pickled over its stdin and stdout, between our own processes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path
from typing import IO, Any

from policycheck.errors import DocumentTimeoutError
from policycheck.extract import ExtractOptions
from policycheck.model import Document, DocumentResult

_CHILD = (
    "import pickle, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"  # the parent decides what Ctrl-C means
    "sys.path[:] = pickle.load(sys.stdin.buffer)\n"  # first, so that the job can be read
    "from policycheck.headstart import read_for_parent\n"
    "read_for_parent(pickle.load(sys.stdin.buffer))\n"
)


def too_long(timeout: float) -> str:
    """The error of a document stopped at the time limit."""
    return DocumentTimeoutError(
        f"took longer than {timeout:g} s (per-document time limit); stopped",
    ).reason


def read_for_parent(job: dict[str, Any]) -> None:
    """In the child: read the document and write it (or its error result) to stdout, pickled.

    Anything a library prints meanwhile goes to stderr, so it cannot corrupt the result."""
    from policycheck.pipeline import read_document

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    read = read_document(job["file"], job["options"])
    with contextlib.suppress(OSError):
        out.write(pickle.dumps(read, protocol=pickle.HIGHEST_PROTOCOL))
        out.close()


@dataclass(slots=True)
class HeadStart:
    """One document being read by its own process; `task` is the caller's, carried along."""

    task: Any
    process: subprocess.Popen[bytes]
    started: float

    @classmethod
    def begin(cls, task: Any, path: Path, options: ExtractOptions) -> HeadStart:
        """Start reading `path` now."""
        process = subprocess.Popen(
            [sys.executable, "-c", _CHILD], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            start_new_session=True,  # Ctrl-C in the terminal is for the parent, which stops it
        )
        job = {"file": path, "options": options}
        assert process.stdin is not None
        with contextlib.suppress(OSError):  # a child that died at once is found by `poll`
            process.stdin.write(pickle.dumps(list(sys.path), protocol=pickle.HIGHEST_PROTOCOL))
            process.stdin.write(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
            process.stdin.close()
        return cls(task, process, time.monotonic())

    @property
    def output(self) -> IO[bytes]:
        """The child's stdout: readable when the result (or the end) comes."""
        assert self.process.stdout is not None
        return self.process.stdout

    @property
    def fileno(self) -> int:
        """What the caller waits on (see `output`)."""
        return self.output.fileno()

    def poll(self, timeout: float | None) -> Document | DocumentResult | str | None:
        """The document, its error result, or the reason it failed (crash, time limit); None
        while it is still being read. Anything but None ends the process."""
        if wait([self.fileno], 0):
            data = self.output.read()  # the child writes once, then exits: never blocks long
            self.end(kill=False)
            read = _loads(data)
            if read is not None:
                return read
            return f"the checking process crashed (exit code {self.process.returncode})"
        if timeout and time.monotonic() - self.started > timeout:
            self.end(kill=True)
            return too_long(timeout)
        return None

    def end(self, kill: bool) -> None:
        """Stop the process (at once with `kill`) and close its pipes."""
        if kill:
            self.process.kill()
        try:
            self.process.wait(2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.output.close()


def _loads(data: bytes) -> Document | DocumentResult | None:
    try:
        read = pickle.loads(data) if data else None
    except Exception:  # cut short: the process died while writing
        return None
    return read if isinstance(read, Document | DocumentResult) else None
