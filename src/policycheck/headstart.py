"""The first document of a run, extracted in a light process while the workers load spaCy.

Starting a worker waits for the server that preloads spaCy (about half a second). Reading the
first document meanwhile, in a process of its own, takes its extraction off that wait; the
worker then gets the document already read. The process can be killed like a worker, so the
document keeps its time limit, and a crash while reading it is that document's error only.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from policycheck.errors import DocumentTimeoutError
from policycheck.extract import ExtractOptions
from policycheck.model import Document, DocumentResult
from policycheck.pipeline import read_document


def too_long(timeout: float) -> str:
    """The error of a document stopped at the time limit."""
    return DocumentTimeoutError(
        f"took longer than {timeout:g} s (per-document time limit); stopped",
    ).reason


def _extractor_main(conn: Connection, path: Path, options: ExtractOptions) -> None:
    """Extract one document and send it (or its error result) back."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what Ctrl-C means
    with contextlib.suppress(EOFError, OSError):
        conn.send(read_document(path, options))


@dataclass(slots=True)
class HeadStart:
    """One document being read by its own process; `task` is the caller's, carried along."""

    task: Any
    process: BaseProcess
    conn: Connection
    started: float

    @classmethod
    def begin(cls, task: Any, path: Path, options: ExtractOptions) -> HeadStart:
        """Start reading `path` now (a fresh interpreter: the forkserver is busy preloading)."""
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_extractor_main, args=(child, path, options), daemon=True)
        process.start()
        child.close()
        return cls(task, process, parent, time.monotonic())

    def poll(self, timeout: float | None) -> Document | DocumentResult | str | None:
        """The document, its error result, or the reason it failed (crash, time limit); None
        while it is still being read. Anything but None ends the process."""
        alive = self.process.is_alive()  # first: a process that has ended sent all it will
        try:
            read = self.conn.recv() if self.conn.poll() else None
        except (EOFError, OSError):
            read = None
        if isinstance(read, Document | DocumentResult):
            self.end(kill=True)  # all sent: no need to wait for its interpreter to wind down
            return read
        if not alive:
            self.end(kill=False)
            return f"the checking process crashed (exit code {self.process.exitcode})"
        if timeout and time.monotonic() - self.started > timeout:
            self.end(kill=True)
            return too_long(timeout)
        return None

    def end(self, kill: bool) -> None:
        """Stop the process (at once with `kill`) and close the pipe."""
        if kill:
            self.process.kill()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()
