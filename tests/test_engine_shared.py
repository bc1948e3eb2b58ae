"""Rule sets checked together match their shared vocabulary once, with the same findings."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from policycheck.engine import check, check_all, shared_vocabulary
from policycheck.engine.examples import passage_document
from policycheck.engine.nlp import _lemma_table, analyse
from policycheck.extract import extract
from policycheck.rules import DEFAULT_RULESETS, load_rulesets

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RULESETS = load_rulesets(DEFAULT_RULESETS)


@pytest.mark.parametrize(
    "name",
    [
        "dunmere-migrant-victims-procedure.pdf",
        "redmarsh-msht-da-officer-guide.docx",
        "saltcote-quick-reference-migrant-victims.md",
        "westmarch-rec1-direction.txt",
    ],
)
def test_checking_together_gives_what_checking_apart_gives(name: str) -> None:
    document = extract(SAMPLES / name)
    together = check_all(document, RULESETS)
    analyse.cache_clear()  # a fresh analysis, so nothing matched together is reused apart
    apart = tuple(check(document, ruleset) for ruleset in RULESETS)
    assert together == apart
    assert any(f.evidence for report in together for f in report.findings)


def test_the_shared_vocabulary_is_every_concept_once() -> None:
    shared = shared_vocabulary(RULESETS)
    assert shared is not None
    names = [c.name for c in shared]
    assert len(names) == len(set(names))
    used = {c.name for rs in RULESETS for cr in rs.criteria for c in cr.condition.concepts}
    assert set(names) == used


def test_two_meanings_for_one_concept_name_are_not_merged() -> None:
    rec4 = next(rs for rs in RULESETS if rs.id == "rec4")
    criterion = rec4.criteria[0]
    concepts = criterion.condition.concepts
    changed = dataclasses.replace(concepts[0], phrases=("something else entirely",))
    other = dataclasses.replace(
        criterion, condition=dataclasses.replace(criterion.condition, concepts=(changed,)),
    )
    local = dataclasses.replace(rec4, id="local", criteria=(other,))
    assert shared_vocabulary((rec4, local)) is None


def test_the_lemma_table_is_spacys_own() -> None:
    from spacy.lookups import load_lookups

    spacys = load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")
    ours = _lemma_table()
    assert len(ours) == len(spacys)
    for word in ("victims", "shared", "was", "referrals", "children", "informed"):
        assert ours[word] == spacys[word]


def test_spacy_loads_without_its_command_line_package() -> None:
    """The pipeline is ready without typer/requests/weasel; spaCy's own CLI still works after."""
    code = (
        "import sys\n"
        "from policycheck.engine.nlp import pipeline\n"
        "pipeline()('One. Two.')\n"
        "heavy = sorted(m for m in ('requests', 'weasel', 'spacy.cli') if m in sys.modules)\n"
        "print(heavy)\n"
        "import spacy, spacy.cli\n"
        "info = spacy.info(markdown=True, silent=True)\n"
        "print(hasattr(spacy.cli, 'app'), 'spaCy version' in info)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    ).stdout.splitlines()
    assert out == ["[]", "True True"]


def test_a_spacy_that_needs_more_of_its_cli_is_imported_plainly() -> None:
    """If spaCy's import asks the placeholders for something they lack, spaCy still loads."""
    code = (
        "import sys, types\n"
        "import policycheck.engine.nlp as nlp\n"
        "real = nlp._spacy_info\n"
        # a spaCy whose __init__ wants a name the placeholder does not offer
        "import importlib.abc, importlib.machinery\n"
        "class Guard(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'spacy.about':\n"
        "            info = sys.modules.get('spacy.cli.info')\n"
        "            if info is not None and not hasattr(info, 'needed'):\n"
        "                raise ImportError('cannot import name needed')\n"
        "        return None\n"
        "sys.meta_path.insert(0, Guard())\n"
        "spacy = nlp.import_spacy()\n"
        "sys.meta_path.pop(0)\n"
        "print(spacy.__name__, 'spacy.cli.info' not in sys.modules or\n"
        "      hasattr(sys.modules['spacy.cli.info'], 'info'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["spacy", "True"]



def test_a_checked_document_is_not_kept_in_memory() -> None:
    """After its rule sets are checked, no cache holds the document's analysis any more (a
    batch of large documents otherwise grew by about 40 MB per 200 pages)."""
    import gc

    from policycheck.engine import assess, facts

    document = extract(SAMPLES / "dunmere-migrant-victims-procedure.pdf")
    check_all(document, RULESETS)
    for cached in (analyse, assess.stances, facts.sentence_hits, facts.heading_matches):
        assert cached.cache_info().currsize == 0
    holders = [r for r in gc.get_referrers(document) if not isinstance(r, dict)]
    assert not any("Analysis" in type(r).__name__ for r in holders)


def test_the_shared_vocabulary_is_matched_once_per_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from policycheck.engine import facts

    matched: list[int] = []
    original = facts.sentence_hits

    def counting(analysis: object, concepts: tuple[object, ...]) -> object:
        matched.append(len(concepts))
        return original(analysis, concepts)  # type: ignore[arg-type]

    counting.cache_clear = original.cache_clear  # type: ignore[attr-defined]
    monkeypatch.setattr(facts, "sentence_hits", counting)
    check_all(extract(SAMPLES / "dunmere-migrant-victims-procedure.pdf"), RULESETS)
    shared = shared_vocabulary(RULESETS)
    assert shared is not None
    assert matched and set(matched) == {len(shared)}  # never once per rule set


@pytest.mark.parametrize(("text", "count"), [
    ("It applies to the staff named in Appendix A. It does not cover suspects.", 2),
    ("See Table B. Officers must record the decision.", 2),
    ("The plan was written by J. Smith and approved in May.", 1),  # an initial goes on
])
def test_a_lettered_appendix_ends_its_sentence(text: str, count: int) -> None:
    doc = passage_document(text)
    assert len(analyse(doc).sentences) == count


@pytest.mark.parametrize(("text", "count"), [
    ('Read the "Safe to share?" report (HMICFRS, December 2020) and the NPCC guidance.', 1),
    ("Read the \u2018Safe to share?\u2019 report and the NPCC guidance.", 1),
    ('Ask: "Are you safe?" Then call 999.', 2),  # a capital after the quotation starts anew
])
def test_a_quoted_title_ending_in_a_question_mark_goes_on(text: str, count: int) -> None:
    doc = passage_document(text)
    assert len(analyse(doc).sentences) == count
