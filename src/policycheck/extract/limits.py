"""Safety limits for untrusted documents: sizes, zip packages, XML parsing, nesting."""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from policycheck.errors import CorruptDocumentError, ResourceLimitError

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Ceilings that stop a hostile or broken file from exhausting memory or time.

    Every limit is checked before the expensive work it guards: zip members are checked
    from their declared sizes before anything is inflated, and again while inflating in
    case the declared sizes lie.
    """

    max_file_bytes: int = 512 * MB  # any input file on disk
    max_text_bytes: int = 20 * MB  # plain text, Markdown and HTML files (~10,000 pages)
    max_zip_members: int = 5_000  # members in a DOCX/ODT package
    max_member_bytes: int = 32 * MB  # uncompressed size of one member that is read (XML)
    max_total_bytes: int = 1024 * MB  # declared uncompressed size of all members together
    max_compression_ratio: float = 200.0  # uncompressed/compressed, for members over 1 MB
    max_pdf_pages: int = 2_000
    max_page_area: float = 14_400.0 * 14_400.0  # square points: PDF's own 200 x 200 inch cap
    max_page_chars: int = 500_000  # characters of text on one PDF page
    max_table_depth: int = 16  # tables nested inside table cells
    max_block_chars: int = 1_000_000  # one paragraph, heading or cell, as the checker reads it
    max_blocks: int = 100_000  # paragraphs, headings, list items and cells in one document


# The language pipeline reads at most this many characters at once.
CEILINGS: dict[str, int] = {"max_block_chars": 5_000_000}
_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 1024, "k": 1024, "mb": MB, "m": MB,
          "gb": 1024 * MB, "g": 1024 * MB}
_SIZE = re.compile(r"^\s*([0-9][0-9_]*(?:\.[0-9]+)?)\s*([a-z]*)\s*$", re.IGNORECASE)


def limit_names() -> tuple[str, ...]:
    """Every limit's name as users write it (hyphens): 'max-file-bytes', ..."""
    return tuple(f.name.replace("_", "-") for f in fields(Limits))


def parse_limit(name: str, value: object) -> tuple[str, int | float]:
    """One limit from configuration or the command line: (field name, value) or ValueError.

    Byte limits take a number of bytes or a size such as '100 MB'; the others a number.
    """
    field = name.strip().replace("-", "_")
    name = field.replace("_", "-")
    kinds = {f.name: f.type for f in fields(Limits)}
    if field not in kinds:
        raise ValueError(f"unknown limit '{name}' (choose from {', '.join(limit_names())})")
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f"limit '{name}' must be a number")
    number: float
    if isinstance(value, str):
        match = _SIZE.match(value)
        unit = match.group(2).lower() if match else ""
        if match is None or unit not in _UNITS or (unit and not field.endswith("_bytes")):
            raise ValueError(f"limit '{name}' must be a number{_size_hint(field)}, not '{value}'")
        number = float(match.group(1).replace("_", "")) * _UNITS[unit]
    else:
        number = float(value)
    if not number > 0 or number == float("inf"):
        raise ValueError(f"limit '{name}' must be greater than 0")
    if number > CEILINGS.get(field, number):
        raise ValueError(f"limit '{name}' can be at most {CEILINGS[field]:,}")
    return field, (number if kinds[field] in (float, "float") else int(number))


def _size_hint(field: str) -> str:
    return " or a size such as '100 MB'" if field.endswith("_bytes") else ""


def with_limits(base: Limits, values: Mapping[str, object]) -> Limits:
    """`base` with the named limits changed; ValueError names a bad one."""
    changes: dict[str, Any] = dict(parse_limit(name, value) for name, value in values.items())
    return replace(base, **changes)


def detail(exc: BaseException, limit: int = 160) -> str:
    """A library exception as a short single line, to put inside a one-line error message."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def human(size: float) -> str:
    """A byte count for people: '512 bytes', '12 KB', '1.5 MB'."""
    if size < 1024:
        return f"{size:.0f} bytes"
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f} MB".replace(".0 MB", " MB")


def check_file_size(path: Path, size: int, limit: int, what: str, name: str) -> None:
    """Raise ResourceLimitError naming limit `name` when `size` bytes exceed `limit`."""
    if size > limit:
        raise ResourceLimitError(f"{what} is over the {human(limit)} limit ({name})", path)


class Package:
    """A zip package (DOCX, ODT) whose members are checked before they are inflated."""

    def __init__(self, path: Path, limits: Limits, kind: str) -> None:
        self.path = path
        self.limits = limits
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise CorruptDocumentError(f"not a valid {kind} package ({detail(exc)})", path) from exc
        infos = self.zip.infolist()
        if len(infos) > limits.max_zip_members:
            raise ResourceLimitError(
                f"zip package has {len(infos)} members, over the limit of "
                f"{limits.max_zip_members} (max_zip_members)", path,
            )
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            raise ResourceLimitError(
                f"zip package would inflate to {human(total)}, over the "
                f"{human(limits.max_total_bytes)} limit (max_total_bytes)", path,
            )
        self.infos = {i.filename: i for i in infos}

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        """True when the package holds member `name`."""
        return name in self.infos

    def check(self, name: str, size_limit: bool = True) -> zipfile.ZipInfo:
        """Refuse member `name` from its declared sizes: too big (if read) or a zip bomb."""
        info = self.infos[name]
        limits = self.limits
        if size_limit and info.file_size > limits.max_member_bytes:
            raise ResourceLimitError(
                f"member {name} declares {human(info.file_size)}, over the "
                f"{human(limits.max_member_bytes)} limit (max_member_bytes)", self.path,
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MB and ratio > limits.max_compression_ratio:
            raise ResourceLimitError(
                f"member {name} has compression ratio {ratio:.0f}:1, over the "
                f"{limits.max_compression_ratio:.0f}:1 limit (max_compression_ratio)", self.path,
            )
        return info

    def read(self, name: str) -> bytes:
        """Read one member, refusing oversized or suspiciously compressed ones."""
        info = self.check(name)
        limits = self.limits
        try:
            with self.zip.open(info) as fh:
                data = fh.read(limits.max_member_bytes + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError,
                NotImplementedError) as exc:
            reason = f"member {name} cannot be read ({detail(exc)})"
            raise CorruptDocumentError(reason, self.path) from exc
        if len(data) > limits.max_member_bytes:
            raise ResourceLimitError(
                f"member {name} inflates past the {human(limits.max_member_bytes)} limit "
                "(max_member_bytes)", self.path,
            )
        return data


def parse_xml(data: bytes, path: Path, member: str) -> Any:
    """Parse XML with entity expansion, DTD loading and network access all off."""
    from lxml import etree

    head = data[:8192].replace(b"\x00", b"")
    if b"<!DOCTYPE" in head or b"<!doctype" in head:
        # OOXML and ODF never use DTDs; one here is an entity-expansion attack or junk.
        raise CorruptDocumentError(f"{member} declares a DTD, which this format never uses", path)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc):  # libxml2's own ceiling on nesting, kept on
            raise ResourceLimitError(
                f"{member} nests elements more than 256 deep", path) from exc
        reason = f"{member} is not well-formed XML ({detail(exc)})"
        raise CorruptDocumentError(reason, path) from exc
    if root is None:
        raise CorruptDocumentError(f"{member} is empty", path)
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.doctype:
        raise CorruptDocumentError(f"{member} declares a DTD, which this format never uses", path)
    return root


def check_table_depth(depth: int, limits: Limits, path: Path) -> None:
    """Refuse tables nested deeper than the limit (DOCX, ODT and HTML share this guard)."""
    if depth > limits.max_table_depth:
        raise ResourceLimitError(
            f"tables nested more than {limits.max_table_depth} deep (max_table_depth)", path,
        )
