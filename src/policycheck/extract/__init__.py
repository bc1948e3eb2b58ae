"""Turn an input file into a Document: format sniffing and the EXTRACTORS registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from policycheck.errors import InputError, UnsupportedFormatError
from policycheck.model import Document


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Choices that change how documents are read."""

    pdf_engine: str = "pdfium"  # or "pdfplumber"
    password: str | None = None


Extractor = Callable[[Path, ExtractOptions], Document]


def _text(path: Path, options: ExtractOptions) -> Document:
    from policycheck.extract.text import extract_text

    return extract_text(path, options)


EXTRACTORS: dict[str, Extractor] = {
    "text": _text,
    "markdown": _text,
}

SUFFIXES: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
}


def sniff_format(path: Path) -> str:
    """Name the format of `path` from its content first, its suffix second."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UnsupportedFormatError(f"unsupported file type '{path.suffix or 'no suffix'}'", path)
    return fmt


def extract(path: Path, options: ExtractOptions | None = None) -> Document:
    """Read `path` into a Document, or raise an InputError naming the file."""
    options = options or ExtractOptions()
    if path.is_dir():
        raise InputError("is a directory, not a document", path)
    fmt = sniff_format(path)
    return EXTRACTORS[fmt](path, options)
