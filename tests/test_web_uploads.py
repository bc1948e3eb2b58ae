"""Uploaded names made safe, the limit each upload gets, and the page's verdict in words."""

from __future__ import annotations

from pathlib import Path

import pytest

import fakes
from policycheck.extract.limits import Limits
from policycheck.model import DocumentResult, Finding, Report, RuleSet, Status
from policycheck.verdict import FailOn
from policycheck.web.status import verdict
from policycheck.web.uploads import UploadRefused, accepted_suffix, safe_parts, size_limit


@pytest.mark.parametrize(("raw", "parts"), [
    ("policy.docx", ("policy.docx",)),
    ("submissions/2024/force-a.docx", ("submissions", "2024", "force-a.docx")),
    ("../../etc/passwd", ("etc", "passwd")),
    ("C:\\Users\\me\\..\\draft.docx", ("C_", "Users", "me", "draft.docx")),
    ("/./.hidden/..../x.txt", ("hidden", "x.txt")),
    ("bad\x00name\x1b[31m.txt", ("bad_name_[31m.txt",)),
    ("evil\u202etxt.exe.docx", ("evil_txt.exe.docx",)),
    ("NUL.docx", ("_NUL.docx",)),
    ("lpt1", ("_lpt1",)),
    ("Polisi Dioddefwyr – Cymraeg.docx", ("Polisi Dioddefwyr – Cymraeg.docx",)),
    ("a/b/c/d/e/f/g/h.txt", ("c", "d", "e", "f", "g", "h.txt")),
    ("x" * 300 + ".docx", ("x" * 115 + ".docx",)),
])
def test_names_are_made_safe(raw: str, parts: tuple[str, ...]) -> None:
    assert safe_parts(raw) == parts


@pytest.mark.parametrize("raw", ["", "/", "../..", " . ", "\\\\"])
def test_a_name_with_nothing_left_is_refused(raw: str) -> None:
    with pytest.raises(UploadRefused, match="the file has no usable name"):
        safe_parts(raw)


def test_text_files_get_the_text_limit_by_their_name() -> None:
    limits = Limits(max_file_bytes=10 * 1024**2, max_text_bytes=1024**2)
    assert size_limit("a.md", limits) == (
        1024**2, "text file is over the 1 MB limit (max_text_bytes)")
    assert size_limit("a.pdf", limits) == (
        10 * 1024**2, "file is over the 10 MB limit (max_file_bytes)")


def test_suffixes_check_reads_or_explains_are_accepted() -> None:
    assert [accepted_suffix(n) for n in ("a.DOCX", "b.doc", "c", "d.xlsx", "e.png")] == [
        True, True, True, False, False]


def _result(name: str, *statuses: Status, error: str | None = None) -> DocumentResult:
    crits = [fakes.criterion("rec4", f"C{i}", ("x",), "required" if i else "advisory")
             for i in range(len(statuses))]
    findings = tuple(Finding(c, s) for c, s in zip(crits, statuses, strict=True))
    ruleset = RuleSet("rec4", "t", "s", "1", tuple(crits))
    reports = (Report(ruleset, findings),) if findings else ()
    return DocumentResult(Path(name), name, "text", reports, error=error)


def test_the_verdict_says_what_the_exit_code_would() -> None:
    advisory_gap = _result("a.txt", Status.MISSING, Status.MET)  # C0 is advisory
    required_gap = _result("b.txt", Status.MET, Status.PARTIAL)
    broken = _result("c.pdf", error="is a damaged PDF")
    assert verdict([advisory_gap], FailOn.REQUIRED) == {
        "exit_code": 0, "errors": 0, "failing": 0,
        "text": "Every checked document passes at the 'required' threshold."}
    assert verdict([advisory_gap, required_gap], FailOn.ADVISORY)["text"] == (
        "2 of 2 checked documents have gaps at the 'advisory' threshold.")
    never = verdict([required_gap, broken], FailOn.NEVER)
    assert never["text"] == (
        "1 of 2 documents checked (report only: nothing fails); 1 could not be checked.")
    assert never["exit_code"] == 2
