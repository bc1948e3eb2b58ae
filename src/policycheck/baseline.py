"""Baselines: record today's gaps so that CI fails only on new ones."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

from policycheck.discover import relative_to_root
from policycheck.errors import InputError
from policycheck.model import DocumentResult, Report, Status

GAPS: tuple[Status, ...] = (Status.PARTIAL, Status.MISSING)  # ordered from less to more severe

Entry = tuple[str, str, str]  # (path relative to the project root, criterion id, status)


def _key(result: DocumentResult, root: Path | None) -> str:
    """Paths relative to the project root, as waivers are, so any working folder gives one key."""
    return relative_to_root(result.path, root) if root is not None else result.display_path


def gaps(results: Sequence[DocumentResult], root: Path | None = None) -> list[Entry]:
    """Every current gap as a sorted (path, criterion, status) list."""
    found = {
        (_key(r, root), f.criterion.id, f.status.value)
        for r in results for f in r.findings if f.status in GAPS
    }
    return sorted(found)


def dump_baseline(results: Sequence[DocumentResult], root: Path | None = None) -> str:
    """The baseline file's content: a JSON list of {path, criterion, status} objects."""
    entries = [{"path": p, "criterion": c, "status": s} for p, c, s in gaps(results, root)]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def load_baseline(path: Path) -> dict[tuple[str, str], Status]:
    """Read a baseline file written by --write-baseline."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read baseline: {exc.strerror}", path) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"baseline is not valid JSON ({exc})", path) from None
    known: dict[tuple[str, str], Status] = {}
    if not isinstance(data, list):
        raise InputError("baseline must be a JSON list", path)
    for index, item in enumerate(data):
        try:
            key = (str(item["path"]), str(item["criterion"]))
            status = Status(item["status"])
        except (TypeError, KeyError, ValueError):
            raise InputError(
                f"baseline entry {index} needs 'path', 'criterion' and a gap 'status'", path,
            ) from None
        known[key] = status
    return known


def _is_known(status: Status, was: Status | None) -> bool:
    """A gap is known when the baseline has it at the same or a worse status."""
    return was in GAPS and GAPS.index(status) <= GAPS.index(was)


def mark_new(
    results: Sequence[DocumentResult], known: dict[tuple[str, str], Status],
    root: Path | None = None,
) -> list[DocumentResult]:
    """Set Finding.new_since_baseline on every gap: True unless the baseline already had it."""
    out: list[DocumentResult] = []
    for result in results:
        reports: list[Report] = []
        for report in result.reports:
            findings = tuple(
                dataclasses.replace(
                    f, new_since_baseline=not _is_known(
                        f.status, known.get((_key(result, root), f.criterion.id)),
                    ),
                ) if f.status in GAPS else f
                for f in report.findings
            )
            reports.append(dataclasses.replace(report, findings=findings))
        out.append(dataclasses.replace(result, reports=tuple(reports)))
    return out
