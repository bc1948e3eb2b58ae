"""The workers' preloading server, which must start before anything slow is imported.

Worker processes fork from a forkserver that imports spaCy once (`policycheck.preload`), about
half a second. The sooner it starts, the more of that overlaps with this process's own start
(the command line, the rules, reading the first document), so this module imports nothing of
policycheck's and the command's entry point starts the server before it loads the command line.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

PRELOAD = "policycheck.preload"


def context(preload: bool = True) -> Any:
    """Forkserver where there is one (preloading the real engine when `preload`), else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    if preload:
        ctx.set_forkserver_preload([PRELOAD])
    return ctx


def ensure_running(ctx: Any) -> None:
    """Start `ctx`'s server unless it runs (no-op for spawn)."""
    if ctx.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def prestart() -> None:
    """Start the real engine's preloading server now, if this platform has one."""
    ensure_running(context())


def checks_documents(args: Sequence[str]) -> bool:
    """`check` that will read documents: not a help request, not the one-process mode."""
    if not args or args[0] != "check" or "--help" in args or "-h" in args:
        return False
    pairs = list(pairwise(args))
    one_job = any(a in ("-j1", "--jobs=1") for a in args) or any(
        a in ("-j", "--jobs") and b == "1" for a, b in pairs
    )
    no_limit = "--timeout=0" in args or any(
        a == "--timeout" and b in ("0", "0.0") for a, b in pairs
    )
    return not (one_job and no_limit)


def main() -> None:
    """Console-script entry point: the server first (for `check`), then the command line."""
    if checks_documents(sys.argv[1:]):
        prestart()
    from policycheck.cli import main as cli_main

    cli_main()
