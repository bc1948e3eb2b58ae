"""Terminal output: per document a header and one table of criteria per rule set, then totals."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STYLES: dict[Status, str] = {
    Status.MET: "green", Status.PARTIAL: "yellow", Status.MISSING: "red",
    Status.NOT_ASSESSABLE: "magenta", Status.WAIVED: "cyan",
}


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """Render results for a terminal `options.width` columns wide."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=max(options.width, 40), color_system="standard" if options.color
        else None, force_terminal=options.color, no_color=not options.color, markup=False,
        highlight=False, emoji=False, legacy_windows=False, soft_wrap=False,
    )
    for result in results:
        if shown_document(result, options):
            _document(console, result, options)
    console.print(_styled(totals(results), "bold"))
    text = "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"
    return to_ascii(text) if options.extras.get("ascii") else text


_ASCII = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "§": "s.", "…": "...",
                        "—": "-", "–": "-", "·": "-"})


def to_ascii(text: str) -> str:
    """Text a terminal without Unicode can show: common punctuation spelled out, rest '?'."""
    return text.translate(_ASCII).encode("ascii", "replace").decode("ascii")


def _styled(text: str, style: str) -> Text:
    from rich.text import Text

    return Text(text, style=style)


def _document(console: Console, result: DocumentResult, options: RenderOptions) -> None:
    from rich.padding import Padding
    from rich.rule import Rule

    console.print(Rule(style="dim", characters="-" if options.extras.get("ascii") else "─"))
    head = _styled(clean(result.display_path), "bold")
    facts = [clean(result.format or "unknown format")]
    if result.pages:
        facts.append(f"{result.pages} page{'s' if result.pages != 1 else ''}")
    head.append(f"  ({', '.join(facts)})", style="dim")
    console.print(head)
    if result.error:
        console.print(Padding(_styled(f"error: {clean(result.error)}", "bold red"), (0, 0, 0, 2)))
        console.print()
        return
    for notice in notices(result):
        console.print(Padding(_styled(f"note: {notice}", "yellow"), (0, 0, 0, 2)))
    for report in result.reports:
        _ruleset(console, report, options)
    console.print()


def _ruleset(console: Console, report: Report, options: RenderOptions) -> None:
    from rich import box
    from rich.table import Table

    console.print()
    console.print(_styled(f"{report.ruleset.id}: {clean(report.ruleset.title)}", "bold"))
    shown = shown_findings(report, options)
    reason = None if options.verbose else sole_reason(shown)
    if reason is not None:
        # One line instead of a table that repeats the same reason for every criterion.
        line = f"{marks(options)[Status.NOT_ASSESSABLE]} not assessed: {reason}"
        console.print(_styled(line, STYLES[Status.NOT_ASSESSABLE]))
    elif shown:
        ascii_only = bool(options.extras.get("ascii"))
        table = Table(
            box=box.ASCII2 if ascii_only else box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
            expand=False, header_style="bold", safe_box=ascii_only,
        )
        table.add_column("", no_wrap=True)
        table.add_column("Criterion", no_wrap=True)
        table.add_column("Evidence / what to add", overflow="fold", ratio=1)
        symbols = marks(options)
        for finding in shown:
            style = STYLES[finding.status]
            table.add_row(
                _styled(symbols[finding.status], style),
                _styled(finding.criterion.id, style),
                _details(finding, options),
            )
        console.print(table)
    console.print(_styled(ruleset_summary(report), "bold"))


def _details(finding: Finding, options: RenderOptions) -> Text:
    """The right-hand cell: title, then evidence, waiver or the guidance for a gap."""
    from rich.text import Text

    out = Text()
    out.append(clean(finding.criterion.title), style="bold")
    limit = 400 if options.verbose else 160
    for ev in shown_evidence(finding, options):
        out.append("\n“" + trim(ev.text, limit) + "”", style="italic")
        out.append(f" ({clean(ev.location.cite())})", style="dim")
    extra = len(finding.evidence) - len(shown_evidence(finding, options))
    if extra > 0:
        out.append(f"\n(+{extra} more; --verbose shows all)", style="dim")
    match finding.status:
        case Status.WAIVED:
            out.append("\n" + waiver_line(finding), style="cyan")
        case Status.NOT_ASSESSABLE:
            out.append("\n" + (clean(finding.reason) or "cannot be assessed"), style="magenta")
        case Status.MISSING | Status.PARTIAL:
            if finding.reason:
                out.append("\n" + clean(finding.reason), style="dim")
            if finding.missing_parts:
                parts = "; ".join(clean(p) for p in finding.missing_parts)
                out.append(f"\nStill missing: {parts}", style="yellow")
            out.append("\nWhat to add: " + clean(finding.criterion.guidance))
    return out
