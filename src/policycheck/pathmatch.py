"""Gitignore-style path patterns, used by excludes, per-path rule sets and waivers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

GLOB_CHARS = frozenset("*?[")


def has_glob(text: str) -> bool:
    """True when `text` contains a glob wildcard."""
    return any(ch in GLOB_CHARS for ch in text)


def _translate_segment(segment: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(segment):
        ch = segment[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[":
            end = segment.find("]", i + 1)
            if end == -1:
                out.append(re.escape(ch))
            else:
                body = segment[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
                i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


@lru_cache(maxsize=1024)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a gitignore-ish pattern to a regex over forward-slash relative paths.

    A pattern without '/' matches a name at any depth (`*.old.docx`); a pattern with '/' is
    anchored at the project root (`drafts/**`); `**` spans any number of folders; a trailing
    '/' or a match on a folder matches everything below it.
    """
    pat = pattern.strip().replace("\\", "/")
    anchored = "/" in pat.rstrip("/")
    pat = pat.lstrip("/").removeprefix("./")
    if pat.endswith("/"):
        pat += "**"
    parts = pat.split("/")
    regex: list[str] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        if part == "**":
            regex.append(".*" if last else "(?:[^/]+/)*")
        else:
            regex.append(_translate_segment(part) + ("" if last else "/"))
    body = "".join(regex)
    prefix = "" if anchored else "(?:[^/]+/)*"
    # A pattern that names a folder also matches everything inside it.
    return re.compile(f"^{prefix}{body}(?:/.*)?$")


def matches(path: str, patterns: Iterable[str]) -> bool:
    """True when the forward-slash relative `path` matches any of `patterns`."""
    return any(compile_pattern(p).match(path) for p in patterns)
