"""Every example of every bundled criterion is the specification: each must come out as labelled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policycheck.engine.examples import ExampleResult, run_examples
from policycheck.model import Status
from policycheck.rules import BUNDLED_RULESETS, load_rulesets

# The fixed criterion ids of criteria.md: users' waivers and baselines depend on them.
FIXED_IDS = {
    "rec1": ["REC1-NO-SHARE-ON-DOUBT", "REC1-THIRD-PARTY"],
    "rec4": [
        "REC4-FRAMEWORK",
        "REC4-PROTOCOL",
        "REC4-NATIONAL-GUIDANCE",
        "REC4-VICTIMS-CODE",
        "REC4-DATA-PROTECTION",
        "REC4-SPECIALIST-PARTNERSHIP",
        "REC4-SPECIALIST-PATHWAYS",
        "REC4-SHARING-CIRCUMSTANCES",
        "REC4-SHARING-PURPOSE",
        "REC4-INFORM-VICTIMS",
        "REC4-MSHT-DA",
        "REC4-PATHWAY-AWARENESS",
        "REC4-ALL-STAFF",
        "REC4-OUTREACH",
    ],
    "rec5": ["REC5-SAFE-REPORTING"],
    "victims-code": [f"VCOP-R{i}" for i in range(1, 13)],
}

RULESETS = load_rulesets(BUNDLED_RULESETS)
RESULTS = run_examples(RULESETS)


def _id(result: ExampleResult) -> str:
    return f"{result.criterion.id}-{result.example.expect.value}-{result.number}"


@pytest.mark.parametrize("result", RESULTS, ids=_id)
def test_example_comes_out_as_labelled(result: ExampleResult) -> None:
    assert result.passed, (
        f"{result.where()}: {result.criterion.id} expected {result.example.expect.value}, got "
        f"{result.finding.status.value} ({result.finding.reason}) for: {result.example.text}"
    )


def test_every_criterion_has_three_met_and_three_missing_examples() -> None:
    for ruleset in RULESETS:
        for criterion in ruleset.criteria:
            met = [e for e in criterion.examples if e.expect is Status.MET]
            missing = [e for e in criterion.examples if e.expect is Status.MISSING]
            assert len(met) >= 3 and len(missing) >= 3, criterion.id


def test_bundled_rule_sets_carry_exactly_the_fixed_ids() -> None:
    found = {r.id: [c.id for c in r.criteria] for r in RULESETS}
    assert found == FIXED_IDS


def _criteria_md() -> Path | None:
    for parent in Path(__file__).resolve().parents:
        for candidate in (
            parent / "shared" / "criteria.md",
            parent.parent / "shared" / "criteria.md",
        ):
            if candidate.is_file():
                return candidate
    return None


def test_every_id_in_criteria_md_is_bundled() -> None:
    path = _criteria_md()
    if path is None:
        pytest.skip("shared/criteria.md is not beside this checkout")
    text = path.read_text(encoding="utf-8")
    ids = set(re.findall(r"\b(REC\d-[A-Z-]+[A-Z]|VCOP-R\d+)\b", text))
    bundled = {c for ids_ in FIXED_IDS.values() for c in ids_}
    assert ids and ids <= bundled, sorted(ids - bundled)


def test_keywords_and_guidance_are_filled_for_every_criterion() -> None:
    for ruleset in RULESETS:
        for criterion in ruleset.criteria:
            assert criterion.keywords and criterion.guidance and criterion.requirement
