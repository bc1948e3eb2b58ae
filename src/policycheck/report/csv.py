"""CSV output: one row per document, one status column per criterion; safe to open in Excel."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from policycheck.model import DocumentResult, RenderOptions, Status
from policycheck.report.display import clean, count, criterion_ids

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_COUNTS = (Status.MET, Status.PARTIAL, Status.MISSING, Status.NOT_ASSESSABLE, Status.WAIVED)


def safe_cell(value: str) -> str:
    """Cleaned cell text that a spreadsheet will not run as a formula."""
    value = clean(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Render a header row then one row per document, columns in a stable order."""
    ids = criterion_ids(results)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["path", "format", "pages", "error", "had_revisions",
                     *(s.value for s in _COUNTS), *ids])
    for result in results:
        tally = count(result.findings)
        by_id = {f.criterion.id: f.status.value for f in result.findings}
        writer.writerow([
            safe_cell(result.display_path), safe_cell(result.format or ""),
            "" if result.pages is None else str(result.pages), safe_cell(result.error or ""),
            "yes" if result.had_revisions else "no",
            *(("" if result.error else str(tally.get(s))) for s in _COUNTS),
            *(by_id.get(cid, "") for cid in ids),
        ])
    return buffer.getvalue()
