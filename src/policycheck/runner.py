"""A whole `check` run without the printing: discover, pick rule sets, use the cache, run."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policycheck import __version__
from policycheck import rules as rules_module
from policycheck.batch import Hooks, Setup, Specs, Task, prestart, run_batch
from policycheck.cache import ResultCache, cache_key
from policycheck.config import PerPath, rules_for
from policycheck.discover import discover, relative_to_root
from policycheck.extract import ExtractOptions
from policycheck.model import DocumentResult, RuleSet
from policycheck.pipeline import display_path, file_digest, printable_name


@dataclass(frozen=True, slots=True)
class RunPlan:
    """Everything a run needs, already merged from configuration and command line."""

    inputs: tuple[str, ...]
    root: Path
    rules: tuple[str, ...]
    per_path: tuple[PerPath, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    jobs: int = 1
    timeout: float | None = None
    options: ExtractOptions = field(default_factory=ExtractOptions)
    cache_dir: Path | None = None  # None: no cache


@dataclass(frozen=True, slots=True)
class Outcome:
    """The results in stable order, what to tell the user, and how many came from the cache."""

    results: tuple[DocumentResult, ...]
    notices: tuple[str, ...] = ()
    cached: int = 0
    cache_writable: bool = True


def _option_key(options: ExtractOptions) -> dict[str, Any]:
    """Every extraction option (any new one included); of the password, only whether one is set."""
    values = dataclasses.asdict(options)
    values["password"] = options.password is not None
    return values


def load_groups(groups: Sequence[Specs]) -> dict[Specs, tuple[RuleSet, ...]]:
    """Load every distinct list of rule-set specs once; rule-file errors propagate."""
    loaded: dict[Specs, tuple[RuleSet, ...]] = {}
    for group in groups:
        unique = {rs.id: rs for rs in rules_module.load_rulesets(list(group))}
        loaded[group] = tuple(unique.values())
    return loaded


def execute(
    plan: RunPlan, on_start: Callable[[int], None] | None = None,
    on_done: Callable[[DocumentResult], None] | None = None, hooks: Hooks | None = None,
) -> Outcome:
    """Check every document the plan names; unreadable and missing ones become error results.

    `hooks` lets a caller see each document begin and cancel the run (see `batch.Hooks`)."""
    found = discover(plan.inputs, plan.root, plan.exclude, plan.include)
    tasks = [
        Task(i, path, rules_for(relative_to_root(path, plan.root), plan.rules, plan.per_path))
        for i, path in enumerate(found.files)
    ]
    cache = ResultCache(plan.cache_dir) if plan.cache_dir else None
    if cache is None and tasks:  # every document needs checking: warm the workers up meanwhile
        prestart(Setup(groups=(), options=plan.options, loader=rules_module.load_rulesets),
                 plan.jobs, plan.timeout)
    rulesets = load_groups(list(dict.fromkeys(t.specs for t in tasks)))
    results: dict[int, DocumentResult] = {}
    keys: dict[int, str] = {}
    if on_start:
        on_start(len(tasks))
    for task in tasks if cache else ():
        assert cache is not None
        digest = file_digest(task.path, plan.options.limits.max_file_bytes)
        if not digest:  # not a readable regular file within the size limit: never cached
            continue
        keys[task.index] = cache_key(
            digest, rulesets[task.specs], __version__, _option_key(plan.options),
        )
        hit = cache.get(keys[task.index], task.path, display_path(task.path), rulesets[task.specs])
        if hit is not None:
            results[task.index] = hit
            if on_done:
                on_done(hit)
    cached = len(results)
    todo = [t for t in tasks if t.index not in results]
    groups = tuple(dict.fromkeys(t.specs for t in todo))
    setup = Setup(
        groups=groups, options=plan.options, loader=rules_module.load_rulesets,
        rulesets={group: rulesets[group] for group in groups},
    )
    by_path = {t.path: t.index for t in todo}
    writable = True

    def store(result: DocumentResult) -> None:
        """Write each result to the cache as it arrives, while the workers go on."""
        nonlocal writable
        if on_done:
            on_done(result)
        key = keys.get(by_path[result.path])  # no key: never hashed (a FIFO, say)
        if cache is not None and key is not None and result.error is None and result.digest:
            writable = cache.put(key, result) and writable

    fresh = run_batch(todo, setup, rulesets, plan.jobs, plan.timeout, store, hooks) if todo else []
    for task, result in zip(todo, fresh, strict=True):
        results[task.index] = result
    missing = [
        DocumentResult(
            path=p, display_path=printable_name(p.as_posix()), format=None,
            error="file not found",
        )
        for p in found.missing
    ]
    ordered = sorted([results[t.index] for t in tasks] + missing, key=lambda r: r.display_path)
    return Outcome(
        results=tuple(ordered), notices=found.notices, cached=cached, cache_writable=writable,
    )
