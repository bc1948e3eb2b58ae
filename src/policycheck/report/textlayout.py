"""Word wrapping and colouring of styled text for the terminal report, in terminal cells.

Wrapping follows rich's rules exactly (break before a word that does not fit, fold a word longer
than the line), so the report reads as rich would lay it out, at a fraction of the cost of a
general table: each paragraph is measured once, word by word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import accumulate, pairwise

from rich.cells import cell_len, chop_cells, get_character_cell_size

# One styled piece of text: (text, style such as "bold red" in rich's words, or "" for none).
Run = tuple[str, str]

# SGR parameters of the style words the report uses, in the order rich emits them.
_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "green": "32", "yellow": "33",
        "magenta": "35", "cyan": "36"}

# A word with the whitespace after it (and any before it at the start of a line).
_WORD = re.compile(r"(\s*\S+)\s*")
# Characters whose width depends on their neighbours: measure whole words with these.
_JOINERS = frozenset("\u200d\ufe0f")


def cells(text: str) -> int:
    """Width of `text` in terminal cells (wide East Asian characters 2, combining marks 0)."""
    return len(text) if text.isascii() else cell_len(text)


def _measure(line: str) -> Callable[[int, int], int]:
    """A function giving the cell width of line[start:end], cheap for repeated calls."""
    if line.isascii():
        return lambda start, end: end - start
    if _JOINERS.isdisjoint(line):
        edges = [0, *accumulate(get_character_cell_size(c) for c in line)]
        return lambda start, end: edges[end] - edges[start]
    return lambda start, end: cell_len(line[start:end])


def breaks(line: str, width: int) -> list[int]:
    """Offsets at which to break one line (no newlines) so each piece fits `width` cells."""
    offsets: list[int] = []
    measure = _measure(line)
    if measure(0, len(line)) <= width and _JOINERS.isdisjoint(line):
        return offsets  # widths add up word by word here, so every word fits
    used = 0
    for match in _WORD.finditer(line):
        start, end = match.span()
        length = measure(start, match.end(1))
        if width - used >= length:
            used += measure(start, end)
        elif length > width:
            # Longer than a whole line: fold it across as many lines as it needs.
            folded = chop_cells(match.group(0), width)
            for index, piece in enumerate(folded):
                if start:
                    offsets.append(start)
                if index == len(folded) - 1:
                    used = cell_len(piece)
                else:
                    start += len(piece)
        elif used and start:
            offsets.append(start)
            used = measure(start, end)
    return offsets


def wrap(runs: Sequence[Run], width: int) -> list[list[Run]]:
    """Styled text (newlines start new lines) wrapped to `width` cells, trailing spaces dropped."""
    plain = "".join(text for text, _ in runs)
    styles: list[tuple[int, int, str]] = []
    pos = 0
    for text, style in runs:
        styles.append((pos, pos + len(text), style))
        pos += len(text)
    lines: list[list[Run]] = []
    offset = 0
    for line in plain.split("\n"):
        cuts = [0, *breaks(line, width), len(line)]
        for lo, hi in pairwise(cuts):
            piece_end = offset + lo + len(line[lo:hi].rstrip())
            lines.append(_slice(styles, plain, offset + lo, piece_end))
        offset += len(line) + 1
    return lines


def _slice(styles: list[tuple[int, int, str]], plain: str, lo: int, hi: int) -> list[Run]:
    """The styled runs covering plain[lo:hi]."""
    return [
        (plain[max(lo, start) : min(hi, end)], style)
        for start, end, style in styles
        if start < hi and end > lo
    ]


def paint(runs: Sequence[Run], color: bool) -> str:
    """One line of runs as text, each styled run wrapped in SGR codes when `color`."""
    if not color:
        return "".join(text for text, _ in runs)
    out: list[str] = []
    for text, style in runs:
        if style and text:
            codes = ";".join(_SGR[word] for word in style.split())
            out.append(f"\x1b[{codes}m{text}\x1b[0m")
        else:
            out.append(text)
    return "".join(out)
