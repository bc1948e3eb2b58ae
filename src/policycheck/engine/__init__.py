"""The matching engine: sentence analysis, concept matching and criterion evaluation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from policycheck.model import Criterion, Document, Finding, Report, RuleSet, Status

if TYPE_CHECKING:
    from policycheck.rules.logic import Concept


def _not_assessable(criterion: Criterion, document: Document) -> Finding:
    reason = (
        "no text layer (a scanned document): cannot be assessed"
        if not document.has_text_layer
        else "the document has no text: cannot be assessed"
    )
    return Finding(criterion, Status.NOT_ASSESSABLE, (), reason)


def check(
    document: Document, ruleset: RuleSet, model: str | None = None,
    shared: tuple[Concept, ...] | None = None,
) -> Report:
    """Decide every criterion of `ruleset` for `document`.

    `shared` is a vocabulary covering this rule set's (see `shared_vocabulary`): the document
    is then matched against it once for all the rule sets that share it.
    """
    if not document.assessable:
        return Report(ruleset, tuple(_not_assessable(c, document) for c in ruleset.criteria))
    from policycheck.engine.evaluate import decide
    from policycheck.engine.facts import facts_for
    from policycheck.engine.nlp import analyse
    from policycheck.engine.relevance import reason, relevant

    analysis = analyse(document, model)
    if ruleset.relevance is not None and not relevant(analysis, ruleset.relevance, shared):
        why = reason(analysis, ruleset.relevance, shared)
        return Report(ruleset, tuple(Finding(c, Status.MISSING, (), why)
                                     for c in ruleset.criteria))
    findings = tuple(
        decide(c, c.condition, facts_for(analysis, c, shared), analysis)
        for c in ruleset.criteria
    )
    return Report(ruleset, findings)


def check_all(
    document: Document, rulesets: Sequence[RuleSet], model: str | None = None,
) -> tuple[Report, ...]:
    """`check` with every rule set, matching the vocabulary they share once, not once each."""
    shared = shared_vocabulary(rulesets) if len(rulesets) > 1 else None
    try:
        if not shared:
            return tuple(check(document, ruleset, model) for ruleset in rulesets)
        return tuple(check(document, ruleset, model, shared=shared) for ruleset in rulesets)
    finally:
        forget_documents()


def forget_documents() -> None:
    """Drop every document's analysis and hits (kept while its rule sets are checked): a batch
    would otherwise hold the last few dozen documents' spaCy Docs, about 40 MB per 200 pages."""
    from policycheck.engine import assess, author, context, evaluate, facts, nlp, relevance

    for cached in (nlp.analyse, assess.stances, facts.sentence_hits, facts._hits_within,
                   facts.heading_matches, context.units, relevance._relevant,
                   facts.signposts_of, facts._context_of, facts._sections_of,
                   evaluate._unit_keys, author.oversight):
        cached.cache_clear()


def shared_vocabulary(rulesets: Sequence[RuleSet]) -> tuple[Concept, ...] | None:
    """Every concept the rule sets use, by name; None when two define one name differently."""
    by_name: dict[str, Concept] = {}
    seen: set[int] = set()
    for ruleset in rulesets:
        for criterion in ruleset.criteria:
            if criterion.condition is None:  # nothing to match (a rule set built in code)
                continue
            concepts = criterion.condition.concepts
            if id(concepts) in seen:
                continue
            seen.add(id(concepts))
            for concept in concepts:
                known = by_name.setdefault(concept.name, concept)
                if known is not concept and known != concept:
                    return None
    return tuple(by_name[name] for name in sorted(by_name))
