"""The matching engine: sentence analysis, concept matching and criterion evaluation."""

from __future__ import annotations

from policycheck.model import Criterion, Document, Finding, Report, RuleSet, Status


def _not_assessable(criterion: Criterion, document: Document) -> Finding:
    reason = (
        "no text layer (a scanned document): cannot be assessed"
        if not document.has_text_layer
        else "the document has no text: cannot be assessed"
    )
    return Finding(criterion, Status.NOT_ASSESSABLE, (), reason)


def check(document: Document, ruleset: RuleSet, model: str | None = None) -> Report:
    """Decide every criterion of `ruleset` for `document`."""
    if not document.assessable:
        return Report(ruleset, tuple(_not_assessable(c, document) for c in ruleset.criteria))
    from policycheck.engine.evaluate import decide
    from policycheck.engine.facts import facts_for
    from policycheck.engine.nlp import analyse

    analysis = analyse(document, model)
    findings = tuple(
        decide(c, c.condition, facts_for(analysis, c), analysis) for c in ruleset.criteria
    )
    return Report(ruleset, findings)
