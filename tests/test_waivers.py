"""Waivers: waived findings, expired waivers, stale waivers; a pure function of its inputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from builders import result, waiver
from policycheck.errors import ConfigError
from policycheck.model import DocumentResult, Finding, Status
from policycheck.waivers import apply_waivers, load_waivers

TODAY = dt.date(2026, 2, 10)


def _status(res: DocumentResult, cid: str) -> Finding:
    return next(f for f in res.findings if f.criterion.id == cid)


def test_a_live_waiver_turns_a_gap_into_waived_with_its_reason() -> None:
    docs = [result("policies/custody.md", {"REC4-OUTREACH": Status.MISSING})]
    out, stale = apply_waivers(docs, [waiver("REC4-OUTREACH", ("policies/*.md",))], TODAY)
    finding = _status(out[0], "REC4-OUTREACH")
    assert finding.status is Status.WAIVED
    assert finding.waiver is not None
    assert finding.waiver.reason == "Covered by the engagement strategy"
    assert stale == []


def test_a_waiver_holds_on_its_expiry_date_and_expires_the_day_after() -> None:
    docs = [result("a.md", {"REC4-OUTREACH": Status.PARTIAL})]
    w = waiver("REC4-OUTREACH", ("a.md",), expires="2026-02-10")
    assert _status(apply_waivers(docs, [w], TODAY)[0][0], "REC4-OUTREACH").status is Status.WAIVED
    out, stale = apply_waivers(docs, [w], TODAY + dt.timedelta(days=1))
    finding = _status(out[0], "REC4-OUTREACH")
    assert finding.status is Status.PARTIAL
    assert finding.waiver is not None and finding.waiver.expired
    assert finding.reason == "REC4-OUTREACH reason; waiver expired on 2026-02-10"
    assert stale == []


def test_stale_waivers_are_reported_with_the_reason() -> None:
    docs = [result("a.md", {"REC4-OUTREACH": Status.MISSING})]
    waivers = [
        waiver("REC4-MSHT-DA", ("a.md",)),  # met: the waiver has nothing left to do
        waiver("REC4-OUTREACH", ("retired/**",)),  # no such document
        waiver("REC9-NOTHING", ("a.md",)),  # no such criterion
    ]
    out, stale = apply_waivers(docs, waivers, TODAY)
    assert [s.describe() for s in stale] == [
        "stale waiver for REC4-MSHT-DA on a.md: criterion now met; remove waiver",
        "stale waiver for REC4-OUTREACH on retired/**: matches no checked document and criterion",
        "stale waiver for REC9-NOTHING on a.md: matches no checked document and criterion",
    ]
    assert _status(out[0], "REC4-OUTREACH").status is Status.MISSING


def test_a_run_on_named_files_only_calls_matching_waivers_stale() -> None:
    docs = [result("a.md", {"REC4-OUTREACH": Status.MISSING})]
    waivers = [waiver("REC4-OUTREACH", ("b.md",)), waiver("REC4-MSHT-DA", ("a.md",))]
    _, stale = apply_waivers(docs, waivers, TODAY, complete=False)
    assert [s.describe() for s in stale] == [
        "stale waiver for REC4-MSHT-DA on a.md: criterion now met; remove waiver",
    ]


def test_a_waiver_on_an_unreadable_document_is_not_called_stale() -> None:
    docs = [result("a.pdf", {}, error="is encrypted")]
    out, stale = apply_waivers(docs, [waiver("REC4-OUTREACH", ("a.pdf",))], TODAY)
    assert stale == [] and out[0].error == "is encrypted"


def test_paths_match_relative_to_the_project_root(tmp_path: Path) -> None:
    doc = result("custody.md", {"REC4-OUTREACH": Status.MISSING})
    doc = dataclasses.replace(doc, path=tmp_path / "policies/custody.md")
    out, _ = apply_waivers([doc], [waiver("REC4-OUTREACH", ("policies/**",))], TODAY, tmp_path)
    assert _status(out[0], "REC4-OUTREACH").status is Status.WAIVED


def test_waivers_file_is_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "waivers.toml"
    path.write_text('[[waivers]]\ncriterion = "REC4-OUTREACH"\npaths = ["a.md"]\nreason = ""\n'
                    'approved-by = "x"\nexpires = 2026-01-01\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_waivers(path)
    assert str(caught.value) == (
        "waivers.toml: waivers.0.reason: String should have at least 1 character"
    )
    path.write_text('[[waivers]]\ncriterion = "REC4-OUTREACH"\npaths = ["a.md"]\nreason = "r"\n'
                    'approved-by = "x"\nexpires = 2026-01-01\n', encoding="utf-8")
    assert load_waivers(path)[0].expires == "2026-01-01"
