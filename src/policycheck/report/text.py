"""Plain text output (placeholder until the rich terminal report)."""

from __future__ import annotations

from collections.abc import Sequence

from policycheck.model import DocumentResult, RenderOptions


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    lines: list[str] = []
    for result in results:
        if result.error:
            lines.append(f"{result.display_path}: error: {result.error}")
            continue
        lines.append(result.display_path)
        for finding in result.findings:
            lines.append(f"  {finding.criterion.id:<28} {finding.status.value}")
    return "\n".join(lines) + "\n"
