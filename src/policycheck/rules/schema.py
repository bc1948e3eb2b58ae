"""The rule-file schema: pydantic models that reject unknown keys and malformed values."""

from __future__ import annotations

from itertools import pairwise
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policycheck.rules.logic import ASSESSMENTS, NEAR_MISS_KINDS, Scope

CONDITION_KINDS = ("concept", "all", "any", "heading", "titled", "untitled", "about", "without")
GAP = "..."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def check_phrase(text: str) -> str:
    """A phrase is words, optionally with '...' gaps between them (never regular expressions)."""
    words = text.split()
    if not words:
        raise ValueError("empty phrase")
    if words[0] == GAP or words[-1] == GAP:
        raise ValueError(f"phrase '{text}' may not start or end with '...'")
    if any(a == GAP and b == GAP for a, b in pairwise(words)):
        raise ValueError(f"phrase '{text}' has two '...' gaps in a row")
    if len(words) > 12:
        raise ValueError(f"phrase '{text}' is longer than 12 words")
    if any(ch in text for ch in "[]{}\\|^$"):
        raise ValueError(f"phrase '{text}' looks like a regular expression: write plain words")
    return text


class ConceptSpec(_Strict):
    """A named vocabulary: the ways a policy can say one thing."""

    description: str = ""
    phrases: list[str] = []  # case-insensitive, each word matched by its lemma
    exact: list[str] = []  # case-insensitive, word forms as written (no lemmas)
    abbreviations: list[str] = []  # case-sensitive: IE, HOIE, NRM, IDVA (plural 's' allowed)
    fuzzy: list[str] = []  # matched approximately, for common misspellings
    fuzzy_cutoff: int = Field(90, ge=75, le=100)
    unless_within: list[str] = Field([], alias="except")  # longer phrases that cancel a match
    include: list[str] = []  # other concepts whose vocabulary this one shares
    specific: bool = False  # names something concrete: a statute, an organisation, a scheme
    negative: bool = False  # says something negative ("not ... share"): see README, negation
    near_miss: Literal["wrong-object", "wrong-population", "generic", "inverted", None] = None
    numbers: Literal["phone", None] = None  # also said by a number of that kind (a phone number)

    @field_validator("phrases", "exact", "fuzzy", "unless_within")
    @classmethod
    def _phrases(cls, value: list[str]) -> list[str]:
        return [check_phrase(v) for v in value]

    @field_validator("abbreviations")
    @classmethod
    def _abbreviations(cls, value: list[str]) -> list[str]:
        for v in value:
            if not v.strip() or " " in v.strip() or GAP in v:
                raise ValueError(f"abbreviation '{v}' must be a single word")
        return value

    @model_validator(mode="after")
    def _not_empty(self) -> ConceptSpec:
        if not (self.phrases or self.exact or self.abbreviations or self.fuzzy or self.include):
            raise ValueError("a concept needs at least one phrase, abbreviation or include")
        return self


class ConditionSpec(_Strict):
    """One condition: exactly one of concept / all / any / heading."""

    concept: str | None = None
    all: list[ConditionSpec] | None = None
    any: list[ConditionSpec] | None = None
    heading: str | None = None
    titled: str | None = None
    untitled: str | None = None
    about: str | None = None
    without: str | None = None
    within: Scope | None = None
    min: int | None = Field(None, ge=2, le=10)
    label: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> ConditionSpec:
        kinds = [k for k in CONDITION_KINDS if getattr(self, k) is not None]
        if len(kinds) != 1:
            found = ", ".join(kinds) or "none"
            raise ValueError(f"needs exactly one of {', '.join(CONDITION_KINDS)} (found {found})")
        if self.within is not None and self.all is None:
            raise ValueError("'within' applies only to 'all'")
        if self.min is not None and self.concept is None and self.any is None:
            raise ValueError("'min' applies only to 'concept' and 'any'")
        if self.min is not None and self.any is not None and self.min > len(self.any):
            raise ValueError(f"'min' is {self.min} but 'any' has only {len(self.any)} parts")
        for key in ("all", "any"):
            parts = getattr(self, key)
            if parts is not None and not parts:
                raise ValueError(f"'{key}' needs at least one condition")
        return self


class ExcludeSpec(_Strict):
    """A concept that disqualifies a sentence, unless the sentence also matches `unless`."""

    concept: str
    unless: str | None = None


class ExampleSpec(_Strict):
    """A passage with a short note saying why it is (not) met."""

    text: str = Field(min_length=1)
    note: str = Field(min_length=1)
    kind: Literal[NEAR_MISS_KINDS] | None = None  # type: ignore[valid-type]


class ExamplesSpec(_Strict):
    """At least three passages that meet the criterion and three near misses."""

    met: list[ExampleSpec]
    missing: list[ExampleSpec]

    @model_validator(mode="after")
    def _enough(self) -> ExamplesSpec:
        if len(self.met) < 3 or len(self.missing) < 3:
            raise ValueError(
                f"needs at least 3 met and 3 missing examples (has {len(self.met)} met, "
                f"{len(self.missing)} missing)"
            )
        for i, ex in enumerate(self.missing):
            if ex.kind is None:
                raise ValueError(f"missing[{i}] needs a 'kind' naming its near-miss")
        return self


class CriterionSpec(ConditionSpec):
    """A criterion is its root condition plus what a reader needs to act on it."""

    id: str = Field(pattern=r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
    title: str = Field(min_length=1)
    requirement: str = Field(min_length=1)
    severity: Literal["required", "advisory"] = "required"
    guidance: str = Field(min_length=1)
    keywords: list[str] = Field(min_length=1)
    exclude: list[str | ExcludeSpec] = []
    # a statement anywhere in the document's own words that undoes the criterion
    veto: ConditionSpec | None = None
    # only the force can adopt this: a document by an oversight body (a commissioner's office or a
    # police and crime panel) reports it and does not meet it
    force_practice: bool = False
    assess: list[Literal[ASSESSMENTS]] | None = None  # type: ignore[valid-type]
    examples: ExamplesSpec


class OutweighedSpec(_Strict):
    """A document that speaks of `concept` far more than of `rather_than` is about the former."""

    concept: str
    rather_than: str
    description: str = Field(min_length=1)


class RelevanceSpec(ConditionSpec):
    """What a document must be about before any criterion of the rule set can be met."""

    description: str = Field(min_length=1)
    at_least: int = Field(1, ge=1, le=50)
    unless_mainly: OutweighedSpec | None = None


class SourceSpec(_Strict):
    """Where the rule set comes from."""

    report: str
    recommendation: str
    addressee: str


class RuleSetSpec(_Strict):
    """A rule file: one rule set."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    source: SourceSpec
    version: str
    include: list[str] = []  # vocabulary files, relative to this file
    assess: list[Literal[ASSESSMENTS]] = list(ASSESSMENTS)  # type: ignore[valid-type]
    concepts: dict[str, ConceptSpec] = {}
    relevance: RelevanceSpec | None = None
    criteria: list[CriterionSpec] = Field(min_length=1)


class VocabularySpec(_Strict):
    """A shared vocabulary file: concepts only."""

    vocabulary: str
    description: str = ""
    concepts: dict[str, ConceptSpec]
