"""Formatters: one module per output format, each `render(results, options) -> str | bytes`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module

from policycheck.model import DocumentResult, RenderOptions

Renderer = Callable[[Sequence[DocumentResult], RenderOptions], "str | bytes"]


def _lazy(module: str) -> Renderer:
    """A renderer that imports its module on first use, so start-up stays fast."""

    def render(results: Sequence[DocumentResult], options: RenderOptions) -> str | bytes:
        rendered: str | bytes = import_module(f"policycheck.report.{module}").render(
            results, options
        )
        return rendered

    return render


# Format name -> renderer. Human formats first, then machine formats.
RENDERERS: dict[str, Renderer] = {
    fmt: _lazy(module)
    for fmt, module in {
        "text": "text",
        "markdown": "markdown",
        "html": "html",
        "csv": "csv",
        "docx": "docx",
        "json": "json",
        "sarif": "sarif",
        "junit": "junit",
        "github": "github",
    }.items()
}

BINARY_FORMATS: frozenset[str] = frozenset({"docx"})


def render(fmt: str, results: Sequence[DocumentResult], options: RenderOptions) -> str | bytes:
    """Render `results` in format `fmt` (a key of RENDERERS)."""
    return RENDERERS[fmt](results, options)
