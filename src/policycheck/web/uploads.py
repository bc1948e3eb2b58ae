"""Uploaded files: safe names, and size limits checked before and while the bytes are stored."""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from policycheck.discover import SUPPORTED_SUFFIXES
from policycheck.errors import PolicycheckError
from policycheck.extract.limits import Limits, human
from policycheck.extract.sniff import SUFFIXES

# Formats whose size `max_text_bytes` bounds when they are read (by suffix here: the bytes are
# not there yet to sniff).
TEXT_SUFFIXES: frozenset[str] = frozenset(
    s for s, fmt in SUFFIXES.items() if fmt in ("text", "markdown", "html")
)
MAX_JOB_FILES = 2_000  # one check: far more than a folder of force submissions holds
MAX_JOB_BYTES = 4 * 1024**3  # one check's uploads together, so a drop cannot fill the disk
MAX_PART_CHARS = 120  # one folder or file name, as shown and as stored
MAX_DEPTH = 6  # folders kept in a shown name ("submissions/2024/force-a.docx")

# Characters no file system of Windows, macOS or Linux takes in a name, controls, and the
# bidirectional overrides that would make a name read differently from what it is.
_FORBIDDEN = re.compile('[\x00-\x1f\x7f-\x9f<>:"|?*\u202a-\u202e\u2066-\u2069\ud800-\udfff]')
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)}
)


class UploadRefused(PolicycheckError):
    """An upload that is not stored: too big, not a policy document, or one too many."""

    def __init__(self, reason: str, path: str | None = None, status: int = 400) -> None:
        super().__init__(reason, path)
        self.status = status


def safe_parts(raw: str) -> tuple[str, ...]:
    """The folders and name a browser gave, each safe to show and to store on any system.

    Separators of every system split it; '.', '..', empty parts and leading dots go (so a name
    can neither climb out of its folder nor hide); controls become '_'; long parts are cut,
    keeping the suffix; only the last MAX_DEPTH parts are kept.
    """
    parts: list[str] = []
    for piece in re.split(r"[/\\]+", unicodedata.normalize("NFC", raw)):
        part = _FORBIDDEN.sub("_", piece).strip(" .")
        if not part:
            continue
        if part.split(".", 1)[0].lower() in _WINDOWS_DEVICES:
            part = f"_{part}"
        if len(part) > MAX_PART_CHARS:
            stem, suffix = os.path.splitext(part)
            suffix = suffix if len(suffix) <= 16 else ""
            part = stem[: MAX_PART_CHARS - len(suffix)].rstrip(" .") + suffix
        parts.append(part)
    if not parts:
        raise UploadRefused("the file has no usable name")
    return tuple(parts[-MAX_DEPTH:])


def accepted_suffix(name: str) -> bool:
    """A suffix `check` reads (or explains, as for .doc), or none: the content decides then."""
    suffix = Path(name).suffix.lower()
    return not suffix or suffix in SUPPORTED_SUFFIXES


def size_limit(name: str, limits: Limits) -> tuple[int, str]:
    """The byte limit that applies to a file of this name, and the refusal that names it."""
    if Path(name).suffix.lower() in TEXT_SUFFIXES and limits.max_text_bytes < limits.max_file_bytes:
        limit = limits.max_text_bytes
        return limit, f"text file is over the {human(limit)} limit (max_text_bytes)"
    limit = limits.max_file_bytes
    return limit, f"file is over the {human(limit)} limit (max_file_bytes)"


@dataclass(slots=True)
class Receiver:
    """One upload being written to its private file; more bytes than the limit stop it."""

    path: Path
    limit: int
    refusal: str
    file: BinaryIO
    size: int = 0

    @classmethod
    def open(cls, path: Path, limit: int, refusal: str) -> Receiver:
        """Create `path` for this upload alone: new (never an existing file or link), 0600."""
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        flags |= getattr(os, "O_NOFOLLOW", 0)
        path.parent.mkdir(mode=0o700, exist_ok=True)
        descriptor = os.open(path, flags, 0o600)
        return cls(path, limit, refusal, os.fdopen(descriptor, "wb"))

    def write(self, chunk: bytes) -> None:
        """Store `chunk`, or refuse the upload if it makes the file too big."""
        self.size += len(chunk)
        if self.size > self.limit:
            raise UploadRefused(self.refusal, status=413)
        self.file.write(chunk)

    def close(self) -> None:
        """The upload is complete."""
        self.file.close()

    def discard(self) -> None:
        """Remove whatever was written: a refused upload leaves nothing behind."""
        with contextlib.suppress(OSError):
            self.file.close()
        with contextlib.suppress(OSError):
            self.path.unlink()
