"""Numbers that say something on their own: a UK telephone number is a way to make contact."""

from __future__ import annotations

from typing import Any

PHONE_DIGITS = (10, 11)  # 0800 096 1180, 01632 963 517, 020 7243 2942
TERM = "a telephone number"


_NOT_DIGITS = str.maketrans("", "", "0123456789")


def may_hold_phone(text: str) -> bool:
    """A cheap first test: fewer than 10 digits in all cannot make a telephone number.

    (Text with other scripts' digits, which `str.isdigit` also counts, always gets the full scan.)
    """
    if not text.isascii():
        return True
    return len(text) - len(text.translate(_NOT_DIGITS)) >= min(PHONE_DIGITS)


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _starts_number(text: str) -> bool:
    return text.startswith("0") or text.startswith("+44")


def phone_spans(doc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Token spans in [start, end) of UK telephone numbers: runs of digit groups, 10-11 digits."""
    spans: list[tuple[int, int]] = []
    i = start
    while i < end:
        text = doc[i].text
        if not (_digits(text) and _starts_number(text) and set(text) <= set("+0123456789-()")):
            i += 1
            continue
        j, total = i + 1, len(_digits(text))
        while j < end and doc[j].text.isdigit() and total < max(PHONE_DIGITS):
            total += len(doc[j].text)
            j += 1
        national = total - 1 if text.startswith("+44") else total  # +44 20 ... is 020 ...
        if national in PHONE_DIGITS:
            spans.append((i, j))
        i = j
    return spans
