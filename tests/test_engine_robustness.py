"""The engine reads any text without crashing and keeps its evidence inside the sentence."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from policycheck.engine import check
from policycheck.model import Block, BlockKind, Document, Location, Status
from policycheck.rules import load_rulesets

RULESETS = load_rulesets(["rec1", "rec4", "rec5"])
WORDS = [
    "not", "no", "Victims'", "Code", "share", "Immigration", "Enforcement", "will", "be",
    "developed", "refer", "Southall", "Black", "Sisters", "…", "–", "’", "IDVA", ",", ".", ";",
    "\u00a0", "case-by-case", "unless", "the", "only", "concern", "status", "...", "NRM", "“", "",
]

texts = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join) | st.text(max_size=200)


@settings(max_examples=40, deadline=None)
@given(st.lists(texts, min_size=1, max_size=6))
def test_any_text_gets_a_verdict_for_every_criterion(paragraphs: list[str]) -> None:
    blocks = tuple(
        Block(BlockKind.PARAGRAPH, text, Location(paragraph=i + 1))
        for i, text in enumerate(paragraphs)
    )
    document = Document(Path("fuzz.txt"), "text", blocks)
    for ruleset in RULESETS:
        report = check(document, ruleset)
        assert [f.criterion.id for f in report.findings] == [c.id for c in ruleset.criteria]
        for finding in report.findings:
            assert finding.status in set(Status)
            for ev in finding.evidence:
                assert ev.text and ev.text in ev.context
                assert all(0 <= a < b <= len(ev.text) for a, b in ev.highlights)
