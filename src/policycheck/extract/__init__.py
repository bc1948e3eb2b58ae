"""Turn an input file into a Document: checks, format sniffing and the EXTRACTORS registry."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path

from policycheck.errors import InputError, ResourceLimitError, UsageError
from policycheck.extract.limits import Limits, check_file_size
from policycheck.extract.sniff import SUFFIXES, sniff_format
from policycheck.model import Document

PDF_ENGINES = ("pdfium", "pdfplumber")


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Choices that change how documents are read."""

    pdf_engine: str = "pdfium"  # or "pdfplumber" (slower; geometry-based tables)
    password: str | None = None
    pdf_tables: bool = True  # pdfium: read pages that look tabular with pdfplumber's tables
    limits: Limits = field(default_factory=Limits)
    nlp_model: str | None = None  # an installed spaCy pipeline to read sentences with (--model)


Extractor = Callable[[Path, ExtractOptions], Document]


def _lazy(module: str, function: str) -> Extractor:
    """An extractor that imports its reader on first use, so start-up stays fast."""

    def read(path: Path, options: ExtractOptions) -> Document:
        reader: Extractor = getattr(import_module(f"policycheck.extract.{module}"), function)
        return reader(path, options)

    return read


# Format name -> reader (module, function).
EXTRACTORS: dict[str, Extractor] = {
    fmt: _lazy(fmt, f"extract_{fmt}")
    for fmt in ("docx", "pdf", "odt", "html", "markdown", "text")
}

__all__ = ["EXTRACTORS", "SUFFIXES", "ExtractOptions", "Limits", "extract", "sniff_format"]


def _check_readable(path: Path, limits: Limits) -> None:
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError("is a symbolic link loop", path) from exc
        if path.is_symlink():
            raise InputError("is a broken symbolic link (its target does not exist)", path) from exc
        if exc.errno == errno.ENOENT:
            raise InputError("no such file", path) from exc
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from exc
    if path.is_dir():
        raise InputError("is a directory, not a document", path)
    if not path.is_file():  # a FIFO or device would block or never end: never opened
        raise InputError("is not a regular file (a pipe, socket or device); not read", path)
    size = path.stat().st_size
    if size == 0:
        raise InputError("is empty (0 bytes)", path)
    check_file_size(path, size, limits.max_file_bytes, "file", "max_file_bytes")
    if not os.access(path, os.R_OK):
        raise InputError("permission denied: the file cannot be read", path)


def extract(path: Path, options: ExtractOptions | None = None) -> Document:
    """Read `path` into a Document, or raise an InputError naming the file."""
    options = options or ExtractOptions()
    if options.pdf_engine not in PDF_ENGINES:
        raise UsageError(
            f"unknown PDF engine '{options.pdf_engine}' (choose from {', '.join(PDF_ENGINES)})"
        )
    _check_readable(path, options.limits)
    try:
        fmt = sniff_format(path)
        document = EXTRACTORS[fmt](path, options)
    except PermissionError as exc:
        raise InputError("permission denied: the file cannot be read", path) from exc
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", path) from exc
    except RecursionError as exc:
        raise ResourceLimitError("content is nested too deeply to read safely", path) from exc
    _check_blocks(document, options.limits)
    return document


def _check_blocks(document: Document, limits: Limits) -> None:
    """Refuse a block too long to check (a 10 MB line with no break is no paragraph)."""
    if len(document.blocks) > limits.max_blocks:
        raise ResourceLimitError(
            f"{len(document.blocks):,} paragraphs and cells, over the limit of "
            f"{limits.max_blocks:,} (max_blocks)", document.path,
        )
    longest = max((len(b.text) for b in document.blocks), default=0)
    if longest > limits.max_block_chars:
        raise ResourceLimitError(
            f"a paragraph of {longest:,} characters is over the limit of "
            f"{limits.max_block_chars:,} (max_block_chars)", document.path,
        )
