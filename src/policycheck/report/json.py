"""JSON output: the documented, versioned contract that users' scripts depend on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from policycheck.model import DocumentResult, Evidence, Finding, RenderOptions, Status
from policycheck.report.jsontext import dumps_indented

SCHEMA_VERSION = "1.0"


def evidence_dict(ev: Evidence) -> dict[str, Any]:
    loc = ev.location
    return {
        "text": ev.text,
        "page": loc.page,
        "section": loc.section,
        "paragraph": loc.paragraph,
        "table": loc.table,
        "row": loc.row,
        "cell": loc.cell,
        "line": loc.line,
        "citation": loc.cite(),
        "satisfied": list(ev.satisfied),
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    crit = finding.criterion
    out: dict[str, Any] = {
        "criterion": crit.id,
        "ruleset": crit.ruleset,
        "title": crit.title,
        "status": finding.status.value,
        "severity": crit.severity.value,
        "reason": finding.reason,
        "missing_parts": list(finding.missing_parts),
        "guidance": crit.guidance if finding.status in (Status.MISSING, Status.PARTIAL) else None,
        "evidence": [evidence_dict(ev) for ev in finding.evidence],
        "waiver": None,
    }
    if finding.waiver is not None:
        w = finding.waiver
        out["waiver"] = {
            "reason": w.reason, "approved_by": w.approved_by, "expires": w.expires,
            "expired": w.expired,
        }
    if finding.new_since_baseline is not None:
        out["new_since_baseline"] = finding.new_since_baseline
    return out


def document_dict(result: DocumentResult) -> dict[str, Any]:
    return {
        "path": result.display_path,
        "format": result.format,
        "error": result.error,
        "pages": result.pages,
        "had_revisions": result.had_revisions,
        "notices": list(result.notices),
        "rulesets": [
            {"id": r.ruleset.id, "title": r.ruleset.title, "version": r.ruleset.version}
            for r in result.reports
        ],
        "results": [finding_dict(f) for f in result.findings],
    }


def summary(results: Sequence[DocumentResult]) -> dict[str, int]:
    counts = {s.value: 0 for s in Status}
    for result in results:
        for finding in result.findings:
            counts[finding.status.value] += 1
    counts["documents"] = len(results)
    counts["errors"] = sum(1 for r in results if r.error)
    return counts


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "policycheck", "version": options.tool_version},
        "documents": [document_dict(r) for r in results],
        "summary": summary(results),
    }
    if "stale_waivers" in options.extras:  # present only when the run had waivers
        payload["stale_waivers"] = options.extras["stale_waivers"]
    return dumps_indented(payload) + "\n"
