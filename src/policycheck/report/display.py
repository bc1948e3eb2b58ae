"""Shared presentation helpers for the human formats: safe text, marks, visibility, summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policycheck.model import DocumentResult, Evidence, Finding, RenderOptions, Report, Status

# CSI / OSC / other ESC sequences first, then any remaining C0/C1 control character.
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")

MARKS: dict[Status, str] = {
    Status.MET: "✔", Status.PARTIAL: "◐", Status.MISSING: "✘",
    Status.NOT_ASSESSABLE: "?", Status.WAIVED: "~",
}
ASCII_MARKS: dict[Status, str] = {
    Status.MET: "+", Status.PARTIAL: "/", Status.MISSING: "x",
    Status.NOT_ASSESSABLE: "?", Status.WAIVED: "~",
}
LABELS: dict[Status, str] = {
    Status.MET: "met", Status.PARTIAL: "partial", Status.MISSING: "missing",
    Status.NOT_ASSESSABLE: "not assessable", Status.WAIVED: "waived",
}
GAPS = (Status.MISSING, Status.PARTIAL)
REVISIONS_NOTICE = "tracked changes accepted: checked as it stands with all changes accepted"


def clean(text: str) -> str:
    """Document text made safe to show: no escape sequences, no control chars, one line."""
    text = _ANSI.sub("", text)
    text = _CONTROL.sub(" ", text.replace("\x00", ""))
    return _SPACES.sub(" ", text).strip()


def clean_inline(text: str) -> str:
    """Like clean() but keeps edge spaces: for segments that are joined back together."""
    return _SPACES.sub(" ", _CONTROL.sub(" ", _ANSI.sub("", text).replace("\x00", "")))


def trim(text: str, limit: int) -> str:
    """Shorten cleaned text to about `limit` characters at a word boundary."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def marks(options: RenderOptions) -> dict[Status, str]:
    """The status marks to use: ASCII when the output encoding cannot show the symbols."""
    return ASCII_MARKS if options.extras.get("ascii") else MARKS


def shown_findings(report: Report, options: RenderOptions) -> tuple[Finding, ...]:
    """The findings a reader asked to see: quiet shows only the gaps."""
    if options.quiet:
        return tuple(f for f in report.findings if f.status in GAPS)
    return report.findings


def shown_document(result: DocumentResult, options: RenderOptions) -> bool:
    """Whether a document gets its own section: quiet keeps only gaps and errors."""
    return not options.quiet or bool(result.error) or any(
        f.status in GAPS for f in result.findings
    )


def shown_evidence(finding: Finding, options: RenderOptions) -> tuple[Evidence, ...]:
    """All evidence when verbose, otherwise the best (first) piece."""
    return finding.evidence if options.verbose else finding.evidence[:1]


def sole_reason(findings: Sequence[Finding]) -> str | None:
    """The one reason shared by findings that are all not assessable, else None."""
    reasons = {clean(f.reason) for f in findings}
    if findings and len(reasons) == 1 and all(
        f.status is Status.NOT_ASSESSABLE for f in findings
    ):
        return reasons.pop() or "cannot be assessed"
    return None


def notices(result: DocumentResult) -> tuple[str, ...]:
    """What a reader must know about how the document was read."""
    found = tuple(clean(n) for n in result.notices if clean(n))
    if result.had_revisions and not any("tracked change" in n.lower() for n in found):
        found = (REVISIONS_NOTICE, *found)
    return found


@dataclass(frozen=True, slots=True)
class Counts:
    """How many findings have each status."""

    met: int = 0
    partial: int = 0
    missing: int = 0
    not_assessable: int = 0
    waived: int = 0

    @property
    def total(self) -> int:
        return self.met + self.partial + self.missing + self.not_assessable + self.waived

    def get(self, status: Status) -> int:
        return int(getattr(self, status.value.replace("-", "_")))


def count(findings: Iterable[Finding]) -> Counts:
    """Tally findings by status."""
    tally = {s: 0 for s in Status}
    for finding in findings:
        tally[finding.status] += 1
    return Counts(*(tally[s] for s in Status))


def describe(counts: Counts) -> str:
    """'9 of 14 met, 2 partial, 3 missing' (statuses with no findings left out)."""
    parts = [f"{counts.met} of {counts.total} met"]
    for status in (Status.PARTIAL, Status.MISSING, Status.WAIVED, Status.NOT_ASSESSABLE):
        if counts.get(status):
            parts.append(f"{counts.get(status)} {LABELS[status]}")
    return ", ".join(parts)


def ruleset_summary(report: Report) -> str:
    """One line for a rule set: 'rec4: 9 of 14 met, 2 partial, 3 missing'."""
    return f"{report.ruleset.id}: {describe(count(report.findings))}"


def totals(results: Sequence[DocumentResult]) -> str:
    """One line across every document: how many, errors, and the status tally."""
    docs = len(results)
    errors = sum(1 for r in results if r.error)
    head = f"{docs} document{'s' if docs != 1 else ''} checked"
    if errors:
        head += f" ({errors} could not be read)"
    tally = count(f for r in results for f in r.findings)
    if not tally.total:
        return head
    return f"{head}: {describe(tally)}"


def waiver_line(finding: Finding) -> str:
    """'waived: reason (approved by X, expires D)' for a waived finding."""
    waiver = finding.waiver
    if waiver is None:
        return clean(finding.reason) or "waived"
    state = "EXPIRED " if waiver.expired else ""
    return (
        f"waived: {clean(waiver.reason)} (approved by {clean(waiver.approved_by)}, "
        f"{state}expires {clean(waiver.expires)})"
    )


def criterion_ids(results: Sequence[DocumentResult]) -> tuple[str, ...]:
    """Every criterion id in the results, in rule-set order, first appearance first."""
    seen: dict[str, None] = {}
    for result in results:
        for finding in result.findings:
            seen.setdefault(finding.criterion.id, None)
    return tuple(seen)


def segments(evidence: Evidence) -> tuple[str, list[tuple[str, str]]]:
    """Split an evidence sentence (in its block, when found) into (kind, raw text) segments.

    Kinds: "context" (block text around the sentence), "text" (sentence), "mark" (a matched
    span). Text stays raw: each caller escapes each segment for its own format.
    """
    text, context = evidence.text, evidence.context
    start = context.find(text) if context and text else -1
    spans = _merge(evidence.highlights, len(text))
    parts: list[tuple[str, str]] = []
    if start > 0:
        parts.append(("context", context[:start]))
    pos = 0
    for lo, hi in spans:
        if lo > pos:
            parts.append(("text", text[pos:lo]))
        parts.append(("mark", text[lo:hi]))
        pos = hi
    if pos < len(text):
        parts.append(("text", text[pos:]))
    if start >= 0 and start + len(text) < len(context):
        parts.append(("context", context[start + len(text) :]))
    return ("in-context" if start >= 0 else "sentence"), parts


def _merge(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Clip highlight spans to the text and merge overlaps, in order."""
    clipped = sorted((max(0, lo), min(length, hi)) for lo, hi in spans if hi > lo)
    merged: list[tuple[int, int]] = []
    for lo, hi in clipped:
        if lo >= hi:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return merged
