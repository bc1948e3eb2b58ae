"""Scoring is pure: hand-made gold labels and predictions give known counts and figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.evaluate.labels import GoldDocument, GoldLabel, Trap, TrapKind
from policycheck.evaluate.metrics import Cited, Counts, Prediction, by_split, score


def doc(name: str, split: str, **labels: bool) -> GoldDocument:
    gold = tuple(
        GoldLabel(c.replace("_", "-"), met, (f"{c} sentence.",) if met else ())
        for c, met in labels.items()
    )
    return GoldDocument(name, Path(name), split, "procedure", ("rec1",), gold)


def pred(document: str, criterion: str, status: str) -> Prediction:
    return Prediction(document, criterion, status, (Cited("A sentence.", "p. 1"),))


DOCS = [
    doc("a.docx", "dev", A=True, B=False),
    doc("b.pdf", "dev", A=True, B=True),
    doc("c.md", "holdout", A=False, B=False),
]


def test_counts_for_every_cell_of_the_confusion_table() -> None:
    preds = [
        pred("a.docx", "A", "met"), pred("a.docx", "B", "met"),       # TP, FP
        pred("b.pdf", "A", "missing"), pred("b.pdf", "B", "met"),     # FN, TP
        pred("c.md", "A", "missing"), pred("c.md", "B", "missing"),   # TN, TN
    ]
    scores = score(DOCS, preds, ["A", "B"])
    assert dict(scores.criteria) == {"A": Counts(tp=1, fn=1, tn=1), "B": Counts(tp=1, fp=1, tn=1)}
    assert scores.overall == Counts(tp=2, fp=1, fn=1, tn=2)
    assert scores.overall.precision == pytest.approx(2 / 3)
    assert scores.overall.recall == pytest.approx(2 / 3)
    assert scores.overall.f1 == pytest.approx(2 / 3)
    assert [(d.kind, d.document, d.gold.criterion) for d in scores.disagreements] == [
        ("FP", "a.docx", "B"), ("FN", "b.pdf", "A"),
    ]


def test_partial_and_not_assessable_count_as_not_met() -> None:
    preds = [pred("a.docx", "A", "partial"), pred("b.pdf", "A", "not-assessable")]
    counts = dict(score(DOCS[:2], preds, ["A"]).criteria)["A"]
    assert counts == Counts(fn=2)
    assert counts.recall == 0.0
    assert counts.precision is None  # nothing predicted met: undefined, not zero


def test_a_label_without_a_prediction_is_a_miss_with_a_reason() -> None:
    scores = score([DOCS[1]], [], ["A", "B"])
    assert scores.overall == Counts(fn=2)
    assert {d.predicted.status for d in scores.disagreements} == {"absent"}
    assert scores.disagreements[0].gold.sentences == ("A sentence.",)


def test_predictions_for_unlabelled_criteria_are_ignored() -> None:
    preds = [pred("c.md", "A", "missing"), pred("c.md", "B", "missing"), pred("c.md", "Z", "met")]
    scores = score([DOCS[2]], preds)
    assert [c for c, _ in scores.criteria] == ["A", "B"]
    assert scores.overall == Counts(tn=2)


def test_scores_are_given_for_all_documents_and_each_split() -> None:
    preds = [pred(d.name, g.criterion, "met") for d in DOCS for g in d.labels]
    splits = by_split(DOCS, preds, ["A", "B"])
    assert set(splits) == {"all", "dev", "holdout"}
    assert splits["dev"].overall == Counts(tp=3, fp=1)
    assert splits["holdout"].overall == Counts(fp=2)
    assert splits["all"].overall == splits["dev"].overall + splits["holdout"].overall
    assert splits["holdout"].documents == 1


def test_f1_is_zero_when_there_are_no_true_positives() -> None:
    counts = Counts(fp=1, fn=1)
    assert (counts.precision, counts.recall, counts.f1) == (0.0, 0.0, 0.0)
    assert Counts(tn=3).f1 is None


def test_a_disagreement_keeps_the_trap_it_fell_into() -> None:
    trap = Trap(TrapKind.DEFERRAL, "A policy will be developed.")
    gold = GoldDocument("d.txt", Path("d.txt"), "dev", "response-letter", ("rec4",),
                        (GoldLabel("REC4-FRAMEWORK", False, (), (trap,)),))
    scores = score([gold], [pred("d.txt", "REC4-FRAMEWORK", "met")])
    (wrong,) = scores.disagreements
    assert wrong.kind == "FP"
    assert wrong.gold.traps == (trap,)
    assert wrong.predicted.evidence == (Cited("A sentence.", "p. 1"),)
