"""SARIF, JUnit and GitHub annotations: valid against the official schemas, escaped, stable."""

from __future__ import annotations

import json

from jsonschema import Draft4Validator
from lxml import etree

from machine_fixture import HOSTILE, OPTIONS, STALE, batch, schemas_dir
from policycheck.model import RenderOptions
from policycheck.report import render
from policycheck.report.github import command, escape_property
from policycheck.report.sarif import fingerprint


def test_sarif_is_valid_and_describes_every_criterion() -> None:
    schema = json.loads((schemas_dir() / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(render("sarif", batch(), OPTIONS))
    Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("policycheck", "0.1.0")
    rules = {r["id"]: r for r in driver["rules"]}
    assert list(rules) == ["REC4-OUTREACH", "REC4-MSHT-DA", "REC4-PATHWAY-AWARENESS"]
    assert rules["REC4-PATHWAY-AWARENESS"]["defaultConfiguration"]["level"] == "warning"
    assert rules["REC4-OUTREACH"]["properties"]["tags"] == ["rec4"]
    assert rules["REC4-OUTREACH"]["help"]["text"].startswith("Say how the policy handles")
    by_doc = {}
    for res in run["results"]:
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        by_doc[(uri, res["ruleId"])] = res
    missing = by_doc[("policies/custody.md", "REC4-OUTREACH")]
    assert (missing["kind"], missing["level"], missing["baselineState"]) == ("fail", "error", "new")
    assert "Guidance: Say how" in missing["message"]["text"]
    partial = by_doc[("policies/custody.md", "REC4-MSHT-DA")]
    assert partial["baselineState"] == "unchanged"
    assert partial["locations"][0]["physicalLocation"]["region"] == {"startLine": 7}
    met = by_doc[("policies/custody.md", "REC4-PATHWAY-AWARENESS")]
    assert (met["kind"], met["level"]) == ("pass", "none")
    waived = by_doc[("policies/pcc.md", "REC4-OUTREACH")]
    assert waived["suppressions"] == [{"kind": "external", "justification":
        "Covered by the engagement strategy (approved by Head of Public Protection, "
        "expires 2030-01-01)"}]
    assert by_doc[("policies/pcc.md", "REC4-PATHWAY-AWARENESS")]["kind"] == "review"
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == (
        "policies/locked.pdf: is encrypted; give --password")
    assert invocation["toolConfigurationNotifications"][0]["message"]["text"] == (
        "stale waiver for REC4-MSHT-DA on retired/**: matches nothing")


def test_sarif_fingerprints_depend_on_path_and_criterion_only() -> None:
    first = json.loads(render("sarif", batch(), OPTIONS))["runs"][0]["results"][0]
    assert first["partialFingerprints"]["policycheck/v1"] == fingerprint(
        "policies/custody.md", "REC4-OUTREACH")
    assert fingerprint("a.md", "REC4-OUTREACH") != fingerprint("b.md", "REC4-OUTREACH")


def test_junit_is_valid_and_maps_statuses() -> None:
    xml = render("junit", batch(), OPTIONS)
    assert isinstance(xml, str)
    schema = etree.XMLSchema(etree.parse(str(schemas_dir() / "junit.xsd")))
    doc = etree.fromstring(xml.encode("utf-8"))
    schema.assertValid(doc)
    suites = doc.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "policies/custody.md [rec4]", "policies/odd, name:1.md [rec4]",
        "policies/pcc.md [rec4]", "policies/locked.pdf",
    ]
    custody = suites[0]
    counts = (custody.get("tests"), custody.get("failures"), custody.get("skipped"))
    assert counts == ("3", "2", "0")
    failure = custody.find("testcase/failure")
    assert failure is not None and failure.get("message") == "REC4-OUTREACH reason"
    assert "Guidance: Say how the policy handles outreach and communities" in (failure.text or "")
    pcc = suites[2]
    assert [c.find("skipped").get("message") for c in pcc.findall("testcase")
            if c.find("skipped") is not None] == [
        "waived: Covered by the engagement strategy (approved by Head of Public Protection, "
        "expires 2030-01-01)",
        "not assessable: REC4-PATHWAY-AWARENESS reason",
    ]
    error = suites[3].find("testcase/error")
    assert error is not None and error.get("message") == "is encrypted; give --password"
    assert suites[3].get("errors") == "1"


def test_junit_strips_characters_xml_cannot_hold() -> None:
    xml = render("junit", batch(), OPTIONS)
    assert "\x07" not in xml and "\x00" not in xml and "\x1b" not in xml
    assert "&lt;script&gt;" in xml


def test_github_annotations_escape_workflow_commands() -> None:
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert command("error", "50% done\r\nnext", file="x, y.md", line=1, title="REC4-X") == (
        "::error file=x%2C y.md,line=1,title=REC4-X::50%25 done%0D%0Anext")
    lines = render("github", batch(), OPTIONS).splitlines()
    assert lines[0].startswith("::error file=policies/custody.md,line=1,title=REC4-OUTREACH::"
                               "Rec4-Outreach title: missing.")
    assert lines[1].startswith("::notice file=policies/custody.md,line=7,title=REC4-MSHT-DA::")
    hostile = next(line for line in lines if "odd" in line)
    assert hostile.startswith(
        "::error file=policies/odd%2C name%3A1.md,line=1,title=REC4-OUTREACH::")
    assert "\n" not in hostile and HOSTILE not in hostile and "50%25" in hostile
    assert not any(ch in hostile for ch in "\x1b\x07\x00")
    assert "::error file=policies/locked.pdf,title=policycheck%3A document not checked::" \
        "is encrypted; give --password" in lines
    assert lines[-1] == ("::warning title=policycheck%3A stale waiver::stale waiver for "
                         "REC4-MSHT-DA on retired/**: matches nothing")
    assert [line for line in lines if "pcc.md" in line] == [  # met criteria stay quiet
        "::notice file=policies/pcc.md,title=REC4-OUTREACH waived::waived: Covered by the "
        "engagement strategy (approved by Head of Public Protection, expires 2030-01-01)",
    ]


def test_json_gains_a_stale_waivers_key_only_when_waivers_were_used() -> None:
    payload = json.loads(render("json", batch(), OPTIONS))
    assert payload["stale_waivers"] == STALE
    assert "stale_waivers" not in json.loads(render("json", batch(), RenderOptions()))
