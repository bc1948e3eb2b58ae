"""JUnit XML output: a test suite per document and rule set, a test case per criterion."""

from __future__ import annotations

import re
import socket
from collections.abc import Sequence
from datetime import UTC, datetime

from lxml import etree

from policycheck.model import DocumentResult, Finding, RenderOptions, Status

# XML 1.0 forbids most control characters; a policy's stray \x07 must not break the report.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text safe for an XML attribute or element."""
    return _INVALID_XML.sub("", text)


def _failure_text(finding: Finding) -> str:
    crit = finding.criterion
    lines = []
    if finding.missing_parts:
        lines.append("Missing: " + "; ".join(finding.missing_parts))
    if crit.guidance:
        lines.append("Guidance: " + crit.guidance)
    for ev in finding.evidence:
        lines.append(f'Evidence ({ev.location.cite()}): "{ev.text}"')
    if finding.waiver is not None and finding.waiver.expired:
        lines.append(f"Waiver expired on {finding.waiver.expires}: {finding.waiver.reason}")
    return "\n".join(lines)


def _testcase(suite: etree._Element, classname: str, finding: Finding) -> None:
    crit = finding.criterion
    case = etree.SubElement(suite, "testcase", {
        "name": clean(f"{crit.id} {crit.title}"), "classname": clean(classname), "time": "0",
    })
    match finding.status:
        case Status.MISSING | Status.PARTIAL:
            reason = finding.reason or f"{crit.id} is {finding.status.value}"
            failure = etree.SubElement(case, "failure", {
                "message": clean(reason), "type": f"{finding.status.value}:{crit.severity.value}",
            })
            failure.text = clean(_failure_text(finding))
        case Status.WAIVED:
            w = finding.waiver
            text = f"waived: {w.reason} (approved by {w.approved_by}, expires {w.expires})" if w \
                else f"waived: {finding.reason}"
            etree.SubElement(case, "skipped", {"message": clean(text)})
        case Status.NOT_ASSESSABLE:
            text = finding.reason or "the document could not be assessed"
            etree.SubElement(case, "skipped", {"message": clean(f"not assessable: {text}")})
        case Status.MET:
            pass


def _suite(
    root: etree._Element, ident: int, name: str, package: str, stamp: str, host: str,
) -> etree._Element:
    suite = etree.SubElement(root, "testsuite", {
        "name": clean(name), "package": clean(package), "id": str(ident), "timestamp": stamp,
        "hostname": host, "tests": "0", "failures": "0", "errors": "0", "skipped": "0",
        "time": "0",
    })
    etree.SubElement(suite, "properties")
    return suite


def _count(suite: etree._Element) -> None:
    cases = suite.findall("testcase")
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
    suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
    suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
    for tag in ("system-out", "system-err"):
        etree.SubElement(suite, tag)


def render(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    """A <testsuites> document that CI servers (GitLab, Jenkins, Azure) display as tests."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    host = clean(socket.gethostname()) or "localhost"
    root = etree.Element("testsuites")
    ident = 0
    for result in results:
        if result.error:
            suite = _suite(root, ident, result.display_path, "policycheck", stamp, host)
            case = etree.SubElement(suite, "testcase", {
                "name": "read document", "classname": clean(result.display_path), "time": "0",
            })
            error = etree.SubElement(case, "error", {
                "message": clean(result.error), "type": "InputError",
            })
            error.text = clean(f"{result.display_path}: {result.error}")
            _count(suite)
            ident += 1
            continue
        for report in result.reports:
            name = f"{result.display_path} [{report.ruleset.id}]"
            suite = _suite(root, ident, name, report.ruleset.id, stamp, host)
            for finding in report.findings:
                _testcase(suite, result.display_path, finding)
            _count(suite)
            ident += 1
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml.decode("utf-8")
