"""One document through the stages: extract, check every rule set; errors become results."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path

from policycheck.errors import PolicycheckError
from policycheck.extract import ExtractOptions, extract
from policycheck.extract.limits import detail
from policycheck.model import Document, DocumentResult, RuleSet


def display_path(path: Path, root: Path | None = None) -> str:
    """A stable, relative, forward-slash path for outputs, safe to print and to encode.

    Symbolic links are shown by the name given, not their target. Bytes of a file name that
    are not UTF-8, control characters and bidirectional overrides become U+FFFD, so a hostile
    name can neither break an output file's encoding nor drive a terminal.
    """
    root = root or Path.cwd()
    try:
        shown = Path(os.path.abspath(path)).relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        try:
            shown = path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside root, or a symlink loop
            shown = path.as_posix()
    return printable_name(shown)


_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable_name(name: str) -> str:
    """`name` with undecodable bytes, control characters and bidi overrides made U+FFFD."""
    return _UNSAFE_NAME.sub("\ufffd", name)


def file_digest(path: Path, max_bytes: int | None = None) -> str:
    """SHA-256 of the file's bytes ('' when it is no regular file, too big, or unreadable).

    A FIFO or device is never opened: opening a FIFO for reading blocks until a writer comes.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or (max_bytes is not None and info.st_size > max_bytes):
            return ""
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""


def check_document(
    path: Path, rulesets: Sequence[RuleSet], options: ExtractOptions | None = None,
) -> DocumentResult:
    """Extract and check one document; any failure becomes that document's error."""
    read = read_document(path, options)
    if isinstance(read, DocumentResult):
        return read
    return check_read(path, read, rulesets, options)


def read_document(path: Path, options: ExtractOptions | None = None) -> Document | DocumentResult:
    """Extract one document; a failure becomes its error result."""
    try:
        return extract(path, options)
    except Exception as exc:
        return _error(path, exc)


def check_read(
    path: Path, document: Document, rulesets: Sequence[RuleSet],
    options: ExtractOptions | None = None,
) -> DocumentResult:
    """Check an extracted document with every rule set; a failure becomes its error result."""
    from policycheck.engine import check_all

    try:
        reports = check_all(document, rulesets, options.nlp_model if options else None)
    except Exception as exc:
        return _error(path, exc)
    return DocumentResult(
        path=path, display_path=display_path(path), format=document.format, reports=reports,
        had_revisions=document.had_revisions, notices=document.notices, pages=document.pages,
        digest=file_digest(path),
    )


def _error(path: Path, exc: Exception) -> DocumentResult:
    if isinstance(exc, PolicycheckError):  # a reason may quote the file's own bytes
        reason = printable_name(exc.reason)
    else:
        reason = printable_name(f"could not be read ({type(exc).__name__}: {detail(exc)})")
    return DocumentResult(path=path, display_path=display_path(path), format=None, error=reason)
