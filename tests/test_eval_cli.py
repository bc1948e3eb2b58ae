"""`policycheck eval` end to end with a fake engine: tables, baseline, splits, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policycheck.engine
import policycheck.rules
from policycheck.cli import app
from policycheck.extract import extract
from policycheck.model import (
    Criterion,
    Document,
    Evidence,
    Finding,
    Report,
    RuleSet,
    Severity,
    Status,
)

runner = CliRunner()

NO_SHARE = Criterion("REC1-NO-SHARE-ON-DOUBT", "rec1", "No sharing on doubt", "req",
                     Severity.REQUIRED, "Add it.", keywords=("immigration enforcement",))
THIRD = Criterion("REC1-THIRD-PARTY", "rec1", "Independent third party", "req",
                  Severity.REQUIRED, "Add it.", keywords=("independent",))
REC1 = RuleSet("rec1", "Recommendation 1", "Safe to share?", "1", (NO_SHARE, THIRD))

# What the fake engine says, by file name and criterion.
VERDICTS = {
    ("a.md", NO_SHARE.id): Status.MET,      # gold met     -> TP
    ("a.md", THIRD.id): Status.MET,         # gold missing -> FP
    ("b.txt", NO_SHARE.id): Status.PARTIAL, # gold met     -> FN (partial is not met)
    ("b.txt", THIRD.id): Status.MET,        # gold met     -> TP
}

LABELS = """\
version: 1
documents:
  a.md:
    split: dev
    genre: direction
    rulesets: [rec1]
    criteria:
      REC1-NO-SHARE-ON-DOUBT:
        status: met
        sentences:
          - Officers must not share a victim's details with Immigration Enforcement on doubt alone.
      REC1-THIRD-PARTY:
        status: missing
        traps:
          - kind: inverted-meaning
            text: Refer victims to the Home Office for independent advice.
  b.txt:
    split: holdout
    genre: direction
    rulesets: [rec1]
    criteria:
      REC1-NO-SHARE-ON-DOUBT:
        status: met
        sentences: ["Officers will not pass details to the Home Office where status is uncertain."]
      REC1-THIRD-PARTY:
        status: met
        sentences: ["Offer a referral to Rights of Women."]
"""


def fake_check(document: Document, ruleset: RuleSet, model: str | None = None) -> Report:
    block = document.blocks[-1]
    findings = []
    for criterion in ruleset.criteria:
        status = VERDICTS[(document.path.name, criterion.id)]
        evidence = (Evidence(block.text, block.location),) if status is Status.MET else ()
        findings.append(Finding(criterion, status, evidence, reason="fake reason"))
    return Report(ruleset, tuple(findings))


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.md").write_text(
        "# Direction\n\nOfficers must not share a victim's details with Immigration Enforcement"
        " on doubt alone.\n\nRefer victims to the Home Office for independent advice.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Officers will not pass details to the Home Office where status is uncertain.\n\n"
        "Offer a referral to Rights of Women.\n", encoding="utf-8")
    (tmp_path / "labels.yaml").write_text(LABELS, encoding="utf-8")
    monkeypatch.setattr(policycheck.rules, "load_rulesets", lambda specs: (REC1,))
    monkeypatch.setattr(policycheck.engine, "check", fake_check)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["eval", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_gives_counts_per_criterion_overall_split_and_baseline(corpus: Path) -> None:
    code, out, _ = run("--labels", str(corpus / "labels.yaml"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    checker = data["checker"]["all"]
    assert checker["criteria"][NO_SHARE.id] == {
        "tp": 1, "fp": 0, "fn": 1, "tn": 0, "precision": 1.0, "recall": 0.5,
        "f1": pytest.approx(2 / 3)}
    assert checker["overall"]["tp"] == 2 and checker["overall"]["fp"] == 1
    assert checker["overall"]["precision"] == pytest.approx(2 / 3)
    assert data["checker"]["dev"]["overall"]["fp"] == 1
    assert data["checker"]["holdout"]["overall"]["fn"] == 1
    # Keyword baseline: 'Immigration Enforcement' and 'independent' occur only in a.md.
    baseline = data["baseline"]["all"]["overall"]
    assert (baseline["tp"], baseline["fp"], baseline["fn"], baseline["tn"]) == (1, 1, 2, 0)
    kinds = {(d["kind"], d["document"], d["criterion"]) for d in data["disagreements"]}
    assert kinds == {("FP", "a.md", THIRD.id), ("FN", "b.txt", NO_SHARE.id)}


def test_text_shows_the_table_and_each_disagreement_with_its_evidence(corpus: Path) -> None:
    code, out, _ = run("--labels", str(corpus / "labels.yaml"))
    assert code == 0
    assert "Evaluated 2 documents against labels.yaml (split: all; 1 dev, 1 holdout)" in out
    assert any(line.split()[:5] == ["REC1-THIRD-PARTY", "1", "1", "0", "0"]
               for line in out.splitlines())
    assert "FP  a.md [dev]  REC1-THIRD-PARTY: checker met, gold missing" in out
    cite = next(b.location.cite() for b in extract(corpus / "a.md").blocks
                if b.text.startswith("Refer victims"))
    assert f'evidence: "Refer victims to the Home Office for independent advice." ({cite})' in out
    assert 'trap (inverted-meaning): "Refer victims to the Home Office' in out
    assert "FN  b.txt [holdout]  REC1-NO-SHARE-ON-DOUBT: checker partial, gold met" in out
    assert 'missed: "Officers will not pass details to the Home Office' in out
    assert "checker said: fake reason" in out


def test_split_and_paths_narrow_the_documents(corpus: Path) -> None:
    code, out, _ = run("--labels", str(corpus / "labels.yaml"), "-f", "json", "--split", "holdout")
    assert code == 0
    assert [d["name"] for d in json.loads(out)["documents"]] == ["b.txt"]
    code, out, _ = run(str(corpus / "a.md"), "--labels", str(corpus / "labels.yaml"), "-f", "json")
    assert code == 0
    assert json.loads(out)["checker"]["all"]["overall"]["fp"] == 1
    assert json.loads(out)["checker"]["all"]["documents"] == 1


def test_floors_turn_a_low_score_into_exit_1(corpus: Path) -> None:
    code, _, err = run("--labels", str(corpus / "labels.yaml"), "--min-precision", "0.9")
    assert code == 1
    assert err.strip() == "policycheck: overall precision of 'met' is 0.667, below 0.900"
    assert run("--labels", str(corpus / "labels.yaml"), "--min-recall", "0.6")[0] == 0


def test_an_unlabelled_path_is_a_usage_error(corpus: Path) -> None:
    code, out, err = run(str(corpus / "other.pdf"), "--labels", str(corpus / "labels.yaml"))
    assert code == 2 and out == ""
    assert err.strip() == (f"policycheck: error: {corpus / 'other.pdf'}: no labelled document "
                           f"here (labels: {corpus / 'labels.yaml'})")


def test_a_label_for_an_unknown_criterion_is_refused(corpus: Path) -> None:
    labels = corpus / "labels.yaml"
    labels.write_text(LABELS.replace("REC1-THIRD-PARTY:\n        status: met",
                                     "REC1-THIRD-PART:\n        status: met"), encoding="utf-8")
    code, _, err = run("--labels", str(labels))
    assert code == 2
    assert err.strip() == (f"policycheck: error: {labels}: documents.b.txt.criteria."
                           "REC1-THIRD-PART: unknown criterion 'REC1-THIRD-PART' "
                           "(not in rule sets rec1)")


def test_a_document_that_cannot_be_read_is_reported_and_the_rest_scored(corpus: Path) -> None:
    (corpus / "b.txt").unlink()
    code, out, _ = run("--labels", str(corpus / "labels.yaml"), "-f", "json")
    assert code == 2
    data = json.loads(out)
    assert [e["document"] for e in data["errors"]] == ["b.txt"]
    assert data["checker"]["dev"]["overall"]["tp"] == 1
    # b.txt's gold labels still count, as misses: nothing was checked.
    assert data["checker"]["holdout"]["overall"]["fn"] == 2


def test_output_writes_the_report_to_a_file(corpus: Path) -> None:
    target = corpus / "eval.json"
    code, out, _ = run("--labels", str(corpus / "labels.yaml"), "-f", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["checker"]["all"]["overall"]["tp"] == 2


def test_blind_rounds_are_scored_apart_and_selected_with_round(corpus: Path) -> None:
    labels = corpus / "labels.yaml"
    labels.write_text(LABELS.replace("    split: holdout\n",
                                     "    split: holdout\n    origin: blind\n    round: 2\n"),
                      encoding="utf-8")
    code, out, _ = run("--labels", str(labels), "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["checker"]["round 2"]["documents"] == 1
    assert data["checker"]["round 2"]["overall"]["fn"] == 1
    assert data["checker"]["blind"]["overall"] == data["checker"]["round 2"]["overall"]
    code, out, _ = run("--labels", str(labels))
    assert "round 2 (1 docs)" in out
    code, out, _ = run("--labels", str(labels), "-f", "json", "--round", "2")
    assert [d["name"] for d in json.loads(out)["documents"]] == ["b.txt"]
    code, _, err = run("--labels", str(labels), "--round", "3")
    assert code == 2 and "no labelled documents in split 'all', round 3" in err


def test_a_blind_document_without_its_round_is_refused(corpus: Path) -> None:
    labels = corpus / "labels.yaml"
    blind = LABELS.replace("    split: holdout\n", "    split: holdout\n    origin: blind\n")
    labels.write_text(blind, encoding="utf-8")
    code, _, err = run("--labels", str(labels))
    assert code == 2
    assert "documents.b.txt.round: a blind document needs the round it was written for" in err
