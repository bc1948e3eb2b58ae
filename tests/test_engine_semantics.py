"""Engine semantics: how sentence stance decides a criterion, as small (snippet, status) tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.engine import check
from policycheck.engine.examples import passage_document
from policycheck.model import Block, BlockKind, Document, Finding, Location, RuleSet, Status
from policycheck.rules import BUNDLED_RULESETS, find_criterion, load_rulesets

RULESETS = load_rulesets(BUNDLED_RULESETS)
MET, PARTIAL, MISSING = Status.MET, Status.PARTIAL, Status.MISSING


def finding(criterion_id: str, text: str) -> Finding:
    criterion = find_criterion(RULESETS, criterion_id)
    assert criterion is not None
    ruleset = next(r for r in RULESETS if r.id == criterion.ruleset)
    single = RuleSet(ruleset.id, ruleset.title, ruleset.source, ruleset.version, (criterion,))
    return check(passage_document(text), single).findings[0]


NEGATION_SCOPE = [
    # A negative commitment: the negation is the content the criterion asks for.
    (
        "REC1-NO-SHARE-ON-DOUBT",
        "Officers must not share information with Immigration Enforcement "
        "where the only concern is the victim's immigration status.",
        MET,
    ),
    (
        "REC1-NO-SHARE-ON-DOUBT",
        "Officers must share information with Immigration Enforcement "
        "where the only concern is the victim's immigration status.",
        MISSING,
    ),
    # The same words, but the policy puts the topic outside itself.
    (
        "REC1-NO-SHARE-ON-DOUBT",
        "This policy does not cover whether officers share information "
        "with Immigration Enforcement where the only concern is immigration status.",
        MISSING,
    ),
    # Negation in another clause does not reach the commitment.
    (
        "REC4-VICTIMS-CODE",
        "Victims are entitled to every right in the Victims' Code, which does "
        "not depend on their immigration status.",
        MET,
    ),
    (
        "REC4-VICTIMS-CODE",
        "Victims with insecure status are not entitled to the Victims' Code.",
        MISSING,
    ),
    # An infinitive 'not to' and 'whether or not' negate nothing.
    (
        "VCOP-R9",
        "Officers must tell victims about the right to review a decision not to charge.",
        MET,
    ),
    (
        "REC4-INFORM-VICTIMS",
        "Officers will tell the victim whether or not their information "
        "will be shared with the Home Office.",
        MET,
    ),
    # A vocabulary phrase that contains 'no' is not a negation.
    (
        "REC1-THIRD-PARTY",
        "Officers will refer victims with no recourse to public funds to "
        "Southall Black Sisters for independent immigration advice.",
        MET,
    ),
]

NEGATION_SCOPE += [
    # A negated verb in a relative clause does not reach the main clause's modal.
    (
        "VCOP-R12",
        "A victim who feels we have not given them their rights can complain through the "
        "Professional Standards Department.",
        MET,
    ),
    ("VCOP-R12", "Victims cannot complain through the Professional Standards Department.", MISSING),
    ("VCOP-R12", "Victims will not be told how to complain.", MISSING),
    (
        "VCOP-R1",
        "Victims who do not speak English will be offered a qualified interpreter.",
        MET,
    ),
]

NEAR_MISSES = [
    ("REC4-VICTIMS-CODE", "The Victims' Code will be reviewed in due course.", MISSING, "deferral"),
    (
        "REC4-VICTIMS-CODE",
        "We are awaiting national guidance on applying the Victims' Code.",
        MISSING,
        "deferral",
    ),
    ("REC4-VICTIMS-CODE", "The force welcomes the Victims' Code.", MISSING, "citation"),
    (
        "REC4-VICTIMS-CODE",
        "The Victims' Code is outside the scope of this procedure.",
        MISSING,
        "exclusion",
    ),
    (
        "REC4-DATA-PROTECTION",
        "Sharing complies with the Data Protection Act 1998.",
        MISSING,
        "wrong-object",
    ),
    (
        "REC4-ALL-STAFF",
        "This guidance applies to all officers and staff who deal with foreign national offenders.",
        MISSING,
        "wrong-population",
    ),
    (
        "REC4-SPECIALIST-PATHWAYS",
        "Officers will refer victims to Victim Support or partner "
        "agencies where appropriate by telephone.",
        MET,
        "",
    ),
    (
        "REC4-SHARING-CIRCUMSTANCES",
        "Information is shared with partner agencies where appropriate.",
        MISSING,
        "",
    ),
    (
        "REC1-THIRD-PARTY",
        "Officers should refer the victim to the Home Office for advice about their status.",
        MISSING,
        "inverted",
    ),
    (
        "REC1-THIRD-PARTY",
        "Officers must not refer victims to Immigration Enforcement for advice; "
        "they should refer them to an OISC-regulated immigration adviser.",
        MET,
        "",
    ),
    (
        "REC1-THIRD-PARTY",
        "Officers can give immigration advice to victims and refer them to Migrant Help.",
        MISSING,
        "inverted",
    ),
    (
        "REC1-THIRD-PARTY",
        "Officers must not give immigration advice; they will signpost victims "
        "to Rights of Women for immigration advice instead.",
        MET,
        "",
    ),
    # 'We are considering how ...' and what a procedure still to be written 'will make clear'.
    (
        "REC4-INFORM-VICTIMS",
        "We are also considering how victims with insecure immigration status should be told "
        "whether their information may be shared with the Home Office.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-PROTOCOL",
        "The procedure is being drafted. It will also make clear that victims are to be treated "
        "as victims first and foremost, whatever their immigration status, and that officers "
        "will not take immigration enforcement action against them.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "I am aware of the NPCC guidance on information sharing with the Home Office.",
        MISSING,
        "citation",
    ),
    (
        "REC4-OUTREACH",
        "I will also ask the Chief Constable how the force engages regularly with migrant "
        "communities.",
        MISSING,
        "scrutiny",
    ),
    # Considering, looking at, intending and exploring promise it for later.
    (
        "REC4-NATIONAL-GUIDANCE",
        "We will consider the NPCC guidance on information sharing with the Home Office "
        "when finalising the procedure.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "The force intends to follow the College of Policing APP on domestic abuse.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "We are exploring how the NPCC guidance on information sharing applies to this procedure.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "We will look at the Home Office migrant victims protocol when it is finalised.",
        MISSING,
        "deferral",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "Officers must follow the NPCC guidance on information sharing with the Home Office.",
        MET,
        "",
    ),
    # A passive 'is intended to' states a purpose, not a plan.
    (
        "REC4-NATIONAL-GUIDANCE",
        "This procedure is intended to apply the NPCC guidance on information sharing with the "
        "Home Office.",
        MET,
        "",
    ),
    # A heading names a topic and commits to nothing.
    (
        "REC4-INFORM-VICTIMS",
        "# Victims told whether their information is shared with the Home Office\n\n"
        "Detainees are booked in by the custody sergeant.",
        MISSING,
        "heading",
    ),
    (
        "REC4-NATIONAL-GUIDANCE",
        "# Associated documents\n\n# NPCC guidance on information sharing with the Home Office",
        MISSING,
        "heading",
    ),
    # 'not to pass' after an instruction denies the sharing, although 'not to' is an infinitive.
    (
        "REC4-SHARING-CIRCUMSTANCES",
        "A standing instruction requires officers not to pass a victim's details to Immigration "
        "Enforcement where they only have a doubt about the victim's status.",
        PARTIAL,
        "negation",
    ),
    (
        "REC1-NO-SHARE-ON-DOUBT",
        "A standing instruction requires officers not to pass a domestic abuse victim's details to "
        "Immigration Enforcement where they only have a doubt about the victim's status.",
        MET,
        "",
    ),
]


@pytest.mark.parametrize(("criterion_id", "text", "status"), NEGATION_SCOPE)
def test_negation_scope(criterion_id: str, text: str, status: Status) -> None:
    assert finding(criterion_id, text).status is status


@pytest.mark.parametrize(("criterion_id", "text", "status", "kind"), NEAR_MISSES)
def test_near_misses_are_rejected_and_named(
    criterion_id: str,
    text: str,
    status: Status,
    kind: str,
) -> None:
    result = finding(criterion_id, text)
    assert result.status is status
    if kind == "heading":
        assert "only in the heading" in result.reason
    elif kind:
        assert f"({kind}: '" in result.reason


def test_a_missing_reason_quotes_the_cue_and_cites_where() -> None:
    result = finding(
        "REC4-VICTIMS-CODE", "# Legal framework\n\nThe Victims' Code will be reviewed."
    )
    assert result.reason == (
        "no passage states this; mentions the Victims' Code only in \"The Victims' Code will be "
        "reviewed.\" (deferral: 'will be reviewed'), § Legal framework, para 1"
    )


def test_met_evidence_carries_sentence_location_context_and_highlights() -> None:
    text = ("# Rights\n\nAll victims matter. Victims with insecure status have the same rights "
            "under the Victims’ Code.")
    result = finding("REC4-VICTIMS-CODE", text)
    assert result.status is MET
    (ev,) = result.evidence
    assert ev.text == "Victims with insecure status have the same rights under the Victims’ Code."
    assert ev.context == ("All victims matter. Victims with insecure status have the same rights "
                          "under the Victims’ Code.")
    assert ev.location.section == "Rights" and ev.location.paragraph == 1
    assert "Victims’ Code" in [ev.text[a:b] for a, b in ev.highlights]
    assert "the Victims' Code" in ev.satisfied


def test_partial_names_the_missing_parts() -> None:
    result = finding("REC4-OUTREACH", "We hold quarterly engagement events for local residents.")
    assert result.status is PARTIAL
    assert result.missing_parts == ("with migrant communities",)
    assert result.reason == "found only part of it"  # the formats show missing_parts once


def test_partial_quotes_only_sentences_that_hold_its_subject() -> None:
    text = ("We hold quarterly engagement events for local residents. "
            "Migrant communities are welcome at the front counter.")
    result = finding("REC4-OUTREACH", text)
    assert result.status is PARTIAL
    assert [ev.text for ev in result.evidence] == [
        "We hold quarterly engagement events for local residents."
    ]


def test_misspelt_code_of_practise_matches_fuzzily() -> None:
    text = ("Victims must receive every entitlement in the Victims Code of Pratice, whatever "
            "their immigration status.")
    assert finding("REC4-VICTIMS-CODE", text).status is MET


def test_evidence_in_a_table_cell_is_found_for_two_named_services() -> None:
    cells = [
        ("Kalayaan", 1),
        ("Telephone 020 7243 2942", 2),
        ("Migrant Help", 1),
        ("Referral form online", 2),
    ]
    blocks = [
        Block(
            BlockKind.PARAGRAPH,
            "Victims with insecure immigration status are referred to the services below.",
            Location(paragraph=1),
        ),
        Block(
            BlockKind.HEADING,
            "Appendix A: Contacts",
            Location(heading_path=("Appendix A: Contacts",)),
            1,
        ),
    ]
    blocks += [
        Block(
            BlockKind.TABLE_CELL,
            text,
            Location(heading_path=("Appendix A: Contacts",), table=1, row=i // 2 + 1, cell=col),
        )
        for i, (text, col) in enumerate(cells)
    ]
    document = Document(Path("t.docx"), "docx", tuple(blocks))
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    result = next(
        f for f in check(document, rec4).findings if f.criterion.id == "REC4-SPECIALIST-PATHWAYS"
    )
    assert result.status is MET
    cells = [ev.text for ev in result.evidence if ev.location.table == 1]
    assert "Kalayaan" in cells and "Migrant Help" in cells


def test_a_document_without_text_is_not_assessable() -> None:
    document = Document(Path("scan.pdf"), "pdf", (), has_text_layer=False)
    report = check(document, RULESETS[0])
    assert {f.status for f in report.findings} == {Status.NOT_ASSESSABLE}
    assert "no text layer" in report.findings[0].reason


FRAMEWORK_BODY = (
    "Owner: Head of Public Protection\n\n"
    "This procedure sets out how officers support victims with insecure immigration status."
)


def test_a_framework_needs_a_document_about_these_victims_not_a_section() -> None:
    dedicated = "# Victims with insecure immigration status\n\n" + FRAMEWORK_BODY
    passing = "# Victim Care Procedure\n\n# 14. Victims with insecure immigration status\n\n"
    assert finding("REC4-FRAMEWORK", dedicated).status is MET
    assert finding("REC4-FRAMEWORK", passing + FRAMEWORK_BODY).status is PARTIAL


def test_a_heading_does_not_satisfy_a_criterion_its_body_does() -> None:
    heading_only = "# 5. Developed with Southall Black Sisters and Kalayaan\n\nSee Appendix A."
    body = "# 5. Partners\n\nThis procedure was written with Southall Black Sisters and Kalayaan."
    missed = finding("REC4-SPECIALIST-PARTNERSHIP", heading_only)
    assert missed.status is MISSING
    assert 'only in the heading "5. Developed with Southall Black Sisters and Kalayaan"' in (
        missed.reason
    )
    met = finding("REC4-SPECIALIST-PARTNERSHIP", body)
    assert met.status is MET
    assert [ev.text for ev in met.evidence] == [
        "This procedure was written with Southall Black Sisters and Kalayaan."
    ]


SERVICES = (
    "Kalayaan supports migrant domestic workers.",
    "Latin American Women's Rights Service supports Latin American women.",
    "Referrals can be made by email to either service.",
)


def test_parts_of_a_section_condition_may_stand_in_different_sentences_of_one_section() -> None:
    one_section = "# Appendix B: Specialist services\n\n" + "\n\n".join(SERVICES)
    met = finding("REC4-SPECIALIST-PATHWAYS", one_section)
    assert met.status is MET
    assert [ev.text for ev in met.evidence] == list(SERVICES)
    headings = ("Migrant domestic workers", "Latin American women", "Making a referral")
    apart = "\n\n".join(
        f"# Appendix {letter}: {heading}\n\n{text}"
        for letter, heading, text in zip("BCD", headings, SERVICES, strict=True)
    )
    split = finding("REC4-SPECIALIST-PATHWAYS", apart)
    assert split.status is PARTIAL
    assert split.missing_parts == ("a named service and how to refer, together in one sentence",)


def test_an_abbreviation_with_a_full_stop_does_not_end_the_sentence() -> None:
    text = ("# Victims with insecure immigration status\n\n"
            "- Unsure? Call the Public Protection SPOC on ext. 4417, or tel. 01632 960 000.")
    result = finding("REC4-PATHWAY-AWARENESS", text)
    assert result.status is MET, result.reason
    assert result.evidence[0].text == (
        "Call the Public Protection SPOC on ext. 4417, or tel. 01632 960 000.")


@pytest.mark.parametrize(("defined", "expected"), [(True, MET), (False, MISSING)])
def test_an_abbreviation_the_document_defines_names_what_it_abbreviates(
        defined: bool, expected: Status) -> None:
    name = "the Brinsford Migrant Rights Centre (BMRC)" if defined else "a local charity"
    text = (f"Victims with insecure immigration status are offered advice from {name}.\n\n"
            "With the victim's consent, officers refer by calling BMRC on 01632 960418.")
    result = finding("REC4-SPECIALIST-PATHWAYS", text)
    assert (result.status is MET) == (expected is MET), result.reason
    if defined:
        assert any("calling BMRC" in ev.text for ev in result.evidence)


def test_a_numbered_right_named_in_a_table_is_no_commitment_to_deliver_it() -> None:
    """'10 – To be paid expenses and have property returned' titles a row of a table of rights;
    the row's other cell says another body delivers it."""
    heading = ("Who delivers each right",)
    blocks = [
        Block(BlockKind.HEADING, heading[0], Location(heading_path=heading), 1),
        Block(BlockKind.PARAGRAPH,
              "This procedure sets out how the Witness Care Unit delivers the Victims' Code to "
              "victims and witnesses of crime, whatever their immigration status.",
              Location(heading_path=heading, paragraph=1)),
        Block(BlockKind.PARAGRAPH,
              "Every victim of crime is entitled to the rights in the table; the unit keeps "
              "victims and witnesses informed from charge to the end of the case.",
              Location(heading_path=heading, paragraph=2)),
    ]
    rows = [("Right", "Who delivers it"),
            ("10 – To be paid expenses and have property returned",
             "CPS Witness Expenses Team; officer in the case")]
    for r, row in enumerate(rows, start=1):
        blocks += [Block(BlockKind.TABLE_CELL, text,
                         Location(heading_path=heading, table=1, row=r, cell=c))
                   for c, text in enumerate(row, start=1)]
    document = Document(Path("t.docx"), "docx", tuple(blocks))
    vcop = next(r for r in RULESETS if r.id == "victims-code")
    result = next(f for f in check(document, vcop).findings if f.criterion.id == "VCOP-R10")
    assert result.status is not MET, result.evidence
