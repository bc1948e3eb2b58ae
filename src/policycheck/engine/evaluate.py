"""Evaluate a criterion's condition tree over judged sentences and build its Finding."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field

from policycheck.engine import author
from policycheck.engine.context import units
from policycheck.engine.nlp import Analysis
from policycheck.model import BlockKind, Criterion, Evidence, Finding, Status
from policycheck.rules.logic import (
    AboutRef,
    AllOf,
    AnyOf,
    ConceptRef,
    Condition,
    HeadingRef,
    Rule,
    Scope,
    Without,
    leaves,
)

MAX_NEAR_MISSES = 3
# How a reason names words that are not the document's own commitment.
VOICE_WORDING = {
    "attributed": "as someone else's words, not the document's own commitment, ",
    "history": "in an account of what others did, not a commitment, ",
    "scrutiny": "as scrutiny of someone else's practice, not a commitment, ",
    "party": "as another party's duty, not the police's, ",
    "front-matter": "in the document's front matter, not a commitment, ",
    "risk": "as a risk to be managed, not a commitment, ",
    "glossary": "in a list of abbreviations, not a commitment, ",
}


@dataclass(frozen=True, slots=True)
class Accepted:
    """A concept hit that counts: sentence index, concept, term, character span in the sentence."""

    sentence: int
    concept: str
    term: str
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A concept hit that does not count, and why."""

    sentence: int
    concept: str
    kind: str
    words: str


@dataclass(slots=True)
class Facts:
    """Everything one criterion needs to know about one document."""

    accepted: dict[int, list[Accepted]]  # sentence -> accepted hits
    near: list[NearMiss]
    headings: dict[str, set[int]]  # heading concept -> sentences under a matching heading
    heading_evidence: dict[str, list[int]]  # heading concept -> the heading sentences themselves
    context: dict[str, set[int]] = field(default_factory=dict)  # `about` concept -> sentences
    present: dict[str, set[int]] = field(default_factory=dict)  # `without` concept -> sentences
    by_concept: dict[str, dict[int, list[Accepted]]] = field(init=False, default_factory=dict)
    reads: dict[int, set[int] | None] = field(init=False, default_factory=dict)  # see `_reads`
    vetoed: Outcome | None = field(init=False, default=None)  # where the rule's veto holds

    def __post_init__(self) -> None:
        for s, hits in self.accepted.items():
            for a in hits:
                self.by_concept.setdefault(a.concept, {}).setdefault(s, []).append(a)


@dataclass(slots=True)
class Outcome:
    """Whether a condition holds on some sentences, and the evidence: sentence -> labels/spans."""

    ok: bool
    labels: dict[int, set[str]] = field(default_factory=dict)
    spans: dict[int, set[tuple[int, int]]] = field(default_factory=dict)

    def add(self, other: Outcome) -> None:
        """Merge another outcome's evidence into this one."""
        for s, labels in other.labels.items():
            self.labels.setdefault(s, set()).update(labels)
        for s, spans in other.spans.items():
            self.spans.setdefault(s, set()).update(spans)


def unit_key(analysis: Analysis, sentence: int, scope: Scope) -> object:
    """The unit (sentence, paragraph, row, section, document) a sentence belongs to."""
    return _unit_keys(analysis, scope)[sentence]


@functools.lru_cache(maxsize=32)
def _unit_keys(analysis: Analysis, scope: Scope) -> tuple[object, ...]:
    """Every sentence's unit under `scope`, worked out once per document."""
    blocks = analysis.document.blocks
    out: list[object] = []
    for index, sent in enumerate(analysis.sentences):
        loc = blocks[sent.block].location
        if scope is Scope.SENTENCE:
            out.append(index)
        elif scope is Scope.PARAGRAPH:
            out.append(sent.block)
        elif scope is Scope.ROW:
            out.append(("row", loc.table, loc.row) if loc.table is not None else sent.block)
        elif scope is Scope.CELLS:
            out.append(("row", loc.table, loc.row) if loc.table is not None else index)
        elif scope is Scope.SECTION:
            out.append(loc.heading_path)
        elif scope is Scope.PASSAGE:
            out.append(("row", loc.table, loc.row) if loc.table is not None
                       else units(analysis).passage[sent.block])
        else:
            out.append(0)
    return tuple(out)


def _reads(cond: Condition, facts: Facts) -> set[int] | None:
    """The sentences that say something `cond` asks for: on sentences with none, it fails.

    None when it may hold even so (an `all` of nothing, a `min` below one: no rule file has them).
    """
    key = id(cond)  # conditions live as long as the rule, which outlives its facts
    if key not in facts.reads:
        facts.reads[key] = _said(cond, facts)
    return facts.reads[key]


def _said(cond: Condition, facts: Facts) -> set[int] | None:
    match cond:
        case ConceptRef(concept=name, min=least):
            return set(facts.by_concept.get(name, ())) if least >= 1 else None
        case HeadingRef():
            return facts.headings.get(cond.key, set())
        case AboutRef(concept=name):
            return facts.context.get(name, set())
        case Without():
            return None
        case AllOf(parts=parts) | AnyOf(parts=parts):
            if not parts and isinstance(cond, AllOf):
                return None
            out: set[int] = set()
            for part in parts:
                sub = _reads(part, facts)
                if sub is None:
                    return None
                out |= sub
            return out
    raise TypeError(f"unknown condition {cond!r}")


def _all_hold(
    parts: tuple[Condition, ...], group: list[int], facts: Facts, analysis: Analysis
) -> list[Outcome] | None:
    """Every part's outcome on `group`, or None as soon as one part cannot or does not hold."""
    for part in parts:
        reads = _reads(part, facts)
        if reads is not None and reads.isdisjoint(group):
            return None
    subs: list[Outcome] = []
    for part in parts:
        sub = holds(part, group, facts, analysis)
        if not sub.ok:
            return None
        subs.append(sub)
    return subs


def holds(cond: Condition, sents: list[int], facts: Facts, analysis: Analysis) -> Outcome:
    """Evaluate `cond` on the candidate sentences `sents` (document order)."""
    match cond:
        case ConceptRef(concept=name, label=label, min=least):
            out = Outcome(False)
            terms: set[str] = set()
            said = facts.by_concept.get(name, {})
            for s in sents:
                mine = said.get(s)
                if mine:
                    out.labels.setdefault(s, set()).add(label)
                    out.spans.setdefault(s, set()).update(a.span for a in mine)
                    terms.update(a.term.lower() for a in mine)
            out.ok = len(terms) >= least
            return out if out.ok else Outcome(False, out.labels, out.spans)
        case HeadingRef(label=label):
            key = cond.key
            under = [s for s in sents if s in facts.headings.get(key, set())]
            out = Outcome(bool(under))
            if cond.absent:  # what a title does not say is no evidence to quote
                return out
            shown = facts.heading_evidence.get(key) or under[:1]
            for s in shown[:1] if under else []:
                out.labels.setdefault(s, set()).add(label)
            return out
        case AboutRef(concept=name, label=label):
            inherited = facts.context.get(name, set())
            out = Outcome(False)
            for s in sents:
                if s in inherited:
                    out.ok = True
                    out.labels.setdefault(s, set()).add(label)
            return out
        case Without(concept=name):
            present = facts.present.get(name, set())
            return Outcome(not any(s in present for s in sents))
        case AnyOf(parts=parts, min=least):
            out = Outcome(False)
            held = 0
            for part in parts:
                sub = holds(part, sents, facts, analysis)
                if sub.ok:
                    held += 1
                    out.add(sub)
            out.ok = held >= least
            return out if out.ok else Outcome(False)
        case AllOf(parts=parts, within=scope):
            groups: dict[object, list[int]] = defaultdict(list)
            for s in sents:
                groups[unit_key(analysis, s, scope)].append(s)
            out = Outcome(False)
            for group in groups.values():
                subs = _all_hold(parts, group, facts, analysis)
                if subs is not None:
                    out.ok = True
                    for sub in subs:
                        out.add(sub)
            return out
    raise TypeError(f"unknown condition {cond!r}")


def _evidence(analysis: Analysis, outcome: Outcome) -> tuple[Evidence, ...]:
    """Best evidence first: sentences before headings, then the most conditions satisfied."""

    def rank(s: int) -> tuple[bool, int, int]:
        block = analysis.document.blocks[analysis.sentences[s].block]
        return (block.kind is BlockKind.HEADING, -len(outcome.labels[s]), s)

    out: list[Evidence] = []
    for s in sorted(outcome.labels, key=rank):
        sent = analysis.sentences[s]
        block = analysis.document.blocks[sent.block]
        raw = sent.text
        lead = len(raw) - len(raw.lstrip())
        text = raw.strip()
        spans = sorted(
            (max(a - lead, 0), min(b - lead, len(text))) for a, b in outcome.spans.get(s, ())
        )
        out.append(
            Evidence(
                text=text,
                location=block.location,
                context=block.text,
                highlights=tuple(spans),
                satisfied=tuple(sorted(outcome.labels[s])),
            )
        )
    return tuple(out)


def _shorten(text: str, limit: int = 90) -> str:
    """A sentence cut at a word boundary for quoting in a one-line reason."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _near_miss_reason(analysis: Analysis, facts: Facts, rule: Rule) -> str:
    """One entry per rejected sentence, named by its most important concept (first in the rule)."""
    order = {leaf.concept: i for i, leaf in reversed(list(enumerate(leaves(rule.root))))}
    best: dict[int, NearMiss] = {}
    for nm in facts.near:
        held = best.get(nm.sentence)
        if held is None or order.get(nm.concept, 99) < order.get(held.concept, 99):
            best[nm.sentence] = nm
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    # A heading is the weakest near-miss: name it only after the sentences that said more.
    for s in sorted(best, key=lambda i: (best[i].kind == "heading", i)):
        nm = best[s]
        if (nm.concept, nm.kind) in seen:
            continue
        seen.add((nm.concept, nm.kind))
        sent = analysis.sentences[nm.sentence]
        cite = analysis.document.blocks[sent.block].location.cite()
        label = rule.concept(nm.concept).label
        quote = _shorten(sent.text.strip())
        if nm.kind == "heading":  # the heading is its own citation; add only its page
            page = analysis.document.blocks[sent.block].location.page
            where = f", p. {page}" if page is not None else ""
            parts.append(f"mentions {label} only in the heading \"{quote}\"{where}")
        else:
            how = VOICE_WORDING.get(nm.kind, "")
            parts.append(
                f"mentions {label} only {how}in \"{quote}\" ({nm.kind}: '{nm.words}'), {cite}"
            )
        if len(parts) == MAX_NEAR_MISSES:
            break
    return "; ".join(parts)


def _partial(
    criterion: Criterion,
    rule: Rule,
    facts: Facts,
    analysis: Analysis,
    candidates: list[int],
    near: str,
) -> Finding | None:
    """The `all` (the root, or a branch of a root `any`) that came closest, if its subject held.

    The first part of an `all` is its subject (the Victims' Code, the named service...): supporting
    parts alone ('will', 'refer') are everywhere and would make every criterion partial.
    """
    branches = (
        [rule.root]
        if isinstance(rule.root, AllOf)
        else [p for p in getattr(rule.root, "parts", ()) if isinstance(p, AllOf)]
    )
    best: tuple[int, AllOf, list[tuple[Condition, Outcome]]] | None = None
    for branch in branches:
        results = [(p, holds(p, candidates, facts, analysis)) for p in branch.parts]
        score = sum(1 for _, r in results if r.ok)
        if results[0][1].ok and (best is None or score > best[0]):
            best = (score, branch, results)
    if best is None:
        return None
    _, branch, results = best
    missing = tuple(p.label for p, r in results if not r.ok) or (
        f"{branch.label}, together in one {branch.within.value}",
    )
    # Evidence is what holds the subject: parts found elsewhere would be quoted out of context.
    subject = results[0][1]
    reason = "found only part of it"
    reason += f"; also {near}" if near else ""
    return Finding(criterion, Status.PARTIAL, _evidence(analysis, subject), reason, missing)


def decide(criterion: Criterion, rule: Rule, facts: Facts, analysis: Analysis) -> Finding:
    """Met with every piece of evidence, partial with what is missing, or missing with why."""
    near = _near_miss_reason(analysis, facts, rule)
    if facts.vetoed is not None:
        label = rule.veto.label if rule.veto is not None else "vetoed"
        return _vetoed(criterion, analysis, facts.vetoed, near, label)
    candidates = sorted(set(facts.accepted) | {s for v in facts.headings.values() for s in v})
    outcome = holds(rule.root, candidates, facts, analysis)
    if outcome.ok and rule.force_practice and (by := author.oversight(analysis)) is not None:
        said = sorted(outcome.labels, key=lambda i: (
            analysis.document.blocks[analysis.sentences[i].block].kind is BlockKind.HEADING, i))
        first = analysis.sentences[said[0]]
        cite = analysis.document.blocks[first.block].location.cite()
        return Finding(criterion, Status.MISSING, (), (
            f"reported by an oversight body (\"{_shorten(by, 60)}\"), not adopted by the force: "
            f"\"{_shorten(first.text.strip())}\" ({cite}) is the force's practice in another's "
            "words; the force's own policy has to state it"))
    if outcome.ok:
        evidence = _evidence(analysis, outcome)
        return Finding(criterion, Status.MET, evidence, f"stated at {evidence[0].location.cite()}")
    partial = _partial(criterion, rule, facts, analysis, candidates, near)
    if partial is not None:
        return partial
    reason = f"no passage states this; {near}" if near else "no passage states this"
    return Finding(criterion, Status.MISSING, (), reason)


def _vetoed(
    criterion: Criterion, analysis: Analysis, vetoed: Outcome, near: str, label: str,
) -> Finding:
    """Missing, because the document's own words undo it: quote where."""
    sent = analysis.sentences[min(vetoed.labels)]
    cite = analysis.document.blocks[sent.block].location.cite()
    reason = f"undone by \"{_shorten(sent.text.strip())}\" ({label}), {cite}"
    return Finding(criterion, Status.MISSING, (), f"{reason}; also {near}" if near else reason)
