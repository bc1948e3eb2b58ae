"""rich's general Table for the criteria, kept for terminals too narrow for the fast layout."""

from __future__ import annotations

import io
from collections.abc import Sequence

from policycheck.model import RenderOptions
from policycheck.report.textlayout import Run

# One table row: mark, criterion id, the style of both, and the details cell as styled runs.
Row = tuple[str, str, str, Sequence[Run]]


def rich_table(
    headers: Sequence[str], rows: Sequence[Row], options: RenderOptions, width: int
) -> list[str]:
    """The rows laid out by rich, which shrinks even the unwrapped columns when it must."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system="standard" if options.color else None,
        force_terminal=options.color, no_color=not options.color, markup=False,
        highlight=False, emoji=False, legacy_windows=False, soft_wrap=False,
    )
    ascii_only = bool(options.extras.get("ascii"))
    table = Table(
        box=box.ASCII2 if ascii_only else box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
        expand=False, header_style="bold", safe_box=ascii_only,
    )
    table.add_column(headers[0], no_wrap=True)
    # An ASCII terminal gets "..." for rich's one-cell ellipsis, which would overflow the line.
    table.add_column(headers[1], no_wrap=True, overflow="crop" if ascii_only else "ellipsis")
    table.add_column(headers[2], overflow="fold", ratio=1)
    for mark, cid, style, details in rows:
        cell = Text()
        for text, run_style in details:
            cell.append(text, style=run_style or None)
        table.add_row(Text(mark, style=style), Text(cid, style=style), cell)
    console.print(table)
    return buffer.getvalue().splitlines()
