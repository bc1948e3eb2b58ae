"""The rule loader rejects bad rule files with one line naming file, line, field and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.errors import RuleFileError
from policycheck.model import Severity, Status
from policycheck.rules import bundled_dir, load_rulesets

EXAMPLES = """\
    examples:
      met:
        - {text: Officers will refer victims to Kalayaan., note: a}
        - {text: Officers will refer victims to Kalayaan today., note: b}
        - {text: Officers must refer victims to Kalayaan., note: c}
      missing:
        - {text: Officers will not refer victims to Kalayaan., note: d, kind: negation}
        - {text: A referral to Kalayaan will be developed., note: e, kind: deferral}
        - {text: The force notes Kalayaan., note: f, kind: citation}
"""

VALID = (
    """\
id: demo
title: Demo rules
source: {report: "Safe to share?", recommendation: "4", addressee: chief constables}
version: "1"
concepts:
  org:
    phrases: [Kalayaan]
  refer:
    phrases: [refer, referral]
criteria:
  - id: DEMO-REFER
    title: Refers to Kalayaan
    requirement: Refer victims to Kalayaan.
    guidance: Say that officers refer victims to Kalayaan.
    keywords: [Kalayaan]
    all:
      - concept: org
      - concept: refer
"""
    + EXAMPLES
)


def _load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, name: str = "demo.yaml"
) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        load_rulesets([name])
    return str(info.value)


def test_a_valid_file_loads_with_digest_keywords_and_examples(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo.yaml").write_text(VALID, encoding="utf-8")
    (ruleset,) = load_rulesets(["demo.yaml"])
    crit = ruleset.criteria[0]
    assert (ruleset.id, crit.id, crit.severity, crit.keywords) == (
        "demo",
        "DEMO-REFER",
        Severity.REQUIRED,
        ("Kalayaan",),
    )
    assert len(ruleset.digest) == 64
    assert [e.expect for e in crit.examples].count(Status.MISSING) == 3


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('version: "1"\n', 'version: "1"\ncolour: red\n', "demo.yaml:5: unknown key 'colour'"),
        (
            "      - concept: refer\n",
            "      - concept: sharing\n",
            "demo.yaml:18: criteria[0].all[1]: unknown concept 'sharing'",
        ),
        (
            "    keywords: [Kalayaan]\n",
            "    keywords: [Kalayaan]\n    colour: red\n",
            "demo.yaml:16: criteria[0]: unknown key 'colour'",
        ),
        (
            "    phrases: [Kalayaan]\n",
            "    phrases: ['[Kk]alayaan']\n",
            "demo.yaml:7: concepts.org.phrases: phrase '[Kk]alayaan' looks like a regular "
            "expression: write plain words",
        ),
        (
            "    phrases: [refer, referral]\n",
            "    phrases: ['... refer']\n",
            "demo.yaml:9: concepts.refer.phrases: "
            "phrase '... refer' may not start or end with '...'",
        ),
        (
            "        - {text: The force notes Kalayaan., note: f, kind: citation}\n",
            "",
            "demo.yaml:20: criteria[0].examples: needs at least 3 met and 3 missing examples "
            "(has 3 met, 2 missing)",
        ),
        (
            "    guidance: Say that officers refer victims to Kalayaan.\n",
            "",
            "demo.yaml:11: criteria[0]: missing required key 'guidance'",
        ),
        (
            "      - concept: org\n",
            "      - concept: org\n        heading: org\n",
            "demo.yaml:17: criteria[0].all[0]: needs exactly one of concept, all, any, heading, "
            "titled, untitled, about, without (found concept, heading)",
        ),
        ("id: demo\n", "id: demo\nid: again\n", "demo.yaml:2: duplicate key 'id'"),
        (
            "title: Demo rules\n",
            "title: [unclosed\n",
            "demo.yaml:3: invalid YAML: expected ',' or ']', but got ':'",
        ),
        (
            'version: "1"\n',
            'version: !!python/object:os.system "1"\n',
            "demo.yaml:4: invalid YAML: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'",
        ),
        (
            "        - {text: The force notes Kalayaan., note: f, kind: citation}\n",
            "        - {text: The force notes Kalayaan., note: f}\n",
            "demo.yaml:20: criteria[0].examples: missing[2] needs a 'kind' naming its near-miss",
        ),
    ],
)
def test_each_error_names_file_line_field_and_reason(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    message: str,
) -> None:
    assert old in VALID
    assert _load(tmp_path, monkeypatch, VALID.replace(old, new, 1)) == message


def test_a_duplicate_criterion_id_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    crit = VALID[VALID.index("  - id: DEMO-REFER") :]
    assert _load(tmp_path, monkeypatch, VALID + crit) == (
        "demo.yaml:28: criteria[1].id: duplicate criterion id 'DEMO-REFER' (first at criteria[0])"
    )


def test_an_unknown_concept_in_an_exclusion_is_an_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = VALID.replace(
        "    keywords: [Kalayaan]\n", "    keywords: [Kalayaan]\n    exclude: [suspects]\n"
    )
    assert _load(tmp_path, monkeypatch, text) == (
        "demo.yaml:16: criteria[0].exclude[0]: unknown concept 'suspects'"
    )


def test_a_missing_vocabulary_include_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = VALID.replace('version: "1"\n', 'version: "1"\ninclude: [shared.yaml]\n')
    assert _load(tmp_path, monkeypatch, text) == (
        "demo.yaml:5: include[0]: included vocabulary 'shared.yaml' not found"
    )


def test_a_concept_that_includes_itself_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = VALID.replace(
        "    phrases: [Kalayaan]\n", "    phrases: [Kalayaan]\n    include: [org]\n"
    )
    assert _load(tmp_path, monkeypatch, text) == (
        "demo.yaml:8: concepts.org.include: concept 'org' includes itself"
    )


def test_an_unknown_spec_names_the_bundled_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuleFileError) as info:
        load_rulesets(["rec9"])
    assert str(info.value) == (
        "rec9: no such rule file, folder or bundled rule set "
        "(bundled: rec1, rec4, rec5, victims-code)"
    )


def test_bundled_ids_load_from_the_bundled_folder() -> None:
    rulesets = load_rulesets(["rec1", "rec4", "rec5", "victims-code"])
    assert [r.id for r in rulesets] == ["rec1", "rec4", "rec5", "victims-code"]
    assert all(r.path is not None and r.path.parent == bundled_dir() for r in rulesets)
    assert [len(r.criteria) for r in rulesets] == [2, 14, 1, 12]


def test_a_folder_loads_its_rule_files_and_skips_vocabularies() -> None:
    rulesets = load_rulesets([str(bundled_dir())])
    assert sorted(r.id for r in rulesets) == ["rec1", "rec4", "rec5", "victims-code"]
