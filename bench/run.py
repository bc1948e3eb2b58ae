"""Benchmark policycheck against the libraries it builds on; prints a Markdown table.

Usage: python bench/run.py [--runs N] [--quick] [--out FILE]   (run from the repository root)
Documents are generated once into bench/.data/ (DOCX via python-docx, PDF via LibreOffice), with
full pages of about 2,800 characters as a real policy has. Figures are medians over N runs with
min-max; ratios name their baseline. Measured: peak memory (200-page PDF), whole-process check
against pdfplumber and pdftotext (the 40-page PDF, a half-full 40-page PDF, and a real-world PDF
from ../shared/corpus when present), in-process pages/s per stage and format, growth over
5/40/200 pages, --help and --version start-up, --jobs 1 against --jobs 2 on a batch, and a cold
against a warm cache. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

PY = sys.executable
# Byte-compiled modules cached, as an installed package has them (pip compiles at install).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV |= {"PYTHONPATH": str(HERE.parent / "src"), "NO_COLOR": "1"}
# A real, dense public document (a US Federal Register notice) from the shared test corpus.
REAL_PDF = HERE.parent.parent / "shared" / "corpus" / "pdf" / "federal-register-2020-17221.pdf"
PDFPLUMBER_ONLY = (
    "import sys, pdfplumber\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    text = '\\n'.join(page.extract_text() or '' for page in pdf.pages)\n"
)


class Timing:
    """Median and range of repeated measurements (seconds), and the peak memory seen."""

    def __init__(self, samples: Sequence[float], peak_mb: float = 0.0) -> None:
        self.samples = sorted(samples)
        self.peak_mb = peak_mb

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def show(self) -> str:
        lo, hi = self.samples[0], self.samples[-1]
        return f"{self.median * 1000:,.0f} ms ({lo * 1000:,.0f}-{hi * 1000:,.0f})"


def _once(cmd: Sequence[str]) -> tuple[float, float]:
    """Seconds and peak resident MB (of the process or any child it waited for) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err[-500:]}")
    return elapsed, usage.ru_maxrss / 1024


def run_process(cmd: Sequence[str], runs: int) -> Timing:
    """Time a whole process `runs` times; also report its peak resident memory."""
    return run_alternating([cmd], runs)[0]


def run_alternating(cmds: Sequence[Sequence[str]], runs: int) -> list[Timing]:
    """Time several commands in turn, round after round, so that a busy spell on a shared
    machine falls on all of them alike rather than on whichever ran then."""
    samples: list[list[float]] = [[] for _ in cmds]
    peaks = [0.0 for _ in cmds]
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            elapsed, peak = _once(cmd)
            samples[i].append(elapsed)
            peaks[i] = max(peaks[i], peak)
    return [Timing(s, p) for s, p in zip(samples, peaks, strict=True)]


def ratio(a: Timing, b: Timing) -> str:
    """a / b on medians, and on the fastest runs (the least disturbed by other load)."""
    return f"{a.median / b.median:.2f}x (fastest runs: {a.samples[0] / b.samples[0]:.2f}x)"


def run_inprocess(fn: Callable[[], object], runs: int) -> Timing:
    """Time a function call `runs` times in this process."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return Timing(samples)


def check_cmd(*args: str) -> list[str]:
    """`policycheck check` as a user runs it, JSON on stdout (discarded)."""
    return [PY, "-m", "policycheck", "check", "--format", "json", *args]


def _clear_match_caches() -> None:
    """Forget per-document analyses and hits (compiled matchers stay: they are per process)."""
    from policycheck.engine import forget_documents

    forget_documents()


def stages(path: Path, runs: int) -> dict[str, Timing]:
    """Extract, NLP and matching timed separately, in process, with a warm pipeline; the rule
    sets are checked together, as `check` does."""
    from policycheck.batch import warm_engine
    from policycheck.engine import check_all
    from policycheck.engine.nlp import analyse
    from policycheck.extract import extract
    from policycheck.rules import DEFAULT_RULESETS, load_rulesets

    rulesets = load_rulesets(DEFAULT_RULESETS)
    warm_engine(rulesets)  # the pipeline and the matchers, as a worker has them ready
    gc.freeze()  # as a worker does after warming up
    document = extract(path)

    def nlp() -> None:
        analyse.cache_clear()
        analyse(document)

    def match() -> float:
        _clear_match_caches()
        analyse(document, None)  # as the NLP stage leaves it (keyed as `check` asks); not timed
        start = time.perf_counter()
        check_all(document, rulesets)  # which forgets the analysis when it is done
        return time.perf_counter() - start

    analyse.cache_clear()
    timings = {"extract": run_inprocess(lambda: extract(path), runs),
               "nlp": run_inprocess(nlp, runs)}
    timings["match"] = Timing([match() for _ in range(runs)])
    return timings


def _row(rows: list[tuple[str, str, str]], name: str, result: str, comparison: str = "") -> None:
    rows.append((name, result, comparison))
    print(f"  {name}: {result} {comparison}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="3 runs, a batch of 100")
    parser.add_argument("--out", type=Path, help="also write the table to FILE")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    data = HERE / ".data"
    # Full pages (about 2,800 characters, as a real policy) for every figure; the half-full
    # 40-page document is kept for the start-up-dominated comparison against pdfplumber.
    docs = {pages: corpus.ensure(data, pages, full=True) for pages in (5, 40, 200)}
    half40 = corpus.ensure(data, 40)[1]
    rows: list[tuple[str, str, str]] = []

    # First, while this process is small: a child's peak memory counts what it was forked from.
    # In one process (--timeout 0): a worker's peak is not reported to the process that waits.
    big = run_process(check_cmd("--no-cache", "--jobs", "1", "--timeout", "0",
                                str(docs[200][1])), 1)
    plumber_big = run_process([PY, "-c", PDFPLUMBER_ONLY, str(docs[200][1])], 1)
    _row(rows, "5. peak memory, `check` 200-page PDF, one process", f"{big.peak_mb:,.0f} MB",
         f"pdfplumber extract_text alone: {plumber_big.peak_mb:,.0f} MB")

    pdf40 = docs[40][1]
    compared = [("40-page PDF, full pages", pdf40), ("40-page PDF, half-full pages", half40)]
    if REAL_PDF.exists():
        compared.append((f"real-world PDF `{REAL_PDF.name}` (15 dense pages)", REAL_PDF))
    for name, pdf in compared:
        ours, plumber = run_alternating(
            [check_cmd("--no-cache", str(pdf)), [PY, "-c", PDFPLUMBER_ONLY, str(pdf)]], runs)
        _row(rows, f"1. `check` {name}, whole process", ours.show(),
             f"{ratio(ours, plumber)} pdfplumber extract_text alone ({plumber.show()})")
        if pdf == pdf40:
            ours40 = ours
    if shutil.which("pdftotext"):
        poppler = run_process(["pdftotext", str(pdf40), os.devnull], runs)
        _row(rows, "1. poppler `pdftotext`, the 40-page full-page PDF, whole process",
             poppler.show(), f"ours is {ours40.median / poppler.median:.1f}x pdftotext")

    for fmt, index in (("DOCX", 0), ("PDF", 1)):
        for pages in (5, 40, 200):
            timings = stages(docs[pages][index], runs)
            total = sum(t.median for t in timings.values())
            parts = "; ".join(
                f"{name} {pages / t.median:,.0f} p/s ({t.show()})" for name, t in timings.items()
            )
            _row(rows, f"2/6. in-process {fmt} {pages} pages", f"{total * 1000:,.0f} ms",
                 f"**{pages / total:,.0f} pages/s** overall; {parts}")

    for pages in (5, 40, 200):
        whole = run_process(check_cmd("--no-cache", "--jobs", "1", str(docs[pages][1])), runs)
        _row(rows, f"6. `check` {pages}-page PDF, whole process", whole.show(),
             f"{whole.median / pages * 1000:,.1f} ms/page")

    for flag in ("--help", "--version"):
        timing = run_process([PY, "-m", "policycheck", flag], runs)
        _row(rows, f"3. `policycheck {flag}`", timing.show())

    batch_size = 100 if args.quick else 200
    batch = corpus.ensure_batch(data, batch_size)
    batch_runs = 1 if args.quick else 3
    one, two = run_alternating(
        [check_cmd("--no-cache", "--jobs", str(j), str(batch)) for j in (1, 2)], batch_runs)
    label = f"batch of {batch_size} DOCX (1-10 pages)"
    _row(rows, f"4. {label}, `--jobs 1`", one.show())
    _row(rows, f"4. {label}, `--jobs 2`", two.show(), f"{ratio(one, two)} faster than --jobs 1")
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "cache"
        cached = check_cmd("--jobs", "2", "--cache-dir", str(cache), str(batch))
        cold = run_process(cached, 1)
        warm = run_process(cached, runs)
        _row(rows, f"7. cache: first run, {label}", cold.show())
        _row(rows, f"7. cache: unchanged re-run, {label}", warm.show(),
             f"{cold.median / warm.median:.1f}x faster than the first run (fastest re-run: "
             f"{cold.median / warm.samples[0]:.1f}x)")
        text_cmd = [PY, "-m", "policycheck", "check", "--format", "text", "--jobs", "2",
                    "--cache-dir", str(cache), str(batch)]
        as_text = run_process(text_cmd, runs)
        _row(rows, f"8. unchanged re-run, {label}, default text report", as_text.show(),
             f"{as_text.median / warm.median:.1f}x the JSON re-run: the report costs "
             f"{(as_text.median - warm.median) / batch_size * 1000:.1f} ms a document more")

    table = ["| measure | result (median, min-max) | comparison |", "| --- | --- | --- |"]
    table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
