"""Hand-built results for formatter, waiver and baseline tests."""

from __future__ import annotations

from pathlib import Path

import fakes
from policycheck.model import DocumentResult, Evidence, Finding, Location, Report, Status, Waiver

REC4 = fakes.BUNDLED["rec4"]
OUTREACH, MSHT, AWARENESS = REC4.criteria


def result(name: str, statuses: dict[str, Status], error: str | None = None) -> DocumentResult:
    """A document with the given status for each rec4 criterion id (others met)."""
    if error:
        return DocumentResult(path=Path(name), display_path=name, format=None, error=error)
    findings = []
    for crit in REC4.criteria:
        status = statuses.get(crit.id, Status.MET)
        evidence = ()
        if status in (Status.MET, Status.PARTIAL):
            evidence = (Evidence(f"We do {crit.keywords[0]} work.",
                                 Location(page=2, heading_path=("Scope",), paragraph=4, line=7)),)
        missing = ("a named service",) if status is Status.PARTIAL else ()
        findings.append(Finding(crit, status, evidence, reason=f"{crit.id} reason",
                                missing_parts=missing))
    return DocumentResult(path=Path(name), display_path=name, format="markdown",
                          reports=(Report(REC4, tuple(findings)),))


def waiver(criterion: str, paths: tuple[str, ...], expires: str = "2030-01-01") -> Waiver:
    return Waiver(criterion=criterion, paths=paths, reason="Covered by the engagement strategy",
                  approved_by="Head of Public Protection", expires=expires)
