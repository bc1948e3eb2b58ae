"""A batch that exercises every status, an unreadable document and hostile text."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builders import result, waiver
from policycheck.model import DocumentResult, Evidence, Location, RenderOptions, Status


def schemas_dir() -> Path:
    """../shared/schemas from the repository root (or a folder above it), else skip."""
    root = Path(__file__).resolve().parents[1]
    for folder in (root, *root.parents):
        candidate = folder.parent / "shared" / "schemas"
        if candidate.is_dir():
            return candidate
    pytest.skip("shared/schemas not found beside the repository")


HOSTILE = 'Officers <script>alert(1)</script> {0}{name}%s \x1b[31m bell\x07 nul\x00, "quoted": 50%'


def batch() -> list[DocumentResult]:
    custody = result("policies/custody.md", {
        "REC4-OUTREACH": Status.MISSING, "REC4-MSHT-DA": Status.PARTIAL,
    })
    custody = dataclasses.replace(custody, reports=tuple(
        dataclasses.replace(report, findings=tuple(
            dataclasses.replace(f, new_since_baseline=f.status is Status.MISSING)
            if f.status in (Status.MISSING, Status.PARTIAL) else f
            for f in report.findings
        )) for report in custody.reports
    ))
    hostile = result("policies/odd, name:1.md", {"REC4-OUTREACH": Status.PARTIAL})
    hostile = dataclasses.replace(hostile, reports=tuple(
        dataclasses.replace(report, findings=tuple(
            dataclasses.replace(f, reason=HOSTILE, evidence=(
                Evidence(HOSTILE, Location(page=3, heading_path=("Sharing",), table=1, row=2,
                                           cell=1)),
            )) for f in report.findings
        )) for report in hostile.reports
    ))
    waived = result("policies/pcc.md", {"REC4-PATHWAY-AWARENESS": Status.NOT_ASSESSABLE})
    waived = dataclasses.replace(waived, reports=tuple(
        dataclasses.replace(report, findings=tuple(
            dataclasses.replace(f, status=Status.WAIVED,
                                waiver=waiver("REC4-OUTREACH", ("policies/pcc.md",)))
            if f.criterion.id == "REC4-OUTREACH" else f
            for f in report.findings
        )) for report in waived.reports
    ))
    broken = result("policies/locked.pdf", {}, error="is encrypted; give --password")
    return [custody, hostile, waived, broken]


STALE = [{"criterion": "REC4-MSHT-DA", "paths": ["retired/**"], "reason": "matches nothing",
          "approved_by": "x", "expires": "2030-01-01"}]
OPTIONS = RenderOptions(tool_version="0.1.0", extras={"stale_waivers": STALE})
