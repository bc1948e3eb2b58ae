"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from policycheck.model import Criterion, DocumentResult, Finding, RenderOptions, Severity, Status
from policycheck.report.jsontext import dumps_indented

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/policycheck/"
LEVELS: dict[Severity, str] = {Severity.REQUIRED: "error", Severity.ADVISORY: "warning"}


def _rule(criterion: Criterion) -> dict[str, Any]:
    return {
        "id": criterion.id,
        "name": "".join(part.capitalize() for part in criterion.id.lower().split("-")),
        "shortDescription": {"text": criterion.title},
        "fullDescription": {"text": criterion.requirement or criterion.title},
        "help": {"text": criterion.guidance or criterion.requirement or criterion.title},
        "defaultConfiguration": {"level": LEVELS[criterion.severity]},
        "properties": {"tags": [criterion.ruleset]},
    }


def fingerprint(display_path: str, criterion_id: str) -> str:
    """Stable across wording changes: only the document path and the criterion id."""
    return hashlib.sha256(f"{display_path}\0{criterion_id}".encode()).hexdigest()


def _start_line(finding: Finding) -> int:
    lines = [ev.location.line for ev in finding.evidence if ev.location.line]
    return min(lines) if lines else 1  # GitHub requires a region with startLine >= 1


def _message(finding: Finding) -> str:
    crit = finding.criterion
    parts = [f"{crit.id} {finding.status.value}: {crit.title}."]
    if finding.reason:
        parts.append(finding.reason.rstrip(".") + ".")
    if finding.missing_parts:
        parts.append("Missing: " + "; ".join(finding.missing_parts) + ".")
    if finding.evidence:
        ev = finding.evidence[0]
        parts.append(f'Evidence ({ev.location.cite()}): "{ev.text}"')
    if finding.status in (Status.MISSING, Status.PARTIAL) and crit.guidance:
        parts.append("Guidance: " + crit.guidance)
    if finding.waiver is not None and finding.waiver.expired:
        parts.append(f"Waiver expired on {finding.waiver.expires}: {finding.waiver.reason}")
    return " ".join(parts)


def uri(display_path: str) -> str:
    """A relative path as a URI reference: spaces, '%', '#', '?' and non-ASCII percent-encoded."""
    return quote(display_path, safe="/")


def _result(result: DocumentResult, finding: Finding, rule_index: int) -> dict[str, Any]:
    crit = finding.criterion
    out: dict[str, Any] = {
        "ruleId": crit.id,
        "ruleIndex": rule_index,
        "message": {"text": _message(finding)},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(result.display_path), "uriBaseId": "%SRCROOT%"},
                "region": {"startLine": _start_line(finding)},
            },
        }],
        "partialFingerprints": {"policycheck/v1": fingerprint(result.display_path, crit.id)},
    }
    match finding.status:
        case Status.MISSING | Status.PARTIAL:
            out.update(kind="fail", level=LEVELS[crit.severity])
        case Status.WAIVED:
            out.update(kind="fail", level=LEVELS[crit.severity])
            waiver = finding.waiver
            reason = waiver.reason if waiver else finding.reason
            who = f" (approved by {waiver.approved_by}, expires {waiver.expires})" if waiver else ""
            out["suppressions"] = [{"kind": "external", "justification": reason + who}]
        case Status.MET:
            out.update(kind="pass", level="none")
        case Status.NOT_ASSESSABLE:
            out.update(kind="review", level="none")
    if finding.new_since_baseline is not None:
        out["baselineState"] = "new" if finding.new_since_baseline else "unchanged"
    return out


def _notification(text: str, level: str, path: str | None = None) -> dict[str, Any]:
    note: dict[str, Any] = {"message": {"text": text}, "level": level}
    if path is not None:
        note["locations"] = [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(path), "uriBaseId": "%SRCROOT%"},
            },
        }]
    return note


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """One SARIF run: a rule per criterion, a result per criterion per document."""
    rules: dict[str, Criterion] = {}
    for finding in (f for r in results for f in r.findings):
        rules.setdefault(finding.criterion.id, finding.criterion)
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    sarif_results = [
        _result(r, f, index[f.criterion.id]) for r in results for f in r.findings
    ]
    errors = [
        _notification(f"{r.display_path}: {r.error}", "error", r.display_path)
        for r in results if r.error
    ]
    stale = [
        _notification(f"stale waiver for {w['criterion']} on {', '.join(w['paths'])}: "
                      f"{w['reason']}", "warning")
        for w in options.extras.get("stale_waivers", [])
    ]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = errors
    if stale:
        invocation["toolConfigurationNotifications"] = stale
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "policycheck", "version": options.tool_version or "0",
            "informationUri": INFORMATION_URI, "rules": [_rule(c) for c in rules.values()],
        }},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    if stale:
        run["properties"] = {"staleWaivers": list(options.extras["stale_waivers"])}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return dumps_indented(log) + "\n"
