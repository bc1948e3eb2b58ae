"""Concept matching: one PhraseMatcher/Matcher set compiled per vocabulary, fuzzy where asked."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import product
from typing import Any

from policycheck.engine.nlp import Sentence, normalise, pipeline, set_norms
from policycheck.rules.logic import Concept

GAP = "..."
MAX_GAP = 6  # words a '...' in a phrase may stand for (never punctuation or a clause word)
SEP = "\x1f"
_APOSTROPHES = ("'", "'s")


@dataclass(frozen=True, slots=True)
class Hit:
    """A concept said in a block: token span, the vocabulary term, and whether it was cancelled."""

    concept: str
    term: str
    start: int  # token offsets in the block's Doc
    end: int
    cancelled_by: str = ""  # a longer `except` phrase that names something else


@dataclass(frozen=True, slots=True)
class CompiledVocabulary:
    """Matchers for every concept of one rule set's vocabulary."""

    phrase: Any  # PhraseMatcher on NORM (lemmas)
    exact: Any  # PhraseMatcher on LOWER
    abbrev: Any  # PhraseMatcher on ORTH
    gaps: tuple[Any, Any, tuple[GapPhrase, ...]]  # segment matchers (lemma, lower), phrases
    unless: Any  # PhraseMatcher on NORM for `except` phrases
    fuzzy: tuple[tuple[str, str, int], ...]  # (concept, phrase, cutoff)
    specific: frozenset[str]
    keys: dict[int, tuple[str, str]]  # match id -> (concept, term)
    gap_starts: dict[str, list[GapPhrase]]  # first segment -> the gap phrases it begins


def _said(text: str, lemmas: bool) -> tuple[list[str], Any]:
    """A phrase's words (lemmas or lowercase) and its Doc, whose NORM holds the lemmas."""
    doc = set_norms(pipeline().make_doc(normalise(text)))
    return [t.norm_ if lemmas else t.lower_ for t in doc], doc


def _patterns(words: list[str], doc: Any = None) -> list[Any]:
    """Pattern Docs for every apostrophe form of `words`; the phrase's own Doc when it has one
    form (its NORM and LOWER are the words already: half the Docs a vocabulary needs)."""
    forms = variants(words)
    if doc is not None and forms == [words]:
        return [doc]
    return [_doc(form) for form in forms]


def variants(words: list[str]) -> list[list[str]]:
    """Apostrophe-insensitive forms: Victims' Code, Victim's Code and Victims Code."""
    options = [[*_APOSTROPHES, ""] if w in _APOSTROPHES else [w] for w in words]
    out: list[list[str]] = []
    for combo in product(*options):
        form = [w for w in combo if w]
        if form and form not in out:
            out.append(form)
    return out


def _doc(words: list[str]) -> Any:
    from spacy.tokens import Doc

    doc = Doc(pipeline().vocab, words=words)
    for token in doc:
        token.norm_ = token.text
    return doc


@dataclass(frozen=True, slots=True)
class GapPhrase:
    """A phrase with '...' gaps: its word segments, stitched together after phrase matching."""

    concept: str
    term: str
    segments: tuple[str, ...]
    later: frozenset[str]  # the segments after the first, for a quick test that all occur


@functools.cache
def _stop_words() -> frozenset[str]:
    from policycheck.engine.cues import CLAUSE_WORDS, NEGATIONS

    # A gap never swallows punctuation, a clause word or a negation the phrase did not name.
    return CLAUSE_WORDS | NEGATIONS


def _bare_lexeme(vocab: Any, name: str) -> int:
    """The id of a match key, with its lexeme made without word attributes.

    `PhraseMatcher.add` makes a lexeme of every key, and spaCy computes a word's shape, prefix,
    number-likeness and a dozen more for it: about a third of compiling a vocabulary of 3,000
    phrases. A key ('CONCEPT\x1fsome phrase') is never a word of a document, so it needs none.
    """
    orth = vocab.strings.add(name)
    if orth not in vocab:
        getters, vocab.lex_attr_getters = vocab.lex_attr_getters, None
        try:
            vocab[orth]
        finally:
            vocab.lex_attr_getters = getters
    return int(orth)


@functools.cache
def compile_vocabulary(concepts: tuple[Concept, ...]) -> CompiledVocabulary:
    """Build the matchers once per vocabulary (rule sets sharing one vocabulary share them)."""
    vocab = pipeline().vocab  # first: it imports spaCy the quick way
    from spacy.matcher import PhraseMatcher

    phrase, exact = PhraseMatcher(vocab, attr="NORM"), PhraseMatcher(vocab, attr="LOWER")
    abbrev, unless = PhraseMatcher(vocab, attr="ORTH"), PhraseMatcher(vocab, attr="NORM")
    segments = {True: PhraseMatcher(vocab, attr="NORM"), False: PhraseMatcher(vocab, attr="LOWER")}
    gaps: list[GapPhrase] = []
    fuzzy: list[tuple[str, str, int]] = []
    keys: dict[int, tuple[str, str]] = {}
    seen_segments: set[str] = set()

    def key(concept: str, term: str) -> str:
        name = f"{concept}{SEP}{term}"
        keys[_bare_lexeme(vocab, name)] = (concept, term)
        return name

    def segment(words: list[str], lemmas: bool) -> str:
        name = f"{'lemma' if lemmas else 'lower'}{SEP}{' '.join(words)}"
        if name not in seen_segments:
            seen_segments.add(name)
            keys[_bare_lexeme(vocab, name)] = ("", name)
            segments[lemmas].add(name, _patterns(words))
        return name

    for c in concepts:
        for text, lemmas in [(p, True) for p in c.phrases] + [(p, False) for p in c.exact]:
            words, doc = _said(text, lemmas)
            if GAP in text.split():
                parts = " ".join(words).split(f" {GAP} ")
                segs = tuple(segment(part.split(), lemmas) for part in parts)
                gaps.append(GapPhrase(c.name, text, segs, frozenset(segs[1:])))
                continue
            (phrase if lemmas else exact).add(key(c.name, text), _patterns(words, doc))
        for abbr in c.abbreviations:
            forms = [abbr, abbr + "s", abbr + "S"] if abbr[-1].isupper() else [abbr]
            abbrev.add(key(c.name, abbr), [_doc([f]) for f in forms])
        for text in c.unless_within:
            unless.add(key(c.name, text), _patterns(*_said(text, True)))
        fuzzy += [(c.name, p, c.fuzzy_cutoff) for p in c.fuzzy]
    specific = frozenset(c.name for c in concepts if c.specific)
    return CompiledVocabulary(
        phrase,
        exact,
        abbrev,
        (segments[True], segments[False], tuple(gaps)),
        unless,
        tuple(fuzzy),
        specific,
        keys,
        _by_first_segment(gaps),
    )


@functools.cache
def _stop_ids(strings: Any) -> frozenset[int]:
    """The string ids of the stop words in one string store (one per pipeline)."""
    return frozenset(strings.add(w) for w in _stop_words())


def _stops(doc: Any) -> list[bool]:
    """Per token: may a gap not pass it (punctuation, clause word, negation)? A slash joins
    ('run PNC/PND checks', 'and/or'): a gap passes it."""
    from spacy.attrs import IS_PUNCT, NORM

    stop_ids = _stop_ids(doc.vocab.strings)
    slash = doc.vocab.strings.add("/")
    return [(bool(p) and n != slash) or n in stop_ids
            for p, n in doc.to_array([IS_PUNCT, NORM]).tolist()]


def _by_first_segment(phrases: list[GapPhrase]) -> dict[str, list[GapPhrase]]:
    out: dict[str, list[GapPhrase]] = {}
    for gp in phrases:
        out.setdefault(gp.segments[0], []).append(gp)
    return out


def _follow(
    segments: tuple[str, ...],
    end: int,
    occurrences: dict[str, list[tuple[int, int]]],
    stop: list[bool],
) -> int | None:
    """The end of the earliest chain of `segments` after token `end`, or None."""
    for seg in segments:
        nexts = [
            (s, e)
            for s, e in occurrences[seg]
            if end <= s <= end + MAX_GAP and not any(stop[end:s])
        ]
        if not nexts:
            return None
        end = min(nexts)[1]
    return end


def _stitch(compiled: CompiledVocabulary, doc: Any) -> list[tuple[str, str, int, int]]:
    """Gap phrases: each segment after the last within MAX_GAP words, no stop word between."""
    by_lemma, by_lower, phrases = compiled.gaps
    if not phrases:
        return []
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for key, start, end in _matches(by_lemma, doc) + _matches(by_lower, doc):
        occurrences.setdefault(compiled.keys[key][1], []).append((start, end))
    if not occurrences:
        return []
    stop: list[bool] = []
    found: list[tuple[str, str, int, int]] = []
    starting = compiled.gap_starts
    for gp in (gp for first in occurrences for gp in starting.get(first, ())):
        if not occurrences.keys() >= gp.later:  # the first segment occurs: it led here
            continue
        stop = stop or _stops(doc)
        for first_start, first_end in occurrences[gp.segments[0]]:
            last = _follow(gp.segments[1:], first_end, occurrences, stop)
            if last is not None:
                found.append((gp.concept, gp.term, first_start, last))
    return found


def _matches(matcher: Any, doc: Any) -> list[tuple[int, int, int]]:
    """A phrase matcher's (key, start, end) matches; an empty matcher is not run."""
    return matcher(doc) if len(matcher) else []


def _keyed(
    compiled: CompiledVocabulary,
    matches: list[tuple[int, int, int]],
) -> list[tuple[str, str, int, int]]:
    return [(*compiled.keys[key], start, end) for key, start, end in matches]


def find_hits(compiled: CompiledVocabulary, doc: Any) -> list[Hit]:
    """Every concept said in one block's Doc, longest gap matches only, `except`s applied."""
    matches = _matches(compiled.phrase, doc) + _matches(compiled.exact, doc)
    found = _keyed(compiled, matches + _matches(compiled.abbrev, doc))
    found += _stitch(compiled, doc)
    cancels = _keyed(compiled, _matches(compiled.unless, doc))
    hits: dict[tuple[str, int, int], Hit] = {}
    for concept, term, start, end in found:
        by = (
            next((t for c, t, s, e in cancels if c == concept and s < end and start < e), "")
            if cancels
            else ""
        )
        hit = Hit(concept, term, start, end, by)
        hits.setdefault((concept, start, end), hit)
    return sorted(hits.values(), key=lambda h: (h.start, h.end, h.concept))


def fuzzy_hits(
    compiled: CompiledVocabulary,
    sentences: tuple[Sentence, ...],
    docs: tuple[Any, ...],
    texts: list[str],
) -> list[tuple[int, Hit]]:
    """(sentence index, hit) for fuzzy phrases: rapidfuzz partial_ratio with a score cutoff."""
    if not compiled.fuzzy:
        return []
    from rapidfuzz import fuzz, process

    out: list[tuple[int, Hit]] = []
    for concept, phrase, cutoff in compiled.fuzzy:
        wanted = phrase.lower()
        for _text, _score, si in process.extract(
            wanted,
            texts,
            scorer=fuzz.partial_ratio,
            score_cutoff=cutoff,
            limit=None,
        ):
            sent = sentences[si]
            align = fuzz.partial_ratio_alignment(wanted, texts[si])
            if align is None:
                continue
            doc = docs[sent.block]
            span = doc.char_span(
                sent.start + align.dest_start,
                sent.start + align.dest_end,
                alignment_mode="expand",
            )
            if span is not None:
                out.append((si, Hit(concept, phrase, span.start, span.end)))
    return out
