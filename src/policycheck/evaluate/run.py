"""Run the checker and the keyword baseline over labelled documents, producing predictions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from policycheck.errors import ConfigError, PolicycheckError, UsageError
from policycheck.evaluate.labels import GoldDocument, Labels
from policycheck.evaluate.metrics import Cited, Prediction, Scores, by_split
from policycheck.extract import ExtractOptions
from policycheck.model import Document, DocumentResult, RuleSet


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything `policycheck eval` reports: scores by split for the checker and the baseline."""

    labels: Path
    split: str
    documents: tuple[GoldDocument, ...]
    checker: dict[str, Scores]
    baseline: dict[str, Scores]
    errors: tuple[tuple[str, str], ...]  # (document, reason) for documents that failed


def select(
    labels: Labels, paths: Sequence[Path], split: str, rounds: Sequence[int] = (),
) -> tuple[GoldDocument, ...]:
    """The labelled documents named by `paths` (files or folders; none = all) in `split`, and
    of the blind `rounds` when any are given."""
    chosen: list[GoldDocument] = []
    for given in paths:
        root = given.resolve()
        hits = [d for d in labels.documents
                if d.path.resolve() == root or root in d.path.resolve().parents]
        if not hits:
            raise UsageError(f"{given}: no labelled document here (labels: {labels.path})")
        chosen += [d for d in hits if d not in chosen]
    docs = chosen if paths else list(labels.documents)
    picked = tuple(d for d in docs if (split == "all" or d.split == split)
                   and (not rounds or d.round in rounds))
    if not picked:
        where = f"split '{split}'" + (
            f", round {', '.join(map(str, rounds))}" if rounds else "")
        raise UsageError(f"no labelled documents in {where} (labels: {labels.path})")
    return picked


def checker_predictions(name: str, result: DocumentResult) -> list[Prediction]:
    """The checker's verdicts on one document as predictions."""
    return [
        Prediction(
            document=name, criterion=f.criterion.id, status=str(f.status),
            evidence=tuple(Cited(e.text, e.location.cite()) for e in f.evidence),
            reason=f.reason,
        )
        for f in result.findings
    ]


def keyword_predictions(
    name: str, document: Document, rulesets: Sequence[RuleSet],
) -> list[Prediction]:
    """The plain baseline: met when any key term occurs anywhere in the text (any case)."""
    blocks = [(b.text.casefold(), b) for b in document.blocks]
    out: list[Prediction] = []
    for criterion in (c for rs in rulesets for c in rs.criteria):
        terms = [k.casefold() for k in criterion.keywords if k.strip()]
        hit = next(((t, b) for t in terms for text, b in blocks if t in text), None)
        if hit is None:
            out.append(Prediction(name, criterion.id, "missing", reason="no key term occurs"))
            continue
        term, block = hit
        out.append(Prediction(name, criterion.id, "met", (Cited(block.text,
                              block.location.cite()),), reason=f"key term '{term}' occurs"))
    return out


def evaluate(
    labels: Labels, documents: Sequence[GoldDocument], rulesets: Sequence[RuleSet],
    split: str = "all", options: ExtractOptions | None = None,
) -> Evaluation:
    """Check every document, run the baseline on the same text, and score both."""
    from policycheck.extract import extract
    from policycheck.pipeline import check_document

    checker: list[Prediction] = []
    baseline: list[Prediction] = []
    errors: list[tuple[str, str]] = []
    for doc in documents:
        result = check_document(doc.path, rulesets, options)
        if result.error:
            errors.append((doc.name, result.error))
            continue
        checker += checker_predictions(doc.name, result)
        try:
            baseline += keyword_predictions(doc.name, extract(doc.path, options), rulesets)
        except PolicycheckError as exc:  # already reported through the checker's result
            errors.append((doc.name, f"baseline: {exc.reason}"))
    order = [c.id for rs in rulesets for c in rs.criteria]
    return Evaluation(
        labels=labels.path, split=split, documents=tuple(documents),
        checker=by_split(documents, checker, order), baseline=by_split(documents, baseline, order),
        errors=tuple(errors),
    )


def short_of(ev: Evaluation, min_precision: float | None, min_recall: float | None) -> list[str]:
    """Why the checker's overall figures fall below the floors asked for (empty when they don't)."""
    overall = ev.checker[ev.split].overall
    reasons: list[str] = []
    for name, value, floor in (("precision", overall.precision, min_precision),
                               ("recall", overall.recall, min_recall)):
        if floor is not None and (value is None or value < floor):
            shown = "undefined" if value is None else f"{value:.3f}"
            reasons.append(f"overall {name} of 'met' is {shown}, below {floor:.3f}")
    return reasons


def check_criteria(labels: Labels, rulesets: Sequence[RuleSet]) -> None:
    """Every labelled criterion must exist in the rule sets the labels name."""
    known = {c.id for rs in rulesets for c in rs.criteria}
    for doc in labels.documents:
        for gold in doc.labels:
            if gold.criterion not in known:
                raise ConfigError(
                    f"unknown criterion '{gold.criterion}' (not in rule sets "
                    f"{', '.join(rs.id for rs in rulesets)})", labels.path,
                    field=f"documents.{doc.name}.criteria.{gold.criterion}",
                )
