"""Safety limits changed from the configuration's [limits] table and from --limit NAME=VALUE."""

from __future__ import annotations

from pathlib import Path

import hostile_files as h
import pytest
from typer.testing import CliRunner

from policycheck.cli import app
from policycheck.extract.limits import MB, Limits, with_limits

runner = CliRunner()
LOCAL = ["--no-cache", "--timeout", "0", "--rules", "rec5", "--format", "json"]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a ten-page PDF and a 2 KB text policy in it."""
    monkeypatch.chdir(tmp_path)
    h.pdf_pages(tmp_path / "ten.pdf", 10)
    (tmp_path / "policy.txt").write_text(h.GOOD_POLICY * 3, encoding="utf-8")
    return tmp_path


def _errors(args: list[str]) -> tuple[int, dict[str, str | None]]:
    import json

    result = runner.invoke(app, ["check", "ten.pdf", "policy.txt", *LOCAL, *args])
    documents = json.loads(result.stdout)["documents"]
    return result.exit_code, {d["path"]: d["error"] for d in documents}


def test_defaults_accept_both_documents(here: Path) -> None:
    code, errors = _errors(["--isolated"])
    assert errors == {"ten.pdf": None, "policy.txt": None}
    assert code in (0, 1)


def test_option_lowers_limits_and_names_them(here: Path) -> None:
    code, errors = _errors(["--isolated", "--limit", "max-pdf-pages=5",
                            "--limit", "max_text_bytes=1 KB"])
    assert code == 2
    assert errors["ten.pdf"] == "10 pages, over the limit of 5 (max_pdf_pages)"
    assert errors["policy.txt"] == "text file is over the 1 KB limit (max_text_bytes)"


def test_configuration_sets_limits_and_the_option_wins(here: Path) -> None:
    (here / "policycheck.toml").write_text('[limits]\nmax-pdf-pages = 5\n', encoding="utf-8")
    code, errors = _errors([])
    assert code == 2 and "(max_pdf_pages)" in str(errors["ten.pdf"])
    _, errors = _errors(["--limit", "max-pdf-pages=50"])
    assert errors["ten.pdf"] is None


@pytest.mark.parametrize(("item", "message"), [
    ("max-pdf-pages", "--limit takes NAME=VALUE, e.g. max-pdf-pages=500; not 'max-pdf-pages'"),
    ("max-pages=3", "unknown limit 'max-pages' (choose from max-file-bytes,"),
    ("max-pdf-pages=3 MB", "limit 'max-pdf-pages' must be a number, not '3 MB'"),
    ("max-file-bytes=0", "limit 'max-file-bytes' must be greater than 0"),
    ("max-block-chars=9000000", "limit 'max-block-chars' can be at most 5,000,000"),
])
def test_bad_limit_is_a_usage_error(here: Path, item: str, message: str) -> None:
    result = runner.invoke(app, ["check", "policy.txt", "--isolated", "--limit", item])
    assert result.exit_code == 2
    assert result.output.startswith("policycheck: error: ")
    assert message in result.output


def test_sizes_take_units_and_plain_numbers() -> None:
    limits = with_limits(Limits(), {"max-file-bytes": "1.5 GB", "max-text-bytes": 4096,
                                    "max_member_bytes": "64MB", "max-compression-ratio": "50"})
    assert limits.max_file_bytes == int(1.5 * 1024 * MB)
    assert limits.max_text_bytes == 4096
    assert limits.max_member_bytes == 64 * MB
    assert limits.max_compression_ratio == 50.0
    assert limits.max_pdf_pages == Limits().max_pdf_pages


def test_extract_takes_the_same_limits(here: Path) -> None:
    result = runner.invoke(app, ["extract", "ten.pdf", "--limit", "max-pdf-pages=5"])
    assert result.exit_code == 2
    assert "ten.pdf: 10 pages, over the limit of 5 (max_pdf_pages)" in result.output
    result = runner.invoke(app, ["extract", "ten.pdf", "--limit", "max-pdf-pages"])
    assert result.exit_code == 2 and "--limit takes NAME=VALUE" in result.output
