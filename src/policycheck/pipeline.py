"""One document through the stages: extract, check every rule set; errors become results."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from policycheck.errors import PolicycheckError
from policycheck.extract import ExtractOptions, extract
from policycheck.model import DocumentResult, RuleSet


def display_path(path: Path, root: Path | None = None) -> str:
    """A stable, relative, forward-slash path for outputs."""
    root = root or Path.cwd()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes ('' when it cannot be read)."""
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return ""


def check_document(
    path: Path, rulesets: Sequence[RuleSet], options: ExtractOptions | None = None,
) -> DocumentResult:
    """Extract and check one document; any failure becomes that document's error."""
    from policycheck.engine import check

    shown = display_path(path)
    try:
        document = extract(path, options)
        model = options.nlp_model if options else None
        reports = tuple(check(document, ruleset, model) for ruleset in rulesets)
    except PolicycheckError as exc:
        return DocumentResult(path=path, display_path=shown, format=None, error=exc.reason)
    except Exception as exc:
        reason = f"could not be read ({type(exc).__name__}: {exc})"
        return DocumentResult(path=path, display_path=shown, format=None, error=reason)
    return DocumentResult(
        path=path, display_path=shown, format=document.format, reports=reports,
        had_revisions=document.had_revisions, notices=document.notices, pages=document.pages,
        digest=file_digest(path),
    )
