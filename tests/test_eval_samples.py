"""The checker measured on the labelled samples must stay above the accuracy floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.evaluate.labels import load_labels
from policycheck.evaluate.run import check_criteria, evaluate

# Floors for the precision and recall of 'met' over all labelled samples (dev + holdout).
# Set just under the engine's measurement on the 36-document corpus. On the original 28
# documents it first measured 0.974 / 0.982; the eight documents added last (labelled before
# the checker saw them) measured 0.870 / 0.923 on first sight, bringing the corpus to
# 0.949 / 0.969. After fixing the general faults they exposed, the corpus measures
# 0.983 / 0.997 (and the eight are no longer unseen: see docs/samples.md).
# Raise them as the engine improves; never lower them to make a rule change pass.
MIN_PRECISION = 0.97  # measured 0.983 with the real extractors
MIN_RECALL = 0.99  # measured 0.997

LABELS = Path(__file__).resolve().parents[1] / "samples" / "labels.yaml"


def test_checker_meets_the_floors_and_beats_the_keyword_baseline() -> None:
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
    result = evaluate(labels, labels.documents, rulesets)
    assert result.errors == ()
    overall = result.checker["all"].overall
    baseline = result.baseline["all"].overall
    assert overall.precision is not None and overall.precision >= MIN_PRECISION, overall
    assert overall.recall is not None and overall.recall >= MIN_RECALL, overall
    assert (overall.f1 or 0.0) > (baseline.f1 or 0.0)
