"""Hand-built results for the formatter tests: every status, every citation kind, hostile text."""

from __future__ import annotations

from pathlib import Path

from policycheck.model import (
    Criterion,
    DocumentResult,
    Evidence,
    Finding,
    Location,
    Report,
    RuleSet,
    Severity,
    Status,
    Waiver,
)

HOSTILE_SCRIPT = "<script>document.title='pwned';alert(1)</script>"
HOSTILE_FORMAT = "{0}{name}%s"
HOSTILE_ANSI = "\x1b[31mRED\x1b[0m"
HOSTILE_CONTROL = "bell\x07null\x00"
HOSTILE_MARKUP = "[bold]not bold[/bold]"


def _crit(ruleset: str, cid: str, title: str, guidance: str, advisory: bool = False) -> Criterion:
    severity = Severity.ADVISORY if advisory else Severity.REQUIRED
    return Criterion(
        id=cid, ruleset=ruleset, title=title, requirement=title, severity=severity,
        guidance=guidance,
    )


REC4_CRITERIA = (
    _crit("rec4", "REC4-FRAMEWORK", "A dedicated framework for victims with insecure status",
          "Set out a dedicated framework: its scope, purpose and owner."),
    _crit("rec4", "REC4-VICTIMS-CODE", "Draws on the Victims' Code and applies it",
          "Commit officers to deliver the Victims' Code entitlements to these victims."),
    _crit("rec4", "REC4-DATA-PROTECTION", "Draws on data-protection law for sharing",
          "Cite the Data Protection Act 2018 Part 3, the lawful basis, necessity and "
          "proportionality, and require the decision to be recorded."),
    _crit("rec4", "REC4-SPECIALIST-PATHWAYS", "Concrete referral pathways to specialist services",
          "Name the specialist services, helplines and how to refer to them."),
    _crit("rec4", "REC4-INFORM-VICTIMS", "Tells victims whether and when data is shared",
          "Commit to telling victims whether, when and why their information will be shared."),
    _crit("rec4", "REC4-OUTREACH", "Regular outreach to migrant communities",
          "Commit to regular engagement with migrant communities.", advisory=True),
)
REC1_CRITERIA = (
    _crit("rec1", "REC1-NO-SHARE-ON-DOUBT", "No sharing on doubts about status alone",
          "State that victims' data is not shared with Immigration Enforcement on doubts alone."),
    _crit("rec1", "REC1-THIRD-PARTY", "Links the victim to an independent third party",
          "Name the independent advice services officers refer victims to."),
)

REC4 = RuleSet(id="rec4", title="Recommendation 4: policy and practice framework",
               source="Safe to share? (2020)", version="1.0", criteria=REC4_CRITERIA)
REC1 = RuleSet(id="rec1", title="Recommendation 1: interim measure",
               source="Safe to share? (2020)", version="1.0", criteria=REC1_CRITERIA)

C = {c.id: c for c in (*REC4_CRITERIA, *REC1_CRITERIA)}

_SHARING = "Information sharing"
_VICTIMS = "Victims’ Code"


def _ev(text: str, loc: Location, context: str = "", *marks: str) -> Evidence:
    spans = tuple((text.index(m), text.index(m) + len(m)) for m in marks)
    return Evidence(text=text, location=loc, context=context or text, highlights=spans)


VICTIMS_CODE_SENTENCE = (
    "Officers will deliver every entitlement in the Victims’ Code to victims whatever their "
    "immigration status."
)
DPA_SENTENCE = "Any sharing is lawful under Part 3 of the Data Protection Act 2018 and recorded."
PATHWAY_CELL = "Southall Black Sisters — call 020 8571 9595 to refer a victim"

FORCE_A = DocumentResult(
    path=Path("policies/force-a/migrant-victims.docx"),
    display_path="policies/force-a/migrant-victims.docx",
    format="docx",
    pages=None,
    had_revisions=True,
    digest="a" * 64,
    reports=(
        Report(REC4, (
            Finding(C["REC4-FRAMEWORK"], Status.MET, (
                _ev("This framework applies to victims and witnesses with insecure or uncertain "
                    "immigration status.", Location(heading_path=("Purpose",), paragraph=3),
                    "", "framework", "insecure or uncertain immigration status"),
            ), reason="dedicated framework with scope and owner"),
            Finding(C["REC4-VICTIMS-CODE"], Status.MET, (
                _ev(VICTIMS_CODE_SENTENCE,
                    Location(heading_path=("Procedure", _VICTIMS), paragraph=17),
                    "Victims come first. " + VICTIMS_CODE_SENTENCE + " See Appendix B.",
                    "Victims’ Code", "deliver every entitlement"),
                _ev("The “Victims’ Code” leaflet is given at first contact.",
                    Location(heading_path=("Procedure", _VICTIMS), paragraph=18), "",
                    "Victims’ Code"),
            ), reason="commits officers to the Victims' Code"),
            Finding(C["REC4-DATA-PROTECTION"], Status.PARTIAL, (
                _ev(DPA_SENTENCE, Location(heading_path=(_SHARING,), paragraph=22), "",
                    "Data Protection Act 2018"),
            ), reason="cites the law but not necessity and proportionality",
                missing_parts=("necessity and proportionality", "a DPIA")),
            Finding(C["REC4-SPECIALIST-PATHWAYS"], Status.MET, (
                _ev(PATHWAY_CELL, Location(heading_path=("Appendix B: contacts",), table=2,
                                           row=3, cell=2, part="appendix"), "",
                    "Southall Black Sisters"),
            ), reason="names a specialist service and how to refer"),
            Finding(C["REC4-INFORM-VICTIMS"], Status.MISSING,
                    reason="no commitment to tell victims about sharing"),
            Finding(C["REC4-OUTREACH"], Status.WAIVED, reason="waived", waiver=Waiver(
                criterion="REC4-OUTREACH", paths=("policies/force-a/*",),
                reason="Outreach plan is owned by the OPCC engagement strategy",
                approved_by="J. Smith (OPCC)", expires="2027-03-31")),
        )),
        Report(REC1, (
            Finding(C["REC1-NO-SHARE-ON-DOUBT"], Status.MET, (
                _ev("Officers must not share a victim’s details with Immigration Enforcement "
                    "because of doubts about their status.",
                    Location(heading_path=(_SHARING,), paragraph=21), "",
                    "must not share"),
            ), reason="stops sharing on doubt"),
            Finding(C["REC1-THIRD-PARTY"], Status.MISSING,
                    reason="no independent third party named"),
        )),
    ),
)

FORCE_B = DocumentResult(
    path=Path("policies/force-b.pdf"),
    display_path="policies/force-b.pdf",
    format="pdf",
    pages=9,
    digest="b" * 64,
    notices=("2 pages had no text layer and were skipped",),
    reports=(
        Report(REC4, (
            Finding(C["REC4-FRAMEWORK"], Status.MISSING,
                    reason="only a passing line in a general policy"),
            Finding(C["REC4-VICTIMS-CODE"], Status.PARTIAL, (
                _ev(f"Staff should read the Victims’ Code {HOSTILE_SCRIPT} where appropriate "
                    f"{HOSTILE_MARKUP}.",
                    Location(page=4, heading_path=(f"Victims {HOSTILE_FORMAT}",), paragraph=9),
                    "", "Victims’ Code"),
            ), reason="mentions the code without committing to deliver it",
                missing_parts=("a commitment to deliver the entitlements",)),
            Finding(C["REC4-DATA-PROTECTION"], Status.MET, (
                _ev(f"Decisions to share are recorded {HOSTILE_ANSI} with the lawful basis under "
                    f"the Data Protection Act 2018 | UK GDPR *and* _DPIA_ `ref` {HOSTILE_CONTROL}.",
                    Location(page=6, heading_path=("Sharing",), paragraph=14), "",
                    "lawful basis", "Data Protection Act 2018"),
            ), reason="lawful basis and recording"),
            Finding(C["REC4-SPECIALIST-PATHWAYS"], Status.MISSING,
                    reason="refers only to 'partner agencies'"),
            Finding(C["REC4-INFORM-VICTIMS"], Status.MET, (
                _ev("Victims are told whether, when and why their information will be shared.",
                    Location(page=7, heading_path=("Sharing",), line=12), "",
                    "whether, when and why"),
            ), reason="commits to informing victims"),
            Finding(C["REC4-OUTREACH"], Status.MISSING, reason="no outreach commitment"),
        )),
    ),
)

SCANNED = DocumentResult(
    path=Path("policies/scanned.pdf"),
    display_path="policies/scanned.pdf",
    format="pdf",
    pages=3,
    digest="c" * 64,
    notices=("no text layer: cannot assess (scanned PDF; run OCR first)",),
    reports=(
        Report(REC4, tuple(
            Finding(c, Status.NOT_ASSESSABLE, reason="the document has no text layer")
            for c in REC4_CRITERIA
        )),
    ),
)

BROKEN = DocumentResult(
    path=Path("policies/broken.docx"),
    display_path="policies/broken.docx",
    format=None,
    error="file is corrupt: truncated zip archive",
)

RESULTS = (FORCE_A, FORCE_B, SCANNED, BROKEN)
