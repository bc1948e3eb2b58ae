"""Whose words count: quoted and reported text, scrutiny, context, relevance and the corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policycheck.engine import check, check_all
from policycheck.engine.examples import passage_document
from policycheck.engine.voice import quotations
from policycheck.extract import extract
from policycheck.model import Block, BlockKind, Document, Finding, Location, RuleSet, Status
from policycheck.rules import BUNDLED_RULESETS, find_criterion, load_rulesets

RULESETS = load_rulesets(BUNDLED_RULESETS)
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MET, MISSING = Status.MET, Status.MISSING


def finding(criterion_id: str, text: str) -> Finding:
    criterion = find_criterion(RULESETS, criterion_id)
    assert criterion is not None
    ruleset = next(r for r in RULESETS if r.id == criterion.ruleset)
    single = RuleSet(ruleset.id, ruleset.title, ruleset.source, ruleset.version, (criterion,))
    return check(passage_document(text), single).findings[0]


QUOTED_LIST = (
    "Recommendation 1\n\nTo chief constables: with immediate effect, they should:\n\n"
    "- stop sharing information about domestic abuse victims with Immigration Enforcement where "
    "the only concern is doubt about the victim's immigration status;\n"
    "- link the victim to an independent third party such as Southall Black Sisters who can give "
    "immigration advice and assistance."
)

VOICE = [
    # A quoted name is a title, not a statement.
    ("REC4-PROTOCOL",
     "All response officers have completed the e-learning module \u201cVictims First: "
     "Immigration Status\u201d.", MISSING, "attributed"),
    # A commissioner's expectations of the force.
    ("REC1-NO-SHARE-ON-DOUBT",
     "# What I expect of the Chief Constable\n\n- ensure that officers do not share a domestic "
     "abuse victim's information with Immigration Enforcement where the only concern is doubt "
     "about their status;", MISSING, "scrutiny"),
    # A panel's summary of the recommendations, each marked with who it was addressed to.
    ("REC1-THIRD-PARTY",
     "Recommendation 1 (chief constables): where officers only have doubts about a domestic abuse "
     "victim's immigration status, they should stop sharing information with Immigration "
     "Enforcement and should instead link the victim to an independent third party such as "
     "Southall Black Sisters.", MISSING, "attributed"),
    # Someone else's words: a quoted list, a report's finding, a recommendation's own form.
    ("REC1-NO-SHARE-ON-DOUBT", QUOTED_LIST, MISSING, "attributed"),
    ("REC1-THIRD-PARTY", QUOTED_LIST, MISSING, "attributed"),
    ("REC1-NO-SHARE-ON-DOUBT",
     "The report recommends that officers should not share information with Immigration "
     "Enforcement where the only concern is the victim's immigration status.", MISSING,
     "attributed"),
    ("REC4-SPECIALIST-PATHWAYS",
     "HMICFRS found that officers rarely referred victims to Southall Black Sisters by phone.",
     MISSING, "attributed"),
    ("REC4-VICTIMS-CODE",
     "Chief constables should ensure that victims with insecure status receive every entitlement "
     "under the Victims' Code.", MISSING, "attributed"),
    ("REC4-PROTOCOL",
     'The report states: "victims should be treated as victims first and foremost, whatever their '
     'immigration status".', MISSING, "attributed"),
    ("REC4-SHARING-PURPOSE",
     "The Home Office published guidance in 2022 saying that information is shared at first "
     "contact only to safeguard the victim.", MISSING, "history"),
    # Scrutiny of someone else's practice.
    ("REC1-NO-SHARE-ON-DOUBT",
     "The OPCC will seek assurance that officers do not share a victim's details with "
     "Immigration Enforcement where the only concern is their immigration status.", MISSING,
     "scrutiny"),
    ("REC4-DATA-PROTECTION",
     "The Commissioner will work with the force to ensure any sharing of information is in "
     "compliance with the Data Protection Act 2018.", MISSING, "scrutiny"),
    # What a document reports someone else's procedure says (a panel paper, an FOI answer).
    ("REC1-NO-SHARE-ON-DOUBT",
     "The force has advised that officers will not pass a victim's details to Immigration "
     "Enforcement where the only concern is a doubt about their immigration status.", MISSING,
     "attributed"),
    ("REC1-THIRD-PARTY",
     "# Progress on Recommendation 1\n\nThe force has reported the position as follows:\n\n"
     "- Where a victim's immigration status is in doubt, officers offer a referral to Rights of "
     "Women for independent immigration advice.", MISSING, "attributed"),
    # Questions put to someone else are scrutiny, down to the list they introduce.
    ("REC4-INFORM-VICTIMS",
     "# Issues for the Panel\n\nMembers may wish to ask the Commissioner:\n\n"
     "- whether victims with insecure immigration status are told whether their information "
     "will be shared with Immigration Enforcement.", MISSING, "question"),
    ("REC4-INFORM-VICTIMS",
     "# Issues for the Panel\n\nMembers may wish to ask the Commissioner:\n\n"
     "- Victims with insecure immigration status are told whether their information "
     "will be shared with Immigration Enforcement.", MISSING, "attributed"),
    # A section headed as another body's account, and agreeing with the report, restate others.
    ("REC1-NO-SHARE-ON-DOUBT",
     "# 4. What the force has told the Panel\n\nOfficers must not contact Immigration "
     "Enforcement about a domestic abuse victim where the only reason is a doubt about their "
     "immigration status.", MISSING, "attributed"),
    ("REC4-PROTOCOL",
     "The Commissioner agrees with the report that victims must be treated as victims first and "
     "foremost, whatever their immigration status.", MISSING, "attributed"),
    ("REC4-INFORM-VICTIMS",
     "We will expect the procedure to make clear that victims with insecure immigration status "
     "are told whether their information will be shared.", MISSING, "scrutiny"),
    # A document that does not exist yet is a promise, not a rule.
    ("REC4-SHARING-CIRCUMSTANCES",
     "The new procedure will set out when a victim's information may be shared with "
     "Immigration Enforcement: only where the victim is suspected of an offence or asks us to.",
     MISSING, "deferral"),
    # The document's own words around someone else's.
    ("REC1-NO-SHARE-ON-DOUBT",
     'Section 4.2 of our procedure states: "Officers must not pass a victim\'s details to '
     'Immigration Enforcement where the only concern is a doubt about their status."', MET, ""),
    ("REC1-NO-SHARE-ON-DOUBT",
     "As the report recommends, officers must not share information with Immigration "
     "Enforcement where the only concern is the victim's immigration status.", MET, ""),
    ("REC1-NO-SHARE-ON-DOUBT",
     QUOTED_LIST + "\n\nWe have done this. Since April 2021 officers must not pass a victim's "
     "details to Immigration Enforcement where the only concern is a doubt about their status.",
     MET, ""),
    ("REC4-INFORM-VICTIMS",
     'Say to the victim: "Nothing you tell me will be passed to the Home Office unless you are '
     'suspected of a crime yourself, and if that changes I will tell you first."', MET, ""),
    ("REC4-PROTOCOL",
     'Officers follow one principle: a victim is "a victim first and foremost", whatever their '
     "immigration status.", MET, ""),
    # A force quoting its own procedure, introduced in the paragraph before, speaks for itself;
    # what the report states, quoted the same way, does not.
    ("REC4-INFORM-VICTIMS",
     "On informing victims with insecure immigration status, the procedure states:\n\n"
     '"5.5 Before any information is passed to the Home Office, the officer must tell the victim '
     'what will be shared, with whom and why."', MET, ""),
    ("REC4-INFORM-VICTIMS",
     "On informing victims with insecure immigration status, the report states:\n\n"
     '"Before any information is passed to the Home Office, the officer must tell the victim '
     'what will be shared, with whom and why."', MISSING, "attributed"),
    # A recommendation's next sentence in its own form carries on in the report's voice ...
    ("REC4-VICTIMS-CODE",
     "Chief constables should develop a framework for victims with insecure immigration status. "
     "The framework should draw on the Code of Practice for Victims of Crime and make sure "
     "victims with insecure status receive every entitlement under it.", MISSING, "attributed"),
    # ... but the document's own 'we should' after it does not.
    ("REC4-VICTIMS-CODE",
     "Chief constables should develop a framework for victims with insecure immigration status. "
     "We have done so: every victim with insecure status receives each entitlement under the "
     "Victims' Code, including a needs assessment and referral to support.", MET, ""),
]


@pytest.mark.parametrize(("criterion", "text", "expected", "kind"), VOICE)
def test_whose_words_count(criterion: str, text: str, expected: Status, kind: str) -> None:
    f = finding(criterion, text)
    assert (f.status is MET) == (expected is MET), f.reason
    if kind:
        assert f"({kind}: " in f.reason


def test_a_quoted_recommendation_is_named_as_someone_elses_words() -> None:
    f = finding("REC1-NO-SHARE-ON-DOUBT", QUOTED_LIST)
    assert "as someone else's words, not the document's own commitment" in f.reason
    assert "(attributed: 'quoted after \"To chief constables: with immediate eff…\"')" in f.reason


CONTEXT = [
    # The paragraph, heading or list lead-in carries the population.
    ("REC1-THIRD-PARTY",
     "Officers must not pass a victim's details to Immigration Enforcement where their "
     "immigration status is in doubt. Instead, officers must offer to put the victim in contact "
     "with an independent source of advice, such as Rights of Women.", MET),
    ("REC1-THIRD-PARTY",
     "Where a victim's immigration status is in doubt:\n\n- do not call the NCCU;\n"
     "- offer a referral to Rights of Women for independent legal advice.", MET),
    ("REC1-THIRD-PARTY",
     "# Victims whose immigration status is uncertain\n\nOfficers must offer to put the victim "
     "in touch with independent legal advice from Rights of Women.", MET),
    # Nothing around it is about immigration status.
    ("REC1-THIRD-PARTY",
     "# Burglary\n\nOfficers must offer to put the victim in touch with independent advice "
     "from Victim Support.", MISSING),
    # Negative commitments in every form.
    ("REC1-NO-SHARE-ON-DOUBT",
     "No officer or member of staff is to pass any information about a domestic abuse victim to "
     "Immigration Enforcement where the only basis is a doubt about their status.", MET),
    ("REC1-NO-SHARE-ON-DOUBT",
     "At no point will a victim's information be passed to the NCCU simply because of "
     "uncertainty about their immigration status.", MET),
    # Circumstances of sharing: more than the Recommendation 1 rule and its carve-out.
    ("REC4-SHARING-CIRCUMSTANCES",
     "Officers must not share a victim's details with Immigration Enforcement where the only "
     "concern is their status. The only exception is where the victim is suspected of an "
     "offence.", MISSING),
    ("REC4-SHARING-CIRCUMSTANCES",
     "Information may be passed to Immigration Enforcement in the following circumstances "
     "only:\n\n- the victim is suspected of a criminal offence;\n- the victim asks us to contact "
     "the Home Office on their behalf.", MET),
    ("REC4-SHARING-CIRCUMSTANCES",
     "Information about victims may be required by law to be shared with the Home Office under "
     "certain circumstances.", MISSING),
]


CONTEXT += [
    # Not knowing whether something happened is no commitment that it does.
    ("REC4-INFORM-VICTIMS",
     "The force does not record whether a victim with insecure immigration status was told that "
     "their information had been shared with Immigration Enforcement.", MISSING),
]


@pytest.mark.parametrize(("criterion", "text", "expected"), CONTEXT)
def test_context_and_commitments(criterion: str, text: str, expected: Status) -> None:
    f = finding(criterion, text)
    assert (f.status is MET) == (expected is MET), f.reason


def test_a_document_about_something_else_meets_nothing() -> None:
    doc = passage_document(
        "# Firearms licensing\n\nThis guidance applies to all officers and staff. Check all that "
        "apply.\n\nVictims first: officers will not take enforcement action against a victim of "
        "crime who holds a certificate.")
    reports = check_all(doc, [r for r in RULESETS if r.id in ("rec1", "rec4", "rec5")])
    findings = [f for r in reports for f in r.findings]
    assert {f.status for f in findings} == {MISSING}
    assert all(f.reason.startswith("the document is not about victims or witnesses with "
                                   "insecure immigration status") for f in findings)


def test_a_title_in_a_list_of_associated_documents_does_not_make_a_document_relevant() -> None:
    doc = passage_document(
        "# Missing persons policy\n\nThis policy applies to all officers and staff.\n\n"
        "Any disclosure must be necessary and proportionate under Part 3 of the Data Protection "
        "Act 2018.\n\n# Associated documents\n\n- PR-0221 Victims and Witnesses with Insecure "
        "Immigration Status Procedure")
    assert _meets_nothing(doc)


def test_a_document_mainly_about_detainees_meets_nothing() -> None:
    custody = "\n\n".join(
        f"The custody officer must record detainee {n}'s nationality and tell the detainee "
        "that the Home Office may be contacted about their immigration status."
        for n in range(12))
    doc = passage_document(
        "# Immigration detainees in custody\n\n" + custody + "\n\nA detainee who discloses "
        "that they are a victim of domestic abuse must not be reported to Immigration "
        "Enforcement on a doubt about their immigration status alone, and officers must refer "
        "the victim to Rights of Women for independent immigration advice.")
    reports = check_all(doc, [r for r in RULESETS if r.id in ("rec1", "rec4", "rec5")])
    findings = [f for r in reports for f in r.findings]
    assert {f.status for f in findings} == {MISSING}
    assert findings[0].reason.startswith("the document is mainly about suspects, detainees, "
                                         "offenders or job applicants, not victims or witnesses")


def test_a_vetting_policy_about_applicants_meets_nothing() -> None:
    """Applicants' immigration status and one line on refugee organisations do not make a
    vetting policy about victims: its all-staff scope and data-protection section count for
    nothing."""
    applicants = "\n\n".join(
        f"7.{n} Each applicant must show their right to work in the UK and their immigration "
        "status in line with the Home Office guidance for employers." for n in range(10))
    doc = passage_document(
        "# Vetting policy\n\n2.1 This policy applies to all officers, staff and volunteers.\n\n"
        + applicants + "\n\n9.1 Vetting information is processed in accordance with the Data "
        "Protection Act 2018.\n\n12.3 The Positive Action Team works with refugee and migrant "
        "organisations to encourage applications.")
    reports = check_all(doc, [r for r in RULESETS if r.id in ("rec1", "rec4", "rec5")])
    assert {f.status for r in reports for f in r.findings} == {MISSING}


@pytest.mark.parametrize(("text", "spans"), [
    ('He said "one two three" and left', [(9, 22)]),
    ("\u2018the victim\u2019s own words\u2019 here", [(1, 23)]),
    ("the victim\u2019s status", []),
    ("\u201copen and never closed", [(1, 22)]),
])
def test_quotation_spans(text: str, spans: list[tuple[int, int]]) -> None:
    assert quotations(text) == spans


@pytest.mark.slow
def test_nothing_in_the_real_world_corpus_is_met() -> None:
    """Bulletins, forms and test files that are not about victims or immigration meet nothing."""
    if not CORPUS.is_dir():
        pytest.skip("corpus not present")
    done = subprocess.run(
        [sys.executable, "-m", "policycheck", "check", str(CORPUS), "-f", "json", "--no-cache",
         "-r", "rec1", "-r", "rec4", "-r", "rec5", "-r", "victims-code"],
        capture_output=True, text=True, timeout=600,
    )
    data = json.loads(done.stdout)
    met = [(d["path"], r["criterion"]) for d in data["documents"] for r in d["results"]
           if r["status"] == "met"]
    assert len(data["documents"]) > 100
    assert met == []


def test_a_mention_of_immigration_status_alone_does_not_make_a_document_relevant() -> None:
    doc = passage_document(
        "# Stop and search\n\nOfficers must not stop anyone because of their nationality or "
        "immigration status.\n\nOur approach follows the College of Policing Authorised "
        "Professional Practice on stop and search, and staff must refer people to the Law Centre "
        "for independent advice.")
    assert _meets_nothing(doc)


def test_a_heading_about_immigration_status_makes_its_victims_relevant() -> None:
    # an easy-read leaflet: 'victim' and 'visa' never share a paragraph
    text = ("# Your visa\n\nYou are a victim first.\n\nKeeping you safe comes first.\n\n"
            "If we are not sure about your visa, we will not tell the Home Office.")
    assert not _meets_nothing(passage_document(text))
    # the same sentences under a heading that says nothing about status meet nothing
    assert _meets_nothing(passage_document(text.replace("# Your visa", "# Your rights")
                                           .replace("about your visa", "about you")))


def test_a_pocket_guide_titled_for_victims_is_about_them_under_a_section_on_status(
    tmp_path: Path,
) -> None:
    # a plain-text guide: its capitalised title and section headings sit side by side, and the
    # items speak of 'them'
    text = ("OFFICIAL\n\nMEETING VICTIMS OF CRIME IN THE COMMUNITY - QUICK GUIDE FOR PCSOS\n\n"
            "Keep this guide in your pocketbook.\n\n"
            "IF THEY ARE WORRIED ABOUT THEIR IMMIGRATION STATUS\n\n"
            "  * Don't contact Immigration Enforcement just because you're unsure about their "
            "status.\n  * Instead, offer to put them in touch with an independent immigration "
            "adviser.\n")
    rec1 = next(r for r in RULESETS if r.id == "rec1")

    def statuses(body: str) -> dict[str, Status]:
        path = tmp_path / "guide.txt"
        path.write_text(body, encoding="utf-8")
        return {f.criterion.id: f.status for f in check(extract(path), rec1).findings}

    assert statuses(text)["REC1-THIRD-PARTY"] is MET
    # titled for drivers, the same section is about nobody the rule sets are for
    assert set(statuses(text.replace("VICTIMS OF CRIME", "DRIVERS")).values()) == {MISSING}


def test_an_easy_read_leaflet_that_speaks_to_the_victim_is_about_victims() -> None:
    # 'victim' is said once in its body; the rest says 'you' to the person who was hurt
    doc = passage_document(
        "# Help from the police\n\n- If someone has hurt you, that is a crime.\n"
        "- You are a victim first.\n- We will get you an interpreter if you need one.\n"
        "- We will not make you leave the UK because you told us about a crime.")
    vcop = next(r for r in RULESETS if r.id == "victims-code")
    statuses = {f.criterion.id: f.status for f in check(doc, vcop).findings}
    assert statuses["VCOP-R1"] is MET


@pytest.mark.parametrize(("heading", "expected"), [("3. What happened", MISSING),
                                                   ("Telling us what happened", MET)])
def test_a_heading_that_only_says_what_happened_tells_a_case(
        heading: str, expected: Status) -> None:
    # a case review's 'What happened' is a story; a leaflet's 'Telling us what happened' is
    # about how to report
    f = finding("REC5-SAFE-REPORTING",
                f"# Migrant victims and reporting\n\n## {heading}\n\n- A support worker at the "
                "Fellside Migrant and Refugee Centre can tell us for you.")
    assert f.status is expected, f.reason


def test_a_charitys_advice_to_officers_is_not_a_police_commitment() -> None:
    advice = ("# Working with migrant victims: a briefing for officers\n\n"
              "We are an independent charity; we are not part of the police.\n\n"
              "Officers should:\n\n"
              "- never pass a victim's details to Immigration Enforcement just because they are "
              "unsure about the person's immigration status;\n"
              "- treat the person as a victim first.\n\n"
              "Officers must not pass a domestic abuse victim's details to Immigration Enforcement "
              "where the only concern is a doubt about their status.")
    assert finding("REC1-NO-SHARE-ON-DOUBT", advice).status is not MET
    # the same words in the force's own guidance are its commitment
    own = advice.replace("We are an independent charity; we are not part of the police.",
                         "This guidance is issued by the Chief Constable.")
    assert finding("REC1-NO-SHARE-ON-DOUBT", own).status is MET


def test_an_foi_answer_quoting_its_own_procedure_in_quotation_marks_commits_to_it() -> None:
    text = ("# Freedom of Information request – reference FOI/2023/0871\n\n"
            "We can release the force's policy position. Our procedure states:\n\n"
            "\u201cA person who reports a crime is to be treated as a victim first and foremost, "
            "whatever their immigration status.\u201d\n\n"
            "\u201cWhere an officer has only concerns or doubts about the immigration status of a "
            "victim of domestic abuse, no information about the victim is to be shared with "
            "Immigration Enforcement.\u201d")
    assert finding("REC1-NO-SHARE-ON-DOUBT", text).status is MET
    # the same quotation introduced as the report's words is not the force's rule
    reported = text.replace("We can release the force's policy position. Our procedure states:",
                            "The report recommends:")
    assert finding("REC1-NO-SHARE-ON-DOUBT", reported).status is not MET


@pytest.mark.parametrize(("lead", "own"), [
    ("We agree. It is now the first paragraph of the procedure:", True),
    ("We have changed the procedure's wording accordingly:", True),
    ("The charity proposed this wording for the procedure:", False),
])
def test_a_letter_quoting_its_own_procedure_as_adopted(lead: str, own: bool) -> None:
    rule = ("Where an officer has only concerns or doubts about the immigration status of a victim "
            "of domestic abuse, they must not share that victim's information with Immigration "
            "Enforcement.")
    doc = Document(path=Path("letter"), format="docx", blocks=(
        Block(BlockKind.PARAGRAPH, lead, Location(paragraph=1)),
        Block(BlockKind.PARAGRAPH, rule, Location(paragraph=2), quoted=True),
    ))
    rec1 = next(r for r in RULESETS if r.id == "rec1")
    single = RuleSet(rec1.id, rec1.title, rec1.source, rec1.version,
                     tuple(c for c in rec1.criteria if c.id == "REC1-NO-SHARE-ON-DOUBT"))
    status = check(doc, single).findings[0].status
    assert (status is MET) is own


def test_a_broad_exception_in_the_documents_own_rule_undoes_it_and_is_quoted() -> None:
    f = finding(
        "REC1-NO-SHARE-ON-DOUBT",
        "If the only reason is to confirm a victim's immigration status, officers must not share "
        "their details with Immigration Enforcement.\n\nWhere officers only have doubts about a "
        "domestic abuse victim's immigration status, the victim's information must not be shared "
        "with Immigration Enforcement, unless the officer in the case considers the status "
        "relevant to the investigation.")
    assert f.status is MISSING
    assert f.reason.startswith('undone by "Where officers only have doubts about a domestic abuse')
    assert "(the doubt-only rule with an exception broad enough to swallow it), para 2" in f.reason


def _meets_nothing(doc: Document) -> bool:
    """No criterion of rec1, rec4 or rec5 is met (nor partly met) by the document."""
    reports = check_all(doc, [r for r in RULESETS if r.id in ("rec1", "rec4", "rec5")])
    return {f.status for r in reports for f in r.findings} == {MISSING}


def _table_document(rows: list[list[str]], before: str = "") -> Document:
    """A passage followed by a table, as an extractor gives it: one block per cell."""
    blocks = list(passage_document(before).blocks) if before else []
    for r, row in enumerate(rows, 1):
        for c, text in enumerate(row, 1):
            blocks.append(Block(BlockKind.TABLE_CELL, text,
                                Location(table=1, row=r, cell=c, paragraph=len(blocks) + 1)))
    return Document(path=Path("table"), format="docx", blocks=tuple(blocks))


@pytest.mark.parametrize("header", ["Force position (as reported by the force)",
                                    "Force position"])  # the second, in an OPCC paper
def test_a_column_of_what_the_force_reported_is_not_the_documents_own_words(header: str) -> None:
    doc = _table_document(
        [["Recommendation", header, "RAG"],
         ["Rec 4 – data protection",
          "Sharing with Immigration Enforcement about victims with insecure immigration status is "
          "recorded with its lawful basis under Part 3 of the Data Protection Act 2018; DPIA "
          "completed.", "Amber"]],
        before="Victims with insecure immigration status are the subject of this report.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    dp = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-DATA-PROTECTION")
    assert dp.status is MISSING
    assert f"in the column \"{header[:30]}" in dp.reason  # long headers are shortened


@pytest.mark.parametrize(("status", "expected"), [("Complete – June 2022", MET),
                                                  ("Planned – 2023", MISSING)])
def test_an_action_logs_row_marked_complete_is_practice(status: str, expected: Status) -> None:
    # a case review's action plan: what is done is done; what is planned is not yet practice
    doc = _table_document(
        [["No.", "Action", "Owner", "Status"],
         ["P2", "Officers now offer any domestic abuse victim who is worried about their "
          "immigration status a referral to Rights of Women for independent immigration advice.",
          "DCI Safeguarding", status]],
        before="Victims with insecure immigration status are the subject of this action plan.")
    rec1 = next(r for r in RULESETS if r.id == "rec1")
    third = next(f for f in check(doc, rec1).findings if f.criterion.id == "REC1-THIRD-PARTY")
    assert third.status is expected, third.reason


@pytest.mark.parametrize(("second", "expected"), [("What happens", MET), ("By when", MISSING)])
def test_what_we_will_do_is_a_leaflets_promise_and_a_plans_action(
        second: str, expected: Status) -> None:
    doc = _table_document(
        [[second, "What we will do"],
         ["If the case goes to court", "The Witness Care Unit will tell you the date, time and "
          "place of each court hearing you need to attend."]],
        before="# Victims of crime: what to expect from us\n\nIf you are a victim of crime, "
               "we will support you and keep you informed.\n\nVictims and witnesses can ask "
               "us for help at any time.")
    vc = next(r for r in RULESETS if r.id == "victims-code")
    r8 = next(f for f in check(doc, vc).findings if f.criterion.id == "VCOP-R8")
    assert r8.status is expected, r8.reason


def test_a_you_said_column_is_the_consultees_words() -> None:
    doc = _table_document(
        [["You said", "We did"],
         ["The police should put victims first, whatever their immigration status, and never "
          "take immigration enforcement action against a victim who reports a crime.",
          "We are reviewing our procedure with our partners."]],
        before="Victims with insecure immigration status are the subject of this page.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    protocol = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-PROTOCOL")
    assert protocol.status is MISSING, protocol.reason


@pytest.mark.parametrize("header", ["Agreed action", "Management action", "Action"])
def test_an_audits_agreed_action_is_still_to_be_done(header: str) -> None:
    doc = _table_document(
        [["Ref", header, "Owner", "Target date"],
         ["3", "Complete the DPIA for sharing with Immigration Enforcement and record the lawful "
          "basis under Part 3 of the Data Protection Act 2018 in the procedure",
          "Data Protection Officer", "30 June 2022"]],
        before="Victims with insecure immigration status are the subject of this audit.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    dp = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-DATA-PROTECTION")
    assert dp.status is MISSING, dp.reason


@pytest.mark.parametrize("label", ["Rec 4 – telling victims how their information is shared",
                                   "Recommendation 4: tell victims whether their information is "
                                   "shared"])
def test_a_label_naming_a_recommendation_is_a_signpost(label: str) -> None:
    f = finding("REC4-INFORM-VICTIMS",
                "Victims with insecure immigration status are the subject of this report.\n\n"
                + label)
    assert f.status is MISSING
    assert "only in the heading" in f.reason


GENRES = [
    # Questions state nothing, asked directly or carried on from a lead-in.
    ("REC4-INFORM-VICTIMS",
     "Has the force told victims with insecure immigration status whether their information "
     "will be shared with the Home Office?", MISSING, "question"),
    ("REC4-INFORM-VICTIMS",
     "Victims with insecure immigration status are the subject of this paper. Members may "
     "wish to consider:\n\n- whether victims are told when their information is shared with "
     "the Home Office;", MISSING, ""),
    # A title quoted mid-sentence does not end it.
    ("REC4-NATIONAL-GUIDANCE",
     "This procedure for victims with insecure immigration status puts into practice "
     "Recommendation 4 of Safe to share? and the NPCC guidance on information sharing with the "
     "Home Office.", MET, ""),
    # In an FOI answer the request is the requester's words, up to the answer.
    ("REC4-INFORM-VICTIMS",
     "Your request\n\n- Please confirm that victims with insecure immigration status are told "
     "whether their information is shared with the Home Office.\n\nOur response\n\n"
     "We hold no such information.", MISSING, "attributed"),
    # Minutes: what a named officer summarised runs to the end of the paragraph.
    ("REC4-PROTOCOL",
     "DCI Patel summarised the main provisions. Victims with insecure immigration status are to "
     "be treated as victims first and foremost, whatever their status.", MISSING, "attributed"),
    # A recommendation quoted in a response table, and a commissioner's pledge about the force.
    ("REC5-SAFE-REPORTING",
     'Recommendation 5 (to chief constables): "…establish safe reporting pathways for migrant '
     'victims and witnesses of crime…"', MISSING, "attributed"),
    ("REC4-NATIONAL-GUIDANCE",
     "I will ensure that the force has a clear procedure for victims and witnesses with insecure "
     "immigration status that reflects the NPCC guidance on information sharing with the Home "
     "Office.", MISSING, "scrutiny"),
    # What the police 'have agreed to', on a charity's page, is the charity's account.
    ("REC4-PROTOCOL",
     "Victims with insecure immigration status can report through us. The police have agreed "
     "to:\n\n- treat you as a victim first, whatever your immigration status.", MISSING,
     "attributed"),
    # Minutes: what the Commissioner reported, and a councillor's question.
    ("REC1-NO-SHARE-ON-DOUBT",
     "The Commissioner reported that officers did not share a domestic abuse victim's details "
     "with Immigration Enforcement where their only concern was a doubt about the victim's "
     "immigration status.", MISSING, "attributed"),
    ("REC4-INFORM-VICTIMS",
     "Cllr Ahmed asked whether victims with insecure immigration status were told when their "
     "details were passed to the Home Office.", MISSING, "attributed"),
    # Slide speaker notes are the slide's own words, not something 'noted'.
    ("REC4-ALL-STAFF",
     "# Victims with insecure immigration status – briefing\n\nSpeaker notes: the procedure "
     "applies to every officer and member of staff, not just the Hub.", MET, ""),
]


@pytest.mark.parametrize(("criterion", "text", "expected", "kind"), GENRES)
def test_questions_requests_minutes_and_slides(criterion: str, text: str, expected: Status,
                                               kind: str) -> None:
    f = finding(criterion, text)
    assert (f.status is MET) == (expected is MET), f.reason
    if kind:
        assert f"({kind}: " in f.reason


AUDIT = ("# Internal audit: victims with insecure immigration status\n\nAudit opinion: "
         "reasonable assurance. We sampled 25 cases and we found that the log was kept in 20.\n\n")


@pytest.mark.parametrize(("text", "expected"), [
    # In an audit report, what the procedure is said to require is the auditor's description.
    (AUDIT + "The procedure also requires officers to tell victims whether, and in what "
     "circumstances, their information may be shared with the Home Office.", MISSING),
    # Outside one, a force describing its own procedure states its practice.
    ("# Victims with insecure immigration status\n\nThe procedure also requires officers to "
     "tell victims whether, and in what circumstances, their information may be shared with the "
     "Home Office.", MET),
])
def test_an_audit_report_describes_the_procedure(text: str, expected: Status) -> None:
    assert (finding("REC4-INFORM-VICTIMS", text).status is MET) == (expected is MET)


def test_an_audit_report_retells_what_the_procedure_requires() -> None:
    text = (AUDIT + "Under the procedure, officers do not share a domestic abuse victim's "
            "information with Immigration Enforcement where they only doubt the victim's status.")
    assert finding("REC1-NO-SHARE-ON-DOUBT", text).status is not MET


@pytest.mark.parametrize(("criterion", "text"), [
    # the questions an audit set itself, in the list they lead into
    ("REC4-SHARING-CIRCUMSTANCES",
     AUDIT + "The audit objectives were to establish whether:\n\n- contact with Immigration "
     "Enforcement about victims is made only where the victim asks for it or is suspected of an "
     "offence;"),
    # the audit's account of the procedure it tested
    ("REC4-ALL-STAFF",
     AUDIT + "# 2. Background\n\nPR-210, on victims with insecure immigration status, applies to "
     "all police officers, PCSOs and police staff, including call handlers."),
    # a management response still in hand
    ("REC5-SAFE-REPORTING",
     "# Victims with insecure immigration status\n\nDiscussions with the Migrant Women's Centre "
     "are under way, and an agreement on third-party reporting for migrant victims is expected to "
     "be signed by April."),
])
def test_an_audits_questions_background_and_work_in_hand_are_not_practice(
        criterion: str, text: str) -> None:
    assert finding(criterion, text).status is not MET


@pytest.mark.parametrize(("header", "voice"), [("Recommendation", "scrutiny"), ("Test", "history")])
def test_an_audits_recommendations_and_tests_are_not_the_forces_practice(
        header: str, voice: str) -> None:
    doc = _table_document(
        [["Ref", header, "Priority"],
         ["R2", "Give victims with insecure immigration status written information on whether and "
                "when their information may be shared with Immigration Enforcement.", "Low"]],
        before="This audit is about victims with insecure immigration status.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    inform = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-INFORM-VICTIMS")
    assert inform.status is not MET
    assert f'({voice}: \'in the column "{header}"\')' in inform.reason


def test_an_action_log_is_work_still_to_be_done() -> None:
    doc = _table_document(
        [["No.", "Action", "Owner", "Due"],
         ["1", "Complete a data protection impact assessment (DPIA) for sharing with the Home "
               "Office about victims with insecure immigration status.", "DPO", "June 2022"]],
        before="This assessment is about victims with insecure immigration status.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    dp = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-DATA-PROTECTION")
    assert dp.status is MISSING
    assert "(deferral: 'an action still to be done')" in dp.reason


def test_columns_of_the_reports_requirements_and_of_plans_are_not_present_practice() -> None:
    doc = _table_document(
        [["Requirement (from the report)", "What we have done", "What we will do"],
         ["Carry out regular outreach and engagement with migrant communities.",
          "Nothing yet.",
          "Hold quarterly engagement sessions with migrant community groups from April."]],
        before="This plan is about victims with insecure immigration status.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    outreach = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-OUTREACH")
    assert outreach.status is MISSING
    assert 'in the column "Requirement (from the report)"' in outreach.reason
    assert 'in the column "What we will do"' in outreach.reason


def test_a_force_quoting_its_own_procedure_in_a_quotation_block_speaks_for_itself() -> None:
    blocks = (
        Block(BlockKind.PARAGRAPH, "Victims with insecure immigration status.", Location()),
        Block(BlockKind.PARAGRAPH, "Paragraph 4.3 of our procedure states:", Location()),
        Block(BlockKind.PARAGRAPH, "The officer must tell the victim whether their information "
              "will be shared with the Home Office.", Location(), quoted=True),
    )
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    doc = Document(path=Path("foi.html"), format="html", blocks=blocks)
    inform = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-INFORM-VICTIMS")
    assert inform.status is MET


def test_migrant_communities_in_a_recruitment_policy_are_not_victims() -> None:
    doc = passage_document(
        "# Recruitment and vetting policy\n\nApplicants must show their immigration status and "
        "right to work.\n\nThe Positive Action Team will hold regular engagement events with "
        "newly arrived and migrant communities.")
    assert _meets_nothing(doc)


def test_a_status_table_row_not_yet_done_is_work_still_to_do() -> None:
    doc = _table_document(
        [["Recommendation", "Action", "Status"],
         ["Recommendation 4", "Regular outreach and engagement with migrant communities every "
          "quarter.", "Outstanding"]],
        before="This update is about victims with insecure immigration status.")
    rec4 = next(r for r in RULESETS if r.id == "rec4")
    outreach = next(f for f in check(doc, rec4).findings if f.criterion.id == "REC4-OUTREACH")
    assert outreach.status is MISSING
    assert "a row marked as not yet done" in outreach.reason


RELEVANT = ("Victims of crime with insecure immigration status often fear that reporting will "
            "lead to removal.")


def _finding(doc: Document, criterion: str, ruleset: str = "rec4") -> Finding:
    rules = next(r for r in RULESETS if r.id == ruleset)
    return next(f for f in check(doc, rules).findings if f.criterion.id == criterion)


def test_a_tracker_row_marked_complete_states_practice_in_its_evidence_column() -> None:
    rule = ("Officers do not share any information about a domestic abuse victim with "
            "Immigration Enforcement where the only issue is a doubt about the victim's "
            "immigration status.")
    header = ["Recommendation", "Action", "Owner", "Due", "Status", "Evidence / update"]
    done = _table_document([header, ["R1", "Issue interim instruction.", "ACC", "08/01/21",
                                     "Complete", f"Force Order 02/21 issued. {rule}"]],
                           before="Victims with insecure immigration status: action tracker.")
    planned = _table_document([header, ["R1", "Issue interim instruction.", "ACC", "08/01/21",
                                        "In progress", f"Draft order: {rule}"]],
                              before="Victims with insecure immigration status: action tracker.")
    assert _finding(done, "REC1-NO-SHARE-ON-DOUBT", "rec1").status is MET
    assert _finding(planned, "REC1-NO-SHARE-ON-DOUBT", "rec1").status is MISSING


def test_what_a_review_recommends_the_chief_constable_should_do_is_not_practice() -> None:
    doc = passage_document(
        "# Thematic review: victims with insecure immigration status\n\n"
        + RELEVANT + "\n\n"
        "# 7. Recommendations\n\n7.1 The Chief Constable should:\n\n"
        "- complete and sign off a DPIA for disclosures about victims and witnesses to the Home "
        "Office under Part 3 of the Data Protection Act 2018;\n"
        "- record the lawful basis for every disclosure to Immigration Enforcement.")
    dp = _finding(doc, "REC4-DATA-PROTECTION")
    assert dp.status is MISSING
    assert 'recommended after "7.1 The Chief Constable should:"' in dp.reason


def test_the_findings_of_a_review_are_an_account_not_a_commitment() -> None:
    doc = passage_document(
        "# Thematic review of the force's response to victims with insecure immigration status"
        "\n\n" + RELEVANT + " The review team examined 40 records. The review found gaps in "
        "recording.\n\n"
        "# Finding 3 – Referrals to independent advice\n\n"
        "Coniston Law Centre gives free immigration advice to victims of crime, and officers "
        "refer victims with insecure immigration status to it on 0808 164 0271.")
    pathways = _finding(doc, "REC4-SPECIALIST-PATHWAYS")
    assert pathways.status is MISSING
    assert 'found, under "Finding 3' in pathways.reason


def test_a_column_summarising_what_another_document_says_is_not_the_documents_own() -> None:
    doc = _table_document(
        [["Recommendation", "What PR-219 says", "OPCC assessment"],
         ["Rec 4 – scope", "A dedicated procedure for victims and witnesses with insecure "
          "immigration status, applying to all officers and staff including contact centre "
          "staff.", "Amber"]],
        before="Victims with insecure immigration status: the OPCC's assessment.")
    staff = _finding(doc, "REC4-ALL-STAFF")
    assert staff.status is MISSING
    assert 'in the column "What PR-219 says"' in staff.reason


def test_another_partys_duties_in_a_joint_protocol_are_not_police_practice() -> None:
    text = ("# Joint protocol: victims of domestic abuse with no recourse to public funds\n\n"
            "# 6. Roles and responsibilities\n\n## 6.1 Dentdale Police\n\n"
            "Officers refer victims to the NRPF team.\n\n"
            "## 6.2 Dentdale Women's Migrant Support\n\n"
            "The charity holds monthly outreach sessions with migrant community groups at "
            "community centres and places of worship.")
    assert _finding(passage_document(text), "REC4-OUTREACH").status is MISSING
    own = text.replace("## 6.2 Dentdale Women's Migrant Support\n\nThe charity holds",
                       "The force holds")
    assert _finding(passage_document(own), "REC4-OUTREACH").status is MET


@pytest.mark.parametrize(("text", "expected"), [
    # a force's own rule, whatever the sentence's grammar
    ("# Victim care policy\n\nEvery crime reported by a victim directly to the force must be "
     "recorded without unjustified delay.", MET),
    # national guidance's expectation of every force
    ("# National guidance on victim care\n\nForces must record every crime reported by a "
     "victim without unjustified delay.", MISSING),
])
def test_the_force_must_is_the_forces_own_rule_and_forces_must_is_guidance(
        text: str, expected: Status) -> None:
    assert (finding("VCOP-R2", text).status is MET) == (expected is MET)


def test_a_page_for_partner_organisations_is_the_polices_own_words() -> None:
    # 'partner' in the page's own title heads the page, not a section of parties' duties
    text = ("# Information for partner organisations supporting migrant victims\n\n"
            "## Will you share information with the Home Office?\n\n"
            "We will not share information with Immigration Enforcement about a victim of "
            "domestic abuse simply because we have doubts about their immigration status.\n\n"
            "## What will the police not do?\n\nWe will not check a victim's status.")
    assert finding("REC1-NO-SHARE-ON-DOUBT", text).status is MET


def test_what_a_victim_tells_a_service_is_not_telling_the_victim() -> None:
    doc = passage_document(
        "# Victims with insecure immigration status\n\n"
        + RELEVANT + " The advice service does not pass on anything"
        "  a victim tells it to the Home Office without the victim's agreement.")
    assert _finding(doc, "REC4-INFORM-VICTIMS").status is MISSING


def test_a_commissioners_expectation_of_the_force_is_scrutiny() -> None:
    doc = passage_document(
        "# Victims who are migrants\n\n"
        + RELEVANT + " I will expect neighbourhood policing teams to make"
        " regular engagement with migrant communities part of their local plans.")
    outreach = _finding(doc, "REC4-OUTREACH")
    assert outreach.status is MISSING
    assert "scrutiny" in outreach.reason


def test_a_speakers_position_reported_in_minutes_is_theirs() -> None:
    doc = passage_document(
        "# Police and Crime Panel minutes\n\n" + RELEVANT + "\n\nHis own position was "
        "clear: victims were to be treated as victims first, whatever their immigration "
        "status.")
    assert _finding(doc, "REC4-PROTOCOL").status is MISSING


PANEL_METHOD = (
    "# Scrutiny of the force's response to Safe to share?\n\n"
    "## How we carried out the review\n\n"
    "We held evidence sessions with the Detective Superintendent for Safeguarding and with "
    "two local support services for victims with insecure immigration status.\n\n"
    "We also read a response from Southall Black Sisters to our call for evidence, and their "
    "advisers told us that officers refer victims to them by phone.\n\n"
    "## What we found\n\n"
    "We were not assured that officers know the referral routes."
)


def test_a_scrutiny_panels_method_is_no_referral_pathway() -> None:
    """Who a panel heard from is how it reviewed the force, not a route the force offers."""
    f = finding("REC4-SPECIALIST-PATHWAYS", PANEL_METHOD)
    assert f.status is not MET, f.reason


def test_a_pointer_to_other_procedures_does_not_tell_the_routes_apart() -> None:
    f = finding("REC4-MSHT-DA",
                "The different referral routes and consent requirements for victims of domestic "
                "abuse and of modern slavery are set out in the Domestic Abuse Procedure (PR-0204) "
                "and the Modern Slavery Procedure (PR-0251).")
    assert f.status is not MET, f.reason


JOINT = (
    "# Joint protocol: migrant victims of domestic abuse\n\n"
    "## 4. Responsibilities of Anyshire Police\n\n"
    "### 4.1 First response\n\n"
    "Anyshire Police will treat every victim of domestic abuse as a victim first and foremost, "
    "whatever her immigration status.\n\n"
    "### 4.2 Within the force\n\n"
    "The Head of Public Protection owns this protocol for the force.\n\n"
    "## 5. Responsibilities of Anyshire Women's Aid\n\n"
    "Anyshire Women's Aid will run quarterly outreach drop-in sessions with migrant community "
    "groups, so that women know their rights.\n"
)


def test_a_partys_own_section_is_its_own_and_another_partys_is_not() -> None:
    """'4. Responsibilities of Anyshire Police' > '4.1 First response' is the police's duty;
    '5. Responsibilities of Anyshire Women's Aid' is the charity's, not police outreach."""
    assert finding("REC4-PROTOCOL", JOINT).status is MET
    assert finding("REC4-OUTREACH", JOINT).status is not MET


@pytest.mark.parametrize(("heading", "expected"), [
    ("6. Summary of our recommendations", MISSING),
    ("Our recommendations", MISSING),
    ("6. Referral routes", MET),  # the same row under a heading of the force's own
])
def test_a_consultation_responses_recommendations_are_advice_not_practice(
    heading: str, expected: Status,
) -> None:
    doc = passage_document(
        "# Response to the force's consultation on its draft procedure\n\n" + RELEVANT
        + f"\n\n# {heading}\n\n"
        "- Officers refer a victim worried about their immigration status to a regulated "
        "independent immigration adviser at Rights of Women.")
    assert _finding(doc, "REC1-THIRD-PARTY", "rec1").status is expected


@pytest.mark.parametrize(("header", "expected"), [("2023/24", MISSING), ("Q3 result", MISSING),
                                                  ("Owner", MET)])
def test_a_performance_tables_measures_are_what_was_counted(header: str, expected: Status) -> None:
    # 'Measure | 2023/24' reports results; a table without a results column is the force's own
    doc = _table_document(
        [["Right", "Measure", header],
         ["Right 7", "Victims are offered the chance to make a Victim Personal Statement, and "
          "the officer records that it was offered.", "58%" if expected is MISSING else "OIC"]],
        before="Victims of crime are the subject of this report. Each victim is offered support. "
               "Victims are kept informed.")
    vcop = next(r for r in RULESETS if r.id == "victims-code")
    r7 = next(f for f in check(doc, vcop).findings if f.criterion.id == "VCOP-R7")
    assert (r7.status is MET) == (expected is MET), r7.reason


@pytest.mark.parametrize(("figures", "expected"), [(["79%", "81%"], MISSING),
                                                   (["OIC", "Within 5 days"], MET)])
def test_a_results_tables_first_column_names_what_was_counted(
        figures: list[str], expected: Status) -> None:
    # a survey's 'Victim recalls... | Q1 2024/25 | Q2 2024/25' over figures only: its first
    # column says what was counted, whatever its header; beside words it is the force's own
    doc = _table_document(
        [["Victim recalls\u2026", "Q1 2024/25", "Q2 2024/25"],
         ["Victims are offered the chance to make a Victim Personal Statement, and the officer "
          "records that it was offered.", *figures]],
        before="Victims of crime are the subject of this report. Each victim is offered support. "
               "Victims are kept informed.")
    vcop = next(r for r in RULESETS if r.id == "victims-code")
    r7 = next(f for f in check(doc, vcop).findings if f.criterion.id == "VCOP-R7")
    assert (r7.status is MET) == (expected is MET), r7.reason


def test_a_committee_papers_purpose_and_questions_for_members_are_no_practice() -> None:
    doc = passage_document(
        "# Victims' services update, including victims with insecure immigration status\n\n"
        + RELEVANT + "\n\n# 1. Purpose of the report\n\n"
        "1.1 To update the Panel on compliance with the Victims' Code for victims with insecure "
        "immigration status, including their right to an interpreter.\n\n"
        "# 8. Matters the Panel may wish to consider\n\n"
        "- Whether a third-party reporting scheme for migrant victims with insecure immigration "
        "status should be commissioned.")
    assert _finding(doc, "REC4-VICTIMS-CODE").status is MISSING
    assert _finding(doc, "REC5-SAFE-REPORTING", "rec5").status is MISSING


@pytest.mark.parametrize(("text", "expected"), [
    ("This is not the same as treating victims with insecure immigration status as victims "
     "first and foremost.", MISSING),
    ("Victims with insecure immigration status are treated as victims first and foremost.", MET),
])
def test_a_critics_verdict_that_a_draft_falls_short_is_no_commitment(
    text: str, expected: Status,
) -> None:
    assert (finding("REC4-PROTOCOL", text).status is MET) == (expected is MET)


@pytest.mark.parametrize(("lead", "expected"), [
    ("The relevant extracts of the procedure are reproduced below.", MET),
    ("The relevant extracts of the report are reproduced below.", MISSING),
])
def test_an_foi_answer_that_reproduces_its_own_procedure_quotes_its_own_words(
    lead: str, expected: Status,
) -> None:
    doc = passage_document(
        "# Freedom of Information request FOI/2022/0417\n\n"
        "Yes. The force procedure for victims with insecure immigration status came into effect "
        f"in May 2021. {lead}\n\n"
        "> \"Officers and staff must not share information about a victim of domestic abuse with "
        "Immigration Enforcement where the only concern is a doubt about the victim's immigration "
        "status.\"")
    f = _finding(doc, "REC1-NO-SHARE-ON-DOUBT", "rec1")
    assert (f.status is MET) == (expected is MET), f.reason


@pytest.mark.parametrize(("after", "expected"), [
    ("record the question in the notes and make the OIC aware.", MISSING),
    ("do not give a view; tell them the attending officer will discuss it with them.", MISSING),
    ("say: \"We will not pass your details to the Home Office, and if that ever changed we would "
     "tell you first.\"", MET),
])
def test_a_victims_question_is_theirs_unless_the_document_answers_it(
    after: str, expected: Status,
) -> None:
    doc = passage_document(
        "# Victims worried about their immigration status\n\n" + RELEVANT + "\n\n"
        "If the victim asks whether their details will be passed to the Home Office, " + after)
    f = _finding(doc, "REC4-INFORM-VICTIMS")
    assert (f.status is MET) == (expected is MET), f.reason


def test_front_matter_is_no_commitment() -> None:
    # 'updated for the Victims' Code 2021' in a version line applies the Code to nobody
    doc = passage_document(
        "# Victims with insecure immigration status: guidance\n\n"
        "Owner: Victim Services Manager Version: 2.0 (updated for the Victims' Code 2021 so that "
        "victims with insecure immigration status get an interpreter) Published: April 2021\n\n"
        + RELEVANT)
    f = _finding(doc, "REC4-VICTIMS-CODE")
    assert f.status is not MET
    assert "front matter" in f.reason


@pytest.mark.parametrize(("text", "expected"), [
    ("Model wording 3.1 – \"[Force] officers and staff will not share information about a victim "
     "of domestic abuse with Immigration Enforcement where they only have doubts about the "
     "victim's immigration status.\"", MISSING),
    ("Officers and staff will not share information about a victim of domestic abuse with "
     "Immigration Enforcement where they only have doubts about the victim's immigration status.",
     MET),
])
def test_model_wording_for_forces_to_adopt_is_not_the_guidance_authors_practice(
    text: str, expected: Status,
) -> None:
    doc = passage_document("# Model guidance for forces\n\n" + RELEVANT + "\n\n" + text)
    f = _finding(doc, "REC1-NO-SHARE-ON-DOUBT", "rec1")
    assert (f.status is MET) == (expected is MET), f.reason


def test_an_aide_memoires_row_of_doubts_and_its_instruction_is_one_rule() -> None:
    # 'If ... | Then ...': the doubt in one cell, the prohibition in the next
    doc = _table_document(
        [["If", "Then"],
         ["You only have concerns or doubts about a DA victim's immigration status",
          "Do not share the victim's details with IE or the NCCU."]],
        before=RELEVANT)
    assert _finding(doc, "REC1-NO-SHARE-ON-DOUBT", "rec1").status is MET
    # the same two sentences in a paragraph about interpreters bind nobody to the rule
    para = passage_document(
        RELEVANT + "\n\nSome victims have concerns or doubts about their immigration status. "
        "Interpreters must not pass any information about an assignment to anyone, including "
        "Immigration Enforcement.")
    assert _finding(para, "REC1-NO-SHARE-ON-DOUBT", "rec1").status is not MET


def test_what_a_scrutiny_panel_will_examine_is_its_scope_not_practice() -> None:
    doc = passage_document(
        "# Migrant Victims Scrutiny Panel – Terms of Reference\n\n" + RELEVANT + "\n\n"
        "# 3. Scope\n\nThe panel will examine whether Natland Police:\n\n"
        "- applies the Victims' Code to victims with insecure immigration status, including "
        "their right to an interpreter;\n"
        "- engages regularly with migrant communities through quarterly forums.")
    assert _finding(doc, "REC4-VICTIMS-CODE").status is MISSING
    assert _finding(doc, "REC4-OUTREACH").status is MISSING


@pytest.mark.parametrize(("heading", "expected"), [("6. Risks", MISSING),
                                                   ("6. Information sharing", MET)])
def test_a_papers_risks_say_what_could_go_wrong(heading: str, expected: Status) -> None:
    doc = passage_document(
        "# Proposed procedure for victims with insecure immigration status\n\n" + RELEVANT
        + f"\n\n# {heading}\n\n"
        "Sharing a victim's details with Immigration Enforcement without a documented lawful "
        "basis under Part 3 of the Data Protection Act 2018 is not permitted and must be recorded.")
    f = _finding(doc, "REC4-DATA-PROTECTION")
    assert (f.status is MET) == (expected is MET), f.reason


def test_a_list_of_abbreviations_says_nothing_of_what_it_names() -> None:
    doc = passage_document(
        "# Victims first: pocket card\n\n" + RELEVANT + "\n\n"
        "IE – Immigration Enforcement · NCCU – National Command and Control Unit · DA – domestic "
        "abuse · MS – modern slavery · NRM – National Referral Mechanism · MARAC – multi-agency "
        "risk assessment conference, a different route from the NRM")
    f = _finding(doc, "REC4-MSHT-DA")
    assert f.status is not MET
    assert "abbreviations" in f.reason


def test_a_reviews_annex_of_its_own_revised_paragraphs_is_its_own_text() -> None:
    doc = passage_document(
        "# Annual review of the policy\n\n" + RELEVANT + "\n\n# Annex 1 – Revised text\n\n"
        "The paragraphs below are reproduced as they now stand in PP-031 v2.1. The change to "
        "paragraph 6.2 is shown as a tracked change.\n\n"
        "> 2.1 This policy applies to all police officers and police staff who may come into "
        "contact with a victim or witness with insecure immigration status.\n\n"
        "6.2 Officers must not share a domestic abuse victim's information with Immigration "
        "Enforcement where they have only doubts about her immigration status.\n\n"
        "> 6.5 Any decision to share personal data about a victim with Immigration Enforcement "
        "must identify the lawful basis under Part 3 of the Data Protection Act 2018.")
    assert _finding(doc, "REC4-DATA-PROTECTION").status is MET
