"""Who wrote a document: an oversight body reports the force's practice, it does not adopt it."""

from __future__ import annotations

import pytest

from policycheck.engine import check
from policycheck.engine.author import oversight
from policycheck.engine.examples import passage_document
from policycheck.engine.nlp import analyse
from policycheck.model import Status
from policycheck.rules import BUNDLED_RULESETS, load_rulesets

REC4 = next(r for r in load_rulesets(BUNDLED_RULESETS) if r.id == "rec4")

INFORM = ("Officers tell every victim with insecure immigration status whether their information "
          "will be shared with Immigration Enforcement.")
PATHWAY = ("Officers refer victims who are worried about their immigration status to Southall "
           "Black Sisters for independent advice.")


def _status(text: str, criterion: str) -> tuple[Status, str]:
    report = check(passage_document(text), REC4)
    found = next(f for f in report.findings if f.criterion.id == criterion)
    return found.status, found.reason


@pytest.mark.parametrize("opening", [
    "# Safe to share? – the Commissioner's response",
    "# Police and Crime Plan 2025–2029: Putting victims first",
    "# Letter to the Home Secretary\n\nOffice of the Police and Crime Commissioner for Anyshire",
    "# Annual report\n\nSasha Penrose, Police and Crime Commissioner for Anyshire",
    "# Progress on Safe to share?\n\nReport of: Chief Executive, OPCC for Anyshire",
    "# Commissioner welcomes new police procedure\n\nPolice and Crime Commissioner for Anyshire",
    # a contract's front matter, its tenth line naming the commissioner who lets it
    "# Service specification: advocacy for migrant victims\n\nOFFICIAL\n\nItem\n\nDetail\n\n"
    "Contract reference\n\nOPCC/2024/01\n\nSchedule\n\nSchedule 2\n\nCommissioner\n\n"
    "The Police and Crime Commissioner for Anyshire\n\n" + "\n\n".join(
        f"{n}. The service runs in every district." for n in range(1, 10)),
    # a scrutiny panel's report, its author in a front-matter table
    "# Domestic abuse and insecure immigration status: dip sample of 30 cases\n\nItem\n\n"
    "Detail\n\nReport of\n\nAnyshire OPCC Independent Scrutiny Panel (Domestic Abuse)",
    # a council scrutiny committee's task and finish group, its author on the 'Report of:' line
    "# Community Safety Scrutiny Committee – migrant victims' confidence to report crime\n\n"
    "Report of: Chair of the Task and Finish Group, Cllr P. Dixon",
    # a commissioner's annual report in the first person, with no letterhead
    "# Annual Report 2023/24 – Chapter 3: Supporting victims\n\nPutting victims first is the "
    "second priority of my Police and Crime Plan. This chapter sets out the services I "
    "commission.",
])
def test_an_oversight_bodys_account_of_force_practice_does_not_meet_it(opening: str) -> None:
    status, reason = _status(f"{opening}\n\n{INFORM}", "REC4-INFORM-VICTIMS")
    assert status is Status.MISSING
    assert "oversight body" in reason and "Officers tell every victim" in reason, reason


@pytest.mark.parametrize("opening", [
    "# Update to the Police and Crime Commissioner on Safe to share?",
    "# Chief Constable's response to the Police and Crime Panel",
    "# Progress on Safe to share?\n\nReport of: Chief Constable",
    "# Safe to share?\n\nDear Commissioner,",
    "# Anyshire Constabulary – Procedure for victims with insecure immigration status",
])
def test_the_force_writing_to_or_for_a_commissioner_still_commits(opening: str) -> None:
    assert _status(f"{opening}\n\n{INFORM}", "REC4-INFORM-VICTIMS")[0] is Status.MET


def test_a_chief_constables_signature_makes_the_force_the_author() -> None:
    text = (f"# Safe to share? – the Commissioner's questions answered\n\n{INFORM}\n\n"
            "Yours sincerely,\n\nA. Tillotson, Chief Constable")
    assert oversight(analyse(passage_document(text))) is None
    assert _status(text, "REC4-INFORM-VICTIMS")[0] is Status.MET


def test_what_an_oversight_body_can_do_itself_still_counts() -> None:
    text = f"# Safe to share? – the Commissioner's response\n\n{PATHWAY}"
    assert _status(text, "REC4-SPECIALIST-PATHWAYS")[0] is Status.MET


def test_an_oversight_bodys_summary_of_the_force_procedure_is_a_description() -> None:
    """'According to the force, ... it sets out that:' and its list, on a commissioner's page."""
    text = ("# Commissioner welcomes new police procedure\n\n"
            "Police and Crime Commissioner for Anyshire\n\n"
            "According to the force, the procedure applies to every officer. It sets out that:\n\n"
            "- officers will not pass a domestic abuse victim's details to Immigration Enforcement "
            "where they only have doubts about the victim's immigration status.")
    rec1 = next(r for r in load_rulesets(BUNDLED_RULESETS) if r.id == "rec1")
    found = check(passage_document(text), rec1).findings[0]
    assert found.criterion.id == "REC1-NO-SHARE-ON-DOUBT"
    assert found.status is not Status.MET, found.reason
