"""Extract several files for the `extract` command: each failure becomes that file's error."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policycheck.errors import PolicycheckError
from policycheck.extract import ExtractOptions, extract
from policycheck.model import Document


@dataclass(frozen=True, slots=True)
class Extracted:
    """One input of the `extract` command: its document, or why it could not be read."""

    display_path: str
    document: Document | None = None
    error: str | None = None


def extract_all(
    paths: Sequence[Path], shown: Sequence[str], options: ExtractOptions,
) -> list[Extracted]:
    """Extract every path; a failure on one file never stops the others."""
    results: list[Extracted] = []
    for path, display in zip(paths, shown, strict=True):
        try:
            results.append(Extracted(display, document=extract(path, options)))
        except PolicycheckError as exc:
            results.append(Extracted(display, error=exc.reason))
        except Exception as exc:  # the per-document boundary: a library crash on one file
            results.append(Extracted(display, error=f"could not be read ({type(exc).__name__}: "
                                                    f"{exc})"))
    return results
