"""Gather, per criterion, which concept hits count and which are near-misses."""

from __future__ import annotations

import functools
import re
from typing import Any

from policycheck.engine.assess import stances
from policycheck.engine.context import in_context
from policycheck.engine.evaluate import Accepted, Facts, NearMiss, Outcome, holds
from policycheck.engine.judge import Judging, Rejection, reject_hit, reject_sentence
from policycheck.engine.matcher import Hit, compile_vocabulary, find_hits, fuzzy_hits
from policycheck.engine.nlp import Analysis, normalise
from policycheck.engine.numbers import TERM as PHONE_TERM
from policycheck.engine.numbers import may_hold_phone, phone_spans
from policycheck.model import Block, BlockKind, Criterion
from policycheck.rules.logic import (
    AboutRef,
    AllOf,
    AnyOf,
    Concept,
    ConceptRef,
    Condition,
    HeadingRef,
    Rule,
    Without,
    leaves,
)


@functools.lru_cache(maxsize=32)
def sentence_hits(analysis: Analysis, concepts: tuple[Concept, ...]) -> tuple[list[Hit], ...]:
    """Every vocabulary hit of every sentence (fuzzy phrases included)."""
    compiled = compile_vocabulary(concepts)
    per_sentence: list[list[Hit]] = [[] for _ in analysis.sentences]
    by_block: dict[int, list[int]] = {}
    for sent in analysis.sentences:
        by_block.setdefault(sent.block, []).append(sent.index)
    for block, indices in by_block.items():
        for hit in find_hits(compiled, analysis.docs[block]):
            for si in indices:
                s = analysis.sentences[si]
                if s.tok_start <= hit.start and hit.end <= s.tok_end:
                    per_sentence[si].append(hit)
                    break
    phone = [c.name for c in concepts if c.numbers == "phone"]
    for sent in analysis.sentences if phone else ():
        if not may_hold_phone(sent.text):
            continue
        for a, b in phone_spans(analysis.docs[sent.block], sent.tok_start, sent.tok_end):
            per_sentence[sent.index].extend(Hit(name, PHONE_TERM, a, b) for name in phone)
    _abbreviated(analysis, per_sentence)
    texts = [normalise(s.text).lower() for s in analysis.sentences]
    for si, hit in fuzzy_hits(compiled, analysis.sentences, analysis.docs, texts):
        if not any(h.concept == hit.concept for h in per_sentence[si]):
            per_sentence[si].append(hit)
    return tuple(per_sentence)


_NAME_JOINERS = frozenset({"of", "and", "for", "the", "on", "in", "to", "&", "'s", "’s"})


def _abbreviated(analysis: Analysis, per_sentence: list[list[Hit]]) -> None:
    """A name the document abbreviates ('the Brinsford Migrant Rights Centre (BMRC)') is said
    again wherever the abbreviation stands ('officers refer by calling BMRC'): every concept the
    capitalised name says, its abbreviation says too."""
    aliases: dict[str, list[Hit]] = {}
    short: dict[str, list[Hit]] = {}  # 'Nenthead Migrant Support Project ("the Project")'
    for sent in analysis.sentences:
        doc = analysis.docs[sent.block]
        for hit in per_sentence[sent.index]:
            i = hit.end
            if hit.cancelled_by or i + 2 >= sent.tok_end or doc[i].text != "(":
                continue
            word = _short_name(doc, i, sent.tok_end) if hit.concept in _ORGANISATIONS else ""
            if word and all(t.text[:1].isupper() or t.text.lower() in _NAME_JOINERS
                            for t in doc[hit.start:hit.end]):
                short.setdefault(word, []).append(hit)
                continue
            if doc[i + 2].text != ")":
                continue
            abbr = doc[i + 1].text
            if not (2 <= len(abbr) <= 8 and abbr.isalpha() and abbr.isupper()):
                continue
            if all(t.text[:1].isupper() or t.text.lower() in _NAME_JOINERS
                   for t in doc[hit.start:hit.end]):
                aliases.setdefault(abbr, []).append(hit)
    if not aliases and not short:
        return
    for sent in analysis.sentences:
        doc = analysis.docs[sent.block]
        mine = per_sentence[sent.index]
        for j in range(sent.tok_start, sent.tok_end):
            said = aliases.get(doc[j].text, [])
            if j > sent.tok_start and doc[j - 1].lower_ == "the":
                said = [*said, *short.get(doc[j].text, ())]  # 'refer them to the Project'
            for named in said:
                if not any(h.concept == named.concept and h.start <= j < h.end for h in mine):
                    mine.append(Hit(named.concept, named.term, j, j + 1))


# A short name stands for the organisation the full name is, not for what its words say ('the
# Service' of 'Advice Service for Victims of Crime ("the Service")' names no victims).
_ORGANISATIONS = frozenset({"specialist-orgs"})
_QUOTE_TOKENS = frozenset({'"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "``", "''"})


def _short_name(doc: Any, i: int, end: int) -> str:
    """The capitalised word of a defined short name opening at doc[i] == '(': '("the
    Project")', '(the "Project")', '(the Service)'; '' when there is none."""
    j = i + 1
    while j < end and doc[j].text in _QUOTE_TOKENS:
        j += 1
    if j >= end or doc[j].lower_ != "the":
        return ""
    j += 1
    while j < end and doc[j].text in _QUOTE_TOKENS:
        j += 1
    if j >= end or not doc[j].text[:1].isupper() or not doc[j].text.isalpha():
        return ""
    word = doc[j].text
    j += 1
    while j < end and doc[j].text in _QUOTE_TOKENS:
        j += 1
    return word if j < end and doc[j].text == ")" else ""


@functools.lru_cache(maxsize=32)
def _hits_within(
    analysis: Analysis, shared: tuple[Concept, ...], concepts: tuple[Concept, ...],
) -> tuple[list[Hit], ...] | None:
    """The hits of `concepts`, taken from those of the wider `shared` vocabulary (None when
    `concepts` is not part of it)."""
    if not set(concepts) <= set(shared):
        return None
    hits = sentence_hits(analysis, shared)
    names = {c.name for c in concepts}
    if len(names) == len(shared):
        return hits
    return tuple([h for h in sent if h.concept in names] for sent in hits)


def hits_for(
    analysis: Analysis, concepts: tuple[Concept, ...], shared: tuple[Concept, ...] | None,
) -> tuple[list[Hit], ...]:
    """Every hit of `concepts` per sentence; through `shared` when it covers them."""
    if shared is not None and shared != concepts:
        within = _hits_within(analysis, shared, concepts)
        if within is not None:
            return within
    return sentence_hits(analysis, concepts)


@functools.lru_cache(maxsize=32)
def heading_matches(analysis: Analysis, concepts: tuple[Concept, ...]) -> dict[str, set[str]]:
    """Concept -> the heading texts (and title) that say it."""
    compiled = compile_vocabulary(concepts)
    out: dict[str, set[str]] = {}
    for text, doc in analysis.headings.items():
        for hit in find_hits(compiled, doc):
            if not hit.cancelled_by:
                out.setdefault(hit.concept, set()).add(text)
    return out


def _title(analysis: Analysis) -> set[str]:
    """The document's title, or failing that its first heading."""
    if analysis.document.title:
        return {analysis.document.title}
    first = next((b for b in analysis.document.blocks if b.kind is BlockKind.HEADING), None)
    return {first.text} if first is not None else set()


def _heading_matches(
    analysis: Analysis, concepts: tuple[Concept, ...], shared: tuple[Concept, ...] | None,
) -> dict[str, set[str]]:
    if shared is not None and shared != concepts and set(concepts) <= set(shared):
        return heading_matches(analysis, shared)  # read by concept name: extra names are unused
    return heading_matches(analysis, concepts)


def _headings(
    analysis: Analysis, rule: Rule, refs: list[HeadingRef], shared: tuple[Concept, ...] | None,
) -> tuple[dict[str, set[int]], dict[str, list[int]]]:
    matches = _heading_matches(analysis, rule.concepts, shared)
    blocks = analysis.document.blocks
    title = analysis.document.title
    under: dict[str, set[int]] = {}
    shown: dict[str, list[int]] = {}
    for ref in refs:
        name = ref.key
        texts = matches.get(ref.concept, set())
        if ref.title_only:
            texts = texts & _title(analysis)
            if ref.absent:  # `untitled:` holds everywhere when the title does not say it
                if not texts:
                    under[name] = {s.index for s in analysis.sentences}
                continue
            if texts:
                under[name] = {s.index for s in analysis.sentences}
                shown[name] = [
                    s.index
                    for s in analysis.sentences
                    if blocks[s.block].kind is BlockKind.HEADING and blocks[s.block].text in texts
                ][:1]
            continue
        if not texts:
            continue
        for sent in analysis.sentences:
            block = blocks[sent.block]
            is_heading = block.kind is BlockKind.HEADING and block.text in texts
            if is_heading or title in texts or texts & set(block.location.heading_path):
                under.setdefault(name, set()).add(sent.index)
            if is_heading:
                shown.setdefault(name, []).append(sent.index)
    return under, shown


def _span(doc: Any, hit: Hit, sent_start: int) -> tuple[int, int]:
    first, last = doc[hit.start], doc[hit.end - 1]
    return first.idx - sent_start, last.idx + len(last.text) - sent_start


def _heading(analysis: Analysis, si: int) -> Rejection | None:
    """A heading names a topic and commits to nothing: only `heading`/`titled` conditions use it.

    So does a short label naming a recommendation ('Rec 4 – telling victims how their
    information is used', a status table's first column): it is the recommendation's title.
    """
    return signposts_of(analysis)[si]


@functools.lru_cache(maxsize=8)
def signposts_of(analysis: Analysis) -> tuple[Rejection | None, ...]:
    """Per sentence, why it is a signpost (a heading, a label, a question) or None: read once
    per document, not once per criterion."""
    return tuple(_signpost(analysis, si) for si in range(len(analysis.sentences)))


def _signpost(analysis: Analysis, si: int) -> Rejection | None:
    block = analysis.document.blocks[analysis.sentences[si].block]
    if block.kind is BlockKind.HEADING or _recommendation_label(block.text) \
            or _right_title(block):
        return Rejection("heading", _quote(block.text))
    text = analysis.sentences[si].text.rstrip()
    if text.endswith("?") or _indirect_question(block.kind, text):  # a question states nothing
        return Rejection("question", _quote(text))
    return None


_ASKING = frozenset({"whether", "why", "what", "how", "which", "when", "who"})


def _indirect_question(kind: BlockKind, text: str) -> bool:
    """A list item that carries on a lead-in with a question ('whether victims are told ...;')."""
    first = text.lstrip().split(" ", 1)[0]
    return kind is BlockKind.LIST_ITEM and first in _ASKING


_REC_WORDS = ("rec", "rec.", "recommendation", "recommendations")
_TITLE_VERBS = ("to be", "to get", "to have", "to receive", "to make", "to understand",
                "to access", "to know", "to ask")


def _right_title(block: Block) -> bool:
    """A table cell that names a right ('To be given information about compensation'): a
    title in a table of rights, not a commitment to deliver it."""
    text = _RIGHT_NUMBER.sub("", block.text.strip())  # '2 – To have details ...', 'Right 5:'
    return (block.kind is BlockKind.TABLE_CELL and len(text.split()) <= 12
            and not text.endswith(".") and text.lower().startswith(_TITLE_VERBS))


_RIGHT_NUMBER = re.compile(r"^(?:right\s+)?\d{1,2}\s*[.:)\u2013\u2014-]?\s*", re.IGNORECASE)


def _recommendation_label(text: str) -> bool:
    """'Rec 4 – developed with specialist organisations', 'Recommendation 5: safe reporting'."""
    words = text.split()
    if len(words) > 12 or len(words) < 2 or words[0].lower() not in _REC_WORDS:
        return False
    number = words[1].rstrip(":.–-")
    return number.isdigit() and (words[1][-1:] in ":.–-" or (len(words) > 2 and words[2] in
                                                             ("–", "-", "—", ":")))


def _quote(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def facts_for(
    analysis: Analysis, criterion: Criterion, shared: tuple[Concept, ...] | None = None,
) -> Facts:
    """Judge every sentence that says one of the criterion's concepts (matched through the
    `shared` vocabulary of several rule sets when given)."""
    rule: Rule = criterion.condition
    judging = Judging.of(rule)
    refs = leaves(rule.root)
    wanted = {r.concept for r in refs if isinstance(r, ConceptRef)}
    heading_refs = [r for r in refs if isinstance(r, HeadingRef)]
    all_hits = hits_for(analysis, rule.concepts, shared)
    judged = stances(analysis)
    accepted: dict[int, list[Accepted]] = {}
    near: list[NearMiss] = []
    others = _other_population(analysis, rule, all_hits)
    for si, hits in enumerate(all_hits):
        mine = [h for h in hits if h.concept in wanted]
        if not mine:
            continue
        sent = analysis.sentences[si]
        doc = analysis.docs[sent.block]
        stance = judged[si]
        whole = _heading(analysis, si) or reject_sentence(stance, judging, hits, doc) \
            or others.get(si)
        for hit in mine:
            why = whole or reject_hit(stance, hit, hits, judging, doc)
            if why is None:
                accepted.setdefault(si, []).append(
                    Accepted(si, hit.concept, hit.term, _span(doc, hit, sent.start))
                )
            else:
                near.append(NearMiss(si, hit.concept, why.kind, why.words))
    under, shown = _headings(analysis, rule, heading_refs, shared)
    context = _context(analysis, rule, [r for r in refs if isinstance(r, AboutRef)], all_hits,
                       shared)
    absent = _withouts(rule.root)
    present = {name: {si for si, hits in enumerate(all_hits)
                      if any(h.concept == name and not h.cancelled_by for h in hits)}
               for name in absent}
    facts = Facts(accepted, near, under, shown, context, present)
    if rule.veto is not None:
        facts.vetoed = _vetoed(analysis, rule.veto, all_hits, judged)
    return facts


def _other_population(
    analysis: Analysis, rule: Rule, all_hits: tuple[list[Hit], ...],
) -> dict[int, Rejection]:
    """Sentences in a section about someone else (suspects, detainees, offenders) are about
    them too, though they never name them again: 'Information is shared with HOIE in the
    following circumstances: ... the OIC will notify HOIE' under '7.2 Home Office Immigration
    Enforcement', whose every paragraph is about arrested persons and FNOs.

    A section is about them when two or more of its sentences name them (a `wrong-population`
    exclusion's concept) and none of its sentences names the exclusion's `unless`.
    """
    out: dict[int, Rejection] = {}
    near = {c.name: c.near_miss for c in rule.concepts}
    excl = [ex for ex in rule.exclude
            if ex.unless is not None and near.get(ex.concept) == "wrong-population"]
    if not excl:
        return out
    for ex in excl:
        for members in _sections_of(analysis):
            named = [si for si in members if any(
                h.concept == ex.concept and not h.cancelled_by for h in all_hits[si])]
            if len(named) < SECTION_MENTIONS or any(
                    h.concept == ex.unless and not h.cancelled_by
                    for si in members for h in all_hits[si]):
                continue
            first = next(h for h in all_hits[named[0]] if h.concept == ex.concept)
            words = analysis.docs[analysis.sentences[named[0]].block][first.start:first.end].text
            why = Rejection("wrong-population", f"a section about {words}")
            for si in members:
                out.setdefault(si, why)
    return out


SECTION_MENTIONS = 2  # sentences naming the other population before a section is about it


@functools.lru_cache(maxsize=8)
def _sections_of(analysis: Analysis) -> tuple[tuple[int, ...], ...]:
    """The sentences of each section (under the same headings), grouped once per document."""
    blocks = analysis.document.blocks
    sections: dict[tuple[str, ...], list[int]] = {}
    for sent in analysis.sentences:
        path = blocks[sent.block].location.heading_path
        if path:
            sections.setdefault(path, []).append(sent.index)
    return tuple(tuple(members) for members in sections.values())


def _vetoed(
    analysis: Analysis, veto: Condition, all_hits: tuple[list[Hit], ...], judged: Any,
) -> Outcome | None:
    """Where the veto holds on the document's own words (not headings, not quoted or reported
    text), whatever else the sentence does; None when it holds nowhere."""
    wanted = {r.concept for r in leaves(veto) if isinstance(r, ConceptRef)}
    own: dict[int, list[tuple[int, Accepted]]] = {}
    for si, hits in enumerate(all_hits):
        if _heading(analysis, si) is not None:
            continue
        voiced = judged[si].voiced
        for h in hits:
            if h.concept in wanted and not h.cancelled_by and not any(
                    v.start <= h.start < v.end for v in voiced):
                own.setdefault(si, []).append(
                    (h.start, Accepted(si, h.concept, h.term, (0, 0))))
    present = {name: {si for si, hits in enumerate(all_hits)
                      if any(h.concept == name and not h.cancelled_by for h in hits)}
               for name in _withouts(veto)}
    # An instruction list run together with semicolons ('do not ask about status unless
    # relevant to immediate risk; never pass a caller to Immigration Enforcement') is several
    # rules: an exception in one does not qualify the rule in another.
    out = Outcome(False)
    for si, found in own.items():
        sent = analysis.sentences[si]
        doc = analysis.docs[sent.block]
        cuts = [i for i in range(sent.tok_start, sent.tok_end) if doc[i].text == ";"]
        for a, b in zip([sent.tok_start, *cuts], [*cuts, sent.tok_end], strict=True):
            part = {si: [acc for start, acc in found if a <= start < b]}
            if not part[si]:
                continue
            sub = holds(veto, [si], Facts(part, [], {}, {}, {}, present), analysis)
            if sub.ok:
                out.ok = True
                out.add(sub)
                break
    return out if out.ok else None


@functools.cache
def _withouts(cond: Condition) -> frozenset[str]:
    """The concepts a condition asks to be absent (`without`)."""
    match cond:
        case Without(concept=name):
            return frozenset({name})
        case AllOf(parts=parts) | AnyOf(parts=parts):
            return frozenset().union(*(_withouts(p) for p in parts))
    return frozenset()


def _context(
    analysis: Analysis, rule: Rule, refs: list[AboutRef], all_hits: tuple[list[Hit], ...],
    shared: tuple[Concept, ...] | None,
) -> dict[str, set[int]]:
    """Concept -> the sentences whose context (not necessarily their own words) says it."""
    if not refs:
        return {}
    del all_hits  # read again, through the cache, by concept
    return {name: set(_context_of(analysis, name, rule.concepts, shared))
            for name in {r.concept for r in refs}}


@functools.lru_cache(maxsize=64)
def _context_of(
    analysis: Analysis, name: str, concepts: tuple[Concept, ...],
    shared: tuple[Concept, ...] | None,
) -> frozenset[int]:
    """The sentences whose context says `name`: worked out once per document and concept, for
    every criterion that asks (`about:`)."""
    said = {si for si, hits in enumerate(hits_for(analysis, concepts, shared))
            if any(h.concept == name and not h.cancelled_by for h in hits)}
    matches = _heading_matches(analysis, concepts, shared)
    return frozenset(in_context(analysis, said, matches.get(name, set())))
