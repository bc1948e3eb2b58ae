"""write_atomic: the whole file or nothing, and never an input document."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from policycheck.errors import OutputError
from policycheck.output import write_atomic


def test_writes_text_as_utf8_and_bytes_as_is(tmp_path: Path) -> None:
    write_atomic(tmp_path / "a.md", "Victims’ Code\n")
    write_atomic(tmp_path / "b.docx", b"PK\x03\x04")
    assert (tmp_path / "a.md").read_bytes() == "Victims’ Code\n".encode()
    assert (tmp_path / "b.docx").read_bytes() == b"PK\x03\x04"


def test_replaces_an_existing_report_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_new_files_get_normal_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    write_atomic(target, "x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_refuses_to_overwrite_an_input_even_through_another_path(tmp_path: Path) -> None:
    policy = tmp_path / "policy.docx"
    policy.write_bytes(b"original")
    link = tmp_path / "link.docx"
    link.symlink_to(policy)
    for target in (policy, tmp_path / "sub" / ".." / "policy.docx", link):
        (tmp_path / "sub").mkdir(exist_ok=True)
        with pytest.raises(OutputError, match="refusing to overwrite an input document"):
            write_atomic(target, b"report", [policy])
    assert policy.read_bytes() == b"original"


def test_refuses_to_replace_an_existing_file_when_asked_not_to(tmp_path: Path) -> None:
    target = tmp_path / "policy.reviewed.docx"
    target.write_bytes(b"earlier review")
    with pytest.raises(OutputError, match=r"already exists \(use --force to replace it\)"):
        write_atomic(target, b"new", overwrite=False)
    assert target.read_bytes() == b"earlier review"


def test_a_failed_write_leaves_the_old_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "report.json"
    target.write_text("complete old report")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OutputError) as info:
        write_atomic(target, "new report")
    assert str(info.value) == f"{target}: cannot write: No space left on device"
    assert target.read_text() == "complete old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_missing_folders_are_made_and_folder_targets_are_clear_errors(tmp_path: Path) -> None:
    write_atomic(tmp_path / "out" / "ci" / "r.sarif", "x")
    assert (tmp_path / "out" / "ci" / "r.sarif").read_text() == "x"
    with pytest.raises(OutputError, match="is a folder, not a file"):
        write_atomic(tmp_path, "x")
