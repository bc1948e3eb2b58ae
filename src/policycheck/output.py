"""Atomic output writing: a reader never sees a half-written report, an input is never clobbered."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from policycheck.errors import OutputError


def _resolved(path: Path) -> Path:
    """`path` with links followed; a symlink loop is taken as named."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def is_same_file(a: Path, b: Path) -> bool:
    """True when both paths name one file (through links, case or '..')."""
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return _resolved(a) == _resolved(b)


def check_target(path: Path, inputs: Iterable[Path] = (), *, overwrite: bool = True) -> None:
    """Raise OutputError if `path` is an input document, a folder, or exists and must not."""
    for source in inputs:
        if _resolved(path) == _resolved(source) or is_same_file(path, source):
            raise OutputError("refusing to overwrite an input document", path)
    if path.is_dir():
        raise OutputError("is a folder, not a file", path)
    if not overwrite and (path.exists() or path.is_symlink()):
        raise OutputError("already exists (use --force to replace it)", path)
    if path.parent.exists() and not path.parent.is_dir():
        raise OutputError(f"{path.parent} is not a folder", path)


def write_atomic(
    path: Path, data: str | bytes, inputs: Iterable[Path] = (), *, overwrite: bool = True,
) -> None:
    """Write `data` to `path` via a temporary file in the same folder and os.replace."""
    check_target(path, inputs, overwrite=overwrite)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # CI paths such as out/report.sarif
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror or exc}", path) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(path))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"cannot write: {exc.strerror or exc}", path) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual umask-based ones."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
