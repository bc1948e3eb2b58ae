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


def _sarif(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.sarif import render

    return render(results, options)


def _junit(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.junit import render

    return render(results, options)


def _github(results: Sequence[DocumentResult], options: RenderOptions) -> str:
    from policycheck.report.github import render

    return render(results, options)


RENDERERS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
}

BINARY_FORMATS: frozenset[str] = frozenset()


def render(fmt: str, results: Sequence[DocumentResult], options: RenderOptions) -> str | bytes:
    """Render `results` in format `fmt` (a key of RENDERERS)."""
    return RENDERERS[fmt](results, options)
