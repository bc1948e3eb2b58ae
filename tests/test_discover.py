"""Finding documents: folders, globs, excludes, hidden folders, symlink loops, missing files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policycheck.discover import discover
from policycheck.pathmatch import matches


@pytest.mark.parametrize(
    ("path", "pattern", "expected"),
    [
        ("drafts/a.md", "drafts/**", True),
        ("drafts/sub/a.md", "drafts/**", True),
        ("policies/drafts/a.md", "drafts/**", False),  # a pattern with '/' is anchored
        ("policies/drafts/a.md", "drafts/", True),  # a trailing "/" alone does not anchor
        ("drafts/a.md", "drafts", True),  # a folder name excludes what is inside
        ("policies/drafts/a.md", "drafts", True),  # ... at any depth when it has no '/'
        ("a/b/custody.old.docx", "*.old.docx", True),
        ("a/b/custody.docx", "*.old.docx", False),
        ("pcc/x/y.md", "pcc/**/*.md", True),
        ("pcc/y.md", "pcc/**/*.md", True),
        ("pcc/y.md", "pcc/?.md", True),
        ("pcc/yy.md", "pcc/?.md", False),
        ("pcc/a.md", "pcc/[ab].md", True),
        ("pcc/c.md", "pcc/[!ab].md", True),
    ],
)
def test_gitignore_style_patterns(path: str, pattern: str, expected: bool) -> None:
    assert matches(path, [pattern]) is expected


def _tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text\n", encoding="utf-8")


def test_folders_are_walked_in_stable_sorted_order(tmp_path: Path) -> None:
    _tree(tmp_path, ["b/z.md", "a.txt", "b/a.docx", "c/d/e.pdf", "B.html"])
    found = discover([str(tmp_path)], tmp_path)
    rel = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert rel == ["B.html", "a.txt", "b/a.docx", "b/z.md", "c/d/e.pdf"]


def test_unsupported_files_are_skipped_with_one_notice_each(tmp_path: Path) -> None:
    _tree(tmp_path, ["policy.md", "budget.xlsx", "README"])
    found = discover([str(tmp_path)], tmp_path)
    assert [p.name for p in found.files] == ["policy.md"]
    assert found.notices == (
        f"skipped {(tmp_path / 'README').as_posix()}: unsupported file type ''",
        f"skipped {(tmp_path / 'budget.xlsx').as_posix()}: unsupported file type '.xlsx'",
    )


def test_a_file_without_suffix_is_checked_when_named(tmp_path: Path) -> None:
    _tree(tmp_path, ["POLICY"])
    assert discover([str(tmp_path / "POLICY")], tmp_path).files == (tmp_path / "POLICY",)


def test_hidden_folders_and_files_are_skipped(tmp_path: Path) -> None:
    _tree(tmp_path, [".git/x.md", ".hidden.md", "ok/.cache/y.md", "ok/p.md"])
    found = discover([str(tmp_path)], tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["ok/p.md"]


def test_excludes_apply_to_walked_and_named_files(tmp_path: Path) -> None:
    _tree(tmp_path, ["drafts/a.md", "live/b.md", "live/c.old.docx", "live/d.docx"])
    found = discover(
        [str(tmp_path), str(tmp_path / "drafts/a.md")], tmp_path,
        exclude=["drafts/**", "*.old.docx"],
    )
    rel = [p.relative_to(tmp_path).as_posix() for p in found.files]
    assert rel == ["live/b.md", "live/d.docx"]


def test_include_patterns_filter_what_a_walk_finds(tmp_path: Path) -> None:
    _tree(tmp_path, ["policies/a.md", "samples/b.md", "src/c.md"])
    found = discover([str(tmp_path)], tmp_path, include=["policies/**"])
    assert [p.relative_to(tmp_path).as_posix() for p in found.files] == ["policies/a.md"]


def test_symlink_loops_are_not_followed_forever(tmp_path: Path) -> None:
    _tree(tmp_path, ["a/p.md"])
    os.symlink(tmp_path / "a", tmp_path / "a" / "loop")
    os.symlink(tmp_path, tmp_path / "a" / "up")
    found = discover([str(tmp_path)], tmp_path)
    assert [p.name for p in found.files] == ["p.md"]


def test_globs_are_expanded_even_when_quoted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _tree(tmp_path, ["pol/a.md", "pol/sub/b.md", "pol/c.txt"])
    monkeypatch.chdir(tmp_path)
    assert discover(["pol/**/*.md"], tmp_path).files == (Path("pol/a.md"), Path("pol/sub/b.md"))


def test_missing_named_files_and_empty_globs_are_reported(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.md"])
    found = discover(
        [str(tmp_path / "a.md"), str(tmp_path / "gone.md"), str(tmp_path / "*.pdf")], tmp_path,
    )
    assert found.files == (tmp_path / "a.md",)
    assert found.missing == (tmp_path / "gone.md", tmp_path / "*.pdf")


def test_the_same_file_named_twice_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    _tree(tmp_path, ["a.md"])
    monkeypatch.chdir(tmp_path)
    assert discover(["a.md", "./a.md", "."], tmp_path).files == (Path("a.md"),)


def test_a_folder_full_of_sources_gets_one_summary_notice(tmp_path: Path) -> None:
    _tree(tmp_path, ["policy.md", "labels.yaml", "src/a.yaml", "src/b.yaml", "build.py"])
    found = discover([str(tmp_path)], tmp_path)
    assert [p.name for p in found.files] == ["policy.md"]
    assert found.notices == (
        f"skipped 4 files in {tmp_path.as_posix()} that are not policy documents (.py, .yaml)",
    )


def test_an_old_word_file_in_a_folder_is_an_error_not_a_silent_skip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from typer.testing import CliRunner

    from policycheck.cli import app

    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.md").write_text("# Policy\n\nWe hold events.\n", encoding="utf-8")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    result = CliRunner().invoke(
        app, ["check", ".", "--jobs", "1", "--timeout", "0", "--no-cache", "--isolated",
              "-f", "json"],
    )
    assert result.exit_code == 2
    assert "policycheck: old.doc: is a legacy Microsoft Office file" in result.stderr
    assert "save it as .docx or PDF" in result.stderr
    assert '"path": "good.md"' in result.stdout  # the rest of the folder is still checked
