"""Atomic file writes: a reader never sees a half-written report, baseline or cache entry."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from policycheck.errors import UsageError


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: str | bytes, inputs: Iterable[Path] = ()) -> None:
    """Write `data` to `path` through a temporary file in the same folder, never over an input."""
    for source in inputs:
        if _same_file(path, source) or os.path.abspath(path) == os.path.abspath(source):
            raise UsageError("refusing to overwrite an input document", path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual file mode
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UsageError(f"cannot write: {exc.strerror}", path) from None
