"""The checker measured on the labelled samples must stay above the accuracy floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.evaluate.labels import load_labels
from policycheck.evaluate.run import check_criteria, evaluate

LABELS = Path(__file__).resolve().parents[1] / "samples" / "labels.yaml"

# Floors for the precision and recall of 'met', set just under what the engine measures now.
# Raise them as the engine improves; never lower them to make a rule change pass.
#
# Authored samples (written with the rules in view): 0.983 / 1.000 over 36 documents.
AUTHORED = (0.97, 0.99)
# Blind documents (written and labelled from the criteria alone), scored after the faults their
# first runs exposed were fixed. First-run figures, which say what a user will get on a policy
# the rules have never seen, are kept per round in docs/samples.md; these floors guard the
# fixes. Measured 0.921 / 0.953 over rounds 1 to 54 (804 documents; first runs from 0.675 to
# 0.939 precision and 0.730 to 1.000 recall). Rounds 1 to 44 rose from 0.929 / 0.956 to
# 0.934 / 0.957 with rounds 45 to 54's fixes; the precision floor moved from 0.925 with those
# 150 documents (0.835 / 0.924 after their fixes), not with a rule change that lowered an
# earlier round. The recall floor moved from 0.95 with rounds 18 to 20 (recall 0.88-0.92 after
# their fixes; some misses are PDF table layouts named in test_samples_labels.py) and is at 0.95.
# Rounds 55 to 60 (90 documents) were added at their first runs (0.807 to 0.900 precision,
# 0.899 to 0.986 recall), which put the blind set at 0.918 / 0.952 before any fix for them; after
# those fixes it measures 0.920 / 0.953 over 894 documents (rounds 1 to 44 unchanged at
# 0.934 / 0.957, rounds 45 to 54 0.838 / 0.926, rounds 55 to 60 0.908 / 0.953).
BLIND = (0.915, 0.95)
# Every labelled sample (930): measured 0.924 / 0.956 (840 before rounds 55 to 60:
# 0.924 / 0.955). The floor stood at 0.95 / 0.97 over the 60 samples of rounds 1 and 2, at
# 0.93 / 0.97 over 150, 0.93 / 0.96 over 240 and 0.93 / 0.955 over 690; it moved with the
# harder blind documents of later rounds (rounds 45 to 54 score 0.838 / 0.926 after their
# fixes), not with a rule change that lowered an earlier round, except two labels that disagree
# with later writers' (docs/samples.md, last column of the rounds table).
ALL = (0.92, 0.95)


@pytest.fixture(scope="module")
def scored():  # type: ignore[no-untyped-def]
    from policycheck.engine import check
    from policycheck.model import Block, BlockKind, Document, Location
    from policycheck.rules import load_rulesets

    labels = load_labels(LABELS)
    try:
        rulesets = load_rulesets(labels.rulesets)
        probe = Document(LABELS, "text", (Block(BlockKind.PARAGRAPH, "Probe.", Location()),))
        check(probe, rulesets[0])
    except NotImplementedError:
        pytest.skip("the rule loader or the engine is not built in this tree yet")
    check_criteria(labels, rulesets)

    def run(origin: str | None):  # type: ignore[no-untyped-def]
        docs = [d for d in labels.documents if origin is None or d.origin == origin]
        result = evaluate(labels, docs, rulesets)
        assert result.errors == ()
        return result.checker["all"].overall, result.baseline["all"].overall

    return run


@pytest.mark.parametrize(("origin", "floors"), [("authored", AUTHORED), ("blind", BLIND),
                                                 (None, ALL)], ids=["authored", "blind", "all"])
def test_checker_meets_the_floors_and_beats_the_keyword_baseline(scored, origin, floors) -> None:  # type: ignore[no-untyped-def]
    overall, baseline = scored(origin)
    min_precision, min_recall = floors
    assert overall.precision is not None and overall.precision >= min_precision, overall
    assert overall.recall is not None and overall.recall >= min_recall, overall
    assert (overall.f1 or 0.0) > (baseline.f1 or 0.0)
