"""Terminal output: per document a header and one table of criteria per rule set, then totals."""

from __future__ import annotations

from collections.abc import Sequence

from policycheck.model import DocumentResult, Finding, RenderOptions, Report, Status
from policycheck.report.display import (
    clean,
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
from policycheck.report.textlayout import Run, cells, paint, wrap

STYLES: dict[Status, str] = {
    Status.MET: "green", Status.PARTIAL: "yellow", Status.MISSING: "red",
    Status.NOT_ASSESSABLE: "magenta", Status.WAIVED: "cyan",
}
HEADERS = ("", "Criterion", "Evidence / what to add")
# Below this many cells for the details column the general table layout takes over.
NARROWEST_DETAILS = 8


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Render results for a terminal `options.width` columns wide."""
    width = max(options.width, 40)
    lines: list[str] = []
    for result in results:
        if shown_document(result, options):
            lines.extend(_document(result, options, width))
    lines.extend(_paragraph([(totals(results), "bold")], width, options))
    text = "\n".join(line.rstrip() for line in "\n".join(lines).splitlines()) + "\n"
    return to_ascii(text) if options.extras.get("ascii") else text


_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "§": "s.", "…": "...",
                        "—": "-", "–": "-", "·": "-"})


def to_ascii(text: str) -> str:
    """Text a terminal without Unicode can show: common punctuation spelled out, rest '?'."""
    return text.translate(_ASCII).encode("ascii", "replace").decode("ascii")


def _paragraph(
    runs: Sequence[Run], width: int, options: RenderOptions, indent: int = 0
) -> list[str]:
    """Styled text wrapped to the width, each line indented by `indent` spaces."""
    margin = " " * indent
    return [margin + paint(line, options.color)
            for line in wrap(_spelled(runs, options), width - indent)]


def _spelled(runs: Sequence[Run], options: RenderOptions) -> Sequence[Run]:
    """Runs as the terminal will show them: ASCII ones before measuring, as '§' becomes 's.'."""
    if not options.extras.get("ascii"):
        return runs
    return [(to_ascii(text), style) for text, style in runs]


def _document(result: DocumentResult, options: RenderOptions, width: int) -> list[str]:
    rule = ("-" if options.extras.get("ascii") else "─") * width
    facts = [clean(result.format or "unknown format")]
    if result.pages:
        facts.append(f"{result.pages} page{'s' if result.pages != 1 else ''}")
    head = [(clean(result.display_path), "bold"), (f"  ({', '.join(facts)})", "bold dim")]
    lines = [paint([(rule, "dim")], options.color), *_paragraph(head, width, options)]
    if result.error:
        error = [(f"error: {clean(result.error)}", "bold red")]
        return [*lines, *_paragraph(error, width, options, indent=2), ""]
    for notice in notices(result):
        lines.extend(_paragraph([(f"note: {notice}", "yellow")], width, options, indent=2))
    for report in result.reports:
        lines.extend(_ruleset(report, options, width))
    return [*lines, ""]


def _ruleset(report: Report, options: RenderOptions, width: int) -> list[str]:
    title = [(f"{report.ruleset.id}: {clean(report.ruleset.title)}", "bold")]
    lines = ["", *_paragraph(title, width, options)]
    shown = shown_findings(report, options)
    reason = None if options.verbose else sole_reason(shown)
    if reason is not None:
        # One line instead of a table that repeats the same reason for every criterion.
        line = f"{marks(options)[Status.NOT_ASSESSABLE]} not assessed: {reason}"
        lines.extend(_paragraph([(line, STYLES[Status.NOT_ASSESSABLE])], width, options))
    elif shown:
        lines.extend(_table(shown, options, width))
    lines.extend(_paragraph([(ruleset_summary(report), "bold")], width, options))
    return lines


def _table(shown: Sequence[Finding], options: RenderOptions, width: int) -> list[str]:
    """Mark and criterion id (never wrapped), then the details wrapped to the rest of the line.

    The layout is the one rich's Table gives these three columns (box SIMPLE_HEAD or ASCII2,
    no outer edge, one space of padding inside the column dividers), measured once per cell.
    """
    symbols = marks(options)
    rows = [(symbols[f.status], f.criterion.id, STYLES[f.status],
             _spelled(_details(f, options), options)) for f in shown]
    mark_width = max(0, *(cells(mark) for mark, _, _, _ in rows))
    id_width = max(cells(HEADERS[1]), *(cells(cid) for _, cid, _, _ in rows))
    natural = max(cells(HEADERS[2]), *(
        cells(line) for *_, details in rows for line in "".join(t for t, _ in details).split("\n")
    ))
    # Two dividers, the mark's right padding, the id's padding, the details' left padding.
    details_width = min(natural, width - 2 - (mark_width + 1) - (id_width + 2) - 1)
    if details_width < NARROWEST_DETAILS:
        from policycheck.report.texttable import rich_table

        return rich_table(HEADERS, rows, options, width)
    ascii_only = bool(options.extras.get("ascii"))
    divider = "|" if ascii_only else " "

    def row(mark: Run, cid: Run, details: list[list[Run]], at: int = 0) -> list[str]:
        """One row; mark and id on line `at` of the details (the last, for the header)."""
        filled = [mark, (" " * (mark_width - cells(mark[0]) + 1) + divider + " ", ""), cid,
                  (" " * (id_width - cells(cid[0]) + 1) + divider + " ", "")]
        blank = [(" " * (mark_width + 1) + divider + " " * (id_width + 2) + divider + " ", "")]
        return [paint([*(filled if index == at else blank), *line], options.color)
                for index, line in enumerate(details)]

    rule = "-+" if ascii_only else "──"
    header = wrap([(HEADERS[2], "bold")], details_width)
    lines = row(("", ""), (HEADERS[1], "bold"), header, at=len(header) - 1)
    lines.append(rule[0] * (mark_width + 1) + rule[1] + rule[0] * (id_width + 2) + rule[1]
                 + rule[0] * (details_width + 1))
    for mark, cid, style, details in rows:
        lines.extend(row((mark, style), (cid, style), wrap(details, details_width)))
    return lines


def _details(finding: Finding, options: RenderOptions) -> list[Run]:
    """The right-hand cell: title, then evidence, waiver or the guidance for a gap."""
    out: list[Run] = [(clean(finding.criterion.title), "bold")]
    limit = 400 if options.verbose else 160
    for ev in shown_evidence(finding, options):
        out.append(("\n“" + trim(ev.text, limit) + "”", "italic"))
        out.append((f" ({clean(ev.location.cite())})", "dim"))
    extra = len(finding.evidence) - len(shown_evidence(finding, options))
    if extra > 0:
        out.append((f"\n(+{extra} more; --verbose shows all)", "dim"))
    match finding.status:
        case Status.WAIVED:
            out.append(("\n" + waiver_line(finding), "cyan"))
        case Status.NOT_ASSESSABLE:
            out.append(("\n" + (clean(finding.reason) or "cannot be assessed"), "magenta"))
        case Status.MISSING | Status.PARTIAL:
            if finding.reason:
                out.append(("\n" + clean(finding.reason), "dim"))
            if finding.missing_parts:
                parts = "; ".join(clean(p) for p in finding.missing_parts)
                out.append((f"\nStill missing: {parts}", "yellow"))
            out.append(("\nWhat to add: " + clean(finding.criterion.guidance), ""))
    return out
