"""Markdown output for a pull-request comment or a wiki page; every document string is escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policycheck.model import DocumentResult, Evidence, Finding, RenderOptions, Report, Status
from policycheck.report.display import (
    LABELS,
    clean,
    count,
    marks,
    notices,
    ruleset_summary,
    shown_document,
    shown_evidence,
    shown_findings,
    sole_reason,
    totals,
    trim,
    waiver_line,
)

_SPECIAL = re.compile(r"([\\`*_\[\]|~#!])")
_LINE_START = re.compile(r"^(\d{1,9}(?=[.)])|(?=[-+=]))")  # would start a list or heading


def escape(text: str) -> str:
    """Cleaned text that Markdown shows literally: no HTML, links, emphasis or table breaks."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_START.sub(r"\1\\", _SPECIAL.sub(r"\\\1", text), count=1)


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Render a summary table, then one section per document."""
    lines = ["# policycheck report", "", escape(totals(results)), ""]
    lines += _summary_table(results, options)
    for result in results:
        if shown_document(result, options):
            lines += _document(result, options)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary_table(results: Sequence[DocumentResult], options: RenderOptions) -> list[str]:
    symbols = marks(options)
    statuses = (Status.MET, Status.PARTIAL, Status.MISSING, Status.NOT_ASSESSABLE, Status.WAIVED)
    head = "| Document | Format | " + " | ".join(
        f"{symbols[s]} {LABELS[s]}" for s in statuses
    ) + " |"
    rows = [head, "| --- | --- |" + " ---: |" * len(statuses)]
    for result in results:
        if result.error:
            cells = ["**error**: " + escape(result.error)] + [""] * (len(statuses) - 1)
        else:
            tally = count(result.findings)
            cells = [str(tally.get(s)) for s in statuses]
        fmt = escape(result.format or "")
        rows.append(f"| {_link(result)} | {fmt} | " + " | ".join(cells) + " |")
    return [*rows, ""]


def _anchor(result: DocumentResult) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", clean(result.display_path).lower()).strip("-")


def _link(result: DocumentResult) -> str:
    return f"[{escape(result.display_path)}](#{_anchor(result)})"


def _document(result: DocumentResult, options: RenderOptions) -> list[str]:
    facts = escape(result.format or "unknown format")
    if result.pages:
        facts += f", {result.pages} page{'s' if result.pages != 1 else ''}"
    lines = [f'<a id="{_anchor(result)}"></a>', "", f"## {escape(result.display_path)}", "",
             f"*{facts}*", ""]
    if result.error:
        return [*lines, f"> **Error:** {escape(result.error)}", ""]
    lines += [f"> **Note:** {escape(n)}" + "  " for n in notices(result)]
    if notices(result):
        lines.append("")
    for report in result.reports:
        lines += _ruleset(report, options)
    return lines


def _ruleset(report: Report, options: RenderOptions) -> list[str]:
    lines = [f"### {escape(report.ruleset.id)}: {escape(report.ruleset.title)}", "",
             f"**{escape(ruleset_summary(report))}**", ""]
    shown = shown_findings(report, options)
    reason = None if options.verbose else sole_reason(shown)
    if reason is not None:
        mark = marks(options)[Status.NOT_ASSESSABLE]
        return [*lines, f"{mark} Not assessed: {escape(reason)}", ""]
    for finding in shown:
        lines += _finding(finding, options)
    return lines


def _finding(finding: Finding, options: RenderOptions) -> list[str]:
    crit = finding.criterion
    mark = marks(options)[finding.status]
    lines = [f"- {mark} **{escape(crit.id)}** ({LABELS[finding.status]}): {escape(crit.title)}"]
    for ev in shown_evidence(finding, options):
        lines += ["", *_quote(ev, options)]
    extra = len(finding.evidence) - len(shown_evidence(finding, options))
    if extra > 0:
        lines += ["", f"  *{extra} more piece{'s' if extra > 1 else ''} of evidence*"]
    match finding.status:
        case Status.WAIVED:
            lines += ["", f"  {escape(waiver_line(finding))}"]
        case Status.NOT_ASSESSABLE:
            lines += ["", f"  {escape(finding.reason or 'cannot be assessed')}"]
        case Status.MISSING | Status.PARTIAL:
            if finding.reason:
                lines += ["", f"  {escape(finding.reason)}"]
            if finding.missing_parts:
                parts = "; ".join(escape(p) for p in finding.missing_parts)
                lines += ["", f"  **Still missing:** {parts}"]
            lines += ["", f"  **What to add:** {escape(crit.guidance)}"]
    return [*lines, ""]


def _quote(ev: Evidence, options: RenderOptions) -> list[str]:
    text = escape(trim(ev.text, 600 if options.verbose else 300))
    return [f"  > “{text}”  ", f"  > — {escape(ev.location.cite())}"]
