"""Sentence assessment: the stance of each sentence, found once per document, used by every rule."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from policycheck.engine import cues
from policycheck.engine.matcher import Hit, compile_vocabulary, find_hits
from policycheck.engine.nlp import Analysis, Sentence
from policycheck.engine.voice import Voice, voices

KIND_OF_CUE = {
    "exclusion": "exclusion",
    "deferral": "deferral",
    "citation": "citation",
    "generic": "generic",
    "inverted-referral": "inverted",
    "inverted-contact": "inverted",
    "advice-giving": "inverted",
    "scrutiny": "scrutiny",
}


@dataclass(frozen=True, slots=True)
class Cue:
    """A stance phrase found in a sentence: its kind, the words, and its token span."""

    kind: str
    text: str
    start: int
    end: int
    source: str = ""  # the cue vocabulary it came from


@dataclass(frozen=True, slots=True)
class Stance:
    """What a careful reader notices about one sentence before asking what it is about."""

    sentence: Sentence
    clauses: tuple[int, ...]  # clause number of every token of the sentence
    negations: tuple[int, ...]  # token offsets (in the block's Doc) of negation words
    cues: tuple[Cue, ...]
    committed: bool  # says must / will / should / ensure ... outside any citation phrase
    concrete: bool  # names a number (a phone number, a year, a section)
    excluded_heading: str = ""  # a heading above it says its content is out of scope
    voiced: tuple[Voice, ...] = ()  # spans that are someone else's words (see engine.voice)

    def clause_of(self, token: int) -> int:
        """The clause number of a token of this sentence."""
        return self.clauses[token - self.sentence.tok_start]


def _clauses(norms: list[str], texts: list[str], sent: Sentence) -> tuple[int, ...]:
    """Clause numbers: punctuation, clause words, 'and will' and a modal after 'not' start one."""
    out: list[int] = []
    n = 0
    denied = False  # a 'not' or 'never' has negated a verb of this clause
    for i in range(sent.tok_start, sent.tok_end):
        norm = norms[i]
        nxt = norms[i + 1] if i + 1 < sent.tok_end else ""
        prev = norms[i - 1] if i > sent.tok_start else ""
        boundary = (
            texts[i] in cues.CLAUSE_PUNCT
            # 'does not record whether a victim was told': the whether-clause is what is not known
            or (norm in cues.CLAUSE_WORDS and not (norm == "whether" and prev in cues.KNOWING))
            or (norm == "and" and nxt in {"will", "must", "shall", "should"})
            or (denied and norm in cues.MODALS)
        )
        if boundary and out:
            n += 1
            denied = False
        denied = denied or norm in {"not", "never"}
        out.append(n)
    return tuple(out)


def _words(docs: tuple[Any, ...]) -> list[tuple[list[str], list[str]]]:
    """Per block: every token's norm (its lowercase lemma) and its text."""
    from spacy.attrs import NORM, ORTH

    strings: dict[int, str] = {}  # string id -> string: most words recur
    out: list[tuple[list[str], list[str]]] = []
    for doc in docs:
        store = doc.vocab.strings
        norms: list[str] = []
        texts: list[str] = []
        for norm_id, orth_id in doc.to_array([NORM, ORTH]).tolist():
            norm = strings.get(norm_id)
            if norm is None:
                norm = strings[norm_id] = store[norm_id]
            text = strings.get(orth_id)
            if text is None:
                text = strings[orth_id] = store[orth_id]
            norms.append(norm)
            texts.append(text)
        out.append((norms, texts))
    return out


def _cue_hits(analysis: Analysis) -> list[list[Hit]]:
    compiled = compile_vocabulary(cues.CUE_CONCEPTS)
    return [find_hits(compiled, doc) for doc in analysis.docs]


def _excluded_headings(analysis: Analysis) -> dict[str, str]:
    compiled = compile_vocabulary((cues.EXCLUDED_HEADING,))
    return {text: text for text, doc in analysis.headings.items() if find_hits(compiled, doc)}


@functools.lru_cache(maxsize=8)
def stances(analysis: Analysis) -> tuple[Stance, ...]:
    """The stance of every sentence of an analysed document."""
    per_block = _cue_hits(analysis)
    out_of_scope = _excluded_headings(analysis)
    blocks = analysis.document.blocks
    result: list[Stance] = []
    words = _words(analysis.docs)
    voiced = voices(analysis, per_block, words)
    for sent in analysis.sentences:
        doc = analysis.docs[sent.block]
        norms, texts = words[sent.block]
        inside = [
            h for h in per_block[sent.block] if h.start >= sent.tok_start and h.end <= sent.tok_end
        ]
        found = tuple(
            Cue(KIND_OF_CUE[h.concept], doc[h.start : h.end].text, h.start, h.end, h.concept)
            for h in inside
            if h.concept in KIND_OF_CUE and not h.cancelled_by
        ) + _aim(doc, norms, sent)
        tokens = range(sent.tok_start, sent.tok_end)
        in_citation = {i for c in found if c.kind == "citation" for i in range(c.start, c.end)}
        heading = next(
            (h for h in blocks[sent.block].location.heading_path if h in out_of_scope), ""
        )
        result.append(
            Stance(
                sentence=sent,
                clauses=_clauses(norms, texts, sent),
                negations=tuple(i for i in tokens if _negates(norms, i, sent)),
                cues=_with_help(found, norms, sent),
                committed=_committed(norms, sent, in_citation),
                concrete=_DIGIT.search(_unnumbered(sent.text)) is not None,
                excluded_heading=heading,
                voiced=voiced[sent.index],
            )
        )
    return tuple(result)


def _committed(norms: list[str], sent: Sentence, in_citation: set[int]) -> bool:
    """Says must / will / should / ensure ... outside any citation phrase."""
    if not in_citation:
        return not cues.COMMITMENT.isdisjoint(norms[sent.tok_start:sent.tok_end])
    return any(norms[i] in cues.COMMITMENT
               for i in range(sent.tok_start, sent.tok_end) if i not in in_citation)


def _negates(norms: list[str], i: int, sent: Sentence) -> bool:
    """A negation word that negates its clause (not 'whether or not', 'decided not to')."""
    norm = norms[i]
    if norm not in cues.NEGATIONS:
        return False
    if norm != "not":
        return True
    prev = norms[i - 1] if i > sent.tok_start else ""
    nxt = norms[i + 1] if i + 1 < sent.tok_end else ""
    if prev == "or" or nxt == "only":
        return False
    return not (nxt == "to" and prev not in cues.AUXILIARIES)


def _with_help(found: tuple[Cue, ...], norms: list[str], sent: Sentence) -> tuple[Cue, ...]:
    """An 'inverted' referral counts only when it is for advice or help."""
    out: list[Cue] = []
    for cue in found:
        if cue.kind == "inverted" and cue.text and _needs_help(cue, norms, sent):
            continue
        out.append(cue)
    return tuple(out)


# What is sent, not who: 'the referral and the information in it will be sent to the Home
# Office' passes information on; it does not send the victim there for help.
_SENT_THINGS = frozenset({"information", "referral", "form", "detail", "data", "record",
                          "notification", "report", "it", "they", "document", "application"})


def _needs_help(cue: Cue, norms: list[str], sent: Sentence) -> bool:
    """True when a referral cue has no help word after it, or what it sends is information
    (so it is not an inverted referral)."""
    if norms[cue.start] not in {"refer", "signpost", "direct", "send", "put"}:
        return False
    if norms[cue.start] == "send" and set(
            norms[max(sent.tok_start, cue.start - 8):cue.start]) & _SENT_THINGS:
        return True
    after = set(norms[cue.end : sent.tok_end])
    return not after & set(cues.HELP_WORDS)


_DIGIT = re.compile(r"\d")
# An objective in a plan's table ('Improve the routes by which migrant victims can report'):
# something to achieve, not something done. An SOP's steps ('Refer', 'Record') are instructions.
AIMS = frozenset({"improve", "strengthen", "enhance", "increase", "expand", "explore", "broaden",
                  "widen", "grow"})


def _aim(doc: Any, norms: list[str], sent: Sentence) -> tuple[Cue, ...]:
    """A deferral cue for a sentence that opens with an aim's verb, bare."""
    i = sent.tok_start
    while i < sent.tok_end and not doc[i].is_alpha:
        i += 1
    if i >= sent.tok_end or norms[i] not in AIMS or doc[i].text.lower() != norms[i]:
        return ()
    return (Cue("deferral", doc[i].text, i, i + 1, "aim"),)


def _unnumbered(text: str) -> str:
    """The sentence without its paragraph number ('12.1 All sharing ...'): a number that only
    orders the text makes nothing concrete."""
    head, _, rest = text.lstrip().partition(" ")
    if rest and head.rstrip(".)").replace(".", "").isdigit():
        return rest
    return text
