"""GitHub Actions workflow commands: one annotation per gap, shown on the pull request."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policycheck.model import DocumentResult, Finding, RenderOptions, Severity, Status

LEVELS: dict[Severity, str] = {Severity.REQUIRED: "error", Severity.ADVISORY: "warning"}


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape_data(text: str) -> str:
    """Escape a workflow command's message (control characters from documents are dropped)."""
    return _CONTROL.sub("", text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value (also ':' and ',')."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: str | int) -> str:
    """One `::level key=value,...::message` line."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items())
    head = f"{level} {props}" if props else level
    return f"::{head}::{escape_data(message)}"


def _line(finding: Finding) -> int:
    lines = [ev.location.line for ev in finding.evidence if ev.location.line]
    return min(lines) if lines else 1


def _message(finding: Finding) -> str:
    crit = finding.criterion
    text = f"{crit.title}: {finding.status.value}."
    if finding.reason:
        text += f" {finding.reason.rstrip('.')}."
    if finding.missing_parts:
        text += " Missing: " + "; ".join(finding.missing_parts) + "."
    if crit.guidance:
        text += f"\nGuidance: {crit.guidance}"
    return text


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Annotations for gaps, waivers and unreadable documents; met criteria stay quiet."""
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(command("error", result.error, file=result.display_path,
                                 title="policycheck: document not checked"))
            continue
        for finding in result.findings:
            if finding.status is Status.WAIVED and finding.waiver is not None:
                w = finding.waiver
                text = f"waived: {w.reason} (approved by {w.approved_by}, expires {w.expires})"
                lines.append(command("notice", text, file=result.display_path,
                                     title=f"{finding.criterion.id} waived"))
            if finding.status not in (Status.MISSING, Status.PARTIAL):
                continue
            # A gap already in the baseline is a notice, so that it does not look like a new error.
            level = "notice" if finding.new_since_baseline is False \
                else LEVELS[finding.criterion.severity]
            lines.append(command(
                level, _message(finding),
                file=result.display_path, line=_line(finding), title=finding.criterion.id,
            ))
    for stale in options.extras.get("stale_waivers", []):
        message = f"stale waiver for {stale['criterion']} on {', '.join(stale['paths'])}: " \
            f"{stale['reason']}"
        lines.append(command("warning", message, title="policycheck: stale waiver"))
    return "".join(line + "\n" for line in lines)
