"""Read one rule file strictly: schema errors and unknown concepts name file, line and field."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from policycheck.errors import RuleFileError
from policycheck.model import Criterion, Example, RuleSet, Severity, Status
from policycheck.rules.logic import (
    AboutRef,
    AllOf,
    AnyOf,
    Concept,
    ConceptRef,
    Condition,
    Exclusion,
    HeadingRef,
    Relevance,
    Rule,
    Scope,
    Without,
)
from policycheck.rules.schema import (
    ConceptSpec,
    ConditionSpec,
    ExcludeSpec,
    RuleSetSpec,
    VocabularySpec,
)
from policycheck.rules.yamlmarks import field_path, line_of, read_yaml

M = TypeVar("M", bound=BaseModel)


def shown_path(path: Path) -> str:
    """The path as errors show it: relative to the working folder when possible."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        pass
    from policycheck.rules import bundled_dir

    try:
        return "rules/" + path.resolve().relative_to(bundled_dir().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _validate(model: type[M], data: Any, shown: str) -> M:
    """Validate `data`; the first error becomes a RuleFileError with line and field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = [step for step in err["loc"] if isinstance(step, str | int)]
        reason = str(err["msg"]).removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            reason = f"unknown key '{loc[-1]}'"
            loc = loc[:-1]
            line = line_of(data, [*loc, err["loc"][-1]])
        elif err["type"] == "missing":
            reason = f"missing required key '{loc[-1]}'"
            loc = loc[:-1]
            line = line_of(data, loc)
        else:
            line = line_of(data, loc)
        raise RuleFileError(reason, shown, line=line, field=field_path(loc) or None) from None


def is_vocabulary(data: Any) -> bool:
    """A vocabulary file declares `vocabulary:` and has no criteria."""
    return isinstance(data, Mapping) and "vocabulary" in data and "criteria" not in data


def _read_mapping(path: Path, shown: str) -> Any:
    data = read_yaml(path, shown)
    if not isinstance(data, Mapping):
        raise RuleFileError("is not a YAML mapping of rule-set keys", shown, line=1)
    return data


def load_vocabulary(path: Path) -> int:
    """Validate a shared vocabulary file on its own; returns its number of concepts."""
    shown = shown_path(path)
    data = _read_mapping(path, shown)
    return len(_validate(VocabularySpec, data, shown).concepts)


def file_digest(path: Path, spec_includes: list[str]) -> str:
    """sha256 over the rule file's bytes and those of the vocabularies it includes."""
    h = hashlib.sha256(path.read_bytes())
    for name in spec_includes:
        inc = path.parent / name
        if inc.is_file():
            h.update(inc.read_bytes())
    return h.hexdigest()


def load_file(path: Path) -> RuleSet:
    """Load one rule file (cached per content)."""
    shown = shown_path(path)
    data = _read_mapping(path, shown)
    if is_vocabulary(data):
        raise RuleFileError("is a vocabulary file, not a rule set", shown, line=1)
    includes = [str(i) for i in data.get("include", [])] if isinstance(data, Mapping) else []
    try:
        digest = file_digest(path, includes)
    except OSError as exc:
        raise RuleFileError(f"cannot be read ({exc.__class__.__name__})", shown) from None
    return _build_cached(path.resolve(), digest)


@functools.cache
def _build_cached(path: Path, digest: str) -> RuleSet:
    shown = shown_path(path)
    data = _read_mapping(path, shown)
    spec = _validate(RuleSetSpec, data, shown)
    concepts = _vocabulary(path, spec, data, shown)
    criteria = tuple(_criterion(spec, i, concepts, data, shown) for i in range(len(spec.criteria)))
    seen: dict[str, int] = {}
    for i, crit in enumerate(spec.criteria):
        if crit.id in seen:
            raise RuleFileError(
                f"duplicate criterion id '{crit.id}' (first at criteria[{seen[crit.id]}])",
                shown,
                line=line_of(data, ["criteria", i, "id"]),
                field=f"criteria[{i}].id",
            )
        seen[crit.id] = i
    src = spec.source
    source = f"{src.report}, Recommendation {src.recommendation} (to {src.addressee})"
    return RuleSet(
        id=spec.id,
        title=spec.title,
        source=source,
        version=spec.version,
        criteria=criteria,
        path=path,
        digest=digest,
        relevance=_relevance(spec, concepts, data, shown),
    )


def _relevance(
    spec: RuleSetSpec, concepts: dict[str, Concept], data: Any, shown: str,
) -> Relevance | None:
    """The rule set's relevance condition, compiled like a criterion's."""
    if spec.relevance is None:
        return None
    rel = spec.relevance
    known = _known(concepts, data, shown)
    root = _condition(rel, ["relevance"], known, concepts)
    mainly = None
    if rel.unless_mainly is not None:
        loc: list[str | int] = ["relevance", "unless_mainly"]
        um = rel.unless_mainly
        mainly = (known(um.concept, loc), known(um.rather_than, loc), um.description)
    return Relevance(root, rel.description, rel.at_least, tuple(concepts.values()), mainly)


def _vocabulary(
    path: Path,
    spec: RuleSetSpec,
    data: Any,
    shown: str,
) -> dict[str, Concept]:
    """Shared vocabularies first, then the rule set's own concepts; includes resolved."""
    raw: dict[str, ConceptSpec] = {}
    for i, name in enumerate(spec.include):
        inc = path.parent / name
        inc_shown = shown_path(inc)
        if not inc.is_file():
            raise RuleFileError(
                f"included vocabulary '{name}' not found",
                shown,
                line=line_of(data, ["include", i]),
                field=f"include[{i}]",
            )
        inc_data = _read_mapping(inc, inc_shown)
        vocab = _validate(VocabularySpec, inc_data, inc_shown)
        raw.update(vocab.concepts)
    for name, concept in spec.concepts.items():
        if name in raw:
            raise RuleFileError(
                f"concept '{name}' is already defined in an included vocabulary",
                shown,
                line=line_of(data, ["concepts", name]),
                field=f"concepts.{name}",
            )
        raw[name] = concept
    return {name: _resolve(name, raw, data, shown, ()) for name in sorted(raw)}


def _resolve(
    name: str,
    raw: dict[str, ConceptSpec],
    data: Any,
    shown: str,
    chain: tuple[str, ...],
) -> Concept:
    spec = raw[name]
    phrases, exact, abbrevs, fuzzy = (
        list(spec.phrases),
        list(spec.exact),
        list(spec.abbreviations),
        list(spec.fuzzy),
    )
    negative: bool = spec.negative
    numbers: str | None = spec.numbers
    for inc in spec.include:
        where = {
            "line": line_of(data, ["concepts", name, "include"]),
            "field": f"concepts.{name}.include",
        }
        if inc not in raw:
            raise RuleFileError(f"unknown concept '{inc}'", shown, **where)  # type: ignore[arg-type]
        if inc in chain or inc == name:
            raise RuleFileError(f"concept '{inc}' includes itself", shown, **where)  # type: ignore[arg-type]
        sub = _resolve(inc, raw, data, shown, (*chain, name))
        phrases += sub.phrases
        exact += sub.exact
        abbrevs += sub.abbreviations
        fuzzy += sub.fuzzy
        negative = negative or sub.negative
        numbers = numbers or sub.numbers
    return Concept(
        name=name,
        description=spec.description,
        phrases=tuple(dict.fromkeys(phrases)),
        exact=tuple(dict.fromkeys(exact)),
        abbreviations=tuple(dict.fromkeys(abbrevs)),
        fuzzy=tuple(dict.fromkeys(fuzzy)),
        fuzzy_cutoff=spec.fuzzy_cutoff,
        unless_within=tuple(spec.unless_within),
        specific=spec.specific,
        negative=negative,
        near_miss=spec.near_miss,
        numbers=numbers,
    )


def _criterion(
    spec: RuleSetSpec,
    index: int,
    concepts: dict[str, Concept],
    data: Any,
    shown: str,
) -> Criterion:
    crit = spec.criteria[index]
    base: list[str | int] = ["criteria", index]
    known = _known(concepts, data, shown)
    root = _condition(crit, base, known, concepts)
    exclude: list[Exclusion] = []
    for j, ex in enumerate(crit.exclude):
        loc: list[str | int] = [*base, "exclude", j]
        if isinstance(ex, ExcludeSpec):
            unless = known(ex.unless, loc) if ex.unless else None
            exclude.append(Exclusion(known(ex.concept, loc), unless))
        else:
            exclude.append(Exclusion(known(ex, loc)))
    veto = None
    if crit.veto is not None:
        veto = _condition(crit.veto, [*base, "veto"], known, concepts)
    rule = Rule(
        root=root,
        exclude=tuple(exclude),
        assess=frozenset(crit.assess or spec.assess),
        concepts=tuple(concepts.values()),
        line=line_of(data, base),
        veto=veto,
        force_practice=crit.force_practice,
    )
    examples = tuple(
        Example(text=ex.text, expect=Status.MET, note=ex.note) for ex in crit.examples.met
    ) + tuple(
        Example(text=ex.text, expect=Status.MISSING, note=f"{ex.kind}: {ex.note}")
        for ex in crit.examples.missing
    )
    return Criterion(
        id=crit.id,
        ruleset=spec.id,
        title=crit.title,
        requirement=crit.requirement.strip(),
        severity=Severity(crit.severity),
        guidance=crit.guidance.strip(),
        condition=rule,
        examples=examples,
        keywords=tuple(crit.keywords),
    )


def _known(concepts: Mapping[str, Concept], data: Any, shown: str) -> Callable[..., str]:
    """A check that a concept name is defined; an unknown one names its line and field."""

    def known(name: str, loc: list[str | int]) -> str:
        if name not in concepts:
            raise RuleFileError(
                f"unknown concept '{name}'",
                shown,
                line=line_of(data, loc),
                field=field_path(loc),
            )
        return name

    return known


def _condition(
    spec: ConditionSpec,
    loc: list[str | int],
    known: Any,
    concepts: Mapping[str, Concept],
) -> Condition:
    if spec.concept is not None:
        name = known(spec.concept, loc)
        return ConceptRef(name, spec.label or concepts[name].label, spec.min or 1)
    if spec.heading is not None:
        name = known(spec.heading, loc)
        return HeadingRef(name, spec.label or f"a heading on {concepts[name].label}")
    if spec.titled is not None:
        name = known(spec.titled, loc)
        return HeadingRef(name, spec.label or f"a title on {concepts[name].label}", True)
    if spec.untitled is not None:
        name = known(spec.untitled, loc)
        label = spec.label or f"a title not on {concepts[name].label}"
        return HeadingRef(name, label, title_only=True, absent=True)
    if spec.about is not None:
        name = known(spec.about, loc)
        return AboutRef(name, spec.label or f"about {concepts[name].label}")
    if spec.without is not None:
        name = known(spec.without, loc)
        return Without(name, spec.label or f"without {concepts[name].label}")
    key = "all" if spec.all is not None else "any"
    parts = tuple(
        _condition(p, [*loc, key, j], known, concepts)
        for j, p in enumerate(spec.all if spec.all is not None else spec.any or [])
    )
    label = spec.label or " and ".join(p.label for p in parts)
    if key == "all":
        return AllOf(parts, spec.within or Scope.SENTENCE, label)
    least = spec.min or 1
    joined = " or ".join(p.label for p in parts)
    return AnyOf(parts, spec.label or (f"{least} of: {joined}" if least > 1 else joined), least)
