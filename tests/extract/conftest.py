"""Shared fixtures for the extraction tests: generated documents, built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_builders import SOFFICE, convert, write_policy_docx


@pytest.fixture(scope="session")
def policy_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared POLICY as a three-page Word document with header and footer."""
    return write_policy_docx(tmp_path_factory.mktemp("policy") / "policy.docx", pages=3)


@pytest.fixture(scope="session")
def single_policy_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shared POLICY once, as a Word document."""
    return write_policy_docx(tmp_path_factory.mktemp("single") / "single.docx", pages=1)


@pytest.fixture(scope="session")
def policy_pdf(policy_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The three-page policy rendered to PDF by LibreOffice (skipped without soffice)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert(policy_docx, "pdf", tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def single_policy_pdf(single_policy_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policy once, as PDF (skipped without soffice)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert(single_policy_docx, "pdf", tmp_path_factory.mktemp("single-pdf"))


@pytest.fixture(scope="session")
def single_policy_odt(single_policy_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The policy once, as ODT (skipped without soffice)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return convert(single_policy_docx, "odt", tmp_path_factory.mktemp("single-odt"))
