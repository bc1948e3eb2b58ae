"""Extract several files for the `extract` command: each failure becomes that file's error.

Each file is read in a child process (see `policycheck.headstart`) under the same per-document
time limit as `check`, so a parser stuck on a malformed file is stopped and the others go on.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from multiprocessing.connection import wait
from pathlib import Path

from policycheck.extract import ExtractOptions
from policycheck.model import Document, DocumentResult


@dataclass(frozen=True, slots=True)
class Extracted:
    """One input of the `extract` command: its document, or why it could not be read."""

    display_path: str
    document: Document | None = None
    error: str | None = None


def extract_all(
    paths: Sequence[Path], shown: Sequence[str], options: ExtractOptions,
    timeout: float | None = None,
) -> list[Extracted]:
    """Extract every path; a failure on one file never stops the others. With a `timeout`
    (seconds) each file is read in a child process that is stopped when it takes longer."""
    results: list[Extracted] = []
    for path, display in zip(paths, shown, strict=True):
        read = _read(path, options, timeout)
        if isinstance(read, Document):
            results.append(Extracted(display, document=read))
        elif isinstance(read, DocumentResult):
            results.append(Extracted(display, error=read.error or "could not be read"))
        else:
            results.append(Extracted(display, error=read))
    return results


def _read(
    path: Path, options: ExtractOptions, timeout: float | None,
) -> Document | DocumentResult | str:
    from policycheck.pipeline import read_document

    if not timeout:
        return read_document(path, options)
    from policycheck.headstart import HeadStart

    head = HeadStart.begin(None, path, options)
    try:
        while (read := head.poll(timeout)) is None:
            wait([head.fileno], max(0.0, head.started + timeout - time.monotonic()))
    except BaseException:  # Ctrl-C: stop the child before leaving
        head.end(kill=True)
        raise
    return read
