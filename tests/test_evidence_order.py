"""The evidence shown first is the sentence that commits, not a heading naming the topic."""

from pathlib import Path

from policycheck.model import BlockKind, Status
from policycheck.pipeline import check_document
from policycheck.rules import load_rulesets

SAMPLE = Path(__file__).parents[1] / "samples" / "northmoor-insecure-status-procedure.docx"


def test_first_evidence_is_a_sentence_whenever_one_exists() -> None:
    from policycheck.extract import extract

    document = extract(SAMPLE)
    headings = {b.text for b in document.blocks if b.kind is BlockKind.HEADING}
    result = check_document(SAMPLE, load_rulesets(["rec4"]))
    met = [f for f in result.findings if f.status is Status.MET]
    assert len(met) >= 10
    for finding in met:
        sentences = [e for e in finding.evidence if e.text not in headings]
        if sentences:
            assert finding.evidence[0].text not in headings, finding.criterion.id
