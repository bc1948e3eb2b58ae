"""Pure scoring: gold labels and predicted verdicts in, confusion counts and disagreements out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from policycheck.evaluate.labels import GoldDocument, GoldLabel


@dataclass(frozen=True, slots=True)
class Cited:
    """A sentence a verdict rests on, with its citation ('p. 3, § Scope, para 7')."""

    text: str
    cite: str = ""


@dataclass(frozen=True, slots=True)
class Prediction:
    """One system's verdict on one criterion for one labelled document."""

    document: str
    criterion: str
    status: str  # the reported status: met, partial, missing, not-assessable, error...
    evidence: tuple[Cited, ...] = ()
    reason: str = ""

    @property
    def met(self) -> bool:
        """Only `met` counts as met: `partial` and everything else count as not met."""
        return self.status == "met"


@dataclass(frozen=True, slots=True)
class Counts:
    """Confusion counts for the `met` class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn,
                      self.tn + other.tn)

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP); None when nothing was predicted met."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN); None when nothing is met in the gold labels."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall; None when either is undefined."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A gold label the system got wrong, with what each side rests on."""

    document: str
    split: str
    gold: GoldLabel
    predicted: Prediction

    @property
    def kind(self) -> str:
        """'FP' (said met, gold missing) or 'FN' (gold met, said not met)."""
        return "FN" if self.gold.met else "FP"


@dataclass(frozen=True, slots=True)
class Scores:
    """Per-criterion and overall (micro-averaged) counts, plus every disagreement."""

    criteria: tuple[tuple[str, Counts], ...]
    overall: Counts
    disagreements: tuple[Disagreement, ...]
    documents: int


def _cell(gold: GoldLabel, predicted: Prediction) -> Counts:
    match (gold.met, predicted.met):
        case (True, True):
            return Counts(tp=1)
        case (False, True):
            return Counts(fp=1)
        case (True, False):
            return Counts(fn=1)
        case _:
            return Counts(tn=1)


def score(
    documents: Sequence[GoldDocument], predictions: Iterable[Prediction],
    criterion_order: Sequence[str] = (),
) -> Scores:
    """Compare predictions with the gold labels of `documents`.

    A gold label with no prediction (the document failed, or its rule set was not run)
    counts as predicted not met, with status 'absent'.
    """
    index = {(p.document, p.criterion): p for p in predictions}
    per: dict[str, Counts] = {c: Counts() for c in criterion_order}
    wrong: list[Disagreement] = []
    for doc in documents:
        for gold in doc.labels:
            predicted = index.get((doc.name, gold.criterion)) or Prediction(
                doc.name, gold.criterion, "absent", reason="no verdict was produced")
            cell = _cell(gold, predicted)
            per[gold.criterion] = per.get(gold.criterion, Counts()) + cell
            if cell.fp or cell.fn:
                wrong.append(Disagreement(doc.name, doc.split, gold, predicted))
    rows = tuple((c, n) for c, n in per.items() if n.total)
    overall = sum((n for _, n in rows), Counts())
    return Scores(rows, overall, tuple(wrong), len(documents))


def by_split(
    documents: Sequence[GoldDocument], predictions: Sequence[Prediction],
    criterion_order: Sequence[str] = (),
) -> dict[str, Scores]:
    """Scores for all documents, each split ('dev', 'holdout'), the blind documents ('blind')
    and each blind round ('round 3')."""
    splits: dict[str, list[GoldDocument]] = {"all": list(documents)}
    for doc in documents:
        splits.setdefault(doc.split, []).append(doc)
    for doc in sorted(documents, key=lambda d: d.round or 0):
        if doc.origin == "blind":
            splits.setdefault("blind", []).append(doc)
            splits.setdefault(f"round {doc.round}", []).append(doc)
    return {name: score(docs, predictions, criterion_order) for name, docs in splits.items()}
