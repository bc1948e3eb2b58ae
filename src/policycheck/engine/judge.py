"""Judging one sentence for one criterion: accepted, or rejected with the reason a reader gives."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from policycheck.engine import cues
from policycheck.engine.assess import Cue, Stance
from policycheck.engine.matcher import Hit
from policycheck.rules.logic import AllOf, AnyOf, Concept, Condition, Rule, leaves


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a sentence (or one hit in it) does not count: near-miss kind and the words."""

    kind: str
    words: str


def _negated_before(stance: Stance, cue: Cue, covered: set[int]) -> bool:
    clause = stance.clause_of(cue.start)
    return any(
        i < cue.start and stance.clause_of(i) == clause and i not in covered
        for i in stance.negations
    )


def _officer_said(stance: Stance, cue: Cue, doc: object) -> bool:
    """Advice-giving is inverted only when officers or staff are the ones giving it.

    The nearest actor before the cue decides: 'Officers will give the details of an organisation
    regulated to provide immigration advice' is about the organisation, not the officers.
    """
    clause = stance.clause_of(cue.start)
    for i in range(cue.start - 1, stance.sentence.tok_start - 1, -1):
        if stance.clause_of(i) != clause:
            break
        norm = doc[i].norm_  # type: ignore[index]
        if norm in cues.THIRD_PARTY_WORDS:
            return False
        if norm in cues.OFFICER_WORDS:
            return True
    return False


@functools.cache
def partners(cond: Condition) -> dict[str, set[str]]:
    """Concept -> the concepts of the innermost `all` it stands in (itself included)."""
    out: dict[str, set[str]] = {}

    def walk(node: Condition, group: frozenset[str]) -> None:
        match node:
            case AllOf(parts=parts):
                inner = frozenset(leaf.concept for leaf in leaves(node))
                for part in parts:
                    walk(part, inner)
            case AnyOf(parts=parts):
                for part in parts:
                    walk(part, group)
            case _:
                for leaf in leaves(node):
                    out.setdefault(leaf.concept, {leaf.concept}).update(group)

    walk(cond, frozenset())
    return out


@dataclass(frozen=True, slots=True)
class Judging:
    """What judging needs to know of one criterion's rule, worked out once per criterion."""

    rule: Rule
    vocab: dict[str, Concept]
    mates: dict[str, set[str]]  # concept -> its partners (see `partners`)
    named: frozenset[str]  # every concept the condition names
    negative: frozenset[str]  # the vocabulary's `negative` concepts

    @classmethod
    def of(cls, rule: Rule) -> Judging:
        """The judging context of `rule`."""
        return cls(
            rule,
            {c.name: c for c in rule.concepts},
            partners(rule.root),
            frozenset(leaf.concept for leaf in leaves(rule.root)),
            frozenset(c.name for c in rule.concepts if c.negative),
        )


def covered_tokens(hits: list[Hit], judging: Judging, concept: str | None = None) -> set[int]:
    """Tokens inside a phrase: the 'no' of 'no recourse to public funds' negates nothing.

    A `negative` concept ("not ... share") covers its negation only for the concepts that must
    stand with it in the criterion (the negation is then the content the criterion asks for).
    """
    mates = judging.mates.get(concept, set()) if concept else judging.named
    negative = judging.negative
    return {
        i
        for h in hits
        if not h.cancelled_by and (h.concept in mates or h.concept not in negative)
        for i in range(h.start, h.end)
    }


def reject_sentence(
    stance: Stance, judging: Judging, hits: list[Hit], doc: object
) -> Rejection | None:
    """The first reason, among those the rule set switches on, that the sentence does not count."""
    rule, vocab = judging.rule, judging.vocab
    on = rule.assess
    by_kind: dict[str, list[Cue]] = {}
    for cue in stance.cues:
        by_kind.setdefault(cue.kind, []).append(cue)
    if "exclusion" in on:
        if by_kind.get("exclusion"):
            return Rejection("exclusion", by_kind["exclusion"][0].text)
        if stance.excluded_heading:
            return Rejection("exclusion", f"under the heading '{stance.excluded_heading}'")
    if "deferral" in on and by_kind.get("deferral"):
        return Rejection("deferral", by_kind["deferral"][0].text)
    if "scrutiny" in on and by_kind.get("scrutiny"):
        return Rejection("scrutiny", by_kind["scrutiny"][0].text)
    if "citation" in on and by_kind.get("citation") and not stance.committed:
        return Rejection("citation", by_kind["citation"][0].text)
    if "inverted" in on and by_kind.get("inverted"):
        covered = covered_tokens(hits, judging)
        for cue in by_kind["inverted"]:
            if _negated_before(stance, cue, covered):
                continue
            if cue.source != "advice-giving" or _officer_said(stance, cue, doc):
                return Rejection("inverted", cue.text)
    present = {h.concept for h in hits if not h.cancelled_by}
    for ex in rule.exclude:
        if ex.concept in present and not (ex.unless and ex.unless in present):
            hit = next(h for h in hits if h.concept == ex.concept and not h.cancelled_by)
            words = doc[hit.start : hit.end].text  # type: ignore[index]
            return Rejection(vocab[ex.concept].near_miss or "wrong-object", words)
    if "generic" in on and by_kind.get("generic") and not stance.concrete:
        specific = any(vocab[c].specific for c in present if c in vocab)
        if not specific:
            return Rejection("generic", by_kind["generic"][0].text)
    return None


def _inside_negative(hit: Hit, hits: list[Hit], judging: Judging, doc: object) -> Hit | None:
    """A `negative` phrase reaching into the hit ('not to pass') denies a positive concept.

    It does not when the negative concept stands with the hit's concept in the criterion: then the
    negation is the content asked for.
    """
    negative = judging.negative
    if hit.concept in negative:
        return None
    for h in hits:
        if h.concept in negative and not h.cancelled_by and h.start < hit.start < h.end:
            mates = judging.mates.get(hit.concept, {hit.concept})
            if h.concept not in mates and any(
                doc[i].norm_ in cues.NEGATIONS  # type: ignore[index]
                for i in range(h.start, hit.start)
            ):
                return h
    return None


def reject_hit(
    stance: Stance, hit: Hit, hits: list[Hit], judging: Judging, doc: object
) -> Rejection | None:
    """A hit in a clause negated by a word no vocabulary phrase accounts for does not count."""
    if hit.cancelled_by:
        return Rejection("wrong-object", hit.cancelled_by)
    if "attribution" in judging.rule.assess:
        for voice in stance.voiced:
            if voice.start <= hit.start < voice.end:
                return Rejection(voice.kind, voice.words)
    if "negation" not in judging.rule.assess:
        return None
    denied = _inside_negative(hit, hits, judging, doc)
    if denied is not None:
        return Rejection("negation", doc[denied.start : denied.end].text)  # type: ignore[index]
    if not stance.negations:
        return None
    clause = stance.clause_of(hit.start)
    if not any(i < hit.end and stance.clause_of(i) == clause for i in stance.negations):
        return None
    covered = covered_tokens(hits, judging, hit.concept)
    for i in stance.negations:
        # Negation reaches forward (NegEx): the subject before 'not' is not denied.
        if i < hit.end and i not in covered and stance.clause_of(i) == clause:
            return Rejection("negation", doc[i].text)  # type: ignore[index]
    return None
