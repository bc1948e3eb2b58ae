"""The fail-on threshold: whether results pass, as the exit code and the web page both say."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from policycheck.errors import ExitCode
from policycheck.model import DocumentResult, Severity, Status


class FailOn(StrEnum):
    """Which findings make the exit code 1."""

    REQUIRED = "required"  # a required criterion missing or partial
    ADVISORY = "advisory"  # any criterion missing or partial
    NEVER = "never"


def exit_code(results: Sequence[DocumentResult], fail_on: FailOn) -> ExitCode:
    """0 when nothing at or above the threshold is missing, 1 when something is, 2 on errors."""
    if any(r.error for r in results):
        return ExitCode.ERROR
    if fail_on is FailOn.NEVER:
        return ExitCode.OK
    bad = (Status.MISSING, Status.PARTIAL)
    for finding in (f for r in results for f in r.findings):
        if finding.status not in bad or finding.new_since_baseline is False:
            continue
        if fail_on is FailOn.ADVISORY or finding.criterion.severity is Severity.REQUIRED:
            return ExitCode.FINDINGS
    return ExitCode.OK
