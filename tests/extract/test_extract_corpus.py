"""Every real-world PDF and DOCX in the shared corpus extracts or fails with a typed error."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from pathlib import Path

import pytest
from extract_builders import CORPUS

PER_FILE_SECONDS = 30


def _sweep_one(path: str) -> tuple[str, str]:
    """Run in a child process: 'ok', 'typed:<Error>' or 'untyped:<Error>: message'."""
    from policycheck.errors import PolicycheckError
    from policycheck.extract import extract

    try:
        doc = extract(Path(path))
    except PolicycheckError as exc:
        return path, f"typed:{type(exc).__name__}"
    except Exception as exc:
        return path, f"untyped:{type(exc).__name__}: {exc}"
    return path, "ok" if doc.assessable else "ok:not-assessable"


def corpus_files() -> list[Path]:
    return sorted(p for sub in ("pdf", "docx") for p in (CORPUS / sub).glob("*") if p.is_file())


@pytest.mark.slow
def test_corpus_sweep_never_crashes_or_hangs() -> None:
    files = corpus_files()
    if not files:
        pytest.skip("corpus not present")
    outcomes: Counter[str] = Counter()
    untyped: list[str] = []
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes=1, maxtasksperchild=200) as pool:
        pending = [(f, pool.apply_async(_sweep_one, (str(f),))) for f in files]
        for path, job in pending:
            try:
                _, outcome = job.get(timeout=PER_FILE_SECONDS)
            except multiprocessing.TimeoutError:
                pool.terminate()
                pytest.fail(f"{path.name}: no answer within {PER_FILE_SECONDS} s")
            outcomes[outcome.split(":")[0] if outcome.startswith("untyped") else outcome] += 1
            if outcome.startswith("untyped"):
                untyped.append(f"{path.name}: {outcome}")
    print(f"corpus sweep: {len(files)} files, {dict(sorted(outcomes.items()))}")
    assert untyped == []
    assert outcomes["ok"] > len(files) // 2
