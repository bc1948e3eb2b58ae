"""Word list numbering: the labels ('4.2', 'b)') Word would show before numbered paragraphs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policycheck.extract.ooxml import w


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False  # isLgl: show every level as a decimal number


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                          (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (unknown formats fall back to decimal)."""
    match fmt:
        case "lowerLetter":
            return _letters(n)
        case "upperLetter":
            return _letters(n).upper()
        case "lowerRoman":
            return _roman(n)
        case "upperRoman":
            return _roman(n).upper()
        case "decimalZero":
            return f"{n:02d}"
        case "bullet" | "none":
            return ""
        case _:
            return str(n)


@dataclass(slots=True)
class Numbering:
    """List definitions of a document and the running counters while reading it in order."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId -> levels
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, ilvl) overrides
    counters: dict[str, list[int]] = field(default_factory=dict)  # list instance -> counts

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list `num_id` at level `ilvl` and return the label Word would show."""
        abstract = self.nums.get(num_id)
        if abstract is None or abstract not in self.levels:
            return ""
        levels = self.levels[abstract]
        # Lists sharing a definition continue one another, unless one restarts its numbering.
        restarts = any(key[0] == num_id for key in self.starts)
        counts = self.counters.setdefault(num_id if restarts else abstract, [0] * 9)
        ilvl = min(max(ilvl, 0), 8)
        level = levels.get(ilvl, Level())
        if counts[ilvl] == 0:
            counts[ilvl] = self.starts.get((num_id, ilvl), level.start)
        else:
            counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl + 1):
            other = levels.get(k, Level())
            value = counts[k] or self.starts.get((num_id, k), other.start)
            fmt = "decimal" if level.legal else other.fmt
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text.strip()


def _int(el: Any, default: int) -> int:
    value = el.get(w("val"), "") if el is not None else ""
    return int(value) if value.lstrip("-").isdigit() else default


def load_numbering(root: Any | None) -> Numbering:
    """Read word/numbering.xml (None when the document has no lists)."""
    numbering = Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(w("abstractNum")):
        levels: dict[int, Level] = {}
        for lvl in abstract.iter(w("lvl")):
            fmt_el, text_el = lvl.find(w("numFmt")), lvl.find(w("lvlText"))
            levels[_int_attr(lvl, "ilvl")] = Level(
                start=_int(lvl.find(w("start")), 1),
                fmt=fmt_el.get(w("val"), "decimal") if fmt_el is not None else "decimal",
                text=text_el.get(w("val"), "") if text_el is not None else "",
                legal=lvl.find(w("isLgl")) is not None,
            )
        numbering.levels[abstract.get(w("abstractNumId"), "")] = levels
    for num in root.iter(w("num")):
        num_id = num.get(w("numId"), "")
        numbering.nums[num_id] = _attr_val(num.find(w("abstractNumId")))
        for override in num.iter(w("lvlOverride")):
            start = override.find(w("startOverride"))
            if start is not None:
                numbering.starts[(num_id, _int_attr(override, "ilvl"))] = _int(start, 1)
    return numbering


def _int_attr(el: Any, name: str) -> int:
    value = el.get(w(name), "0")
    return int(value) if value.isdigit() else 0


def _attr_val(el: Any) -> str:
    return el.get(w("val"), "") if el is not None else ""
