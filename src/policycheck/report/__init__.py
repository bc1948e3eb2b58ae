"""Formatters: one module per output format, each `render(results, options) -> str | bytes`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from policycheck.model import DocumentResult, RenderOptions

Renderer = Callable[[Sequence[DocumentResult], RenderOptions], "str | bytes"]


def _json(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.json import render

    return render(results, options)


def _text(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.text import render

    return render(results, options)


def _markdown(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.markdown import render

    return render(results, options)


def _html(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.html import render

    return render(results, options)


def _csv(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.csv import render

    return render(results, options)


def _docx(results: Sequence[DocumentResult], options: RenderOptions) -> bytes:
    from policycheck.report.docx import render

    return render(results, options)


RENDERERS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "markdown": _markdown,
    "html": _html,
    "csv": _csv,
    "docx": _docx,
}

BINARY_FORMATS: frozenset[str] = frozenset({"docx"})


def render(fmt: str, results: Sequence[DocumentResult], options: RenderOptions) -> str | bytes:
    """Render `results` in format `fmt` (a key of RENDERERS)."""
    return RENDERERS[fmt](results, options)
