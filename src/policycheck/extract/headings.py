"""Heading and list-marker heuristics shared by the plain-text and PDF readers."""

from __future__ import annotations

import re

NUMBERED = re.compile(r"^(?:(?:section|part|chapter)\s+)?(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+(\S.*)$",
                      re.IGNORECASE)
LIST_MARKER = re.compile(
    r"^\s*(?:[-*+•‣◦▪▫■□●○–—·\uf020-\uf0ff]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\((?:[ivx]{1,5})\)|[ivx]{1,5}\))\s+"
)
_END_PUNCT = (".", ",", ";", "?", "!")
# UK Government Security Classification markings, which head and foot police documents.
# They are written in capitals, which tells them apart from "Official guidance" or
# "Confidential reporting line".
_MARKING = re.compile(
    r"^(?:NOT PROTECTIVELY MARKED|OFFICIAL(?:[\s-]*SENSITIVE)?|RESTRICTED|CONFIDENTIAL|"
    r"(?:TOP )?SECRET|UNCLASSIFIED)\b"
)
MAX_HEADING_WORDS = 14


def numbered_heading(line: str) -> int | None:
    """Level of a numbered heading like '4.2 Information sharing' (2), else None."""
    match = NUMBERED.match(line.strip())
    if not match:
        return None
    title = match.group(2)
    words = title.split()
    if len(words) > MAX_HEADING_WORDS or title.endswith(_END_PUNCT) or not title[0].isupper():
        return None
    if not any(ch.isalpha() for ch in title):
        return None
    # '1 April – 30 June 2021 - 2 - 2' is a row of figures, not a numbered heading
    if sum(w.isdigit() for w in words) >= sum(w[:1].isalpha() for w in words):
        return None
    return match.group(1).count(".") + 1


def caps_heading(line: str, max_words: int = MAX_HEADING_WORDS) -> bool:
    """True for a short ALL CAPS line such as 'INFORMATION SHARING'."""
    text = line.strip()
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3 or len(text.split()) > max_words or text.endswith(_END_PUNCT):
        return False
    return all(ch.isupper() for ch in letters)


def title_case_heading(line: str) -> bool:
    """True for a short line where most words are capitalised: 'Information Sharing Agreement'."""
    text = line.strip()
    words = [w for w in text.split() if w[:1].isalpha()]
    if not words or len(text.split()) > 8 or text.endswith(_END_PUNCT) or not text[0].isupper():
        return False
    small = {"a", "an", "and", "of", "the", "to", "for", "in", "on", "with", "or", "by", "at"}
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return capitalised == len(words) and sum(1 for w in words if w[0].isupper()) >= 1


def strip_marker(line: str) -> tuple[str, bool]:
    """Remove a leading bullet or list number: (text, had_marker)."""
    match = LIST_MARKER.match(line)
    if not match:
        return line.strip(), False
    return line[match.end():].strip(), True


def protective_marking(line: str) -> bool:
    """A short line that opens with, or ends with, a protective marking: 'OFFICIAL - SENSITIVE',
    'Northshire Police – OFFICIAL'."""
    text = line.strip()
    if len(text.split()) > 8 or text.endswith((".", "!", "?")):
        return False
    last = re.split(r"\s[-–—|]\s", text)[-1]
    return _MARKING.match(text) is not None or _MARKING.fullmatch(last.strip()) is not None
