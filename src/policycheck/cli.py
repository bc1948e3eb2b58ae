"""The command line: options, stdout/stderr, output files and exit codes. Nothing else."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from policycheck import __version__
from policycheck.errors import ExitCode, PolicycheckError
from policycheck.model import DocumentResult, RenderOptions, RuleSet
from policycheck.verdict import FailOn, exit_code

app = typer.Typer(
    name="policycheck",
    help="Check police policies on migrant victims and witnesses against 'Safe to share?'.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


# Options that `check` and `serve` share: the same worker pool and time limit.
JobsOption = Annotated[
    int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: CPUs).")
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(min=0, help="Seconds per document before it is stopped (0: no limit).",
                 show_default="120"),
]


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


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Policy files, folders or globs (default: the current folder)."),
    ] = None,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Bundled rule set id, or a rule file or folder."),
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="Output format (default: text).")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE.")] = None,
    fail_on: Annotated[
        FailOn | None, typer.Option(help="Threshold for exit code 1 (default: required).")
    ] = None,
    pdf_engine: Annotated[
        str | None, typer.Option(help="pdfium (fast, default) or pdfplumber.")
    ] = None,
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    model: Annotated[
        str | None,
        typer.Option(help="An installed spaCy pipeline to use (default: built-in blank English)."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show all evidence.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Show only gaps.")] = False,
    jobs: JobsOption = None,
    timeout: TimeoutOption = None,
    exclude: Annotated[
        list[str] | None, typer.Option(help="Skip paths matching this glob (repeatable).")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="Use this configuration file.")
    ] = None,
    isolated: Annotated[bool, typer.Option(help="Ignore every configuration file.")] = False,
    waivers: Annotated[
        Path | None, typer.Option(help="A TOML file of waivers (see docs/ci.md).")
    ] = None,
    baseline: Annotated[
        Path | None, typer.Option(help="Fail only on gaps not in this baseline file.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option(help="Record the current gaps in FILE and pass.")
    ] = None,
    output_sarif: Annotated[Path | None, typer.Option(help="Also write SARIF to FILE.")] = None,
    output_junit: Annotated[Path | None, typer.Option(help="Also write JUnit XML to FILE.")] = None,
    output_json: Annotated[Path | None, typer.Option(help="Also write JSON to FILE.")] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Do not read or write the cache.")
    ] = False,
    cache_dir: Annotated[
        Path | None, typer.Option(help="Cache folder (default: .policycheck_cache).")
    ] = None,
    limit: Annotated[
        list[str] | None,
        typer.Option("--limit", metavar="NAME=VALUE",
                     help="Change a safety limit, e.g. max-pdf-pages=500 (repeatable; "
                          "see docs/limits.md)."),
    ] = None,
) -> None:
    """Check policy documents against rule sets (default: rec1, rec4, rec5)."""
    from policycheck.batch import Interrupted
    from policycheck.checkrun import Overrides, apply_policies, build_settings
    from policycheck.output import write_atomic
    from policycheck.report import render
    from policycheck.runner import execute

    if verbose and quiet:
        fail("--verbose and --quiet cannot be used together")
    _distinct_outputs(output, output_sarif, output_junit, output_json, write_baseline)
    overrides = Overrides(
        inputs=tuple(paths or ()), rules=tuple(rules) if rules else None, fmt=fmt,
        fail_on=fail_on.value if fail_on else None, pdf_engine=pdf_engine, password=password,
        model=model, jobs=jobs, timeout=timeout, exclude=tuple(exclude or ()), config=config,
        isolated=isolated, no_cache=no_cache, cache_dir=cache_dir, waivers=waivers,
        baseline=baseline, write_baseline=write_baseline, limits=tuple(limit or ()),
    )
    try:
        settings = build_settings(overrides, output)
        with _progress() as (on_start, on_done):
            outcome = execute(settings.plan, on_start, on_done)
        _notices(outcome.notices)
        if not outcome.cache_writable:
            _notices([f"cache folder {settings.plan.cache_dir} is not writable; not caching"])
        checked = apply_policies(list(outcome.results), settings)
    except PolicycheckError as exc:
        fail(exc)
    except Interrupted as exc:
        typer.echo(f"policycheck: {exc}", err=True)
        raise typer.Exit(130) from None
    except KeyboardInterrupt:
        typer.echo("policycheck: interrupted", err=True)
        raise typer.Exit(130) from None
    for result in checked.results:
        if result.error:
            typer.echo(f"policycheck: {result.display_path}: {result.error}", err=True)
    _notices(checked.notices)
    base = terminal_options(output, verbose=verbose, quiet=quiet)
    render_options = replace(base, extras={**base.extras, **checked.extras})
    results = list(checked.results)
    inputs = [r.path for r in results]
    try:
        for name, path in (("sarif", output_sarif), ("junit", output_junit),
                           ("json", output_json)):
            if path is not None:
                write_atomic(path, render(name, results, render_options), inputs)
        text = render(settings.fmt, results, render_options)
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_atomic(output, text, inputs)
    except PolicycheckError as exc:
        fail(exc)
    except KeyboardInterrupt:  # writes are atomic: no report is left half-written
        typer.echo("policycheck: interrupted", err=True)
        raise typer.Exit(130) from None
    raise typer.Exit(exit_code(results, FailOn(settings.fail_on)))



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
    rounds: Annotated[
        list[int] | None,
        typer.Option("--round", help="Only the blind documents of round N; repeatable."),
    ] = None,
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
        documents = select(gold, paths or [], split.value, rounds or ())
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


def _distinct_outputs(*paths: Path | None) -> None:
    """Two outputs naming one file would leave only the last: refuse before any work."""
    import os

    seen: dict[str, Path] = {}
    for path in (p for p in paths if p is not None):
        key = os.path.normcase(os.path.abspath(path))
        if key in seen:
            fail(f"{path}: named for two outputs; give each output its own file")
        seen[key] = path


def _notices(lines: Sequence[str]) -> None:
    for line in lines:
        typer.echo(f"policycheck: {line}", err=True)


@contextmanager
def _progress() -> Iterator[tuple[Callable[[int], None], Callable[[DocumentResult], None]]]:
    """A progress bar on stderr for batches of more than 3 files, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield (lambda total: None), (lambda result: None)
        return
    from rich.console import Console
    from rich.progress import Progress

    progress = Progress(console=Console(stderr=True), transient=True)
    state: dict[str, Any] = {}

    def start(total: int) -> None:
        if total > 3:
            progress.start()
            state["task"] = progress.add_task("Checking", total=total)

    def done(result: DocumentResult) -> None:
        if "task" in state:
            progress.update(state["task"], advance=1, description=result.display_path[-40:])

    try:
        yield start, done
    finally:
        progress.stop()


@app.command()
def serve(
    port: Annotated[
        int, typer.Option(min=0, max=65535, help="Port on 127.0.0.1 (0: any free port).")
    ] = 8765,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    rules: Annotated[
        list[str] | None,
        typer.Option("--rules", "-r", help="Also offer this rule file or folder on the page."),
    ] = None,
    jobs: JobsOption = None,
    timeout: TimeoutOption = None,
    limit: Annotated[
        list[str] | None,
        typer.Option("--limit", metavar="NAME=VALUE",
                     help="Change a safety limit, e.g. max-file-bytes=\"1 GB\" (repeatable)."),
    ] = None,
) -> None:
    """Serve a page on this computer to check documents from a browser (needs the web extra)."""
    import webbrowser

    try:
        from policycheck.web import server
    except ModuleNotFoundError as exc:
        if exc.name not in ("starlette", "uvicorn"):
            raise
        fail("the web page needs the web extra: pip install 'policycheck[web]'")
    try:
        site, sock = server.prepare(port, jobs=jobs, timeout=timeout, limits=limit or (),
                                    rules=rules or ())
    except PolicycheckError as exc:
        fail(exc)
    url = server.address(site)
    typer.echo(f"policycheck: the page is at {url}")
    typer.echo("Open it in a browser on this computer. Press Ctrl-C here to stop; "
               "uploaded documents are deleted then.")
    if open_browser and not webbrowser.open(url):
        typer.echo("policycheck: could not start a browser; open the address above", err=True)
    with suppress(KeyboardInterrupt):  # Ctrl-C is how the server is stopped: not an error
        server.run(site, sock)
    typer.echo("policycheck: stopped; uploaded documents deleted")


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to write policycheck.toml.")] = Path("."),
) -> None:
    """Write a starter policycheck.toml (never over an existing one)."""
    from policycheck.checkrun import init_config

    try:
        path = init_config(folder)
    except PolicycheckError as exc:
        fail(exc)
    typer.echo(f"wrote {path}")


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


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Documents to read.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
    pdf_engine: Annotated[str, typer.Option(help="pdfium (fast) or pdfplumber.")] = "pdfium",
    password: Annotated[str | None, typer.Option(help="Password for encrypted PDFs.")] = None,
    limit: Annotated[
        list[str] | None,
        typer.Option("--limit", metavar="NAME=VALUE",
                     help="Change a safety limit, e.g. max-pdf-pages=500 (repeatable)."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(min=0, help="Seconds per document before it is stopped (0: no limit)."),
    ] = 120,
) -> None:
    """Show the blocks policycheck reads from each document, with their citations."""
    from policycheck.checkrun import merged_limits
    from policycheck.config import Config
    from policycheck.extract import PDF_ENGINES, ExtractOptions
    from policycheck.extract.batch import extract_all
    from policycheck.pipeline import display_path
    from policycheck.report.blocks import FORMATS, render

    if fmt not in FORMATS:
        fail(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if pdf_engine not in PDF_ENGINES:
        fail(f"unknown PDF engine '{pdf_engine}' (choose from {', '.join(PDF_ENGINES)})")
    try:
        limits = merged_limits(Config(root=Path.cwd()), limit or ())
    except PolicycheckError as exc:
        fail(exc)
    options = ExtractOptions(pdf_engine=pdf_engine, password=password, limits=limits)
    results = extract_all(paths, [display_path(p) for p in paths], options, timeout)
    for result in results:
        if result.error:
            typer.echo(f"policycheck: {result.display_path}: {result.error}", err=True)
    typer.echo(render(results, fmt), nl=False)
    raise typer.Exit(ExitCode.ERROR if any(r.error for r in results) else ExitCode.OK)


def main() -> None:
    """Console-script entry point (the installed `policycheck` starts at `server.main`, which
    starts the workers' server before importing this module)."""
    from policycheck import server

    if server.checks_documents(sys.argv[1:]):
        # The worker processes' server loads spaCy (about half a second) while this process
        # parses options, loads the rules and finds the documents.
        server.prestart()
    try:
        app()
    finally:
        # Everything is written: spare the interpreter's last collection over every object.
        gc.freeze()
