"""`policycheck check` starts loading the engine before it parses options, only when it will
need worker processes: never for help, other commands, or one job without a time limit."""

from __future__ import annotations

import subprocess
import sys

import pytest

from policycheck.server import checks_documents as _checks_documents


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "policies/"],
        ["check", "--jobs", "1", "a.pdf"],  # one job still runs in a worker, for the time limit
        ["check", "--timeout", "0", "a.pdf"],  # no limit, but jobs may be more than one
        ["check", "-j", "2", "--timeout", "0"],
    ],
)
def test_checks_that_need_workers_start_them_early(args: list[str]) -> None:
    assert _checks_documents(args)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["check", "--help"],
        ["check", "-h"],
        ["rules", "list"],
        ["eval", "samples"],
        ["check", "--jobs", "1", "--timeout", "0", "a.pdf"],
        ["check", "-j1", "--timeout=0", "a.pdf"],
        ["check", "--jobs=1", "--timeout", "0.0"],
    ],
)
def test_nothing_starts_early_without_need(args: list[str]) -> None:
    assert not _checks_documents(args)


def test_the_entry_point_starts_the_server_before_loading_the_command_line() -> None:
    # The server's start overlaps with everything this process still imports: the entry point's
    # module must import none of it (Typer, the rules, spaCy) before the server is running.
    code = ("import sys, policycheck.server; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('typer', 'spacy', 'pydantic', 'yaml') "
            "or m in ('policycheck.cli', 'policycheck.batch')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
