"""Waivers: approved, time-limited exemptions applied to findings after checking."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from policycheck.config import WaiverModel, read_toml, shown, validation_message
from policycheck.discover import relative_to_root
from policycheck.errors import ConfigError
from policycheck.model import DocumentResult, Finding, Report, Status, Waiver
from policycheck.pathmatch import matches

WAIVABLE: frozenset[Status] = frozenset({Status.MISSING, Status.PARTIAL, Status.NOT_ASSESSABLE})


@dataclass(frozen=True, slots=True)
class StaleWaiver:
    """A waiver that no longer does anything, and why."""

    waiver: Waiver
    reason: str

    def describe(self) -> str:
        paths = ", ".join(self.waiver.paths)
        return f"stale waiver for {self.waiver.criterion} on {paths}: {self.reason}"


class _WaiverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    waivers: list[WaiverModel] = []


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Read a waivers file: a TOML file of [[waivers]] tables."""
    try:
        model = _WaiverFile.model_validate(read_toml(path))
    except ValidationError as exc:
        key, reason = validation_message(exc)
        raise ConfigError(reason, shown(path), field=key) from None
    return tuple(w.to_waiver() for w in model.waivers)


def is_expired(waiver: Waiver, today: dt.date) -> bool:
    """A waiver holds up to and including its expiry date."""
    return dt.date.fromisoformat(waiver.expires) < today


def _waive(finding: Finding, candidates: list[Waiver], today: dt.date) -> Finding:
    live = [w for w in candidates if not is_expired(w, today)]
    if live:
        return dataclasses.replace(finding, status=Status.WAIVED, waiver=live[0])
    expired = dataclasses.replace(candidates[0], expired=True)
    note = f"waiver expired on {expired.expires}"
    reason = f"{finding.reason}; {note}" if finding.reason else note
    return dataclasses.replace(finding, waiver=expired, reason=reason)


def apply_waivers(
    results: Sequence[DocumentResult], waivers: Sequence[Waiver], today: dt.date,
    root: Path | None = None, complete: bool = True,
) -> tuple[list[DocumentResult], list[StaleWaiver]]:
    """Mark waived findings; report waivers that match nothing or only met criteria.

    Paths match the document's path relative to `root` (its display path without a root).
    When the run did not cover the whole project (`complete` False: named files, as from a
    pre-commit hook), a waiver matching none of them is not called stale.
    """
    def where(result: DocumentResult) -> str:
        return relative_to_root(result.path, root) if root else result.display_path

    hits: dict[int, list[Status]] = {i: [] for i in range(len(waivers))}
    unknown: set[int] = set()  # waivers matching a document that could not be checked
    out: list[DocumentResult] = []
    for result in results:
        mine = [(i, w) for i, w in enumerate(waivers) if matches(where(result), w.paths)]
        if result.error:
            unknown.update(i for i, _ in mine)
            out.append(result)
            continue
        reports: list[Report] = []
        for report in result.reports:
            findings: list[Finding] = []
            for finding in report.findings:
                applicable = [(i, w) for i, w in mine if w.criterion == finding.criterion.id]
                for i, _ in applicable:
                    hits[i].append(finding.status)
                if applicable and finding.status in WAIVABLE:
                    finding = _waive(finding, [w for _, w in applicable], today)
                findings.append(finding)
            reports.append(dataclasses.replace(report, findings=tuple(findings)))
        out.append(dataclasses.replace(result, reports=tuple(reports)))
    stale: list[StaleWaiver] = []
    for i, waiver in enumerate(waivers):
        if i in unknown:
            continue
        if not hits[i] and complete:
            stale.append(StaleWaiver(waiver, "matches no checked document and criterion"))
        elif hits[i] and all(status is Status.MET for status in hits[i]):
            stale.append(StaleWaiver(waiver, "criterion now met; remove waiver"))
    return out, stale


def expired_notices(results: Sequence[DocumentResult]) -> list[str]:
    """One line per finding whose waiver has expired."""
    return [
        f"{r.display_path}: {f.criterion.id}: waiver expired on {f.waiver.expires}"
        for r in results for f in r.findings if f.waiver is not None and f.waiver.expired
    ]
