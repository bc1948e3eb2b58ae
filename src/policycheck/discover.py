"""Turn command-line inputs (files, folders, globs) into a stable, sorted list of documents."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policycheck.extract.sniff import SUFFIXES
from policycheck.pathmatch import has_glob, matches

# Documents we read, and older word-processor formats we cannot: those are picked up too, so each
# gets its own "save it as .docx or PDF" error instead of vanishing into a skipped count.
LEGACY_SUFFIXES: frozenset[str] = frozenset({".doc", ".dot", ".rtf"})
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(SUFFIXES) | LEGACY_SUFFIXES


@dataclass(frozen=True, slots=True)
class Discovery:
    """The documents to check, the named inputs that do not exist, and what was skipped."""

    files: tuple[Path, ...]
    missing: tuple[Path, ...] = ()
    notices: tuple[str, ...] = ()


def relative_to_root(path: Path, root: Path) -> str:
    """`path` as a forward-slash path relative to `root` (absolute when outside it)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path(os.path.abspath(root))).as_posix()
    except ValueError:
        return absolute.as_posix()


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _walk(folder: Path, seen_dirs: set[Path]) -> tuple[list[Path], list[Path]]:
    """Every file below `folder` (no hidden folders, no symlink loops) and the unsupported ones."""
    found: list[Path] = []
    unsupported: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        real = Path(dirpath).resolve()
        if real in seen_dirs:
            dirnames[:] = []
            continue
        seen_dirs.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = Path(dirpath) / name
            (found if _supported(path) else unsupported).append(path)
    return found, unsupported


def _expand(item: str) -> list[Path] | None:
    """Expand a glob ourselves (Windows shells and quoted globs); None when `item` is no glob."""
    if Path(item).exists() or not has_glob(item):
        return None
    return sorted(Path(p) for p in glob.glob(item, recursive=True))


MAX_LISTED_SKIPS = 3  # past this, a folder's unsupported files are summed up in one notice


def discover(
    inputs: Sequence[str | Path], root: Path, exclude: Sequence[str] = (),
    include: Sequence[str] = (),
) -> Discovery:
    """Find the documents named by `inputs`, relative patterns taken from `root`.

    Folders are walked recursively (hidden folders and files skipped); `include` patterns filter
    what a walk picks up, `exclude` patterns apply to everything, named files included. A file
    named explicitly is checked whatever its suffix, as long as it has none or a supported one.
    """
    files: dict[Path, None] = {}
    missing: list[Path] = []
    notices: list[str] = []
    seen_dirs: set[Path] = set()

    def excluded(path: Path) -> bool:
        return bool(exclude) and matches(relative_to_root(path, root), exclude)

    def skip_unsupported(path: Path) -> None:
        if not excluded(path):
            notices.append(f"skipped {path.as_posix()}: unsupported file type '{path.suffix}'")

    for item in inputs:
        text = str(item)
        expanded = _expand(text)
        if expanded is not None and not expanded:
            missing.append(Path(text))
            continue
        for path in expanded if expanded is not None else [Path(text)]:
            if path.is_dir():
                fresh = path.resolve() not in seen_dirs
                found, unsupported = _walk(path, seen_dirs)
                if fresh and not found and not unsupported:
                    notices.append(f"no documents in the folder {path.as_posix()}")
                for file in found:
                    rel = relative_to_root(file, root)
                    if (not include or matches(rel, include)) and not excluded(file):
                        files[file] = None
                skipped = [f for f in unsupported if not excluded(f)]
                if len(skipped) > MAX_LISTED_SKIPS:  # one line, not one per source file
                    kinds = ", ".join(sorted({f.suffix or "no suffix" for f in skipped}))
                    notices.append(f"skipped {len(skipped)} files in {path.as_posix()} that are "
                                   f"not policy documents ({kinds})")
                else:
                    for file in skipped:
                        skip_unsupported(file)
            elif not path.exists() and not path.is_symlink():  # a broken link says why
                missing.append(path)
            elif path.suffix and not _supported(path):
                skip_unsupported(path)
            elif not excluded(path):
                files[path] = None
    ordered = sorted(files, key=lambda p: relative_to_root(p, root))
    return Discovery(files=tuple(ordered), missing=tuple(missing), notices=tuple(notices))
