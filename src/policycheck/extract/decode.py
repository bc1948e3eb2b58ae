"""Read a text file within the size limit and decode it: BOMs, UTF-16, detected encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

from policycheck.errors import UnsupportedFormatError
from policycheck.extract.limits import Limits, check_file_size

_BINARY_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b") + b"\x7f"
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def read_bounded(path: Path, limits: Limits) -> bytes:
    """Read at most `limits.max_text_bytes`, raising ResourceLimitError beyond it."""
    with path.open("rb") as fh:
        data = fh.read(limits.max_text_bytes + 1)
    check_file_size(path, len(data), limits.max_text_bytes, "text file", "max_text_bytes")
    return data


def looks_binary(data: bytes) -> bool:
    """Binary (or a sparse file's hole), not text with a stray NUL or escape in it.

    Text may carry the odd control character; more than 1 byte in 100 NUL, or more than
    1 in 20 a control character that text never uses, is binary.
    """
    controls = len(data) - len(data.translate(None, _BINARY_CONTROLS))
    return data.count(0) * 100 > len(data) or controls * 20 > len(data)


def utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    half = len(sample) // 2
    if half < 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    # Latin text in UTF-16 has zeros in one half of each pair only; zeros in both are binary.
    if odd > half * 0.4 and even < half * 0.1:
        return "utf-16-le"
    if even > half * 0.4 and odd < half * 0.1:
        return "utf-16-be"
    return None


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as text: BOM first, then UTF-16 (NULs), UTF-8, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    if b"\x00" in data[:8192]:
        # ASCII in UTF-16 is also valid UTF-8 (with NULs), so UTF-16 must be tried first.
        utf16 = utf16_without_bom(data)
        if utf16:
            return data.decode(utf16, errors="replace")
    if looks_binary(data):
        raise UnsupportedFormatError("binary content, not a text document", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if encoding.replace("-", "_") in ("ascii", "latin_1", "iso8859_1"):
        encoding = "cp1252"  # as browsers do: Windows-1252 is the printable superset
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return data.decode("cp1252", errors="replace")
