"""The command line: options, stdout/stderr, output files and exit codes. Nothing else."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policycheck import __version__
from policycheck.errors import ExitCode, PolicycheckError
from policycheck.model import DocumentResult, RenderOptions, Severity, Status

app = typer.Typer(
    name="policycheck",
    help="Check police policies on migrant victims and witnesses against 'Safe to share?'.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class FailOn(StrEnum):
    """Which findings make the exit code 1."""

    REQUIRED = "required"  # a required criterion missing or partial
    ADVISORY = "advisory"  # any criterion missing or partial
    NEVER = "never"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"policycheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Check police policies on migrant victims and witnesses against 'Safe to share?'."""


def fail(error: PolicycheckError | str) -> None:
    """Print a one-line error and exit 2."""
    typer.echo(f"policycheck: error: {error}", err=True)
    raise typer.Exit(ExitCode.ERROR)


def exit_code(results: list[DocumentResult], fail_on: FailOn) -> ExitCode:
    """0 when nothing at or above the threshold is missing, 1 when something is, 2 on errors."""
    if any(r.error for r in results):
        return ExitCode.ERROR
    if fail_on is FailOn.NEVER:
        return ExitCode.OK
    bad = (Status.MISSING, Status.PARTIAL)
    for finding in (f for r in results for f in r.findings):
        if finding.status not in bad or finding.new_since_baseline is False:
            continue
        if fail_on is FailOn.ADVISORY or finding.criterion.severity is Severity.REQUIRED:
            return ExitCode.FINDINGS
    return ExitCode.OK


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Policy files or folders.")],
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Bundled rule set id, or a rule file or folder."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Output format.")] = "text",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    fail_on: Annotated[FailOn, typer.Option(help="Threshold for exit code 1.")] = FailOn.REQUIRED,
    pdf_engine: Annotated[str, typer.Option(help="pdfium (fast) or pdfplumber.")] = "pdfium",
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show all evidence.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Show only gaps.")] = False,
) -> None:
    """Check policy documents against rule sets (default: rec1, rec4, rec5)."""
    from policycheck.extract import ExtractOptions
    from policycheck.pipeline import check_document
    from policycheck.report import RENDERERS, render
    from policycheck.rules import DEFAULT_RULESETS, load_rulesets

    if fmt not in RENDERERS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(sorted(RENDERERS))})")
    try:
        rulesets = load_rulesets(rules or DEFAULT_RULESETS)
    except PolicycheckError as exc:
        fail(exc)
    files = [p for p in paths]
    options = ExtractOptions(pdf_engine=pdf_engine, password=password)
    results = [check_document(p, rulesets, options) for p in files]
    for result in results:
        if result.error:
            typer.echo(f"policycheck: {result.display_path}: {result.error}", err=True)
    render_options = RenderOptions(
        verbose=verbose, quiet=quiet, color=output is None and sys.stdout.isatty(),
        tool_version=__version__,
    )
    text = render(fmt, results, render_options)
    _emit(text, output)
    raise typer.Exit(exit_code(results, fail_on))


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    pdf_engine: Annotated[str, typer.Option(help="pdfium (fast) or pdfplumber.")] = "pdfium",
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
) -> None:
    """Show the blocks policycheck reads from each document, with their citations."""
    from policycheck.extract import PDF_ENGINES, ExtractOptions
    from policycheck.extract.batch import extract_all
    from policycheck.pipeline import display_path
    from policycheck.report.blocks import FORMATS, render

    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if pdf_engine not in PDF_ENGINES:
        fail(f"unknown PDF engine '{pdf_engine}' (choose from {', '.join(PDF_ENGINES)})")
    options = ExtractOptions(pdf_engine=pdf_engine, password=password)
    results = extract_all(paths, [display_path(p) for p in paths], options)
    for result in results:
        if result.error:
            typer.echo(f"policycheck: {result.display_path}: {result.error}", err=True)
    typer.echo(render(results, fmt), nl=False)
    raise typer.Exit(ExitCode.ERROR if any(r.error for r in results) else ExitCode.OK)


def _emit(text: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            fail("this format is binary: give --output FILE")
        typer.echo(text, nl=False)
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    output.write_bytes(data)


def main() -> None:
    """Console-script entry point."""
    app()
