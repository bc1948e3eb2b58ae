"""The command line: options, stdout/stderr, output files and exit codes. Nothing else."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from policycheck import __version__
from policycheck.errors import ExitCode, PolicycheckError
from policycheck.model import DocumentResult, RenderOptions, RuleSet, Severity, Status

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


def _emit(text: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(text, bytes):
            fail("this format is binary: give --output FILE")
        typer.echo(text, nl=False)
        return
    data = text.encode("utf-8") if isinstance(text, str) else text
    output.write_bytes(data)


rules_app = typer.Typer(help="List, show, validate and test rule sets.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

RulesOption = Annotated[
    list[str] | None,
    typer.Option("--rules", "-r", help="Bundled rule set id, or a rule file or folder."),
]


def _load(specs: list[str] | None, default: tuple[str, ...] | None = None) -> tuple[RuleSet, ...]:
    from policycheck.rules import BUNDLED_RULESETS, load_rulesets

    try:
        return load_rulesets(specs or default or BUNDLED_RULESETS)
    except PolicycheckError as exc:
        fail(exc)
    raise AssertionError("unreachable")


@rules_app.command("list")
def rules_list(rules: RulesOption = None) -> None:
    """List rule sets and their criteria (default: every bundled rule set)."""
    from policycheck.rules.describe import list_rulesets

    typer.echo(list_rulesets(_load(rules)), nl=False)


@rules_app.command("show")
def rules_show(
    ruleset_id: Annotated[str, typer.Argument(help="Rule set id or rule file.")],
) -> None:
    """Show a rule set: its source, digest and every criterion's requirement."""
    from policycheck.rules.describe import show_ruleset

    for ruleset in _load([ruleset_id]):
        typer.echo(show_ruleset(ruleset), nl=False)


@rules_app.command("validate")
def rules_validate(
    files: Annotated[list[Path], typer.Argument(help="Rule files or folders to check.")],
) -> None:
    """Load rule files strictly; print each error as file:line: field: reason (exit 2)."""
    from policycheck.rules import load_rulesets
    from policycheck.rules.loader import is_vocabulary, load_vocabulary
    from policycheck.rules.yamlmarks import read_yaml

    bad = False
    for path in files:
        try:
            if path.is_file() and is_vocabulary(read_yaml(path, str(path))):
                count = load_vocabulary(path)
                typer.echo(f"{path}: ok: vocabulary, {count} concepts")
                continue
            for ruleset in load_rulesets([str(path)]):
                typer.echo(f"{path}: ok: rule set '{ruleset.id}', {len(ruleset.criteria)} criteria")
        except PolicycheckError as exc:
            typer.echo(f"policycheck: error: {exc}", err=True)
            bad = True
    raise typer.Exit(ExitCode.ERROR if bad else ExitCode.OK)


@rules_app.command("test")
def rules_test(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Rule files (default: bundled).")
    ] = None,
) -> None:
    """Run every criterion's met/missing examples through the engine (exit 1 on a failure)."""
    from policycheck.engine.examples import run_examples

    rulesets = _load([str(f) for f in files] if files else None)
    results = run_examples(rulesets)
    failed = [r for r in results if not r.passed]
    for r in failed:
        passage = " ".join(r.example.text.split())
        typer.echo(
            f"{r.where()}: {r.criterion.id}: example {r.number} expected "
            f"{r.example.expect.value}, got {r.finding.status.value}: {passage}"
        )
        typer.echo(f"    {r.finding.reason}")
    typer.echo(f"{len(results) - len(failed)} of {len(results)} examples passed")
    raise typer.Exit(ExitCode.FINDINGS if failed else ExitCode.OK)


@app.command("explain")
def explain_criterion(
    criterion_id: Annotated[str, typer.Argument(help="Criterion id, e.g. REC4-VICTIMS-CODE.")],
    rules: RulesOption = None,
) -> None:
    """Explain a criterion: requirement, what counts, what does not, key terms, examples."""
    from policycheck.rules import find_criterion
    from policycheck.rules.describe import explain

    rulesets = _load(rules)
    criterion = find_criterion(rulesets, criterion_id)
    if criterion is None:
        fail(f"unknown criterion '{criterion_id}' (see 'policycheck rules list')")
        return
    ruleset = next(r for r in rulesets if r.id == criterion.ruleset)
    typer.echo(explain(criterion, ruleset), nl=False)


def main() -> None:
    """Console-script entry point."""
    app()
