"""The gold labels file (samples/labels.yaml): strict schema and loader."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from policycheck.errors import ConfigError


class TrapKind(StrEnum):
    """The kinds of near miss a gold label can name (see the criteria reference)."""

    NEGATION = "negation"
    DEFERRAL = "deferral"
    WRONG_OBJECT = "wrong-object"
    WRONG_POPULATION = "wrong-population"
    CITATION = "citation-without-commitment"
    GENERIC = "generic"
    INVERTED = "inverted-meaning"
    BROAD_EXCEPTION = "broad-exception"
    TRACKED_DELETION = "tracked-deletion"
    PAGE_FURNITURE = "page-furniture"
    PASSING_MENTION = "passing-mention"
    SPECIALIST_ONLY = "specialist-only"
    ATTRIBUTED = "attributed"  # quoted from, or attributed to, the report or someone else
    HISTORY = "history"  # an account of what others did or found
    SCRUTINY = "scrutiny"  # a body scrutinising or intending to understand someone else's work
    SIGNPOST = "signpost"  # a title, heading, contents line or front matter
    UNRELATED = "unrelated"  # a document or part not about victims, witnesses or status


# Trap text that an extractor must drop: it must not occur in the checked text at all.
DROPPED_TRAPS = frozenset({TrapKind.TRACKED_DELETION, TrapKind.PAGE_FURNITURE})


class _Trap(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: TrapKind
    text: str


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    status: Literal["met", "missing"]
    sentences: tuple[str, ...] = ()
    traps: tuple[_Trap, ...] = ()
    note: str = ""

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: object) -> object:
        # `REC4-OUTREACH: missing` is short for `{status: missing}`.
        return {"status": data} if isinstance(data, str) else data


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str | None = None
    split: Literal["dev", "holdout"]
    origin: Literal["authored", "blind"] = "authored"
    round: int | None = Field(default=None, ge=1)
    genre: str
    rulesets: tuple[str, ...]
    criteria: dict[str, _Label]
    note: str = ""  # about the whole document: what it is, how it was read


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: Literal[1]
    documents: dict[str, _Document]


@dataclass(frozen=True, slots=True)
class Trap:
    """A sentence that looks like evidence for a criterion but must not count."""

    kind: TrapKind
    text: str


@dataclass(frozen=True, slots=True)
class GoldLabel:
    """The gold verdict on one criterion for one document."""

    criterion: str
    met: bool
    sentences: tuple[str, ...] = ()
    traps: tuple[Trap, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """One labelled sample: where it is, its split and genre, and its gold labels."""

    name: str  # the path as written in the labels file, relative to it
    path: Path
    split: str
    genre: str
    rulesets: tuple[str, ...]
    labels: tuple[GoldLabel, ...]
    source: Path | None = None
    origin: str = "authored"  # "blind": written and labelled without sight of the rules
    round: int | None = None  # the blind round it was written for

    def label(self, criterion: str) -> GoldLabel | None:
        """The gold label for `criterion`, or None when the document is not labelled for it."""
        return next((g for g in self.labels if g.criterion == criterion), None)


@dataclass(frozen=True, slots=True)
class Labels:
    """A whole labels file."""

    path: Path
    documents: tuple[GoldDocument, ...]

    @property
    def rulesets(self) -> tuple[str, ...]:
        """Every rule set any document is labelled for, in first-seen order."""
        seen: dict[str, None] = {}
        for doc in self.documents:
            seen.update(dict.fromkeys(doc.rulesets))
        return tuple(seen)


def _where(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(p) for p in loc) or "<root>"


def _label(criterion: str, raw: _Label) -> GoldLabel:
    traps = tuple(Trap(t.kind, t.text) for t in raw.traps)
    return GoldLabel(criterion, raw.status == "met", raw.sentences, traps, raw.note)


def parse_labels(data: object, path: Path) -> Labels:
    """Validate parsed YAML against the labels schema and build Labels."""
    if not isinstance(data, dict):
        raise ConfigError("expected a mapping with 'version' and 'documents'", path)
    try:
        model = _File.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ConfigError(err["msg"], path, field=_where(err["loc"])) from None
    docs: list[GoldDocument] = []
    for name, doc in model.documents.items():
        where = f"documents.{name}"
        labels = tuple(_label(c, raw) for c, raw in doc.criteria.items())
        for gold in labels:
            if gold.met and not gold.sentences:
                raise ConfigError("a met label needs at least one sentence", path,
                                  field=f"{where}.criteria.{gold.criterion}")
            if not gold.met and gold.sentences:
                raise ConfigError("a missing label cannot have sentences", path,
                                  field=f"{where}.criteria.{gold.criterion}")
        source = path.parent / doc.source if doc.source else None
        if doc.origin == "blind" and doc.round is None:
            raise ConfigError("a blind document needs the round it was written for", path,
                              field=f"{where}.round")
        docs.append(GoldDocument(name, path.parent / name, doc.split, doc.genre, doc.rulesets,
                                 labels, source, doc.origin, doc.round))
    return Labels(path=path, documents=tuple(docs))


def load_labels(path: Path) -> Labels:
    """Read and validate a labels file; errors name the file and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read labels file ({exc.strerror})", path) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ConfigError("not valid YAML", path, line=line) from None
    return parse_labels(data, path)
