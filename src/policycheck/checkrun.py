"""The `check` command's settings (config merged with options) and its after-check policies."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policycheck.baseline import dump_baseline, gaps, load_baseline, mark_new
from policycheck.config import Config, resolve_config
from policycheck.errors import UsageError
from policycheck.extract import ExtractOptions
from policycheck.extract.limits import Limits, with_limits
from policycheck.model import DocumentResult, Status, Waiver
from policycheck.output import write_atomic
from policycheck.runner import RunPlan
from policycheck.waivers import apply_waivers, expired_notices, load_waivers

DEFAULT_TIMEOUT = 120.0


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line said; None means 'not given: use the configuration'."""

    inputs: tuple[str, ...] = ()
    rules: tuple[str, ...] | None = None
    fmt: str | None = None
    fail_on: str | None = None
    pdf_engine: str | None = None
    password: str | None = None
    model: str | None = None
    jobs: int | None = None
    timeout: float | None = None
    exclude: tuple[str, ...] = ()
    config: Path | None = None
    isolated: bool = False
    no_cache: bool = False
    cache_dir: Path | None = None
    waivers: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    limits: tuple[str, ...] = ()  # NAME=VALUE items from --limit


@dataclass(frozen=True, slots=True)
class Settings:
    """The merged settings of one run."""

    plan: RunPlan
    fmt: str
    fail_on: str
    waivers: tuple[Waiver, ...]
    baseline: Path | None
    write_baseline: Path | None
    root: Path


@dataclass(frozen=True, slots=True)
class Checked:
    """Results after waivers and baseline, with the notices and extra output keys they made."""

    results: tuple[DocumentResult, ...]
    notices: tuple[str, ...]
    extras: dict[str, Any]


def build_settings(cli: Overrides, output: Path | None = None) -> Settings:
    """Merge options over configuration over defaults; CLI options always win."""
    from policycheck.report import BINARY_FORMATS, RENDERERS
    from policycheck.rules import DEFAULT_RULESETS

    config: Config = resolve_config(cli.config, cli.isolated)
    fmt = cli.fmt or config.format or "text"
    if fmt not in RENDERERS:
        raise UsageError(f"unknown format '{fmt}' (choose from {', '.join(sorted(RENDERERS))})")
    if fmt in BINARY_FORMATS and output is None:
        raise UsageError(f"the {fmt} format is binary: give --output FILE")
    waivers = list(config.waivers)
    for source in (config.waivers_file, cli.waivers):
        if source is not None:
            waivers.extend(load_waivers(source))
    engine = cli.pdf_engine or config.pdf_engine or "pdfium"
    if engine not in ("pdfium", "pdfplumber"):
        raise UsageError(f"unknown PDF engine '{engine}' (choose from pdfium, pdfplumber)")
    if cli.model and not _spacy_package(cli.model):
        raise UsageError(f"spaCy pipeline '{cli.model}' is not installed (leave out --model to "
                         "use the built-in blank English pipeline)")
    cache_dir = None if cli.no_cache else (
        cli.cache_dir or config.cache_dir or config.root / ".policycheck_cache"
    )
    timeout = next(t for t in (cli.timeout, config.timeout, DEFAULT_TIMEOUT) if t is not None)
    plan = RunPlan(
        inputs=cli.inputs or (".",), root=config.root,
        rules=cli.rules or config.rules or DEFAULT_RULESETS, per_path=config.per_path,
        include=config.include, exclude=config.exclude + cli.exclude,
        jobs=cli.jobs or config.jobs or available_cpus(), timeout=timeout or None,
        options=ExtractOptions(
            pdf_engine=engine, password=cli.password, nlp_model=cli.model,
            limits=merged_limits(config, cli.limits),
        ),
        cache_dir=cache_dir,
    )
    _check_waiver_ids(waivers, (plan.rules, *(p.rules for p in plan.per_path)))
    return Settings(
        plan=plan, fmt=fmt, fail_on=cli.fail_on or config.fail_on or "required",
        waivers=tuple(waivers), baseline=cli.baseline or config.baseline,
        write_baseline=cli.write_baseline, root=config.root,
    )


def _check_waiver_ids(waivers: Sequence[Waiver], groups: Sequence[Sequence[str]]) -> None:
    """A waiver naming no criterion of any rule set in use is a typo: refuse it up front."""
    if not waivers:
        return
    from policycheck.rules import load_rulesets

    known = {c.id for group in groups for rs in load_rulesets(list(group)) for c in rs.criteria}
    for waiver in waivers:
        if waiver.criterion not in known:
            raise UsageError(
                f"waiver for unknown criterion '{waiver.criterion}' (not in the rule sets in use; "
                "see policycheck rules list)"
            )


def merged_limits(config: Config, items: Sequence[str]) -> Limits:
    """The defaults, changed by the configuration's [limits], then by each --limit NAME=VALUE."""
    values: dict[str, Any] = {name.replace("-", "_"): v for name, v in config.limits}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--limit takes NAME=VALUE, e.g. max-pdf-pages=500; not '{item}'")
        values[name.strip().replace("-", "_")] = value.strip()
    try:
        return with_limits(Limits(), values)
    except ValueError as exc:
        raise UsageError(f"--limit: {exc}") from None


def available_cpus() -> int:
    """CPUs this process may use (a CI container often gets fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _stale_dicts(stale: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {"criterion": s.waiver.criterion, "paths": list(s.waiver.paths), "reason": s.reason,
         "approved_by": s.waiver.approved_by, "expires": s.waiver.expires}
        for s in stale
    ]


def apply_policies(
    results: list[DocumentResult], settings: Settings, today: dt.date | None = None,
) -> Checked:
    """Apply waivers, then write or compare the baseline (neither is ever cached)."""
    notices: list[str] = []
    extras: dict[str, Any] = {}
    if settings.waivers:
        complete = any(Path(item).is_dir() for item in settings.plan.inputs)
        results, stale = apply_waivers(
            results, settings.waivers, today or dt.date.today(), settings.root, complete,
        )
        notices.extend(expired_notices(results))
        notices.extend(s.describe() for s in stale)
        extras["stale_waivers"] = _stale_dicts(stale)
    if settings.write_baseline is not None:
        write_atomic(settings.write_baseline, dump_baseline(results, settings.root),
                     [r.path for r in results])
        known = {(p, c): Status(s) for p, c, s in gaps(results, settings.root)}
        notices.append(f"wrote {len(known)} known gaps to {settings.write_baseline}")
        results = mark_new(results, known, settings.root)
    elif settings.baseline is not None:
        results = mark_new(results, load_baseline(settings.baseline), settings.root)
        new = [(r.display_path, f) for r in results for f in r.findings if f.new_since_baseline]
        notices.extend(
            f"new gap since the baseline: {path}: {f.criterion.id} ({f.status.value})"
            for path, f in new
        )
        notices.append(
            f"{len(new)} gap{'s' * (len(new) != 1)} not in the baseline {settings.baseline}"
        )
    return Checked(results=tuple(results), notices=tuple(notices), extras=extras)


STARTER = """\
# policycheck configuration: https://pypi.org/project/policycheck/ (see docs/ci.md)
# Every key is optional; command-line options override these values.

# Rule sets: bundled ids (rec1, rec4, rec5, victims-code) or rule files inside this folder.
rules = ["rec1", "rec4", "rec5"]

# Which documents to check when a folder is given (gitignore-style patterns).
# include = ["policies/**"]
exclude = ["drafts/**", "*.old.docx"]

# Exit code 1 when a criterion at this level is missing: required, advisory or never.
fail-on = "required"

# jobs = 4          # worker processes (default: number of CPUs)
# timeout = 120     # seconds per document before it is stopped (0: no limit)
# format = "text"   # text, json, sarif, junit, github ...
# pdf-engine = "pdfium"
# cache-dir = ".policycheck_cache"
# baseline = "policycheck-baseline.json"
# waivers-file = "policycheck-waivers.toml"

# Extra or different rule sets for some documents ("rules" replaces, "extend-rules" adds).
# [[per-path]]
# paths = ["pcc/**"]
# extend-rules = ["victims-code"]

# An approved, time-limited exemption; every key is required.
# [[waivers]]
# criterion = "REC4-OUTREACH"
# paths = ["policies/custody.docx"]
# reason = "Outreach is covered by the force engagement strategy"
# approved-by = "Head of Public Protection"
# expires = 2026-12-31

# Safety limits for untrusted documents (docs/limits.md lists them all).
# [limits]
# max-file-bytes = "512 MB"
# max-pdf-pages = 2000
"""


def init_config(folder: Path) -> Path:
    """Write a starter policycheck.toml in `folder`, never over an existing one."""
    path = folder / "policycheck.toml"
    if path.exists():
        raise UsageError("already exists; not overwritten", path)
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(STARTER)
    except FileExistsError:
        raise UsageError("already exists; not overwritten", path) from None
    except OSError as exc:
        raise UsageError(f"cannot write: {exc.strerror}", path) from None
    return path


def _spacy_package(name: str) -> bool:
    """True when `name` is an installed spaCy pipeline package (or a pipeline folder)."""
    from policycheck.engine.nlp import import_spacy

    import_spacy()
    import spacy.util

    return bool(spacy.util.is_package(name)) or (Path(name) / "config.cfg").is_file()
