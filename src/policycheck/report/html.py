"""One self-contained HTML file: summary matrix, per-document findings, filters, print styles."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from policycheck.model import DocumentResult, Evidence, Finding, RenderOptions, Report, Status
from policycheck.report.display import (
    GAPS,
    LABELS,
    clean,
    clean_inline,
    count,
    criterion_ids,
    describe,
    marks,
    notices,
    ruleset_summary,
    segments,
    shown_document,
    shown_evidence,
    shown_findings,
    sole_reason,
    totals,
    waiver_line,
)

# The only script: hides rows of the statuses a reader unticks. Allowed by hash in the CSP.
FILTER_SCRIPT = (
    "document.documentElement.classList.add('js');"
    "document.addEventListener('DOMContentLoaded',function(){"
    "document.querySelectorAll('.filters input[data-status]').forEach(function(box){"
    "box.addEventListener('change',function(){"
    "document.body.classList.toggle('hide-'+box.dataset.status,!box.checked);});});});"
)


@dataclass(frozen=True, slots=True)
class Quote:
    """One piece of evidence ready for the template: segments still unescaped."""

    kind: str
    parts: list[tuple[str, str]]
    citation: str


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Render the whole report as one HTML page with no external resources."""
    from jinja2 import Environment, StrictUndefined

    env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True,
                      lstrip_blocks=True, keep_trailing_newline=True)
    source = resources.files("policycheck.report").joinpath("templates/report.html.j2")
    template = env.from_string(source.read_text(encoding="utf-8"))
    digest = base64.b64encode(hashlib.sha256(FILTER_SCRIPT.encode()).digest()).decode()
    return template.render(
        script=FILTER_SCRIPT, script_hash=digest, version=options.tool_version,
        totals=totals(results), ids=criterion_ids(results), statuses=list(Status),
        marks=marks(options), labels=LABELS, verbose=options.verbose,
        matrix=[_matrix_row(i, r, options) for i, r in enumerate(results, 1)],
        documents=[_document(i, r, options) for i, r in enumerate(results, 1)
                   if shown_document(r, options)],
    )


def _matrix_row(index: int, result: DocumentResult, options: RenderOptions) -> dict[str, Any]:
    by_id = {f.criterion.id: f.status for f in result.findings}
    return {"path": clean(result.display_path), "error": clean(result.error or ""),
            "statuses": by_id, "counts": describe_counts(result),
            "anchor": f"doc-{index}" if shown_document(result, options) else ""}


def describe_counts(result: DocumentResult) -> str:
    """The status tally of one document, or '' when it has no findings."""
    return describe(count(result.findings)) if result.findings else ""


def _document(index: int, result: DocumentResult, options: RenderOptions) -> dict[str, Any]:
    facts = [clean(result.format or "unknown format")]
    if result.pages:
        facts.append(f"{result.pages} page{'s' if result.pages != 1 else ''}")
    return {
        "anchor": f"doc-{index}", "path": clean(result.display_path), "facts": ", ".join(facts),
        "error": clean(result.error or ""), "notices": notices(result),
        "reports": [_report(r, options) for r in result.reports],
    }


def _report(report: Report, options: RenderOptions) -> dict[str, Any]:
    shown = shown_findings(report, options)
    return {
        "id": clean(report.ruleset.id), "title": clean(report.ruleset.title),
        "summary": ruleset_summary(report),
        "sole_reason": None if options.verbose else sole_reason(shown),
        "findings": [_finding(f, options) for f in shown],
    }


def _finding(finding: Finding, options: RenderOptions) -> dict[str, Any]:
    shown = shown_evidence(finding, options)
    gap = finding.status in GAPS
    return {
        "status": finding.status.value, "mark": marks(options)[finding.status],
        "label": LABELS[finding.status], "id": clean(finding.criterion.id),
        "title": clean(finding.criterion.title),
        "severity": finding.criterion.severity.value,
        "evidence": [_quote(ev) for ev in shown],
        "more": [_quote(ev) for ev in finding.evidence[len(shown):]],
        "reason": clean(finding.reason),
        "waiver": waiver_line(finding) if finding.status is Status.WAIVED else "",
        "missing_parts": [clean(p) for p in finding.missing_parts] if gap else [],
        "guidance": clean(finding.criterion.guidance) if gap else "",
    }


def _quote(ev: Evidence) -> Quote:
    kind, parts = segments(ev)
    cleaned = [(k, clean_inline(t)) for k, t in parts]
    if cleaned:
        cleaned[0] = (cleaned[0][0], cleaned[0][1].lstrip())
        cleaned[-1] = (cleaned[-1][0], cleaned[-1][1].rstrip())
    return Quote(kind=kind, parts=[(k, t) for k, t in cleaned if t],
                 citation=clean(ev.location.cite()))
