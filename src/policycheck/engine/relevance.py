"""Is the document about what a rule set is for? Checked before any criterion can be met.

A firearms guide, a procurement form or a bulletin may use the words a criterion looks for
("check all that apply", "victims first") without being about victims or witnesses with
insecure immigration status at all. A rule set's `relevance` condition names what its documents
are about; it is read on the words as they stand, whoever says them (a response that only
quotes the recommendations is still about them, and its near misses are reported).
"""

from __future__ import annotations

import functools

from policycheck.engine.evaluate import Accepted, Facts, holds, unit_key
from policycheck.engine.facts import heading_matches, hits_for
from policycheck.engine.matcher import Hit
from policycheck.engine.nlp import Analysis
from policycheck.model import BlockKind
from policycheck.rules.logic import (
    AllOf,
    Concept,
    ConceptRef,
    Condition,
    HeadingRef,
    Relevance,
    Scope,
    leaves,
)

# A document is mainly about something else when it says it in this many sentences, and this
# many times as often as what the rule set is for (a custody procedure about detainees with one
# paragraph on victims: 61 sentences against 4; in every document about victims, under 0.7).
MAINLY_MIN = 10
MAINLY_RATIO = 3


def relevant(
    analysis: Analysis, relevance: Relevance, shared: tuple[Concept, ...] | None = None,
) -> bool:
    """True when the relevance condition holds in at least `at_least` units of the document,
    and the document is not mainly about someone else (`unless_mainly`). Rule sets checked
    together share one condition and vocabulary, so it is decided once per document."""
    concepts = shared if shared is not None else relevance.concepts
    return _relevant(analysis, relevance.root, relevance.at_least, relevance.unless_mainly,
                     concepts)


@functools.lru_cache(maxsize=16)
def _relevant(
    analysis: Analysis, root: Condition, at_least: int,
    unless_mainly: tuple[str, str, str] | None, concepts: tuple[Concept, ...],
) -> bool:
    wanted = {r.concept for r in leaves(root) if isinstance(r, ConceptRef)}
    all_hits = hits_for(analysis, concepts, None)
    if unless_mainly is not None and _mainly_other(all_hits, unless_mainly):
        return False
    accepted: dict[int, list[Accepted]] = {}
    signposts = _signposts(analysis)
    for si, hits in enumerate(all_hits):
        if si in signposts:
            continue
        mine = [Accepted(si, h.concept, h.term, (0, 0)) for h in hits
                if h.concept in wanted and not h.cancelled_by]
        if mine:
            accepted[si] = mine
    heading_refs = [r for r in leaves(root) if isinstance(r, HeadingRef)]
    under = _under_headings(analysis, heading_refs, concepts) if heading_refs else {}
    facts = Facts(accepted, [], under, {})
    candidates = sorted(set(accepted) | {s for v in under.values() for s in v})
    outcome = holds(root, candidates, facts, analysis)
    if not outcome.ok:
        return False
    scope = root.within if isinstance(root, AllOf) else Scope.SENTENCE
    return len({unit_key(analysis, s, scope) for s in outcome.labels}) >= at_least


def _under_headings(
    analysis: Analysis, refs: list[HeadingRef], concepts: tuple[Concept, ...],
) -> dict[str, set[int]]:
    """Heading concept -> the body sentences under a heading that says it: an easy-read
    leaflet's 'You are a victim first.' under 'Your visa'. The document's title stands over every
    sentence, even where a plain-text layout puts its sections beside it rather than under it
    ('Meeting victims of crime in the community – quick guide for PCSOs')."""
    matches = heading_matches(analysis, concepts)
    blocks = analysis.document.blocks
    title = analysis.document.title
    out: dict[str, set[int]] = {}
    for ref in refs:
        texts = matches.get(ref.concept, set())
        if not texts:
            continue
        for sent in analysis.sentences:
            block = blocks[sent.block]
            if block.kind is BlockKind.HEADING:
                continue
            if title in texts or texts & set(block.location.heading_path):
                out.setdefault(ref.key, set()).add(sent.index)
    return out


# Sections that list other documents: a title there ('PR-0221 Victims and Witnesses with Insecure
# Immigration Status Procedure') signposts another document; it is not what this one is about.
_SIGNPOST_SECTIONS = ("associated document", "related document", "linked document",
                      "supporting document", "related polic", "other relevant polic", "reference",
                      "see also", "further information", "document history", "related procedure",
                      "associated polic", "associated procedure", "related guidance")


def _signposts(analysis: Analysis) -> set[int]:
    """Sentences that only signpost: headings, and entries under a heading that lists documents."""
    out: set[int] = set()
    blocks = analysis.document.blocks
    for sent in analysis.sentences:
        block = blocks[sent.block]
        heading = (block.location.heading_path[-1] if block.location.heading_path else "").lower()
        if block.kind is BlockKind.HEADING or _lists_documents(heading):
            out.add(sent.index)
    return out


def _lists_documents(heading: str) -> bool:
    """'7. Associated documents', 'References': a heading that opens with a signpost section's
    name ('Freedom of Information request – reference FOI/2023/0871' does not)."""
    words = heading.lstrip("0123456789.() \t").strip()
    return words.startswith(_SIGNPOST_SECTIONS) or (
        len(words.split()) <= 4 and any(w in words for w in _SIGNPOST_SECTIONS))


def _mainly_other(all_hits: tuple[list[Hit], ...], mainly: tuple[str, str, str]) -> bool:
    other, ours, _ = mainly

    def said(name: str) -> int:
        return sum(1 for hits in all_hits
                   if any(h.concept == name and not h.cancelled_by for h in hits))

    n = said(other)
    return n >= MAINLY_MIN and n >= MAINLY_RATIO * said(ours)


def reason(
    analysis: Analysis, relevance: Relevance, shared: tuple[Concept, ...] | None = None,
) -> str:
    """Why nothing of the rule set is met on an irrelevant document."""
    if relevance.unless_mainly is not None:
        all_hits = hits_for(analysis, relevance.concepts, shared)
        if _mainly_other(all_hits, relevance.unless_mainly):
            return (f"the document is mainly about {relevance.unless_mainly[2]}, not "
                    f"{relevance.label}, so nothing in it can meet this")
    return (f"the document is not about {relevance.label} (no passage mentions them), so "
            "nothing in it can meet this")
