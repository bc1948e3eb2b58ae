"""Baselines: only gaps that are new (or worse) since the baseline count."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builders import result
from policycheck.baseline import dump_baseline, load_baseline, mark_new
from policycheck.cli import FailOn, exit_code
from policycheck.errors import InputError
from policycheck.model import Status


def test_baseline_lists_current_gaps_sorted() -> None:
    docs = [
        result("b.md", {"REC4-OUTREACH": Status.MISSING}),
        result("a.md", {"REC4-MSHT-DA": Status.PARTIAL, "REC4-OUTREACH": Status.WAIVED}),
    ]
    assert json.loads(dump_baseline(docs)) == [
        {"path": "a.md", "criterion": "REC4-MSHT-DA", "status": "partial"},
        {"path": "b.md", "criterion": "REC4-OUTREACH", "status": "missing"},
    ]


def test_known_gaps_pass_and_new_or_worse_gaps_fail(tmp_path: Path) -> None:
    before = [result("a.md", {"REC4-OUTREACH": Status.MISSING, "REC4-MSHT-DA": Status.PARTIAL})]
    path = tmp_path / "baseline.json"
    path.write_text(dump_baseline(before), encoding="utf-8")
    known = load_baseline(path)
    same = mark_new(before, known)
    assert exit_code(same, FailOn.REQUIRED) == 0
    assert {f.criterion.id: f.new_since_baseline for f in same[0].findings} == {
        "REC4-OUTREACH": False, "REC4-MSHT-DA": False, "REC4-PATHWAY-AWARENESS": None,
    }
    worse = mark_new([result("a.md", {"REC4-OUTREACH": Status.MISSING,
                                      "REC4-MSHT-DA": Status.MISSING})], known)
    assert [f.criterion.id for f in worse[0].findings if f.new_since_baseline] == ["REC4-MSHT-DA"]
    assert exit_code(worse, FailOn.REQUIRED) == 1
    better = mark_new([result("a.md", {"REC4-OUTREACH": Status.PARTIAL})], known)
    assert exit_code(better, FailOn.REQUIRED) == 0


@pytest.mark.parametrize(("text", "message"), [
    ("{", "baseline.json: baseline is not valid JSON (Expecting property name enclosed in double "
          "quotes: line 1 column 2 (char 1))"),
    ('{"a": 1}', "baseline.json: baseline must be a JSON list"),
    ('[{"path": "a.md", "criterion": "X", "status": "bad"}]',
     "baseline.json: baseline entry 0 needs 'path', 'criterion' and a gap 'status'"),
])
def test_a_broken_baseline_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("baseline.json").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_baseline(Path("baseline.json"))
    assert str(caught.value) == message


def test_a_baseline_written_at_the_root_holds_when_run_from_a_subfolder(tmp_path: Path) -> None:
    import dataclasses

    at_root = dataclasses.replace(result("pol/a.md", {"REC4-OUTREACH": Status.MISSING}),
                                  path=tmp_path / "pol" / "a.md")
    path = tmp_path / "baseline.json"
    path.write_text(dump_baseline([at_root], tmp_path), encoding="utf-8")
    assert json.loads(path.read_text())[0]["path"] == "pol/a.md"
    from_subfolder = dataclasses.replace(at_root, display_path="a.md")  # cd pol && check .
    marked = mark_new([from_subfolder], load_baseline(path), tmp_path)
    assert exit_code(marked, FailOn.REQUIRED) == 0
