"""Odd things named on the command line: folders that look like files, links, pipes."""

from __future__ import annotations

import os
from pathlib import Path

import hostile_files as h
import pytest
from typer.testing import CliRunner

from policycheck.cli import app

runner = CliRunner()
LOCAL = ["--isolated", "--no-cache", "--timeout", "0", "--rules", "rec5"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_folder_named_like_a_pdf_is_walked_and_its_emptiness_said(here: Path) -> None:
    (here / "x.pdf").mkdir()
    result = runner.invoke(app, ["check", "x.pdf", *LOCAL])
    assert result.exit_code == 0
    assert "policycheck: no documents in the folder x.pdf" in result.output
    assert "0 documents checked" in result.output


def test_the_same_folder_twice_is_not_called_empty(here: Path) -> None:
    (here / "docs").mkdir()
    (here / "docs" / "good.txt").write_text(h.GOOD_POLICY, encoding="utf-8")
    result = runner.invoke(app, ["check", "docs", "docs", *LOCAL])
    assert "no documents" not in result.output
    assert "1 document checked" in result.output


@pytest.mark.parametrize(("make", "reason"), [
    (h.dangling, "is a broken symbolic link (its target does not exist)"),
    (h.symlink_loop, "is a symbolic link loop"),
    (h.special_fifo, "is not a regular file (a pipe, socket or device); not read"),
])
def test_named_links_and_pipes_are_errors_not_hangs(here: Path, make: h.Builder,
                                                     reason: str) -> None:
    make(here / "odd.txt")
    for command in (["check", "odd.txt", *LOCAL], ["extract", "odd.txt"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2
        assert f"policycheck: odd.txt: {reason}" in result.output.splitlines()


def test_an_unreadable_file_is_named_as_such(here: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file; the FIFO and link cases cover special files")
    locked = here / "locked.txt"
    locked.write_text(h.GOOD_POLICY, encoding="utf-8")
    locked.chmod(0)
    result = runner.invoke(app, ["check", "locked.txt", *LOCAL])
    assert result.exit_code == 2
    assert "permission denied" in result.output


def test_annotate_refuses_a_pipe_without_blocking(here: Path) -> None:
    import subprocess
    import sys

    os.mkfifo(here / "draft.docx")
    src = Path(__file__).resolve().parents[2] / "src"
    run = subprocess.run([sys.executable, "-m", "policycheck", "annotate", "draft.docx"],
                         cwd=here, env={**os.environ, "PYTHONPATH": str(src)},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr == "policycheck: error: draft.docx: is not a regular file\n"


def test_annotate_refuses_a_bomb_in_any_member(here: Path) -> None:
    bomb = h.docx_xml(h.para("Victims are treated as victims first."))
    h.write_docx(here / "draft.docx", bomb, {"word/media/image1.png": b"\x00" * (8 * 1024**2)})
    result = runner.invoke(app, ["annotate", "draft.docx", "--rules", "rec5"])
    assert result.exit_code == 2
    assert "member word/media/image1.png has compression ratio" in result.output
    assert not (here / "draft.reviewed.docx").exists()
