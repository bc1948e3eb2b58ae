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
    from policycheck.report import BINARY_FORMATS, RENDERERS, render
    from policycheck.rules import DEFAULT_RULESETS, load_rulesets

    if fmt not in RENDERERS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(sorted(RENDERERS))})")
    if fmt in BINARY_FORMATS and output is None:
        fail(f"the {fmt} format is binary: give --output FILE")
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
    render_options = terminal_options(output, verbose=verbose, quiet=quiet)
    text = render(fmt, results, render_options)
    _emit(text, output, files)
    raise typer.Exit(exit_code(results, fail_on))


def terminal_options(output: Path | None, *, verbose: bool, quiet: bool) -> RenderOptions:
    """Colour only on a terminal without NO_COLOR; its width; ASCII marks if it needs them."""
    import os
    import shutil

    tty = output is None and sys.stdout.isatty()
    encoding = (getattr(sys.stdout, "encoding", None) or "utf-8") if output is None else "utf-8"
    try:
        "✔◐✘─“”§…".encode(encoding)
        ascii_only = False
    except (UnicodeEncodeError, LookupError):
        ascii_only = True
    return RenderOptions(
        verbose=verbose, quiet=quiet, color=tty and not os.environ.get("NO_COLOR"),
        width=shutil.get_terminal_size((100, 24)).columns if tty else 100,
        tool_version=__version__, extras={"ascii": ascii_only},
    )


class EvalSplit(StrEnum):
    """Which labelled documents `eval` scores."""

    DEV = "dev"
    HOLDOUT = "holdout"
    ALL = "all"


class EvalFormat(StrEnum):
    """Output formats of `eval`."""

    TEXT = "text"
    JSON = "json"


@app.command("eval")
def eval_(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Labelled documents or folders (default: all).")
    ] = None,
    labels: Annotated[Path, typer.Option("--labels", "-l", help="Gold labels file (YAML).")] = Path(
        "samples/labels.yaml"
    ),
    fmt: Annotated[EvalFormat, typer.Option("--format", "-f", help="Output format.")] = (
        EvalFormat.TEXT
    ),
    split: Annotated[EvalSplit, typer.Option(help="Score dev, holdout or all documents.")] = (
        EvalSplit.ALL
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    min_precision: Annotated[
        float | None, typer.Option(help="Exit 1 if overall precision of 'met' is below this.")
    ] = None,
    min_recall: Annotated[
        float | None, typer.Option(help="Exit 1 if overall recall of 'met' is below this.")
    ] = None,
) -> None:
    """Measure the checker against gold labels: precision, recall and F1 of 'met'."""
    from policycheck.evaluate.labels import load_labels
    from policycheck.evaluate.render import RENDERERS as EVAL_RENDERERS
    from policycheck.evaluate.run import check_criteria, evaluate, select, short_of
    from policycheck.rules import load_rulesets

    try:
        gold = load_labels(labels)
        documents = select(gold, paths or [], split.value)
        rulesets = load_rulesets(gold.rulesets)
        check_criteria(gold, rulesets)
    except PolicycheckError as exc:
        fail(exc)
    result = evaluate(gold, documents, rulesets, split.value)
    _emit(EVAL_RENDERERS[fmt.value](result), output, [labels])
    for reason in short_of(result, min_precision, min_recall):
        typer.echo(f"policycheck: {reason}", err=True)
    if short_of(result, min_precision, min_recall):
        raise typer.Exit(ExitCode.FINDINGS)
    if result.errors:
        raise typer.Exit(ExitCode.ERROR)


def _emit(text: str | bytes, output: Path | None, inputs: list[Path]) -> None:
    from policycheck.output import write_atomic

    if output is None:
        if isinstance(text, bytes):
            fail("this format is binary: give --output FILE")
        typer.echo(text, nl=False)
        return
    try:
        write_atomic(output, text, inputs)
    except PolicycheckError as exc:
        fail(exc)


@app.command()
def annotate(
    path: Annotated[Path, typer.Argument(help="The Word (.docx) draft to review.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Default: <name>.reviewed.docx.")
    ] = None,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Bundled rule set id, or a rule file or folder."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output.")] = False,
    author: Annotated[str, typer.Option(help="Comment author name.")] = "policycheck",
) -> None:
    """Write a copy of a Word draft with comments on the evidence and a list of gaps."""
    from policycheck.annotate import annotate_docx, default_output, ensure_docx
    from policycheck.output import check_target, write_atomic
    from policycheck.pipeline import check_document
    from policycheck.rules import DEFAULT_RULESETS, load_rulesets

    target = output or default_output(path)
    try:
        ensure_docx(path)
        check_target(target, [path], overwrite=force)
        rulesets = load_rulesets(rules or DEFAULT_RULESETS)
    except PolicycheckError as exc:
        fail(exc)
    result = check_document(path, rulesets)
    if result.error:
        fail(f"{result.display_path}: {result.error}")
    try:
        annotation = annotate_docx(path, result, author=author)
        write_atomic(target, annotation.data, [path], overwrite=force)
    except PolicycheckError as exc:
        fail(exc)
    typer.echo(f"wrote {target}: {annotation.anchored} comment(s) on evidence, "
               f"{annotation.unplaced} not located, 1 summary comment at the top")


def main() -> None:
    """Console-script entry point."""
    app()
