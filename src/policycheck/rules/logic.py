"""The compiled form of a criterion's rule: frozen values the engine evaluates."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Scope(StrEnum):
    """How close together the parts of an `all` must stand."""

    SENTENCE = "sentence"
    ROW = "row"  # cells of one table row (a paragraph outside tables)
    CELLS = "cells"  # cells of one table row only (a sentence outside tables)
    PARAGRAPH = "paragraph"
    PASSAGE = "passage"  # a paragraph with the list it leads into (a paragraph, a table row)
    SECTION = "section"
    DOCUMENT = "document"


# Sentence assessments a rule set can switch on: each rejects a sentence for one reason.
ASSESSMENTS = ("exclusion", "negation", "deferral", "citation", "generic", "inverted",
               "attribution", "scrutiny")

# The kinds of near-miss a `missing` example illustrates.
NEAR_MISS_KINDS = (
    "negation",
    "exclusion",
    "deferral",
    "wrong-object",
    "wrong-population",
    "citation",
    "generic",
    "inverted",
    "incomplete",
    "heading",
    "attributed",
    "history",
    "scrutiny",
)


@dataclass(frozen=True, slots=True)
class Concept:
    """A resolved vocabulary: includes flattened, phrases validated."""

    name: str
    description: str = ""
    phrases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    fuzzy: tuple[str, ...] = ()
    fuzzy_cutoff: int = 90
    unless_within: tuple[str, ...] = ()
    specific: bool = False
    negative: bool = False
    near_miss: str | None = None
    numbers: str | None = None  # "phone": a telephone number also says the concept

    @property
    def label(self) -> str:
        """How reasons name the concept."""
        return self.description or self.name


@dataclass(frozen=True, slots=True)
class ConceptRef:
    """Satisfied by a sentence that says the concept (`min` distinct terms when > 1)."""

    concept: str
    label: str
    min: int = 1


@dataclass(frozen=True, slots=True)
class HeadingRef:
    """Satisfied by text under a heading (or the title) that says the concept.

    With `title_only`, only the document's title (or its first heading) counts: the whole
    document is then about the concept, not one section of it. With `absent` as well, it is
    satisfied everywhere in a document whose title does NOT say the concept (`untitled:`).
    """

    concept: str
    label: str
    title_only: bool = False
    absent: bool = False

    @property
    def key(self) -> str:
        """Where facts file this reference: titles apart from headings, absences apart."""
        if self.absent:
            return f"untitled:{self.concept}"
        return f"title:{self.concept}" if self.title_only else self.concept


@dataclass(frozen=True, slots=True)
class AboutRef:
    """Satisfied by a sentence whose context says the concept: the sentence itself, its
    paragraph, the list it belongs to and that list's lead-in, its table row and header row, the
    headings above it and the title, its section when the section is short, and, for a sentence
    that refers back ('Instead, ...', 'In such cases ...'), the paragraph before it."""

    concept: str
    label: str


@dataclass(frozen=True, slots=True)
class Without:
    """Satisfied by a unit that does not say the concept (inside an `all`: "... and not ...")."""

    concept: str
    label: str


@dataclass(frozen=True, slots=True)
class AllOf:
    """Every part, together within one sentence / paragraph / section / the document."""

    parts: tuple[Condition, ...]
    within: Scope
    label: str


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least `min` parts (one by default)."""

    parts: tuple[Condition, ...]
    label: str
    min: int = 1


Condition = ConceptRef | HeadingRef | AboutRef | Without | AllOf | AnyOf


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A concept that disqualifies a sentence unless the sentence also says `unless`."""

    concept: str
    unless: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """What the engine evaluates for one criterion (stored in model.Criterion.condition)."""

    root: Condition
    exclude: tuple[Exclusion, ...]
    assess: frozenset[str]
    concepts: tuple[Concept, ...]  # the rule set's whole vocabulary, sorted by name
    line: int | None = None
    # Where this holds in the document's own words (whoever else is quoted), nothing meets the
    # criterion: a no-sharing rule whose own statement carries a broad exception is swallowed.
    veto: Condition | None = None
    # Only the force can adopt it: an oversight body's document (engine.author) reports it.
    force_practice: bool = False

    def concept(self, name: str) -> Concept:
        """The concept called `name`."""
        for c in self.concepts:
            if c.name == name:
                return c
        raise KeyError(name)


@dataclass(frozen=True, slots=True)
class Relevance:
    """What a document must be about before any criterion of a rule set can be met."""

    root: Condition
    label: str
    at_least: int  # units (of the root's `within`) where the condition holds
    concepts: tuple[Concept, ...]
    # (concept, rather than, label): a document that says the first in at least
    # MAINLY_MIN sentences and MAINLY_RATIO times as many as the second is about the first
    unless_mainly: tuple[str, str, str] | None = None


def leaves(cond: Condition) -> list[ConceptRef | HeadingRef | AboutRef]:
    """Every concept, heading or context reference in a condition tree, in order (a `without`
    names what must be absent, so it is no leaf)."""
    match cond:
        case ConceptRef() | HeadingRef() | AboutRef():
            return [cond]
        case AllOf(parts=parts) | AnyOf(parts=parts):
            return [leaf for p in parts for leaf in leaves(p)]
    return []
