"""Is the document about what a rule set is for? Checked before any criterion can be met.

A firearms guide, a procurement form or a bulletin may use the words a criterion looks for
("check all that apply", "victims first") without being about victims or witnesses with
insecure immigration status at all. A rule set's `relevance` condition names what its documents
are about; it is read on the words as they stand, whoever says them (a response that only
quotes the recommendations is still about them, and its near misses are reported).
"""

from __future__ import annotations

from policycheck.engine.evaluate import Accepted, Facts, holds, unit_key
from policycheck.engine.facts import hits_for
from policycheck.engine.nlp import Analysis
from policycheck.rules.logic import AllOf, Concept, ConceptRef, Relevance, Scope, leaves


def relevant(
    analysis: Analysis, relevance: Relevance, shared: tuple[Concept, ...] | None = None,
) -> bool:
    """True when the relevance condition holds in at least `at_least` units of the document."""
    wanted = {r.concept for r in leaves(relevance.root) if isinstance(r, ConceptRef)}
    accepted: dict[int, list[Accepted]] = {}
    for si, hits in enumerate(hits_for(analysis, relevance.concepts, shared)):
        mine = [Accepted(si, h.concept, h.term, (0, 0)) for h in hits
                if h.concept in wanted and not h.cancelled_by]
        if mine:
            accepted[si] = mine
    facts = Facts(accepted, [], {}, {})
    outcome = holds(relevance.root, sorted(accepted), facts, analysis)
    if not outcome.ok:
        return False
    root = relevance.root
    scope = root.within if isinstance(root, AllOf) else Scope.SENTENCE
    return len({unit_key(analysis, s, scope) for s in outcome.labels}) >= relevance.at_least


def reason(relevance: Relevance) -> str:
    """Why nothing of the rule set is met on an irrelevant document."""
    return (f"the document is not about {relevance.label} (no passage mentions them), so "
            "nothing in it can meet this")
