"""The labels loader: strict schema, and one error message per mistake naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from policycheck.errors import ConfigError
from policycheck.evaluate.labels import TrapKind, load_labels

GOOD = """\
version: 1
documents:
  force/a.docx:
    source: src/a.yaml
    split: holdout
    genre: procedure
    rulesets: [rec1]
    criteria:
      REC1-NO-SHARE-ON-DOUBT:
        status: met
        sentences: ["Officers must not share."]
      REC1-THIRD-PARTY:
        status: missing
        traps:
          - kind: inverted-meaning
            text: Refer them to Immigration Enforcement for advice.
        note: inverted
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "labels.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_with_paths_relative_to_it(tmp_path: Path) -> None:
    labels = load_labels(write(tmp_path, GOOD))
    (doc,) = labels.documents
    assert doc.name == "force/a.docx"
    assert doc.path == tmp_path / "force" / "a.docx"
    assert doc.source == tmp_path / "src" / "a.yaml"
    assert doc.split == "holdout" and labels.rulesets == ("rec1",)
    met = doc.label("REC1-NO-SHARE-ON-DOUBT")
    missing = doc.label("REC1-THIRD-PARTY")
    assert met is not None and met.met and met.sentences == ("Officers must not share.",)
    assert missing is not None and not missing.met
    assert missing.traps[0].kind is TrapKind.INVERTED
    assert doc.label("REC5-SAFE-REPORTING") is None


def test_a_bare_status_is_shorthand(tmp_path: Path) -> None:
    text = GOOD.split("      REC1-THIRD-PARTY:")[0] + "      REC1-THIRD-PARTY: missing\n"
    label = load_labels(write(tmp_path, text)).documents[0].label("REC1-THIRD-PARTY")
    assert label is not None and not label.met and label.traps == ()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("split: holdout", "split: test",
         "documents.force/a.docx.split: Input should be 'dev' or 'holdout'"),
        ("    genre: procedure", "    genre: procedure\n    colour: red",
         "documents.force/a.docx.colour: Extra inputs are not permitted"),
        ("status: missing", "status: maybe",
         "documents.force/a.docx.criteria.REC1-THIRD-PARTY.status: "
         "Input should be 'met' or 'missing'"),
        ('        sentences: ["Officers must not share."]\n', "",
         "documents.force/a.docx.criteria.REC1-NO-SHARE-ON-DOUBT: "
         "a met label needs at least one sentence"),
        ("        note: inverted", "        sentences: [x]",
         "documents.force/a.docx.criteria.REC1-THIRD-PARTY: "
         "a missing label cannot have sentences"),
        ("version: 1", "version: 2", "version: Input should be 1"),
    ],
)
def test_each_mistake_has_its_own_message(
    tmp_path: Path, old: str, new: str, message: str,
) -> None:
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ConfigError) as info:
        load_labels(path)
    assert str(info.value) == f"{path}: {message}"


def test_an_unknown_trap_kind_lists_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("kind: inverted-meaning", "kind: vague"))
    with pytest.raises(ConfigError) as info:
        load_labels(path)
    assert str(info.value).startswith(
        f"{path}: documents.force/a.docx.criteria.REC1-THIRD-PARTY.traps.0.kind: "
        "Input should be 'negation', 'deferral'"
    )


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "version: 1\ndocuments:\n  a.docx: [unclosed\n")
    with pytest.raises(ConfigError) as info:
        load_labels(path)
    assert str(info.value) == f"{path}:4: not valid YAML"


def test_a_list_at_the_top_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "- a\n- b\n")
    with pytest.raises(ConfigError) as info:
        load_labels(path)
    assert str(info.value) == f"{path}: expected a mapping with 'version' and 'documents'"


def test_a_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_labels(tmp_path / "nope.yaml")
    expected = f"{tmp_path / 'nope.yaml'}: cannot read labels file (No such file or directory)"
    assert str(info.value) == expected
